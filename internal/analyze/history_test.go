package analyze

import (
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNewHistoryMergesDaysAndDefaultsAsOf(t *testing.T) {
	o := &Orders{HasProduct: true, Transactions: []Transaction{
		{Customer: "B", Date: date("2024-02-01"), Amount: 100, Product: "tea"},
		{Customer: "A", Date: date("2024-03-01"), Amount: 300, GrossProfit: 30, Product: "cup"},
		{Customer: "B", Date: date("2024-01-01"), Amount: 50, Product: "tea"},
		{Customer: "A", Date: date("2024-03-01"), Amount: 200, GrossProfit: -5, Product: "tea"},
	}}
	h, err := NewHistory(o, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !h.AsOf.Equal(date("2024-03-02")) || h.Orders != 4 || h.Excluded != 0 {
		t.Errorf("as of %s, %d orders, %d excluded", h.AsOf, h.Orders, h.Excluded)
	}
	if len(h.Customers) != 2 || h.Customers[0].ID != "B" {
		t.Fatalf("customers not in order of first appearance: %+v", h.Customers)
	}
	b, a := h.Customers[0], h.Customers[1]
	if len(b.Days) != 2 || !b.First().Equal(date("2024-01-01")) || !b.Last().Equal(date("2024-02-01")) {
		t.Errorf("B's days not sorted: %+v", b.Days)
	}
	if len(a.Days) != 1 || a.Days[0].Amount != 500 || a.Days[0].GrossProfit != 25 {
		t.Errorf("A's same-day orders not merged: %+v", a.Days)
	}
	if len(a.Products) != 2 || a.Products[0] != "cup" || len(b.Products) != 1 {
		t.Errorf("products A %v B %v", a.Products, b.Products)
	}
	if amount, _ := b.Totals(date("2024-01-02"), date("2024-02-02")); amount != 100 {
		t.Errorf("B's total in [01-02, 02-02) = %d, want 100", amount)
	}
}

func TestNewHistoryLeavesOutLaterOrders(t *testing.T) {
	o := &Orders{Transactions: []Transaction{
		{Customer: "A", Date: date("2024-01-01"), Amount: 1},
		{Customer: "A", Date: date("2024-01-10"), Amount: 1}, // on the as-of day: left out
		{Customer: "B", Date: date("2024-02-01"), Amount: 1},
	}}
	h, err := NewHistory(o, date("2024-01-10"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Orders != 1 || h.Excluded != 2 || len(h.Customers) != 1 {
		t.Errorf("%d orders, %d excluded, %d customers", h.Orders, h.Excluded, len(h.Customers))
	}
	if _, err := NewHistory(o, date("2024-01-01")); err == nil {
		t.Error("no orders before the as-of date, yet no error")
	}
}

func TestNewHistoryRefusesOverflowingTotals(t *testing.T) {
	big := int64(1) << 62
	o := &Orders{Transactions: []Transaction{
		{Customer: "A", Date: date("2024-01-01"), Amount: big},
		{Customer: "B", Date: date("2024-01-01"), Amount: big},
	}}
	if _, err := NewHistory(o, time.Time{}); err == nil {
		t.Error("2^63 in minor units accepted")
	}
}
