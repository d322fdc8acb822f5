//! Broken inputs: each ends in a clear error naming the file and the byte offset, the flows read
//! before the break are kept, the other inputs are still processed, and the exit status says so.
//! The broken files are made here from the real test captures by cutting or patching bytes.
//! A reader of the output that goes away early (`| head`) is no error either.

use std::path::{Path, PathBuf};

use crate::support::{data, run, run_with_reader_gone, stderr, Table, SMALL_LABELLED};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn extract_with_good_file(bad: &Path) -> (std::process::Output, Table) {
    let good = data("http-curl.pcap");
    let output = run(
        &["extract", bad.to_str().unwrap(), good.to_str().unwrap()],
        None,
    );
    let table = Table::parse(&output.stdout);
    (output, table)
}

fn rows_from(table: &Table, capture: &Path) -> usize {
    table
        .rows
        .iter()
        .filter(|r| r[0] == capture.to_str().unwrap())
        .count()
}

#[test]
fn a_truncated_capture_keeps_its_early_flows_and_names_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(data("http-curl.pcap")).unwrap();
    let bad = write(dir.path(), "cut.pcap", &bytes[..bytes.len() - 7]);
    let (output, table) = extract_with_good_file(&bad);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("cut.pcap")
            && err.contains("ends in the middle of the record")
            && err.contains("at byte"),
        "{err}"
    );
    assert_eq!(
        rows_from(&table, &bad),
        6,
        "all flows before the cut are kept"
    );
    assert_eq!(
        rows_from(&table, &data("http-curl.pcap")),
        6,
        "the other file is processed"
    );
}

#[test]
fn bad_magic_and_empty_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, message) in [
        (
            "text.pcap",
            b"this is not a capture".as_slice(),
            "not a pcap or pcapng capture",
        ),
        ("empty.pcap", b"".as_slice(), "the file is empty"),
    ] {
        let bad = write(dir.path(), name, bytes);
        let (output, table) = extract_with_good_file(&bad);
        assert_eq!(output.status.code(), Some(1));
        assert!(
            stderr(&output).contains(&format!("{}: {message}", bad.display())),
            "{}",
            stderr(&output)
        );
        assert_eq!(rows_from(&table, &data("http-curl.pcap")), 6);
    }
}

#[test]
fn a_record_longer_than_the_snaplen_is_reported_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(data("http-curl-s96.pcap")).unwrap();
    // The first record's captured length (offset 24 + 8) patched past the file's snaplen of 96.
    bytes[32..36].copy_from_slice(&200u32.to_le_bytes());
    let bad = write(dir.path(), "long.pcap", &bytes);
    let (output, _) = extract_with_good_file(&bad);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("at byte 24: the record holds 200 bytes, more than the file's snaplen of 96"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_pcapng_block_whose_length_lies_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(data("http-curl.pcapng")).unwrap();
    // Find the first enhanced packet block (type 6) by walking the block lengths, then make its
    // length field disagree with the trailing copy.
    let mut offset = 0usize;
    loop {
        let block_type = u32::from_le_bytes(bytes[offset..offset + 4].try_into().unwrap());
        let length = u32::from_le_bytes(bytes[offset + 4..offset + 8].try_into().unwrap()) as usize;
        if block_type == 6 {
            break;
        }
        offset += length;
    }
    bytes[offset + 4..offset + 8].copy_from_slice(&12u32.to_le_bytes());
    let bad = write(dir.path(), "lies.pcapng", &bytes);
    let (output, _) = extract_with_good_file(&bad);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("lies.pcapng") && err.contains(&format!("at byte {offset}")),
        "{err}"
    );
}

