//! The same packets on several interfaces of one capture: a pcapng written by `dumpcap -i a -i b`
//! from a bridge and its ports, say, holds each packet once per interface, and its flows would
//! count every packet several times. [`Interfaces::Deduplicated`] keeps one copy.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::decode::{PacketSummary, VirtualNetwork};
use crate::packet::{Endpoint, Timestamp, Transport};

/// What to do with the interfaces of a pcapng capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interfaces {
    /// Every frame of every interface is a packet of its flow (the default): right when the
    /// interfaces saw different traffic.
    #[default]
    Merged,
    /// A packet that another interface already gave within [`COPY_WINDOW_NS`] (the same
    /// transport, endpoints, virtual network, sizes and TCP flags) is a copy, and dropped.
    Deduplicated,
}

/// How far apart in capture time two copies of one packet on two interfaces may be.
pub const COPY_WINDOW_NS: i64 = 10_000_000;

/// What makes two packets copies of each other, besides their time.
type CopyKey = (
    Transport,
    Endpoint,
    Endpoint,
    Option<VirtualNetwork>,
    u32,
    u32,
    u8,
);

/// Remembers recent packets per interface, to tell copies from other interfaces.
#[derive(Debug, Default)]
pub struct CopyFilter {
    /// For each packet seen, when and on which interface it was seen first.
    seen: HashMap<CopyKey, (Timestamp, u32)>,
    /// Packets looked at since entries were last expired.
    since_expiry: usize,
    /// Copies dropped.
    pub copies: u64,
}

impl CopyFilter {
    /// Whether `packet`, captured on `interface`, is a copy of one another interface gave; a
    /// copy is counted, anything else remembered.
    pub fn is_copy(&mut self, packet: &PacketSummary, interface: u32) -> bool {
        let key = (
            packet.transport,
            packet.src,
            packet.dst,
            packet.network,
            packet.ip_len,
            packet.payload_len,
            packet.tcp_flags,
        );
        let near = |(time, _): &(Timestamp, u32)| {
            time.0.abs_diff(packet.time.0) <= COPY_WINDOW_NS.unsigned_abs()
        };
        if let Some(first) = self.seen.get(&key) {
            if first.1 != interface && near(first) {
                self.copies += 1;
                return true;
            }
        }
        self.seen.insert(key, (packet.time, interface));
        self.since_expiry += 1;
        if self.since_expiry >= 4096 {
            self.seen.retain(|_, seen| near(seen));
            self.since_expiry = 0;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A packet summary made up for the test.
    fn packet(time_ns: i64, payload_len: u32) -> PacketSummary {
        PacketSummary {
            time: Timestamp(time_ns),
            transport: Transport::Tcp,
            src: ("10.0.0.1".parse().unwrap(), 40000),
            dst: ("10.0.0.2".parse().unwrap(), 443),
            ip_len: 40 + payload_len,
            payload_len,
            tcp_flags: 0x18,
            tcp_options_len: 0,
            announced_mss: 0,
            network: None,
        }
    }

    #[test]
    fn a_packet_again_on_another_interface_soon_after_is_a_copy() {
        let mut filter = CopyFilter::default();
        assert!(!filter.is_copy(&packet(0, 100), 0));
        assert!(
            filter.is_copy(&packet(5_000, 100), 1),
            "the same packet on interface 1"
        );
        assert!(filter.is_copy(&packet(9_000, 100), 2), "and on interface 2");
        assert!(
            !filter.is_copy(&packet(20_000, 100), 0),
            "sent again on interface 0"
        );
        assert!(!filter.is_copy(&packet(30_000, 200), 1), "another size");
        let mut other_tenant = packet(30_000, 100);
        other_tenant.network = Some(VirtualNetwork::Vni(7));
        assert!(
            !filter.is_copy(&other_tenant, 1),
            "the same addresses in another virtual network"
        );
        assert!(
            !filter.is_copy(&packet(20_000 + COPY_WINDOW_NS + 1, 100), 1),
            "too late to be a copy"
        );
        assert_eq!(filter.copies, 2);
    }
}
