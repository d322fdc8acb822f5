//! What the user hears on standard error about each capture: the error that stopped it (with
//! the file and byte offset), link types it could not read, and a summary with what the
//! captures' tunnels held.

use flowclass::decode::DecapCounts;
use flowclass::extract::CaptureReport;

/// Prints problems per capture and a summary; returns whether any input failed.
pub fn print_reports(reports: &[&CaptureReport], quiet: bool) -> bool {
    let mut failed = 0;
    for report in reports {
        for (linktype, frames) in &report.unsupported_links {
            eprintln!(
                "flowclass: {}: link type {linktype} is not supported; {frames} frames skipped",
                report.capture
            );
        }
        if report.table.flows_evicted > 0 {
            eprintln!(
                "flowclass: {}: the open-flow cap was reached; {} flows were ended early (raise --max-flows)",
                report.capture, report.table.flows_evicted
            );
        }
        if let Some(error) = &report.error {
            failed += 1;
            let counted_in = if report.gzipped {
                " (gzip: offsets count decompressed bytes)"
            } else {
                ""
            };
            eprintln!(
                "flowclass: {}: {error}{counted_in} ({} flows read before it were kept)",
                report.capture, report.table.flows_emitted
            );
        }
    }
    if !quiet {
        let flows: u64 = reports.iter().map(|r| r.table.flows_emitted).sum();
        let packets: u64 = reports.iter().map(|r| r.packets).sum();
        let skipped: u64 = reports.iter().flat_map(|r| r.skipped.values()).sum();
        eprintln!(
            "flowclass: {} captures, {packets} packets in {flows} flows, {skipped} frames skipped (not TCP/UDP or malformed), {failed} failed",
            reports.len()
        );
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
