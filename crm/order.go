package crm

import (
	"context"
	"fmt"
	"io"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// Currency is the currency of product prices, orders and customer stats.
// A workspace keeps its books in one currency; converting between
// currencies is not part of Guanxi yet.
const Currency = "CNY"

// OrderStatus is where an order (订单/合同) stands.
type OrderStatus string

// Order statuses. Confirmed and completed orders count in the customer's
// stats and analytics; drafts and cancelled orders do not.
const (
	OrderDraft     OrderStatus = "draft"
	OrderConfirmed OrderStatus = "confirmed"
	OrderCompleted OrderStatus = "completed"
	OrderCancelled OrderStatus = "cancelled"
)

// OrderStatuses lists every order status.
var OrderStatuses = []string{string(OrderDraft), string(OrderConfirmed), string(OrderCompleted), string(OrderCancelled)}

// Counts reports whether orders of status s count as purchases.
func (s OrderStatus) Counts() bool { return s == OrderConfirmed || s == OrderCompleted }

// Order limits.
const (
	MaxOrderLines = 500
	MaxQuantity   = 1_000_000_000
)

// OrderLineInput is one line of an order as a user writes it.
type OrderLineInput struct {
	ProductID string `json:"product_id"`
	Quantity  int64  `json:"quantity" minimum:"1" maximum:"1000000000"`
	UnitPrice *int64 `json:"unit_price,omitempty" minimum:"0" doc:"Price per unit in minor units; defaults to the product's list price."`
	UnitCost  *int64 `json:"unit_cost,omitempty" minimum:"0" doc:"Cost per unit in minor units; defaults to the product's unit cost. Only roles that see costs set it."`
	Discount  int64  `json:"discount,omitempty" minimum:"0" doc:"Amount off the line in minor units."`
}

// OrderLine is a line of a stored order, with its money worked out.
type OrderLine struct {
	ProductID   string `json:"product_id"`
	ProductCode string `json:"product_code" readOnly:"true"`
	ProductName string `json:"product_name" readOnly:"true"`
	Quantity    int64  `json:"quantity"`
	UnitPrice   int64  `json:"unit_price"`
	UnitCost    *int64 `json:"unit_cost,omitempty" doc:"Hidden from roles that do not see costs."`
	Discount    int64  `json:"discount"`
	Revenue     int64  `json:"revenue" readOnly:"true" doc:"quantity x unit_price - discount."`
	GrossProfit *int64 `json:"gross_profit,omitempty" readOnly:"true" doc:"revenue - quantity x unit_cost; hidden from roles that do not see costs."`
}

// OrderInput creates an order.
type OrderInput struct {
	AccountID string           `json:"account_id"`
	Number    string           `json:"number" minLength:"1" maxLength:"64" doc:"Order or contract number; unique in the workspace; imports upsert on it."`
	Status    OrderStatus      `json:"status,omitempty" enum:"draft,confirmed,completed,cancelled" doc:"Defaults to confirmed."`
	OrderDate Date             `json:"order_date" format:"date"`
	OwnerID   string           `json:"owner_id,omitempty" doc:"The sales rep credited; defaults to the account's owner."`
	Note      string           `json:"note,omitempty" maxLength:"2000"`
	Lines     []OrderLineInput `json:"lines" minItems:"1" maxItems:"500"`
}

// Order is a customer's order or contract with its lines.
type Order struct {
	ID          string      `json:"id" readOnly:"true"`
	AccountID   string      `json:"account_id"`
	AccountName string      `json:"account_name" readOnly:"true"`
	Number      string      `json:"number"`
	Status      OrderStatus `json:"status" enum:"draft,confirmed,completed,cancelled"`
	OrderDate   Date        `json:"order_date" format:"date"`
	OwnerID     string      `json:"owner_id,omitempty"`
	TeamID      string      `json:"team_id,omitempty" readOnly:"true"`
	Note        string      `json:"note,omitempty"`
	Lines       []OrderLine `json:"lines"`
	Currency    string      `json:"currency" readOnly:"true"`
	Revenue     int64       `json:"revenue" readOnly:"true" doc:"Sum of the lines' revenue, minor units."`
	Cost        *int64      `json:"cost,omitempty" readOnly:"true" doc:"Hidden from roles that do not see costs."`
	GrossProfit *int64      `json:"gross_profit,omitempty" readOnly:"true" doc:"Hidden from roles that do not see costs."`
	Meta
	Redaction
}

// Normalize trims the text fields and fills the default status.
func (in *OrderInput) Normalize() {
	in.Number = strings.TrimSpace(in.Number)
	if in.Status == "" {
		in.Status = OrderConfirmed
	}
}

// Validate checks an order's own fields and the shape of its lines; the
// service checks that the account and products exist.
func (in *OrderInput) Validate() error {
	var p Problems
	if in.AccountID == "" {
		p.Required("account_id")
	}
	p.ID("account_id", in.AccountID)
	validateOrderHeader(&p, in.Number, in.Status, in.OrderDate, in.OwnerID, in.Note)
	validateLines(&p, in.Lines)
	return p.Err()
}

// ValidateHeader checks an order's own fields after a change.
func (o *Order) ValidateHeader() error {
	var p Problems
	validateOrderHeader(&p, o.Number, o.Status, o.OrderDate, o.OwnerID, o.Note)
	return p.Err()
}

// ValidateLines checks the shape of replacement lines.
func ValidateLines(lines []OrderLineInput) error {
	var p Problems
	validateLines(&p, lines)
	return p.Err()
}

func validateOrderHeader(p *Problems, number string, status OrderStatus, date Date, ownerID, note string) {
	p.RequiredText("number", number, 64)
	if status == "" {
		p.Required("status")
	}
	p.Enum("status", string(status), OrderStatuses)
	switch {
	case date == "":
		p.Required("order_date")
	case !date.Valid():
		p.Add("order_date", "invalid", "is not a date in the form YYYY-MM-DD")
	case string(date) < "1900-01-01" || string(date) > time.Now().AddDate(10, 0, 0).Format(time.DateOnly):
		p.Add("order_date", "out_of_range", "must be between 1900-01-01 and ten years from now")
	}
	p.ID("owner_id", ownerID)
	p.Text("note", note, MaxLong, true)
}

func validateLines(p *Problems, lines []OrderLineInput) {
	switch {
	case len(lines) == 0:
		p.Add("lines", "required", "needs at least one line")
		return
	case len(lines) > MaxOrderLines:
		p.Add("lines", "too_many", "has more than "+strconv.Itoa(MaxOrderLines)+" lines")
		return
	}
	for i, l := range lines {
		f := func(name string) string { return fmt.Sprintf("lines[%d].%s", i, name) }
		if l.ProductID == "" {
			p.Required(f("product_id"))
		}
		p.ID(f("product_id"), l.ProductID)
		if l.Quantity < 1 || l.Quantity > MaxQuantity {
			p.Add(f("quantity"), "out_of_range", "must be between 1 and "+strconv.Itoa(MaxQuantity))
		}
		if l.UnitPrice != nil {
			p.Amount(f("unit_price"), *l.UnitPrice)
		}
		if l.UnitCost != nil {
			p.Amount(f("unit_cost"), *l.UnitCost)
		}
		p.Amount(f("discount"), l.Discount)
	}
}

// PriceLines works out the money of lines whose unit price and cost are
// set, and the order's totals. It reports a problem, never a wrapped
// number, when a line's gross amount or the order's total exceeds
// MaxAmount or a discount exceeds its line.
func PriceLines(lines []OrderLine) (revenue, cost int64, err error) {
	var p Problems
	for i := range lines {
		l := &lines[i]
		gross, ok := mulAmount(l.Quantity, l.UnitPrice)
		if !ok {
			p.Add(fmt.Sprintf("lines[%d].unit_price", i), "out_of_range", "quantity x unit price exceeds the largest amount")
			continue
		}
		if l.Discount > gross {
			p.Add(fmt.Sprintf("lines[%d].discount", i), "out_of_range", "is more than the line's amount")
			continue
		}
		c, ok := mulAmount(l.Quantity, *l.UnitCost)
		if !ok {
			p.Add(fmt.Sprintf("lines[%d].unit_cost", i), "out_of_range", "quantity x unit cost exceeds the largest amount")
			continue
		}
		l.Revenue = gross - l.Discount
		gp := l.Revenue - c
		l.GrossProfit = &gp
		revenue += l.Revenue
		cost += c
	}
	if err := p.Err(); err != nil {
		return 0, 0, err
	}
	if revenue > MaxAmount || cost > MaxAmount {
		p.Add("lines", "out_of_range", "the order's total exceeds the largest amount")
		return 0, 0, p.Err()
	}
	return revenue, cost, nil
}

// mulAmount multiplies a quantity by a unit amount, reporting false when
// the product exceeds MaxAmount (or overflows int64).
func mulAmount(q, unit int64) (int64, bool) {
	if q < 0 || unit < 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(q), uint64(unit))
	if hi != 0 || lo > uint64(MaxAmount) {
		return 0, false
	}
	return int64(lo), true
}

