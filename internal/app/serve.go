package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/httpapi"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/web"
)

func (e *env) serve(ctx context.Context, args []string) error {
	fs, dsn := e.flags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	demoN := fs.Int("demo", 0, "load a demo workspace with this many accounts if the database has none")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure (set when served over HTTPS)")
	scoreEvery := fs.Duration("score-check", time.Hour, "how often to look for workspaces not yet scored today (customer scores are rescored daily)")
	jobPoll := fs.Duration("job-poll", 5*time.Second, "how often the background job worker looks for due jobs (daily pool reclaim)")
	return e.withDB(ctx, fs, dsn, args, func(db *store.DB, svc *service.Service) error {
		if *demoN > 0 {
			if err := e.loadDemo(ctx, db, svc, demo.Options{Accounts: *demoN, Seed: 1}, true); err != nil {
				return err
			}
		}
		handler := httpapi.NewServer(httpapi.Config{Version: Version, Logger: e.log, UI: web.Handler(),
			SecureCookies: *secure, Ping: db.Ping}, svc)
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", *addr, err)
		}
		srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
			WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
		e.log.Info("guanxi serving", "url", "http://"+ln.Addr().String(), "db", redact(*dsn), "dialect", db.Dialect())
		fmt.Fprintf(e.stdout, "Guanxi is running at http://%s\n", ln.Addr())
		scoring, stopScoring := context.WithCancel(ctx)
		defer stopScoring()
		svc.SetLogger(e.log)
		go svc.RefreshScoresDaily(scoring, *scoreEvery)
		go e.startJobs(scoring, db, svc, *scoreEvery, *jobPoll)
		errc := make(chan error, 1)
		go func() { errc <- srv.Serve(ln) }()
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
		e.log.Info("shutting down")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
}
