//! The CI integrations' steps (`ci/covdash-ci.sh`, which `action.yml` and `ci/gitlab-ci.yml`
//! run), end to end against a real bare repository as the remote: the default branch's jobs
//! record onto the history branch, a pull request's job writes the comment and gates, under
//! GitHub's variables and GitLab's alike. No network: the remote is a folder.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn git(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new("git").args(args).current_dir(dir).output().unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// The steps in `dir` with the CI's variables `env`, and the coverage `file`.
fn steps(dir: &Path, file: &str, env: &[(&str, &str)]) -> Output {
    Command::new("bash")
        .arg(common::root().join("ci/covdash-ci.sh"))
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("COVDASH_BIN", env!("CARGO_BIN_EXE_covdash"))
        .env("COVDASH_COVERAGE", file)
        .env("COVDASH_EXCLUDE", "**/nothing/**")
        .env("GIT_AUTHOR_NAME", "ci")
        .env("GIT_AUTHOR_EMAIL", "ci@example.com")
        .env("GIT_COMMITTER_NAME", "ci")
        .env("GIT_COMMITTER_EMAIL", "ci@example.com")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    common::root().join("tests/fixtures").join(name).display().to_string()
}

/// A scratch directory with a bare repository, `remote.git`, and a clone of it, `work`.
fn scratch(name: &str) -> common::Scratch {
    let dir = common::Scratch::new(&format!("ci-{name}"));
    git(&dir, &["init", "--quiet", "--bare", "remote.git"]);
    let clone = dir.join("work");
    std::fs::create_dir_all(&clone).unwrap();
    git(&clone, &["init", "--quiet"]);
    git(&clone, &["remote", "add", "origin", "../remote.git"]);
    dir
}

#[test]
fn github_records_on_main_and_comments_and_gates_on_a_pull_request() {
    let dir = scratch("github");
    let work = dir.join("work");
    let before = fixture("snapshots/more-itertools-before/coverage.lcov");
    let after = fixture("snapshots/more-itertools-after/coverage.lcov");
    // Two pushes to main, two commits.
    for (sha, file, time) in
        [("a".repeat(40), &before, "2026-06-01T09:00:00Z"), ("b".repeat(40), &after, "2026-06-02T09:00:00Z")]
    {
        let env = [
            ("GITHUB_EVENT_NAME", "push"),
            ("GITHUB_REF_NAME", "main"),
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_SHA", &sha),
            ("COVDASH_DEFAULT_BRANCH", "main"),
        ];
        let output = steps(&work, file, &[&env[..], &[("CI_COMMIT_TIMESTAMP", time)]].concat());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stdout).starts_with(&format!("recorded {} on main", &sha[..7])));
    }
    let shown = git(&dir, &["--git-dir", "remote.git", "show", "coverage-history:coverage-history.json"]);
    assert_eq!(covdash::formats::parse(&shown.stdout).unwrap().report.snapshots.len(), 2);

    // A pull request: the comment leads with the change since main's last snapshot, and the
    // gates run (the before's 26.9% is under 50).
    let summary = dir.join("step-summary.md");
    let pull = [
        ("GITHUB_EVENT_NAME", "pull_request"),
        ("GITHUB_REF_NAME", "7/merge"),
        ("COVDASH_DEFAULT_BRANCH", "main"),
        ("GITHUB_RUN_ID", "42"),
        ("GITHUB_REPOSITORY", "org/app"),
        ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
    ];
    let output = steps(&work, &before, &[&pull[..], &[("COVDASH_FAIL_UNDER", "50")]].concat());
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("below 50.0%"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let comment = std::fs::read_to_string(work.join("comment.md")).unwrap();
    assert!(comment.contains("since `bbbbbbb`"), "{comment}");
    assert!(comment.chars().count() <= 65_536);
    // Its first line names it as the job's, for the next run to edit it and no other comment.
    assert!(comment.starts_with("<!-- covdash: coverage -->\n## "), "{comment}");
    // The job's summary shows it too (a fork's pull request cannot be commented on).
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), comment);
    // A report that cannot be made leaves no comment to post, not an empty one.
    std::fs::remove_file(work.join("comment.md")).unwrap();
    let broken = dir.join("broken.info");
    std::fs::write(&broken, "no coverage here\n").unwrap();
    let output = steps(&work, broken.to_str().unwrap(), &pull);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!work.join("comment.md").exists());
    assert!(!work.join("comment.md.part").exists());
    // Above the gate, the job passes.
    let output = steps(&work, &after, &[&pull[..], &[("COVDASH_FAIL_UNDER", "50")]].concat());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    // A report longer than GitHub takes: with its marker, the comment still fits.
    let mut lcov = String::new();
    for file in 0..2_400 {
        lcov.push_str(&format!("SF:pkg{:04}/module_with_a_long_name_{}.py\n", file / 3, file % 3));
        for line in 1..=20 {
            lcov.push_str(&format!("DA:{line},{}\n", u8::from((line + file / 3) % 3 != 0)));
        }
        lcov.push_str("end_of_record\n");
    }
    let large = dir.join("large.info");
    std::fs::write(&large, lcov).unwrap();
    let output = steps(&work, large.to_str().unwrap(), &pull);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let comment = std::fs::read_to_string(work.join("comment.md")).unwrap();
    assert!(comment.starts_with("<!-- covdash: coverage -->\n## "), "{}", &comment[..200]);
    let chars = comment.chars().count();
    assert!((65_000..=65_536).contains(&chars), "{chars} characters");
    // The report was fitted to what the marker's line (27 characters) leaves.
    assert!(comment.contains("left out to fit 65,509 characters"), "{}", &comment[comment.len() - 300..]);
}

