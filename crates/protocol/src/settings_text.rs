//! Settings as a person types them: `Elite=90, Good=75, Low=0`, `85%`, `branches`; read into
//! their types, and written back the same way.

use crate::decimal::{parse_decimal, shortest};
use crate::settings::{Group, Tier, Tiers, WinScale};
use crate::vocab::{Metric, Percent};

/// A percentage as typed: `85`, `85%`, `72.5`.
pub fn parse_percent(text: &str) -> Result<Percent, String> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    parse_decimal(trimmed).and_then(Percent::new).ok_or_else(|| format!("{text:?} is not a percentage from 0 to 100"))
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
    tiers.as_slice().iter().map(|t| format!("{}={}", t.name, shortest(t.min.value()))).collect::<Vec<_>>().join(", ")
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

/// Globs over file paths, separated by commas or one a line: `test/**, **/*.config.*`.
pub fn parse_globs(text: &str) -> Result<Vec<String>, String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|glob| !glob.is_empty())
        .map(|glob| match glob.chars().any(char::is_control) {
            true => Err(format!("{glob:?} is not a glob over file paths")),
            false => Ok(glob.to_owned()),
        })
        .collect()
}

pub fn globs_text(globs: &[String]) -> String {
    globs.join(", ")
}

/// `massive=15, major=5, solid=2, small=0`.
pub fn parse_wins(text: &str) -> Result<WinScale, String> {
    let steps = text
        .split(',')
        .filter(|item| !item.trim().is_empty())
        .map(|item| {
            let (word, min) = item.rsplit_once('=').ok_or_else(|| format!("{:?} is not WORD=POINTS", item.trim()))?;
            let min = parse_decimal(min.trim()).ok_or_else(|| format!("{:?} is not a number of points", min.trim()))?;
            Ok((min, word.trim().to_owned()))
        })
        .collect::<Result<Vec<(f64, String)>, String>>()?;
    WinScale::new(steps).ok_or_else(|| "the win words need thresholds of 0 or more, the smallest 0".to_owned())
}

pub fn wins_text(wins: &WinScale) -> String {
    wins.steps().iter().map(|(min, word)| format!("{word}={}", shortest(*min))).collect::<Vec<_>>().join(", ")
}

/// A metric as written in links and options: `lines`, `statements`, `branches`, `functions`.
pub fn parse_metric(text: &str) -> Result<Metric, String> {
    Metric::from_plural(text.trim())
        .ok_or_else(|| format!("{text:?} is not a metric (lines, statements, branches, functions)"))
}
