package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// ScoreRow is one customer's stored scores: the columns that lists filter
// on and charts count, and the full scores with their inputs as JSON.
type ScoreRow struct {
	AccountID        string
	AsOf             crm.Date
	R, F, M          int
	Segment          string
	Tier             string
	Stage            string
	Monetary, Profit int64
	PAlive, CLV      *float64
	NextProduct      string
	Detail           []byte
}

var scoreColumns = []string{"workspace_id", "account_id", "as_of", "r_score", "f_score", "m_score", "segment", "tier",
	"stage", "monetary", "profit", "p_alive", "clv", "next_product", "detail"}

func (r *ScoreRow) values(ws string) []any {
	return []any{ws, r.AccountID, r.AsOf, r.R, r.F, r.M, r.Segment, r.Tier, r.Stage, r.Monetary, r.Profit,
		r.PAlive, r.CLV, r.NextProduct, string(r.Detail)}
}

// ScoreRun is a workspace's last scoring run: the model rescoring reads and
// the workspace-level reports, both JSON.
type ScoreRun struct {
	RunAt      time.Time
	AsOf       crm.Date
	Customers  int
	DurationMS int64
	Model      []byte
	Reports    []byte
}

// ReplaceScores makes rows the workspace's scores and run its last run:
// a full run replaces every customer's scores at once.
func (tx *Tx) ReplaceScores(ctx context.Context, ws string, run *ScoreRun, rows []ScoreRow) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM customer_scores WHERE workspace_id = ?", ws); err != nil {
		return fmt.Errorf("replace scores: %w", err)
	}
	values := make([][]any, len(rows))
	for i := range rows {
		values[i] = rows[i].values(ws)
	}
	if err := tx.insertRows(ctx, "customer_scores", scoreColumns, values); err != nil {
		return fmt.Errorf("replace scores: %w", err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO score_runs (workspace_id, run_at, as_of, customers, duration_ms, model, reports)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id) DO UPDATE SET run_at = excluded.run_at, as_of = excluded.as_of,
			customers = excluded.customers, duration_ms = excluded.duration_ms, model = excluded.model, reports = excluded.reports`,
		ws, run.RunAt, run.AsOf, run.Customers, run.DurationMS, string(run.Model), string(run.Reports))
	if err != nil {
		return fmt.Errorf("save score run: %w", err)
	}
	return nil
}

// PutScore writes one customer's rescored row.
func (tx *Tx) PutScore(ctx context.Context, ws string, r *ScoreRow) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO customer_scores (workspace_id, account_id, as_of, r_score, f_score, m_score,
		segment, tier, stage, monetary, profit, p_alive, clv, next_product, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, account_id) DO UPDATE SET as_of = excluded.as_of, r_score = excluded.r_score,
			f_score = excluded.f_score, m_score = excluded.m_score, segment = excluded.segment, tier = excluded.tier,
			stage = excluded.stage, monetary = excluded.monetary, profit = excluded.profit, p_alive = excluded.p_alive,
			clv = excluded.clv, next_product = excluded.next_product, detail = excluded.detail`, r.values(ws)...)
	if err != nil {
		return fmt.Errorf("save score: %w", err)
	}
	return nil
}

// DeleteScore removes the scores of a customer left without counted orders.
func (tx *Tx) DeleteScore(ctx context.Context, ws, accountID string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM customer_scores WHERE workspace_id = ? AND account_id = ?", ws, accountID); err != nil {
		return fmt.Errorf("delete score: %w", err)
	}
	return nil
}

// LastScoreRun returns the workspace's last scoring run, or nil if it has
// never been scored.
func (q *Q) LastScoreRun(ctx context.Context, ws string) (*ScoreRun, error) {
	var r ScoreRun
	var model, reports string
	err := q.QueryRowContext(ctx, `SELECT run_at, as_of, customers, duration_ms, model, reports FROM score_runs
		WHERE workspace_id = ?`, ws).Scan(&r.RunAt, &r.AsOf, &r.Customers, &r.DurationMS, &model, &reports)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("score run: %w", err)
	}
	r.RunAt = r.RunAt.UTC()
	r.Model, r.Reports = []byte(model), []byte(reports)
	return &r, nil
}

// ScoreDetail returns the stored scores (JSON) of an account in s, or
// ENOTFOUND when the account is outside s or has no scores.
func (q *Q) ScoreDetail(ctx context.Context, s crm.Scope, accountID string) ([]byte, error) {
	if !crm.ValidID(accountID) {
		return nil, crm.Errorf(crm.ENOTFOUND, "No such account.")
	}
	var c conds
	c.scope(s, "a")
	c.add("a.id = ?", accountID)
	var detail string
	err := q.QueryRowContext(ctx, "SELECT cs.detail FROM accounts a JOIN customer_scores cs ON cs.workspace_id = a.workspace_id AND cs.account_id = a.id"+
		c.where(), c.args...).Scan(&detail)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "This account has no scores yet.")
	}
	if err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	return []byte(detail), nil
}

// ScoreCols are the columns of one customer's scores that charts count.
type ScoreCols struct {
	R, F             int
	Segment          string
	Tier             string
	Stage            string
	Monetary, Profit int64
	PAlive, CLV      sql.NullFloat64
}

