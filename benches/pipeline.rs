//! Criterion benchmarks of the per-packet path on a real capture held in memory:
//! decoding alone, and the whole path from capture bytes to flow features; decoding the same
//! traffic through each recorded tunnel (underlay) and without it (overlay), alone and with the
//! rest of the per-packet path; and of the per-flow
//! path: the shipped default forest classifying flows of a committed dataset capture, with the
//! decision path (`classify --explain`) and without it (the flat layout `classify` uses), and
//! the nearest-neighbour novelty measure of `train --leave-out-kinds` on top, and writing the
//! same flows' feature CSV rows; and of
//! the model: loading and checking the default model file, and growing a tree and a forest with
//! the default settings on 20,000 made-up flows of 75 features.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flowclass::capture::read_frames;
use flowclass::dataset::feature_csv::write_row;
use flowclass::dataset::load::load;
use flowclass::decode::{decode, DecapConfig, Decoder, LinkType};
use flowclass::eval::Neighbours;
use flowclass::extract::{extract_path, extract_reader, ExtractConfig};
use flowclass::model::{Forest, ForestParams, Labeler, Model, Tree, TreeParams};
use flowclass::packet::Timestamp;
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

fn capture_bytes() -> Vec<u8> {
    test_capture("http-curl.pcap")
}

fn test_capture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(path).expect("the test capture is committed")
}

/// A capture's frames, copied out of it once, so that decoding alone is timed.
struct Frames(Vec<(LinkType, Vec<u8>, u32, Timestamp)>);

impl Frames {
    fn of(bytes: &[u8]) -> Frames {
        let mut frames = Vec::new();
        read_frames(bytes, |frame| {
            if let Some(link) = frame.link {
                frames.push((link, frame.data.to_vec(), frame.wire_len, frame.time));
            }
        });
        Frames(frames)
    }

    /// Decodes every frame; returns the packets decoded.
    fn decode(&self) -> u64 {
        let mut decoder = Decoder::new(DecapConfig::default());
        self.0
            .iter()
            .map(|(link, data, wire_len, time)| {
                u64::from(decoder.decode(*link, data, *wire_len, *time).is_ok())
            })
            .sum()
    }
}

/// Per decoded packet: decoding each recorded tunnel's underlay capture, and its overlay capture
/// (the same packets without the tunnel).
fn tunnels(c: &mut Criterion) {
    for kind in [
        "vxlan", "geneve", "gre", "erspan", "mpls", "ipip", "sit", "ip4ip6", "ip6ip6", "gtpu",
    ] {
        let underlay_bytes = test_capture(&format!("tunnels/{kind}-underlay.pcap"));
        let overlay_bytes = test_capture(&format!("tunnels/{kind}-overlay.pcap"));
        let (underlay, overlay) = (Frames::of(&underlay_bytes), Frames::of(&overlay_bytes));
        let packets = overlay.decode();
        assert_eq!(underlay.decode(), packets, "{kind}");
        let mut group = c.benchmark_group(format!("tunnel {kind}"));
        group.throughput(Throughput::Elements(packets));
        group.bench_function("decode, tunnelled", |b| b.iter(|| underlay.decode()));
        group.bench_function("decode, untunnelled", |b| b.iter(|| overlay.decode()));
        let config = ExtractConfig::default();
        for (side, bytes) in [
            ("tunnelled", &underlay_bytes),
            ("untunnelled", &overlay_bytes),
        ] {
            group.bench_function(format!("read + decode + flows + features, {side}"), |b| {
                b.iter(|| {
                    let mut flows = 0u64;
                    extract_reader("bench", bytes.as_slice(), &config, |_| flows += 1);
                    flows
                })
            });
        }
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
        let explaining = Labeler::new(&model, 0.0, true).expect("the default forest lays out flat");
        b.iter(|| {
            flows
                .iter()
                .map(|f| explaining.predict(&f.features).unwrap().class)
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
    // The nearest-neighbour novelty measure (measured by `train --leave-out-kinds`, not in model
    // files) after the vote: each flow against every labelled flow of the committed BitTorrent,
    // WebSocket and HTTP captures, with the features the model was trained without held
    // constant as in training.
    let datasets =
        ["bittorrent", "websocket", "http"].map(|class| root.join("datasets").join(class));
    let mut set = load(
        &datasets,
        Some(&root.join("datasets/labels.csv")),
        &model.schema.extract_config(),
    )
    .expect("the committed datasets load")
    .set;
    set.hold_constant(
        &model
            .schema
            .columns_matching(&model.training.excluded_features)
            .expect("the model's excluded features are its schema's"),
    );
    let rows: Vec<usize> = (0..set.len()).collect();
    let neighbours = Neighbours::fit(&set, &rows, set.class_names.len());
    group.bench_function("novelty by nearest neighbours, after the vote", |b| {
        let mut votes = Vec::new();
        b.iter(|| {
            flows
                .iter()
                .map(|f| {
                    let class = flat.vote_share_with(&f.features, &mut votes).unwrap().0;
                    let class = set.class_index(&model.classes[class]).unwrap_or(0);
                    neighbours.novelty(class, &f.features)
                })
                .sum::<f64>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("per-flow output");
    group.throughput(Throughput::Elements(flows.len() as u64));
    group.bench_function("feature CSV row", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            for flow in &flows {
                write_row(&mut out, flow, None).expect("writing to memory");
            }
            out.len()
        })
    });
    group.finish();
}

fn model(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("models/default.json")).expect("committed");
    let mut group = c.benchmark_group("model");
    group.sample_size(10);
    group.bench_function("load and check models/default.json", |b| {
        b.iter(|| Model::from_json_str(&text).unwrap().classifier.leaves())
    });
    group.bench_function("inflate the built-in model", |b| {
        b.iter(|| flowclass::model::builtin::text().len())
    });
    // Three classes that depend on three of the 75 columns, with 20 % of the labels flipped.
    let (rows, columns) = (20_000, 75);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
    let x = Array2::from_shape_fn((rows, columns), |_| rng.gen_range(0.0..1000.0));
    let y: Vec<usize> = (0..rows)
        .map(|r| {
            ((x[(r, 1)] + x[(r, 3)] * 10.0 + x[(r, 40)]) as usize / 300
                + usize::from(rng.gen_bool(0.2)))
                % 3
        })
        .collect();
    let names: Vec<String> = (0..columns).map(|i| format!("f{i}")).collect();
    let tree = TreeParams::default();
    group.bench_function("fit a tree, 20,000 flows", |b| {
        b.iter(|| Tree::fit(x.view(), &y, 3, &names, &tree).unwrap().leaves())
    });
    group.bench_function("fit a forest of 100 trees, 20,000 flows", |b| {
        b.iter(|| {
            Forest::fit(x.view(), &y, 3, &names, &tree, &ForestParams::default())
                .unwrap()
                .leaves()
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline, tunnels, per_flow, model);
criterion_main!(benches);
