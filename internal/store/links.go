package store

import (
	"context"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

// ListLinks returns the links from and to an account whose other end is a
// live account in scope s, with both accounts' names.
func (q *Q) ListLinks(ctx context.Context, s crm.Scope, accountID string) ([]*crm.AccountLink, error) {
	var w conds
	w.add("l.workspace_id = ?", s.WorkspaceID)
	w.add("(l.account_id = ? OR l.related_account_id = ?)", accountID, accountID)
	// The far end must be readable too: scope it.
	w.scope(s, "o")
	w.add("o.deleted_at IS NULL")
	rows, err := q.QueryContext(ctx, `SELECT l.id, l.account_id, l.related_account_id, l.kind, l.note,
		a1.name, a2.name, l.created_at, l.created_by
		FROM account_links l
		JOIN accounts a1 ON a1.workspace_id = l.workspace_id AND a1.id = l.account_id
		JOIN accounts a2 ON a2.workspace_id = l.workspace_id AND a2.id = l.related_account_id
		JOIN accounts o ON o.workspace_id = l.workspace_id
			AND o.id = CASE WHEN l.account_id = ? THEN l.related_account_id ELSE l.account_id END`+
		w.where()+" ORDER BY l.kind, a2.name_sort, l.id", append([]any{accountID}, w.args...)...)
	if err != nil {
		return nil, fmt.Errorf("list links of %s: %w", accountID, err)
	}
	defer rows.Close()
	out := []*crm.AccountLink{}
	for rows.Next() {
		l := &crm.AccountLink{}
		var at timeString
		if err := rows.Scan(str{&l.ID}, str{&l.AccountID}, str{&l.RelatedAccountID}, &l.Kind, &l.Note,
			&l.AccountName, &l.RelatedAccountName, &at, str{&l.CreatedBy}); err != nil {
			return nil, err
		}
		l.CreatedAt = string(at)
		out = append(out, l)
	}
	return out, rows.Err()
}

// InsertLink stores a link; ECONFLICT if the same link exists.
func (tx *Tx) InsertLink(ctx context.Context, ws string, l *crm.AccountLink) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO account_links (workspace_id, id, account_id, related_account_id, kind, note, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ws, l.ID, l.AccountID, l.RelatedAccountID, l.Kind, l.Note, tx.Now, nullable(l.CreatedBy))
	if err != nil {
		return tx.writeError("link", err)
	}
	return nil
}

// GetLink returns a link touching accountID; ENOTFOUND if none.
func (q *Q) GetLink(ctx context.Context, ws, accountID, id string) (*crm.AccountLink, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Link not found.")
	}
	l := &crm.AccountLink{}
	err := q.QueryRowContext(ctx, `SELECT id, account_id, related_account_id, kind, note FROM account_links
		WHERE workspace_id = ? AND id = ? AND (account_id = ? OR related_account_id = ?)`, ws, id, accountID, accountID).
		Scan(str{&l.ID}, str{&l.AccountID}, str{&l.RelatedAccountID}, &l.Kind, &l.Note)
	if err != nil {
		return nil, crm.Errorf(crm.ENOTFOUND, "Link not found.")
	}
	return l, nil
}

// DeleteLink removes a link.
func (tx *Tx) DeleteLink(ctx context.Context, ws, id string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM account_links WHERE workspace_id = ? AND id = ?", ws, id)
	return err
}
