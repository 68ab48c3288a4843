package service_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// stageInputs turns stored stages into the body of a save.
func stageInputs(stages []crm.PipelineStage) []crm.StageInput {
	out := make([]crm.StageInput, len(stages))
	for i, s := range stages {
		out[i] = crm.StageInput{Key: s.Key, Name: s.Name, NameZh: s.NameZh, Kind: s.Kind, Probability: s.Probability}
	}
	return out
}

func stageKeys(stages []crm.PipelineStage) string {
	var k []string
	for _, s := range stages {
		k = append(k, fmt.Sprintf("%s:%d:%d", s.Key, s.Position, s.Probability))
	}
	return strings.Join(k, " ")
}

func TestSavePipelineStages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.Ctx["admin"]
		before := must(f.Svc.PipelineStages(admin))(t)
		if before[3].NameZh != "方案/报价" {
			t.Fatalf("seeded Chinese label = %q", before[3].NameZh)
		}
		acc := must(f.Svc.CreateAccount(f.Ctx["sales"], org("Acme", 1)))(t)
		o := must(f.Svc.CreateOpportunity(f.Ctx["sales"], crm.OpportunityFields{AccountID: acc.ID, Name: "Deal", Stage: "proposal",
			Amount: 100, ExpectedClose: "2030-01-31"}))(t)
		must(0, f.Svc.DeleteOpportunity(f.Ctx["sales"], o.ID, 0))(t) // the recycle bin still counts

		in := stageInputs(before)
		refused := func(why string, mod func([]crm.StageInput) []crm.StageInput, field, text string) {
			t.Helper()
			_, err := f.Svc.SavePipelineStages(admin, mod(append([]crm.StageInput(nil), in...)))
			wantCode(t, err, crm.EINVALID)
			wantField(t, err, field)
			if !strings.Contains(err.Error(), text) {
				t.Errorf("%s: error %v does not say %q", why, err, text)
			}
			if got := stageKeys(must(f.Svc.PipelineStages(admin))(t)); got != stageKeys(before) {
				t.Fatalf("%s wrote: %s", why, got)
			}
		}
		// Removing the proposal stage (one opportunity, in the bin) and renaming
		// another in the same request: all refused.
		refused("in use", func(s []crm.StageInput) []crm.StageInput {
			s[0].Name = "Renamed"
			return append(s[:3:3], s[4:]...)
		}, "stages", `"proposal" (Proposal / quotation) still has 1 opportunities`)
		refused("two won", func(s []crm.StageInput) []crm.StageInput {
			return append(s, crm.StageInput{Key: "won_again", Name: "Won again", Kind: crm.StageWon, Probability: 100})
		}, "stages[9].kind", "new stage must be open")
		refused("no lost", func(s []crm.StageInput) []crm.StageInput { return s[:8] }, "stages", "exactly one lost")
		refused("no open", func(s []crm.StageInput) []crm.StageInput { return s[7:] }, "stages", "at least one open")
		refused("bad slug", func(s []crm.StageInput) []crm.StageInput {
			return append(s, crm.StageInput{Key: "Trial Run", Name: "Trial", Kind: crm.StageOpen})
		}, "stages[9].key", "slug")
		refused("duplicate", func(s []crm.StageInput) []crm.StageInput {
			return append(s, crm.StageInput{Key: "proposal", Name: "Again", Kind: crm.StageOpen})
		}, "stages[9].key", "another stage")
		refused("probability", func(s []crm.StageInput) []crm.StageInput { s[1].Probability = 101; return s }, "stages[1].probability", "between 0 and 100")
		refused("kind change", func(s []crm.StageInput) []crm.StageInput { s[8].Kind = crm.StageOpen; return s }, "stages[8].kind", "keeps its kind")

		// Only admins.
		_, err := f.Svc.SavePipelineStages(f.Ctx["manager"], in)
		wantCode(t, err, crm.EFORBIDDEN)

		// Rename, reorder, add a stage, remove an unused one, set a probability.
		next := append([]crm.StageInput(nil), in...)
		next[1], next[2] = next[2], next[1] // supplier_search before need_determination
		next[0].Name, next[0].NameZh = "Pain found", "发现痛点"
		next[3].Probability = 45
		next = append(next[:6:6], append([]crm.StageInput{{Key: "trial", Name: "Trial", NameZh: "试用", Kind: crm.StageOpen, Probability: 70}}, next[7:]...)...)
		saved := must(f.Svc.SavePipelineStages(admin, next))(t)
		if got, want := stageKeys(saved), "problem_recognition:1:5 supplier_search:2:20 need_determination:3:10 proposal:4:45 supplier_selection:5:60 order_routine:6:80 trial:7:70 won:8:100 lost:9:0"; got != want {
			t.Errorf("saved = %s, want %s", got, want)
		}
		if saved[0].Name != "Pain found" || saved[0].NameZh != "发现痛点" {
			t.Errorf("renamed = %+v", saved[0])
		}
		// Other workspaces keep theirs.
		if other := must(f.Svc.PipelineStages(f.Other))(t); len(other) != 9 || other[6].Key != "performance_review" {
			t.Errorf("other workspace stages = %s", stageKeys(other))
		}
	})
}

