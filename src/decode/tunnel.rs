//! Tunnel and encapsulation headers: PPP, PPPoE, MPLS, GRE (with ERSPAN), and the UDP tunnels
//! VXLAN, Geneve and GTP-U. Each checks its header, notes itself in [`Layers`], and names the
//! header inside it.

use super::{
    be32, Cursor, Layers, Next, Skip, Step, TunnelKind, Undecoded, VirtualNetwork, ETHERTYPE_IPV4,
    ETHERTYPE_IPV6, ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST, ETHERTYPE_TEB,
};

/// Which tunnels are opened, and the UDP ports that name the UDP tunnels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecapConfig {
    /// Open tunnels (on by default); off, a tunnel's packets are skipped as
    /// [`Skip::Encapsulated`] and UDP tunnels are flows of their own.
    pub enabled: bool,
    /// UDP destination ports of VXLAN: the IANA port, and Linux's default when none is given.
    pub vxlan_ports: PortList,
    pub geneve_ports: PortList,
    pub gtpu_ports: PortList,
}

impl Default for DecapConfig {
    fn default() -> DecapConfig {
        DecapConfig {
            enabled: true,
            vxlan_ports: PortList([4789, 8472, 0, 0]),
            geneve_ports: PortList([6081, 0, 0, 0]),
            gtpu_ports: PortList([2152, 0, 0, 0]),
        }
    }
}

impl DecapConfig {
    /// The UDP tunnel a destination port names.
    #[inline]
    pub(super) fn udp_tunnel(&self, port: u16) -> Option<UdpTunnel> {
        if self.vxlan_ports.contains(port) {
            Some(UdpTunnel::Vxlan)
        } else if self.geneve_ports.contains(port) {
            Some(UdpTunnel::Geneve)
        } else if self.gtpu_ports.contains(port) {
            Some(UdpTunnel::GtpU)
        } else {
            None
        }
    }
}

/// Up to [`PortList::MAX`] UDP ports, kept inline so that the configuration stays `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PortList([u16; PortList::MAX]);

impl PortList {
    pub const MAX: usize = 4;

    /// The ports, if there are at most [`PortList::MAX`] and none is 0.
    pub fn new(ports: &[u16]) -> Option<PortList> {
        if ports.len() > PortList::MAX || ports.contains(&0) {
            return None;
        }
        let mut list = [0; PortList::MAX];
        list[..ports.len()].copy_from_slice(ports);
        Some(PortList(list))
    }

    #[inline]
    fn contains(&self, port: u16) -> bool {
        port != 0 && self.0.contains(&port)
    }
}

/// The tunnels told by their UDP port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UdpTunnel {
    Vxlan,
    Geneve,
    GtpU,
}

/// At most this many MPLS labels in a stack.
const MAX_MPLS_LABELS: usize = 16;
/// At most this many GTP-U extension headers.
const MAX_GTPU_EXTENSIONS: usize = 8;

/// A PPP protocol field, after an optional `ff 03` address and control.
#[inline]
pub(super) fn ppp<'a>(
    at: Cursor<'a>,
    enabled: bool,
    layers: &mut Layers,
) -> Result<Step<'a>, Skip> {
    let at = if at.bytes.starts_with(&[0xff, 0x03]) {
        at.skip(2)?
    } else {
        at
    };
    let first = at.byte(0)?;
    // An odd first byte is a compressed, one-byte protocol field.
    let (protocol, length) = if first & 1 == 1 {
        (u16::from(first), 1)
    } else {
        (at.be16(0)?, 2)
    };
    let rest = at.skip(length)?;
    match protocol {
        0x0021 => Ok(Step::Next(Next::Ipv4, rest)),
        0x0057 => Ok(Step::Next(Next::Ipv6, rest)),
        0x0281 | 0x0283 if enabled => Ok(Step::Next(Next::Mpls, rest)),
        0x0281 | 0x0283 => Err(layers.undecoded(Undecoded::TunnelNotOpened)),
        // Link, network and authentication control protocols (LCP, IPCP, PAP, …).
        0x8000.. => Err(Skip::NotIp),
        _ => Err(layers.undecoded(Undecoded::PppOther)),
    }
}

