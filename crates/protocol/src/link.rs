//! The URL fragment that makes a copied link reproduce the view (`#target=85&strategy=effect`,
//! and the file and line opened), and the page's query. The data itself is never put in the
//! link. Each setting is read and written through [`Key`].

use crate::key::Key;
use crate::overrides::Overrides;
/// A ref as offered in the ref switch of a history with several.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RefChoice {
    /// As the history names it (the setting's value).
    pub name: String,
    /// As shown.
    pub label: String,
    pub n_snapshots: usize,
    pub selected: bool,
}

/// The fragment for `overrides` (without `#`); empty when nothing is changed.
pub fn fragment(overrides: &Overrides) -> String {
    Key::ALL
        .into_iter()
        .filter_map(|key| Some(format!("{}={}", key.id(), encode(&key.text(overrides)?))))
        .collect::<Vec<_>>()
        .join("&")
}

/// A place in the data a link opens: a file, by the report's path, and a line of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: Option<u32>,
}

/// The fragment for `overrides` and, after them, `place` (`…&file=src/a.rs&line=12`).
pub fn fragment_with(overrides: &Overrides, place: Option<&Place>) -> String {
    let mut text = fragment(overrides);
    if let Some(place) = place {
        let mut pairs = vec![format!("file={}", encode(&place.file))];
        pairs.extend(place.line.map(|line| format!("line={line}")));
        for pair in pairs {
            if !text.is_empty() {
                text.push('&');
            }
            text.push_str(&pair);
        }
    }
    text
}

/// The place a fragment opens (`file=…&line=…`), if it names one.
fn place_of(fragment: &str) -> Option<Place> {
    let (mut file, mut line) = (None, None);
    for pair in fragment.trim_start_matches('#').split('&') {
        match pair.split_once('=') {
            Some(("file", value)) => file = Some(decode(value)).filter(|f| !f.is_empty()),
            Some(("line", value)) => line = value.parse::<u32>().ok().filter(|&l| l > 0),
            _ => {}
        }
    }
    Some(Place { file: file?, line })
}

/// Reads a fragment (with or without `#`); what cannot be read is left out and explained.
/// The place it opens, if any, is read apart ([`Link::place`]).
pub fn parse_fragment(fragment: &str) -> (Overrides, Vec<String>) {
    let mut overrides = Overrides::default();
    let mut problems = Vec::new();
    for pair in fragment.trim_start_matches('#').split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        if matches!(key, "file" | "line") {
            continue;
        }
        let result = match Key::from_id(key) {
            Some(known) => known.set(&mut overrides, &decode(raw)),
            None => Err("unknown setting".to_owned()),
        };
        if let Err(problem) = result {
            problems.push(format!("link setting {key:?}: {problem}"));
        }
    }
    (overrides, problems)
}

/// What a page address says: settings from its query (`?target=85&compact`, as an iframe or an
/// embedding page writes them) overlaid by those of its fragment (what the page itself
/// writes), whether to lay out compactly, and what could not be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    pub overrides: Overrides,
    /// No file picker, drop zone, toolbar or settings: the dashboard alone, for an iframe.
    pub compact: bool,
    /// The query's `src`: a coverage file to fetch.
    pub src: Option<String>,
    /// The file (and line) the fragment opens.
    pub place: Option<Place>,
    pub problems: Vec<String>,
}

/// Reads `query` (with or without `?`) and `fragment` (with or without `#`).
pub fn parse_link(query: &str, fragment: &str) -> Link {
    let mut compact = false;
    let mut src = None;
    let settings: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
            match key {
                "" => false,
                "src" => {
                    src = pair.split_once('=').map(|(_, v)| decode(v)).filter(|v| !v.trim().is_empty());
                    false
                }
                "compact" => {
                    compact = !matches!(pair.split_once('=').map(|(_, v)| v), Some("0" | "false"));
                    false
                }
                _ => true,
            }
        })
        .collect();
    let (from_query, mut problems) = parse_fragment(&settings.join("&"));
    let (from_fragment, fragment_problems) = parse_fragment(fragment);
    problems.extend(fragment_problems);
    let overrides = from_fragment.over(from_query);
    Link { overrides, compact, src, place: place_of(fragment), problems }
}

