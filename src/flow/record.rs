//! A finished flow as the rest of the program sees it: its identifiers and its feature vector.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Transport protocol of a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Tcp,
    Udp,
}

impl Transport {
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Tcp => "tcp",
            Transport::Udp => "udp",
        }
    }

    pub fn parse(text: &str) -> Option<Transport> {
        match text.trim().to_ascii_lowercase().as_str() {
            "tcp" => Some(Transport::Tcp),
            "udp" => Some(Transport::Udp),
            _ => None,
        }
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A point in capture time, in nanoseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Whole microseconds since the epoch, truncated toward minus infinity.
    pub fn micros(self) -> i64 {
        self.0.div_euclid(1_000)
    }

    /// Parses `SECONDS.FRACTION` (as written by [`Timestamp`]'s `Display`) exactly, without floats.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (seconds, fraction) = text.split_once('.').unwrap_or((text, ""));
        if seconds.is_empty() || fraction.len() > 9 {
            return None;
        }
        if !seconds
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let seconds: i64 = seconds.parse().ok()?;
        let mut nanos: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().ok()?
        };
        for _ in fraction.len()..9 {
            nanos *= 10;
        }
        let total = seconds.checked_mul(1_000_000_000)?.checked_add(nanos)?;
        Some(Timestamp(if negative { -total } else { total }))
    }
}

/// Unix seconds with exactly six decimals, truncated to the microsecond.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let micros = self.micros();
        let seconds = micros.div_euclid(1_000_000);
        let fraction = micros.rem_euclid(1_000_000);
        write!(f, "{seconds}.{fraction:06}")
    }
}

/// Who talked to whom: the initiator (`src`) and the responder (`dst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlowEndpoints {
    pub transport: Transport,
    pub src_ip: IpAddr,
    pub src_port: u16,
    pub dst_ip: IpAddr,
    pub dst_port: u16,
}

/// One finished flow: identifiers first, then the features in the order of the feature schema.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRecord {
    /// The capture it came from, as the user named it (or `-` for standard input).
    pub capture: Arc<str>,
    pub endpoints: FlowEndpoints,
    pub start: Timestamp,
    pub end: Timestamp,
    pub packets: u64,
    /// Bytes at the IP layer, from the IP headers (independent of snaplen and link type).
    pub bytes: u64,
    pub features: Vec<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_prints_truncated_microseconds() {
        assert_eq!(
            Timestamp(1_700_000_000_123_456_999).to_string(),
            "1700000000.123456"
        );
        assert_eq!(Timestamp(-1).to_string(), "-1.999999");
    }

    #[test]
    fn timestamp_parses_what_it_prints_and_rejects_junk() {
        let t = Timestamp::parse("1700000000.123456").unwrap();
        assert_eq!(t, Timestamp(1_700_000_000_123_456_000));
        assert_eq!(Timestamp::parse("12").unwrap(), Timestamp(12_000_000_000));
        assert_eq!(Timestamp::parse("1.5").unwrap(), Timestamp(1_500_000_000));
        assert!(Timestamp::parse("1.2.3").is_none());
        assert!(Timestamp::parse("abc").is_none());
        assert!(Timestamp::parse("1.1234567890").is_none());
    }
}
