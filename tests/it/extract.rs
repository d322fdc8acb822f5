//! `flowclass extract` on the real captures in tests/data.

use crate::support::{data, flowclass, run, stderr, stdout, Table};

fn extract(file: &str) -> Table {
    let path = data(file);
    let output = run(&["extract", "-q", path.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", stderr(&output));
    Table::parse(&output.stdout)
}

#[test]
fn the_http_capture_gives_the_flows_curl_and_python_made() {
    let table = extract("http-curl.pcap");
    // record.sh: 4 curl connections (one fetching two URLs over keep-alive), one over v4 for
    // index.html, one v4 and one v6 for the blob, plus the v6 keep-alive one, and a UDP exchange.
    let summary: Vec<(String, String, String, String)> = table
        .rows
        .iter()
        .map(|r| {
            (
                r[table.column("proto")].clone(),
                r[table.column("dst_ip")].clone(),
                r[table.column("dst_port")].clone(),
                r[table.column("packets")].clone(),
            )
        })
        .collect();
    assert_eq!(summary.len(), 6, "{summary:?}");
    assert!(
        summary
            .iter()
            .filter(|s| s.0 == "tcp" && s.2 == "8080")
            .count()
            == 5
    );
    assert!(summary
        .iter()
        .any(|s| s.0 == "udp" && s.1 == "10.99.0.2" && s.2 == "6353" && s.3 == "6"));
    assert!(
        summary.iter().any(|s| s.1 == "fd99::2"),
        "IPv6 flows are decoded"
    );
    let packets: u64 = table
        .rows
        .iter()
        .map(|r| r[table.column("packets")].parse::<u64>().unwrap())
        .sum();
    // tshark -Y "not tcp and not udp" counts 15 frames (IPv6 neighbour discovery and MLD).
    assert_eq!(
        packets,
        181 - 15,
        "every TCP/UDP frame is in exactly one flow"
    );
    for row in &table.rows {
        for value in &row[table.column("transport_udp")..] {
            assert!(value.parse::<f64>().unwrap().is_finite());
        }
    }
    assert_eq!(
        table.rows[0][table.column("src_ip")],
        "10.99.0.1",
        "the initiator is the source"
    );
}

#[test]
fn pcap_pcapng_nanosecond_and_cooked_captures_of_the_same_traffic_agree() {
    let reference = extract("http-curl.pcap");
    let ids = |t: &Table| -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r[1..10].iter().filter(|_| true).cloned().collect())
            .collect()
    };
    let key = |t: &Table| -> Vec<(String, String, String)> {
        t.rows
            .iter()
            .map(|r| (r[2].clone(), r[3].clone(), r[t.column("packets")].clone()))
            .collect()
    };
    for other in ["http-curl-nano.pcap", "http-curl.pcapng", "http-any.pcap"] {
        let table = extract(other);
        assert_eq!(table.header, reference.header);
        assert_eq!(key(&table), key(&reference), "{other}");
        // Start times agree to the microsecond (all files saw the same packets).
        let starts = |t: &Table| {
            t.rows
                .iter()
                .map(|r| r[t.column("start")].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(starts(&table), starts(&reference), "{other}");
        assert_eq!(ids(&table).len(), ids(&reference).len());
        // Sizes are IP-layer sizes, so even the cooked capture gives the same byte counts.
        let bytes = |t: &Table| {
            t.rows
                .iter()
                .map(|r| r[t.column("bytes")].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(bytes(&table), bytes(&reference), "{other}");
    }
}

#[test]
fn a_snaplen_96_copy_gives_exactly_the_same_features() {
    let full = extract("http-curl.pcap");
    let short = extract("http-curl-s96.pcap");
    assert_eq!(full.header, short.header);
    assert_eq!(full.without_capture(), short.without_capture());
}

#[test]
fn standard_input_reads_like_the_file() {
    let bytes = std::fs::read(data("http-curl.pcapng")).unwrap();
    let output = run(&["extract", "-q", "-"], Some(&bytes));
    assert!(output.status.success(), "{}", stderr(&output));
    let piped = Table::parse(&output.stdout);
    assert!(piped.rows.iter().all(|r| r[0] == "-"));
    assert_eq!(
        piped.without_capture(),
        extract("http-curl.pcapng").without_capture()
    );
}

#[test]
fn an_output_of_dash_is_standard_output_not_a_file_named_dash() {
    let scratch = tempfile::tempdir().unwrap();
    let capture = data("http-curl.pcap");
    let flows = extract("http-curl.pcap").rows.len();
    for command in ["extract", "classify"] {
        let output = flowclass()
            .current_dir(scratch.path())
            .args([command, "-q", "-o", "-"])
            .arg(&capture)
            .output()
            .expect("flowclass runs");
        assert!(output.status.success(), "{}", stderr(&output));
        let rows = Table::parse(&output.stdout);
        assert_eq!(rows.rows.len(), flows, "{command}");
        assert!(
            !scratch.path().join("-").exists(),
            "{command} wrote a file named -"
        );
    }
}

#[test]
fn a_directory_is_searched_and_labelled_by_its_layout_in_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    for (sub, file) in [("http", "http-curl.pcap"), ("websocket", "http-any.pcap")] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        // A pcapng under a .pcap name: the format comes from the magic bytes.
        std::fs::copy(
            data(if sub == "http" {
                "http-curl.pcapng"
            } else {
                file
            }),
            dir.path().join(sub).join(file),
        )
        .unwrap();
    }
    let runs: Vec<Table> = (0..2)
        .map(|_| {
            let output = run(
                &["extract", "-q", "-j", "2", dir.path().to_str().unwrap()],
                None,
            );
            assert!(output.status.success(), "{}", stderr(&output));
            Table::parse(&output.stdout)
        })
        .collect();
    let table = &runs[0];
    assert_eq!(table.header.last().unwrap(), "label");
    let labels: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r.last().unwrap().as_str())
        .collect();
    assert_eq!(labels, [vec!["http"; 6], vec!["websocket"; 6]].concat());
    assert_eq!(runs[0].rows, runs[1].rows, "output order is deterministic");
}

#[test]
fn early_classification_measures_only_the_first_packets() {
    let path = data("http-curl.pcap");
    let output = run(
        &[
            "extract",
            "-q",
            "--first-packets",
            "3",
            path.to_str().unwrap(),
        ],
        None,
    );
    let table = Table::parse(&output.stdout);
    let all_packets = table.column("all_packets");
    assert!(table
        .rows
        .iter()
        .all(|r| r[all_packets].parse::<f64>().unwrap() <= 3.0));
    // The identifiers still describe the whole flow.
    assert!(table
        .rows
        .iter()
        .any(|r| r[table.column("packets")].parse::<u64>().unwrap() > 3));
}

#[test]
fn early_classification_by_payload_packets_does_not_count_handshakes_or_acks() {
    let path = data("http-curl.pcap");
    let table = Table::parse(
        &run(
            &[
                "extract",
                "-q",
                "--first-payload-packets",
                "2",
                path.to_str().unwrap(),
            ],
            None,
        )
        .stdout,
    );
    let column = |row: &Vec<String>, name: &str| row[table.column(name)].parse::<f64>().unwrap();
    for row in &table.rows {
        // Two payload-carrying packets measured, no third; over TCP, the handshake and ACKs
        // before them are measured too.
        assert_ne!(column(row, "first_size_2"), 0.0, "{row:?}");
        assert_eq!(column(row, "first_size_3"), 0.0, "{row:?}");
        let tcp = row[table.column("proto")] == "tcp";
        assert!(!tcp || column(row, "all_packets") > 3.0, "{row:?}");
    }
}

#[test]
fn the_features_command_prints_the_same_names_as_the_csv_header() {
    let output = run(&["features", "--format", "csv"], None);
    let names: Vec<String> = Table::parse(&output.stdout)
        .rows
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    let header = extract("http-curl.pcap").header;
    assert_eq!(names, header[10..].to_vec());
}

/// The text just before `needle` in `raw` terminal output, with terminal control sequences
/// (`ESC [ ... letter`) taken out.
fn text_before(raw: &str, needle: &str) -> String {
    let at = raw
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {raw:?}"));
    let mut text = String::new();
    let mut chars = raw[..at].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            text.push(c);
        }
    }
    text
}

