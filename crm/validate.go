package crm

import (
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on free text, in characters (runes). They keep rows small and pages
// fast; the API schema states the same limits.
const (
	MaxName     = 200
	MaxShort    = 100 // titles, departments, regions, channels
	MaxLong     = 2000
	MaxNote     = 10000
	MaxTags     = 20
	MaxTagLen   = 32
	MaxEmailLen = 254
)

// Text checks a free-text field: valid UTF-8, at most max runes, and no
// control characters except newlines and tabs when multiline is true.
func (p *Problems) Text(field, value string, max int, multiline bool) {
	if !utf8.ValidString(value) {
		p.Add(field, "invalid", "is not valid UTF-8 text")
		return
	}
	if n := utf8.RuneCountInString(value); n > max {
		p.Add(field, "too_long", "is longer than "+strconv.Itoa(max)+" characters")
		return
	}
	for _, r := range value {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t' || r == '\r')) {
			p.Add(field, "invalid", "contains control characters")
			return
		}
	}
}

// RequiredText is Text for a field that must not be blank.
func (p *Problems) RequiredText(field, value string, max int) {
	if strings.TrimSpace(value) == "" {
		p.Required(field)
		return
	}
	p.Text(field, value, max, false)
}

// Enum checks that a non-empty value is one of allowed.
func (p *Problems) Enum(field, value string, allowed []string) {
	if value == "" {
		return
	}
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	p.Add(field, "unknown_value", "must be one of: "+strings.Join(allowed, ", "))
}

// Email checks a non-empty e-mail address.
func (p *Problems) Email(field, value string) {
	if value == "" {
		return
	}
	if len(value) > MaxEmailLen {
		p.Add(field, "too_long", "is longer than "+strconv.Itoa(MaxEmailLen)+" characters")
		return
	}
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value || !strings.Contains(value[strings.LastIndexByte(value, '@')+1:], ".") {
		p.Add(field, "invalid", "is not an e-mail address")
	}
}

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 \-()]{4,30}[0-9](\s*(ext\.?|x|转)\s*[0-9]{1,6})?$`)

// Phone checks a non-empty phone number: digits with optional +, spaces,
// dashes, brackets and an extension.
func (p *Problems) Phone(field, value string) {
	if value == "" {
		return
	}
	if !phonePattern.MatchString(value) {
		p.Add(field, "invalid", "is not a phone number")
	}
}

// URL checks a non-empty web address: absolute http or https only, so that a
// stored link can never run script when a user clicks it.
func (p *Problems) URL(field, value string) {
	if value == "" {
		return
	}
	if len(value) > MaxLong {
		p.Add(field, "too_long", "is longer than "+strconv.Itoa(MaxLong)+" characters")
		return
	}
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Add(field, "invalid", "must be an http:// or https:// address")
	}
}

// Tags checks a tag list: at most MaxTags, each a short non-blank word, no
// duplicates.
func (p *Problems) Tags(field string, tags []string) {
	if len(tags) > MaxTags {
		p.Add(field, "too_many", "has more than "+strconv.Itoa(MaxTags)+" tags")
		return
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if strings.TrimSpace(t) == "" || t != strings.TrimSpace(t) {
			p.Add(field, "invalid", "has a blank tag or one with surrounding spaces")
			return
		}
		if utf8.RuneCountInString(t) > MaxTagLen || strings.ContainsFunc(t, unicode.IsControl) {
			p.Add(field, "invalid", "has a tag longer than "+strconv.Itoa(MaxTagLen)+" characters or with control characters")
			return
		}
		if seen[t] {
			p.Add(field, "duplicate", "lists the tag "+t+" twice")
			return
		}
		seen[t] = true
	}
}

// ID checks a non-empty record id: the canonical text form of a UUID.
func (p *Problems) ID(field, value string) {
	if value != "" && !ValidID(value) {
		p.Add(field, "invalid", "is not a valid id")
	}
}

// ValidID reports whether s is a UUID in canonical lower-case text form
// (8-4-4-4-12 hex digits). Ids are checked before they reach a query so a
// malformed id is "not found", never a database error.
func ValidID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}
