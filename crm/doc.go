// Package crm is the domain of Guanxi: the records a company keeps about its
// customers, the rules they obey and the services that act on them.
//
// It imports only the standard library. Storage, HTTP and the UI live in
// internal/ packages that depend on crm, never the other way round. The words
// used here (account, contact, workspace, team, ...) are the words of
// DOMAIN.md section 5 and are the same in Go, SQL, JSON and the UI.
package crm
