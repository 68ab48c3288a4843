package app

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"

	"github.com/guanxi-crm/guanxi/internal/httpapi"
)

// openapi prints the OpenAPI document without opening a database; the UI
// build generates its typed client from it.
func (e *env) openapi(args []string) error {
	b, err := OpenAPIDocument()
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(append(b, '\n'))
	return err
}

// OpenAPIDocument returns the API's OpenAPI 3.1 document as indented JSON.
func OpenAPIDocument() ([]byte, error) {
	api := httpapi.NewAPI(httpapi.Config{Version: "v1", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, http.NewServeMux())
	return json.MarshalIndent(api.OpenAPI(), "", "  ")
}
