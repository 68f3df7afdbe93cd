//! Telling formats apart by their content.
//!
//! Only a bounded prefix is ever looked at, so sniffing a 2 GB single-line file costs the same
//! as sniffing a small one.

use std::fmt;

use super::{ErrorKind, ParseError};

/// The formats covdash reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// covdash's own JSON (`docs/format.md`): snapshots, settings and test figures.
    CovdashJson,
    /// An LCOV tracefile (`TN:`, `SF:`, `DA:` … `end_of_record`).
    Lcov,
    /// Cobertura XML (`<coverage>` with `<packages>`), as many tools write it.
    Cobertura,
    /// A Go coverage profile (`go test -coverprofile`: `mode: set|count|atomic`, then blocks).
    GoProfile,
    /// The text `go test -cover` prints (`ok  \t<pkg>\t0.01s\tcoverage: 58.3% of statements`).
    GoTestText,
    /// `go test -json` events, one JSON object a line.
    GoTestJson,
    /// A JUnit XML test report (`<testsuites>` or `<testsuite>`): test outcomes, no coverage.
    JUnit,
    /// Istanbul's `coverage-final.json` (nyc, c8, Jest, Vitest): `statementMap`, `s`, `fnMap`…
    Istanbul,
    /// Istanbul's `coverage-summary.json`: `total` and per-file `{total, covered, pct}` figures.
    IstanbulSummary,
    /// coverage.py's `coverage json`: `meta`, `files`, `totals`.
    CoveragePy,
    /// `llvm-cov export` JSON (clang, cargo-llvm-cov): `data[].files[].summary`.
    LlvmCov,
    /// cargo-tarpaulin's `tarpaulin-report.json`: `files[].traces`.
    Tarpaulin,
    /// JaCoCo XML (`<report>`, counters per source file).
    JaCoCo,
    /// Clover XML (`<coverage>` with a `<project>`).
    Clover,
    /// SonarQube's generic coverage XML (`<coverage version="1">` with `<file>`s).
    SonarQube,
}

impl Format {
    pub const ALL: [Format; 15] = [
        Format::CovdashJson,
        Format::Lcov,
        Format::Cobertura,
        Format::GoProfile,
        Format::GoTestText,
        Format::GoTestJson,
        Format::JUnit,
        Format::Istanbul,
        Format::IstanbulSummary,
        Format::CoveragePy,
        Format::LlvmCov,
        Format::Tarpaulin,
        Format::JaCoCo,
        Format::Clover,
        Format::SonarQube,
    ];

