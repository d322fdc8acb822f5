//! The per-flow features: what is measured, in which unit, and the one-pass accumulator
//! that measures it.
//!
//! Every feature is declared exactly once, with its value, in [`FlowFeatures::visit`]: the CSV
//! header, `flowclass features` and the model's schema read the declarations
//! ([`FlowFeatures::describe`]), the flow table reads the values ([`FlowFeatures::emit`]), so
//! the two cannot drift apart. Ports and addresses are never features.
//!
//! Values are always finite: a statistic over no values is 0, a share with an empty
//! denominator is 0, a rate over a zero duration is 0, and a first-N slot past the end of the
//! flow holds 0 (sizes) or -1 (gaps). Times are in milliseconds.
//!
//! An open flow's state is small and flat (no heap allocation unless more than
//! [`FIRST_INLINE`] first-N slots are asked for): counts that the flow keeps anyway are not kept
//! again by its statistics, both directions' counts add up to the whole flow's, and sizes and
//! gaps stay integers until a value is emitted. Counts are 32-bit and stop at 2^32 - 1.

mod stats;

pub use stats::{Extremes, RunningMean, Welford};

use serde::{Deserialize, Serialize};

use crate::packet::Timestamp;

/// One feature: its column name, unit and meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureDef {
    pub name: String,
    pub unit: String,
    pub meaning: String,
}

fn def(name: impl Into<String>, unit: &str, meaning: impl Into<String>) -> FeatureDef {
    FeatureDef {
        name: name.into(),
        unit: unit.into(),
        meaning: meaning.into(),
    }
}

/// Receives the features in column order: each value, with its declaration made only when the
/// sink asks for it (so emitting values builds no names).
trait Sink {
    fn put(&mut self, value: f64, declare: impl FnOnce() -> FeatureDef);
}

/// Keeps the values.
struct Values<'a>(&'a mut Vec<f64>);

impl Sink for Values<'_> {
    fn put(&mut self, value: f64, _: impl FnOnce() -> FeatureDef) {
        self.0.push(value);
    }
}

/// Keeps the declarations.
struct Declarations(Vec<FeatureDef>);

impl Sink for Declarations {
    fn put(&mut self, _: f64, declare: impl FnOnce() -> FeatureDef) {
        self.0.push(declare());
    }
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

/// Packet and byte counts of one direction; the whole flow's are the sum of both directions'.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    packets: u32,
    payload_packets: u32,
    ip_bytes: u64,
    payload_bytes: u64,
    /// Payload-carrying packets by size: [`SIZE_CLASSES`].
    size_classes: [u32; SIZE_CLASSES.len()],
}

impl Counts {
    fn update(&mut self, packet: &PacketObservation) {
        self.packets = self.packets.saturating_add(1);
        self.ip_bytes += u64::from(packet.ip_len);
        self.payload_bytes += u64::from(packet.payload_len);
        if packet.payload_len > 0 {
            self.payload_packets = self.payload_packets.saturating_add(1);
            let class = SIZE_CLASSES
                .iter()
                .position(|c| packet.payload_len <= c.largest)
                .unwrap_or(SIZE_CLASSES.len() - 1);
            self.size_classes[class] = self.size_classes[class].saturating_add(1);
        }
    }

    fn plus(&self, other: &Counts) -> Counts {
        let mut size_classes = self.size_classes;
        for (mine, theirs) in size_classes.iter_mut().zip(other.size_classes) {
            *mine = mine.saturating_add(theirs);
        }
        Counts {
            packets: self.packets.saturating_add(other.packets),
            payload_packets: self.payload_packets.saturating_add(other.payload_packets),
            ip_bytes: self.ip_bytes + other.ip_bytes,
            payload_bytes: self.payload_bytes + other.payload_bytes,
            size_classes,
        }
    }
}

/// Sizes of the packets that carry payload (pure ACKs left out: how often a stack acknowledges
/// is not the application's shape); counted by [`Counts::payload_packets`].
#[derive(Debug, Clone, Copy, Default)]
struct PayloadSizes {
    stats: Welford,
    range: Extremes<u32>,
}

impl PayloadSizes {
    /// Adds a payload-carrying packet, the `count`-th.
    fn push(&mut self, payload_len: u32, count: u32) {
        self.stats.push(f64::from(payload_len), count);
        self.range.push(payload_len, count == 1);
    }
}

