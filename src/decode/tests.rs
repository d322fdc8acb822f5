//! All frames here are hand-built byte by byte to exercise one decoder path each;
//! they are test inputs for the parser, not traffic.

use std::net::Ipv6Addr;

use super::ip::{IPPROTO_GRE, IPPROTO_IPV4, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP};
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

/// An IPv4 TCP packet whose header carries `options` (padded to whole words).
fn ipv4_tcp_with_options(flags: u8, options: &[u8]) -> Vec<u8> {
    let mut packet = ipv4_tcp(0, flags);
    let mut options = options.to_vec();
    options.resize(options.len().div_ceil(4) * 4, 0);
    let tcp_len = 20 + options.len();
    packet[40 - 20 + 12] = ((tcp_len / 4) << 4) as u8;
    packet.extend_from_slice(&options);
    let total = packet.len();
    packet[2..4].copy_from_slice(&(total as u16).to_be_bytes());
    packet
}

#[test]
fn a_syn_announces_its_maximum_segment_size_and_its_options_length() {
    // Linux's SYN options: MSS 1460, SACK permitted, timestamps, NOP, window scale.
    let linux = [
        2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
    ];
    let syn = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp_with_options(0x02, &linux));
    let p = decode(LinkType::Ethernet, &syn, syn.len() as u32, T).unwrap();
    assert_eq!(
        (p.announced_mss, p.tcp_options_len, p.payload_len),
        (1460, 20, 0)
    );
    // The option after NOPs and an unknown option is found too.
    let late = [1, 1, 30, 3, 0, 2, 4, 0x23, 0x28];
    let syn = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp_with_options(0x12, &late));
    let p = decode(LinkType::Ethernet, &syn, syn.len() as u32, T).unwrap();
    assert_eq!((p.announced_mss, p.tcp_options_len), (9000, 12));
    // Only a SYN announces; options cut by the snaplen, cut short by their own length, or
    // ended before the option, announce nothing, and the packet is still decoded.
    let ack = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp_with_options(0x10, &linux));
    let syn = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp_with_options(0x02, &linux));
    let lying = ethernet(
        &[ETHERTYPE_IPV4],
        &ipv4_tcp_with_options(0x02, &[8, 40, 2, 4, 5, 0]),
    );
    let ended = ethernet(
        &[ETHERTYPE_IPV4],
        &ipv4_tcp_with_options(0x02, &[0, 2, 4, 5, 0xb4]),
    );
    for (frame, captured) in [
        (&ack, ack.len()),
        (&syn, syn.len() - 18),
        (&lying, lying.len()),
        (&ended, ended.len()),
    ] {
        let p = decode(
            LinkType::Ethernet,
            &frame[..captured],
            frame.len() as u32,
            T,
        )
        .unwrap();
        assert_eq!(p.announced_mss, 0);
    }
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

// Tunnels. Each frame below is hand-built around the hand-built inner packets above.

/// An IPv4 header (10.1.0.1 → 10.1.0.2) around `inner`, with `protocol`.
fn ipv4_around(protocol: u8, inner: &[u8]) -> Vec<u8> {
    let total = (20 + inner.len()) as u16;
    let mut p = vec![
        0x45, 0, 0, 0, 0, 1, 0, 0, 64, protocol, 0, 0, 10, 1, 0, 1, 10, 1, 0, 2,
    ];
    p[2..4].copy_from_slice(&total.to_be_bytes());
    p.extend_from_slice(inner);
    p
}

/// An IPv6 header (fd01::1 → fd01::2) around `inner`, with next header `next`.
fn ipv6_around(next: u8, inner: &[u8]) -> Vec<u8> {
    let mut p = vec![0x60, 0, 0, 0, 0, 0, next, 64];
    p[4..6].copy_from_slice(&(inner.len() as u16).to_be_bytes());
    p.extend_from_slice(&"fd01::1".parse::<Ipv6Addr>().unwrap().octets());
    p.extend_from_slice(&"fd01::2".parse::<Ipv6Addr>().unwrap().octets());
    p.extend_from_slice(inner);
    p
}

