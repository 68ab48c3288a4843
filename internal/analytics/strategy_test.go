package analytics

import (
	"strings"
	"testing"
)

func TestStrategyMatrix(t *testing.T) {
	// Four customers; segment 0 ("key accounts") is well known and served
	// personally, segment 1 ("retail") is neither.
	in := StrategyInput{
		Fields: []ProfileField{
			{Name: "industry", Weight: 1, Filled: []bool{true, true, false, true}},
			{Name: "decision_makers", Weight: 3, Filled: []bool{true, true, false, false}},
			{Name: "budget", Weight: 2, Filled: []bool{true, false, false, false}},
		},
		InSegmentPlan: []bool{true, true, false, false},
		InCampaign:    []bool{true, false, false, true},
		HasOwner:      []bool{true, true, false, false},
		Segment:       []int{0, 0, 1, 1},
		SegmentNames:  []string{"key accounts", "retail"},
	}
	res, err := StrategyMatrix(in, StrategyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantInfo := []float64{1, 4.0 / 6, 0, 1.0 / 6}
	wantPers := []float64{1, 2.0 / 3, 0, 1.0 / 3}
	for i := range wantInfo {
		if !relClose(res.Completeness[i], wantInfo[i], 1e-12) || !relClose(res.Personalisation[i], wantPers[i], 1e-12) {
			t.Errorf("customer %d: %v %v, want %v %v", i, res.Completeness[i], res.Personalisation[i], wantInfo[i], wantPers[i])
		}
	}
	key, retail := res.Segments[0], res.Segments[1]
	if key.Quadrant != QuadrantRelationshipMarketing || retail.Quadrant != QuadrantProductMarketing {
		t.Errorf("quadrants %s %s", key.Quadrant, retail.Quadrant)
	}
	if !relClose(res.Company.Information, (1+4.0/6+0+1.0/6)/4, 1e-12) || res.Company.Customers != 4 {
		t.Errorf("company %+v", res.Company)
	}
	// Retail: the most valuable missing field (by weight x gap) comes first,
	// and information is addressed before personalisation.
	if retail.Fields[0].Name != "decision_makers" {
		t.Errorf("retail least filled %+v", retail.Fields)
	}
	infoAt := strings.Index(retail.Path, "information")
	persAt := strings.Index(retail.Path, "personalisation")
	if infoAt < 0 || persAt < 0 || infoAt > persAt || !strings.Contains(retail.Path, "decision_makers") {
		t.Errorf("retail path %q", retail.Path)
	}
	if !strings.Contains(key.Path, "top right") {
		t.Errorf("key accounts path %q", key.Path)
	}
	// Quadrant boundaries.
	for _, c := range []struct {
		info, pers float64
		want       Quadrant
	}{{0.2, 0.2, QuadrantProductMarketing}, {0.2, 0.8, QuadrantServiceSupport}, {0.8, 0.2, QuadrantCustomerMarketing}, {0.5, 0.5, QuadrantRelationshipMarketing}} {
		if got := quadrantOf(c.info, c.pers, 0.5); got != c.want {
			t.Errorf("(%v, %v): %s, want %s", c.info, c.pers, got, c.want)
		}
	}
	in.Fields[0].Weight = 0
	if _, err := StrategyMatrix(in, StrategyOptions{}); err == nil {
		t.Error("zero field weight accepted")
	}
}
