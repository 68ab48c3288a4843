package analyze

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"
)

const day = 24 * time.Hour

// History is every customer's purchases before an as-of date: the common
// input of all analyses.
//
// Orders of one customer on the same day count as one purchase, their
// amounts added up. A CSV has no order number, so this is how the lines of
// one order come together, and it is what the BTYD papers do with CDNOW's
// same-day transactions.
type History struct {
	AsOf       time.Time  // analyses run as at the start of this day
	Customers  []Customer // in order of first appearance in the orders
	Orders     int        // transactions before AsOf
	Excluded   int        // transactions on or after AsOf, left out
	HasProfit  bool
	HasProduct bool
	Encoding   string
	// IgnoredColumns are the source's columns no analysis reads.
	IgnoredColumns []string
}

// Customer is one customer's purchase history.
type Customer struct {
	ID       string
	Days     []Purchase // one per day with orders, oldest first
	Products []string   // distinct products bought, sorted
}

// Purchase is what a customer bought on one day.
type Purchase struct {
	Date        time.Time
	Amount      int64 // minor units
	GrossProfit int64 // minor units
}

// First returns the date of the customer's first purchase.
func (c *Customer) First() time.Time { return c.Days[0].Date }

// Last returns the date of the customer's last purchase.
func (c *Customer) Last() time.Time { return c.Days[len(c.Days)-1].Date }

// Totals returns the amount and gross profit of the purchases in [from, to).
func (c *Customer) Totals(from, to time.Time) (amount, profit int64) {
	lo := sort.Search(len(c.Days), func(i int) bool { return !c.Days[i].Date.Before(from) })
	for _, p := range c.Days[lo:] {
		if !p.Date.Before(to) {
			break
		}
		amount += p.Amount
		profit += p.GrossProfit
	}
	return amount, profit
}

// Before returns how many purchase days fall before t.
func (c *Customer) Before(t time.Time) int {
	return sort.Search(len(c.Days), func(i int) bool { return !c.Days[i].Date.Before(t) })
}

// NewHistory groups the orders dated before asOf by customer and day. A
// zero asOf means the day after the last order, so that every order counts
// and the newest customer has been observed for one day.
func NewHistory(o *Orders, asOf time.Time) (*History, error) {
	if asOf.IsZero() {
		for _, t := range o.Transactions {
			asOf = later(asOf, t.Date.Add(day))
		}
	}
	h := &History{AsOf: asOf, HasProfit: o.HasProfit, HasProduct: o.HasProduct, Encoding: o.Encoding,
		IgnoredColumns: o.IgnoredColumns}
	if err := checkTotals(o.Transactions); err != nil {
		return nil, err
	}
	index := map[string]int{}
	products := map[string]map[string]bool{}
	for _, t := range o.Transactions {
		if !t.Date.Before(asOf) {
			h.Excluded++
			continue
		}
		h.Orders++
		i, ok := index[t.Customer]
		if !ok {
			i = len(h.Customers)
			index[t.Customer] = i
			h.Customers = append(h.Customers, Customer{ID: t.Customer})
		}
		c := &h.Customers[i]
		c.Days = append(c.Days, Purchase{Date: t.Date, Amount: t.Amount, GrossProfit: t.GrossProfit})
		if t.Product != "" {
			if products[t.Customer] == nil {
				products[t.Customer] = map[string]bool{}
			}
			products[t.Customer][t.Product] = true
		}
	}
	if h.Orders == 0 {
		return nil, fmt.Errorf("no orders before the as-of date %s", asOf.Format(time.DateOnly))
	}
	for i := range h.Customers {
		c := &h.Customers[i]
		c.Days = mergeDays(c.Days)
		for p := range products[c.ID] {
			c.Products = append(c.Products, p)
		}
		slices.Sort(c.Products)
	}
	return h, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// mergeDays sorts purchases by date and adds up those of the same day.
func mergeDays(days []Purchase) []Purchase {
	slices.SortStableFunc(days, func(a, b Purchase) int { return a.Date.Compare(b.Date) })
	out := days[:1]
	for _, p := range days[1:] {
		last := &out[len(out)-1]
		if p.Date.Equal(last.Date) {
			last.Amount += p.Amount
			last.GrossProfit += p.GrossProfit
			continue
		}
		out = append(out, p)
	}
	return out
}

// checkTotals makes sure no sum of amounts or profits can overflow: every
// sum the analyses form is bounded by these two totals.
func checkTotals(txns []Transaction) error {
	var amount, profit int64
	for _, t := range txns {
		if amount > math.MaxInt64-t.Amount || profit > math.MaxInt64-abs(t.GrossProfit) {
			return errors.New("the amounts are too large to add up in 64 bits")
		}
		amount += t.Amount
		profit += abs(t.GrossProfit)
	}
	return nil
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
