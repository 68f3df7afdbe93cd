//! Instants in time, read from RFC 3339 text ("2025-12-18T09:00:00Z").
//!
//! Only what covdash needs: parse, order, subtract, print. No time zone database: an offset in
//! the text is applied and the instant is kept in UTC.

use std::fmt;

/// A moment, to the second: in UTC, or in the zone of the machine that wrote it when the tool
/// did not say which (coverage.py's `meta.timestamp`): such a time is counted as if it were UTC,
/// which keeps the order of and the time between one machine's reports, and it is said without
/// a zone rather than as UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_seconds: i64,
    /// The text gave no zone.
    local: bool,
}

/// Why a text is not an RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    text: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected an RFC 3339 timestamp such as 2025-12-18T09:00:00Z, found {:?}", self.text)
    }
}

impl std::error::Error for TimestampError {}

impl Timestamp {
    pub fn from_unix_seconds(unix_seconds: i64) -> Timestamp {
        Timestamp { unix_seconds, local: false }
    }

    /// Whether the time was written without a zone: the writer's machine's, whichever that was.
    pub fn is_local(self) -> bool {
        self.local
    }

    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`, `z` and a space separator are
    /// accepted, as RFC 3339 allows. The fraction is dropped.
    pub fn parse(text: &str) -> Result<Timestamp, TimestampError> {
        parse_rfc3339(text.as_bytes(), false).ok_or_else(|| TimestampError { text: text.to_owned() })
    }

    /// Parses a time that may have been written without a zone (coverage.py's
    /// `meta.timestamp`, `2026-11-24T09:54:52.945557`, is its machine's local time, and covdash
    /// writes such a time back as it was): a [local](Timestamp::is_local) time. A zone, when
    /// present, is applied.
    pub fn parse_zoneless(text: &str) -> Result<Timestamp, TimestampError> {
        parse_rfc3339(text.as_bytes(), true).ok_or_else(|| TimestampError { text: text.to_owned() })
    }

    /// The time in an epoch count as XML reports write it: milliseconds (Cobertura, JaCoCo,
    /// Clover from OpenClover and istanbul) or seconds (gcovr, coverlet, PHPUnit). Counts above
    /// 10^11 are milliseconds (in seconds that is the year 5138); 0 means "not recorded", and a
    /// time past the year 9999 is not a time.
    pub fn from_epoch_count(count: u64) -> Option<Timestamp> {
        const LAST_SECOND_OF_9999: u64 = 253_402_300_799;
        let seconds = if count > 100_000_000_000 { count / 1000 } else { count };
        (count > 0 && seconds <= LAST_SECOND_OF_9999)
            .then(|| Timestamp::from_unix_seconds(i64::try_from(seconds).unwrap_or(i64::MAX)))
    }

    /// Seconds from `earlier` to `self` (negative when `earlier` is later).
    pub fn seconds_since(self, earlier: Timestamp) -> i64 {
        self.unix_seconds.saturating_sub(earlier.unix_seconds)
    }

    /// The moment `seconds` later (earlier when negative), `None` past what a timestamp holds.
    pub fn plus_seconds(self, seconds: f64) -> Option<Timestamp> {
        let later = self.unix_seconds as f64 + seconds.round();
        // Up to the last second of the year 9999, as the readers take.
        (later.is_finite() && (-62_135_596_800.0..=253_402_300_799.0).contains(&later))
            .then_some(Timestamp { unix_seconds: later as i64, local: self.local })
    }

    /// The day this moment falls on, in UTC.
    pub fn date(self) -> Date {
        let (year, month, day) = civil_from_days(self.unix_seconds.div_euclid(86_400));
        Date { year, month: month as u8, day: day as u8 }
    }
}

/// A day of the calendar (UTC), said as people say it: "5 Nov 2026".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: i64,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Date {
    fn month_name(self) -> &'static str {
        MONTHS.get(usize::from(self.month).saturating_sub(1)).copied().unwrap_or("?")
    }

    /// `first` to `last` said once: "5–10 Nov 2026", "28 Nov – 3 Dec 2026", "28 Dec 2026 –
    /// 4 Jan 2027", or one date when both are the same day.
    pub fn range(first: Date, last: Date) -> String {
        match Date::range_parts(first, last) {
            (one, None) => one,
            (from, Some(to)) => format!("{from} – {to}"),
        }
    }

    /// The pieces of [`Date::range`] that read as one, each never to be broken across lines:
    /// `("5–10 Nov 2026", None)`, `("28 Nov", Some("3 Dec 2026"))`.
    pub fn range_parts(first: Date, last: Date) -> (String, Option<String>) {
        let (a, b) = if first <= last { (first, last) } else { (last, first) };
        if a == b {
            (a.to_string(), None)
        } else if (a.year, a.month) == (b.year, b.month) {
            (format!("{}–{} {} {}", a.day, b.day, b.month_name(), b.year), None)
        } else if a.year == b.year {
            (format!("{} {}", a.day, a.month_name()), Some(b.to_string()))
        } else {
            (a.to_string(), Some(b.to_string()))
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.day, self.month_name(), self.year)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.unix_seconds.div_euclid(86_400);
        let secs = self.unix_seconds.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(f, "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)?;
        // A local time is written back as it was given: without a zone.
        if self.local {
            Ok(())
        } else {
            f.write_str("Z")
        }
    }
}

/// RFC 3339; with `zone_optional`, a time without a zone too, read as a local one.
fn parse_rfc3339(b: &[u8], zone_optional: bool) -> Option<Timestamp> {
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0')))
    };
    let at = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // A leap second (60) is accepted and folded into the next minute.
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = b.get(19..)?;
    if let [b'.', tail @ ..] = rest {
        let n_digits = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if n_digits == 0 {
            return None;
        }
        rest = &tail[n_digits..];
    }
    let local = rest.is_empty() && zone_optional;
    let offset = match rest {
        [] if local => 0,
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let hours = i64::from(h1 - b'0') * 10 + i64::from(h2 - b'0');
            let minutes = i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0');
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = hours * 3600 + minutes * 60;
            if *sign == b'+' {
                magnitude
            } else {
                -magnitude
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(Timestamp { unix_seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset, local })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_utc() {
        // (input, unix seconds, printed)
        let cases = [
            ("1970-01-01T00:00:00Z", 0, "1970-01-01T00:00:00Z"),
            ("2025-12-18T09:00:00Z", 1_766_048_400, "2025-12-18T09:00:00Z"),
            ("2025-12-18T10:00:00+01:00", 1_766_048_400, "2025-12-18T09:00:00Z"),
            ("2025-12-18 08:30:00.123-00:30", 1_766_048_400, "2025-12-18T09:00:00Z"),
            ("2024-02-29t23:59:59z", 1_709_251_199, "2024-02-29T23:59:59Z"),
            ("1969-12-31T23:59:59Z", -1, "1969-12-31T23:59:59Z"),
        ];
        for (input, seconds, printed) in cases {
            let ts = Timestamp::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(ts.unix_seconds(), seconds, "{input}");
            assert_eq!(ts.to_string(), printed, "{input}");
        }
    }

    #[test]
    fn reads_the_times_tools_write() {
        let zoneless = [
            ("2026-11-24T09:54:52.945557", Some("2026-11-24T09:54:52")),
            ("2026-11-24T09:54:52Z", Some("2026-11-24T09:54:52Z")),
            ("2026-11-24T09:54:52+01:00", Some("2026-11-24T08:54:52Z")),
            ("2026-11-24", None),
            ("", None),
        ];
        for (input, expected) in zoneless {
            let read = Timestamp::parse_zoneless(input).ok();
            assert_eq!(read.map(|t| t.to_string()).as_deref(), expected, "{input:?}");
            // Read back as written, a local time stays one.
            let again = read.and_then(|t| Timestamp::parse_zoneless(&t.to_string()).ok());
            assert_eq!(again, read, "{input:?}");
        }
        // (count, printed): milliseconds and seconds, as XML reports write them.
        let counts = [
            (1_795_512_303_474, Some("2026-11-24T09:25:03Z")),
            (1_768_334_355, Some("2026-01-13T19:59:15Z")),
            (0, None),
            (253_402_300_799_000, Some("9999-12-31T23:59:59Z")),
            (u64::MAX, None),
        ];
        for (count, expected) in counts {
            assert_eq!(Timestamp::from_epoch_count(count).map(|t| t.to_string()).as_deref(), expected, "{count}");
        }
    }

    #[test]
    fn rejects_what_is_not_rfc_3339() {
        let bad = [
            "",
            "2025-12-18",
            "2025-12-18T09:00:00",
            "2025-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2025-12-18T24:00:00Z",
            "2025-12-18T09:00:00.Z",
            "2025-12-18T09:00:00+1:00",
            "2025-12-18T09:00:00Zjunk",
            "２０２５-12-18T09:00:00Z",
        ];
        for input in bad {
            assert!(Timestamp::parse(input).is_err(), "{input:?} was accepted");
        }
    }

    #[test]
    fn dates_and_their_ranges_read_as_people_write_them() {
        let day = |text: &str| Timestamp::parse(text).unwrap_or_else(|e| panic!("{e}")).date();
        assert_eq!(day("2026-11-05T23:59:59Z").to_string(), "5 Nov 2026");
        assert_eq!(day("2026-11-05T10:00:00-14:00").to_string(), "6 Nov 2026");
        // (first, last, said)
        let cases = [
            ("2026-11-05T00:00:00Z", "2026-11-10T00:00:00Z", "5–10 Nov 2026"),
            ("2026-11-28T00:00:00Z", "2026-12-03T00:00:00Z", "28 Nov – 3 Dec 2026"),
            ("2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", "28 Dec 2026 – 4 Jan 2027"),
            ("2026-11-05T01:00:00Z", "2026-11-05T22:00:00Z", "5 Nov 2026"),
            ("2026-11-10T00:00:00Z", "2026-11-05T00:00:00Z", "5–10 Nov 2026"),
        ];
        for (first, last, said) in cases {
            assert_eq!(Date::range(day(first), day(last)), said, "{first} {last}");
        }
        let parts = Date::range_parts(day("2026-11-28T00:00:00Z"), day("2026-12-03T00:00:00Z"));
        assert_eq!(parts, ("28 Nov".to_owned(), Some("3 Dec 2026".to_owned())));
        let start = Timestamp::parse("2026-11-02T12:00:00Z").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(start.plus_seconds(86_400.0 * 3.5).map(|t| t.to_string()).as_deref(), Some("2026-11-06T00:00:00Z"));
        assert_eq!(start.plus_seconds(f64::INFINITY), None);
        assert_eq!(start.plus_seconds(1e300), None);
    }

    #[test]
    fn civil_conversion_round_trips() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
