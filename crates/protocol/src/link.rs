//! Settings as text: the forms a person types (`Elite=90, Good=75, Low=0`), and the URL
//! fragment that makes a copied link reproduce the view (`#target=85&strategy=effect`). The
//! data itself is never put in the link.
//!
//! [`Key`] is the one table of the settings a person can change: the link, the page's query,
//! an embedding's attributes, the settings panel and the command line's flags all read and
//! write a setting through it, and [`Overrides::over`] is the one way two sets of changes
//! combine.

use crate::settings::{Group, Settings, SourceLink, Strategy, Tier, Tiers, WinScale};
use crate::vocab::{Metric, Percent};

/// `"80"` for a whole number, `"72.5"` otherwise.
fn number(value: f64) -> String {
    let text = format!("{value}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// A percentage as typed: `85`, `85%`, `72.5`.
pub fn parse_percent(text: &str) -> Result<Percent, String> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    trimmed
        .parse::<f64>()
        .ok()
        .and_then(Percent::new)
        .ok_or_else(|| format!("{text:?} is not a percentage from 0 to 100"))
}

/// `Elite=90, Excellent=85, Good=75, OK=70, Needs work=0`.
pub fn parse_tiers(text: &str) -> Result<Tiers, String> {
    let tiers = text
        .split(',')
        .filter(|item| !item.trim().is_empty())
        .map(|item| {
            let (name, min) = item.rsplit_once('=').ok_or_else(|| format!("{:?} is not NAME=MIN", item.trim()))?;
            if name.trim().is_empty() {
                return Err(format!("{:?} has no name", item.trim()));
            }
            Ok(Tier { name: name.trim().to_owned(), min: parse_percent(min)? })
        })
        .collect::<Result<Vec<Tier>, String>>()?;
    Tiers::new(tiers).map_err(|e| e.to_string())
}

pub fn tiers_text(tiers: &Tiers) -> String {
    tiers.as_slice().iter().map(|t| format!("{}={}", t.name, number(t.min.value()))).collect::<Vec<_>>().join(", ")
}

/// One group: `Core SDK=sdk/**, lib/core`.
pub fn parse_group(text: &str) -> Result<Group, String> {
    let (name, globs) = text.split_once('=').ok_or_else(|| format!("{:?} is not NAME=GLOB[, GLOB…]", text.trim()))?;
    let patterns: Vec<String> = globs.split(',').map(|g| g.trim().to_owned()).filter(|g| !g.is_empty()).collect();
    if name.trim().is_empty() || patterns.is_empty() {
        return Err(format!("{:?} needs a name and at least one pattern", text.trim()));
    }
    Ok(Group { name: name.trim().to_owned(), patterns })
}

/// Groups, one a line (or separated by `;`); empty text is "no groups" (derived ones).
pub fn parse_groups(text: &str) -> Result<Vec<Group>, String> {
    text.split(['\n', ';']).filter(|line| !line.trim().is_empty()).map(parse_group).collect()
}

pub fn groups_text(groups: &[Group]) -> String {
    groups.iter().map(|g| format!("{}={}", g.name, g.patterns.join(", "))).collect::<Vec<_>>().join("\n")
}

/// `massive=15, major=5, solid=2, small=0`.
pub fn parse_wins(text: &str) -> Result<WinScale, String> {
    let steps = text
        .split(',')
        .filter(|item| !item.trim().is_empty())
        .map(|item| {
            let (word, min) = item.rsplit_once('=').ok_or_else(|| format!("{:?} is not WORD=POINTS", item.trim()))?;
            let min: f64 = min.trim().parse().map_err(|_| format!("{:?} is not a number of points", min.trim()))?;
            Ok((min, word.trim().to_owned()))
        })
        .collect::<Result<Vec<(f64, String)>, String>>()?;
    WinScale::new(steps).ok_or_else(|| "the win words need thresholds of 0 or more, the smallest 0".to_owned())
}

pub fn wins_text(wins: &WinScale) -> String {
    wins.steps().iter().map(|(min, word)| format!("{word}={}", number(*min))).collect::<Vec<_>>().join(", ")
}

/// A metric as written in links and options: `lines`, `statements`, `branches`, `functions`.
pub fn parse_metric(text: &str) -> Result<Metric, String> {
    Metric::from_plural(text.trim())
        .ok_or_else(|| format!("{text:?} is not a metric (lines, statements, branches, functions)"))
}

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The page's `data-theme`: none when the system's colours are followed.
    pub fn attribute(self) -> Option<&'static str> {
        (self != Theme::System).then(|| self.id())
    }

    /// `system` (or `auto`, as an embedding's attribute may say), `light`, `dark`.
    pub fn from_id(id: &str) -> Option<Theme> {
        match id {
            "auto" => Some(Theme::System),
            _ => Theme::ALL.into_iter().find(|t| t.id() == id),
        }
    }
}

