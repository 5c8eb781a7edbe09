package reports_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/pipeline"
)

// chromium finds Debian's chromium, installing it through .ci/deps when it
// is missing; the test is skipped, saying why, only if that fails too.
func chromium(t *testing.T) string {
	t.Helper()
	find := func() string {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				return p
			}
		}
		return ""
	}
	if p := find(); p != "" {
		return p
	}
	deps := filepath.Join("..", ".ci", "deps")
	if out, err := exec.Command(deps).CombinedOutput(); err != nil {
		t.Skipf("chromium is not installed and %s could not install it: %v\n%s", deps, err, out)
	}
	if p := find(); p != "" {
		return p
	}
	t.Skip("chromium is not installed and .ci/deps did not install it")
	return ""
}

// TestReportInBrowser opens every page of the example study's report in a
// real headless Chromium, at a laptop's and a phone's width: no console
// error or failed load, every image loaded, the stylesheet applied, a
// table sorts when its heading is clicked, the navigation leads to each
// page, and nothing but a table's own box scrolls sideways on a phone. A
// screenshot of each page at each width is written to $TMPDIR/cimo-screenshots
// for a person to look at.
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := chromium(t)
	ctx := context.Background()
	out := t.TempDir()
	_, err := pipeline.Run(ctx, filepath.Join("..", "data", "example", "study.yaml"), pipeline.Options{Out: out})
	require.NoError(t, err)

	shots := filepath.Join(os.TempDir(), "cimo-screenshots")
	require.NoError(t, os.RemoveAll(shots))
	require.NoError(t, os.MkdirAll(shots, 0o755))
	t.Logf("screenshots of every page: %s", shots)

	var pages []string
	require.NoError(t, filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			rel, _ := filepath.Rel(out, path)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	}))
	slices.Sort(pages)
	require.Contains(t, pages, "index.html")
	require.Contains(t, pages, "codebook.html")
	for _, scope := range []string{"WP1", "WP2", "WP3", "WP4", "all"} {
		require.Contains(t, pages, scope+"/index.html")
		require.Contains(t, pages, scope+"/matrices/index.html")
	}

	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	require.NoError(t, chromedp.Run(bctx), "start chromium")

	for _, page := range pages {
		for _, vp := range []struct {
			name          string
			width, height int64
			mobile        bool
		}{{"laptop", 1280, 900, false}, {"phone", 390, 844, true}} {
			t.Run(page+"/"+vp.name, func(t *testing.T) {
				tctx, cancel := chromedp.NewContext(bctx)
				defer cancel()
				tctx, cancel = context.WithTimeout(tctx, 2*time.Minute)
				defer cancel()
				problems := watchConsole(tctx)
				url := "file://" + filepath.ToSlash(filepath.Join(out, page))
				var broken []string
				var overflow bool
				var header string
				var shot []byte
				emulate := chromedp.EmulateViewport(vp.width, vp.height)
				if vp.mobile {
					emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateMobile)
				}
				require.NoError(t, chromedp.Run(tctx,
					log.Enable(), runtime.Enable(), emulate,
					chromedp.Navigate(url),
					chromedp.Evaluate(`Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)`, &broken),
					chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
					chromedp.Evaluate(`getComputedStyle(document.querySelector("header.site")).backgroundColor`, &header),
					chromedp.FullScreenshot(&shot, 100),
				))
				assert.Empty(t, broken, "images that did not load")
				assert.False(t, overflow, "the page is wider than the window: only a table's box may scroll sideways")
				assert.Equal(t, "rgb(31, 78, 121)", header, "the stylesheet is applied")
				assert.Empty(t, problems(), "console errors and failed loads")
				name := strings.ReplaceAll(strings.TrimSuffix(page, ".html"), "/", "_") + "-" + vp.name + ".png"
				require.NoError(t, os.WriteFile(filepath.Join(shots, name), shot, 0o644))
			})
		}
	}

	t.Run("navigation", func(t *testing.T) {
		tctx, cancel := chromedp.NewContext(bctx)
		defer cancel()
		var hrefs []string
		require.NoError(t, chromedp.Run(tctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, "index.html"))),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("header.site nav a")).map(a => a.getAttribute("href"))`, &hrefs)))
		require.Len(t, hrefs, 7, "home, four work packages, the whole study, the codebook")
		// Follow each link from a page one folder down, as a reader would.
		start := "file://" + filepath.ToSlash(filepath.Join(out, "WP2", "index.html"))
		for i := range hrefs {
			var loc, h1 string
			sel := fmt.Sprintf(`header.site nav li:nth-child(%d) a`, i+1)
			want := filepath.ToSlash(filepath.Join(out, filepath.FromSlash(hrefs[i])))
			if hrefs[i] == "../WP2/index.html" || strings.HasSuffix(want, "/WP2/index.html") {
				continue // the page itself
			}
			require.NoError(t, chromedp.Run(tctx, chromedp.Navigate(start), chromedp.Click(sel, chromedp.ByQuery)))
			// Wait for the page the click leads to (asking while it loads
			// may fail), then read its heading.
			deadline := time.Now().Add(20 * time.Second)
			for time.Now().Before(deadline) {
				var ready string
				err := chromedp.Run(tctx, chromedp.Location(&loc), chromedp.Evaluate(`document.readyState`, &ready))
				if err == nil && loc != start && ready == "complete" {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			require.NoError(t, chromedp.Run(tctx, chromedp.Text("h1", &h1, chromedp.ByQuery)))
			assert.Equal(t, "file://"+want, loc, "link %d", i+1)
			assert.NotEmpty(t, h1)
		}
	})

	t.Run("sorting", func(t *testing.T) {
		tctx, cancel := chromedp.NewContext(bctx)
		defer cancel()
		// Click the heading of codes.csv's segments column twice: first
		// ascending, then descending, by number.
		var asc, desc []string
		col := `Array.from(document.querySelectorAll("#t-codes tbody tr")).map(r => r.cells[4].textContent)`
		btn := `#t-codes thead th:nth-child(5) button`
		require.NoError(t, chromedp.Run(tctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, "WP2", "index.html"))),
			chromedp.Click(btn, chromedp.ByQuery), chromedp.Evaluate(col, &asc),
			chromedp.Click(btn, chromedp.ByQuery), chromedp.Evaluate(col, &desc)))
		require.NotEmpty(t, asc)
		assert.True(t, slices.IsSortedFunc(asc, byNumber), "ascending: %v", asc)
		assert.True(t, slices.IsSortedFunc(desc, func(a, b string) int { return byNumber(b, a) }), "descending: %v", desc)
	})
}

func byNumber(a, b string) int {
	var x, y int
	fmt.Sscan(a, &x)
	fmt.Sscan(b, &y)
	return x - y
}

// watchConsole collects the page's console errors, uncaught exceptions and
// log entries of level error (a file that failed to load is one).
func watchConsole(ctx context.Context) func() []string {
	var mu sync.Mutex
	var got []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value))
				}
				got = append(got, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			got = append(got, "exception: "+ev.ExceptionDetails.Error())
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError || ev.Entry.Level == log.LevelWarning {
				got = append(got, fmt.Sprintf("%s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(got)
	}
}
