package analyze

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// RFMReport is the RFM analysis: quintile scores, what each score means
// (bands), the segments and each customer's inputs beside its scores.
type RFMReport struct {
	Source
	// Ties is "shared": equal values get equal scores, so a score is
	// explained by the value alone and does not depend on row order.
	Ties        string        `json:"ties"`
	Bands       RFMBands      `json:"bands"`
	Segments    []SegmentSize `json:"segments"`
	FM          [5][5]RFMCell `json:"frequency_monetary"` // [F-1][M-1]: what customers are worth
	FR          [5][5]int     `json:"frequency_recency"`  // [F-1][R-1]: who is leaving (high F, low R)
	PerCustomer []RFMCustomer `json:"per_customer"`
}

// RFMBands gives, per dimension, the range of values behind each score 1-5.
type RFMBands struct {
	RecencyDays [5]Band `json:"recency_days"`
	Frequency   [5]Band `json:"frequency"`
	Monetary    [5]Band `json:"monetary"`
}

// Band is the range of input values that received one score.
type Band struct {
	Score     int   `json:"score"`
	Customers int   `json:"customers"`
	Min       int64 `json:"min"`
	Max       int64 `json:"max"`
}

// SegmentSize is the number of customers in a segment.
type SegmentSize struct {
	Segment   string `json:"segment"`
	Customers int    `json:"customers"`
}

// RFMCell is one cell of the frequency x monetary view.
type RFMCell struct {
	Customers int   `json:"customers"`
	Monetary  int64 `json:"monetary"`
}

// RFMCustomer is one customer's inputs and scores.
type RFMCustomer struct {
	CustomerID  string `json:"customer_id"`
	LastOrder   string `json:"last_order"`
	RecencyDays int64  `json:"recency_days"`
	Frequency   int64  `json:"frequency"` // days with orders
	Monetary    int64  `json:"monetary"`  // minor units
	R           uint8  `json:"r"`
	F           uint8  `json:"f"`
	M           uint8  `json:"m"`
	Segment     string `json:"segment"`
}

// rfmColumns builds the RFM input as of asOf from the purchases before it;
// customers without any are left out and index maps result rows back.
func rfmColumns(h *History, asOf time.Time) (in analytics.RFMInput, index []int) {
	in.AsOf = asOf.Unix()
	for i := range h.Customers {
		c := &h.Customers[i]
		n := c.Before(asOf)
		if n == 0 {
			continue
		}
		amount, _ := c.Totals(c.First(), asOf)
		in.LastOrder = append(in.LastOrder, c.Days[n-1].Date.Unix())
		in.Frequency = append(in.Frequency, int64(n))
		in.Monetary = append(in.Monetary, amount)
		index = append(index, i)
	}
	return in, index
}

// RFM scores every customer on recency, frequency (days with orders) and
// monetary value (total amount) over the whole history before the as-of
// date.
func RFM(h *History) (*RFMReport, error) {
	in, index := rfmColumns(h, h.AsOf)
	res, err := analytics.RFMScores(in, analytics.RFMOptions{Ties: analytics.TiesShared})
	if err != nil {
		return nil, fmt.Errorf("rfm: %w", err)
	}
	rep := &RFMReport{Source: newSource("rfm", h), Ties: "shared", FR: res.FR}
	for s := range 5 {
		rep.Bands.RecencyDays[s] = band(s, res.Bands[0][s])
		rep.Bands.Frequency[s] = band(s, res.Bands[1][s])
		rep.Bands.Monetary[s] = band(s, res.Bands[2][s])
		for m := range 5 {
			rep.FM[s][m] = RFMCell{Customers: res.FM[s][m].Customers, Monetary: res.FM[s][m].Monetary}
		}
	}
	for k, name := range res.SegmentNames {
		rep.Segments = append(rep.Segments, SegmentSize{Segment: name, Customers: res.SegmentCounts[k]})
	}
	for i, c := range index {
		e := res.Explain(i)
		rep.PerCustomer = append(rep.PerCustomer, RFMCustomer{
			CustomerID: h.Customers[c].ID, LastOrder: dateString(time.Unix(in.LastOrder[i], 0).UTC()),
			RecencyDays: (in.AsOf - in.LastOrder[i]) / 86400, Frequency: e.Frequency, Monetary: e.Monetary,
			R: e.R, F: e.F, M: e.M, Segment: e.Segment,
		})
	}
	return rep, nil
}

func band(s int, b analytics.ScoreBand) Band {
	return Band{Score: s + 1, Customers: b.Customers, Min: b.Min, Max: b.Max}
}

// WriteText prints the bands, the segments and the customers with the
// highest scores.
func (r *RFMReport) WriteText(w io.Writer, top int) error {
	r.Source.writeText(w, "RFM: recency, frequency and monetary quintile scores (5 = best; equal values share a score)")
	fmt.Fprintln(w)
	t := newTable("score", "recency (days)", "customers", "frequency (days with orders)", "customers", "monetary", "customers")
	for s := 4; s >= 0; s-- {
		rb, fb, mb := r.Bands.RecencyDays[s], r.Bands.Frequency[s], r.Bands.Monetary[s]
		t.add(strconv.Itoa(s+1), bandRange(rb, strconv.FormatInt), strconv.Itoa(rb.Customers),
			bandRange(fb, strconv.FormatInt), strconv.Itoa(fb.Customers),
			bandRange(mb, func(v int64, _ int) string { return money(v) }), strconv.Itoa(mb.Customers))
	}
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	seg := newTable("segment", "customers", "share")
	for _, s := range r.Segments {
		seg.add(s.Segment, strconv.Itoa(s.Customers), percent(float64(s.Customers)/float64(r.Customers)))
	}
	if err := seg.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	best := slices.Clone(r.PerCustomer)
	slices.SortStableFunc(best, func(a, b RFMCustomer) int {
		return cmp.Or(-cmp.Compare(a.R+a.F+a.M, b.R+b.F+b.M), -cmp.Compare(a.Monetary, b.Monetary))
	})
	n := limit(len(best), top)
	ct := newTable("customer_id", "last order", "recency", "frequency", "monetary", "R", "F", "M", "segment").ids(0)
	for _, c := range best[:n] {
		ct.add(c.CustomerID, c.LastOrder, strconv.FormatInt(c.RecencyDays, 10), strconv.FormatInt(c.Frequency, 10),
			money(c.Monetary), strconv.Itoa(int(c.R)), strconv.Itoa(int(c.F)), strconv.Itoa(int(c.M)), c.Segment)
	}
	if err := ct.write(w); err != nil {
		return err
	}
	moreLine(w, n, len(best), "customers")
	return nil
}

// bandRange shows a band as "min-max", or "-" when nobody got the score.
func bandRange(b Band, format func(int64, int) string) string {
	switch {
	case b.Customers == 0:
		return "-"
	case b.Min == b.Max:
		return format(b.Min, 10)
	}
	return format(b.Min, 10) + " - " + format(b.Max, 10)
}
