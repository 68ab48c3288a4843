package search

import (
	"strings"
	"testing"
)

func TestPinyin(t *testing.T) {
	tests := []struct{ in, full, initials string }{
		{"张三", "zhangsan", "zs"},
		{"华为技术有限公司", "huaweijishuyouxiangongsi", "hwjsyxgs"},
		{"华为 Cloud", "huaweicloud", "hwc"},
		{"Acme Corp", "acmecorp", "ac"},
		{"", "", ""},
	}
	for _, tt := range tests {
		full, initials := Pinyin(tt.in)
		if full != tt.full || initials != tt.initials {
			t.Errorf("Pinyin(%q) = %q, %q; want %q, %q", tt.in, full, initials, tt.full, tt.initials)
		}
	}
}

func TestSortKeyOrdersByPinyin(t *testing.T) {
	// 阿里 (ali) < 百度 (baidu) < 腾讯 (tengxun) in a Chinese phone book,
	// although their code points order them differently.
	names := []string{"腾讯", "阿里", "百度"}
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = SortKey(n)
	}
	if !(keys[1] < keys[2] && keys[2] < keys[0]) {
		t.Errorf("sort keys out of pinyin order: %q", keys)
	}
}

// matches applies a query to a document the way the databases do: every
// query token in the document's tokens, then the LIKE pattern.
func matches(doc Document, q Query) bool {
	have := map[string]bool{}
	for _, t := range doc.Tokens {
		have[t] = true
	}
	for _, t := range q.Tokens {
		if !have[t] {
			return false
		}
	}
	pat := strings.Trim(q.Like, "%")
	pat = strings.NewReplacer(`\%`, `%`, `\_`, `_`, `\\`, `\`).Replace(pat)
	return strings.Contains(doc.Text, pat)
}

func TestQueryFindsDocuments(t *testing.T) {
	zhang := NewDocument([]string{"张三"}, []string{"138-1234-5678", "Zhang.San@Example.com"})
	huawei := NewDocument([]string{"华为技术有限公司"}, []string{"91440300708461136T"})
	tests := []struct {
		q    string
		doc  Document
		want bool
	}{
		{"zs", zhang, true},          // initials, two letters
		{"张", zhang, true},           // one Han character
		{"张三", zhang, true},          // two Han characters
		{"zhangsan", zhang, true},    // full pinyin
		{"ZHANG", zhang, true},       // case-insensitive
		{"5678", zhang, true},        // phone digits, as typed without dashes
		{"1234-5678", zhang, true},   // phone as written
		{"example.com", zhang, true}, // e-mail part
		{"李", zhang, false},
		{"zl", zhang, false},
		{"华为", huawei, true},
		{"技术有限", huawei, true},
		{"hwjs", huawei, true},
		{"huawei", huawei, true},
		{"708461", huawei, true}, // credit code part
		{"为华", huawei, false},
		{"100%", huawei, false}, // LIKE wildcards are literal
	}
	for _, tt := range tests {
		q, ok := ParseQuery(tt.q)
		if !ok {
			t.Fatalf("ParseQuery(%q) rejected", tt.q)
		}
		if got := matches(tt.doc, q); got != tt.want {
			t.Errorf("query %q on %q: match = %v, want %v", tt.q, tt.doc.Text, got, tt.want)
		}
	}
}

func TestParseQueryBlank(t *testing.T) {
	if _, ok := ParseQuery("   "); ok {
		t.Error("blank query accepted")
	}
}