#[test]
fn every_cut_of_a_real_capture_ends_cleanly_with_a_prefix_of_its_flows() {
    let bytes = std::fs::read(data("http-curl-s96.pcap")).unwrap();
    let full =
        flowclass::extract::extract_reader("x", bytes.as_slice(), &Default::default(), |_| {})
            .packets;
    let mut previous_packets = 0;
    for cut in (0..bytes.len()).step_by(11) {
        let report =
            flowclass::extract::extract_reader("x", &bytes[..cut], &Default::default(), |_| {});
        // A cut that falls exactly between two records looks like a complete file; any other is an error.
        assert!(
            report.error.is_some() || report.bytes == cut as u64,
            "cut at {cut} must be reported"
        );
        assert!(report.packets >= previous_packets && report.packets <= full);
        previous_packets = report.packets;
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let output = run(&["extract"], None);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["no-such-command"], None);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_missing_input_does_not_stop_the_others() {
    let (output, table) = extract_with_good_file(Path::new("/nonexistent/capture.pcap"));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent/capture.pcap"));
    assert_eq!(rows_from(&table, &data("http-curl.pcap")), 6);
}

/// Reads `bytes` in the library, as `flowclass extract` does, keeping the flows.
fn extract_bytes(
    bytes: &[u8],
) -> (
    Vec<flowclass::flow::FlowRecord>,
    flowclass::extract::CaptureReport,
) {
    let mut flows = Vec::new();
    let report =
        flowclass::extract::extract_reader("x", bytes, &Default::default(), |f| flows.push(f));
    (flows, report)
}

/// The offsets of the pcap records of a little-endian pcap file.
fn pcap_record_offsets(bytes: &[u8]) -> Vec<usize> {
    let mut offsets = Vec::new();
    let mut at = 24;
    while at < bytes.len() {
        offsets.push(at);
        at += 16 + u32::from_le_bytes(bytes[at + 8..at + 12].try_into().unwrap()) as usize;
    }
    offsets
}

#[test]
fn a_cut_file_header_is_a_truncation_at_byte_0() {
    for file in ["http-curl.pcap", "http-curl.pcapng"] {
        let bytes = std::fs::read(data(file)).unwrap();
        for cut in [4, 10, 23] {
            let (flows, report) = extract_bytes(&bytes[..cut]);
            assert!(flows.is_empty());
            assert!(
                matches!(
                    report.error,
                    Some(flowclass::error::CaptureError::Truncated { offset: 0 })
                ),
                "{file} cut at {cut}: {:?}",
                report.error
            );
        }
    }
}

#[test]
fn a_record_claiming_4_gib_is_refused_where_it_is_without_allocating_it() {
    let mut bytes = std::fs::read(data("http-curl.pcap")).unwrap();
    let third = pcap_record_offsets(&bytes)[2];
    bytes[third + 8..third + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    let (_, report) = extract_bytes(&bytes);
    assert_eq!(report.frames, 2, "the two records before it are read");
    match report.error {
        // The file's snaplen (262144) is checked first; without one, the buffer limit refuses it.
        Some(flowclass::error::CaptureError::Corrupt { offset, .. })
        | Some(flowclass::error::CaptureError::RecordTooLarge { offset, .. }) => {
            assert_eq!(offset, third as u64)
        }
        other => panic!("expected a refusal at {third}, got {other:?}"),
    }
    // Snaplen 0 (unknown): the record is refused because it would not fit the read buffer.
    bytes[16..20].copy_from_slice(&0u32.to_le_bytes());
    let (_, report) = extract_bytes(&bytes);
    assert!(
        matches!(report.error, Some(flowclass::error::CaptureError::RecordTooLarge { offset, .. }) if offset == third as u64),
        "{:?}",
        report.error
    );
}

#[test]
fn zero_length_records_are_counted_and_skipped() {
    let bytes = std::fs::read(data("http-curl.pcap")).unwrap();
    let second = pcap_record_offsets(&bytes)[1];
    let mut patched = bytes[..second].to_vec();
    for _ in 0..3 {
        // A record with a timestamp and no bytes at all.
        patched.extend_from_slice(&bytes[second..second + 8]);
        patched.extend_from_slice(&[0; 8]);
    }
    patched.extend_from_slice(&bytes[second..]);
    let (flows, report) = extract_bytes(&patched);
    let (reference, full) = extract_bytes(&bytes);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.frames, full.frames + 3);
    assert_eq!(
        report.skipped.get(&flowclass::decode::Skip::Truncated),
        Some(&3)
    );
    assert!(flows == reference, "the other packets' flows are unchanged");
}

#[test]
fn unknown_pcapng_block_types_are_skipped() {
    let bytes = std::fs::read(data("http-curl.pcapng")).unwrap();
    // After the section header, insert an unknown block type and a custom block (type
    // 0x40000BAD, private enterprise number and data), both well-formed.
    let shb_len = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    let block = |kind: u32, body: &[u8]| {
        let total = (12 + body.len()) as u32;
        let mut out = kind.to_le_bytes().to_vec();
        out.extend_from_slice(&total.to_le_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(&total.to_le_bytes());
        out
    };
    let mut patched = bytes[..shb_len].to_vec();
    patched.extend(block(0x0000_7777, &[0xee; 16]));
    patched.extend(block(0x4000_0bad, &[0, 0, 0x7f, 0xff, 1, 2, 3, 4]));
    patched.extend_from_slice(&bytes[shb_len..]);
    let (flows, report) = extract_bytes(&patched);
    let (reference, full) = extract_bytes(&bytes);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.frames, full.frames);
    assert!(flows == reference);
}

#[test]
fn a_merged_capture_whose_time_goes_back_keeps_every_packet_and_finite_features() {
    // The capture followed by a copy of itself shifted one hour into the past, as a careless
    // `mergecap -a` of two captures would give: at the seam time jumps back by an hour.
    let bytes = std::fs::read(data("http-curl.pcap")).unwrap();
    let mut merged = bytes.clone();
    let mut earlier = bytes[24..].to_vec();
    for at in pcap_record_offsets(&bytes) {
        let at = at - 24;
        let seconds = u32::from_le_bytes(earlier[at..at + 4].try_into().unwrap()) - 3600;
        earlier[at..at + 4].copy_from_slice(&seconds.to_le_bytes());
    }
    merged.extend_from_slice(&earlier);
    let (flows, report) = extract_bytes(&merged);
    let (reference, full) = extract_bytes(&bytes);
    assert!(report.error.is_none());
    assert_eq!(report.packets, 2 * full.packets);
    assert_eq!(
        flows.iter().map(|f| f.packets).sum::<u64>(),
        2 * full.packets,
        "every packet is in exactly one flow"
    );
    let seam = reference[0].start;
    for flow in &flows {
        assert!(flow.end >= flow.start, "a flow never ends before it starts");
        assert!(flow.features.iter().all(|v| v.is_finite()));
    }
    // The TCP connections of the first copy had closed (FIN both ways): the copy's SYNs on the
    // same 5-tuples start new flows and leave them exactly as they were.
    let first_copy_tcp: Vec<_> = reference
        .iter()
        .filter(|f| f.endpoints.transport == flowclass::flow::Transport::Tcp)
        .collect();
    for flow in &first_copy_tcp {
        assert!(flows.contains(flow), "{:?} changed", flow.endpoints);
    }
    // The UDP exchange was still open: its copy from an hour earlier joins it (gaps from the past
    // clamp to 0, the flow's end stays its latest time), so it has twice the packets.
    let udp: Vec<_> = flows
        .iter()
        .filter(|f| f.endpoints.transport == flowclass::flow::Transport::Udp)
        .collect();
    let reference_udp = reference.last().unwrap();
    assert_eq!(udp.len(), 1);
    assert_eq!(udp[0].packets, 2 * reference_udp.packets);
    assert_eq!(
        (udp[0].start, udp[0].end),
        (reference_udp.start, reference_udp.end)
    );
    // The copy's TCP packets all land in flows that start in the past.
    let past: u64 = flows
        .iter()
        .filter(|f| f.start < seam)
        .map(|f| f.packets)
        .sum();
    let first_copy_tcp_packets: u64 = first_copy_tcp.iter().map(|f| f.packets).sum();
    assert_eq!(past, first_copy_tcp_packets);
}

#[test]
fn settings_that_make_no_sense_are_usage_errors() {
    let capture = data("http-curl.pcap");
    for args in [
        vec!["classify", "--min-confidence", "2"],
        vec!["extract", "--idle-timeout", "0"],
        vec!["extract", "--max-flows", "0"],
        vec!["classify", "--first-packets", "0"],
        vec!["classify", "--first-payload-packets", "0"],
        vec!["extract", "--first-payload-packets", "0"],
    ] {
        let mut args = args.clone();
        args.push(capture.to_str().unwrap());
        let output = run(&args, None);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("must be"), "{}", stderr(&output));
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_report_quietly_and_train_still_writes_its_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    let model = model.to_str().unwrap();
    let captures = SMALL_LABELLED;
    let mut train = vec![
        "train",
        "-q",
        "--folds",
        "2",
        "--labels",
        "datasets/labels.csv",
    ];
    train.extend(["-o", model]);
    train.extend(captures);
    let eval = [
        &[
            "eval",
            "-q",
            "--model",
            model,
            "--labels",
            "datasets/labels.csv",
        ],
        &captures[..],
    ]
    .concat();
    let commands: [&[&str]; 4] = [
        &train,
        &eval,
        &["explain", "--model", model],
        &["classify", "-q", "--model", model, captures[0]],
    ];
    for args in commands {
        let output = run_with_reader_gone(args);
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{args:?}: {:?} {}",
            output.status,
            stderr(&output)
        );
    }
    let trained = std::fs::read_to_string(model).unwrap();
    assert!(trained.contains("\"cv\""), "the model was written whole");
}

