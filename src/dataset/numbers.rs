//! Numbers as row text, fast: rows are written by the million and their numbers are most of
//! the work. Every function writes exactly what the slower standard way writes (the tests
//! compare them); they only take shortcuts where the answer is known without the general
//! algorithm.

use std::io::Write;

/// Appends an integer in decimal.
pub fn push_integer(row: &mut Vec<u8>, value: impl itoa::Integer) {
    row.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Appends a non-negative integer below 1000 digit by digit (most counts in a row are small).
fn push_small(row: &mut Vec<u8>, value: u64) {
    debug_assert!(value < 1000);
    let digit = |d: u64| b'0' + d as u8;
    if value >= 100 {
        row.push(digit(value / 100));
    }
    if value >= 10 {
        row.push(digit(value / 10 % 10));
    }
    row.push(digit(value % 10));
}

/// Appends a feature value: whole numbers as integers, others in the shortest form that reads
/// back to the same `f64`, as `ryu` writes it (which may use an exponent, as in `1.5e-7`).
pub fn push_number(row: &mut Vec<u8>, value: f64) {
    const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.abs() < EXACT_INTEGERS {
        // `as` truncates toward zero with a plain conversion (`fract` would call libm here).
        let whole = value as i64;
        if whole as f64 == value {
            match u64::try_from(whole) {
                Ok(small) if small < 1000 => push_small(row, small),
                _ => push_integer(row, whole),
            }
            return;
        }
        if push_millionths(row, value) {
            return;
        }
    }
    row.extend_from_slice(ryu::Buffer::new().format(value).as_bytes());
}

/// Appends `value` if it is a whole number of millionths with at most 15 digits (times in ms
/// from nanosecond clocks, simple ratios) and `ryu` would write it without an exponent: such a
/// decimal is the only one of at most 15 significant digits that reads back to `value`, so it
/// is the shortest. Returns false, appending nothing, otherwise.
fn push_millionths(row: &mut Vec<u8>, value: f64) -> bool {
    const MILLION: f64 = 1_000_000.0;
    let scaled = value.abs() * MILLION;
    if scaled >= 1e15 {
        return false;
    }
    // The nearest whole number of millionths is the truncation or the one above it.
    let below = scaled as u64;
    let Some(millionths) = [below, below + 1]
        .into_iter()
        .find(|n| *n as f64 / MILLION == value.abs())
    else {
        return false;
    };
    let (mut digits, mut exponent) = (millionths, -6i32);
    while digits % 10 == 0 {
        digits /= 10;
        exponent += 1;
    }
    let mut buffer = itoa::Buffer::new();
    let text = buffer.format(digits).as_bytes();
    // Where the decimal point goes, counted from the first digit (ryu's `kk`).
    let point = text.len() as i32 + exponent;
    if point <= -5 {
        return false;
    }
    if value < 0.0 {
        row.push(b'-');
    }
    if point > 0 {
        let point = point as usize;
        row.extend_from_slice(&text[..point]);
        row.push(b'.');
        row.extend_from_slice(&text[point..]);
    } else {
        row.extend_from_slice(b"0.");
        row.extend(std::iter::repeat_n(b'0', (-point) as usize));
        row.extend_from_slice(text);
    }
    true
}

/// Appends `value` with four decimals, as `format!("{value:.4}")` writes it.
pub fn push_fixed4(row: &mut Vec<u8>, value: f64) {
    let scaled = value * 10_000.0;
    // Away from a tie, rounding the (inexact) product rounds the exact value the same way; near
    // one, and for large or negative values, the formatter decides.
    let whole = scaled as u64;
    let above = scaled - whole as f64;
    if !(0.0..1e12).contains(&scaled) || (above - 0.5).abs() < 1e-6 {
        write!(row, "{value:.4}").expect("writing to memory");
        return;
    }
    let rounded = whole + u64::from(above > 0.5);
    push_integer(row, rounded / 10_000);
    row.push(b'.');
    let fraction = rounded % 10_000;
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(fraction);
    row.extend(std::iter::repeat_n(b'0', 4 - digits.len()));
    row.extend_from_slice(digits.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn number(value: f64) -> String {
        let mut row = Vec::new();
        push_number(&mut row, value);
        String::from_utf8(row).unwrap()
    }

    /// What `push_number` must write: an integer, or `ryu`'s shortest form.
    fn expected(value: f64) -> String {
        if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
            (value as i64).to_string()
        } else {
            ryu::Buffer::new().format(value).to_string()
        }
    }

    #[test]
    fn numbers_are_written_short_and_read_back_exactly() {
        for value in [
            0.0,
            -0.0,
            3.0,
            -17.0,
            999.0,
            1000.0,
            0.1,
            3.74,
            1.0 / 3.0,
            1.5e-5,
            1.5e-7,
            0.00001,
            0.000001,
            123456789.125,
            9.1e15,
            -2.5e300,
            1e15,
            999999999.999999,
            -0.5,
        ] {
            let text = number(value);
            assert_eq!(text, expected(value), "{value}");
            assert_eq!(text.parse::<f64>().unwrap(), value, "{text}");
        }
        assert_eq!(number(42.0), "42");
    }

    proptest! {
        #[test]
        fn times_from_nanoseconds_are_written_as_ryu_writes_them(nanos in 0u64..(1 << 53), shift in 0u32..50) {
            let value = (nanos >> shift) as f64 / 1_000_000.0;
            prop_assert_eq!(number(value), expected(value));
            prop_assert_eq!(number(-value), expected(-value));
        }

        #[test]
        fn ratios_and_any_other_values_are_written_as_ryu_writes_them(part in 0u32..5000, whole in 1u32..5000, bits: u64) {
            let ratio = f64::from(part) / f64::from(whole);
            prop_assert_eq!(number(ratio), expected(ratio));
            let any = f64::from_bits(bits);
            if any.is_finite() {
                prop_assert_eq!(number(any), expected(any));
            }
        }

        #[test]
        fn four_decimals_as_the_formatter_writes_them(part in 0u32..3000, whole in 1u32..3000, bits: u64) {
            for value in [f64::from(part) / f64::from(whole), f64::from_bits(bits)] {
                let mut row = Vec::new();
                push_fixed4(&mut row, value);
                prop_assert_eq!(String::from_utf8(row).unwrap(), format!("{value:.4}"));
            }
        }
    }

    #[test]
    fn four_decimals_at_ties_and_edges() {
        for value in [
            0.0,
            1.0,
            0.5,
            0.00005,
            0.00015,
            0.99995,
            2.0 / 3.0,
            1e-9,
            123.45675,
            -0.25,
        ] {
            let mut row = Vec::new();
            push_fixed4(&mut row, value);
            assert_eq!(
                String::from_utf8(row).unwrap(),
                format!("{value:.4}"),
                "{value}"
            );
        }
    }
}