// A constructed history with known answers (days from T0, 100 days ago):
//
//	A: problem 0 -> need 2 -> proposal 6 -> won 10
//	B: problem 0 -> need 4 -> lost 5
//	C: problem 0 -> need 6 -> problem 7 -> need 8 (still there)
//	D: problem 0 (still there)
//
// plus E, owned by another rep (out of the sales rep's scope), and F,
// created long before the period.
func TestPipelineReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		accSouth := must(f.Svc.CreateAccount(f.Ctx["salesSouth"], org("South", 2)))(t)
		t0 := store.Now().AddDate(0, 0, -100)
		day := func(n float64) time.Time { return t0.Add(time.Duration(n * 24 * float64(time.Hour))) }
		paths := []struct {
			owner   string
			account *crm.Account
			created time.Time
			moves   []string // stage@day
		}{
			{"sales", acc, t0, []string{"problem_recognition@0", "need_determination@2", "proposal@6", "won@10"}},
			{"sales", acc, t0, []string{"problem_recognition@0", "need_determination@4", "lost@5"}},
			{"sales", acc, t0, []string{"problem_recognition@0", "need_determination@6", "problem_recognition@7", "need_determination@8"}},
			{"sales", acc, t0, []string{"problem_recognition@0"}},
			{"salesSouth", accSouth, t0, []string{"problem_recognition@0", "won@1"}},
			{"sales", acc, t0.AddDate(0, 0, -200), []string{"problem_recognition@0", "lost@1"}},
		}
		err := db.WithTx(ctx, func(tx *store.Tx) error {
			for _, p := range paths {
				u := f.Users[p.owner]
				o := &crm.Opportunity{ID: store.NewID(), AccountID: p.account.ID, Name: "Deal", Stage: "problem_recognition",
					StageChangedAt: p.created, Amount: 100, ExpectedClose: "2030-01-31", OwnerID: u.ID, TeamID: u.TeamID,
					Meta: crm.Meta{Version: 1, CreatedAt: p.created, UpdatedAt: p.created}}
				if err := tx.InsertOpportunities(ctx, f.WS.ID, []*crm.Opportunity{o}); err != nil {
					return err
				}
				for _, m := range p.moves[1:] {
					var stage string
					var d float64
					fmt.Sscanf(strings.Replace(m, "@", " ", 1), "%s %g", &stage, &d)
					at := p.created.Add(day(d).Sub(t0))
					if err := tx.AppendStageChange(ctx, f.WS.ID, crm.StageChange{OpportunityID: o.ID, ToStage: stage, At: at}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		from := t0.AddDate(0, 0, -1)
		rep := must(f.Svc.PipelineReport(ctx, crm.PipelineReportFilter{From: &from}))(t)
		if rep.Opportunities != 4 || rep.Won != 1 || rep.Lost != 1 || rep.WinRate == nil || *rep.WinRate != 0.5 {
			t.Fatalf("report = %+v", rep)
		}
		f64 := func(p *float64) string {
			if p == nil {
				return "-"
			}
			return fmt.Sprint(*p)
		}
		var rows []string
		for _, s := range rep.Stages {
			rows = append(rows, fmt.Sprintf("%s %d %s %s %d %s", s.Stage.Key, s.Entered, f64(s.MedianDays), f64(s.MeanDays), s.Advanced, f64(s.Conversion)))
		}
		want := []string{
			// stays 2, 4, 7, 100: median 5.5, mean 28.25; 3 of 4 went on.
			"problem_recognition 4 5.5 28.3 3 0.75",
			// stays 4, 1, 1+92: median 4, mean 32.67; only A went on (B lost, C went back).
			"need_determination 3 4 32.7 1 0.3333",
			"supplier_search 0 - - 0 -",
			"proposal 1 4 4 1 1",
			"supplier_selection 0 - - 0 -",
			"order_routine 0 - - 0 -",
			"performance_review 0 - - 0 -",
			"won 1 - - 0 -",
			"lost 1 - - 0 -",
		}
		if strings.Join(rows, "\n") != strings.Join(want, "\n") {
			t.Errorf("stages:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
		}
		// Without the period F counts too; the admin sees E as well.
		if all := must(f.Svc.PipelineReport(ctx, crm.PipelineReportFilter{}))(t); all.Opportunities != 5 || all.Lost != 2 {
			t.Errorf("sales, all time = %d opportunities, %d lost", all.Opportunities, all.Lost)
		}
		if adm := must(f.Svc.PipelineReport(f.Ctx["admin"], crm.PipelineReportFilter{From: &from}))(t); adm.Opportunities != 5 || adm.Won != 2 {
			t.Errorf("admin = %d opportunities, %d won", adm.Opportunities, adm.Won)
		}
		if south := must(f.Svc.PipelineReport(f.Ctx["admin"], crm.PipelineReportFilter{OwnerID: f.Users["salesSouth"].ID}))(t); south.Opportunities != 1 {
			t.Errorf("owner filter = %d", south.Opportunities)
		}
		if other := must(f.Svc.PipelineReport(f.Other, crm.PipelineReportFilter{}))(t); other.Opportunities != 0 {
			t.Errorf("other workspace sees %d", other.Opportunities)
		}
		_, err = f.Svc.PipelineReport(ctx, crm.PipelineReportFilter{OwnerID: "nope"})
		wantField(t, err, "owner_id")
	})
}
