#!/usr/bin/env bash
# Installs what building (and, with --test, testing) Blomlådan needs, and nothing that is
# already there in the right version. Safe to run again and again: a warm machine takes seconds.
# Versions are pinned; see ../shared/TOOLCHAIN.md for why each pin exists.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock (Cargo.toml pins it with "=").
WASM_BINDGEN_VERSION=0.2.130
want_test=false
[ "${1:-}" = "--test" ] && want_test=true

step() { printf '\n== %s\n' "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  step "Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! has_version trunk "trunk $TRUNK_VERSION"; then
  step "trunk $TRUNK_VERSION (about 10–15 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5–8 minutes)"
  # Not --locked: its lock file wants a crate release the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm packages: binaryen 132 (wasm-opt) for the build, Playwright and axe-core for the tests.
if [ ! -x node_modules/.bin/wasm-opt ] || ! node_modules/.bin/wasm-opt --version | grep -q 'version_132' \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm packages (binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

if $want_test; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    step "Debian's chromium and chromium-driver"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
fi

cargo fetch --locked >/dev/null
