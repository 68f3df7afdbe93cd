//! Several files at once: parts of one run, or moments of one project.
//!
//! Two LCOV files from two CI jobs (frontend, backend) describe different source files: they
//! are parts of one run and are merged file by file. Two coverage files of the same project a
//! week apart describe mostly the same source files: they are moments, and become snapshots.
//! [`suggest_reading`] tells the two apart by how much the files' source paths overlap; the
//! page shows the suggestion and lets the person switch.
//!
//! Moments are put in time order by the time each report's tool wrote into it (coverage.py's
//! `meta.timestamp`, Cobertura's `timestamp`, JaCoCo's sessions, Clover's `generated`,
//! `go test -json` event times, covdash JSON's own): a file's modification time is only a
//! stand-in, since a checkout or an artifact download sets it to anything. [`order`] says which
//! was used, so that the page and the reports can say so.

use std::collections::HashMap;

use super::Reading;
use serde::Serialize;

use super::{merge_snapshots, FileCoverage, Metric, Report, Snapshot, TestStats, Timestamp};
use covdash_protocol::sort::sort_by;

/// One input of a batch: its name, what it held, and when it was written if known.
#[derive(Debug, Clone, PartialEq)]
pub struct Part<'a> {
    pub name: &'a str,
    pub report: &'a Report,
    /// The file's own time (a browser's `lastModified`, the file system's modification time),
    /// used when the report has none.
    pub modified: Option<Timestamp>,
}

/// What put the snapshots of several files in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Order {
    /// Every report's own time, as its tool wrote it.
    ReportTimes,
    /// The files' modification times: `undated` of the `n` reports carry no time of their own.
    FileTimes { undated: usize, n: usize },
    /// The file names: `undated` of the `n` reports carry no time, and some file has none either.
    Names { undated: usize, n: usize },
}

/// The snapshots of `parts` read as moments, each with the time it is ordered by: its own,
/// or its file's for a file of one snapshot. Inputs read for their tests only take no part.
fn moments<'p>(parts: &'p [Part<'_>]) -> Vec<(&'p Part<'p>, &'p Snapshot, Option<Timestamp>)> {
    let only_tests = test_only(parts);
    parts
        .iter()
        .zip(&only_tests)
        .filter(|(_, only)| !**only)
        .flat_map(|(part, _)| {
            let n_own = part.report.snapshots.len();
            part.report.snapshots.iter().map(move |s| {
                let time = if n_own == 1 { s.timestamp.or(part.modified) } else { s.timestamp };
                (part, s, time)
            })
        })
        .collect()
}

