package httpapi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/httpapi"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestBadInputGetsProblemAndWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		valid := accountJSON("Acme", 1)
		with := func(k string, v any) map[string]any {
			m := map[string]any{}
			for kk, vv := range valid {
				m[kk] = vv
			}
			m[k] = v
			return m
		}
		tests := []struct {
			name   string
			body   any
			status int
			field  string
		}{
			{"malformed JSON", `{"name": "Acme",`, 400, ""},
			{"not an object", `[1,2,3]`, 422, ""},
			{"unknown field", with("password_hash", "x"), 422, "password_hash"},
			{"bad check character", with("credit_code", valid["credit_code"].(string)[:17]+"0"), 422, "credit_code"},
			{"unknown enum value", with("industry", "piracy"), 422, "industry"},
			{"unknown kind", with("kind", "robot"), 422, "kind"},
			{"oversize name", with("name", strings.Repeat("名", 201)), 422, "name"},
			{"wrong type", with("name", 42), 422, "name"},
			{"read-only field", with("hotness", 99), 422, "hotness"},
			{"huge body", `{"name":"` + strings.Repeat("x", 300<<10) + `"}`, 413, ""},
			{"credit limit overflow", with("credit_limit", map[string]any{"amount": 1e19, "currency": "CNY"}), 422, "credit_limit.amount"},
		}
		for _, tt := range tests {
			res := e.do(t, request{method: "POST", path: "/api/v1/accounts", body: tt.body, as: "admin"})
			if res.status != tt.status {
				t.Errorf("%s: status %d, want %d: %s", tt.name, res.status, tt.status, res.body)
				continue
			}
			p := res.problem(t)
			if p.Code == "" || p.Status != tt.status {
				t.Errorf("%s: problem without code/status: %+v", tt.name, p)
			}
			if tt.field != "" && !hasField(p, tt.field) && !strings.Contains(string(res.body), tt.field) {
				t.Errorf("%s: problem does not name %s: %s", tt.name, tt.field, res.body)
			}
		}
		var page crm.Page[*crm.Account]
		e.do(t, request{method: "GET", path: "/api/v1/accounts?deleted=include", as: "admin"}).json(t, &page)
		if len(page.Items) != 0 {
			t.Errorf("rejected requests wrote %d accounts", len(page.Items))
		}
		// Bad list parameters are rejected, not passed to SQL.
		for _, q := range []string{"sort=password_hash", "sort=name;drop", "limit=100000", "cursor=%27%20OR%201=1", "deleted=all", "custom=nokey"} {
			res := e.do(t, request{method: "GET", path: "/api/v1/accounts?" + q, as: "admin"})
			if res.status != 422 {
				t.Errorf("list ?%s: status %d, want 422: %s", q, res.status, res.body)
			}
		}
		// Ids that are not UUIDs are simply not found.
		if res := e.do(t, request{method: "GET", path: "/api/v1/accounts/1%27%20OR%20%271%27=%271", as: "admin"}); res.status != 404 {
			t.Errorf("malformed id: status %d", res.status)
		}
	})
}

func TestUpdateNeedsCurrentVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		res := e.do(t, request{method: "POST", path: "/api/v1/accounts", body: accountJSON("Acme", 2), as: "sales"})
		if res.status != 201 || res.header.Get("ETag") != `"1"` {
			t.Fatalf("create: %d etag %q: %s", res.status, res.header.Get("ETag"), res.body)
		}
		var a crm.Account
		res.json(t, &a)
		path := "/api/v1/accounts/" + a.ID
		patch := func(ifMatch, name string) *response {
			h := map[string]string{}
			if ifMatch != "" {
				h["If-Match"] = ifMatch
			}
			return e.do(t, request{method: "PATCH", path: path, body: map[string]any{"name": name}, as: "sales", headers: h})
		}
		if r := patch("", "No version"); r.status != 428 {
			t.Errorf("PATCH without If-Match: %d", r.status)
		}
		if r := patch(`"1"`, "First"); r.status != 200 || r.header.Get("ETag") != `"2"` {
			t.Fatalf("PATCH v1: %d %q", r.status, r.header.Get("ETag"))
		}
		r := patch(`"1"`, "Stale")
		if r.status != 412 || r.problem(t).Code != crm.ESTALE {
			t.Errorf("stale PATCH: %d %s", r.status, r.body)
		}
		// The refusal says where the record is now, so the client can tell
		// how far behind it is.
		if p := r.problem(t); p.CurrentVersion != 2 || r.header.Get("ETag") != `"2"` {
			t.Errorf("stale PATCH: current_version %d, ETag %q; want 2", p.CurrentVersion, r.header.Get("ETag"))
		}
		if r := patch(`W/"abc"`, "Garbage"); r.status != 400 {
			t.Errorf("garbage If-Match: %d", r.status)
		}
		var got crm.Account
		e.do(t, request{method: "GET", path: path, as: "sales"}).json(t, &got)
		if got.Name != "First" || got.Version != 2 {
			t.Errorf("after stale PATCH: %q v%d", got.Name, got.Version)
		}
	})
}

func TestSessionLoginCSRFAndLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		srv := httptest.NewServer(e.handler)
		defer srv.Close()
		post := func(path, body, cookie, csrf string) *http.Response {
			req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if cookie != "" {
				req.Header.Set("Cookie", cookie)
			}
			if csrf != "" {
				req.Header.Set("X-CSRF-Token", csrf)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		if r := post("/api/v1/auth/login", `{"email":"sales@test.example","password":"wrong password"}`, "", ""); r.StatusCode != 401 {
			t.Errorf("wrong password: %d", r.StatusCode)
		}
		res := e.do(t, request{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "SALES@test.example", "password": "correct horse battery"}})
		if res.status != 200 {
			t.Fatalf("login: %d %s", res.status, res.body)
		}
		setCookie := res.header.Get("Set-Cookie")
		for _, attr := range []string{"guanxi_session=gxs_", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(setCookie, attr) {
				t.Errorf("session cookie %q lacks %s", setCookie, attr)
			}
		}
		var login struct {
			CSRFToken string `json:"csrf_token"`
		}
		res.json(t, &login)
		cookie := strings.Split(setCookie, ";")[0]
		body := `{"kind":"organization","name":"Via cookie","credit_code":"` + accountJSON("x", 3)["credit_code"].(string) + `"}`
		if r := post("/api/v1/accounts", body, cookie, ""); r.StatusCode != 403 {
			t.Errorf("cookie POST without CSRF token: %d", r.StatusCode)
		}
		if r := post("/api/v1/accounts", body, cookie, "wrong"); r.StatusCode != 403 {
			t.Errorf("cookie POST with wrong CSRF token: %d", r.StatusCode)
		}
		if r := post("/api/v1/accounts", body, cookie, login.CSRFToken); r.StatusCode != 201 {
			t.Errorf("cookie POST with CSRF token: %d", r.StatusCode)
		}
		req, _ := http.NewRequest("GET", srv.URL+"/api/v1/me", nil)
		req.Header.Set("Cookie", cookie)
		me, err := http.DefaultClient.Do(req)
		if err != nil || me.StatusCode != 200 {
			t.Fatalf("GET /me with cookie: %v %v", err, me.StatusCode)
		}
		me.Body.Close()
		if r := post("/api/v1/auth/logout", "", cookie, login.CSRFToken); r.StatusCode != 200 {
			t.Errorf("logout: %d", r.StatusCode)
		}
		if r := post("/api/v1/accounts", body, cookie, login.CSRFToken); r.StatusCode != 401 {
			t.Errorf("after logout: %d", r.StatusCode)
		}
	})
}

func TestLoginIsRateLimited(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	login := func(pw string) *response {
		return e.do(t, request{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "viewer@test.example", "password": pw}})
	}
	for i := 0; i < 10; i++ {
		if r := login("guess number " + string(rune('a'+i))); r.status != 401 {
			t.Fatalf("attempt %d: %d", i, r.status)
		}
	}
	r := login("correct horse battery")
	if r.status != 429 || r.header.Get("Retry-After") == "" || r.problem(t).Code != crm.ERATELIMIT {
		t.Errorf("11th attempt, even with the right password: %d %s", r.status, r.body)
	}
}

