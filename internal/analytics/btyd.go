package analytics

import (
	"errors"
	"fmt"
	"math"
)

// CustomerSummary is the input of the BG/NBD and Pareto/NBD models: for each
// row, X repeat purchases, the time Tx of the last of them and the customer's
// age T, all measured from the customer's first purchase in one time unit
// (weeks in the papers; days work as well). Rows may stand for several
// identical customers: Weight counts them (nil means one customer per row).
// Compress builds such rows from per-customer columns.
type CustomerSummary struct {
	X      []int     // repeat purchases (purchases after the first)
	Tx     []float64 // time of the last purchase since the first (0 when X is 0)
	T      []float64 // time from the first purchase to the end of observation
	Weight []float64 // customers represented by the row; nil means 1 each
}

// Len returns the number of rows.
func (d CustomerSummary) Len() int { return len(d.X) }

// weight returns the weight of row i.
func (d CustomerSummary) weight(i int) float64 {
	if d.Weight == nil {
		return 1
	}
	return d.Weight[i]
}

// validate checks the summary once so that the likelihood code can assume
// clean input. It returns the total weight.
func (d CustomerSummary) validate() (float64, error) {
	n := len(d.X)
	if len(d.Tx) != n || len(d.T) != n || (d.Weight != nil && len(d.Weight) != n) {
		return 0, fmt.Errorf("analytics: customer summary columns differ in length (x %d, t_x %d, T %d, weight %d)",
			n, len(d.Tx), len(d.T), len(d.Weight))
	}
	if n == 0 {
		return 0, errors.New("analytics: customer summary is empty")
	}
	var total float64
	for i := range n {
		x, tx, T := d.X[i], d.Tx[i], d.T[i]
		switch {
		case x < 0:
			return 0, fmt.Errorf("analytics: row %d: repeat purchases x=%d is negative", i, x)
		case !finite(tx) || !finite(T) || tx < 0 || T <= 0:
			return 0, fmt.Errorf("analytics: row %d: need 0 <= t_x and 0 < T, got t_x=%v T=%v", i, tx, T)
		case tx > T:
			return 0, fmt.Errorf("analytics: row %d: last purchase t_x=%v is after the end of observation T=%v", i, tx, T)
		case x == 0 && tx != 0:
			return 0, fmt.Errorf("analytics: row %d: a customer without repeat purchases must have t_x=0, got %v", i, tx)
		}
		w := d.weight(i)
		if !finite(w) || w < 0 {
			return 0, fmt.Errorf("analytics: row %d: weight %v is not a non-negative number", i, w)
		}
		total += w
	}
	if total <= 0 {
		return 0, errors.New("analytics: customer summary has zero total weight")
	}
	return total, nil
}

// summaryKey identifies a unique (x, t_x, T) triple. The times are kept as
// their bits: a key of plain integers hashes as one block of memory,
// where float fields are hashed one by one with NaN and signed-zero care.
type summaryKey struct {
	x     int
	tx, T uint64
}

// Compress turns per-customer columns into unique (x, t_x, T) rows with
// weights, and returns for every customer the index of its row, so that
// predictions computed once per row can be handed back per customer.
//
// Fitting cost grows with the number of rows, not customers: with times
// measured in days a million customers usually collapse to a few hundred
// thousand rows, and to far fewer when times are whole weeks. Rows keep the
// order of first appearance, so the result is deterministic.
func Compress(x []int, tx, T []float64) (CustomerSummary, []int32, error) {
	n := len(x)
	if len(tx) != n || len(T) != n {
		return CustomerSummary{}, nil, fmt.Errorf("analytics: compress: columns differ in length (x %d, t_x %d, T %d)", n, len(tx), len(T))
	}
	if n > math.MaxInt32 {
		return CustomerSummary{}, nil, fmt.Errorf("analytics: compress: %d customers exceed the supported %d", n, math.MaxInt32)
	}
	index := make([]int32, n)
	seen := make(map[summaryKey]int32, min(n, 1<<16))
	var out CustomerSummary
	for i := range n {
		if math.IsNaN(tx[i]) || math.IsNaN(T[i]) {
			return CustomerSummary{}, nil, fmt.Errorf("analytics: compress: customer %d has a NaN time", i)
		}
		// Adding 0 turns -0 into +0, which compare equal but differ in bits.
		txi, Ti := tx[i]+0, T[i]+0
		k := summaryKey{x: x[i], tx: math.Float64bits(txi), T: math.Float64bits(Ti)}
		row, ok := seen[k]
		if !ok {
			row = int32(len(out.X))
			seen[k] = row
			out.X = append(out.X, k.x)
			out.Tx = append(out.Tx, txi)
			out.T = append(out.T, Ti)
			out.Weight = append(out.Weight, 0)
		}
		out.Weight[row]++
		index[i] = row
	}
	return out, index, nil
}

