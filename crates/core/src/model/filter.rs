//! Leaving files out of a report before anything is counted: `--exclude` and `--include`,
//! globs over the report's file paths (as the groups' globs: `*` within a segment, `**`
//! across, `?` one character).

use std::rc::Rc;

use super::coverage::{Metrics, Package, Report};
use super::glob::glob_match;
use super::PathFilter;

/// What a filter left out of one snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    pub files: usize,
    /// Packages none of whose files are left.
    pub packages: usize,
    /// The globs, as given: `--exclude`'s, then `--include`'s marked `only `.
    pub globs: Vec<String>,
}

/// Whether the file at `path` counts.
pub fn keeps(filter: &PathFilter, path: &str) -> bool {
    !filter.exclude.iter().any(|glob| glob_match(glob, path))
        && (filter.include.is_empty() || filter.include.iter().any(|glob| glob_match(glob, path)))
}

/// Whether `filter` keeps all of `package`: each of its files, or, for a package known only by
/// its figures, its name.
fn keeps_whole(filter: &PathFilter, package: &Package) -> bool {
    match package.files.is_empty() {
        true => keeps(filter, &package.name),
        false => package.files.iter().all(|file| keeps(filter, &file.path)),
    }
}

impl Report {
    /// Leaves out of every snapshot the files `filter` does not keep: a package's figures are
    /// its remaining files' (a package of none is dropped), and a package known only by its
    /// figures is kept or left out by its name. What was left out of each snapshot is kept
    /// in [`Report::left_out`].
    pub fn keep_paths(&mut self, filter: &PathFilter) {
        if filter.is_empty() {
            return;
        }
        let globs: Vec<String> =
            filter.exclude.iter().cloned().chain(filter.include.iter().map(|g| format!("only {g}"))).collect();
        self.left_out = self
            .snapshots
            .iter_mut()
            .map(|snapshot| {
                let mut left_out = LeftOut { files: 0, packages: 0, globs: globs.clone() };
                // The packages are shared with the report as read: copied only when the filter
                // leaves something out.
                if snapshot.packages.iter().all(|package| keeps_whole(filter, package)) {
                    return left_out;
                }
                Rc::make_mut(&mut snapshot.packages).retain_mut(|package| {
                    if package.files.is_empty() {
                        let kept = keeps_whole(filter, package);
                        left_out.packages += usize::from(!kept);
                        return kept;
                    }
                    let before = package.files.len();
                    package.files.retain(|file| keeps(filter, &file.path));
                    if package.files.len() < before {
                        package.metrics = Metrics::sum_of(&package.files);
                    }
                    left_out.files += before - package.files.len();
                    left_out.packages += usize::from(package.files.is_empty());
                    !package.files.is_empty()
                });
                left_out
            })
            .collect();
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
            report.keep_paths(&filter);
            let latest = report.latest().unwrap_or_else(|| panic!("no snapshot"));
            let paths: Vec<&str> = latest.files().map(|f| f.path.as_str()).collect();
            let mut sorted = paths.clone();
            crate::model::sort(&mut sorted);
            assert_eq!(sorted, kept, "{exclude:?} {include:?}");
            // The packages' figures are their remaining files'.
            let counts =
                latest.packages.iter().filter_map(|p| p.coverage(report.metric)).fold((0, 0), |(c, t), cov| {
                    let crate::model::Coverage::Counts(n) = cov else { panic!("a package without counts") };
                    (c + n.covered(), t + n.total())
                });
            assert_eq!(counts, (covered, total), "{exclude:?} {include:?}");
            assert_eq!(
                report.left_out.last().map(|l| (l.files, l.packages)),
                (!filter.is_empty()).then_some((3 - kept.len(), packages))
            );
        }
    }
}