/// A UDP datagram to `port` from 50000 around `payload`, in IPv4.
fn udp_to(port: u16, payload: &[u8]) -> Vec<u8> {
    let mut udp = 50000u16.to_be_bytes().to_vec();
    udp.extend_from_slice(&port.to_be_bytes());
    udp.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
    udp.extend_from_slice(&[0, 0]);
    udp.extend_from_slice(payload);
    ipv4_around(IPPROTO_UDP, &udp)
}

fn gre(flags: u8, protocol: u16, optional: &[u8], inner: &[u8]) -> Vec<u8> {
    let mut g = vec![flags, 0];
    g.extend_from_slice(&protocol.to_be_bytes());
    g.extend_from_slice(optional);
    g.extend_from_slice(inner);
    ipv4_around(IPPROTO_GRE, &g)
}

fn concat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Decodes `frame` as a whole, and says which tunnels it went through.
fn open(
    config: &DecapConfig,
    link: LinkType,
    frame: &[u8],
) -> (
    Result<PacketSummary, Skip>,
    Vec<TunnelKind>,
    Option<Undecoded>,
) {
    let mut layers = Layers::default();
    let result = decode_with(config, link, frame, frame.len() as u32, T, &mut layers);
    (result, layers.tunnels().collect(), layers.stopped_at())
}

/// The inner TCP packet of [`ipv4_tcp`] came out, with `network`.
fn assert_inner_tcp(result: Result<PacketSummary, Skip>, network: Option<VirtualNetwork>) {
    let p = result.expect("the inner packet");
    assert_eq!(p.src, ("10.0.0.1".parse().unwrap(), 40000));
    assert_eq!(p.dst, ("10.0.0.2".parse().unwrap(), 443));
    assert_eq!((p.ip_len, p.payload_len, p.tcp_flags), (140, 100, 0x18));
    assert_eq!(p.network, network);
}

fn on() -> DecapConfig {
    DecapConfig::default()
}

#[test]
fn ip_in_ip_in_all_four_combinations() {
    let v4 = ipv4_tcp(100, 0x18);
    let v6 = ipv6_udp(&[], IPPROTO_UDP, 9);
    let cases = [
        (ipv4_around(IPPROTO_IPV4, &v4), TunnelKind::Ipv4InIpv4),
        (ipv4_around(IPPROTO_IPV6, &v6), TunnelKind::Ipv6InIpv4),
        (ipv6_around(IPPROTO_IPV4, &v4), TunnelKind::Ipv4InIpv6),
        (ipv6_around(IPPROTO_IPV6, &v6), TunnelKind::Ipv6InIpv6),
    ];
    for (frame, kind) in cases {
        let (result, tunnels, _) = open(&on(), LinkType::RawIp, &frame);
        let p = result.unwrap();
        assert_eq!(tunnels, vec![kind]);
        assert!(
            p.src.0.to_string().starts_with("10.0.") || p.payload_len == 9,
            "{kind:?}"
        );
        assert_eq!(p.network, None);
    }
}

#[test]
fn gre_with_every_optional_field_names_its_key_as_the_network() {
    let inner = ipv4_tcp(100, 0x18);
    let plain = gre(0, ETHERTYPE_IPV4, &[], &inner);
    let (result, tunnels, _) = open(&on(), LinkType::RawIp, &plain);
    assert_inner_tcp(result, None);
    assert_eq!(tunnels, vec![TunnelKind::Gre]);
    // Checksum (4), key 7 (4), sequence (4), transparent Ethernet bridging.
    let optional = [0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 1];
    let bridged = gre(
        0xb0,
        ETHERTYPE_TEB,
        &optional,
        &ethernet(&[ETHERTYPE_IPV4], &inner),
    );
    assert_inner_tcp(
        open(&on(), LinkType::RawIp, &bridged).0,
        Some(VirtualNetwork::GreKey(7)),
    );
}

