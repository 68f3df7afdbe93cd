//! Source files beside the coverage: embedded in the report (tarpaulin), chosen or dropped with
//! it, read from a folder by the CLI. A report names its files as its tool saw them
//! (`/home/runner/work/app/app/src/lib.rs`, `github.com/org/app/calc/calc.go`), and the person
//! gives them as the browser or the file system names them (`app/src/lib.rs`, `calc.go`): a
//! given file stands for the report's file with which it shares the longest ending, counted
//! in whole path segments, the file's name at least.

use std::collections::HashMap;
use std::rc::Rc;

/// A source file's text, by the path it was given under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: Rc<str>,
}

impl SourceFile {
    /// A file's bytes as text (invalid UTF-8 replaced), or `None` for a binary file (one with
    /// a NUL byte in its first 8 KB, as git tells them apart).
    pub fn of_bytes(path: String, bytes: &[u8]) -> Option<SourceFile> {
        if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
            return None;
        }
        Some(SourceFile { path, text: Rc::from(String::from_utf8_lossy(bytes)) })
    }
}

/// The source files matched to a report's files, by the report's paths.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sources {
    /// Each with whether the report itself carried it.
    by_report_path: HashMap<String, (SourceFile, bool)>,
    /// The files given that stand for none of the report's files, by the path they were given
    /// under, sorted.
    unmatched: Vec<String>,
}

