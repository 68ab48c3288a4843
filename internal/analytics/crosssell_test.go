package analytics

import (
	"math"
	"testing"
)

func TestCrossSell(t *testing.T) {
	// 10 customers. Products: 1 = current account, 2 = credit card,
	// 3 = mortgage, 4 = insurance.
	baskets := map[int64][]int64{
		1: {1, 2}, 2: {1, 2}, 3: {1, 2, 3}, 4: {1, 3}, 5: {1},
		6: {2, 4}, 7: {4}, 8: {1, 2, 2}, // duplicate holding counts once
		9: {3, 4}, 10: {1},
	}
	var h Holdings
	for c := int64(1); c <= 10; c++ {
		for _, p := range baskets[c] {
			h.Customer = append(h.Customer, c)
			h.Product = append(h.Product, p)
		}
	}
	res, err := CrossSell(h, CrossSellOptions{MinCount: 1, MinLift: 0.0001})
	if err != nil {
		t.Fatal(err)
	}
	// Holders: 1:7, 2:5, 3:3, 4:3. Both 1 and 2: customers 1,2,3,8 = 4.
	var r12 *ProductRule
	for i := range res.Rules {
		if res.Rules[i].A == 1 && res.Rules[i].B == 2 {
			r12 = &res.Rules[i]
		}
	}
	if r12 == nil {
		t.Fatalf("no rule 1 -> 2 in %+v", res.Rules)
	}
	if r12.Count != 4 || r12.CountA != 7 || r12.CountB != 5 || !relClose(r12.Support, 0.4, 1e-15) ||
		!relClose(r12.Confidence, 4.0/7, 1e-15) || !relClose(r12.Lift, (4.0/7)/(5.0/10), 1e-15) {
		t.Errorf("rule 1->2: %+v", *r12)
	}
	// Rules are listed strongest first.
	for i := 1; i < len(res.Rules); i++ {
		if res.Rules[i].Lift > res.Rules[i-1].Lift {
			t.Errorf("rules not ordered by lift at %d", i)
		}
	}
	// Customer 5 holds only product 1: best rule from 1 is 1 -> 2 (lift
	// 8/7) over 1 -> 3 (lift (2/7)/(3/10) = 20/21).
	next := map[int64]Recommendation{}
	for _, r := range res.NextBest {
		next[r.Customer] = r
		if r.Product == r.Because {
			t.Errorf("recommends a held product: %+v", r)
		}
		for _, held := range baskets[r.Customer] {
			if held == r.Product {
				t.Errorf("customer %d already holds %d", r.Customer, r.Product)
			}
		}
	}
	if r := next[5]; r.Product != 2 || r.Because != 1 || math.Abs(r.Lift-8.0/7) > 1e-12 {
		t.Errorf("customer 5: %+v", r)
	}
	// Multi-product share: customers 1,2,3,4,6,8,9 hold two or more.
	if !relClose(res.MultiProductShare, 0.7, 1e-15) || !relClose(res.MeanProducts, 18.0/10, 1e-15) {
		t.Errorf("share %v mean %v", res.MultiProductShare, res.MeanProducts)
	}
	// Default filters: pairs held by fewer than 5 customers are noise.
	res, err = CrossSell(h, CrossSellOptions{})
	if err != nil || len(res.Rules) != 0 || len(res.NextBest) != 0 {
		t.Errorf("default filters kept %d rules (err %v)", len(res.Rules), err)
	}
	if _, err := CrossSell(Holdings{Customer: []int64{1}}, CrossSellOptions{}); err == nil {
		t.Error("ragged holdings accepted")
	}
}
