package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/guanxi-crm/guanxi/crm"
)

// AppendHistory records field changes of one record by actorID at tx.Now.
// Ids are UUIDv7, so id order is time order.
func (tx *Tx) AppendHistory(ctx context.Context, ws string, entity crm.Entity, recordID, actorID string, changes []crm.FieldChange) error {
	rows := make([][]any, len(changes))
	for i, ch := range changes {
		rows[i] = []any{ws, NewID(), string(entity), recordID, ch.Field, ch.Old, ch.New, nullable(actorID), tx.Now}
	}
	if err := tx.insertRows(ctx, "history", historyColumns, rows); err != nil {
		return fmt.Errorf("append history of %s %s: %w", entity, recordID, err)
	}
	return nil
}

var historyColumns = []string{"workspace_id", "id", "entity", "record_id", "field", "old", "new", "actor_id", "at"}

// HistoryEntry is one change for AppendHistories.
type HistoryEntry struct {
	Entity   crm.Entity
	RecordID string
	ActorID  string
	At       time.Time
	Change   crm.FieldChange
}

// AppendHistories records many changes at once (bulk loads).
func (tx *Tx) AppendHistories(ctx context.Context, ws string, entries []HistoryEntry) error {
	rows := make([][]any, len(entries))
	for i, e := range entries {
		rows[i] = []any{ws, NewID(), string(e.Entity), e.RecordID, e.Change.Field, e.Change.Old, e.Change.New, nullable(e.ActorID), e.At}
	}
	return tx.insertRows(ctx, "history", historyColumns, rows)
}

// History returns a record's changes, newest first, one page at a time.
// The caller has checked that the record is in scope.
func (q *Q) History(ctx context.Context, ws string, entity crm.Entity, recordID, cursor string, limit int) (*crm.Page[*crm.Change], error) {
	limit = crm.PageSize(limit)
	var w conds
	w.add("h.workspace_id = ?", ws)
	w.add("h.entity = ?", string(entity))
	w.add("h.record_id = ?", recordID)
	if cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil || !crm.ValidID(string(b)) {
			var p crm.Problems
			p.Add("cursor", "invalid", "is not a cursor from this list")
			return nil, p.Err()
		}
		w.add("h.id < ?", string(b))
	}
	rows, err := q.QueryContext(ctx, `SELECT h.id, h.field, h.old, h.new, h.actor_id, u.name, h.at
		FROM history h LEFT JOIN users u ON u.workspace_id = h.workspace_id AND u.id = h.actor_id`+
		w.where()+fmt.Sprintf(" ORDER BY h.id DESC LIMIT %d", limit+1), w.args...)
	if err != nil {
		return nil, fmt.Errorf("history of %s %s: %w", entity, recordID, err)
	}
	defer rows.Close()
	page := &crm.Page[*crm.Change]{Items: []*crm.Change{}}
	for rows.Next() {
		c := &crm.Change{Entity: entity, RecordID: recordID}
		var at time.Time
		if err := rows.Scan(str{&c.ID}, &c.Field, &c.Old, &c.New, str{&c.ActorID}, str{&c.ActorName}, utc{&at}); err != nil {
			return nil, err
		}
		c.At = at
		if len(page.Items) == limit {
			page.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(page.Items[limit-1].ID))
			break
		}
		page.Items = append(page.Items, c)
	}
	return page, rows.Err()
}

// NewID returns a new UUIDv7 in canonical text form.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}
