//! What a frame was wrapped in: the tunnels decoded on the way to its packet, the virtual network
//! they named, and the encapsulation decoding stopped at; and their counts over a capture.

use super::{Skip, VirtualNetwork};

/// A kind of tunnel or encapsulation flowclass opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TunnelKind {
    Mpls,
    Pppoe,
    Gre,
    Erspan,
    Vxlan,
    Geneve,
    GtpU,
    Ipv4InIpv4,
    Ipv6InIpv4,
    Ipv4InIpv6,
    Ipv6InIpv6,
}

impl TunnelKind {
    pub const ALL: [TunnelKind; 11] = [
        TunnelKind::Mpls,
        TunnelKind::Pppoe,
        TunnelKind::Gre,
        TunnelKind::Erspan,
        TunnelKind::Vxlan,
        TunnelKind::Geneve,
        TunnelKind::GtpU,
        TunnelKind::Ipv4InIpv4,
        TunnelKind::Ipv6InIpv4,
        TunnelKind::Ipv4InIpv6,
        TunnelKind::Ipv6InIpv6,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TunnelKind::Mpls => "MPLS",
            TunnelKind::Pppoe => "PPPoE",
            TunnelKind::Gre => "GRE",
            TunnelKind::Erspan => "ERSPAN",
            TunnelKind::Vxlan => "VXLAN",
            TunnelKind::Geneve => "Geneve",
            TunnelKind::GtpU => "GTP-U",
            TunnelKind::Ipv4InIpv4 => "IPv4-in-IPv4",
            TunnelKind::Ipv6InIpv4 => "IPv6-in-IPv4 (6in4)",
            TunnelKind::Ipv4InIpv6 => "IPv4-in-IPv6",
            TunnelKind::Ipv6InIpv6 => "IPv6-in-IPv6",
        }
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// An encapsulation recognised by its number but not opened; the frame is
/// [`Skip::Encapsulated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Undecoded {
    /// IPsec ESP (IP protocol 50): encrypted.
    Esp,
    /// IPsec AH over IPv4 (IP protocol 51).
    AhOverIpv4,
    /// EtherIP (IP protocol 97).
    EtherIp,
    /// L2TPv3 over IP (IP protocol 115).
    L2tpv3,
    /// GRE version 1, as PPTP uses it.
    Pptp,
    /// GRE with a payload type flowclass does not open, or with source routing.
    GreOther,
    /// An ERSPAN header of another version, or carrying other than Ethernet or IP.
    ErspanOther,
    /// An MPLS payload that is neither IP nor a pseudowire control word.
    MplsOther,
    /// A PPP network protocol other than IPv4, IPv6 or MPLS (bridging, compression, …).
    PppOther,
    /// A Geneve payload other than Ethernet or IP.
    GeneveOther,
    /// 802.11 frames protected at the link layer (WEP, WPA): encrypted.
    Ieee80211Protected,
    /// 802.11 A-MSDU aggregates.
    Ieee80211Amsdu,
    /// MACsec (ethertype 0x88e5): encrypted.
    Macsec,
    /// Any tunnel met while decapsulation is off.
    TunnelNotOpened,
}

impl Undecoded {
    pub const ALL: [Undecoded; 14] = [
        Undecoded::Esp,
        Undecoded::AhOverIpv4,
        Undecoded::EtherIp,
        Undecoded::L2tpv3,
        Undecoded::Pptp,
        Undecoded::GreOther,
        Undecoded::ErspanOther,
        Undecoded::MplsOther,
        Undecoded::PppOther,
        Undecoded::GeneveOther,
        Undecoded::Ieee80211Protected,
        Undecoded::Ieee80211Amsdu,
        Undecoded::Macsec,
        Undecoded::TunnelNotOpened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Undecoded::Esp => "IPsec ESP",
            Undecoded::AhOverIpv4 => "IPsec AH over IPv4",
            Undecoded::EtherIp => "EtherIP",
            Undecoded::L2tpv3 => "L2TPv3",
            Undecoded::Pptp => "PPTP (GRE version 1)",
            Undecoded::GreOther => "GRE with another payload",
            Undecoded::ErspanOther => "ERSPAN of another version or payload",
            Undecoded::MplsOther => "MPLS with a non-IP payload",
            Undecoded::PppOther => "PPP with a non-IP protocol",
            Undecoded::GeneveOther => "Geneve with a non-Ethernet, non-IP payload",
            Undecoded::Ieee80211Protected => "802.11 protected (encrypted) frames",
            Undecoded::Ieee80211Amsdu => "802.11 A-MSDU aggregates",
            Undecoded::Macsec => "MACsec",
            Undecoded::TunnelNotOpened => "tunnels (--decapsulate none)",
        }
    }
}

