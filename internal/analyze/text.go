package analyze

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// table lays out rows in aligned columns. Widths are display widths, so
// Chinese customer ids and product names (two columns per character in a
// terminal) line up; text/tabwriter counts them as one. Columns whose
// cells are all numbers are right-aligned, except id columns: an id such
// as 0509 is a name, not a quantity.
type table struct {
	rows  [][]string
	idCol map[int]bool
}

func newTable(header ...string) *table { return &table{rows: [][]string{header}} }

// ids marks columns that hold ids.
func (t *table) ids(cols ...int) *table {
	t.idCol = map[int]bool{}
	for _, c := range cols {
		t.idCol[c] = true
	}
	return t
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	n := len(t.rows[0])
	widths := make([]int, n)
	numeric := make([]bool, n)
	for c := range n {
		numbers, others := 0, 0
		for r, row := range t.rows {
			widths[c] = max(widths[c], displayWidth(row[c]))
			switch {
			case r == 0 || row[c] == "":
			case isNumber(row[c]):
				numbers++
			default:
				others++
			}
		}
		numeric[c] = numbers > 0 && others == 0 && !t.idCol[c]
	}
	var b strings.Builder
	for _, row := range t.rows {
		var line strings.Builder
		for c, cell := range row {
			pad := strings.Repeat(" ", widths[c]-displayWidth(cell))
			if c > 0 {
				line.WriteString("  ")
			}
			if numeric[c] {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth counts East Asian wide and fullwidth characters as two
// terminal columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func isNumber(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "-"), "%")
	r, _ := utf8.DecodeRuneInString(s)
	if r < '0' || r > '9' {
		return false
	}
	_, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return err == nil
}

// money formats minor units as major units with two decimals.
func money(minor int64) string {
	sign, a := "", uint64(minor)
	if minor < 0 {
		sign, a = "-", -a // uint64 negation: right for math.MinInt64 too
	}
	return fmt.Sprintf("%s%d.%02d", sign, a/100, a%100)
}

// moneyFloat formats an estimate in minor units as major units.
func moneyFloat(minor float64) string { return strconv.FormatFloat(minor/100, 'f', 2, 64) }

func percent(share float64) string { return strconv.FormatFloat(share*100, 'f', 1, 64) + "%" }

func num(v float64, decimals int) string { return strconv.FormatFloat(v, 'f', decimals, 64) }

// limit returns how many of n items a text report lists.
func limit(n, top int) int {
	if top <= 0 || top > n {
		return n
	}
	return top
}

// moreLine tells the reader that a list was cut.
func moreLine(w io.Writer, shown, n int, what string) {
	if shown < n {
		fmt.Fprintf(w, "(%d of %d %s shown; --top 0 lists all, --json has all)\n", shown, n, what)
	}
}
