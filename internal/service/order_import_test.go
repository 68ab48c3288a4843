package service_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// importFixture is a workspace with the catalogue and three accounts of
// the sales rep: Acme (named by id in files), 华东机械 (by credit code)
// and 苏州泵业 (by name).
type importFixture struct {
	*servicetest.Fixture
	pump, valve           *crm.Product
	acme, huadong, suzhou *crm.Account
	huadongCode           string
}

func newImportFixture(t *testing.T, db *store.DB) *importFixture {
	f := &importFixture{Fixture: newFixture(t, db)}
	f.pump, f.valve = catalogue(t, f.Fixture)
	ctx := f.Ctx["sales"]
	f.acme = must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
	f.huadong = must(f.Svc.CreateAccount(ctx, org("华东机械", 2)))(t)
	f.suzhou = must(f.Svc.CreateAccount(ctx, org("苏州泵业", 3)))(t)
	f.huadongCode = f.huadong.CreditCode
	return f
}

// csv is a file of two orders: SO-1 with two lines for Acme (by id) and
// SO-2 for 华东机械 (by credit code), then SO-3 for 苏州泵业 (by name).
func (f *importFixture) csv() string {
	return "number,account,order_date,status,product,quantity,unit_price,discount,note\n" +
		"SO-1," + f.acme.ID + ",2025-03-01,,PUMP-1,3,,10,first\n" +
		"SO-1," + f.acme.ID + ",2025-03-01,,VALVE-2,4,,,\n" +
		"SO-2," + f.huadongCode + ",2025/4/2,completed,PUMP-1,1,90.00,,\n" +
		"SO-3,苏州泵业,20250505,draft,VALVE-2,10,20.5,,\n"
}

// counts returns the rows of orders, order lines and history of orders.
func counts(t *testing.T, db *store.DB) [3]int {
	t.Helper()
	var c [3]int
	for i, table := range []string{"orders", "order_lines", "history WHERE entity = 'order'"} {
		if err := db.Read().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&c[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func importCSV(ctx context.Context, f *importFixture, csv string, dry bool) (*crm.OrderImportSummary, error) {
	return f.Svc.ImportOrders(ctx, strings.NewReader(csv), crm.OrderImportOptions{DryRun: dry})
}

func TestImportOrdersCreatesThenUpserts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newImportFixture(t, db)
		ctx := f.Ctx["sales"]
		before := counts(t, db)

		dry := must(importCSV(ctx, f, f.csv(), true))(t)
		if !dry.DryRun || dry.Created != 3 || dry.Lines != 4 || dry.Accounts != 3 ||
			dry.MatchedBy != (crm.AccountMatches{ID: 1, CreditCode: 1, Name: 1}) || dry.Encoding != "UTF-8" {
			t.Fatalf("dry run = %+v", dry)
		}
		if got := counts(t, db); got != before {
			t.Fatalf("a dry run wrote: %v -> %v", before, got)
		}

		sum := must(importCSV(ctx, f, f.csv(), false))(t)
		if sum.DryRun || sum.Created != 3 || sum.Updated != 0 || sum.Lines != 4 || sum.Accounts != 3 {
			t.Fatalf("summary = %+v", sum)
		}
		page := must(f.Svc.ListOrders(ctx, crm.OrderFilter{Q: "SO-1"}))(t)
		if len(page.Items) != 1 {
			t.Fatalf("SO-1: %d orders", len(page.Items))
		}
		o := page.Items[0]
		// 3 x 100.00 - 10.00 + 4 x 25.50 = 392.00, owned by the account's owner.
		if o.Revenue != 392_00 || len(o.Lines) != 2 || o.Status != crm.OrderConfirmed || o.Note != "first" ||
			o.OwnerID != f.Users["sales"].ID || o.OrderDate != "2025-03-01" || o.Lines[0].Discount != 10_00 {
			t.Errorf("SO-1 = %+v", o)
		}
		st := must(f.Svc.CustomerStats(ctx, f.huadong.ID))(t)
		if st.OrderCount != 1 || st.Revenue != 90_00 || st.FirstOrder != "2025-04-02" {
			t.Errorf("华东机械 stats = %+v", st)
		}
		if st := must(f.Svc.CustomerStats(ctx, f.suzhou.ID))(t); st.OrderCount != 0 {
			t.Errorf("a draft counts: %+v", st)
		}
		hist := must(f.Svc.History(ctx, crm.EntityOrder, o.ID, "", 10))(t)
		if len(hist.Items) != 1 || hist.Items[0].Field != crm.FieldCreated {
			t.Errorf("history of a new order = %+v", hist.Items)
		}
		after := counts(t, db)

		// The same file again changes nothing; a changed quantity replaces
		// the order's lines at the next version, with its history.
		if again := must(importCSV(ctx, f, f.csv(), false))(t); again.Created != 0 || again.Updated != 0 || again.Unchanged != 3 {
			t.Errorf("re-import = %+v", again)
		}
		changed := strings.Replace(f.csv(), "VALVE-2,4,,,", "VALVE-2,5,,,", 1)
		changed = strings.Replace(changed, "SO-2,"+f.huadongCode+",2025/4/2,completed", "SO-2,"+f.huadongCode+",2025/4/2,cancelled", 1)
		upd := must(importCSV(ctx, f, changed, false))(t)
		if upd.Created != 0 || upd.Updated != 2 || upd.Unchanged != 1 {
			t.Fatalf("upsert = %+v", upd)
		}
		o2 := must(f.Svc.GetOrder(ctx, o.ID))(t)
		if o2.Version != 2 || o2.Lines[1].Quantity != 5 || o2.Revenue != 392_00+25_50 {
			t.Errorf("SO-1 after upsert = %+v", o2)
		}
		if got := counts(t, db); got[0] != after[0] || got[1] != after[1] || got[2] <= after[2] {
			t.Errorf("upsert counts %v, before %v: orders must be replaced, not duplicated, with history", got, after)
		}
		hist = must(f.Svc.History(ctx, crm.EntityOrder, o.ID, "", 10))(t)
		if len(hist.Items) < 2 || hist.Items[0].Field == crm.FieldCreated {
			t.Errorf("history after upsert = %+v", hist.Items)
		}
		if st := must(f.Svc.CustomerStats(ctx, f.huadong.ID))(t); st.OrderCount != 0 || st.Revenue != 0 {
			t.Errorf("cancelled order still counts: %+v", st)
		}
	})
}

