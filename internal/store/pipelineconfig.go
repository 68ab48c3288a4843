package store

import (
	"context"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// StageUse counts the opportunities (live and in the recycle bin) in each
// stage of a workspace: a stage in use cannot be removed.
func (q *Q) StageUse(ctx context.Context, ws string) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage, COUNT(*) FROM opportunities WHERE workspace_id = ? GROUP BY stage`, ws)
	if err != nil {
		return nil, fmt.Errorf("stage use: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}

// SaveStages replaces a workspace's stages with stages (positions 1..n in
// order): existing keys are updated, new ones added, missing ones deleted.
func (tx *Tx) SaveStages(ctx context.Context, ws string, stages []crm.StageInput, remove []string) error {
	for _, k := range remove {
		if _, err := tx.ExecContext(ctx, `DELETE FROM pipeline_stages WHERE workspace_id = ? AND key = ?`, ws, k); err != nil {
			return tx.writeError("pipeline stage", err)
		}
	}
	for i, s := range stages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pipeline_stages (workspace_id, key, name, position, kind, probability, name_zh)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, key) DO UPDATE SET name = excluded.name,
			position = excluded.position, probability = excluded.probability, name_zh = excluded.name_zh`,
			ws, s.Key, s.Name, i+1, s.Kind, s.Probability, s.NameZh); err != nil {
			return tx.writeError("pipeline stage", err)
		}
	}
	return nil
}

// StageVisit is one entry of an opportunity into a stage.
type StageVisit struct {
	OpportunityID string
	Stage         string
	At            time.Time
}

// StageVisits returns the stage changes of the live opportunities in scope
// s created in [from, to) and matching owner and team, by opportunity and
// in order.
func (q *Q) StageVisits(ctx context.Context, s crm.Scope, f crm.PipelineReportFilter) ([]StageVisit, error) {
	var c conds
	c.scope(s, "o")
	c.add("o.deleted_at IS NULL")
	if f.OwnerID != "" {
		c.add("o.owner_id = ?", f.OwnerID)
	}
	if f.TeamID != "" {
		c.add("o.team_id = ?", f.TeamID)
	}
	c.timeRange("o.created_at", f.From, f.To)
	rows, err := q.QueryContext(ctx, `SELECT sc.opportunity_id, sc.to_stage, sc.at FROM opportunity_stage_changes sc
		JOIN opportunities o ON o.workspace_id = sc.workspace_id AND o.id = sc.opportunity_id`+c.where()+`
		ORDER BY sc.opportunity_id, sc.seq`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("stage visits: %w", err)
	}
	defer rows.Close()
	var out []StageVisit
	for rows.Next() {
		var v StageVisit
		if err := rows.Scan(str{&v.OpportunityID}, &v.Stage, utc{&v.At}); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