/// Gaps between consecutive packets, kept in nanoseconds; a stream of n packets has n - 1.
#[derive(Debug, Clone, Copy, Default)]
struct Gaps {
    stats: Welford,
    range: Extremes<u64>,
    last_time: Timestamp,
}

impl Gaps {
    /// Adds the `packets`-th packet's time (1 for the first, which makes no gap).
    fn push(&mut self, time: Timestamp, packets: u32) {
        if packets > 1 {
            let gap = gap_ns(self.last_time, time);
            self.stats.push(ms(gap), packets - 1);
            self.range.push(gap, packets == 2);
        }
        self.last_time = time;
    }
}

/// Counts, sizes and gaps of one direction.
#[derive(Debug, Clone, Copy, Default)]
struct DirectionStats {
    counts: Counts,
    sizes: PayloadSizes,
    gaps: Gaps,
}

impl DirectionStats {
    fn update(&mut self, packet: &PacketObservation) {
        self.counts.update(packet);
        if packet.payload_len > 0 {
            self.sizes
                .push(packet.payload_len, self.counts.payload_packets);
        }
        self.gaps.push(packet.time, self.counts.packets);
    }
}

/// Declares the statistics of one direction (or of both together) with their values.
fn visit_direction(
    prefix: &str,
    who: &str,
    counts: &Counts,
    sizes: &PayloadSizes,
    gaps: &Gaps,
    sink: &mut impl Sink,
) {
    let name = |suffix: &str| format!("{prefix}_{suffix}");
    sink.put(f64::from(counts.packets), || {
        def(name("packets"), "packets", format!("packets {who}"))
    });
    sink.put(counts.ip_bytes as f64, || {
        def(name("bytes"), "bytes", format!("IP-layer bytes {who}"))
    });
    sink.put(counts.payload_bytes as f64, || {
        def(
            name("payload_bytes"),
            "bytes",
            format!("transport payload bytes {who}"),
        )
    });
    sink.put(
        share(f64::from(counts.payload_packets), f64::from(counts.packets)),
        || {
            def(
                name("payload_share"),
                "ratio",
                format!("share of packets {who} that carry payload"),
            )
        },
    );
    let payload = [
        ("min", f64::from(sizes.range.min())),
        ("max", f64::from(sizes.range.max())),
        ("mean", sizes.stats.mean()),
        ("std", sizes.stats.std_dev(counts.payload_packets)),
    ];
    for (stat, value) in payload {
        sink.put(value, || {
            def(
                name(&format!("payload_{stat}")),
                "bytes",
                format!("{stat} payload size of the payload-carrying packets {who}"),
            )
        });
    }
    for (class, n) in SIZE_CLASSES.iter().zip(counts.size_classes) {
        sink.put(
            share(f64::from(n), f64::from(counts.payload_packets)),
            || {
                def(
                    name(&format!("{}_payload_share", class.name)),
                    "ratio",
                    format!(
                        "share of payload-carrying packets {who} with {} bytes of payload",
                        class.range
                    ),
                )
            },
        );
    }
    let (mean, std) = (
        gaps.stats.mean(),
        gaps.stats.std_dev(counts.packets.saturating_sub(1)),
    );
    let gap = [
        ("min", ms(gaps.range.min())),
        ("max", ms(gaps.range.max())),
        ("mean", mean),
        ("std", std),
    ];
    for (stat, value) in gap {
        sink.put(value, || {
            def(
                name(&format!("iat_{stat}")),
                "ms",
                format!("{stat} gap between consecutive packets {who}"),
            )
        });
    }
    sink.put(share(std, mean), || {
        def(
            name("iat_cv"),
            "ratio",
            format!("coefficient of variation (std / mean) of the gaps between packets {who}; 0 without gaps"),
        )
    });
}

/// Bursts of one side: how many, and their packets and bytes.
#[derive(Debug, Clone, Copy, Default)]
struct BurstSizes {
    count: u32,
    packets_mean: RunningMean,
    packets_max: u32,
    bytes_mean: RunningMean,
    bytes_max: u64,
}