/// A PPPoE session header; PPP follows.
#[inline]
pub(super) fn pppoe_session<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Step<'a>, Skip> {
    const HEADER: usize = 6;
    if at.byte(0)? != 0x11 || at.byte(1)? != 0x00 {
        return Err(Skip::Malformed); // version 1, type 1, code 0 (session data)
    }
    let length = u32::from(at.be16(4)?);
    if length < 2 {
        return Err(Skip::Malformed);
    }
    layers.tunnel(TunnelKind::Pppoe);
    let mut rest = at.skip(HEADER)?;
    // The session's length, not the Ethernet frame's, which may be padded.
    rest.wire = rest.wire.min(length);
    Ok(Step::Next(Next::Ppp, rest))
}

/// An MPLS label stack, down to its bottom; the payload is told by its first nibble.
#[inline]
pub(super) fn mpls<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Step<'a>, Skip> {
    layers.tunnel(TunnelKind::Mpls);
    let mut offset = 0;
    for _ in 0..MAX_MPLS_LABELS {
        let bottom = at.byte(offset + 2)? & 0x01 != 0;
        offset += 4;
        if bottom {
            let payload = at.skip(offset)?;
            return match payload.byte(0)? >> 4 {
                4 => Ok(Step::Next(Next::Ipv4, payload)),
                6 => Ok(Step::Next(Next::Ipv6, payload)),
                // A pseudowire control word, then the Ethernet frame.
                0 => Ok(Step::Next(Next::Ethernet, payload.skip(4)?)),
                _ => Err(layers.undecoded(Undecoded::MplsOther)),
            };
        }
    }
    Err(Skip::TooDeep)
}

const GRE_CHECKSUM: u8 = 0x80;
const GRE_ROUTING: u8 = 0x40;
const GRE_KEY: u8 = 0x20;
const GRE_SEQUENCE: u8 = 0x10;
const ETHERTYPE_ERSPAN_2: u16 = 0x88be;
const ETHERTYPE_ERSPAN_3: u16 = 0x22eb;

/// A GRE header (version 0): optional checksum, key and sequence number, then the payload its
/// protocol type names. The key, when present, names the virtual network.
#[inline]
pub(super) fn gre<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Step<'a>, Skip> {
    let flags = at.byte(0)?;
    match at.byte(1)? & 0x07 {
        0 => {}
        1 => return Err(layers.undecoded(Undecoded::Pptp)),
        _ => return Err(Skip::Malformed),
    }
    if flags & GRE_ROUTING != 0 {
        return Err(layers.undecoded(Undecoded::GreOther));
    }
    let protocol = at.be16(2)?;
    let mut header = 4;
    if flags & GRE_CHECKSUM != 0 {
        header += 4;
    }
    let key = if flags & GRE_KEY != 0 {
        header += 4;
        Some(be32(at.bytes, header - 4).ok_or(Skip::Truncated)?)
    } else {
        None
    };
    let sequenced = flags & GRE_SEQUENCE != 0;
    if sequenced {
        header += 4;
    }
    let rest = at.skip(header)?;
    layers.tunnel(TunnelKind::Gre);
    if let Some(key) = key {
        layers.network = Some(VirtualNetwork::GreKey(key));
    }
    let next = match protocol {
        ETHERTYPE_IPV4 => Next::Ipv4,
        ETHERTYPE_IPV6 => Next::Ipv6,
        ETHERTYPE_TEB => Next::Ethernet,
        ETHERTYPE_MPLS | ETHERTYPE_MPLS_MULTICAST => Next::Mpls,
        // ERSPAN type I has no sequence number and no header of its own.
        ETHERTYPE_ERSPAN_2 if !sequenced => {
            layers.tunnel(TunnelKind::Erspan);
            Next::Ethernet
        }
        ETHERTYPE_ERSPAN_2 => return erspan_2(rest, layers),
        ETHERTYPE_ERSPAN_3 => return erspan_3(rest, layers),
        _ => return Err(layers.undecoded(Undecoded::GreOther)),
    };
    Ok(Step::Next(next, rest))
}

/// ERSPAN type II: 8 bytes, version 1, then the mirrored Ethernet frame.
fn erspan_2<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Step<'a>, Skip> {
    if at.byte(0)? >> 4 != 1 {
        return Err(layers.undecoded(Undecoded::ErspanOther));
    }
    layers.tunnel(TunnelKind::Erspan);
    Ok(Step::Next(Next::Ethernet, at.skip(8)?))
}

