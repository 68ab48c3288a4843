package crm

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// FieldType is the type of a custom field's values.
type FieldType string

// Custom field types.
const (
	FieldText        FieldType = "text"
	FieldLongText    FieldType = "long_text"
	FieldNumber      FieldType = "number"
	FieldDate        FieldType = "date"
	FieldBoolean     FieldType = "boolean"
	FieldSelect      FieldType = "select"
	FieldMultiSelect FieldType = "multiselect"
	FieldURL         FieldType = "url"
	FieldEmail       FieldType = "email"
	FieldPhone       FieldType = "phone"
)

// FieldTypes lists every custom field type.
var FieldTypes = []string{"text", "long_text", "number", "date", "boolean", "select", "multiselect", "url", "email", "phone"}

// CustomEntities are the entities that take custom fields.
var CustomEntities = []string{string(EntityAccount), string(EntityContact)}

// MaxFieldDefinitions bounds custom fields per entity, so a record's custom
// JSON stays small.
const MaxFieldDefinitions = 100

// FieldDefinition declares a custom field of a workspace's accounts or
// contacts. Values live in the record's "custom" object under Key.
type FieldDefinition struct {
	ID       string    `json:"id" readOnly:"true"`
	Entity   Entity    `json:"entity" enum:"account,contact"`
	Key      string    `json:"key" pattern:"^[a-z][a-z0-9_]{0,39}$"`
	Label    string    `json:"label" maxLength:"100"`
	Type     FieldType `json:"type" enum:"text,long_text,number,date,boolean,select,multiselect,url,email,phone"`
	Options  []string  `json:"options,omitempty" maxItems:"100" doc:"Choices of a select or multiselect field."`
	Required bool      `json:"required"`
	Meta
}

// FieldDefinitionInput creates or replaces a definition. Entity, key and
// type are fixed once created.
type FieldDefinitionInput struct {
	Entity   Entity    `json:"entity" enum:"account,contact"`
	Key      string    `json:"key" pattern:"^[a-z][a-z0-9_]{0,39}$"`
	Label    string    `json:"label" maxLength:"100"`
	Type     FieldType `json:"type" enum:"text,long_text,number,date,boolean,select,multiselect,url,email,phone"`
	Options  []string  `json:"options,omitempty" maxItems:"100"`
	Required bool      `json:"required"`
}

var fieldKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Validate checks a definition.
func (d *FieldDefinitionInput) Validate() error {
	var p Problems
	p.Enum("entity", string(d.Entity), CustomEntities)
	if d.Entity == "" {
		p.Required("entity")
	}
	if !fieldKeyPattern.MatchString(d.Key) {
		p.Add("key", "invalid", "must start with a letter and use only a-z, 0-9 and _ (at most 40)")
	}
	p.RequiredText("label", d.Label, MaxShort)
	p.Enum("type", string(d.Type), FieldTypes)
	if d.Type == "" {
		p.Required("type")
	}
	choice := d.Type == FieldSelect || d.Type == FieldMultiSelect
	switch {
	case choice && len(d.Options) == 0:
		p.Add("options", "required", "are required for a select field")
	case !choice && len(d.Options) > 0:
		p.Add("options", "invalid", "are only for select fields")
	}
	seen := map[string]bool{}
	for _, o := range d.Options {
		if strings.TrimSpace(o) == "" || len([]rune(o)) > MaxShort || seen[o] {
			p.Add("options", "invalid", "must be distinct, non-blank and at most 100 characters")
			break
		}
		seen[o] = true
	}
	return p.Err()
}

// FieldDefinitions are one entity's custom fields.
type FieldDefinitions []*FieldDefinition

