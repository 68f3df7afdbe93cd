//! Helpers shared by the native test files: fixture listing, snapshot checking, and a stable
//! text dump of parsed reports.

#![allow(dead_code, reason = "each test file uses a different subset")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use covdash::formats::Parsed;
use covdash::model::{Coverage, Metric};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The input files under `tests/fixtures/<dir>`, sorted; expected-output files (`.txt`) and
/// provenance notes are not inputs.
pub fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(&root().join("tests/fixtures").join(dir), &mut files);
    // Expected outputs, provenance and the recipes that remade the inputs are not inputs.
    files.retain(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "sh")));
    covdash::model::sort(&mut files);
    assert!(!files.is_empty(), "no fixtures under tests/fixtures/{dir}");
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The expected-output file beside a fixture: `0001_x.json` → `0001_x.txt`.
pub fn expected_path(fixture: &Path) -> PathBuf {
    fixture.with_extension("txt")
}

/// Compares `actual` with the file at `expected`. With `UPDATE_EXPECT=1` the file is written
/// instead, which is how snapshots are blessed after a deliberate change.
#[track_caller]
pub fn check_snapshot(expected: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected, actual).unwrap_or_else(|e| panic!("writing {}: {e}", expected.display()));
        return;
    }
    let want = std::fs::read_to_string(expected)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_EXPECT=1 to create it)", expected.display()));
    assert!(
        want == actual,
        "{} differs (run with UPDATE_EXPECT=1 to bless)\n--- expected\n{want}\n--- actual\n{actual}",
        expected.display()
    );
}

/// A stable, line-per-fact text form of a parse result.
pub fn dump(parsed: &Parsed) -> String {
    let mut out = String::new();
    let report = &parsed.report;
    let opt = |v: Option<u64>| v.map_or("-".to_owned(), |n| n.to_string());
    let _ = writeln!(out, "format: {}", parsed.format.name());
    let _ = writeln!(out, "title: {}", report.title.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "metric: {}", report.metric);
    if let Some(settings) = &parsed.settings {
        let _ = writeln!(out, "target: {}", settings.target.value());
        let _ = writeln!(out, "goal: {}", settings.goal.map_or("-".to_owned(), |g| g.value().to_string()));
        let tiers: Vec<String> =
            settings.tiers.as_slice().iter().map(|t| format!("{} >= {}", t.name, t.min.value())).collect();
        let _ = writeln!(out, "tiers: {}", tiers.join(", "));
        if let Some(source) = &settings.source {
            let _ = writeln!(out, "source: {} (strip {})", source.template, source.strip.as_deref().unwrap_or("-"));
        }
        for group in &settings.groups {
            let _ = writeln!(out, "group: {} = {}", group.name, group.patterns.join(" "));
        }
    }
    if let Some(session) = &report.session {
        let time = |t: Option<covdash::model::Timestamp>| t.map_or("-".to_owned(), |t| t.to_string());
        let _ = writeln!(out, "session: {} .. {}", time(session.start), time(session.end));
    }
    if let Some(t) = &report.tests {
        let _ = writeln!(
            out,
            "tests: functions={} cases={} lines={} mock_servers={} passed={} failed={} skipped={} flaky={}",
            opt(t.functions),
            opt(t.cases),
            opt(t.lines),
            opt(t.mock_servers),
            opt(t.passed),
            opt(t.failed),
            opt(t.skipped),
            opt(t.flaky)
        );
    }
    for snapshot in &report.snapshots {
        let time = snapshot.timestamp.map_or("-".to_owned(), |t| t.to_string());
        let _ = writeln!(out, "snapshot {:?} at {time}", snapshot.label);
        let revision = &snapshot.revision;
        if let Some(commit) = &revision.commit {
            let _ = writeln!(out, "  commit {commit}");
        }
        if let Some(git_ref) = &revision.git_ref {
            let _ = writeln!(out, "  ref {git_ref}");
        }
        if let Some(run) = revision.run_time {
            let _ = writeln!(out, "  run at {run}");
        }
        if let Some(t) = &snapshot.tests {
            let _ =
                writeln!(out, "  tests: passed={} failed={} skipped={}", opt(t.passed), opt(t.failed), opt(t.skipped));
        }
        for package in snapshot.packages.iter() {
            let mut figures = Vec::new();
            for metric in Metric::ALL {
                match package.coverage(metric) {
                    Some(Coverage::Counts(c)) => figures.push(format!("{metric} {}/{}", c.covered(), c.total())),
                    Some(Coverage::Percent(p)) => figures.push(format!("{metric} {}%", p.value())),
                    None => {}
                }
            }
            let figures = if figures.is_empty() { "no figure".to_owned() } else { figures.join(", ") };
            let _ = writeln!(out, "  {} {figures}", package.name);
            for file in &package.files {
                let mut figures = Vec::new();
                for metric in Metric::ALL {
                    if let Some(c) = file.counts(metric) {
                        figures.push(format!("{metric} {}/{}", c.covered(), c.total()));
                    }
                }
                let _ = writeln!(out, "    {} {}", file.path, figures.join(", "));
            }
        }
    }
    for diagnostic in &parsed.diagnostics {
        let _ = writeln!(out, "diagnostic: {diagnostic}");
    }
    if parsed.n_diagnostics > 0 {
        let _ = writeln!(out, "diagnostics in all: {}", parsed.n_diagnostics);
    }
    out
}

/// Whether `c` acts on text instead of being text, by Unicode's general categories (the
/// `unicode-general-category` crate, not covdash's own table): a control (Cc), a format
/// character (Cf: bidirectional controls, zero-width characters, tags…), or a line or paragraph
/// separator (Zl, Zp). No output may write one from the data as it is.
pub fn acts_on_text(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory};
    matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// A directory of a test's own under the system's temporary directory (outside any git
/// repository), empty when made and removed when dropped. When the test fails it is kept, and
/// its path said, to look at.
pub struct Scratch(PathBuf);

impl Scratch {
    /// `covdash-<name>-<process>`: `name` tells the tests of one file apart, the process the runs.
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("covdash-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("kept {} to look at", self.0.display());
        } else if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("{}: {e}", self.0.display());
        }
    }
}
