#!/usr/bin/env bash
# covdash in CI, for GitHub Actions (action.yml) and GitLab CI (ci/gitlab-ci.yml) alike.
#
# On the default branch it records the run onto the history kept on a git branch, which many
# jobs can share (`covdash record --git-branch`). On a pull or merge request it reads that
# history, writes the comment (`comment.md`, within GitHub's 65,536 characters, its first line
# the marker the next run finds it by) and gates.
# With COVDASH_SITE it also lays out the dashboard and the history to publish.
#
# Settings, from the environment (the action's inputs and the template's variables):
#   COVDASH_COVERAGE        the coverage files, space-separated (required)
#   COVDASH_BIN             the covdash binary (default: covdash on PATH)
#   COVDASH_HISTORY_BRANCH  the branch that holds the history (default: coverage-history)
#   COVDASH_HISTORY_FILE    its file (default: coverage-history.json)
#   COVDASH_REMOTE          the remote (default: origin)
#   COVDASH_FAIL_UNDER, COVDASH_MAX_DROP   the gates (optional)
#   COVDASH_EXCLUDE         globs to leave out, one a line (optional)
#   COVDASH_SITE, COVDASH_DIST  where to lay out the site, and covdash's dist/ (optional)
#   COVDASH_COMMENT_KEY     names the job's comment in its first line, `<!-- covdash: KEY -->`,
#                           which the next run edits (default: the CI's job name)
# and from the CI: GitHub's GITHUB_EVENT_NAME, GITHUB_REF_NAME, GITHUB_BASE_REF and the
# repository's default branch (COVDASH_DEFAULT_BRANCH), or GitLab's CI_COMMIT_BRANCH,
# CI_DEFAULT_BRANCH, CI_MERGE_REQUEST_IID.
set -euo pipefail

covdash=${COVDASH_BIN:-covdash}
branch=${COVDASH_HISTORY_BRANCH:-coverage-history}
file=${COVDASH_HISTORY_FILE:-coverage-history.json}
remote=${COVDASH_REMOTE:-origin}
read -r -a coverage <<< "${COVDASH_COVERAGE:?set COVDASH_COVERAGE to the coverage files}"
exclude=()
while IFS= read -r glob; do
  [ -n "$glob" ] && exclude+=(--exclude "$glob")
done <<< "${COVDASH_EXCLUDE:-}"

default=${COVDASH_DEFAULT_BRANCH:-${CI_DEFAULT_BRANCH:-main}}
if [ -n "${GITHUB_EVENT_NAME:-}" ]; then
  case "$GITHUB_EVENT_NAME" in
    pull_request | pull_request_target) mode=review ;;
    *) [ "${GITHUB_REF_NAME:-}" = "$default" ] && mode=record || mode=none ;;
  esac
elif [ -n "${CI_MERGE_REQUEST_IID:-}" ]; then
  mode=review
elif [ "${CI_COMMIT_BRANCH:-}" = "$default" ]; then
  mode=record
else
  mode=none
fi

case "$mode" in
  record)
    "$covdash" record --history "$file" --git-branch "$branch" --remote "$remote" "${exclude[@]}" "${coverage[@]}"
    ;;
  review)
    # The history as the default branch's jobs left it (none yet: an empty one).
    if git fetch --quiet "$remote" "refs/heads/$branch" 2>/dev/null; then
      git show "FETCH_HEAD:$file" > "$file"
    fi
    history=()
    [ -s "$file" ] && history=(--history "$file" --ref "$default")
    link=()
    if [ -n "${GITHUB_RUN_ID:-}" ]; then
      link=(--link "${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/$GITHUB_RUN_ID")
    elif [ -n "${CI_JOB_URL:-}" ]; then
      link=(--link "$CI_JOB_URL")
    fi
    # The comment's first line names it as this job's, unseen, so that the next run edits it
    # and no other: `gh pr comment --edit-last` edits whatever the token wrote last, another
    # action's comment as well. The marker's characters count against GitHub's limit.
    key=$(printf '%s' "${COVDASH_COMMENT_KEY:-${GITHUB_JOB:-${CI_JOB_NAME:-coverage}}}" | LC_ALL=C tr -c 'A-Za-z0-9._/-' '-')
    marker="<!-- covdash: $key -->"
    # Written whole or not at all: a report that failed leaves no comment to post.
    if {
      printf '%s\n' "$marker"
      "$covdash" report --format markdown --max-chars $((65536 - ${#marker} - 1)) \
        "${history[@]}" "${link[@]}" "${exclude[@]}" "${coverage[@]}"
    } > comment.md.part; then
      mv comment.md.part comment.md
    else
      status=$?
      rm -f comment.md.part
      exit "$status"
    fi
    # GitHub's job summary shows it too, where a pull request from a fork, whose token cannot
    # comment, still sees it.
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      cat comment.md >> "$GITHUB_STEP_SUMMARY"
    fi
    gates=()
    [ -n "${COVDASH_FAIL_UNDER:-}" ] && gates+=(--fail-under "$COVDASH_FAIL_UNDER")
    [ -n "${COVDASH_MAX_DROP:-}" ] && [ -s "$file" ] && gates+=(--max-drop "$COVDASH_MAX_DROP" --history "$file" --ref "$default")
    if [ ${#gates[@]} -gt 0 ]; then
      "$covdash" check "${gates[@]}" "${exclude[@]}" "${coverage[@]}"
    fi
    ;;
  none)
    echo "covdash: neither the default branch ($default) nor a pull or merge request: nothing to do"
    ;;
esac

if [ -n "${COVDASH_SITE:-}" ] && [ "$mode" = record ]; then
  mkdir -p "$COVDASH_SITE"
  [ -n "${COVDASH_DIST:-}" ] && cp -r "$COVDASH_DIST/." "$COVDASH_SITE/"
  cp "$file" "$COVDASH_SITE/"
fi
