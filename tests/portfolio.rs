//! `covdash portfolio` on a portfolio of seven real repositories (`tests/fixtures/portfolio/`:
//! histories recorded by `covdash record` from real reports of gcc + lcov, coverage.py, c8,
//! Go and coverlet): each repository's figure equals `covdash report` on its own history, the
//! organisation's is the sum of their counts, computed here; a built portfolio gives the same
//! view as the index it was built from, byte for byte the same on every build; the CSV, the
//! Markdown budget, the gate and the messages for broken indexes.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

const NOW: &str = "2026-12-05T00:00:00Z";

fn dir() -> PathBuf {
    common::root().join("tests/fixtures/portfolio")
}

/// covdash's exit status and what it printed (stdout, then stderr).
fn covdash(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_covdash")).args(args).current_dir(dir()).output().unwrap();
    let (out, err) =
        (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned());
    (output.status.code(), out, err)
}

fn json_of(args: &[&str]) -> Value {
    let (status, out, err) = covdash(args);
    assert_eq!(status, Some(0), "covdash {args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// What `covdash report` says of one repository's history: its latest snapshot's lines,
/// covered and in all; `None` when the data has no lines.
fn report_figure(source: &str) -> Option<(u64, u64)> {
    let (status, out, err) = covdash(&["report", "--format", "json", "--metric", "lines", source]);
    if status == Some(2) && err.contains("has no lines figures") {
        return None;
    }
    assert_eq!(status, Some(0), "covdash report {source}: {err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let last = report["progress"]["points"].as_array().unwrap().last().unwrap().clone();
    Some((last["covered"].as_u64().unwrap(), last["total"].as_u64().unwrap()))
}

#[test]
fn each_repository_is_its_own_report_and_the_organisation_the_sum_of_their_counts() {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("covdash-portfolio.json")).unwrap()).unwrap();
    let view = json_of(&["portfolio", "--format", "json", "--now", NOW, "covdash-portfolio.json"]);
    assert_eq!(view["total"]["metric"], "lines");
    let entries = index["repositories"].as_array().unwrap();
    let rows = view["repositories"].as_array().unwrap();
    assert_eq!(rows.len(), entries.len());
    let (mut covered, mut total, mut left_out) = (0, 0, Vec::new());
    for (entry, row) in entries.iter().zip(rows) {
        let name = entry["name"].as_str().unwrap();
        assert_eq!(row["name"], name);
        let source = entry.get("history").or(entry.get("report")).unwrap().as_str().unwrap();
        match report_figure(source) {
            Some((c, t)) => {
                assert_eq!((row["covered"].as_u64(), row["total"].as_u64()), (Some(c), Some(t)), "{name}");
                let percent = row["percent"].as_f64().unwrap();
                assert!((percent - c as f64 * 100.0 / t as f64).abs() < 1e-9, "{name}: {percent}");
                (covered, total) = (covered + c, total + t);
            }
            None => {
                assert!(row["covered"].is_null() && row["percent"].is_null(), "{name}: {row}");
                left_out.push(name.to_owned());
            }
        }
    }
    // Weighted by counts: Σ covered / Σ total, never the mean of the percentages.
    assert_eq!((view["total"]["covered"].as_u64(), view["total"]["total"].as_u64()), (Some(covered), Some(total)));
    let percent = view["total"]["percent"].as_f64().unwrap();
    assert!((percent - covered as f64 * 100.0 / total as f64).abs() < 1e-9);
    assert_eq!(view["without_metric"], serde_json::json!(left_out));
    assert_eq!(left_out, ["go-module"], "the Go profile counts statements, not lines");
    // The trend's last day holds every repository's last figure, carried where it did not run.
    let last = view["trend"].as_array().unwrap().last().unwrap();
    assert_eq!((last["covered"].as_u64(), last["total"].as_u64()), (Some(covered), Some(total)));
    assert_eq!(last["repositories"].as_u64(), Some(6));
    // Teams: the index's field, and its globs for a repository without one (clock-c: `*-c`).
    let team = |name: &str| view["teams"].as_array().unwrap().iter().find(|t| t["team"] == name).unwrap().clone();
    let (calc, clock) =
        (report_figure("histories/calc-c.json").unwrap(), report_figure("histories/clock-c.json").unwrap());
    assert_eq!(team("core")["covered"].as_u64(), Some(calc.0 + clock.0));
    assert_eq!(team("core")["total"].as_u64(), Some(calc.1 + clock.1));
    assert_eq!(team("core")["repositories"].as_u64(), Some(2));
    // Stale: no run in 14 days before 5 Dec 2026.
    let stale: Vec<&str> = rows.iter().filter(|r| r["stale"] == true).map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(stale, ["more-itertools", "shapes-py", "go-module", "coverlet-dotnet"]);
}

#[test]
fn a_built_portfolio_is_the_same_bytes_every_time_and_gives_the_same_view() {
    let out = common::Scratch::new("portfolio");
    let built = |name: &str| -> (PathBuf, String) {
        let path = out.join(name);
        let (status, said, err) =
            covdash(&["portfolio", "build", "covdash-portfolio.json", "-o", path.to_str().unwrap()]);
        assert_eq!(status, Some(0), "{err}");
        assert!(said.contains("7 repositories"), "{said}");
        let text = std::fs::read_to_string(&path).unwrap();
        (path, text)
    };
    let (first, text) = built("one.json");
    let (_, again) = built("two.json");
    assert_eq!(text, again);
    // One repository per line, after the head.
    assert_eq!(text.lines().filter(|l| l.starts_with("{\"name\":")).count(), 7);
    for format in ["json", "text", "csv", "markdown"] {
        let from_index = covdash(&["portfolio", "--format", format, "--now", NOW, "covdash-portfolio.json"]);
        let from_built = covdash(&["portfolio", "--format", format, "--now", NOW, first.to_str().unwrap()]);
        assert_eq!(from_built, from_index, "{format}");
    }
}

#[test]
fn csv_has_a_row_per_repository_and_no_formula() {
    let (status, csv, err) = covdash(&["portfolio", "--format", "csv", "--now", NOW, "covdash-portfolio.json"]);
    assert_eq!(status, Some(0), "{err}");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "name,team,tags,metric,covered,total,percent,change,last_time,stale,to_target,snapshots");
    assert_eq!(lines.len(), 8);
    assert!(lines[2].starts_with("calc-c,core,,lines,33,39,"), "{}", lines[2]);
    // A name a spreadsheet would run as a formula is text.
    let work = common::Scratch::new("formula");
    std::fs::copy(dir().join("histories/calc-c.json"), work.join("calc.json")).unwrap();
    let index = r#"{"repositories": [{"name": "=HYPERLINK(\"x\",\"y\")", "history": "calc.json", "team": "a,b"}]}"#;
    std::fs::write(work.join("index.json"), index).unwrap();
    let (status, csv, err) = covdash(&["portfolio", "--format", "csv", work.join("index.json").to_str().unwrap()]);
    assert_eq!(status, Some(0), "{err}");
    assert!(csv.contains("\r\n\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",\"a,b\",,lines,33,39,"), "{csv}");
}

