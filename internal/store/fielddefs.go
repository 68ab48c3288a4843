package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

const fieldDefColumns = `id, entity, key, label, type, options, required, version, created_at, created_by, updated_at, updated_by`

func scanFieldDef(row interface{ Scan(...any) error }) (*crm.FieldDefinition, error) {
	d := &crm.FieldDefinition{}
	err := row.Scan(str{&d.ID}, &d.Entity, &d.Key, &d.Label, &d.Type, jsonCol{&d.Options}, &d.Required,
		&d.Version, utc{&d.CreatedAt}, str{&d.CreatedBy}, utc{&d.UpdatedAt}, str{&d.UpdatedBy})
	return d, err
}

// FieldDefinitions returns a workspace's custom fields of an entity ("" for
// all), in creation order.
func (q *Q) FieldDefinitions(ctx context.Context, ws string, entity crm.Entity) (crm.FieldDefinitions, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+fieldDefColumns+" FROM field_definitions WHERE workspace_id = ? AND (? = '' OR entity = ?) ORDER BY created_at, id",
		ws, string(entity), string(entity))
	if err != nil {
		return nil, fmt.Errorf("list field definitions: %w", err)
	}
	defer rows.Close()
	out := crm.FieldDefinitions{}
	for rows.Next() {
		d, err := scanFieldDef(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// GetFieldDefinition returns one definition; ENOTFOUND if none.
func (q *Q) GetFieldDefinition(ctx context.Context, ws, id string) (*crm.FieldDefinition, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Field definition not found.")
	}
	d, err := scanFieldDef(q.QueryRowContext(ctx, "SELECT "+fieldDefColumns+" FROM field_definitions WHERE workspace_id = ? AND id = ?", ws, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Field definition not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get field definition %s: %w", id, err)
	}
	return d, nil
}

// InsertFieldDefinition stores a definition; ECONFLICT if the key is taken.
func (tx *Tx) InsertFieldDefinition(ctx context.Context, ws string, d *crm.FieldDefinition) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO field_definitions (workspace_id, id, entity, key, label, type, options, required,
		version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ws, d.ID, d.Entity, d.Key, d.Label, d.Type, jsonArray(d.Options), d.Required,
		d.Version, d.CreatedAt, nullable(d.CreatedBy), d.UpdatedAt, nullable(d.UpdatedBy))
	if isUniqueViolation(err) {
		return &crm.Error{Code: crm.ECONFLICT, Message: "A custom field with this key already exists.",
			Fields: []crm.FieldError{{Field: "key", Reason: "taken", Message: "is already in use"}}}
	}
	if err != nil {
		return tx.writeError("field definition", err)
	}
	return nil
}

// UpdateFieldDefinition writes label, options and required if still at
// fromVersion.
func (tx *Tx) UpdateFieldDefinition(ctx context.Context, ws string, d *crm.FieldDefinition, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE field_definitions SET label = ?, options = ?, required = ?, version = ?, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`, d.Label, jsonArray(d.Options), d.Required, d.Version,
		d.UpdatedAt, nullable(d.UpdatedBy), ws, d.ID, fromVersion)
	if err != nil {
		return tx.writeError("field definition", err)
	}
	return expectOne(res, "Field definition")
}

// DeleteFieldDefinition removes a definition. Values already stored under
// its key stay in records' JSON but are no longer shown or accepted.
func (tx *Tx) DeleteFieldDefinition(ctx context.Context, ws, id string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM field_definitions WHERE workspace_id = ? AND id = ?", ws, id)
	return err
}

const viewColumns = `id, entity, name, query, columns, version, created_at, created_by, updated_at, updated_by`

func scanView(row interface{ Scan(...any) error }) (*crm.SavedView, error) {
	v := &crm.SavedView{}
	err := row.Scan(str{&v.ID}, &v.Entity, &v.Name, &v.Query, jsonCol{&v.Columns}, &v.Version,
		utc{&v.CreatedAt}, str{&v.CreatedBy}, utc{&v.UpdatedAt}, str{&v.UpdatedBy})
	return v, err
}

// SavedViews returns a user's views of an entity by name.
func (q *Q) SavedViews(ctx context.Context, ws, userID string, entity crm.Entity) ([]*crm.SavedView, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+viewColumns+" FROM saved_views WHERE workspace_id = ? AND user_id = ? AND entity = ? ORDER BY name, id",
		ws, userID, string(entity))
	if err != nil {
		return nil, fmt.Errorf("list saved views: %w", err)
	}
	defer rows.Close()
	out := []*crm.SavedView{}
	for rows.Next() {
		v, err := scanView(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// GetSavedView returns one of a user's views; ENOTFOUND if none.
func (q *Q) GetSavedView(ctx context.Context, ws, userID, id string) (*crm.SavedView, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Saved view not found.")
	}
	v, err := scanView(q.QueryRowContext(ctx, "SELECT "+viewColumns+" FROM saved_views WHERE workspace_id = ? AND user_id = ? AND id = ?", ws, userID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Saved view not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get saved view %s: %w", id, err)
	}
	return v, nil
}

// PutSavedView inserts a view (fromVersion 0) or replaces it if still at
// fromVersion.
func (tx *Tx) PutSavedView(ctx context.Context, ws, userID string, v *crm.SavedView, fromVersion int) error {
	var err error
	var res sql.Result
	if fromVersion == 0 {
		res, err = tx.ExecContext(ctx, `INSERT INTO saved_views (workspace_id, id, user_id, entity, name, query, columns, version,
			created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ws, v.ID, userID, v.Entity, v.Name, v.Query, jsonArray(v.Columns), v.Version, v.CreatedAt,
			nullable(v.CreatedBy), v.UpdatedAt, nullable(v.UpdatedBy))
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE saved_views SET entity = ?, name = ?, query = ?, columns = ?, version = ?, updated_at = ?, updated_by = ?
			WHERE workspace_id = ? AND user_id = ? AND id = ? AND version = ?`, v.Entity, v.Name, v.Query, jsonArray(v.Columns),
			v.Version, v.UpdatedAt, nullable(v.UpdatedBy), ws, userID, v.ID, fromVersion)
	}
	if isUniqueViolation(err) {
		return &crm.Error{Code: crm.ECONFLICT, Message: "You already have a view with this name.",
			Fields: []crm.FieldError{{Field: "name", Reason: "taken", Message: "is already in use"}}}
	}
	if err != nil {
		return tx.writeError("saved view", err)
	}
	return expectOne(res, "Saved view")
}

// DeleteSavedView removes one of a user's views.
func (tx *Tx) DeleteSavedView(ctx context.Context, ws, userID, id string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM saved_views WHERE workspace_id = ? AND user_id = ? AND id = ?", ws, userID, id)
	return err
}
