package service

import (
	"fmt"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// BenchmarkStageReport computes the report over 20,000 opportunities of
// four to six stage changes each (the query is the board's; this is the
// computation on top).
func BenchmarkStageReport(b *testing.B) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var visits []store.StageVisit
	for i := 0; i < 20_000; i++ {
		id := fmt.Sprintf("o%05d", i)
		n := 4 + i%3
		for j := 0; j < n; j++ {
			visits = append(visits, store.StageVisit{OpportunityID: id, Stage: crm.DefaultStages[(j+i%2)%len(crm.DefaultStages)].Key,
				At: t0.Add(time.Duration(i%50+j*7) * 24 * time.Hour)})
		}
	}
	now := t0.AddDate(1, 0, 0)
	b.ResetTimer()
	for b.Loop() {
		stageReport(crm.DefaultStages, visits, now)
	}
}
