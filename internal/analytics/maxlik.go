package analytics

import (
	"fmt"
	"math"
	"strings"
)

// The BTYD fits maximise log-likelihoods of three or four positive
// parameters. They use a quasi-Newton method written for this package
// rather than gonum/optimize: gonum's optimize package pulls in
// golang.org/x/tools through its CMA-ES code, a dependency this module does
// not otherwise carry, and four-dimensional problems need very little
// machinery. The method is the textbook one (Nocedal & Wright, Numerical
// Optimization, chapters 3 and 6): BFGS with a strong-Wolfe line search,
// then Newton steps on a finite-difference Hessian of the analytic gradient
// to finish. The Newton end-game matters: near the optimum the mean
// log-likelihood changes by less than its rounding error, so line searches
// that compare function values stall, while the gradient still tells where
// the optimum is.

// logLikFunc evaluates the log-likelihood (sum over customers) at natural
// parameters theta and writes its gradient with respect to theta into grad.
// It returns ok=false where the likelihood cannot be evaluated reliably
// (parameters out of range or a series that would not converge).
type logLikFunc func(theta, grad []float64) (ll float64, ok bool)

// objective is f(u) = -ll(exp(u)) / total: minimised over u = log(theta),
// which removes the positivity constraints and evens out the scales, and
// divided by the number of customers so that tolerances do not depend on
// the size of the data.
type objective struct {
	ll            logLikFunc
	total         float64
	theta, gTheta []float64
	evals         int
}

// eval returns f(u) and writes its gradient into g. Points where the
// likelihood cannot be evaluated get +Inf, which the line search treats as
// "step too long".
func (o *objective) eval(u, g []float64) float64 {
	o.evals++
	for i, v := range u {
		if !(math.Abs(v) <= 40) { // e^40: far outside any sensible parameter
			return math.Inf(1)
		}
		o.theta[i] = math.Exp(v)
	}
	v, ok := o.ll(o.theta, o.gTheta)
	if !ok || !finite(v) {
		return math.Inf(1)
	}
	for i := range u {
		g[i] = -o.gTheta[i] * o.theta[i] / o.total
		if !finite(g[i]) {
			return math.Inf(1)
		}
	}
	return -v / o.total
}

// maxLogLikelihood maximises ll over positive parameters starting from init
// and returns the maximiser with the fit's diagnostics. It reports an error
// wrapping ErrNotConverged when the gradient does not fall below the
// tolerance, and never returns NaN or Inf.
func maxLogLikelihood(model string, names []string, init []float64, total float64, ll logLikFunc, opt *FitOptions) ([]float64, FitInfo, error) {
	dim := len(init)
	o := &objective{ll: ll, total: total, theta: make([]float64, dim), gTheta: make([]float64, dim)}
	u := make([]float64, dim)
	for i, v := range init {
		u[i] = math.Log(v)
	}
	g := make([]float64, dim)
	f := o.eval(u, g)
	info := FitInfo{Customers: total}
	if !finite(f) {
		return nil, info, fmt.Errorf("analytics: %s: %w: the log-likelihood cannot be evaluated at the starting point", model, ErrDegenerate)
	}
	tol, maxIter := opt.tolerance(), opt.maxIterations()
	var iters int
	f, iters = o.bfgs(u, g, f, tol, maxIter)
	info.Iterations += iters
	var newtonErr error
	if gradNorm(g) > tol && info.Iterations < maxIter {
		f, iters, newtonErr = o.newton(u, g, f, tol, maxIter-info.Iterations)
		info.Iterations += iters
	}
	info.Evaluations = o.evals
	info.GradientNorm = gradNorm(g)
	info.LL = -f * total
	// A parameter beyond 1e8 or below 1e-8 means the likelihood rises
	// towards a limit (typically a shape and a scale growing together: no
	// heterogeneity left to estimate).
	var edge []string
	for i, v := range u {
		if math.Abs(v) > boundaryLog {
			dir := "infinity"
			if v < 0 {
				dir = "zero"
			}
			edge = append(edge, names[i]+" -> "+dir)
		}
	}
	info.Boundary = len(edge) > 0
	if info.GradientNorm > tol || !finite(info.LL) {
		if info.Boundary {
			return nil, info, fmt.Errorf("analytics: %s: %w: the likelihood keeps rising as %s, so these %v customers cannot identify the model (too few of them, or a limiting case such as no heterogeneity)",
				model, ErrDegenerate, strings.Join(edge, ", "), total)
		}
		detail := fmt.Sprintf("largest gradient component %.3g is above the tolerance %.3g", info.GradientNorm, tol)
		if newtonErr != nil {
			detail += "; " + newtonErr.Error()
		}
		return nil, info, fmt.Errorf("analytics: %s: %w after %d iterations: %s", model, ErrNotConverged, info.Iterations, detail)
	}
	out := make([]float64, dim)
	for i, v := range u {
		out[i] = math.Exp(v)
	}
	return out, info, nil
}

