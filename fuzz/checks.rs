//! The properties each fuzz target checks, in one file shared by the fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and by the regression test that replays every saved crash
//! (`tests/it/fuzz_regressions.rs`), so that both run exactly the same entry points and asserts.

#![allow(dead_code)] // each fuzz target uses one of these checks

use flowclass::capture::read_frames;
use flowclass::decode::{decode, decode_with, DecapConfig, Layers, LinkType, PortList, Skip};
use flowclass::extract::{extract_reader, ExtractConfig};
use flowclass::features::FlowFeatures;
use flowclass::flow::record::Timestamp;
use flowclass::flow::FlowConfig;

/// Arbitrary bytes as a capture file (pcap or pcapng, told by the magic): reading ends in frames
/// or a clean error, never a panic, a hang or an allocation the size of a length field.
pub fn capture(data: &[u8]) {
    let mut visited = 0u64;
    let outcome = read_frames(data, |frame| {
        visited += 1;
        assert!(frame.data.len() <= data.len());
    });
    assert!(visited <= outcome.frames);
    assert!(outcome.bytes <= data.len() as u64);
    if let Some(offset) = outcome.error.as_ref().and_then(|e| e.offset()) {
        assert!(
            offset <= data.len() as u64,
            "error offset {offset} past the end"
        );
    }
}

/// The link types the `decode` target's first byte chooses from.
pub const LINKS: [LinkType; 8] = [
    LinkType::Null,
    LinkType::Ethernet,
    LinkType::RawIp,
    LinkType::Loop,
    LinkType::LinuxSll,
    LinkType::RawIpv4,
    LinkType::RawIpv6,
    LinkType::LinuxSll2,
];

/// One frame: the first byte picks the link type, the rest is the frame. Decoding gives a summary
/// or a skip reason, never a panic, and the sizes it reports are consistent.
pub fn decode_frame(data: &[u8]) {
    let Some((&selector, frame)) = data.split_first() else {
        return;
    };
    let link = LINKS[usize::from(selector) % LINKS.len()];
    // The wire length as captured, and the largest one a record can claim.
    for wire_len in [frame.len() as u32, u32::MAX] {
        if let Ok(packet) = decode(link, frame, wire_len, Timestamp(0)) {
            assert!(
                packet.payload_len <= packet.ip_len,
                "payload {} larger than the IP length {}",
                packet.payload_len,
                packet.ip_len
            );
        }
    }
}

/// The link types the `decap` target's first byte chooses from: those that lead to tunnels.
pub const DECAP_LINKS: [LinkType; 10] = [
    LinkType::Ethernet,
    LinkType::RawIp,
    LinkType::Ppp,
    LinkType::PppWithDirection,
    LinkType::CiscoHdlc,
    LinkType::CiscoHdlcWithDirection,
    LinkType::Ieee80211,
    LinkType::Radiotap,
    LinkType::Ppi,
    LinkType::LinuxSll2,
];

/// One frame through the tunnel decoders: the first byte picks the link type, the second the
/// decapsulation settings (bit 0: off; bit 1: every UDP tunnel on ports 1-3 as well), the rest is
/// the frame. Decoding gives a summary or a skip reason, never a panic; sizes are consistent; a
/// frame skipped as encapsulated names what stopped it; with decapsulation off no tunnel is opened.
pub fn decap_frame(data: &[u8]) {
    let [selector, settings, frame @ ..] = data else {
        return;
    };
    let link = DECAP_LINKS[usize::from(*selector) % DECAP_LINKS.len()];
    let mut config = DecapConfig {
        enabled: settings & 1 == 0,
        ..DecapConfig::default()
    };
    if settings & 2 != 0 {
        let extra = |port| PortList::new(&[port, 4789, 6081, 2152]).unwrap();
        config.vxlan_ports = extra(1);
        config.geneve_ports = extra(2);
        config.gtpu_ports = extra(3);
    }
    for wire_len in [frame.len() as u32, u32::MAX] {
        let mut layers = Layers::default();
        let result = decode_with(&config, link, frame, wire_len, Timestamp(0), &mut layers);
        match result {
            Ok(packet) => assert!(
                packet.payload_len <= packet.ip_len,
                "payload {} larger than the IP length {}",
                packet.payload_len,
                packet.ip_len
            ),
            Err(Skip::Encapsulated) => assert!(layers.stopped_at().is_some()),
            Err(_) => {}
        }
        if !config.enabled {
            assert_eq!(layers.tunnels().count(), 0, "a tunnel opened while off");
        }
    }
}

/// The open-flow cap of the `pipeline` target: small, so that eviction is exercised too.
pub const PIPELINE_MAX_FLOWS: usize = 16;

/// Bytes → capture → decode → flow table → features. Every flow has finite features of the
/// schema's width, and every decoded packet ends up in exactly one flow.
pub fn pipeline(data: &[u8]) {
    let config = ExtractConfig {
        flow: FlowConfig {
            max_open_flows: PIPELINE_MAX_FLOWS,
            ..FlowConfig::default()
        },
        ..ExtractConfig::default()
    };
    let width = FlowFeatures::describe(&config.features).len();
    let mut packets_in_flows = 0u64;
    let mut flows = 0u64;
    let report = extract_reader("fuzz", data, &config, |flow| {
        flows += 1;
        packets_in_flows += flow.packets;
        assert!(flow.packets > 0);
        assert!(flow.end >= flow.start, "flow ends before it starts");
        assert_eq!(flow.features.len(), width);
        for (i, value) in flow.features.iter().enumerate() {
            assert!(value.is_finite(), "feature {i} is {value}");
        }
    });
    assert_eq!(packets_in_flows, report.packets, "packets lost or doubled");
    assert_eq!(flows, report.table.flows_emitted);
    assert!(report.table.peak_open_flows <= PIPELINE_MAX_FLOWS);
}
