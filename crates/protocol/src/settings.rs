//! How a report is judged: the target, the goal, the tiers and the package groups.

use std::fmt;

use crate::sort::sort_by;
use crate::vocab::Percent;

/// A named band of coverage: a package whose coverage is at least `min` and below the next
/// tier's `min` belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub name: String,
    pub min: Percent,
}

/// The tiers, highest first.
///
/// Invariant: at least one tier; names are unique; minimums are distinct and strictly
/// decreasing; the lowest is 0, so every percentage falls in exactly one tier.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiers(Vec<Tier>);

/// Why a list of tiers cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TierError {
    /// The list is empty.
    Empty,
    /// No tier starts at 0, so low percentages would belong to none.
    NoFloor { lowest: String },
    /// Two tiers share a minimum, so one of them could never be reached.
    SameMinimum { first: String, second: String },
    /// Two tiers share a name.
    DuplicateName { name: String },
}

impl fmt::Display for TierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TierError::Empty => f.write_str("at least one tier is needed"),
            TierError::NoFloor { lowest } => {
                write!(f, "the lowest tier ({lowest:?}) must start at 0 so that every package has a tier")
            }
            TierError::SameMinimum { first, second } => {
                write!(f, "tiers {first:?} and {second:?} have the same minimum")
            }
            TierError::DuplicateName { name } => write!(f, "two tiers are named {name:?}"),
        }
    }
}

impl std::error::Error for TierError {}

impl Tiers {
    /// Sorts `tiers` highest first and checks the invariant.
    pub fn new(mut tiers: Vec<Tier>) -> Result<Tiers, TierError> {
        sort_by(&mut tiers, |a, b| b.min.value().total_cmp(&a.min.value()));
        let lowest = tiers.last().ok_or(TierError::Empty)?;
        if lowest.min.value() != 0.0 {
            return Err(TierError::NoFloor { lowest: lowest.name.clone() });
        }
        for pair in tiers.windows(2) {
            if pair[0].min == pair[1].min {
                return Err(TierError::SameMinimum { first: pair[0].name.clone(), second: pair[1].name.clone() });
            }
        }
        for (idx, tier) in tiers.iter().enumerate() {
            if tiers[..idx].iter().any(|other| other.name == tier.name) {
                return Err(TierError::DuplicateName { name: tier.name.clone() });
            }
        }
        Ok(Tiers(tiers))
    }

    /// Highest first.
    pub fn as_slice(&self) -> &[Tier] {
        &self.0
    }

    /// The index (0 = highest) of the tier `percent` falls in.
    pub fn index_of(&self, percent: Percent) -> usize {
        // The lowest tier starts at 0, so the search always succeeds; the fallback is unreachable.
        self.0.iter().position(|tier| percent.value() >= tier.min.value()).unwrap_or(self.0.len() - 1)
    }

    /// The tier `percent` falls in.
    pub fn tier_of(&self, percent: Percent) -> &Tier {
        &self.0[self.index_of(percent)]
    }

    /// Where the tier at `index` (0 = highest) ends: the minimum of the tier above it; `None`
    /// for the highest.
    pub fn ceiling(&self, index: usize) -> Option<Percent> {
        index.checked_sub(1).map(|up| self.0[up].min)
    }
}

impl Default for Tiers {
    /// Elite ≥ 90, Excellent ≥ 85, Good ≥ 75, OK ≥ 70, Needs work below.
    fn default() -> Tiers {
        let tier =
            |name: &str, min: f64| Tier { name: name.to_owned(), min: Percent::new(min).unwrap_or(Percent::ZERO) };
        Tiers(vec![
            tier("Elite", 90.0),
            tier("Excellent", 85.0),
            tier("Good", 75.0),
            tier("OK", 70.0),
            tier("Needs work", 0.0),
        ])
    }
}

/// A named set of packages, chosen by glob patterns over package names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub patterns: Vec<String>,
}

/// Words for the size of a gain, by the least gain (in percentage points) that earns each.
///
/// Invariant: sorted by `min_points`, largest first; the last word starts at 0, so every gain
/// has a word.
#[derive(Debug, Clone, PartialEq)]
pub struct WinScale(Vec<(f64, String)>);

impl WinScale {
    /// Sorts the steps, largest first; `None` when there are none or the smallest is not 0, or a
    /// threshold is negative or not a number.
    pub fn new(mut steps: Vec<(f64, String)>) -> Option<WinScale> {
        if steps.iter().any(|(min, _)| !min.is_finite() || *min < 0.0) {
            return None;
        }
        sort_by(&mut steps, |a, b| b.0.total_cmp(&a.0));
        (steps.last()?.0 == 0.0).then_some(WinScale(steps))
    }

    /// The word for a gain of `points`.
    pub fn word(&self, points: f64) -> &str {
        self.0.iter().find(|(min, _)| points >= *min).or(self.0.last()).map_or("", |(_, word)| word)
    }

