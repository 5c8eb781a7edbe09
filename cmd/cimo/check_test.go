package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCheckExample: the invented example study holds nothing that looks
// like personal data, so that cimo check and cimo run pass it as it is.
func TestCheckExample(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"check", filepath.Join("..", "..", "data", "example", "study.yaml")}, &stdout, &stderr)
	assert.Equal(t, exitOK, code, stderr.String())
	assert.Empty(t, stderr.String())
	assert.Contains(t, stdout.String(), "no e-mail addresses, phone numbers, BSNs or IBANs in the cells of its 8 table files")
}
