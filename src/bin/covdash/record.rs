//! `covdash record` and `covdash check`: the history file, read and written, and the gates.
//!
//! What the commit is comes from the flags, else the CI's environment, else `git` in the
//! current directory. The history is written whole to a temporary file beside it, then renamed
//! over it, so a killed job leaves the old file or the new one, never half of one; the
//! temporary file is created only if absent, which makes it a lock against a second job
//! writing at the same moment.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write as _};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use covdash::analysis::{overall, Category};
use covdash::formats::{self, Format};
use covdash::history::{self, Added, Since};
use covdash::model::{Metric, Percent, Report, Revision, Settings, Snapshot, Timestamp};
use covdash::present::{self, Overrides};

use crate::cli::{Done, Fatal};
use crate::input::{differential_of, read_combined, unstable_of};

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
#[derive(Clone)]
struct Read {
    report: Option<Report>,
    settings: Option<Settings>,
    bytes: Option<Vec<u8>>,
}

/// Reads the history at `path`; a file that does not exist is an empty history. Anything else
/// that cannot be read as covdash JSON fails the command, leaving the file as it is.
fn read_history(path: &str) -> Result<Read, Fatal> {
    match fs::read(path) {
        Ok(bytes) => history_of(path, Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => history_of(path, None),
        Err(e) => Err(Fatal(format!("{path}: {e}"))),
    }
}

/// The history `bytes` hold (none: an empty history), named `path` in messages.
fn history_of(path: &str, bytes: Option<Vec<u8>>) -> Result<Read, Fatal> {
    let Some(bytes) = bytes else {
        return Ok(Read { report: None, settings: None, bytes: None });
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
    Some(run_git(args).ok()?.trim().to_owned()).filter(|text| !text.is_empty())
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
    shared: Option<&Shared>,
) -> Result<Done, Fatal> {
    let combined = read_combined(files, Some(covdash::model::Reading::Merged), overrides)?;
    let Some(latest) = combined.report.latest() else {
        return Err(Fatal(format!("{}: no coverage to record", files.join(", "))));
    };
    let (revision, commit_time) = revision(noted);
    let timestamp = commit_time.or(revision.run_time);
    let label = noted.label.clone().unwrap_or_else(|| history::default_label(&revision, timestamp));
    let snapshot =
        Snapshot::new(label, timestamp, history::package_figures(latest)).with(revision, combined.report.tests);
    let adding =
        Adding { path, snapshot, keep, overrides, metric: combined.report.metric, settings: combined.settings };
    if let Some(shared) = shared {
        return record_on_branch(&adding, shared);
    }
    // From reading the history to writing it, no other record on this machine runs.
    let _lock = lock(path)?;
    let before = read_history(path)?;
    let (bytes, line) = adding.to(before.clone())?;
    write_atomically(path, bytes.as_bytes(), before.bytes.as_deref())?;
    Ok(Done::from(line))
}

/// A snapshot to add to a history, and how.
struct Adding<'a> {
    path: &'a str,
    snapshot: Snapshot,
    keep: usize,
    overrides: &'a Overrides,
    /// The metric and settings of the coverage recorded, for a history that has none yet.
    metric: Metric,
    settings: Settings,
}

impl Adding<'_> {
    /// The history `before` with the snapshot added, as covdash JSON, and the line that says so.
    fn to(&self, before: Read) -> Result<(String, String), Fatal> {
        let metric = before.report.as_ref().map_or(self.metric, |h| h.metric);
        let settings = self.overrides.apply(&before.settings.clone().unwrap_or_else(|| self.settings.clone()));
        let mut report = before.report.unwrap_or_else(|| Report::empty(metric));
        let snapshot = self.snapshot.clone();
        let previous = history::previous(
            &report.snapshots,
            snapshot.revision.git_ref.as_deref(),
            snapshot.revision.commit.as_deref(),
        )
        .cloned();
        let added = history::add(&mut report, snapshot, self.keep);
        let recorded = &report.snapshots[added.index];
        let line = recorded_line(self.path, &report, recorded, &added, previous.as_ref(), metric);
        Ok((present::covdash_json(&report, &settings), line))
    }
}

/// A history kept on a git branch that many jobs share (`--git-branch`, `--remote`).
pub struct Shared {
    pub branch: String,
    pub remote: String,
}

/// How many times a record tries to push onto the branch before it gives up.
const PUSHES: usize = 20;

