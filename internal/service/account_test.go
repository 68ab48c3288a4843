package service_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestCreateAccountStoresEveryField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["manager"]
		must(f.Svc.CreateFieldDefinition(f.Ctx["admin"], crm.FieldDefinitionInput{Entity: crm.EntityAccount, Key: "erp", Label: "ERP", Type: crm.FieldSelect, Options: []string{"SAP", "用友"}}))(t)
		in := org("  深圳华为技术有限公司 ", 1)
		in.CreditCode = " " + in.CreditCode[:17] + string(in.CreditCode[17]) + " "
		in.Industry, in.Size, in.Region, in.Address = "information_technology", "enterprise", "广东省", "深圳市龙岗区坂田"
		in.Website, in.Phone, in.Email, in.Source = "https://www.huawei.example", "0755-28780808", "Info@Huawei.example", "exhibition"
		in.Description, in.Tags = "通信设备", []string{"VIP", "战略合作"}
		in.CreditRating, in.CreditLimit = "AA", &crm.Money{Amount: 5_000_000_00, Currency: "CNY"}
		in.OwnerID = f.Users["sales"].ID
		in.Custom = map[string]any{"erp": "SAP"}
		a := must(f.Svc.CreateAccount(ctx, in))(t)

		got := must(f.Svc.GetAccount(ctx, a.ID))(t)
		if got.Name != "深圳华为技术有限公司" || got.Email != "info@huawei.example" || got.CreditCode != org("", 1).CreditCode {
			t.Errorf("input not normalised: %q %q %q", got.Name, got.Email, got.CreditCode)
		}
		if got.OwnerID != f.Users["sales"].ID || got.TeamID != f.East {
			t.Errorf("owner/team = %s/%s, want sales/East", got.OwnerID, got.TeamID)
		}
		if got.CreditLimit == nil || got.CreditLimit.Amount != 5_000_000_00 || got.CreditRating != "AA" {
			t.Errorf("finance fields = %v %q", got.CreditLimit, got.CreditRating)
		}
		if len(got.Tags) != 2 || got.Custom["erp"] != "SAP" || got.Version != 1 {
			t.Errorf("tags %v custom %v version %d", got.Tags, got.Custom, got.Version)
		}
		h := must(f.Svc.History(ctx, crm.EntityAccount, a.ID, "", 0))(t)
		if len(h.Items) != 1 || h.Items[0].Field != crm.FieldCreated || h.Items[0].ActorID != f.Users["manager"].ID {
			t.Errorf("history = %+v, want one @created by the manager", h.Items)
		}
	})
}

func TestCreateAccountRejectsBadInputAndWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		must(f.Svc.CreateFieldDefinition(ctx, crm.FieldDefinitionInput{Entity: crm.EntityAccount, Key: "tier", Label: "Tier", Type: crm.FieldSelect, Options: []string{"gold"}, Required: true}))(t)
		good := func() crm.AccountFields { a := org("Acme", 2); a.Custom = map[string]any{"tier": "gold"}; return a }
		tests := []struct {
			name  string
			edit  func(*crm.AccountFields)
			field string
		}{
			{"bad check character", func(a *crm.AccountFields) { a.CreditCode = a.CreditCode[:17] + "0" }, "credit_code"},
			{"credit code too short", func(a *crm.AccountFields) { a.CreditCode = "9135" }, "credit_code"},
			{"organization without code", func(a *crm.AccountFields) { a.CreditCode = "" }, "credit_code"},
			{"missing name", func(a *crm.AccountFields) { a.Name = "  " }, "name"},
			{"name too long", func(a *crm.AccountFields) { a.Name = string(make([]rune, 201)) }, "name"},
			{"unknown kind", func(a *crm.AccountFields) { a.Kind = "robot" }, "kind"},
			{"unknown industry", func(a *crm.AccountFields) { a.Industry = "piracy" }, "industry"},
			{"javascript website", func(a *crm.AccountFields) { a.Website = "javascript:alert(1)" }, "website"},
			{"bad e-mail", func(a *crm.AccountFields) { a.Email = "not-an-email" }, "email"},
			{"control characters", func(a *crm.AccountFields) { a.Region = "a\x00b" }, "region"},
			{"unknown custom field", func(a *crm.AccountFields) { a.Custom["nope"] = 1.0 }, "custom.nope"},
			{"bad custom option", func(a *crm.AccountFields) { a.Custom["tier"] = "silver" }, "custom.tier"},
			{"missing required custom", func(a *crm.AccountFields) { delete(a.Custom, "tier") }, "custom.tier"},
			{"owner from nowhere", func(a *crm.AccountFields) { a.OwnerID = store.NewID() }, "owner_id"},
			{"overflowing credit limit", func(a *crm.AccountFields) { a.CreditLimit = &crm.Money{Amount: 1 << 62, Currency: "CNY"} }, "credit_limit.amount"},
		}
		for _, tt := range tests {
			in := good()
			tt.edit(&in)
			_, err := f.Svc.CreateAccount(ctx, in)
			wantCode(t, err, crm.EINVALID)
			wantField(t, err, tt.field)
		}
		page := must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Deleted: crm.DeletedInclude}))(t)
		if len(page.Items) != 0 {
			t.Errorf("%d accounts written by rejected creates", len(page.Items))
		}
		must(f.Svc.CreateAccount(ctx, good()))(t)
		_, err := f.Svc.CreateAccount(ctx, good())
		wantCode(t, err, crm.ECONFLICT)
		wantField(t, err, "credit_code")
	})
}

func TestUpdateAccountWithStaleVersionChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		a := must(f.Svc.CreateAccount(ctx, org("Acme", 3)))(t)
		name := "Acme Holdings"
		b := must(f.Svc.UpdateAccount(ctx, a.ID, 1, crm.AccountUpdate{Name: &name}))(t)
		if b.Version != 2 || b.Name != name {
			t.Fatalf("after update: version %d name %q", b.Version, b.Name)
		}
		other := "Overwritten"
		_, err := f.Svc.UpdateAccount(ctx, a.ID, 1, crm.AccountUpdate{Name: &other})
		wantCode(t, err, crm.ESTALE)
		got := must(f.Svc.GetAccount(ctx, a.ID))(t)
		if got.Name != name || got.Version != 2 {
			t.Errorf("stale update applied: %q v%d", got.Name, got.Version)
		}
		h := must(f.Svc.History(ctx, crm.EntityAccount, a.ID, "", 0))(t)
		if len(h.Items) != 2 || h.Items[0].Field != "name" || h.Items[0].Old != "Acme" || h.Items[0].New != name {
			t.Errorf("history = %+v", h.Items)
		}
		// A no-op update does not bump the version or write history.
		same := must(f.Svc.UpdateAccount(ctx, a.ID, 2, crm.AccountUpdate{Name: &name}))(t)
		if same.Version != 2 {
			t.Errorf("no-op update bumped version to %d", same.Version)
		}
	})
}

func TestAccountScopesByRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mine := must(f.Svc.CreateAccount(f.Ctx["sales"], org("Sales East Co", 4)))(t)
		south := must(f.Svc.CreateAccount(f.Ctx["salesSouth"], org("Sales South Co", 5)))(t)
		name := "renamed"
		tests := []struct {
			who        string
			id         string
			read       bool
			write      bool
			canCreate  bool
			financeSee bool
		}{
			{"sales", mine.ID, true, true, true, false},
			{"sales2", mine.ID, false, false, true, false}, // same team, not the owner
			{"salesSouth", mine.ID, false, false, true, false},
			{"manager", mine.ID, true, true, true, true}, // East is below the manager's HQ
			{"manager", south.ID, false, false, true, true},
			{"admin", south.ID, true, true, true, true},
			{"finance", south.ID, true, false, false, true},
			{"warehouse", south.ID, true, false, false, false},
			{"service", south.ID, true, false, false, false},
			{"marketing", south.ID, true, false, false, false},
			{"viewer", south.ID, true, false, false, false},
		}
		for i, tt := range tests {
			ctx := f.Ctx[tt.who]
			got, err := f.Svc.GetAccount(ctx, tt.id)
			if tt.read != (err == nil) {
				t.Errorf("%s read: err = %v, want read=%v", tt.who, err, tt.read)
			}
			if !tt.read {
				wantCode(t, err, crm.ENOTFOUND) // no existence leak
			}
			if err == nil {
				hidden := len(got.Redacted) == 2 && got.Redacted[0] == "credit_rating" && got.CreditLimit == nil
				if hidden == tt.financeSee {
					t.Errorf("%s: finance fields hidden = %v, want %v", tt.who, hidden, !tt.financeSee)
				}
			}
			_, err = f.Svc.UpdateAccount(ctx, tt.id, 0, crm.AccountUpdate{Name: &name})
			switch {
			case tt.write && err != nil:
				t.Errorf("%s write: %v", tt.who, err)
			case !tt.write && tt.read:
				wantCode(t, err, crm.EFORBIDDEN)
			case !tt.write:
				wantCode(t, err, crm.ENOTFOUND)
			}
			_, err = f.Svc.CreateAccount(ctx, org("New "+tt.who, 100+i))
			if tt.canCreate != (err == nil) {
				t.Errorf("%s create: err = %v, want allowed=%v", tt.who, err, tt.canCreate)
			}
		}
		// Finance may change credit fields only.
		rating := "BBB"
		must(f.Svc.UpdateAccount(f.Ctx["finance"], south.ID, 0, crm.AccountUpdate{CreditRating: &rating}))(t)
		_, err := f.Svc.UpdateAccount(f.Ctx["finance"], south.ID, 0, crm.AccountUpdate{Name: &name, CreditRating: &rating})
		wantCode(t, err, crm.EFORBIDDEN)
		// Sales may not set finance fields, nor give accounts away.
		_, err = f.Svc.UpdateAccount(f.Ctx["sales"], mine.ID, 0, crm.AccountUpdate{CreditRating: &rating})
		wantCode(t, err, crm.EFORBIDDEN)
		other := f.Users["sales2"].ID
		_, err = f.Svc.UpdateAccount(f.Ctx["sales"], mine.ID, 0, crm.AccountUpdate{OwnerID: &other})
		wantCode(t, err, crm.EFORBIDDEN)
		// A manager assigns within their teams only.
		must(f.Svc.UpdateAccount(f.Ctx["manager"], mine.ID, 0, crm.AccountUpdate{OwnerID: &other}))(t)
		southRep := f.Users["salesSouth"].ID
		_, err = f.Svc.UpdateAccount(f.Ctx["manager"], mine.ID, 0, crm.AccountUpdate{OwnerID: &southRep})
		wantCode(t, err, crm.EFORBIDDEN)
		// The finance history entry is hidden from roles without finance rights.
		h := must(f.Svc.History(f.Ctx["viewer"], crm.EntityAccount, south.ID, "", 0))(t)
		found := false
		for _, c := range h.Items {
			if c.Field == "credit_rating" {
				found = true
				if !c.Redacted || c.New != "" {
					t.Errorf("viewer sees credit history: %+v", c)
				}
			}
		}
		if !found {
			t.Error("credit_rating change missing from history")
		}
	})
}

