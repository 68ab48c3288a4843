package app

import (
	"bytes"
	"os"
	"testing"
)

// The UI's typed client is generated from web/openapi.json. If the API
// changes, regenerate it (cd web && npm run gen:api) so the UI and the
// server cannot drift apart unnoticed.
func TestCommittedOpenAPIDocumentIsCurrent(t *testing.T) {
	want, err := OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../web/openapi.json")
	if err != nil {
		t.Fatalf("read web/openapi.json: %v", err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Fatal("web/openapi.json is out of date: run `npm run gen:api` in web/ and commit the result")
	}
}
