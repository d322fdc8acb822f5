//! Segmentation offload: the same real traffic recorded at once on a server whose veth keeps
//! offload on, and on the wire beyond a router (`tests/data/offload/record.sh`), gives the same
//! flows — the server's 64 KB "packets" are measured as the segments the wire carried.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use flowclass::capture::read_frames;
use flowclass::decode::{DecapConfig, Decoder};
use flowclass::flow::record::Timestamp;

use crate::same_flows::{assert_same_flows, conversation, flows, Conversation};
use crate::support::data;

fn capture(side: &str) -> PathBuf {
    data(&format!("offload/{side}.pcap"))
}

/// Every decoded TCP packet of the capture: its conversation, whether it travels from the
/// conversation's lower endpoint, its time and its payload length.
fn packets(path: &Path) -> Vec<(Conversation, bool, Timestamp, u32)> {
    let bytes = std::fs::read(path).unwrap();
    let mut decoder = Decoder::new(DecapConfig::default());
    let mut packets = Vec::new();
    let outcome = read_frames(bytes.as_slice(), |frame| {
        let link = frame.link.expect("a link type flowclass reads");
        if let Ok(p) = decoder.decode(link, frame.data, frame.wire_len, frame.time) {
            let key = conversation(p.transport, p.src, p.dst);
            packets.push((key, p.src == key.1, p.time, p.payload_len));
        }
    });
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    packets
}

#[test]
fn a_capture_with_offload_gives_the_flows_the_wire_carried() {
    let (host, wire) = (packets(&capture("host")), packets(&capture("wire")));
    let largest = |packets: &[(Conversation, bool, Timestamp, u32)], lower: bool| {
        packets
            .iter()
            .filter(|p| p.1 == lower)
            .map(|p| p.3)
            .max()
            .unwrap()
    };
    // The server's capture holds packets far larger than a segment, both ways (its stack's
    // segmentation offload for downloads, receive offload for the upload); the wire's do not.
    for lower in [true, false] {
        assert!(
            largest(&host, lower) > 4 * 1448,
            "{}",
            largest(&host, lower)
        );
        assert!(largest(&wire, lower) <= 1448);
    }
    assert!(host.len() * 2 < wire.len(), "{} {}", host.len(), wire.len());

    // The capture skew: how far each packet on the wire is from the nearest packet of the server's
    // capture going the same way in the same conversation (the one it was cut from, or itself).
    let mut by_way: BTreeMap<(Conversation, bool), Vec<Timestamp>> = BTreeMap::new();
    for (key, lower, time, _) in &host {
        by_way.entry((*key, *lower)).or_default().push(*time);
    }
    let skew_ns = wire
        .iter()
        .map(|(key, lower, time, _)| {
            by_way[&(*key, *lower)]
                .iter()
                .map(|t| (t.0 - time.0).abs())
                .min()
                .unwrap()
        })
        .max()
        .unwrap();
    let skew_ms = skew_ns as f64 / 1e6;
    assert!(skew_ms < 50.0, "implausible skew {skew_ms} ms");

    let (host, wire) = (flows(&capture("host")), flows(&capture("wire")));
    assert_eq!(host.len(), 6, "five HTTP connections and one upload");
    assert_same_flows("offload", &host, &wire, skew_ms);
}
