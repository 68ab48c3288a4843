package analyze

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// CLVOptions set the time unit and horizon of CLV.
type CLVOptions struct {
	// UnitDays is the time unit of the fits in days: 7 (weeks, as in the
	// papers) or 1.
	UnitDays float64
	// Horizon is the forecast horizon in units (52 weeks: a year).
	Horizon int
	// AnnualDiscount discounts future purchases, per year (0.1 = 10%).
	AnnualDiscount float64
}

// CLVReport is the customer lifetime value analysis: the BG/NBD,
// Pareto/NBD and Gamma-Gamma fits and, per customer, the history the
// models read (x, t_x, t, mean spend) beside P(alive), expected purchases
// and CLV.
type CLVReport struct {
	Source
	Unit           string  `json:"unit"`    // "week" or "day": the unit of t_x, t, horizon and alpha/beta
	Horizon        int     `json:"horizon"` // in units
	AnnualDiscount float64 `json:"annual_discount"`
	// Margin turns spend into profit: total gross profit / total amount
	// of all orders, or 1 (revenue CLV) when the orders have no profit.
	Margin      float64         `json:"margin"`
	BGNBD       BGNBDModel      `json:"bgnbd"`
	ParetoNBD   ParetoNBDModel  `json:"pareto_nbd"`
	GammaGamma  GammaGammaModel `json:"gamma_gamma"`
	PerCustomer []CLVCustomer   `json:"per_customer"`
}

// CLVCustomer is one customer's history and predictions.
type CLVCustomer struct {
	CustomerID string  `json:"customer_id"`
	X          int     `json:"x"`          // repeat purchases (days with orders after the first)
	Tx         float64 `json:"t_x"`        // time from the first to the last purchase
	T          float64 `json:"t"`          // time from the first purchase to as_of
	MeanSpend  float64 `json:"mean_spend"` // mean amount of the repeat purchases, minor units (0 when x = 0)
	// ExpectedSpend is Gamma-Gamma's expected amount per future purchase.
	ExpectedSpend float64       `json:"expected_spend"`
	BGNBD         CLVPrediction `json:"bgnbd"`
	ParetoNBD     CLVPrediction `json:"pareto_nbd"`
}

// CLVPrediction is what one purchase model predicts for a customer.
type CLVPrediction struct {
	PAlive            float64 `json:"p_alive"`
	ExpectedPurchases float64 `json:"expected_purchases"` // in the horizon, undiscounted
	CLV               float64 `json:"clv"`                // margin x expected spend x discounted purchases, minor units
}

// btydColumns builds each customer's (x, t_x, T) in units of unitDays and
// the mean amount of its repeat purchases, as the BTYD papers do: the first
// purchase starts the clock and is left out of the spend.
func btydColumns(h *History, unitDays float64) (x []int, tx, T, meanSpend []float64) {
	n := len(h.Customers)
	x, tx, T, meanSpend = make([]int, n), make([]float64, n), make([]float64, n), make([]float64, n)
	unit := unitDays * 86400
	for i := range h.Customers {
		c := &h.Customers[i]
		first := c.First().Unix()
		x[i] = len(c.Days) - 1
		tx[i] = float64(c.Last().Unix()-first) / unit
		T[i] = float64(h.AsOf.Unix()-first) / unit
		if x[i] > 0 {
			var repeat int64
			for _, p := range c.Days[1:] {
				repeat += p.Amount
			}
			meanSpend[i] = float64(repeat) / float64(x[i])
		}
	}
	return x, tx, T, meanSpend
}

