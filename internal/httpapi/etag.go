package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// etag is a record's entity tag: its version, quoted.
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// ifMatch reads the version a change is based on from If-Match. Changes
// must name it so that two people editing the same record cannot silently
// overwrite each other: a missing header is 428, a stale one becomes 412 in
// the service.
func ifMatch(header string, required bool) (int, error) {
	v := strings.TrimSpace(header)
	if v == "" {
		if required {
			return 0, newProblem(http.StatusPreconditionRequired, "Send the record's version in If-Match (its ETag) to change it.")
		}
		return 0, nil
	}
	v = strings.Trim(strings.TrimPrefix(v, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, newProblem(http.StatusBadRequest, "If-Match must be an ETag from this API, such as \"3\".",
			&huma.ErrorDetail{Location: "header.If-Match", Message: "is not a version", Value: header})
	}
	return n, nil
}
