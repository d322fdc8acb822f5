//! What an open flow keeps to measure its features. While the flow is short it keeps its packets
//! themselves, eight bytes each, and replays them through [`FlowFeatures`] when its row is
//! asked for; once it has more than [`FEW`] packets (or a packet that the compact form cannot
//! hold) it keeps the running features instead. Times are kept in whole microseconds while they
//! are whole microseconds (as every time of a microsecond pcap is), so that a flow of a few
//! packets spread over minutes (a resolver reusing a source port, a keep-alive) stays compact.
//! The same observations pushed in the same order through the same accumulator give the same
//! values bit for bit, so the two forms cannot disagree; most flows on a busy link (DNS lookups,
//! short HTTP connections) never need more than their packets, which take a fraction of the
//! accumulators' room.

use super::record::Timestamp;
use crate::features::{Direction, FeatureSettings, FlowFeatures, PacketObservation};

/// Packets a flow keeps as they are before it switches to running features.
pub const FEW: usize = 12;

/// An open flow's measurement so far.
#[derive(Debug)]
pub enum Measure {
    Few(FewPackets),
    Many(Box<FlowFeatures>),
}

/// The packets of a short flow, in arrival order.
#[derive(Debug, Clone, Copy, Default)]
pub struct FewPackets {
    /// Each packet's time after the flow's start, in microseconds, or in nanoseconds once
    /// `nanos` is set.
    offsets: [u32; FEW],
    /// IP lengths: 16 bits hold every IPv4 packet's and nearly every IPv6 one's.
    ip_lens: [u16; FEW],
    /// The bytes of IP and transport headers before each payload (IP length minus payload
    /// length): at most 120 for IPv4 and TCP, 8 bits hold all but IPv6 packets with long
    /// extension headers.
    header_lens: [u8; FEW],
    tcp_flags: [u8; FEW],
    /// Bit `i` is set when packet `i` travels from the responder.
    backward: u16,
    len: u8,
    /// How many of the packets carry payload.
    payload_packets: u8,
    /// The offsets count nanoseconds: some packet's time was not a whole microsecond after the
    /// start.
    nanos: bool,
}

impl FewPackets {
    /// Keeps `packet`, or returns `false` when it does not fit (no room, its time is before
    /// `start` or 2^32 of the offsets' unit after it, its IP length is 2^16 bytes or more, or its
    /// headers 2^8 bytes or more).
    fn keep(&mut self, start: Timestamp, packet: &PacketObservation) -> bool {
        let i = usize::from(self.len);
        let offset = packet
            .time
            .0
            .checked_sub(start.0)
            .and_then(|ns| self.offset(ns));
        let lens = u16::try_from(packet.ip_len).ok().zip(
            packet
                .ip_len
                .checked_sub(packet.payload_len)
                .and_then(|header| u8::try_from(header).ok()),
        );
        let (Some(offset), Some((ip_len, header_len)), true) = (offset, lens, i < FEW) else {
            return false;
        };
        self.offsets[i] = offset;
        self.ip_lens[i] = ip_len;
        self.header_lens[i] = header_len;
        self.tcp_flags[i] = packet.tcp_flags;
        if packet.direction == Direction::Backward {
            self.backward |= 1 << i;
        }
        self.len += 1;
        self.payload_packets += u8::from(packet.payload_len > 0);
        true
    }

    /// `ns` after the start in the offsets' unit, switching the kept offsets to nanoseconds
    /// when `ns` is not a whole microsecond; `None` when it or a kept offset does not fit.
    fn offset(&mut self, ns: i64) -> Option<u32> {
        if !self.nanos && ns % 1000 != 0 {
            let kept = &mut self.offsets[..usize::from(self.len)];
            if kept.iter().any(|&us| us > u32::MAX / 1000) {
                return None;
            }
            kept.iter_mut().for_each(|us| *us *= 1000);
            self.nanos = true;
        }
        u32::try_from(if self.nanos { ns } else { ns / 1000 }).ok()
    }

    fn packets(&self, start: Timestamp) -> impl Iterator<Item = PacketObservation> + '_ {
        let unit = if self.nanos { 1 } else { 1000 };
        (0..usize::from(self.len)).map(move |i| PacketObservation {
            time: Timestamp(start.0 + i64::from(self.offsets[i]) * unit),
            direction: if self.backward & (1 << i) != 0 {
                Direction::Backward
            } else {
                Direction::Forward
            },
            ip_len: u32::from(self.ip_lens[i]),
            payload_len: u32::from(self.ip_lens[i] - u16::from(self.header_lens[i])),
            tcp_flags: self.tcp_flags[i],
        })
    }

    /// The running features of these packets.
    fn replay(&self, into: &mut FlowFeatures, start: Timestamp) {
        self.packets(start).for_each(|p| into.update(&p));
    }
}

/// What every open flow of a table shares: the feature settings, and accumulators left by ended
/// flows, reused so that switching a flow to running features allocates nothing once the table
/// has warmed up.
pub struct Measuring {
    settings: FeatureSettings,
    /// Boxed: an accumulator moves between a flow and this pool without copying its contents.
    #[allow(clippy::vec_box)]
    spare: Vec<Box<FlowFeatures>>,
}

