package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analyze"
	"github.com/guanxi-crm/guanxi/internal/csvin"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

const analyses = "rfm, value, lifecycle, clv, markov or crosssell"

// orderSource loads the orders an analysis reads. csvOrders reads a file;
// the database source will read the orders tables into the same
// analyze.Orders once they exist (issue 4).
type orderSource func(context.Context) (*analyze.Orders, error)

// analysis is one analysis with its own flags: check validates them once
// parsed (before any file is read), run turns a history into a report.
// summary is set for clv, which can also fit a customer summary file
// instead of orders.
type analysis struct {
	check   func() error
	run     func(*analyze.History) (analyze.Report, error)
	summary *string
}

// input is where an analysis reads its data from.
type input struct {
	orders, asOf, summary string
	maxBytes              int64
	dbGiven               bool
	dsn, workspace        string
}

func (e *env) analyze(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("analyze needs an analysis: " + analyses)
	}
	fs, dsn := e.flags("analyze " + args[0])
	workspace := fs.String("workspace", "", "with --db: the workspace's slug (default: the only one)")
	orders := fs.String("orders", "", "CSV of orders: customer_id,order_date,amount[,gross_profit][,product_id]")
	asOf := fs.String("as-of", "", "analyse as at the start of this day, YYYY-MM-DD: later orders are left out (default: the day after the last order)")
	asJSON := fs.Bool("json", false, "print JSON (money in minor units) instead of a text report")
	top := fs.Int("top", 20, "customers or rules listed one by one in the text report; 0 lists all")
	maxMB := fs.Int64("max-mb", 512, "refuse CSV files larger than this many MiB")
	a, err := analysisFlags(args[0], fs)
	if err != nil {
		return err
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	in := input{orders: *orders, asOf: *asOf, maxBytes: *maxMB << 20, dsn: *dsn, workspace: *workspace}
	fs.Visit(func(f *flag.Flag) { in.dbGiven = in.dbGiven || f.Name == "db" })
	if a.summary != nil {
		in.summary = *a.summary
	}
	if err := checkAnalyzeFlags(fs, a, *maxMB); err != nil {
		return fmt.Errorf("analyze %s: %w", args[0], err)
	}
	rep, err := a.report(ctx, in)
	if err != nil {
		return err
	}
	if *asJSON {
		return analyze.WriteJSON(e.stdout, rep)
	}
	if err := analyze.CheckFinite(rep); err != nil {
		return err
	}
	return rep.WriteText(e.stdout, *top)
}

// checkAnalyzeFlags rejects bad flags before any file is read.
func checkAnalyzeFlags(fs *flag.FlagSet, a *analysis, maxMB int64) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if maxMB <= 0 {
		return errors.New("--max-mb must be positive")
	}
	if a.check != nil {
		return a.check()
	}
	return nil
}

// report reads the input and runs the analysis on it.
func (a *analysis) report(ctx context.Context, in input) (analyze.Report, error) {
	if in.summary != "" {
		if in.orders != "" || in.asOf != "" || in.dbGiven {
			return nil, errors.New("analyze clv: --summary takes the place of --orders, --db and --as-of")
		}
		return fitSummary(in.summary, in.maxBytes)
	}
	src, err := chooseSource(in)
	if err != nil {
		return nil, err
	}
	return runAnalysis(ctx, src, in.asOf, a)
}

// analysisFlags registers the flags of analysis name on fs.
func analysisFlags(name string, fs *flag.FlagSet) (*analysis, error) {
	switch name {
	case "rfm":
		return &analysis{run: func(h *analyze.History) (analyze.Report, error) { return asReport(analyze.RFM(h)) }}, nil
	case "value":
		return &analysis{run: func(h *analyze.History) (analyze.Report, error) { return asReport(analyze.Value(h)) }}, nil
	case "lifecycle":
		window := fs.Int("window", 180, "days of the recent spend window, compared with the same number of days before it")
		return &analysis{run: func(h *analyze.History) (analyze.Report, error) { return asReport(analyze.Lifecycle(h, *window)) }}, nil
	case "clv":
		return clvFlags(fs), nil
	case "markov":
		period := fs.String("period", "quarter", "segments are taken at the start of every month, quarter or year")
		periods := fs.Int("forecast", 4, "periods to forecast")
		discount := fs.Float64("discount", 0, "annual discount rate of forecast value (0.1 = 10%)")
		check := func() error {
			if !slices.Contains([]string{"month", "quarter", "year"}, *period) {
				return fmt.Errorf("--period is month, quarter or year, not %q", *period)
			}
			return nil
		}
		return &analysis{check: check, run: func(h *analyze.History) (analyze.Report, error) {
			return asReport(analyze.Markov(h, analyze.MarkovOptions{Period: *period, Forecast: *periods, AnnualDiscount: *discount}))
		}}, nil
	case "crosssell":
		minCount := fs.Int("min-count", 5, "least number of customers holding both products of a rule")
		return &analysis{run: func(h *analyze.History) (analyze.Report, error) { return asReport(analyze.CrossSell(h, *minCount)) }}, nil
	}
	return nil, fmt.Errorf("unknown analysis %q: analyze takes %s", name, analyses)
}

