package analyze

import (
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// GrowthReport is the customer growth matrix of seed 000: the last
// period's revenue split by existing and new customers and existing and new
// products, against the period before. Products count as new to the
// customer (cross-sell as the customer sees it) in one matrix and as new
// to the company (a new line of business) in the other.
type GrowthReport struct {
	Source
	PeriodDays    int          `json:"period_days"`
	CurrentFrom   string       `json:"current_from" doc:"First day of the current period; it ends before as_of."`
	PriorFrom     string       `json:"prior_from" doc:"First day of the prior period; it ends before current_from."`
	NewToCustomer GrowthMatrix `json:"new_to_customer"`
	NewToCompany  GrowthMatrix `json:"new_to_company"`
}

// GrowthMatrix is one growth matrix; money in minor units.
type GrowthMatrix struct {
	Retention       GrowthCell `json:"retention" doc:"Existing customers, existing products."`
	CrossSell       GrowthCell `json:"cross_sell" doc:"Existing customers, new products."`
	Acquisition     GrowthCell `json:"acquisition" doc:"New customers, existing products."`
	Diversification GrowthCell `json:"diversification" doc:"New customers, new products."`
	CurrentRevenue  int64      `json:"current_revenue"`
	PriorRevenue    int64      `json:"prior_revenue"`
	LostRevenue     int64      `json:"lost_revenue" doc:"Prior revenue of customers who bought nothing in the current period."`
	LostCustomers   int        `json:"lost_customers"`
}

// GrowthCell is one quadrant of a growth matrix.
type GrowthCell struct {
	Revenue   int64 `json:"revenue"`
	Customers int   `json:"customers"`
	Lines     int   `json:"lines"`
}

// Growth builds both growth matrices for the periodDays before asOf against
// the periodDays before that, from order lines with products.
func Growth(o *Orders, asOf time.Time, periodDays int) (*GrowthReport, error) {
	if !o.HasProduct {
		return nil, fmt.Errorf("growth: the orders need a product_id column")
	}
	if periodDays <= 0 {
		return nil, fmt.Errorf("growth: the period must be positive, got %d days", periodDays)
	}
	period := time.Duration(periodDays) * day
	currentFrom, priorFrom := asOf.Add(-period), asOf.Add(-2*period)
	ids := map[string]int64{}
	id := func(s string) int64 {
		v, ok := ids[s]
		if !ok {
			v = int64(len(ids))
			ids[s] = v
		}
		return v
	}
	var prior, current analytics.OrderLines
	customers := map[string]bool{}
	rep := &GrowthReport{PeriodDays: periodDays, CurrentFrom: dateString(currentFrom), PriorFrom: dateString(priorFrom)}
	for _, t := range o.Transactions {
		var lines *analytics.OrderLines
		switch {
		case t.Date.Before(priorFrom) || !t.Date.Before(asOf):
			continue
		case t.Date.Before(currentFrom):
			lines = &prior
		default:
			lines = &current
		}
		lines.Customer = append(lines.Customer, id("c:"+t.Customer))
		lines.Product = append(lines.Product, id("p:"+t.Product))
		lines.Revenue = append(lines.Revenue, t.Amount)
		customers[t.Customer] = true
		rep.Orders++
	}
	rep.Source.Analysis, rep.Source.AsOf, rep.Source.Customers = "growth", dateString(asOf), len(customers)
	for _, m := range []struct {
		novelty analytics.ProductNovelty
		out     *GrowthMatrix
	}{{analytics.NewToCustomer, &rep.NewToCustomer}, {analytics.NewToCompany, &rep.NewToCompany}} {
		g, err := analytics.CustomerGrowth(prior, current, m.novelty)
		if err != nil {
			return nil, fmt.Errorf("growth: %w", err)
		}
		*m.out = GrowthMatrix{Retention: GrowthCell(g.Retention), CrossSell: GrowthCell(g.CrossSell), Acquisition: GrowthCell(g.Acquisition),
			Diversification: GrowthCell(g.Diversification), CurrentRevenue: g.CurrentRevenue, PriorRevenue: g.PriorRevenue,
			LostRevenue: g.LostRevenue, LostCustomers: g.LostCustomers}
	}
	return rep, nil
}
