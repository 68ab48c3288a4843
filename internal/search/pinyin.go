package search

import (
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// toneless maps each Han character to its first reading without tones
// ("张" -> "zhang"). go-pinyin strips tones with regular expressions on
// every call; building the table once makes indexing millions of names
// cheap.
var (
	tonelessOnce sync.Once
	toneless     map[rune]string
)

func syllable(r rune) (string, bool) {
	tonelessOnce.Do(func() {
		args := pinyin.NewArgs() // Normal style: no tones, first reading
		toneless = make(map[rune]string, len(pinyin.PinyinDict))
		for code := range pinyin.PinyinDict {
			if s := pinyin.SinglePinyin(rune(code), args); len(s) > 0 {
				toneless[rune(code)] = s[0]
			}
		}
	})
	s, ok := toneless[r]
	return s, ok
}

// Pinyin returns the full pinyin of s without tones or spaces and its
// initials: "张三" -> "zhangsan", "zs". Latin words keep their letters and
// give their first letter to the initials ("华为 Cloud" -> "huaweicloud",
// "hwc"); other characters are dropped.
func Pinyin(s string) (full, initials string) {
	var f, i strings.Builder
	inWord := false
	for _, r := range s {
		if py, ok := syllable(r); ok {
			f.WriteString(py)
			i.WriteByte(py[0])
			inWord = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			lr := unicode.ToLower(r)
			f.WriteRune(lr)
			if !inWord {
				i.WriteRune(lr)
			}
			inWord = true
			continue
		}
		inWord = false
	}
	return f.String(), i.String()
}

// SortKey returns the key by which names sort: pinyin first, so that
// Chinese names sort as in a Chinese phone book, then the name itself to
// keep homophones apart.
func SortKey(name string) string {
	full, _ := Pinyin(name)
	return full + " " + strings.ToLower(name)
}
