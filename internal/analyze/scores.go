package analyze

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// ScoreOptions sets the windows and horizons of a scoring run. Zero fields
// take the defaults: a 180-day spend window, CLV over 12 months
// discounted at 10% a year, Markov moves by quarter forecast 4 quarters
// ahead, cross-sell rules held by at least 3 customers.
type ScoreOptions struct {
	WindowDays     int
	HorizonMonths  int
	AnnualDiscount float64
	MarkovPeriod   string
	MarkovForecast int
	MinRuleCount   int
	// ServiceCost is each customer's service cost (minor units) by
	// customer id; profit is gross profit minus it.
	ServiceCost map[string]int64
}

func (o ScoreOptions) withDefaults() ScoreOptions {
	if o.WindowDays <= 0 {
		o.WindowDays = 180
	}
	if o.HorizonMonths <= 0 {
		o.HorizonMonths = 12
	}
	if o.AnnualDiscount == 0 {
		o.AnnualDiscount = 0.1
	}
	if o.MarkovPeriod == "" {
		o.MarkovPeriod = "quarter"
	}
	if o.MarkovForecast <= 0 {
		o.MarkovForecast = 4
	}
	if o.MinRuleCount <= 0 {
		o.MinRuleCount = 3
	}
	return o
}

// maxModelRules caps the cross-sell rules a model keeps for rescoring: the
// strongest rules decide nearly every next best product, and the model is
// stored and cached per workspace.
const maxModelRules = 1000

// ScoreModel is what a scoring run learned from the whole customer base:
// the RFM bands, the least profit of each value tier, the fitted purchase
// and spend models and the cross-sell rules. With it one customer can be
// rescored on its own in under a millisecond after an order changes, without
// rerunning the analyses over everyone.
type ScoreModel struct {
	AsOf       string   `json:"as_of"`
	WindowDays int      `json:"window_days"`
	Bands      RFMBands `json:"rfm_bands"`
	// TierMinProfit[t] is the least profit of a customer in tier t
	// (important .. unimportant) in the run; math.MaxInt64 for an empty tier.
	TierMinProfit [4]int64 `json:"tier_min_profit"`
	// PAlive is the BG/NBD fit (in weeks) behind P(alive) and the lifecycle
	// stage; nil when it could not be fitted (PAliveNote says why).
	PAlive     *BGNBDModel `json:"p_alive_model,omitempty"`
	PAliveNote string      `json:"p_alive_note,omitempty"`
	// CLV is nil when the purchase or spend models could not be fitted.
	CLV       *CLVModel                  `json:"clv_model,omitempty"`
	CLVNote   string                     `json:"clv_note,omitempty"`
	Lifecycle analytics.LifecycleOptions `json:"lifecycle"`
	Rules     []Rule                     `json:"rules"` // strongest first
}

// CLVModel is the BG/NBD x Gamma-Gamma model behind each customer's CLV,
// fitted in weeks and summed month by month (monthly purchases discounted
// at the end of their month) over the horizon.
type CLVModel struct {
	BGNBD          BGNBDModel      `json:"bgnbd"`
	GammaGamma     GammaGammaModel `json:"gamma_gamma"`
	HorizonMonths  int             `json:"horizon_months"`
	AnnualDiscount float64         `json:"annual_discount"`
	Margin         float64         `json:"margin"`
}

// weeksPerMonth is the CLV period in the weeks the models are fitted in.
const weeksPerMonth = 365.25 / 12 / 7

func (m *CLVModel) options() analytics.CLVOptions {
	return analytics.CLVOptions{Periods: m.HorizonMonths, PeriodLength: weeksPerMonth, Margin: m.Margin,
		DiscountRate: math.Pow(1+m.AnnualDiscount, 1.0/12) - 1}
}

func (m *CLVModel) params() (analytics.BGNBDParams, analytics.GammaGammaParams) {
	return analytics.BGNBDParams{R: m.BGNBD.R, Alpha: m.BGNBD.Alpha, A: m.BGNBD.A, B: m.BGNBD.B},
		analytics.GammaGammaParams{P: m.GammaGamma.P, Q: m.GammaGamma.Q, Gamma: m.GammaGamma.Gamma}
}