impl BurstSizes {
    fn push(&mut self, packets: u32, bytes: u64) {
        self.count = self.count.saturating_add(1);
        self.packets_mean.push(f64::from(packets), self.count);
        self.packets_max = self.packets_max.max(packets);
        self.bytes_mean.push(bytes as f64, self.count);
        self.bytes_max = self.bytes_max.max(bytes);
    }
}

/// Runs of payload-carrying packets in one direction; pure ACKs neither start nor end a burst.
#[derive(Debug, Clone, Copy, Default)]
struct Bursts {
    current_direction: Option<Direction>,
    current_packets: u32,
    current_bytes: u64,
    direction_changes: u32,
    /// Of all bursts, of the initiator's, of the responder's.
    sizes: [BurstSizes; 3],
    /// Payload bytes of the first [`FIRST_BURSTS`] bursts, negative for the responder's.
    first_bytes: [i64; FIRST_BURSTS],
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
        if self.current_direction != Some(packet.direction) {
            if self.current_direction.is_some() {
                self.direction_changes = self.direction_changes.saturating_add(1);
            }
            self.close_current();
            self.current_direction = Some(packet.direction);
        }
        self.current_packets = self.current_packets.saturating_add(1);
        self.current_bytes += u64::from(packet.payload_len);
    }

    fn close_current(&mut self) {
        if let Some(direction) = self.current_direction.filter(|_| self.current_packets > 0) {
            let side = match direction {
                Direction::Forward => 1,
                Direction::Backward => 2,
            };
            let index = self.sizes[0].count as usize;
            if let Some(slot) = self.first_bytes.get_mut(index) {
                let bytes = self.current_bytes as i64;
                *slot = match direction {
                    Direction::Forward => bytes,
                    Direction::Backward => -bytes,
                };
            }
            for i in [0, side] {
                self.sizes[i].push(self.current_packets, self.current_bytes);
            }
        }
        self.current_packets = 0;
        self.current_bytes = 0;
    }

    /// Declares the burst features; `payload_packets` counts the flow's payload-carrying packets.
    fn visit(&self, payload_packets: u32, sink: &mut impl Sink) {
        let mut closed = *self;
        closed.close_current();
        sink.put(f64::from(closed.direction_changes), || {
            def(
                "direction_changes",
                "count",
                "times the sender of payload switched sides",
            )
        });
        sink.put(
            share(f64::from(closed.direction_changes), f64::from(payload_packets)),
            || def("direction_change_rate", "ratio", "direction changes per payload-carrying packet: 1 for strict ping-pong, near 0 for one-way streams"),
        );
        sink.put(f64::from(closed.sizes[0].count), || {
            def(
                "bursts",
                "count",
                "runs of payload-carrying packets in one direction",
            )
        });
        let whose = [
            ("", ""),
            ("fwd_", " of the initiator"),
            ("bwd_", " of the responder"),
        ];
        for ((prefix, whose), sizes) in whose.into_iter().zip(&closed.sizes) {
            sink.put(sizes.packets_mean.get(), || {
                def(
                    format!("{prefix}burst_packets_mean"),
                    "packets",
                    format!("mean payload packets per burst{whose}"),
                )
            });
            sink.put(f64::from(sizes.packets_max), || {
                def(
                    format!("{prefix}burst_packets_max"),
                    "packets",
                    format!("most payload packets in one burst{whose}"),
                )
            });
            sink.put(sizes.bytes_mean.get(), || {
                def(
                    format!("{prefix}burst_bytes_mean"),
                    "bytes",
                    format!("mean payload bytes per burst{whose}"),
                )
            });
            sink.put(sizes.bytes_max as f64, || {
                def(
                    format!("{prefix}burst_bytes_max"),
                    "bytes",
                    format!("most payload bytes in one burst{whose}"),
                )
            });
        }
        for (i, bytes) in closed.first_bytes.iter().enumerate() {
            sink.put(*bytes as f64, || {
                def(
                    format!("first_burst_bytes_{}", i + 1),
                    "bytes",
                    format!(
                        "payload bytes of the {} burst, negative when sent by the responder; 0 past the end",
                        ordinal(i + 1)
                    ),
                )
            });
        }
    }
}

/// Counts of TCP flags.
#[derive(Debug, Clone, Copy, Default)]
struct FlagCounts {
    syn: u32,
    fin: u32,
    rst: u32,
    psh: u32,
    urg: u32,
    pure_ack: u32,
}

