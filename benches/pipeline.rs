//! Criterion benchmarks of the per-packet path on a real capture held in memory:
//! decoding alone, and the whole path from capture bytes to flow features.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flowclass::capture::read_frames;
use flowclass::decode::decode;
use flowclass::extract::{extract_reader, ExtractConfig};

fn capture_bytes() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/http-curl.pcap");
    std::fs::read(path).expect("the test capture is committed")
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

criterion_group!(benches, pipeline);
criterion_main!(benches);
