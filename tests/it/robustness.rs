//! Broken inputs: each ends in a clear error naming the file and the byte offset, the flows read
//! before the break are kept, the other inputs are still processed, and the exit status says so.
//! The broken files are made here from the real test captures by cutting or patching bytes.

use std::path::{Path, PathBuf};

use crate::support::{data, run, stderr, Table};

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