/// On a terminal the progress bar (on standard error) is cleared before the table (on standard
/// output) is written, so the header starts a line of its own. Run under `script` for a
/// terminal; many captures, so that the bar is drawn before the first row.
#[test]
fn on_a_terminal_the_table_header_does_not_start_on_the_progress_bar() {
    let command = format!(
        "NO_COLOR=1 {} classify --format table {}",
        env!("CARGO_BIN_EXE_flowclass"),
        crate::support::repo("datasets/http").display()
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    assert!(output.status.success(), "{output:?}");
    let raw = String::from_utf8_lossy(&output.stdout);
    assert!(raw.contains(" eta "), "the bar was never drawn: {raw:?}");
    let before = text_before(&raw, "capture ");
    let last = before.chars().last();
    assert!(
        matches!(last, None | Some('\n') | Some('\r')),
        "the header follows {:?}",
        &before[before.len().saturating_sub(60)..]
    );
}

/// `tests/data/http-curl.pcapng` as if captured on two interfaces that saw the same traffic:
/// its interface described twice, and every packet block followed by a copy on interface 1,
/// 3 ticks later. Made from the real capture by copying its blocks.
fn on_two_interfaces() -> Vec<u8> {
    let bytes = std::fs::read(data("http-curl.pcapng")).unwrap();
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let (kind, length) = (word(at), word(at + 4) as usize);
        let block = &bytes[at..at + length];
        out.extend_from_slice(block);
        match kind {
            1 => out.extend_from_slice(block),
            6 => {
                let mut copy = block.to_vec();
                copy[8..12].copy_from_slice(&1u32.to_le_bytes());
                let ticks = ((u64::from(word(at + 12)) << 32) | u64::from(word(at + 16))) + 3;
                copy[12..16].copy_from_slice(&((ticks >> 32) as u32).to_le_bytes());
                copy[16..20].copy_from_slice(&(ticks as u32).to_le_bytes());
                out.extend_from_slice(&copy);
            }
            _ => {}
        }
        at += length;
    }
    out
}

