//! The flow table's key: transport plus the unordered pair of endpoints, so both directions of
//! a conversation find the same flow, and the virtual network of the tunnel around them, so that
//! two tenants' identical addresses and ports are two flows.

pub use crate::packet::Endpoint;
use crate::packet::Transport;

use crate::decode::VirtualNetwork;

/// Transport and endpoints in a canonical order (the smaller endpoint first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowKey {
    transport: Transport,
    low: Endpoint,
    high: Endpoint,
    network: Option<VirtualNetwork>,
}

impl FlowKey {
    pub fn new(transport: Transport, a: Endpoint, b: Endpoint) -> FlowKey {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        FlowKey {
            transport,
            low,
            high,
            network: None,
        }
    }

    /// The same conversation inside a tunnel's virtual network.
    pub fn in_network(self, network: Option<VirtualNetwork>) -> FlowKey {
        FlowKey { network, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    fn ip() -> impl Strategy<Value = IpAddr> {
        prop_oneof![
            any::<u32>().prop_map(|v| IpAddr::V4(Ipv4Addr::from(v))),
            any::<u128>().prop_map(|v| IpAddr::V6(Ipv6Addr::from(v))),
        ]
    }

    proptest! {
        #[test]
        fn the_key_is_the_same_in_both_directions(a in ip(), pa: u16, b in ip(), pb: u16, udp: bool) {
            let transport = if udp { Transport::Udp } else { Transport::Tcp };
            prop_assert_eq!(FlowKey::new(transport, (a, pa), (b, pb)), FlowKey::new(transport, (b, pb), (a, pa)));
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
    }
}
