package api

import (
	_ "embed"
	"net/http"
)

//go:embed openapi.json
var openapiDoc []byte

// openapi serves the OpenAPI 3 document.
func (a *API) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(openapiDoc)
}
