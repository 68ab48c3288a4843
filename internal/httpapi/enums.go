package httpapi

import (
	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// enums are the closed value lists of crm, by JSON property or query
// parameter name. applyEnums writes them into the OpenAPI schemas, so the
// document, huma's validation and the generated UI client all use the
// domain's lists; "" is allowed where a field is optional (to clear it).
var enums = map[string][]string{
	"industry":      withEmpty(crm.Industries),
	"size":          withEmpty(crm.CompanySizes),
	"source":        withEmpty(crm.Sources),
	"credit_rating": withEmpty(crm.CreditRatings),
}

// sorts are the allowed sort parameters per list operation.
var sorts = map[string][]string{
	"list-accounts": sortValues(crm.AccountSorts),
	"list-contacts": sortValues(crm.ContactSorts),
}

func withEmpty(list []string) []string { return append([]string{""}, list...) }

func sortValues(fields []string) []string {
	out := make([]string, 0, 2*len(fields))
	for _, f := range fields {
		out = append(out, f, "-"+f)
	}
	return out
}

func applyEnums(api huma.API) {
	for _, s := range api.OpenAPI().Components.Schemas.Map() {
		for name, prop := range s.Properties {
			if list := enums[name]; list != nil && prop.Type == "string" {
				setEnum(prop, list)
			}
		}
	}
	for _, path := range api.OpenAPI().Paths {
		for _, o := range []*huma.Operation{path.Get, path.Post, path.Patch, path.Delete} {
			if o == nil {
				continue
			}
			for _, p := range o.Parameters {
				if p.In != "query" || p.Schema == nil {
					continue
				}
				if p.Name == "sort" && sorts[o.OperationID] != nil {
					setEnum(p.Schema, withEmpty(sorts[o.OperationID]))
				} else if list := enums[p.Name]; list != nil && p.Schema.Type == "string" {
					setEnum(p.Schema, list)
				}
			}
		}
	}
}

func setEnum(s *huma.Schema, list []string) {
	s.Enum = make([]any, len(list))
	for i, v := range list {
		s.Enum[i] = v
	}
	s.PrecomputeMessages()
}
