//! IPv4 and IPv6 headers, and what they carry: a TCP or UDP packet (the summary), a tunnel
//! (IP-in-IP, GRE, MPLS-in-IP, or UDP to a tunnel port), or something else (a skip reason).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{
    be16, tunnel, Cursor, DecapConfig, Layers, Next, PacketSummary, Skip, Step, TunnelKind,
    Undecoded, VirtualNetwork,
};
use crate::packet::{tcp_flags, Timestamp, Transport};

/// At most this many IPv6 extension headers are followed.
const MAX_IPV6_EXTENSIONS: usize = 8;

pub(super) const IPPROTO_IPV4: u8 = 4;
pub(super) const IPPROTO_TCP: u8 = 6;
pub(super) const IPPROTO_UDP: u8 = 17;
pub(super) const IPPROTO_IPV6: u8 = 41;
pub(super) const IPPROTO_GRE: u8 = 47;
const IPPROTO_ESP: u8 = 50;
const IPPROTO_AH: u8 = 51;
const IPPROTO_ETHERIP: u8 = 97;
const IPPROTO_L2TPV3: u8 = 115;
const IPPROTO_MPLS: u8 = 137;

/// What the decoders after the IP header need to know about it.
struct IpHeader<'a> {
    /// Source then destination address, as the frame holds them: 8 bytes for IPv4, 32 for IPv6.
    addresses: &'a [u8],
    header_len: u32,
    ip_len: u32,
    fragmented: bool,
}

impl IpHeader<'_> {
    fn is_v6(&self) -> bool {
        self.addresses.len() == 32
    }
}

/// A TCP or UDP packet, found: what its [`PacketSummary`] needs. The addresses stay bytes of the
/// frame until the summary is made, once per frame, so that a tunnel's outer headers never make
/// any, and a decoding step stays small enough to pass in registers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Packet<'a> {
    addresses: &'a [u8],
    transport: Transport,
    ports: (u16, u16),
    ip_len: u32,
    payload_len: u32,
    tcp_flags: u8,
    tcp_options_len: u8,
    announced_mss: u16,
}

impl Packet<'_> {
    pub(super) fn summary(self, time: Timestamp, network: Option<VirtualNetwork>) -> PacketSummary {
        let (src, dst) = self.addresses.split_at(self.addresses.len() / 2);
        let (src, dst) = if self.addresses.len() == 32 {
            (ipv6_address(src), ipv6_address(dst))
        } else {
            (ipv4_address(src), ipv4_address(dst))
        };
        PacketSummary {
            time,
            transport: self.transport,
            src: (src, self.ports.0),
            dst: (dst, self.ports.1),
            ip_len: self.ip_len,
            payload_len: self.payload_len,
            tcp_flags: self.tcp_flags,
            tcp_options_len: self.tcp_options_len,
            announced_mss: self.announced_mss,
            network,
        }
    }
}

fn ipv4_address(bytes: &[u8]) -> IpAddr {
    let mut octets = [0; 4];
    octets.copy_from_slice(bytes);
    IpAddr::V4(Ipv4Addr::from(octets))
}

fn ipv6_address(bytes: &[u8]) -> IpAddr {
    let mut octets = [0; 16];
    octets.copy_from_slice(bytes);
    IpAddr::V6(Ipv6Addr::from(octets))
}

/// The decoders after the IP header: what to open, and where to note it.
pub(super) struct Context<'c> {
    pub config: &'c DecapConfig,
    pub layers: &'c mut Layers,
}

/// An IPv6 header (`v6`) or an IPv4 header, and what it carries.
#[inline]
pub(super) fn ip<'a>(at: Cursor<'a>, v6: bool, cx: Context<'_>) -> Result<Step<'a>, Skip> {
    let (protocol, payload, header) = if v6 { ipv6(at)? } else { ipv4(at)? };
    carried(protocol, payload, header, cx)
}

/// An IP header's protocol (or last next-header) field, its payload, and what else the headers
/// after it need.
type Carried<'a> = (u8, Cursor<'a>, IpHeader<'a>);