/// Records onto the history on `shared.branch` of `shared.remote`: fetches the branch, adds the
/// snapshot to its history, commits that alone (the working tree and the index are not
/// touched) and pushes, without forcing. When another job pushed first, the push is refused;
/// then it fetches again and adds the snapshot onto the new tip, up to [`PUSHES`] times, so no
/// snapshot is lost and none is recorded twice. The history is also written to `path`.
fn record_on_branch(adding: &Adding<'_>, shared: &Shared) -> Result<Done, Fatal> {
    let file = Path::new(adding.path).file_name().and_then(|n| n.to_str()).unwrap_or(adding.path).to_owned();
    let branch_ref = format!("refs/heads/{}", shared.branch);
    for attempt in 0..PUSHES {
        // The branch's tip, if it has one yet.
        let fetched = run_git(&["fetch", "--quiet", &shared.remote, &branch_ref]);
        let tip = match fetched {
            Ok(_) => Some(run_git(&["rev-parse", "FETCH_HEAD"])?.trim().to_owned()),
            // No such branch yet: this job starts it.
            Err(_) if remote_lacks(&shared.remote, &branch_ref)? => None,
            // Another job has just started it: fetch again.
            Err(_) => continue,
        };
        let before = match &tip {
            Some(tip) => git_bytes(&["show", &format!("{tip}:{file}")]).ok(),
            None => None,
        };
        let read = history_of(adding.path, before)?;
        let (bytes, line) = adding.to(read)?;
        let blob = git_with_input(&["hash-object", "-w", "--stdin"], bytes.as_bytes())?;
        let tree = git_with_input(&["mktree"], format!("100644 blob {}\t{file}\n", blob.trim()).as_bytes())?;
        let message = format!("coverage: {}", line.trim_end());
        let mut commit_args = vec!["commit-tree", tree.trim(), "-m", &message];
        if let Some(tip) = &tip {
            commit_args.extend(["-p", tip]);
        }
        let commit = git_as_covdash(&commit_args)?;
        let push = run_git(&["push", "--quiet", &shared.remote, &format!("{}:{branch_ref}", commit.trim())]);
        match push {
            Ok(_) => {
                write_atomically(adding.path, bytes.as_bytes(), fs::read(adding.path).ok().as_deref())?;
                return Ok(Done::from(line));
            }
            // Another job pushed first: try again on its tip, a little later, each job at its own pace.
            Err(_) => {
                eprintln!(
                    "covdash: {}: another job pushed first; recording again on its tip",
                    present::terminal(&shared.branch)
                );
                let pause = 50 + (u64::from(std::process::id()) * 37 + attempt as u64 * 91) % 250;
                std::thread::sleep(Duration::from_millis(pause));
            }
        }
    }
    Err(Fatal(format!(
        "{}: the push to {} was refused {PUSHES} times (other jobs kept pushing first); nothing was recorded",
        shared.branch, shared.remote
    )))
}

/// Whether `remote` has no `branch_ref` (a history not started yet), as opposed to not being
/// reachable.
fn remote_lacks(remote: &str, branch_ref: &str) -> Result<bool, Fatal> {
    Ok(run_git(&["ls-remote", "--heads", remote, branch_ref])?.trim().is_empty())
}

/// Runs git with `args` in the current directory; its stdout, or why it failed.
fn run_git(args: &[&str]) -> Result<String, Fatal> {
    git_bytes(args).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

fn git_bytes(args: &[&str]) -> Result<Vec<u8>, Fatal> {
    let output = Command::new("git").args(args).output().map_err(|e| Fatal(format!("git: {e}")))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(Fatal(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim())))
    }
}

fn git_with_input(args: &[&str], input: &[u8]) -> Result<String, Fatal> {
    use std::process::Stdio;
    let mut child = Command::new("git")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Fatal(format!("git: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).map_err(|e| Fatal(format!("git {}: {e}", args.join(" "))))?;
    }
    let output = child.wait_with_output().map_err(|e| Fatal(format!("git: {e}")))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(Fatal(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim())))
    }
}

/// git with `args`, committing as the CI's user, or as covdash where none is set.
fn git_as_covdash(args: &[&str]) -> Result<String, Fatal> {
    let named = run_git(&["config", "user.email"]).is_ok_and(|e| !e.trim().is_empty());
    if named {
        return run_git(args);
    }
    let mut with = vec!["-c", "user.name=covdash", "-c", "user.email=covdash@localhost"];
    with.extend_from_slice(args);
    run_git(&with)
}

