//! Coverage over time, as CI keeps it: `covdash record` into a history file, `covdash check`
//! against thresholds and the history, and `covdash report --history`, each run as a job runs
//! it, on real coverage files.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use covdash::formats;
use covdash::model::{Counts, Coverage, Metric};

/// The real coverage files a history is recorded from, in turn: more-itertools measured before
/// and after its suite grew, in the three formats coverage.py writes, and others' reports.
const RUNS: [&str; 6] = [
    "snapshots/more-itertools-before/coverage.xml",
    "snapshots/more-itertools-after/coverage.lcov",
    "snapshots/more-itertools-before/coverage.json",
    "snapshots/more-itertools-after/coverage.xml",
    "snapshots/more-itertools-before/coverage.lcov",
    "snapshots/more-itertools-after/coverage.json",
];

/// Runs covdash in `dir` with no CI's variables set (only `PATH`, for git) and `env` added.
fn covdash_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_covdash"));
    command.args(args).current_dir(dir).env_clear().envs(env.iter().copied());
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command.output().unwrap()
}

fn fixture(name: &str) -> String {
    common::root().join("tests/fixtures").join(name).display().to_string()
}

/// A synthetic 40-digit commit id for run `i`.
fn commit(i: usize) -> String {
    format!("{i:02x}{}", "c0ffee".repeat(7))[..40].to_owned()
}

/// Records run `i` (its coverage file, commit, and a time `i` hours after the first).
fn record(dir: &Path, history: &str, i: usize, extra: &[&str]) -> Output {
    let time = format!("2026-03-{:02}T{:02}:00:00Z", 1 + i / 24, i % 24);
    let (commit, file) = (commit(i), fixture(RUNS[i % RUNS.len()]));
    let mut args = vec!["record", "--history", history, "--commit", &commit, "--ref", "main", "--time", &time];
    args.extend_from_slice(extra);
    args.push(&file);
    covdash_in(dir, &args, &[])
}

