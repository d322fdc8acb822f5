//! Frame bytes → [`PacketSummary`]: link layer, tunnels, IPv4/IPv6, TCP/UDP.
//!
//! Decoding reads only headers and never trusts a length it cannot check: every access goes
//! through `get`, so a short or hostile frame yields a [`Skip`] reason, never a panic, and nothing
//! is allocated per frame. Sizes come from the IP headers, not from the captured length, so a
//! capture taken with a short snaplen gives the same sizes as the full one.
//!
//! A frame is followed header by header (`Next`): the link layer (`link`, `wifi`) names the
//! next header, and so does every tunnel header (`tunnel`) until an IP header carries TCP or UDP
//! (`ip`). The innermost TCP/UDP packet is the packet: with decapsulation on (the default,
//! [`DecapConfig`]) MPLS, PPPoE, GRE, ERSPAN, VXLAN, Geneve, GTP-U and IP-in-IP are stripped, and
//! the flow is the application's, not the tunnel's. At most [`MAX_HEADERS`] headers are followed.
//!
//! IPv4 fragments: a datagram is counted once, through its first fragment (offset 0), which
//! carries the ports; for UDP its size is taken from the UDP length field, which covers the whole
//! datagram. Later fragments carry no ports and are counted as [`Skip::LaterFragment`].

mod ip;
mod layers;
mod link;
mod tunnel;
mod wifi;

use crate::packet::{Endpoint, Timestamp, Transport};

pub use layers::{DecapCounts, Layers, TunnelKind, Undecoded};
pub use tunnel::{DecapConfig, PortList};

/// The link-layer framings flowclass reads (pcap `LINKTYPE_*` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkType {
    /// BSD loopback: a 4-byte address family in the capturing host's byte order.
    Null,
    Ethernet,
    /// PPP: an optional `ff 03` address and control, then the protocol (LINKTYPE_PPP, and
    /// LINKTYPE_PPP_HDLC, which may hold Cisco HDLC frames instead).
    Ppp,
    /// PPP with a leading direction byte (LINKTYPE_PPP_WITH_DIR).
    PppWithDirection,
    /// Raw IP (LINKTYPE_RAW, and DLT_RAW's 12/14 on some systems).
    RawIp,
    /// Cisco HDLC: address, control, then an ethertype (LINKTYPE_C_HDLC).
    CiscoHdlc,
    /// Cisco HDLC with a leading direction byte (LINKTYPE_C_HDLC_WITH_DIR).
    CiscoHdlcWithDirection,
    /// IEEE 802.11 frames without a radio header.
    Ieee80211,
    /// OpenBSD loopback: a 4-byte address family in network byte order.
    Loop,
    /// Linux cooked capture v1 (`tcpdump -i any`, older libpcap).
    LinuxSll,
    /// IEEE 802.11 frames behind a radiotap header.
    Radiotap,
    /// Per-Packet Information header, then the link type it names.
    Ppi,
    RawIpv4,
    RawIpv6,
    /// Linux cooked capture v2 (`tcpdump -i any`, libpcap ≥ 1.10).
    LinuxSll2,
}

impl LinkType {
    /// The framing for a pcap/pcapng link type number, if flowclass reads it.
    pub fn from_linktype(value: i32) -> Option<LinkType> {
        Some(match value {
            0 => LinkType::Null,
            1 => LinkType::Ethernet,
            9 | 50 => LinkType::Ppp,
            12 | 14 | 101 => LinkType::RawIp,
            104 => LinkType::CiscoHdlc,
            105 => LinkType::Ieee80211,
            108 => LinkType::Loop,
            113 => LinkType::LinuxSll,
            127 => LinkType::Radiotap,
            192 => LinkType::Ppi,
            204 => LinkType::PppWithDirection,
            205 => LinkType::CiscoHdlcWithDirection,
            228 => LinkType::RawIpv4,
            229 => LinkType::RawIpv6,
            276 => LinkType::LinuxSll2,
            _ => return None,
        })
    }
}

/// The tenant a tunnel header names: part of the flow key, so that two virtual networks'
/// identical addresses and ports stay two flows (docs/FLOWS.md says which tunnels give one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VirtualNetwork {
    /// A VXLAN or Geneve network identifier (24 bits).
    Vni(u32),
    /// A GRE key.
    GreKey(u32),
}

