//! `covdash record` and `covdash check`: the history file, read and written, and the gates.
//!
//! What the commit is comes from the flags, else the CI's environment, else `git` in the
//! current directory. The history is written whole to a temporary file beside it, then renamed
//! over it, so a killed job leaves the old file or the new one, never half of one; the
//! temporary file is created only if absent, which makes it a lock against a second job
//! writing at the same moment.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write as _};
use std::process::Command;
use std::time::{Duration, SystemTime};

use covdash::analysis::overall;
use covdash::formats::{self, Format};
use covdash::history::{self, Added, Since};
use covdash::model::{Metric, PathFilter, Percent, Report, Revision, Settings, Snapshot, Timestamp};
use covdash::present::{self, Overrides};

use crate::cli::{Done, Fatal};
use crate::input::read_combined;

/// What the person said about the snapshot to record.
pub struct Noted {
    pub label: Option<String>,
    pub commit: Option<String>,
    pub git_ref: Option<String>,
    /// The commit's time.
    pub time: Option<Timestamp>,
}

/// A history read from its file, and its bytes as read (to see whether another job wrote it
/// before this one writes).
struct Read {
    report: Option<Report>,
    settings: Option<Settings>,
    bytes: Option<Vec<u8>>,
}

/// Reads the history at `path`; a file that does not exist is an empty history. Anything else
/// that cannot be read as covdash JSON fails the command, leaving the file as it is.
fn read_history(path: &str) -> Result<Read, Fatal> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Read { report: None, settings: None, bytes: None }),
        Err(e) => return Err(Fatal(format!("{path}: {e}"))),
    };
    let parsed = formats::parse(&bytes).map_err(|e| Fatal(format!("{path}: {e}; the history was left as it is")))?;
    if parsed.format != Format::CovdashJson {
        return Err(Fatal(format!(
            "{path}: this is {}, not a covdash history (covdash JSON); the file was left as it is",
            parsed.format.name()
        )));
    }
    Ok(Read { report: Some(parsed.report), settings: parsed.settings, bytes: Some(bytes) })
}

/// The commit and ref being built: the flags', else the CI's, else git's; and what the CI
/// says of the commit's time.
fn commit_and_ref(
    commit: Option<String>,
    git_ref: Option<String>,
) -> (Option<String>, Option<String>, Option<Timestamp>) {
    let ci = history::ci_revision(&|name| std::env::var(name).ok());
    let commit = commit.or_else(|| ci.as_ref().and_then(|c| c.commit.clone())).or_else(|| git(&["rev-parse", "HEAD"]));
    let git_ref = git_ref
        .or_else(|| ci.as_ref().and_then(|c| c.git_ref.clone()))
        .or_else(|| git(&["rev-parse", "--abbrev-ref", "HEAD"]).filter(|r| r != "HEAD"));
    let ci_time = ci.and_then(|c| c.commit_time).and_then(|t| Timestamp::parse(&t).ok());
    (commit, git_ref, ci_time)
}

/// The revision a run records and the commit's time: the flags', else the CI's, else git's
/// (the time asked of git only when nothing else gave it).
fn revision(noted: &Noted) -> (Revision, Option<Timestamp>) {
    let (commit, git_ref, ci_time) = commit_and_ref(noted.commit.clone(), noted.git_ref.clone());
    let time = noted.time.or(ci_time).or_else(|| {
        let commit = commit.as_deref()?;
        git(&["show", "-s", "--format=%cI", commit]).and_then(|t| Timestamp::parse(&t).ok())
    });
    (Revision { commit, git_ref, run_time: Some(now()) }, time)
}

/// What `git ARGS` prints in the current directory, trimmed; `None` when git is missing, this
/// is not a repository, or it prints nothing.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !text.is_empty()).then_some(text)
}

fn now() -> Timestamp {
    let seconds = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Timestamp::from_unix_seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
}

