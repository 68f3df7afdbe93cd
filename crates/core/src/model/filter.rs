//! Leaving files out of a report before anything is counted: `--exclude` and `--include`,
//! globs over the report's file paths (as the groups' globs: `*` within a segment, `**`
//! across, `?` one character).

use super::coverage::{Metrics, Report};
use super::glob::glob_match;

/// Which of a report's files count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathFilter {
    /// A file any of these match is left out.
    pub exclude: Vec<String>,
    /// When any are given, only the files one of these matches count.
    pub include: Vec<String>,
}

/// What a filter left out of a report's latest snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    pub files: usize,
    /// Packages none of whose files are left.
    pub packages: usize,
    /// The globs, as given: `--exclude`'s, then `--include`'s marked `only `.
    pub globs: Vec<String>,
}

impl PathFilter {
    pub fn is_empty(&self) -> bool {
        self.exclude.is_empty() && self.include.is_empty()
    }

    /// Whether the file at `path` counts.
    pub fn keeps(&self, path: &str) -> bool {
        !self.exclude.iter().any(|glob| glob_match(glob, path))
            && (self.include.is_empty() || self.include.iter().any(|glob| glob_match(glob, path)))
    }
}

impl Report {
    /// Leaves out of every snapshot the files `filter` does not keep: a package's figures are
    /// its remaining files' (a package of none is dropped), and a package known only by its
    /// figures is kept or left out by its name. Returns what was left out of the latest
    /// snapshot.
    pub fn keep_paths(&mut self, filter: &PathFilter) -> Option<LeftOut> {
        if filter.is_empty() {
            return None;
        }
        let n_snapshots = self.snapshots.len();
        let mut left_out = LeftOut { files: 0, packages: 0, globs: Vec::new() };
        for (idx, snapshot) in self.snapshots.iter_mut().enumerate() {
            let latest = idx + 1 == n_snapshots;
            snapshot.packages.retain_mut(|package| {
                if package.files.is_empty() {
                    let kept = filter.keeps(&package.name);
                    if latest && !kept {
                        left_out.packages += 1;
                    }
                    return kept;
                }
                let before = package.files.len();
                package.files.retain(|file| filter.keeps(&file.path));
                if package.files.len() < before {
                    package.metrics = Metrics::sum_of(&package.files);
                }
                if latest {
                    left_out.files += before - package.files.len();
                    left_out.packages += usize::from(package.files.is_empty());
                }
                !package.files.is_empty()
            });
        }
        left_out.globs =
            filter.exclude.iter().cloned().chain(filter.include.iter().map(|g| format!("only {g}"))).collect();
        Some(left_out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    #[test]
    fn files_left_out_no_longer_count_and_their_packages_go_when_empty() {
        let lcov = "SF:/repo/src/a.c\nDA:1,1\nDA:2,0\nend_of_record\n\
                    SF:/repo/test/t.c\nDA:1,1\nend_of_record\n\
                    SF:/repo/src/gen.config.c\nDA:1,0\nDA:2,0\nend_of_record\n";
        /// Exclude, include, the files kept, the packages left out, lines covered and in all.
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str], usize, (u64, u64));
        let cases: [Case<'_>; 4] = [
            (&[], &[], &["/repo/src/a.c", "/repo/src/gen.config.c", "/repo/test/t.c"], 0, (2, 5)),
            (&["**/test/**"], &[], &["/repo/src/a.c", "/repo/src/gen.config.c"], 1, (1, 4)),
            (&["**/test/**", "**/*.config.*"], &[], &["/repo/src/a.c"], 1, (1, 2)),
            (&[], &["/repo/test/**"], &["/repo/test/t.c"], 1, (1, 1)),
        ];
        for (exclude, include, kept, packages, (covered, total)) in cases {
            let mut report = formats::parse(lcov.as_bytes()).map(|p| p.report).unwrap_or_else(|e| panic!("{e}"));
            let filter = PathFilter {
                exclude: exclude.iter().map(|g| g.to_string()).collect(),
                include: include.iter().map(|g| g.to_string()).collect(),
            };
            let left_out = report.keep_paths(&filter);
            let latest = report.latest().unwrap_or_else(|| panic!("no snapshot"));
            let paths: Vec<&str> = latest.files().map(|f| f.path.as_str()).collect();
            let mut sorted = paths.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, kept, "{exclude:?} {include:?}");
            // The packages' figures are their remaining files'.
            let counts =
                latest.packages.iter().filter_map(|p| p.coverage(report.metric)).fold((0, 0), |(c, t), cov| {
                    let crate::model::Coverage::Counts(n) = cov else { panic!("a package without counts") };
                    (c + n.covered(), t + n.total())
                });
            assert_eq!(counts, (covered, total), "{exclude:?} {include:?}");
            assert_eq!(
                left_out.map(|l| (l.files, l.packages)),
                (!filter.is_empty()).then_some((3 - kept.len(), packages))
            );
        }
    }
}
