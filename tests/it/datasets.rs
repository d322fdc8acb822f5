//! The committed datasets: every capture parses without error, and `datasets/labels.csv` and
//! the captures agree flow for flow — no dangling label, no unlabelled flow.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use flowclass::extract::{extract_path, find_captures, ExtractConfig};

type FlowId = (String, String, String, String, String, String, String);

fn datasets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets")
}

#[test]
fn every_committed_capture_parses_and_matches_its_labels() {
    assert_captures_match_labels(&datasets());
}

/// The lab's own output (CI's smoke run sets FLOWCLASS_LAB_OUT to it).
#[test]
#[ignore = "needs a fresh lab run: FLOWCLASS_LAB_OUT=DIR after datasets/lab/run.sh --quick --out DIR"]
fn lab_smoke_captures_parse_and_match_their_labels() {
    let out = std::env::var_os("FLOWCLASS_LAB_OUT")
        .expect("FLOWCLASS_LAB_OUT names the lab's output directory");
    assert_captures_match_labels(Path::new(&out));
}

fn assert_captures_match_labels(root: &Path) {
    let class_dirs: Vec<PathBuf> = ["bittorrent", "websocket", "http", "other", "mixed"]
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect();
    let captures = find_captures(&class_dirs).unwrap();
    assert!(!captures.is_empty(), "datasets/ holds captures");
    let mut extracted: BTreeSet<FlowId> = BTreeSet::new();
    for capture in &captures {
        let result = extract_path(&capture.path, &ExtractConfig::default());
        assert!(
            result.report.error.is_none(),
            "{}: {:?}",
            capture.path.display(),
            result.report.error
        );
        assert!(
            result.report.unsupported_links.is_empty(),
            "{}",
            capture.path.display()
        );
        let relative = capture
            .path
            .strip_prefix(root)
            .unwrap()
            .display()
            .to_string();
        for flow in result.records {
            let e = flow.endpoints;
            extracted.insert((
                relative.clone(),
                e.transport.to_string(),
                e.src_ip.to_string(),
                e.src_port.to_string(),
                e.dst_ip.to_string(),
                e.dst_port.to_string(),
                flow.start.to_string(),
            ));
        }
    }
    let mut reader = csv::Reader::from_path(root.join("labels.csv")).unwrap();
    let mut labelled: BTreeSet<FlowId> = BTreeSet::new();
    for row in reader.records() {
        let row = row.unwrap();
        assert!(
            ["bittorrent", "websocket", "http", "other", "ignore"].contains(&&row[7]),
            "unknown label {}",
            &row[7]
        );
        let id = (
            row[0].to_string(),
            row[1].to_string(),
            row[2].to_string(),
            row[3].to_string(),
            row[4].to_string(),
            row[5].to_string(),
            row[6].to_string(),
        );
        assert!(labelled.insert(id.clone()), "duplicate label row {id:?}");
    }
    let dangling: Vec<_> = labelled.difference(&extracted).take(5).collect();
    let unlabelled: Vec<_> = extracted.difference(&labelled).take(5).collect();
    assert!(
        dangling.is_empty(),
        "{} labels name no flow, e.g. {dangling:?}",
        labelled.difference(&extracted).count()
    );
    assert!(
        unlabelled.is_empty(),
        "{} flows have no label row, e.g. {unlabelled:?}",
        extracted.difference(&labelled).count()
    );
}
