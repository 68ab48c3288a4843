package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
)

// SeedPipeline gives a workspace the default pipeline stages; stages it
// already has are kept.
func (tx *Tx) SeedPipeline(ctx context.Context, ws string) error {
	for _, s := range crm.DefaultStages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pipeline_stages (workspace_id, key, name, position, kind, probability, name_zh)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, key) DO NOTHING`,
			ws, s.Key, s.Name, s.Position, s.Kind, s.Probability, s.NameZh); err != nil {
			return fmt.Errorf("seed pipeline: %w", err)
		}
	}
	return nil
}

// PipelineStages returns a workspace's stages in board order.
func (q *Q) PipelineStages(ctx context.Context, ws string) ([]crm.PipelineStage, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, name, position, kind, probability, name_zh FROM pipeline_stages
		WHERE workspace_id = ? ORDER BY position, key`, ws)
	if err != nil {
		return nil, fmt.Errorf("pipeline stages: %w", err)
	}
	defer rows.Close()
	out := []crm.PipelineStage{}
	for rows.Next() {
		var s crm.PipelineStage
		if err := rows.Scan(&s.Key, &s.Name, &s.Position, &s.Kind, &s.Probability, &s.NameZh); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

const opportunityColumns = `o.id, o.account_id, a.name, o.name, o.stage, s.kind, o.stage_changed_at, o.amount, o.probability,
	o.expected_close, o.purchase_plan, o.problem, o.budget, o.purchase_timeline, o.purchasing_process, o.competitors,
	o.win_loss_reason, o.owner_id, o.team_id, o.version, o.created_at, o.created_by, o.updated_at, o.updated_by, o.deleted_at`

const opportunityFrom = `opportunities o JOIN accounts a ON a.workspace_id = o.workspace_id AND a.id = o.account_id
	JOIN pipeline_stages s ON s.workspace_id = o.workspace_id AND s.key = o.stage`

func scanOpportunity(row interface{ Scan(...any) error }, extra ...any) (*crm.Opportunity, error) {
	o := &crm.Opportunity{Currency: crm.Currency}
	var budget sql.NullInt64
	dest := []any{str{&o.ID}, str{&o.AccountID}, &o.AccountName, &o.Name, &o.Stage, &o.StageKind, utc{&o.StageChangedAt},
		&o.Amount, &o.Probability, &o.ExpectedClose, &o.PurchasePlan, &o.Problem, &budget, &o.PurchaseTimeline,
		&o.PurchasingProcess, &o.Competitors, &o.WinLossReason, str{&o.OwnerID}, str{&o.TeamID}, &o.Version,
		utc{&o.CreatedAt}, str{&o.CreatedBy}, utc{&o.UpdatedAt}, str{&o.UpdatedBy}, nullUTC{&o.DeletedAt}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	if budget.Valid {
		o.Budget = &budget.Int64
	}
	return o, nil
}

// GetOpportunity returns the opportunity id if it is in scope s, deleted
// or not; ENOTFOUND otherwise.
func (q *Q) GetOpportunity(ctx context.Context, s crm.Scope, id string) (*crm.Opportunity, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Opportunity not found.")
	}
	var c conds
	c.scope(s, "o")
	c.add("o.id = ?", id)
	o, err := scanOpportunity(q.QueryRowContext(ctx, "SELECT "+opportunityColumns+" FROM "+opportunityFrom+c.where(), c.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Opportunity not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get opportunity %s: %w", id, err)
	}
	return o, nil
}

var opportunitySorts = map[string]sortColumn{
	"expected_close": {"o.expected_close", sortDate, false},
	"amount":         {"o.amount", sortInt, false},
	"name":           {"o.name", sortText, false},
	"updated_at":     {"o.updated_at", sortTime, false},
	"created_at":     {"o.created_at", sortTime, false},
}

func opportunityConds(s crm.Scope, f crm.OpportunityFilter) conds {
	var c conds
	c.scope(s, "o")
	c.deleted(f.Deleted, "o")
	if f.AccountID != "" {
		c.add("o.account_id = ?", f.AccountID)
	}
	if f.Stage != "" {
		c.add("o.stage = ?", f.Stage)
	}
	if f.OwnerID != "" {
		c.add("o.owner_id = ?", f.OwnerID)
	}
	if f.TeamID != "" {
		c.add("o.team_id = ?", f.TeamID)
	}
	if n := strings.ToLower(strings.TrimSpace(f.Q)); n != "" {
		c.add(`lower(o.name) LIKE ? ESCAPE '\'`, "%"+likeEscape(n)+"%")
	}
	return c
}

// ListOpportunities returns one page of opportunities in scope s matching f.
func (q *Q) ListOpportunities(ctx context.Context, s crm.Scope, f crm.OpportunityFilter) (*crm.Page[*crm.Opportunity], error) {
	o, err := resolveSort(f.Sort, "expected_close", opportunitySorts)
	if err != nil {
		return nil, err
	}
	page, err := keysetPage(ctx, q, opportunityColumns, opportunityFrom, opportunityConds(s, f), o, "o", f.Cursor, f.Limit,
		func(rows *sql.Rows, sortValue *any) (*crm.Opportunity, string, error) {
			o, err := scanOpportunity(rows, sortValue)
			if err != nil {
				return nil, "", err
			}
			return o, o.ID, nil
		})
	if err != nil {
		return nil, fmt.Errorf("list opportunities: %w", err)
	}
	return page, nil
}

// StageTotals are the count and sums of the live opportunities of a stage.
type StageTotals struct {
	Count    int64
	Amount   int64
	Weighted int64
}

// PipelineTotals sums the live opportunities in scope s matching f by
// stage. Sums are taken in floating point so that many large amounts
// cannot overflow; they are clamped to the int64 range.
func (q *Q) PipelineTotals(ctx context.Context, s crm.Scope, f crm.OpportunityFilter) (map[string]StageTotals, error) {
	c := opportunityConds(s, f)
	rows, err := q.QueryContext(ctx, `SELECT o.stage, COUNT(*), SUM(CAST(o.amount AS DOUBLE PRECISION)),
		SUM(CAST(o.amount AS DOUBLE PRECISION) * o.probability / 100) FROM opportunities o`+c.where()+` GROUP BY o.stage`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("pipeline totals: %w", err)
	}
	defer rows.Close()
	out := map[string]StageTotals{}
	for rows.Next() {
		var stage string
		var t StageTotals
		var amount, weighted float64
		if err := rows.Scan(&stage, &t.Count, &amount, &weighted); err != nil {
			return nil, err
		}
		t.Amount, t.Weighted = clampInt(amount), clampInt(weighted)
		out[stage] = t
	}
	return out, rows.Err()
}

// DayTotals are the count and sums of the open opportunities expected to
// close on one day.
type DayTotals struct {
	Date     crm.Date
	Count    int64
	Amount   int64
	Weighted int64
}

// OpenByCloseDate sums the live opportunities in open stages in scope s
// matching f by expected close date, oldest first; the forecast adds the
// days up by month.
func (q *Q) OpenByCloseDate(ctx context.Context, s crm.Scope, f crm.OpportunityFilter) ([]DayTotals, error) {
	c := opportunityConds(s, f)
	c.add("EXISTS (SELECT 1 FROM pipeline_stages ps WHERE ps.workspace_id = o.workspace_id AND ps.key = o.stage AND ps.kind = 'open')")
	rows, err := q.QueryContext(ctx, `SELECT o.expected_close, COUNT(*), SUM(CAST(o.amount AS DOUBLE PRECISION)),
		SUM(CAST(o.amount AS DOUBLE PRECISION) * o.probability / 100) FROM opportunities o`+c.where()+`
		GROUP BY o.expected_close ORDER BY o.expected_close`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	defer rows.Close()
	var out []DayTotals
	for rows.Next() {
		var d DayTotals
		var amount, weighted float64
		if err := rows.Scan(&d.Date, &d.Count, &amount, &weighted); err != nil {
			return nil, err
		}
		d.Amount, d.Weighted = clampInt(amount), clampInt(weighted)
		out = append(out, d)
	}
	return out, rows.Err()
}

func clampInt(f float64) int64 {
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.Round(f))
}

var opportunityInsertColumns = []string{"workspace_id", "id", "account_id", "name", "stage", "stage_changed_at", "amount",
	"probability", "expected_close", "purchase_plan", "problem", "budget", "purchase_timeline", "purchasing_process",
	"competitors", "win_loss_reason", "owner_id", "team_id", "version", "created_at", "created_by", "updated_at", "updated_by"}

func nullableInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// InsertOpportunities stores new opportunities, each with its first stage
// change (from nothing to its stage).
func (tx *Tx) InsertOpportunities(ctx context.Context, ws string, opps []*crm.Opportunity) error {
	return tx.InsertOpportunitiesWithPaths(ctx, ws, opps, nil)
}

// InsertOpportunitiesWithPaths stores new opportunities with the stage
// changes that brought each to its stage, oldest first (imports and the
// demo, whose opportunities have a past); an opportunity without a path
// (paths nil or paths[i] empty) gets only its first change.
func (tx *Tx) InsertOpportunitiesWithPaths(ctx context.Context, ws string, opps []*crm.Opportunity, paths [][]crm.StageChange) error {
	values := make([][]any, len(opps))
	changes := make([][]any, 0, len(opps))
	for i, o := range opps {
		values[i] = []any{ws, o.ID, o.AccountID, o.Name, o.Stage, o.StageChangedAt, o.Amount, o.Probability, o.ExpectedClose,
			o.PurchasePlan, o.Problem, nullableInt(o.Budget), o.PurchaseTimeline, o.PurchasingProcess, o.Competitors,
			o.WinLossReason, nullable(o.OwnerID), nullable(o.TeamID), o.Version, o.CreatedAt, nullable(o.CreatedBy),
			o.UpdatedAt, nullable(o.UpdatedBy)}
		if i >= len(paths) || len(paths[i]) == 0 {
			changes = append(changes, []any{ws, o.ID, 1, nil, o.Stage, o.StageChangedAt, nullable(o.CreatedBy)})
			continue
		}
		for seq, c := range paths[i] {
			changes = append(changes, []any{ws, o.ID, seq + 1, nullable(c.FromStage), c.ToStage, c.At, nullable(c.By)})
		}
	}
	if err := tx.insertRows(ctx, "opportunities", opportunityInsertColumns, values); err != nil {
		return tx.writeError("opportunity", err)
	}
	if err := tx.insertRows(ctx, "opportunity_stage_changes", stageChangeColumns, changes); err != nil {
		return tx.writeError("opportunity stage change", err)
	}
	return nil
}

var stageChangeColumns = []string{"workspace_id", "opportunity_id", "seq", "from_stage", "to_stage", "at", "by_user"}

// UpdateOpportunity writes o if the stored version is still fromVersion.
func (tx *Tx) UpdateOpportunity(ctx context.Context, ws string, o *crm.Opportunity, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE opportunities SET name = ?, stage = ?, stage_changed_at = ?, amount = ?,
		probability = ?, expected_close = ?, purchase_plan = ?, problem = ?, budget = ?, purchase_timeline = ?,
		purchasing_process = ?, competitors = ?, win_loss_reason = ?, owner_id = ?, team_id = ?, version = ?,
		updated_at = ?, updated_by = ?, deleted_at = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		o.Name, o.Stage, o.StageChangedAt, o.Amount, o.Probability, o.ExpectedClose, o.PurchasePlan, o.Problem,
		nullableInt(o.Budget), o.PurchaseTimeline, o.PurchasingProcess, o.Competitors, o.WinLossReason,
		nullable(o.OwnerID), nullable(o.TeamID), o.Version, o.UpdatedAt, nullable(o.UpdatedBy), o.DeletedAt,
		ws, o.ID, fromVersion)
	if err != nil {
		return tx.writeError("opportunity", err)
	}
	return expectOne(res, "Opportunity")
}

// AppendStageChange records a move of an opportunity.
func (tx *Tx) AppendStageChange(ctx context.Context, ws string, c crm.StageChange) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO opportunity_stage_changes (workspace_id, opportunity_id, seq, from_stage, to_stage, at, by_user)
		SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM opportunity_stage_changes WHERE workspace_id = ? AND opportunity_id = ?`,
		ws, c.OpportunityID, nullable(c.FromStage), c.ToStage, c.At, nullable(c.By), ws, c.OpportunityID)
	if err != nil {
		return fmt.Errorf("stage change: %w", err)
	}
	return nil
}

// StageChanges returns the moves of an opportunity, oldest first.
func (q *Q) StageChanges(ctx context.Context, ws, id string) ([]crm.StageChange, error) {
	rows, err := q.QueryContext(ctx, `SELECT opportunity_id, from_stage, to_stage, at, by_user FROM opportunity_stage_changes
		WHERE workspace_id = ? AND opportunity_id = ? ORDER BY seq`, ws, id)
	if err != nil {
		return nil, fmt.Errorf("stage changes: %w", err)
	}
	defer rows.Close()
	out := []crm.StageChange{}
	for rows.Next() {
		var c crm.StageChange
		if err := rows.Scan(str{&c.OpportunityID}, str{&c.FromStage}, &c.ToStage, utc{&c.At}, str{&c.By}); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
