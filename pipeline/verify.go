package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A Difference is one file that is not what a manifest says.
type Difference struct {
	Kind string // "input", "output" (in the output folder) or "rerun" (what a new run writes)
	Path string
	What string // changed, missing or unexpected
}

func (d Difference) String() string {
	switch d.Kind {
	case "input":
		return fmt.Sprintf("input %s: %s since the manifest was written", d.Path, d.What)
	case "output":
		return fmt.Sprintf("output %s: %s since the manifest was written", d.Path, d.What)
	}
	return fmt.Sprintf("output %s: a new run gives a different file (%s)", d.Path, d.What)
}

// Verification is what cimo verify found.
type Verification struct {
	Manifest    *Manifest
	Differences []Difference
	// Notes are differences of build that may explain Differences, such as
	// another version of cimo or DuckDB.
	Notes []string
}

// Verify checks a run against its manifest: the inputs and the outputs in
// the manifest's folder must still have their recorded hashes, and running
// the study again into a temporary folder must give the same outputs.
func Verify(ctx context.Context, manifestPath string) (*Verification, error) {
	m, err := ReadManifest(manifestPath)
	if err != nil {
		return nil, err
	}
	v := &Verification{Manifest: m}
	outDir := filepath.Dir(manifestPath)
	studyPath := filepath.Join(outDir, filepath.FromSlash(m.Study))
	st, err := LoadStudy(studyPath)
	if err != nil {
		return nil, err
	}
	inputs, err := hashInputs(st)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	v.Differences = append(v.Differences, compareHashes("input", m.Inputs, inputs)...)
	outputs, err := hashOutputs(outDir)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	v.Differences = append(v.Differences, compareHashes("output", m.Outputs, outputs)...)

	tmp, err := os.MkdirTemp("", "cimo-verify-")
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(tmp)
	res, err := Run(ctx, studyPath, Options{Out: tmp, AllowPII: m.AllowPII, OutputOptions: m.Options})
	if err != nil {
		return nil, fmt.Errorf("verify: the new run failed: %w", err)
	}
	v.Differences = append(v.Differences, compareHashes("rerun", m.Outputs, res.Manifest.Outputs)...)
	if res.Manifest.Tool != m.Tool {
		v.Notes = append(v.Notes, fmt.Sprintf("the manifest was written by cimo %s (commit %s), this is %s (commit %s)",
			m.Tool.Version, m.Tool.Commit, res.Manifest.Tool.Version, res.Manifest.Tool.Commit))
	}
	if res.Manifest.DuckDB != m.DuckDB {
		v.Notes = append(v.Notes, fmt.Sprintf("the manifest was written with DuckDB %s, this is %s", m.DuckDB, res.Manifest.DuckDB))
	}
	if res.Manifest.Codebook != m.Codebook {
		v.Notes = append(v.Notes, "the codebook's content differs from the manifest's")
	}
	return v, nil
}

// compareHashes lists the files of want that got lacks or holds with other
// bytes, and the files got has beyond want, by path.
func compareHashes(kind string, want, got []FileHash) []Difference {
	g := make(map[string]string, len(got))
	for _, f := range got {
		g[f.Path] = f.SHA256
	}
	var out []Difference
	for _, f := range want {
		h, ok := g[f.Path]
		switch {
		case !ok:
			out = append(out, Difference{kind, f.Path, "missing"})
		case h != f.SHA256:
			out = append(out, Difference{kind, f.Path, "changed"})
		}
		delete(g, f.Path)
	}
	for p := range g {
		out = append(out, Difference{kind, p, "unexpected"})
	}
	slices.SortStableFunc(out, func(a, b Difference) int { return strings.Compare(a.Path, b.Path) })
	return out
}