/// The part of a packet that flows and features need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketSummary {
    pub time: Timestamp,
    pub transport: Transport,
    pub src: Endpoint,
    pub dst: Endpoint,
    /// IP-layer length (header and payload) from the IP header.
    pub ip_len: u32,
    /// Transport payload length, from the headers.
    pub payload_len: u32,
    /// TCP flags byte (0 for UDP).
    pub tcp_flags: u8,
    /// Bytes of TCP options after the fixed 20-byte header (0 for UDP).
    pub tcp_options_len: u8,
    /// The maximum segment size a SYN announces in its options: the largest TCP payload its
    /// sender will take in one segment (0 when not a SYN, or no such option).
    pub announced_mss: u16,
    /// The innermost tunnel's virtual network, when a tunnel around the packet names one.
    pub network: Option<VirtualNetwork>,
}

/// Why a frame gave no packet summary. Each is counted, none is an error of the capture file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// Not IPv4 or IPv6 (ARP, LLDP, PPP control, 802.11 management, …).
    NotIp,
    /// IP, but neither TCP nor UDP (ICMP, …), or IPv6 behind an unknown extension header.
    OtherTransport,
    /// A non-first IPv4 fragment (no ports).
    LaterFragment,
    /// The captured bytes end inside a header.
    Truncated,
    /// A header that contradicts itself (IPv4 header length < 20, TCP data offset < 5, …).
    Malformed,
    /// An encapsulation flowclass recognises but does not open (named in [`Undecoded`]), or any
    /// tunnel while decapsulation is off.
    Encapsulated,
    /// More than [`MAX_HEADERS`] headers deep.
    TooDeep,
}

/// The most headers a frame is followed through after its link layer (a VLAN tag stack or an
/// MPLS label stack counts as one): deeper nesting is [`Skip::TooDeep`].
pub const MAX_HEADERS: usize = 16;

/// What the bytes at the cursor are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Link(LinkType),
    /// Named by an ethertype (Ethernet, VLAN, PPPoE, Cisco HDLC, GRE, Geneve, LLC/SNAP).
    Ethertype(u16),
    /// An Ethernet header (inside a tunnel, or a pseudowire).
    Ethernet,
    /// A PPP protocol field, with or without `ff 03` before it.
    Ppp,
    PppoeSession,
    Mpls,
    /// IPv4 or IPv6, told by the version nibble.
    Ip,
    Ipv4,
    Ipv6,
    Gre,
}

/// The undecoded rest of a frame: the captured bytes, and how many bytes they stand for on the
/// wire (the captured bytes may be fewer, cut by the snaplen).
#[derive(Debug, Clone, Copy)]
struct Cursor<'a> {
    bytes: &'a [u8],
    wire: u32,
}

impl<'a> Cursor<'a> {
    /// The cursor past `n` bytes of header.
    #[inline]
    fn skip(self, n: usize) -> Result<Cursor<'a>, Skip> {
        Ok(Cursor {
            bytes: self.bytes.get(n..).ok_or(Skip::Truncated)?,
            wire: self.wire.saturating_sub(n as u32),
        })
    }

    #[inline]
    fn be16(&self, at: usize) -> Result<u16, Skip> {
        be16(self.bytes, at).ok_or(Skip::Truncated)
    }

    #[inline]
    fn byte(&self, at: usize) -> Result<u8, Skip> {
        self.bytes.get(at).copied().ok_or(Skip::Truncated)
    }
}

#[inline]
fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        bytes.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

