//! A package opened into its files (and each file into its functions), sorted and filtered
//! as the person asks. Computed when a package is opened, never for every package up front.

use crate::model::{most_uncovered_first, parent_dir, sort_by, Coverage, Report};
use covdash_protocol::format::{count_of, format_count, format_percent, rounded_percent};
use covdash_protocol::view::*;

/// At most this many files are laid out at once; the filter narrows the rest.
pub const SHOWN_FILES: usize = 200;

/// The files of `package` in snapshot `snapshot` (the latest when `None`), whose path contains
/// `filter` (case-insensitive), sorted by `sort`.
pub fn package_files(
    report: &Report,
    snapshot: Option<usize>,
    package: &str,
    sort: FileSort,
    filter: &str,
) -> PackageFiles {
    let snapshot = snapshot.and_then(|idx| report.snapshots.get(idx)).or(report.latest());
    let Some(package) = snapshot.and_then(|s| s.packages.iter().find(|p| p.name == package)) else {
        return PackageFiles { rows: Vec::new(), n_matching: 0, n_files: 0 };
    };
    let metric = report.metric;
    let needle = filter.trim().to_lowercase();
    let mut matching: Vec<(&crate::model::FileCoverage, Option<crate::model::Counts>)> = package
        .files
        .iter()
        .filter(|f| needle.is_empty() || f.path.to_lowercase().contains(&needle))
        .map(|f| (f, f.counts(metric)))
        .collect();
    let percent = |c: &Option<crate::model::Counts>| c.and_then(|c| c.percent()).map_or(f64::INFINITY, |p| p.value());
    match sort {
        FileSort::Name => sort_by(&mut matching, |a, b| a.0.path.cmp(&b.0.path)),
        FileSort::Coverage => {
            sort_by(&mut matching, |a, b| percent(&a.1).total_cmp(&percent(&b.1)).then_with(|| a.0.path.cmp(&b.0.path)))
        }
        FileSort::Uncovered => {
            let missed = |c: &Option<crate::model::Counts>| c.map_or(0, |c| c.missed());
            sort_by(&mut matching, |a, b| most_uncovered_first((missed(&a.1), a.0), (missed(&b.1), b.0)))
        }
    }
    let n_matching = matching.len();
    let rows = matching
        .into_iter()
        .take(SHOWN_FILES)
        .map(|(file, counts)| {
            let pct = counts.and_then(|c| Coverage::Counts(c).percent());
            let dir = &package.name;
            let name = file
                .path
                .strip_prefix(dir.as_str())
                .map(|rest| rest.trim_start_matches('/'))
                .filter(|rest| !rest.is_empty() && !dir.is_empty() && parent_dir(&file.path).starts_with(dir.as_str()))
                .unwrap_or(&file.path);
            let name = covdash_protocol::escape::visible(name);
            let mut functions: Vec<FunctionRow> = file
                .functions()
                .iter()
                .map(|f| FunctionRow {
                    name: covdash_protocol::escape::visible(file.function_name(f)),
                    // Some formats say only whether a function ran (JaCoCo, coverage.py): a
                    // count of 1 may mean "at least once".
                    calls: match (f.hits, f.line) {
                        (0, 0) => "never called".to_owned(),
                        (0, line) => format!("never called · line {line}"),
                        (1, _) => "called".to_owned(),
                        (n, _) => format!("called {} times", format_count(u64::from(n))),
                    },
                    covered: f.hits > 0,
                })
                .collect();
            sort_by(&mut functions, |a, b| a.name.cmp(&b.name));
            FileRow {
                key: file.path.clone(),
                name,
                value: pct.map(rounded_percent),
                text: format_percent(pct),
                counts: counts
                    .map(|c| format!("{} of {} {metric}", format_count(c.covered()), format_count(c.total()))),
                uncovered: counts.map_or(0, |c| c.missed()),
                uncovered_lines: ranges_text(&file.uncovered_ranges(), SHOWN_RANGES),
                partial_branches: partial_text(&file.partial_branch_lines()),
                functions_label: count_of(functions.len() as u64, "function"),
                functions: functions.into(),
            }
        })
        .collect();
    PackageFiles { rows, n_matching, n_files: package.files.len() }
}