// Check validates custom values against the definitions and returns them
// normalised (numbers as float64, dates as "YYYY-MM-DD"). Unknown keys,
// wrong types and missing required values are reported per key as
// "custom.<key>".
func (defs FieldDefinitions) Check(values map[string]any, p *Problems) map[string]any {
	out := make(map[string]any, len(values))
	byKey := make(map[string]*FieldDefinition, len(defs))
	for _, d := range defs {
		byKey[d.Key] = d
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		field := "custom." + k
		d, ok := byKey[k]
		if !ok {
			p.Add(field, "unknown_field", "is not a custom field of this workspace")
			continue
		}
		v, msg := d.normalise(values[k])
		if msg != "" {
			p.Add(field, "invalid", msg)
			continue
		}
		if v != nil {
			out[k] = v
		}
	}
	for _, d := range defs {
		if _, ok := out[d.Key]; d.Required && !ok {
			p.Required("custom." + d.Key)
		}
	}
	return out
}

// normalise returns the stored form of v, nil for "empty", or a message.
func (d *FieldDefinition) normalise(v any) (any, string) {
	if v == nil {
		return nil, ""
	}
	var p Problems
	switch d.Type {
	case FieldText, FieldLongText, FieldURL, FieldEmail, FieldPhone, FieldDate, FieldSelect:
		s, ok := v.(string)
		if !ok {
			return nil, "must be a string"
		}
		if s == "" {
			return nil, ""
		}
		switch d.Type {
		case FieldText:
			p.Text("v", s, MaxLong, false)
		case FieldLongText:
			p.Text("v", s, MaxNote, true)
		case FieldURL:
			p.URL("v", s)
		case FieldEmail:
			p.Email("v", s)
		case FieldPhone:
			p.Phone("v", s)
		case FieldDate:
			if _, err := time.Parse(time.DateOnly, s); err != nil {
				return nil, "must be a date in the form YYYY-MM-DD"
			}
		case FieldSelect:
			if !contains(d.Options, s) {
				return nil, "must be one of: " + strings.Join(d.Options, ", ")
			}
		}
		if p.Len() > 0 {
			return nil, p.fields[0].Message
		}
		return s, ""
	case FieldNumber:
		var f float64
		switch n := v.(type) {
		case float64:
			f = n
		case json.Number:
			var err error
			if f, err = n.Float64(); err != nil {
				return nil, "must be a number"
			}
		case int:
			f = float64(n)
		case int64:
			f = float64(n)
		default:
			return nil, "must be a number"
		}
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
			return nil, "must be a finite number of at most 1e15"
		}
		return f, ""
	case FieldBoolean:
		b, ok := v.(bool)
		if !ok {
			return nil, "must be true or false"
		}
		return b, ""
	case FieldMultiSelect:
		list, ok := v.([]any)
		if !ok {
			if ss, ok2 := v.([]string); ok2 {
				for _, s := range ss {
					list = append(list, s)
				}
			} else {
				return nil, "must be a list of options"
			}
		}
		out := make([]string, 0, len(list))
		for _, x := range list {
			s, ok := x.(string)
			if !ok || !contains(d.Options, s) || contains(out, s) {
				return nil, "must list distinct options from: " + strings.Join(d.Options, ", ")
			}
			out = append(out, s)
		}
		if len(out) == 0 {
			return nil, ""
		}
		return out, ""
	}
	return nil, "has an unknown type"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// addCustom adds custom values to a snapshot as "custom.<key>".
func addCustom(s Snapshot, custom map[string]any) {
	for k, v := range custom {
		s["custom."+k] = customString(v)
	}
}

func customString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		return strings.Join(x, ", ")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = customString(e)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

// FieldDefinitionService manages custom field definitions. Everyone reads
// them; only admins change them.
type FieldDefinitionService interface {
	ListFieldDefinitions(ctx context.Context, entity Entity) ([]*FieldDefinition, error)
	CreateFieldDefinition(ctx context.Context, in FieldDefinitionInput) (*FieldDefinition, error)
	UpdateFieldDefinition(ctx context.Context, id string, version int, in FieldDefinitionInput) (*FieldDefinition, error)
	DeleteFieldDefinition(ctx context.Context, id string) error
}
