package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

// Worksheet returns the stored worksheet of an opportunity of ws; version
// 0 and no rows when none was saved.
func (q *Q) Worksheet(ctx context.Context, ws, opportunityID string) (*crm.Worksheet, map[string][8]int, error) {
	w := &crm.Worksheet{OpportunityID: opportunityID, Rows: []crm.ValueRow{}}
	err := q.QueryRowContext(ctx, `SELECT version, updated_at, updated_by FROM delivered_value_worksheets
		WHERE workspace_id = ? AND opportunity_id = ?`, ws, opportunityID).Scan(&w.Version, nullUTC{&w.UpdatedAt}, str{&w.UpdatedBy})
	if errors.Is(err, sql.ErrNoRows) {
		return w, map[string][8]int{}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("worksheet: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT party, product, service, personnel, image, money, time_cost, energy, psychic
		FROM delivered_value_rows WHERE workspace_id = ? AND opportunity_id = ?`, ws, opportunityID)
	if err != nil {
		return nil, nil, fmt.Errorf("worksheet rows: %w", err)
	}
	defer rows.Close()
	scores := map[string][8]int{}
	for rows.Next() {
		var party string
		var t [8]int
		if err := rows.Scan(&party, &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7]); err != nil {
			return nil, nil, err
		}
		scores[party] = t
	}
	return w, scores, rows.Err()
}

// SaveWorksheet replaces the rows of a worksheet and moves it from
// fromVersion (0: not saved yet) to w.Version; ESTALE if someone saved in
// between.
func (tx *Tx) SaveWorksheet(ctx context.Context, ws string, w *crm.Worksheet, fromVersion int, scores map[string][8]int) error {
	if fromVersion == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO delivered_value_worksheets (workspace_id, opportunity_id, version, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?)`, ws, w.OpportunityID, w.Version, w.UpdatedAt, nullable(w.UpdatedBy))
		if isUniqueViolation(err) {
			return crm.Errorf(crm.ESTALE, "The worksheet was saved by someone else; reload it and try again.")
		}
		if err != nil {
			return fmt.Errorf("save worksheet: %w", err)
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE delivered_value_worksheets SET version = ?, updated_at = ?, updated_by = ?
			WHERE workspace_id = ? AND opportunity_id = ? AND version = ?`, w.Version, w.UpdatedAt, nullable(w.UpdatedBy), ws, w.OpportunityID, fromVersion)
		if err != nil {
			return fmt.Errorf("save worksheet: %w", err)
		}
		if err := expectOne(res, "The worksheet"); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM delivered_value_rows WHERE workspace_id = ? AND opportunity_id = ?`, ws, w.OpportunityID); err != nil {
		return fmt.Errorf("save worksheet rows: %w", err)
	}
	for party, t := range scores {
		if _, err := tx.ExecContext(ctx, `INSERT INTO delivered_value_rows (workspace_id, opportunity_id, party, product, service,
			personnel, image, money, time_cost, energy, psychic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ws, w.OpportunityID, party, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]); err != nil {
			return fmt.Errorf("save worksheet row: %w", err)
		}
	}
	return nil
}
