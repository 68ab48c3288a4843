package service_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestPersonalProfileFieldRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		acc := must(f.Svc.CreateAccount(f.Ctx["sales"], org("Acme", 9)))(t)
		profile := &crm.PersonalProfile{Hometown: "苏州", Sports: "羽毛球", Birthday: "1980-05-17"}
		c := must(f.Svc.CreateContact(f.Ctx["sales"], crm.ContactFields{AccountID: acc.ID, Name: "张三",
			Level: crm.LevelDecision, Function: crm.FunctionTechnical, PersonalProfile: profile}))(t)
		if c.OwnerID != f.Users["sales"].ID || c.PersonalProfile == nil {
			t.Fatalf("owner %s profile %v", c.OwnerID, c.PersonalProfile)
		}
		tests := []struct {
			who     string
			read    bool // can get the contact at all
			profile bool // sees the profile
		}{
			{"sales", true, true},
			{"manager", true, true}, // the owner's manager
			{"admin", true, true},
			{"sales2", false, false},
			{"salesSouth", false, false},
			{"marketing", true, false},
			{"service", true, false},
			{"finance", true, false},
			{"viewer", true, false},
		}
		for _, tt := range tests {
			got, err := f.Svc.GetContact(f.Ctx[tt.who], c.ID)
			if !tt.read {
				wantCode(t, err, crm.ENOTFOUND)
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.who, err)
			}
			sees := got.PersonalProfile != nil && got.PersonalProfile.Hometown == "苏州"
			redacted := len(got.Redacted) == 1 && got.Redacted[0] == "personal_profile"
			if sees != tt.profile || redacted == tt.profile {
				t.Errorf("%s: sees profile %v (redacted %v), want %v", tt.who, sees, got.Redacted, tt.profile)
			}
		}
		// The profile never travels in lists, for anyone.
		page := must(f.Svc.ListContacts(f.Ctx["admin"], crm.ContactFilter{}))(t)
		if len(page.Items) != 1 || page.Items[0].PersonalProfile != nil {
			t.Errorf("list carries the profile: %+v", page.Items)
		}
		// History hides profile values from those without the right.
		hometown := &crm.PersonalProfile{Hometown: "杭州"}
		must(f.Svc.UpdateContact(f.Ctx["manager"], c.ID, 1, crm.ContactUpdate{PersonalProfile: hometown}))(t)
		for who, want := range map[string]bool{"viewer": true, "sales": false} {
			h := must(f.Svc.History(f.Ctx[who], crm.EntityContact, c.ID, "", 0))(t)
			var hit *crm.Change
			for _, ch := range h.Items {
				if ch.Field == "personal_profile.hometown" {
					hit = ch
				}
			}
			if hit == nil || hit.Redacted != want || (want && (hit.Old != "" || hit.New != "")) || (!want && hit.New != "杭州") {
				t.Errorf("%s history of hometown: %+v", who, hit)
			}
		}
	})
}

func TestContactReportsToMustStayInAccountWithoutCycles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		a := must(f.Svc.CreateAccount(ctx, org("A", 10)))(t)
		b := must(f.Svc.CreateAccount(ctx, org("B", 11)))(t)
		boss := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "Boss", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		mid := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "Mid", ReportsToID: boss.ID, Level: crm.LevelManagement, Function: crm.FunctionUser}))(t)
		_, err := f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: b.ID, Name: "Stranger", ReportsToID: boss.ID, Level: crm.LevelOperational, Function: crm.FunctionUser})
		wantField(t, err, "reports_to_id")
		_, err = f.Svc.UpdateContact(ctx, boss.ID, 1, crm.ContactUpdate{ReportsToID: &mid.ID})
		wantCode(t, err, crm.EINVALID)
		wantField(t, err, "reports_to_id")
		self := boss.ID
		_, err = f.Svc.UpdateContact(ctx, boss.ID, 1, crm.ContactUpdate{ReportsToID: &self})
		wantField(t, err, "reports_to_id")
	})
}

func TestContactInputValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		a := must(f.Svc.CreateAccount(ctx, org("A", 12)))(t)
		good := func() crm.ContactFields {
			return crm.ContactFields{AccountID: a.ID, Name: "钱七", Level: crm.LevelManagement, Function: crm.FunctionFinance}
		}
		tests := []struct {
			edit  func(*crm.ContactFields)
			field string
		}{
			{func(c *crm.ContactFields) { c.Level = "intern" }, "level"},
			{func(c *crm.ContactFields) { c.Function = "" }, "function"},
			{func(c *crm.ContactFields) { c.AccountID = "" }, "account_id"},
			{func(c *crm.ContactFields) { c.AccountID = "not-a-uuid" }, "account_id"},
			{func(c *crm.ContactFields) { c.Mobile = "call me maybe" }, "mobile"},
			{func(c *crm.ContactFields) { c.PersonalProfile = &crm.PersonalProfile{Birthday: "1980-13-40"} }, "personal_profile.birthday"},
			{func(c *crm.ContactFields) { c.PersonalProfile = &crm.PersonalProfile{Birthday: "2999-01-01"} }, "personal_profile.birthday"},
		}
		for _, tt := range tests {
			in := good()
			tt.edit(&in)
			_, err := f.Svc.CreateContact(ctx, in)
			wantField(t, err, tt.field)
		}
		if n := len(must(f.Svc.ListContacts(ctx, crm.ContactFilter{Deleted: crm.DeletedInclude}))(t).Items); n != 0 {
			t.Errorf("%d contacts written by rejected creates", n)
		}
		// Someone who may read the account but not write it cannot add people.
		_, err := f.Svc.CreateContact(f.Ctx["viewer"], good())
		wantCode(t, err, crm.EFORBIDDEN)
	})
}
