package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/guanxi-crm/guanxi/crm"
)

// Competitors in play are read through their opportunity: the caller's
// opportunity scope applies to the opportunity row.

// OpportunityCompetitors returns the competitors in play on an
// opportunity of workspace ws, by name. The service has checked that the
// caller sees the opportunity.
func (q *Q) OpportunityCompetitors(ctx context.Context, ws, opportunityID string) ([]*crm.OpportunityCompetitor, error) {
	rows, err := q.QueryContext(ctx, `SELECT oc.opportunity_id, oc.competitor_id, k.name, k.deleted_at, oc.created_at, oc.created_by
		FROM opportunity_competitors oc JOIN competitors k ON k.workspace_id = oc.workspace_id AND k.id = oc.competitor_id
		WHERE oc.workspace_id = ? AND oc.opportunity_id = ? ORDER BY k.name_sort, k.id`, ws, opportunityID)
	if err != nil {
		return nil, fmt.Errorf("competitors in play: %w", err)
	}
	defer rows.Close()
	out := []*crm.OpportunityCompetitor{}
	for rows.Next() {
		var o crm.OpportunityCompetitor
		var deleted nullableTime
		if err := rows.Scan(str{&o.OpportunityID}, str{&o.CompetitorID}, &o.CompetitorName, &deleted, utc{&o.AddedAt}, str{&o.AddedBy}); err != nil {
			return nil, err
		}
		o.CompetitorDeleted = deleted.set
		out = append(out, &o)
	}
	return out, rows.Err()
}

// AddOpportunityCompetitor puts a competitor in play; ECONFLICT when it
// already is.
func (tx *Tx) AddOpportunityCompetitor(ctx context.Context, ws string, o *crm.OpportunityCompetitor) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO opportunity_competitors (workspace_id, opportunity_id, competitor_id, created_at, created_by)
		VALUES (?, ?, ?, ?, ?)`, ws, o.OpportunityID, o.CompetitorID, o.AddedAt, nullable(o.AddedBy))
	if isUniqueViolation(err) {
		return &crm.Error{Code: crm.ECONFLICT, Message: "This competitor is already in play on the opportunity.",
			Fields: []crm.FieldError{{Field: "competitor_id", Reason: "taken", Message: "is already in play"}}}
	}
	if err != nil {
		return tx.writeError("competitor in play", err)
	}
	return nil
}

// RemoveOpportunityCompetitor takes a competitor out of play with its
// worksheet row; ENOTFOUND when it was not in play.
func (tx *Tx) RemoveOpportunityCompetitor(ctx context.Context, ws, opportunityID, competitorID string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM opportunity_competitors WHERE workspace_id = ? AND opportunity_id = ? AND competitor_id = ?`,
		ws, opportunityID, competitorID)
	if err != nil {
		return fmt.Errorf("remove competitor in play: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return crm.Errorf(crm.ENOTFOUND, "This competitor is not in play on the opportunity.")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM delivered_value_rows WHERE workspace_id = ? AND opportunity_id = ? AND party = ?`,
		ws, opportunityID, competitorID); err != nil {
		return fmt.Errorf("remove worksheet row: %w", err)
	}
	return nil
}

// WinLossRows sums the live opportunities in scope s by competitor in play
// and stage kind (kinds: stage key -> kind, the workspace's pipeline);
// competitorID "" means every competitor. One pass over the links and
// their opportunities groups by stage and, for lost stages, by reason;
// the kinds and the top reasons are resolved here, which spares the
// database a join per row. Names are left to the caller.
func (q *Q) WinLossRows(ctx context.Context, s crm.Scope, kinds map[string]crm.StageKind, competitorID string, reasons int) (map[string]*crm.WinLoss, error) {
	var lost []any
	for key, k := range kinds {
		if k == crm.StageLost {
			lost = append(lost, key)
		}
	}
	reason := "''"
	if len(lost) > 0 {
		reason = "CASE WHEN o.stage IN (" + placeholders(len(lost)) + ") THEN o.win_loss_reason ELSE '' END"
	}
	var c conds
	c.scope(s, "o")
	c.add("o.deleted_at IS NULL")
	c.add("oc.workspace_id = ?", s.WorkspaceID)
	if competitorID != "" {
		c.add("oc.competitor_id = ?", competitorID)
	}
	// A rep's own or team's opportunities are few beside the workspace's
	// links: start from them (CROSS JOIN fixes SQLite's join order;
	// PostgreSQL plans it as any inner join). Across the workspace, or for
	// one competitor, start from the links.
	from := `opportunity_competitors oc JOIN opportunities o ON o.workspace_id = oc.workspace_id AND o.id = oc.opportunity_id`
	if s.Level != crm.ScopeAll && competitorID == "" {
		from = `opportunities o CROSS JOIN opportunity_competitors oc`
		c.add("oc.opportunity_id = o.id")
	}
	rows, err := q.QueryContext(ctx, `SELECT oc.competitor_id, o.stage, `+reason+`, COUNT(*), SUM(CAST(o.amount AS DOUBLE PRECISION))
		FROM `+from+c.where()+` GROUP BY 1, 2, 3`, append(lost, c.args...)...)
	if err != nil {
		return nil, fmt.Errorf("win/loss: %w", err)
	}
	defer rows.Close()
	out := map[string]*crm.WinLoss{}
	for rows.Next() {
		var id, stage string
		var r crm.ReasonCount
		var amount float64
		if err := rows.Scan(str{&id}, &stage, &r.Reason, &r.Count, &amount); err != nil {
			return nil, err
		}
		w := out[id]
		if w == nil {
			w = &crm.WinLoss{CompetitorID: id, Currency: crm.Currency, LossReasons: []crm.ReasonCount{}}
			out[id] = w
		}
		switch kinds[stage] {
		case crm.StageWon:
			w.Won, w.WonAmount = w.Won+r.Count, w.WonAmount+clampInt(amount)
		case crm.StageLost:
			w.Lost, w.LostAmount = w.Lost+r.Count, w.LostAmount+clampInt(amount)
			w.LossReasons = addReason(w.LossReasons, r)
		default:
			w.Open, w.OpenAmount = w.Open+r.Count, w.OpenAmount+clampInt(amount)
		}
	}
	for _, w := range out {
		sort.Slice(w.LossReasons, func(i, j int) bool {
			a, b := w.LossReasons[i], w.LossReasons[j]
			return a.Count > b.Count || (a.Count == b.Count && a.Reason < b.Reason)
		})
		w.LossReasons = w.LossReasons[:min(reasons, len(w.LossReasons))]
	}
	return out, rows.Err()
}

// addReason adds r to the counts, merging the same reason from several
// lost stages.
func addReason(list []crm.ReasonCount, r crm.ReasonCount) []crm.ReasonCount {
	for i := range list {
		if list[i].Reason == r.Reason {
			list[i].Count += r.Count
			return list
		}
	}
	return append(list, r)
}

// CompetitorNames returns the names of the workspace's competitors, live
// or deleted, by id.
func (q *Q) CompetitorNames(ctx context.Context, ws string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM competitors WHERE workspace_id = ?`, ws)
	if err != nil {
		return nil, fmt.Errorf("competitor names: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(str{&id}, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