fn ipv4(at: Cursor<'_>) -> Result<Carried<'_>, Skip> {
    let ip = at.bytes;
    let first = *ip.first().ok_or(Skip::Truncated)?;
    if first >> 4 != 4 {
        return Err(Skip::Malformed);
    }
    let header_len = usize::from(first & 0x0f) * 4;
    if header_len < 20 {
        return Err(Skip::Malformed);
    }
    let header = ip.get(..header_len).ok_or(Skip::Truncated)?;
    let total_len = u32::from(be16(header, 2).ok_or(Skip::Truncated)?);
    // A total length of 0 is what segmentation offload leaves behind: fall back to the frame.
    let ip_len = if total_len == 0 { at.wire } else { total_len };
    if (ip_len as usize) < header_len {
        return Err(Skip::Malformed);
    }
    let fragment = be16(header, 6).ok_or(Skip::Truncated)?;
    if fragment & 0x1fff != 0 {
        return Err(Skip::LaterFragment);
    }
    let protocol = header[9];
    let ip_header = IpHeader {
        addresses: &header[12..20],
        header_len: header_len as u32,
        ip_len,
        fragmented: fragment & 0x2000 != 0,
    };
    let payload = Cursor {
        bytes: ip.get(header_len..).ok_or(Skip::Truncated)?,
        wire: ip_len - header_len as u32,
    };
    Ok((protocol, payload, ip_header))
}

fn ipv6(at: Cursor<'_>) -> Result<Carried<'_>, Skip> {
    const FIXED: usize = 40;
    let ip = at.bytes;
    let header = ip.get(..FIXED).ok_or(Skip::Truncated)?;
    if header[0] >> 4 != 6 {
        return Err(Skip::Malformed);
    }
    let payload_len = u32::from(be16(header, 4).ok_or(Skip::Truncated)?);
    // A payload length of 0 means a jumbogram or offload: fall back to the frame.
    let ip_len = if payload_len == 0 {
        at.wire.max(FIXED as u32)
    } else {
        payload_len + FIXED as u32
    };
    let mut next = header[6];
    let mut offset = FIXED;
    let mut fragmented = false;
    for _ in 0..=MAX_IPV6_EXTENSIONS {
        match next {
            // Hop-by-hop, routing, destination options: length in 8-octet units beyond the first 8.
            0 | 43 | 60 => {
                let ext = ip.get(offset..offset + 2).ok_or(Skip::Truncated)?;
                next = ext[0];
                offset += (usize::from(ext[1]) + 1) * 8;
            }
            // Fragment header: fixed 8 bytes; only the first fragment has the transport header.
            44 => {
                let ext = ip.get(offset..offset + 8).ok_or(Skip::Truncated)?;
                if be16(ext, 2).ok_or(Skip::Truncated)? & 0xfff8 != 0 {
                    return Err(Skip::LaterFragment);
                }
                fragmented = true;
                next = ext[0];
                offset += 8;
            }
            // Authentication header: length in 4-octet units beyond the first 8.
            IPPROTO_AH => {
                let ext = ip.get(offset..offset + 2).ok_or(Skip::Truncated)?;
                next = ext[0];
                offset += (usize::from(ext[1]) + 2) * 4;
            }
            _ => {
                let payload = Cursor {
                    bytes: ip.get(offset..).ok_or(Skip::Truncated)?,
                    wire: ip_len.checked_sub(offset as u32).ok_or(Skip::Malformed)?,
                };
                let ip_header = IpHeader {
                    addresses: &header[8..40],
                    header_len: offset as u32,
                    ip_len,
                    fragmented,
                };
                return Ok((next, payload, ip_header));
            }
        }
    }
    Err(Skip::Malformed)
}

/// What an IP header's protocol (or last next-header) field says comes after it.
fn carried<'a>(
    protocol: u8,
    payload: Cursor<'a>,
    ip: IpHeader<'a>,
    cx: Context<'_>,
) -> Result<Step<'a>, Skip> {
    let opened = |next: Next, kind: Option<TunnelKind>, layers: &mut Layers| {
        if !cx.config.enabled {
            return Err(layers.undecoded(Undecoded::TunnelNotOpened));
        }
        if let Some(kind) = kind {
            layers.tunnel(kind);
        }
        Ok(Step::Next(next, payload))
    };
    match protocol {
        IPPROTO_TCP => tcp(payload, &ip),
        IPPROTO_UDP => {
            let (udp, datagram) = udp(payload, &ip)?;
            if cx.config.enabled {
                if let Some(kind) = cx.config.udp_tunnel(udp.dst) {
                    if let Some(step) = tunnel::udp(kind, datagram, cx.layers)? {
                        return Ok(step);
                    }
                }
            }
            Ok(Step::Packet(udp.packet(&ip)))
        }
        IPPROTO_IPV4 | IPPROTO_IPV6 => {
            let (next, kind) = match (ip.is_v6(), protocol == IPPROTO_IPV6) {
                (false, false) => (Next::Ipv4, TunnelKind::Ipv4InIpv4),
                (false, true) => (Next::Ipv6, TunnelKind::Ipv6InIpv4),
                (true, false) => (Next::Ipv4, TunnelKind::Ipv4InIpv6),
                (true, true) => (Next::Ipv6, TunnelKind::Ipv6InIpv6),
            };
            opened(next, Some(kind), cx.layers)
        }
        IPPROTO_GRE => opened(Next::Gre, None, cx.layers),
        IPPROTO_MPLS => opened(Next::Mpls, None, cx.layers),
        IPPROTO_ESP => Err(cx.layers.undecoded(Undecoded::Esp)),
        IPPROTO_AH => Err(cx.layers.undecoded(Undecoded::AhOverIpv4)),
        IPPROTO_ETHERIP => Err(cx.layers.undecoded(Undecoded::EtherIp)),
        IPPROTO_L2TPV3 => Err(cx.layers.undecoded(Undecoded::L2tpv3)),
        _ => Err(Skip::OtherTransport),
    }
}