// scoreCLV fits BG/NBD and Gamma-Gamma in weeks and values every customer.
func (s *Scoring) scoreCLV(h *History, opt ScoreOptions) error {
	margin, err := grossMargin(h)
	if err != nil {
		return fmt.Errorf("clv: %w", err)
	}
	x, tx, T, meanSpend := btydColumns(h, 7)
	rows, _, err := analytics.Compress(x, tx, T)
	if err != nil {
		return fmt.Errorf("clv: %w", err)
	}
	bg, err := analytics.FitBGNBD(rows, nil)
	if err != nil {
		return fmt.Errorf("clv: BG/NBD fit: %w", err)
	}
	gg, err := fitSpend(x, meanSpend)
	if err != nil {
		return fmt.Errorf("clv: %w", err)
	}
	m := &CLVModel{BGNBD: bgnbdModel(bg), GammaGamma: gammaGammaModel(gg), HorizonMonths: opt.HorizonMonths,
		AnnualDiscount: opt.AnnualDiscount, Margin: margin}
	bgp, ggp := m.params()
	res, err := analytics.CustomerLifetimeValue(bgp, ggp, x, tx, T, meanSpend, m.options())
	if err != nil {
		return fmt.Errorf("clv: %w", err)
	}
	for i, r := range res {
		sc := &s.Scores[i]
		sc.X, sc.Tx, sc.T, sc.MeanSpend = x[i], tx[i], T[i], meanSpend[i]
		sc.ExpectedPurchases, sc.CLV = ptr(r.ExpectedPurchases), ptr(r.CLV)
	}
	s.Model.CLV = m
	return nil
}

// CustomerScore is one customer's scores next to the inputs they were
// computed from, as the account's value card shows them.
type CustomerScore struct {
	CustomerID string `json:"customer_id"`
	AsOf       string `json:"as_of"`

	LastOrder   string `json:"last_order"`
	RecencyDays int64  `json:"recency_days"`
	Frequency   int64  `json:"frequency"` // days with orders
	Monetary    int64  `json:"monetary"`  // total amount, minor units
	R           uint8  `json:"r"`
	F           uint8  `json:"f"`
	M           uint8  `json:"m"`
	Segment     string `json:"segment"`

	GrossProfit int64  `json:"gross_profit"`
	ServiceCost int64  `json:"service_cost"`
	Profit      int64  `json:"profit"` // gross profit - service cost
	Tier        string `json:"tier"`

	Stage        string  `json:"stage"`
	StageReason  string  `json:"stage_reason"`
	GapDays      float64 `json:"gap_days"`
	SilenceDays  float64 `json:"silence_days"`
	RecentSpend  int64   `json:"recent_spend"`
	EarlierSpend int64   `json:"earlier_spend"`
	Trend        float64 `json:"trend"`

	// The BTYD inputs (weeks) and predictions; nil when the models could
	// not be fitted.
	X                 int      `json:"x"`
	Tx                float64  `json:"t_x"`
	T                 float64  `json:"t"`
	MeanSpend         float64  `json:"mean_spend"`
	PAlive            *float64 `json:"p_alive"`
	ExpectedPurchases *float64 `json:"expected_purchases"` // in the CLV horizon
	CLV               *float64 `json:"clv"`

	NextProduct    string  `json:"next_product,omitempty"`
	NextBecause    string  `json:"next_because,omitempty"`
	NextLift       float64 `json:"next_lift,omitempty"`
	NextConfidence float64 `json:"next_confidence,omitempty"`
}

// Scoring is a run over a whole customer base: the model, every
// customer's score and the workspace-level reports behind them (with their
// per-customer lists dropped: the scores carry those).
type Scoring struct {
	Model     ScoreModel
	Scores    []CustomerScore // in the order of History.Customers
	RFM       *RFMReport
	Value     *ValueReport
	Lifecycle *LifecycleReport
	CrossSell *CrossSellReport
	Markov    *MarkovReport // nil when the history is too short
	Notes     []string      // why an analysis is missing
}

