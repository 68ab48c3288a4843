package analyze

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// FitStats are a maximum-likelihood fit's log-likelihood and diagnostics.
type FitStats struct {
	LogLikelihood float64 `json:"log_likelihood"`
	Customers     float64 `json:"customers"` // customers the fit used
	Iterations    int     `json:"iterations"`
	GradientNorm  float64 `json:"gradient_norm"`
	// Boundary is set when the maximum lies in a limit (a parameter above
	// 1e8 or below 1e-8): predictions are valid, single parameters are not
	// meaningful. Small customer bases often end here.
	Boundary bool `json:"boundary"`
}

func fitStats(i analytics.FitInfo) FitStats {
	return FitStats{LogLikelihood: i.LL, Customers: i.Customers, Iterations: i.Iterations, GradientNorm: i.GradientNorm, Boundary: i.Boundary}
}

// BGNBDModel is a fitted BG/NBD model; alpha is in the time unit of the data.
type BGNBDModel struct {
	R     float64 `json:"r"`
	Alpha float64 `json:"alpha"`
	A     float64 `json:"a"`
	B     float64 `json:"b"`
	FitStats
}

// ParetoNBDModel is a fitted Pareto/NBD model; alpha and beta are in the
// time unit of the data.
type ParetoNBDModel struct {
	R     float64 `json:"r"`
	Alpha float64 `json:"alpha"`
	S     float64 `json:"s"`
	Beta  float64 `json:"beta"`
	FitStats
}

// GammaGammaModel is a fitted Gamma-Gamma spend model; gamma is in the
// money unit of the spend it was fitted on.
type GammaGammaModel struct {
	P     float64 `json:"p"`
	Q     float64 `json:"q"`
	Gamma float64 `json:"gamma"`
	FitStats
}

// purchaseFits fits BG/NBD and Pareto/NBD on the same histories. A fit
// that fails (no repeat purchases, no convergence) fails the analysis with
// the reason: a report without its model would be misread.
func purchaseFits(x []int, tx, T []float64) (analytics.BGNBDFit, analytics.ParetoNBDFit, error) {
	rows, _, err := analytics.Compress(x, tx, T)
	if err != nil {
		return analytics.BGNBDFit{}, analytics.ParetoNBDFit{}, err
	}
	bg, err := analytics.FitBGNBD(rows, nil)
	if err != nil {
		return bg, analytics.ParetoNBDFit{}, fmt.Errorf("BG/NBD fit: %w", err)
	}
	pn, err := analytics.FitParetoNBD(rows, nil)
	if err != nil {
		return bg, pn, fmt.Errorf("Pareto/NBD fit: %w", err)
	}
	return bg, pn, nil
}

func bgnbdModel(f analytics.BGNBDFit) BGNBDModel {
	return BGNBDModel{R: f.R, Alpha: f.Alpha, A: f.A, B: f.B, FitStats: fitStats(f.FitInfo)}
}

func paretoModel(f analytics.ParetoNBDFit) ParetoNBDModel {
	return ParetoNBDModel{R: f.R, Alpha: f.Alpha, S: f.S, Beta: f.Beta, FitStats: fitStats(f.FitInfo)}
}

// fitSpend fits Gamma-Gamma on the repeat customers. Customers whose
// repeat purchases are all free (mean 0) carry no spend information the
// model can use (it needs positive values), so they are left out of the
// fit rather than failing it; FitStats.Customers says how many were used.
func fitSpend(x []int, meanSpend []float64) (analytics.GammaGammaFit, error) {
	s := analytics.SpendSummary{X: make([]int, len(x)), MeanSpend: meanSpend}
	for i := range x {
		if meanSpend[i] > 0 {
			s.X[i] = x[i]
		}
	}
	f, err := analytics.FitGammaGamma(s, nil)
	if err != nil {
		return f, fmt.Errorf("Gamma-Gamma fit: %w", err)
	}
	return f, nil
}

func gammaGammaModel(f analytics.GammaGammaFit) GammaGammaModel {
	return GammaGammaModel{P: f.P, Q: f.Q, Gamma: f.Gamma, FitStats: fitStats(f.FitInfo)}
}

// writeModels prints the fitted parameters, one model a line.
func writeModels(w io.Writer, bg *BGNBDModel, pn *ParetoNBDModel, gg *GammaGammaModel) error {
	t := newTable("model", "parameters", "log-likelihood", "customers", "note")
	t.add("BG/NBD", params([]string{"r", "alpha", "a", "b"}, bg.R, bg.Alpha, bg.A, bg.B),
		num(bg.LogLikelihood, 2), num(bg.Customers, 0), boundaryNote(bg.Boundary))
	t.add("Pareto/NBD", params([]string{"r", "alpha", "s", "beta"}, pn.R, pn.Alpha, pn.S, pn.Beta),
		num(pn.LogLikelihood, 2), num(pn.Customers, 0), boundaryNote(pn.Boundary))
	if gg != nil {
		t.add("Gamma-Gamma", params([]string{"p", "q", "gamma"}, gg.P, gg.Q, gg.Gamma),
			num(gg.LogLikelihood, 2), num(gg.Customers, 0), boundaryNote(gg.Boundary))
	}
	return t.write(w)
}

// params formats name=value pairs with four decimals, as the papers
// publish them, or four significant digits for the tiny or huge values of
// a fit at a parameter limit.
func params(names []string, values ...float64) string {
	parts := make([]string, len(values))
	for i, v := range values {
		format := "%s=%.4f"
		if v != 0 && (math.Abs(v) < 1e-3 || math.Abs(v) >= 1e6) {
			format = "%s=%.4g"
		}
		parts[i] = fmt.Sprintf(format, names[i], v)
	}
	return strings.Join(parts, " ")
}

func boundaryNote(b bool) string {
	if b {
		return "maximum at a parameter limit: predictions valid, parameters not"
	}
	return ""
}