    /// A short machine name, as printed by the CLI's `--json`.
    pub fn id(self) -> &'static str {
        match self {
            Format::CovdashJson => "covdash-json",
            Format::Lcov => "lcov",
            Format::Cobertura => "cobertura",
            Format::GoProfile => "go-coverprofile",
            Format::GoTestText => "go-test",
            Format::GoTestJson => "go-test-json",
            Format::JUnit => "junit",
            Format::Istanbul => "istanbul",
            Format::IstanbulSummary => "istanbul-summary",
            Format::CoveragePy => "coverage-py",
            Format::LlvmCov => "llvm-cov",
            Format::Tarpaulin => "tarpaulin",
            Format::JaCoCo => "jacoco",
            Format::Clover => "clover",
            Format::SonarQube => "sonarqube",
        }
    }

    /// The name a person knows the format by.
    pub fn name(self) -> &'static str {
        match self {
            Format::CovdashJson => "covdash JSON",
            Format::Lcov => "LCOV",
            Format::Cobertura => "Cobertura XML",
            Format::GoProfile => "Go coverage profile",
            Format::GoTestText => "go test output",
            Format::GoTestJson => "go test -json output",
            Format::JUnit => "JUnit XML",
            Format::Istanbul => "Istanbul JSON",
            Format::IstanbulSummary => "Istanbul summary JSON",
            Format::CoveragePy => "coverage.py JSON",
            Format::LlvmCov => "llvm-cov export JSON",
            Format::Tarpaulin => "tarpaulin JSON",
            Format::JaCoCo => "JaCoCo XML",
            Format::Clover => "Clover XML",
            Format::SonarQube => "SonarQube generic coverage XML",
        }
    }

    pub(crate) fn accepted_list() -> String {
        Format::ALL.map(Format::name).join(", ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How many bytes sniffing looks at, at most.
const SNIFF_LIMIT: usize = 4096;

pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Detects the format of `bytes` from their content.
pub fn detect(bytes: &[u8]) -> Result<Format, ParseError> {
    if is_utf16(bytes) {
        return Err(ParseError::new(ErrorKind::Utf16, None));
    }
    let bytes = strip_bom(bytes);
    let head = &bytes[..bytes.len().min(SNIFF_LIMIT)];
    let Some(start) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(if bytes.len() > SNIFF_LIMIT {
            unknown("a file that starts with more than 4 KB of white space")
        } else {
            ParseError::new(ErrorKind::Empty, None)
        });
    };
    let head = &head[start..];
    match head[0] {
        b'{' if is_go_test_json(head) => Ok(Format::GoTestJson),
        // gcovr writes its own JSON first of all; its other reports are formats covdash reads.
        b'{' if memchr::memmem::find(head, b"\"gcovr/format_version\"").is_some() => Err(unknown(
            "gcovr's JSON report (gcovr writes the same run as LCOV with --lcov, Cobertura with --cobertura)",
        )),
        b'{' => Ok(json_format(head)),
        b'<' if let Some(format) = xml_format(head) => Ok(format),
        _ if head.starts_with(b"mode:") => Ok(Format::GoProfile),
        _ if is_lcov(head) => Ok(Format::Lcov),
        _ if is_go_test_text(head) => Ok(Format::GoTestText),
        // Read beside coverage, never as coverage (`formats::parse_diff`).
        _ if super::diff::is_diff(head) => Err(unknown("a diff (a change, read beside a coverage file)")),
        _ if let Some(how) = crate::packed::compression_not_read(head) => {
            Err(ParseError::new(ErrorKind::Compressed { how }, None))
        }
        _ => Err(unknown(&describe(head))),
    }
}

/// Which XML format a document is, from its root element (found once): `<coverage>` is
/// Clover's when a `<project>` follows, SonarQube's when a `<file>` does, Cobertura's otherwise; `<report>` is JaCoCo's when its
/// DTD or elements say so (gcovr names the DTD by its address).
fn xml_format(head: &[u8]) -> Option<Format> {
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    match xml_root(head)?.as_str() {
        "coverage" if has(b"<project") => Some(Format::Clover),
        // Cobertura has no `<file>` element; SonarQube's format has nothing else.
        "coverage" if has(b"<file") => Some(Format::SonarQube),
        "coverage" => Some(Format::Cobertura),
        "report"
            if [&b"JACOCO"[..], b"jacoco", b"<sessioninfo", b"<package", b"<group", b"<counter"]
                .iter()
                .any(|needle| has(needle)) =>
        {
            Some(Format::JaCoCo)
        }
        "testsuites" | "testsuite" => Some(Format::JUnit),
        _ => None,
    }
}

/// Which JSON coverage format a document is, from keys in its first 4 KB (a key may sit
/// beyond, after a large value: each format is told by keys its writer puts first).
fn json_format(head: &[u8]) -> Format {
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if has(b"\"statementMap\"") {
        Format::Istanbul
    } else if has(b"llvm.coverage.json.export") || (key_then(head, b"data", b'[') && has(b"\"filename\"")) {
        Format::LlvmCov
    } else if key_then(head, b"meta", b'{') && (has(b"\"show_contexts\"") || has(b"\"branch_coverage\"")) {
        Format::CoveragePy
    } else if key_then(head, b"files", b'[') && key_then(head, b"path", b'[') {
        Format::Tarpaulin
    } else if key_then(head, b"total", b'{') && has(b"\"pct\"") {
        Format::IstanbulSummary
    } else {
        Format::CovdashJson
    }
}

/// Whether `"key"` appears followed (after `:` and white space) by the byte `next`.
fn key_then(head: &[u8], key: &[u8], next: u8) -> bool {
    let mut quoted = Vec::with_capacity(key.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(key);
    quoted.push(b'"');
    memchr::memmem::find_iter(head, &quoted).any(|at| {
        let mut rest = head[at + quoted.len()..].iter().copied().filter(|b| !b.is_ascii_whitespace());
        rest.next() == Some(b':') && rest.next() == Some(next)
    })
}

/// UTF-16 text: its byte order mark, or (without one) ASCII text with every other byte NUL.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    let (even, odd) = head.chunks_exact(2).fold((0, 0), |(e, o), pair| {
        (e + usize::from(pair[0] == 0 && pair[1] != 0), o + usize::from(pair[1] == 0 && pair[0] != 0))
    });
    let pairs = head.len() / 2;
    pairs >= 4 && (even == pairs || odd == pairs)
}

