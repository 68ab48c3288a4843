package service_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/search"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestSearchFindsChineseSubstringsPinyinPhonesAndEmails(t *testing.T) {
	// Run once with each SQLite plan: starting from the search index
	// (selective queries) and walking the sort index (common ones).
	for _, limit := range []int{search.SelectiveLimit, 0} {
		old := search.SelectiveLimit
		search.SelectiveLimit = limit
		t.Run(fmt.Sprintf("selective-limit-%d", limit), testSearch)
		search.SelectiveLimit = old
	}
}

func testSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		hw := org("深圳华为技术有限公司", 13)
		hw.Phone = "0755-2878 0808"
		acc := must(f.Svc.CreateAccount(ctx, hw))(t)
		must(f.Svc.CreateAccount(ctx, org("北京字节跳动科技有限公司", 14)))(t)
		zhang := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "张三", Mobile: "138 1234 5678",
			Email: "zhang.san@huawei.example", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "李四", Mobile: "13900001111",
			Level: crm.LevelOperational, Function: crm.FunctionUser}))(t)

		accounts := map[string]int{"华为": 1, "技术有限": 1, "有限公司": 2, "hwjs": 1, "huawei": 1, "zjtd": 1, "深": 1, "28780808": 1, "腾讯": 0, "%": 0}
		for q, want := range accounts {
			if got := len(must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Q: q}))(t).Items); got != want {
				t.Errorf("accounts q=%q: %d hits, want %d", q, got, want)
			}
		}
		contacts := map[string][]string{"zs": {zhang.ID}, "张": {zhang.ID}, "张三": {zhang.ID}, "zhangsan": {zhang.ID},
			"5678": {zhang.ID}, "zhang.san@": {zhang.ID}, "ls": nil, "zl": {}}
		for q, want := range contacts {
			page := must(f.Svc.ListContacts(ctx, crm.ContactFilter{Q: q}))(t)
			if q == "ls" {
				if len(page.Items) != 1 || page.Items[0].Name != "李四" {
					t.Errorf("contacts q=ls: %+v", page.Items)
				}
				continue
			}
			if len(page.Items) != len(want) || (len(want) == 1 && page.Items[0].ID != want[0]) {
				t.Errorf("contacts q=%q: %d hits, want %v", q, len(page.Items), want)
			}
		}
		// Search respects scope: the south rep sees none of these.
		if n := len(must(f.Svc.ListContacts(f.Ctx["salesSouth"], crm.ContactFilter{Q: "zs"}))(t).Items); n != 0 {
			t.Errorf("search leaked %d contacts outside scope", n)
		}
		// Renaming re-indexes.
		name := "王五"
		must(f.Svc.UpdateContact(ctx, zhang.ID, 1, crm.ContactUpdate{Name: &name}))(t)
		if n := len(must(f.Svc.ListContacts(ctx, crm.ContactFilter{Q: "zs"}))(t).Items); n != 0 {
			t.Errorf("old name still found after rename")
		}
		if n := len(must(f.Svc.ListContacts(ctx, crm.ContactFilter{Q: "ww"}))(t).Items); n != 1 {
			t.Errorf("new name not found after rename")
		}
	})
}

func TestKeysetPaginationVisitsEveryRecordOnceInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		names := []string{"腾讯", "阿里巴巴", "百度", "Apple", "京东", "小米", "华为", "美团", "网易"}
		for i, n := range names {
			in := org(n, 20+i)
			in.Industry = []string{"finance", "education", "finance"}[i%3] // ties on industry
			must(f.Svc.CreateAccount(ctx, in))(t)
		}
		for _, s := range []string{"name", "-name", "created_at", "-updated_at", "industry", "-industry", "hotness"} {
			var seen []string
			cursor := ""
			for pages := 0; ; pages++ {
				page := must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Sort: s, Limit: 2, Cursor: cursor}))(t)
				for _, a := range page.Items {
					seen = append(seen, a.Name+"|"+a.Industry)
				}
				if page.NextCursor == "" {
					break
				}
				if pages > 10 {
					t.Fatalf("sort %s: pagination does not end", s)
				}
				cursor = page.NextCursor
			}
			if len(seen) != len(names) {
				t.Errorf("sort %s: visited %d records, want %d: %v", s, len(seen), len(names), seen)
			}
			uniq := map[string]bool{}
			for _, n := range seen {
				uniq[n] = true
			}
			if len(uniq) != len(names) {
				t.Errorf("sort %s: duplicates in %v", s, seen)
			}
			if s == "name" {
				want := fmt.Sprint([]string{"阿里巴巴", "Apple", "百度", "华为", "京东", "美团", "腾讯", "网易", "小米"})
				if fmt.Sprint(trimIndustry(seen)) != want {
					t.Errorf("name order = %v, want pinyin order %v", trimIndustry(seen), want)
				}
			}
		}
		_, err := f.Svc.ListAccounts(ctx, crm.AccountFilter{Sort: "password_hash"})
		wantField(t, err, "sort")
		_, err = f.Svc.ListAccounts(ctx, crm.AccountFilter{Cursor: "garbage"})
		wantField(t, err, "cursor")
	})
}

