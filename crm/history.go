package crm

import (
	"context"
	"time"
)

// Change is one field's change in a record's history. History is append
// only; field rules hide old and new values the caller may not read.
type Change struct {
	ID        string    `json:"id"`
	Entity    Entity    `json:"entity"`
	RecordID  string    `json:"record_id"`
	Field     string    `json:"field"`
	Old       string    `json:"old"`
	New       string    `json:"new"`
	ActorID   string    `json:"actor_id"`
	ActorName string    `json:"actor_name,omitempty"`
	At        time.Time `json:"at"`
	Redacted  bool      `json:"redacted,omitempty" doc:"Old and new are hidden from you by a field rule."`
}

// Special history fields for lifecycle events.
const (
	FieldCreated  = "@created"
	FieldDeleted  = "@deleted"
	FieldRestored = "@restored"
	FieldLink     = "@link"
)

// HistoryService reads record histories, newest first.
type HistoryService interface {
	// History returns ENOTFOUND if the record is outside the caller's
	// read scope.
	History(ctx context.Context, entity Entity, id string, cursor string, limit int) (*Page[*Change], error)
}