/// "recorded a1b2c3d on main: 81.3% of lines, +0.4 points since 9f8e7d6 (31 snapshots in FILE)".
/// The label, the ref and the commits are anyone's to write (a branch's name): shown as text.
fn recorded_line(
    path: &str,
    report: &Report,
    recorded: &Snapshot,
    added: &Added,
    previous: Option<&Snapshot>,
    metric: Metric,
) -> String {
    let verb = if added.replaced { "replaced" } else { "recorded" };
    let on = recorded.revision.git_ref.as_deref().map(|r| format!(" on {}", present::terminal(r))).unwrap_or_default();
    let figure = present::pct_or_na(overall(recorded, metric).percent.map(Percent::value));
    let change = previous.and_then(|p| history::since(p, recorded, metric)).map_or_else(
        || ", the first of its ref".to_owned(),
        |s| format!(", {}", present::since(&s, &present::terminal(s.earlier()))),
    );
    let dropped = match added.dropped {
        0 => String::new(),
        n => format!(", the {n} oldest dropped"),
    };
    let snapshots = present::count_of(report.snapshots.len() as u64, "snapshot");
    let (label, path) = (present::terminal(&recorded.label), present::terminal(path));
    format!("{verb} {label}{on}: {figure} of {metric}{change} ({snapshots} in {path}{dropped})\n")
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
pub(crate) fn write_atomically(path: &str, bytes: &[u8], read: Option<&[u8]>) -> Result<(), Fatal> {
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
    /// The gate on what the change did, line by line (`--fail-on`).
    pub change: Option<ChangeGate>,
}

/// `--fail-on CODES` against `--baseline` through `--diff`, less the unstable lines another run
/// of the same commit shows (`--ignore-unstable`).
pub struct ChangeGate {
    pub baseline: String,
    pub diff: Option<String>,
    pub fail_on: Vec<Category>,
    pub unstable: Option<String>,
}

/// `covdash check`: one line per rule the coverage of `files` fails.
pub fn check(files: &[String], gates: &Gates, overrides: &Overrides) -> Result<Done, Fatal> {
    // Read once, with the change a `--fail-on` gate compares through (the other gates look at
    // the latest snapshot's figures only).
    let diff = gates.change.as_ref().and_then(|gate| gate.diff.clone());
    let combined = read_combined(&[files, diff.as_slice()].concat(), Some(covdash::model::Reading::Merged), overrides)?;
    let metric = combined.report.metric;
    let Some(latest) = combined.report.latest() else {
        return Err(Fatal(format!("{}: no coverage to check", files.join(", "))));
    };
    let figure = overall(latest, metric).percent.map(Percent::value);
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    if let Some(threshold) = gates.fail_under.map(Percent::value) {
        let least = present::threshold(threshold);
        match figure {
            Some(p) if p < threshold => {
                failed.push(format!("coverage {}% of {metric} is below {least}%", present::judged(p, threshold)))
            }
            Some(p) => {
                passed.push(format!("coverage {}% of {metric} is at least {least}%", present::judged(p, threshold)))
            }
            None => failed.push(format!("no {metric} to measure against {least}%")),
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
                let (shown, least) = (present::judged(percent, threshold), present::threshold(threshold));
                format!("package {name}: {shown}% of {metric} is below {least}%")
            })
            .collect();
        if below.is_empty() {
            passed.push(format!("every package has at least {}% of {metric}", present::threshold(threshold)));
        }
        failed.extend(below);
    }
    if let (Some(max_drop), Some(path)) = (gates.max_drop, &gates.history) {
        match since_history(path, latest, metric, gates.git_ref.as_deref())? {
            Some(change) if -change.points > max_drop => failed.push(format!(
                "coverage dropped {} points since {} ({} → {}), more than the {} allowed",
                present::judged(-change.points, max_drop),
                change.earlier(),
                present::pct(change.before),
                present::pct(change.after),
                present::threshold(max_drop)
            )),
            Some(change) => passed.push(present::since(&change, change.earlier())),
            None => passed.push(format!("{path}: no earlier snapshot to compare with")),
        }
    }
    if let Some(gate) = &gates.change {
        change_gate(&combined, gate, overrides, &mut passed, &mut failed)?;
    }
    Ok(Done { output: String::new(), passed, failed })
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

/// The lines of `now` (the current run, read with the diff) in `gate`'s categories, per category: a failure for
/// each category with lines (where they are), a pass for each without.
fn change_gate(
    now: &covdash::session::Combined,
    gate: &ChangeGate,
    overrides: &Overrides,
    passed: &mut Vec<String>,
    failed: &mut Vec<String>,
) -> Result<(), Fatal> {
    let merged = Some(covdash::model::Reading::Merged);
    let before = read_combined(std::slice::from_ref(&gate.baseline), merged, overrides)?;
    let differential = differential_of(&before, now, gate.diff.is_some())?;
    let unstable = match &gate.unstable {
        Some(other) => unstable_of(now, &read_combined(std::slice::from_ref(other), merged, overrides)?)?,
        None => Vec::new(),
    };
    let n_unstable: usize = unstable.iter().map(|(_, lines)| lines.len()).sum();
    for &category in &gate.fail_on {
        let mut found = Vec::new();
        let mut n = 0;
        for file in &differential.files {
            let left_out = unstable.iter().find(|(path, _)| *path == file.path).map(|(_, l)| l.as_slice());
            // Deleted and excluded lines are numbered as the baseline numbers them: no run of
            // the current commit can make them unstable.
            let current_numbering = !matches!(category, Category::Dcb | Category::Dub | Category::Ecb | Category::Eub);
            let lines: Vec<u32> = file
                .lines_in(&[category])
                .into_iter()
                .filter(|line| !(current_numbering && left_out.is_some_and(|l| l.binary_search(line).is_ok())))
                .collect();
            if !lines.is_empty() {
                n += lines.len();
                found.push(format!("{} {}", present::terminal(&file.path), present::lines_text(&lines)));
            }
        }
        let what = format!("{} ({})", category.code(), category.words_plural());
        if n == 0 {
            passed.push(format!("no line in {what}"));
        } else {
            failed.push(format!("{} in {what}: {}", present::count_of(n as u64, "line"), found.join("; ")));
        }
    }
    if gate.unstable.is_some() {
        passed.push(format!("{} unstable between the two runs left out", present::count_of(n_unstable as u64, "line")));
    }
    Ok(())
}
