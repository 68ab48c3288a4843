// Package analytics holds Guanxi's customer measurements (DOMAIN.md section
// 4) as pure computations: plain slices in, result structs out. It does no
// I/O, knows nothing of the database or HTTP, and imports only the standard
// library and gonum, so the service layer, the CLI (`guanxi analyze`) and the
// benchmarks all call the same code.
//
// # Inputs and results
//
// Inputs are columns, one slice per measure with one element per customer,
// as the per-customer stats tables keep them (first and last order, order
// count, revenue, gross profit, service cost). Times are Unix seconds, money
// is integer minor units (never float), customers are identified by their
// position in the slices. Results are columns too, allocated once per call;
// nothing is allocated per customer, so a million customers cost a few
// megabytes and a few tens of milliseconds.
//
// Every score is explainable: results carry the thresholds, counts and
// intermediate measures next to the scores, and each per-customer analysis
// has an Explain method that returns one customer's inputs beside its score.
//
// Large inputs are processed in fixed-size blocks spread over GOMAXPROCS
// goroutines. The blocks do not depend on the number of cores and partial
// sums are combined in block order, so results are identical on every
// machine.
//
// # What is here
//
//   - btyd_*.go: the "buy till you die" models on (frequency, recency, age):
//     BG/NBD and Pareto/NBD (P(alive), expected purchases), Gamma-Gamma
//     (spend), BG/BB (discrete periods) and CustomerLifetimeValue. Fits are
//     maximum likelihood with analytic gradients on log-parameters
//     (maxlik.go), on data compressed to unique histories with weights
//     (Compress). Log-likelihoods are written so that nothing overflows
//     (x = 500 is fine) and nothing cancels when parameters run to the
//     limits small groups reach (gammafn.go); the Pareto/NBD
//     hypergeometric term is a positive series or, where that is slow, a
//     quadrature. The fits reproduce the published CDNOW and donations
//     results (see the tests and testdata/cdnow). A fit that cannot
//     converge returns an error wrapping ErrNotConverged or ErrDegenerate;
//     a maximum found in a limit is flagged FitInfo.Boundary; no result
//     ever holds NaN or Inf.
//   - rfm.go: quintile RFM scores, named segments from an ordered rule
//     table, the frequency x monetary and frequency x recency views.
//   - value.go: profit per customer, Pareto/ABC tiers, the top 20%'s share,
//     unprofitable customers and the Pareto curve.
//   - lifecycle.go: lifecycle stage from each customer's own rhythm, spend
//     trend and P(alive), with the recommended play per stage.
//   - markov.go: segment transition matrix, mix and value forecasts.
//   - growth.go: the customer growth matrix (existing/new customers x
//     existing/new products).
//   - crosssell.go: product pairs with support, confidence and lift; next
//     best product per customer.
//   - strategy.go: the strategy matrix (information completeness x
//     personalisation) for the company and each segment.
//   - abtest.go: two-proportion z test, Welch t test, beta-binomial
//     P(B beats A) computed exactly.
//
// # Where the code comes from
//
// The BTYD models are written here from the papers, and the tests hold them
// to the papers' published values (testdata/cdnow/README.md) and to
// independent high-precision evaluations of the same formulas. The
// optimiser is written here rather than taken from gonum/optimize because
// that package pulls golang.org/x/tools into the module through its CMA-ES
// code; see maxlik.go. gonum provides the incomplete beta function
// (mathext), distributions (stat/distuv) and Gauss-Legendre nodes
// (integrate/quad); log-gamma and digamma differences are computed here
// (gammafn.go) because the likelihoods need them without cancellation.
package analytics
