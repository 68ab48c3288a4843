package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), append([]string{"guanxi"}, args...), func(k string) string { return env[k] }, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCLIUsersAndTokens(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "cli.db")
			if dialect == "postgres" {
				dsn = storetest.PostgresDSN(t)
			}
			env := map[string]string{"GUANXI_DB": dsn}
			if code, _, stderr := run(t, env, "user", "create", "--email", "Boss@Example.com", "--password", "short", "--role", "admin"); code != 1 || !strings.Contains(stderr, "password") {
				t.Errorf("short password accepted: %d %s", code, stderr)
			}
			if code, out, stderr := run(t, env, "user", "create", "--email", "Boss@Example.com", "--password", "long enough pw", "--role", "admin"); code != 0 || !strings.Contains(out, "boss@example.com") {
				t.Fatalf("user create: %d %s %s", code, out, stderr)
			}
			if code, _, stderr := run(t, env, "user", "create", "--email", "li@example.com", "--password", "long enough pw", "--role", "wizard"); code != 1 || !strings.Contains(stderr, "role") {
				t.Errorf("unknown role: %d %s", code, stderr)
			}
			if code, _, stderr := run(t, env, "user", "create", "--email", "li@example.com", "--password", "long enough pw", "--role", "sales", "--team", "华东销售部"); code != 0 {
				t.Fatalf("sales with team: %s", stderr)
			}
			code, token, stderr := run(t, env, "token", "create", "--email", "li@example.com")
			if code != 0 || !strings.HasPrefix(token, "gx_") {
				t.Fatalf("token create: %d %q %s", code, token, stderr)
			}
			if code, out, stderr := run(t, env, "user", "reset-password", "--email", "li@example.com", "--password", "another long pw"); code != 0 || !strings.Contains(out, "changed") {
				t.Errorf("reset-password: %d %s %s", code, out, stderr)
			}
			if code, _, _ := run(t, env, "user", "reset-password", "--email", "nobody@example.com", "--password", "another long pw"); code != 1 {
				t.Errorf("reset-password of unknown user succeeded")
			}
		})
	}
}

func TestDemoIsValidAndRefusesTwice(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "demo.db")
	code, out, stderr := run(t, nil, "demo", "--db", dsn, "--accounts", "30")
	if code != 0 || !strings.Contains(out, "30 accounts") || !strings.Contains(out, "admin@example.com") {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := run(t, nil, "demo", "--db", dsn, "--accounts", "30"); code != 1 || !strings.Contains(stderr, "already") {
		t.Errorf("second demo: %d %s", code, stderr)
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, stderr := run(t, nil, "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: %d %s", code, stderr)
	}
}