impl FlagCounts {
    fn update(&mut self, packet: &PacketObservation) {
        use tcp_flags::*;
        let flags = packet.tcp_flags;
        let count = |n: &mut u32, set: bool| *n = n.saturating_add(u32::from(set));
        count(&mut self.syn, flags & SYN != 0);
        count(&mut self.fin, flags & FIN != 0);
        count(&mut self.rst, flags & RST != 0);
        count(&mut self.psh, flags & PSH != 0);
        count(&mut self.urg, flags & URG != 0);
        count(
            &mut self.pure_ack,
            flags & (SYN | FIN | RST) == 0 && flags & ACK != 0 && packet.payload_len == 0,
        );
    }

    fn visit(&self, sink: &mut impl Sink) {
        for (flag, n, meaning) in [
            ("syn", self.syn, "packets with SYN set"),
            ("fin", self.fin, "packets with FIN set"),
            ("rst", self.rst, "packets with RST set"),
            ("psh", self.psh, "packets with PSH set"),
            ("urg", self.urg, "packets with URG set"),
            (
                "pure_ack",
                self.pure_ack,
                "packets that only acknowledge (ACK, no payload, no SYN/FIN/RST)",
            ),
        ] {
            sink.put(f64::from(n), || {
                def(format!("tcp_{flag}"), "packets", meaning)
            });
        }
    }
}

/// Features before the first-N slots' sizes and gaps: the emitted vector is allocated once.
const FEATURES_BEFORE_FIRST_N: usize = 86;

/// First-N slots kept inside the flow; more (a setting above the default) go to the heap.
pub const FIRST_INLINE: usize = 10;

/// The signed payload sizes and gaps of the first N payload-carrying packets.
#[derive(Debug, Clone, Default)]
struct FirstPackets {
    len: u32,
    last_time: Timestamp,
    sizes: [i32; FIRST_INLINE],
    /// `gaps_ns[i]`: from the i-th to the (i+1)-th slot's packet.
    gaps_ns: [u64; FIRST_INLINE - 1],
    /// Slots past the inline ones: (size, gap from the slot before) each.
    more: Option<Box<[(i32, u64)]>>,
}

impl FirstPackets {
    /// Records the leading payload-carrying packets; handshakes and pure ACKs take no slot, so
    /// the slots hold what the application said first.
    fn update(&mut self, packet: &PacketObservation, capacity: usize) {
        let index = self.len as usize;
        if packet.payload_len == 0 || index >= capacity {
            return;
        }
        let size = i32::try_from(packet.payload_len).unwrap_or(i32::MAX);
        let size = match packet.direction {
            Direction::Forward => size,
            Direction::Backward => -size,
        };
        let gap = if index > 0 {
            gap_ns(self.last_time, packet.time)
        } else {
            0
        };
        if index < FIRST_INLINE {
            self.sizes[index] = size;
            if index > 0 {
                self.gaps_ns[index - 1] = gap;
            }
        } else {
            let more = self
                .more
                .get_or_insert_with(|| vec![(0, 0); capacity - FIRST_INLINE].into_boxed_slice());
            more[index - FIRST_INLINE] = (size, gap);
        }
        self.len += 1;
        self.last_time = packet.time;
    }

    /// Slot `i`'s size and its gap from slot `i - 1` (both `None` past the end).
    fn slot(&self, i: usize) -> (Option<i32>, Option<u64>) {
        if i >= self.len as usize {
            return (None, None);
        }
        if i < FIRST_INLINE {
            (
                Some(self.sizes[i]),
                i.checked_sub(1).map(|g| self.gaps_ns[g]),
            )
        } else {
            let (size, gap) = self.more.as_ref().expect("spilled slots")[i - FIRST_INLINE];
            (Some(size), Some(gap))
        }
    }

    fn visit(&self, capacity: usize, sink: &mut impl Sink) {
        for i in 0..capacity {
            let size = self.slot(i).0.map_or(0.0, f64::from);
            sink.put(size, || {
                def(
                    format!("first_size_{}", i + 1),
                    "bytes",
                    format!(
                        "payload size of the {} payload-carrying packet, negative when sent by the responder; 0 past the end",
                        ordinal(i + 1)
                    ),
                )
            });
        }
        for i in 1..capacity {
            let gap = self.slot(i).1.map_or(-1.0, ms);
            sink.put(gap, || {
                def(
                    format!("first_iat_{}", i + 1),
                    "ms",
                    format!(
                        "gap between the {} and the {} payload-carrying packets; -1 past the end",
                        ordinal(i),
                        ordinal(i + 1)
                    ),
                )
            });
        }
    }
}