#[track_caller]
fn ok(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The lines covered and measured of the one package of `file`, as `covdash summary` reads it.
fn lines_of(file: &str) -> (u64, u64) {
    let parsed = formats::parse(&std::fs::read(fixture(file)).unwrap()).unwrap();
    let snapshot = parsed.report.latest().unwrap();
    let counts = snapshot
        .packages
        .iter()
        .filter_map(|p| p.coverage(Metric::Lines)?.counts())
        .fold(Counts::default(), Counts::saturating_add);
    (counts.covered(), counts.total())
}

fn read_history(path: &Path) -> covdash::model::Report {
    formats::parse(&std::fs::read(path).unwrap()).unwrap().report
}

#[test]
fn thirty_runs_make_thirty_snapshots_in_time_order_and_a_rerun_replaces_its_own() {
    let dir = common::Scratch::new("history-thirty");
    let path = dir.join("coverage-history.json");
    // Recorded out of order: every even run first, then the odd ones (a late job).
    for i in (0..30).step_by(2).chain((1..30).step_by(2)) {
        let printed = ok(&record(&dir, "coverage-history.json", i, &[]));
        assert!(printed.starts_with(&format!("recorded {} on main: ", &commit(i)[..7])), "{printed}");
    }
    let history = read_history(&path);
    assert_eq!(history.snapshots.len(), 30);
    for (i, snapshot) in history.snapshots.iter().enumerate() {
        assert_eq!(snapshot.label, commit(i)[..7], "snapshot {i} is out of time order");
        assert_eq!(snapshot.revision.commit.as_deref(), Some(commit(i).as_str()));
        assert_eq!(snapshot.revision.git_ref.as_deref(), Some("main"));
        assert!(snapshot.revision.run_time.is_some());
        // Counts, never only percentages, for every metric the file has.
        let (covered, total) = lines_of(RUNS[i % RUNS.len()]);
        let lines = snapshot.packages[0].coverage(Metric::Lines);
        assert_eq!(lines, Some(Coverage::Counts(Counts::new(covered, total).unwrap())), "snapshot {i}");
        assert!(snapshot.packages[0].coverage(Metric::Branches).and_then(Coverage::counts).is_some());
    }
    // A re-run of run 12's job, now on the "after" coverage: the same point, its new figure.
    let rerun = ok(&covdash_in(
        &dir,
        &[
            "record",
            "--history",
            "coverage-history.json",
            "--commit",
            &commit(12),
            "--ref",
            "main",
            "--time",
            "2026-03-01T12:00:00Z",
            &fixture(RUNS[1]),
        ],
        &[],
    ));
    assert!(rerun.starts_with(&format!("replaced {} on main: 99.4% of lines, ", &commit(12)[..7])), "{rerun}");
    let history = read_history(&path);
    assert_eq!(history.snapshots.len(), 30);
    assert_eq!(
        history.snapshots[12].packages[0].coverage(Metric::Lines),
        Some(Coverage::Counts(Counts::new(1897, 1908).unwrap()))
    );
    // The change is against the previous snapshot of the ref: run 29 (after) since run 28 (before).
    let last = ok(&record(&dir, "coverage-history.json", 29, &[]));
    assert!(last.contains(&format!("+72.5 points since {} (26.9% → 99.4%)", &commit(28)[..7])), "{last}");
    // --keep drops the oldest beyond it.
    let kept = ok(&record(&dir, "coverage-history.json", 30, &["--keep", "30"]));
    assert!(kept.ends_with("(30 snapshots in coverage-history.json, the 1 oldest dropped)\n"), "{kept}");
    assert_eq!(read_history(&path).snapshots[0].label, commit(1)[..7]);
    // The report of the history lists the first snapshot and the latest eleven, and says so.
    let report = ok(&covdash_in(&dir, &["report", "--format", "markdown", "coverage-history.json"], &[]));
    assert!(report.contains("18 snapshots between the first and the last 11 not listed"), "{report}");
    let listed = (0..31).map(commit).filter(|c| report.contains(&format!("\n| {} | ", &c[..7]))).count();
    assert_eq!(listed, 12, "{report}");
}

#[test]
fn a_history_that_does_not_read_is_refused_and_left_as_it_is() {
    let dir = common::Scratch::new("history-corrupt");
    for i in 0..3 {
        ok(&record(&dir, "history.json", i, &[]));
    }
    let good = std::fs::read(dir.join("history.json")).unwrap();
    // (what the copy is made of, what the refusal says)
    let cut = good.len() / 2;
    let cases: [(Vec<u8>, &str); 3] = [
        (good[..cut].to_vec(), "broken.json: line "),
        ([&good[..cut], b"}garbage".as_slice()].concat(), "broken.json: line "),
        (std::fs::read(fixture(RUNS[1])).unwrap(), "broken.json: this is LCOV, not a covdash history"),
    ];
    for (bytes, says) in cases {
        std::fs::write(dir.join("broken.json"), &bytes).unwrap();
        let output = record(&dir, "broken.json", 3, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.starts_with(&format!("covdash: {says}")), "{stderr}");
        assert!(stderr.contains("left as it is"), "{stderr}");
        assert_eq!(std::fs::read(dir.join("broken.json")).unwrap(), bytes, "the refused history was changed");
        assert!(!dir.read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("covdash-tmp")));
    }
    assert_eq!(std::fs::read(dir.join("history.json")).unwrap(), good);
}