// wantRowError fails unless err is EINVALID listing a problem on line in
// column.
func wantRowError(t *testing.T, err error, line int, column string) {
	t.Helper()
	servicetest.WantCode(t, err, crm.EINVALID)
	for _, fe := range crm.ErrorFields(err) {
		if fe.Line == line && fe.Field == column {
			return
		}
	}
	t.Fatalf("no problem on line %d, column %q in %v", line, column, err)
}

func TestImportOrdersReportsEveryBadRowAndWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newImportFixture(t, db)
		ctx := f.Ctx["sales"]
		must(importCSV(ctx, f, f.csv(), false))(t)
		other := must(f.Svc.CreateAccount(f.Ctx["sales2"], org("Not mine", 4)))(t)
		header := "number,account,order_date,status,product,quantity,unit_price,discount,note\n"
		good := "SO-9," + f.acme.ID + ",2025-06-01,,PUMP-1,1,,,\n"
		cases := []struct {
			name, csv, column string
			line              int
		}{
			{"bad date", header + good + "SO-10,Acme,2025-13-01,,PUMP-1,1,,,\n", "order_date", 3},
			{"negative quantity", header + good + "SO-10,Acme,2025-06-01,,PUMP-1,-2,,,\n", "quantity", 3},
			{"zero quantity", header + good + "SO-10,Acme,2025-06-01,,PUMP-1,0,,,\n", "quantity", 3},
			{"unknown account", header + good + "SO-10,Nobody Ltd,2025-06-01,,PUMP-1,1,,,\n", "account", 3},
			{"account of another rep", header + good + "SO-10," + other.ID + ",2025-06-01,,PUMP-1,1,,,\n", "account", 3},
			{"unknown product", header + good + "SO-10,Acme,2025-06-01,,NOPE,1,,,\n", "product", 3},
			{"rows of one order disagree", header + good + "SO-9," + f.acme.ID + ",2025-06-02,,VALVE-2,1,,,\n", "order_date", 3},
			{"one number, two accounts", header + good + "SO-9,苏州泵业,2025-06-01,,VALVE-2,1,,,\n", "account", 3},
			{"existing order of another account", header + good + "SO-1,苏州泵业,2025-03-01,,PUMP-1,3,,,\n", "account", 3},
			{"discount above the line", header + good + "SO-10,Acme,2025-06-01,,PUMP-1,1,,500,\n", "discount", 3},
			{"three decimals", header + good + "SO-10,Acme,2025-06-01,,PUMP-1,1,1.005,,\n", "unit_price", 3},
			{"unknown status", header + good + "SO-10,Acme,2025-06-01,shipped,PUMP-1,1,,,\n", "status", 3},
			{"truncated last line", header + good + "SO-10,Acme,2025-06-01,,PUMP", "", 3},
			{"quote left open", header + good + "SO-10,Acme,2025-06-01,,\"PUMP-1,1,,,\n", "", 3},
			{"missing column", "number,account,order_date,product\n" + "SO-9,Acme,2025-06-01,PUMP-1\n", "quantity", 1},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := counts(t, db)
				_, err := importCSV(ctx, f, c.csv, false)
				wantRowError(t, err, c.line, c.column)
				if got := counts(t, db); got != before {
					t.Errorf("a failed import wrote: %v -> %v", before, got)
				}
			})
		}

		// All problems at once, in line order.
		_, err := importCSV(ctx, f, header+"SO-10,Nobody,2025-06-01,,NOPE,x,,,\n"+good+"SO-11,Acme,bad,,PUMP-1,1,,,\n", false)
		var e *crm.Error
		if !errors.As(err, &e) || len(e.Fields) != 4 || e.Total != 4 || e.Fields[0].Line != 2 || e.Fields[3].Line != 4 {
			t.Errorf("problems = %v", err)
		}
	})
}