/// How [`combine`] orders the snapshots of `parts` read as moments; `None` when there is
/// nothing to order (one input, or parts of one run).
pub fn order(parts: &[Part<'_>], reading: Reading) -> Option<Order> {
    let moments = moments(parts);
    if reading == Reading::Merged || moments.len() < 2 {
        return None;
    }
    let n = moments.len();
    let undated = moments.iter().filter(|(_, s, _)| s.timestamp.is_none()).count();
    Some(if undated == 0 {
        Order::ReportTimes
    } else if moments.iter().all(|(_, _, time)| time.is_some()) {
        Order::FileTimes { undated, n }
    } else {
        Order::Names { undated, n }
    })
}

/// Whether a report has file-level detail.
fn has_files(report: &Report) -> bool {
    report.snapshots.iter().flat_map(|s| s.packages.iter()).any(|p| !p.files.is_empty())
}

/// The inputs read for their test results only: those with no packages at all (JUnit), and,
/// beside an input with per-file coverage, those with package figures only and test results
/// (`go test -json` next to its coverage profile). Their package figures would otherwise
/// replace the detailed ones.
/// How many of `parts` bring coverage (the others bring only test results, beside them).
pub fn coverage_parts(parts: &[Part<'_>]) -> usize {
    test_only(parts).iter().filter(|only| !**only).count()
}

fn test_only<'p, 'a>(parts: &'p [Part<'a>]) -> Vec<bool> {
    let any_files = parts.iter().any(|p| has_files(p.report));
    parts
        .iter()
        .map(|part| {
            let no_packages = part.report.snapshots.iter().all(|s| s.packages.is_empty());
            part.report.tests.is_some() && (no_packages || (any_files && !has_files(part.report)))
        })
        .collect()
}

/// Snapshots when most source files appear in more than one input, parts of one run otherwise.
/// Inputs without per-file detail (package figures only) are moments when they share packages.
/// Inputs read for their tests only take no part.
pub fn suggest_reading(parts: &[Part<'_>]) -> Reading {
    let only_tests = test_only(parts);
    let parts: Vec<Part<'_>> =
        parts.iter().zip(&only_tests).filter(|(_, only)| !**only).map(|(part, _)| part.clone()).collect();
    let parts = parts.as_slice();
    if parts.len() < 2 {
        return Reading::Merged;
    }
    let keys_of = |part: &Part<'_>| -> Vec<String> {
        let snapshot = part.report.latest();
        let files: Vec<String> = snapshot.iter().flat_map(|s| s.files()).map(|f| f.path.clone()).collect();
        if files.is_empty() {
            snapshot.iter().flat_map(|s| s.packages.iter()).map(|p| p.name.clone()).collect()
        } else {
            files
        }
    };
    let sets: Vec<Vec<String>> = parts.iter().map(keys_of).collect();
    let total: usize = sets.iter().map(Vec::len).sum();
    let mut shared = 0;
    for (idx, set) in sets.iter().enumerate() {
        shared +=
            set.iter().filter(|key| sets.iter().enumerate().any(|(other, s)| other != idx && s.contains(key))).count();
    }
    // More than half of all keys seen again elsewhere: the same project at other moments.
    if total > 0 && shared * 2 > total {
        Reading::Snapshots
    } else {
        Reading::Merged
    }
}

/// Whether two reports hold the same run as two of a tool's reporters write it (Jest's and c8's
/// `lcov.info`, `clover.xml` and `coverage-final.json`; coverage.py's XML, LCOV and JSON): one
/// snapshot each, the same files, and file by file the same figures for every metric both
/// record and, where both list their lines, the same lines run and not run. A file's path is
/// compared without the folder all of its report's paths share: one reporter writes them
/// relative to the project, another absolute.
pub fn same_run(a: &Report, b: &Report) -> bool {
    let ([a], [b]) = (a.snapshots.as_slice(), b.snapshots.as_slice()) else {
        return false;
    };
    // Counted first: reports of different runs mostly differ there, before any map is built.
    let n_files = a.files().count();
    if n_files == 0 || n_files != b.files().count() {
        return false;
    }
    let (a, b) = (files_by_path(a), files_by_path(b));
    a.len() == n_files
        && a.iter().all(|(path, x)| {
            b.get(path).is_some_and(|y| {
                let mut both = Metric::ALL.into_iter().filter_map(|m| Some((x.counts(m)?, y.counts(m)?))).peekable();
                both.peek().is_some() && both.all(|(x, y)| x == y) && same_lines(x, y)
            })
        })
}

/// Whether two files' lines were run alike, where both list them: the same lines, each run in
/// both or in neither (how many times is a reporter's choice: coverage.py's XML says 1).
fn same_lines(x: &FileCoverage, y: &FileCoverage) -> bool {
    x.lines.is_empty()
        || y.lines.is_empty()
        || (x.lines.len() == y.lines.len()
            && x.lines.iter().zip(&y.lines).all(|(a, b)| a.line == b.line && (a.hits > 0) == (b.hits > 0)))
}

/// A snapshot's files by their paths without the folder all of them share.
fn files_by_path(snapshot: &Snapshot) -> HashMap<&str, &FileCoverage> {
    let shared = shared_folder(snapshot.files().map(|f| f.path.as_str()));
    snapshot.files().map(|f| (&f.path[shared..], f)).collect()
}

/// The length of the folder every one of `paths` starts with (`/ci/app/` of `/ci/app/a.js`
/// and `/ci/app/lib/b.js`), up to and with its last slash; 0 when they share none.
fn shared_folder<'p>(mut paths: impl Iterator<Item = &'p str>) -> usize {
    let Some(first) = paths.next().map(str::as_bytes) else { return 0 };
    // Through the last slash of a run of bytes: a slash is never part of a longer character.
    let folder = |bytes: &[u8]| bytes.iter().rposition(|&b| b == b'/').map_or(0, |at| at + 1);
    let mut shared = folder(first);
    for path in paths {
        let common = first.iter().zip(path.as_bytes()).take(shared).take_while(|(x, y)| x == y).count();
        shared = folder(&first[..common]);
    }
    shared
}

