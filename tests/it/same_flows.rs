//! Two captures of the same real traffic, taken at once at two vantage points (a tunnel's
//! underlay and overlay, a host with segmentation offload and the wire): their flows, and the
//! check that they are the same flows.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::Path;

use flowclass::extract::{extract_path, ExtractConfig};
use flowclass::features::FlowFeatures;
use flowclass::flow::record::Transport;
use flowclass::flow::FlowRecord;

/// A conversation, told apart as the flow table does (both directions, transport, endpoints).
pub type Conversation = (Transport, (IpAddr, u16), (IpAddr, u16));

pub fn conversation(transport: Transport, a: (IpAddr, u16), b: (IpAddr, u16)) -> Conversation {
    (transport, a.min(b), a.max(b))
}

/// The flows `extract` finds in the capture at `path`, by conversation.
pub fn flows(path: &Path) -> BTreeMap<Conversation, FlowRecord> {
    let extracted = extract_path(path, &ExtractConfig::default());
    assert!(extracted.report.error.is_none());
    extracted
        .records
        .into_iter()
        .map(|f| {
            let e = &f.endpoints;
            let key = conversation(e.transport, (e.src_ip, e.src_port), (e.dst_ip, e.dst_port));
            (key, f)
        })
        .collect()
}

/// How far apart two timing features may be, given each packet's time differs by at most
/// `skew_ms` between the captures: a gap by twice that, a rate or a ratio of gaps in proportion.
fn timing_tolerance(
    name: &str,
    unit: &str,
    under: &FlowRecord,
    names: &[String],
    skew_ms: f64,
) -> f64 {
    let gap = 2.0 * skew_ms;
    let feature = |wanted: &str| under.features[names.iter().position(|n| n == wanted).unwrap()];
    let value = feature(name).abs();
    if unit == "ms" {
        gap
    } else if name.ends_with("_iat_cv") {
        let mean = feature(&name.replace("_iat_cv", "_iat_mean"));
        (1.0 + value) * gap / (mean - gap).max(f64::MIN_POSITIVE)
    } else {
        // A count over the flow's duration.
        let duration = feature("duration");
        value * gap / (duration - gap).max(f64::MIN_POSITIVE)
    }
}

fn is_timing(name: &str, unit: &str) -> bool {
    matches!(unit, "ms" | "1/s" | "bytes/s") || name.ends_with("_iat_cv")
}

/// Asserts that `one` and `other` hold the same flows: the same conversations, directions,
/// packets and bytes, every size and direction feature equal, and every timing feature within
/// what a capture skew of `skew_ms` (each packet's time apart by at most that) allows.
pub fn assert_same_flows(
    what: &str,
    one: &BTreeMap<Conversation, FlowRecord>,
    other: &BTreeMap<Conversation, FlowRecord>,
    skew_ms: f64,
) {
    let defs = FlowFeatures::describe(&ExtractConfig::default().features);
    let names: Vec<String> = defs.iter().map(|d| d.name.clone()).collect();
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        other.keys().collect::<Vec<_>>(),
        "{what}: the same conversations"
    );
    for (key, u) in one {
        let o = &other[key];
        assert_eq!(u.endpoints, o.endpoints, "{what} {key:?}: direction");
        assert_eq!((u.packets, u.bytes), (o.packets, o.bytes), "{what} {key:?}");
        for (i, def) in defs.iter().enumerate() {
            let (a, b) = (u.features[i], o.features[i]);
            if is_timing(&def.name, &def.unit) {
                let tolerance = timing_tolerance(&def.name, &def.unit, u, &names, skew_ms);
                assert!(
                    (a - b).abs() <= tolerance + 1e-9,
                    "{what} {key:?}: {} {a} vs {b} (skew {skew_ms} ms)",
                    def.name
                );
            } else {
                assert_eq!(a, b, "{what} {key:?}: {}", def.name);
            }
        }
    }
}
