package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// presenceAccounts bounds the accounts that may get competitor presence
// and presenceEvery says how often one does: a realistic share on a fresh
// demo at a fixed cost for large ones.
const (
	presenceAccounts = 2000
	presenceEvery    = 4
	worksheetEvery   = 3 // every third opportunity with competitors gets a worksheet
)

var demoCompetitors = []crm.CompetitorFields{
	{Name: "西门子", Website: "https://www.siemens.com.cn", Products: "SIMATIC S7 PLC、SINAMICS 变频器、WinCC", Strengths: "品牌强、产品线全、大项目经验",
		Weaknesses: "价格高，中小项目响应慢", PricingNotes: "标价高，大客户框架协议折扣 25-35%", Tags: []string{"外资", "一线品牌"}},
	{Name: "ABB", Website: "https://new.abb.com/cn", Products: "ACS 变频器、机器人、低压电器", Strengths: "驱动和机器人技术领先",
		Weaknesses: "定制化慢，交期长", PricingNotes: "变频器价格与我方接近", Tags: []string{"外资"}},
	{Name: "施耐德电气", Website: "https://www.se.com/cn", Products: "Modicon PLC、EcoStruxure、配电柜", Strengths: "配电与能效方案完整",
		Weaknesses: "自动化软件生态弱", PricingNotes: "配电打包报价低", Tags: []string{"外资", "能效"}},
	{Name: "本地集成商", Products: "非标集成、改造服务", Strengths: "价格低、关系近、响应快",
		Weaknesses: "技术积累薄，售后不稳定", PricingNotes: "通常低于我方 20-30%", Tags: []string{"本地"}},
	{Name: "Rockwell Automation", Website: "https://www.rockwellautomation.com", Products: "Allen-Bradley ControlLogix, FactoryTalk",
		Strengths: "Strong with US-owned plants", Weaknesses: "Small local service team", PricingNotes: "Premium pricing", Tags: []string{"foreign"}},
}

var demoRepStyles = []string{"关系型，常请客户吃饭", "技术型，擅长方案演示", "价格战，报价激进", "Consultative, brings engineers to every visit"}

// competition adds the demo competitors, their presence at part of the
// first accounts, the competitors in play on the demo opportunities and
// some delivered value worksheets. It draws from its own generator.
func (g *generator) competition(ctx context.Context, db *store.DB, ws string) (int, error) {
	rng := rand.New(rand.NewPCG(g.seed, 0xc0))
	var ids []string
	err := db.WithTx(ctx, func(tx *store.Tx) error {
		ks := make([]*crm.Competitor, len(demoCompetitors))
		for i, f := range demoCompetitors {
			f.Normalize()
			ks[i] = &crm.Competitor{ID: store.NewID(), CompetitorFields: f, Meta: crm.Meta{Version: 1, CreatedAt: g.now, UpdatedAt: g.now}}
			ids = append(ids, ks[i].ID)
		}
		if err := tx.InsertCompetitors(ctx, ws, ks); err != nil {
			return err
		}
		var ps []*crm.AccountCompetitor
		for i, acc := range g.accounts[:min(presenceAccounts, len(g.accounts))] {
			if i%presenceEvery != 0 {
				continue
			}
			for _, k := range rng.Perm(len(ids))[:1+rng.IntN(2)] {
				sat, rel := 1+rng.IntN(5), 1+rng.IntN(5)
				since := g.now.AddDate(-1-rng.IntN(6), -rng.IntN(12), 0).Format(time.DateOnly)
				ps = append(ps, &crm.AccountCompetitor{ID: store.NewID(), AccountID: acc, Meta: crm.Meta{Version: 1, CreatedAt: g.now, UpdatedAt: g.now},
					AccountCompetitorFields: crm.AccountCompetitorFields{CompetitorID: ids[k], Products: strings.Split(demoCompetitors[k].Products, "、")[0],
						Satisfaction: &sat, RepName: []string{"王经理", "李工", "张总", "Mike Chen"}[rng.IntN(4)], RepStyle: demoRepStyles[rng.IntN(len(demoRepStyles))],
						RepRelationship: &rel, Since: crm.Date(since)}})
			}
		}
		return tx.InsertAccountCompetitors(ctx, ws, ps)
	})
	if err != nil {
		return 0, fmt.Errorf("demo competitors: %w", err)
	}
	return len(ids), g.inPlay(ctx, db, ws, rng, ids)
}

// inPlay puts the competitors named in each demo opportunity's notes in
// play, sometimes with a second one, and scores some worksheets.
func (g *generator) inPlay(ctx context.Context, db *store.DB, ws string, rng *rand.Rand, ids []string) error {
	byName := map[string]int{}
	for i, f := range demoCompetitors {
		byName[f.Name] = i
	}
	all := crm.Scope{WorkspaceID: ws, Level: crm.ScopeAll}
	cursor := ""
	return db.WithTx(ctx, func(tx *store.Tx) error {
		for n := 0; n < 1000; {
			page, err := tx.ListOpportunities(ctx, all, crm.OpportunityFilter{Limit: crm.MaxPageSize, Cursor: cursor, Sort: "created_at"})
			if err != nil {
				return err
			}
			for _, o := range page.Items {
				n++
				first, ok := byName[o.Competitors]
				if !ok {
					first = rng.IntN(len(ids))
				}
				play := []int{first}
				if second := rng.IntN(len(ids)); second != first && rng.IntN(3) == 0 {
					play = append(play, second)
				}
				for _, k := range play {
					if err := tx.AddOpportunityCompetitor(ctx, ws, &crm.OpportunityCompetitor{OpportunityID: o.ID, CompetitorID: ids[k], AddedAt: o.CreatedAt}); err != nil {
						return err
					}
				}
				if n%worksheetEvery != 0 {
					continue
				}
				scores := map[string][8]int{crm.PartyUs: demoScores(rng, o.StageKind == crm.StageWon)}
				for _, k := range play {
					scores[ids[k]] = demoScores(rng, false)
				}
				w := &crm.Worksheet{OpportunityID: o.ID, Version: 1, UpdatedAt: &o.UpdatedAt, UpdatedBy: o.OwnerID}
				if err := tx.SaveWorksheet(ctx, ws, w, 0, scores); err != nil {
					return err
				}
			}
			if cursor = page.NextCursor; cursor == "" {
				return nil
			}
		}
		return nil
	})
}

// demoScores draws a row in tenths; a won deal's own row leans better.
func demoScores(rng *rand.Rand, strong bool) [8]int {
	var t [8]int
	for i := range t {
		base := 40 + rng.IntN(50) // 4.0 to 8.9
		if strong {
			if i < 4 {
				base = min(100, base+10)
			} else {
				base = max(0, base-15)
			}
		}
		t[i] = base / 5 * 5 // halves, as people score
	}
	return t
}