#[test]
fn packets_on_several_interfaces_count_each_time_or_once_when_deduplicated() {
    let dir = tempfile::tempdir().unwrap();
    let doubled = dir.path().join("doubled.pcapng");
    std::fs::write(&doubled, on_two_interfaces()).unwrap();
    let extract_with = |path: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["extract", "-q"];
        args.extend_from_slice(extra);
        args.push(path.to_str().unwrap());
        let output = run(&args, None);
        assert!(output.status.success(), "{}", stderr(&output));
        Table::parse(&output.stdout)
    };
    let once = extract_with(&data("http-curl.pcapng"), &[]);
    let merged = extract_with(&doubled, &[]);
    let packets = once.column("packets");
    assert_eq!(merged.rows.len(), once.rows.len());
    for (m, o) in merged.rows.iter().zip(&once.rows) {
        let (m, o): (u64, u64) = (m[packets].parse().unwrap(), o[packets].parse().unwrap());
        assert_eq!(m, 2 * o, "merged (the default), every copy counts");
    }
    let deduplicated = extract_with(&doubled, &["--interfaces", "deduplicated"]);
    assert_eq!(deduplicated.without_capture(), once.without_capture());
    let output = run(
        &[
            "extract",
            "--interfaces",
            "deduplicated",
            doubled.to_str().unwrap(),
        ],
        None,
    );
    let copies: usize = once
        .rows
        .iter()
        .map(|r| r[packets].parse::<usize>().unwrap())
        .sum();
    assert!(
        stderr(&output).contains(&format!("doubled.pcapng: {copies} packets were copies")),
        "{}",
        stderr(&output)
    );
}

