package service_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// warningCodes flattens warnings for comparison: code, then the level or
// function and the names concerned.
func warningCodes(ws []crm.GapWarning) string {
	var out []string
	for _, w := range ws {
		s := w.Code
		if w.Level != "" {
			s += ":" + string(w.Level)
		}
		if w.Function != "" {
			s += ":" + string(w.Function)
		}
		if len(w.Contacts) > 0 {
			s += "=" + strings.Join(w.Contacts, "+")
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestBuyingCentreMembersAndGaps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		other := must(f.Svc.CreateAccount(ctx, org("Beta", 2)))(t)
		profile := &crm.PersonalProfile{Hometown: "苏州"}
		boss := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "王总", Level: crm.LevelDecision,
			Function: crm.FunctionUser, PersonalProfile: profile}))(t)
		cfo := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "李财务", Level: crm.LevelManagement, Function: crm.FunctionFinance}))(t)
		eng := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "张工", Level: crm.LevelOperational, Function: crm.FunctionTechnical}))(t)
		stranger := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: other.ID, Name: "外人", Level: crm.LevelDecision, Function: crm.FunctionFinance}))(t)
		o := must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: acc.ID, Name: "Line", Amount: 100, ExpectedClose: "2030-01-31"}))(t)

		// Empty: every cell is a gap, every function and level missing.
		bc := must(f.Svc.BuyingCentre(ctx, o.ID))(t)
		if len(bc.Members) != 0 || len(bc.Gaps) != 9 {
			t.Fatalf("empty buying centre = %+v", bc)
		}
		if got, want := warningCodes(bc.Warnings), "no_function:user no_function:technical no_function:finance no_level:decision no_level:management no_level:operational no_decision_maker"; got != want {
			t.Errorf("empty warnings = %s, want %s", got, want)
		}

		// A contact of another account, of another workspace or unknown:
		// the same 422 on contact_id, and nothing written.
		otherAcc := must(f.Svc.CreateAccount(f.Other, org("Elsewhere", 3)))(t)
		foreign := must(f.Svc.CreateContact(f.Other, crm.ContactFields{AccountID: otherAcc.ID, Name: "X", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		var messages []string
		for _, id := range []string{stranger.ID, foreign.ID, store.NewID()} {
			_, err := f.Svc.AddOpportunityContact(ctx, o.ID, crm.OpportunityContactFields{ContactID: id, Role: crm.RoleDecisionMaker, Stance: crm.StanceSupporter})
			wantCode(t, err, crm.EINVALID)
			wantField(t, err, "contact_id")
			messages = append(messages, crm.ErrorFields(err)[0].Message)
		}
		if messages[0] != messages[1] || messages[1] != messages[2] {
			t.Errorf("messages differ (existence leak): %q", messages)
		}
		_, err := f.Svc.AddOpportunityContact(ctx, o.ID, crm.OpportunityContactFields{ContactID: boss.ID, Role: "boss", Stance: "happy"})
		wantField(t, err, "role")
		wantField(t, err, "stance")
		if n := len(must(f.Svc.BuyingCentre(ctx, o.ID))(t).Members); n != 0 {
			t.Fatalf("refused adds wrote %d members", n)
		}

		// The boss is a decision maker and an opponent.
		m := must(f.Svc.AddOpportunityContact(ctx, o.ID, crm.OpportunityContactFields{ContactID: boss.ID, Role: crm.RoleDecisionMaker,
			Stance: crm.StanceOpponent, Note: " 倾向本地供应商 "}))(t)
		if m.Name != "王总" || m.Level != crm.LevelDecision || m.Note != "倾向本地供应商" {
			t.Fatalf("member = %+v", m)
		}
		_, err = f.Svc.AddOpportunityContact(ctx, o.ID, crm.OpportunityContactFields{ContactID: boss.ID, Role: crm.RoleInfluencer, Stance: crm.StanceNeutral})
		wantCode(t, err, crm.ECONFLICT)
		must(f.Svc.AddOpportunityContact(ctx, o.ID, crm.OpportunityContactFields{ContactID: cfo.ID, Role: crm.RoleApprover, Stance: crm.StanceNeutral}))(t)
		bc = must(f.Svc.BuyingCentre(ctx, o.ID))(t)
		if got, want := warningCodes(bc.Warnings), "no_function:technical no_level:operational no_supporter_among_deciders=王总 opponent_decision_maker=王总"; got != want {
			t.Errorf("warnings = %s, want %s", got, want)
		}
		if len(bc.Gaps) != 7 || fmt.Sprint(bc.Gaps[0]) != "{decision technical}" {
			t.Errorf("gaps = %v", bc.Gaps)
		}

		// Turning the boss into a supporter and adding the engineer
		// leaves only the empty cells.
		must(f.Svc.UpdateOpportunityContact(ctx, o.ID, boss.ID, crm.OpportunityContactUpdate{Stance: ptr(crm.StanceSupporter)}))(t)
		must(f.Svc.AddOpportunityContact(ctx, o.ID, crm.OpportunityContactFields{ContactID: eng.ID, Role: crm.RoleTechnicalEvaluator, Stance: crm.StanceNeutral}))(t)
		bc = must(f.Svc.BuyingCentre(ctx, o.ID))(t)
		if len(bc.Warnings) != 0 || len(bc.Gaps) != 6 || len(bc.Members) != 3 {
			t.Errorf("after fixes = %+v", bc)
		}
		_, err = f.Svc.UpdateOpportunityContact(ctx, o.ID, boss.ID, crm.OpportunityContactUpdate{Role: ptr(crm.BuyingRole("chief"))})
		wantField(t, err, "role")

		// Remove; the field history tells every step.
		must(0, f.Svc.RemoveOpportunityContact(ctx, o.ID, cfo.ID))(t)
		wantCode(t, f.Svc.RemoveOpportunityContact(ctx, o.ID, cfo.ID), crm.ENOTFOUND)
		h := must(f.Svc.History(ctx, crm.EntityOpportunity, o.ID, "", 0))(t)
		var steps []string
		for _, c := range h.Items {
			if c.Field == crm.FieldBuyingCentre {
				steps = append(steps, c.Old+">"+c.New)
			}
		}
		if len(steps) != 5 || !strings.HasPrefix(steps[0], "李财务 · approver · neutral>") || steps[2] != "王总 · decision_maker · opponent · 倾向本地供应商>王总 · decision_maker · supporter · 倾向本地供应商" {
			t.Errorf("history = %q", steps)
		}

		// Scope: the opportunity's. Another rep and another workspace get
		// 404; finance reads but may not change; nothing carries the profile.
		_, err = f.Svc.BuyingCentre(f.Ctx["sales2"], o.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.BuyingCentre(f.Other, o.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.AddOpportunityContact(f.Other, o.ID, crm.OpportunityContactFields{ContactID: cfo.ID, Role: crm.RoleUser, Stance: crm.StanceNeutral})
		wantCode(t, err, crm.ENOTFOUND)
		wantCode(t, f.Svc.RemoveOpportunityContact(f.Ctx["sales2"], o.ID, boss.ID), crm.ENOTFOUND)
		if n := len(must(f.Svc.BuyingCentre(f.Ctx["finance"], o.ID))(t).Members); n != 2 {
			t.Errorf("finance sees %d members", n)
		}
		_, err = f.Svc.AddOpportunityContact(f.Ctx["finance"], o.ID, crm.OpportunityContactFields{ContactID: cfo.ID, Role: crm.RoleUser, Stance: crm.StanceNeutral})
		wantCode(t, err, crm.EFORBIDDEN)
		if n := len(must(f.Svc.BuyingCentre(f.Ctx["manager"], o.ID))(t).Members); n != 2 {
			t.Errorf("manager sees %d members", n)
		}

		// A contact in the recycle bin leaves the buying centre's view.
		must(0, f.Svc.DeleteContact(ctx, eng.ID, 0))(t)
		if n := len(must(f.Svc.BuyingCentre(ctx, o.ID))(t).Members); n != 1 {
			t.Errorf("after deleting a contact %d members", n)
		}
	})
}
