//! Numbers read and written exactly, with one small big integer, in place of the standard
//! library's float parsing and formatting. Those are built for speed over millions of numbers,
//! and their tables and code (Eisel-Lemire's powers of five, Grisu's and Dragon4's) cost each
//! browser module about 20 KB gzipped; covdash reads and writes floats a few thousand at a time
//! (a setting, a percentage, a rate), and a coverage file's counts are integers, read apart.
//!
//! - [`parse_decimal`] reads a plain decimal as a person types a setting (`85`, `72.5`, `+0.25`),
//!   [`parse_number`] one with an exponent too (`1.0e+19`), to the `f64` nearest, as
//!   `str::parse::<f64>` does. Up to 15 digits and a power of ten up to 22, both are exact `f64`s
//!   and one IEEE operation rounds correctly (Clinger's fast path); beyond, the nearest `f64` is
//!   found by comparing the decimal with candidates as integers.
//! - [`fixed`] writes an `f64` with a given number of places, the text `format!("{:.N}")`
//!   writes: the exact binary value, rounded half to even (C's and Go's `%.Nf` round so too).
//! - [`trimmed`] is [`fixed`] without trailing zeros: `72.5`, `100`; [`shortest`] the fewest
//!   significant digits that read back as the value, the text `format!("{value}")` writes.
//!
//! Each is tested against the standard library as its oracle.

use std::cmp::Ordering;

/// The largest power of ten an `f64` holds exactly.
const EXACT_POWERS: i64 = 22;

/// Digits an `f64`'s 53-bit mantissa always holds exactly (10^15 < 2^53).
const EXACT_DIGITS: usize = 15;

/// Significant digits read exactly; those beyond only tell whether the rest is zero. No
/// midpoint between two `f64`s has more than 767 significant digits, so 800 decide every
/// rounding.
const DECIDING_DIGITS: usize = 800;

/// `text` read as `[+-]digits[.digits]` (either side of the point may be empty, not both) to the
/// `f64` nearest its value, the one `str::parse::<f64>` gives; `None` for anything else:
/// exponents, `inf`, `NaN`, spaces. What a setting is.
pub fn parse_decimal(text: &str) -> Option<f64> {
    read(text, false)
}

/// [`parse_decimal`] with an exponent allowed (`1.0e+19`, `5E-3`), as tools write numbers.
pub fn parse_number(text: &str) -> Option<f64> {
    read(text, true)
}

fn read(text: &str, exponent_allowed: bool) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (number, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) if exponent_allowed => (&unsigned[..at], Some(&unsigned[at + 1..])),
        _ => (unsigned, None),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let exponent = match exponent {
        None => 0,
        Some(text) => {
            let (sign, digits) = match text.as_bytes().first() {
                Some(b'-') => (-1, &text[1..]),
                Some(b'+') => (1, &text[1..]),
                _ => (1, text),
            };
            if digits.is_empty() || !all_digits(digits) {
                return None;
            }
            // Beyond a million the value is 0 or infinite whatever the digits.
            sign * digits.bytes().fold(0i64, |n, d| (n * 10 + i64::from(d - b'0')).min(1_000_000))
        }
    };
    let digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).map(|b| b - b'0').skip_while(|&d| d == 0).collect();
    let value = Decimal::new(digits, exponent - fraction.len() as i64).nearest();
    Some(if negative { -value } else { value })
}

/// A non-negative decimal: `digits` × 10^`power`, the digits without leading or trailing zeros.
struct Decimal {
    digits: Vec<u8>,
    power: i64,
}

impl Decimal {
    fn new(mut digits: Vec<u8>, mut power: i64) -> Decimal {
        if digits.len() > DECIDING_DIGITS {
            let rest_nonzero = digits[DECIDING_DIGITS..].iter().any(|&d| d != 0);
            power += (digits.len() - DECIDING_DIGITS) as i64;
            digits.truncate(DECIDING_DIGITS);
            if rest_nonzero {
                // A last digit that keeps the value strictly between where it was cut and the
                // next digit up: enough to round as the whole would.
                digits.push(1);
                power -= 1;
            }
        }
        while digits.last() == Some(&0) {
            digits.pop();
            power += 1;
        }
        Decimal { digits, power }
    }