func clvFlags(fs *flag.FlagSet) *analysis {
	summary := fs.String("summary", "", "fit the models on a customer summary CSV (ID,frequency,recency,T or ID,x,t_x,T,zbar) instead of orders")
	unit := fs.String("unit", "week", "time unit of the fits: week or day")
	horizon := fs.Int("horizon", 0, "forecast horizon in --unit (default: a year, 52 weeks or 365 days)")
	discount := fs.Float64("discount", 0, "annual discount rate of future purchases (0.1 = 10%)")
	opt := analyze.CLVOptions{}
	check := func() error {
		switch *unit {
		case "week":
			opt.UnitDays = 7
		case "day":
			opt.UnitDays = 1
		default:
			return fmt.Errorf("--unit is week or day, not %q", *unit)
		}
		opt.Horizon, opt.AnnualDiscount = *horizon, *discount
		if opt.Horizon == 0 {
			opt.Horizon = int(365 / opt.UnitDays)
		}
		return nil
	}
	run := func(h *analyze.History) (analyze.Report, error) { return asReport(analyze.CLV(h, opt)) }
	return &analysis{check: check, run: run, summary: summary}
}

// asReport turns an analysis's typed result into a Report without letting a
// nil pointer become a non-nil interface.
func asReport[R analyze.Report](r R, err error) (analyze.Report, error) {
	if err != nil {
		return nil, err
	}
	return r, nil
}

// chooseSource picks the orders: a CSV file with --orders, otherwise the
// database (--db or GUANXI_DB).
func chooseSource(in input) (orderSource, error) {
	switch {
	case in.orders != "" && in.dbGiven:
		return nil, errors.New("give --orders or --db, not both")
	case in.orders != "":
		return csvOrders(in.orders, in.maxBytes), nil
	}
	return dbOrders(in.dsn, in.workspace), nil
}

// csvOrders reads an order CSV. Any bad row fails the whole file, listed
// line by line, so no analysis runs on part of the data.
func csvOrders(path string, maxBytes int64) orderSource {
	return func(context.Context) (*analyze.Orders, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		o, err := analyze.ReadOrders(f, maxBytes)
		if err != nil {
			return nil, fileError(path, err)
		}
		return o, nil
	}
}

// dbOrders reads the lines of a workspace's confirmed and completed
// orders from the database: customers are account ids, amounts the
// lines' revenue and gross profit, products the product codes.
func dbOrders(dsn, workspace string) orderSource {
	return func(ctx context.Context) (*analyze.Orders, error) {
		db, err := store.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		ws, err := service.New(db).Workspace(ctx, workspace)
		if err != nil {
			return nil, err
		}
		o, err := service.New(db).OrderHistory(ctx, ws.ID)
		if err != nil {
			return nil, err
		}
		if len(o.Transactions) == 0 {
			return nil, fmt.Errorf("workspace %s has no confirmed or completed orders to analyse", ws.Slug)
		}
		return o, nil
	}
}

// fileError names the file in an input error and, for row errors, says
// that nothing was analysed.
func fileError(path string, err error) error {
	var rows *csvin.Errors
	if errors.As(err, &rows) {
		return fmt.Errorf("%s has %w\nNothing was analysed; fix these rows and run again", path, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// runAnalysis loads the orders, keeps those before the as-of date and runs
// the analysis.
func runAnalysis(ctx context.Context, src orderSource, asOf string, a *analysis) (analyze.Report, error) {
	var day time.Time
	if asOf != "" {
		var err error
		if day, err = time.Parse(time.DateOnly, asOf); err != nil {
			return nil, fmt.Errorf("--as-of %q is not a date (YYYY-MM-DD)", asOf)
		}
	}
	o, err := src(ctx)
	if err != nil {
		return nil, err
	}
	h, err := analyze.NewHistory(o, day)
	if err != nil {
		return nil, err
	}
	return a.run(h)
}

// fitSummary fits the BTYD models on a customer summary file.
func fitSummary(path string, maxBytes int64) (analyze.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := analyze.ReadSummary(f, maxBytes)
	if err != nil {
		return nil, fileError(path, err)
	}
	return asReport(analyze.FitSummary(s))
}
