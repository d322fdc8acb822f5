//! The per-flow features: what is measured, in which unit, and the one-pass accumulator
//! that measures it.
//!
//! Every feature is declared exactly once, in [`FlowFeatures::describe`], right beside the
//! code in [`FlowFeatures::emit`] that writes its value; the CSV header, `flowclass features` and
//! the model's schema all come from that declaration. Ports and addresses are never features.
//!
//! Values are always finite: a statistic over no values is 0, a share with an empty
//! denominator is 0, a rate over a zero duration is 0, and a first-N slot past the end of the
//! flow holds 0 (sizes) or -1 (gaps). Times are in milliseconds.

mod stats;

pub use stats::RunningStats;

use serde::{Deserialize, Serialize};

use crate::packet::Timestamp;

/// One feature: its column name, unit and meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureDef {
    pub name: String,
    pub unit: String,
    pub meaning: String,
}

/// Which way a packet travels within its flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the initiator (`src`) to the responder.
    Forward,
    /// From the responder back to the initiator.
    Backward,
}

/// What the features need to know about one packet.
#[derive(Debug, Clone, Copy)]
pub struct PacketObservation {
    pub time: Timestamp,
    pub direction: Direction,
    /// IP-layer length from the IP header.
    pub ip_len: u32,
    /// Transport payload length from the headers.
    pub payload_len: u32,
    /// TCP flags (0 for UDP).
    pub tcp_flags: u8,
}

pub use crate::packet::tcp_flags;

/// Settings that change what the features mean; they are part of a model's schema, so a
/// setting this flowclass does not know is an error, never silently left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureSettings {
    /// How many leading packets get their own size and gap columns.
    pub first_n: usize,
    /// Measure only the first this-many packets of each flow (early classification).
    pub packet_limit: Option<u64>,
    /// Measure each flow only up to its this-many-th payload-carrying packet (early
    /// classification that does not count TCP handshakes and bare acknowledgements). Left out of
    /// model files that do not set it. With both limits set, a flow ends at whichever comes first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_packet_limit: Option<u64>,
}

impl Default for FeatureSettings {
    fn default() -> Self {
        FeatureSettings {
            first_n: 10,
            packet_limit: None,
            payload_packet_limit: None,
        }
    }
}

/// A class of payload sizes, by its largest size.
struct SizeClass {
    name: &'static str,
    range: &'static str,
    largest: u32,
}

/// Payload size classes. Tiny payloads (under 22 bytes) cannot be TLS records — a TLS 1.3 record
/// carries at least a 5-byte header, a content type and a 16-byte tag — while BitTorrent's control
/// messages (keep-alive 4, have 9, request 17 bytes) stay that small even under MSE encryption,
/// which adds no bytes.
const SIZE_CLASSES: [SizeClass; 4] = [
    SizeClass {
        name: "tiny",
        range: "1-21",
        largest: 21,
    },
    SizeClass {
        name: "small",
        range: "22-99",
        largest: 99,
    },
    SizeClass {
        name: "medium",
        range: "100-999",
        largest: 999,
    },
    SizeClass {
        name: "large",
        range: "1000 or more",
        largest: u32::MAX,
    },
];

/// A gap longer than this counts as an idle period.
const IDLE_GAP_MS: f64 = 1_000.0;

const NANOS_PER_MS: f64 = 1_000_000.0;

/// Sizes and gaps of one direction (or of both together).
#[derive(Debug, Clone, Default)]
struct DirectionStats {
    packets: u64,
    ip_bytes: u64,
    payload_bytes: u64,
    payload_packets: u64,
    /// Payload-carrying packets by size: [`SIZE_CLASSES`].
    size_classes: [u64; SIZE_CLASSES.len()],
    /// Sizes of the packets that carry payload (pure ACKs left out: how often a stack
    /// acknowledges is not the application's shape).
    payload: RunningStats,
    gaps_ms: RunningStats,
    last_time: Option<Timestamp>,
}

impl DirectionStats {
    fn update(&mut self, packet: &PacketObservation) {
        self.packets += 1;
        self.ip_bytes += u64::from(packet.ip_len);
        self.payload_bytes += u64::from(packet.payload_len);
        if packet.payload_len > 0 {
            self.payload_packets += 1;
            self.payload.push(f64::from(packet.payload_len));
            let class = SIZE_CLASSES
                .iter()
                .position(|c| packet.payload_len <= c.largest)
                .unwrap_or(SIZE_CLASSES.len() - 1);
            self.size_classes[class] += 1;
        }
        if let Some(last) = self.last_time {
            self.gaps_ms.push(gap_ms(last, packet.time));
        }
        self.last_time = Some(packet.time);
    }