/// ERSPAN type III: 12 bytes, version 2, an optional 8-byte platform subheader, then the
/// mirrored frame, Ethernet or IP as its frame type says.
fn erspan_3<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Step<'a>, Skip> {
    if at.byte(0)? >> 4 != 2 {
        return Err(layers.undecoded(Undecoded::ErspanOther));
    }
    let word = at.be16(10)?;
    let header = if word & 0x0001 != 0 { 20 } else { 12 };
    let next = match (word >> 10) & 0x1f {
        0 => Next::Ethernet,
        2 => Next::Ip,
        _ => return Err(layers.undecoded(Undecoded::ErspanOther)),
    };
    layers.tunnel(TunnelKind::Erspan);
    Ok(Step::Next(next, at.skip(header)?))
}

/// A UDP payload on a tunnel's port: the tunnel header and what it carries, or `None` when the
/// header is not that tunnel's (the UDP packet is then a packet of its own).
#[inline]
pub(super) fn udp<'a>(
    kind: UdpTunnel,
    at: Cursor<'a>,
    layers: &mut Layers,
) -> Result<Option<Step<'a>>, Skip> {
    match kind {
        UdpTunnel::Vxlan => vxlan(at, layers),
        UdpTunnel::Geneve => geneve(at, layers),
        UdpTunnel::GtpU => gtpu(at, layers),
    }
}

/// VXLAN: flags with the VNI-present bit, the VNI, a reserved zero byte, then an Ethernet frame.
#[inline]
fn vxlan<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Option<Step<'a>>, Skip> {
    const VNI_PRESENT: u8 = 0x08;
    if at.byte(0)? & VNI_PRESENT == 0 || at.byte(7)? != 0 {
        return Ok(None);
    }
    let vni = be32(at.bytes, 4).ok_or(Skip::Truncated)? >> 8;
    let rest = at.skip(8)?;
    layers.tunnel(TunnelKind::Vxlan);
    layers.network = Some(VirtualNetwork::Vni(vni));
    Ok(Some(Step::Next(Next::Ethernet, rest)))
}

/// Geneve version 0: options, a protocol type, the VNI, a reserved zero byte.
#[inline]
fn geneve<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Option<Step<'a>>, Skip> {
    let first = at.byte(0)?;
    if first >> 6 != 0 || at.byte(7)? != 0 {
        return Ok(None);
    }
    let header = 8 + usize::from(first & 0x3f) * 4;
    let protocol = at.be16(2)?;
    let vni = be32(at.bytes, 4).ok_or(Skip::Truncated)? >> 8;
    let rest = at.skip(header)?;
    layers.tunnel(TunnelKind::Geneve);
    layers.network = Some(VirtualNetwork::Vni(vni));
    let next = match protocol {
        ETHERTYPE_TEB => Next::Ethernet,
        ETHERTYPE_IPV4 => Next::Ipv4,
        ETHERTYPE_IPV6 => Next::Ipv6,
        _ => return Err(layers.undecoded(Undecoded::GeneveOther)),
    };
    Ok(Some(Step::Next(next, rest)))
}

/// GTP-U version 1: a G-PDU's optional fields and extension headers, then the user's IP packet.
/// Other messages (echo, error indication, end marker) are signalling, not IP.
#[inline]
fn gtpu<'a>(at: Cursor<'a>, layers: &mut Layers) -> Result<Option<Step<'a>>, Skip> {
    const G_PDU: u8 = 0xff;
    const EXTENSION: u8 = 0x04;
    const OPTIONAL_FIELDS: u8 = 0x07;
    let flags = at.byte(0)?;
    // Version 1, protocol type GTP (not GTP').
    if flags >> 5 != 1 || flags & 0x10 == 0 {
        return Ok(None);
    }
    let length = u32::from(at.be16(2)?);
    layers.tunnel(TunnelKind::GtpU);
    if at.byte(1)? != G_PDU {
        return Err(Skip::NotIp);
    }
    let mut header = 8;
    if flags & OPTIONAL_FIELDS != 0 {
        header = 12;
        let mut next = if flags & EXTENSION != 0 {
            at.byte(11)?
        } else {
            0
        };
        let mut extensions = 0;
        while next != 0 {
            extensions += 1;
            if extensions > MAX_GTPU_EXTENSIONS {
                return Err(Skip::Malformed);
            }
            let units = usize::from(at.byte(header)?);
            if units == 0 {
                return Err(Skip::Malformed);
            }
            header += units * 4;
            next = at.byte(header - 1)?;
        }
    }
    // The length counts every byte after the first eight.
    let inner = length
        .checked_sub(header as u32 - 8)
        .ok_or(Skip::Malformed)?;
    let mut rest = at.skip(header)?;
    rest.wire = rest.wire.min(inner);
    Ok(Some(Step::Next(Next::Ip, rest)))
}
