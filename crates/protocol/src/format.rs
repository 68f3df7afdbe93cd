//! Number formatting shared by every view.

use crate::decimal::{fixed, parse_decimal};
use crate::vocab::Percent;

/// Decimal places shown for percentages.
const DECIMALS: i32 = 1;

/// `percent` rounded to the shown precision as the coverage tools print it (C's and Go's
/// `%.1f`: correctly rounded, ties to even on the exact binary value, so 56.25 shows as 56.2),
/// and never rounded up to 100 or down to 0 unless it is exactly that (genhtml's rule):
/// 99.96% of lines covered is not "100%", and one covered line in a million is not "0%".
pub fn rounded_percent(percent: Percent) -> f64 {
    let value = percent.value();
    let step = 10f64.powi(-DECIMALS);
    let rounded = parse_decimal(&fixed(value, DECIMALS as usize)).unwrap_or(value);
    if rounded >= 100.0 && value < 100.0 {
        100.0 - step
    } else if rounded <= 0.0 && value > 0.0 {
        step
    } else {
        rounded
    }
}

/// `"68.1%"`; `"n/a"` when there is nothing to count.
pub fn format_percent(percent: Option<Percent>) -> String {
    match percent {
        Some(p) => format!("{}%", fixed(rounded_percent(p), DECIMALS as usize)),
        None => "n/a".to_owned(),
    }
}

/// `1234567` → `"1,234,567"`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (idx, c) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` of a thing, counted as [`format_count`] counts: `"1 record"`, `"2,400 records"`.
/// `one` names one, `many` more or none.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", format_count(n), if n == 1 { one } else { many })
}

/// [`counted`] for a noun whose plural adds an `s` (`"file"`, `"package"`, `"snapshot"`).
pub fn count_of(n: u64, noun: &str) -> String {
    counted(n, noun, &format!("{noun}s"))
}

/// The unit a size is shown in: decimal, as people read file sizes.
fn size_unit(bytes: u64) -> (f64, &'static str, usize) {
    match bytes {
        b if b >= 1_000_000_000 => (1e9, "GB", 1),
        b if b >= 1_000_000 => (1e6, "MB", 0),
        b if b >= 1_000 => (1e3, "KB", 0),
        _ => (1.0, "bytes", 0),
    }
}

/// `"612 MB"`, `"1.0 GB"`, `"940 KB"`, `"999 bytes"`.
pub fn size_text(bytes: u64) -> String {
    let (scale, unit, decimals) = size_unit(bytes);
    format!("{} {unit}", fixed(bytes as f64 / scale, decimals))
}

/// `"12 of 350 MB"`: a part of a size, in the whole's unit.
pub fn size_of_total(done: u64, total: u64) -> String {
    let (scale, unit, decimals) = size_unit(total);
    format!("{} of {} {unit}", fixed(done as f64 / scale, decimals), fixed(total as f64 / scale, decimals))
}

/// `68.1%`, rounded as the coverage tools round (see [`format_percent`]).
pub fn pct(value: f64) -> String {
    format_percent(Percent::new(value.clamp(0.0, 100.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_one_thing_or_many() {
        let said = [0, 1, 2, 2400].map(|n| count_of(n, "record"));
        assert_eq!(said, ["0 records", "1 record", "2 records", "2,400 records"]);
        assert_eq!(counted(1, "branch", "branches"), "1 branch");
        assert_eq!(counted(3, "branch", "branches"), "3 branches");
    }

    #[test]
    fn percentages_round_without_lying_at_the_edges() {
        // (value, shown)
        let cases = [
            (68.1, "68.1%"),
            (90.909_090, "90.9%"),
            (77.45, "77.5%"),
            (0.0, "0.0%"),
            (100.0, "100.0%"),
            (99.96, "99.9%"),
            (0.0001, "0.1%"),
            (50.04, "50.0%"),
            (56.25, "56.2%"),
            (56.35, "56.4%"),
        ];
        for (value, shown) in cases {
            assert_eq!(format_percent(Percent::new(value)), shown, "{value}");
        }
        assert_eq!(format_percent(None), "n/a");
    }

    #[test]
    fn counts_get_thousands_separators() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (1_040, "1,040"), (1_234_567, "1,234,567")];
        for (n, shown) in cases {
            assert_eq!(format_count(n), shown);
        }
    }

    #[test]
    fn sizes_read_as_people_read_them() {
        let cases = [(999, "999 bytes"), (940_000, "940 KB"), (612_000_000, "612 MB"), (1_000_000_000, "1.0 GB")];
        for (bytes, text) in cases {
            assert_eq!(size_text(bytes), text);
        }
        assert_eq!(size_of_total(0, 350_000_000), "0 of 350 MB");
        assert_eq!(size_of_total(1_250_000_000, 2_400_000_000), "1.2 of 2.4 GB");
    }
}
