//! Parse throughput of the native build, on files given on the command line:
//!
//! ```text
//! cargo bench --bench throughput -- FILE...
//! ```
//!
//! Each file is parsed five times after one warm-up; the median is reported, with the peak
//! resident memory of the process. `bench/run.sh` runs it once per file, beside the wasm build
//! and the npm parsers (see docs/benchmarks.md).

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    for path in &paths {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{path}: {err}");
                std::process::exit(2);
            }
        };
        let format = covdash::formats::detect(&bytes).map(|f| f.id()).unwrap_or("unknown");
        black_box(covdash::formats::parse(&bytes).ok());
        let mut seconds: Vec<f64> = (0..5)
            .map(|_| {
                let start = Instant::now();
                let parsed = covdash::formats::parse(black_box(&bytes));
                let elapsed = start.elapsed().as_secs_f64();
                black_box(parsed.ok());
                elapsed
            })
            .collect();
        covdash::model::sort_by(&mut seconds, f64::total_cmp);
        let median = seconds[seconds.len() / 2];
        let mb = bytes.len() as f64 / 1e6;
        println!(
            "native\t{format}\t{path}\t{mb:.1} MB\t{:.0} ms\t{:.0} MB/s\tpeak {} MB",
            median * 1e3,
            mb / median,
            peak_rss_mb()
        );
    }
}

/// The process's peak resident memory (Linux `VmHWM`), in MB.
fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    kb.map_or(0, |kb| kb / 1000)
}
