package search

import (
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
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
	zhang := NewDocument([]string{"张三"}, []string{"138-1234-5678"}, []string{"Zhang.San@Example.com", "chen.1@c1796.example.cn"})
	huawei := NewDocument([]string{"华为技术有限公司"}, nil, []string{"91440300708461136T"})
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
		{"1796", zhang, true},        // digits of an e-mail, as written
		{"11796", zhang, false},      // no digits-only form of an e-mail
		{"李", zhang, false},
		{"zl", zhang, false},
		{"华为", huawei, true},
		{"技术有限", huawei, true},
		{"hwjs", huawei, true},
		{"huawei", huawei, true},
		{"708461", huawei, true}, // credit code part
		{"914403007084611", huawei, true},
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

// referenceDocument is NewDocument written the obvious way (a map of
// tokens built from rune slices), to check the optimised one against.
func referenceDocument(names, phones, others []string) Document {
	var forms []string
	set := map[string]bool{}
	add := func(form string, short bool) {
		if form == "" {
			return
		}
		forms = append(forms, form)
		rs := []rune(form)
		for i := range rs {
			if short && unicode.Is(unicode.Han, rs[i]) {
				set[hex.EncodeToString([]byte(string(rs[i:i+1])))] = true
			}
			if short && i+2 <= len(rs) {
				set[hex.EncodeToString([]byte(string(rs[i:i+2])))] = true
			}
			if i+3 <= len(rs) {
				set[hex.EncodeToString([]byte(string(rs[i:i+3])))] = true
			}
		}
	}
	for _, n := range names {
		n = normalize(n)
		if n == "" {
			continue
		}
		add(n, true)
		full, initials := Pinyin(n)
		if full != n {
			add(full, false)
		}
		if initials != full {
			add(initials, true)
		}
	}
	for _, p := range phones {
		p = normalize(p)
		add(p, false)
		if d := digits(p); d != p && len(d) >= 3 {
			add(d, false)
		}
	}
	for _, o := range others {
		add(normalize(o), false)
	}
	doc := Document{Text: strings.Join(forms, "\n"), Tokens: []string{}}
	for t := range set {
		doc.Tokens = append(doc.Tokens, t)
	}
	sort.Strings(doc.Tokens)
	return doc
}

func TestNewDocumentMatchesReference(t *testing.T) {
	cases := [][3][]string{
		{{"张三"}, {"138-1234-5678"}, {"Zhang.San@Example.com"}},
		{{"华为技术有限公司"}, nil, {"91440300708461136T"}},
		{{"深圳恒泰精密机械有限公司"}, {"0755-28881234"}, {"info@c42.example.cn", "91440300MA5ABCDE1X"}},
		{{"华为 Cloud  Services"}, {""}, {""}},
		{{"Acme Corp"}, {"+1 (555) 010-0000"}, nil},
		{{"", "  "}, {"", "x"}, {"", "x"}},
		{{"王"}, nil, {"ab"}},
		{{"bad \xff\xfe utf-8 名字"}, {"\xc3\x28-12345"}, {"\xc3\x28-12345"}},
		{{"𠮷野家 ひらがな Ünïcödé"}, nil, {"ÄÖÜ@example.com"}},
		{nil, nil, nil},
	}
	for _, c := range cases {
		got, want := NewDocument(c[0], c[1], c[2]), referenceDocument(c[0], c[1], c[2])
		if got.Text != want.Text || !slices.Equal(got.Tokens, want.Tokens) {
			t.Errorf("NewDocument(%q, %q, %q) = %q %q; want %q %q", c[0], c[1], c[2], got.Text, got.Tokens, want.Text, want.Tokens)
		}
	}
}

func BenchmarkNewDocument(b *testing.B) {
	for b.Loop() {
		NewDocument([]string{"深圳恒泰精密机械有限公司"}, []string{"0755-28881234"}, []string{"info@c42.example.cn", "91440300MA5ABCDE1X"})
		NewDocument([]string{"张伟"}, []string{"0755-28881234", "13812345678"}, []string{"zhangwei.0@c42.example.cn", "wx_zhangwei123"})
	}
}
