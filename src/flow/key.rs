//! The flow table's key: transport plus the unordered pair of endpoints, so both directions of
//! a conversation find the same flow, and the virtual network of the tunnel around them, so that
//! two tenants' identical addresses and ports are two flows. Addresses are kept as plain
//! integers, so the key is cheap to hash and compare (it is hashed for every packet).

use std::hash::{Hash, Hasher};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub use crate::packet::Endpoint;
use crate::packet::Transport;

use super::record::FlowEndpoints;
use crate::decode::VirtualNetwork;

/// Transport and endpoints in a canonical order (the smaller endpoint first). Aligned to 8
/// bytes, not the addresses' 16, so that an open flow's slot, which holds its key, has no
/// padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(8))]
pub struct FlowKey {
    low_ip: u128,
    high_ip: u128,
    low_port: u16,
    high_port: u16,
    /// The transport (bit 0: UDP) and which addresses are IPv6 (bit 1 the low one's, bit 2
    /// the high one's): an IPv4 address and the IPv6 address with the same 128-bit value are
    /// different endpoints.
    kind: u8,
    network: Option<VirtualNetwork>,
}

const UDP: u8 = 1;
const LOW_V6: u8 = 2;
const HIGH_V6: u8 = 4;

impl FlowKey {
    pub fn new(transport: Transport, a: Endpoint, b: Endpoint) -> FlowKey {
        FlowKey::oriented(transport, a, b).0
    }

    /// The key of a packet from `a` to `b`, and whether `a` is the key's low endpoint, the
    /// first in its canonical order (when `a` and `b` are one endpoint, it is both).
    pub fn oriented(transport: Transport, a: Endpoint, b: Endpoint) -> (FlowKey, bool) {
        let (a_ip, a_v6) = bits(a.0);
        let (b_ip, b_v6) = bits(b.0);
        let a_is_low = (a_ip, a.1, a_v6) <= (b_ip, b.1, b_v6);
        let ((low_ip, low_port, low_v6), (high_ip, high_port, high_v6)) = if a_is_low {
            ((a_ip, a.1, a_v6), (b_ip, b.1, b_v6))
        } else {
            ((b_ip, b.1, b_v6), (a_ip, a.1, a_v6))
        };
        let bit = |set: bool, bit: u8| if set { bit } else { 0 };
        let key = FlowKey {
            low_ip,
            high_ip,
            low_port,
            high_port,
            kind: bit(transport == Transport::Udp, UDP)
                | bit(low_v6, LOW_V6)
                | bit(high_v6, HIGH_V6),
            network: None,
        };
        (key, a_is_low)
    }

    /// The same conversation inside a tunnel's virtual network.
    pub fn in_network(self, network: Option<VirtualNetwork>) -> FlowKey {
        FlowKey { network, ..self }
    }

    /// Whether `endpoint` is the key's low endpoint.
    pub fn is_low(&self, endpoint: Endpoint) -> bool {
        let (ip, v6) = bits(endpoint.0);
        (ip, endpoint.1, v6) == (self.low_ip, self.low_port, self.kind & LOW_V6 != 0)
    }

    pub fn transport(&self) -> Transport {
        if self.kind & UDP != 0 {
            Transport::Udp
        } else {
            Transport::Tcp
        }
    }

    /// The conversation, opened by the low endpoint or by the high one.
    pub fn endpoints(&self, opened_by_low: bool) -> FlowEndpoints {
        let low = (address(self.low_ip, self.kind & LOW_V6 != 0), self.low_port);
        let high = (
            address(self.high_ip, self.kind & HIGH_V6 != 0),
            self.high_port,
        );
        let (src, dst) = if opened_by_low {
            (low, high)
        } else {
            (high, low)
        };
        FlowEndpoints {
            transport: self.transport(),
            src_ip: src.0,
            src_port: src.1,
            dst_ip: dst.0,
            dst_port: dst.1,
        }
    }

    /// Which of `workers` handles this conversation: the same for both directions, and spread
    /// evenly whatever the addresses look like. The reader of a capture asks this for every
    /// packet, so it mixes the key's folded bits with a fixed finaliser rather than a keyed hash
    /// (a capture crafted to load one worker only slows the run; the flow index itself, which
    /// could be made slow to search, keeps its keyed hash).
    pub fn worker(&self, workers: usize) -> usize {
        let fold = |ip: u128| (ip as u64) ^ (ip >> 64) as u64;
        let bits = fold(self.low_ip)
            ^ fold(self.high_ip).rotate_left(29)
            ^ (u64::from(self.low_port) << 13 | u64::from(self.high_port) << 37)
            ^ u64::from(self.kind) << 61
            ^ self.network_word().rotate_left(19);
        // MurmurHash3's finaliser: every bit of `bits` moves about half of the result's bits.
        let mut spread = bits;
        for multiplier in [0xff51_afd7_ed55_8ccd, 0xc4ce_b9fe_1a85_ec53] {
            spread = (spread ^ spread >> 33).wrapping_mul(multiplier);
        }
        spread ^= spread >> 33;
        (((spread >> 32) * workers as u64) >> 32) as usize
    }

