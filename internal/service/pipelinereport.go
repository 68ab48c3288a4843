package service

import (
	"math"
	"sort"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// stageReport computes time in stage and conversion from the visits of
// each opportunity (grouped by opportunity, in order). A stay lasts until
// the next change, or until now for the stage an opportunity is still in
// (so open opportunities count their time so far); an opportunity that
// enters a stage twice counts once there, with its stays added up. Won
// and lost have no time or conversion. Stages no longer configured are
// skipped but still end the stay before them.
func stageReport(stages []crm.PipelineStage, visits []store.StageVisit, now time.Time) *crm.PipelineReport {
	index := map[string]int{}
	for i, st := range stages {
		index[st.Key] = i
	}
	n := len(stages)
	entered := make([]int64, n)
	advanced := make([]int64, n)
	days := make([][]float64, n)
	rep := &crm.PipelineReport{Stages: make([]crm.StageReport, n)}

	for start := 0; start < len(visits); {
		end := start + 1
		for end < len(visits) && visits[end].OpportunityID == visits[start].OpportunityID {
			end++
		}
		opp := visits[start:end]
		start = end
		rep.Opportunities++

		stay := make([]time.Duration, n)
		first := make([]int, n) // first visit index into opp, -1 if never entered
		for i := range first {
			first[i] = -1
		}
		for j, v := range opp {
			i, ok := index[v.Stage]
			if !ok {
				continue
			}
			if first[i] < 0 {
				first[i] = j
			}
			until := now
			if j+1 < len(opp) {
				until = opp[j+1].At
			}
			if d := until.Sub(v.At); d > 0 {
				stay[i] += d
			}
		}
		for i, st := range stages {
			if first[i] < 0 {
				continue
			}
			entered[i]++
			if st.Kind.Closed() {
				continue
			}
			days[i] = append(days[i], stay[i].Hours()/24)
			for _, later := range opp[first[i]+1:] {
				k, ok := index[later.Stage]
				if ok && (stages[k].Kind == crm.StageWon || (stages[k].Kind == crm.StageOpen && k > i)) {
					advanced[i]++
					break
				}
			}
		}
		if k, ok := index[opp[len(opp)-1].Stage]; ok {
			switch stages[k].Kind {
			case crm.StageWon:
				rep.Won++
			case crm.StageLost:
				rep.Lost++
			}
		}
	}

	for i, st := range stages {
		row := crm.StageReport{Stage: st, Entered: entered[i], Advanced: advanced[i]}
		if !st.Kind.Closed() {
			row.MedianDays, row.MeanDays = median(days[i]), mean(days[i])
			if entered[i] > 0 {
				row.Conversion = ratio(advanced[i], entered[i])
			}
		}
		rep.Stages[i] = row
	}
	if closed := rep.Won + rep.Lost; closed > 0 {
		rep.WinRate = ratio(rep.Won, closed)
	}
	return rep
}

// round1 keeps one decimal: days to the tenth are plenty for a report.
func round1(f float64) *float64 {
	r := math.Round(f*10) / 10
	return &r
}

func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return round1(m)
}

func mean(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return round1(sum / float64(len(xs)))
}

// ratio is a share rounded to four decimals.
func ratio(a, b int64) *float64 {
	r := math.Round(float64(a)/float64(b)*10000) / 10000
	return &r
}
