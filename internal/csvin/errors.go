package csvin

import (
	"fmt"
	"strings"
)

// RowError is one problem in the input.
type RowError struct {
	Line    int    `json:"line"`             // line of the record (0: not tied to a line)
	Column  string `json:"column,omitempty"` // the column's name; empty for the whole row
	Message string `json:"message"`
}

func (e RowError) String() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
	}
	if e.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// Errors is every problem found in one input: the first ones in detail
// (Options.MaxErrors) and the count of all.
type Errors struct {
	List  []RowError `json:"errors"`
	Total int        `json:"total"`
}

// Error lists the problems one per line.
func (e *Errors) Error() string {
	var b strings.Builder
	if e.Total == 1 {
		b.WriteString("1 problem:")
	} else {
		fmt.Fprintf(&b, "%d problems:", e.Total)
	}
	for _, re := range e.List {
		b.WriteString("\n  ")
		b.WriteString(re.String())
	}
	if more := e.Total - len(e.List); more > 0 {
		fmt.Fprintf(&b, "\n  ... and %d more", more)
	}
	return b.String()
}
