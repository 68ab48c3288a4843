package csvin

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding names the character encoding an input was decoded from.
type Encoding string

// The encodings Open understands.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 with BOM"
	// GB18030 also decodes GBK and GB2312, its subsets, which Excel on
	// Chinese Windows writes when saving "CSV (comma delimited)".
	GB18030 Encoding = "GB18030"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode returns raw as UTF-8 without a byte order mark. Bytes that are
// valid UTF-8 are taken as such; otherwise they must be valid GB18030 as a
// whole. Single-byte encodings (Latin-1, Windows-1252) cannot be told
// apart from each other reliably, so they are refused with a hint rather
// than guessed.
func decode(raw []byte) ([]byte, Encoding, error) {
	if bytes.HasPrefix(raw, bomUTF8) {
		data := raw[len(bomUTF8):]
		if !utf8.Valid(data) {
			return nil, "", fmt.Errorf("the file starts with a UTF-8 byte order mark but is not valid UTF-8 (line %d)", invalidUTF8Line(data))
		}
		return data, UTF8BOM, nil
	}
	if bytes.HasPrefix(raw, bomUTF16LE) || bytes.HasPrefix(raw, bomUTF16BE) {
		return nil, "", errors.New(`the file is UTF-16 ("Unicode text"); save it as "CSV UTF-8" or plain CSV instead`)
	}
	if utf8.Valid(raw) {
		return raw, UTF8, nil
	}
	data, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	// The decoder replaces invalid sequences with U+FFFD instead of
	// failing. A real GB18030 file could encode U+FFFD itself, but a CSV
	// of orders has no reason to, so its presence means "not GB18030".
	if err != nil || bytes.ContainsRune(data, utf8.RuneError) {
		return nil, "", fmt.Errorf("the file is neither UTF-8 (invalid bytes on line %d) nor GB18030/GBK; save it as \"CSV UTF-8\"", invalidUTF8Line(raw))
	}
	return bytes.TrimPrefix(data, bomUTF8), GB18030, nil
}

// invalidUTF8Line returns the line number of the first byte that is not
// valid UTF-8, to point the user at it.
func invalidUTF8Line(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}