    fn describe(prefix: &str, who: &str, out: &mut Vec<FeatureDef>) {
        let mut add = |suffix: &str, unit: &str, meaning: String| {
            out.push(FeatureDef {
                name: format!("{prefix}_{suffix}"),
                unit: unit.into(),
                meaning,
            });
        };
        add("packets", "packets", format!("packets {who}"));
        add("bytes", "bytes", format!("IP-layer bytes {who}"));
        add(
            "payload_bytes",
            "bytes",
            format!("transport payload bytes {who}"),
        );
        add(
            "payload_share",
            "ratio",
            format!("share of packets {who} that carry payload"),
        );
        for stat in ["min", "max", "mean", "std"] {
            add(
                &format!("payload_{stat}"),
                "bytes",
                format!("{stat} payload size of the payload-carrying packets {who}"),
            );
        }
        for class in &SIZE_CLASSES {
            add(
                &format!("{}_payload_share", class.name),
                "ratio",
                format!(
                    "share of payload-carrying packets {who} with {} bytes of payload",
                    class.range
                ),
            );
        }
        for stat in ["min", "max", "mean", "std"] {
            add(
                &format!("iat_{stat}"),
                "ms",
                format!("{stat} gap between consecutive packets {who}"),
            );
        }
        add(
            "iat_cv",
            "ratio",
            format!("coefficient of variation (std / mean) of the gaps between packets {who}; 0 without gaps"),
        );
    }

    fn emit(&self, out: &mut Vec<f64>) {
        out.extend_from_slice(&[
            self.packets as f64,
            self.ip_bytes as f64,
            self.payload_bytes as f64,
            share(self.payload_packets as f64, self.packets as f64),
            self.payload.min(),
            self.payload.max(),
            self.payload.mean(),
            self.payload.std_dev(),
        ]);
        out.extend(
            self.size_classes
                .iter()
                .map(|n| share(*n as f64, self.payload_packets as f64)),
        );
        out.extend_from_slice(&[
            self.gaps_ms.min(),
            self.gaps_ms.max(),
            self.gaps_ms.mean(),
            self.gaps_ms.std_dev(),
            share(self.gaps_ms.std_dev(), self.gaps_ms.mean()),
        ]);
    }
}

/// Runs of payload-carrying packets in one direction; pure ACKs neither start nor end a burst.
#[derive(Debug, Clone, Default)]
struct Bursts {
    current_direction: Option<Direction>,
    current_packets: u64,
    current_bytes: u64,
    direction_changes: u64,
    payload_packets: u64,
    /// Packets and bytes per burst: of all bursts, of the initiator's, of the responder's.
    packets: [RunningStats; 3],
    bytes: [RunningStats; 3],
    /// Payload bytes of the first [`FIRST_BURSTS`] bursts, negative for the responder's.
    first_bytes: [f64; FIRST_BURSTS],
}

/// Leading bursts whose sizes are features of their own: the opening messages of a conversation
/// (a request and its response, a handshake and its answer), however the stack cut them into
/// packets.
const FIRST_BURSTS: usize = 6;

impl Bursts {
    fn update(&mut self, packet: &PacketObservation) {
        if packet.payload_len == 0 {
            return;
        }
        self.payload_packets += 1;
        if self.current_direction != Some(packet.direction) {
            if self.current_direction.is_some() {
                self.direction_changes += 1;
            }
            self.close_current();
            self.current_direction = Some(packet.direction);
        }
        self.current_packets += 1;
        self.current_bytes += u64::from(packet.payload_len);
    }

    fn close_current(&mut self) {
        if let Some(direction) = self.current_direction.filter(|_| self.current_packets > 0) {
            let side = match direction {
                Direction::Forward => 1,
                Direction::Backward => 2,
            };
            let index = self.packets[0].count() as usize;
            if let Some(slot) = self.first_bytes.get_mut(index) {
                let bytes = self.current_bytes as f64;
                *slot = match direction {
                    Direction::Forward => bytes,
                    Direction::Backward => -bytes,
                };
            }
            for i in [0, side] {
                self.packets[i].push(self.current_packets as f64);
                self.bytes[i].push(self.current_bytes as f64);
            }
        }
        self.current_packets = 0;
        self.current_bytes = 0;
    }

