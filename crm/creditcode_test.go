package crm

import "testing"

func TestValidCreditCode(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"91350100M000100Y43", true},  // a published example code
		{"91110000600037341L", true},  // a well-known company's code
		{"91350100M000100Y44", false}, // wrong check character
		{"91350100M000100Y4", false},  // too short
		{"91350100M000100Y430", false},
		{"91350100I000100Y43", false}, // I is not in the alphabet
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidCreditCode(tt.code); got != tt.want {
			t.Errorf("ValidCreditCode(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestCreditCodeCheckRoundTrip(t *testing.T) {
	// Every code built from a body and its computed check must validate, and
	// changing the check to any other character must not.
	bodies := []string{"91110108MA01ABCDE", "12100000400000624", "Y1440300MA5FXXXXX"}
	for _, body := range bodies {
		c, ok := CreditCodeCheck(body)
		if !ok {
			t.Fatalf("CreditCodeCheck(%q) rejected a valid body", body)
		}
		if !ValidCreditCode(body + string(c)) {
			t.Errorf("%s%c does not validate", body, c)
		}
		for i := 0; i < len(creditCodeAlphabet); i++ {
			if other := creditCodeAlphabet[i]; other != c && ValidCreditCode(body+string(other)) {
				t.Errorf("%s%c validates with a wrong check character", body, other)
			}
		}
	}
}
