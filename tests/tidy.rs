//! Invariants of the source tree that no compiler checks (see ARCHITECTURE.md).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod common;

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    covdash::model::sort(&mut out);
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(common::root()).unwrap_or(path).display().to_string()
}

/// Every Rust file of the workspace: the crates' and the command line's. (That the core names
/// no browser or UI type is kept by the compiler: `crates/core` has no such dependency.)
fn workspace_files() -> Vec<PathBuf> {
    let mut files = rust_files(&common::root().join("crates"));
    files.extend(rust_files(&common::root().join("src")));
    files
}

#[test]
fn every_module_starts_with_a_doc_comment() {
    let missing: Vec<String> = workspace_files()
        .into_iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap().starts_with("//!"))
        .map(|f| relative(&f))
        .collect();
    assert!(missing.is_empty(), "modules without a `//!` first line:\n{}", missing.join("\n"));
}

#[test]
fn user_data_is_never_rendered_as_html() {
    let raw_html = ["inner_html", "from_html_unchecked", "set_inner_html", "dangerously"];
    let mut offences = Vec::new();
    for file in workspace_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in raw_html {
            if text.contains(word) {
                offences.push(format!("{}: {word}", relative(&file)));
            }
        }
    }
    assert!(offences.is_empty(), "raw HTML APIs in the workspace:\n{}", offences.join("\n"));
}

#[test]
fn no_test_is_ignored_or_expected_to_panic() {
    let mut files = workspace_files();
    files.extend(rust_files(&common::root().join("tests")));
    // Spelled in two halves so that this file does not match itself.
    let markers = [concat!("#[ig", "nore"), concat!("#[should", "_panic")];
    let offences: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            markers.iter().any(|m| text.contains(m))
        })
        .map(|f| relative(f))
        .collect();
    assert!(offences.is_empty(), "assert on the error instead:\n{}", offences.join("\n"));
}

#[test]
fn the_parsers_do_not_unwrap() {
    // A panic kills the whole widget: input-driven code returns errors instead.
    let mut offences = Vec::new();
    // The containers a file may come in are read from the same untrusted bytes.
    let mut files = rust_files(&common::root().join("crates/core/src/formats"));
    files.push(common::root().join("crates/core/src/packed.rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (idx, line) in code.lines().enumerate() {
            if line.contains(".unwrap()") || line.contains(".expect(") {
                offences.push(format!("{}:{}", relative(&file), idx + 1));
            }
        }
    }
    assert!(offences.is_empty(), "unwrap/expect in parser code:\n{}", offences.join("\n"));
}

#[test]
fn the_embedding_element_observes_every_setting() {
    // `<coverage-dashboard>` must list its attributes before the WebAssembly is loaded, so the
    // script names the settings itself; they are the table's.
    let script = std::fs::read_to_string(common::root().join("embed/covdash-embed.js")).unwrap();
    let list = script.split("const SETTINGS = [").nth(1).and_then(|rest| rest.split(']').next()).unwrap();
    let named: Vec<&str> = list.split(',').map(|name| name.trim().trim_matches('\'')).collect();
    let keys: Vec<&str> = covdash::present::Key::ALL.iter().map(|k| k.id()).collect();
    assert_eq!(named, keys);
}

#[test]
fn sizes_are_in_covdash_rem() {
    // A rem is the root's font size, which in a widget is the portal's: every size is
    // `var(--covdash-rem)` (styles/tokens.css, where it is defined as the page's rem), but in a
    // media query, where a rem is the browser's default font size whatever the root says.
    // (`e2e/layout.test.mjs` compares a widget's boxes on portals at 10, 16 and 30 px; this
    // names the line.)
    let mut offences = Vec::new();
    for name in ["tokens.css", "base.css", "components.css"] {
        let text = std::fs::read_to_string(common::root().join("styles").join(name)).unwrap();
        for (number, code) in without_comments(&text).lines().enumerate() {
            let bytes = code.as_bytes();
            let in_rem = code.match_indices("rem").any(|(at, _)| {
                let after = bytes.get(at + 3).copied();
                at > 0
                    && bytes[at - 1].is_ascii_digit()
                    && !after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
            let allowed = ["@media", "--covdash-rem:"].iter().any(|start| code.trim_start().starts_with(start));
            if in_rem && !allowed {
                offences.push(format!("styles/{name}:{}: {}", number + 1, code.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "sizes in rem, not var(--covdash-rem):\n{}", offences.join("\n"));
}

#[test]
fn the_dark_palette_is_the_same_chosen_or_from_the_system() {
    // CSS cannot join a media query and a selector in one rule: the dark palette is written
    // once for a system that asks for dark and once for a person who chose it. Both must say
    // the same, or the two darks drift apart.
    let css = without_comments(&std::fs::read_to_string(common::root().join("styles/tokens.css")).unwrap());
    let declarations = |after: &str| -> Vec<String> {
        let start = css.find(after).unwrap_or_else(|| panic!("styles/tokens.css has no {after}"));
        let rule = &css[start..];
        let body = &rule[rule.find('{').unwrap() + 1..rule.find('}').unwrap()];
        body.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
    };
    let from_the_system = declarations(":root:not([data-theme=\"light\"])");
    let chosen = declarations(":root[data-theme=\"dark\"]");
    assert!(from_the_system.len() > 30, "{from_the_system:?}");
    let differ: Vec<String> =
        from_the_system.iter().zip(&chosen).filter(|(a, b)| a != b).map(|(a, b)| format!("{a}  ~  {b}")).collect();
    assert!(
        differ.is_empty() && from_the_system.len() == chosen.len(),
        "the system's dark and the chosen dark differ:\n{}",
        differ.join("\n")
    );
}

/// `css` with its comments taken out, their line breaks kept, so that lines keep their numbers.
fn without_comments(css: &str) -> String {
    let mut code = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        code.push_str(&rest[..start]);
        let end = rest[start..].find("*/").map_or(rest.len(), |at| start + at + 2);
        code.extend(rest[start..end].chars().filter(|&c| c == '\n'));
        rest = &rest[end..];
    }
    code.push_str(rest);
    code
}

/// How ARCHITECTURE.md may name a module: by its file (`sessions.rs`), as a folder (`report/`)
/// or in backquotes (`` `escape` ``); a component or hook also by what it defines
/// (`PackageList` for `package_list.rs`, `use_css_vars`).
fn names_of(file: &Path) -> Vec<String> {
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let mut names = vec![format!("{stem}.rs"), format!("{stem}/"), format!("`{stem}`")];
    if file.parent().is_some_and(|dir| dir.ends_with("components") || dir.ends_with("hooks")) {
        let type_name: String = stem.split('_').map(|word| word[..1].to_ascii_uppercase() + &word[1..]).collect();
        names.push(format!("`{type_name}`"));
        names.push(stem);
    }
    names
}

#[test]
fn every_module_is_in_the_code_map() {
    let map = std::fs::read_to_string(common::root().join("ARCHITECTURE.md")).unwrap();
    let missing: Vec<String> = workspace_files()
        .into_iter()
        .filter(|f| !f.ends_with("lib.rs") && !f.ends_with("main.rs"))
        .filter(|f| !names_of(f).iter().any(|name| map.contains(name.as_str())))
        .map(|f| relative(&f))
        .collect();
    assert!(missing.is_empty(), "modules ARCHITECTURE.md's code map does not name:\n{}", missing.join("\n"));
}
