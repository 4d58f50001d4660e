// Command ferretdb runs FerretDB 1.24 (PostgreSQL or SQLite backend) embedded, as a MongoDB-wire
// server for local tests. We build it ourselves because `go install` of the upstream
// command panics at start (it expects build/version/version.txt, FerretDB issue 2982).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("data", "./data", "directory for the SQLite files")
	postgresURL := flag.String("postgresql-url", "", "run on this PostgreSQL database instead of SQLite")
	flag.Parse()

	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb: cannot create data directory:", err)
		os.Exit(1)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	config := ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *addr},
		Logger:   logger,
		Handler:  "sqlite",
		// WAL with synchronous=NORMAL: a crash of this process loses nothing, only a power cut
		// may drop the last commits, which read models (rebuildable from the event store) can afford;
		// the default FULL syncs every single-document write and made each one cost ~14 ms.
		SQLiteURL: "file:" + *dir + "/?_pragma=synchronous(normal)",
	}
	if *postgresURL != "" {
		config.Handler, config.PostgreSQLURL = "postgresql", *postgresURL
	}
	f, err := ferretdb.New(&config)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Printf("FerretDB %s (%s) listening on %s\n", moduleVersion(), config.Handler, f.MongoDBURI())
	if err := f.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

// moduleVersion is the FerretDB module version this binary was built with; the embedded
// server itself answers "unknown" (its version file is only written by upstream's build).
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/FerretDB/FerretDB" {
				return dep.Version
			}
		}
	}
	return "unknown"
}