// Score runs RFM, value, lifecycle, CLV, cross-sell and Markov over h and
// returns every customer's scores with the model to rescore them. Models
// that cannot be fitted on this history (too few repeat buyers, too short)
// leave their fields empty and say why in Notes; RFM and value always run.
func Score(h *History, opt ScoreOptions) (*Scoring, error) {
	opt = opt.withDefaults()
	s := &Scoring{Scores: make([]CustomerScore, len(h.Customers))}
	m := &s.Model
	m.AsOf, m.WindowDays = dateString(h.AsOf), opt.WindowDays
	index := make(map[string]int, len(h.Customers))
	for i := range h.Customers {
		index[h.Customers[i].ID] = i
	}

	rfm, err := RFM(h)
	if err != nil {
		return nil, err
	}
	m.Bands = rfm.Bands
	for _, c := range rfm.PerCustomer {
		sc := &s.Scores[index[c.CustomerID]]
		sc.CustomerID, sc.AsOf, sc.LastOrder, sc.RecencyDays = c.CustomerID, m.AsOf, c.LastOrder, c.RecencyDays
		sc.Frequency, sc.Monetary, sc.R, sc.F, sc.M, sc.Segment = c.Frequency, c.Monetary, c.R, c.F, c.M, c.Segment
	}
	rfm.PerCustomer = nil
	s.RFM = rfm

	if err := s.scoreValue(h, opt.ServiceCost); err != nil {
		return nil, err
	}

	if err := s.scoreCLV(h, opt); err != nil {
		m.CLVNote = err.Error()
		s.Notes = append(s.Notes, err.Error())
	}

	life, err := Lifecycle(h, opt.WindowDays)
	if err != nil {
		return nil, err
	}
	if life.PAliveNote != "" {
		m.PAliveNote = life.PAliveNote
	} else if m.CLV != nil {
		// Lifecycle fits the same BG/NBD on the same weeks as CLV.
		m.PAlive = &m.CLV.BGNBD
	} else if m.PAlive, err = fitPAliveModel(h); err != nil {
		m.PAliveNote = err.Error()
	}
	m.Lifecycle = analytics.LifecycleOptions(life.Thresholds)
	for _, c := range life.PerCustomer {
		sc := &s.Scores[index[c.CustomerID]]
		sc.Stage, sc.StageReason, sc.GapDays, sc.SilenceDays = c.Stage, c.Reason, c.GapDays, c.SilenceDays
		sc.RecentSpend, sc.EarlierSpend, sc.Trend, sc.PAlive = c.RecentSpend, c.EarlierSpend, c.Trend, c.PAlive
	}
	life.PerCustomer = nil
	s.Lifecycle = life

	if h.HasProduct {
		cs, err := CrossSell(h, opt.MinRuleCount)
		if err != nil {
			return nil, err
		}
		m.Rules = cs.Rules[:min(len(cs.Rules), maxModelRules)]
		for _, n := range cs.NextBest {
			sc := &s.Scores[index[n.CustomerID]]
			sc.NextProduct, sc.NextBecause, sc.NextLift, sc.NextConfidence = n.ProductID, n.Because, n.Lift, n.Confidence
		}
		cs.NextBest = nil
		s.CrossSell = cs
	}
	if m.Rules == nil {
		m.Rules = []Rule{}
	}

	mk, err := Markov(h, MarkovOptions{Period: opt.MarkovPeriod, Forecast: opt.MarkovForecast, AnnualDiscount: opt.AnnualDiscount})
	if err != nil {
		s.Notes = append(s.Notes, err.Error())
	} else {
		mk.PerCustomer = nil
		s.Markov = mk
	}
	return s, nil
}

func ptr(v float64) *float64 { return &v }