    fn describe(out: &mut Vec<FeatureDef>) {
        let mut add = |name: String, unit: &str, meaning: String| {
            out.push(FeatureDef {
                name,
                unit: unit.into(),
                meaning,
            });
        };
        add(
            "direction_changes".into(),
            "count",
            "times the sender of payload switched sides".into(),
        );
        add(
            "direction_change_rate".into(),
            "ratio",
            "direction changes per payload-carrying packet: 1 for strict ping-pong, near 0 for one-way streams".into(),
        );
        add(
            "bursts".into(),
            "count",
            "runs of payload-carrying packets in one direction".into(),
        );
        for (prefix, whose) in [
            ("", ""),
            ("fwd_", " of the initiator"),
            ("bwd_", " of the responder"),
        ] {
            add(
                format!("{prefix}burst_packets_mean"),
                "packets",
                format!("mean payload packets per burst{whose}"),
            );
            add(
                format!("{prefix}burst_packets_max"),
                "packets",
                format!("most payload packets in one burst{whose}"),
            );
            add(
                format!("{prefix}burst_bytes_mean"),
                "bytes",
                format!("mean payload bytes per burst{whose}"),
            );
            add(
                format!("{prefix}burst_bytes_max"),
                "bytes",
                format!("most payload bytes in one burst{whose}"),
            );
        }
        for i in 1..=FIRST_BURSTS {
            add(
                format!("first_burst_bytes_{i}"),
                "bytes",
                format!(
                    "payload bytes of the {} burst, negative when sent by the responder; 0 past the end",
                    ordinal(i)
                ),
            );
        }
    }

    fn emit(&self, out: &mut Vec<f64>) {
        let mut closed = self.clone();
        closed.close_current();
        out.extend_from_slice(&[
            closed.direction_changes as f64,
            share(
                closed.direction_changes as f64,
                closed.payload_packets as f64,
            ),
            closed.packets[0].count() as f64,
        ]);
        for (packets, bytes) in closed.packets.iter().zip(&closed.bytes) {
            out.extend_from_slice(&[packets.mean(), packets.max(), bytes.mean(), bytes.max()]);
        }
        out.extend_from_slice(&closed.first_bytes);
    }
}

/// Counts of TCP flags.
#[derive(Debug, Clone, Default)]
struct FlagCounts {
    syn: u64,
    fin: u64,
    rst: u64,
    psh: u64,
    urg: u64,
    pure_ack: u64,
}

impl FlagCounts {
    fn update(&mut self, packet: &PacketObservation) {
        use tcp_flags::*;
        let flags = packet.tcp_flags;
        self.syn += u64::from(flags & SYN != 0);
        self.fin += u64::from(flags & FIN != 0);
        self.rst += u64::from(flags & RST != 0);
        self.psh += u64::from(flags & PSH != 0);
        self.urg += u64::from(flags & URG != 0);
        self.pure_ack += u64::from(
            flags & (SYN | FIN | RST) == 0 && flags & ACK != 0 && packet.payload_len == 0,
        );
    }

    fn describe(out: &mut Vec<FeatureDef>) {
        for (flag, meaning) in [
            ("syn", "packets with SYN set"),
            ("fin", "packets with FIN set"),
            ("rst", "packets with RST set"),
            ("psh", "packets with PSH set"),
            ("urg", "packets with URG set"),
            (
                "pure_ack",
                "packets that only acknowledge (ACK, no payload, no SYN/FIN/RST)",
            ),
        ] {
            out.push(FeatureDef {
                name: format!("tcp_{flag}"),
                unit: "packets".into(),
                meaning: meaning.into(),
            });
        }
    }

    fn emit(&self, out: &mut Vec<f64>) {
        out.extend(
            [
                self.syn,
                self.fin,
                self.rst,
                self.psh,
                self.urg,
                self.pure_ack,
            ]
            .map(|v| v as f64),
        );
    }
}

/// The signed payload sizes and gaps of the first N packets.
#[derive(Debug, Clone)]
struct FirstPackets {
    sizes: Vec<f64>,
    gaps_ms: Vec<f64>,
    capacity: usize,
    last_time: Option<Timestamp>,
}