func TestHealthzAndSecurityHeaders(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	res := e.do(t, request{method: "GET", path: "/healthz"})
	if res.status != 200 {
		t.Errorf("healthz: %d", res.status)
	}
	res = e.do(t, request{method: "GET", path: "/api/v1/me"})
	if res.status != 401 {
		t.Errorf("anonymous /me: %d", res.status)
	}
	csp := res.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("API CSP %q", csp)
	}
	if res.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("missing nosniff")
	}
	if r := e.do(t, request{method: "GET", path: "/api/v1/me", headers: map[string]string{"Authorization": "Bearer gx_forged"}}); r.status != 401 {
		t.Errorf("forged token: %d", r.status)
	}
}

func TestListShowsOnlyScopeAndHidesFieldsByRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		tg := makeTargets(t, e.Fixture, 1, "")
		for _, role := range roles[:len(roles)-1] {
			var accounts crm.Page[*crm.Account]
			e.do(t, request{method: "GET", path: "/api/v1/accounts?q=Target", as: role}).json(t, &accounts)
			if seen := len(accounts.Items) == 1; seen != readers[role] {
				t.Errorf("%s sees the target account in lists: %v", role, seen)
			}
			var contacts crm.Page[*crm.Contact]
			e.do(t, request{method: "GET", path: "/api/v1/contacts?q=zs", as: role}).json(t, &contacts)
			if seen := len(contacts.Items) == 1; seen != readers[role] {
				t.Errorf("%s sees the target contact in search: %v", role, seen)
			}
			if !readers[role] {
				continue
			}
			var c crm.Contact
			e.do(t, request{method: "GET", path: "/api/v1/contacts/" + tg.contact, as: role}).json(t, &c)
			sees := c.PersonalProfile != nil
			if want := role == "admin" || role == "manager" || role == "sales"; sees != want {
				t.Errorf("%s sees the personal profile: %v", role, sees)
			}
		}
	})
}

func TestProblemsNameFieldsAndReasons(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	must := func(body any) httpapi.Problem {
		t.Helper()
		res := e.do(t, request{method: "POST", path: "/api/v1/contacts", body: body, as: "admin"})
		if res.status != 422 {
			t.Fatalf("status %d: %s", res.status, res.body)
		}
		return res.problem(t)
	}
	p := must(map[string]any{"name": "x", "level": "decision"})
	reasons := map[string]string{}
	for _, f := range p.Errors {
		reasons[f.Field] = f.Reason
	}
	if reasons["account_id"] != "required" || reasons["function"] != "required" {
		t.Errorf("missing fields not named: %+v", p.Errors)
	}
	p = must(map[string]any{"account_id": store.NewID(), "name": "x", "level": "boss", "function": "user"})
	if !hasField(p, "level") || p.Errors[0].Reason != "unknown_value" {
		t.Errorf("enum problem: %+v", p.Errors)
	}
}

func TestValidationReportsCoreAndCustomFieldsTogether(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	e.do(t, request{method: "POST", path: "/api/v1/field-definitions", as: "admin",
		body: map[string]any{"entity": "account", "key": "erp", "label": "ERP", "type": "select", "options": []string{"SAP"}, "required": false}})
	body := accountJSON("Acme", 5)
	body["credit_code"] = "913501000000000000"
	body["custom"] = map[string]any{"erp": "Oracle"}
	res := e.do(t, request{method: "POST", path: "/api/v1/accounts", body: body, as: "admin"})
	p := res.problem(t)
	if !hasField(p, "credit_code") || !hasField(p, "custom.erp") {
		t.Errorf("want both credit_code and custom.erp in one answer: %s", res.body)
	}
}

func TestCSRFFailureHasItsOwnCode(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	res := e.do(t, request{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "admin@test.example", "password": "correct horse battery"}})
	cookie := strings.Split(res.header.Get("Set-Cookie"), ";")[0]
	res = e.do(t, request{method: "POST", path: "/api/v1/teams", body: map[string]any{"name": "X"}, headers: map[string]string{"Cookie": cookie}})
	if res.status != 403 || res.problem(t).Code != "csrf" {
		t.Errorf("CSRF failure: %d %s", res.status, res.body)
	}
}

