package analyze

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/guanxi-crm/guanxi/internal/csvin"
)

// Summary is a customer summary file: per customer the (x, t_x, T) the
// BTYD models read and, optionally, zbar, the mean value of the repeat
// purchases. The time and money units are the file's own.
type Summary struct {
	X              []int
	Tx, T          []float64
	Zbar           []float64 // nil when the file has no spend column
	Encoding       string
	IgnoredColumns []string
}

// The columns of the CDNOW summary files (ID,frequency,recency,T and
// ID,x,t_x,T,zbar, see the BTYD papers' data notes) and the names the
// lifetimes library writes (frequency, recency, T, monetary_value).
var summaryColumns = []csvin.Column{
	{Name: "id", Aliases: []string{"customer_id"}},
	{Name: "x", Aliases: []string{"frequency"}, Required: true},
	{Name: "t_x", Aliases: []string{"recency"}, Required: true},
	{Name: "t", Required: true},
	{Name: "zbar", Aliases: []string{"monetary_value"}},
}

// ReadSummary reads a customer summary CSV, reporting every bad row.
func ReadSummary(src io.Reader, maxBytes int64) (*Summary, error) {
	r, err := csvin.Open(src, csvin.Options{Columns: summaryColumns, MaxBytes: maxBytes})
	if err != nil {
		return nil, err
	}
	s := &Summary{Encoding: string(r.Encoding()), IgnoredColumns: r.Unused()}
	hasZbar := r.Has("zbar")
	for row := range r.Rows() {
		x, tx, T, zbar, ok := parseSummaryRow(r, row, hasZbar)
		if !ok {
			continue
		}
		s.X, s.Tx, s.T = append(s.X, x), append(s.Tx, tx), append(s.T, T)
		if hasZbar {
			s.Zbar = append(s.Zbar, zbar)
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	if len(s.X) == 0 {
		return nil, errors.New("the file has no customers")
	}
	return s, nil
}

// parseSummaryRow reads and checks one customer: 0 <= t_x <= T, T > 0,
// and t_x = 0 for a customer without repeat purchases.
func parseSummaryRow(r *csvin.Reader, row csvin.Row, hasZbar bool) (x int, tx, T, zbar float64, ok bool) {
	ok = true
	number := func(col string) float64 {
		v, err := strconv.ParseFloat(row.Get(col), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			r.Fail(row.Line, col, fmt.Sprintf("%q is not a non-negative number", row.Get(col)))
			ok = false
		}
		return v
	}
	xf, tx, T := number("x"), number("t_x"), number("t")
	if hasZbar {
		zbar = number("zbar")
	}
	if !ok {
		return
	}
	// lifetimes writes frequency as a float ("2.0"); any whole number will do.
	if xf != math.Trunc(xf) || xf > math.MaxInt32 {
		r.Fail(row.Line, "x", fmt.Sprintf("%q is not a whole number of purchases", row.Get("x")))
		return 0, 0, 0, 0, false
	}
	x = int(xf)
	switch {
	case T <= 0:
		r.Fail(row.Line, "t", "must be positive: the time from the first purchase to the end of observation")
		ok = false
	case tx > T:
		r.Fail(row.Line, "t_x", fmt.Sprintf("%v is after the end of observation t=%v", tx, T))
		ok = false
	case x == 0 && tx != 0:
		r.Fail(row.Line, "t_x", "must be 0 for a customer without repeat purchases (x = 0)")
		ok = false
	}
	return x, tx, T, zbar, ok
}

// SummaryReport holds the model fits on a summary file. The key names are
// part of the command's interface (issue 4).
type SummaryReport struct {
	Analysis       string         `json:"analysis"`
	Customers      int            `json:"customers"`
	Encoding       string         `json:"encoding"`
	IgnoredColumns []string       `json:"ignored_columns,omitempty"`
	BGNBD          BGNBDModel     `json:"bgnbd"`
	ParetoNBD      ParetoNBDModel `json:"pareto_nbd"`
	// GammaGamma is null when the file has no zbar (mean spend) column.
	GammaGamma *GammaGammaModel `json:"gamma_gamma"`
	Notes      []string         `json:"notes,omitempty"`
}

// FitSummary fits BG/NBD, Pareto/NBD and, with spend, Gamma-Gamma.
func FitSummary(s *Summary) (*SummaryReport, error) {
	bg, pn, err := purchaseFits(s.X, s.Tx, s.T)
	if err != nil {
		return nil, fmt.Errorf("clv: %w", err)
	}
	rep := &SummaryReport{Analysis: "clv", Customers: len(s.X), Encoding: s.Encoding, IgnoredColumns: s.IgnoredColumns,
		BGNBD: bgnbdModel(bg), ParetoNBD: paretoModel(pn)}
	if s.Zbar == nil {
		rep.Notes = append(rep.Notes, "gamma_gamma needs a zbar (mean repeat spend) column, as in cdnow_customers_summary_with_transactions.csv")
		return rep, nil
	}
	gg, err := fitSpend(s.X, s.Zbar)
	if err != nil {
		return nil, fmt.Errorf("clv: %w", err)
	}
	m := gammaGammaModel(gg)
	rep.GammaGamma = &m
	return rep, nil
}

// WriteText prints the fitted models.
func (r *SummaryReport) WriteText(w io.Writer, _ int) error {
	fmt.Fprintf(w, "BTYD models fitted on a customer summary: %d customers; file encoding %s\n\n", r.Customers, r.Encoding)
	if err := writeModels(w, &r.BGNBD, &r.ParetoNBD, r.GammaGamma); err != nil {
		return err
	}
	if len(r.IgnoredColumns) > 0 {
		fmt.Fprintf(w, "columns not used: %s\n", strings.Join(r.IgnoredColumns, ", "))
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	return nil
}
