package httpapi

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/guanxi-crm/guanxi/crm"
)

const (
	sessionCookie = "guanxi_session"
	csrfHeader    = "X-CSRF-Token"
)

// public marks operations that need no sign-in.
var public = map[string]any{"public": true}

// authenticate resolves the caller of every non-public operation from a
// bearer token or the session cookie and puts the actor in the context.
// Deny by default: an operation is public only if marked so. Cookie-based
// changes must echo the session's CSRF token in X-CSRF-Token.
func (h *handlers) authenticate(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		r, _ := humago.Unwrap(ctx)
		ip, _, _ := net.SplitHostPort(r.RemoteAddr)
		ctx = huma.WithValue(ctx, clientKey{}, client{IP: ip, TLS: r.TLS != nil})
		if ctx.Operation().Metadata["public"] == true {
			next(ctx)
			return
		}
		var a *crm.Actor
		var err error
		if authz := r.Header.Get("Authorization"); authz != "" {
			token, ok := strings.CutPrefix(authz, "Bearer ")
			if !ok {
				huma.WriteErr(api, ctx, http.StatusUnauthorized, "Use Authorization: Bearer <token>.")
				return
			}
			a, err = h.svc.TokenActor(ctx.Context(), strings.TrimSpace(token))
		} else if c, cerr := r.Cookie(sessionCookie); cerr == nil {
			var csrf string
			a, csrf, err = h.svc.SessionActor(ctx.Context(), c.Value)
			ctx = huma.WithValue(ctx, csrfKey{}, csrf)
			if err == nil && unsafeMethod(r.Method) {
				sent := r.Header.Get(csrfHeader)
				if sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(csrf)) != 1 {
					// A code of its own, so the UI can fetch a fresh token
					// (GET /api/v1/me) instead of showing "forbidden".
					p := newProblem(http.StatusForbidden, "Missing or wrong CSRF token; reload the page.").(*Problem)
					p.Code = "csrf"
					writeProblem(api, ctx, p, h)
					return
				}
			}
		} else {
			err = crm.Errorf(crm.EUNAUTHORIZED, "Please sign in.")
		}
		if err != nil {
			writeProblem(api, ctx, err, h)
			return
		}
		next(huma.WithContext(ctx, crm.NewContext(ctx.Context(), a)))
	}
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// writeProblem writes err as problem+json from middleware, where returning
// an error is not possible.
func writeProblem(api huma.API, ctx huma.Context, err error, h *handlers) {
	p, ok := err.(*Problem)
	if !ok {
		p = apiError(h.log, err).(*Problem)
	}
	ctx.SetHeader("Content-Type", "application/problem+json")
	ctx.SetStatus(p.Status)
	api.Marshal(ctx.BodyWriter(), "application/json", p)
}

type clientKey struct{}
type csrfKey struct{}

// client is what handlers may know about the connection.
type client struct {
	IP  string
	TLS bool
}

func clientOf(ctx context.Context) client {
	c, _ := ctx.Value(clientKey{}).(client)
	return c
}
