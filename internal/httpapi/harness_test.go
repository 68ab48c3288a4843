package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/internal/httpapi"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
)

func TestMain(m *testing.M) {
	servicetest.FastHashes()
	os.Exit(m.Run())
}

// apiEnv is a server over a fixture, with an API token per user label.
type apiEnv struct {
	*servicetest.Fixture
	handler http.Handler
	tokens  map[string]string // label -> bearer token; "other" is the second workspace's admin
}

func newAPIEnv(t testing.TB, db *store.DB) *apiEnv {
	t.Helper()
	f := servicetest.New(t, db)
	e := &apiEnv{Fixture: f, tokens: map[string]string{}}
	e.handler = httpapi.NewServer(httpapi.Config{Version: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ping: db.Ping}, f.Svc)
	for label, ctx := range f.Ctx {
		tok, _, err := f.Svc.CreateAPIToken(ctx, "test")
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[label] = tok
	}
	tok, _, err := f.Svc.CreateAPIToken(f.Other, "test")
	if err != nil {
		t.Fatal(err)
	}
	e.tokens["other"] = tok
	return e
}

// request is one HTTP call in a scenario.
type request struct {
	method  string
	path    string
	body    any // encoded as JSON unless a string
	as      string
	headers map[string]string
}

// response is what came back, with helpers to read it.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (e *apiEnv) do(t testing.TB, r request) *response {
	t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	req := httptest.NewRequestWithContext(context.Background(), r.method, r.path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok := e.tokens[r.as]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, req)
	return &response{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
}

// json decodes the body into v.
func (r *response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// problem decodes a problem+json body.
func (r *response) problem(t testing.TB) httpapi.Problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q for status %d: %s", ct, r.status, r.body)
	}
	var p httpapi.Problem
	r.json(t, &p)
	return p
}

// hasField reports whether a problem names field.
func hasField(p httpapi.Problem, field string) bool {
	for _, f := range p.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}

// accountJSON is a valid create body with a unique credit code.
func accountJSON(name string, n int) map[string]any {
	a := servicetest.Org(name, n)
	return map[string]any{"kind": a.Kind, "name": a.Name, "credit_code": a.CreditCode}
}