// scoreValue ranks customers by profit after service cost and records the
// least profit of each tier for rescoring.
func (s *Scoring) scoreValue(h *History, serviceCost map[string]int64) error {
	n := len(h.Customers)
	gross, service := make([]int64, n), make([]int64, n)
	for i := range h.Customers {
		c := &h.Customers[i]
		amount, profit := c.Totals(c.First(), h.AsOf)
		if !h.HasProfit {
			profit = amount
		}
		gross[i], service[i] = profit, serviceCost[c.ID]
	}
	res, err := analytics.ProfitTiers(gross, service, analytics.ValueOptions{})
	if err != nil {
		return fmt.Errorf("value: %w", err)
	}
	rep := &ValueReport{Source: newSource("value", h), Basis: "profit", TotalProfit: res.TotalProfit,
		PositiveProfit: res.PositiveProfit, Cuts: res.Cuts, Unprofitable: len(res.Unprofitable),
		Top20: Top20{Customers: res.Top20Customers, Profit: res.Top20Profit}}
	if !h.HasProfit {
		rep.Basis = "amount"
	}
	if res.Top20ShareDefined {
		rep.Top20.Share = &res.Top20Share
	}
	for t := range 5 {
		rep.Tiers = append(rep.Tiers, TierSize{Tier: analytics.Tier(t).String(), Customers: res.TierCustomers[t], Profit: res.TierProfit[t]})
	}
	for _, p := range res.Curve {
		rep.Curve = append(rep.Curve, CurvePoint(p))
	}
	s.Value = rep
	minProfit := &s.Model.TierMinProfit
	for t := range minProfit {
		minProfit[t] = math.MaxInt64
	}
	for i := range n {
		sc := &s.Scores[i]
		t := res.Tier[i]
		sc.GrossProfit, sc.ServiceCost, sc.Profit, sc.Tier = gross[i], service[i], res.Profit[i], t.String()
		if t < analytics.TierToDrop && res.Profit[i] < minProfit[t] {
			minProfit[t] = res.Profit[i]
		}
	}
	return nil
}

// fitPAliveModel fits BG/NBD in weeks for P(alive) alone.
func fitPAliveModel(h *History) (*BGNBDModel, error) {
	x, tx, T, _ := btydColumns(h, 7)
	rows, _, err := analytics.Compress(x, tx, T)
	if err != nil {
		return nil, err
	}
	fit, err := analytics.FitBGNBD(rows, nil)
	if err != nil {
		return nil, fmt.Errorf("BG/NBD fit: %w", err)
	}
	m := bgnbdModel(fit)
	return &m, nil
}

// Rescore scores one customer with the model: its purchases c (days before
// asOf), its service cost and the products it holds. The run's bands,
// tier cuts, fits and rules stay as they were; only this customer's inputs
// change, so an order is reflected at once and the population-wide cuts
// move at the next run.
func (m *ScoreModel) Rescore(c *Customer, serviceCost int64, asOf time.Time) (CustomerScore, error) {
	if len(c.Days) == 0 {
		return CustomerScore{}, errors.New("rescore: the customer has no purchases")
	}
	if !c.Last().Before(asOf) {
		return CustomerScore{}, fmt.Errorf("rescore: purchase on %s is not before the as-of date %s", dateString(c.Last()), dateString(asOf))
	}
	sc := CustomerScore{CustomerID: c.ID, AsOf: dateString(asOf), LastOrder: dateString(c.Last()),
		RecencyDays: int64(asOf.Sub(c.Last()) / day), Frequency: int64(len(c.Days))}
	var amount, gross int64
	for _, p := range c.Days {
		amount += p.Amount
		gross += p.GrossProfit
	}
	sc.Monetary = amount
	sc.R = scoreDown(m.Bands.RecencyDays, sc.RecencyDays)
	sc.F = scoreUp(m.Bands.Frequency, sc.Frequency)
	sc.M = scoreUp(m.Bands.Monetary, sc.Monetary)
	sc.Segment = segmentOf(sc.R, sc.F, sc.M)

	sc.GrossProfit, sc.ServiceCost, sc.Profit = gross, serviceCost, gross-serviceCost
	sc.Tier = analytics.TierToDrop.String()
	for t, least := range m.TierMinProfit {
		if sc.Profit > 0 && sc.Profit >= least {
			sc.Tier = analytics.Tier(t).String()
			break
		}
	}

	// BTYD inputs in weeks, as the run computed them.
	const week = 7 * 86400.0
	first := c.First().Unix()
	sc.X = len(c.Days) - 1
	sc.Tx = float64(c.Last().Unix()-first) / week
	sc.T = float64(asOf.Unix()-first) / week
	if sc.X > 0 {
		sc.MeanSpend = float64(amount-c.Days[0].Amount) / float64(sc.X)
	}
	var pAlive []float64
	if m.PAlive != nil {
		p := analytics.BGNBDParams{R: m.PAlive.R, Alpha: m.PAlive.Alpha, A: m.PAlive.A, B: m.PAlive.B}
		pa, err := p.PAlive(sc.X, sc.Tx, sc.T)
		if err != nil {
			return CustomerScore{}, fmt.Errorf("rescore: %w", err)
		}
		sc.PAlive, pAlive = &pa, []float64{pa}
	}
	if m.CLV != nil {
		if err := m.CLV.rescore(&sc); err != nil {
			return CustomerScore{}, err
		}
	}

	window := time.Duration(m.WindowDays) * day
	sc.RecentSpend, _ = c.Totals(asOf.Add(-window), asOf)
	sc.EarlierSpend, _ = c.Totals(asOf.Add(-2*window), asOf.Add(-window))
	life, err := analytics.LifecycleStages(analytics.LifecycleInput{AsOf: asOf.Unix(), FirstOrder: []int64{first},
		LastOrder: []int64{c.Last().Unix()}, Orders: []int64{int64(len(c.Days))}, RecentSpend: []int64{sc.RecentSpend},
		EarlierSpend: []int64{sc.EarlierSpend}, PAlive: pAlive}, m.Lifecycle)
	if err != nil {
		return CustomerScore{}, fmt.Errorf("rescore: %w", err)
	}
	e := life.Explain(0)
	sc.Stage, sc.StageReason, sc.GapDays, sc.SilenceDays, sc.Trend = e.Stage.String(), e.Reason.String(), e.GapDays, e.SilenceDays, e.Trend

	for _, r := range m.Rules {
		if _, holdsA := slices.BinarySearch(c.Products, r.A); !holdsA {
			continue
		}
		if _, holdsB := slices.BinarySearch(c.Products, r.B); holdsB {
			continue
		}
		sc.NextProduct, sc.NextBecause, sc.NextLift, sc.NextConfidence = r.B, r.A, r.Lift, r.Confidence
		break
	}
	return sc, nil
}