/// A pcap of link type 147 (USER0, which no decoder reads), hand-built for this test: a file
/// header and three 20-byte records.
fn user0_capture() -> Vec<u8> {
    let mut bytes = Vec::new();
    for field in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, 65535, 147] {
        bytes.extend_from_slice(&field.to_le_bytes());
    }
    for second in 0..3u32 {
        for field in [second, 0, 20, 20] {
            bytes.extend_from_slice(&field.to_le_bytes());
        }
        bytes.extend_from_slice(&[0x45; 20]);
    }
    bytes
}

#[test]
fn a_capture_of_a_link_type_nobody_reads_is_counted_skipped_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "user0.pcap", &user0_capture());
    let (output, table) = extract_with_good_file(&bad);
    assert_eq!(output.status.code(), Some(1), "the input was not read");
    let err = stderr(&output);
    assert!(
        err.contains("user0.pcap: link type 147 is not supported; 3 frames skipped")
            && err.contains("user0.pcap: not read"),
        "{err}"
    );
    let summary = err.lines().last().unwrap();
    let good = flowclass::extract::extract_path(&data("http-curl.pcap"), &Default::default());
    assert!(
        summary.contains(&format!(
            " {} frames skipped",
            good.report.skipped_frames() + 3
        )) && summary.ends_with(" 1 failed"),
        "{summary}"
    );
    assert_eq!(rows_from(&table, &data("http-curl.pcap")), 6);
}

#[test]
fn a_missing_file_names_no_offset_and_no_kept_flows() {
    let output = run(&["extract", "/nonexistent/capture.pcap"], None);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("/nonexistent/capture.pcap: cannot open it: "),
        "{err}"
    );
    assert!(
        !err.contains("at byte") && !err.contains("read before it"),
        "{err}"
    );
}

#[test]
fn a_model_that_does_not_fit_these_features_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("models/default.json"))
            .unwrap();
    // A feature this flowclass does not measure, in place of one it does (no split uses it).
    let renamed = shipped.replace("\"first_iat_10\"", "\"first_iat_ten\"");
    assert_ne!(renamed, shipped);
    let other = write(dir.path(), "other-features.json", renamed.as_bytes());
    for command in ["classify", "eval"] {
        let output = run(
            &[
                command,
                "--model",
                other.to_str().unwrap(),
                data("http-curl.pcap").to_str().unwrap(),
            ],
            None,
        );
        assert_ne!(output.status.code(), Some(0));
        let err = stderr(&output);
        assert!(
            err.contains(&format!(
                "{}: the model does not fit this flowclass's features",
                other.display()
            )) && err.contains("first_iat_ten"),
            "{command}: {err}"
        );
    }
}
