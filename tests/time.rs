//! Time that fits the data: how durations, paces, estimates and dates read in every output —
//! the text report, the Markdown comment, the JSON analysis and the page's view model — on
//! two coverage.py reports written seconds apart, a weekly and a daily history recorded by
//! `covdash record` from real runs with real commit times (`fixtures/history/PROVENANCE.md`),
//! and the seed's session, whose figures stay as they were.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::process::Command;

use common::root;
use covdash::analysis::Section;
use covdash::present::{parse_fragment, SectionBody, SectionView};
use covdash::session::{Batch, Combination, Combined, Input};

const PAIR: [&str; 2] = [
    "tests/fixtures/snapshots/more-itertools-before/coverage.json",
    "tests/fixtures/snapshots/more-itertools-after/coverage.json",
];
const WEEKLY: &str = "tests/fixtures/history/weekly.json";
const DAILY: &str = "tests/fixtures/history/daily.json";
const SAMPLE: &str = "samples/modelscan-session.json";

/// What a section says: a fact (`label: value`), an estimate's row (`name … value`, `Total`
/// for the total), a line under its rows, or why it is not computed.
#[derive(Clone, Copy, Debug)]
enum Says {
    Fact(&'static str, &'static str),
    Row(&'static str, &'static str),
    Footer(&'static str),
    NotComputed(&'static str),
}

/// One fixture: its files, the settings given with them, and what its sections say.
struct Case {
    files: &'static [&'static str],
    settings: &'static str,
    says: &'static [(Section, Says)],
}

const CASES: [Case; 4] = [
    // Two reports of one project written 9 s apart: no pace, and the duration that is.
    Case {
        files: &PAIR,
        settings: "",
        says: &[
            (
                Section::Momentum,
                Says::NotComputed("the snapshots are 9 s apart: too close for a pace (it takes 10 min or more)"),
            ),
            (Section::Summary, Says::Fact("Duration", "9 s")),
        ],
    },
    // Three weekly runs: weeks, a pace per week, the dates the target is reached.
    Case {
        files: &[WEEKLY],
        settings: "",
        says: &[
            (Section::Momentum, Says::Fact("Duration", "2 weeks")),
            (Section::Momentum, Says::Fact("Pace", "+10.4 points a week")),
            (Section::Momentum, Says::Fact("Trend", "rising")),
            (Section::TimeToTarget, Says::Row("more_itertools", "3 weeks, around 8–10 Nov 2026")),
            (Section::TimeToTarget, Says::Row("Total", "3 weeks, around 8–10 Nov 2026")),
            (Section::Summary, Says::Fact("Duration", "2 weeks")),
        ],
    },
    // Thirty daily runs over four weeks, weekends still; a goal to reach.
    Case {
        files: &[DAILY],
        settings: "goal=90",
        says: &[
            (Section::Momentum, Says::Fact("Duration", "4 weeks")),
            (Section::Momentum, Says::Fact("Pace", "+10.0 points a week")),
            (Section::Momentum, Says::Fact("Trend", "rising")),
            (Section::TimeToTarget, Says::Row("more_itertools", "3–8 days, around 6–11 Nov 2026")),
            (
                Section::Goal,
                Says::Footer(
                    "75.9% of the goal; 21.7 points to go; at this pace in 5 days – 2 weeks, around 8–18 Nov 2026",
                ),
            ),
            (Section::Summary, Says::Fact("Duration", "4 weeks")),
        ],
    },
    // The seed's session reads as it always did, in minutes and hours.
    Case {
        files: &[SAMPLE],
        settings: "",
        says: &[
            (Section::Momentum, Says::Fact("Duration", "3.5 h")),
            (Section::Momentum, Says::Fact("Pace", "+1.1 points an hour")),
            (Section::Momentum, Says::Fact("Tests", "6.3 functions an hour")),
            (Section::Momentum, Says::Fact("Test code", "297 lines an hour")),
            (Section::Momentum, Says::Fact("Trend", "rising, slower lately")),
            (Section::TimeToTarget, Says::Row("storage", "30 min – 1.1 h")),
            (Section::TimeToTarget, Says::Row("sdk/cli", "6.1–7.9 h")),
            (Section::TimeToTarget, Says::Row("Total", "9.2–14 h")),
            (Section::Goal, Says::Footer("90.1% of the goal; 8.9 points to go; at this pace in 6.6–8.4 h")),
            (Section::Summary, Says::Fact("Duration", "3.5 h")),
        ],
    },
];

/// `covdash report FILES --format FORMAT` with the case's settings, from the repository.
fn report(case: &Case, format: &str) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_covdash"));
    command.arg("report").args(case.files).args(["--format", format, "--width", "200"]);
    if let Some(goal) = case.settings.strip_prefix("goal=") {
        command.args(["--goal", goal]);
    }
    let output = command.current_dir(root()).env("NO_COLOR", "1").output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The page's view model of the case: its sections, as the session answers them.
fn view(case: &Case) -> Vec<SectionView> {
    answered(case.files, case.settings, |combined| combined.sections(None, None))
}

/// What `ask` reads from `files` read together with `settings`, as the session combines them.
fn answered<T>(files: &[&str], settings: &str, ask: impl Fn(&Combined) -> T) -> T {
    let inputs = files
        .iter()
        .map(|f| Input {
            name: (*f).to_owned(),
            bytes: std::fs::read(root().join(f)).unwrap(),
            modified: None,
            in_folder: false,
        })
        .collect();
    let (batch, failures) = Batch::parse(inputs);
    assert!(failures.is_empty(), "{failures:?}");
    let (overrides, problems) = parse_fragment(settings);
    assert!(problems.is_empty(), "{problems:?}");
    let how = Combination::new(batch.info().reading, &overrides, &Default::default());
    ask(&batch.combine(&how))
}

/// The chart over time says where it starts and ends in the unit of its span: dates over days
/// and weeks, a day and then hours within one day (the fixtures' first and last times, written
/// out). coverage.py writes its machine's time without a zone: it is said without one, not as
/// UTC.
#[test]
fn the_chart_s_ends_read_in_the_unit_of_its_span() {
    let cases: [(&[&str], [&str; 2]); 4] = [
        (&PAIR, ["24 Nov 2026, 09:54", "09:55"]),
        (&[WEEKLY], ["5 Oct 2026", "19 Oct 2026"]),
        (&[DAILY], ["5 Oct 2026", "3 Nov 2026"]),
        (&[SAMPLE], ["18 Dec 2025, 09:00 UTC", "12:30 UTC"]),
    ];
    for (files, axis) in cases {
        let trend = answered(files, "", |combined| combined.dashboard(None).trend).expect("a trend");
        assert_eq!(trend.axis, axis.map(str::to_owned), "{files:?}");
    }
}

/// The lines of `output` from the heading of `section` to the next heading.
fn block<'a>(output: &'a str, section: Section, heading: &dyn Fn(&str) -> String) -> Vec<&'a str> {
    let start = heading(section.title());
    let mut lines = output.lines().skip_while(|l| !l.starts_with(&start));
    let first = lines.next().unwrap_or_else(|| panic!("no {start:?} in\n{output}"));
    let next = heading("");
    std::iter::once(first).chain(lines.take_while(|l| !l.starts_with(&next))).collect()
}