#[inline]
fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        bytes.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// One step of decoding: the next header and where it starts, or the packet. Kept small, and
/// the steps are `#[inline]` (each has one call site, in [`decode_with`]'s loop): a step handed
/// back through memory from an out-of-line call cost more than the header it read, which made a
/// tunnel's outer headers dear (docs/THROUGHPUT.md, "Tunnels").
enum Step<'a> {
    Next(Next, Cursor<'a>),
    Packet(ip::Packet<'a>),
}

/// Decodes one frame with the default decapsulation. `wire_len` is the frame's original length
/// on the wire.
pub fn decode(
    link: LinkType,
    frame: &[u8],
    wire_len: u32,
    time: Timestamp,
) -> Result<PacketSummary, Skip> {
    decode_with(
        &DecapConfig::default(),
        link,
        frame,
        wire_len,
        time,
        &mut Layers::default(),
    )
}

/// Decodes one frame, noting in `layers` the tunnels it went through and the encapsulation it
/// stopped at.
pub fn decode_with(
    config: &DecapConfig,
    link: LinkType,
    frame: &[u8],
    wire_len: u32,
    time: Timestamp,
    layers: &mut Layers,
) -> Result<PacketSummary, Skip> {
    let mut at = Cursor {
        bytes: frame,
        wire: wire_len,
    };
    let mut next = Next::Link(link);
    for _ in 0..=MAX_HEADERS {
        let step = match next {
            Next::Link(link) => link::strip(link, at, layers)?,
            Next::Ethertype(ethertype) => Step::Next(by_ethertype(ethertype, config, layers)?, at),
            Next::Ethernet => link::ethernet(at)?,
            Next::Ppp => tunnel::ppp(at, config.enabled, layers)?,
            Next::PppoeSession => tunnel::pppoe_session(at, layers)?,
            Next::Mpls => tunnel::mpls(at, layers)?,
            Next::Ip => Step::Next(by_version(at)?, at),
            Next::Ipv4 | Next::Ipv6 => {
                ip::ip(at, next == Next::Ipv6, ip::Context { config, layers })?
            }
            Next::Gre => tunnel::gre(at, layers)?,
        };
        match step {
            Step::Next(header, rest) => {
                next = header;
                at = rest;
            }
            Step::Packet(packet) => return Ok(packet.summary(time, layers.network)),
        }
    }
    Err(Skip::TooDeep)
}

const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;
const ETHERTYPE_TEB: u16 = 0x6558;
const ETHERTYPE_PPPOE_SESSION: u16 = 0x8864;
const ETHERTYPE_MPLS: u16 = 0x8847;
const ETHERTYPE_MPLS_MULTICAST: u16 = 0x8848;

const ETHERTYPE_MACSEC: u16 = 0x88e5;

/// The header an ethertype names; tunnels only while decapsulation is on.
fn by_ethertype(ethertype: u16, config: &DecapConfig, layers: &mut Layers) -> Result<Next, Skip> {
    let tunnel = match ethertype {
        ETHERTYPE_IPV4 => return Ok(Next::Ipv4),
        ETHERTYPE_IPV6 => return Ok(Next::Ipv6),
        ETHERTYPE_MACSEC => return Err(layers.undecoded(Undecoded::Macsec)),
        ETHERTYPE_TEB => Next::Ethernet,
        ETHERTYPE_PPPOE_SESSION => Next::PppoeSession,
        ETHERTYPE_MPLS | ETHERTYPE_MPLS_MULTICAST => Next::Mpls,
        _ => return Err(Skip::NotIp),
    };
    if config.enabled {
        Ok(tunnel)
    } else {
        Err(layers.undecoded(Undecoded::TunnelNotOpened))
    }
}

/// IPv4 or IPv6 by the version nibble.
fn by_version(at: Cursor<'_>) -> Result<Next, Skip> {
    match at.byte(0)? >> 4 {
        4 => Ok(Next::Ipv4),
        6 => Ok(Next::Ipv6),
        _ => Err(Skip::NotIp),
    }
}

/// A [`decode_with`] that keeps count of the tunnels and undecoded encapsulations it met, for
/// the end-of-run report.
#[derive(Debug, Default)]
pub struct Decoder {
    config: DecapConfig,
    counts: DecapCounts,
}

impl Decoder {
    pub fn new(config: DecapConfig) -> Decoder {
        Decoder {
            config,
            counts: DecapCounts::default(),
        }
    }

    pub fn decode(
        &mut self,
        link: LinkType,
        frame: &[u8],
        wire_len: u32,
        time: Timestamp,
    ) -> Result<PacketSummary, Skip> {
        let mut layers = Layers::default();
        let result = decode_with(&self.config, link, frame, wire_len, time, &mut layers);
        self.counts.add(&layers);
        result
    }

    /// Frames per tunnel kind, and per undecoded encapsulation, so far.
    pub fn counts(&self) -> &DecapCounts {
        &self.counts
    }
}

#[cfg(test)]
mod tests;
