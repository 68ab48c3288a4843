package service

import (
	"context"
	"strconv"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// The delivered value worksheet of an opportunity follows the
// opportunity's scope. Its rows are us and the competitors in play; a
// competitor taken out of play loses its row.

// DeliveredValue implements crm.DeliveredValueService.
func (s *Service) DeliveredValue(ctx context.Context, opportunityID string) (*crm.Worksheet, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	q := s.db.Read()
	if _, err := q.GetOpportunity(ctx, r, opportunityID); err != nil {
		return nil, err
	}
	return worksheet(ctx, q, a.WorkspaceID, opportunityID)
}

// worksheet assembles a worksheet: our row, then one per competitor in
// play, each with its totals.
func worksheet(ctx context.Context, q *store.Q, ws, opportunityID string) (*crm.Worksheet, error) {
	w, scores, err := q.Worksheet(ctx, ws, opportunityID)
	if err != nil {
		return nil, err
	}
	inPlay, err := q.OpportunityCompetitors(ctx, ws, opportunityID)
	if err != nil {
		return nil, err
	}
	row := func(party, name string) crm.ValueRow {
		t, ok := scores[party]
		r := crm.ValueRow{Party: party, CompetitorName: name, Scored: ok, Scores: crm.ScoresFromTenths(t)}
		r.Totals()
		return r
	}
	w.Rows = append(w.Rows, row(crm.PartyUs, ""))
	for _, k := range inPlay {
		w.Rows = append(w.Rows, row(k.CompetitorID, k.CompetitorName))
	}
	return w, nil
}

// SaveDeliveredValue implements crm.DeliveredValueService: the rows given
// replace the scored rows; a competitor not in play is a field error, a
// version other than the stored one ESTALE.
func (s *Service) SaveDeliveredValue(ctx context.Context, opportunityID string, in crm.WorksheetInput) (*crm.Worksheet, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *crm.Worksheet
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		o, err := s.writableOpportunity(ctx, tx, a, opportunityID, 0)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		old, err := worksheet(ctx, &tx.Q, a.WorkspaceID, o.ID)
		if err != nil {
			return err
		}
		if old.Version != in.Version {
			return crm.Errorf(crm.ESTALE, "The worksheet was changed by someone else (now version %d, you had %d); reload it and try again.", old.Version, in.Version)
		}
		names := map[string]string{crm.PartyUs: "us"}
		for _, r := range old.Rows[1:] {
			names[r.Party] = r.CompetitorName
		}
		var p crm.Problems
		scores := map[string][8]int{}
		for i, r := range in.Rows {
			party := r.CompetitorID
			if party == "" {
				party = crm.PartyUs
			}
			if _, ok := names[party]; !ok {
				p.Add("rows["+strconv.Itoa(i)+"].competitor_id", "not_in_play", "is not a competitor in play on this opportunity")
				continue
			}
			scores[party] = r.Tenths()
		}
		if err := p.Err(); err != nil {
			return err
		}
		before := worksheetSnapshot(old, names)
		next := *old
		next.Version, next.UpdatedBy = old.Version+1, a.UserID
		now := tx.Now
		next.UpdatedAt = &now
		if err := tx.SaveWorksheet(ctx, a.WorkspaceID, &next, old.Version, scores); err != nil {
			return err
		}
		if out, err = worksheet(ctx, &tx.Q, a.WorkspaceID, o.ID); err != nil {
			return err
		}
		changes := crm.Diff(before, worksheetSnapshot(out, names))
		if len(changes) == 0 {
			return nil
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityOpportunity, o.ID, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// worksheetSnapshot flattens the scored rows for the opportunity's
// history: "delivered_value.<party>.<score>".
func worksheetSnapshot(w *crm.Worksheet, names map[string]string) crm.Snapshot {
	s := crm.Snapshot{}
	for _, r := range w.Rows {
		if !r.Scored {
			continue
		}
		t := r.Scores.Tenths()
		for i, name := range crm.ScoreNames {
			s["delivered_value."+names[r.Party]+"."+name] = strconv.FormatFloat(float64(t[i])/10, 'f', 1, 64)
		}
	}
	return s
}