/// One capture spread over flow workers (`-j 2`): the same rows as one table, from a file or
/// from standard input, and with `--ordered` in the same order run to run; `classify` labels the
/// same.
#[test]
fn one_capture_over_two_workers_gives_the_rows_of_one() {
    // Web and BitTorrent traffic together: TCP flows that close, UDP flows still open at the end.
    let capture = "datasets/mixed/mixed_web_bt.pcap";
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort_unstable();
        lines
    };
    for command in [
        vec!["extract", "-q"],
        vec!["classify", "-q", "--format", "csv"],
    ] {
        let with = |extra: &[&str]| {
            let mut args = command.clone();
            args.extend_from_slice(extra);
            let output = run(&args, None);
            assert!(output.status.success(), "{}", stderr(&output));
            stdout(&output)
        };
        let one = with(&["-j", "1", capture]);
        assert!(one.lines().count() > 50, "{one}");
        let ordered = with(&["-j", "2", "--ordered", capture]);
        assert_eq!(sorted(&ordered), sorted(&one), "{command:?} -j 2 --ordered");
        assert_eq!(ordered, with(&["-j", "2", "--ordered", capture]));
        let as_they_come = with(&["-j", "2", capture]);
        assert_eq!(sorted(&as_they_come), sorted(&one), "{command:?} -j 2");
    }
    let bytes = std::fs::read(env!("CARGO_MANIFEST_DIR").to_owned() + "/" + capture).unwrap();
    let piped = run(&["extract", "-q", "-j", "2", "-"], Some(&bytes));
    let file = run(&["extract", "-q", "-j", "1", capture], None);
    let rows = |o: &std::process::Output| {
        let mut rows = Table::parse(&o.stdout).without_capture();
        rows.sort();
        rows
    };
    assert_eq!(rows(&piped), rows(&file));
}

#[test]
fn the_summary_names_the_most_flows_open_at_once_and_the_cap_bounds_it() {
    let capture = "datasets/mixed/mixed_web_bt.pcap";
    let open_at_once = |output: &std::process::Output| -> usize {
        let text = stderr(output);
        let (_, after) = text
            .split_once("(at most ")
            .unwrap_or_else(|| panic!("{text}"));
        after.split(' ').next().unwrap().parse().unwrap()
    };
    let output = run(&["extract", "-j", "1", capture], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows = Table::parse(&output.stdout);
    let (start, end) = (rows.column("start"), rows.column("end"));
    // A flow is in the table at least from its first packet to its last, so the table held at
    // least as many at once as the rows' spans overlap.
    let mut moments: Vec<(f64, i32)> = rows
        .rows
        .iter()
        .flat_map(|r| {
            [
                (r[start].parse().unwrap(), 1),
                (r[end].parse().unwrap(), -1),
            ]
        })
        .collect();
    moments.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let overlapping = moments
        .iter()
        .scan(0, |open, (_, step)| {
            *open += step;
            Some(*open)
        })
        .max()
        .unwrap() as usize;
    let peak = open_at_once(&output);
    assert!(
        (overlapping..=rows.rows.len()).contains(&peak),
        "{peak} open at once; the rows overlap {overlapping} deep, {} flows",
        rows.rows.len()
    );
    assert!(peak > 4, "{peak}");
    let capped = run(&["extract", "-j", "1", "--max-flows", "4", capture], None);
    assert_eq!(open_at_once(&capped), 4, "{}", stderr(&capped));
    assert!(stderr(&capped).contains("flows were ended early"));
}
