//! Decimals read and written without the standard library's float machinery, which is about
//! 30 KB of code and tables in the page's module for forms the page never meets.
//!
//! - [`parse_decimal`] reads a plain decimal as a person types one in a setting (`85`, `72.5`,
//!   `+0.25`) to the same `f64` the standard parser gives. Such a number whose digits fit in
//!   `f64`'s 53-bit mantissa, with at most 22 places after the point, is an integer divided by an
//!   exact power of ten, and one IEEE division of two exact values is correctly rounded: the
//!   very `f64` the full parser finds. Exponents, `inf` and 40-digit numbers are not settings.
//! - [`fixed`] writes an `f64` with a given number of places, the text `format!("{:.N}")`
//!   writes: the exact binary value, rounded half to even (C's and Go's `%.Nf` round so too).
//!   It works on the value's integer mantissa and exponent with a small big integer, exactly.
//! - [`trimmed`] is [`fixed`] without trailing zeros: `72.5`, `100`; [`shortest`] the fewest
//!   decimals that read back as the value, as `format!("{value}")` writes it.

/// The largest power of ten an `f64` holds exactly.
const EXACT_POWERS: usize = 22;

/// The digits' value may not reach 2^53, beyond which an `f64` skips integers.
const MANTISSA_LIMIT: u64 = 1 << 53;

/// `text` read as `[+-]digits[.digits]` (either side of the point may be empty, not both), or
/// `None` for anything else: exponents, `inf`, `NaN`, spaces, or more significant digits than
/// an `f64` holds exactly (about 15).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > EXACT_POWERS {
        return None;
    }
    let mut mantissa: u64 = 0;
    for digit in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(digit - b'0'))?;
        if mantissa >= MANTISSA_LIMIT {
            return None;
        }
    }
    let value = mantissa as f64 / 10f64.powi(fraction.len() as i32);
    Some(if negative { -value } else { value })
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
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // value = mantissa × 2^exponent, exactly.
    let (mantissa, exponent) = match biased {
        0 => (fraction, -1074),
        _ => (fraction | 1 << 52, biased - 1075),
    };
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

/// The fewest decimals that read back as `value`: `"80"`, `"72.5"`, `"0.1"`, the text
/// `format!("{value}")` writes whenever [`parse_decimal`] reads that (at most 15 significant
/// digits and 22 places: every setting, percentage and count); otherwise 17 significant digits,
/// which read back as `value` too.
pub fn shortest(value: f64) -> String {
    if !value.is_finite() {
        return fixed(value, 0);
    }
    let significant = |text: &str| text.bytes().filter(u8::is_ascii_digit).skip_while(|&d| d == b'0').count();
    // A value below 1 has at least (-log2(value) - 1)·log10(2) zeros after its point: start there.
    let binary_exponent = ((value.to_bits() >> 52) & 0x7ff) as i64 - 1023;
    let mut places = if binary_exponent < 0 { ((-binary_exponent - 1) * 30_103 / 100_000) as usize } else { 0 };
    loop {
        let text = trimmed(value, places);
        if parse_decimal(&text) == Some(value) || significant(&text) >= DISTINCT_DIGITS || places == EXACT_PLACES {
            return text;
        }
        places += 1;
    }
}

/// A non-negative integer of any size, as 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn from(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
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
    #[test]
    fn reads_what_the_standard_parser_reads() {
        let texts = [
            "0",
            "00",
            "0.0",
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
            "0.9007199254740991",
            "72.50000000000000000000000000",
            "0.0000000000000000000001",
            "123456789012345.6",
        ];
        for text in texts {
            let expected: f64 = text.parse().unwrap();
            assert_eq!(parse_decimal(text).map(f64::to_bits), Some(expected.to_bits()), "{text}");
        }
    }

    #[test]
    fn every_tenth_and_hundredth_of_a_percentage_reads_as_the_standard_parser_reads_it() {
        for hundredths in 0..=10_000u32 {
            let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
            assert_eq!(parse_decimal(&text), text.parse().ok(), "{text}");
        }
    }

    /// The oracle is the standard library's shortest text for a float.
    #[test]
    fn shortest_writes_what_the_standard_library_writes() {
        let mut values =
            vec![0.0, 80.0, 72.5, 0.1, 0.3, 33.33, 99.95, 12.345678, 1.0 / 3.0, 2.0 / 3.0, 1e20, 0.1 + 0.2];
        values.extend((0..3000).map(|i| f64::from(i) * 0.0375));
        values.extend(super::tests::values());
        for value in values {
            let (ours, standard) = (shortest(value), format!("{value}"));
            if parse_decimal(&standard) == Some(value) {
                assert_eq!(ours, standard, "{value:e}");
            }
            assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(value.to_bits()), "{value:e} written {ours}");
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
    fn refuses_what_is_not_a_plain_decimal_or_too_long_to_be_exact() {
        let texts = [
            "",
            ".",
            "+",
            "-",
            "1e2",
            "inf",
            "NaN",
            " 5",
            "5 ",
            "5%",
            "1,5",
            "1.2.3",
            "0x10",
            "--1",
            "9007199254740992",
            "0.00000000000000000000001",
        ];
        for text in texts {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }
}
