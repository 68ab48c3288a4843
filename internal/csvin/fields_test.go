package csvin

import (
	"strings"
	"testing"
	"time"
)

func TestDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"12.34", 1234, ""},
		{"12.3", 1230, ""},
		{"12", 1200, ""},
		{"0.07", 7, ""},
		{"-5.5", -550, ""},
		{"+5", 500, ""},
		// 0.1 + 0.2 style float errors cannot happen: digits are exact.
		{"92233720368547758.07", 9223372036854775807, ""},
		{"92233720368547758.08", 0, "too large"},
		{"12.345", 0, "more than 2 decimals"},
		{"1,234.50", 0, "thousands separator"},
		{"1e3", 0, "exponent"},
		{"¥12", 0, "not a number"},
		{"12.", 0, "not a number"},
		{".5", 0, "not a number"},
		{"-", 0, "not a number"},
		{"", 0, "empty"},
		{"1 2", 0, "not a number"},
	}
	for _, tt := range tests {
		got, err := Decimal(tt.in, 2)
		if tt.err == "" && (err != nil || got != tt.want) {
			t.Errorf("Decimal(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
		if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Decimal(%q) = %d, %v; want an error with %q", tt.in, got, err, tt.err)
		}
	}
}

func TestDate(t *testing.T) {
	want := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2024-03-05", "2024-3-5", "20240305", "2024/3/5", "2024/03/05"} {
		if got, err := Date(in); err != nil || !got.Equal(want) {
			t.Errorf("Date(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"2024-02-30", "05/03/2024", "2024-03-05T10:00:00Z", "240305", ""} {
		if _, err := Date(in); err == nil {
			t.Errorf("Date(%q) accepted", in)
		}
	}
}
