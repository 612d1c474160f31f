# blast: quick start targets. `make demo` runs the main job on the bundled sample; `make test` runs the tests.
SWIFT ?= swift
AT ?= 2026-11-23
BLAST = .build/release/blast

.PHONY: deps build demo test clean

deps:
	@pkg-config --exists libgvc libcgraph 2>/dev/null || { \
	  echo "installing libgraphviz-dev"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libgraphviz-dev pkg-config; }

build: deps
	$(SWIFT) build -c release --product blast

demo: build
	$(BLAST) radius samples/acme.yaml --from deploy-token --at $(AT)
	$(BLAST) render samples/acme.yaml --from deploy-token --at $(AT) -o output/deploy-token.svg
	$(BLAST) render samples/acme.yaml --at $(AT) -o output/acme.svg

test: deps
	$(SWIFT) test

clean:
	rm -rf .build output/*.svg output/*.dot output/*.json

# Benchmark: blast against networkx and igraph on generated organisations (docs/performance.md).
# `BENCH_SIZES=1e6,1e7 make bench` for other sizes (in edges); tables land in output/bench/.
BENCH_SIZES ?= 1e5,1e6
.PHONY: bench
bench: deps
	$(SWIFT) build -c release --scratch-path .build-bench --product blast
	$(SWIFT) build -c release --scratch-path .build-bench --product blast-bench
	@python3 -c 'import networkx' 2>/dev/null || python3 -m pip install -q networkx
	@python3 -c 'import igraph' 2>/dev/null || python3 -m pip install -q igraph
	python3 Benchmarks/bench.py --sizes $(BENCH_SIZES) --bin .build-bench/release

# Benchmark on generated AWS accounts (docs/performance.md, "AWS-shaped accounts"):
# `AWS_SIZES=S,M AWS_TIMEOUT=600 make bench-aws`; tables land in output/bench-aws/.
AWS_SIZES ?= S
AWS_TIMEOUT ?= 600
.PHONY: bench-aws
bench-aws: deps
	$(SWIFT) build -c release --product blast
	python3 Benchmarks/aws_bench.py --sizes $(AWS_SIZES) --timeout $(AWS_TIMEOUT) --bin .build/release

# Every diagram kind for the samples (SVG and PNG) in output/gallery/, with a report's evidence
# diagrams in output/gallery/report/ (docs/diagrams.md).
.PHONY: gallery
gallery: build
	BLAST=$(BLAST) AT=$(AT) sh Benchmarks/gallery.sh

# Formatting: the configuration is .swift-format (4-space indent, 140-column lines).
.PHONY: format lint
format:
	$(SWIFT) format -i -r Sources Tests Benchmarks/BlastBench
lint:
	$(SWIFT) format lint -r Sources Tests Benchmarks/BlastBench

# Fuzzing: each reader under libFuzzer for FUZZ_SECONDS (docs/fuzzing.md), built with the fuzzer and
# AddressSanitizer into .build-fuzz; corpus and failing inputs in output/fuzz/TARGET/.
# `FUZZ_TARGETS="snapshot policy" FUZZ_SECONDS=600 make fuzz` for a longer run of some.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= native-yaml native-json snapshot aws-authorization aws-credential-report aws-inventory k8s-list kubeconfig patch policy
.PHONY: fuzz
fuzz: deps
	$(SWIFT) build --product blast-fuzz --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -DBLAST_FUZZ
	sh Fuzz/fuzz.sh .build-fuzz/debug/blast-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)