/// A record killed at any moment leaves the history whole, and never blocks the next: the lock
/// is the operating system's (`flock`), released with the process however it ends.
#[test]
fn a_killed_record_never_blocks_the_next_and_leaves_the_history_whole() {
    let dir = common::Scratch::new("history-killed");
    assert!(record(&dir, "history.json", 0, &[]).status.success());
    // A leftover temporary file of an earlier version's killed job is no lock.
    std::fs::write(dir.join("history.json.covdash-tmp"), b"").unwrap();
    // Records killed after 0 to 150 ms: before the lock, holding it, while writing, or done.
    for (n, delay) in [0u64, 5, 10, 20, 40, 80, 150].into_iter().enumerate() {
        let time = format!("2026-04-01T{n:02}:00:00Z");
        let (commit, file) = (commit(100 + n), fixture(RUNS[n % RUNS.len()]));
        let args =
            ["record", "--history", "history.json", "--commit", &commit, "--ref", "main", "--time", &time, &file];
        let mut child = Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(args)
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The kill lands wherever the record has got to by then.
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let history = std::fs::read(dir.join("history.json")).unwrap();
        assert!(covdash::formats::parse(&history).is_ok(), "a kill after {delay} ms left the history broken");
    }
    // The next record does not wait for anything and adds its snapshot.
    let output = record(&dir, "history.json", 1, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let parsed = covdash::formats::parse(&std::fs::read(dir.join("history.json")).unwrap()).unwrap();
    assert!(parsed.report.snapshots.iter().any(|s| s.revision.commit.as_deref() == Some(commit(1).as_str())));
}

/// While another process holds the history's lock, a record waits; when that process is
/// killed, the record goes on.
#[test]
fn a_record_waits_for_the_lock_and_goes_on_when_its_holder_is_killed() {
    let dir = common::Scratch::new("history-held");
    assert!(record(&dir, "history.json", 0, &[]).status.success());
    // Python's flock is the same lock as covdash's.
    let lock = dir.join("history.json.covdash-lock");
    let holder = "import fcntl, sys, time\nf = open(sys.argv[1], 'a')\nfcntl.flock(f, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(600)\n";
    let mut python = Command::new("python3")
        .args(["-c", holder, lock.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is needed");
    let mut said = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(python.stdout.as_mut().unwrap()), &mut said).unwrap();
    assert_eq!(said.trim(), "held");
    let (commit, file) = (commit(1), fixture(RUNS[1]));
    let args = [
        "record",
        "--history",
        "history.json",
        "--commit",
        &commit,
        "--ref",
        "main",
        "--time",
        "2026-03-01T01:00:00Z",
        &file,
    ];
    let mut waiting = Command::new(env!("CARGO_BIN_EXE_covdash"))
        .args(args)
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It says it waits while the lock is held, its history untouched …
    let mut stderr = std::io::BufReader::new(waiting.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    assert_eq!(line.trim(), "covdash: history.json: waiting for another covdash record to finish with it");
    assert!(waiting.try_wait().unwrap().is_none(), "the record did not wait for the lock");
    assert_eq!(
        covdash::formats::parse(&std::fs::read(dir.join("history.json")).unwrap()).unwrap().report.snapshots.len(),
        1
    );
    // … and goes on once its holder is gone.
    python.kill().unwrap();
    python.wait().unwrap();
    let output = waiting.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with(&format!("recorded {} on main", &commit[..7])));
}

#[test]
fn the_commit_and_ref_come_from_the_ci_environment() {
    let dir = common::Scratch::new("history-ci");
    let file = fixture(RUNS[0]);
    // (environment, label and ref printed, commit, commit time)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str, &'a str);
    let cases: [Case; 2] = [
        (
            &[
                ("GITHUB_ACTIONS", "true"),
                ("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"),
                ("GITHUB_REF_NAME", "main"),
            ],
            "recorded 0123456 on main",
            "0123456789abcdef0123456789abcdef01234567",
            "",
        ),
        (
            &[
                ("GITLAB_CI", "true"),
                ("CI_COMMIT_SHA", "fedcba9876543210fedcba9876543210fedcba98"),
                ("CI_COMMIT_REF_NAME", "develop"),
                ("CI_COMMIT_TIMESTAMP", "2026-02-03T04:05:06+01:00"),
            ],
            "recorded fedcba9 on develop",
            "fedcba9876543210fedcba9876543210fedcba98",
            "2026-02-03T03:05:06Z",
        ),
    ];
    for (env, printed, commit, time) in cases {
        let out = ok(&covdash_in(&dir, &["record", "--history", "h.json", &file], env));
        assert!(out.starts_with(printed), "{out}");
        let history = read_history(&dir.join("h.json"));
        let snapshot = history.snapshots.iter().find(|s| s.revision.commit.as_deref() == Some(commit)).unwrap();
        if !time.is_empty() {
            assert_eq!(snapshot.timestamp.unwrap().to_string(), time);
        }
    }
}

/// What `covdash check` says when it is given nothing to check.
const NO_RULE: &str = "covdash: no rule to check: give --fail-under, --fail-under-package, --max-drop with \
                       --history, or --fail-on with --baseline";

#[test]
fn check_gates_on_thresholds_and_on_a_drop() {
    let dir = common::Scratch::new("history-check");
    ok(&record(&dir, "h.json", 0, &[])); // before: 26.9%
    ok(&record(&dir, "h.json", 1, &[])); // after: 99.4%
    let (before, after) = (fixture(RUNS[0]), fixture(RUNS[1]));
    // (arguments, exit status, what stdout holds, stderr's lines)
    // after: 1,897 of 1,908 lines, 99.4234%; before: 514 of 1,908, 26.9392%; a drop of 72.4843.
    let cases: [(Vec<&str>, i32, &str, &[&str]); 11] = [
        (vec![&after, "--fail-under", "99"], 0, "ok: coverage 99.4% of lines is at least 99.0%\n", &[]),
        // A threshold said as given, the figure with the decimals that tell it apart (not
        // "coverage 99.4% of lines is below 99.5%", nor "dropped 72.5 points, more than the
        // 72.5 allowed").
        (vec![&after, "--fail-under", "99.45"], 1, "", &["covdash: coverage 99.4% of lines is below 99.45%"]),
        (vec![&after, "--fail-under", "99.42"], 0, "ok: coverage 99.423% of lines is at least 99.42%\n", &[]),
        (
            vec![&before, "--max-drop", "72.45", "--history", "h.json", "--ref", "main"],
            1,
            "",
            &[&format!(
                "covdash: coverage dropped 72.5 points since {} (99.4% → 26.9%), more than the 72.45 allowed",
                &commit(1)[..7]
            )],
        ),
        (vec![&before, "--fail-under", "80"], 1, "", &["covdash: coverage 26.9% of lines is below 80.0%"]),
        (
            vec![&before, "--fail-under-package", "30", "--fail-under", "20"],
            1,
            "ok: coverage 26.9% of lines is at least 20.0%\n",
            &["covdash: package more_itertools: 26.9% of lines is below 30.0%"],
        ),
        (
            vec![&before, "--max-drop", "1", "--history", "h.json", "--ref", "main"],
            1,
            "",
            &[&format!(
                "covdash: coverage dropped 72.5 points since {} (99.4% → 26.9%), more than the 1.0 allowed",
                &commit(1)[..7]
            )],
        ),
        (
            vec![&after, "--max-drop", "0", "--history", "h.json", "--ref", "main"],
            0,
            &format!("ok: ±0.0 points since {} (99.4% → 99.4%)\n", &commit(1)[..7]),
            &[],
        ),
        (vec![&after, "--max-drop", "1"], 2, "", &[]),
        // A gate with no rule to judge by is a mistake in the CI's configuration, not a pass.
        (vec![&after], 2, "", &[NO_RULE]),
        (vec![&after, "--history", "h.json"], 2, "", &[NO_RULE]),
    ];
    for (args, status, stdout, stderr) in cases {
        let mut all = vec!["check"];
        all.extend(args.iter().copied());
        let output = covdash_in(&dir, &all, &[]);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(status), "{args:?}: {err}");
        assert_eq!(String::from_utf8_lossy(&output.stdout), stdout, "{args:?}");
        if !stderr.is_empty() {
            assert_eq!(err.lines().collect::<Vec<_>>(), stderr, "{args:?}");
        }
    }
    // Unusable input: a missing file, a history that does not read.
    std::fs::write(dir.join("broken.json"), b"{\"snapshots\": [").unwrap();
    for args in [
        vec!["check", "missing.info", "--fail-under", "1"],
        vec!["check", &after, "--max-drop", "1", "--history", "broken.json"],
    ] {
        assert_eq!(covdash_in(&dir, &args, &[]).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn the_report_leads_with_the_change_since_the_history() {
    let dir = common::Scratch::new("history-report");
    ok(&record(&dir, "h.json", 0, &[]));
    let after = fixture(RUNS[1]);
    let markdown =
        ok(&covdash_in(&dir, &["report", "--format", "markdown", "--history", "h.json", "--ref", "main", &after], &[]));
    let lead = markdown.lines().nth(2).unwrap();
    assert_eq!(lead, format!("**+72.5 points since `{}` (26.9% → 99.4%)**", &commit(0)[..7]));
    let text = ok(&covdash_in(&dir, &["report", "--history", "h.json", "--ref", "main", &after], &[]));
    assert!(text.lines().nth(2).unwrap().starts_with(&format!("+72.5 points since {}", &commit(0)[..7])), "{text}");
    let json =
        ok(&covdash_in(&dir, &["report", "--format", "json", "--history", "h.json", "--ref", "main", &after], &[]));
    let since: serde_json::Value = serde_json::from_str::<serde_json::Value>(&json).unwrap()["since"].clone();
    assert_eq!(since["commit"], commit(0));
    assert_eq!(since["before"].as_f64().map(|b| (b * 10.0).round() / 10.0), Some(26.9));
}

#[test]
fn the_history_fixtures_read_as_coverage_py_counted_them() {
    // (moment, statements coverage.py missed of 1908: its `coverage report` TOTAL)
    let cases = [(0, 1394), (10, 1220), (20, 1096), (30, 992), (45, 785), (60, 564), (75, 286), (90, 106)];
    for (moment, missed) in cases {
        let file = format!("history/more-itertools/tests-{moment:03}.lcov");
        assert_eq!(lines_of(&file), (1908 - missed, 1908), "{file}");
    }
}

#[test]
fn a_run_outside_ci_takes_its_commit_ref_and_time_from_git_and_keeps_its_tests() {
    let dir = common::Scratch::new("history-git");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(&dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs([
                ("GIT_AUTHOR_NAME", "a"),
                ("GIT_AUTHOR_EMAIL", "a@example.com"),
                ("GIT_COMMITTER_NAME", "a"),
                ("GIT_COMMITTER_EMAIL", "a@example.com"),
                ("GIT_COMMITTER_DATE", "2026-04-05T06:07:08+02:00"),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    git(&["init", "-q", "-b", "trunk"]);
    git(&["commit", "-q", "--allow-empty", "-m", "first"]);
    let head = git(&["rev-parse", "HEAD"]);
    // The coverage and pytest's JUnit XML of one run (9 tests: 4 passed, 3 failed, 2 skipped).
    let (coverage, junit) = (fixture(RUNS[0]), fixture("junit/ok/generated-pytest-9.2-xunit2.xml"));
    let printed = ok(&covdash_in(&dir, &["record", "--history", "h.json", &coverage, &junit], &[]));
    assert!(printed.starts_with(&format!("recorded {} on trunk: 26.9% of lines", &head[..7])), "{printed}");
    let history = read_history(&dir.join("h.json"));
    let snapshot = &history.snapshots[0];
    assert_eq!(snapshot.revision.commit.as_deref(), Some(head.as_str()));
    assert_eq!(snapshot.timestamp.map(|t| t.to_string()).as_deref(), Some("2026-04-05T04:07:08Z"));
    let tests = snapshot.tests.unwrap();
    assert_eq!((tests.passed, tests.failed, tests.skipped), (Some(4), Some(3), Some(2)));
}

/// Runs git with `args` in `dir`, as the tests' covdash runs: no CI's variables, no user's
/// configuration.
fn git_in(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Eight jobs in eight clones record eight commits at once onto one branch of a real bare
/// repository: each push refused because another came first is tried again on the new tip, so
/// the branch ends with eight snapshots, in commit-time order; a job run again replaces its own.
#[test]
fn eight_jobs_recording_at_once_onto_a_shared_branch_lose_no_snapshot() {
    let dir = common::Scratch::new("history-shared");
    git_in(&dir, &["init", "--quiet", "--bare", "remote.git"]);
    // The commits' times, out of the jobs' order.
    let hours = [5, 2, 7, 0, 3, 6, 1, 4];
    let job = |i: usize| {
        let clone = dir.join(format!("job{i}"));
        if !clone.exists() {
            std::fs::create_dir_all(&clone).unwrap();
            git_in(&clone, &["init", "--quiet"]);
            git_in(&clone, &["remote", "add", "origin", "../remote.git"]);
        }
        let time = format!("2026-05-01T{:02}:00:00Z", hours[i]);
        let (commit, file) = (commit(200 + i), fixture(RUNS[i % RUNS.len()]));
        let args = [
            "record",
            "--history",
            "coverage-history.json",
            "--git-branch",
            "coverage-history",
            "--commit",
            &commit,
            "--ref",
            "main",
            "--time",
            &time,
            &file,
        ];
        Command::new(env!("CARGO_BIN_EXE_covdash"))
            .args(args)
            .current_dir(&clone)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let jobs: Vec<_> = (0..8).map(job).collect();
    for child in jobs {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let shared = |dir: &Path| {
        let shown = git_in(dir, &["--git-dir", "remote.git", "show", "coverage-history:coverage-history.json"]);
        covdash::formats::parse(&shown.stdout).unwrap().report
    };
    let report = shared(&dir);
    let commits: Vec<String> = report.snapshots.iter().map(|s| s.revision.commit.clone().unwrap_or_default()).collect();
    // In commit-time order: job 3 (00:00), 6 (01:00), 1, 4, 7, 0, 5, 2.
    let expected: Vec<String> = [3, 6, 1, 4, 7, 0, 5, 2].iter().map(|i| commit(200 + i)).collect();
    assert_eq!(commits, expected);
    // The branch's log: one commit per snapshot, none forced away.
    let log = git_in(&dir, &["--git-dir", "remote.git", "rev-list", "--count", "coverage-history"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).trim(), "8");
    // A job run again replaces its own snapshot.
    let again = job(3).wait_with_output().unwrap();
    assert!(
        String::from_utf8_lossy(&again.stdout).starts_with("replaced"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert_eq!(shared(&dir).snapshots.len(), 8);
}