// CLV fits the purchase and spend models on the customers' histories and
// predicts each customer's value over the horizon.
func CLV(h *History, opt CLVOptions) (*CLVReport, error) {
	if opt.Horizon <= 0 || opt.UnitDays <= 0 {
		return nil, errors.New("clv: the horizon and the time unit must be positive")
	}
	margin, err := grossMargin(h)
	if err != nil {
		return nil, fmt.Errorf("clv: %w", err)
	}
	x, tx, T, meanSpend := btydColumns(h, opt.UnitDays)
	bg, pn, err := purchaseFits(x, tx, T)
	if err != nil {
		return nil, fmt.Errorf("clv: %w", err)
	}
	gg, err := fitSpend(x, meanSpend)
	if err != nil {
		return nil, fmt.Errorf("clv: %w", err)
	}
	clvOpt := analytics.CLVOptions{Periods: opt.Horizon, PeriodLength: 1, Margin: margin,
		DiscountRate: math.Pow(1+opt.AnnualDiscount, opt.UnitDays/365.25) - 1}
	models := []analytics.TransactionModel{bg.BGNBDParams, pn.ParetoNBDParams}
	var preds [2][]analytics.CLVResult
	for m, model := range models {
		if preds[m], err = analytics.CustomerLifetimeValue(model, gg.GammaGammaParams, x, tx, T, meanSpend, clvOpt); err != nil {
			return nil, fmt.Errorf("clv: %w", err)
		}
	}
	rep := &CLVReport{Source: newSource("clv", h), Unit: unitName(opt.UnitDays), Horizon: opt.Horizon,
		AnnualDiscount: opt.AnnualDiscount, Margin: margin,
		BGNBD: bgnbdModel(bg), ParetoNBD: paretoModel(pn), GammaGamma: gammaGammaModel(gg)}
	for i := range h.Customers {
		b, p := preds[0][i], preds[1][i]
		rep.PerCustomer = append(rep.PerCustomer, CLVCustomer{
			CustomerID: h.Customers[i].ID, X: x[i], Tx: tx[i], T: T[i], MeanSpend: meanSpend[i], ExpectedSpend: b.ExpectedSpend,
			BGNBD:     CLVPrediction{PAlive: b.PAlive, ExpectedPurchases: b.ExpectedPurchases, CLV: b.CLV},
			ParetoNBD: CLVPrediction{PAlive: p.PAlive, ExpectedPurchases: p.ExpectedPurchases, CLV: p.CLV},
		})
	}
	return rep, nil
}

// grossMargin is total gross profit over total amount, or 1 without profit.
func grossMargin(h *History) (float64, error) {
	if !h.HasProfit {
		return 1, nil
	}
	var amount, profit int64
	for i := range h.Customers {
		c := &h.Customers[i]
		a, p := c.Totals(c.First(), h.AsOf)
		amount += a
		profit += p
	}
	if amount == 0 || profit == 0 {
		// analytics.CLVOptions reads a zero margin as "revenue CLV".
		return 0, fmt.Errorf("the orders add up to an amount of %s and a gross profit of %s: no margin to value purchases with", money(amount), money(profit))
	}
	return float64(profit) / float64(amount), nil
}

func unitName(unitDays float64) string {
	if unitDays == 7 {
		return "week"
	}
	return "day"
}

// WriteText prints the models and the customers of highest BG/NBD CLV.
func (r *CLVReport) WriteText(w io.Writer, top int) error {
	r.Source.writeText(w, "Customer lifetime value: BG/NBD and Pareto/NBD purchases x Gamma-Gamma spend")
	fmt.Fprintf(w, "time unit %s; horizon %d %ss; annual discount %s; margin %s\n\n", r.Unit, r.Horizon, r.Unit, percent(r.AnnualDiscount), percent(r.Margin))
	if err := writeModels(w, &r.BGNBD, &r.ParetoNBD, &r.GammaGamma); err != nil {
		return err
	}
	fmt.Fprintln(w)
	best := slices.Clone(r.PerCustomer)
	slices.SortStableFunc(best, func(a, b CLVCustomer) int { return -cmp.Compare(a.BGNBD.CLV, b.BGNBD.CLV) })
	n := limit(len(best), top)
	t := newTable("customer_id", "x", "t_x", "t", "mean spend", "expected spend",
		"BG/NBD P(alive)", "purchases", "CLV", "Pareto/NBD P(alive)", "purchases", "CLV").ids(0)
	for _, c := range best[:n] {
		t.add(c.CustomerID, strconv.Itoa(c.X), num(c.Tx, 2), num(c.T, 2), moneyFloat(c.MeanSpend), moneyFloat(c.ExpectedSpend),
			num(c.BGNBD.PAlive, 3), num(c.BGNBD.ExpectedPurchases, 2), moneyFloat(c.BGNBD.CLV),
			num(c.ParetoNBD.PAlive, 3), num(c.ParetoNBD.ExpectedPurchases, 2), moneyFloat(c.ParetoNBD.CLV))
	}
	if err := t.write(w); err != nil {
		return err
	}
	moreLine(w, n, len(best), "customers")
	return nil
}