/// `covdash record`: adds a snapshot of `files` to the history at `path`.
pub fn record(
    path: &str,
    files: &[String],
    noted: &Noted,
    keep: usize,
    overrides: &Overrides,
    filter: &PathFilter,
) -> Result<Done, Fatal> {
    let (combined, _) = read_combined(files, Some(covdash::model::Reading::Merged), overrides, filter)?;
    // From reading the history to writing it, no other record on this machine runs.
    let _lock = lock(path)?;
    let before = read_history(path)?;
    let Some(latest) = combined.report.latest() else {
        return Err(Fatal(format!("{}: no coverage to record", files.join(", "))));
    };
    let (revision, commit_time) = revision(noted);
    let timestamp = commit_time.or(revision.run_time);
    let label = noted.label.clone().unwrap_or_else(|| history::default_label(&revision, timestamp));
    let snapshot =
        Snapshot::new(label, timestamp, history::package_figures(latest)).with(revision, combined.report.tests);

    let metric = before.report.as_ref().map_or(combined.report.metric, |h| h.metric);
    let settings = overrides.apply(&before.settings.clone().unwrap_or_else(|| combined.settings.clone()));
    let mut report = before.report.unwrap_or_else(|| Report::empty(metric));
    let previous =
        history::previous(&report.snapshots, snapshot.revision.git_ref.as_deref(), snapshot.revision.commit.as_deref())
            .cloned();
    let added = history::add(&mut report, snapshot, keep);
    write_atomically(path, present::covdash_json(&report, &settings).as_bytes(), before.bytes.as_deref())?;
    let recorded = &report.snapshots[added.index];
    Ok(Done::from(recorded_line(path, &report, recorded, &added, previous.as_ref(), metric)))
}

/// "recorded a1b2c3d on main: 81.3% of lines, +0.4 points since 9f8e7d6 (31 snapshots in FILE)".
fn recorded_line(
    path: &str,
    report: &Report,
    recorded: &Snapshot,
    added: &Added,
    previous: Option<&Snapshot>,
    metric: Metric,
) -> String {
    let verb = if added.replaced { "replaced" } else { "recorded" };
    let on = recorded.revision.git_ref.as_deref().map(|r| format!(" on {r}")).unwrap_or_default();
    let figure = present::pct_or_na(overall(recorded, metric).percent.map(Percent::value));
    let change = previous
        .and_then(|p| history::since(p, recorded, metric))
        .map_or_else(|| ", the first of its ref".to_owned(), |s| format!(", {}", present::since(&s, s.earlier())));
    let dropped = match added.dropped {
        0 => String::new(),
        n => format!(", the {n} oldest dropped"),
    };
    let snapshots = present::count_of(report.snapshots.len() as u64, "snapshot");
    format!("{verb} {}{on}: {figure} of {metric}{change} ({snapshots} in {path}{dropped})\n", recorded.label)
}

/// How long a record waits for another one on this machine to finish with the history.
const WAIT: Duration = Duration::from_secs(120);

/// The lock of the history at `path`: `FILE.covdash-lock` beside it, locked by the operating
/// system (`flock`), which releases it when the process ends however it ends, so a record
/// that was killed never blocks the next. Waits while another record holds it, up to [`WAIT`].
fn lock(path: &str) -> Result<fs::File, Fatal> {
    let name = format!("{path}.covdash-lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&name)
        .map_err(|e| Fatal(format!("{name}: {e}")))?;
    let started = std::time::Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < WAIT => {
                if !told {
                    eprintln!(
                        "covdash: {}: waiting for another covdash record to finish with it",
                        present::terminal(path)
                    );
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Fatal(format!(
                    "{path}: another covdash record has held it for {} s; nothing was recorded",
                    WAIT.as_secs()
                )))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Fatal(format!("{name}: {e}"))),
        }
    }
}

