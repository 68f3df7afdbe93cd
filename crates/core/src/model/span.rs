//! Lengths of time and the one rule that says them: in the unit that fits the length (seconds
//! to years), rounded alike in every output — "4 s", "25 min", "3.5 h", "2 weeks".
//!
//! A work session reads in minutes and hours, a CI history in days and weeks; nothing is said
//! as "1,330 h". Rates ("+2.4 points a week") are worded in `present`, per one of these units.

use std::fmt;

use covdash_protocol::decimal::fixed;

/// A unit a length of time is said in, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// Every unit, smallest first.
    pub const ALL: [Unit; 7] = [Unit::Second, Unit::Minute, Unit::Hour, Unit::Day, Unit::Week, Unit::Month, Unit::Year];

    /// The unit's length in seconds (a month is a twelfth of a Gregorian year).
    pub fn seconds(self) -> f64 {
        match self {
            Unit::Second => 1.0,
            Unit::Minute => 60.0,
            Unit::Hour => 3_600.0,
            Unit::Day => 86_400.0,
            Unit::Week => 604_800.0,
            Unit::Month => 2_629_746.0,
            Unit::Year => 31_556_952.0,
        }
    }

    /// After a rate: "an hour", "a week".
    pub fn per(self) -> &'static str {
        match self {
            Unit::Second => "a second",
            Unit::Minute => "a minute",
            Unit::Hour => "an hour",
            Unit::Day => "a day",
            Unit::Week => "a week",
            Unit::Month => "a month",
            Unit::Year => "a year",
        }
    }

    /// The next larger unit, if any.
    pub fn larger(self) -> Option<Unit> {
        Unit::ALL.get(self as usize + 1).copied()
    }

    /// After a number: "s", "min", "h", "days"… (`plural` for the long units).
    fn word(self, plural: bool) -> &'static str {
        match (self, plural) {
            (Unit::Second, _) => "s",
            (Unit::Minute, _) => "min",
            (Unit::Hour, _) => "h",
            (Unit::Day, false) => "day",
            (Unit::Day, true) => "days",
            (Unit::Week, false) => "week",
            (Unit::Week, true) => "weeks",
            (Unit::Month, false) => "month",
            (Unit::Month, true) => "months",
            (Unit::Year, false) => "year",
            (Unit::Year, true) => "years",
        }
    }
}

/// A length of time, in seconds (fractions allowed: estimates divide).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, serde::Serialize)]
#[serde(transparent)]
pub struct Span(f64);

impl Span {
    /// A whole number of minutes, for constants.
    pub const fn minutes(minutes: u32) -> Span {
        Span(minutes as f64 * 60.0)
    }

    pub fn seconds(seconds: f64) -> Span {
        Span(seconds.max(0.0))
    }

    pub fn hours(hours: f64) -> Span {
        Span::seconds(hours * 3_600.0)
    }

    pub fn as_seconds(self) -> f64 {
        self.0
    }

    pub fn as_hours(self) -> f64 {
        self.0 / 3_600.0
    }

    /// The unit this length is said in: seconds under a minute, minutes under an hour, hours
    /// under a day and a half, days under two weeks, weeks under 13 weeks, months under two
    /// years, years beyond.
    pub fn unit(self) -> Unit {
        let s = self.0;
        if s < 60.0 {
            Unit::Second
        } else if s < 3_600.0 {
            Unit::Minute
        } else if s < 36.0 * 3_600.0 {
            Unit::Hour
        } else if s < 14.0 * 86_400.0 {
            Unit::Day
        } else if s < 13.0 * 604_800.0 {
            Unit::Week
        } else if s < 730.0 * 86_400.0 {
            Unit::Month
        } else {
            Unit::Year
        }
    }

