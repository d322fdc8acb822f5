//! Frame bytes → [`PacketSummary`]: link layer, IPv4/IPv6, TCP/UDP.
//!
//! Decoding reads only headers and never trusts a length it cannot check: every access goes
//! through `get`, so a short or hostile frame yields a [`Skip`] reason, never a panic. Sizes come
//! from the IP headers, not from the captured length, so a capture taken with a short snaplen
//! gives the same sizes as the full one.
//!
//! IPv4 fragments: a datagram is counted once, through its first fragment (offset 0), which
//! carries the ports; for UDP its size is taken from the UDP length field, which covers the whole
//! datagram. Later fragments carry no ports and are counted as [`Skip::LaterFragment`].

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::packet::{Endpoint, Timestamp, Transport};

/// The link-layer framings flowclass reads (pcap `LINKTYPE_*` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkType {
    /// BSD loopback: a 4-byte address family in the capturing host's byte order.
    Null,
    Ethernet,
    /// Raw IP (LINKTYPE_RAW, and DLT_RAW's 12/14 on some systems).
    RawIp,
    /// OpenBSD loopback: a 4-byte address family in network byte order.
    Loop,
    /// Linux cooked capture v1 (`tcpdump -i any`, older libpcap).
    LinuxSll,
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
            12 | 14 | 101 => LinkType::RawIp,
            108 => LinkType::Loop,
            113 => LinkType::LinuxSll,
            228 => LinkType::RawIpv4,
            229 => LinkType::RawIpv6,
            276 => LinkType::LinuxSll2,
            _ => return None,
        })
    }
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
}

/// Why a frame gave no packet summary. Each is counted, none is an error of the capture file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// Not IPv4 or IPv6 (ARP, LLDP, …).
    NotIp,
    /// IP, but neither TCP nor UDP (ICMP, …), or IPv6 behind an unknown extension header.
    OtherTransport,
    /// A non-first IPv4 fragment (no ports).
    LaterFragment,
    /// The captured bytes end inside a header.
    Truncated,
    /// A header that contradicts itself (IPv4 header length < 20, TCP data offset < 5, …).
    Malformed,
}

const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;
const VLAN_ETHERTYPES: [u16; 3] = [0x8100, 0x88a8, 0x9100];
/// More stacked VLAN tags than this is treated as malformed.
const MAX_VLAN_TAGS: usize = 8;
/// At most this many IPv6 extension headers are followed.
const MAX_IPV6_EXTENSIONS: usize = 8;

const IPPROTO_TCP: u8 = 6;
const IPPROTO_UDP: u8 = 17;

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Decodes one frame. `wire_len` is the frame's original length on the wire.
pub fn decode(
    link: LinkType,
    frame: &[u8],
    wire_len: u32,
    time: Timestamp,
) -> Result<PacketSummary, Skip> {
    let (network, link_header_len) = network_layer(link, frame)?;
    let fallback_ip_len = wire_len.saturating_sub(link_header_len as u32);
    match network {
        Network::V4(ip) => decode_ipv4(ip, fallback_ip_len, time),
        Network::V6(ip) => decode_ipv6(ip, fallback_ip_len, time),
    }
}

