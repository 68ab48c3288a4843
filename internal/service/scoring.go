package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/analyze"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Customer scores live in two places: a scoring run (RefreshScores) scores
// every customer of a workspace from its order history and stores the
// model it learned; every order change then rescores its account with that
// model in the order's own transaction (rescore), so a new order shows in
// the account's value card and in the charts at once. The population-wide
// cuts (quintile bands, tier thresholds, fitted models) move only with the
// next run, which the refresher starts daily and admins can start at will.

// scoring holds the per-workspace state of scoring: the cached model of
// each workspace's last run and the runs in progress.
type scoring struct {
	mu      sync.Mutex
	models  map[string]cachedModel
	running map[string]bool
	// hotnessDay is the UTC day of the last daily hotness decay.
	hotnessDay string
}

type cachedModel struct {
	runAt time.Time
	model *analyze.ScoreModel
}

// ScoreRunInfo describes a workspace's last scoring run.
type ScoreRunInfo struct {
	RunAt      time.Time `json:"run_at"`
	AsOf       string    `json:"as_of" doc:"Orders dated before this day counted."`
	Customers  int       `json:"customers"`
	DurationMS int64     `json:"duration_ms"`
	Running    bool      `json:"running" doc:"A new run is in progress."`
}

// scoreDay is the as-of date of scores made at now: the start of the next
// UTC day, so that orders dated today count.
func scoreDay(now time.Time) time.Time {
	return now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
}

// OrderHistory reads the lines of the workspace's live, confirmed and
// completed orders as the analyses' input: customers are account ids,
// amounts the lines' revenue and gross profit, products the product codes.
func (s *Service) OrderHistory(ctx context.Context, ws string) (*analyze.Orders, error) {
	o := &analyze.Orders{HasProfit: true, HasProduct: true}
	err := s.db.Read().EachCountedLine(ctx, ws, func(l store.OrderLine) error {
		d, err := time.Parse(time.DateOnly, string(l.OrderDate))
		if err != nil {
			return fmt.Errorf("order date %q: %w", l.OrderDate, err)
		}
		o.Transactions = append(o.Transactions, analyze.Transaction{Customer: l.AccountID, Date: d,
			Amount: l.Revenue, GrossProfit: l.GrossProfit, Product: l.ProductCode})
		return nil
	})
	return o, err
}

// errNoOrders reports a workspace without counted orders to score.
var errNoOrders = errors.New("the workspace has no confirmed or completed orders to score")

// RefreshScores scores every customer of workspace ws as of the end of
// now's day and replaces the stored scores and run. It is a system task
// (the refresher, the CLI, an admin's request): callers check permissions.
// Orders changed while the run read the history are rescored before its
// result is stored, so a run never undoes a newer rescore.
func (s *Service) RefreshScores(ctx context.Context, ws string, now time.Time) (*ScoreRunInfo, error) {
	start := store.Now()
	orders, err := s.OrderHistory(ctx, ws)
	if err != nil {
		return nil, err
	}
	if len(orders.Transactions) == 0 {
		return nil, errNoOrders
	}
	asOf := scoreDay(now)
	h, err := analyze.NewHistory(orders, asOf)
	if err != nil {
		return nil, err
	}
	growth, err := analyze.Growth(orders, asOf, 365)
	if err != nil {
		return nil, err
	}
	orders = nil // the history holds what the run needs
	service, err := s.db.Read().ServiceCosts(ctx, ws)
	if err != nil {
		return nil, err
	}
	run, err := analyze.Score(h, analyze.ScoreOptions{ServiceCost: service})
	if err != nil {
		return nil, err
	}
	rows := make([]store.ScoreRow, len(run.Scores))
	for i := range run.Scores {
		if err := scoreRow(&run.Scores[i], &rows[i]); err != nil {
			return nil, err
		}
	}
	model, err := json.Marshal(&run.Model)
	if err != nil {
		return nil, err
	}
	segmentOf := make(map[string]string, len(run.Scores))
	for i := range run.Scores {
		segmentOf[run.Scores[i].CustomerID] = run.Scores[i].Segment
	}
	strategy, err := s.strategyMatrix(ctx, ws, segmentOf)
	if err != nil {
		return nil, err
	}
	reports, err := json.Marshal(workspaceReports{RFM: run.RFM, Value: run.Value, Lifecycle: run.Lifecycle,
		CrossSell: run.CrossSell, Markov: run.Markov, Growth: growth, Strategy: strategy, Notes: run.Notes})
	if err != nil {
		return nil, fmt.Errorf("scores: %w", err)
	}
	info := &ScoreRunInfo{AsOf: run.Model.AsOf, Customers: len(rows)}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		info.RunAt = tx.Now
		info.DurationMS = time.Since(start).Milliseconds()
		r := &store.ScoreRun{RunAt: tx.Now, AsOf: crm.Date(run.Model.AsOf), Customers: len(rows), DurationMS: info.DurationMS,
			Model: model, Reports: reports}
		if err := tx.ReplaceScores(ctx, ws, r, rows); err != nil {
			return err
		}
		s.cacheModel(ws, tx.Now, &run.Model)
		changed, err := tx.AccountsWithOrdersChangedSince(ctx, ws, start)
		if err != nil {
			return err
		}
		return s.rescore(ctx, tx, ws, changed...)
	})
	if err != nil {
		s.forgetModel(ws)
		return nil, err
	}
	return info, nil
}

