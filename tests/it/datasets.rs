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
    let class_dirs: Vec<PathBuf> = ["bittorrent", "websocket", "http", "mixed", "other"]
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect();
    let captures = find_captures(&class_dirs).unwrap().captures;
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

/// `flowclass eval -q --json` of the default model on the mixed capture, labeled by `labels`.
fn eval_mixed(labels: &str) -> serde_json::Value {
    let output = crate::support::run(
        &[
            "eval",
            "-q",
            "--json",
            "--labels",
            labels,
            "datasets/mixed/mixed_web_bt.pcap",
        ],
        None,
    );
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The capture's truth file labels its flows as the labels CSV the lab derived from it does.
#[test]
fn a_truth_file_labels_a_capture_as_the_labels_csv_does() {
    let by_truth = eval_mixed("datasets/mixed/mixed_web_bt.truth.csv");
    let by_csv = eval_mixed("datasets/labels.csv");
    assert_eq!(
        by_truth["metrics"]["confusion"],
        by_csv["metrics"]["confusion"]
    );
    assert_eq!(by_truth["metrics"]["total"], 73);
    assert_eq!(by_truth["by_scenario"][0]["name"], "mixed_web_bt");
}

/// Every committed capture's truth file, given among the data, labels its flows as
/// `datasets/labels.csv` (which the lab's labeller derived from the same rules) does.
#[test]
fn the_truth_files_label_every_committed_flow_as_the_labels_csv_does() {
    let dirs: Vec<PathBuf> = ["bittorrent", "websocket", "http", "mixed", "other"]
        .iter()
        .map(|d| datasets().join(d))
        .filter(|d| d.is_dir())
        .collect();
    // Truth files with a `web` rule leave websocket-or-http to the flow's payload, which only the
    // lab's labeller reads; their captures are left out on both sides.
    let mut truth_files = Vec::new();
    let mut captures = Vec::new();
    for dir in &dirs {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".truth.csv") else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            if text.lines().any(|l| l.trim_end().ends_with(",web")) {
                continue;
            }
            let capture = [".pcap.gz", ".pcapng.gz", ".pcap", ".pcapng"]
                .iter()
                .map(|ext| PathBuf::from(format!("{stem}{ext}")))
                .find(|p| p.is_file())
                .unwrap_or_else(|| panic!("no capture beside {name}"));
            captures.push(capture);
            truth_files.push(path);
        }
    }
    assert!(!truth_files.is_empty());
    let eval = |extra: &[PathBuf], labels: &[&str]| {
        let mut args: Vec<String> = ["eval", "-q", "--json"].map(String::from).to_vec();
        args.extend(labels.iter().map(|s| s.to_string()));
        args.extend(
            captures
                .iter()
                .chain(extra)
                .map(|p| p.display().to_string()),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = crate::support::run(&args, None);
        assert!(
            output.status.success(),
            "{}",
            crate::support::stderr(&output)
        );
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let by_truth = eval(&truth_files, &[]);
    let by_csv = eval(&[], &["--labels", "datasets/labels.csv"]);
    assert_eq!(by_truth["metrics"]["total"], by_csv["metrics"]["total"]);
    assert_eq!(
        by_truth["metrics"]["confusion"],
        by_csv["metrics"]["confusion"]
    );
}

/// Captures laid out as DIR/<label>/... with a labels.csv beside them: training without
/// `--labels` would label by directory and pass the labels over, so it refuses.
#[test]
fn training_by_directory_refuses_when_a_labels_csv_lies_beside_the_data() {
    let dir = tempfile::tempdir().unwrap();
    for (class, capture) in [
        ("websocket", "datasets/websocket/ws_python_game.pcap.gz"),
        ("http", "datasets/http/http_nginx_curl_rest.pcap.gz"),
    ] {
        std::fs::create_dir(dir.path().join(class)).unwrap();
        std::fs::copy(
            crate::support::repo(capture),
            dir.path().join(class).join("capture.pcap.gz"),
        )
        .unwrap();
    }
    let model = dir.path().join("m.json");
    let train = || {
        crate::support::run(
            &[
                "train",
                "-q",
                "--folds",
                "2",
                "-o",
                model.to_str().unwrap(),
                dir.path().to_str().unwrap(),
            ],
            None,
        )
    };
    let by_layout = train();
    assert!(
        by_layout.status.success(),
        "{}",
        crate::support::stderr(&by_layout)
    );
    let labels = dir.path().join("labels.csv");
    std::fs::write(
        &labels,
        "capture,proto,src_ip,src_port,dst_ip,dst_port,start,label\n",
    )
    .unwrap();
    let refused = train();
    assert_eq!(refused.status.code(), Some(1));
    let err = crate::support::stderr(&refused);
    assert!(
        err.contains(&format!("{} lies beside these captures", labels.display()))
            && err.contains("--labels"),
        "{err}"
    );
}
