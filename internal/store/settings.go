package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

// Settings returns a workspace's settings; a workspace whose admin has
// never changed them has the defaults at version 1.
func (q *Q) Settings(ctx context.Context, ws string) (*crm.WorkspaceSettings, error) {
	s := crm.DefaultSettings()
	err := q.QueryRowContext(ctx, `SELECT pool_days, pool_claim_limit, sales_scope, version, updated_at, updated_by
		FROM workspace_settings WHERE workspace_id = ?`, ws).Scan(&s.PoolDays, &s.PoolClaimLimit, &s.SalesScope, &s.Version,
		utc{&s.UpdatedAt}, str{&s.UpdatedBy})
	if errors.Is(err, sql.ErrNoRows) {
		return &s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("settings of workspace %s: %w", ws, err)
	}
	return &s, nil
}

// SaveSettings writes s (s.Version already fromVersion+1) if the stored
// version is still fromVersion; ESTALE otherwise. A workspace without a
// row first gets one with the defaults at version 1, which is what
// Settings reported.
func (tx *Tx) SaveSettings(ctx context.Context, ws string, s *crm.WorkspaceSettings, fromVersion int) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO workspace_settings (workspace_id, updated_at) VALUES (?, ?)
		ON CONFLICT (workspace_id) DO NOTHING`, ws, tx.Now); err != nil {
		return tx.writeError("settings", err)
	}
	res, err := tx.ExecContext(ctx, `UPDATE workspace_settings SET pool_days = ?, pool_claim_limit = ?, sales_scope = ?,
		version = ?, updated_at = ?, updated_by = ? WHERE workspace_id = ? AND version = ?`,
		s.PoolDays, s.PoolClaimLimit, s.SalesScope, s.Version, s.UpdatedAt, nullable(s.UpdatedBy), ws, fromVersion)
	if err != nil {
		return tx.writeError("settings", err)
	}
	return expectOne(res, "The settings")
}