impl FirstPackets {
    fn new(capacity: usize) -> Self {
        FirstPackets {
            sizes: Vec::with_capacity(capacity),
            gaps_ms: Vec::with_capacity(capacity),
            capacity,
            last_time: None,
        }
    }

    /// Records the leading payload-carrying packets; handshakes and pure ACKs take no slot, so
    /// the slots hold what the application said first.
    fn update(&mut self, packet: &PacketObservation) {
        if packet.payload_len == 0 || self.sizes.len() >= self.capacity {
            return;
        }
        let size = f64::from(packet.payload_len);
        self.sizes.push(match packet.direction {
            Direction::Forward => size,
            Direction::Backward => -size,
        });
        if let Some(last) = self.last_time {
            self.gaps_ms.push(gap_ms(last, packet.time));
        }
        self.last_time = Some(packet.time);
    }

    fn describe(first_n: usize, out: &mut Vec<FeatureDef>) {
        for i in 1..=first_n {
            out.push(FeatureDef {
                name: format!("first_size_{i}"),
                unit: "bytes".into(),
                meaning: format!(
                    "payload size of the {} payload-carrying packet, negative when sent by the responder; 0 past the end",
                    ordinal(i)
                ),
            });
        }
        for i in 2..=first_n {
            out.push(FeatureDef {
                name: format!("first_iat_{i}"),
                unit: "ms".into(),
                meaning: format!(
                    "gap between the {} and the {} payload-carrying packets; -1 past the end",
                    ordinal(i - 1),
                    ordinal(i)
                ),
            });
        }
    }

    fn emit(&self, out: &mut Vec<f64>) {
        out.extend(
            self.sizes
                .iter()
                .copied()
                .chain(std::iter::repeat(0.0))
                .take(self.capacity),
        );
        out.extend(
            self.gaps_ms
                .iter()
                .copied()
                .chain(std::iter::repeat(-1.0))
                .take(self.capacity.saturating_sub(1)),
        );
    }
}

/// Everything measured about one flow, updated once per packet in O(1) (plus the first-N slots).
#[derive(Debug, Clone)]
pub struct FlowFeatures {
    is_udp: bool,
    packet_limit: Option<u64>,
    payload_packet_limit: Option<u64>,
    first_time: Option<Timestamp>,
    last_time: Option<Timestamp>,
    all: DirectionStats,
    forward: DirectionStats,
    backward: DirectionStats,
    bursts: Bursts,
    flags: FlagCounts,
    idle_gaps: u64,
    idle_ms: f64,
    first: FirstPackets,
}

impl FlowFeatures {
    pub fn new(is_udp: bool, settings: &FeatureSettings) -> Self {
        FlowFeatures {
            is_udp,
            packet_limit: settings.packet_limit,
            payload_packet_limit: settings.payload_packet_limit,
            first_time: None,
            last_time: None,
            all: DirectionStats::default(),
            forward: DirectionStats::default(),
            backward: DirectionStats::default(),
            bursts: Bursts::default(),
            flags: FlagCounts::default(),
            idle_gaps: 0,
            idle_ms: 0.0,
            first: FirstPackets::new(settings.first_n),
        }
    }

    /// Adds one packet; packets past either limit of the settings are ignored.
    pub fn update(&mut self, packet: &PacketObservation) {
        if self.limit_reached() {
            return;
        }
        let gap = self.last_time.map(|last| gap_ms(last, packet.time));
        if let Some(gap) = gap.filter(|gap| *gap > IDLE_GAP_MS) {
            self.idle_gaps += 1;
            self.idle_ms += gap;
        }
        self.first_time.get_or_insert(packet.time);
        // Time that goes backwards never moves the flow's clock back.
        self.last_time = Some(
            self.last_time
                .map_or(packet.time, |last| last.max(packet.time)),
        );
        self.all.update(packet);
        match packet.direction {
            Direction::Forward => self.forward.update(packet),
            Direction::Backward => self.backward.update(packet),
        }
        self.bursts.update(packet);
        self.flags.update(packet);
        self.first.update(packet);
    }

