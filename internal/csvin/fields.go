package csvin

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Decimal parses a plain decimal number ("1234", "-12.5", "0.05") into an
// integer scaled by 10^scale: Decimal("12.5", 2) is 1250. It works on the
// digits, so no float rounding can creep in. More than scale decimals is an
// error rather than a silent rounding, as are exponents, thousands
// separators and currency signs: a file that has them was meant
// differently, and the user should see where.
func Decimal(s string, scale int) (int64, error) {
	if s == "" {
		return 0, errors.New("is empty")
	}
	neg := s[0] == '-'
	if neg || s[0] == '+' {
		s = s[1:]
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || (hasPoint && frac == "") {
		return 0, errors.New("is not a number (write it like 1234.50)")
	}
	if len(frac) > scale {
		return 0, fmt.Errorf("has more than %d decimals", scale)
	}
	var v int64
	for _, part := range []string{whole, frac + strings.Repeat("0", scale-len(frac))} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, notANumber(c)
			}
			if v > (math.MaxInt64-int64(c-'0'))/10 {
				return 0, errors.New("is too large")
			}
			v = v*10 + int64(c-'0')
		}
	}
	if neg {
		v = -v
	}
	return v, nil
}

func notANumber(c byte) error {
	switch c {
	case ',':
		return errors.New("has a thousands separator; write 1234.50, not 1,234.50")
	case 'e', 'E':
		return errors.New("is in exponent notation; write the number in full")
	}
	return errors.New("is not a number (write it like 1234.50, without currency signs)")
}

// dateLayouts are the date forms Date accepts: ISO dates, compact dates as
// in the CDNOW files, and the slashed dates Excel writes in Chinese locales.
var dateLayouts = []string{"2006-1-2", "20060102", "2006/1/2"}

// Date parses a calendar date (YYYY-MM-DD, YYYYMMDD or YYYY/M/D) to
// midnight UTC of that day.
func Date(s string) (time.Time, error) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("is not a date (YYYY-MM-DD, YYYYMMDD or YYYY/M/D)")
}