// workspaceReports are the run's workspace-level reports, stored with it.
type workspaceReports struct {
	RFM       *analyze.RFMReport       `json:"rfm"`
	Value     *analyze.ValueReport     `json:"value"`
	Lifecycle *analyze.LifecycleReport `json:"lifecycle"`
	CrossSell *analyze.CrossSellReport `json:"crosssell"`
	Markov    *analyze.MarkovReport    `json:"markov"`
	Growth    *analyze.GrowthReport    `json:"growth"`
	Strategy  *StrategyReport          `json:"strategy"`
	Notes     []string                 `json:"notes"`
}

// scoreRow turns a customer's scores into its stored row.
func scoreRow(sc *analyze.CustomerScore, row *store.ScoreRow) error {
	detail, err := json.Marshal(sc)
	if err != nil {
		return fmt.Errorf("scores of %s: %w", sc.CustomerID, err)
	}
	*row = store.ScoreRow{AccountID: sc.CustomerID, AsOf: crm.Date(sc.AsOf), R: int(sc.R), F: int(sc.F), M: int(sc.M),
		Segment: sc.Segment, Tier: sc.Tier, Stage: sc.Stage, Monetary: sc.Monetary, Profit: sc.Profit,
		PAlive: sc.PAlive, CLV: sc.CLV, NextProduct: sc.NextProduct, Detail: detail}
	return nil
}

func (s *Service) cacheModel(ws string, runAt time.Time, m *analyze.ScoreModel) {
	s.scoring.mu.Lock()
	defer s.scoring.mu.Unlock()
	s.scoring.models[ws] = cachedModel{runAt: runAt, model: m}
}

func (s *Service) forgetModel(ws string) {
	s.scoring.mu.Lock()
	defer s.scoring.mu.Unlock()
	delete(s.scoring.models, ws)
}

// scoreModel returns the model of ws's last run and the run's time, or a
// nil model if ws was never scored. The cache is checked against the run's
// time, so a run made by another server is picked up by the next order here.
func (s *Service) scoreModel(ctx context.Context, q *store.Q, ws string) (*analyze.ScoreModel, time.Time, error) {
	runAt, ok, err := q.LastScoreRunAt(ctx, ws)
	if err != nil || !ok {
		return nil, time.Time{}, err
	}
	s.scoring.mu.Lock()
	c, hit := s.scoring.models[ws]
	s.scoring.mu.Unlock()
	if hit && c.runAt.Equal(runAt) {
		return c.model, runAt, nil
	}
	run, err := q.LastScoreRun(ctx, ws)
	if err != nil || run == nil {
		return nil, time.Time{}, err
	}
	var m analyze.ScoreModel
	if err := json.Unmarshal(run.Model, &m); err != nil {
		return nil, time.Time{}, fmt.Errorf("score model: %w", err)
	}
	s.cacheModel(ws, run.RunAt, &m)
	return &m, run.RunAt, nil
}

// runInfo describes a stored run to the API.
func runInfo(run *store.ScoreRun, running bool) *ScoreRunInfo {
	return &ScoreRunInfo{RunAt: run.RunAt, AsOf: string(run.AsOf), Customers: run.Customers, DurationMS: run.DurationMS, Running: running}
}