#[test]
fn erspan_types_one_two_and_three() {
    let mirrored = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp(100, 0x18));
    let sequence = [0, 0, 0, 9];
    let type_1 = gre(0, 0x88be, &[], &mirrored);
    let type_2 = gre(
        0x10,
        0x88be,
        &sequence,
        &concat(&[&[0x10, 0, 0, 1, 0, 0, 0, 0], &mirrored]),
    );
    let type_3_header = [0x20, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x00, 0x00];
    let type_3 = gre(
        0x10,
        0x22eb,
        &sequence,
        &concat(&[&type_3_header, &mirrored]),
    );
    // Frame type 2 (IP), with the 8-byte platform subheader (O bit).
    let type_3_ip_header = [
        0x20, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x08, 0x01, 1, 2, 3, 4, 5, 6, 7, 8,
    ];
    let type_3_ip = gre(
        0x10,
        0x22eb,
        &sequence,
        &concat(&[&type_3_ip_header, &ipv4_tcp(100, 0x18)]),
    );
    for frame in [type_1, type_2, type_3, type_3_ip] {
        let (result, tunnels, _) = open(&on(), LinkType::RawIp, &frame);
        assert_inner_tcp(result, None);
        assert_eq!(tunnels, vec![TunnelKind::Gre, TunnelKind::Erspan]);
    }
    let version_9 = gre(
        0x10,
        0x88be,
        &sequence,
        &concat(&[&[0x90, 0, 0, 1, 0, 0, 0, 0], &mirrored]),
    );
    assert_eq!(
        open(&on(), LinkType::RawIp, &version_9).2,
        Some(Undecoded::ErspanOther)
    );
}

#[test]
fn gre_it_does_not_open_is_named() {
    let inner = ipv4_tcp(0, 0x02);
    let mut pptp = gre(0x30, 0x880b, &[0, 0, 0, 0, 0, 0, 0, 0], &inner);
    pptp[21] = 0x01; // version 1
    let routed = gre(0x40, ETHERTYPE_IPV4, &[], &inner);
    let other = gre(0, 0x1234, &[], &inner);
    for (frame, what) in [
        (pptp, Undecoded::Pptp),
        (routed, Undecoded::GreOther),
        (other, Undecoded::GreOther),
    ] {
        let (result, _, stopped) = open(&on(), LinkType::RawIp, &frame);
        assert_eq!((result, stopped), (Err(Skip::Encapsulated), Some(what)));
    }
}

#[test]
fn vxlan_and_geneve_carry_their_vni_into_the_key() {
    let inner = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp(100, 0x18));
    let vxlan = udp_to(
        4789,
        &concat(&[&[0x08, 0, 0, 0, 0x00, 0x13, 0x89, 0], &inner]),
    );
    let (result, tunnels, _) = open(&on(), LinkType::RawIp, &vxlan);
    assert_inner_tcp(result, Some(VirtualNetwork::Vni(5001)));
    assert_eq!(tunnels, vec![TunnelKind::Vxlan]);
    // One 8-byte option, then Ethernet.
    let geneve_header = [0x02, 0, 0x65, 0x58, 0, 0, 42, 0, 1, 2, 3, 4, 5, 6, 7, 8];
    let geneve = udp_to(6081, &concat(&[&geneve_header, &inner]));
    let (result, tunnels, _) = open(&on(), LinkType::RawIp, &geneve);
    assert_inner_tcp(result, Some(VirtualNetwork::Vni(42)));
    assert_eq!(tunnels, vec![TunnelKind::Geneve]);
    // Geneve carrying IPv4 directly.
    let geneve_ip = udp_to(
        6081,
        &concat(&[&[0, 0, 0x08, 0x00, 0, 0, 43, 0], &ipv4_tcp(100, 0x18)]),
    );
    assert_inner_tcp(
        open(&on(), LinkType::RawIp, &geneve_ip).0,
        Some(VirtualNetwork::Vni(43)),
    );
}