/// Everything measured about one flow, updated once per packet in O(1).
#[derive(Debug, Clone)]
pub struct FlowFeatures {
    first_time: Timestamp,
    /// The latest packet time (time that goes backwards never moves it back).
    last_time: Timestamp,
    idle_ms: f64,
    idle_gaps: u32,
    is_udp: bool,
    first_n: u32,
    /// `u64::MAX` when unset.
    packet_limit: u64,
    payload_packet_limit: u64,
    forward: DirectionStats,
    backward: DirectionStats,
    /// Sizes and gaps of both directions together, in arrival order.
    all_sizes: PayloadSizes,
    all_gaps: Gaps,
    bursts: Bursts,
    flags: FlagCounts,
    first: FirstPackets,
}

impl FlowFeatures {
    pub fn new(is_udp: bool, settings: &FeatureSettings) -> Self {
        FlowFeatures {
            first_time: Timestamp::default(),
            last_time: Timestamp::default(),
            idle_ms: 0.0,
            idle_gaps: 0,
            is_udp,
            first_n: u32::try_from(settings.first_n).unwrap_or(u32::MAX),
            packet_limit: settings.packet_limit.unwrap_or(u64::MAX),
            payload_packet_limit: settings.payload_packet_limit.unwrap_or(u64::MAX),
            forward: DirectionStats::default(),
            backward: DirectionStats::default(),
            all_sizes: PayloadSizes::default(),
            all_gaps: Gaps::default(),
            bursts: Bursts::default(),
            flags: FlagCounts::default(),
            first: FirstPackets::default(),
        }
    }

    fn all(&self) -> Counts {
        self.forward.counts.plus(&self.backward.counts)
    }

    /// Adds one packet; packets past either limit of the settings are ignored.
    pub fn update(&mut self, packet: &PacketObservation) {
        if self.limit_reached() {
            return;
        }
        let seen = self
            .forward
            .counts
            .packets
            .saturating_add(self.backward.counts.packets);
        if seen == 0 {
            self.first_time = packet.time;
            self.last_time = packet.time;
        } else {
            let gap = ms(gap_ns(self.last_time, packet.time));
            if gap > IDLE_GAP_MS {
                self.idle_gaps = self.idle_gaps.saturating_add(1);
                self.idle_ms += gap;
            }
            self.last_time = self.last_time.max(packet.time);
        }
        match packet.direction {
            Direction::Forward => self.forward.update(packet),
            Direction::Backward => self.backward.update(packet),
        }
        let all = self.all();
        if packet.payload_len > 0 {
            self.all_sizes.push(packet.payload_len, all.payload_packets);
        }
        self.all_gaps.push(packet.time, all.packets);
        self.bursts.update(packet);
        self.flags.update(packet);
        self.first.update(packet, self.first_n as usize);
    }

    /// Whether the flow has had all the packets its settings let it measure (never, without an
    /// early-classification limit): its features will not change any more.
    pub fn limit_reached(&self) -> bool {
        let all = self.all();
        u64::from(all.packets) >= self.packet_limit
            || u64::from(all.payload_packets) >= self.payload_packet_limit
    }

    /// Every feature's name, unit and meaning, in column order.
    pub fn describe(settings: &FeatureSettings) -> Vec<FeatureDef> {
        let mut declarations = Declarations(Vec::new());
        FlowFeatures::new(false, settings).visit(&mut declarations);
        declarations.0
    }

    /// The feature vector, in the order of [`FlowFeatures::describe`].
    pub fn emit(&self) -> Vec<f64> {
        let first = (2 * self.first_n as usize).saturating_sub(1);
        let mut out = Vec::with_capacity(FEATURES_BEFORE_FIRST_N + first);
        self.visit(&mut Values(&mut out));
        out
    }