// newtonSwitch is the gradient below which BFGS line searches get a small
// budget and a failure hands over to Newton.
const newtonSwitch = 1e-6

// boundaryLog is ln(1e8): parameters further than a factor 1e8 from 1 set
// FitInfo.Boundary.
var boundaryLog = math.Log(1e8)

// bfgs runs BFGS from u (with f and g its value and gradient), updating all
// three in place, until the gradient is below tol, maxIter iterations pass
// or the line search can make no more progress. It returns the final f and
// the iterations used.
func (o *objective) bfgs(u, g []float64, f, tol float64, maxIter int) (float64, int) {
	dim := len(u)
	h := identity(dim) // inverse Hessian estimate, row-major
	fresh := true      // h is the identity: first step or just reset
	p := make([]float64, dim)
	s := make([]float64, dim)
	y := make([]float64, dim)
	hy := make([]float64, dim)
	ls := newLineSearch(o, dim)
	iter := 0
	for ; iter < maxIter && gradNorm(g) > tol; iter++ {
		for i := range dim {
			p[i] = 0
			for j := range dim {
				p[i] -= h[i*dim+j] * g[j]
			}
		}
		d0 := dot(g, p)
		if !(d0 < 0) {
			h, fresh = identity(dim), true
			for i := range dim {
				p[i] = -g[i]
			}
			d0 = dot(g, p)
		}
		step := 1.0
		if fresh {
			// Without curvature information, move no log-parameter by
			// more than 1 (a factor e) on the first try.
			step = math.Min(1, 1/gradNorm(p))
		}
		// Close to the optimum f flattens to rounding and line searches
		// start to struggle: there they get a few evaluations only, and a
		// failure hands over to Newton.
		near := gradNorm(g) < newtonSwitch
		ls.budget = 50
		if near {
			ls.budget = 3
		}
		fNew, ok := ls.search(u, p, f, d0, step)
		if !ok {
			// Further out, or when even steepest descent fails, retry once
			// from the identity before giving up on BFGS.
			if fresh || near {
				break
			}
			h, fresh = identity(dim), true
			continue
		}
		for i := range dim {
			s[i] = ls.x[i] - u[i]
			y[i] = ls.g[i] - g[i]
		}
		copy(u, ls.x)
		copy(g, ls.g)
		f = fNew
		sy := dot(s, y)
		if !(sy > 1e-12*math.Sqrt(dot(s, s)*dot(y, y))) {
			continue // curvature condition failed: keep h as is
		}
		if fresh {
			// Scale the identity to the curvature just seen before the first
			// update (Nocedal & Wright eq. 6.20).
			scale := sy / dot(y, y)
			for i := range h {
				h[i] *= scale
			}
			fresh = false
		}
		// h <- (I - rho s y') h (I - rho y s') + rho s s'
		rho := 1 / sy
		for i := range dim {
			hy[i] = 0
			for j := range dim {
				hy[i] += h[i*dim+j] * y[j]
			}
		}
		yhy := dot(y, hy)
		for i := range dim {
			for j := range dim {
				h[i*dim+j] += rho * ((1+rho*yhy)*s[i]*s[j] - hy[i]*s[j] - s[i]*hy[j])
			}
		}
	}
	return f, iter
}