    /// The `f64` nearest, ties to the even mantissa.
    fn nearest(&self) -> f64 {
        if self.digits.is_empty() {
            return 0.0;
        }
        let magnitude = self.power + self.digits.len() as i64;
        if magnitude > 310 {
            return f64::INFINITY;
        }
        if magnitude < -324 {
            return 0.0;
        }
        if self.digits.len() <= EXACT_DIGITS && self.power.abs() <= EXACT_POWERS {
            // Both exact, so one IEEE operation rounds correctly.
            let mantissa = self.digits.iter().fold(0u64, |n, &d| n * 10 + u64::from(d)) as f64;
            let scale = 10f64.powi(self.power.unsigned_abs() as i32);
            return if self.power >= 0 { mantissa * scale } else { mantissa / scale };
        }
        self.nearest_exactly()
    }

    /// The largest `f64` at or below the value, found by bisection over the (ordered) bit
    /// patterns of positive floats near an estimate; then the midpoint to the next one decides.
    fn nearest_exactly(&self) -> f64 {
        // The decimal and a candidate m × 2^e are compared as integers, both sides multiplied
        // by 10^-power and 2^-e where those are negative: digits × 10^max(power, 0) × 2^max(-e, 0)
        // against m × 10^max(-power, 0) × 2^max(e, 0). The powers of ten are built once.
        let mut decimal = Big::from(0);
        for &d in &self.digits {
            decimal.times(10);
            decimal.add(u32::from(d));
        }
        let mut ten = Big::from(1);
        for _ in 0..self.power.max(0) {
            decimal.times(10);
        }
        for _ in 0..(-self.power).max(0) {
            ten.times(10);
        }
        let cmp = |mantissa: u64, exponent: i32| {
            let mut left = Big(decimal.0.clone());
            left.shift_left((-exponent).max(0) as u32);
            let mut right = ten.product(mantissa);
            right.shift_left(exponent.max(0) as u32);
            left.cmp(&right)
        };
        let at_most = |bits: u64| {
            let (m, e) = binary(f64::from_bits(bits));
            cmp(m, e) != Ordering::Less
        };
        let largest = f64::MAX.to_bits();
        let (m, e) = binary(f64::MAX);
        if cmp(2 * m + 1, e - 1) != Ordering::Less {
            return f64::INFINITY;
        }
        // An estimate from the leading digits, within a few units in the last place; the window
        // around it is checked, and widened to every float if it does not hold the value.
        let lead = self.digits.iter().take(19).fold(0u64, |n, &d| n * 10 + u64::from(d));
        let lead_power = self.power + self.digits.len().saturating_sub(19) as i64;
        let half = (lead_power / 2) as i32;
        let estimate = (lead as f64 * 10f64.powi(half) * 10f64.powi(lead_power as i32 - half)).to_bits();
        let (mut low, mut high) = (estimate.saturating_sub(64), (estimate + 64).min(largest + 1));
        if !(at_most(low) && (high > largest || !at_most(high))) {
            (low, high) = (0, largest + 1);
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if at_most(middle) {
                low = middle;
            } else {
                high = middle;
            }
        }
        let (m, e) = binary(f64::from_bits(low));
        let up = match cmp(2 * m + 1, e - 1) {
            Ordering::Greater => true,
            Ordering::Equal => low % 2 == 1,
            Ordering::Less => false,
        };
        f64::from_bits(low + u64::from(up && low < largest))
    }
}

/// Every `f64` is a multiple of 2^-1074, so its exact decimal ends within this many places:
/// [`fixed`] computes no further and writes zeros beyond.
const EXACT_PLACES: usize = 1074;

