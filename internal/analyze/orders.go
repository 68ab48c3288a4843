// Package analyze runs the customer analyses of internal/analytics on an
// order history, for `guanxi analyze`: it turns orders into the
// per-customer columns the analytics take and returns reports that carry
// each customer's inputs beside its scores, ready for JSON or a terminal.
//
// Orders come as a []Transaction from a source: a CSV file (ReadOrders) or,
// once the orders tables exist (issue 4), the database. Models are never
// re-implemented here; this package only prepares inputs and labels
// outputs.
package analyze

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/guanxi-crm/guanxi/internal/csvin"
)

// Transaction is one order (or order line) of a customer. A database
// source fills it from the orders tables: customer id, order date, the
// order's (or line's) amount and gross profit, and the product of a line.
type Transaction struct {
	Customer    string
	Date        time.Time // the order's calendar date, midnight UTC
	Amount      int64     // minor units (fen, cents), >= 0
	GrossProfit int64     // minor units; may be negative; 0 when the source has none
	Product     string    // "" when the source has no products
}

// Orders is what an order source hands to the analyses.
type Orders struct {
	Transactions []Transaction
	HasProfit    bool   // GrossProfit is known (otherwise value analysis falls back to revenue)
	HasProduct   bool   // Product is known (cross-sell needs it)
	Encoding     string // the CSV's character encoding; "" for other sources
	// IgnoredColumns are CSV header names that are not order columns.
	IgnoredColumns []string
}

// The CSV columns of an order file.
const (
	colCustomer = "customer_id"
	colDate     = "order_date"
	colAmount   = "amount"
	colProfit   = "gross_profit"
	colProduct  = "product_id"
)

var orderColumns = []csvin.Column{
	{Name: colCustomer, Required: true},
	{Name: colDate, Aliases: []string{"date"}, Required: true},
	{Name: colAmount, Required: true},
	{Name: colProfit},
	{Name: colProduct},
}

// maxIDLength bounds customer and product ids: anything longer is a
// column mix-up (a note or an address), not an id.
const maxIDLength = 200

// ReadOrders reads an order CSV with the columns customer_id, order_date
// (YYYY-MM-DD, YYYYMMDD or YYYY/M/D), amount (a decimal in major units,
// at most 2 decimals) and optionally gross_profit and product_id. Every bad
// row is reported (a *csvin.Errors listing lines and columns) and then no
// order is returned: an analysis of the good rows only would silently be
// wrong.
func ReadOrders(src io.Reader, maxBytes int64) (*Orders, error) {
	r, err := csvin.Open(src, csvin.Options{Columns: orderColumns, MaxBytes: maxBytes})
	if err != nil {
		return nil, err
	}
	o := &Orders{HasProfit: r.Has(colProfit), HasProduct: r.Has(colProduct), Encoding: string(r.Encoding()),
		IgnoredColumns: r.Unused()}
	for row := range r.Rows() {
		if t, ok := parseOrder(r, row, o); ok {
			o.Transactions = append(o.Transactions, t)
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	if len(o.Transactions) == 0 {
		return nil, errors.New("the file has no orders")
	}
	return o, nil
}

// parseOrder reads one row, reporting each bad field to r.
func parseOrder(r *csvin.Reader, row csvin.Row, o *Orders) (Transaction, bool) {
	ok := true
	fail := func(col, msg string) {
		r.Fail(row.Line, col, msg)
		ok = false
	}
	var t Transaction
	t.Customer = row.Get(colCustomer)
	if msg := checkID(t.Customer); msg != "" {
		fail(colCustomer, msg)
	}
	var err error
	if t.Date, err = csvin.Date(row.Get(colDate)); err != nil {
		fail(colDate, fieldError(row.Get(colDate), err))
	}
	amountOK := false
	if t.Amount, err = csvin.Decimal(row.Get(colAmount), 2); err != nil {
		fail(colAmount, fieldError(row.Get(colAmount), err))
	} else if t.Amount < 0 {
		fail(colAmount, fmt.Sprintf("%q is negative: an order's amount is what the customer paid (leave refunds out)", row.Get(colAmount)))
	} else {
		amountOK = true
	}
	if o.HasProfit {
		// Gross profit may be negative (sold below cost) but cannot exceed
		// the amount: that would need a negative cost.
		if t.GrossProfit, err = csvin.Decimal(row.Get(colProfit), 2); err != nil {
			fail(colProfit, fieldError(row.Get(colProfit), err))
		} else if amountOK && t.GrossProfit > t.Amount {
			fail(colProfit, fmt.Sprintf("%q is more than the amount %q", row.Get(colProfit), row.Get(colAmount)))
		}
	}
	if o.HasProduct {
		t.Product = row.Get(colProduct)
		if msg := checkID(t.Product); msg != "" {
			fail(colProduct, msg)
		}
	}
	return t, ok
}

func checkID(id string) string {
	switch {
	case id == "":
		return "is empty"
	case utf8.RuneCountInString(id) > maxIDLength:
		return fmt.Sprintf("is longer than %d characters", maxIDLength)
	}
	return ""
}

// fieldError quotes the bad value before the parser's complaint.
func fieldError(value string, err error) string {
	if value == "" {
		return err.Error()
	}
	return strconv.Quote(value) + " " + err.Error()
}
