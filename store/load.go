package store

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cimo-tool/cimo/coding"
)

// Info is what the study file says of the study itself.
type Info struct {
	Name         string
	Language     string
	WorkPackages []WorkPackage
	Inputs       []InputFile
}

// An InputFile is a file the study was read from, by its path relative to
// the study file and the SHA-256 of its bytes: every row's source_file
// names one, so a row can be traced to the exact version it came from.
type InputFile struct {
	File   string
	SHA256 string
	Bytes  int64
}

// A WorkPackage as the store records it, in study order.
type WorkPackage struct{ ID, Title string }

// Load appends a read study to the store's tables through DuckDB's Appender,
// its bulk path: no row goes through an INSERT statement.
func (tx *Tx) Load(ctx context.Context, info Info, st *coding.Study) error {
	if err := tx.loadTables(ctx, info, st); err != nil {
		return err
	}
	if _, err := tx.conn.ExecContext(ctx, deriveCodings); err != nil {
		return fmt.Errorf("load codings: %w", err)
	}
	return nil
}

// loadTables appends the study's rows, all but the derived codings.
func (tx *Tx) loadTables(ctx context.Context, info Info, st *coding.Study) error {
	if _, err := tx.conn.ExecContext(ctx, "INSERT INTO meta VALUES ('study_name', ?), ('language', ?)", info.Name, info.Language); err != nil {
		return fmt.Errorf("load meta: %w", err)
	}
	tables := []struct {
		name string
		n    int
		row  func(i int) []driver.Value
	}{
		{"work_packages", len(info.WorkPackages), func(i int) []driver.Value {
			wp := info.WorkPackages[i]
			return []driver.Value{wp.ID, null(wp.Title), int32(i + 1)}
		}},
		{"input_files", len(info.Inputs), func(i int) []driver.Value {
			f := info.Inputs[i]
			return []driver.Value{f.File, f.SHA256, f.Bytes}
		}},
		{"codes", len(st.Codebook.Codes), func(i int) []driver.Value {
			c := st.Codebook.Codes[i]
			return []driver.Value{c.Code, c.Label, c.Dimension, null(c.Parent), null(c.Description), c.Category, int32(c.Depth), c.File, int32(c.Row)}
		}},
		{"respondents", len(st.Respondents), func(i int) []driver.Value {
			r := st.Respondents[i]
			return []driver.Value{r.ID, r.Role, r.City, null(r.Organisation), r.File, int32(r.Row)}
		}},
		{"interviews", len(st.Interviews), func(i int) []driver.Value {
			iv := st.Interviews[i]
			from, to := dateRange(iv.Date)
			return []driver.Value{iv.ID, iv.RespondentID, iv.WorkPackage, null(iv.Date.Raw), from, to, null(iv.CaseID), iv.File, int32(iv.Row)}
		}},
		{"events", len(st.Events), func(i int) []driver.Value {
			e := st.Events[i]
			from, to := dateRange(e.Date)
			return []driver.Value{e.CaseID, e.ID, int32(e.Seq), e.Kind, null(e.Date.Raw), from, to, null(e.Phase), null(e.Description), e.File, int32(e.Row)}
		}},
		{"segments", len(st.Segments), func(i int) []driver.Value {
			s := st.Segments[i]
			return []driver.Value{int32(s.No), s.InterviewID, s.SegmentID, s.Code, null(s.EventID), null(s.ChainID), null(s.Coder),
				position(s.Start), position(s.End), null(s.Valence), null(s.Quote), s.File, int32(s.Row)}
		}},
	}
	for _, t := range tables {
		if err := tx.appendRows(ctx, t.name, t.n, t.row); err != nil {
			return fmt.Errorf("load %s: %w", t.name, err)
		}
	}
	return nil
}

// deriveCodings fills the codings table (see schema.sql) from what was loaded.
const deriveCodings = `
INSERT INTO codings
SELECT s.segment_no, s.interview_id, s.segment_id, s.code, c.dimension, c.category,
       i.work_package, i.respondent_id,
       coalesce(e.case_id, i.case_id), s.event_id,
       CASE WHEN s.chain_id IS NOT NULL THEN 'chain_id'
            WHEN s.event_id IS NOT NULL THEN 'event_id' END,
       coalesce(s.chain_id, s.event_id),
       s.valence, s.coder, k.coders
FROM segments s
JOIN codes c USING (code)
JOIN interviews i USING (interview_id)
LEFT JOIN events e USING (event_id)
JOIN (SELECT segment_no, count(DISTINCT coder) AS coders FROM segments GROUP BY segment_no) k USING (segment_no)`

func (tx *Tx) appendRows(ctx context.Context, table string, n int, row func(int) []driver.Value) error {
	return tx.conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return err
		}
		for i := range n {
			if i%65536 == 0 {
				if err := ctx.Err(); err != nil {
					a.Close()
					return err
				}
			}
			if err := a.AppendRow(row(i)...); err != nil {
				a.Close()
				return err
			}
		}
		return a.Close()
	})
}

// null stores an empty optional text as NULL, so that SQL's own NULL rules
// (count, coalesce) apply to what was not given.
func null(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

func position(p *int) driver.Value {
	if p == nil {
		return nil
	}
	return int32(*p)
}

func dateRange(d coding.Date) (from, to driver.Value) {
	if d.IsZero() {
		return nil, nil
	}
	return d.From, d.To
}
