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