fn tcp<'a>(segment: Cursor<'a>, ip: &IpHeader<'a>) -> Result<Step<'a>, Skip> {
    let bytes = segment.bytes;
    let src_port = be16(bytes, 0).ok_or(Skip::Truncated)?;
    let dst_port = be16(bytes, 2).ok_or(Skip::Truncated)?;
    let data_offset = u32::from(*bytes.get(12).ok_or(Skip::Truncated)? >> 4) * 4;
    let flags = *bytes.get(13).ok_or(Skip::Truncated)?;
    if data_offset < 20 || data_offset > segment.wire {
        return Err(Skip::Malformed);
    }
    let announced_mss = if flags & tcp_flags::SYN != 0 {
        bytes
            .get(20..data_offset as usize)
            .and_then(mss_option)
            .unwrap_or(0)
    } else {
        0
    };
    Ok(Step::Packet(Packet {
        addresses: ip.addresses,
        transport: Transport::Tcp,
        ports: (src_port, dst_port),
        ip_len: ip.ip_len,
        payload_len: segment.wire - data_offset,
        tcp_flags: flags,
        // At most 40: the data offset is four bits of 32-bit words.
        tcp_options_len: (data_offset - 20) as u8,
        announced_mss,
    }))
}

/// The maximum segment size option (kind 2) among a SYN's TCP options, if they hold one whole.
/// Options the capture cut short, or whose lengths run past the header, end the search.
fn mss_option(mut options: &[u8]) -> Option<u16> {
    const END: u8 = 0;
    const NOP: u8 = 1;
    const MSS: u8 = 2;
    while let Some((&kind, rest)) = options.split_first() {
        match kind {
            END => return None,
            NOP => options = rest,
            _ => {
                let len = usize::from(*rest.first()?);
                let option = options.get(..len).filter(|_| len >= 2)?;
                if kind == MSS && len == 4 {
                    return be16(option, 2);
                }
                options = &options[len..];
            }
        }
    }
    None
}

/// A UDP header, checked.
struct UdpHeader {
    src: u16,
    dst: u16,
    ip_len: u32,
    datagram_len: u32,
}

impl UdpHeader {
    fn packet<'a>(&self, ip: &IpHeader<'a>) -> Packet<'a> {
        Packet {
            addresses: ip.addresses,
            transport: Transport::Udp,
            ports: (self.src, self.dst),
            ip_len: self.ip_len,
            payload_len: self.datagram_len - 8,
            tcp_flags: 0,
            tcp_options_len: 0,
            announced_mss: 0,
        }
    }
}

/// The UDP header, and its payload for a tunnel decoder.
fn udp<'a>(datagram: Cursor<'a>, ip: &IpHeader<'_>) -> Result<(UdpHeader, Cursor<'a>), Skip> {
    let bytes = datagram.bytes;
    let src = be16(bytes, 0).ok_or(Skip::Truncated)?;
    let dst = be16(bytes, 2).ok_or(Skip::Truncated)?;
    let udp_len = u32::from(be16(bytes, 4).ok_or(Skip::Truncated)?);
    // A fragmented datagram's size is in the UDP header; otherwise the IP header is the authority.
    let (datagram_len, ip_len) = if ip.fragmented && udp_len >= 8 {
        (udp_len, ip.header_len + udp_len)
    } else {
        (datagram.wire, ip.ip_len)
    };
    if datagram_len < 8 {
        return Err(Skip::Malformed);
    }
    let payload = Cursor {
        bytes: bytes.get(8..).ok_or(Skip::Truncated)?,
        wire: datagram_len - 8,
    };
    let header = UdpHeader {
        src,
        dst,
        ip_len,
        datagram_len,
    };
    Ok((header, payload))
}
