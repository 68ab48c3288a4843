package analytics

import (
	"math"
	"testing"
)

// relClose reports whether got is within rel (relative) of want.
func relClose(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// published is one published value and the tolerance the brief sets for it.
type published struct {
	name      string
	got, want float64
	abs, rel  float64 // accept when within abs OR within rel (relative)
}

// checkPublished fails for every value outside its tolerance and logs all of
// them side by side, so `go test -v` prints the reproduction table.
func checkPublished(t *testing.T, vals []published) {
	t.Helper()
	for _, v := range vals {
		ok := (v.abs > 0 && math.Abs(v.got-v.want) <= v.abs) || (v.rel > 0 && relClose(v.got, v.want, v.rel))
		status := "ok"
		if !ok {
			status = "MISMATCH"
			t.Errorf("%s = %.6f, published %v (abs tol %v, rel tol %v)", v.name, v.got, v.want, v.abs, v.rel)
		}
		t.Logf("%-34s published %-10v ours %-12.6f %s", v.name, v.want, v.got, status)
	}
}
