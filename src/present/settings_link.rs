//! Settings as text: the forms a person types (`Elite=90, Good=75, Low=0`), and the URL
//! fragment that makes a copied link reproduce the view (`#target=85&strategy=effect`). The
//! data itself is never put in the link.

use crate::model::{Group, Metric, Percent, Report, Settings, Strategy, Tier, Tiers, WinScale};

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

    pub fn from_id(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == id)
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
        settings
    }

    /// Judges `report` by the chosen metric, if the report has figures for it.
    pub fn apply_metric(&self, report: &mut Report) {
        if let Some(metric) = self.metric.filter(|m| report.recorded_metrics().contains(m)) {
            report.metric = metric;
        }
    }
}

/// The fragment for `overrides` (without `#`); empty when nothing is changed.
pub fn fragment(overrides: &Overrides) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(target) = overrides.target {
        pairs.push(("target", number(target.value())));
    }
    if let Some(goal) = overrides.goal {
        pairs.push(("goal", number(goal.value())));
    }
    if let Some(tiers) = &overrides.tiers {
        pairs.push(("tiers", tiers_text(tiers)));
    }
    if let Some(groups) = &overrides.groups {
        pairs.push(("groups", groups_text(groups).replace('\n', ";")));
    }
    if let Some(wins) = &overrides.wins {
        pairs.push(("wins", wins_text(wins)));
    }
    if let Some(strategy) = overrides.strategy {
        pairs.push(("strategy", strategy.id().to_owned()));
    }
    if overrides.theme != Theme::System {
        pairs.push(("theme", overrides.theme.id().to_owned()));
    }
    if let Some(metric) = overrides.metric {
        pairs.push(("metric", metric.plural().to_owned()));
    }
    pairs.iter().map(|(key, value)| format!("{key}={}", encode(value))).collect::<Vec<_>>().join("&")
}

/// Reads a fragment (with or without `#`); what cannot be read is left out and explained.
pub fn parse_fragment(fragment: &str) -> (Overrides, Vec<String>) {
    let mut overrides = Overrides::default();
    let mut problems = Vec::new();
    for pair in fragment.trim_start_matches('#').split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(raw);
        let result = match key {
            "target" => parse_percent(&value).map(|p| overrides.target = Some(p)),
            "goal" => parse_percent(&value).map(|p| overrides.goal = Some(p)),
            "tiers" => parse_tiers(&value).map(|t| overrides.tiers = Some(t)),
            "groups" => parse_groups(&value).map(|g| overrides.groups = Some(g)),
            "wins" => parse_wins(&value).map(|w| overrides.wins = Some(w)),
            "strategy" => Strategy::from_id(&value)
                .map(|s| overrides.strategy = Some(s))
                .ok_or_else(|| format!("{value:?} is not a strategy (closest, effect)")),
            "theme" => Theme::from_id(&value)
                .map(|t| overrides.theme = t)
                .ok_or_else(|| format!("{value:?} is not a theme (system, light, dark)")),
            "metric" => parse_metric(&value).map(|m| overrides.metric = Some(m)),
            _ => Err("unknown setting".to_owned()),
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
    let overrides = Overrides {
        target: from_fragment.target.or(from_query.target),
        goal: from_fragment.goal.or(from_query.goal),
        tiers: from_fragment.tiers.or(from_query.tiers),
        groups: from_fragment.groups.or(from_query.groups),
        wins: from_fragment.wins.or(from_query.wins),
        strategy: from_fragment.strategy.or(from_query.strategy),
        theme: if from_fragment.theme == Theme::System { from_query.theme } else { from_fragment.theme },
        metric: from_fragment.metric.or(from_query.metric),
    };
    Link { overrides, compact, src, problems }
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
        };
        let text = fragment(&overrides);
        assert_eq!(
            text,
            "target=85&goal=92.5&tiers=Top=90,+Mid+%26+more=60,+Low=0&groups=Core+SDK=sdk/**,+lib/core%3BStorage=**/storage\
             &wins=huge=10,+small=0&strategy=effect&theme=dark&metric=branches"
        );
        assert_eq!(parse_fragment(&format!("#{text}")), (overrides, vec![]));
        assert_eq!(fragment(&Overrides::default()), "");
    }

    #[test]
    fn a_query_gives_settings_the_fragment_can_change() {
        let link = parse_link("?src=https%3A%2F%2Fx%2Fc.info&target=85&theme=dark&compact", "#target=90");
        assert_eq!(link.overrides.target, Percent::new(90.0));
        assert_eq!(link.overrides.theme, Theme::Dark);
        assert!(link.compact);
        assert_eq!(link.src.as_deref(), Some("https://x/c.info"));
        assert!(link.problems.is_empty());
        assert!(!parse_link("compact=0", "").compact);
        assert_eq!(
            parse_link("?goal=x", "").problems,
            ["link setting \"goal\": \"x\" is not a percentage from 0 to 100"]
        );
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
