package crm

import "strings"

// creditCodeAlphabet is the character set of the unified social credit code
// (统一社会信用代码, GB 32100-2015): digits and upper-case letters without
// I, O, S, V and Z. A character's index is its value.
const creditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are the position weights 3^(i) mod 31 of GB 32100-2015.
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeCreditCode trims spaces and upper-cases a credit code, the form
// in which codes are stored and compared.
func NormalizeCreditCode(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// ValidCreditCode reports whether code is an 18-character unified social
// credit code whose last character is the check character of the first 17.
func ValidCreditCode(code string) bool {
	if len(code) != 18 {
		return false
	}
	check, ok := CreditCodeCheck(code[:17])
	return ok && code[17] == check
}

// CreditCodeCheck returns the check character for the first 17 characters
// of a credit code, and false if they contain a character outside the
// code's alphabet.
func CreditCodeCheck(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCodeAlphabet, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditCodeWeights[i]
	}
	c := (31 - sum%31) % 31
	return creditCodeAlphabet[c], true
}
