#!/usr/bin/env python3
"""An organisation for the portfolio benchmark: N repositories' histories, each S snapshots
in the covdash JSON layout `covdash record` writes (version 2: commit, ref, times, per-package
counts per metric), and the index naming them. Deterministic (seeded); a measurement input,
not a fixture.

    python3 bench/portfolio_gen.py OUT_DIR [REPOSITORIES] [SNAPSHOTS]

Each repository has 2 to 6 packages of 200 to 20,000 lines, runs on most working days from
1 Jan 2025 (a run every 1 to 3 days, so 500 runs reach into 2027), its coverage drifting up by
small steps with the odd fall; a tenth stop running months before the end (stale); a fiftieth
count statements only (no lines: listed apart).
"""

import json
import os
import random
import sys

out = sys.argv[1]
n_repos = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
n_snapshots = int(sys.argv[3]) if len(sys.argv) > 3 else 500
rng = random.Random(20261205)
os.makedirs(os.path.join(out, "histories"), exist_ok=True)
TEAMS = ["payments", "search", "platform", "mobile", "data", "identity", "growth", "infra", "web", "ml"]
START = 1735725600  # 2025-01-01T10:00:00Z
DAY = 86400


def iso(t):
    import datetime
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


entries = []
for r in range(n_repos):
    name = f"service-{r:05d}"
    team = TEAMS[r % len(TEAMS)]
    statements_only = r % 50 == 7
    stops = n_snapshots - rng.randint(60, 200) if r % 10 == 3 else n_snapshots
    packages = []
    for p in range(rng.randint(2, 6)):
        total = rng.randint(200, 20000)
        packages.append([f"{name}/pkg{p}", total, rng.uniform(0.2, 0.9)])
    t = START + rng.randint(0, 3600 * 8)
    lines = []
    for s in range(stops):
        t += DAY * rng.choice([1, 1, 1, 2, 3]) + rng.randint(-1800, 1800)
        commit = f"{r:08x}{s:08x}".ljust(40, "0")
        figures = {}
        for pkg in packages:
            pkg[2] = min(0.99, max(0.05, pkg[2] + rng.uniform(-0.004, 0.006)))
            if rng.random() < 0.01:
                pkg[2] = max(0.05, pkg[2] - rng.uniform(0.02, 0.08))
            covered = int(pkg[1] * pkg[2])
            metric = "statements" if statements_only else "lines"
            branches = pkg[1] // 4
            figures[pkg[0]] = {
                metric: {"covered": covered, "total": pkg[1]},
                "branches": {"covered": int(branches * pkg[2] * 0.9), "total": branches},
            }
        snapshot = {"label": commit[:7], "timestamp": iso(t), "commit": commit, "ref": "main",
                    "run_time": iso(t + 600), "packages": figures}
        lines.append(json.dumps(snapshot, separators=(",", ":")))
    path = os.path.join(out, "histories", f"{name}.json")
    with open(path, "w") as f:
        f.write('{"version":2,"metric":"%s","snapshots":[\n' % ("statements" if statements_only else "lines"))
        f.write(",\n".join(lines))
        f.write("\n]}\n")
    entries.append({"name": name, "history": f"histories/{name}.json", "team": team})

with open(os.path.join(out, "covdash-portfolio.json"), "w") as f:
    json.dump({"title": f"{n_repos:,} repositories", "metric": "lines", "target": 80, "repositories": entries}, f, indent=1)
print(f"{out}: {n_repos} repositories, {n_snapshots} snapshots each")