/// The one check for this boundary: every case says what it should in every output.
#[test]
fn durations_paces_and_estimates_read_in_the_unit_of_the_data_in_every_output() {
    for case in &CASES {
        let text = report(case, "text");
        let markdown = report(case, "markdown");
        let sections = view(case);
        for (section, says) in case.says {
            let context = format!("{:?} {section:?} {says:?}", case.files);
            // The text report: `Label:  value`, `name  value  pace`, a line, `not computed: …`.
            let lines = block(&text, *section, &|t| format!("━━ {}", t.to_uppercase()));
            let in_text = match says {
                Says::Fact(label, value) => lines
                    .iter()
                    .any(|l| l.trim().strip_prefix(&format!("{label}:")).is_some_and(|v| v.trim() == *value)),
                Says::Row(name, value) => lines.iter().any(|l| {
                    l.trim().strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with(&format!("{value}  ")))
                        || l.trim().strip_prefix(name).is_some_and(|rest| rest.trim() == *value)
                }),
                Says::Footer(line) => lines.iter().any(|l| l.trim() == *line),
                Says::NotComputed(reason) => lines.iter().any(|l| l.trim() == format!("not computed: {reason}")),
            };
            assert!(in_text, "text: {context}\n{}", lines.join("\n"));
            // The Markdown comment: `- Label: value`, a table row, an italic line, a sentence.
            let lines = block(&markdown, *section, &|t| format!("#### {t}"));
            let in_markdown = match says {
                Says::Fact(label, value) => lines.contains(&format!("- {label}: {value}").as_str()),
                Says::Row("Total", value) => lines.iter().any(|l| l.starts_with(&format!("| **Total** | {value} |"))),
                // A name that is not plain is a code span.
                Says::Row(name, value) => lines.iter().any(|l| {
                    l.starts_with(&format!("| `{name}` | {value} |")) || l.starts_with(&format!("| {name} | {value} |"))
                }),
                Says::Footer(line) => lines.contains(&format!("_{line}_").as_str()),
                Says::NotComputed(reason) => {
                    let mut sentence = format!("Not computed: {reason}.");
                    sentence.make_ascii_lowercase();
                    lines.iter().any(|l| l.to_lowercase() == sentence)
                }
            };
            assert!(in_markdown, "markdown: {context}\n{}", lines.join("\n"));
            // The page's view model.
            let view = sections.iter().find(|s| s.title() == section.title());
            let in_view = match (says, view.map(|v| &v.body)) {
                (Says::Fact(label, value), Some(SectionBody::Facts(facts))) => {
                    facts.iter().any(|f| f.label == *label && f.value == *value)
                }
                (Says::Row("Total", value), Some(SectionBody::Eta { total, .. })) => {
                    total.as_ref().map(ToString::to_string).as_deref() == Some(*value)
                }
                (Says::Row(name, value), Some(SectionBody::Eta { rows, .. })) => {
                    rows.iter().any(|r| r.name == *name && r.estimate.to_string() == *value)
                }
                (Says::Footer(line), Some(SectionBody::Bars { footer, .. })) => footer.as_deref() == Some(*line),
                (Says::NotComputed(reason), Some(SectionBody::Unavailable(said))) => said == reason,
                _ => false,
            };
            assert!(in_view, "view model: {context}\n{view:?}");
        }
    }
}