impl Measuring {
    pub fn new(settings: FeatureSettings) -> Measuring {
        Measuring {
            settings,
            spare: Vec::new(),
        }
    }

    /// Adds one packet of a flow that started at `start`; packets past either limit of the
    /// settings are ignored, as [`FlowFeatures::update`] ignores them.
    pub fn update(
        &mut self,
        measure: &mut Measure,
        start: Timestamp,
        is_udp: bool,
        packet: &PacketObservation,
    ) {
        match measure {
            Measure::Many(features) => features.update(packet),
            Measure::Few(few) => {
                if self.few_limit_reached(few) || few.keep(start, packet) {
                    return;
                }
                let fresh = FlowFeatures::new(is_udp, &self.settings);
                let mut features = match self.spare.pop() {
                    Some(mut spare) => {
                        *spare = fresh;
                        spare
                    }
                    None => Box::new(fresh),
                };
                few.replay(&mut features, start);
                features.update(packet);
                *measure = Measure::Many(features);
            }
        }
    }

    /// Whether the flow has had all the packets the settings let it measure.
    pub fn limit_reached(&self, measure: &Measure) -> bool {
        match measure {
            Measure::Many(features) => features.limit_reached(),
            Measure::Few(few) => self.few_limit_reached(few),
        }
    }

    fn few_limit_reached(&self, few: &FewPackets) -> bool {
        let limit = |limit: Option<u64>, count: u8| limit.is_some_and(|l| u64::from(count) >= l);
        limit(self.settings.packet_limit, few.len)
            || limit(self.settings.payload_packet_limit, few.payload_packets)
    }

    /// The feature vector of a flow that started at `start`.
    pub fn emit(&self, measure: &Measure, start: Timestamp, is_udp: bool) -> Vec<f64> {
        match measure {
            Measure::Many(features) => features.emit(),
            Measure::Few(few) => {
                let mut features = FlowFeatures::new(is_udp, &self.settings);
                few.replay(&mut features, start);
                features.emit()
            }
        }
    }

    /// Takes back the accumulator of a flow that ended, for reuse.
    pub fn recycle(&mut self, measure: Measure) {
        if let Measure::Many(features) = measure {
            self.spare.push(features);
        }
    }
}