/// Ranges shown before "and N more".
const SHOWN_RANGES: usize = 40;

/// Ascending line numbers as ranges of consecutive ones: `[12, 13, 14, 20]` → `[(12, 14), (20, 20)]`.
pub(crate) fn consecutive(lines: &[u32]) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &line in lines {
        match ranges.last_mut() {
            Some(last) if last.1.checked_add(1) == Some(line) => last.1 = line,
            _ => ranges.push((line, line)),
        }
    }
    ranges
}

/// `"12–18, 40, 52–60"`, the first `shown` and how many more; `None` for none.
/// Lines as a person reads them: ranges (`12–14, 30`), the first 12, then how many more.
pub fn lines_text(lines: &[u32]) -> String {
    ranges_text(&consecutive(lines), 12).unwrap_or_default()
}

pub(crate) fn ranges_text(ranges: &[(u32, u32)], shown: usize) -> Option<String> {
    listed(ranges.iter().map(|(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") }), ranges.len(), shown)
}

/// `"31: 1 of 2, 45: 2 of 4"`, the first [`SHOWN_RANGES`] and how many more; `None` for none.
fn partial_text(lines: &[(u32, u64, u64)]) -> Option<String> {
    let items = lines.iter().map(|(line, taken, all)| format!("{line}: {taken} of {all}"));
    listed(items, lines.len(), SHOWN_RANGES)
}

/// The first `shown` of the `n` items, joined by commas, then " and N more"; `None` for none.
pub(crate) fn listed(items: impl Iterator<Item = String>, n: usize, shown: usize) -> Option<String> {
    let mut text = items.take(shown).collect::<Vec<_>>().join(", ");
    if n > shown {
        text.push_str(&format!(" and {} more", format_count((n - shown) as u64)));
    }
    (n > 0).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    /// A more-itertools run's folder (`tests/fixtures/snapshots/<moment>`) and its LCOV file, parsed.
    /// coverage.py's report of one moment, in the format `file` (`coverage.lcov`,
    /// `coverage.json`, `coverage.xml`: the same run), parsed.
    fn run_of(moment: &str, file: &str) -> (String, formats::Parsed) {
        let dir = format!("{}/../../tests/fixtures/snapshots/{moment}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(format!("{dir}/{file}")).unwrap_or_default();
        let parsed = formats::parse(&bytes).map_err(|e| e.to_string()).unwrap_or_else(|e| panic!("{e}"));
        (dir, parsed)
    }

    /// The lines of `ranges` that `recorded` has, one by one.
    fn lines_in(ranges: &[(u32, u32)], recorded: &[u32]) -> Vec<u32> {
        recorded.iter().copied().filter(|l| ranges.iter().any(|(a, b)| a <= l && l <= b)).collect()
    }

    #[test]
    fn uncovered_ranges_are_the_lines_coverage_py_says_are_missing() {
        for moment in ["more-itertools-before", "more-itertools-after"] {
            let (dir, parsed) = run_of(moment, "coverage.lcov");
            let json = std::fs::read_to_string(format!("{dir}/coverage.json")).unwrap_or_default();
            let tool: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            let files = parsed.report.snapshots.iter().flat_map(|s| s.packages.iter()).flat_map(|p| &p.files);
            let mut n_files = 0;
            for file in files {
                let missing: Vec<u32> = tool["files"][&file.path]["missing_lines"]
                    .as_array()
                    .map(|lines| lines.iter().filter_map(|l| l.as_u64()).map(|l| l as u32).collect())
                    .unwrap_or_default();
                let recorded: Vec<u32> = file.lines.iter().map(|l| l.line).collect();
                assert_eq!(lines_in(&file.uncovered_ranges(), &recorded), missing, "{moment} {}", file.path);
                n_files += 1;
            }
            assert_eq!(n_files, 3, "{moment}");
        }
    }

    #[test]
    fn partial_branch_lines_are_the_ones_coverage_py_counts_partial() {
        // coverage.py's own report (`report.txt`): the BrPart column, per file, and its LCOV,
        // JSON and Cobertura files of the same run. Only LCOV can say that a branch point never
        // ran; the other two write its branches as not taken.
        let runs = ["more-itertools-before", "more-itertools-after"]
            .into_iter()
            .flat_map(|moment| ["coverage.lcov", "coverage.json", "coverage.xml"].map(|file| (moment, file)));
        for (moment, file) in runs {
            let (dir, parsed) = run_of(moment, file);
            let report = std::fs::read_to_string(format!("{dir}/report.txt")).unwrap_or_default();
            let brpart: Vec<(String, usize)> = report
                .lines()
                .filter(|l| l.ends_with('%') && !l.starts_with("TOTAL"))
                .map(|l| {
                    let columns: Vec<&str> = l.split_whitespace().collect();
                    (columns[0].to_owned(), columns[4].parse().unwrap_or(usize::MAX))
                })
                .collect();
            let mut ours: Vec<(String, usize)> = parsed.report.snapshots[0]
                .packages
                .iter()
                .flat_map(|p| &p.files)
                .map(|f| (f.path.clone(), f.partial_branch_lines().len()))
                .collect();
            crate::model::sort(&mut ours);
            assert_eq!(ours, brpart, "{moment}/{file}");
        }
    }

    #[test]
    fn ranges_read_as_coverage_py_writes_them() {
        let cases =
            [(vec![], None), (vec![(12, 18), (40, 40), (52, 60)], Some("12–18, 40, 52–60")), (vec![(7, 7)], Some("7"))];
        for (ranges, text) in cases {
            assert_eq!(ranges_text(&ranges, SHOWN_RANGES).as_deref(), text);
        }
        let many: Vec<(u32, u32)> = (0..45).map(|i| (i * 2, i * 2)).collect();
        assert!(ranges_text(&many, SHOWN_RANGES)
            .is_some_and(|t| t.starts_with("0, 2, 4") && t.ends_with("76, 78 and 5 more")));
    }

    #[test]
    fn files_sort_and_filter() {
        let bytes = b"SF:src/a/one.c\nFN:1,f\nFNDA:3,f\nFN:5,g\nFNDA:0,g\nDA:1,1\nDA:2,0\nend_of_record\n\
SF:src/a/two.c\nDA:1,0\nDA:2,0\nDA:3,0\nend_of_record\nSF:src/a/three.c\nDA:1,1\nend_of_record\n";
        let parsed = formats::parse(bytes).unwrap();
        let names = |sort, filter| -> Vec<String> {
            package_files(&parsed.report, None, "src/a", sort, filter).rows.into_iter().map(|r| r.name).collect()
        };
        assert_eq!(names(FileSort::Name, ""), ["one.c", "three.c", "two.c"]);
        assert_eq!(names(FileSort::Coverage, ""), ["two.c", "one.c", "three.c"]);
        assert_eq!(names(FileSort::Uncovered, ""), ["two.c", "one.c", "three.c"]);
        assert_eq!(names(FileSort::Name, "T"), ["three.c", "two.c"]);
        let files = package_files(&parsed.report, None, "src/a", FileSort::Name, "one");
        assert_eq!((files.n_matching, files.n_files), (1, 3));
        let one = &files.rows[0];
        assert_eq!((one.text.as_str(), one.counts.as_deref()), ("50.0%", Some("1 of 2 lines")));
        let functions: Vec<(&str, &str)> = one.functions.iter().map(|f| (f.name.as_str(), f.calls.as_str())).collect();
        assert_eq!(functions, [("f", "called 3 times"), ("g", "never called · line 5")]);
    }
}