/// Enough significant digits to tell any two `f64`s apart.
const DISTINCT_DIGITS: usize = 17;

/// `value` with `places` digits after the point, as `format!("{value:.places$}")` writes it:
/// `fixed(56.25, 1)` is `"56.2"`, `fixed(-0.04, 1)` is `"-0.0"`, `fixed(2.5, 0)` is `"2"`.
pub fn fixed(value: f64, places: usize) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value.is_infinite() {
        return format!("{sign}inf");
    }
    let padding = places.saturating_sub(EXACT_PLACES);
    let places = places - padding;
    let (mantissa, exponent) = binary(value);
    // round(value × 10^places), half to even.
    let mut scaled = Big::from(mantissa);
    for _ in 0..places {
        scaled.times(10);
    }
    if exponent >= 0 {
        scaled.shift_left(exponent as u32);
    } else {
        scaled.round_shift_right((-exponent) as u32);
    }
    let digits = scaled.decimal();
    let digits = format!("{digits:0>width$}", width = places + 1);
    let (whole, after) = digits.split_at(digits.len() - places);
    match places + padding {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{after}{:0>padding$}", ""),
    }
}

/// `|value|` as `mantissa × 2^exponent`, exactly (`value` finite).
fn binary(value: f64) -> (u64, i32) {
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    match biased {
        0 => (fraction, -1074),
        _ => (fraction | 1 << 52, biased - 1075),
    }
}

/// [`fixed`] without the zeros at its end, nor a point with nothing after it: `trimmed(72.5, 3)`
/// is `"72.5"`, `trimmed(100.0, 1)` is `"100"`. For a value with at most `places` decimals and
/// 15 significant digits, the text `format!("{value}")` writes.
pub fn trimmed(value: f64, places: usize) -> String {
    let text = fixed(value, places);
    match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.').to_owned(),
        false => text,
    }
}