// newton finishes the optimisation with Newton steps on a Hessian obtained
// by central differences of the analytic gradient. A step is accepted when
// it lowers the gradient norm (near the optimum f itself is flat to
// rounding); the Hessian is shifted towards positive definiteness when it is
// not, so far from the optimum the steps bend towards steepest descent.
func (o *objective) newton(u, g []float64, f, tol float64, maxIter int) (float64, int, error) {
	dim := len(u)
	hess := make([]float64, dim*dim)
	step := make([]float64, dim)
	trial := make([]float64, dim)
	gTrial := make([]float64, dim)
	gp := make([]float64, dim)
	gm := make([]float64, dim)
	iter := 0
	for ; iter < maxIter && gradNorm(g) > tol; iter++ {
		// Central differences of the gradient, symmetrised.
		const hStep = 1e-5
		for j := range dim {
			copy(trial, u)
			trial[j] = u[j] + hStep
			fp := o.eval(trial, gp)
			trial[j] = u[j] - hStep
			fm := o.eval(trial, gm)
			if !finite(fp) || !finite(fm) {
				return f, iter, fmt.Errorf("the likelihood cannot be evaluated next to the optimum")
			}
			for i := range dim {
				hess[i*dim+j] = (gp[i] - gm[i]) / (2 * hStep)
			}
		}
		for i := range dim {
			for j := range i {
				v := (hess[i*dim+j] + hess[j*dim+i]) / 2
				hess[i*dim+j], hess[j*dim+i] = v, v
			}
		}
		if !solveShiftedSPD(hess, g, step) {
			return f, iter, fmt.Errorf("the Hessian is not usable")
		}
		accepted := false
		norm := gradNorm(g)
		for t := 1.0; t > 1e-6; t /= 2 {
			for i := range dim {
				trial[i] = u[i] - t*step[i]
			}
			fTrial := o.eval(trial, gTrial)
			if finite(fTrial) && gradNorm(gTrial) < norm && fTrial <= f+1e-12*math.Max(1, math.Abs(f)) {
				copy(u, trial)
				copy(g, gTrial)
				f = fTrial
				accepted = true
				break
			}
		}
		if !accepted {
			return f, iter, fmt.Errorf("the Newton steps stopped lowering the gradient at %.3g", norm)
		}
	}
	return f, iter, nil
}

// solveShiftedSPD solves (A + lambda I) x = b for the smallest lambda >= 0
// (from a short geometric ladder) that makes A + lambda I positive definite
// by Cholesky factorisation. A is dim x dim, row-major, and is not changed.
func solveShiftedSPD(a, b, x []float64) bool {
	dim := len(b)
	var scale float64
	for i := range dim {
		scale = math.Max(scale, math.Abs(a[i*dim+i]))
	}
	if scale == 0 || !finite(scale) {
		return false
	}
	l := make([]float64, dim*dim)
	for lambda := 0.0; lambda < 1e6*scale; lambda = math.Max(2*lambda, 1e-8*scale) {
		if cholesky(a, lambda, l, dim) {
			// Forward then backward substitution.
			for i := range dim {
				v := b[i]
				for k := range i {
					v -= l[i*dim+k] * x[k]
				}
				x[i] = v / l[i*dim+i]
			}
			for i := dim - 1; i >= 0; i-- {
				v := x[i]
				for k := i + 1; k < dim; k++ {
					v -= l[k*dim+i] * x[k]
				}
				x[i] = v / l[i*dim+i]
			}
			return true
		}
	}
	return false
}

// cholesky factors A + lambda I = L L' into l; false when not positive definite.
func cholesky(a []float64, lambda float64, l []float64, dim int) bool {
	clear(l)
	for i := range dim {
		for j := 0; j <= i; j++ {
			v := a[i*dim+j]
			if i == j {
				v += lambda
			}
			for k := range j {
				v -= l[i*dim+k] * l[j*dim+k]
			}
			if i == j {
				if !(v > 0) {
					return false
				}
				l[i*dim+i] = math.Sqrt(v)
			} else {
				l[i*dim+j] = v / l[j*dim+j]
			}
		}
	}
	return true
}