/// A history's timestamps and overall figures, read straight from its covdash JSON (every
/// package's `lines` counts summed), not through covdash.
fn history_figures(path: &str) -> Vec<(i64, f64)> {
    let history: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap();
    history["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let seconds = covdash::model::Timestamp::parse(s["timestamp"].as_str().unwrap()).unwrap().unix_seconds();
            let (covered, total) = s["packages"].as_object().unwrap().values().fold((0, 0), |(c, t), p| {
                (c + p["lines"]["covered"].as_u64().unwrap(), t + p["lines"]["total"].as_u64().unwrap())
            });
            (seconds, covered as f64 / total as f64 * 100.0)
        })
        .collect()
}

#[test]
fn the_json_analysis_states_the_span_its_pace_is_read_over() {
    for case in &CASES[1..3] {
        let figures = history_figures(case.files[0]);
        let (first, last) = (figures[0], figures[figures.len() - 1]);
        let analysis: serde_json::Value = serde_json::from_str(&report(case, "json")).unwrap();
        let momentum = &analysis["momentum"];
        let span = (last.0 - first.0) as f64;
        assert_eq!(momentum["seconds"].as_f64(), Some(span), "{:?}", case.files);
        assert!((momentum["gain"].as_f64().unwrap() - (last.1 - first.1)).abs() < 1e-9, "{momentum}");
        let per_hour = (last.1 - first.1) / (span / 3600.0);
        assert!((momentum["points_per_hour"].as_f64().unwrap() - per_hour).abs() < 1e-9, "{momentum}");
        assert_eq!(analysis["summary"]["seconds"].as_f64(), Some(span));
        // Estimates count from the latest snapshot's time.
        let latest = covdash::model::Timestamp::from_unix_seconds(last.0).to_string();
        assert_eq!(analysis["time_to_target"]["from"].as_str(), Some(latest.as_str()));
    }
    // Seconds apart: no momentum, and the reason among the sections not computed.
    let analysis: serde_json::Value = serde_json::from_str(&report(&CASES[0], "json")).unwrap();
    assert!(analysis["momentum"].is_null());
    let reasons: Vec<&str> =
        analysis["unavailable"].as_array().unwrap().iter().filter_map(|u| u["reason"].as_str()).collect();
    assert!(reasons.iter().any(|r| r.starts_with("the snapshots are 9 s apart")), "{reasons:?}");
}

