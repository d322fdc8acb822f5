//! Criterion benchmarks of the per-packet path on a real capture held in memory:
//! decoding alone, and the whole path from capture bytes to flow features; decoding the same
//! traffic through each recorded tunnel (underlay) and without it (overlay); and of the per-flow
//! path: the shipped default forest classifying flows of a committed dataset capture, with the
//! decision path (`classify --explain`) and without it (the flat layout `classify` uses).

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flowclass::capture::read_frames;
use flowclass::decode::{decode, DecapConfig, Decoder};
use flowclass::extract::{extract_path, extract_reader, ExtractConfig};
use flowclass::model::Model;

fn capture_bytes() -> Vec<u8> {
    test_capture("http-curl.pcap")
}

fn test_capture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(path).expect("the test capture is committed")
}

/// Reads and decodes a whole capture; returns the packets decoded.
fn read_and_decode(bytes: &[u8]) -> u64 {
    let mut decoder = Decoder::new(DecapConfig::default());
    let mut decoded = 0u64;
    read_frames(bytes, |frame| {
        if let Some(link) = frame.link {
            decoded += u64::from(
                decoder
                    .decode(link, frame.data, frame.wire_len, frame.time)
                    .is_ok(),
            );
        }
    });
    decoded
}

/// Per decoded packet: each recorded tunnel's underlay capture, and its overlay capture (the
/// same packets without the tunnel).
fn tunnels(c: &mut Criterion) {
    for kind in ["vxlan", "geneve", "gre", "erspan", "mpls"] {
        let underlay = test_capture(&format!("tunnels/{kind}-underlay.pcap"));
        let overlay = test_capture(&format!("tunnels/{kind}-overlay.pcap"));
        let packets = read_and_decode(&overlay);
        assert_eq!(read_and_decode(&underlay), packets, "{kind}");
        let mut group = c.benchmark_group(format!("tunnel {kind}"));
        group.throughput(Throughput::Elements(packets));
        group.bench_function("read + decode, tunnelled", |b| {
            b.iter(|| read_and_decode(&underlay))
        });
        group.bench_function("read + decode, untunnelled", |b| {
            b.iter(|| read_and_decode(&overlay))
        });
        group.finish();
    }
}

fn pipeline(c: &mut Criterion) {
    let bytes = capture_bytes();
    let frames = read_frames(bytes.as_slice(), |_| {}).frames;
    let mut group = c.benchmark_group("per-packet");
    group.throughput(Throughput::Elements(frames));
    group.bench_function("read frames", |b| {
        b.iter(|| read_frames(bytes.as_slice(), |_| {}).frames)
    });
    group.bench_function("read + decode", |b| {
        b.iter(|| {
            let mut decoded = 0u64;
            read_frames(bytes.as_slice(), |frame| {
                if let Some(link) = frame.link {
                    decoded +=
                        u64::from(decode(link, frame.data, frame.wire_len, frame.time).is_ok());
                }
            });
            decoded
        })
    });
    let config = ExtractConfig::default();
    group.bench_function("read + decode + flows + features", |b| {
        b.iter(|| {
            let mut flows = 0u64;
            extract_reader("bench", bytes.as_slice(), &config, |_| flows += 1);
            flows
        })
    });
    group.finish();
}

fn per_flow(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = Model::load(&root.join("models/default.json")).expect("the default model loads");
    let flows = extract_path(
        &root.join("datasets/mixed/mixed_web_bt.pcap"),
        &model.schema.extract_config(),
    )
    .records;
    let flat = model
        .classifier
        .flatten()
        .expect("the default forest lays out flat");
    let mut group = c.benchmark_group("per-flow (default forest)");
    group.throughput(Throughput::Elements(flows.len() as u64));
    group.bench_function("predict with the decision path", |b| {
        b.iter(|| {
            flows
                .iter()
                .map(|f| model.predict(&f.features).unwrap().class)
                .sum::<usize>()
        })
    });
    group.bench_function("vote share, flat layout", |b| {
        let mut votes = Vec::new();
        b.iter(|| {
            flows
                .iter()
                .map(|f| flat.vote_share_with(&f.features, &mut votes).unwrap().0)
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline, tunnels, per_flow);
criterion_main!(benches);