/// A setting a person can change, by the name the link, the embedding options and the
/// command line give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Target,
    Goal,
    Tiers,
    Groups,
    Wins,
    Strategy,
    Theme,
    Metric,
    /// The branch or tag whose snapshots a history shows.
    Ref,
    /// Where a file's source is fetched from: an address with `{path}` and `{commit}`.
    Source,
    /// A prefix of the report's paths taken off before `{path}` is filled.
    SourceStrip,
}

/// What a setting is called: [`NAMES`] has one per [`Key`], in the order of its variants.
struct Names {
    /// In a link, a query and an embedding's attributes.
    id: &'static str,
    /// Beside the control, and in a message about a value that cannot be used.
    label: &'static str,
}

const NAMES: [Names; 11] = [
    Names { id: "target", label: "Target per package (%)" },
    Names { id: "goal", label: "Overall goal (%)" },
    Names { id: "tiers", label: "Tiers (name=from %, …)" },
    Names { id: "groups", label: "Groups (name=glob, glob — one a line; empty: one per top directory)" },
    Names { id: "wins", label: "Win words (word=points, …)" },
    Names { id: "strategy", label: "Recommendations" },
    Names { id: "theme", label: "Theme" },
    Names { id: "metric", label: "Metric" },
    Names { id: "ref", label: "Branch" },
    Names { id: "source", label: "Source address, to fetch a file's source from ({path} and {commit} are filled in)" },
    Names { id: "source-strip", label: "Prefix of the report's paths to take off before {path}" },
];

/// A setting on the command line: [`FLAGS`] has one per [`Key`], in the order of its variants
/// (apart from [`NAMES`], so that the page's module carries none of it).
struct Flag {
    /// `None` for a setting only the page has: the theme, the source address (only the page
    /// fetches), the ref (`record`, `check` and `report --history` take `--ref` as the ref
    /// being built). `--group` is given once per group.
    flag: Option<&'static str>,
    syntax: &'static str,
    help: &'static str,
}

const FLAGS: [Flag; 11] = [
    Flag { flag: Some("target"), syntax: "PERCENT", help: "The coverage every package should reach (default 80)" },
    Flag { flag: Some("goal"), syntax: "PERCENT", help: "A further goal for the overall figure" },
    Flag { flag: Some("tiers"), syntax: "NAME=MIN,...", help: "The tiers, each from its minimum (the lowest from 0)" },
    Flag {
        flag: Some("group"),
        syntax: "NAME=GLOB[,GLOB...]",
        help: "A group of packages for readiness, by glob; given once per group",
    },
    Flag {
        flag: Some("wins"),
        syntax: "WORD=POINTS,...",
        help: "The words for a package's gain in points, each from its minimum",
    },
    Flag {
        flag: Some("strategy"),
        syntax: "closest|effect",
        help: "How recommendations are ranked: closest to the target, or largest effect",
    },
    Flag { flag: None, syntax: "system|light|dark", help: "The page's colours" },
    Flag {
        flag: Some("metric"),
        syntax: "lines|statements|branches|functions",
        help: "The metric to judge by (default: the one the format's tool headlines)",
    },
    Flag {
        flag: None,
        syntax: "NAME",
        help: "The branch or tag whose snapshots a history shows (default: main or master, else the busiest)",
    },
    Flag {
        flag: None,
        syntax: "URL with {path} and {commit}",
        help: "Where a file's source is fetched from when it was not given: {path} and {commit} are filled in",
    },
    Flag { flag: None, syntax: "PREFIX", help: "A prefix of the report's paths taken off before {path} is filled" },
];

impl Key {
    /// In the order a link writes them.
    pub const ALL: [Key; 11] = [
        Key::Target,
        Key::Goal,
        Key::Tiers,
        Key::Groups,
        Key::Wins,
        Key::Strategy,
        Key::Theme,
        Key::Metric,
        Key::Ref,
        Key::Source,
        Key::SourceStrip,
    ];

