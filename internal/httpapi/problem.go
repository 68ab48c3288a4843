package httpapi

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// Problem is the body of every error response: RFC 9457 problem details
// with the domain's error code and per-field problems.
type Problem struct {
	Type   string           `json:"type" doc:"Always about:blank; see code."`
	Title  string           `json:"title"`
	Status int              `json:"status"`
	Detail string           `json:"detail"`
	Code   string           `json:"code" doc:"Stable error code: invalid, not_found, forbidden, conflict, precondition_failed, unauthorized, rate_limited, internal, ..."`
	Errors []crm.FieldError `json:"errors,omitempty" doc:"Problems with individual fields."`
	// ErrorCount is set when errors lists only the first problems.
	ErrorCount int `json:"error_count,omitempty" doc:"How many problems there are in all, when errors lists only the first ones (file imports)."`
	// CurrentVersion is set on 412 when the record's version is known.
	CurrentVersion int `json:"current_version,omitempty" doc:"On 412: the record's version now (also sent as the ETag header)."`
	header         http.Header
}

func (p *Problem) Error() string  { return p.Detail }
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes errors application/problem+json.
func (p *Problem) ContentType(string) string { return "application/problem+json" }

// GetHeaders returns extra response headers (Retry-After).
func (p *Problem) GetHeaders() http.Header { return p.header }

// statusOf maps the domain's error codes to HTTP statuses; this and
// newProblem are the only places that know the mapping.
var statusOf = map[string]int{
	crm.EINVALID:      http.StatusUnprocessableEntity,
	crm.ENOTFOUND:     http.StatusNotFound,
	crm.EFORBIDDEN:    http.StatusForbidden,
	crm.ECONFLICT:     http.StatusConflict,
	crm.ESTALE:        http.StatusPreconditionFailed,
	crm.EUNAUTHORIZED: http.StatusUnauthorized,
	crm.ERATELIMIT:    http.StatusTooManyRequests,
	crm.EINTERNAL:     http.StatusInternalServerError,
}

// codeOf names the errors huma raises itself (bad JSON, too large, ...).
func codeOf(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return crm.EINVALID
	case http.StatusNotFound:
		return crm.ENOTFOUND
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusPreconditionRequired:
		return "precondition_required"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	}
	if status >= 500 {
		return crm.EINTERNAL
	}
	return "bad_request"
}

// newProblem replaces huma.NewError so that errors raised by huma (request
// validation, malformed JSON, oversize bodies) have the same shape as ours.
func newProblem(status int, msg string, errs ...error) huma.StatusError {
	p := &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: msg, Code: codeOf(status)}
	for _, err := range errs {
		var d *huma.ErrorDetail
		if errors.As(err, &d) {
			field := fieldName(d.Location)
			// "expected required property name to be present" sits at the
			// object's location; name the missing field itself.
			if name, ok := strings.CutPrefix(d.Message, "expected required property "); ok {
				name = strings.TrimSuffix(name, " to be present")
				if field == "body" || field == "" {
					field = name
				} else {
					field += "." + name
				}
			}
			p.Errors = append(p.Errors, crm.FieldError{Field: field, Reason: reasonOf(d.Message), Message: d.Message})
		} else if err != nil {
			p.Errors = append(p.Errors, crm.FieldError{Message: err.Error()})
		}
	}
	if status == http.StatusUnprocessableEntity && msg == "validation failed" {
		p.Detail = "Some fields are not valid."
	}
	return p
}

// reasonOf gives huma's schema messages the domain's reason words, so the
// UI can translate them like the service's own.
func reasonOf(message string) string {
	switch {
	case strings.HasPrefix(message, "expected required property"):
		return "required"
	case strings.HasPrefix(message, "expected length <=") || strings.HasPrefix(message, "expected array length <=") ||
		strings.HasPrefix(message, "expected number <="):
		return "too_long"
	case strings.HasPrefix(message, "expected length >="):
		return "too_short"
	case strings.HasPrefix(message, "expected value to be one of"):
		return "unknown_value"
	case strings.HasPrefix(message, "unexpected property"):
		return "unknown_field"
	}
	return "invalid"
}

// fieldName turns huma's "body.personal_profile.birthday" into the domain's
// "personal_profile.birthday"; other locations (query.limit, header.If-Match)
// keep their prefix.
func fieldName(location string) string {
	return strings.TrimPrefix(location, "body.")
}

// apiError converts an error from the service into the HTTP error huma
// writes. Internal errors are logged and shown as a generic message.
func apiError(log *slog.Logger, err error) error {
	code := crm.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status == http.StatusInternalServerError {
		log.Error("internal error", "err", err)
	}
	p := &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code,
		Detail: crm.ErrorMessage(err), Errors: crm.ErrorFields(err)}
	var e *crm.Error
	if errors.As(err, &e) && e.Total > len(e.Fields) {
		p.ErrorCount = e.Total
	}
	if e != nil && code == crm.ESTALE && e.Current > 0 {
		p.CurrentVersion = e.Current
		p.header = http.Header{"ETag": {etag(e.Current)}}
	}
	if code == crm.ERATELIMIT {
		p.header = http.Header{"Retry-After": {"900"}}
	}
	return p
}