    /// The virtual network as one word: 0 for none, else its kind above its 32-bit value.
    fn network_word(&self) -> u64 {
        match self.network {
            None => 0,
            Some(VirtualNetwork::Vni(vni)) => u64::from(vni) | 1 << 32,
            Some(VirtualNetwork::GreKey(key)) => u64::from(key) | 2 << 32,
        }
    }
}

/// The key in three words, where the derived hash would write seven (a field at a time, and the
/// network's two enum tags): the flow index hashes a key for every packet. Equal keys write
/// equal words, and the words determine the key.
impl Hash for FlowKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let ports_and_kind =
            u64::from(self.low_port) | u64::from(self.high_port) << 16 | u64::from(self.kind) << 32;
        state.write_u128(self.low_ip);
        state.write_u128(self.high_ip);
        state.write_u128(u128::from(ports_and_kind) << 64 | u128::from(self.network_word()));
    }
}

/// An address as 128 bits, and whether it is IPv6.
fn bits(ip: IpAddr) -> (u128, bool) {
    match ip {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)), false),
        IpAddr::V6(v6) => (u128::from(v6), true),
    }
}

/// The address [`bits`] made these bits from.
fn address(bits: u128, v6: bool) -> IpAddr {
    if v6 {
        IpAddr::V6(Ipv6Addr::from(bits))
    } else {
        IpAddr::V4(Ipv4Addr::from(bits as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    #[test]
    fn an_ipv4_address_and_the_ipv6_address_of_the_same_value_differ() {
        let v4 = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let v6 = IpAddr::V6(Ipv6Addr::from(u128::from(0x0a00_0001u32)));
        let other = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        assert_ne!(
            FlowKey::new(Transport::Tcp, (v4, 1), (other, 2)),
            FlowKey::new(Transport::Tcp, (v6, 1), (other, 2))
        );
    }

    fn ip() -> impl Strategy<Value = IpAddr> {
        prop_oneof![
            any::<u32>().prop_map(|v| IpAddr::V4(Ipv4Addr::from(v))),
            any::<u128>().prop_map(|v| IpAddr::V6(Ipv6Addr::from(v))),
        ]
    }

    fn network() -> impl Strategy<Value = Option<VirtualNetwork>> {
        prop_oneof![
            Just(None),
            any::<u32>().prop_map(|v| Some(VirtualNetwork::Vni(v))),
            any::<u32>().prop_map(|k| Some(VirtualNetwork::GreKey(k))),
        ]
    }

    /// The bytes a key writes to a hasher.
    fn written(key: &FlowKey) -> Vec<u8> {
        struct Recorder(Vec<u8>);
        impl Hasher for Recorder {
            fn finish(&self) -> u64 {
                0
            }
            fn write(&mut self, bytes: &[u8]) {
                self.0.extend_from_slice(bytes);
            }
        }
        let mut recorder = Recorder(Vec::new());
        key.hash(&mut recorder);
        recorder.0
    }

    proptest! {
        #[test]
        fn keys_write_the_same_words_exactly_when_they_are_equal(
            a in ip(), pa: u16, b in ip(), pb: u16, udp: bool, net in network(),
            c in ip(), pc: u16, same_ports: bool, other_udp: bool, other_net in network(),
        ) {
            let transport = |udp| if udp { Transport::Udp } else { Transport::Tcp };
            let key = FlowKey::new(transport(udp), (a, pa), (b, pb)).in_network(net);
            prop_assert_eq!(written(&key), written(&FlowKey::new(transport(udp), (b, pb), (a, pa)).in_network(net)));
            let pc = if same_ports { pa } else { pc };
            for other in [
                FlowKey::new(transport(other_udp), (c, pc), (b, pb)).in_network(net),
                FlowKey::new(transport(udp), (a, pa), (b, pb)).in_network(other_net),
                FlowKey::new(transport(other_udp), (a, pa), (b, pb)).in_network(net),
            ] {
                prop_assert_eq!(written(&key) == written(&other), key == other);
            }
        }

        #[test]
        fn the_key_is_the_same_in_both_directions(a in ip(), pa: u16, b in ip(), pb: u16, udp: bool) {
            let transport = if udp { Transport::Udp } else { Transport::Tcp };
            prop_assert_eq!(FlowKey::new(transport, (a, pa), (b, pb)), FlowKey::new(transport, (b, pb), (a, pa)));
        }

        #[test]
        fn a_key_gives_back_its_endpoints_either_way_round(a in ip(), pa: u16, b in ip(), pb: u16, udp: bool, same: bool) {
            let transport = if udp { Transport::Udp } else { Transport::Tcp };
            let (b, pb) = if same { (a, pa) } else { (b, pb) };
            let (key, a_is_low) = FlowKey::oriented(transport, (a, pa), (b, pb));
            let (back, b_is_low) = FlowKey::oriented(transport, (b, pb), (a, pa));
            prop_assert_eq!(key, back);
            prop_assert_eq!((a_is_low, b_is_low), (key.is_low((a, pa)), key.is_low((b, pb))));
            prop_assert!(a_is_low || b_is_low);
            prop_assert_eq!(a_is_low && b_is_low, (a, pa) == (b, pb));
            let opened_by_a = key.endpoints(a_is_low);
            prop_assert_eq!(
                (opened_by_a.transport, opened_by_a.src_ip, opened_by_a.src_port, opened_by_a.dst_ip, opened_by_a.dst_port),
                (transport, a, pa, b, pb)
            );
            let opened_by_b = key.endpoints(b_is_low);
            prop_assert_eq!((opened_by_b.src_ip, opened_by_b.src_port), (b, pb));
        }

        #[test]
        fn different_conversations_get_different_keys(a in ip(), pa: u16, b in ip(), pb: u16, c in ip(), pc: u16) {
            prop_assume!((a, pa) != (c, pc) && (b, pb) != (c, pc));
            prop_assert_ne!(FlowKey::new(Transport::Tcp, (a, pa), (b, pb)), FlowKey::new(Transport::Tcp, (a, pa), (c, pc)));
            prop_assert_ne!(FlowKey::new(Transport::Tcp, (a, pa), (b, pb)), FlowKey::new(Transport::Udp, (a, pa), (b, pb)));
        }

        #[test]
        fn virtual_networks_keep_identical_conversations_apart(a in ip(), pa: u16, b in ip(), pb: u16, vni: u32, key: u32) {
            let plain = FlowKey::new(Transport::Tcp, (a, pa), (b, pb));
            let vxlan = plain.in_network(Some(VirtualNetwork::Vni(vni)));
            prop_assert_ne!(plain, vxlan);
            prop_assert_ne!(vxlan, plain.in_network(Some(VirtualNetwork::Vni(vni.wrapping_add(1)))));
            prop_assert_ne!(vxlan, plain.in_network(Some(VirtualNetwork::GreKey(key))));
            prop_assert_eq!(vxlan, FlowKey::new(Transport::Tcp, (b, pb), (a, pa)).in_network(Some(VirtualNetwork::Vni(vni))));
        }

        #[test]
        fn neighbouring_conversations_spread_evenly_over_the_workers(
            server in ip(), base in any::<u32>(), port_base in 1024u16..30000, workers in 2usize..9,
        ) {
            // Clients of one /20 with consecutive ports, as a busy server sees them.
            let mut load = vec![0usize; workers];
            for n in 0..4096u32 {
                let client = IpAddr::V4(Ipv4Addr::from((base & !0xfff) | n));
                let key = FlowKey::new(Transport::Tcp, (client, port_base + (n % 16) as u16), (server, 443));
                load[key.worker(workers)] += 1;
            }
            // Within five standard deviations of a fair split's count.
            let fair = 4096.0 / workers as f64;
            let deviation = (fair * (1.0 - 1.0 / workers as f64)).sqrt();
            prop_assert!(load.iter().all(|&n| (n as f64 - fair).abs() < 5.0 * deviation), "{load:?}");
        }

        #[test]
        fn both_directions_go_to_the_same_worker(a in ip(), pa: u16, b in ip(), pb: u16, workers in 1usize..64) {
            let there = FlowKey::new(Transport::Tcp, (a, pa), (b, pb)).worker(workers);
            prop_assert!(there < workers);
            prop_assert_eq!(there, FlowKey::new(Transport::Tcp, (b, pb), (a, pa)).worker(workers));
        }
    }
}