func trimIndustry(seen []string) []string {
	out := make([]string, len(seen))
	for i, s := range seen {
		for j := len(s) - 1; j >= 0; j-- {
			if s[j] == '|' {
				out[i] = s[:j]
				break
			}
		}
	}
	return out
}

func TestCustomFieldFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		for _, d := range []crm.FieldDefinitionInput{
			{Entity: crm.EntityAccount, Key: "erp", Label: "ERP", Type: crm.FieldSelect, Options: []string{"SAP", "用友"}},
			{Entity: crm.EntityAccount, Key: "revenue", Label: "Revenue", Type: crm.FieldNumber},
			{Entity: crm.EntityAccount, Key: "listed", Label: "Listed", Type: crm.FieldBoolean},
			{Entity: crm.EntityAccount, Key: "lines", Label: "Lines", Type: crm.FieldMultiSelect, Options: []string{"a", "b"}},
		} {
			must(f.Svc.CreateFieldDefinition(ctx, d))(t)
		}
		one := org("One", 40)
		one.Custom = map[string]any{"erp": "SAP", "revenue": 1500.0, "listed": true, "lines": []any{"a", "b"}}
		two := org("Two", 41)
		two.Custom = map[string]any{"erp": "用友", "revenue": 20.5, "listed": false, "lines": []any{"b"}}
		must(f.Svc.CreateAccount(ctx, one))(t)
		must(f.Svc.CreateAccount(ctx, two))(t)
		tests := map[string]string{"erp=SAP": "One", "erp=用友": "Two", "revenue=1500": "One", "revenue=20.5": "Two",
			"listed=true": "One", "listed=false": "Two", "lines=a": "One"}
		for q, want := range tests {
			k, v, _ := strings.Cut(q, "=")
			page := must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Custom: map[string]string{k: v}}))(t)
			if len(page.Items) != 1 || page.Items[0].Name != want {
				t.Errorf("custom %s: %d hits, want %s", q, len(page.Items), want)
			}
		}
		_, err := f.Svc.ListAccounts(ctx, crm.AccountFilter{Custom: map[string]string{"password": "x"}})
		wantField(t, err, "custom")
	})
}

func TestListTotalsOnRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		for i := 0; i < 3; i++ {
			must(f.Svc.CreateAccount(ctx, org("Acme", 300+i)))(t)
		}
		page := must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Limit: 1}))(t)
		if page.Total != nil || page.NextCursor == "" {
			t.Errorf("total counted without asking (%v) or no next page", page.Total)
		}
		page = must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Limit: 1, WithTotal: true, Q: "acme"}))(t)
		if page.Total == nil || *page.Total != 3 || page.TotalCapped {
			t.Errorf("total = %v capped %v, want 3", page.Total, page.TotalCapped)
		}
	})
}

func TestSearchResultsPageNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["admin"]
		var ids []string
		for i := 0; i < 7; i++ {
			ids = append(ids, must(f.Svc.CreateAccount(ctx, org(fmt.Sprintf("华创 %d", i), 400+i)))(t).ID)
		}
		must(f.Svc.CreateAccount(ctx, org("Unrelated", 410)))(t)
		for _, q := range []string{"华创", "华"} { // indexed bigram and Han unigram
			var seen []string
			for cursor := ""; ; {
				page := must(f.Svc.ListAccounts(ctx, crm.AccountFilter{Q: q, Limit: 3, Cursor: cursor}))(t)
				for _, a := range page.Items {
					seen = append(seen, a.ID)
				}
				if cursor = page.NextCursor; cursor == "" {
					break
				}
			}
			if len(seen) != 7 {
				t.Fatalf("q=%s: %d results, want 7", q, len(seen))
			}
			for i := range seen {
				if seen[i] != ids[6-i] {
					t.Errorf("q=%s: result %d is not the %d-th newest", q, i, i+1)
				}
			}
		}
		_, err := f.Svc.ListAccounts(ctx, crm.AccountFilter{Sort: "relevance"})
		wantField(t, err, "sort")
	})
}
