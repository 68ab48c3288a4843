// Command guanxi is the Guanxi CRM: server, CLI and demo generator in one
// binary. See internal/app for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/guanxi-crm/guanxi/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(app.Run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr))
}
