#!/usr/bin/env python3
"""Writes a unified diff, as `git diff` prints one, that changes LINES lines of the files an
LCOV report names: a hunk per file, each replacing a run of lines that starts on one of the
file's measured lines, so part of the change is measured and part is not. Deterministic.

  python3 bench/patch_diff.py COVERAGE.info LINES OUT.diff
"""
import sys

PER_FILE = 25


def measured_files(path):
    """(source path, first measured line) of each file of the report, in its order."""
    name, first = None, None
    with open(path, "rb") as report:
        for line in report:
            if line.startswith(b"SF:"):
                name, first = line[3:].strip().decode(), None
            elif line.startswith(b"DA:") and first is None:
                first = int(line[3:].split(b",", 1)[0])
            elif line.startswith(b"end_of_record") and name is not None:
                yield name, first or 1
                name = None


def main():
    coverage, lines, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    written = 0
    with open(out, "w") as diff:
        for path, first in measured_files(coverage):
            if written >= lines:
                break
            n = min(PER_FILE, lines - written)
            path = path.split("/project/", 1)[-1].lstrip("/")  # as git names it: from the root
            diff.write(f"diff --git a/{path} b/{path}\n")
            diff.write("index 1111111..2222222 100644\n")
            diff.write(f"--- a/{path}\n+++ b/{path}\n")
            diff.write(f"@@ -{first},{n} +{first},{n} @@\n")
            for i in range(n):
                diff.write(f"-    old_line_{i}();\n")
            for i in range(n):
                diff.write(f"+    new_line_{i}();\n")
            written += n
    print(f"{out}: {written} changed lines", file=sys.stderr)


if __name__ == "__main__":
    main()