enum Network<'a> {
    V4(&'a [u8]),
    V6(&'a [u8]),
}

/// Strips the link layer; returns the network-layer bytes and the link header's length.
fn network_layer(link: LinkType, frame: &[u8]) -> Result<(Network<'_>, usize), Skip> {
    let by_ethertype = |ethertype: u16, offset: usize| -> Result<(Network<'_>, usize), Skip> {
        let rest = frame.get(offset..).ok_or(Skip::Truncated)?;
        match ethertype {
            ETHERTYPE_IPV4 => Ok((Network::V4(rest), offset)),
            ETHERTYPE_IPV6 => Ok((Network::V6(rest), offset)),
            _ => Err(Skip::NotIp),
        }
    };
    let by_version = |offset: usize| -> Result<(Network<'_>, usize), Skip> {
        let rest = frame.get(offset..).ok_or(Skip::Truncated)?;
        match rest.first().ok_or(Skip::Truncated)? >> 4 {
            4 => Ok((Network::V4(rest), offset)),
            6 => Ok((Network::V6(rest), offset)),
            _ => Err(Skip::NotIp),
        }
    };
    match link {
        LinkType::Ethernet => {
            let mut offset = 12;
            let mut ethertype = be16(frame, offset).ok_or(Skip::Truncated)?;
            let mut tags = 0;
            while VLAN_ETHERTYPES.contains(&ethertype) {
                tags += 1;
                if tags > MAX_VLAN_TAGS {
                    return Err(Skip::Malformed);
                }
                offset += 4;
                ethertype = be16(frame, offset).ok_or(Skip::Truncated)?;
            }
            by_ethertype(ethertype, offset + 2)
        }
        LinkType::LinuxSll => by_ethertype(be16(frame, 14).ok_or(Skip::Truncated)?, 16),
        LinkType::LinuxSll2 => by_ethertype(be16(frame, 0).ok_or(Skip::Truncated)?, 20),
        LinkType::RawIp | LinkType::RawIpv4 | LinkType::RawIpv6 => by_version(0),
        LinkType::Null | LinkType::Loop => {
            let raw: [u8; 4] = frame
                .get(..4)
                .ok_or(Skip::Truncated)?
                .try_into()
                .map_err(|_| Skip::Truncated)?;
            let family = if link == LinkType::Loop {
                u32::from_be_bytes(raw)
            } else {
                // The capturing host's byte order is unknown; a family is a small number either way.
                let little = u32::from_le_bytes(raw);
                if little < 0x1_0000 {
                    little
                } else {
                    u32::from_be_bytes(raw)
                }
            };
            match family {
                // AF_INET, then AF_INET6 as Linux, FreeBSD, OpenBSD/NetBSD and macOS number it.
                2 | 10 | 24 | 28 | 30 => by_version(4),
                _ => Err(Skip::NotIp),
            }
        }
    }
}

fn decode_ipv4(ip: &[u8], fallback_len: u32, time: Timestamp) -> Result<PacketSummary, Skip> {
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
    let ip_len = if total_len == 0 {
        fallback_len
    } else {
        total_len
    };
    if (ip_len as usize) < header_len {
        return Err(Skip::Malformed);
    }
    let fragment = be16(header, 6).ok_or(Skip::Truncated)?;
    if fragment & 0x1fff != 0 {
        return Err(Skip::LaterFragment);
    }
    let more_fragments = fragment & 0x2000 != 0;
    let protocol = header[9];
    let src = IpAddr::V4(Ipv4Addr::from(be32(header, 12).ok_or(Skip::Truncated)?));
    let dst = IpAddr::V4(Ipv4Addr::from(be32(header, 16).ok_or(Skip::Truncated)?));
    let transport_bytes = ip.get(header_len..).ok_or(Skip::Truncated)?;
    let transport_len = ip_len - header_len as u32;
    let ip_header = IpHeader {
        src,
        dst,
        header_len: header_len as u32,
        ip_len,
        fragmented: more_fragments,
        time,
    };
    decode_transport(protocol, transport_bytes, transport_len, ip_header)
}

fn decode_ipv6(ip: &[u8], fallback_len: u32, time: Timestamp) -> Result<PacketSummary, Skip> {
    const FIXED: usize = 40;
    let header = ip.get(..FIXED).ok_or(Skip::Truncated)?;
    if header[0] >> 4 != 6 {
        return Err(Skip::Malformed);
    }
    let payload_len = u32::from(be16(header, 4).ok_or(Skip::Truncated)?);
    // A payload length of 0 means a jumbogram or offload: fall back to the frame.
    let ip_len = if payload_len == 0 {
        fallback_len.max(FIXED as u32)
    } else {
        payload_len + FIXED as u32
    };
    let src = IpAddr::V6(Ipv6Addr::from(
        <[u8; 16]>::try_from(&header[8..24]).map_err(|_| Skip::Truncated)?,
    ));
    let dst = IpAddr::V6(Ipv6Addr::from(
        <[u8; 16]>::try_from(&header[24..40]).map_err(|_| Skip::Truncated)?,
    ));
    let mut next = header[6];
    let mut offset = FIXED;
    let mut fragmented = false;
    for _ in 0..=MAX_IPV6_EXTENSIONS {
        match next {
            IPPROTO_TCP | IPPROTO_UDP => {
                let transport_bytes = ip.get(offset..).ok_or(Skip::Truncated)?;
                let transport_len = ip_len.checked_sub(offset as u32).ok_or(Skip::Malformed)?;
                let ip_header = IpHeader {
                    src,
                    dst,
                    header_len: offset as u32,
                    ip_len,
                    fragmented,
                    time,
                };
                return decode_transport(next, transport_bytes, transport_len, ip_header);
            }
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
            51 => {
                let ext = ip.get(offset..offset + 2).ok_or(Skip::Truncated)?;
                next = ext[0];
                offset += (usize::from(ext[1]) + 2) * 4;
            }
            _ => return Err(Skip::OtherTransport),
        }
    }
    Err(Skip::Malformed)
}

struct IpHeader {
    src: IpAddr,
    dst: IpAddr,
    header_len: u32,
    ip_len: u32,
    fragmented: bool,
    time: Timestamp,
}

fn decode_transport(
    protocol: u8,
    bytes: &[u8],
    transport_len: u32,
    ip: IpHeader,
) -> Result<PacketSummary, Skip> {
    match protocol {
        IPPROTO_TCP => {
            let src_port = be16(bytes, 0).ok_or(Skip::Truncated)?;
            let dst_port = be16(bytes, 2).ok_or(Skip::Truncated)?;
            let data_offset = u32::from(*bytes.get(12).ok_or(Skip::Truncated)? >> 4) * 4;
            let flags = *bytes.get(13).ok_or(Skip::Truncated)?;
            if data_offset < 20 || data_offset > transport_len {
                return Err(Skip::Malformed);
            }
            Ok(PacketSummary {
                time: ip.time,
                transport: Transport::Tcp,
                src: (ip.src, src_port),
                dst: (ip.dst, dst_port),
                ip_len: ip.ip_len,
                payload_len: transport_len - data_offset,
                tcp_flags: flags,
            })
        }
        IPPROTO_UDP => {
            let src_port = be16(bytes, 0).ok_or(Skip::Truncated)?;
            let dst_port = be16(bytes, 2).ok_or(Skip::Truncated)?;
            let udp_len = u32::from(be16(bytes, 4).ok_or(Skip::Truncated)?);
            // A fragmented datagram's size is in the UDP header; otherwise the IP header is the authority.
            let (datagram_len, ip_len) = if ip.fragmented && udp_len >= 8 {
                (udp_len, ip.header_len + udp_len)
            } else {
                (transport_len, ip.ip_len)
            };
            if datagram_len < 8 {
                return Err(Skip::Malformed);
            }
            Ok(PacketSummary {
                time: ip.time,
                transport: Transport::Udp,
                src: (ip.src, src_port),
                dst: (ip.dst, dst_port),
                ip_len,
                payload_len: datagram_len - 8,
                tcp_flags: 0,
            })
        }
        _ => Err(Skip::OtherTransport),
    }
}

#[cfg(test)]
mod tests {
    //! All frames here are hand-built byte by byte to exercise one decoder path each;
    //! they are test inputs for the parser, not traffic.
    use super::*;

    const T: Timestamp = Timestamp(1_000);

    fn ipv4_tcp(payload: usize, flags: u8) -> Vec<u8> {
        let total = 20 + 20 + payload;
        let mut p = vec![
            0x45,
            0,
            (total >> 8) as u8,
            total as u8,
            0,
            1,
            0x40,
            0,
            64,
            IPPROTO_TCP,
            0,
            0,
            10,
            0,
            0,
            1,
            10,
            0,
            0,
            2,
        ];
        p.extend_from_slice(&[
            0x9c, 0x40, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0,
        ]);
        p.resize(total, 0xab);
        p
    }

    fn ipv4_udp(payload: usize) -> Vec<u8> {
        let total = 20 + 8 + payload;
        let mut p = vec![
            0x45,
            0,
            (total >> 8) as u8,
            total as u8,
            0,
            1,
            0,
            0,
            64,
            IPPROTO_UDP,
            0,
            0,
            192,
            168,
            1,
            1,
            192,
            168,
            1,
            2,
        ];
        let udp_len = 8 + payload;
        p.extend_from_slice(&[
            0x1a,
            0xe1,
            0x1a,
            0xe2,
            (udp_len >> 8) as u8,
            udp_len as u8,
            0,
            0,
        ]);
        p.resize(total, 0);
        p
    }

    fn ipv6_udp(extensions: &[u8], first_next: u8, payload: usize) -> Vec<u8> {
        let plen = extensions.len() + 8 + payload;
        let mut p = vec![0x60, 0, 0, 0, (plen >> 8) as u8, plen as u8, first_next, 64];
        p.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
        p.extend_from_slice(&"fd00::2".parse::<Ipv6Addr>().unwrap().octets());
        p.extend_from_slice(extensions);
        p.extend_from_slice(&[
            0x00,
            0x35,
            0x30,
            0x39,
            ((8 + payload) >> 8) as u8,
            (8 + payload) as u8,
            0,
            0,
        ]);
        p.resize(40 + plen, 0);
        p
    }

    fn ethernet(ethertypes: &[u16], ip: &[u8]) -> Vec<u8> {
        let mut f = vec![0u8; 12];
        for (i, t) in ethertypes.iter().enumerate() {
            f.extend_from_slice(&t.to_be_bytes());
            if i + 1 < ethertypes.len() {
                f.extend_from_slice(&[0x00, 0x64]); // VLAN TCI
            }
        }
        f.extend_from_slice(ip);
        f
    }

    #[test]
    fn ethernet_ipv4_tcp() {
        let frame = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp(100, 0x18));
        let p = decode(LinkType::Ethernet, &frame, frame.len() as u32, T).unwrap();
        assert_eq!(p.transport, Transport::Tcp);
        assert_eq!(p.src, ("10.0.0.1".parse().unwrap(), 40000));
        assert_eq!(p.dst, ("10.0.0.2".parse().unwrap(), 443));
        assert_eq!((p.ip_len, p.payload_len, p.tcp_flags), (140, 100, 0x18));
    }

    #[test]
    fn sizes_come_from_headers_when_the_snaplen_cut_the_payload() {
        let frame = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp(1400, 0x10));
        let cut = &frame[..96];
        let p = decode(LinkType::Ethernet, cut, frame.len() as u32, T).unwrap();
        assert_eq!((p.ip_len, p.payload_len), (1440, 1400));
    }

    #[test]
    fn vlan_and_qinq_tags_are_skipped() {
        for tags in [
            vec![0x8100, ETHERTYPE_IPV4],
            vec![0x88a8, 0x8100, ETHERTYPE_IPV4],
        ] {
            let frame = ethernet(&tags, &ipv4_udp(10));
            let p = decode(LinkType::Ethernet, &frame, frame.len() as u32, T).unwrap();
            assert_eq!((p.transport, p.payload_len), (Transport::Udp, 10));
        }
        let endless = ethernet(&[0x8100; 20], &ipv4_udp(10));
        assert_eq!(
            decode(LinkType::Ethernet, &endless, 200, T),
            Err(Skip::Malformed)
        );
    }

    #[test]
    fn linux_cooked_v1_and_v2() {
        let ip = ipv4_udp(5);
        let mut sll = vec![0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0];
        sll.extend_from_slice(&ETHERTYPE_IPV4.to_be_bytes());
        sll.extend_from_slice(&ip);
        assert_eq!(
            decode(LinkType::LinuxSll, &sll, sll.len() as u32, T)
                .unwrap()
                .payload_len,
            5
        );
        let mut sll2 = ETHERTYPE_IPV6.to_be_bytes().to_vec();
        sll2.extend_from_slice(&[0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0]);
        sll2.extend_from_slice(&ipv6_udp(&[], IPPROTO_UDP, 7));
        let p = decode(LinkType::LinuxSll2, &sll2, sll2.len() as u32, T).unwrap();
        assert_eq!((p.payload_len, p.ip_len), (7, 55));
    }

    #[test]
    fn raw_ip_and_bsd_loopback() {
        let ip = ipv4_tcp(0, 0x02);
        for link in [LinkType::RawIp, LinkType::RawIpv4] {
            assert_eq!(
                decode(link, &ip, ip.len() as u32, T).unwrap().tcp_flags,
                0x02
            );
        }
        let v6 = ipv6_udp(&[], IPPROTO_UDP, 1);
        assert_eq!(
            decode(LinkType::RawIpv6, &v6, v6.len() as u32, T)
                .unwrap()
                .payload_len,
            1
        );
        let mut null = 2u32.to_le_bytes().to_vec();
        null.extend_from_slice(&ip);
        assert!(decode(LinkType::Null, &null, null.len() as u32, T).is_ok());
        let mut looped = 24u32.to_be_bytes().to_vec();
        looped.extend_from_slice(&v6);
        assert!(decode(LinkType::Loop, &looped, looped.len() as u32, T).is_ok());
        let mut other = 99u32.to_be_bytes().to_vec();
        other.extend_from_slice(&ip);
        assert_eq!(decode(LinkType::Loop, &other, 60, T), Err(Skip::NotIp));
    }

    #[test]
    fn ipv6_extension_headers_are_followed_and_loops_are_bounded() {
        // Hop-by-hop (8 bytes) then a first fragment header, then UDP.
        let ext = [44, 0, 0, 0, 0, 0, 0, 0, IPPROTO_UDP, 0, 0, 1, 0, 0, 0, 9];
        let p = ipv6_udp(&ext, 0, 20);
        assert_eq!(
            decode(LinkType::RawIp, &p, p.len() as u32, T)
                .unwrap()
                .payload_len,
            20
        );
        let later = [IPPROTO_UDP, 0, 0, 0x10, 0, 0, 0, 9];
        let p = ipv6_udp(&later, 44, 20);
        assert_eq!(
            decode(LinkType::RawIp, &p, p.len() as u32, T),
            Err(Skip::LaterFragment)
        );
        let mut chain = Vec::new();
        for _ in 0..20 {
            chain.extend_from_slice(&[60, 0, 0, 0, 0, 0, 0, 0]);
        }
        let p = ipv6_udp(&chain, 60, 0);
        assert_eq!(
            decode(LinkType::RawIp, &p, p.len() as u32, T),
            Err(Skip::Malformed)
        );
    }

    #[test]
    fn ipv4_fragments_count_once_with_the_datagram_size() {
        let mut first = ipv4_udp(1472);
        first[6] = 0x20; // more fragments, offset 0
        let p = decode(LinkType::RawIp, &first[..28], 1500, T).unwrap();
        assert_eq!(p.payload_len, 1472);
        let mut later = ipv4_udp(100);
        later[6] = 0x00;
        later[7] = 185; // offset 1480
        assert_eq!(
            decode(LinkType::RawIp, &later, 128, T),
            Err(Skip::LaterFragment)
        );
    }

    #[test]
    fn ipv4_options_are_skipped_over() {
        let mut p = ipv4_udp(3);
        p[0] = 0x46;
        p.splice(20..20, [1, 1, 1, 0]);
        let total = p.len() as u16;
        p[2..4].copy_from_slice(&total.to_be_bytes());
        assert_eq!(
            decode(LinkType::RawIp, &p, p.len() as u32, T)
                .unwrap()
                .payload_len,
            3
        );
    }

    #[test]
    fn malformed_and_truncated_headers_are_reported_not_panicked() {
        let mut short_ihl = ipv4_tcp(0, 0);
        short_ihl[0] = 0x44;
        assert_eq!(
            decode(LinkType::RawIp, &short_ihl, 40, T),
            Err(Skip::Malformed)
        );
        let mut bad_offset = ipv4_tcp(0, 0);
        bad_offset[32] = 0xf0; // data offset 60 bytes, past the segment's end
        assert_eq!(
            decode(LinkType::RawIp, &bad_offset, 40, T),
            Err(Skip::Malformed)
        );
        let tcp = ipv4_tcp(0, 0);
        for cut in 0..33 {
            assert!(
                decode(LinkType::RawIp, &tcp[..cut], 40, T).is_err(),
                "cut at {cut}"
            );
        }
        let mut icmp = ipv4_udp(0);
        icmp[9] = 1;
        assert_eq!(
            decode(LinkType::RawIp, &icmp, 28, T),
            Err(Skip::OtherTransport)
        );
        let arp = ethernet(&[0x0806], &[0; 28]);
        assert_eq!(decode(LinkType::Ethernet, &arp, 42, T), Err(Skip::NotIp));
        assert_eq!(decode(LinkType::Ethernet, &[], 0, T), Err(Skip::Truncated));
    }

    #[test]
    fn a_udp_datagram_shorter_than_its_header_is_malformed() {
        let mut p = ipv4_udp(0);
        p[3] = 20 + 4; // the IP total length leaves 4 bytes for UDP
        assert_eq!(decode(LinkType::RawIp, &p, 28, T), Err(Skip::Malformed));
    }
}
