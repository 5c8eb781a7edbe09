package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/cimo-tool/cimo/coding"
	"golang.org/x/sync/errgroup"
)

// ManifestFile names the manifest inside the output folder.
const ManifestFile = "manifest.json"

// A Manifest records what a run read and wrote, so that anyone can check
// that the same inputs still give the same outputs (cimo verify). It holds
// no timestamps and no absolute paths: two runs of the same study with the
// same build give the same file on any machine.
type Manifest struct {
	// Study is the study file, relative to the manifest's folder.
	Study  string `json:"study"`
	Tool   Tool   `json:"tool"`
	DuckDB string `json:"duckdb"`
	// Codebook is the SHA-256 of the codebook's content (code, label,
	// dimension, parent, description per code, in code order): the same
	// codebook gives the same hash whatever file format it came in.
	Codebook string `json:"codebook_sha256"`
	// AllowPII records a run with --allow-pii, so that verify runs the
	// study the same way.
	AllowPII bool `json:"allow_pii,omitempty"`
	// Options are the run's settings that change its outputs; cimo verify
	// runs again with them.
	Options OutputOptions `json:"options"`
	// Inputs are relative to the study file's folder; Outputs to the
	// output folder. Both are sorted by path.
	Inputs  []FileHash `json:"inputs"`
	Outputs []FileHash `json:"outputs"`
}

// Tool says which build of cimo wrote a manifest.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Commit  string `json:"commit"`
}

// FileHash is one file and the SHA-256 of its bytes.
type FileHash struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// notOutputs are files in the output folder that the manifest does not pin:
// the store is a database file whose bytes vary from run to run, and the
// manifest cannot hold its own hash.
var notOutputs = []string{StoreFile, StoreFile + ".wal", ManifestFile}

// buildTool reads the version and commit Go stamps into the binary.
func buildTool() Tool {
	t := Tool{Name: "cimo", Version: "unknown", Commit: "unknown"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return t
	}
	t.Version = bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			t.Commit = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				t.Commit += "+modified"
			}
		}
	}
	return t
}

// writeManifest hashes everything in out and writes out/manifest.json with
// inputs, the hashes of the study's inputs that the run read (hashInputs):
// the same hashes the store records, and no second pass over large inputs.
func writeManifest(ctx context.Context, db *sql.DB, st *Study, data *coding.Study, inputs []FileHash, out string, opts OutputOptions) (*Manifest, error) {
	m := &Manifest{Tool: buildTool(), Codebook: codebookHash(data.Codebook), Options: opts, AllowPII: st.Sources.AllowPII, Inputs: inputs}
	if err := db.QueryRowContext(ctx, "SELECT library_version FROM pragma_version()").Scan(&m.DuckDB); err != nil {
		return nil, fmt.Errorf("manifest: duckdb version: %w", err)
	}
	var err error
	if m.Study, err = relSlash(out, st.Path); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if m.Outputs, err = hashOutputs(out); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	raw = append(raw, '\n')
	if err := os.WriteFile(filepath.Join(out, ManifestFile), raw, 0o644); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return m, nil
}

// ReadManifest reads a manifest written by a run.
func ReadManifest(path string) (*Manifest, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("manifest %s: not a cimo manifest: %w", path, err)
	}
	if m.Study == "" {
		return nil, fmt.Errorf("manifest %s: names no study file", path)
	}
	return &m, nil
}

// hashInputs hashes the study file and every file it names.
func hashInputs(st *Study) ([]FileHash, error) {
	inputs, err := st.inputFiles()
	if err != nil {
		return nil, err
	}
	files := append([]string{filepath.Base(st.Path)}, inputs...)
	slices.Sort(files)
	files = slices.Compact(files)
	out := make([]FileHash, 0, len(files))
	for _, f := range files {
		h, err := hashFile(filepath.Join(st.Dir, f))
		if err != nil {
			return nil, err
		}
		h.Path = filepath.ToSlash(f)
		out = append(out, h)
	}
	return out, nil
}

// hashOutputs hashes every file under out but the store and the manifest,
// a file per CPU: a large study's outputs run to gigabytes.
func hashOutputs(out string) ([]FileHash, error) {
	var list []FileHash
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(out, path)
		if err != nil {
			return err
		}
		if !slices.Contains(notOutputs, rel) {
			list = append(list, FileHash{Path: rel})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range list {
		g.Go(func() error {
			h, err := hashFile(filepath.Join(out, list[i].Path))
			h.Path = filepath.ToSlash(list[i].Path)
			list[i] = h
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	slices.SortFunc(list, func(a, b FileHash) int { return strings.Compare(a.Path, b.Path) })
	return list, nil
}

func hashFile(path string) (FileHash, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileHash{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileHash{}, err
	}
	return FileHash{SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

// codebookHash hashes the codebook's content as JSON lines in code order.
func codebookHash(cb *coding.Codebook) string {
	codes := slices.Clone(cb.Codes)
	slices.SortFunc(codes, func(a, b coding.Code) int { return strings.Compare(a.Code, b.Code) })
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, c := range codes {
		enc.Encode([]string{c.Code, c.Label, c.Dimension, c.Parent, c.Description})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// relSlash is target relative to the folder base, with forward slashes.
func relSlash(base, target string) (string, error) {
	a, err := filepath.Abs(base)
	if err != nil {
		return "", err
	}
	b, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(a, b)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

// inputFiles are the files the study file names, relative to its folder:
// tables, and REFI-QDA files, each file of a project folder apart.
func (st *Study) inputFiles() ([]string, error) {
	src := st.Sources
	var names []string
	for _, t := range append([]coding.Table{src.Codebook, src.Respondents, src.Interviews, src.Events}, src.Segments...) {
		if t.File != "" {
			names = append(names, t.File)
		}
	}
	for _, p := range src.Projects {
		names = append(names, p.File)
	}
	var files []string
	for _, name := range names {
		root := filepath.Join(st.Dir, name)
		if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
			files = append(files, name)
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(st.Dir, path)
			files = append(files, rel)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
