//! Tunnels: the same real traffic recorded at once on a tunnel's underlay and on its overlay
//! (`tests/data/tunnels/record.sh`) gives the same flows once the tunnel is opened: same keys,
//! same packets, the same size and direction features, and timing features that differ by no
//! more than the two interfaces' capture skew allows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use flowclass::capture::read_frames;
use flowclass::decode::{DecapConfig, Decoder, TunnelKind, VirtualNetwork};
use flowclass::extract::{extract_path, ExtractConfig};
use flowclass::flow::record::Timestamp;

use crate::same_flows::{assert_same_flows, conversation, flows, Conversation};
use crate::support::{data, run, stderr, Table};

/// Each recorded tunnel: its file prefix, the kinds it is counted as, and the virtual network
/// its packets are keyed in (ERSPAN's session is in its own header, not in a GRE key).
const RECORDED: [(&str, &[TunnelKind], Option<VirtualNetwork>); 10] = [
    (
        "vxlan",
        &[TunnelKind::Vxlan],
        Some(VirtualNetwork::Vni(5001)),
    ),
    (
        "geneve",
        &[TunnelKind::Geneve],
        Some(VirtualNetwork::Vni(5002)),
    ),
    ("gre", &[TunnelKind::Gre], Some(VirtualNetwork::GreKey(77))),
    ("erspan", &[TunnelKind::Gre, TunnelKind::Erspan], None),
    ("mpls", &[TunnelKind::Mpls], None),
    ("ipip", &[TunnelKind::Ipv4InIpv4], None),
    ("sit", &[TunnelKind::Ipv6InIpv4], None),
    ("ip4ip6", &[TunnelKind::Ipv4InIpv6], None),
    ("ip6ip6", &[TunnelKind::Ipv6InIpv6], None),
    ("gtpu", &[TunnelKind::GtpU], None),
];

fn capture(kind: &str, side: &str) -> PathBuf {
    data(&format!("tunnels/{kind}-{side}.pcap"))
}

/// Every decoded packet's time, per conversation, in capture order; and the virtual networks
/// the packets were keyed in.
fn packet_times(
    path: &Path,
) -> (
    BTreeMap<Conversation, Vec<Timestamp>>,
    Vec<Option<VirtualNetwork>>,
) {
    let bytes = std::fs::read(path).unwrap();
    let mut decoder = Decoder::new(DecapConfig::default());
    let mut times: BTreeMap<Conversation, Vec<Timestamp>> = BTreeMap::new();
    let mut networks = Vec::new();
    let outcome = read_frames(bytes.as_slice(), |frame| {
        let link = frame.link.expect("a link type flowclass reads");
        if let Ok(p) = decoder.decode(link, frame.data, frame.wire_len, frame.time) {
            times
                .entry(conversation(p.transport, p.src, p.dst))
                .or_default()
                .push(p.time);
            if !networks.contains(&p.network) {
                networks.push(p.network);
            }
        }
    });
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    (times, networks)
}

#[test]
fn each_tunnels_underlay_gives_the_overlays_flows() {
    let config = ExtractConfig::default();
    for (kind, tunnel_kinds, network) in RECORDED {
        let (under_times, under_networks) = packet_times(&capture(kind, "underlay"));
        let (over_times, over_networks) = packet_times(&capture(kind, "overlay"));
        assert_eq!(
            under_networks,
            vec![network],
            "{kind}: the tunnel's network"
        );
        assert_eq!(over_networks, vec![None], "{kind}");
        assert_eq!(
            under_times.keys().collect::<Vec<_>>(),
            over_times.keys().collect::<Vec<_>>(),
            "{kind}: the same conversations"
        );
        // The capture skew: how far apart the same packet was stamped on the two interfaces.
        let mut skew_ns = 0i64;
        for (key, under) in &under_times {
            let over = &over_times[key];
            assert_eq!(under.len(), over.len(), "{kind} {key:?}: packets");
            for (u, o) in under.iter().zip(over) {
                skew_ns = skew_ns.max((u.0 - o.0).abs());
            }
        }
        let skew_ms = skew_ns as f64 / 1e6;
        assert!(skew_ms < 50.0, "{kind}: implausible skew {skew_ms} ms");

        let (under, over) = (
            flows(&capture(kind, "underlay")),
            flows(&capture(kind, "overlay")),
        );
        assert!(under.len() >= 4, "{kind}: {} flows", under.len());
        assert_same_flows(kind, &under, &over, skew_ms);

        let report = extract_path(&capture(kind, "underlay"), &config).report;
        for tunnel in TunnelKind::ALL {
            let frames = report.decap.get(tunnel);
            assert_eq!(
                frames > 0,
                tunnel_kinds.contains(&tunnel),
                "{kind}: {tunnel:?}"
            );
        }
    }
}

#[test]
fn with_decapsulation_off_the_tunnels_flows_are_not_the_overlays() {
    for (kind, _, _) in RECORDED {
        let over = flows(&capture(kind, "overlay"));
        let output = run(
            &[
                "extract",
                "--decapsulate",
                "none",
                capture(kind, "underlay").to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let table = Table::parse(&output.stdout);
        let inner_addresses = table
            .rows
            .iter()
            .filter(|row| {
                row.iter()
                    .any(|field| field.starts_with("10.97.") || field.starts_with("fd97:"))
            })
            .count();
        assert_eq!(
            inner_addresses, 0,
            "{kind}: no flow of the overlay's addresses"
        );
        assert!(over.len() >= 4);
        assert!(
            stderr(&output).contains("tunnels (--decapsulate none)") || !table.rows.is_empty(),
            "{kind}: the tunnel is either named as not opened or is a UDP flow of its own"
        );
    }
}

#[test]
fn the_report_names_the_tunnels_it_opened() {
    let output = run(
        &[
            "extract",
            capture("erspan", "underlay").to_str().unwrap(),
            capture("vxlan", "underlay").to_str().unwrap(),
        ],
        None,
    );
    let err = stderr(&output);
    let line = err
        .lines()
        .find(|l| l.contains("frames in tunnels:"))
        .unwrap_or_else(|| panic!("{err}"));
    for name in ["GRE", "ERSPAN", "VXLAN"] {
        assert!(line.contains(name), "{line}");
    }
    assert!(!line.contains("MPLS"), "{line}");
}
