package service

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/analytics"
	"github.com/guanxi-crm/guanxi/internal/analyze"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// The analytics the API serves. Charts count the scored customers the
// caller may see (a sales rep sees the make-up of their own book); the
// workspace-level reports (Markov migration, cross-sell rules, the fitted
// models) describe the whole customer base and are for the roles that
// steer it. Profit figures follow the cost rule: callers who may not see
// costs get revenue-based views instead.

// GroupStat is the size of one segment, tier or stage.
type GroupStat struct {
	Key       string `json:"key"`
	Customers int    `json:"customers"`
	Monetary  int64  `json:"monetary" doc:"Total amount bought, minor units."`
	Profit    *int64 `json:"profit" doc:"Profit after service cost, minor units; null when the caller may not see costs."`
}

// GridCell is one cell of the recency x frequency grid.
type GridCell struct {
	Customers int   `json:"customers"`
	Monetary  int64 `json:"monetary"`
}

// ParetoView is the concentration of value among the visible customers.
type ParetoView struct {
	Basis        string        `json:"basis" enum:"profit,revenue" doc:"What customers are ranked by: profit after service cost, or revenue when the caller may not see costs."`
	Total        int64         `json:"total"`
	Top20Share   *float64      `json:"top20_share" doc:"Share of the total made by the top 20% of customers; null when the total is not positive."`
	Unprofitable int           `json:"unprofitable" doc:"Customers with negative profit (0 on a revenue basis)."`
	Curve        []ParetoPoint `json:"curve"`
	Tiers        []GroupStat   `json:"tiers"`
	TierCuts     [4]float64    `json:"tier_cuts" doc:"Cumulative shares of positive profit that close the first four tiers."`
}

// ParetoPoint is a point of the Pareto curve.
type ParetoPoint struct {
	CustomerShare float64 `json:"customer_share"`
	ValueShare    float64 `json:"value_share"`
}

// Bucket is one bar of a histogram: customers with Lower <= value < Upper
// (Upper null for the last, open bar).
type Bucket struct {
	Lower     float64  `json:"lower"`
	Upper     *float64 `json:"upper"`
	Customers int      `json:"customers"`
}

// CLVView is the distribution of lifetime value and P(alive).
type CLVView struct {
	Customers int      `json:"customers" doc:"Customers with a CLV (the models could be fitted)."`
	Total     float64  `json:"total" doc:"Sum of CLV, minor units."`
	Mean      float64  `json:"mean"`
	Median    float64  `json:"median"`
	Histogram []Bucket `json:"histogram" doc:"CLV in minor units, on a 1-2-5 scale."`
	PAlive    []Bucket `json:"p_alive" doc:"P(alive) in tenths."`
}

// AnalyticsOverview is what the analytics pages chart: the caller's
// visible scored customers by RFM cell, segment, value tier, lifecycle
// stage and CLV.
type AnalyticsOverview struct {
	Run       *ScoreRunInfo  `json:"run" doc:"The last scoring run; null before the first."`
	Customers int            `json:"customers" doc:"Scored customers the caller can see."`
	RFMGrid   [5][5]GridCell `json:"rfm_grid" doc:"Customers by recency score (first index, R-1) and frequency score (second, F-1)."`
	Segments  []GroupStat    `json:"segments" doc:"Best segment first."`
	Stages    []GroupStat    `json:"stages" doc:"Acquisition to exit."`
	Pareto    ParetoView     `json:"pareto"`
	CLV       CLVView        `json:"clv"`
}

var segmentOrder = []string{analytics.SegmentChampions, analytics.SegmentLoyal, analytics.SegmentPotentialLoyalist,
	analytics.SegmentNew, analytics.SegmentPromising, analytics.SegmentNeedAttention, analytics.SegmentAboutToSleep,
	analytics.SegmentAtRisk, analytics.SegmentCantLoseThem, analytics.SegmentHibernating, analytics.SegmentLost}

