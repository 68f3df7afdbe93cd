//! Patch coverage on large inputs: reading a diff, and measuring it against a report.
//!
//! ```text
//! cargo bench --bench patch -- COVERAGE DIFF
//! ```
//!
//! The report is parsed once; then the diff is read and its patch coverage computed five times
//! after a warm-up, and the median of each step is reported. `bench/run.sh` writes a
//! 50,000-line diff over the 100 MB LCOV file with `bench/patch_diff.py` (see
//! docs/benchmarks.md).

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [coverage, diff] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench patch -- COVERAGE DIFF");
        std::process::exit(2);
    };
    let read = |path: &str| {
        std::fs::read(path).unwrap_or_else(|err| {
            eprintln!("{path}: {err}");
            std::process::exit(2);
        })
    };
    let (report, diff_bytes) = (read(coverage), read(diff));
    let start = Instant::now();
    let parsed = covdash::formats::parse(&report).unwrap_or_else(|err| {
        eprintln!("{coverage}: {err}");
        std::process::exit(2);
    });
    let parse_ms = start.elapsed().as_secs_f64() * 1e3;
    let Some(snapshot) = parsed.report.snapshots.last() else { return };
    let change = covdash::formats::parse_diff(&diff_bytes).unwrap_or_else(|err| {
        eprintln!("{diff}: {err}");
        std::process::exit(2);
    });
    black_box(covdash::analysis::patch_coverage(&change.diff, snapshot));
    let (mut reading, mut measuring) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let start = Instant::now();
        let change = covdash::formats::parse_diff(black_box(&diff_bytes)).ok();
        reading.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let patch = change.map(|c| covdash::analysis::patch_coverage(&c.diff, black_box(snapshot)));
        measuring.push(start.elapsed().as_secs_f64());
        black_box(patch);
    }
    let median = |mut s: Vec<f64>| {
        covdash::model::sort_by(&mut s, f64::total_cmp);
        s[s.len() / 2] * 1e3
    };
    let patch = covdash::analysis::patch_coverage(&change.diff, snapshot);
    println!(
        "native\tpatch\t{} changed lines in {} files over {:.1} MB\tdiff read {:.1} ms\tpatch computed {:.1} ms\t(report parsed once: {parse_ms:.0} ms)\t{} measured, {} covered",
        patch.changed,
        change.diff.files.len(),
        report.len() as f64 / 1e6,
        median(reading),
        median(measuring),
        patch.measured,
        patch.covered,
    );
}
