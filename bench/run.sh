#!/usr/bin/env bash
# `make bench`: installs what the benchmark needs (idempotent, like scripts/setup.sh), builds the
# release app, the server and the comparison bench, runs the fuzz run, then bench/run.mjs, which
# prints every figure and writes BENCHMARKS.md. Loopback only; every request loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

./scripts/setup.sh && ./scripts/setup.sh --browser-tests
if ! command -v wrk >/dev/null 2>&1; then
  step "Debian's wrk (load generator)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y wrk
fi
source scripts/env.sh

step "Release app and server"
# Another build in the same tree can make one fail: try again.
for attempt in 1 2 3; do
  make --no-print-directory build && break
  [ "$attempt" = 3 ] && exit 1
  echo "build failed (another build running in this tree?); trying again in 30 s"
  sleep 30
done
make --no-print-directory server

step "Comparison bench: native and wasm32 (bench/compare)"
export CARGO_TARGET_DIR="$PWD/target/bench"
(cd bench/compare && cargo build --release --locked --offline --bin bench-compare \
  && cargo build --release --locked --offline --lib --target wasm32-unknown-unknown)
unset CARGO_TARGET_DIR
cargo run --quiet --release --locked --manifest-path xtask/Cargo.toml -- bindgen \
  target/bench/wasm32-unknown-unknown/release/blomlada_bench_compare.wasm target/bench/pkg

step "Fuzz run (BLOMLADA_FUZZ_CASES=${BLOMLADA_FUZZ_CASES:=300000} per property)"
fuzz_log="$(mktemp /tmp/blomlada-fuzz-XXXXXX.log)"
BLOMLADA_FUZZ_CASES="$BLOMLADA_FUZZ_CASES" cargo test --release --locked -p blomlada-domain --test fuzz_parsers \
  -- --nocapture 2>&1 | tee "$fuzz_log" | grep -E '^(fuzz|test result)'

step "Benchmark"
BENCH_FUZZ_LOG="$fuzz_log" node bench/run.mjs

step "Public result pages (wrk and Lighthouse on /resultat and /resultat/1880 with 290 results)"
node bench/public_pages.mjs

step "Answering: Event Timing of answer clicks and comment keystrokes (default set and 400 indicators, 1× and 4× CPU), phone page height"
BENCH_WRITE=1 node bench/answering.mjs

step "Answering page: cold mount at 1× and 4× CPU (first answer control, long tasks)"
BENCH_WRITE=1 node bench/mount.mjs

step "Durability: fault injection against the release server (kill -9, operator commands, monitoring, restore, full disk)"
BENCH_WRITE=1 node bench/fault_injection.mjs

step "Working together: a click in one browser to its display in another, 30 editors on one shared assessment"
BENCH_WRITE=1 node bench/sharing.mjs

step "Working together: server memory per open event stream (250, 500, 1000 streams; figures for BENCHMARKS.md's section by hand)"
node bench/share_streams.mjs
