#!/usr/bin/env python3
"""An LCOV file of many small source files in many directories, for the page's benchmark:
the shape of a monorepo's merged report, where the count of files, not the bytes, is the load.

Usage: many_files.py N_FILES N_DIRS OUTFILE   (e.g. 200000 2000 target/bench-data/lcov_200k_files.info)

Deterministic: file i is in directory i % N_DIRS, has 3 + i % 4 lines, and line l of it is
covered unless (i + l) % 5 == 0.
"""
import sys

n_files, n_dirs, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(out, "w") as f:
    for i in range(n_files):
        f.write(f"SF:src/dir{i % n_dirs:04d}/file{i:06d}.c\n")
        for line in range(1, 4 + i % 4):
            f.write(f"DA:{line},{0 if (i + line) % 5 == 0 else 1}\n")
        f.write("end_of_record\n")