#[test]
fn a_history_without_a_metric_is_judged_by_the_metric_its_data_has() {
    // The weekly history as a v2 file without `metric` whose packages give `{"lines": …}`
    // alone: lines it is, in every command, as with the metric named.
    let dir = root().join("target/test-time");
    std::fs::create_dir_all(&dir).unwrap();
    let mut history: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(WEEKLY)).unwrap()).unwrap();
    assert!(history.as_object_mut().unwrap().remove("metric").is_some(), "the fixture names its metric");
    for snapshot in history["snapshots"].as_array_mut().unwrap() {
        for figures in snapshot["packages"].as_object_mut().unwrap().values_mut() {
            figures.as_object_mut().unwrap().retain(|metric, _| metric == "lines");
        }
    }
    let path = dir.join("weekly-lines-no-metric.json");
    std::fs::write(&path, history.to_string()).unwrap();
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).env("NO_COLOR", "1").output().unwrap();
        (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let file = path.to_str().unwrap();
    let (status, summary) = run(&["summary", file]);
    assert_eq!(status, Some(0), "{summary}");
    assert!(summary.contains("47.7%"), "{summary}");
    let (status, text) = run(&["report", file, "--width", "100"]);
    assert_eq!(status, Some(0));
    assert!(text.lines().nth(1).unwrap().starts_with("lines ·"), "{text}");
    assert!(!text.contains("n/a"), "{text}");
    let (status, checked) = run(&["check", file, "--fail-under", "40"]);
    assert_eq!((status, checked.trim()), (Some(0), "ok: coverage 47.7% of lines is at least 40.0%"));
    // Asked for a metric the data truly lacks, every command says so; a gate fails.
    let go = root().join("tests/fixtures/go/ok/generated-go1.19-cover-count.out");
    for command in [&["report"][..], &["summary"], &["badge"], &["check", "--fail-under", "50"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(command)
            .arg(&go)
            .args(["--metric", "branches"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr).trim(),
            "covdash: the data has no branches figures (it has: statements)",
            "{command:?}"
        );
    }
}

/// A time written without a zone stays one through covdash's own files: a coverage.py report
/// written as covdash JSON keeps its time as coverage.py wrote it (no `Z`), and read back it is
/// the same moment, said the same way.
#[test]
fn a_time_without_a_zone_is_written_back_without_one() {
    let output = Command::new(env!("CARGO_BIN_EXE_covdash"))
        .args(["convert", "--to", "json"])
        .arg(root().join(PAIR[0]))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["snapshots"][0]["timestamp"], "2026-11-24T09:54:52");
    let scratch = common::Scratch::new("local-time");
    let written = scratch.join("written.json");
    std::fs::write(&written, &output.stdout).unwrap();
    let times = |file: &str| {
        answered(&[file], "", |c| c.dashboard(None).snapshots.iter().map(|t| t.time.clone()).collect::<Vec<_>>())
    };
    let (given, again) = (times(PAIR[0]), times(written.to_str().unwrap()));
    assert_eq!(
        (given.as_slice(), again.as_slice()),
        ([Some("2026-11-24 09:54".to_owned())].as_slice(), [Some("2026-11-24 09:54".to_owned())].as_slice())
    );
}
