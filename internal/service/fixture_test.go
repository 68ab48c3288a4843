package service_test

import (
	"context"
	"os"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

func TestMain(m *testing.M) {
	// Cheap hashes keep tests fast; production parameters are tested in
	// internal/auth.
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	os.Exit(m.Run())
}

// fx is a workspace with two sales teams (East under HQ, South) and a user
// of every role, plus a second workspace with its own admin.
type fx struct {
	svc   *service.Service
	db    *store.DB
	ws    *crm.Workspace
	users map[string]*crm.User // by label
	ctx   map[string]context.Context
	east  string
	south string
	other context.Context // admin of the second workspace
}

const password = "correct horse battery"

func newFixture(t *testing.T, db *store.DB) *fx {
	t.Helper()
	ctx := context.Background()
	f := &fx{svc: service.New(db), db: db, users: map[string]*crm.User{}, ctx: map[string]context.Context{}}
	var err error
	if f.ws, err = f.svc.CreateWorkspace(ctx, "Test Co", "test"); err != nil {
		t.Fatal(err)
	}
	sys := crm.NewContext(ctx, crm.SystemActor(f.ws.ID, ""))
	hq := must(f.svc.CreateTeam(sys, crm.TeamInput{Name: "HQ"}))(t)
	f.east = must(f.svc.CreateTeam(sys, crm.TeamInput{Name: "East", ParentID: hq.ID}))(t).ID
	f.south = must(f.svc.CreateTeam(sys, crm.TeamInput{Name: "South"}))(t).ID
	people := []struct {
		label string
		role  crm.Role
		team  string
	}{
		{"admin", crm.RoleAdmin, ""},
		{"manager", crm.RoleManager, hq.ID}, // manages HQ and East below it
		{"sales", crm.RoleSales, f.east},
		{"sales2", crm.RoleSales, f.east},
		{"salesSouth", crm.RoleSales, f.south},
		{"finance", crm.RoleFinance, ""},
		{"warehouse", crm.RoleWarehouse, ""},
		{"service", crm.RoleService, ""},
		{"marketing", crm.RoleMarketing, ""},
		{"viewer", crm.RoleViewer, ""},
	}
	for _, p := range people {
		u := must(f.svc.CreateUser(sys, crm.UserCreate{Email: p.label + "@test.example", Name: p.label, Password: password, Role: p.role, TeamID: p.team}))(t)
		f.users[p.label] = u
		a, err := f.svc.UserActor(ctx, u.Email)
		if err != nil {
			t.Fatal(err)
		}
		f.ctx[p.label] = crm.NewContext(ctx, a)
	}
	ws2, err := f.svc.CreateWorkspace(ctx, "Other Co", "other")
	if err != nil {
		t.Fatal(err)
	}
	sys2 := crm.NewContext(ctx, crm.SystemActor(ws2.ID, ""))
	u := must(f.svc.CreateUser(sys2, crm.UserCreate{Email: "admin@other.example", Name: "other admin", Password: password, Role: crm.RoleAdmin}))(t)
	a, err := f.svc.UserActor(ctx, u.Email)
	if err != nil {
		t.Fatal(err)
	}
	f.other = crm.NewContext(ctx, a)
	return f
}

// must unwraps a (value, error) pair in a test.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

// org returns valid fields of an organization named name with a credit
// code made unique by n.
func org(name string, n int) crm.AccountFields {
	body := []byte("91350100M000100" + "00")
	body[15] = "0123456789ABCDEFGHJKLMNPQRTUWXY"[n%31]
	body[16] = "0123456789ABCDEFGHJKLMNPQRTUWXY"[(n/31)%31]
	c, _ := crm.CreditCodeCheck(string(body))
	return crm.AccountFields{Kind: crm.AccountOrganization, Name: name, CreditCode: string(body) + string(c)}
}

// wantCode fails unless err carries the domain code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := crm.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// wantField fails unless err is EINVALID/ECONFLICT naming field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	for _, f := range crm.ErrorFields(err) {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("error %v does not name field %q", err, field)
}