#[test]
fn gitlab_records_on_the_default_branch_and_reviews_a_merge_request() {
    let dir = scratch("gitlab");
    let work = dir.join("work");
    let file = fixture("snapshots/more-itertools-after/coverage.lcov");
    let main = [
        ("GITLAB_CI", "true"),
        ("CI_COMMIT_BRANCH", "trunk"),
        ("CI_DEFAULT_BRANCH", "trunk"),
        ("CI_COMMIT_SHA", "cccccccccccccccccccccccccccccccccccccccc"),
    ];
    let output = steps(&work, &file, &main);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let review = [
        ("GITLAB_CI", "true"),
        ("CI_MERGE_REQUEST_IID", "3"),
        ("CI_DEFAULT_BRANCH", "trunk"),
        ("CI_JOB_URL", "https://gitlab.example/org/app/-/jobs/9"),
    ];
    let output = steps(&work, &file, &review);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let comment = std::fs::read_to_string(work.join("comment.md")).unwrap();
    assert!(comment.starts_with("<!-- covdash: coverage -->\n## "), "{comment}");
    // Named by the job, or as the project names it, in characters that cannot end the marker.
    for (env, marker) in [
        (("CI_JOB_NAME", "test: python 3.12"), "<!-- covdash: test--python-3.12 -->\n"),
        (("COVDASH_COMMENT_KEY", "a --> b"), "<!-- covdash: a-----b -->\n"),
    ] {
        let output = steps(&work, &file, &[&review[..], &[env]].concat());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let comment = std::fs::read_to_string(work.join("comment.md")).unwrap();
        assert!(comment.starts_with(marker), "{comment}");
    }
    // Another branch, not a merge request: nothing to do.
    let output =
        steps(&work, &file, &[("GITLAB_CI", "true"), ("CI_COMMIT_BRANCH", "topic"), ("CI_DEFAULT_BRANCH", "trunk")]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("nothing to do"));
}

/// Every workflow covdash gives (the action, the GitLab template, and the recipes in the docs)
/// is YAML its CI reads, read by `yaml` (npm): a recipe's `concurrency: { group:
/// coverage-${{ github.ref }} }` was no YAML at all (`${{` opens a mapping inside the flow), and
/// GitHub refuses such a workflow before it runs.
#[test]
fn the_workflows_given_are_yaml_their_ci_reads() {
    let root = common::root();
    let mut files: Vec<String> = vec!["action.yml".into(), "ci/gitlab-ci.yml".into(), "README.md".into()];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path.strip_prefix(&root).unwrap().display().to_string());
        }
    }
    // Each file's YAML (a document's fenced `yaml` blocks), and what `yaml` says is wrong in it.
    let script = r#"
        import { readFileSync } from 'node:fs';
        import { parseDocument } from 'yaml';
        let blocks = 0;
        for (const file of process.argv.slice(1)) {
          const text = readFileSync(file, 'utf8');
          const yamls = file.endsWith('.md') ? [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1]) : [text];
          yamls.forEach((yaml, i) => {
            blocks += 1;
            // The first error: the others follow from it.
            const [error] = parseDocument(yaml).errors;
            if (error) console.log(`${file} (YAML ${i + 1}): ${error.message}`);
          });
        }
        console.error(`${blocks} YAML documents read`);
    "#;
    let output = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .args(&files)
        .current_dir(&root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    let read: usize = stderr.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or_default();
    assert!(read >= 7, "{stderr}");
}
