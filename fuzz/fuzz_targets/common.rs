//! What every fuzz target checks: parsing returns (never panics), and whatever parses can be
//! summarised and shown without panicking, with every count consistent — and whatever names
//! the input holds, no output writes a control or reordering character from them, and the HTML
//! report holds no element from them.

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
            no_raw_controls("summary", &covdash::present::summary_text(&summary));
        }
    }
    let settings = parsed.settings.clone().unwrap_or_else(Settings::default);
    for snapshot in 0..parsed.report.snapshots.len() {
        let view = covdash::present::dashboard(&parsed.report, &settings, "fuzz", Some(snapshot));
        for row in view.packages.iter() {
            assert!(row.value.is_none_or(|v| (0.0..=100.0).contains(&v)));
        }
    }
    if let Some(problems) = covdash::present::problems(&[("fuzz", &parsed)], None) {
        no_raw_controls("problems", &problems);
    }
    // Every section of the analysis, and the three reports, for every metric.
    for metric in Metric::ALL {
        let analysis = covdash::analysis::analyse(&parsed.report, metric, &settings);
        for line in &analysis.packages {
            assert!(line.percent.is_none_or(|v| (0.0..=100.0).contains(&v)));
        }
        let shared: usize = analysis.distribution.iter().map(|t| t.packages).sum();
        assert_eq!(shared, analysis.packages.iter().filter(|p| p.percent.is_some()).count());
        let text = covdash::present::text(&analysis, covdash::present::TextOptions::default());
        no_raw_controls("text report", &text);
        no_raw_controls("markdown report", &covdash::present::markdown(&analysis, &Default::default()));
        assert!(serde_json::to_string(&analysis).is_ok());
    }
    let html = covdash::present::html_report(&parsed.report, &settings, "fuzz", &Default::default());
    no_raw_controls("html report", &html);
    let body = html.split("</style>").nth(1).unwrap_or("");
    for tag in body.split('<').skip(1) {
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        assert!(HTML_TAGS.contains(&name.as_str()), "an element <{name}> in the HTML report");
    }
}

/// The elements the HTML report is made of: any other came from the data.
const HTML_TAGS: [&str; 31] = [
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "p", "section", "div", "ul",
    "ol", "li", "span", "strong", "br", "dl", "dt", "dd", "details", "summary", "table", "thead", "tbody", "tfoot",
    "tr", "th", "td",
];

fn no_raw_controls(what: &str, text: &str) {
    let bad = text.chars().find(|c| *c != '\n' && covdash::present::is_unsafe(*c));
    assert!(bad.is_none(), "{what}: a raw {bad:?}");
}