// Snapshot flattens an order for history. The lines read as
// "code x quantity @ price - discount" so a change of any line shows.
func (o *Order) Snapshot() Snapshot {
	lines := make([]string, len(o.Lines))
	for i, l := range o.Lines {
		lines[i] = fmt.Sprintf("%s x %d @ %s", l.ProductCode, l.Quantity, Money{l.UnitPrice, Currency}.String())
		if l.Discount > 0 {
			lines[i] += " - " + Money{l.Discount, Currency}.String()
		}
	}
	s := Snapshot{"number": o.Number, "status": string(o.Status), "order_date": string(o.OrderDate),
		"owner_id": o.OwnerID, "note": o.Note, "lines": strings.Join(lines, "; "),
		"revenue": Money{o.Revenue, Currency}.String()}
	if o.GrossProfit != nil {
		s["gross_profit"] = Money{*o.GrossProfit, Currency}.String()
	}
	return s
}

// OrderUpdate changes the fields that are set; Lines replaces every line.
type OrderUpdate struct {
	Number    *string           `json:"number,omitempty" maxLength:"64"`
	Status    *OrderStatus      `json:"status,omitempty" enum:"draft,confirmed,completed,cancelled"`
	OrderDate *Date             `json:"order_date,omitempty" format:"date"`
	OwnerID   *string           `json:"owner_id,omitempty"`
	Note      *string           `json:"note,omitempty" maxLength:"2000"`
	Lines     *[]OrderLineInput `json:"lines,omitempty" maxItems:"500" doc:"Replaces all lines; prices and costs left out come from the products."`
}