/// Writes `bytes` to `path` by way of a temporary file of this process beside it, renamed over
/// it, so that the history is always whole: the one before or the one after. Fails, leaving
/// `path` alone, when another job changed `path` since it was read as `read` (a job on another
/// machine sharing the folder, which the lock does not reach).
fn write_atomically(path: &str, bytes: &[u8], read: Option<&[u8]>) -> Result<(), Fatal> {
    let temporary = format!("{path}.covdash-tmp-{}", std::process::id());
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temporary)
        .map_err(|e| Fatal(format!("{temporary}: {e}")))?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    let outcome = written.map_err(|e| Fatal(format!("{temporary}: {e}"))).and_then(|()| {
        if fs::read(path).ok().as_deref() != read {
            return Err(Fatal(format!(
                "{path}: another job changed it while this snapshot was being recorded; nothing was recorded. Run again"
            )));
        }
        fs::rename(&temporary, path).map_err(|e| Fatal(format!("{path}: {e}")))
    });
    if outcome.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    outcome
}

/// The gates of `covdash check`.
pub struct Gates {
    pub fail_under: Option<Percent>,
    pub fail_under_package: Option<Percent>,
    pub max_drop: Option<f64>,
    pub history: Option<String>,
    pub git_ref: Option<String>,
}

/// `covdash check`: one line per rule the coverage of `files` fails.
pub fn check(files: &[String], gates: &Gates, overrides: &Overrides, filter: &PathFilter) -> Result<Done, Fatal> {
    let (combined, _) = read_combined(files, Some(covdash::model::Reading::Merged), overrides, filter)?;
    let metric = combined.report.metric;
    let Some(latest) = combined.report.latest() else {
        return Err(Fatal(format!("{}: no coverage to check", files.join(", "))));
    };
    let figure = overall(latest, metric).percent.map(Percent::value);
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    if let Some(threshold) = gates.fail_under.map(Percent::value) {
        match figure {
            Some(p) if p < threshold => {
                failed.push(format!("coverage {} of {metric} is below {}", present::pct(p), present::pct(threshold)))
            }
            Some(p) => {
                passed.push(format!("coverage {} of {metric} is at least {}", present::pct(p), present::pct(threshold)))
            }
            None => failed.push(format!("no {metric} to measure against {}", present::pct(threshold))),
        }
    }
    if let Some(threshold) = gates.fail_under_package.map(Percent::value) {
        let below: Vec<String> = latest
            .packages
            .iter()
            .filter_map(|p| Some((p, p.coverage(metric)?.percent()?.value())))
            .filter(|(_, percent)| *percent < threshold)
            .map(|(p, percent)| {
                let name = if p.name.is_empty() { "(root)" } else { &p.name };
                format!("package {name}: {} of {metric} is below {}", present::pct(percent), present::pct(threshold))
            })
            .collect();
        if below.is_empty() {
            passed.push(format!("every package has at least {} of {metric}", present::pct(threshold)));
        }
        failed.extend(below);
    }
    if let (Some(max_drop), Some(path)) = (gates.max_drop, &gates.history) {
        match since_history(path, latest, metric, gates.git_ref.as_deref())? {
            Some(change) if -change.points > max_drop => failed.push(format!(
                "coverage dropped {:.1} points since {} ({} → {}), more than the {max_drop:.1} allowed",
                -change.points,
                change.earlier(),
                present::pct(change.before),
                present::pct(change.after)
            )),
            Some(change) => passed.push(present::since(&change, change.earlier())),
            None => passed.push(format!("{path}: no earlier snapshot to compare with")),
        }
    }
    let output: String = passed.iter().map(|line| format!("ok: {line}\n")).collect();
    Ok(Done { output, failed: (!failed.is_empty()).then(|| failed.join("\n")) })
}

/// The change since the history's previous snapshot of the ref being built, for `covdash
/// report --history`.
pub fn since_history(
    path: &str,
    latest: &Snapshot,
    metric: Metric,
    git_ref: Option<&str>,
) -> Result<Option<Since>, Fatal> {
    let Some(history) = read_history(path)?.report else {
        return Err(Fatal(format!("{path}: no such history")));
    };
    let (commit, git_ref, _) = commit_and_ref(None, git_ref.map(str::to_owned));
    Ok(history::previous(&history.snapshots, git_ref.as_deref(), commit.as_deref())
        .and_then(|p| history::since(p, latest, metric)))
}
