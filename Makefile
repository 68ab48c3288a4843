# Guanxi — the two commands a new developer needs:
#   make run    build the UI and the binary, load a demo, serve on :8080
#   make test   every test: Go (SQLite and PostgreSQL), UI unit tests, browser tests

GO       ?= go
ADDR     ?= 127.0.0.1:8080
DB       ?= guanxi.db
DEMO     ?= 200
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Go packages of the product (the analytics package has its own benchmarks).
PKGS     := ./...

# Use the local PostgreSQL for tests when one answers and none is configured.
ifeq ($(GUANXI_TEST_POSTGRES),)
  ifneq ($(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo up),)
    export GUANXI_TEST_POSTGRES := postgres://postgres@127.0.0.1:5432/test?sslmode=disable
  endif
endif

.PHONY: run build ui ui-deps test test-go test-ui test-e2e lint bench clean

run: build
	./guanxi serve --db $(DB) --addr $(ADDR) --demo $(DEMO)

build: ui
	$(GO) build -o guanxi ./cmd/guanxi

# npm ci only when the lock file changed since the last install.
ui-deps: web/node_modules/.package-lock.json
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

ui: ui-deps
	cd web && npm run build

test: lint test-go test-ui test-e2e

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)

test-go:
	$(GO) test -count=1 $(PKGS)

test-ui: ui-deps
	cd web && npm test

e2e/node_modules/.package-lock.json: e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	touch $@

test-e2e: build e2e/node_modules/.package-lock.json
	cd e2e && GUANXI_BIN=$(CURDIR)/guanxi npm test

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...

clean:
	rm -rf guanxi web/node_modules e2e/node_modules
	find web/dist -mindepth 1 ! -name .keep -delete