/// One report from several, read as `reading`. Titles come from the last input that has one.
/// Test figures are the sum of the inputs read for their tests only (JUnit files from several
/// jobs, say), or else those of the last input that has them. A single input is its own
/// report, whatever the reading.
pub fn combine(parts: &[Part<'_>], reading: Reading) -> Report {
    if let [only] = parts {
        return only.report.clone();
    }
    let only_tests = test_only(parts);
    let test_parts: Vec<&Part<'_>> = parts.iter().zip(&only_tests).filter(|(_, o)| **o).map(|(p, _)| p).collect();
    let coverage: Vec<Part<'_>> = parts.iter().zip(&only_tests).filter(|(_, o)| !**o).map(|(p, _)| p.clone()).collect();
    let tests = if test_parts.is_empty() {
        parts.iter().rev().find_map(|p| p.report.tests)
    } else {
        test_parts.iter().filter_map(|p| p.report.tests).reduce(TestStats::combined)
    };
    // Test results alone keep their own (empty) snapshot; no input at all gives no snapshot.
    let mut report = combine_coverage(&coverage, reading).unwrap_or_else(|| Report {
        title: None,
        metric: parts.first().map(|p| p.report.metric).unwrap_or_default(),
        snapshots: parts.first().map(|p| p.report.snapshots.clone()).unwrap_or_default(),
        tests: None,
        session: None,
        left_out: Vec::new(),
        order: None,
        change: None,
    });
    report.title = parts.iter().rev().find_map(|p| p.report.title.clone());
    report.order = order(parts, reading);
    report.tests = tests;
    report
}

/// Labels that two snapshots share (`coverage.json` from two folders) get each snapshot's time,
/// or else its place, so that the snapshot buttons tell them apart.
fn distinguish_labels(snapshots: &mut [Snapshot]) {
    let labels: Vec<String> = snapshots.iter().map(|s| s.label.clone()).collect();
    for (idx, snapshot) in snapshots.iter_mut().enumerate() {
        if labels.iter().filter(|label| **label == snapshot.label).count() < 2 {
            continue;
        }
        let suffix = match snapshot.timestamp {
            Some(time) => time.to_string().replace('T', " ").trim_end_matches('Z').to_owned(),
            None => format!("#{}", idx + 1),
        };
        snapshot.label = format!("{} ({suffix})", snapshot.label);
    }
}

/// [`combine`] for the inputs with coverage; `None` when there are none.
fn combine_coverage(parts: &[Part<'_>], reading: Reading) -> Option<Report> {
    if let [only] = parts {
        return Some(only.report.clone());
    }
    let first = parts.first()?;
    let title = parts.iter().rev().find_map(|p| p.report.title.clone());
    let tests = parts.iter().rev().find_map(|p| p.report.tests);
    let session = parts.iter().rev().find_map(|p| p.report.session);
    let metric = first.report.metric;
    let snapshots = match reading {
        Reading::Merged => {
            let latest: Vec<Snapshot> = parts.iter().filter_map(|p| p.report.latest().cloned()).collect();
            let label = parts.iter().map(|p| p.name).collect::<Vec<_>>().join(" + ");
            vec![merge_snapshots(latest, label)]
        }
        Reading::Snapshots => {
            let mut snapshots: Vec<Snapshot> = moments(parts)
                .into_iter()
                .map(|(part, snapshot, time)| {
                    let mut snapshot = snapshot.clone();
                    if part.report.snapshots.len() == 1 {
                        // A coverage file's one snapshot is named by the tool; the file name says more.
                        snapshot.label = part.name.to_owned();
                    }
                    snapshot.timestamp = time;
                    snapshot
                })
                .collect();
            // Oldest first when every snapshot has a time; otherwise by label (file name).
            if snapshots.iter().all(|s| s.timestamp.is_some()) {
                sort_by(&mut snapshots, |a, b| a.timestamp.cmp(&b.timestamp).then_with(|| a.label.cmp(&b.label)));
            } else {
                sort_by(&mut snapshots, |a, b| a.label.cmp(&b.label));
            }
            distinguish_labels(&mut snapshots);
            snapshots
        }
    };
    Some(Report { title, metric, snapshots, tests, session, order: None, change: None, left_out: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_run_is_told_by_its_lines_not_its_counts_alone() {
        // Two packages of a monorepo, one measured by each tool, each a file `src/index.js` of
        // two lines, one run: the same figures, not the same run.
        let lcov = |runs: [u32; 2]| {
            format!("SF:/repo/packages/a/src/index.js\nDA:1,{}\nDA:2,{}\nend_of_record\n", runs[0], runs[1])
        };
        let cobertura = |hits: [u32; 2]| {
            format!(
                r#"<?xml version="1.0"?><coverage><sources><source>/repo/packages/b</source></sources><packages><package name="src"><classes><class name="index.js" filename="src/index.js"><lines><line number="1" hits="{}"/><line number="2" hits="{}"/></lines></class></classes></package></packages></coverage>"#,
                hits[0], hits[1]
            )
        };
        // (LCOV's runs of lines 1 and 2, Cobertura's, the same run)
        let cases = [([3, 0], [1, 0], true), ([1, 0], [0, 1], false), ([1, 1], [1, 0], false)];
        for (a, b, same) in cases {
            let a = crate::formats::parse(lcov(a).as_bytes()).unwrap().report;
            let b = crate::formats::parse(cobertura(b).as_bytes()).unwrap().report;
            assert_eq!(same_run(&a, &b), same, "{a:?} {b:?}");
        }
    }

    #[test]
    fn the_shared_folder_ends_at_a_slash_even_inside_a_character() {
        // (paths, the folder they share)
        let cases: [(&[&str], &str); 6] = [
            (&["money.mjs"], ""),
            (&["/tmp/app/money.mjs"], "/tmp/app/"),
            (&["/ci/app/a.js", "/ci/app/lib/b.js"], "/ci/app/"),
            (&["/ci/app/a.js", "/ci/apple/b.js"], "/ci/"),
            // é and è share their first byte: the folder still ends at the last slash.
            (&["src/é/a.rs", "src/è/b.rs"], "src/"),
            (&["a.rs", "lib/b.rs"], ""),
        ];
        for (paths, folder) in cases {
            assert_eq!(&paths[0][..shared_folder(paths.iter().copied())], folder, "{paths:?}");
        }
    }
}
