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
// and stage kind; competitorID "" means every competitor. Loss reasons
// are counted per competitor; the top few are kept.
func (q *Q) WinLossRows(ctx context.Context, s crm.Scope, competitorID string, reasons int) (map[string]*crm.WinLoss, error) {
	var c conds
	c.scope(s, "o")
	c.add("o.deleted_at IS NULL")
	if competitorID != "" {
		c.add("oc.competitor_id = ?", competitorID)
	}
	from := ` FROM opportunity_competitors oc
		JOIN opportunities o ON o.workspace_id = oc.workspace_id AND o.id = oc.opportunity_id
		JOIN pipeline_stages st ON st.workspace_id = o.workspace_id AND st.key = o.stage
		JOIN competitors k ON k.workspace_id = oc.workspace_id AND k.id = oc.competitor_id`
	rows, err := q.QueryContext(ctx, `SELECT oc.competitor_id, k.name, st.kind, COUNT(*), SUM(CAST(o.amount AS DOUBLE PRECISION))`+
		from+c.where()+` GROUP BY oc.competitor_id, k.name, st.kind`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("win/loss: %w", err)
	}
	defer rows.Close()
	out := map[string]*crm.WinLoss{}
	for rows.Next() {
		var id, name string
		var kind crm.StageKind
		var n int64
		var amount float64
		if err := rows.Scan(str{&id}, &name, &kind, &n, &amount); err != nil {
			return nil, err
		}
		w := out[id]
		if w == nil {
			w = &crm.WinLoss{CompetitorID: id, CompetitorName: name, Currency: crm.Currency, LossReasons: []crm.ReasonCount{}}
			out[id] = w
		}
		switch kind {
		case crm.StageWon:
			w.Won, w.WonAmount = w.Won+n, w.WonAmount+clampInt(amount)
		case crm.StageLost:
			w.Lost, w.LostAmount = w.Lost+n, w.LostAmount+clampInt(amount)
		default:
			w.Open, w.OpenAmount = w.Open+n, w.OpenAmount+clampInt(amount)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	c.add("st.kind = 'lost'")
	rrows, err := q.QueryContext(ctx, `SELECT oc.competitor_id, o.win_loss_reason, COUNT(*)`+from+c.where()+
		` GROUP BY oc.competitor_id, o.win_loss_reason`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("loss reasons: %w", err)
	}
	defer rrows.Close()
	for rrows.Next() {
		var id string
		var r crm.ReasonCount
		if err := rrows.Scan(str{&id}, &r.Reason, &r.Count); err != nil {
			return nil, err
		}
		if w := out[id]; w != nil {
			w.LossReasons = append(w.LossReasons, r)
		}
	}
	for _, w := range out {
		sort.Slice(w.LossReasons, func(i, j int) bool {
			a, b := w.LossReasons[i], w.LossReasons[j]
			return a.Count > b.Count || (a.Count == b.Count && a.Reason < b.Reason)
		})
		w.LossReasons = w.LossReasons[:min(reasons, len(w.LossReasons))]
	}
	return out, rrows.Err()
}