    /// Whether the flow has had all the packets its settings let it measure (never, without an
    /// early-classification limit): its features will not change any more.
    pub fn limit_reached(&self) -> bool {
        self.packet_limit
            .is_some_and(|limit| self.all.packets >= limit)
            || self
                .payload_packet_limit
                .is_some_and(|limit| self.all.payload_packets >= limit)
    }

    /// Every feature's name, unit and meaning, in column order.
    pub fn describe(settings: &FeatureSettings) -> Vec<FeatureDef> {
        let mut out = Vec::new();
        let mut add = |name: &str, unit: &str, meaning: &str| {
            out.push(FeatureDef {
                name: name.into(),
                unit: unit.into(),
                meaning: meaning.into(),
            });
        };
        add("transport_udp", "flag", "1 for UDP, 0 for TCP");
        add("duration", "ms", "time from the first to the last packet");
        add(
            "bwd_payload_byte_share",
            "ratio",
            "share of payload bytes sent by the responder",
        );
        add(
            "bwd_packet_share",
            "ratio",
            "share of packets sent by the responder",
        );
        add(
            "packets_per_second",
            "1/s",
            "packets per second over the flow's duration; 0 if it lasted no time",
        );
        add(
            "payload_bytes_per_second",
            "bytes/s",
            "payload bytes per second; 0 if it lasted no time",
        );
        add(
            "idle_gaps",
            "count",
            "gaps longer than 1 s between consecutive packets",
        );
        add(
            "idle_share",
            "ratio",
            "share of the duration spent in gaps longer than 1 s",
        );
        DirectionStats::describe("all", "in both directions", &mut out);
        DirectionStats::describe("fwd", "from the initiator", &mut out);
        DirectionStats::describe("bwd", "from the responder", &mut out);
        Bursts::describe(&mut out);
        FlagCounts::describe(&mut out);
        FirstPackets::describe(settings.first_n, &mut out);
        out
    }

    /// The feature vector, in the order of [`FlowFeatures::describe`].
    pub fn emit(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(64 + 2 * self.first.capacity);
        let duration_ms = match (self.first_time, self.last_time) {
            (Some(first), Some(last)) => gap_ms(first, last),
            _ => 0.0,
        };
        let duration_s = duration_ms / 1_000.0;
        let rate = |amount: f64| {
            if duration_s > 0.0 {
                amount / duration_s
            } else {
                0.0
            }
        };
        out.extend_from_slice(&[
            f64::from(u8::from(self.is_udp)),
            duration_ms,
            share(
                self.backward.payload_bytes as f64,
                self.all.payload_bytes as f64,
            ),
            share(self.backward.packets as f64, self.all.packets as f64),
            rate(self.all.packets as f64),
            rate(self.all.payload_bytes as f64),
            self.idle_gaps as f64,
            share(self.idle_ms, duration_ms).min(1.0),
        ]);
        self.all.emit(&mut out);
        self.forward.emit(&mut out);
        self.backward.emit(&mut out);
        self.bursts.emit(&mut out);
        self.flags.emit(&mut out);
        self.first.emit(&mut out);
        out
    }
}

/// Milliseconds from `earlier` to `later`; a clock that went backwards gives 0.
fn gap_ms(earlier: Timestamp, later: Timestamp) -> f64 {
    (later.0.saturating_sub(earlier.0)).max(0) as f64 / NANOS_PER_MS
}

