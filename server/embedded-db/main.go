// Command embedded-db runs FerretDB (MongoDB wire protocol, SQLite storage) as a child process
// of the API server when no MONGODB_URI is configured. It prints one readiness line
// ("READY mongodb://…") on stdout and exits on SIGTERM/SIGINT.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27117", "TCP address to listen on")
	dir := flag.String("dir", "./data", "directory for the SQLite files")
	flag.Parse()

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "embedded-db:", err)
		os.Exit(2)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "embedded-db:", err)
		os.Exit(2)
	}

	var out = os.Stderr
	level := slog.LevelWarn
	if p := os.Getenv("EMBEDDED_DB_DEBUG_LOG"); p != "" {
		if f, err := os.Create(p); err == nil {
			out = f
			level = slog.LevelDebug
		}
	}
	logger := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: level}))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
		Logger:    logger,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "embedded-db:", err)
		os.Exit(1)
	}

	// EMBEDDED_DB_PPROF=127.0.0.1:6060 serves Go's profiler there (for benchmarks: where the database's CPU goes)
	if addr := os.Getenv("EMBEDDED_DB_PPROF"); addr != "" {
		go func() { fmt.Fprintln(os.Stderr, "embedded-db: pprof:", http.ListenAndServe(addr, nil)) }()
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	fmt.Println("READY " + f.MongoDBURI())

	if err := <-done; err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "embedded-db:", err)
		os.Exit(1)
	}
}
