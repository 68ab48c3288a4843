package analyze

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/internal/csvin"
)

func readOrders(t *testing.T, src string) *Orders {
	t.Helper()
	o, err := ReadOrders(strings.NewReader(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestReadOrders(t *testing.T) {
	o := readOrders(t, "Customer_ID,Order_Date,Amount,Gross_Profit,Product_ID,note\n"+
		"张三,2024-03-05,19.99,-0.50,茶叶,first\n"+
		"C2,19970101,0.1,0.10,P1,\n"+
		"C2,2024/3/5,1234567.8,1000,P2,\n")
	want := []Transaction{
		{Customer: "张三", Date: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Amount: 1999, GrossProfit: -50, Product: "茶叶"},
		{Customer: "C2", Date: time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC), Amount: 10, GrossProfit: 10, Product: "P1"},
		{Customer: "C2", Date: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Amount: 123456780, GrossProfit: 100000, Product: "P2"},
	}
	if len(o.Transactions) != len(want) {
		t.Fatalf("%d transactions, want %d", len(o.Transactions), len(want))
	}
	for i, w := range want {
		if g := o.Transactions[i]; g != w {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
	if !o.HasProfit || !o.HasProduct || o.Encoding != "UTF-8" || len(o.IgnoredColumns) != 1 || o.IgnoredColumns[0] != "note" {
		t.Errorf("orders: profit %v product %v encoding %q ignored %q", o.HasProfit, o.HasProduct, o.Encoding, o.IgnoredColumns)
	}
}

func TestReadOrdersOptionalColumns(t *testing.T) {
	o := readOrders(t, "customer_id,date,amount\nA,2024-01-01,5\n")
	if o.HasProfit || o.HasProduct || o.Transactions[0].Amount != 500 {
		t.Errorf("%+v", o)
	}
}

// TestReadOrdersReportsEveryBadRow checks that each bad field is reported
// with its line and column, and that no orders come back.
func TestReadOrdersReportsEveryBadRow(t *testing.T) {
	src := "customer_id,order_date,amount,gross_profit\n" +
		"A,2024-01-05,12.50,3\n" + // line 2: good
		"B,2024-02-30,3,1\n" + // line 3: no such day
		"C,2024-01-07,-5,-1\n" + // line 4: negative amount
		",2024-01-08,12.345,1\n" + // line 5: empty id and three decimals
		"D,2024-01-09,10,10.01\n" + // line 6: profit above the amount
		"E,2024-01-10,\"1,234.00\",1\n" + // line 7: thousands separator
		"F,2024-01-11" // line 8: truncated
	o, err := ReadOrders(strings.NewReader(src), 0)
	if o != nil {
		t.Errorf("orders returned despite errors: %+v", o)
	}
	var errs *csvin.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want row errors, got %v", err)
	}
	want := []string{
		`line 3, order_date: "2024-02-30" is not a date`,
		`line 4, amount: "-5" is negative`,
		`line 5, customer_id: is empty`,
		`line 5, amount: "12.345" has more than 2 decimals`,
		`line 6, gross_profit: "10.01" is more than the amount "10"`,
		`line 7, amount: "1,234.00" has a thousands separator`,
		`line 8: 2 fields, the header has 4: the last line is cut short`,
	}
	if errs.Total != len(want) {
		t.Errorf("%d errors, want %d:\n%v", errs.Total, len(want), err)
	}
	for i, w := range want {
		if i >= len(errs.List) || !strings.HasPrefix(errs.List[i].String(), w) {
			t.Errorf("error %d: got %v, want %q", i, errs.List[i], w)
		}
	}
}

func TestReadOrdersNeedsOrders(t *testing.T) {
	if _, err := ReadOrders(strings.NewReader("customer_id,order_date,amount\n"), 0); err == nil || !strings.Contains(err.Error(), "no orders") {
		t.Errorf("header only: %v", err)
	}
	if _, err := ReadOrders(strings.NewReader("customer_id,amount\nA,1\n"), 0); err == nil || !strings.Contains(err.Error(), "order_date") {
		t.Errorf("missing column: %v", err)
	}
}
