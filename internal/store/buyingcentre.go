package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

// The buying centre reads under the opportunity's scope: the join to
// opportunities carries the scope conditions, so a member of an
// opportunity out of scope is never returned. Only the contact's work
// fields are read; the personal profile lives in another table.
const memberColumns = `m.opportunity_id, m.contact_id, c.name, c.title, c.level, c.function, m.role, m.stance, m.note,
	m.created_at, m.updated_at`

const memberFrom = ` FROM opportunity_contacts m
	JOIN opportunities o ON o.workspace_id = m.workspace_id AND o.id = m.opportunity_id
	JOIN contacts c ON c.workspace_id = m.workspace_id AND c.id = m.contact_id AND c.deleted_at IS NULL`

func scanMember(row interface{ Scan(...any) error }) (*crm.OpportunityContact, error) {
	m := &crm.OpportunityContact{}
	err := row.Scan(str{&m.OpportunityID}, str{&m.ContactID}, &m.Name, &m.Title, &m.Level, &m.Function, &m.Role, &m.Stance,
		&m.Note, utc{&m.CreatedAt}, utc{&m.UpdatedAt})
	return m, err
}

// OpportunityContacts returns the live members of the buying centre of the
// opportunity id in scope s, by name.
func (q *Q) OpportunityContacts(ctx context.Context, s crm.Scope, id string) ([]*crm.OpportunityContact, error) {
	var c conds
	c.scope(s, "o")
	c.add("m.opportunity_id = ?", id)
	rows, err := q.QueryContext(ctx, "SELECT "+memberColumns+memberFrom+c.where()+" ORDER BY c.name, m.contact_id", c.args...)
	if err != nil {
		return nil, fmt.Errorf("buying centre: %w", err)
	}
	defer rows.Close()
	out := []*crm.OpportunityContact{}
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// OpportunityContact returns one member (its contact live) of the
// opportunity id in scope s; ENOTFOUND otherwise.
func (q *Q) OpportunityContact(ctx context.Context, s crm.Scope, id, contactID string) (*crm.OpportunityContact, error) {
	if !crm.ValidID(contactID) {
		return nil, crm.Errorf(crm.ENOTFOUND, "This contact is not in the buying centre.")
	}
	var c conds
	c.scope(s, "o")
	c.add("m.opportunity_id = ?", id)
	c.add("m.contact_id = ?", contactID)
	m, err := scanMember(q.QueryRowContext(ctx, "SELECT "+memberColumns+memberFrom+c.where(), c.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "This contact is not in the buying centre.")
	}
	if err != nil {
		return nil, fmt.Errorf("buying centre member: %w", err)
	}
	return m, nil
}

// MemberExists reports whether contactID is linked to the opportunity id,
// its contact live or in the recycle bin.
func (q *Q) MemberExists(ctx context.Context, ws, id, contactID string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM opportunity_contacts WHERE workspace_id = ? AND opportunity_id = ? AND contact_id = ?`,
		ws, id, contactID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("buying centre member: %w", err)
	}
	return n > 0, nil
}

// InsertOpportunityContact links a contact to an opportunity.
func (tx *Tx) InsertOpportunityContact(ctx context.Context, ws string, m *crm.OpportunityContact, by string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO opportunity_contacts (workspace_id, opportunity_id, contact_id, role, stance, note,
		created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ws, m.OpportunityID, m.ContactID, m.Role, m.Stance, m.Note, m.CreatedAt, nullable(by), m.UpdatedAt, nullable(by))
	if err != nil {
		return tx.writeError("buying centre member", err)
	}
	return nil
}

// UpdateOpportunityContact writes a member's role, stance and note.
func (tx *Tx) UpdateOpportunityContact(ctx context.Context, ws string, m *crm.OpportunityContact, by string) error {
	res, err := tx.ExecContext(ctx, `UPDATE opportunity_contacts SET role = ?, stance = ?, note = ?, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND opportunity_id = ? AND contact_id = ?`,
		m.Role, m.Stance, m.Note, m.UpdatedAt, nullable(by), ws, m.OpportunityID, m.ContactID)
	if err != nil {
		return tx.writeError("buying centre member", err)
	}
	return expectOne(res, "The buying centre member")
}

// DeleteOpportunityContact unlinks a contact from an opportunity.
func (tx *Tx) DeleteOpportunityContact(ctx context.Context, ws, id, contactID string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM opportunity_contacts WHERE workspace_id = ? AND opportunity_id = ? AND contact_id = ?`,
		ws, id, contactID)
	if err != nil {
		return fmt.Errorf("remove buying centre member: %w", err)
	}
	return expectOne(res, "The buying centre member")
}
