//! [`Key`]: the one table of the settings a person can change. The link, the page's query, an
//! embedding's attributes, the settings panel and the command line's flags all read and write
//! a setting through it.

use crate::decimal::shortest;
use crate::overrides::Overrides;
use crate::settings::Strategy;
use crate::settings_text::*;

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
    /// Globs of the files left out.
    Exclude,
    /// Globs of the only files counted.
    Include,
}

/// What a setting is called: [`NAMES`] has one per [`Key`], in the order of its variants.
struct Names {
    /// In a link, a query and an embedding's attributes.
    id: &'static str,
    /// Beside the control, and in a message about a value that cannot be used.
    label: &'static str,
}

const NAMES: [Names; 13] = [
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
    Names { id: "exclude", label: "Leave out files matching (globs: test/**, **/*.config.*)" },
    Names { id: "include", label: "Count only files matching (globs; empty: every file)" },
];

/// A setting on the command line: [`FLAGS`] has one per [`Key`], in the order of its variants
/// (apart from [`NAMES`], so that the page's module carries none of it). `--exclude` and
/// `--include` are every command's, with the other file options, not only the settings'.
struct Flag {
    /// `None` for a setting only the page has: the theme, the source address (only the page
    /// fetches), the ref (`record`, `check` and `report --history` take `--ref` as the ref
    /// being built). `--group` is given once per group.
    flag: Option<&'static str>,
    syntax: &'static str,
    help: &'static str,
}

const FLAGS: [Flag; 13] = [
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
    Flag { flag: None, syntax: "GLOB", help: "Leaves out the files whose path this glob matches" },
    Flag { flag: None, syntax: "GLOB", help: "Counts only the files whose path one of these globs matches" },
];

impl Key {
    /// In the order a link writes them.
    pub const ALL: [Key; 13] = [
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
        Key::Exclude,
        Key::Include,
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
            Key::Exclude => overrides.exclude = Some(parse_globs(value)?),
            Key::Include => overrides.include = Some(parse_globs(value)?),
        }
        Ok(())
    }

    /// The setting's value in `overrides` as text, when it is changed there.
    pub fn text(self, overrides: &Overrides) -> Option<String> {
        match self {
            Key::Target => overrides.target.map(|p| shortest(p.value())),
            Key::Goal => overrides.goal.map(|p| shortest(p.value())),
            Key::Tiers => overrides.tiers.as_ref().map(tiers_text),
            Key::Groups => overrides.groups.as_deref().map(|g| groups_text(g).replace('\n', ";")),
            Key::Wins => overrides.wins.as_ref().map(wins_text),
            Key::Strategy => overrides.strategy.map(|s| s.id().to_owned()),
            Key::Theme => (overrides.theme != Theme::System).then(|| overrides.theme.id().to_owned()),
            Key::Metric => overrides.metric.map(|m| m.plural().to_owned()),
            Key::Ref => overrides.git_ref.clone(),
            Key::Source => overrides.source.clone(),
            Key::SourceStrip => overrides.source_strip.clone(),
            Key::Exclude => overrides.exclude.as_deref().map(globs_text),
            Key::Include => overrides.include.as_deref().map(globs_text),
        }
    }
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
            (Key::Exclude, "exclude", None),
            (Key::Include, "include", None),
        ];
        assert_eq!(expected.map(|(key, ..)| key), Key::ALL);
        for (key, id, flag) in expected {
            assert_eq!((key.id(), key.flag(), Key::from_id(id)), (id, flag, Some(key)));
        }
        assert_eq!((Key::Metric.syntax(), Key::Theme.label()), ("lines|statements|branches|functions", "Theme"));
    }
}
