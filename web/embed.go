// Package web serves the single-page web UI built by Vite into web/dist
// and embedded in the binary. When the UI has not been built (a bare
// `go build`), it serves a page that says how to build it.
package web

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed all:dist
var dist embed.FS

// nonceMarker is replaced in index.html by a fresh nonce per response;
// the app passes it to Ant Design so that its runtime styles satisfy the
// Content-Security-Policy without 'unsafe-inline'.
const nonceMarker = "__CSP_NONCE__"

// Handler serves the UI: files under assets/ with long caching, anything
// else as index.html (client-side routes) with a per-request CSP nonce.
func Handler() http.Handler {
	files, _ := fs.Sub(dist, "dist")
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		index = []byte(placeholder)
	}
	static := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p != "" && p != "index.html" {
			if f, err := fs.Stat(files, p); err == nil && !f.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				static.ServeHTTP(w, r)
				return
			}
			if strings.HasPrefix(p, "api/") || strings.HasPrefix(p, "assets/") {
				http.NotFound(w, r)
				return
			}
		}
		nonce := newNonce()
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-"+nonce+"'; "+
			"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "+
			"form-action 'self'; frame-ancestors 'none'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(bytes.ReplaceAll(index, []byte(nonceMarker), []byte(nonce)))
	})
}

func newNonce() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

const placeholder = `<!doctype html><html><head><meta charset="utf-8"><title>Guanxi</title></head>
<body><h1>Guanxi</h1><p>The web UI has not been built into this binary.
Run <code>make run</code> (or <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>, then <code>go build ./cmd/guanxi</code>).
The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`
