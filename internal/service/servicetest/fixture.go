// Package servicetest builds a populated workspace for tests of the
// service and the HTTP API: two teams, a user of every role, and a second
// workspace to prove that nothing crosses between them.
package servicetest

import (
	"context"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// FastHashes makes password hashing cheap for tests; call it from
// TestMain. Production parameters are tested in internal/auth.
func FastHashes() {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
}

// Fixture is a workspace with two sales teams (East under HQ, South) and a user
// of every role, plus a second workspace with its own admin.
type Fixture struct {
	Svc   *service.Service
	DB    *store.DB
	WS    *crm.Workspace
	Users map[string]*crm.User // by label: admin, manager, sales, sales2, salesSouth, finance, ...
	Ctx   map[string]context.Context
	East  string
	South string
	// Other acts as the admin of a second workspace.
	Other      context.Context
	OtherAdmin *crm.User
}

// Password is every fixture user's password.
const Password = "correct horse battery"

// New builds the fixture in db.
func New(t testing.TB, db *store.DB) *Fixture {
	t.Helper()
	ctx := context.Background()
	f := &Fixture{Svc: service.New(db), DB: db, Users: map[string]*crm.User{}, Ctx: map[string]context.Context{}}
	var err error
	if f.WS, err = f.Svc.CreateWorkspace(ctx, "Test Co", "test"); err != nil {
		t.Fatal(err)
	}
	sys := crm.NewContext(ctx, crm.SystemActor(f.WS.ID, ""))
	hq := Must(f.Svc.CreateTeam(sys, crm.TeamInput{Name: "HQ"}))(t)
	f.East = Must(f.Svc.CreateTeam(sys, crm.TeamInput{Name: "East", ParentID: hq.ID}))(t).ID
	f.South = Must(f.Svc.CreateTeam(sys, crm.TeamInput{Name: "South"}))(t).ID
	people := []struct {
		label string
		role  crm.Role
		team  string
	}{
		{"admin", crm.RoleAdmin, ""},
		{"manager", crm.RoleManager, hq.ID}, // manages HQ and East below it
		{"sales", crm.RoleSales, f.East},
		{"sales2", crm.RoleSales, f.East},
		{"salesSouth", crm.RoleSales, f.South},
		{"finance", crm.RoleFinance, ""},
		{"warehouse", crm.RoleWarehouse, ""},
		{"service", crm.RoleService, ""},
		{"marketing", crm.RoleMarketing, ""},
		{"viewer", crm.RoleViewer, ""},
	}
	for _, p := range people {
		u := Must(f.Svc.CreateUser(sys, crm.UserCreate{Email: p.label + "@test.example", Name: p.label, Password: Password, Role: p.role, TeamID: p.team}))(t)
		f.Users[p.label] = u
		a, err := f.Svc.UserActor(ctx, u.Email)
		if err != nil {
			t.Fatal(err)
		}
		f.Ctx[p.label] = crm.NewContext(ctx, a)
	}
	ws2, err := f.Svc.CreateWorkspace(ctx, "Other Co", "other")
	if err != nil {
		t.Fatal(err)
	}
	sys2 := crm.NewContext(ctx, crm.SystemActor(ws2.ID, ""))
	u := Must(f.Svc.CreateUser(sys2, crm.UserCreate{Email: "admin@other.example", Name: "other admin", Password: Password, Role: crm.RoleAdmin}))(t)
	a, err := f.Svc.UserActor(ctx, u.Email)
	if err != nil {
		t.Fatal(err)
	}
	f.Other = crm.NewContext(ctx, a)
	f.OtherAdmin = u
	return f
}

// Must unwraps a (value, error) pair in a test.
func Must[T any](v T, err error) func(t testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

// Org returns valid fields of an organization named name with a credit
// code made unique by n (0 <= n < 31^4).
func Org(name string, n int) crm.AccountFields {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	body := []byte("91350100M00010000")
	for i := 16; i >= 13; i-- {
		body[i] = alphabet[n%31]
		n /= 31
	}
	c, _ := crm.CreditCodeCheck(string(body))
	return crm.AccountFields{Kind: crm.AccountOrganization, Name: name, CreditCode: string(body) + string(c)}
}

// WantCode fails unless err carries the domain code.
func WantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := crm.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// WantField fails unless err is EINVALID/ECONFLICT naming field.
func WantField(t testing.TB, err error, field string) {
	t.Helper()
	for _, f := range crm.ErrorFields(err) {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("error %v does not name field %q", err, field)
}
