//! What the user hears on standard error about each capture: the error that stopped it (with
//! the file and byte offset), link types it could not read, and a summary with what the
//! captures' tunnels held.

use flowclass::decode::DecapCounts;
use flowclass::extract::CaptureReport;
use flowclass::problems::capture_problems;

/// The one-line summary of a run. It names the most flows one capture held open at once (with
/// `-j N` on one capture, the sum of its workers' peaks, which may be a little more): memory
/// follows that number, and `--max-flows` caps it.
fn summary(reports: &[&CaptureReport], failed: usize) -> String {
    let flows: u64 = reports.iter().map(|r| r.table.flows_emitted).sum();
    let packets: u64 = reports.iter().map(|r| r.packets).sum();
    let skipped: u64 = reports.iter().map(|r| r.skipped_frames()).sum();
    let open = reports
        .iter()
        .map(|r| r.table.peak_open_flows)
        .max()
        .unwrap_or(0);
    format!(
        "flowclass: {} captures, {packets} packets in {flows} flows (at most {open} open at once), {skipped} frames skipped (not TCP/UDP, malformed, or of a link type not read), {failed} failed",
        reports.len()
    )
}

/// Prints problems per capture and a summary; returns whether any input failed.
pub fn print_reports(reports: &[&CaptureReport], quiet: bool) -> bool {
    let mut failed = 0;
    for report in reports {
        let (lines, capture_failed) = capture_problems(report);
        for line in lines {
            eprintln!("flowclass: {line}");
        }
        failed += usize::from(capture_failed);
    }
    if !quiet {
        eprintln!("{}", summary(reports, failed));
        let mut decap = DecapCounts::default();
        for report in reports {
            decap.merge(&report.decap);
        }
        if let Some(line) = tunnel_summary(&decap) {
            eprintln!("flowclass: {line}");
        }
    }
    failed > 0
}

/// The frames each tunnel kind wrapped, and the encapsulations left closed, by name; `None`
/// when the captures held neither.
fn tunnel_summary(counts: &DecapCounts) -> Option<String> {
    let list = |items: Vec<String>| items.join(", ");
    let opened: Vec<String> = counts
        .tunnels()
        .map(|(kind, frames)| format!("{} {frames}", kind.as_str()))
        .collect();
    let closed: Vec<String> = counts
        .undecoded()
        .map(|(what, frames)| format!("{} {frames}", what.as_str()))
        .collect();
    match (opened.is_empty(), closed.is_empty()) {
        (true, true) => None,
        (false, true) => Some(format!("frames in tunnels: {}", list(opened))),
        (true, false) => Some(format!(
            "frames in encapsulations not decoded: {}",
            list(closed)
        )),
        (false, false) => Some(format!(
            "frames in tunnels: {}; in encapsulations not decoded: {}",
            list(opened),
            list(closed)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowclass::decode::LinkType;
    use flowclass::error::CaptureError;

    /// A report of a capture whose 181 frames all have link type 147 (USER0, which no decoder
    /// reads), as the capture reader gives it.
    fn unread_user0() -> CaptureReport {
        assert_eq!(LinkType::from_linktype(147), None, "USER0 must stay unread");
        CaptureReport {
            capture: "user0.pcap".into(),
            frames: 181,
            unsupported_links: [(147, 181)].into(),
            ..CaptureReport::default()
        }
    }

    #[test]
    fn a_capture_of_a_link_type_not_read_is_skipped_counted_and_failed() {
        let report = unread_user0();
        let (lines, failed) = capture_problems(&report);
        assert!(failed, "nothing of it was read");
        assert!(lines.iter().any(|l| l.contains("not read")), "{lines:?}");
        let line = summary(&[&report], 1);
        assert!(line.contains(" 181 frames skipped"), "{line}");
        assert!(line.contains("(at most 0 open at once)"), "{line}");
        assert!(line.ends_with(" 1 failed"), "{line}");
    }

    #[test]
    fn some_frames_of_a_link_type_not_read_are_no_failure() {
        let mut report = unread_user0();
        report.frames += 10;
        report.packets = 10;
        let (_, failed) = capture_problems(&report);
        assert!(!failed);
    }

    #[test]
    fn errors_without_an_offset_claim_no_offset_and_no_kept_flows() {
        let missing = CaptureReport {
            capture: "gone.pcap".into(),
            error: Some(CaptureError::Open(std::io::Error::from(
                std::io::ErrorKind::NotFound,
            ))),
            ..CaptureReport::default()
        };
        let (lines, failed) = capture_problems(&missing);
        assert!(failed);
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("gone.pcap: cannot open it: "),
            "{}",
            lines[0]
        );
        assert!(
            !lines[0].contains("byte") && !lines[0].contains("flows"),
            "{}",
            lines[0]
        );

        let gzipped_text = CaptureReport {
            capture: "notes.gz".into(),
            gzipped: true,
            error: Some(CaptureError::NotACapture {
                magic: b"GIF8".to_vec(),
            }),
            ..CaptureReport::default()
        };
        let (lines, _) = capture_problems(&gzipped_text);
        assert!(!lines[0].contains("offset"), "{}", lines[0]);

        let mut cut = gzipped_text;
        cut.error = Some(CaptureError::Truncated { offset: 90 });
        cut.table.flows_emitted = 2;
        let (lines, _) = capture_problems(&cut);
        assert!(
            lines[0].ends_with("at byte 90 (gzip: offsets count decompressed bytes) (2 flows read before it were kept)"),
            "{}",
            lines[0]
        );
    }
}