    /// Largest first.
    pub fn steps(&self) -> &[(f64, String)] {
        &self.0
    }
}

impl Default for WinScale {
    /// Massive ≥ 15 points, major ≥ 5, solid ≥ 2, small below.
    fn default() -> WinScale {
        WinScale(vec![
            (15.0, "massive".to_owned()),
            (5.0, "major".to_owned()),
            (2.0, "solid".to_owned()),
            (0.0, "small".to_owned()),
        ])
    }
}

/// How the packages to test next are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// Packages below the target, the closest to it first: quick wins.
    #[default]
    ClosestToTarget,
    /// Packages with the most uncovered lines or statements first: the largest effect on the
    /// overall figure.
    LargestEffect,
}

impl Strategy {
    pub const ALL: [Strategy; 2] = [Strategy::ClosestToTarget, Strategy::LargestEffect];

    /// The name used in settings, URLs and the command line.
    pub fn id(self) -> &'static str {
        match self {
            Strategy::ClosestToTarget => "closest",
            Strategy::LargestEffect => "effect",
        }
    }

    pub fn from_id(id: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.id() == id)
    }

    /// What the strategy does, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Strategy::ClosestToTarget => "closest to the target first",
            Strategy::LargestEffect => "largest effect on the overall figure first",
        }
    }
}

/// Everything that says how a report is judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The coverage every package should reach.
    pub target: Percent,
    /// The overall coverage the team aims for, if it set one.
    pub goal: Option<Percent>,
    pub tiers: Tiers,
    /// In source order. Empty means "derive groups from the package names".
    pub groups: Vec<Group>,
    /// Words for the size of wins.
    pub wins: WinScale,
    /// How recommendations are ranked.
    pub strategy: Strategy,
    /// Where the page fetches a file's source from, when it was not given.
    pub source: Option<SourceLink>,
    /// Which of the report's files count.
    pub paths: PathFilter,
}

/// Which of a report's files count: globs over their paths (as the groups' globs: `*` within
/// a segment, `**` across, `?` one character), applied before anything is counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathFilter {
    /// A file any of these match is left out.
    pub exclude: Vec<String>,
    /// When any are given, only the files one of these matches count.
    pub include: Vec<String>,
}

impl PathFilter {
    pub fn is_empty(&self) -> bool {
        self.exclude.is_empty() && self.include.is_empty()
    }
}

/// Where a report's source files can be fetched: an address with `{path}` (the report's path
/// of the file, less `strip`) and, where the commit matters, `{commit}` (the snapshot's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub template: String,
    /// A prefix of the report's paths to take off first (`/home/runner/work/app/app/`).
    pub strip: Option<String>,
}

impl Settings {
    pub const DEFAULT_TARGET: f64 = 80.0;
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            target: Percent::new(Settings::DEFAULT_TARGET).unwrap_or(Percent::FULL),
            goal: None,
            tiers: Tiers::default(),
            groups: Vec::new(),
            wins: WinScale::default(),
            strategy: Strategy::default(),
            source: None,
            paths: PathFilter::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(name: &str, min: f64) -> Tier {
        Tier { name: name.to_owned(), min: Percent::new(min).unwrap() }
    }

    #[test]
    fn default_tiers_classify_the_seed_packages() {
        let tiers = Tiers::default();
        // (coverage, tier)
        let cases = [
            (90.9, "Elite"),
            (90.0, "Elite"),
            (89.8, "Excellent"),
            (86.2, "Excellent"),
            (85.0, "Excellent"),
            (78.3, "Good"),
            (75.0, "Good"),
            (71.7, "OK"),
            (70.0, "OK"),
            (69.99, "Needs work"),
            (68.1, "Needs work"),
            (0.0, "Needs work"),
        ];
        for (value, name) in cases {
            assert_eq!(tiers.tier_of(Percent::new(value).unwrap()).name, name, "{value}");
        }
    }

    #[test]
    fn tiers_are_sorted_and_checked() {
        let tiers = Tiers::new(vec![tier("Low", 0.0), tier("High", 50.0)]).unwrap();
        assert_eq!(tiers.as_slice()[0].name, "High");
        assert_eq!(Tiers::new(vec![]), Err(TierError::Empty));
        assert_eq!(Tiers::new(vec![tier("A", 10.0)]), Err(TierError::NoFloor { lowest: "A".into() }));
        assert_eq!(
            Tiers::new(vec![tier("A", 50.0), tier("B", 50.0), tier("C", 0.0)]),
            Err(TierError::SameMinimum { first: "A".into(), second: "B".into() })
        );
        assert_eq!(
            Tiers::new(vec![tier("A", 50.0), tier("A", 0.0)]),
            Err(TierError::DuplicateName { name: "A".into() })
        );
    }
}