/// The first line is a test2json event: it has an `"Action"` key.
fn is_go_test_json(head: &[u8]) -> bool {
    let first = head.split(|&b| b == b'\n').next().unwrap_or(head);
    memchr::memmem::find(first, b"\"Action\":").is_some()
}

/// One of the first lines is a package result or a coverage line of `go test`.
fn is_go_test_text(head: &[u8]) -> bool {
    head.split(|&b| b == b'\n').any(|line| {
        let line = line.trim_ascii_end();
        ["ok  \t", "?   \t", "FAIL\t", "coverage: "].iter().any(|p| line.starts_with(p.as_bytes()))
            || (line.starts_with(b"\t") && memchr::memmem::find(line, b"\tcoverage: ").is_some())
    })
}

/// The first line that is not a `#` comment is an LCOV record.
fn is_lcov(head: &[u8]) -> bool {
    let first =
        head.split(|&b| b == b'\n').map(<[u8]>::trim_ascii).find(|line| !line.is_empty() && !line.starts_with(b"#"));
    const TAGS: [&str; 16] = [
        "TN:",
        "SF:",
        "VER:",
        "FN:",
        "FNDA:",
        "FNL:",
        "FNA:",
        "FNF:",
        "FNH:",
        "BRDA:",
        "BRF:",
        "BRH:",
        "DA:",
        "LF:",
        "LH:",
        "end_of_record",
    ];
    first.is_some_and(|line| TAGS.iter().any(|tag| line.starts_with(tag.as_bytes())))
}

fn unknown(looks_like: &str) -> ParseError {
    ParseError::new(ErrorKind::UnknownFormat { looks_like: looks_like.to_owned() }, None)
}

/// A description of content no parser claimed, for the error message.
fn describe(head: &[u8]) -> String {
    if let Some(packed) = crate::packed::describe(head) {
        return packed.to_owned();
    }
    if head.contains(&0) {
        return "binary data".to_owned();
    }
    if head[0] == b'[' {
        return "a JSON array".to_owned();
    }
    if head[0] == b'<' {
        return match xml_root(head) {
            Some(root) => format!("XML with a <{root}> root element"),
            None => "XML or HTML".to_owned(),
        };
    }
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let shown: String = String::from_utf8_lossy(first_line).trim().chars().take(40).collect();
    format!("text starting with {shown:?}")
}