// EachScore calls fn with the scores of every live account in s: the
// analytics pages count what the caller may see.
func (q *Q) EachScore(ctx context.Context, s crm.Scope, fn func(*ScoreCols) error) error {
	var c conds
	c.scope(s, "a")
	c.deleted(crm.DeletedExclude, "a")
	rows, err := q.QueryContext(ctx, `SELECT cs.r_score, cs.f_score, cs.segment, cs.tier, cs.stage, cs.monetary, cs.profit,
		cs.p_alive, cs.clv FROM accounts a JOIN customer_scores cs ON cs.workspace_id = a.workspace_id AND cs.account_id = a.id`+
		c.where(), c.args...)
	if err != nil {
		return fmt.Errorf("scores: %w", err)
	}
	defer rows.Close()
	var sc ScoreCols
	for rows.Next() {
		if err := rows.Scan(&sc.R, &sc.F, &sc.Segment, &sc.Tier, &sc.Stage, &sc.Monetary, &sc.Profit, &sc.PAlive, &sc.CLV); err != nil {
			return err
		}
		if err := fn(&sc); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DayTotal is what an account's counted orders of one day add up to.
type DayTotal struct {
	Date        crm.Date
	Revenue     int64
	GrossProfit int64
}

// CustomerPurchases returns what rescoring one account reads: its counted
// orders added up by day (oldest first), the codes of the products it holds
// (sorted) and its service cost.
func (q *Q) CustomerPurchases(ctx context.Context, ws, accountID string) ([]DayTotal, []string, int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT order_date, SUM(revenue), SUM(gross_profit) FROM orders
		WHERE workspace_id = ? AND account_id = ? AND deleted_at IS NULL AND status IN `+countedStatuses+`
		GROUP BY order_date ORDER BY order_date`, ws, accountID)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("purchases: %w", err)
	}
	var days []DayTotal
	for rows.Next() {
		var d DayTotal
		if err := rows.Scan(&d.Date, &d.Revenue, &d.GrossProfit); err != nil {
			rows.Close()
			return nil, nil, 0, err
		}
		days = append(days, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, 0, err
	}
	rows, err = q.QueryContext(ctx, `SELECT p.code FROM customer_products cp
		JOIN products p ON p.workspace_id = cp.workspace_id AND p.id = cp.product_id
		WHERE cp.workspace_id = ? AND cp.account_id = ? ORDER BY p.code`, ws, accountID)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("products held: %w", err)
	}
	var codes []string
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			rows.Close()
			return nil, nil, 0, err
		}
		codes = append(codes, code)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, 0, err
	}
	var service int64
	err = q.QueryRowContext(ctx, "SELECT service_cost FROM customer_stats WHERE workspace_id = ? AND account_id = ?", ws, accountID).Scan(&service)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, nil, 0, fmt.Errorf("service cost: %w", err)
	}
	return days, codes, service, nil
}

// ServiceCosts returns the service cost of every account of the workspace
// that has one.
func (q *Q) ServiceCosts(ctx context.Context, ws string) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT account_id, service_cost FROM customer_stats WHERE workspace_id = ? AND service_cost <> 0", ws)
	if err != nil {
		return nil, fmt.Errorf("service costs: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var cost int64
		if err := rows.Scan(str{&id}, &cost); err != nil {
			return nil, err
		}
		out[id] = cost
	}
	return out, rows.Err()
}

// LastScoreRunAt returns when the workspace was last scored; false if never.
func (q *Q) LastScoreRunAt(ctx context.Context, ws string) (time.Time, bool, error) {
	var t time.Time
	err := q.QueryRowContext(ctx, "SELECT run_at FROM score_runs WHERE workspace_id = ?", ws).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("score run: %w", err)
	}
	return t.UTC(), true, nil
}

// AccountsWithOrdersChangedSince returns the accounts whose orders were
// created, changed or deleted at or after t.
func (q *Q) AccountsWithOrdersChangedSince(ctx context.Context, ws string, t time.Time) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT account_id FROM orders WHERE workspace_id = ? AND updated_at >= ?", ws, t)
	if err != nil {
		return nil, fmt.Errorf("changed orders: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(str{&id}); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// scores adds the score filters of f on the accounts aliased alias: one
// EXISTS on the account's scores row, which its primary key answers.
func (c *conds) scores(f crm.AccountFilter, alias string) {
	var sc conds
	if f.Segment != "" {
		sc.add("cs.segment = ?", f.Segment)
	}
	if f.ValueTier != "" {
		sc.add("cs.tier = ?", f.ValueTier)
	}
	if f.Stage != "" {
		sc.add("cs.stage = ?", f.Stage)
	}
	if f.RScore != 0 {
		sc.add("cs.r_score = ?", f.RScore)
	}
	if f.FScore != 0 {
		sc.add("cs.f_score = ?", f.FScore)
	}
	if len(sc.sql) == 0 {
		return
	}
	sc.sql = append([]string{"cs.workspace_id = " + alias + ".workspace_id", "cs.account_id = " + alias + ".id"}, sc.sql...)
	c.add("EXISTS (SELECT 1 FROM customer_scores cs"+sc.where()+")", sc.args...)
}
