#!/usr/bin/env bash
# `make test-release`: the release package on a machine without Rust, Node or Trunk. Unpacks
# target/package/blomlada-*-linux.tar.gz into a temporary directory, starts the server there with
# an empty PATH and environment, and checks that it serves the app, the indicator sets, the API
# and /healthz, and that the operator commands (token, backup) work from the package alone.
set -euo pipefail
cd "$(dirname "$0")/.."

tarball=$(ls -t target/package/blomlada-*-linux.tar.gz 2>/dev/null | head -1 || true)
[ -n "$tarball" ] || { echo "no release package in target/package: run make release first" >&2; exit 1; }

tmp=$(mktemp -d /tmp/blomlada-release-test-XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "release test FAILED: $*" >&2; [ -f "$tmp/err" ] && sed 's/^/  server: /' "$tmp/err" >&2; exit 1; }

tar -xzf "$tarball" -C "$tmp"
dir=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'blomlada-*')
for f in bin/blomlada-server dist/index.html indicators/index.json systemd/blomlada.service systemd/blomlada-backup.timer INSTALL.md; do
  [ -e "$dir/$f" ] || fail "$f is not in the package"
done

# No toolchain, no PATH at all: the server must need none of it.
empty="$tmp/empty-path"
mkdir -p "$empty"
for tool in cargo rustc node npm trunk; do
  if PATH="$empty" command -v "$tool" >/dev/null 2>&1; then fail "$tool is reachable"; fi
done
run() { (cd "$dir" && env -i PATH="$empty" ./bin/blomlada-server --db "$tmp/data/blomlada.sqlite" "$@"); }

token=$(run token issue 1880 2>/dev/null) || fail "token issue"
[[ "$token" == blt_* ]] || fail "token issue printed $token"

# Started from its own directory with the defaults (dist/ and indicators/ beside it).
(cd "$dir" && exec env -i PATH="$empty" ./bin/blomlada-server --addr 127.0.0.1:0 --metrics-addr 127.0.0.1:0 \
  --db "$tmp/data/blomlada.sqlite" >"$tmp/out" 2>"$tmp/err") &
pid=$!
for _ in $(seq 300); do [ -s "$tmp/out" ] && [ "$(wc -l <"$tmp/out")" -ge 2 ] && break; sleep 0.1; done
base=$(sed -n 1p "$tmp/out")
metrics=$(sed -n 2p "$tmp/out" | sed 's/^metrics //')
[[ "$base" == http://127.0.0.1:* ]] || fail "the server did not start"

page=$(curl -fsS "$base/") || fail "GET /"
grep -qi '<html' <<<"$page" || fail "GET / is not the app"
[ "$(curl -fsS "$base/healthz")" = ok ] || fail "GET /healthz"
# Bodies are read whole before grep: `curl | grep -q` fails under pipefail whenever grep stops
# reading before curl has written everything (curl: (23) Failed writing body).
index=$(curl -fsS "$base/indicators/index.json") || fail "GET /indicators/index.json"
grep -q '"sets"' <<<"$index" || fail "GET /indicators/index.json has no sets"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/published")" = 200 ] || fail "GET /api/v1/published"
scraped=$(curl -fsS "$metrics") || fail "GET $metrics"
grep -q '^blomlada_http_requests_total{method="GET",route="/healthz",status="200"} 1$' <<<"$scraped" || fail "GET $metrics has no count of the /healthz request"
backup=$(run backup "$tmp/backup.sqlite") || fail "backup while it runs"
grep -q 'integrity_check ok' <<<"$backup" || fail "backup while it runs: no integrity_check ok"

# The systemd units parse, with the package where INSTALL.md puts it (here: where it was unpacked).
units="units: not checked (no systemd-analyze here)"
if command -v systemd-analyze >/dev/null 2>&1; then
  mkdir -p "$tmp/units"
  for u in "$dir"/systemd/*; do sed "s#/opt/blomlada#$dir#g" "$u" >"$tmp/units/$(basename "$u")"; done
  out=$(systemd-analyze verify "$tmp"/units/* 2>&1) || fail "systemd-analyze verify: $out"
  [ -z "$out" ] || fail "systemd-analyze verify: $out"
  units="systemd units verified"
fi

echo "release package OK: $(basename "$tarball") unpacked and started without a toolchain (GET /, /healthz, indicators, API, metrics; token issue, backup; $units)"
