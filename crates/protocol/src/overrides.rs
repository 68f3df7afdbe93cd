//! What a person changed from the data's own settings, and [`Overrides::over`], the one way two
//! sets of changes combine.

use crate::key::Theme;
use crate::link::{fragment, parse_fragment};
use crate::settings::{Group, Settings, SourceLink, Strategy, Tiers, WinScale};
use crate::vocab::{Metric, Percent};

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
    /// Globs of the files to leave out (an empty list: none, whatever the data says).
    pub exclude: Option<Vec<String>>,
    /// Globs of the only files to count (an empty list: all).
    pub include: Option<Vec<String>>,
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
            // None for none: the defaults have none, and the settings text stays as short.
            exclude: (!settings.paths.exclude.is_empty()).then(|| settings.paths.exclude.clone()),
            include: (!settings.paths.include.is_empty()).then(|| settings.paths.include.clone()),
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
            exclude: self.exclude.or(below.exclude),
            include: self.include.or(below.include),
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
        if let Some(exclude) = &self.exclude {
            settings.paths.exclude = exclude.clone();
        }
        if let Some(include) = &self.include {
            settings.paths.include = include.clone();
        }
        settings
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