#[test]
fn markdown_keeps_to_its_budget_and_says_what_it_left_out() {
    let (status, whole, _) = covdash(&["portfolio", "--format", "markdown", "--now", NOW, "covdash-portfolio.json"]);
    assert_eq!(status, Some(0));
    assert!(whole.contains("| more-itertools | python | 68.3% |"), "{whole}");
    let budget = whole.chars().count() - 200;
    let (status, fitted, _) = covdash(&[
        "portfolio",
        "--format",
        "markdown",
        "--now",
        NOW,
        "--max-chars",
        &budget.to_string(),
        "covdash-portfolio.json",
    ]);
    assert_eq!(status, Some(0));
    assert!(fitted.chars().count() <= budget, "{} > {budget}", fitted.chars().count());
    assert!(fitted.contains("more repositories: left out to fit"), "{fitted}");
}

#[test]
fn the_gate_judges_the_organisation_and_each_team() {
    let gate = |least: &str, per_team: bool| {
        let mut args = vec!["check", "--portfolio", "--fail-under", least, "--now", NOW, "covdash-portfolio.json"];
        if per_team {
            args.push("--per-team");
        }
        covdash(&args)
    };
    let (status, said, err) = gate("65", false);
    assert_eq!(status, Some(0), "{err}");
    assert!(said.contains("ok: the organisation: 68.0% of lines, at least 65.0%"), "{said}");
    let (status, _, err) = gate("65", true);
    assert_eq!(status, Some(1));
    assert_eq!(err.trim(), "covdash: team platform: 61.2% of lines, under 65.0%");
    let (status, _, err) = gate("70", false);
    assert_eq!(status, Some(1));
    assert!(err.contains("the organisation: 68.0% of lines, under 70.0%"), "{err}");
}