func TestImportOrdersReadsGBK(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newImportFixture(t, db)
		ctx := f.Ctx["sales"]
		gbk := func(s string) string {
			b, err := simplifiedchinese.GBK.NewEncoder().String(s)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		file := "订单号,客户,日期,状态,产品,数量,单价,折扣,备注\n" +
			"华东-001,华东机械,2025-07-01,已完成,PUMP-1,2,95.5,,加急\n"
		before := counts(t, db)
		// A bad row of a GBK file is reported with its text decoded.
		_, err := importCSV(ctx, f, gbk(file+"华东-002,无锡重工,2025-07-02,,PUMP-1,1,,,\n"), false)
		wantRowError(t, err, 3, "account")
		if !strings.Contains(err.Error(), "无锡重工") {
			t.Errorf("message does not quote the decoded name: %v", err)
		}
		if got := counts(t, db); got != before {
			t.Errorf("a failed GBK import wrote: %v -> %v", before, got)
		}
		sum := must(importCSV(ctx, f, gbk(file), false))(t)
		if sum.Created != 1 || sum.Encoding != "GB18030" || sum.MatchedBy.Name != 1 {
			t.Fatalf("GBK import = %+v", sum)
		}
		o := must(f.Svc.ListOrders(ctx, crm.OrderFilter{Q: "华东-001"}))(t).Items[0]
		if o.Status != crm.OrderCompleted || o.Note != "加急" || o.Revenue != 191_00 || o.AccountID != f.huadong.ID {
			t.Errorf("GBK order = %+v", o)
		}
	})
}

// failingReader fails the test if anything reads it.
type failingReader struct{ t *testing.T }

func (r failingReader) Read([]byte) (int, error) {
	r.t.Error("the file was read")
	return 0, errors.New("read")
}

func TestImportOrdersPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newImportFixture(t, db)
		for _, role := range []string{"finance", "warehouse", "service", "marketing", "viewer"} {
			_, err := f.Svc.ImportOrders(f.Ctx[role], failingReader{t}, crm.OrderImportOptions{DryRun: true})
			wantCode(t, err, crm.EFORBIDDEN)
		}
		// Another rep of the same team sees none of these accounts.
		_, err := importCSV(f.Ctx["sales2"], f, f.csv(), true)
		wantRowError(t, err, 2, "account")
		wantRowError(t, err, 4, "account")
		wantRowError(t, err, 5, "account")
		// Their manager may import for them; the orders belong to the rep.
		sum := must(importCSV(f.Ctx["manager"], f, f.csv(), false))(t)
		if sum.Created != 3 {
			t.Fatalf("manager import = %+v", sum)
		}
		o := must(f.Svc.ListOrders(f.Ctx["sales"], crm.OrderFilter{Q: "SO-2"}))(t).Items[0]
		if o.OwnerID != f.Users["sales"].ID || o.CreatedBy != f.Users["manager"].ID {
			t.Errorf("order imported by the manager = owner %s, created by %s", o.OwnerID, o.CreatedBy)
		}
		// A number the rep cannot see is not theirs to replace.
		mine := must(f.Svc.CreateAccount(f.Ctx["sales2"], org("Sales2 Co", 9)))(t)
		_, err = importCSV(f.Ctx["sales2"], f, "number,account,order_date,product,quantity\nSO-1,"+mine.ID+",2025-01-01,PUMP-1,1\n", false)
		wantRowError(t, err, 2, "number")
		// The other workspace sees neither accounts nor products.
		_, err = importCSV(f.Other, f, f.csv(), false)
		wantRowError(t, err, 2, "product")
	})
}

func TestImportOrdersLimits(t *testing.T) {
	db := storetest.SQLite(t)
	f := newImportFixture(t, db)
	ctx := f.Ctx["sales"]
	var b strings.Builder
	b.WriteString("number,account,order_date,product,quantity\n")
	for i := range 11 {
		fmt.Fprintf(&b, "SO-%d,Acme,2025-01-01,PUMP-1,1\n", i)
	}
	_, err := f.Svc.ImportOrders(ctx, strings.NewReader(b.String()), crm.OrderImportOptions{MaxLines: 10})
	servicetest.WantField(t, err, "file")
	_, err = f.Svc.ImportOrders(ctx, strings.NewReader(b.String()), crm.OrderImportOptions{MaxBytes: 100})
	servicetest.WantField(t, err, "file")
	_, err = f.Svc.ImportOrders(ctx, strings.NewReader("number,account,order_date,product,quantity\n"), crm.OrderImportOptions{})
	servicetest.WantField(t, err, "file")
}
