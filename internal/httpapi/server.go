// Package httpapi is Guanxi's REST API under /api/v1, described by OpenAPI
// 3.1 at /api/openapi.json, plus /healthz and the web UI. Handlers are
// thin: decode, call the service, encode. Errors become problem+json in
// problem.go only.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
)

// Config is what the server needs besides the service.
type Config struct {
	Version string
	Logger  *slog.Logger
	// UI serves the web app (index.html for unknown paths); nil for none.
	UI http.Handler
	// SecureCookies marks cookies Secure; set it when served over HTTPS.
	SecureCookies bool
	// Ping checks the database for /healthz.
	Ping func(context.Context) error
}

// maxBody caps request bodies: records are small, and a cap keeps a
// client from tying up memory.
const maxBody = 256 << 10

func init() {
	huma.NewError = newProblem
}

// NewServer returns the HTTP handler of the whole application.
func NewServer(cfg Config, svc *service.Service) http.Handler {
	mux := http.NewServeMux()
	NewAPI(cfg, svc, mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := cfg.Ping(ctx); err != nil {
			cfg.Logger.Error("health check failed", "err", err)
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	if cfg.UI != nil {
		mux.Handle("GET /", cfg.UI)
	}
	var h http.Handler = mux
	h = limitBody(h)
	h = securityHeaders(h)
	h = recoverPanics(cfg.Logger, h)
	return h
}

// NewAPI registers every operation on mux and returns the huma API (whose
// OpenAPI document the CLI can print).
func NewAPI(cfg Config, svc *service.Service, mux *http.ServeMux) huma.API {
	hc := huma.DefaultConfig("Guanxi API", cfg.Version)
	hc.Info.Description = "The REST API of Guanxi, an open-source CRM. The web UI uses exactly this API. " +
		"Authenticate with a session cookie (browser; send X-CSRF-Token on changes) or a personal API token (Authorization: Bearer gx_...)."
	hc.OpenAPIPath = "/api/openapi"
	hc.DocsPath = ""    // the hosted docs page loads scripts from a CDN, which our CSP forbids
	hc.SchemasPath = "" // schemas are in the OpenAPI document
	hc.CreateHooks = nil
	hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer":  {Type: "http", Scheme: "bearer", Description: "Personal API token (gx_...)."},
		"session": {Type: "apiKey", In: "cookie", Name: sessionCookie, Description: "Browser session; changes also need the X-CSRF-Token header."},
	}
	hc.Security = []map[string][]string{{"bearer": {}}, {"session": {}}}
	api := humago.New(mux, hc)
	h := &handlers{svc: svc, log: cfg.Logger, secureCookies: cfg.SecureCookies}
	api.UseMiddleware(h.authenticate(api))
	routes(api, h)
	applyEnums(api)
	return api
}

// handlers holds what the operation handlers share.
type handlers struct {
	svc           *service.Service
	log           *slog.Logger
	secureCookies bool
}

// importOrdersPath takes whole files, up to maxImportBody: one byte over
// the import's own limit, so that huma answers 413 for anything larger.
const (
	importOrdersPath = "/api/v1/orders/import"
	maxImportBody    = crm.OrderImportMaxBytes + 1
)

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBody)
		if r.URL.Path == importOrdersPath {
			limit = maxImportBody
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets headers every response carries. The web UI's own
// handler adds the Content-Security-Policy with its per-request nonce; API
// responses get a policy that allows nothing.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", p)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