#[test]
fn a_broken_index_names_the_file_the_repository_and_the_problem() {
    let work = common::Scratch::new("broken-index");
    let cases: &[(&str, &str)] = &[
        (r#"{"repositories": [{"name": "a"}]}"#, "repositories[0]: no \"history\" (or \"report\")"),
        (
            r#"{"repositories": [{"name": "a", "history": "x.json"}, {"name": "a", "history": "y.json"}]}"#,
            "repositories[1].name: “a” names repositories[0] already",
        ),
        (
            r#"{"repositories": [{"name": "a", "history": "https://ci.example/a.json"}]}"#,
            "repository “a”: https://ci.example/a.json: an address",
        ),
        (r#"{"repositories": [{"name": "a", "history": "missing.json"}]}"#, "repository “a”: "),
        (r#"{"target": 120, "repositories": []}"#, "target: 120 is not a percentage"),
        (r#"{"repositories": [{"name": "a", "history": "x.json"}],}"#, "line 1"),
    ];
    for (text, expected) in cases {
        let index = work.join("index.json");
        std::fs::write(&index, text).unwrap();
        let (status, _, err) = covdash(&["portfolio", index.to_str().unwrap()]);
        assert_eq!(status, Some(2), "{text}: {err}");
        assert!(err.contains(expected) && err.contains("index.json"), "{text}: {err}");
    }
}

/// The page's session, given the index with its histories and reports (as a folder dropped
/// on the page gives them) or the built portfolio, shows the organisation: a row per
/// repository, the figure `covdash portfolio` prints, the teams.
#[test]
fn the_page_shows_the_organisation_from_the_index_with_its_histories_or_from_the_built_file() {
    use covdash::present::{Rows, SectionBody};
    use covdash::session::FirstView;
    use covdash::session::{Input, Reply, Request, Session};
    let view = json_of(&["portfolio", "--format", "json", "--now", NOW, "covdash-portfolio.json"]);
    let total = |v: &Value| (v["covered"].as_u64().unwrap(), v["total"].as_u64().unwrap());
    let (covered, all) = total(&view["total"]);
    let inputs = index_with_histories();
    let scratch = common::Scratch::new("page-portfolio");
    let built = scratch.join("portfolio.json");
    let (status, _, err) = covdash(&["portfolio", "build", "covdash-portfolio.json", "-o", built.to_str().unwrap()]);
    assert_eq!(status, Some(0), "{err}");
    let built_input = Input {
        name: "portfolio.json".to_owned(),
        bytes: std::fs::read(&built).unwrap(),
        modified: None,
        in_folder: false,
    };
    let mut opened = 0;
    for given in [inputs, vec![built_input]] {
        let mut session = Session::default();
        session.set_now(covdash::model::Timestamp::parse(NOW).unwrap());
        let request =
            Request::Load { names: given.iter().map(Input::file_name).collect(), first: Some(FirstView::default()) };
        let Reply::Loaded { info: Some(_), failures, first: Some(first) } = session.answer(request, given, &mut |_| {})
        else {
            panic!("not loaded")
        };
        assert!(failures.is_empty(), "{failures:?}");
        let Reply::Shown(shown) = *first else { panic!("no view") };
        assert_eq!(shown.view.rows, Rows::Repositories);
        assert_eq!(shown.packages.n_total, 7);
        let expected =
            format!("{} of {} lines", covdash::present::format_count(covered), covdash::present::format_count(all));
        assert!(shown.view.overall.method.contains(&expected), "{}", shown.view.overall.method);
        assert_eq!(shown.view.overall.text, "68.0%");
        let names: Vec<&str> = shown.packages.rows.iter().map(|(_, r)| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["clock-c", "calc-c", "money-js", "more-itertools", "shapes-py", "coverlet-dotnet", "go-module"]
        );
        let teams = shown.sections.iter().find(|s| s.id() == "readiness").unwrap();
        let SectionBody::Bars { rows, .. } = &teams.body else { panic!("{teams:?}") };
        let said: Vec<(&str, &str)> = rows.iter().map(|r| (r.name.as_str(), r.text.as_str())).collect();
        assert_eq!(said, [("core", "85.1%"), ("platform", "61.2%"), ("python", "68.3%"), ("web", "73.8%")]);
        // Each tier with the percentages it holds, as a project's distribution says them: a
        // repository at 92% is Elite, not "Excellent: 85.0% and above".
        let tiers = shown.sections.iter().find(|s| s.id() == "distribution").unwrap();
        let SectionBody::Bars { rows, .. } = &tiers.body else { panic!("{tiers:?}") };
        let said: Vec<(&str, &str, Option<&str>)> =
            rows.iter().map(|r| (r.name.as_str(), r.text.as_str(), r.detail.as_deref())).collect();
        assert_eq!(
            said,
            [
                ("Elite", "0 repositories", Some("90.0% and above")),
                ("Excellent", "1 repository", Some("85.0%–90.0%")),
                ("Good", "2 repositories", Some("75.0%–85.0%")),
                ("OK", "0 repositories", Some("70.0%–75.0%")),
                ("Needs work", "3 repositories", Some("0.0%–70.0%")),
            ]
        );
        let ids: Vec<&str> = shown.sections.iter().map(|s| s.id()).collect();
        assert_eq!(ids, ["summary", "readiness", "time-to-target", "distribution", "achievements", "recommendations"]);
        // With its histories given, a repository opens into its own dashboard: its history,
        // the figure `covdash report` prints for it; a built portfolio has none to open.
        let openable = shown.packages.rows.iter().filter(|(_, r)| r.dashboard).count();
        let how = covdash::session::Combination::new(
            covdash::model::Reading::Merged,
            &Default::default(),
            &Default::default(),
        )
        .within(Some("more-itertools".to_owned()));
        let Reply::Shown(repository) =
            session.answer(Request::Show { how, snapshot: None, sections: None }, Vec::new(), &mut |_| {})
        else {
            panic!("no view")
        };
        if openable == 0 {
            continue;
        }
        assert_eq!(openable, 7);
        assert_eq!(repository.view.rows, Rows::Packages);
        assert_eq!(repository.view.title, "more-itertools");
        assert_eq!(repository.view.snapshots.len(), 30);
        assert_eq!(repository.view.overall.text, "68.3%");
        opened += 1;
    }
    assert_eq!(opened, 1, "the index with its histories opens its repositories");
}

/// The index with its histories and reports, as a folder dropped on the page gives them.
fn index_with_histories() -> Vec<covdash::session::Input> {
    let under = |folder: &'static str| {
        std::fs::read_dir(dir().join(folder))
            .unwrap()
            .map(move |e| format!("{folder}/{}", e.unwrap().file_name().to_string_lossy()))
    };
    ["covdash-portfolio.json".to_owned()]
        .into_iter()
        .chain(under("histories"))
        .chain(under("reports"))
        .map(|name| covdash::session::Input {
            bytes: std::fs::read(dir().join(&name)).unwrap(),
            name,
            modified: None,
            in_folder: false,
        })
        .collect()
}

/// A change is said as the figures beside it read: the organisation went from 68.08% to 68.03%
/// on its last day (shown 68.1% and 68.0%), which is "−0.1 points", not "±0.0"; and over the
/// 7 days to its last run, from 67.96% (24 Nov, the latest day at least 7 days before) to
/// 68.03%, both shown as 68.0%: "±0.0 points", not "+0.1". The trend's days, from
/// `covdash portfolio --format json`: 24 Nov 1,529 of 2,250, 2 Dec 1,546 of 2,271, 3 Dec 1,545 of
/// 2,271 lines.
#[test]
fn a_change_reads_as_the_figures_beside_it() {
    use covdash::present::{Fact, SectionBody};
    use covdash::session::{FirstView, Input, Reply, Request, Session};
    let view = json_of(&["portfolio", "--format", "json", "--now", NOW, "covdash-portfolio.json"]);
    let days: Vec<(&str, u64, u64)> = view["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["date"].as_str().unwrap(), p["covered"].as_u64().unwrap(), p["total"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        days[days.len() - 3..],
        [("2026-12-01", 1538, 2263), ("2026-12-02", 1546, 2271), ("2026-12-03", 1545, 2271)]
    );
    assert!(
        days.contains(&("2026-11-24", 1529, 2250)) && !days.iter().any(|d| ("2026-11-25".."2026-11-27").contains(&d.0))
    );
    let mut session = Session::default();
    session.set_now(covdash::model::Timestamp::parse(NOW).unwrap());
    let inputs = index_with_histories();
    let request =
        Request::Load { names: inputs.iter().map(Input::file_name).collect(), first: Some(FirstView::default()) };
    let Reply::Loaded { first: Some(first), .. } = session.answer(request, inputs, &mut |_| {}) else {
        panic!("not loaded")
    };
    let Reply::Shown(shown) = *first else { panic!("no view") };
    let trend = shown.view.trend.as_ref().unwrap();
    let said: Vec<(&str, Option<&str>)> =
        trend.points[trend.points.len() - 2..].iter().map(|p| (p.text.as_str(), p.change.as_deref())).collect();
    assert_eq!(said, [("68.1%", Some("+0.1 points")), ("68.0%", Some("−0.1 points"))]);
    let summary = shown.sections.iter().find(|s| s.id() == "summary").unwrap();
    let SectionBody::Facts(facts) = &summary.body else { panic!("{summary:?}") };
    let change = facts.iter().find(|f: &&Fact| f.label == "Change over 7 days").unwrap();
    assert_eq!(change.value, "±0.0 points: 68.0% on 24 Nov 2026 → 68.0% on 3 Dec 2026");
    // The distance to the target in points, and the repositories furthest from it, in words.
    let time = shown.sections.iter().find(|s| s.id() == "time-to-target").unwrap();
    let SectionBody::Facts(facts) = &time.body else { panic!("{time:?}") };
    assert_eq!(facts[0].value, "68.0%, 12.0 points below the 80.0% target");
    let recommendations = shown.sections.iter().find(|s| s.id() == "recommendations").unwrap();
    let SectionBody::Bars { footer, .. } = &recommendations.body else { panic!("{recommendations:?}") };
    assert_eq!(footer.as_deref(), Some("The 3 repositories with the most lines to the target, the most first"));
}

/// Histories given together without an index (dropped on the page) are an organisation: each a
/// repository named by its file; a single history stays a project's dashboard.
#[test]
fn histories_given_together_are_an_organisation() {
    use covdash::present::Rows;
    use covdash::session::{FirstView, Input, Reply, Request, Session};
    let names = ["calc-c", "clock-c", "money-js", "more-itertools", "shapes-py"];
    let inputs: Vec<Input> = names
        .iter()
        .map(|n| Input {
            name: format!("{n}.json"),
            bytes: std::fs::read(dir().join(format!("histories/{n}.json"))).unwrap(),
            modified: None,
            in_folder: false,
        })
        .collect();
    let expected: Vec<(u64, u64)> =
        names.iter().map(|n| report_figure(&format!("histories/{n}.json")).unwrap()).collect();
    let (covered, total) = expected.iter().fold((0, 0), |(c, t), (a, b)| (c + a, t + b));
    for (given, rows) in [(inputs.clone(), Rows::Repositories), (inputs[..1].to_vec(), Rows::Packages)] {
        let mut session = Session::default();
        let request =
            Request::Load { names: given.iter().map(Input::file_name).collect(), first: Some(FirstView::default()) };
        let Reply::Loaded { info: Some(_), first: Some(first), .. } = session.answer(request, given, &mut |_| {})
        else {
            panic!("not loaded")
        };
        let Reply::Shown(shown) = *first else { panic!("no view") };
        assert_eq!(shown.view.rows, rows);
        if rows == Rows::Repositories {
            assert_eq!(shown.packages.n_total, 5);
            let said = format!(
                "{} of {} lines",
                covdash::present::format_count(covered),
                covdash::present::format_count(total)
            );
            assert!(shown.view.overall.method.contains(&said), "{}", shown.view.overall.method);
        }
    }
    // calc-c (84.6%) and more-itertools (68.3%): one repository below the 80% target, said as one.
    let given = vec![inputs[0].clone(), inputs[3].clone()];
    let mut session = Session::default();
    let request =
        Request::Load { names: given.iter().map(Input::file_name).collect(), first: Some(FirstView::default()) };
    let Reply::Loaded { first: Some(first), .. } = session.answer(request, given, &mut |_| {}) else {
        panic!("not loaded")
    };
    let Reply::Shown(shown) = *first else { panic!("no view") };
    let recommendations = shown.sections.iter().find(|s| s.id() == "recommendations").unwrap();
    let covdash::present::SectionBody::Bars { rows, footer } = &recommendations.body else {
        panic!("{recommendations:?}")
    };
    assert_eq!((rows.len(), footer.as_deref()), (1, Some("The one repository with lines to the target")));
}

#[test]
fn staleness_is_said_in_days_agreeing_in_number() {
    // (--stale-after, what the headline says of the repositories without a run since)
    for (days, said) in [("1", "stale (no run in 1 day)"), ("30", "stale (no run in 30 days)")] {
        let (status, out, err) = covdash(&["portfolio", "--now", NOW, "--stale-after", days, "covdash-portfolio.json"]);
        assert_eq!(status, Some(0), "{err}");
        assert!(out.contains(said), "{out}");
    }
}

/// A person writes the index: a key it does not have (`"teem"` for `"team"`) is read past and
/// said, once a key, where it first is and in how many repositories, by the command line and
/// by the page; annotations (`$schema`, `x-…`) are not. The rest is read as written.
#[test]
fn a_key_an_index_does_not_have_is_said_where_it_first_is() {
    use covdash::session::{FirstView, Input, Reply, Request, Session};
    let work = common::Scratch::new("index-keys");
    let history = |name: &str| dir().join(format!("histories/{name}.json")).to_string_lossy().into_owned();
    let index = format!(
        r#"{{
  "$schema": "../docs/portfolio.schema.json",
  "title": "Misspelt",
  "stale_after": 7,
  "x-owner": "platform",
  "repositories": [
    {{ "name": "calc-c", "teem": "core", "history": "{}" }},
    {{ "name": "clock-c", "tag": "c", "teem": "core", "history": "{}" }}
  ]
}}"#,
        history("calc-c"),
        history("clock-c")
    );
    std::fs::write(work.join("index.json"), &index).unwrap();
    let said = [
        "line 4, column 3: \"stale_after\" is not a key of a portfolio's index (it has title, metric, target, \
         stale_after_days, teams, repositories): ignored",
        "line 7, column 25: \"teem\", in 2 repositories, is not a key of an index's repository (it has name, \
         history, report, team, tags): ignored",
        "line 8, column 26: \"tag\", in a repository, is not a key of an index's repository (it has name, \
         history, report, team, tags): ignored",
    ];
    let (status, out, err) = covdash(&["portfolio", "--now", NOW, work.join("index.json").to_str().unwrap()]);
    assert_eq!(status, Some(0), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], format!("covdash: {}: 3 keys it does not have, read past", work.join("index.json").display()));
    assert_eq!(lines[1..].iter().map(|l| l.trim_start()).collect::<Vec<_>>(), said, "{err}");
    assert!(out.contains("Misspelt") && out.contains("calc-c") && out.contains("clock-c"), "{out}");

    // The page, given the index with its histories, one with a key a snapshot does not have
    // (written by hand into its first snapshot): what each file read past, the index's first.
    let calc =
        std::fs::read_to_string(history("calc-c")).unwrap().replacen(r#"{"label""#, r#"{"lable":"x","label""#, 1);
    let inputs: Vec<Input> = [("index.json", index.into_bytes()), ("calc-c.json", calc.into_bytes())]
        .into_iter()
        .chain([("clock-c.json", std::fs::read(history("clock-c")).unwrap())])
        .map(|(name, bytes)| Input { name: name.to_owned(), bytes, modified: None, in_folder: false })
        .collect();
    let mut session = Session::default();
    let request =
        Request::Load { names: inputs.iter().map(Input::file_name).collect(), first: Some(FirstView::default()) };
    let Reply::Loaded { info: Some(info), failures, .. } = session.answer(request, inputs, &mut |_| {}) else {
        panic!("not loaded")
    };
    assert!(failures.is_empty(), "{failures:?}");
    let problems = info.problems.unwrap();
    let lines: Vec<&str> = problems.lines().collect();
    assert_eq!(lines[0], "index.json: 3 keys it does not have, read past");
    assert_eq!(lines[1..4], said);
    assert_eq!(
        lines[4..],
        [
            "calc-c.json: 1 key it does not have, read past",
            "line 28, column 6: \"lable\", in a snapshot, is not a key of a snapshot (it has label, timestamp, \
             packages, commit, ref, run_time, tests): ignored"
        ]
    );
}