/// Percent-encodes all but unreserved characters and a few that read well in a fragment.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'*' | b'/' | b',' | b':' | b'=' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::Theme;
    use crate::settings::Strategy;
    use crate::settings_text::*;
    use crate::vocab::{Metric, Percent};

    #[test]
    fn a_fragment_reads_back_to_the_same_overrides() {
        let overrides = Overrides {
            target: Percent::new(85.0),
            goal: Percent::new(92.5),
            tiers: Some(parse_tiers("Top=90, Mid & more=60, Low=0").unwrap()),
            groups: Some(parse_groups("Core SDK=sdk/**, lib/core\nStorage=**/storage").unwrap()),
            wins: Some(parse_wins("huge=10, small=0").unwrap()),
            strategy: Some(Strategy::LargestEffect),
            theme: Theme::Dark,
            metric: Some(Metric::Branches),
            git_ref: Some("release/2.x".to_owned()),
            source: Some("https://raw.example/app/{commit}/{path}".to_owned()),
            source_strip: Some("/home/ci/app/".to_owned()),
            exclude: Some(vec!["test/**".to_owned(), "**/*.config.*".to_owned()]),
            include: Some(Vec::new()),
        };
        let text = fragment(&overrides);
        assert_eq!(
            text,
            "target=85&goal=92.5&tiers=Top=90,+Mid+%26+more=60,+Low=0&groups=Core+SDK=sdk/**,+lib/core%3BStorage=**/storage\
             &wins=huge=10,+small=0&strategy=effect&theme=dark&metric=branches&ref=release/2.x\
             &source=https://raw.example/app/%7Bcommit%7D/%7Bpath%7D&source-strip=/home/ci/app/\
             &exclude=test/**,+**/*.config.*&include="
        );
        assert_eq!(parse_fragment(&format!("#{text}")), (overrides, vec![]));
        assert_eq!(fragment(&Overrides::default()), "");
    }

    #[test]
    fn every_key_reads_back_what_it_writes() {
        // (key, as typed, as the link writes it back)
        let cases = [
            (Key::Target, "85%", "85"),
            (Key::Goal, " 92.5 ", "92.5"),
            (Key::Tiers, "Top=90,Low=0", "Top=90, Low=0"),
            (Key::Groups, "A=a/**\nB=b, c", "A=a/**;B=b, c"),
            (Key::Wins, "big=5,small=0", "big=5, small=0"),
            (Key::Strategy, "effect", "effect"),
            (Key::Theme, "dark", "dark"),
            (Key::Metric, "branches", "branches"),
            (Key::Ref, " main ", "main"),
            (Key::Source, " /src/{path} ", "/src/{path}"),
            (Key::SourceStrip, "/home/ci/", "/home/ci/"),
            (Key::Exclude, "test/**\n **/*.config.*,", "test/**, **/*.config.*"),
            (Key::Include, "src/**", "src/**"),
        ];
        assert_eq!(cases.map(|(key, ..)| key), Key::ALL, "a case per key");
        for (key, typed, written) in cases {
            assert_eq!(Key::from_id(key.id()), Some(key));
            assert_eq!(key.text(&Overrides::default()), None, "{key:?} unchanged by default");
            let mut overrides = Overrides::default();
            key.set(&mut overrides, typed).unwrap();
            assert_eq!(key.text(&overrides).as_deref(), Some(written), "{key:?}");
            // Over nothing, a change stays; under nothing, too.
            assert_eq!(overrides.clone().over(Overrides::default()), overrides, "{key:?}");
            assert_eq!(Overrides::default().over(overrides.clone()), overrides, "{key:?}");
        }
        // An embedding's `auto` is the system's theme.
        assert_eq!(Theme::from_id("auto"), Some(Theme::System));
    }

    #[test]
    fn a_query_gives_settings_the_fragment_can_change() {
        let link = parse_link("?src=https%3A%2F%2Fx%2Fc.info&target=85&theme=dark&compact", "#target=90");
        assert_eq!(link.overrides.target, Percent::new(90.0));
        assert_eq!(link.overrides.theme, Theme::Dark);
        assert!(link.compact);
        assert_eq!(link.src.as_deref(), Some("https://x/c.info"));
        assert_eq!(link.place, None);
        assert!(link.problems.is_empty());
        assert!(!parse_link("compact=0", "").compact);
        assert_eq!(
            parse_link("?goal=x", "").problems,
            ["link setting \"goal\": \"x\" is not a percentage from 0 to 100"]
        );
    }

    #[test]
    fn a_link_opens_a_file_at_a_line() {
        let place = Place { file: "src/a b&c.rs".to_owned(), line: Some(12) };
        let overrides = Overrides { target: Percent::new(85.0), ..Overrides::default() };
        let text = fragment_with(&overrides, Some(&place));
        assert_eq!(text, "target=85&file=src/a+b%26c.rs&line=12");
        let link = parse_link("", &text);
        assert_eq!((link.place, link.overrides, link.problems), (Some(place), overrides, vec![]));
        // A line without a file opens nothing; a line that is no line number is left out.
        assert_eq!(parse_link("", "#line=3").place, None);
        assert_eq!(parse_link("", "#file=x.go&line=0").place, Some(Place { file: "x.go".into(), line: None }));
        assert_eq!(fragment_with(&Overrides::default(), Some(&Place { file: "x".into(), line: None })), "file=x");
    }

    #[test]
    fn bad_settings_in_a_link_are_explained_and_left_out() {
        let (overrides, problems) = parse_fragment("#target=120&strategy=fast&tiers=A=50&colour=red&goal=90%25");
        assert_eq!(overrides, Overrides { goal: Percent::new(90.0), ..Overrides::default() });
        assert_eq!(
            problems,
            [
                "link setting \"target\": \"120\" is not a percentage from 0 to 100",
                "link setting \"strategy\": \"fast\" is not a strategy (closest, effect)",
                "link setting \"tiers\": the lowest tier (\"A\") must start at 0 so that every package has a tier",
                "link setting \"colour\": unknown setting",
            ]
        );
        assert_eq!(decode("%zz%4"), "%zz%4");
    }
}
