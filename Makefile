# The two commands of the README, and the steps they are made of.
# Every recipe installs what is missing first (scripts/setup.sh is idempotent).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
ENV := source scripts/env.sh &&
ADDR ?= 127.0.0.1:8080
DB ?= data/blomlada.sqlite

.PHONY: test-faults soak run test setup browser-test-tools wasm-test-runner lint build server test-host test-wasm test-e2e validate clean bench fuzz release package test-release test-validators

# Builds that can overlap do: on two cores one build's single-threaded steps (LTO, linking, a big
# crate) leave a core free for the other. The app builds in target/app (xtask), everything else in
# target/, where cargo runs one build at a time. Their lines interleave; cargo's progress bar,
# which two builds would draw over each other, is off.
PARALLEL := CARGO_TERM_PROGRESS_WHEN=never $(MAKE) --no-print-directory

## run: install what is missing, build the release app and the server (at the same time), serve app + API on http://$(ADDR)
run: setup
	$(PARALLEL) -j2 build server
	$(ENV) ./target/release/blomlada-server --addr $(ADDR) --db $(DB) --dist dist --indicators indicators

## test: install what is missing (Chromium too) and run every test: guardrails, host, wasm in
## Chromium, the release package, the outputs' own validators, end to end. The browser-test tools
## install and the release app builds while lint and the host tests run; the validators and the
## end-to-end tests come last, on the release build.
test: setup
	$(PARALLEL) -j4 lint validate test-host test-wasm build server
	$(MAKE) --no-print-directory package test-release test-faults test-validators test-e2e

setup:
	./scripts/setup.sh

## browser-test-tools: Debian's Chromium and chromedriver (only tests need them)
browser-test-tools:
	./scripts/setup.sh --browser-tests

# The browser tests' runner, xtask/'s wasm-test-runner (.cargo/config.toml names it for cargo)
wasm-test-runner:
	$(ENV) cargo build --release --locked --manifest-path xtask/Cargo.toml --features test-runner --bin wasm-test-runner

## build: the release app in dist/ by xtask/ (cargo, wasm-bindgen as a library, wasm-opt, hashed
## names, index.html, service worker, brotli/gzip copies); no trunk needed
build:
	$(ENV) cargo run --quiet --release --locked --manifest-path xtask/Cargo.toml -- build

server:
	$(ENV) cargo build --release --locked -p blomlada-server

## lint: formatting and clippy with warnings denied (workspace lints in Cargo.toml), host crates and the app's WASM target
lint:
	$(ENV) cargo fmt --all --check
	$(ENV) cargo clippy --locked --workspace --exclude blomlada --all-targets -- -D warnings
	$(ENV) cargo clippy --locked -p blomlada --target wasm32-unknown-unknown --all-targets -- -D warnings
	$(ENV) cargo clippy --locked -p blomlada --target wasm32-unknown-unknown --features split -- -D warnings
	$(ENV) cargo fmt --check --manifest-path xtask/Cargo.toml
	$(ENV) cargo clippy --release --locked --manifest-path xtask/Cargo.toml --all-targets --all-features -- -D warnings

validate:
	$(ENV) cargo run --quiet --locked -p blomlada-domain --bin blomlada-indicators -- validate indicators/

test-host:
	$(ENV) cargo test --locked --workspace --exclude blomlada
	$(ENV) cargo test --quiet --release --locked --manifest-path xtask/Cargo.toml

test-wasm: browser-test-tools wasm-test-runner
	$(ENV) cargo test --locked -p blomlada --target wasm32-unknown-unknown

test-e2e: browser-test-tools
	$(ENV) npx playwright test -c tests/e2e

## test-validators: the release server's pages, dist/index.html and the snapshot through the W3C
## HTML checker, openapi.json through an OpenAPI 3.1 validator, /metrics through promtool, the
## public pages through Lighthouse SEO (needs build and server)
test-validators: browser-test-tools
	$(ENV) node tests/validators/run.mjs

## release: the release package target/package/blomlada-<version>-x86_64-linux.tar.gz (server, built app, indicator sets, systemd units, INSTALL.md)
release: build server
	$(MAKE) --no-print-directory package

package:
	./packaging/build.sh

## test-release: unpack the release package in a temporary directory and start it there with no toolchain on PATH
test-release:
	./packaging/test-release.sh

## test-faults: fault injection against the release server (kill -9, operator commands and
## monitoring beside it, restore, a full disk): every acknowledged write survives. Bounded here;
## `make soak` runs it longer (FAULT_KILLS kills).
FAULT_KILLS ?= 20
test-faults:
	$(ENV) BLOMLADA_SERVER_BIN=$(CURDIR)/target/release/blomlada-server BLOMLADA_FAULT_KILLS=$(FAULT_KILLS) \
		cargo test --locked -p blomlada-server --test fault_injection -- --ignored --nocapture --test-threads 1

soak: setup server
	$(MAKE) --no-print-directory test-faults FAULT_KILLS=200

## bench: install what is missing, build, fuzz the parsers, measure; prints figures and writes BENCHMARKS.md
bench:
	./bench/run.sh

## fuzz: the parsers' property tests at scale (BLOMLADA_FUZZ_CASES cases per property, release build)
BLOMLADA_FUZZ_CASES ?= 300000
fuzz: setup
	$(ENV) BLOMLADA_FUZZ_CASES=$(BLOMLADA_FUZZ_CASES) cargo test --release --locked -p blomlada-domain --test fuzz_parsers -- --nocapture

clean:
	rm -rf dist target/release/blomlada-server
