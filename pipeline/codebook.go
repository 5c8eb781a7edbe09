package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/coding/refi"
)

// CodebookFile is the study's codebook as REFI-QDA, inside the output folder.
const CodebookFile = "codebook.qdc"

// writeCodebook writes the codebook as a .qdc that QDA tools load, so that a
// research group codes new material with exactly the codes the tables count.
func writeCodebook(cb *coding.Codebook, out string) error {
	var buf bytes.Buffer
	if err := refi.WriteCodebook(&buf, cb.REFI()); err != nil {
		return fmt.Errorf("%s: %w", CodebookFile, err)
	}
	path := filepath.Join(out, CodebookFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", CodebookFile, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("%s: %w", CodebookFile, err)
	}
	return nil
}
