# cimo: the two commands a researcher needs are `make run` and `make test`.
GO      ?= go
OUT     ?= out
STUDY   ?= data/example/study.yaml
export CGO_ENABLED = 1

.PHONY: run test deps build vet example golden bench fuzz clean

## run: the pipeline on the example study, into $(OUT)/
run: build
	./bin/cimo run --out $(OUT) $(STUDY)

## test: vet and every test (golden tables, recounts, CLI scripts). The
## pipeline package runs the whole study many times and takes about 6
## minutes on 2 CPUs, more on a busy machine: past go test's default
## 10-minute limit per package, hence the longer one.
test: deps vet
	$(GO) test -timeout 40m ./...

## deps: the Debian packages the tests need (gcc, xmllint, chromium, pdftotext), if missing
deps:
	@.ci/deps

## build: bin/cimo, stamped with its commit (the manifest records it)
build:
	$(GO) build -buildvcs=auto -o bin/cimo ./cmd/cimo

vet:
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

## example: regenerate the invented example study from its generator
example:
	$(GO) run ./data/cmd/genexample data/example

## golden: rewrite the golden files after a deliberate change; review the diff
golden:
	$(GO) test ./pipeline ./reports ./coding/refi -update

## bench: time every stage at 10k, 100k and 1M coded segments, and `cimo run`
## end to end, against the targets of issue 7 (11 to 20 minutes; see README).
## BENCHFLAGS adds flags of bench/e2e, e.g. BENCHFLAGS="-sizes 100k,1M -runs 3"
## for a shorter run.
BENCH_DIR  ?= $(or $(TMPDIR),/tmp)/cimo-bench
BENCHFLAGS ?=
bench: build
	$(GO) run ./bench/e2e -fresh -cli bin/cimo -dir $(BENCH_DIR) -go $(GO) $(BENCHFLAGS)

## fuzz: run every fuzz target in turn for $(FUZZTIME) each (8 targets:
## 80 minutes by default); a finding is saved under the package's
## testdata/fuzz/ and fails `go test` until fixed. New inputs are made
## smaller for at most $(FUZZMINIMIZE) (Go's default, 60s, spends much of a
## run on large inputs such as workbooks). FUZZFLAGS adds flags, e.g.
## FUZZFLAGS=-parallel=1 on a shared machine.
FUZZTIME     ?= 10m
FUZZMINIMIZE ?= 10s
FUZZFLAGS    ?=
FUZZ_TARGETS = \
	./coding:FuzzReadTable ./coding:FuzzReadWorkbook ./coding:FuzzParseDate ./coding:FuzzFindPII \
	./pipeline:FuzzLoadStudy \
	./coding/refi:FuzzReadCodebook ./coding/refi:FuzzReadProjectXML ./coding/refi:FuzzReadProjectZip
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "== $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $(FUZZFLAGS) $$pkg; \
	done

clean:
	rm -rf bin $(OUT)