func (m *CLVModel) rescore(sc *CustomerScore) error {
	bg, gg := m.params()
	res, err := analytics.CustomerLifetimeValue(bg, gg, []int{sc.X}, []float64{sc.Tx}, []float64{sc.T}, []float64{sc.MeanSpend}, m.options())
	if err != nil {
		return fmt.Errorf("rescore: %w", err)
	}
	sc.ExpectedPurchases, sc.CLV = ptr(res[0].ExpectedPurchases), ptr(res[0].CLV)
	return nil
}

// scoreUp is the score of v on a dimension where more is better: the
// highest score whose band starts at or below v (bands of equal values
// never overlap: the run shares scores between ties). A value above every
// customer of the run scores 5 even when ties left the top band empty.
func scoreUp(bands [5]Band, v int64) uint8 {
	score, top := uint8(1), 0
	for s := 1; s < 5; s++ {
		if bands[s].Customers > 0 {
			top = s
			if v >= bands[s].Min {
				score = uint8(s + 1)
			}
		}
	}
	if v > bands[top].Max {
		return 5
	}
	return score
}

// scoreDown is the recency score of days since the last order: the
// highest score whose band ends at or above it. A customer more recent
// than anyone in the run scores 5.
func scoreDown(bands [5]Band, days int64) uint8 {
	score, top := uint8(1), 0
	for s := 1; s < 5; s++ {
		if bands[s].Customers > 0 {
			top = s
			if days <= bands[s].Max {
				score = uint8(s + 1)
			}
		}
	}
	if days < bands[top].Min {
		return 5
	}
	return score
}

// segmentOf names the default segment of a score triple.
func segmentOf(r, f, m uint8) string {
	for _, rule := range analytics.DefaultSegmentRules {
		if inRange(rule.R, r) && inRange(rule.F, f) && inRange(rule.M, m) {
			return rule.Segment
		}
	}
	return analytics.SegmentUnclassified
}

func inRange(r analytics.ScoreRange, s uint8) bool {
	return (r.Min == 0 && r.Max == 0) || (s >= r.Min && s <= r.Max)
}