func TestDeactivatedUserLosesAccessAtOnce(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	if r := e.do(t, request{method: "GET", path: "/api/v1/me", as: "viewer"}); r.status != 200 {
		t.Fatalf("viewer before: %d", r.status)
	}
	viewer := e.Users["viewer"]
	r := e.do(t, request{method: "PATCH", path: "/api/v1/users/" + viewer.ID, as: "admin",
		body: map[string]any{"active": false}, headers: map[string]string{"If-Match": `"1"`}})
	if r.status != 200 {
		t.Fatalf("deactivate: %d %s", r.status, r.body)
	}
	if r := e.do(t, request{method: "GET", path: "/api/v1/me", as: "viewer"}); r.status != 401 {
		t.Errorf("deactivated viewer still signed in: %d", r.status)
	}
}

func TestRevokedTokenStopsWorking(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	var created struct {
		Token string `json:"token"`
		ID    string `json:"id"`
	}
	res := e.do(t, request{method: "POST", path: "/api/v1/me/tokens", as: "sales", body: map[string]any{"name": "erp"}})
	res.json(t, &created)
	if res.status != 200 || !strings.HasPrefix(created.Token, "gx_") || created.ID == "" {
		t.Fatalf("create token: %d %s", res.status, res.body)
	}
	withToken := func() int {
		return e.do(t, request{method: "GET", path: "/api/v1/me", headers: map[string]string{"Authorization": "Bearer " + created.Token}}).status
	}
	if s := withToken(); s != 200 {
		t.Fatalf("new token: %d", s)
	}
	var list []map[string]any
	e.do(t, request{method: "GET", path: "/api/v1/me/tokens", as: "sales"}).json(t, &list)
	if len(list) != 2 || strings.Contains(fmt.Sprint(list), "gx_") { // the fixture's token and this one, never the secrets
		t.Errorf("token list: %v", list)
	}
	if r := e.do(t, request{method: "DELETE", path: "/api/v1/me/tokens/" + created.ID, as: "sales"}); r.status != 204 {
		t.Fatalf("revoke: %d %s", r.status, r.body)
	}
	if s := withToken(); s != 401 {
		t.Errorf("revoked token still works: %d", s)
	}
}

func TestChangingOwnPasswordNeedsTheCurrentOne(t *testing.T) {
	e := newAPIEnv(t, storetest.SQLite(t))
	patch := func(body map[string]any) *response {
		return e.do(t, request{method: "PATCH", path: "/api/v1/me", as: "sales", body: body})
	}
	r := patch(map[string]any{"password": "a brand new password"})
	if r.status != 422 || !hasField(r.problem(t), "current_password") {
		t.Errorf("without the current password: %d %s", r.status, r.body)
	}
	r = patch(map[string]any{"password": "a brand new password", "current_password": "wrong guess here"})
	if r.status != 422 || !hasField(r.problem(t), "current_password") {
		t.Errorf("with a wrong current password: %d %s", r.status, r.body)
	}
	if r := patch(map[string]any{"locale": "en"}); r.status != 200 {
		t.Errorf("language change needs no password: %d", r.status)
	}
	if r := patch(map[string]any{"password": "a brand new password", "current_password": "correct horse battery"}); r.status != 200 {
		t.Errorf("with the current password: %d %s", r.status, r.body)
	}
	login := e.do(t, request{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "sales@test.example", "password": "a brand new password"}})
	if login.status != 200 {
		t.Errorf("sign in with the new password: %d", login.status)
	}
	// The API token made before the change stops working with the old
	// password; another user's token is untouched.
	if r := e.do(t, request{method: "GET", path: "/api/v1/me", as: "sales"}); r.status != 401 {
		t.Errorf("API token after a password change: %d, want 401", r.status)
	}
	if r := e.do(t, request{method: "GET", path: "/api/v1/me", as: "sales2"}); r.status != 200 {
		t.Errorf("another user's token after sales changed password: %d", r.status)
	}
	// Admins cannot sidestep the check through the user settings.
	r = e.do(t, request{method: "PATCH", path: "/api/v1/users/" + e.Users["admin"].ID, as: "admin",
		headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, e.Users["admin"].Version)}, body: map[string]any{"password": "another new password"}})
	if r.status != 403 {
		t.Errorf("admin resets own password through /users: %d %s", r.status, r.body)
	}
}
