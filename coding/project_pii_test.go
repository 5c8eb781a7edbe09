package coding

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProjectPII: personal data in a project's variables or texts stops
// the study as it does in a table cell, masked, unless it is allowed.
func TestProjectPII(t *testing.T) {
	qde := strings.Replace(projectQDE, "<TextValue>Haarlem</TextValue>", "<TextValue>Haarlem, bel 06-12345678</TextValue>", 1)
	require.NotEqual(t, projectQDE, qde)
	_, err := projectStudy(t, nil, qde, wp2)
	var ps *Problems
	require.True(t, errors.As(err, &ps), "error %v", err)
	assert.Equal(t, 1, ps.PII)
	msg := ps.Error()
	assert.Contains(t, msg, `wp2.qdpx`)
	assert.Contains(t, msg, `variable "Stad": looks like`)
	assert.NotContains(t, msg, "12345678", "the finding is masked")

	files := map[string]string{}
	for k, v := range validFiles {
		files[k] = v
	}
	src := validSources
	src.Dir = writeFiles(t, files)
	writeProject(t, src.Dir, "wp2.qdpx", qde)
	spec := wp2
	spec.File = "wp2.qdpx"
	src.Projects = []Project{spec}
	src.AllowPII = true
	_, err = Read(context.Background(), src)
	assert.NoError(t, err, "allowed with --allow-pii")
}
