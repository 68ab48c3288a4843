package analyze

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// ValueReport is the profitability analysis: Pareto/ABC tiers, the top
// 20%'s share, the Pareto curve and each customer's profit and rank.
type ValueReport struct {
	Source
	// Basis is "gross_profit", or "amount" when the orders carry no gross
	// profit: tiers then rank customers by revenue.
	Basis          string          `json:"basis"`
	TotalProfit    int64           `json:"total_profit"`
	PositiveProfit int64           `json:"positive_profit"`
	Cuts           [4]float64      `json:"tier_cuts"` // cumulative shares of positive profit closing the first four tiers
	Tiers          []TierSize      `json:"tiers"`
	Top20          Top20           `json:"top_20_percent"`
	Unprofitable   int             `json:"unprofitable_customers"`
	Curve          []CurvePoint    `json:"pareto_curve"`
	PerCustomer    []ValueCustomer `json:"per_customer"`
}

// TierSize is one tier's customers and profit.
type TierSize struct {
	Tier      string `json:"tier"`
	Customers int    `json:"customers"`
	Profit    int64  `json:"profit"`
}

// Top20 is the profit made by the most profitable fifth of customers.
type Top20 struct {
	Customers int   `json:"customers"`
	Profit    int64 `json:"profit"`
	// Share of total profit; null when total profit is not positive.
	Share *float64 `json:"share"`
}

// CurvePoint is a point of the Pareto curve.
type CurvePoint struct {
	Customers        int     `json:"customers"`
	CustomerShare    float64 `json:"customer_share"`
	CumulativeProfit int64   `json:"cumulative_profit"`
	ProfitShare      float64 `json:"profit_share"`
}

// ValueCustomer is one customer's inputs, rank and tier.
type ValueCustomer struct {
	CustomerID string `json:"customer_id"`
	Revenue    int64  `json:"revenue"`
	Profit     int64  `json:"profit"`
	Rank       int    `json:"rank"` // 1 = most profitable
	// ShareBefore is the share of positive profit made by the customers
	// ranked above: the number the tier cuts are compared with.
	ShareBefore float64 `json:"share_before"`
	Tier        string  `json:"tier"`
}

// Value ranks customers by gross profit (or by revenue when the orders
// have none) and assigns Pareto/ABC tiers. Orders do not carry service
// cost, so profit here is gross profit; the per-customer stats of the
// database will subtract service cost.
func Value(h *History) (*ValueReport, error) {
	n := len(h.Customers)
	profit, revenue := make([]int64, n), make([]int64, n)
	for i := range h.Customers {
		c := &h.Customers[i]
		revenue[i], profit[i] = c.Totals(c.First(), h.AsOf)
		if !h.HasProfit {
			profit[i] = revenue[i]
		}
	}
	res, err := analytics.ProfitTiers(profit, nil, analytics.ValueOptions{})
	if err != nil {
		return nil, fmt.Errorf("value: %w", err)
	}
	rep := &ValueReport{Source: newSource("value", h), Basis: "gross_profit", TotalProfit: res.TotalProfit,
		PositiveProfit: res.PositiveProfit, Cuts: res.Cuts, Unprofitable: len(res.Unprofitable),
		Top20: Top20{Customers: res.Top20Customers, Profit: res.Top20Profit}}
	if !h.HasProfit {
		rep.Basis = "amount"
	}
	if res.Top20ShareDefined {
		rep.Top20.Share = &res.Top20Share
	}
	for t := range 5 {
		rep.Tiers = append(rep.Tiers, TierSize{Tier: analytics.Tier(t).String(), Customers: res.TierCustomers[t], Profit: res.TierProfit[t]})
	}
	for _, p := range res.Curve {
		rep.Curve = append(rep.Curve, CurvePoint(p))
	}
	for i := range h.Customers {
		e := res.Explain(i)
		rep.PerCustomer = append(rep.PerCustomer, ValueCustomer{CustomerID: h.Customers[i].ID, Revenue: revenue[i],
			Profit: e.Profit, Rank: e.Rank + 1, ShareBefore: e.ShareBefore, Tier: e.Tier.String()})
	}
	return rep, nil
}

// WriteText prints the tiers, the top 20%'s share and the most profitable
// customers.
func (r *ValueReport) WriteText(w io.Writer, top int) error {
	basis := "gross profit"
	if r.Basis == "amount" {
		basis = "revenue (the orders have no gross_profit column)"
	}
	r.Source.writeText(w, "Customer value: Pareto/ABC tiers by "+basis)
	fmt.Fprintf(w, "total %s, of which positive %s; %d unprofitable customers\n", money(r.TotalProfit), money(r.PositiveProfit), r.Unprofitable)
	share := "undefined (total not positive)"
	if r.Top20.Share != nil {
		share = percent(*r.Top20.Share)
	}
	fmt.Fprintf(w, "the top 20%% (%d customers) make %s: %s of the total\n\n", r.Top20.Customers, money(r.Top20.Profit), share)
	t := newTable("tier", "up to share", "customers", "profit")
	for k, s := range r.Tiers {
		cut := "-"
		if k < 4 {
			cut = percent(r.Cuts[k])
		}
		t.add(s.Tier, cut, strconv.Itoa(s.Customers), money(s.Profit))
	}
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	byRank := slices.Clone(r.PerCustomer)
	slices.SortFunc(byRank, func(a, b ValueCustomer) int { return cmp.Compare(a.Rank, b.Rank) })
	n := limit(len(byRank), top)
	ct := newTable("rank", "customer_id", "revenue", "profit", "share before", "tier").ids(1)
	for _, c := range byRank[:n] {
		ct.add(strconv.Itoa(c.Rank), c.CustomerID, money(c.Revenue), money(c.Profit), percent(c.ShareBefore), c.Tier)
	}
	if err := ct.write(w); err != nil {
		return err
	}
	moreLine(w, n, len(byRank), "customers")
	return nil
}
