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
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
// person names, indexed with pinyin), its phone numbers (indexed as
// written and as digits only, so 13812345678 finds 138-1234-5678) and its
// other identifiers (e-mails, codes, indexed as written). Only phones get
// the digits-only form: for an e-mail or a code it is a string nobody
// types ("11796" from chen.1@c1796.example.cn) that only added tokens.
//
// Bulk loads build millions of documents, so this avoids per-token
// allocations and maps: the n-grams are packed into fixed-size keys,
// sorted and deduplicated, and the distinct ones hex-encoded into one
// string.
func NewDocument(names, phones, others []string) Document {
	b := builders.Get().(*docBuilder)
	defer builders.Put(b)
	b.forms, b.grams = nil, b.grams[:0]
	for _, n := range names {
		n = normalize(n)
		if n == "" {
			continue
		}
		b.add(n, true)
		full, initials := Pinyin(n)
		if full != n {
			b.add(full, false)
		}
		if initials != full {
			b.add(initials, true)
		}
	}
	for _, p := range phones {
		p = normalize(p)
		b.add(p, false)
		if d := digits(p); d != p && len(d) >= 3 {
			b.add(d, false)
		}
	}
	for _, o := range others {
		b.add(normalize(o), false)
	}
	return b.document()
}

// docBuilder collects a document's forms and the n-grams of their tokens.
type docBuilder struct {
	forms []string
	grams []gramKey
	runes []int // byte offset of each rune of the current form, and its end
}

// builders keep the scratch slices of docBuilders for reuse.
var builders = sync.Pool{New: func() any { return &docBuilder{grams: make([]gramKey, 0, 256)} }}

// gramKey is an n-gram of at most three runes (12 bytes of UTF-8) packed
// so that comparing keys orders grams as comparing their bytes does, and
// so as comparing their hex tokens does: the bytes zero-padded, then the
// length, which puts a gram before the longer grams it begins.
type gramKey struct{ hi, lo uint64 }

func (k gramKey) compare(o gramKey) int {
	if c := cmp.Compare(k.hi, o.hi); c != 0 {
		return c
	}
	return cmp.Compare(k.lo, o.lo)
}

func (b *docBuilder) add(form string, short bool) {
	if form == "" {
		return
	}
	b.forms = append(b.forms, form)
	if !utf8.ValidString(form) {
		// Tokens are built from runes: an invalid byte stands for U+FFFD.
		form = string([]rune(form))
	}
	b.runes = b.runes[:0]
	for i := range form {
		b.runes = append(b.runes, i)
	}
	n := len(b.runes)
	b.runes = append(b.runes, len(form))
	for i := 0; i < n; i++ {
		at := b.runes[i]
		if short {
			if r, _ := utf8.DecodeRuneInString(form[at:]); unicode.Is(unicode.Han, r) {
				b.gram(form[at:b.runes[i+1]])
			}
			if i+2 <= n {
				b.gram(form[at:b.runes[i+2]])
			}
		}
		if i+3 <= n {
			b.gram(form[at:b.runes[i+3]])
		}
	}
}

func (b *docBuilder) gram(g string) {
	var pad [16]byte
	copy(pad[:12], g)
	pad[15] = byte(len(g))
	b.grams = append(b.grams, gramKey{binary.BigEndian.Uint64(pad[:8]), binary.BigEndian.Uint64(pad[8:])})
}

// document returns the document with the distinct tokens in order.
func (b *docBuilder) document() Document {
	slices.SortFunc(b.grams, gramKey.compare)
	b.grams = slices.Compact(b.grams)
	size := 0
	for _, k := range b.grams {
		size += 2 * int(k.lo&0xff)
	}
	buf := make([]byte, 0, size)
	for _, k := range b.grams {
		var pad [16]byte
		binary.BigEndian.PutUint64(pad[:8], k.hi)
		binary.BigEndian.PutUint64(pad[8:], k.lo)
		buf = hex.AppendEncode(buf, pad[:k.lo&0xff])
	}
	all := string(buf) // one allocation; the tokens are substrings of it
	tokens := make([]string, len(b.grams))
	at := 0
	for i, k := range b.grams {
		n := 2 * int(k.lo&0xff)
		tokens[i] = all[at : at+n]
		at += n
	}
	return Document{Text: strings.Join(b.forms, "\n"), Tokens: tokens}
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
