# Sourced by serve.sh and test.sh: installs whatever covdash's build and tests need and is
# missing or at the wrong version, and puts it on PATH. Every step is skipped when its tool is
# already there, so running it again costs a few seconds.
#
# Expects a Debian machine with rustup, Node.js and npm. Needs root (or sudo) only to install
# Chromium for the tests.

set -euo pipefail

COVDASH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="0.2.130" # must equal the wasm-bindgen crate pinned in Cargo.toml

export PATH="$COVDASH_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
    step "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
    step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: one of its locked dependencies is no longer in the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

# wasm-opt (binaryen 132) for release builds, and playwright-core for the end-to-end tests.
ensure_npm_packages() {
  local stamp="$COVDASH_ROOT/node_modules/.covdash-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$COVDASH_ROOT/package-lock.json" "$stamp"; then
    step "installing npm packages"
    (cd "$COVDASH_ROOT" && npm ci --no-audit --no-fund)
    cp "$COVDASH_ROOT/package-lock.json" "$stamp"
  fi
}

# What the tests run beside covdash: Chromium and its driver, Firefox ESR (the end-to-end
# tests draw the figures in both), lcov 1.16 (the oracle of --exclude and --include: its
# --remove and --extract), and cmark-gfm (GitHub's Markdown renderer, which reads the
# Markdown report back). Debian's packages, installed together when any is missing.
ensure_test_tools() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
    || ! command -v firefox-esr >/dev/null || ! command -v cmark-gfm >/dev/null || ! command -v lcov >/dev/null; then
    step "installing Chromium, ChromeDriver, Firefox ESR, lcov and cmark-gfm"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr cmark-gfm lcov
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  # diff-cover and pycobertura read the Cobertura `covdash convert` writes, as CI platforms do.
  if ! command -v diff-cover >/dev/null || ! command -v pycobertura >/dev/null; then
    step "installing diff-cover and pycobertura"
    python3 -m pip install --quiet --disable-pip-version-check diff-cover==11.0.4 pycobertura==4.1.0
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_npm_packages
}