/// The segments two paths share at their ends: `a/src/x.rs` and `src/x.rs` share 2.
pub fn common_ending(a: &str, b: &str) -> usize {
    a.rsplit('/').zip(b.rsplit('/')).take_while(|(x, y)| x == y && !x.is_empty()).count()
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl Sources {
    /// Matches `given` to `report_paths` (normalised paths): each report file takes the given
    /// file that shares the longest ending with it, when one does so alone. A given file that
    /// several report files take by its name alone (`util.py` for `a/util.py` and `b/util.py`)
    /// stands for none of them; one they take by a folder and its name too (`src/lib.rs` for
    /// the same file measured in two checkouts, `/ci/1/src/lib.rs` and `/ci/2/src/lib.rs`)
    /// stands for all of them.
    pub fn matched<'a>(given: Vec<SourceFile>, report_paths: impl IntoIterator<Item = &'a str>) -> Sources {
        let given: Vec<SourceFile> = given
            .into_iter()
            .map(|f| SourceFile { path: crate::model::normalize_path(&f.path), text: f.text })
            .collect();
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, file) in given.iter().enumerate() {
            by_name.entry(file_name(&file.path)).or_default().push(index);
        }
        // Each report path once: several reports of one project (its moments) name the same
        // files, which are still one file each.
        let mut report_paths: Vec<&str> = report_paths.into_iter().collect();
        crate::model::sort(&mut report_paths);
        report_paths.dedup();
        // For each report path, the given file sharing the longest ending, if it does alone.
        let mut choices: Vec<(&str, usize, usize)> = Vec::new();
        for path in report_paths {
            let Some(candidates) = by_name.get(file_name(path)) else { continue };
            let scored = candidates.iter().map(|&index| (common_ending(path, &given[index].path), index));
            let best = scored.clone().map(|(score, _)| score).max().unwrap_or(0);
            let mut at_best = scored.filter(|&(score, _)| score == best && score > 0);
            if let (Some((score, index)), None) = (at_best.next(), at_best.next()) {
                choices.push((path, index, score));
            }
        }
        // A given file several report files chose by its name alone stands for none.
        let mut best_of: HashMap<usize, (usize, usize)> = HashMap::new();
        for &(_, index, score) in &choices {
            let entry = best_of.entry(index).or_insert((score, 0));
            if score > entry.0 {
                *entry = (score, 1);
            } else if score == entry.0 {
                entry.1 += 1;
            }
        }
        let mut used = vec![false; given.len()];
        let mut by_report_path = HashMap::new();
        for (path, index, score) in choices {
            if best_of.get(&index).is_some_and(|&(best, n)| best == score && (n == 1 || score >= 2)) {
                used[index] = true;
                by_report_path.insert(path.to_owned(), (given[index].clone(), false));
            }
        }
        let mut unmatched: Vec<String> =
            given.into_iter().zip(used).filter(|(_, used)| !used).map(|(file, _)| file.path).collect();
        crate::model::sort(&mut unmatched);
        Sources { by_report_path, unmatched }
    }

    /// These sources, and `names` (files given that could not be read as text) among those
    /// that match nothing.
    pub fn with_unmatched(mut self, names: Vec<String>) -> Sources {
        self.unmatched.extend(names);
        crate::model::sort(&mut self.unmatched);
        self
    }

    /// Whether `path` (as given) was given and matches none of the report's files.
    pub fn is_unmatched(&self, path: &str) -> bool {
        self.unmatched.binary_search(&crate::model::normalize_path(path)).is_ok()
    }

    /// Leaves `path` (as given) out of the files that match nothing.
    pub fn forget(&mut self, path: &str) {
        let path = crate::model::normalize_path(path);
        self.unmatched.retain(|p| *p != path);
    }

    /// Sources whose paths are the report's own (a report that embeds its files' text).
    pub fn embedded(files: Vec<SourceFile>) -> Sources {
        Sources {
            by_report_path: files.into_iter().map(|f| (f.path.clone(), (f, true))).collect(),
            unmatched: Vec::new(),
        }
    }

    /// These sources and `other`'s; where both have a report file's source, this one's.
    pub fn and(mut self, other: &Sources) -> Sources {
        for (path, file) in &other.by_report_path {
            self.by_report_path.entry(path.clone()).or_insert_with(|| file.clone());
        }
        self.unmatched.extend(other.unmatched.iter().cloned());
        crate::model::sort(&mut self.unmatched);
        self
    }

    /// The source of the report's file at `path`, and whether the report itself carried it.
    pub fn get(&self, path: &str) -> Option<(&SourceFile, bool)> {
        self.by_report_path.get(path).map(|(file, embedded)| (file, *embedded))
    }

    /// How many of the report's files have their source.
    pub fn n_matched(&self) -> usize {
        self.by_report_path.len()
    }

    /// The files given that stand for none of the report's.
    pub fn unmatched(&self) -> &[String] {
        &self.unmatched
    }

    pub fn is_empty(&self) -> bool {
        self.by_report_path.is_empty() && self.unmatched.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(paths: &[&str]) -> Vec<SourceFile> {
        paths.iter().map(|p| SourceFile { path: (*p).to_owned(), text: Rc::from(*p) }).collect()
    }

    #[test]
    fn a_given_file_stands_for_the_report_file_it_ends_like() {
        let report =
            ["/home/ci/work/app/src/lib.rs", "/home/ci/work/app/src/util/mod.rs", "/home/ci/work/app/a/mod.rs"];
        // (given, the report file each stands for, the given files left over)
        type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: [Case; 5] = [
            // By their names alone, where a name is the report's only one.
            (&["lib.rs", "README.md"], &[("/home/ci/work/app/src/lib.rs", "lib.rs")], &["README.md"]),
            // By a longer ending where names repeat.
            (
                &["app/src/util/mod.rs", "app/a/mod.rs"],
                &[
                    ("/home/ci/work/app/a/mod.rs", "app/a/mod.rs"),
                    ("/home/ci/work/app/src/util/mod.rs", "app/src/util/mod.rs"),
                ],
                &[],
            ),
            // A bare name two report files share stands for neither.
            (&["mod.rs"], &[], &["mod.rs"]),
            // A folder and a name stand for the file wherever it was measured.
            (
                &["app/src/util/mod.rs", "ci/2/app/a/mod.rs"],
                &[
                    ("/home/ci/work/app/a/mod.rs", "ci/2/app/a/mod.rs"),
                    ("/home/ci/work/app/src/util/mod.rs", "app/src/util/mod.rs"),
                ],
                &[],
            ),
            // A Windows path given, and `./` segments.
            (
                &[r"C:\checkout\src\lib.rs", "./x/../src/util/mod.rs"],
                &[
                    ("/home/ci/work/app/src/lib.rs", "C:/checkout/src/lib.rs"),
                    ("/home/ci/work/app/src/util/mod.rs", "src/util/mod.rs"),
                ],
                &[],
            ),
        ];
        for (files, expected, left) in cases {
            let sources = Sources::matched(given(files), report);
            let mut got: Vec<(&str, &str)> =
                report.iter().filter_map(|p| sources.get(p).map(|(s, _)| (*p, s.path.as_str()))).collect();
            crate::model::sort(&mut got);
            assert_eq!(got, expected, "{files:?}");
            assert_eq!(sources.unmatched(), left, "{files:?}");
            assert_eq!(sources.n_matched(), expected.len());
        }
    }

    #[test]
    fn one_file_stands_for_itself_measured_in_two_checkouts() {
        let report = ["/ci/1/src/lib.rs", "/ci/2/src/lib.rs"];
        let sources = Sources::matched(given(&["repo/src/lib.rs"]), report);
        assert_eq!(sources.n_matched(), 2);
        assert!(sources.unmatched().is_empty());
    }

    #[test]
    fn a_file_named_alike_in_two_moments_of_a_project_is_one_file() {
        // A baseline and a current report both name `shapes.py`: the source given is its own.
        let sources = Sources::matched(given(&["shapes.py"]), ["shapes.py", "test.py", "shapes.py"]);
        assert_eq!(sources.get("shapes.py").map(|(s, _)| s.path.as_str()), Some("shapes.py"));
        assert!(sources.unmatched().is_empty());
    }

    #[test]
    fn binary_files_are_not_sources() {
        assert!(SourceFile::of_bytes("logo.png".into(), b"\x89PNG\r\n\x1a\n\0\0").is_none());
        let text = SourceFile::of_bytes("a.py".into(), b"x = 1\n\xff\n").map(|f| f.text.to_string());
        assert_eq!(text.as_deref(), Some("x = 1\n\u{fffd}\n"));
        assert_eq!(common_ending("a/b/c.rs", "b/c.rs"), 2);
        assert_eq!(common_ending("a/b/c.rs", "d/c.rs"), 1);
    }
}