/// One frame's wrappings, filled in while it is decoded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layers {
    /// One bit per [`TunnelKind`] decoded.
    tunnels: u16,
    /// The innermost virtual network named so far.
    pub(super) network: Option<VirtualNetwork>,
    undecoded: Option<Undecoded>,
}

impl Layers {
    pub(super) fn tunnel(&mut self, kind: TunnelKind) {
        self.tunnels |= kind.bit();
    }

    /// Notes where decoding stopped; the frame is skipped as encapsulated.
    pub(super) fn undecoded(&mut self, what: Undecoded) -> Skip {
        self.undecoded = Some(what);
        Skip::Encapsulated
    }

    /// The tunnel kinds decoded, in [`TunnelKind::ALL`] order: only the bits that are set, lowest
    /// first (a kind's bit is its index in `ALL`).
    pub fn tunnels(&self) -> impl Iterator<Item = TunnelKind> {
        let mut bits = self.tunnels;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let index = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            Some(TunnelKind::ALL[index])
        })
    }

    pub fn network(&self) -> Option<VirtualNetwork> {
        self.network
    }

    pub fn stopped_at(&self) -> Option<Undecoded> {
        self.undecoded
    }
}

/// Frames per tunnel kind decoded (a frame counts once per kind it held) and per undecoded
/// encapsulation, over a capture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecapCounts {
    tunnels: [u64; TunnelKind::ALL.len()],
    undecoded: [u64; Undecoded::ALL.len()],
}

impl DecapCounts {
    pub fn add(&mut self, layers: &Layers) {
        for kind in layers.tunnels() {
            self.tunnels[kind as usize] += 1;
        }
        if let Some(what) = layers.undecoded {
            self.undecoded[what as usize] += 1;
        }
    }

    /// Adds another capture's counts.
    pub fn merge(&mut self, other: &DecapCounts) {
        for (mine, theirs) in self.tunnels.iter_mut().zip(other.tunnels) {
            *mine += theirs;
        }
        for (mine, theirs) in self.undecoded.iter_mut().zip(other.undecoded) {
            *mine += theirs;
        }
    }

    /// The tunnel kinds seen, with their frame counts.
    pub fn tunnels(&self) -> impl Iterator<Item = (TunnelKind, u64)> + '_ {
        TunnelKind::ALL
            .into_iter()
            .map(|kind| (kind, self.tunnels[kind as usize]))
            .filter(|&(_, frames)| frames > 0)
    }

    /// The undecoded encapsulations seen, with their frame counts.
    pub fn undecoded(&self) -> impl Iterator<Item = (Undecoded, u64)> + '_ {
        Undecoded::ALL
            .into_iter()
            .map(|what| (what, self.undecoded[what as usize]))
            .filter(|&(_, frames)| frames > 0)
    }

    pub fn get(&self, kind: TunnelKind) -> u64 {
        self.tunnels[kind as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_all_lists_are_in_discriminant_order() {
        for (i, kind) in TunnelKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, i);
        }
        for (i, what) in Undecoded::ALL.into_iter().enumerate() {
            assert_eq!(what as usize, i);
        }
        assert!(TunnelKind::ALL.len() <= 16, "one bit each in a u16");
    }

    #[test]
    fn a_frame_counts_once_per_kind_and_counts_merge() {
        let mut layers = Layers::default();
        layers.tunnel(TunnelKind::Vxlan);
        layers.tunnel(TunnelKind::Vxlan);
        layers.tunnel(TunnelKind::Gre);
        assert_eq!(layers.undecoded(Undecoded::Esp), Skip::Encapsulated);
        let mut counts = DecapCounts::default();
        counts.add(&layers);
        counts.add(&Layers::default());
        let mut total = counts.clone();
        total.merge(&counts);
        assert_eq!(
            total.tunnels().collect::<Vec<_>>(),
            vec![(TunnelKind::Gre, 2), (TunnelKind::Vxlan, 2)]
        );
        assert_eq!(
            total.undecoded().collect::<Vec<_>>(),
            vec![(Undecoded::Esp, 2)]
        );
    }
}
