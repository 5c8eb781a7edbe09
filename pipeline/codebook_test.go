package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// refiSchemas is where the REFI-QDA standard's schemas sit beside the clone.
const refiSchemas = "../../shared/interop/refi-qda/schema/official-v1.0"

// TestCodebookQDCValidates: the .qdc every run writes is valid against the
// standard's Codebook.xsd, so that QDA tools load it.
func TestCodebookQDCValidates(t *testing.T) {
	xsd := filepath.Join(refiSchemas, "Codebook.xsd")
	if _, err := os.Stat(xsd); err != nil {
		t.Skipf("the REFI-QDA schema is not beside the clone (%v): CI has it in ../shared", err)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed: make test installs it (Debian package libxml2-utils)")
	}
	for _, st := range studies {
		t.Run(st.name, func(t *testing.T) {
			out, _ := runStudy(t, st.path)
			cmd := exec.Command(xmllint, "--noout", "--schema", xsd, filepath.Join(out, CodebookFile))
			msg, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", msg)
		})
	}
}
