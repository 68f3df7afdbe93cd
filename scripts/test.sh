#!/usr/bin/env bash
# Installs what is missing (Chromium, Firefox ESR and cmark-gfm included), then runs every test layer:
# formatting and lints, native tests, browser tests in headless Chromium, and end-to-end tests
# against the release bundle. Ends with one line that counts them all.
source "$(dirname "$0")/setup.sh"
ensure_build_tools
ensure_test_tools
cd "$COVDASH_ROOT"

log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

# Runs a layer, shows its output, and keeps it for the tally.
layer() {
  local name="$1"
  shift
  step "$name"
  "$@" 2>&1 | tee "$log_dir/$name.log"
}

# The sum of "N passed" (cargo, wasm-bindgen-test) or "# pass N" (node --test) in a log.
count() {
  local log="$log_dir/$1.log" kind="$2"
  { grep -oE "[0-9]+ $kind;" "$log" | grep -oE '^[0-9]+' || true; grep -oE "^# $( [ "$kind" = passed ] && echo pass || echo fail ) [0-9]+" "$log" | grep -oE '[0-9]+$' || true; } | awk '{ n += $1 } END { print n + 0 }'
}

step "checking formatting and lints"
cargo fmt --check
# Every crate of the workspace, natively and for the browser. The core (crates/core) has no web
# dependency in its manifest: the compiler keeps Yew and the browser bindings out of it.
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --workspace --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
# The core alone: built with the page, the protocol has its `web` feature on; alone, it has
# not, so the core cannot lean on the browser's half of the wire without this failing.
cargo clippy -p covdash --locked -- -D warnings
# The fuzz targets are built with nightly by scripts/fuzz.sh; checking them here keeps them
# in step with the library's API.
cargo check --manifest-path fuzz/Cargo.toml --quiet

layer native cargo test --workspace --locked
layer browser cargo test --locked --target wasm32-unknown-unknown --test browser

step "building the release bundle"
trunk build --release --offline
# A test file that hangs fails by name after 15 minutes instead of stalling the run until the CI gives up.
layer e2e node --test --test-timeout=900000 e2e/

native=$(count native passed) browser=$(count browser passed) e2e=$(count e2e passed)
failed=$(( $(count native failed) + $(count browser failed) + $(count e2e failed) ))
echo
echo "native: $native passed; browser: $browser passed; end-to-end: $e2e passed"
echo "all layers: $((native + browser + e2e)) passed, $failed failed"