// AnalyticsOverview counts the scored customers the caller may see.
func (s *Service) AnalyticsOverview(ctx context.Context) (*AnalyticsOverview, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	if r.Level == crm.ScopeNone {
		return nil, forbidden("Your role may not see customers.")
	}
	costs := auth.CanSeeCost(a)
	ov := &AnalyticsOverview{}
	if ov.Run, err = s.ScoreRun(ctx); err != nil {
		return nil, err
	}
	segments, tiers, stages := map[string]*GroupStat{}, map[string]*GroupStat{}, map[string]*GroupStat{}
	add := func(m map[string]*GroupStat, key string, monetary, profit int64) {
		g := m[key]
		if g == nil {
			g = &GroupStat{Key: key}
			if costs {
				g.Profit = new(int64)
			}
			m[key] = g
		}
		g.Customers++
		g.Monetary += monetary
		if g.Profit != nil {
			*g.Profit += profit
		}
	}
	var values []int64
	var clvs []float64
	pAlive := make([]int, 10)
	err = s.db.Read().EachScore(ctx, r, func(c *store.ScoreCols) error {
		ov.Customers++
		if c.R >= 1 && c.R <= 5 && c.F >= 1 && c.F <= 5 {
			cell := &ov.RFMGrid[c.R-1][c.F-1]
			cell.Customers++
			cell.Monetary += c.Monetary
		}
		add(segments, c.Segment, c.Monetary, c.Profit)
		add(tiers, c.Tier, c.Monetary, c.Profit)
		add(stages, c.Stage, c.Monetary, c.Profit)
		if costs {
			values = append(values, c.Profit)
		} else {
			values = append(values, c.Monetary)
		}
		if c.CLV.Valid {
			clvs = append(clvs, c.CLV.Float64)
		}
		if c.PAlive.Valid {
			pAlive[min(int(c.PAlive.Float64*10), 9)]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ov.Segments = ordered(segments, segmentOrder, costs)
	ov.Stages = ordered(stages, stageOrder(), costs)
	ov.Pareto = paretoView(values, costs)
	ov.Pareto.Tiers = ordered(tiers, tierOrder(), costs)
	ov.Pareto.TierCuts = analytics.DefaultTierCuts
	ov.CLV = clvView(clvs, pAlive)
	return ov, nil
}

func stageOrder() []string {
	out := make([]string, 5)
	for s := range out {
		out[s] = analytics.Stage(s).String()
	}
	return out
}

func tierOrder() []string {
	out := make([]string, 5)
	for t := range out {
		out[t] = analytics.Tier(t).String()
	}
	return out
}

// ordered lists the groups in the given order, empty ones included so
// charts keep their axes, and any unknown key after them.
func ordered(m map[string]*GroupStat, order []string, costs bool) []GroupStat {
	out := make([]GroupStat, 0, len(order))
	for _, k := range order {
		if g := m[k]; g != nil {
			out = append(out, *g)
			delete(m, k)
		} else {
			g := GroupStat{Key: k}
			if costs {
				g.Profit = new(int64)
			}
			out = append(out, g)
		}
	}
	rest := make([]string, 0, len(m))
	for k := range m {
		rest = append(rest, k)
	}
	slices.Sort(rest)
	for _, k := range rest {
		out = append(out, *m[k])
	}
	return out
}

// paretoPoints caps the points of the Pareto curve.
const paretoPoints = 100

func paretoView(values []int64, costs bool) ParetoView {
	v := ParetoView{Basis: "profit", Curve: []ParetoPoint{{0, 0}}}
	if !costs {
		v.Basis = "revenue"
	}
	slices.SortFunc(values, func(a, b int64) int { return cmp.Compare(b, a) })
	n := len(values)
	for _, x := range values {
		v.Total += x
		if x < 0 {
			v.Unprofitable++
		}
	}
	if n == 0 {
		return v
	}
	top := (n + 4) / 5
	var topSum int64
	for _, x := range values[:top] {
		topSum += x
	}
	if v.Total > 0 {
		share := float64(topSum) / float64(v.Total)
		v.Top20Share = &share
	}
	step := max(1, n/paretoPoints)
	var cum int64
	for i, x := range values {
		cum += x
		if (i+1)%step == 0 || i == n-1 {
			p := ParetoPoint{CustomerShare: float64(i+1) / float64(n)}
			if v.Total > 0 {
				p.ValueShare = float64(cum) / float64(v.Total)
			}
			v.Curve = append(v.Curve, p)
		}
	}
	return v
}

// clvView summarises CLVs (minor units) on a 1-2-5 scale of yuan.
func clvView(clvs []float64, pAlive []int) CLVView {
	v := CLVView{Customers: len(clvs), Histogram: []Bucket{}, PAlive: []Bucket{}}
	for k, c := range pAlive {
		upper := float64(k+1) / 10
		v.PAlive = append(v.PAlive, Bucket{Lower: float64(k) / 10, Upper: &upper, Customers: c})
	}
	if len(clvs) == 0 {
		return v
	}
	slices.Sort(clvs)
	for _, c := range clvs {
		v.Total += c
	}
	v.Mean = v.Total / float64(len(clvs))
	v.Median = clvs[len(clvs)/2]
	bounds := []float64{0}
	for b := 100.0; b <= clvs[len(clvs)-1]; b *= 10 { // 1 yuan, in fen
		bounds = append(bounds, b, 2*b, 5*b)
	}
	i := 0
	for k, lower := range bounds {
		b := Bucket{Lower: lower}
		var upper float64 = math.Inf(1)
		if k+1 < len(bounds) {
			upper = bounds[k+1]
			b.Upper = &bounds[k+1]
		}
		for i < len(clvs) && clvs[i] < upper {
			b.Customers++
			i++
		}
		v.Histogram = append(v.Histogram, b)
	}
	// Drop the empty bars below the first customer.
	for len(v.Histogram) > 1 && v.Histogram[0].Customers == 0 {
		v.Histogram = v.Histogram[1:]
	}
	return v
}

// ScoreRun returns the caller's workspace's last scoring run, or nil.
func (s *Service) ScoreRun(ctx context.Context) (*ScoreRunInfo, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	run, err := s.db.Read().LastScoreRun(ctx, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	running := s.isRunning(a.WorkspaceID)
	if run == nil {
		if running {
			return &ScoreRunInfo{Running: true}, nil
		}
		return nil, nil
	}
	return runInfo(run, running), nil
}

// StartScoreRun starts a scoring run of the caller's workspace in the
// background (admins and managers); false when one is already running.
func (s *Service) StartScoreRun(ctx context.Context) (bool, error) {
	a, err := actor(ctx)
	if err != nil {
		return false, err
	}
	if !auth.CanRunScoring(a) {
		return false, forbidden("Only admins and managers may rescore all customers.")
	}
	return s.refreshInBackground(a.WorkspaceID), nil
}

// AnalyticsReports are the workspace-level reports of the last run.
type AnalyticsReports struct {
	Run       *ScoreRunInfo            `json:"run"`
	RFM       *analyze.RFMReport       `json:"rfm" doc:"Quintile bands, segment sizes, the frequency x monetary view (frequency_monetary[F-1][M-1]) and the frequency x recency churn view (frequency_recency[F-1][R-1]) of the whole customer base."`
	Lifecycle *analyze.LifecycleReport `json:"lifecycle"`
	CLVModel  *analyze.CLVModel        `json:"clv_model" doc:"Null when the models could not be fitted (see notes)."`
	CrossSell *analyze.CrossSellReport `json:"crosssell"`
	Markov    *analyze.MarkovReport    `json:"markov" doc:"Null when the history spans too few periods (see notes); value figures are null for callers who may not see costs."`
	Growth    *analyze.GrowthReport    `json:"growth" doc:"Revenue of the last 365 days by existing/new customers and products."`
	Strategy  *StrategyReport          `json:"strategy" doc:"Information completeness x personalisation of the company and each segment."`
	Notes     []string                 `json:"notes"`
}

// maxListedRules caps the cross-sell rules the reports list.
const maxListedRules = 50

// AnalyticsReports returns the workspace-level reports of the last run to
// admins, managers, finance and marketing.
func (s *Service) AnalyticsReports(ctx context.Context) (*AnalyticsReports, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.CanSeeWorkspaceAnalytics(a) {
		return nil, forbidden("Your role sees the analytics of its own customers only.")
	}
	rep := &AnalyticsReports{Notes: []string{}}
	run, err := s.db.Read().LastScoreRun(ctx, a.WorkspaceID)
	if err != nil || run == nil {
		return rep, err
	}
	rep.Run = runInfo(run, s.isRunning(a.WorkspaceID))
	var stored workspaceReports
	if err := json.Unmarshal(run.Reports, &stored); err != nil {
		return nil, fmt.Errorf("score reports: %w", err)
	}
	var model analyze.ScoreModel
	if err := json.Unmarshal(run.Model, &model); err != nil {
		return nil, fmt.Errorf("score model: %w", err)
	}
	rep.RFM = stored.RFM
	rep.Lifecycle, rep.CLVModel, rep.CrossSell, rep.Markov = stored.Lifecycle, model.CLV, stored.CrossSell, stored.Markov
	rep.Growth, rep.Strategy = stored.Growth, stored.Strategy
	if rep.CrossSell != nil && len(rep.CrossSell.Rules) > maxListedRules {
		rep.CrossSell.Rules = rep.CrossSell.Rules[:maxListedRules]
	}
	if rep.Markov != nil && !auth.CanSeeCost(a) && rep.Markov.ValueBasis == "gross_profit" {
		rep.Markov.Value, rep.Markov.Forecast.Value, rep.Markov.Forecast.Discounted = nil, nil, nil
		rep.Markov.Forecast.Total = 0
		rep.Markov.ValueBasis = "hidden"
	}
	if rep.CLVModel != nil && !auth.CanSeeCost(a) {
		// The margin is a cost figure.
		rep.CLVModel.Margin = 0
	}
	if stored.Notes != nil {
		rep.Notes = stored.Notes
	}
	return rep, nil
}

// ValueCard is an account's scores with the inputs behind each, for its
// page. Scored is false (and the rest empty) until the account has counted
// orders and the workspace has been scored.
type ValueCard struct {
	AccountID   string                 `json:"account_id"`
	Scored      bool                   `json:"scored"`
	Score       *analyze.CustomerScore `json:"score" doc:"Gross profit, service cost and profit are 0 when costs_hidden."`
	CostsHidden bool                   `json:"costs_hidden"`
	RFMBands    *analyze.RFMBands      `json:"rfm_bands" doc:"The quintile bands of the last run, to read R, F and M against."`
	NextProduct *ProductRef            `json:"next_product"`
	RunAt       *time.Time             `json:"run_at"`
}

// ProductRef names a product.
type ProductRef struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// AccountValue returns the value card of an account the caller can read.
func (s *Service) AccountValue(ctx context.Context, accountID string) (*ValueCard, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	acc, err := s.db.Read().GetAccount(ctx, r, accountID)
	if err != nil {
		return nil, err
	}
	card := &ValueCard{AccountID: acc.ID, CostsHidden: !auth.CanSeeCost(a)}
	detail, err := s.db.Read().ScoreDetail(ctx, r, acc.ID)
	if crm.ErrorCode(err) == crm.ENOTFOUND {
		return card, nil
	}
	if err != nil {
		return nil, err
	}
	var sc analyze.CustomerScore
	if err := json.Unmarshal(detail, &sc); err != nil {
		return nil, fmt.Errorf("score of %s: %w", acc.ID, err)
	}
	if card.CostsHidden {
		sc.GrossProfit, sc.ServiceCost, sc.Profit = 0, 0, 0
	}
	card.Scored, card.Score = true, &sc
	m, runAt, err := s.scoreModel(ctx, s.db.Read(), a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	if m != nil {
		card.RFMBands, card.RunAt = &m.Bands, &runAt
	}
	if sc.NextProduct != "" {
		p, err := s.db.Read().ProductByCode(ctx, a.WorkspaceID, sc.NextProduct)
		if err != nil && crm.ErrorCode(err) != crm.ENOTFOUND {
			return nil, err
		}
		if p != nil {
			card.NextProduct = &ProductRef{ID: p.ID, Code: p.Code, Name: p.Name}
		}
	}
	return card, nil
}
