//! Undoes segmentation offload. A capture taken on a host (rather than off the wire) often holds
//! TCP "packets" of tens of kilobytes: the sender's stack hands the network card one large segment
//! to cut up (TSO/GSO), or the receiver's card glues arriving segments together before the capture
//! sees them (GRO/LRO). A flow's features describe the packets on the wire, so such a packet is
//! measured as the segments it stands for: as many as the receiver's maximum segment size (the
//! MSS its SYN announced, less the packet's TCP options) needs, each with the packet's headers,
//! all at the packet's time. Without the SYN's announcement (a flow already open when the capture
//! began) packets are measured as captured. `docs/FLOWS.md` says the same for users.

use crate::decode::PacketSummary;
use crate::features::{Direction, PacketObservation};
use crate::packet::{tcp_flags, Transport};

/// The smallest segment a packet is cut into: the MSS every IPv4 host must accept (RFC 9293).
/// An announcement below it is not believed, which also bounds the segments one packet becomes.
const MIN_SEGMENT: u32 = 536;

/// The maximum segment size each side of a TCP flow announced in its SYN (0: not seen).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnnouncedMss {
    /// By the initiator: what the responder may send in one segment.
    by_initiator: u16,
    /// By the responder: what the initiator may send in one segment.
    by_responder: u16,
}

impl AnnouncedMss {
    /// Keeps the MSS a SYN announces.
    pub fn note(&mut self, direction: Direction, packet: &PacketSummary) {
        if packet.announced_mss == 0 {
            return;
        }
        match direction {
            Direction::Forward => self.by_initiator = packet.announced_mss,
            Direction::Backward => self.by_responder = packet.announced_mss,
        }
    }

    /// The wire segments `packet` (travelling `direction`) stands for, in order: itself, unless
    /// it is TCP carrying more payload than its receiver takes in one segment.
    pub fn segments(
        &self,
        direction: Direction,
        packet: &PacketSummary,
    ) -> impl Iterator<Item = PacketObservation> {
        let whole = PacketObservation {
            time: packet.time,
            direction,
            ip_len: packet.ip_len,
            payload_len: packet.payload_len,
            tcp_flags: packet.tcp_flags,
        };
        let receivers_mss = match direction {
            Direction::Forward => self.by_responder,
            Direction::Backward => self.by_initiator,
        };
        let segment = u32::from(receivers_mss).saturating_sub(u32::from(packet.tcp_options_len));
        let cut = packet.transport == Transport::Tcp
            && segment >= MIN_SEGMENT
            && packet.payload_len > segment;
        let count = if cut {
            packet.payload_len.div_ceil(segment)
        } else {
            1
        };
        let headers = packet.ip_len.saturating_sub(packet.payload_len);
        let (payload, flags) = (packet.payload_len, packet.tcp_flags);
        (0..count).map(move |i| {
            if count == 1 {
                return whole;
            }
            let last = i + 1 == count;
            let payload_len = if last { payload - segment * i } else { segment };
            PacketObservation {
                ip_len: headers + payload_len,
                payload_len,
                // The stack sets FIN and PSH only on the last segment it cuts.
                tcp_flags: if last {
                    flags
                } else {
                    flags & !(tcp_flags::FIN | tcp_flags::PSH)
                },
                ..whole
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packet::Timestamp;
    use tcp_flags::*;
    use Direction::*;

    /// A hand-built packet summary: these tests exercise the cutting rule, not the decoder.
    fn packet(
        transport: Transport,
        flags: u8,
        payload: u32,
        options: u8,
        mss: u16,
    ) -> PacketSummary {
        PacketSummary {
            time: Timestamp(7),
            transport,
            src: ("10.0.0.1".parse().unwrap(), 40000),
            dst: ("10.0.0.2".parse().unwrap(), 80),
            ip_len: 40 + u32::from(options) + payload,
            payload_len: payload,
            tcp_flags: flags,
            tcp_options_len: options,
            announced_mss: mss,
            network: None,
        }
    }

    fn tcp(flags: u8, payload: u32) -> PacketSummary {
        packet(Transport::Tcp, flags, payload, 12, 0)
    }

    fn sizes(segments: impl Iterator<Item = PacketObservation>) -> Vec<(u32, u32, u8)> {
        segments
            .map(|s| (s.ip_len, s.payload_len, s.tcp_flags))
            .collect()
    }

    /// The client announces 1460, the server 1400; both then use 12 bytes of timestamps.
    fn handshake() -> AnnouncedMss {
        let mut mss = AnnouncedMss::default();
        mss.note(Forward, &packet(Transport::Tcp, SYN, 0, 20, 1460));
        mss.note(Backward, &packet(Transport::Tcp, SYN | ACK, 0, 20, 1400));
        mss
    }

    #[test]
    fn a_packet_larger_than_its_receivers_segment_becomes_the_segments_on_the_wire() {
        let mss = handshake();
        // The server's 4000 bytes go to the client, whose segments hold 1460 - 12 = 1448.
        assert_eq!(
            sizes(mss.segments(Backward, &tcp(ACK | PSH | FIN, 4000))),
            [
                (52 + 1448, 1448, ACK),
                (52 + 1448, 1448, ACK),
                (52 + 1104, 1104, ACK | PSH | FIN)
            ]
        );
        // The client's go to the server, whose segments hold 1400 - 12 = 1388.
        assert_eq!(
            sizes(mss.segments(Forward, &tcp(ACK, 2 * 1388))),
            [(52 + 1388, 1388, ACK), (52 + 1388, 1388, ACK)]
        );
        assert!(mss
            .segments(Forward, &tcp(ACK, 4000))
            .all(|s| s.time == Timestamp(7) && s.direction == Forward));
    }

    #[test]
    fn packets_that_fit_or_flows_without_an_announcement_are_measured_as_captured() {
        let mss = handshake();
        assert_eq!(
            sizes(mss.segments(Backward, &tcp(ACK, 1448))),
            [(1500, 1448, ACK)]
        );
        let unannounced = AnnouncedMss::default();
        assert_eq!(
            sizes(unannounced.segments(Backward, &tcp(ACK, 60_000))),
            [(60_052, 60_000, ACK)]
        );
        // Only the side that announced is known.
        let mut one_side = AnnouncedMss::default();
        one_side.note(Backward, &packet(Transport::Tcp, SYN | ACK, 0, 20, 1400));
        assert_eq!(one_side.segments(Backward, &tcp(ACK, 9000)).count(), 1);
        assert_eq!(one_side.segments(Forward, &tcp(ACK, 9000)).count(), 7);
    }

    #[test]
    fn udp_and_implausibly_small_announcements_are_not_cut() {
        let mss = handshake();
        let datagram = packet(Transport::Udp, 0, 20_000, 0, 0);
        assert_eq!(mss.segments(Forward, &datagram).count(), 1);
        let mut tiny = AnnouncedMss::default();
        tiny.note(Forward, &packet(Transport::Tcp, SYN, 0, 0, 100));
        assert_eq!(tiny.segments(Backward, &tcp(ACK, 60_000)).count(), 1);
        // A SYN without the option changes nothing.
        let mut kept = handshake();
        kept.note(Forward, &packet(Transport::Tcp, SYN, 0, 0, 0));
        assert_eq!(kept, handshake());
    }
}