// rescore scores accounts again with the last run's model after their
// orders changed, in the transaction that changed them. Before the first
// run there is nothing to rescore with: the run will score them.
func (s *Service) rescore(ctx context.Context, tx *store.Tx, ws string, accountIDs ...string) error {
	if len(accountIDs) == 0 {
		return nil
	}
	m, _, err := s.scoreModel(ctx, &tx.Q, ws)
	if err != nil || m == nil {
		return err
	}
	asOf := scoreDay(tx.Now)
	for _, id := range accountIDs {
		days, products, service, err := tx.CustomerPurchases(ctx, ws, id)
		if err != nil {
			return err
		}
		c := analyze.Customer{ID: id, Products: products}
		for _, d := range days {
			t, err := time.Parse(time.DateOnly, string(d.Date))
			if err != nil {
				return fmt.Errorf("order date %q: %w", d.Date, err)
			}
			if t.Before(asOf) {
				c.Days = append(c.Days, analyze.Purchase{Date: t, Amount: d.Revenue, GrossProfit: d.GrossProfit})
			}
		}
		if len(c.Days) == 0 {
			if err := tx.DeleteScore(ctx, ws, id); err != nil {
				return err
			}
			continue
		}
		sc, err := m.Rescore(&c, service, asOf)
		if err != nil {
			return err
		}
		var row store.ScoreRow
		if err := scoreRow(&sc, &row); err != nil {
			return err
		}
		if err := tx.PutScore(ctx, ws, &row); err != nil {
			return err
		}
	}
	return nil
}

// refreshStats brings an account's stats and scores up to date with its
// orders; every order change calls it in its transaction.
func (s *Service) refreshStats(ctx context.Context, tx *store.Tx, ws string, accountIDs ...string) error {
	if err := tx.RefreshCustomerStats(ctx, ws, accountIDs...); err != nil {
		return err
	}
	return s.rescore(ctx, tx, ws, accountIDs...)
}

// startRun marks a run of ws as in progress; false if one already is.
func (s *Service) startRun(ws string) bool {
	s.scoring.mu.Lock()
	defer s.scoring.mu.Unlock()
	if s.scoring.running[ws] {
		return false
	}
	s.scoring.running[ws] = true
	return true
}

func (s *Service) endRun(ws string) {
	s.scoring.mu.Lock()
	defer s.scoring.mu.Unlock()
	delete(s.scoring.running, ws)
}

func (s *Service) isRunning(ws string) bool {
	s.scoring.mu.Lock()
	defer s.scoring.mu.Unlock()
	return s.scoring.running[ws]
}

// refreshInBackground starts a run of ws unless one is in progress.
func (s *Service) refreshInBackground(ws string) bool {
	if !s.startRun(ws) {
		return false
	}
	go func() {
		defer s.endRun(ws)
		// A run must finish even if the request that started it ends.
		if _, err := s.RefreshScores(context.Background(), ws, time.Now()); err != nil && !errors.Is(err, errNoOrders) {
			s.log.Error("scoring run failed", "workspace", ws, "error", err)
		}
	}()
	return true
}

// RefreshScoresDaily scores every workspace whose last run is not of today
// (or that was never scored), and decays hotness once a day, then checks
// again every interval, until ctx ends. The server runs it in the
// background.
func (s *Service) RefreshScoresDaily(ctx context.Context, interval time.Duration) {
	for {
		s.refreshStale(ctx)
		s.refreshHotnessDaily(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

func (s *Service) refreshStale(ctx context.Context) {
	all, err := s.db.Read().Workspaces(ctx)
	if err != nil {
		s.log.Error("scoring: list workspaces", "error", err)
		return
	}
	today := crm.Date(scoreDay(time.Now()).Format(time.DateOnly))
	for _, w := range all {
		run, err := s.db.Read().LastScoreRun(ctx, w.ID)
		if err != nil {
			s.log.Error("scoring: last run", "workspace", w.Slug, "error", err)
			continue
		}
		if run != nil && run.AsOf == today {
			continue
		}
		if !s.startRun(w.ID) {
			continue
		}
		info, err := s.RefreshScores(ctx, w.ID, time.Now())
		s.endRun(w.ID)
		switch {
		case errors.Is(err, errNoOrders):
		case err != nil:
			s.log.Error("scoring run failed", "workspace", w.Slug, "error", err)
		default:
			s.log.Info("scored customers", "workspace", w.Slug, "customers", info.Customers, "ms", info.DurationMS)
		}
	}
}
