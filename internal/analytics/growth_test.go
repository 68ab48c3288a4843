package analytics

import "testing"

func TestCustomerGrowth(t *testing.T) {
	// Prior: customer 1 bought product 10; customer 2 bought 11; customer 3 bought 10.
	prior := OrderLines{Customer: []int64{1, 2, 3}, Product: []int64{10, 11, 10}, Revenue: []int64{100, 200, 300}}
	// Now: 1 buys 10 again and 11 (sold before, to someone else) and 12
	// (brand new); 4 (new) buys 10 and 12. Customer 3 is gone.
	current := OrderLines{
		Customer: []int64{1, 1, 1, 2, 4, 4},
		Product:  []int64{10, 11, 12, 11, 10, 12},
		Revenue:  []int64{50, 60, 70, 80, 90, 5},
	}
	tests := []struct {
		novelty                            ProductNovelty
		retention, cross, acq, diversified int64
		crossCustomers                     int
	}{
		// New to the company: only 12 is new.
		{NewToCompany, 50 + 60 + 80, 70, 90, 5, 1},
		// New to the customer: 11 is new to customer 1 too.
		{NewToCustomer, 50 + 80, 60 + 70, 0, 95, 1},
	}
	for _, tc := range tests {
		g, err := CustomerGrowth(prior, current, tc.novelty)
		if err != nil {
			t.Fatal(err)
		}
		if g.Retention.Revenue != tc.retention || g.CrossSell.Revenue != tc.cross || g.Acquisition.Revenue != tc.acq || g.Diversification.Revenue != tc.diversified {
			t.Errorf("novelty %d: %+v %+v %+v %+v", tc.novelty, g.Retention, g.CrossSell, g.Acquisition, g.Diversification)
		}
		if g.CrossSell.Customers != tc.crossCustomers {
			t.Errorf("novelty %d: cross-sell customers %d", tc.novelty, g.CrossSell.Customers)
		}
		if g.PriorRevenue != 600 || g.CurrentRevenue != 355 || g.LostRevenue != 300 || g.LostCustomers != 1 {
			t.Errorf("totals: prior %d current %d lost %d (%d customers)", g.PriorRevenue, g.CurrentRevenue, g.LostRevenue, g.LostCustomers)
		}
		if sum := g.Retention.Revenue + g.CrossSell.Revenue + g.Acquisition.Revenue + g.Diversification.Revenue; sum != g.CurrentRevenue {
			t.Errorf("cells sum to %d, current revenue %d", sum, g.CurrentRevenue)
		}
	}
	if _, err := CustomerGrowth(OrderLines{Customer: []int64{1}}, current, NewToCompany); err == nil {
		t.Error("ragged prior accepted")
	}
}
