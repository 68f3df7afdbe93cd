//! Test results: counts, pass rate, failures, skips and flaky tests.

use serde::Serialize;

use crate::model::TestStats;

/// What the test sources say, with the pass rate worked out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestSummary {
    #[serde(flatten)]
    pub counts: TestStats,
    /// Passed over passed and failed, in percent; skipped tests take no part.
    pub pass_rate: Option<f64>,
}

/// `Err` with the reason when no source carried test figures.
pub fn test_summary(stats: Option<TestStats>) -> Result<TestSummary, String> {
    let stats = stats
        .ok_or("no test results: add a JUnit XML file, the output of go test -json, or covdash JSON with its tests")?;
    let pass_rate = match (stats.passed, stats.failed) {
        (Some(passed), failed) if passed + failed.unwrap_or(0) > 0 => {
            Some(passed as f64 * 100.0 / (passed + failed.unwrap_or(0)) as f64)
        }
        (None, Some(failed)) if failed > 0 => Some(0.0),
        _ => None,
    };
    Ok(TestSummary { counts: stats, pass_rate })
}