impl Default for Measure {
    fn default() -> Self {
        Measure::Few(FewPackets::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Direction::*;

    /// Hand-made observations: these tests compare the two forms, not any decoder.
    fn observation(ns: i64, direction: Direction, payload: u32, flags: u8) -> PacketObservation {
        PacketObservation {
            time: Timestamp(ns),
            direction,
            ip_len: payload + 52,
            payload_len: payload,
            tcp_flags: flags,
        }
    }

    /// The features of `packets` measured through a [`Measure`], and directly.
    fn both_ways(settings: FeatureSettings, packets: &[PacketObservation]) -> (Vec<f64>, Vec<f64>) {
        let start = packets[0].time;
        let mut measuring = Measuring::new(settings);
        let mut measure = Measure::default();
        let mut direct = FlowFeatures::new(true, &settings);
        for p in packets {
            measuring.update(&mut measure, start, true, p);
            direct.update(p);
            assert_eq!(measuring.limit_reached(&measure), direct.limit_reached());
        }
        (measuring.emit(&measure, start, true), direct.emit())
    }

    fn bits(values: &[f64]) -> Vec<u64> {
        values.iter().map(|v| v.to_bits()).collect()
    }

    /// What a flow of `packets` keeps with the default settings.
    fn kept_form(packets: &[PacketObservation]) -> Measure {
        let mut measuring = Measuring::new(FeatureSettings::default());
        let mut measure = Measure::default();
        for p in packets {
            measuring.update(&mut measure, packets[0].time, true, p);
        }
        measure
    }

    /// `packets` with their times cut to whole microseconds, as a microsecond pcap gives them.
    fn in_microseconds(packets: Vec<PacketObservation>) -> Vec<PacketObservation> {
        packets
            .into_iter()
            .map(|mut p| {
                p.time.0 -= p.time.0 % 1000;
                p
            })
            .collect()
    }

    fn flow(n: usize, start: i64, step: i64) -> Vec<PacketObservation> {
        (0..n)
            .map(|i| {
                let direction = if i % 3 == 1 { Backward } else { Forward };
                let payload = [0, 37, 1400, 5][i % 4];
                observation(
                    start + step * i as i64 + (i * i) as i64 * 7_919,
                    direction,
                    payload,
                    (i % 32) as u8,
                )
            })
            .collect()
    }

    #[test]
    fn short_and_long_flows_measure_the_same_bits_either_way() {
        for n in [1, 2, FEW - 1, FEW, FEW + 1, 3 * FEW] {
            let (kept, direct) = both_ways(
                FeatureSettings::default(),
                &flow(n, 1_700_000_000_000_000_000, 3_333_333),
            );
            assert_eq!(bits(&kept), bits(&direct), "{n} packets");
        }
    }

    #[test]
    fn packets_too_far_apart_out_of_order_or_too_long_switch_to_running_features() {
        // 5 s after the start does not fit in 32 bits of nanoseconds (the times are not whole
        // microseconds); time going backwards does not fit an offset at all; an IPv6 packet
        // whose 65535-byte payload follows its 40-byte header does not fit 16 bits of length;
        // one with 264 bytes of headers (extension headers before TCP) does not fit 8 bits of
        // header length.
        let mut long = flow(4, 1_000_000, 10);
        long[1] = observation(long[1].time.0, Forward, 65535, 0);
        long[1].ip_len = 65535 + 40;
        let mut deep = flow(4, 1_000_000, 10);
        deep[3].ip_len = deep[3].payload_len + 264;
        for packets in [
            flow(4, 0, 5_000_000_000),
            {
                let mut p = flow(4, 1_000_000, 10);
                p[2].time = Timestamp(0);
                p
            },
            long,
            deep,
        ] {
            assert!(matches!(kept_form(&packets), Measure::Many(_)));
            let (kept, direct) = both_ways(FeatureSettings::default(), &packets);
            assert_eq!(bits(&kept), bits(&direct));
        }
    }

    #[test]
    fn microsecond_times_keep_a_sparse_flow_compact_for_an_hour() {
        // An hour fits 32 bits of microseconds.
        let sparse = in_microseconds(flow(FEW, 1_700_000_000_000_000_000, 300_000_000_000));
        assert!(sparse[FEW - 1].time.0 - sparse[0].time.0 > 3_000_000_000_000);
        assert!(matches!(kept_form(&sparse), Measure::Few(_)));
        let (kept, direct) = both_ways(FeatureSettings::default(), &sparse);
        assert_eq!(bits(&kept), bits(&direct));
    }

    #[test]
    fn a_time_between_microseconds_switches_the_kept_offsets_to_nanoseconds() {
        // Whole microseconds first, then a nanosecond time: the kept offsets are rescaled if
        // they fit 32 bits of nanoseconds (1 s does, 5 s does not), else the flow keeps running
        // features.
        for (step, compact) in [(1_000_000_000 / 3, true), (2_500_000_000, false)] {
            let mut packets = in_microseconds(flow(4, 0, step));
            packets[3].time.0 = packets[2].time.0 + 1;
            let form = kept_form(&packets);
            assert_eq!(matches!(form, Measure::Few(_)), compact, "step {step}");
            let (kept, direct) = both_ways(FeatureSettings::default(), &packets);
            assert_eq!(bits(&kept), bits(&direct), "step {step}");
        }
    }

    #[test]
    fn limits_stop_both_forms_at_the_same_packet() {
        for (packet_limit, payload_packet_limit) in [
            (Some(3), None),
            (None, Some(2)),
            (Some(0), None),
            (Some(20), Some(9)),
        ] {
            let settings = FeatureSettings {
                packet_limit,
                payload_packet_limit,
                ..FeatureSettings::default()
            };
            let (kept, direct) = both_ways(settings, &flow(2 * FEW, 50, 1_000));
            assert_eq!(
                bits(&kept),
                bits(&direct),
                "{packet_limit:?} {payload_packet_limit:?}"
            );
        }
    }

    #[test]
    fn a_recycled_accumulator_starts_afresh() {
        let settings = FeatureSettings::default();
        let mut measuring = Measuring::new(settings);
        let mut first = Measure::default();
        for p in &flow(3 * FEW, 0, 1_000) {
            measuring.update(&mut first, Timestamp(0), false, p);
        }
        measuring.recycle(first);
        let packets = flow(2 * FEW, 9_000, 77);
        let (mut second, mut direct) = (Measure::default(), FlowFeatures::new(true, &settings));
        for p in &packets {
            measuring.update(&mut second, packets[0].time, true, p);
            direct.update(p);
        }
        assert!(
            measuring.spare.is_empty(),
            "the spare accumulator was reused"
        );
        assert_eq!(
            bits(&measuring.emit(&second, packets[0].time, true)),
            bits(&direct.emit())
        );
    }

    /// A gap between packets: whole microseconds (of up to about 2.4 h, past what 32 bits of
    /// them hold) or any nanoseconds (of up to 10 s, past what 32 bits of them hold).
    fn gap() -> impl Strategy<Value = i64> {
        prop_oneof![
            (0..(1i64 << 33)).prop_map(|us| us * 1000),
            0..10_000_000_000i64,
        ]
    }

    proptest! {
        #[test]
        fn both_forms_measure_the_same_bits_whatever_the_times(
            start in 0..(1i64 << 62),
            packets in prop::collection::vec((gap(), any::<bool>(), 0..1500u32, any::<u8>()), 1..=FEW + 2),
        ) {
            let mut time = start;
            let packets: Vec<PacketObservation> = packets
                .into_iter()
                .map(|(gap, backward, payload, flags)| {
                    time += gap;
                    observation(time, if backward { Backward } else { Forward }, payload, flags)
                })
                .collect();
            let (kept, direct) = both_ways(FeatureSettings::default(), &packets);
            prop_assert_eq!(bits(&kept), bits(&direct));
        }
    }
}
