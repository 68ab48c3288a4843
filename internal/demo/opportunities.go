package demo

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// opportunityAccounts is how many of the first accounts may get an
// opportunity, and opportunityEvery how often one does: enough to fill
// every column of the board on a fresh demo without slowing large ones.
const (
	opportunityAccounts = 600
	opportunityEvery    = 3
)

// demoProjects are opportunity names: what the customer is buying.
var demoProjects = []string{"产线自动化改造", "年度备件采购", "仓储管理系统升级", "新厂区设备招标", "节能改造项目",
	"质量检测设备", "ERP 集成服务", "年度维保合同", "Pilot line expansion", "Spare parts framework"}

var demoReasons = map[crm.StageKind][]string{
	crm.StageWon:  {"方案最贴合需求，服务响应快", "价格与交期综合最优", "老客户信任，技术评估第一"},
	crm.StageLost: {"价格高于竞争对手", "预算冻结，项目推迟", "客户选择了本地供应商"},
}

// opportunity gives account a (the i-th) an opportunity in a stage of the
// default pipeline. It draws from its own generator seeded by i so that
// the rest of the demo stays the same with or without opportunities.
func (g *generator) opportunity(b *batch, a *crm.Account, i int) {
	if i >= opportunityAccounts || i%opportunityEvery != 0 {
		return
	}
	rng := rand.New(rand.NewPCG(g.seed, uint64(i)))
	st := crm.DefaultStages[rng.IntN(len(crm.DefaultStages))]
	created := g.now.Add(-time.Duration(rng.Int64N(int64(120 * 24 * time.Hour)))).Truncate(time.Microsecond)
	if created.Before(a.CreatedAt) {
		created = a.CreatedAt
	}
	changed := created.Add(time.Duration(rng.Int64N(int64(g.now.Sub(created)) + 1))).Truncate(time.Microsecond)
	closeIn := time.Duration(15+rng.IntN(165)) * 24 * time.Hour
	if st.Kind.Closed() {
		closeIn = -time.Duration(rng.IntN(90)) * 24 * time.Hour
	}
	amount := int64(5+rng.IntN(496)) * 10_000_00 // 50,000 to 5,000,000 yuan
	o := &crm.Opportunity{ID: store.NewID(), AccountID: a.ID, Name: demoProjects[rng.IntN(len(demoProjects))],
		Stage: st.Key, StageKind: st.Kind, StageChangedAt: changed, Amount: amount, Probability: st.Probability,
		ExpectedClose: crm.Date(g.now.Add(closeIn).Format(time.DateOnly)), OwnerID: a.OwnerID, TeamID: a.TeamID,
		Problem: "现有设备故障率高、产能不足", Competitors: []string{"西门子", "ABB", "本地集成商"}[rng.IntN(3)],
		Currency: crm.Currency}
	if rng.IntN(2) == 0 {
		budget := amount / 10 * int64(9+rng.IntN(4))
		o.Budget = &budget
	}
	if r := demoReasons[st.Kind]; r != nil {
		o.WinLossReason = r[rng.IntN(len(r))]
	}
	o.Meta = crm.Meta{Version: 1, CreatedAt: created, CreatedBy: a.OwnerID, UpdatedAt: changed, UpdatedBy: a.OwnerID}
	b.opportunities = append(b.opportunities, o)
	b.stagePaths = append(b.stagePaths, stagePath(rng, o, created))
	b.history = append(b.history, store.HistoryEntry{Entity: crm.EntityOpportunity, RecordID: o.ID, ActorID: a.OwnerID,
		At: created, Change: crm.FieldChange{Field: crm.FieldCreated, New: o.Name}})
}

// stagePath is the way o came to its stage along the default pipeline:
// through every open stage before it (a won deal through all of them, a
// lost one from some open stage), the moves spread between its creation
// and its last change, so the pipeline report has time in stage and
// stage-to-stage conversion to show.
func stagePath(rng *rand.Rand, o *crm.Opportunity, created time.Time) []crm.StageChange {
	var open []string
	for _, st := range crm.DefaultStages {
		if st.Kind == crm.StageOpen {
			open = append(open, st.Key)
		}
	}
	var keys []string
	switch o.StageKind {
	case crm.StageWon:
		keys = append(append(keys, open...), o.Stage)
	case crm.StageLost:
		keys = append(append(keys, open[:1+rng.IntN(len(open))]...), o.Stage)
	default:
		for _, k := range open {
			keys = append(keys, k)
			if k == o.Stage {
				break
			}
		}
	}
	// Move times: sorted random points between creation and the last change.
	at := make([]time.Time, len(keys))
	at[0], at[len(at)-1] = created, o.StageChangedAt
	span := int64(o.StageChangedAt.Sub(created)) + 1
	for i := 1; i < len(at)-1; i++ {
		at[i] = created.Add(time.Duration(rng.Int64N(span))).Truncate(time.Microsecond)
	}
	if len(at) > 2 {
		slices.SortFunc(at[1:len(at)-1], func(a, b time.Time) int { return a.Compare(b) })
	}
	path := make([]crm.StageChange, len(keys))
	for i, k := range keys {
		path[i] = crm.StageChange{OpportunityID: o.ID, ToStage: k, At: at[i], By: o.OwnerID}
		if i > 0 {
			path[i].FromStage = keys[i-1]
		}
	}
	return path
}