/// The fewest significant digits that read back as `value`, written out without an exponent:
/// `"80"`, `"72.5"`, `"0.1"`, `1e21` as `"1000000000000000000000"`; the text
/// `format!("{value}")` writes. The value's exact decimal is rounded to 1, 2, … 17 significant
/// digits until one reads back as `value`.
pub fn shortest(value: f64) -> String {
    if !value.is_finite() || value == 0.0 {
        return fixed(value, 0);
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let (digits, point) = shortest_quickly(value).unwrap_or_else(|| shortest_exactly(value));
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    let len = digits.len() as i64;
    if point <= 0 {
        format!("{sign}0.{}{text}", zeros(-point))
    } else if point >= len {
        format!("{sign}{text}{}", zeros(point - len))
    } else {
        let (left, right) = text.split_at(point as usize);
        format!("{sign}{left}.{right}")
    }
}

/// The digits [`shortest`] writes (no leading or trailing zeros) and how many of them come before
/// the point (zero or less: that many zeros after it first), found from the exact decimal.
fn shortest_exactly(value: f64) -> (Vec<u8>, i64) {
    let (_, exponent) = binary(value);
    let exact = fixed(value.abs(), usize::try_from(-exponent).unwrap_or(0));
    let (whole, after) = exact.split_once('.').unwrap_or((&exact, ""));
    let all: Vec<u8> = whole.bytes().chain(after.bytes()).map(|d| d - b'0').collect();
    let leading = all.iter().take_while(|&&d| d == 0).count();
    let digits = &all[leading..];
    let point = whole.len() as i64 - leading as i64;
    (1..=DISTINCT_DIGITS.min(digits.len()))
        .map(|count| round_digits(digits, count, point))
        .find(|(rounded, at)| Decimal::new(rounded.clone(), at - rounded.len() as i64).nearest() == value.abs())
        .unwrap_or_else(|| (digits.to_vec(), point))
}

/// [`shortest`] for the values most texts hold (a percentage, a rate, a count): the fewest places
/// `p` such that some integer `k` read as `k / 10^p` is `value`, in `f64`s alone. `k` is within one
/// of `value × 10^p` rounded; below 2^53 with `p` ≤ 17 both `k` and `10^p` are exact, so one
/// division rounds correctly and says whether `k / 10^p` reads back as `value`. `None` where two
/// candidates read back (the exact way then picks the nearer) or `k` would pass 2^53.
fn shortest_quickly(value: f64) -> Option<(Vec<u8>, i64)> {
    const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;
    let magnitude = value.abs();
    for places in 0..=DISTINCT_DIGITS as i32 {
        let scale = 10f64.powi(places);
        let scaled = (magnitude * scale).round();
        if scaled + 1.0 >= EXACT_INTEGERS {
            return None;
        }
        let mut reading =
            [scaled - 1.0, scaled, scaled + 1.0].into_iter().filter(|&k| k >= 0.0 && k / scale == magnitude);
        let Some(k) = reading.next() else { continue };
        if reading.next().is_some() {
            return None;
        }
        let mut digits: Vec<u8> = (k as u64).to_string().bytes().map(|d| d - b'0').collect();
        let point = digits.len() as i64 - i64::from(places);
        while digits.len() > 1 && digits.last() == Some(&0) {
            digits.pop();
        }
        return Some((digits, point));
    }
    None
}

/// `digits` (at `point`) rounded half to even to `count` significant digits, without trailing
/// zeros, and where the point then is (one further when the rounding carries: 9.96 → 10).
fn round_digits(digits: &[u8], count: usize, point: i64) -> (Vec<u8>, i64) {
    let (kept, rest) = digits.split_at(count);
    let mut kept = kept.to_vec();
    let up = match rest.first() {
        Some(&d) if d > 5 => true,
        Some(5) => rest[1..].iter().any(|&d| d > 0) || kept.last().is_some_and(|d| d % 2 == 1),
        _ => false,
    };
    let mut point = point;
    if up {
        let mut at = kept.len();
        loop {
            if at == 0 {
                kept.insert(0, 1);
                point += 1;
                break;
            }
            at -= 1;
            if kept[at] == 9 {
                kept[at] = 0;
            } else {
                kept[at] += 1;
                break;
            }
        }
    }
    while kept.len() > 1 && kept.last() == Some(&0) {
        kept.pop();
    }
    (kept, point)
}

/// A non-negative integer of any size, as 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn from(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
    }

    fn add(&mut self, n: u32) {
        let mut carry = u64::from(n);
        for limb in &mut self.0 {
            let sum = u64::from(*limb) + carry;
            *limb = sum as u32;
            carry = sum >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// The order of two values, whatever their limbs' count.
    fn cmp(&self, other: &Big) -> Ordering {
        let significant = |big: &Big| big.0.len() - big.0.iter().rev().take_while(|&&limb| limb == 0).count();
        let (a, b) = (&self.0[..significant(self)], &other.0[..significant(other)]);
        a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }

    /// `self × factor`.
    fn product(&self, factor: u64) -> Big {
        let mut limbs = Vec::with_capacity(self.0.len() + 2);
        let mut carry = 0u128;
        for &limb in &self.0 {
            let product = u128::from(limb) * u128::from(factor) + carry;
            limbs.push(product as u32);
            carry = product >> 32;
        }
        while carry > 0 {
            limbs.push(carry as u32);
            carry >>= 32;
        }
        Big(limbs)
    }

    fn times(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn shift_left(&mut self, bits: u32) {
        for _ in 0..bits / 32 {
            self.0.insert(0, 0);
        }
        let bits = bits % 32;
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = *limb << bits | carry;
                carry = next;
            }
            self.0.push(carry);
        }
    }

    fn bit(&self, at: u32) -> bool {
        self.0.get((at / 32) as usize).is_some_and(|limb| limb >> (at % 32) & 1 == 1)
    }

    /// Whether any bit below `at` is set.
    fn any_below(&self, at: u32) -> bool {
        (0..at).any(|bit| self.bit(bit))
    }

    /// `self / 2^bits`, rounded half to even.
    fn round_shift_right(&mut self, bits: u32) {
        let half = self.bit(bits - 1);
        let above_half = half && self.any_below(bits - 1);
        let limbs = (bits / 32) as usize;
        self.0.drain(..limbs.min(self.0.len()));
        let bits = bits % 32;
        if bits > 0 {
            let mut carry = 0u32;
            for limb in self.0.iter_mut().rev() {
                let next = *limb << (32 - bits);
                *limb = *limb >> bits | carry;
                carry = next;
            }
        }
        let odd = self.0.first().is_some_and(|limb| limb & 1 == 1);
        if above_half || half && odd {
            self.add_one();
        }
    }

    fn add_one(&mut self) {
        for limb in &mut self.0 {
            let (sum, overflow) = limb.overflowing_add(1);
            *limb = sum;
            if !overflow {
                return;
            }
        }
        self.0.push(1);
    }

    /// The decimal digits, without leading zeros (`"0"` for zero).
    fn decimal(mut self) -> String {
        const CHUNK: u64 = 1_000_000_000;
        let mut chunks = Vec::new();
        while self.0.iter().any(|&limb| limb != 0) {
            let mut remainder = 0u64;
            for limb in self.0.iter_mut().rev() {
                let current = remainder << 32 | u64::from(*limb);
                *limb = (current / CHUNK) as u32;
                remainder = current % CHUNK;
            }
            chunks.push(remainder as u32);
        }
        let mut text = chunks.pop().map_or_else(|| "0".to_owned(), |top| top.to_string());
        for chunk in chunks.iter().rev() {
            text.push_str(&format!("{chunk:09}"));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle is the standard library's parser: every plain decimal reads to its value.
    /// The oracle is the standard library's parser: every decimal reads to its value.
    #[test]
    fn reads_what_the_standard_parser_reads() {
        let texts = [
            "0",
            "00",
            "0.0",
            "-0",
            "85",
            "85.",
            ".5",
            "72.5",
            "+72.5",
            "-3.25",
            "100",
            "99.95",
            "56.25",
            "0.1",
            "0.3",
            "0.000001",
            "33.333333333333",
            "1234567.891",
            "9007199254740991",
            "9007199254740993",
            "0.9007199254740991",
            "72.50000000000000000000000000",
            "0.0000000000000000000001",
            "123456789012345.6",
            "0.66666666666666663",
            "1.7976931348623157",
            "123456789012345678901234567890",
            "0.30000000000000004",
        ];
        check(parse_decimal, &texts);
        let numbers = [
            "1e2",
            "1.0e+19",
            "5E-3",
            "-2.5e-1",
            "1e400",
            "-1e400",
            "1e-400",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "4.9406564584124654e-324",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "9007199254740993e0",
            "0.1e1",
            "1.e5",
            ".5e-3",
            "1e1000000000000",
            "1e-1000000000000",
            "8.98846567431158e307",
        ];
        check(parse_number, &numbers);
    }

    /// `read` gives, for each text, the very `f64` the standard library's parser gives.
    fn check(read: fn(&str) -> Option<f64>, texts: &[&str]) {
        for text in texts {
            let expected: f64 = text.parse().unwrap();
            assert_eq!(read(text).map(f64::to_bits), Some(expected.to_bits()), "{text}");
        }
    }

    /// Numbers as they come: up to 40 digits, the point anywhere, exponents to ±330.
    #[test]
    fn reads_any_number_as_the_standard_parser_reads_it() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        for _ in 0..3000 {
            let n_digits = 1 + next(40) as usize;
            let mut text: String = (0..n_digits).map(|_| char::from(b'0' + next(10) as u8)).collect();
            if next(2) == 0 {
                text.insert(next(n_digits as u64 + 1) as usize, '.');
            }
            if next(2) == 0 {
                text.push_str(&format!("e{}", next(661) as i64 - 330));
            }
            check(parse_number, &[&text]);
        }
        // Every float's shortest and longest texts read back as it.
        for value in values() {
            let texts = [format!("{value:e}"), format!("{value:.17e}"), format!("{:.30e}", value)];
            check(parse_number, &texts.each_ref().map(String::as_str));
        }
    }

    #[test]
    fn every_tenth_and_hundredth_of_a_percentage_reads_as_the_standard_parser_reads_it() {
        for hundredths in 0..=10_000u32 {
            check(parse_decimal, &[&format!("{}.{:02}", hundredths / 100, hundredths % 100)]);
        }
    }

    /// The oracle is the standard library's shortest text for a float.
    #[test]
    fn shortest_writes_what_the_standard_library_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            80.0,
            72.5,
            0.1,
            0.3,
            33.33,
            99.95,
            12.345678,
            1.0 / 3.0,
            2.0 / 3.0,
            1e20,
            1e21,
            1e300,
            0.1 + 0.2,
            0.950_000_000_000_000_1,
            123.456_789_012_345_68,
            9_007_199_254_740_993.0,
            5e-324,
            f64::MAX,
            2f64.powi(-30),
        ];
        values.extend((0..3000).map(|i| f64::from(i) * 0.0375));
        values.extend(self::values());
        for value in values {
            let (ours, standard) = (shortest(value), format!("{value}"));
            assert_eq!(ours, standard, "{value:e}");
        }
    }

    /// Values at the edges of `f64` and of rounding, then a deterministic spread of bit patterns.
    fn values() -> Vec<f64> {
        let mut values = vec![
            0.0,
            -0.0,
            0.04,
            -0.04,
            0.05,
            0.15,
            0.25,
            0.35,
            2.5,
            3.5,
            56.25,
            56.35,
            77.45,
            99.95,
            99.96,
            100.0,
            12.5,
            1.0 / 3.0,
            2.0 / 3.0,
            0.125,
            1e-7,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            -f64::MAX,
            1e15 + 0.5,
            4503599627370497.5,
            9007199254740993.0,
            1e22,
            123_456_789.987_654_33,
            612.4e6 / 1e6,
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let value = f64::from_bits(state);
            if value.is_finite() {
                values.push(value);
            }
        }
        // Ordinary figures: percentages, sizes, coordinates.
        values.extend((0..3000).map(|i| f64::from(i) * 0.0375));
        values
    }

    /// The oracle is the standard library's formatting.
    #[test]
    fn writes_what_the_standard_formatting_writes() {
        for value in values() {
            for places in 0..=DISTINCT_DIGITS {
                assert_eq!(fixed(value, places), format!("{value:.places$}"), "{value:e} to {places} places");
            }
        }
        // Every digit of the smallest and largest values, and zeros beyond.
        for value in [5e-324, f64::MIN_POSITIVE, 0.1, f64::MAX] {
            for places in [EXACT_PLACES - 1, EXACT_PLACES, EXACT_PLACES + 3] {
                assert_eq!(fixed(value, places), format!("{value:.places$}"), "{value:e} to {places} places");
            }
        }
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(fixed(value, 1), format!("{value:.1}"));
        }
    }

    #[test]
    fn trimmed_writes_the_shortest_text_for_values_with_few_decimals() {
        for value in values().into_iter().filter(|v| v.abs() < 1e11).map(|v| (v * 1000.0).round() / 1000.0) {
            assert_eq!(trimmed(value, 3), format!("{value}"), "{value:e}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        let texts = [
            "", ".", "+", "-", "inf", "NaN", " 5", "5 ", "5%", "1,5", "1.2.3", "0x10", "--1", "e5", "1e", "1e+",
            "1e5.0",
        ];
        for text in texts {
            assert_eq!(parse_number(text), None, "{text:?}");
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
        assert_eq!(parse_decimal("1e2"), None, "a setting has no exponent");
    }
}
