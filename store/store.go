package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

//go:embed schema.sql
var schema string

// SchemaVersion changes whenever schema.sql does; a store records the version
// it was written with.
const SchemaVersion = "4"

// ErrInUse means another process has the store open: DuckDB allows one
// writing process per file.
var ErrInUse = errors.New("store in use by another run")

// Store is an open DuckDB store file.
type Store struct {
	path        string
	memoryLimit string
	connector   *duckdb.Connector
	db          *sql.DB
	closed      bool
}

// DefaultMemoryLimit is DuckDB's memory limit unless a run asks for
// another: what its hash tables, sorts and cache of the store may hold
// before they spill to a temporary folder beside the store. DuckDB's own
// default is 80% of the machine's memory, which it takes when it can: a run
// on a million coded segments then peaked at 1.6 to 1.9 GB, and with this
// limit at 0.85 to 0.95 GB, about a tenth slower.
const DefaultMemoryLimit = "300MB"

// Open opens or creates the store at path, as OpenLimited with
// DefaultMemoryLimit.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenLimited(ctx, path, DefaultMemoryLimit)
}

// OpenLimited opens or creates the store at path, creating its folder, with
// DuckDB's memory limit at memoryLimit (DuckDB's notation: "300MB",
// "2GB"; "" for DefaultMemoryLimit). The store holds the quotes, so the
// folder it creates and the file are readable by their owner only (0700,
// 0600), also a store an older run left readable.
func OpenLimited(ctx context.Context, path, memoryLimit string) (*Store, error) {
	if memoryLimit == "" {
		memoryLimit = DefaultMemoryLimit
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	s := &Store{path: path, memoryLimit: memoryLimit}
	var err error
	if s.connector, s.db, err = openDB(ctx, path, memoryLimit); err != nil {
		return nil, err
	}
	return s, nil
}

// openDB opens or creates the DuckDB file at path, readable by its owner
// only.
func openDB(ctx context.Context, path, memoryLimit string) (*duckdb.Connector, *sql.DB, error) {
	connector, err := duckdb.NewConnector(path+"?"+url.Values{"memory_limit": {memoryLimit}}.Encode(), nil)
	if err != nil {
		return nil, nil, openError(path, err)
	}
	db := sql.OpenDB(connector)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		connector.Close()
		return nil, nil, openError(path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		connector.Close()
		return nil, nil, fmt.Errorf("store %s: %w", path, err)
	}
	return connector, db, nil
}

// OutOfMemory reports whether err is DuckDB's, failing to stay within its
// memory limit: a limit too low for the study, which the caller can raise.
// A query's error says so by its type; the Appender's only in DuckDB's
// message.
func OutOfMemory(err error) bool {
	var de *duckdb.Error
	if errors.As(err, &de) && de.Type == duckdb.ErrorTypeOutOfMemory {
		return true
	}
	return err != nil && strings.Contains(err.Error(), "could not allocate block")
}

// openError says in plain words why DuckDB would not open the file.
func openError(path string, err error) error {
	var de *duckdb.Error
	if errors.As(err, &de) && de.Type == duckdb.ErrorTypeIO {
		msg := strings.ToLower(de.Msg)
		switch {
		case strings.Contains(msg, "lock"):
			return fmt.Errorf("store %s: %w: wait for it to finish, or use another --out folder", path, ErrInUse)
		case strings.Contains(msg, "not a valid duckdb database"):
			return fmt.Errorf("store %s is not a DuckDB database: remove it or use another --out folder", path)
		}
	}
	return fmt.Errorf("store %s: %w", path, err)
}

// SetThreads sets how many threads DuckDB gives one query, for the queries
// that follow on any connection; n < 1 means one.
func (s *Store) SetThreads(ctx context.Context, n int) error {
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("SET threads = %d", max(n, 1))); err != nil {
		return fmt.Errorf("store %s: threads: %w", s.path, err)
	}
	return nil
}

// DB is the store for reading. Tables are complete and committed.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the store's file.
func (s *Store) Path() string { return s.path }

// Close closes the store, writing a checkpoint so the file stands alone
// without its write-ahead log. Closing twice is harmless.
func (s *Store) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	_, cerr := s.db.Exec("CHECKPOINT")
	err := errors.Join(cerr, s.db.Close(), s.connector.Close())
	if err != nil {
		return fmt.Errorf("store %s: close: %w", s.path, err)
	}
	return nil
}
