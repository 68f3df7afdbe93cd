#!/usr/bin/env bash
# Parse throughput and peak memory: covdash native, covdash's wasm build under Node, the npm
# LCOV parsers and istanbul-lib-coverage, on the same generated files in one run. See
# docs/benchmarks.md.
#
#   bash bench/run.sh [PATH/TO/gen.py]
#
# The files are written by the generator (default ../shared/bench/gen.py) into
# target/bench-data/ once and reused.
source "$(dirname "$0")/../scripts/setup.sh"
ensure_build_tools
cd "$COVDASH_ROOT"

gen="${1:-../shared/bench/gen.py}"
data=target/bench-data
mkdir -p "$data"
files=(lcov:100:lcov_100MB.info go:100:go_100MB.out cobertura:50:cobertura_50MB.xml istanbul:50:istanbul_50MB.json)
for spec in "${files[@]}"; do
  IFS=: read -r format mb name <<<"$spec"
  if [ ! -f "$data/$name" ]; then
    step "generating $name"
    python3 "$gen" "$format" "$mb" "$data/$name"
  fi
done

step "building"
cargo bench --bench throughput --no-run --quiet 2>/dev/null
# Two wasm builds of the same parsers: `web` is the page's profile (optimised for size, as
# the page ships), `release` is optimised for speed.
for profile in web release; do
  (cd bench/wasm && cargo build --profile "$profile" --quiet --target wasm32-unknown-unknown \
    --target-dir ../../target/bench-wasm-build)
  wasm-bindgen --target nodejs --out-dir "target/bench-wasm-$profile" \
    "target/bench-wasm-build/wasm32-unknown-unknown/$profile/covdash_bench_wasm.wasm"
  # wasm-bindgen's Node output is CommonJS; the repository's package.json says "module".
  echo '{"type": "commonjs"}' >"target/bench-wasm-$profile/package.json"
done

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; }
measure() {
  local out rss
  out=$("$@")
  rss=$(peak "$@")
  printf '%s\tpeak %s MB\n' "$out" "$((rss / 1000))"
}

step "native (cargo bench, median of 5 after a warm-up; peak resident memory of the process)"
for spec in "${files[@]}"; do
  IFS=: read -r _ _ name <<<"$spec"
  cargo bench --bench throughput --quiet -- "$data/$name" 2>/dev/null
done

for profile in web release; do
  step "wasm ($profile profile) under Node $(node --version) (median of 3 after a warm-up, input copy included; peak of the process)"
  for spec in "${files[@]}"; do
    IFS=: read -r _ _ name <<<"$spec"
    measure node bench/run.mjs "covdash-wasm-$profile" "$data/$name"
  done
done

step "npm LCOV parsers (median of 3; peak of the process)"
for parser in parse-lcov lcov-parse friedemannsommer; do
  measure node bench/run.mjs "$parser" "$data/lcov_100MB.info"
done

step "istanbul-lib-coverage: createCoverageMap + getCoverageSummary (median of 3; peak of the process)"
measure node bench/run.mjs istanbul-lib-coverage "$data/istanbul_50MB.json"
