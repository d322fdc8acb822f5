//! What is said about a capture once it has been read: the error that stopped it (with the
//! file and byte offset), link types that could not be read, packets dropped as copies, flows
//! ended early by the open-flow cap. The command line prints these lines, the Python package
//! raises or warns with them, so both say the same.

use crate::extract::CaptureReport;

/// The lines to tell about one capture (each starting with its name), and whether it counts as failed: stopped by an error,
/// or holding frames of which flowclass could read none.
pub fn capture_problems(report: &CaptureReport) -> (Vec<String>, bool) {
    let name = &report.capture;
    let mut lines = Vec::new();
    for (linktype, frames) in &report.unsupported_links {
        lines.push(format!(
            "{name}: link type {linktype} is not supported; {frames} frames skipped"
        ));
    }
    if report.interface_copies > 0 {
        lines.push(format!(
            "{name}: {} packets were copies of packets another interface gave, dropped (--interfaces deduplicated)",
            report.interface_copies
        ));
    }
    if report.table.flows_evicted > 0 {
        lines.push(format!(
            "{name}: the open-flow cap was reached; {} flows were ended early (raise --max-flows)",
            report.table.flows_evicted
        ));
    }
    let mut failed = false;
    if let Some(error) = &report.error {
        failed = true;
        let has_offset = error.offset().is_some();
        let counted_in = if report.gzipped && has_offset {
            " (gzip: offsets count decompressed bytes)"
        } else {
            ""
        };
        let kept = match report.table.flows_emitted {
            0 => String::new(),
            flows => format!(" ({flows} flows read before it were kept)"),
        };
        lines.push(format!("{name}: {error}{counted_in}{kept}"));
    } else if report.unreadable() {
        failed = true;
        lines.push(format!(
            "{name}: not read: none of its {} frames has a link type flowclass reads",
            report.frames
        ));
    }
    (lines, failed)
}
