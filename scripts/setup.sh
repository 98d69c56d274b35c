#!/usr/bin/env bash
# Installs what building Blomlådan needs (no argument), or what its browser tests need
# (--browser-tests: Debian's Chromium and chromedriver, and the validators' Java and promtool),
# and nothing that is
# already there in the right version. Safe to run again and again: a warm machine takes seconds.
# Versions are pinned; see ../shared/TOOLCHAIN.md for why each pin exists.
#
# Nothing is cargo-installed: xtask/ (built like any crate) drives wasm-bindgen as a library and
# npm binaryen's wasm-opt, and it is the browser tests' runner too (wasm-bindgen-cli's, as a
# library). Only the tests need Chromium; `make test` installs it while it compiles and lints
# (the Makefile's browser-test-tools step), not before.
set -euo pipefail
cd "$(dirname "$0")/.."

browser_tests=false
case "${1:-}" in
  "") ;;
  --browser-tests) browser_tests=true ;;
  *) echo "usage: scripts/setup.sh [--browser-tests]" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*"; }

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

if $browser_tests; then
  # Chromium for the browser tests and Lighthouse; Java for the W3C HTML checker (vnu.jar) and
  # Prometheus' promtool for `make test-validators` (tests/validators/).
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  if [ ${#missing[@]} -gt 0 ]; then
    step "Debian's ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  fi
  exit 0
fi

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  step "Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# npm packages: binaryen 132 (wasm-opt) for the build, Playwright, axe-core, Lighthouse and the
# validators (vnu-jar, swagger-parser) for the tests.
if [ ! -x node_modules/.bin/wasm-opt ] || ! node_modules/.bin/wasm-opt --version | grep -q 'version_132' \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm packages (binaryen, playwright, axe-core, lighthouse, vnu-jar, swagger-parser)"
  npm ci --no-audit --no-fund
fi

cargo fetch --locked >/dev/null
cargo fetch --locked --manifest-path xtask/Cargo.toml >/dev/null
