package coding

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding/refi"
)

// TestCodebookREFI: the codebook written as .qdc reads back with every code,
// its label, description and parent, and a GUID that does not change.
func TestCodebookREFI(t *testing.T) {
	cb := &Codebook{Codes: []Code{
		{Code: "I1.1", Label: "Genoeg tijd", Dimension: "I", Parent: "I1", Description: "Tijd & ruimte <ook> \"nu\""},
		{Code: "I1", Label: "Aandacht voor randvoorwaarden", Dimension: "I"},
		{Code: "M1", Label: "Vertrouwen", Dimension: "M"},
		{Code: "I1.1.1", Label: "Ëén gesprek", Dimension: "I", Parent: "I1.1"},
	}}
	var buf bytes.Buffer
	require.NoError(t, refi.WriteCodebook(&buf, cb.REFI()))
	path := filepath.Join(t.TempDir(), "codebook.qdc")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	back, err := refi.ReadCodebook(context.Background(), path)
	require.NoError(t, err)
	require.Empty(t, back.Warnings)

	got := map[string][3]string{} // name -> parent's name, description, guid
	names := map[string]string{}
	for _, c := range refi.All(back.Codes) {
		names[c.GUID] = c.Name
	}
	for _, c := range refi.All(back.Codes) {
		got[c.Name] = [3]string{names[c.Parent], c.Description, c.GUID}
	}
	assert.Equal(t, map[string][3]string{
		"I1 Aandacht voor randvoorwaarden": {"", "", refi.StableGUID("I1")},
		"I1.1 Genoeg tijd":                 {"I1 Aandacht voor randvoorwaarden", "Tijd & ruimte <ook> \"nu\"", refi.StableGUID("I1.1")},
		"I1.1.1 Ëén gesprek":               {"I1.1 Genoeg tijd", "", refi.StableGUID("I1.1.1")},
		"M1 Vertrouwen":                    {"", "", refi.StableGUID("M1")},
	}, got)
	assert.Equal(t, []string{"I1 Aandacht voor randvoorwaarden", "M1 Vertrouwen"},
		[]string{back.Codes[0].Name, back.Codes[1].Name}, "top-level codes in codebook order")
}