/// The name of the first element that is not a declaration, comment or processing instruction.
fn xml_root(head: &[u8]) -> Option<String> {
    let mut rest = head;
    loop {
        let open = memchr::memchr(b'<', rest)?;
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix(b"!--") {
            // A comment may hold markup of its own: skip to its end.
            let end = memchr::memmem::find(comment, b"-->")?;
            rest = &comment[end + 3..];
            continue;
        }
        match rest.first()? {
            b'?' | b'!' => continue,
            _ => {
                let len = rest.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))?;
                return Some(String::from_utf8_lossy(&rest[..len]).into_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &[u8], expected: Result<Format, &str>) {
        let actual = detect(input).map_err(|e| e.to_string());
        assert_eq!(actual.as_ref().copied().map_err(String::as_str), expected, "{:?}", String::from_utf8_lossy(input));
    }

    #[test]
    fn detects_by_content() {
        check(b"\xEF\xBB\xBF  \r\n{\"snapshots\": []}", Ok(Format::CovdashJson));
        check(b"", Err("the file is empty"));
        check(b" \n\t ", Err("the file is empty"));
        check(
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE report>\n<report name=\"x\">",
            Err("this looks like XML with a <report> root element, which is not a coverage format covdash reads (accepted: covdash JSON, LCOV, Cobertura XML, Go coverage profile, go test output, go test -json output, JUnit XML, Istanbul JSON, Istanbul summary JSON, coverage.py JSON, llvm-cov export JSON, tarpaulin JSON, JaCoCo XML, Clover XML, SonarQube generic coverage XML)"),
        );
        check(b"# comment\n\nTN:\nSF:a.c\n", Ok(Format::Lcov));
        // The JSON formats, each by the keys its writer puts first.
        check(b"{\"a.js\": {\"path\": \"a.js\", \"statementMap\": {}}}", Ok(Format::Istanbul));
        check(b"{\"total\": {\"lines\": {\"total\": 1, \"covered\": 1, \"pct\": 100}}}", Ok(Format::IstanbulSummary));
        check(
            b"{\"meta\": {\"format\": 3, \"version\": \"7.17.3\", \"branch_coverage\": true}}",
            Ok(Format::CoveragePy),
        );
        check(b"{\"data\":[{\"files\":[{\"filename\":\"a.c\"}]}]}", Ok(Format::LlvmCov));
        check(b"{\"files\": [{\"path\": [\"/\", \"src\", \"lib.rs\"]}]}", Ok(Format::Tarpaulin));
        check(b"{\"files\": [], \"snapshots\": []}", Ok(Format::CovdashJson));
        check(
            b"{\"gcovr/format_version\": \"0.15\", \"files\": []}",
            Err("this looks like gcovr's JSON report (gcovr writes the same run as LCOV with --lcov, Cobertura with --cobertura), which is not a coverage format covdash reads (accepted: covdash JSON, LCOV, Cobertura XML, Go coverage profile, go test output, go test -json output, JUnit XML, Istanbul JSON, Istanbul summary JSON, coverage.py JSON, llvm-cov export JSON, tarpaulin JSON, JaCoCo XML, Clover XML, SonarQube generic coverage XML)"),
        );
        check(b"<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"r\">", Ok(Format::JaCoCo));
        check(b"<coverage generated=\"1\">\n  <project timestamp=\"1\">", Ok(Format::Clover));
        check(b"<coverage version=\"1\"><file path=\"a.c\"><lineToCover lineNumber=\"1\"", Ok(Format::SonarQube));
        check(b"<coverage version=\"1\" line-rate=\"1\"><sources/><packages>", Ok(Format::Cobertura));
        check(b"<?xml version=\"1.0\"?>\n<testsuites name=\"run\">", Ok(Format::JUnit));
        check(b"<testsuite tests=\"0\"/>", Ok(Format::JUnit));
        check(
            b"<?xml version=\"1.0\"?>\n<!-- <line number=\"0\"> -->\n<coverage line-rate=\"0\">",
            Ok(Format::Cobertura),
        );
        check(
            b"hello world\nsecond",
            Err("this looks like text starting with \"hello world\", which is not a coverage format covdash reads (accepted: covdash JSON, LCOV, Cobertura XML, Go coverage profile, go test output, go test -json output, JUnit XML, Istanbul JSON, Istanbul summary JSON, coverage.py JSON, llvm-cov export JSON, tarpaulin JSON, JaCoCo XML, Clover XML, SonarQube generic coverage XML)"),
        );
        check(
            b"[1, 2]",
            Err("this looks like a JSON array, which is not a coverage format covdash reads (accepted: covdash JSON, LCOV, Cobertura XML, Go coverage profile, go test output, go test -json output, JUnit XML, Istanbul JSON, Istanbul summary JSON, coverage.py JSON, llvm-cov export JSON, tarpaulin JSON, JaCoCo XML, Clover XML, SonarQube generic coverage XML)"),
        );
    }

    #[test]
    fn sniffing_reads_a_bounded_prefix() {
        let mut input = vec![b' '; 10_000];
        input.push(b'{');
        check(
            &input,
            Err("this looks like a file that starts with more than 4 KB of white space, which is not a coverage format covdash reads (accepted: covdash JSON, LCOV, Cobertura XML, Go coverage profile, go test output, go test -json output, JUnit XML, Istanbul JSON, Istanbul summary JSON, coverage.py JSON, llvm-cov export JSON, tarpaulin JSON, JaCoCo XML, Clover XML, SonarQube generic coverage XML)"),
        );
    }
}
