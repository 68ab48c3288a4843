package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

func TestImportOrdersCLI(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	dir := t.TempDir()
	dsn := filepath.Join(dir, "import.db")
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(db)
	ws, err := svc.CreateWorkspace(ctx, "Test", "test")
	if err != nil {
		t.Fatal(err)
	}
	sys := crm.NewContext(ctx, crm.SystemActor(ws.ID, ""))
	if _, err := svc.CreateProduct(sys, crm.ProductFields{Code: "PUMP-1", Name: "Pump", ListPrice: 100_00}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateAccount(sys, crm.AccountFields{Kind: crm.AccountOrganization, Name: "苏州泵业", CreditCode: "91440300708461136T"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateUser(sys, crm.UserCreate{Email: "viewer@example.com", Name: "V", Password: "long enough pw", Role: crm.RoleViewer}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := file("good.csv", "订单号,客户,日期,产品,数量\nSO-1,苏州泵业,2026-01-05,PUMP-1,2\n")
	bad := file("bad.csv", "number,account,order_date,product,quantity\nSO-1,苏州泵业,2026-01-05,PUMP-1,2\nSO-2,Nobody,2026-01-06,PUMP-1,0\n")

	code, out, stderr := run(t, nil, "import", "orders", bad, "--db", dsn)
	if code != 1 || !strings.Contains(stderr, "line 3, account:") || !strings.Contains(stderr, "line 3, quantity:") ||
		!strings.Contains(stderr, "Nothing was imported") || out != "" {
		t.Errorf("bad file: %d %q %s", code, out, stderr)
	}
	code, out, stderr = run(t, nil, "import", "orders", "--dry-run", "--db", dsn, good)
	if code != 0 || !strings.Contains(out, "1 orders created") || !strings.Contains(out, "Nothing was written") {
		t.Errorf("dry run: %d %s %s", code, out, stderr)
	}
	if code, _, stderr = run(t, nil, "import", "orders", good, "--db", dsn, "--as", "viewer@example.com"); code != 1 || !strings.Contains(stderr, "may not import") {
		t.Errorf("viewer import: %d %s", code, stderr)
	}
	code, out, stderr = run(t, nil, "import", "orders", good, "--db", dsn, "--workspace", "test")
	if code != 0 || !strings.Contains(out, "Imported") || !strings.Contains(out, "by name: 1") {
		t.Errorf("import: %d %s %s", code, out, stderr)
	}
	code, out, _ = run(t, nil, "import", "orders", good, "--db", dsn)
	if code != 0 || !strings.Contains(out, "0 orders created, 0 updated, 1 unchanged") {
		t.Errorf("re-import: %d %s", code, out)
	}
	if code, _, _ := run(t, nil, "import", "orders", "--db", dsn); code != 1 {
		t.Errorf("no file accepted")
	}
}
