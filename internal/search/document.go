// Package search makes records findable by any substring of their names,
// phones and e-mail addresses, in Chinese or in pinyin (full or initials,
// so "zs" finds 张三), on SQLite and PostgreSQL alike.
//
// Both databases use the same design: each record gets a normalised search
// text and a set of n-gram tokens computed here in Go (pinyin needs Go
// anyway). A query is turned into tokens that must all be present (an index
// lookup) and then checked with LIKE against the search text (exact). Names
// get unigram (Han only), bigram and trigram tokens so that one- and
// two-character queries such as 张 or zs are indexed too; phones and e-mails
// get trigrams only. SQLite keeps the tokens in an FTS5 table, PostgreSQL in
// a text[] column with a GIN index. This replaces the FTS5 trigram
// tokenizer and pg_trgm of the first design, which cannot index queries
// shorter than three characters and, for pg_trgm, need a UTF-8 LC_CTYPE to
// see CJK at all.
package search

import (
	"encoding/hex"
	"sort"
	"strings"
	"unicode"
)

// Document is the searchable form of one record.
type Document struct {
	// Text is every searchable form of the record, lower-cased and joined
	// by newlines; LIKE runs against it.
	Text string
	// Tokens are the distinct n-gram tokens of Text (hex of their UTF-8).
	Tokens []string
}

// NewDocument builds the document of a record from its names (company or
// person names, indexed with pinyin) and its other identifiers (phones,
// e-mails, codes, indexed as written and, for phones, as digits only).
func NewDocument(names []string, others []string) Document {
	var forms []string
	tokens := map[string]struct{}{}
	add := func(form string, short bool) {
		if form == "" {
			return
		}
		forms = append(forms, form)
		addGrams(tokens, []rune(form), short)
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
	for _, o := range others {
		o = normalize(o)
		add(o, false)
		if d := digits(o); d != o && len(d) >= 3 {
			add(d, false)
		}
	}
	doc := Document{Text: strings.Join(forms, "\n"), Tokens: make([]string, 0, len(tokens))}
	for t := range tokens {
		doc.Tokens = append(doc.Tokens, t)
	}
	sort.Strings(doc.Tokens)
	return doc
}

// addGrams adds the trigrams of rs and, when short is set, its bigrams and
// its Han unigrams, so that names answer one- and two-character queries.
func addGrams(tokens map[string]struct{}, rs []rune, short bool) {
	for i := range rs {
		if short && unicode.Is(unicode.Han, rs[i]) {
			tokens[token(rs[i:i+1])] = struct{}{}
		}
		if short && i+2 <= len(rs) {
			tokens[token(rs[i:i+2])] = struct{}{}
		}
		if i+3 <= len(rs) {
			tokens[token(rs[i:i+3])] = struct{}{}
		}
	}
}

func token(rs []rune) string { return hex.EncodeToString([]byte(string(rs))) }

// normalize lower-cases s and folds runs of white space to one space.
func normalize(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Query is a parsed search string.
type Query struct {
	// Tokens must all be in a matching record's token set; empty when the
	// query is too short to index (one Latin letter or digit), in which
	// case only Like applies.
	Tokens []string
	// Like is the LIKE pattern (with \ as escape) a matching record's
	// search text must satisfy.
	Like string
}

// ParseQuery turns what a user typed into a Query, or reports false for a
// blank query. Queries longer than 64 characters are cut, which keeps
// token lists short without changing what a human means.
func ParseQuery(q string) (Query, bool) {
	q = normalize(q)
	rs := []rune(q)
	if len(rs) == 0 {
		return Query{}, false
	}
	if len(rs) > 64 {
		rs = rs[:64]
		q = string(rs)
	}
	var out Query
	seen := map[string]bool{}
	addTok := func(t string) {
		if !seen[t] {
			seen[t] = true
			out.Tokens = append(out.Tokens, t)
		}
	}
	switch {
	case len(rs) >= 3:
		for i := 0; i+3 <= len(rs); i++ {
			addTok(token(rs[i : i+3]))
		}
	case len(rs) == 2:
		addTok(token(rs))
	case unicode.Is(unicode.Han, rs[0]):
		addTok(token(rs))
	}
	out.Like = "%" + escapeLike(q) + "%"
	return out, true
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