    /// What this setting is called, wherever it is given.
    fn names(self) -> &'static Names {
        &NAMES[self as usize]
    }

    /// This setting on the command line.
    fn command_line(self) -> &'static Flag {
        &FLAGS[self as usize]
    }

    /// The name in a link, a query and an embedding's attributes.
    pub fn id(self) -> &'static str {
        self.names().id
    }

    pub fn from_id(id: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The name a person reads beside the control (the settings panel's), and in a message
    /// about a value that cannot be used.
    pub fn label(self) -> &'static str {
        self.names().label
    }

    /// The command line's flag (`--group`, given once per group), or `None` for a setting
    /// only the page has.
    pub fn flag(self) -> Option<&'static str> {
        self.command_line().flag
    }

    /// How a value is written, for the command line's help.
    pub fn syntax(self) -> &'static str {
        self.command_line().syntax
    }

    /// What the setting does, in one line.
    pub fn help(self) -> &'static str {
        self.command_line().help
    }

    /// Sets this setting in `overrides` from `value` as typed, or says why it cannot.
    pub fn set(self, overrides: &mut Overrides, value: &str) -> Result<(), String> {
        match self {
            Key::Target => overrides.target = Some(parse_percent(value)?),
            Key::Goal => overrides.goal = Some(parse_percent(value)?),
            Key::Tiers => overrides.tiers = Some(parse_tiers(value)?),
            Key::Groups => overrides.groups = Some(parse_groups(value)?),
            Key::Wins => overrides.wins = Some(parse_wins(value)?),
            Key::Strategy => {
                overrides.strategy = Some(
                    Strategy::from_id(value.trim())
                        .ok_or_else(|| format!("{value:?} is not a strategy (closest, effect)"))?,
                )
            }
            Key::Theme => {
                overrides.theme = Theme::from_id(value.trim())
                    .ok_or_else(|| format!("{value:?} is not a theme (system or auto, light, dark)"))?
            }
            Key::Metric => overrides.metric = Some(parse_metric(value)?),
            Key::Ref => {
                let name = value.trim();
                if name.is_empty() || name.chars().any(char::is_control) {
                    return Err(format!("{value:?} is not a branch or tag name"));
                }
                overrides.git_ref = Some(name.to_owned());
            }
            Key::Source => {
                let template = value.trim();
                if !template.contains("{path}") || template.chars().any(char::is_control) {
                    return Err(format!("{value:?} is not an address with {{path}} in it"));
                }
                overrides.source = Some(template.to_owned());
            }
            Key::SourceStrip => {
                if value.chars().any(char::is_control) {
                    return Err(format!("{value:?} is not a path prefix"));
                }
                overrides.source_strip = Some(value.trim().to_owned());
            }
        }
        Ok(())
    }

    /// The setting's value in `overrides` as text, when it is changed there.
    pub fn text(self, overrides: &Overrides) -> Option<String> {
        match self {
            Key::Target => overrides.target.map(|p| number(p.value())),
            Key::Goal => overrides.goal.map(|p| number(p.value())),
            Key::Tiers => overrides.tiers.as_ref().map(tiers_text),
            Key::Groups => overrides.groups.as_deref().map(|g| groups_text(g).replace('\n', ";")),
            Key::Wins => overrides.wins.as_ref().map(wins_text),
            Key::Strategy => overrides.strategy.map(|s| s.id().to_owned()),
            Key::Theme => (overrides.theme != Theme::System).then(|| overrides.theme.id().to_owned()),
            Key::Metric => overrides.metric.map(|m| m.plural().to_owned()),
            Key::Ref => overrides.git_ref.clone(),
            Key::Source => overrides.source.clone(),
            Key::SourceStrip => overrides.source_strip.clone(),
        }
    }
}

/// What the person changed from the data's own settings. `None` keeps the data's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overrides {
    pub target: Option<Percent>,
    pub goal: Option<Percent>,
    pub tiers: Option<Tiers>,
    pub groups: Option<Vec<Group>>,
    pub wins: Option<WinScale>,
    pub strategy: Option<Strategy>,
    pub theme: Theme,
    /// The metric to judge by, when the data has it (the format's headline metric otherwise).
    pub metric: Option<Metric>,
    /// The ref whose snapshots a history shows, when it has them.
    pub git_ref: Option<String>,
    /// The source address template.
    pub source: Option<String>,
    /// The prefix of the report's paths to strip before filling the template.
    pub source_strip: Option<String>,
}

impl Overrides {
    /// Every setting of `settings` as a change: applied to the defaults, they give `settings`.
    pub fn of(settings: &Settings) -> Overrides {
        Overrides {
            target: Some(settings.target),
            goal: settings.goal,
            tiers: Some(settings.tiers.clone()),
            groups: Some(settings.groups.clone()),
            wins: Some(settings.wins.clone()),
            strategy: Some(settings.strategy),
            theme: Theme::System,
            metric: None,
            git_ref: None,
            source: settings.source.as_ref().map(|s| s.template.clone()),
            source_strip: settings.source.as_ref().and_then(|s| s.strip.clone()),
        }
    }

