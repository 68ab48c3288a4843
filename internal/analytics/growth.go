package analytics

import "fmt"

// OrderLines is a column view of order lines in one period: who bought what
// for how much. IDs are whatever the caller uses (database row numbers,
// hashes of UUIDs); revenue is in minor units.
type OrderLines struct {
	Customer []int64
	Product  []int64
	Revenue  []int64
}

func (l OrderLines) validate(name string) error {
	if len(l.Product) != len(l.Customer) || len(l.Revenue) != len(l.Customer) {
		return fmt.Errorf("analytics: growth: %s lines: columns differ in length (customer %d, product %d, revenue %d)",
			name, len(l.Customer), len(l.Product), len(l.Revenue))
	}
	return nil
}

// ProductNovelty decides when a product counts as new.
type ProductNovelty uint8

const (
	// NewToCompany: the product was not sold to anybody in the prior
	// period (a new line of business).
	NewToCompany ProductNovelty = iota
	// NewToCustomer: the customer did not buy it in the prior period, even
	// if others did (cross-sell and up-sell as seen by the customer).
	NewToCustomer
)

// GrowthCell is one quadrant of the growth matrix.
type GrowthCell struct {
	Revenue   int64 // minor units
	Customers int   // distinct customers with revenue in the cell
	Lines     int
}

// GrowthMatrix splits a period's revenue by existing/new customers and
// existing/new products against a prior period (seed 000's customer growth
// matrix). A customer is existing when it bought in the prior period.
type GrowthMatrix struct {
	Novelty ProductNovelty
	// Existing customers, existing products: retention and penetration.
	Retention GrowthCell
	// Existing customers, new products: cross-sell and up-sell.
	CrossSell GrowthCell
	// New customers, existing products: acquisition.
	Acquisition GrowthCell
	// New customers, new products: diversification.
	Diversification GrowthCell

	CurrentRevenue int64
	PriorRevenue   int64
	// LostRevenue is the prior-period revenue of customers who bought
	// nothing in the current period: what retention has to make up for.
	LostRevenue   int64
	LostCustomers int
}

// CustomerGrowth builds the growth matrix of current against prior.
func CustomerGrowth(prior, current OrderLines, novelty ProductNovelty) (*GrowthMatrix, error) {
	if err := prior.validate("prior"); err != nil {
		return nil, err
	}
	if err := current.validate("current"); err != nil {
		return nil, err
	}
	type pair struct{ c, p int64 }
	priorCustomers := map[int64]int64{} // customer -> prior revenue
	priorProducts := map[int64]bool{}
	priorPairs := map[pair]bool{}
	g := &GrowthMatrix{Novelty: novelty}
	for i, c := range prior.Customer {
		priorCustomers[c] += prior.Revenue[i]
		priorProducts[prior.Product[i]] = true
		if novelty == NewToCustomer {
			priorPairs[pair{c, prior.Product[i]}] = true
		}
		g.PriorRevenue += prior.Revenue[i]
	}
	// cellOf[customer] is a bit set of the cells the customer appears in.
	cellOf := map[int64]uint8{}
	cells := [4]*GrowthCell{&g.Retention, &g.CrossSell, &g.Acquisition, &g.Diversification}
	for i, c := range current.Customer {
		p := current.Product[i]
		_, existingCustomer := priorCustomers[c]
		existingProduct := priorProducts[p]
		if novelty == NewToCustomer {
			existingProduct = priorPairs[pair{c, p}]
		}
		k := 0
		if !existingProduct {
			k++
		}
		if !existingCustomer {
			k += 2
		}
		cell := cells[k]
		cell.Revenue += current.Revenue[i]
		cell.Lines++
		if cellOf[c]&(1<<k) == 0 {
			cellOf[c] |= 1 << k
			cell.Customers++
		}
		g.CurrentRevenue += current.Revenue[i]
	}
	for c, rev := range priorCustomers {
		if _, ok := cellOf[c]; !ok {
			g.LostRevenue += rev
			g.LostCustomers++
		}
	}
	return g, nil
}
