//! Live input: `tcpdump -U -w - | flowclass classify --label-early -` labels each flow once its
//! first packets are in, while the capture is still being written and the flow still open.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{data, flowclass, run, Table};

/// Long enough for a loaded machine; the rows normally come within milliseconds.
const PATIENCE: Duration = Duration::from_secs(60);

/// Classifies `capture` written into flowclass's standard input, which is kept open until every
/// flow's row has come out; returns the rows read before it was closed, and those after.
fn classify_while_writing(
    capture: &str,
    args: &[&str],
    flows: usize,
) -> (Vec<String>, Vec<String>) {
    let mut child = flowclass()
        .args(["classify", "-q", "--format", "csv"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("flowclass runs");
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(&std::fs::read(data(capture)).unwrap())
        .unwrap();
    stdin.flush().unwrap();
    let (sender, rows) = mpsc::channel();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        for line in stdout.lines() {
            if sender.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let header_and_flows: Vec<String> = (0..=flows)
        .map(|_| {
            rows.recv_timeout(PATIENCE)
                .expect("every flow is labelled while the input is still open")
        })
        .collect();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    (header_and_flows, rows.try_iter().collect())
}

#[test]
fn label_early_prints_each_flow_once_it_is_measured_while_the_input_is_open() {
    for capture in ["http-curl.pcap", "http-curl.pcapng"] {
        let args = ["--first-payload-packets", "2", "--label-early"];
        let (open, after) = classify_while_writing(capture, &args, 6);
        assert!(after.is_empty(), "no flow is printed twice: {after:?}");
        // The same labels as classifying the whole file from the same first packets, with the
        // packets and bytes seen up to the label.
        let mut early = Table::parse(open.join("\n").as_bytes());
        let path = data(capture);
        let whole = run(
            &[
                "classify",
                "-q",
                "--format",
                "csv",
                "--first-payload-packets",
                "2",
                path.to_str().unwrap(),
            ],
            None,
        );
        let whole = Table::parse(&whole.stdout);
        let key = |row: &Vec<String>| row[1..7].to_vec();
        early.rows.sort_by_key(key);
        let mut whole_rows = whole.rows.clone();
        whole_rows.sort_by_key(key);
        assert_eq!(early.rows.len(), whole_rows.len(), "{capture}");
        let (packets, label) = (whole.column("packets"), whole.column("label"));
        for (e, w) in early.rows.iter().zip(&whole_rows) {
            assert_eq!((key(e), &e[label]), (key(w), &w[label]), "{capture}");
            let seen: u64 = e[packets].parse().unwrap();
            assert!(seen <= w[packets].parse().unwrap(), "{capture}: {e:?}");
        }
        assert!(
            early
                .rows
                .iter()
                .zip(&whole_rows)
                .any(|(e, w)| e[packets] != w[packets]),
            "{capture}: some flow went on after it was labelled"
        );
    }
}
