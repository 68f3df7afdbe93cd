//! The analysis and the view model on the built-in sample: what the page must show.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use covdash::present::{self, DashboardView};

fn sample_view() -> DashboardView {
    let parsed = covdash::sample::parsed().unwrap();
    present::dashboard(&parsed.report, &parsed.settings.clone().unwrap_or_default(), covdash::sample::FILE_NAME, None)
}

#[test]
fn the_sample_shows_eight_packages_in_descending_order_with_their_tiers() {
    let view = sample_view();
    let rows: Vec<(&str, Option<f64>, &str, &str)> = view
        .packages
        .iter()
        .map(|r| (r.name.as_str(), r.value, r.text.as_str(), r.tier.as_ref().map_or("-", |t| t.name.as_str())))
        .collect();
    // (package, aria value, shown, tier)
    assert_eq!(
        rows,
        [
            ("sdk/ratelimit", Some(90.9), "90.9%", "Elite"),
            ("sdk/stream", Some(89.8), "89.8%", "Excellent"),
            ("sdk/agent", Some(86.5), "86.5%", "Excellent"),
            ("sdk/router", Some(86.2), "86.2%", "Excellent"),
            ("storage", Some(78.3), "78.3%", "Good"),
            ("sdk/storage", Some(77.4), "77.4%", "Good"),
            ("sdk/cli", Some(71.7), "71.7%", "OK"),
            ("providers", Some(68.1), "68.1%", "Needs work"),
        ]
    );
}

#[test]
fn the_sample_overall_is_the_mean_of_its_packages_and_says_so() {
    let view = sample_view();
    // (90.9 + 89.8 + 86.5 + 86.2 + 78.3 + 77.4 + 71.7 + 68.1) / 8 = 81.1125, not the seed's 81.5.
    assert_eq!(view.overall.value, Some(81.1));
    assert_eq!(view.overall.text, "81.1%");
    assert_eq!(view.overall.method, "mean of 8 packages, no statement counts");
    assert_eq!(view.overall.tier.as_ref().map(|t| t.name.as_str()), Some("Good"));
    assert_eq!(view.snapshot_label, "Final");
    assert_eq!(view.snapshot_time.as_deref(), Some("2025-12-18 12:30 UTC"));
    assert_eq!(view.title, "modelscan — test coverage sprint");
}

#[test]
fn counts_are_weighted_and_shown() {
    let json = br#"{"metric": "lines", "snapshots": [{"label": "ci", "packages": {
        "big": {"covered": 900, "total": 1000}, "small": {"covered": 1, "total": 10}, "none": {"covered": 0, "total": 0}}}]}"#;
    let parsed = covdash::formats::parse(json).unwrap();
    let view = present::dashboard(&parsed.report, &parsed.settings.clone().unwrap_or_default(), "ci.json", None);
    assert_eq!(view.overall.text, "89.2%");
    assert_eq!(view.overall.method, "901 of 1,010 lines covered in 3 packages");
    let rows: Vec<(&str, &str, Option<&str>)> =
        view.packages.iter().map(|r| (r.name.as_str(), r.text.as_str(), r.counts.as_deref())).collect();
    assert_eq!(
        rows,
        [
            ("big", "90.0%", Some("900 of 1,000 lines")),
            ("small", "10.0%", Some("1 of 10 lines")),
            ("none", "n/a", Some("0 of 0 lines"))
        ]
    );
    assert!(view.packages[2].tier.is_none(), "nothing to count has no tier");
}

#[test]
fn the_sample_offers_its_three_snapshots_with_their_changes() {
    let parsed = covdash::sample::parsed().unwrap();
    let settings = parsed.settings.clone().unwrap_or_default();
    let view = present::dashboard(&parsed.report, &settings, covdash::sample::FILE_NAME, Some(1));
    let tabs: Vec<(&str, &str, Option<&str>, bool)> = view
        .snapshots
        .iter()
        .map(|t| (t.label.as_str(), t.overall.as_str(), t.change.as_deref(), t.selected))
        .collect();
    // (label, overall, change from the one before, selected)
    assert_eq!(
        tabs,
        [
            ("Session start", "77.4%", None, false),
            ("Round 1 end", "80.1%", Some("+2.7 pts"), true),
            ("Final", "81.1%", Some("+1.0 pts"), false),
        ]
    );
    // Round 1 end: providers at 68.1, storage still at 73.1.
    let storage = view.packages.iter().find(|r| r.name == "storage").unwrap();
    assert_eq!(storage.text, "73.1%");
    assert_eq!(view.snapshot_label, "Round 1 end");
}

#[test]
fn a_chosen_metric_judges_the_packages_the_overall_and_the_sections() {
    let bytes =
        std::fs::read(common::root().join("tests/fixtures/llvmcov/ok/generated-clang14-export-2.0.1.json")).unwrap();
    let mut report = covdash::formats::parse(&bytes).unwrap().report;
    let settings = covdash::model::Settings::default();
    let choices = |view: &DashboardView| -> Vec<(String, String, bool)> {
        view.metrics.iter().map(|c| (c.label.clone(), c.overall.clone(), c.selected)).collect()
    };
    let view = present::dashboard(&report, &settings, "llvm.json", None);
    assert_eq!(
        choices(&view),
        [
            ("Lines".to_owned(), "82.9%".to_owned(), true),
            ("Branches".to_owned(), "59.4%".to_owned(), false),
            ("Functions".to_owned(), "85.7%".to_owned(), false)
        ]
    );
    // The link's metric, when the data has it; a metric it lacks changes nothing.
    let (overrides, problems) = present::parse_fragment("#metric=statements");
    assert!(problems.is_empty());
    covdash::present::apply_metric(&overrides, &mut report);
    assert_eq!(report.metric, covdash::model::Metric::Lines);
    let (overrides, _) = present::parse_fragment("#metric=branches");
    covdash::present::apply_metric(&overrides, &mut report);
    let view = present::dashboard(&report, &settings, "llvm.json", None);
    assert_eq!(view.overall.text, "59.4%");
    let rows: Vec<(&str, &str)> = view.packages.iter().map(|r| (r.name.as_str(), r.text.as_str())).collect();
    assert_eq!(rows, [("src", "68.2%"), ("src/util", "40.0%")]);
    assert!(choices(&view)[1].2);
    let sections = present::sections(&report, &settings, None);
    let distance = sections.iter().find(|s| s.id() == "distance").unwrap();
    assert!(format!("{distance:?}").contains("more branches"), "{distance:?}");
}

/// What reading skipped is said a line a reason: each reason the reader keeps, then how many it
/// did not keep, for each file that had any.
#[test]
fn the_records_skipped_are_listed_with_how_many_were_not_kept() {
    // 25 `DA` records without a count, each a reason; the parser keeps the first 20.
    let mut lcov = String::from("SF:a.c\n");
    for line in 1..=25 {
        lcov.push_str(&format!("DA:{line}\n"));
    }
    lcov.push_str("DA:26,1\nend_of_record\n");
    let bad = covdash::formats::parse(lcov.as_bytes()).unwrap();
    let good = covdash::formats::parse(b"SF:b.c\nDA:1,1\nend_of_record\n").unwrap();
    let text = present::problems(&[("bad.info", &bad), ("good.info", &good)], None).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 22, "{text}");
    assert_eq!(lines[0], "bad.info: 25 records skipped or repaired");
    assert_eq!(lines[1], "line 2: DA:1: no execution count, skipped");
    assert_eq!(lines[20], "line 21: DA:20: no execution count, skipped");
    assert_eq!(lines[21], "and 5 more");
    assert_eq!(present::problems(&[("good.info", &good)], None), None);
}
