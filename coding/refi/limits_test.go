package refi

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildZip writes a zip whose entries the test shapes by their headers.
func buildZip(t *testing.T, add func(zw *zip.Writer)) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add(zw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "p.qdpx")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func create(t *testing.T, zw *zip.Writer, h *zip.FileHeader, data []byte) {
	t.Helper()
	w, err := zw.CreateHeader(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
}

// TestArchiveLimits: a project zip that tries to leave its folder, links
// elsewhere, holds too many entries or inflates like a zip bomb, and XML
// that declares a DOCTYPE or entities, are refused with one line naming the
// file, before anything is read from them.
func TestArchiveLimits(t *testing.T) {
	good := []byte(minimalQDE(textSource(selection("0", "4", knownCode))))
	text := []byte("Tekst van een verzonnen interview.")
	base := func(zw *zip.Writer) {
		create(t, zw, &zip.FileHeader{Name: "project.qde", Method: zip.Deflate}, good)
		create(t, zw, &zip.FileHeader{Name: "Sources/t.txt", Method: zip.Deflate}, text)
	}
	cases := []struct {
		name string
		add  func(zw *zip.Writer)
		want string
	}{
		{"parent path", func(zw *zip.Writer) {
			base(zw)
			create(t, zw, &zip.FileHeader{Name: "../../etc/cron.d/x"}, []byte("x"))
		}, `holds an entry "../../etc/cron.d/x" whose path leaves the archive`},
		{"absolute path", func(zw *zip.Writer) {
			base(zw)
			create(t, zw, &zip.FileHeader{Name: "/etc/passwd"}, []byte("x"))
		}, `holds an entry "/etc/passwd" whose path leaves the archive`},
		{"link", func(zw *zip.Writer) {
			base(zw)
			h := &zip.FileHeader{Name: "Sources/u.txt"}
			h.SetMode(fs.ModeSymlink | 0o777)
			create(t, zw, h, []byte("/etc/passwd"))
		}, `holds an entry "Sources/u.txt" that is a link`},
		{"too many entries", func(zw *zip.Writer) {
			base(zw)
			for i := range MaxEntries {
				create(t, zw, &zip.FileHeader{Name: fmt.Sprintf("Sources/%05d.txt", i), Method: zip.Store}, nil)
			}
		}, fmt.Sprintf("holds %d entries, more than the %d a project may have", MaxEntries+2, MaxEntries)},
		{"zip bomb", func(zw *zip.Writer) {
			base(zw)
			// 64 MiB of zeros deflate to about 64 KiB: a ratio near 1000.
			create(t, zw, &zip.FileHeader{Name: "Sources/bomb.txt", Method: zip.Deflate}, make([]byte, 64<<20))
		}, `holds an entry "Sources/bomb.txt" that inflates from`},
		{"doctype", func(zw *zip.Writer) {
			doc := strings.Replace(string(good), "<Project ", "<!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Project ", 1)
			create(t, zw, &zip.FileHeader{Name: "project.qde", Method: zip.Deflate}, []byte(doc))
			create(t, zw, &zip.FileHeader{Name: "Sources/t.txt", Method: zip.Deflate}, text)
		}, "project.qde:2:1: declares a DOCTYPE or ENTITY: REFI-QDA files have none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := buildZip(t, c.add)
			_, err := ReadProject(context.Background(), p, Options{})
			msg := mustErrors(t, err)
			if !strings.HasPrefix(msg, p+": ") || !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line naming %s and saying %q", msg, p, c.want)
			}
		})
	}
	// The same project without the extra entry reads.
	if _, err := ReadProject(context.Background(), buildZip(t, base), Options{}); err != nil {
		t.Fatalf("the base project: %v", err)
	}
}

// TestFolderLink: an unzipped project folder with a link in it is refused
// rather than followed.
func TestFolderLink(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "project.qde"), []byte(minimalQDE(textSource(selection("0", "4", knownCode)))), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "Sources"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "Sources", "t.txt")); err != nil {
		t.Skipf("cannot make a link here: %v", err)
	}
	_, err := ReadProject(context.Background(), dir, Options{})
	if msg := mustErrors(t, err); !strings.Contains(msg, "Sources/t.txt: is a link: refusing to follow it") {
		t.Errorf("error %q", msg)
	}
}