    /// The number and its unit: `("3.5", "h")`, `("2", "weeks")`. A rounding that reaches the
    /// next unit ("60 min") is said in it ("1.0 h").
    fn parts(self) -> (String, Unit, &'static str) {
        let unit = self.unit();
        let value = self.0 / unit.seconds();
        // One decimal below `below`, whole numbers from it; `None` when the rounding reaches
        // the next unit.
        let tenths = |below: f64| {
            let rounded = (value * 10.0).round() / 10.0;
            if rounded < below {
                fixed(rounded, 1)
            } else {
                fixed(value.round(), 0)
            }
        };
        let number = match unit {
            Unit::Second => fixed(value.round().max(1.0), 0),
            // Under ten minutes to the minute, then to the nearest five (a session's "30 min").
            Unit::Minute if value.round() < 10.0 => fixed(value.round().max(1.0), 0),
            Unit::Minute => {
                let five = (value / 5.0).round() * 5.0;
                if five >= 60.0 {
                    return Span::seconds(3_600.0).parts();
                }
                fixed(five, 0)
            }
            Unit::Hour => tenths(10.0),
            Unit::Day => tenths(2.0),
            Unit::Week | Unit::Month => fixed(value.round(), 0),
            Unit::Year => tenths(10.0),
        };
        let plural = number != "1";
        (number, unit, unit.word(plural))
    }

    /// `low – high` said once: "3–4 weeks" in one unit, "30 min – 1.1 h" across two, one
    /// figure when both ends read alike.
    pub fn range(low: Span, high: Span) -> String {
        let (a, unit_a, word_a) = low.parts();
        let (b, unit_b, word_b) = high.parts();
        match (a == b && unit_a == unit_b, unit_a == unit_b) {
            (true, _) => format!("{b} {word_b}"),
            (false, true) => format!("{a}–{b} {word_b}"),
            (false, false) => format!("{a} {word_a} – {b} {word_b}"),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (number, _, word) = self.parts();
        write!(f, "{number} {word}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: f64 = 60.0;
    const HOUR: f64 = 3_600.0;
    const DAY: f64 = 86_400.0;

    #[test]
    fn each_length_in_the_unit_that_fits_it() {
        // (seconds, said)
        let cases = [
            (0.0, "1 s"),
            (4.0, "4 s"),
            (59.4, "59 s"),
            (60.0, "1 min"),
            (9.0 * MIN, "9 min"),
            (0.49 * HOUR, "30 min"),
            (57.6 * MIN, "1.0 h"),
            (1.14 * HOUR, "1.1 h"),
            (3.5 * HOUR, "3.5 h"),
            (9.96 * HOUR, "10 h"),
            (14.3 * HOUR, "14 h"),
            (35.0 * HOUR, "35 h"),
            (36.0 * HOUR, "1.5 days"),
            (2.0 * DAY, "2 days"),
            (13.4 * DAY, "13 days"),
            (14.0 * DAY, "2 weeks"),
            (24.0 * DAY, "3 weeks"),
            (100.0 * DAY, "3 months"),
            (365.0 * DAY, "12 months"),
            (800.0 * DAY, "2.2 years"),
        ];
        for (seconds, said) in cases {
            assert_eq!(Span::seconds(seconds).to_string(), said, "{seconds} s");
        }
    }

    #[test]
    fn ranges_say_a_shared_unit_once() {
        let cases = [
            (0.49 * HOUR, 1.14 * HOUR, "30 min – 1.1 h"),
            (1.44 * HOUR, 3.4 * HOUR, "1.4–3.4 h"),
            (2.0 * HOUR, 2.01 * HOUR, "2.0 h"),
            (20.0 * DAY, 27.0 * DAY, "3–4 weeks"),
            (10.0 * DAY, 20.0 * DAY, "10 days – 3 weeks"),
            (546.0 * HOUR, 624.0 * HOUR, "3–4 weeks"),
        ];
        for (low, high, said) in cases {
            assert_eq!(Span::range(Span::seconds(low), Span::seconds(high)), said);
        }
    }
}
