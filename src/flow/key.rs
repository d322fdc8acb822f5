//! The flow table's key: transport plus the unordered pair of endpoints, so both directions of
//! a conversation find the same flow.

pub use crate::packet::Endpoint;
use crate::packet::Transport;

/// Transport and endpoints in a canonical order (the smaller endpoint first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowKey {
    transport: Transport,
    low: Endpoint,
    high: Endpoint,
}

impl FlowKey {
    pub fn new(transport: Transport, a: Endpoint, b: Endpoint) -> FlowKey {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        FlowKey {
            transport,
            low,
            high,
        }
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
    }
}
