package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// Exit codes, the one place they are decided.
const (
	exitOK      = 0
	exitFailure = 1 // the run failed for a reason other than its input
	exitUsage   = 2 // bad input or a malformed command line
)

// usageError is a command line that cannot be run.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// report writes err for a person, one line per fault, and returns the exit
// code its kind calls for.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var problems *coding.Problems
	var usage usageError
	var checked checkFailed
	switch {
	case errors.As(err, &problems):
		fmt.Fprintln(stderr, problems.Error())
		n := len(problems.List) + problems.Omitted
		if errors.As(err, &checked) {
			fmt.Fprintf(stderr, "cimo check: %d %s in the study\n", n, plural(n, "problem", "problems"))
		} else {
			fmt.Fprintf(stderr, "cimo: %d %s in the study; nothing was written\n", n, plural(n, "problem", "problems"))
		}
		if k := problems.PII; k > 0 {
			fmt.Fprintf(stderr, "cimo: %d of them %s like personal data, which a pseudonymised study does not hold; "+
				"if %s not, cimo run --allow-pii reads the study all the same\n",
				k, plural(k, "looks", "look"), plural(k, "it is", "they are"))
		}
		return exitUsage
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "cimo: %s (see 'cimo help')\n", usage.msg)
		return exitUsage
	case store.OutOfMemory(err):
		fmt.Fprintln(stderr, "cimo: DuckDB needed more memory than its limit allows: run again with a higher --memory, such as --memory 2GB")
		return exitFailure
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "cimo: interrupted; the store keeps what it held before this run")
		return exitFailure
	}
	fmt.Fprintf(stderr, "cimo: %v\n", err)
	return exitFailure
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
