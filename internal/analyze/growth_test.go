package analyze

import "testing"

func TestGrowthSplitsTheLastYear(t *testing.T) {
	o := readOrders(t, "customer_id,order_date,amount,product_id\n"+
		"old,2024-03-01,100,tea\n"+ // prior period
		"old,2025-03-01,200,tea\n"+ // retention
		"old,2025-04-01,300,cup\n"+ // cross-sell (new to old, and to the company)
		"gone,2024-06-01,50,tea\n"+ // lost
		"new,2025-05-01,400,tea\n"+ // acquisition
		"new,2025-05-02,500,kettle\n"+ // new customer, new product
		"ancient,2023-01-01,999,tea\n"+ // before both periods
		"future,2026-01-01,999,tea\n") // after as-of
	rep, err := Growth(o, date("2025-12-01"), 365)
	if err != nil {
		t.Fatal(err)
	}
	// New to the customer: everything a new customer buys is new to it.
	m := rep.NewToCustomer
	if m.Retention.Revenue != 20000 || m.CrossSell.Revenue != 30000 || m.Acquisition.Revenue != 0 || m.Diversification.Revenue != 90000 || m.Diversification.Customers != 1 {
		t.Errorf("new to customer: %+v", m)
	}
	if m.PriorRevenue != 15000 || m.CurrentRevenue != 140000 || m.LostRevenue != 5000 || m.LostCustomers != 1 {
		t.Errorf("totals: %+v", m)
	}
	// New to the company: tea was sold before, cup and kettle were not;
	// the new customer's tea is acquisition either way.
	c := rep.NewToCompany
	if c.Retention.Revenue != 20000 || c.CrossSell.Revenue != 30000 || c.Acquisition.Revenue != 40000 || c.Diversification.Revenue != 50000 {
		t.Errorf("new to company: %+v", c)
	}
	if rep.CurrentFrom != "2024-12-01" || rep.PriorFrom != "2023-12-02" || rep.Orders != 6 || rep.Customers != 3 {
		t.Errorf("periods %s / %s, %d lines, %d customers", rep.PriorFrom, rep.CurrentFrom, rep.Orders, rep.Customers)
	}
}