func identity(dim int) []float64 {
	h := make([]float64, dim*dim)
	for i := range dim {
		h[i*dim+i] = 1
	}
	return h
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// lineSearch finds a step along a descent direction that satisfies the
// strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6).
// After a successful search x and g hold the accepted point and its gradient.
type lineSearch struct {
	o      *objective
	u, p   []float64
	x, g   []float64
	xLast  float64 // step at which x and g were last evaluated
	f0, d0 float64
	budget int // evaluations allowed per search
	used   int
}

func newLineSearch(o *objective, dim int) *lineSearch {
	return &lineSearch{o: o, x: make([]float64, dim), g: make([]float64, dim)}
}

const (
	wolfeC1 = 1e-4 // sufficient decrease
	wolfeC2 = 0.9  // curvature (loose, as suits quasi-Newton methods)
)

// phi evaluates f and its directional derivative at step t.
func (ls *lineSearch) phi(t float64) (float64, float64) {
	for i := range ls.u {
		ls.x[i] = ls.u[i] + t*ls.p[i]
	}
	ls.xLast = t
	ls.used++
	f := ls.o.eval(ls.x, ls.g)
	if !finite(f) {
		return math.Inf(1), math.NaN()
	}
	return f, dot(ls.g, ls.p)
}

// search returns the value at an accepted step from u along p, or ok=false.
func (ls *lineSearch) search(u, p []float64, f0, d0, t float64) (float64, bool) {
	ls.u, ls.p, ls.f0, ls.d0 = u, p, f0, d0
	ls.used = 0
	tPrev, fPrev, dPrev := 0.0, f0, d0
	for i := 0; i < 50 && ls.used < ls.budget; i++ {
		f, d := ls.phi(t)
		if f > f0+wolfeC1*t*d0 || (i > 0 && f >= fPrev) {
			return ls.zoom(tPrev, fPrev, dPrev, t, f, d)
		}
		if math.Abs(d) <= -wolfeC2*d0 {
			return f, true
		}
		if d >= 0 {
			return ls.zoom(t, f, d, tPrev, fPrev, dPrev)
		}
		tPrev, fPrev, dPrev = t, f, d
		t *= 2
	}
	return ls.accept(tPrev, fPrev)
}

// zoom narrows [lo, hi] (lo: best step so far satisfying sufficient decrease)
// until a step meets both Wolfe conditions. It gives up after a few rounds:
// a search that needs more is fighting rounding error near the optimum,
// where the Newton end-game does better.
func (ls *lineSearch) zoom(lo, flo, dlo, hi, fhi, dhi float64) (float64, bool) {
	for i := 0; i < 12 && ls.used < ls.budget; i++ {
		t := interpolateStep(lo, flo, dlo, hi, fhi, dhi)
		f, d := ls.phi(t)
		if f > ls.f0+wolfeC1*t*ls.d0 || f >= flo {
			hi, fhi, dhi = t, f, d
		} else {
			if math.Abs(d) <= -wolfeC2*ls.d0 {
				return f, true
			}
			if d*(hi-lo) >= 0 {
				hi, fhi, dhi = lo, flo, dlo
			}
			lo, flo, dlo = t, f, d
		}
		if math.Abs(hi-lo) <= 1e-15*math.Max(1, math.Abs(lo)) {
			break
		}
	}
	return ls.accept(lo, flo)
}

// accept settles for step t (which satisfied sufficient decrease but not the
// curvature condition) if it moved at all.
func (ls *lineSearch) accept(t, f float64) (float64, bool) {
	if t <= 0 || !(f < ls.f0) {
		return ls.f0, false
	}
	if ls.xLast != t {
		f, _ = ls.phi(t)
	}
	return f, finite(f)
}

// interpolateStep returns the minimiser of the cubic through the two end
// points' values and slopes, kept inside the middle 80% of the interval, or
// the midpoint when the cubic is not usable (an infinite end, no real
// minimiser).
func interpolateStep(lo, flo, dlo, hi, fhi, dhi float64) float64 {
	mid := (lo + hi) / 2
	if !finite(flo) || !finite(fhi) || !finite(dlo) || !finite(dhi) || lo == hi {
		return mid
	}
	d1 := dlo + dhi - 3*(flo-fhi)/(lo-hi)
	disc := d1*d1 - dlo*dhi
	if disc < 0 {
		return mid
	}
	d2 := math.Copysign(math.Sqrt(disc), hi-lo)
	den := dhi - dlo + 2*d2
	if den == 0 {
		return mid
	}
	t := hi - (hi-lo)*(dhi+d2-d1)/den
	a, b := math.Min(lo, hi), math.Max(lo, hi)
	w := b - a
	if !finite(t) || t < a+0.1*w || t > b-0.1*w {
		return mid
	}
	return t
}
