package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/assert"
)

func TestMain(m *testing.M) {
	os.Exit(testscript.RunMain(m, map[string]func() int{
		"cimo": func() int { return Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr) },
	}))
}

// TestScripts runs the command as a user would, from testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

// TestExitCodes: 0 for success, 2 for bad input or usage, 1 for anything else.
func TestExitCodes(t *testing.T) {
	example := filepath.Join("..", "..", "data", "example", "study.yaml")
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"rnu"}, exitUsage},
		{"help", []string{"help"}, exitOK},
		{"run help", []string{"run", "-h"}, exitOK},
		{"run without study", []string{"run"}, exitUsage},
		{"flag after the file", []string{"run", example, "--out", "x"}, exitUsage},
		{"unknown flag", []string{"run", "--output", "x", example}, exitUsage},
		{"missing study file", []string{"run", "--out", t.TempDir(), "nothere/study.yaml"}, exitUsage},
		{"output cannot be written", []string{"run", "--out", filepath.Join(notADir, "out"), example}, exitFailure},
		{"example", []string{"run", "--out", t.TempDir(), example}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			got := Run(context.Background(), tt.args, &stdout, &stderr)
			assert.Equal(t, tt.want, got, "stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
			assert.NotContains(t, stderr.String(), "goroutine", "no stack trace for a user")
		})
	}
}

func TestInterruptedRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	got := Run(ctx, []string{"run", "--out", t.TempDir(), filepath.Join("..", "..", "data", "example", "study.yaml")}, &stdout, &stderr)
	assert.Equal(t, exitFailure, got)
	assert.Contains(t, stderr.String(), "interrupted")
}