    /// These changes over `below`'s: each setting changed here wins, the rest are `below`'s.
    pub fn over(self, below: Overrides) -> Overrides {
        Overrides {
            target: self.target.or(below.target),
            goal: self.goal.or(below.goal),
            tiers: self.tiers.or(below.tiers),
            groups: self.groups.or(below.groups),
            wins: self.wins.or(below.wins),
            strategy: self.strategy.or(below.strategy),
            theme: if self.theme == Theme::System { below.theme } else { self.theme },
            metric: self.metric.or(below.metric),
            git_ref: self.git_ref.or(below.git_ref),
            source: self.source.or(below.source),
            source_strip: self.source_strip.or(below.source_strip),
        }
    }

    /// `base` with these changes.
    pub fn apply(&self, base: &Settings) -> Settings {
        let mut settings = base.clone();
        settings.target = self.target.unwrap_or(settings.target);
        settings.goal = self.goal.or(settings.goal);
        if let Some(tiers) = &self.tiers {
            settings.tiers = tiers.clone();
        }
        if let Some(groups) = &self.groups {
            settings.groups = groups.clone();
        }
        if let Some(wins) = &self.wins {
            settings.wins = wins.clone();
        }
        settings.strategy = self.strategy.unwrap_or(settings.strategy);
        if let Some(template) = &self.source {
            let strip = settings.source.as_ref().and_then(|s| s.strip.clone());
            settings.source = Some(SourceLink { template: template.clone(), strip });
        }
        if let (Some(link), Some(strip)) = (&mut settings.source, &self.source_strip) {
            link.strip = Some(strip.clone()).filter(|s| !s.is_empty());
        }
        settings
    }
}

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

/// Overrides travel between the page and the core as their settings text (the syntax of a
/// link's fragment, which both sides read already), read once when they arrive: a derived
/// encoding of every setting's type would add its own reader to the page's module.
impl serde::Serialize for Overrides {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&fragment(self))
    }
}

impl<'de> serde::Deserialize<'de> for Overrides {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Overrides, D::Error> {
        let text = String::deserialize(deserializer)?;
        let (overrides, problems) = parse_fragment(&text);
        match problems.into_iter().next() {
            None => Ok(overrides),
            Some(problem) => Err(serde::de::Error::custom(problem)),
        }
    }
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

    #[test]
    fn each_setting_has_its_own_names() {
        let expected = [
            (Key::Target, "target", Some("target")),
            (Key::Goal, "goal", Some("goal")),
            (Key::Tiers, "tiers", Some("tiers")),
            (Key::Groups, "groups", Some("group")),
            (Key::Wins, "wins", Some("wins")),
            (Key::Strategy, "strategy", Some("strategy")),
            (Key::Theme, "theme", None),
            (Key::Metric, "metric", Some("metric")),
            (Key::Ref, "ref", None),
            (Key::Source, "source", None),
            (Key::SourceStrip, "source-strip", None),
        ];
        assert_eq!(expected.map(|(key, ..)| key), Key::ALL);
        for (key, id, flag) in expected {
            assert_eq!((key.id(), key.flag(), Key::from_id(id)), (id, flag, Some(key)));
        }
        assert_eq!((Key::Metric.syntax(), Key::Theme.label()), ("lines|statements|branches|functions", "Theme"));
    }

    #[test]
    fn overrides_travel_as_their_settings_text_and_a_broken_one_is_refused_with_its_problem() {
        let overrides = Overrides {
            target: Percent::new(85.0),
            metric: Some(Metric::Branches),
            git_ref: Some("main & co".to_owned()),
            ..Overrides::default()
        };
        let json = serde_json::to_string(&overrides).unwrap_or_default();
        assert_eq!(json, r#""target=85&metric=branches&ref=main+%26+co""#);
        assert_eq!(serde_json::from_str::<Overrides>(&json).ok(), Some(overrides));
        let broken = serde_json::from_str::<Overrides>(r#""target=eighty""#).map_err(|e| e.to_string());
        assert!(broken.as_ref().is_err_and(|e| e.starts_with("link setting \"target\": ")), "{broken:?}");
    }

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
        };
        let text = fragment(&overrides);
        assert_eq!(
            text,
            "target=85&goal=92.5&tiers=Top=90,+Mid+%26+more=60,+Low=0&groups=Core+SDK=sdk/**,+lib/core%3BStorage=**/storage\
             &wins=huge=10,+small=0&strategy=effect&theme=dark&metric=branches&ref=release/2.x\
             &source=https://raw.example/app/%7Bcommit%7D/%7Bpath%7D&source-strip=/home/ci/app/"
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