// OrderFilter selects orders for a list.
type OrderFilter struct {
	AccountID string
	ProductID string // orders with a line of this product
	Status    string
	OwnerID   string
	Q         string // part of the order number
	DateFrom  Date   // order_date >= DateFrom
	DateTo    Date   // order_date <= DateTo
	Deleted   Deleted
	Sort      string // order_date, number, revenue, updated_at; "-" for descending
	Limit     int
	Cursor    string
}

// CustomerStats are an account's purchase figures, kept in the same
// transaction as every change of its orders. Only confirmed and completed
// orders count.
type CustomerStats struct {
	AccountID    string `json:"account_id"`
	FirstOrder   Date   `json:"first_order_date,omitempty" format:"date"`
	LastOrder    Date   `json:"last_order_date,omitempty" format:"date"`
	OrderCount   int64  `json:"order_count"`
	Revenue      int64  `json:"revenue" doc:"Minor units."`
	GrossProfit  *int64 `json:"gross_profit,omitempty" doc:"Hidden from roles that do not see costs."`
	ServiceCost  *int64 `json:"service_cost,omitempty" doc:"Cost of service tickets; hidden from roles that do not see costs."`
	Profit       *int64 `json:"profit,omitempty" doc:"gross_profit - service_cost; hidden from roles that do not see costs."`
	ProductsHeld int64  `json:"products_held" doc:"Distinct products bought."`
	Currency     string `json:"currency"`
	Redaction
}

// OrderService manages orders. Orders carry an owner and team like
// accounts and are scoped by them; creating one also needs read access to
// its account.
type OrderService interface {
	CreateOrder(ctx context.Context, in OrderInput) (*Order, error)
	GetOrder(ctx context.Context, id string) (*Order, error)
	ListOrders(ctx context.Context, f OrderFilter) (*Page[*Order], error)
	UpdateOrder(ctx context.Context, id string, version int, upd OrderUpdate) (*Order, error)
	DeleteOrder(ctx context.Context, id string, version int) error
	RestoreOrder(ctx context.Context, id string) (*Order, error)
	// CustomerStats returns ENOTFOUND when the account is not readable.
	CustomerStats(ctx context.Context, accountID string) (*CustomerStats, error)
	// ImportOrders creates or replaces (by number) the orders of a CSV
	// file, all or nothing: any bad row fails the import with an EINVALID
	// error whose fields carry the line and column of every problem.
	ImportOrders(ctx context.Context, csv io.Reader, opt OrderImportOptions) (*OrderImportSummary, error)
}
