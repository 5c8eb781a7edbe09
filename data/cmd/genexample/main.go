// Command genexample writes the invented example study into a folder:
//
//	genexample DIR
//
// `make example` runs it as `go run ./data/cmd/genexample data/example`.
package main

import (
	"fmt"
	"os"

	"github.com/cimo-tool/cimo/data"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genexample DIR")
		os.Exit(1)
	}
	if err := data.WriteExample(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "genexample:", err)
		os.Exit(1)
	}
}
