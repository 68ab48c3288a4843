package service

import (
	"context"
	"math"
	"time"

	"github.com/guanxi-crm/guanxi/internal/store"
)

// Hotness (热度) is how warm an account is from its recent touches: every
// live activity of the last 90 days adds its channel's weight, halved for
// every 30 days of age, and the sum S maps onto 0-100 as
// round(100 * (1 - exp(-S / 40))). One visit today gives 22, a visit a
// week plus a call every few days about 80; with no new touches it decays
// to half its S in 30 days and to 0 after 90. Activities recompute their
// account's hotness in their own transaction; RefreshHotness decays all
// accounts once a day.

// hotnessWindow is how far back touches count.
const hotnessWindow = 90 * 24 * time.Hour

// hotnessHalfLife is the age at which a touch counts half.
const hotnessHalfLife = 30 * 24 * time.Hour

// channelWeights rank the channels by engagement: meeting in person over
// talking over writing over passive web traffic.
var channelWeights = map[string]float64{
	"visit": 10, "meeting": 10,
	"phone": 6, "wechat": 6, "call_centre": 5,
	"email": 3, "sms": 2,
	"web": 1, "forum": 1,
}

// Hotness computes the hotness of an account from its touches at now.
func Hotness(touches []store.Touch, now time.Time) int {
	var sum float64
	for _, t := range touches {
		age := now.Sub(t.OccurredAt)
		if age < 0 {
			age = 0
		}
		if age > hotnessWindow {
			continue
		}
		sum += channelWeights[t.Channel] * math.Pow(0.5, float64(age)/float64(hotnessHalfLife))
	}
	return int(math.Round(100 * (1 - math.Exp(-sum/40))))
}

// recomputeHotness stores the hotness of one account as of tx.Now.
func (s *Service) recomputeHotness(ctx context.Context, tx *store.Tx, ws, accountID string) error {
	touches, err := tx.RecentTouches(ctx, ws, accountID, tx.Now.Add(-hotnessWindow))
	if err != nil {
		return err
	}
	return tx.SetHotness(ctx, ws, map[string]int{accountID: Hotness(touches, tx.Now)})
}

// RefreshHotness recomputes the hotness of every account of ws that has
// recent touches or a hotness above 0, as of now: the daily decay.
func (s *Service) RefreshHotness(ctx context.Context, ws string, now time.Time) (int, error) {
	q := s.db.Read()
	touches, err := q.RecentTouches(ctx, ws, "", now.Add(-hotnessWindow))
	if err != nil {
		return 0, err
	}
	hot, err := q.HotAccounts(ctx, ws)
	if err != nil {
		return 0, err
	}
	byAccount := map[string][]store.Touch{}
	for _, t := range touches {
		byAccount[t.AccountID] = append(byAccount[t.AccountID], t)
	}
	for _, id := range hot {
		if _, ok := byAccount[id]; !ok {
			byAccount[id] = nil
		}
	}
	values := make(map[string]int, len(byAccount))
	for id, ts := range byAccount {
		values[id] = Hotness(ts, now)
	}
	// One transaction per batch keeps write locks short on a big workspace.
	const batch = 500
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	for start := 0; start < len(ids); start += batch {
		part := map[string]int{}
		for _, id := range ids[start:min(start+batch, len(ids))] {
			part[id] = values[id]
		}
		if err := s.db.WithTx(ctx, func(tx *store.Tx) error { return tx.SetHotness(ctx, ws, part) }); err != nil {
			return 0, err
		}
	}
	return len(values), nil
}

// refreshHotnessDaily decays the hotness of every workspace whose last
// decay was not today; RefreshScoresDaily's loop calls it.
func (s *Service) refreshHotnessDaily(ctx context.Context) {
	today := time.Now().UTC().Format(time.DateOnly)
	s.scoring.mu.Lock()
	done := s.scoring.hotnessDay == today
	s.scoring.mu.Unlock()
	if done {
		return
	}
	all, err := s.db.Read().Workspaces(ctx)
	if err != nil {
		s.log.Error("hotness: list workspaces", "error", err)
		return
	}
	failed := false
	for _, w := range all {
		n, err := s.RefreshHotness(ctx, w.ID, time.Now())
		if err != nil {
			s.log.Error("hotness refresh failed", "workspace", w.Slug, "error", err)
			failed = true
			continue
		}
		s.log.Info("refreshed hotness", "workspace", w.Slug, "accounts", n)
	}
	if !failed { // a failed day is tried again at the next check
		s.scoring.mu.Lock()
		s.scoring.hotnessDay = today
		s.scoring.mu.Unlock()
	}
}
