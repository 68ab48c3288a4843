package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// Token prefixes tell a session cookie from an API token at a glance (and
// let secret scanners find leaked API tokens).
const (
	SessionPrefix  = "gxs_"
	APITokenPrefix = "gx_"
)

// NewToken returns a random token with prefix and the hash under which it
// is stored. Only the hash is kept; the token is shown once.
func NewToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	token = prefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	return token, HashToken(token)
}

// HashToken returns the stored form of a token. Tokens are 256 random
// bits, so a fast hash is enough; a slow one would only slow every request.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