/// "1st", "2nd", "3rd", "4th", …
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;

    fn packet(ms: i64, direction: Direction, payload: u32, flags: u8) -> PacketObservation {
        PacketObservation {
            time: Timestamp(ms * 1_000_000),
            direction,
            ip_len: payload + 40,
            payload_len: payload,
            tcp_flags: flags,
        }
    }

    fn value(features: &[f64], settings: &FeatureSettings, name: &str) -> f64 {
        let index = FlowFeatures::describe(settings)
            .iter()
            .position(|d| d.name == name)
            .unwrap();
        features[index]
    }

    #[test]
    fn names_are_unique_and_match_the_emitted_vector() {
        for first_n in [0, 1, 10, 20] {
            let settings = FeatureSettings {
                first_n,
                ..FeatureSettings::default()
            };
            let defs = FlowFeatures::describe(&settings);
            let names: std::collections::HashSet<_> =
                defs.iter().map(|d| d.name.as_str()).collect();
            assert_eq!(names.len(), defs.len());
            assert_eq!(FlowFeatures::new(false, &settings).emit().len(), defs.len());
            assert!(names
                .iter()
                .all(|n| !n.contains("_port") && !n.contains("addr") && !n.ends_with("_ip")));
        }
    }

    #[test]
    fn a_single_packet_flow_has_finite_documented_values() {
        let settings = FeatureSettings::default();
        let mut flow = FlowFeatures::new(true, &settings);
        flow.update(&packet(5, Forward, 100, 0));
        let v = flow.emit();
        assert!(v.iter().all(|x| x.is_finite()));
        assert_eq!(value(&v, &settings, "duration"), 0.0);
        assert_eq!(value(&v, &settings, "packets_per_second"), 0.0);
        assert_eq!(value(&v, &settings, "first_size_1"), 100.0);
        assert_eq!(value(&v, &settings, "first_size_2"), 0.0);
        assert_eq!(value(&v, &settings, "first_iat_2"), -1.0);
        assert_eq!(value(&v, &settings, "transport_udp"), 1.0);
        assert_eq!(value(&v, &settings, "bwd_iat_mean"), 0.0);
    }

    #[test]
    fn a_datagram_and_its_answer_have_finite_documented_values() {
        // A DHT query of 110 bytes and its 320-byte answer 30 ms later: one UDP flow.
        let settings = FeatureSettings::default();
        let mut flow = FlowFeatures::new(true, &settings);
        flow.update(&packet(0, Forward, 110, 0));
        flow.update(&packet(30, Backward, 320, 0));
        let v = flow.emit();
        assert!(v.iter().all(|x| x.is_finite()));
        let expect = [
            ("duration", 30.0),
            ("bwd_packet_share", 0.5),
            ("bwd_payload_byte_share", 320.0 / 430.0),
            ("all_iat_mean", 30.0),
            ("all_iat_cv", 0.0),
            ("fwd_iat_mean", 0.0),
            ("bwd_iat_max", 0.0),
            ("fwd_payload_max", 110.0),
            ("bwd_medium_payload_share", 1.0),
            ("direction_changes", 1.0),
            ("direction_change_rate", 0.5),
            ("bursts", 2.0),
            ("first_size_1", 110.0),
            ("first_size_2", -320.0),
            ("first_size_3", 0.0),
            ("first_iat_2", 30.0),
            ("first_iat_3", -1.0),
            ("tcp_syn", 0.0),
            ("tcp_pure_ack", 0.0),
        ];
        for (name, expected) in expect {
            assert_eq!(value(&v, &settings, name), expected, "{name}");
        }
    }

    /// Hand-worked TCP exchange: SYN, SYN/ACK, ACK, request 300 B, response 1000+500 B, ACK,
    /// then a 2 s pause and FIN.
    fn request_response() -> [PacketObservation; 8] {
        use tcp_flags::*;
        [
            packet(0, Forward, 0, SYN),
            packet(10, Backward, 0, SYN | ACK),
            packet(20, Forward, 0, ACK),
            packet(21, Forward, 300, PSH | ACK),
            packet(31, Backward, 1000, ACK),
            packet(32, Backward, 500, PSH | ACK),
            packet(42, Forward, 0, ACK),
            packet(2042, Forward, 0, FIN | ACK),
        ]
    }

    /// The features of a TCP flow made of `packets`, measured under `settings`.
    fn measured(settings: &FeatureSettings, packets: &[PacketObservation]) -> Vec<f64> {
        let mut flow = FlowFeatures::new(false, settings);
        packets.iter().for_each(|p| flow.update(p));
        flow.emit()
    }

    #[test]
    fn a_worked_request_response_exchange() {
        let settings = FeatureSettings {
            first_n: 4,
            ..FeatureSettings::default()
        };
        let v = measured(&settings, &request_response());
        let f = |name| value(&v, &settings, name);
        assert_eq!(f("duration"), 2042.0);
        assert_eq!(f("all_packets"), 8.0);
        assert_eq!(f("fwd_packets"), 5.0);
        assert_eq!(f("bwd_payload_bytes"), 1500.0);
        assert_eq!(f("bwd_payload_byte_share"), 1500.0 / 1800.0);
        assert_eq!(f("fwd_payload_share"), 1.0 / 5.0);
        assert_eq!(f("bwd_payload_max"), 1000.0);
        assert_eq!(f("bwd_iat_mean"), (21.0 + 1.0) / 2.0);
        // Gaps 21 and 1 ms: mean 11, population std 10.
        assert_eq!(f("bwd_iat_cv"), 10.0 / 11.0);
        // Payload statistics leave pure ACKs out: the initiator's only payload is the request.
        assert_eq!(
            (f("fwd_payload_min"), f("fwd_payload_mean")),
            (300.0, 300.0)
        );
        assert_eq!(
            (f("bwd_medium_payload_share"), f("bwd_large_payload_share")),
            (0.5, 0.5)
        );
        assert_eq!(f("fwd_small_payload_share"), 0.0);
        assert_eq!(f("all_iat_max"), 2000.0);
        assert_eq!(f("idle_gaps"), 1.0);
        assert_eq!(f("idle_share"), 2000.0 / 2042.0);
        assert_eq!(f("direction_changes"), 1.0);
        assert_eq!(f("bursts"), 2.0);
        assert_eq!(f("burst_bytes_max"), 1500.0);
        assert_eq!(f("burst_packets_mean"), 1.5);
        assert_eq!(
            [
                f("first_burst_bytes_1"),
                f("first_burst_bytes_2"),
                f("first_burst_bytes_3")
            ],
            [300.0, -1500.0, 0.0]
        );
        assert_eq!(
            (f("tcp_syn"), f("tcp_fin"), f("tcp_psh"), f("tcp_pure_ack")),
            (2.0, 1.0, 2.0, 2.0)
        );
        // The first-N slots hold payload-carrying packets only: the request, then the response.
        assert_eq!(
            [
                f("first_size_1"),
                f("first_size_2"),
                f("first_size_3"),
                f("first_size_4")
            ],
            [300.0, -1000.0, -500.0, 0.0]
        );
        assert_eq!(
            [f("first_iat_2"), f("first_iat_3"), f("first_iat_4")],
            [10.0, 1.0, -1.0]
        );
    }

    #[test]
    fn packet_limit_measures_only_the_first_packets() {
        let settings = FeatureSettings {
            first_n: 2,
            packet_limit: Some(2),
            ..FeatureSettings::default()
        };
        let mut flow = FlowFeatures::new(true, &settings);
        for (ms, size) in [(0, 10), (5, 20), (9, 1000)] {
            flow.update(&packet(ms, Forward, size, 0));
        }
        let v = flow.emit();
        assert_eq!(value(&v, &settings, "all_packets"), 2.0);
        assert_eq!(value(&v, &settings, "all_payload_max"), 20.0);
        assert_eq!(value(&v, &settings, "duration"), 5.0);
    }

    #[test]
    fn payload_packet_limit_counts_only_packets_that_carry_payload() {
        // The handshake does not count: the flow ends with its 2nd payload-carrying packet (the
        // first 1000 B of the response), and the 500 B, the ACK and the FIN after it are not
        // measured.
        let settings = FeatureSettings {
            payload_packet_limit: Some(2),
            ..FeatureSettings::default()
        };
        let v = measured(&settings, &request_response());
        assert_eq!(value(&v, &settings, "all_packets"), 5.0);
        assert_eq!(value(&v, &settings, "all_payload_bytes"), 1300.0);
        assert_eq!(value(&v, &settings, "tcp_pure_ack"), 1.0);
        assert_eq!(value(&v, &settings, "first_size_3"), 0.0);
        // With a packet limit too, the flow ends at whichever limit comes first: the 4th packet
        // (the request) is where the packet limit stops it.
        let both = FeatureSettings {
            packet_limit: Some(4),
            payload_packet_limit: Some(2),
            ..FeatureSettings::default()
        };
        let v = measured(&both, &request_response());
        assert_eq!(value(&v, &both, "all_payload_bytes"), 300.0);
    }

    #[test]
    fn time_going_backwards_gives_zero_gaps_not_negative_ones() {
        let settings = FeatureSettings::default();
        let mut flow = FlowFeatures::new(true, &settings);
        flow.update(&packet(100, Forward, 10, 0));
        flow.update(&packet(40, Backward, 10, 0));
        flow.update(&packet(150, Forward, 10, 0));
        let v = flow.emit();
        assert!(v.iter().all(|x| x.is_finite()));
        assert_eq!(value(&v, &settings, "all_iat_min"), 0.0);
        assert_eq!(value(&v, &settings, "duration"), 50.0);
    }
}