// FitOptions tunes the maximum-likelihood fits. The zero value (or nil) is a
// good default.
type FitOptions struct {
	// MaxIterations bounds the optimiser's major iterations (default 1000).
	MaxIterations int
	// Tolerance is the largest accepted gradient component of the mean
	// log-likelihood per customer with respect to the log-parameters
	// (default 1e-9). The mean, not the sum, keeps the test independent of
	// the number of customers.
	Tolerance float64
}

func (o *FitOptions) maxIterations() int {
	if o == nil || o.MaxIterations <= 0 {
		return 1000
	}
	return o.MaxIterations
}

func (o *FitOptions) tolerance() float64 {
	if o == nil || o.Tolerance <= 0 {
		return 1e-9
	}
	return o.Tolerance
}

// FitInfo describes how a maximum-likelihood fit went.
type FitInfo struct {
	LL           float64 // log-likelihood at the returned parameters (sum over customers), "LL" in the papers
	Customers    float64 // total weight of the data
	Iterations   int     // optimiser major iterations, over all restarts
	Evaluations  int     // likelihood evaluations
	GradientNorm float64 // largest gradient component of the mean log-likelihood (log-parameters) at the end
	// Boundary is set when the optimum lies in a limit: some parameter is
	// above 1e8 or below 1e-8 (for example r and alpha growing together
	// when all customers buy at the same rate). The fit is the maximum
	// and its predictions are valid; the parameters one by one are not
	// meaningful. Small groups of customers often end here.
	Boundary bool
}

// ErrNotConverged is wrapped by the error a fit returns when the optimiser
// stops without reaching the tolerance; test for it with errors.Is.
var ErrNotConverged = errors.New("did not converge")

// ErrDegenerate is wrapped by the error a fit returns when the data cannot
// identify the model (for example nobody made a repeat purchase).
var ErrDegenerate = errors.New("degenerate data")

// gradNorm is the largest absolute component of g (the infinity norm).
func gradNorm(g []float64) float64 {
	var m float64
	for _, v := range g {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// distinctInts maps values to indices into a table of their distinct values,
// so that terms depending only on x (log-gamma, digamma) are computed once per
// distinct x per likelihood evaluation instead of once per row.
func distinctInts(vals []int) (idx []int32, table []float64) {
	idx = make([]int32, len(vals))
	pos := make(map[int]int32)
	for i, v := range vals {
		j, ok := pos[v]
		if !ok {
			j = int32(len(table))
			pos[v] = j
			table = append(table, float64(v))
		}
		idx[i] = j
	}
	return idx, table
}

// distinctTimes maps the times of two columns to one table of their
// distinct values, returning each row's index into it for both columns.
func distinctTimes(a, b []float64) (ai, bi []int32, table []float64) {
	pos := make(map[float64]int32)
	index := func(col []float64) []int32 {
		idx := make([]int32, len(col))
		for i, v := range col {
			j, ok := pos[v]
			if !ok {
				j = int32(len(table))
				pos[v] = j
				table = append(table, v)
			}
			idx[i] = j
		}
		return idx
	}
	return index(a), index(b), table
}

// checkFinite returns an error naming the first of values that is NaN or
// infinite: results must never carry them.
func checkFinite(what string, values ...float64) error {
	for _, v := range values {
		if !finite(v) {
			return fmt.Errorf("analytics: %s is not a finite number (%v)", what, v)
		}
	}
	return nil
}
