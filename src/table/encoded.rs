//! Rows as bytes, so that rows computed on worker threads can travel through the channels CSV
//! rows take to the one thread that writes the output (the spool files of parallel captures,
//! `-j N`'s ordered queue) and be read back exactly: each value is a tag and its bytes (floats
//! by their bits), each row a frame that starts with its length.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{Row, Value};
use crate::packet::Timestamp;

const TEXT: u8 = 0;
const IPV4: u8 = 1;
const IPV6: u8 = 2;
const PORT: u8 = 3;
const COUNT: u8 = 4;
const TIME: u8 = 5;
const NUMBER: u8 = 6;
const NULL: u8 = 7;

/// Appends `row` to `out` as one frame.
pub fn encode_row(row: &dyn Row, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    row.values(&mut |value| encode_value(value, out));
    let length = u32::try_from(out.len() - start - 4).expect("a row under 4 GiB");
    out[start..start + 4].copy_from_slice(&length.to_le_bytes());
}

fn encode_value(value: Value<'_>, out: &mut Vec<u8>) {
    match value {
        Value::Text(text) => {
            out.push(TEXT);
            let length = u32::try_from(text.len()).expect("a text under 4 GiB");
            out.extend_from_slice(&length.to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        Value::Address(IpAddr::V4(ip)) => {
            out.push(IPV4);
            out.extend_from_slice(&ip.octets());
        }
        Value::Address(IpAddr::V6(ip)) => {
            out.push(IPV6);
            out.extend_from_slice(&ip.octets());
        }
        Value::Port(port) => {
            out.push(PORT);
            out.extend_from_slice(&port.to_le_bytes());
        }
        Value::Count(count) => {
            out.push(COUNT);
            out.extend_from_slice(&count.to_le_bytes());
        }
        Value::Time(time) => {
            out.push(TIME);
            out.extend_from_slice(&time.0.to_le_bytes());
        }
        Value::Number(number) => {
            out.push(NUMBER);
            out.extend_from_slice(&number.to_bits().to_le_bytes());
        }
        Value::Null => out.push(NULL),
    }
}

/// The first whole frame at the start of `bytes`: the row, and the bytes after it; `None` until
/// the whole frame is there.
pub fn next_row(bytes: &[u8]) -> Option<(EncodedRow<'_>, &[u8])> {
    let (length, rest) = bytes.split_first_chunk::<4>()?;
    let length = u32::from_le_bytes(*length) as usize;
    if rest.len() < length {
        return None;
    }
    let (row, rest) = rest.split_at(length);
    Some((EncodedRow(row), rest))
}

/// The values of one frame. Bytes that are not whole values end the values early, which a
/// [`super::BatchBuilder`] refuses as a row of the wrong length.
#[derive(Debug, Clone, Copy)]
pub struct EncodedRow<'a>(&'a [u8]);

impl Row for EncodedRow<'_> {
    fn values(&self, each: &mut dyn FnMut(Value<'_>)) {
        let mut bytes = self.0;
        while let Some(value) = decode_value(&mut bytes) {
            each(value);
        }
    }
}

/// Takes `N` bytes off the front of `bytes`.
fn take<const N: usize>(bytes: &mut &[u8]) -> Option<[u8; N]> {
    let (head, rest) = bytes.split_first_chunk::<N>()?;
    *bytes = rest;
    Some(*head)
}

/// The value at the front of `bytes`, taken off it.
fn decode_value<'a>(bytes: &mut &'a [u8]) -> Option<Value<'a>> {
    let [tag] = take::<1>(bytes)?;
    Some(match tag {
        TEXT => {
            let length = u32::from_le_bytes(take(bytes)?) as usize;
            if bytes.len() < length {
                return None;
            }
            let (text, rest) = bytes.split_at(length);
            *bytes = rest;
            Value::Text(std::str::from_utf8(text).ok()?)
        }
        IPV4 => Value::Address(Ipv4Addr::from(take::<4>(bytes)?).into()),
        IPV6 => Value::Address(Ipv6Addr::from(take::<16>(bytes)?).into()),
        PORT => Value::Port(u16::from_le_bytes(take(bytes)?)),
        COUNT => Value::Count(u64::from_le_bytes(take(bytes)?)),
        TIME => Value::Time(Timestamp(i64::from_le_bytes(take(bytes)?))),
        NUMBER => Value::Number(f64::from_bits(u64::from_le_bytes(take(bytes)?))),
        NULL => Value::Null,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::tests::Values;

    /// The values as their `Debug` writes them, which tells every float (and -0.0) apart.
    fn decoded(row: EncodedRow<'_>) -> Vec<String> {
        let mut values = Vec::new();
        row.values(&mut |v| values.push(format!("{v:?}")));
        values
    }

    #[test]
    fn rows_read_back_value_for_value_across_split_writes() {
        let rows = [
            Values(vec![
                Value::Text("a,\"b\".pcap"),
                Value::Address("10.1.2.3".parse().unwrap()),
                Value::Address("fd00::1".parse().unwrap()),
                Value::Port(65535),
                Value::Count(u64::MAX),
                Value::Time(Timestamp(-1_234_567)),
            ]),
            Values(vec![
                Value::Number(1.0 / 3.0),
                Value::Number(-0.0),
                Value::Number(f64::MIN_POSITIVE),
                Value::Null,
                Value::Text(""),
            ]),
        ];
        let mut bytes = Vec::new();
        for row in &rows {
            encode_row(row, &mut bytes);
        }
        let expected: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.0.iter().map(|v| format!("{v:?}")).collect())
            .collect();
        let (first, rest) = next_row(&bytes).unwrap();
        assert_eq!(decoded(first), expected[0]);
        assert!(
            next_row(&rest[..rest.len() - 1]).is_none(),
            "a frame cut short is not a row yet"
        );
        let (second, rest) = next_row(rest).unwrap();
        assert_eq!(decoded(second), expected[1]);
        assert!(rest.is_empty());
    }

    #[test]
    fn damaged_values_end_the_row_early() {
        let mut bytes = Vec::new();
        encode_row(
            &Values(vec![Value::Port(1), Value::Text("abc")]),
            &mut bytes,
        );
        let cut = bytes.len() - 1;
        bytes[..4].copy_from_slice(&(cut as u32 - 4).to_le_bytes());
        let (row, _) = next_row(&bytes[..cut]).unwrap();
        assert_eq!(decoded(row), ["Port(1)"]);
        bytes[4] = 99;
        let (row, _) = next_row(&bytes[..cut]).unwrap();
        assert!(decoded(row).is_empty(), "an unknown tag ends the row");
    }
}
