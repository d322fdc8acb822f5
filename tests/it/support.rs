//! Helpers: run the binary, read its CSV, find the test captures, get a private temp dir.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Two small labelled committed captures, one WebSocket and one HTTP (labels in
/// `datasets/labels.csv`): enough to train a model quickly.
pub const SMALL_LABELLED: [&str; 2] = [
    "datasets/websocket/ws_python_game.pcap.gz",
    "datasets/http/http_nginx_curl_rest.pcap.gz",
];

pub fn flowclass() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flowclass"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    command
}

/// Runs flowclass with `args`, feeding `stdin` if given.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = flowclass();
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = command.spawn().expect("flowclass runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    child.wait_with_output().expect("flowclass finishes")
}

/// Runs flowclass with `args` and standard output a pipe whose reader has already gone away,
/// as in `flowclass ... | head` once head has read enough.
pub fn run_with_reader_gone(args: &[&str]) -> Output {
    let mut child = flowclass()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowclass runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("flowclass finishes")
}

/// A parsed CSV: header and rows.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn parse(bytes: &[u8]) -> Table {
        let mut reader = csv::Reader::from_reader(bytes);
        let header = reader.headers().unwrap().iter().map(String::from).collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        Table { header, rows }
    }

    pub fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// Rows without their first (`capture`) column.
    pub fn without_capture(&self) -> Vec<Vec<String>> {
        self.rows.iter().map(|r| r[1..].to_vec()).collect()
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `flowclass eval -q --json --model MODEL --labels datasets/labels.csv ARGS...`: its report,
/// once it has succeeded.
pub fn eval_json(model: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec![
        "eval",
        "-q",
        "--json",
        "--model",
        model.to_str().unwrap(),
        "--labels",
        "datasets/labels.csv",
    ];
    all.extend_from_slice(args);
    let evaluated = run(&all, None);
    assert!(evaluated.status.success(), "{}", stderr(&evaluated));
    serde_json::from_slice(&evaluated.stdout).unwrap()
}

/// `flowclass classify -q --format jsonl --explain --model MODEL CAPTURE`: one value per flow,
/// once it has succeeded.
pub fn classify_explained(model: &Path, capture: &Path) -> Vec<serde_json::Value> {
    let classified = run(
        &[
            "classify",
            "-q",
            "--format",
            "jsonl",
            "--explain",
            "--model",
            model.to_str().unwrap(),
            capture.to_str().unwrap(),
        ],
        None,
    );
    assert!(classified.status.success(), "{}", stderr(&classified));
    stdout(&classified)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}