func TestCrossWorkspaceIDsAreInvisible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := must(f.Svc.CreateAccount(f.Ctx["admin"], org("Secret Co", 6)))(t)
		c := must(f.Svc.CreateContact(f.Ctx["admin"], crm.ContactFields{AccountID: a.ID, Name: "李四", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		other := f.Other
		_, err := f.Svc.GetAccount(other, a.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.GetContact(other, c.ID)
		wantCode(t, err, crm.ENOTFOUND)
		name := "pwned"
		_, err = f.Svc.UpdateAccount(other, a.ID, 0, crm.AccountUpdate{Name: &name})
		wantCode(t, err, crm.ENOTFOUND)
		wantCode(t, f.Svc.DeleteAccount(other, a.ID, 0), crm.ENOTFOUND)
		_, err = f.Svc.History(other, crm.EntityAccount, a.ID, "", 0)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.CreateContact(other, crm.ContactFields{AccountID: a.ID, Name: "x", Level: crm.LevelDecision, Function: crm.FunctionUser})
		wantField(t, err, "account_id")
		mine := must(f.Svc.CreateAccount(other, org("Other Co", 7)))(t)
		_, err = f.Svc.CreateLink(other, mine.ID, crm.LinkInput{RelatedAccountID: a.ID, Kind: crm.LinkSupplier})
		wantField(t, err, "related_account_id")
		_, err = f.Svc.UpdateAccount(other, mine.ID, 0, crm.AccountUpdate{OwnerID: &f.Users["sales"].ID})
		wantField(t, err, "owner_id")
		page := must(f.Svc.ListAccounts(other, crm.AccountFilter{Q: "Secret"}))(t)
		if len(page.Items) != 0 {
			t.Errorf("search crossed workspaces: %d hits", len(page.Items))
		}
	})
}

func TestDeleteAndRestoreAccountWithContacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		a := must(f.Svc.CreateAccount(ctx, org("Acme", 8)))(t)
		c1 := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "王五", Level: crm.LevelDecision, Function: crm.FunctionFinance}))(t)
		c2 := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "赵六", Level: crm.LevelOperational, Function: crm.FunctionUser}))(t)
		wantCode(t, f.Svc.DeleteContact(ctx, c2.ID, c2.Version), nil_)
		wantCode(t, f.Svc.DeleteAccount(ctx, a.ID, 5), crm.ESTALE)
		wantCode(t, f.Svc.DeleteAccount(ctx, a.ID, 1), nil_)
		live := must(f.Svc.ListContacts(ctx, crm.ContactFilter{AccountID: a.ID}))(t)
		bin := must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Deleted: crm.DeletedOnly}))(t)
		if len(live.Items) != 0 || len(bin.Items) != 1 {
			t.Fatalf("after delete: %d live contacts, %d accounts in the bin", len(live.Items), len(bin.Items))
		}
		name := "x"
		_, err := f.Svc.UpdateAccount(ctx, a.ID, 0, crm.AccountUpdate{Name: &name})
		wantCode(t, err, crm.ECONFLICT)
		_, err = f.Svc.RestoreContact(ctx, c1.ID)
		wantCode(t, err, crm.ECONFLICT) // its account is in the bin
		must(f.Svc.RestoreAccount(ctx, a.ID))(t)
		live = must(f.Svc.ListContacts(ctx, crm.ContactFilter{AccountID: a.ID}))(t)
		if len(live.Items) != 1 || live.Items[0].ID != c1.ID {
			t.Errorf("restore brought back %d contacts, want only the one deleted with the account", len(live.Items))
		}
	})
}

// nil_ is the "no error" code for wantCode.
const nil_ = ""
