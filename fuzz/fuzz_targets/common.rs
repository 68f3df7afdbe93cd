//! What every fuzz target checks: parsing returns (never panics), and whatever parses can be
//! summarised and shown without panicking, with every count consistent.

use covdash::formats::{self, Format};
use covdash::model::{Metric, Settings};

pub fn check(format: Option<Format>, data: &[u8]) {
    let parsed = match format {
        Some(format) => formats::parse_as(format, data),
        None => formats::parse(data),
    };
    let Ok(parsed) = parsed else { return };
    assert!(parsed.diagnostics.len() as u64 <= parsed.n_diagnostics);
    for snapshot in &parsed.report.snapshots {
        for metric in Metric::ALL {
            let summary = covdash::present::summary(parsed.format.id(), snapshot, metric);
            if let (Some(covered), Some(total)) = (summary.total.covered, summary.total.total) {
                assert!(covered <= total);
            }
            let _ = covdash::present::summary_text(&summary);
        }
    }
    let settings = parsed.settings.clone().unwrap_or_else(Settings::default);
    for snapshot in 0..parsed.report.snapshots.len() {
        let view = covdash::present::dashboard(&parsed.report, &settings, "fuzz", Some(snapshot));
        for row in &view.packages {
            assert!(row.value.is_none_or(|v| (0.0..=100.0).contains(&v)));
        }
    }
    let _ = covdash::present::problems(&[("fuzz", &parsed)]);
    // Every section of the analysis, and the three reports, for every metric.
    for metric in Metric::ALL {
        let analysis = covdash::analysis::analyse(&parsed.report, metric, &settings);
        for line in &analysis.packages {
            assert!(line.percent.is_none_or(|v| (0.0..=100.0).contains(&v)));
        }
        let shared: usize = analysis.distribution.iter().map(|t| t.packages).sum();
        assert_eq!(shared, analysis.packages.iter().filter(|p| p.percent.is_some()).count());
        let _ = covdash::present::text(&analysis, covdash::present::TextOptions::default());
        let _ = covdash::present::markdown(&analysis);
        assert!(serde_json::to_string(&analysis).is_ok());
    }
}