#[test]
fn a_datagram_on_a_tunnel_port_without_the_tunnels_header_is_a_packet_of_its_own() {
    let not_vxlan = udp_to(4789, b"hello, not a VXLAN header");
    let (result, tunnels, _) = open(&on(), LinkType::RawIp, &not_vxlan);
    let p = result.unwrap();
    assert_eq!((p.dst.1, p.payload_len, p.network), (4789, 25, None));
    assert!(tunnels.is_empty());
    let custom = DecapConfig {
        vxlan_ports: PortList::new(&[9999]).unwrap(),
        ..on()
    };
    let inner = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp(100, 0x18));
    let vxlan_9999 = udp_to(9999, &concat(&[&[0x08, 0, 0, 0, 0, 0, 1, 0], &inner]));
    assert_inner_tcp(
        open(&custom, LinkType::RawIp, &vxlan_9999).0,
        Some(VirtualNetwork::Vni(1)),
    );
    assert_eq!(
        open(&on(), LinkType::RawIp, &vxlan_9999).0.unwrap().dst.1,
        9999
    );
}

#[test]
fn gtpu_g_pdus_with_extension_headers_and_signalling() {
    let inner = ipv4_tcp(100, 0x18);
    // E flag; sequence, N-PDU, next extension 0x85 (PDU session container, 4 bytes), then none.
    let mut header = vec![0x34, 0xff, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0x85, 1, 0, 9, 0];
    let length = (header.len() - 8 + inner.len()) as u16;
    header[2..4].copy_from_slice(&length.to_be_bytes());
    let gtp = udp_to(2152, &concat(&[&header, &inner]));
    let (result, tunnels, _) = open(&on(), LinkType::RawIp, &gtp);
    assert_inner_tcp(result, None);
    assert_eq!(tunnels, vec![TunnelKind::GtpU]);
    let echo = udp_to(2152, &[0x32, 0x01, 0, 4, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert_eq!(open(&on(), LinkType::RawIp, &echo).0, Err(Skip::NotIp));
    // A length shorter than the optional fields it announces.
    let mut lying = header.clone();
    lying[2..4].copy_from_slice(&2u16.to_be_bytes());
    let lying = udp_to(2152, &concat(&[&lying, &inner]));
    assert_eq!(open(&on(), LinkType::RawIp, &lying).0, Err(Skip::Malformed));
    // An extension header of length 0 would never end.
    let mut endless = header;
    endless[12] = 0;
    let endless = udp_to(2152, &concat(&[&endless, &inner]));
    assert_eq!(
        open(&on(), LinkType::RawIp, &endless).0,
        Err(Skip::Malformed)
    );
}

#[test]
fn mpls_stacks_explicit_null_and_pseudowires() {
    let inner = ipv4_tcp(100, 0x18);
    let labels = [
        0x00, 0x06, 0x40, 0x40, 0x00, 0x0c, 0x80, 0x40, 0x00, 0x01, 0x91, 0x40,
    ];
    for ethertype in [ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST] {
        let frame = ethernet(&[0x8100, ethertype], &concat(&[&labels, &inner]));
        let (result, tunnels, _) = open(&on(), LinkType::Ethernet, &frame);
        assert_inner_tcp(result, None);
        assert_eq!(tunnels, vec![TunnelKind::Mpls]);
    }
    let pseudowire = concat(&[&labels, &[0, 0, 0, 0], &ethernet(&[ETHERTYPE_IPV4], &inner)]);
    let frame = ethernet(&[ETHERTYPE_MPLS], &pseudowire);
    assert_inner_tcp(open(&on(), LinkType::Ethernet, &frame).0, None);
    let no_bottom = ethernet(&[ETHERTYPE_MPLS], &[0x00, 0x06, 0x40, 0x40].repeat(40));
    assert_eq!(
        open(&on(), LinkType::Ethernet, &no_bottom).0,
        Err(Skip::TooDeep)
    );
    let other = ethernet(&[ETHERTYPE_MPLS], &concat(&[&labels, &[0x10; 40]]));
    assert_eq!(
        open(&on(), LinkType::Ethernet, &other).2,
        Some(Undecoded::MplsOther)
    );
}

#[test]
fn pppoe_ppp_and_cisco_hdlc() {
    let inner = ipv4_tcp(100, 0x18);
    let mut session = vec![0x11, 0x00, 0x12, 0x34, 0, 0, 0x00, 0x21];
    session[4..6].copy_from_slice(&((inner.len() + 2) as u16).to_be_bytes());
    let frame = ethernet(&[ETHERTYPE_PPPOE_SESSION], &concat(&[&session, &inner]));
    let (result, tunnels, _) = open(&on(), LinkType::Ethernet, &frame);
    assert_inner_tcp(result, None);
    assert_eq!(tunnels, vec![TunnelKind::Pppoe]);
    let mut lying = frame.clone();
    lying[18..20].copy_from_slice(&1u16.to_be_bytes()); // shorter than its own PPP protocol
    assert_eq!(
        open(&on(), LinkType::Ethernet, &lying).0,
        Err(Skip::Malformed)
    );

    let link = |value| LinkType::from_linktype(value).unwrap();
    for (linktype, framing) in [
        (9, &[0xff, 0x03, 0x00, 0x21][..]),
        (9, &[0x21][..]), // address and control omitted, protocol compressed
        (50, &[0xff, 0x03, 0x00, 0x21][..]),
        (50, &[0x0f, 0x00, 0x08, 0x00][..]), // Cisco HDLC inside LINKTYPE_PPP_HDLC
        (104, &[0x8f, 0x00, 0x08, 0x00][..]),
        (204, &[0x01, 0xff, 0x03, 0x00, 0x21][..]),
        (205, &[0x00, 0x0f, 0x00, 0x08, 0x00][..]),
    ] {
        let frame = concat(&[framing, &inner]);
        assert_inner_tcp(open(&on(), link(linktype), &frame).0, None);
    }
    let lcp = concat(&[&[0xff, 0x03, 0xc0, 0x21], &inner]);
    assert_eq!(open(&on(), link(9), &lcp).0, Err(Skip::NotIp));
    let bridged = concat(&[&[0xff, 0x03, 0x00, 0x31], &inner]);
    assert_eq!(open(&on(), link(9), &bridged).2, Some(Undecoded::PppOther));
    assert_eq!(
        open(&on(), link(104), &concat(&[&[0x45, 0, 8, 0], &inner])).0,
        Err(Skip::Malformed)
    );
}

/// A QoS data frame from a station (to-DS), with LLC/SNAP, around `ip`.
fn wifi_data(protected: bool, ip: &[u8]) -> Vec<u8> {
    let flags = if protected { 0x41 } else { 0x01 };
    let mut f = vec![0x88, flags, 0, 0];
    f.extend_from_slice(&[0x02; 18]); // three addresses
    f.extend_from_slice(&[0x10, 0x00]); // sequence 1, fragment 0
    f.extend_from_slice(&[0x00, 0x00]); // QoS control
    f.extend_from_slice(&[0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00]);
    f.extend_from_slice(ip);
    f
}

#[test]
fn wifi_data_frames_under_radiotap_and_ppi() {
    let inner = ipv4_tcp(100, 0x18);
    let frame = wifi_data(false, &inner);
    assert_inner_tcp(open(&on(), LinkType::Ieee80211, &frame).0, None);
    // Radiotap: TSFT and flags present; flags 0x10 (FCS at the end), no padding.
    let mut radiotap = vec![0, 0, 0, 0, 0x03, 0, 0, 0];
    radiotap.extend_from_slice(&[0; 8]); // TSFT, aligned to 8 already
    radiotap.extend_from_slice(&[0x10, 0, 0, 0]);
    radiotap[2] = radiotap.len() as u8;
    let link = |value| LinkType::from_linktype(value).unwrap();
    assert_inner_tcp(
        open(&on(), link(127), &concat(&[&radiotap, &frame])).0,
        None,
    );
    let mut bad_fcs = radiotap.clone();
    bad_fcs[16] = 0x40;
    assert_eq!(
        open(&on(), link(127), &concat(&[&bad_fcs, &frame])).0,
        Err(Skip::Malformed)
    );
    let mut lying = radiotap.clone();
    lying[2] = 9; // shorter than the fields it announces
    assert_eq!(
        open(&on(), link(127), &concat(&[&lying, &frame])).0,
        Err(Skip::Malformed)
    );
    let ppi = [0, 0, 8, 0, 105, 0, 0, 0];
    assert_inner_tcp(open(&on(), link(192), &concat(&[&ppi, &frame])).0, None);
    let protected = wifi_data(true, &inner);
    let (result, _, stopped) = open(&on(), link(105), &protected);
    assert_eq!(
        (result, stopped),
        (Err(Skip::Encapsulated), Some(Undecoded::Ieee80211Protected))
    );
    let beacon = concat(&[&[0x80, 0], &[0; 30]]);
    assert_eq!(open(&on(), link(105), &beacon).0, Err(Skip::NotIp));
}

#[test]
fn with_decapsulation_off_tunnels_are_named_and_udp_tunnels_are_flows() {
    let off = DecapConfig {
        enabled: false,
        ..on()
    };
    let inner = ipv4_tcp(100, 0x18);
    for frame in [
        ipv4_around(IPPROTO_IPV4, &inner),
        gre(0, ETHERTYPE_IPV4, &[], &inner),
    ] {
        let (result, tunnels, stopped) = open(&off, LinkType::RawIp, &frame);
        assert_eq!(result, Err(Skip::Encapsulated));
        assert!(tunnels.is_empty());
        assert_eq!(stopped, Some(Undecoded::TunnelNotOpened));
    }
    let mpls = ethernet(&[ETHERTYPE_MPLS], &concat(&[&[0, 0, 1, 64], &inner]));
    assert_eq!(
        open(&off, LinkType::Ethernet, &mpls).2,
        Some(Undecoded::TunnelNotOpened)
    );
    let vxlan = udp_to(
        4789,
        &concat(&[
            &[0x08, 0, 0, 0, 0, 0, 1, 0],
            &ethernet(&[ETHERTYPE_IPV4], &inner),
        ]),
    );
    let outer = open(&off, LinkType::RawIp, &vxlan).0.unwrap();
    assert_eq!((outer.dst.1, outer.network), (4789, None));
}

#[test]
fn nesting_is_followed_to_the_bound_and_no_further() {
    // Raw IP takes two steps (the link, the version nibble), then one per IPv4 header.
    let deepest = MAX_HEADERS + 1 - 2;
    let mut frame = ipv4_tcp(100, 0x18);
    for _ in 1..deepest {
        frame = ipv4_around(IPPROTO_IPV4, &frame);
    }
    assert_inner_tcp(open(&on(), LinkType::RawIp, &frame).0, None);
    let too_deep = ipv4_around(IPPROTO_IPV4, &frame);
    assert_eq!(
        open(&on(), LinkType::RawIp, &too_deep).0,
        Err(Skip::TooDeep)
    );
}

#[test]
fn cutting_any_tunnel_frame_anywhere_never_panics() {
    let inner = ethernet(&[ETHERTYPE_IPV4], &ipv4_tcp(100, 0x18));
    let frames = [
        udp_to(4789, &concat(&[&[0x08, 0, 0, 0, 0, 0, 1, 0], &inner])),
        udp_to(6081, &concat(&[&[0x3f, 0, 0x65, 0x58, 0, 0, 1, 0], &inner])),
        gre(0xb0, ETHERTYPE_TEB, &[0; 12], &inner),
        ipv6_around(IPPROTO_IPV6, &ipv6_udp(&[], IPPROTO_UDP, 3)),
    ];
    for frame in frames {
        for cut in 0..frame.len() {
            for wire in [cut as u32, u32::MAX] {
                let _ = decode_with(
                    &on(),
                    LinkType::RawIp,
                    &frame[..cut],
                    wire,
                    T,
                    &mut Layers::default(),
                );
            }
        }
    }
}

#[test]
fn the_decoder_counts_frames_per_tunnel_kind_and_what_it_did_not_open() {
    let inner = ipv4_tcp(100, 0x18);
    let mut decoder = Decoder::new(on());
    for frame in [
        gre(0, ETHERTYPE_IPV4, &[], &inner),
        gre(0, ETHERTYPE_IPV4, &[], &inner),
        ipv4_around(50, &inner),
        inner.clone(),
    ] {
        let _ = decoder.decode(LinkType::RawIp, &frame, frame.len() as u32, T);
    }
    assert_eq!(
        decoder.counts().tunnels().collect::<Vec<_>>(),
        vec![(TunnelKind::Gre, 2)]
    );
    assert_eq!(
        decoder.counts().undecoded().collect::<Vec<_>>(),
        vec![(Undecoded::Esp, 1)]
    );
}

mod arbitrary {
    //! Random bytes after hand-built tunnel headers: every decoder path ends in a packet or a
    //! skip reason, never a panic, and sizes stay consistent.
    use super::*;
    use proptest::prelude::*;

    fn prefixes() -> Vec<(LinkType, Vec<u8>)> {
        vec![
            (LinkType::RawIp, udp_to(4789, &[0x08, 0, 0, 0, 0, 0, 1, 0])),
            (
                LinkType::RawIp,
                udp_to(6081, &[0, 0, 0x65, 0x58, 0, 0, 1, 0]),
            ),
            (
                LinkType::RawIp,
                udp_to(2152, &[0x30, 0xff, 0xff, 0xff, 0, 0, 0, 1]),
            ),
            (LinkType::RawIp, gre(0x30, ETHERTYPE_TEB, &[0; 8], &[])),
            (LinkType::RawIp, gre(0x10, 0x22eb, &[0; 4], &[])),
            (LinkType::RawIp, ipv4_around(IPPROTO_IPV6, &[])),
            (LinkType::Ethernet, ethernet(&[ETHERTYPE_MPLS], &[])),
            (
                LinkType::Ethernet,
                ethernet(&[ETHERTYPE_PPPOE_SESSION], &[]),
            ),
            (LinkType::Ppp, vec![0xff, 0x03]),
            (LinkType::Radiotap, vec![0, 0, 8, 0, 0, 0, 0, 0]),
            (LinkType::Ppi, vec![0, 0, 8, 0, 105, 0, 0, 0]),
        ]
    }

    proptest! {
        #[test]
        fn any_bytes_after_a_tunnel_header_decode_or_skip(
            which in 0usize..11,
            tail in proptest::collection::vec(any::<u8>(), 0..200),
            off: bool,
        ) {
            let (link, prefix) = &prefixes()[which];
            let frame = concat(&[prefix, &tail]);
            let config = DecapConfig { enabled: !off, ..DecapConfig::default() };
            for wire in [frame.len() as u32, u32::MAX] {
                let mut layers = Layers::default();
                if let Ok(p) = decode_with(&config, *link, &frame, wire, T, &mut layers) {
                    prop_assert!(p.payload_len <= p.ip_len);
                }
            }
        }
    }
}
