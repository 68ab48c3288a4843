package analyze

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// CrossSellReport lists the product pairs customers hold together and the
// next best product for each customer, with the rule behind it.
type CrossSellReport struct {
	Source
	Products int `json:"products"`
	// MinCount is the least number of customers holding both products of
	// a rule; MinLift 1 keeps pairs bought together more than by chance.
	MinCount          int     `json:"min_count"`
	MinLift           float64 `json:"min_lift"`
	MultiProductShare float64 `json:"multi_product_share"` // customers holding two or more products
	MeanProducts      float64 `json:"mean_products"`
	Rules             []Rule  `json:"rules"` // strongest first
	// NextBest has an entry for every customer some rule applies to.
	NextBest []NextBest `json:"next_best"`
}

// Rule is "customers holding A also hold B" with its measures.
type Rule struct {
	A          string  `json:"a"`
	B          string  `json:"b"`
	Count      int     `json:"count"`   // customers holding both
	CountA     int     `json:"count_a"` // customers holding A
	CountB     int     `json:"count_b"` // customers holding B
	Support    float64 `json:"support"`
	Confidence float64 `json:"confidence"`
	Lift       float64 `json:"lift"`
}

// NextBest is the product to offer a customer and why.
type NextBest struct {
	CustomerID string  `json:"customer_id"`
	ProductID  string  `json:"product_id"`
	Because    string  `json:"because"` // the held product whose rule recommends it
	Lift       float64 `json:"lift"`
	Confidence float64 `json:"confidence"`
}

// CrossSell mines product pairs from what each customer has bought before
// the as-of date; a rule needs minCount customers holding both products.
func CrossSell(h *History, minCount int) (*CrossSellReport, error) {
	if !h.HasProduct {
		return nil, errors.New("crosssell: the orders need a product_id column")
	}
	if minCount < 1 {
		return nil, fmt.Errorf("crosssell: the least count of a rule must be at least 1, got %d", minCount)
	}
	productIndex := map[string]int64{}
	var products []string
	var hold analytics.Holdings
	for c := range h.Customers {
		for _, p := range h.Customers[c].Products {
			id, ok := productIndex[p]
			if !ok {
				id = int64(len(products))
				productIndex[p] = id
				products = append(products, p)
			}
			hold.Customer = append(hold.Customer, int64(c))
			hold.Product = append(hold.Product, id)
		}
	}
	opt := analytics.CrossSellOptions{MinCount: minCount, MinLift: 1}
	res, err := analytics.CrossSell(hold, opt)
	if err != nil {
		return nil, fmt.Errorf("crosssell: %w", err)
	}
	rep := &CrossSellReport{Source: newSource("crosssell", h), Products: res.Products, MinCount: minCount, MinLift: opt.MinLift,
		MultiProductShare: res.MultiProductShare, MeanProducts: res.MeanProducts, Rules: []Rule{}, NextBest: []NextBest{}}
	for _, r := range res.Rules {
		rep.Rules = append(rep.Rules, Rule{A: products[r.A], B: products[r.B], Count: r.Count, CountA: r.CountA, CountB: r.CountB,
			Support: r.Support, Confidence: r.Confidence, Lift: r.Lift})
	}
	for _, n := range res.NextBest {
		rep.NextBest = append(rep.NextBest, NextBest{CustomerID: h.Customers[n.Customer].ID, ProductID: products[n.Product],
			Because: products[n.Because], Lift: n.Lift, Confidence: n.Confidence})
	}
	return rep, nil
}

// WriteText prints the strongest rules and recommendations.
func (r *CrossSellReport) WriteText(w io.Writer, top int) error {
	r.Source.writeText(w, "Cross-sell: products held together (support, confidence, lift) and the next best product")
	fmt.Fprintf(w, "%d products; %s of customers hold two or more, %s on average; rules need %d customers and lift >= %s\n\n",
		r.Products, percent(r.MultiProductShare), num(r.MeanProducts, 2), r.MinCount, num(r.MinLift, 1))
	n := limit(len(r.Rules), top)
	t := newTable("holds", "also holds", "customers", "support", "confidence", "lift").ids(0, 1)
	for _, rule := range r.Rules[:n] {
		t.add(rule.A, rule.B, strconv.Itoa(rule.Count), percent(rule.Support), percent(rule.Confidence), num(rule.Lift, 2))
	}
	if err := t.write(w); err != nil {
		return err
	}
	moreLine(w, n, len(r.Rules), "rules")
	fmt.Fprintln(w)
	n = limit(len(r.NextBest), top)
	nb := newTable("customer_id", "offer", "because they hold", "lift", "confidence").ids(0, 1, 2)
	for _, b := range r.NextBest[:n] {
		nb.add(b.CustomerID, b.ProductID, b.Because, num(b.Lift, 2), percent(b.Confidence))
	}
	if err := nb.write(w); err != nil {
		return err
	}
	moreLine(w, n, len(r.NextBest), "recommendations")
	return nil
}