    /// Declares every feature, with its value, in column order.
    fn visit(&self, sink: &mut impl Sink) {
        let all = self.all();
        let duration_ms = if all.packets > 0 {
            ms(gap_ns(self.first_time, self.last_time))
        } else {
            0.0
        };
        let duration_s = duration_ms / 1_000.0;
        let rate = |amount: f64| {
            if duration_s > 0.0 {
                amount / duration_s
            } else {
                0.0
            }
        };
        sink.put(f64::from(u8::from(self.is_udp)), || {
            def("transport_udp", "flag", "1 for UDP, 0 for TCP")
        });
        sink.put(duration_ms, || {
            def("duration", "ms", "time from the first to the last packet")
        });
        sink.put(
            share(
                self.backward.counts.payload_bytes as f64,
                all.payload_bytes as f64,
            ),
            || {
                def(
                    "bwd_payload_byte_share",
                    "ratio",
                    "share of payload bytes sent by the responder",
                )
            },
        );
        sink.put(
            share(
                f64::from(self.backward.counts.packets),
                f64::from(all.packets),
            ),
            || {
                def(
                    "bwd_packet_share",
                    "ratio",
                    "share of packets sent by the responder",
                )
            },
        );
        sink.put(rate(f64::from(all.packets)), || {
            def(
                "packets_per_second",
                "1/s",
                "packets per second over the flow's duration; 0 if it lasted no time",
            )
        });
        sink.put(rate(all.payload_bytes as f64), || {
            def(
                "payload_bytes_per_second",
                "bytes/s",
                "payload bytes per second; 0 if it lasted no time",
            )
        });
        sink.put(f64::from(self.idle_gaps), || {
            def(
                "idle_gaps",
                "count",
                "gaps longer than 1 s between consecutive packets",
            )
        });
        sink.put(share(self.idle_ms, duration_ms).min(1.0), || {
            def(
                "idle_share",
                "ratio",
                "share of the duration spent in gaps longer than 1 s",
            )
        });
        visit_direction(
            "all",
            "in both directions",
            &all,
            &self.all_sizes,
            &self.all_gaps,
            sink,
        );
        for (prefix, who, stats) in [
            ("fwd", "from the initiator", &self.forward),
            ("bwd", "from the responder", &self.backward),
        ] {
            visit_direction(prefix, who, &stats.counts, &stats.sizes, &stats.gaps, sink);
        }
        self.bursts.visit(all.payload_packets, sink);
        self.flags.visit(sink);
        self.first.visit(self.first_n as usize, sink);
    }
}

/// Nanoseconds from `earlier` to `later`; a clock that went backwards gives 0.
fn gap_ns(earlier: Timestamp, later: Timestamp) -> u64 {
    u64::try_from(later.0.saturating_sub(earlier.0)).unwrap_or(0)
}

/// Nanoseconds in milliseconds.
fn ms(nanos: u64) -> f64 {
    nanos as f64 / NANOS_PER_MS
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
    fn an_open_flows_state_is_small_and_flat() {
        // About 1 KB and two heap vectors per open flow before the state was made compact; a busy
        // link keeps hundreds of thousands open.
        let size = std::mem::size_of::<FlowFeatures>();
        println!("FlowFeatures: {size} bytes");
        assert!(size <= 700, "{size} bytes");
        let mut flow = FlowFeatures::new(false, &FeatureSettings::default());
        for ms in 0..20 {
            flow.update(&packet(ms, Forward, 100, 0));
        }
        assert!(
            flow.first.more.is_none(),
            "the default first-N slots live inline"
        );
    }

    #[test]
    fn first_n_slots_past_the_inline_ones_keep_their_values() {
        let settings = FeatureSettings {
            first_n: FIRST_INLINE + 3,
            ..FeatureSettings::default()
        };
        let mut flow = FlowFeatures::new(false, &settings);
        for i in 0..20 {
            flow.update(&packet(
                i * 7,
                if i % 2 == 0 { Forward } else { Backward },
                10 + i as u32,
                0,
            ));
        }
        let v = flow.emit();
        assert_eq!(value(&v, &settings, "first_size_12"), -21.0);
        assert_eq!(value(&v, &settings, "first_size_13"), 22.0);
        assert_eq!(value(&v, &settings, "first_iat_13"), 7.0);
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
            let values = FlowFeatures::new(false, &settings).emit();
            assert_eq!(values.len(), defs.len());
            assert_eq!(values.capacity(), values.len(), "allocated once, to size");
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
