package service_test

import (
	"os"
	"testing"

	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
)

func TestMain(m *testing.M) {
	servicetest.FastHashes()
	os.Exit(m.Run())
}

// Short names for the shared fixture helpers.
var (
	newFixture = servicetest.New
	org        = servicetest.Org
	wantCode   = servicetest.WantCode
	wantField  = servicetest.WantField
)

func must[T any](v T, err error) func(t testing.TB) T { return servicetest.Must(v, err) }
