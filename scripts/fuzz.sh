#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds (600 by default), seeded with the fixtures of its
# format. Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
#
#   bash scripts/fuzz.sh lcov 600
#
# Targets: covdash_json lcov cobertura go_profile go_test junit istanbul istanbul_summary
# coverage_py llvm_cov tarpaulin jacoco clover sonarqube detect diff source packed session (the page's whole
# path: up to four files, split at form feeds, through every question the page asks). New inputs that reach new code
# are kept in fuzz/corpus/<target>; a crash is written to fuzz/artifacts/<target>/ and becomes
# a fixture once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}"
seconds="${2:-600}"
case "$target" in
  covdash_json) seeds=tests/fixtures/covdash ;;
  lcov) seeds=tests/fixtures/lcov ;;
  cobertura) seeds=tests/fixtures/cobertura ;;
  go_profile) seeds=tests/fixtures/go ;;
  go_test) seeds=tests/fixtures/go-test ;;
  junit) seeds=tests/fixtures/junit ;;
  istanbul|istanbul_summary) seeds=tests/fixtures/istanbul ;;
  coverage_py) seeds=tests/fixtures/coveragepy ;;
  llvm_cov) seeds=tests/fixtures/llvmcov ;;
  tarpaulin) seeds=tests/fixtures/tarpaulin ;;
  jacoco) seeds=tests/fixtures/jacoco ;;
  clover) seeds=tests/fixtures/clover ;;
  sonarqube) seeds=tests/fixtures/sonarqube ;;
  detect) seeds=tests/fixtures ;;
  diff) seeds=tests/fixtures/diff ;;
  source) seeds=tests/fixtures/sources ;;
  packed) seeds=tests/fixtures/packed ;;
  session)
    # Batches as the page gets them, files apart at form feeds: the sample; a baseline, the
    # current run and the change between them; a report with its source, named.
    seeds=fuzz/seeds/session
    mkdir -p "$seeds"
    cp samples/modelscan-session.json "$seeds/sample"
    d=tests/fixtures/differential/c-gcc-lcov
    { cat "$d/baseline.info"; printf '\f'; cat "$d/current.info"; printf '\f'; cat "$d/change.diff"; } > "$seeds/change"
    { cat tests/fixtures/lines/c8/lcov.info; printf '\f@money.mjs\n'; cat tests/fixtures/differential/js-c8/current/money.mjs; } > "$seeds/source"
    # An organisation: an index with three of its histories, named by their paths; and the
    # portfolio built from the whole index.
    p=tests/fixtures/portfolio
    {
      printf '{"title": "Org", "teams": {"core": ["*-c"]}, "repositories": ['
      printf '{"name": "calc-c", "history": "histories/calc-c.json"}, '
      printf '{"name": "clock-c", "history": "histories/clock-c.json", "team": "core"}, '
      printf '{"name": "money-js", "history": "histories/money-js.json", "team": "web", "tags": ["js"]}]}'
      for n in calc-c clock-c money-js; do printf '\f@histories/%s.json\n' "$n"; cat "$p/histories/$n.json"; done
    } > "$seeds/organisation"
    cargo run -q --bin covdash -- portfolio build "$p/covdash-portfolio.json" -o "$seeds/built"
    ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
mkdir -p "fuzz/corpus/$target"
exec cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "$seeds" -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
