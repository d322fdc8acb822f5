//! Writing flow rows as CSV, and running many captures in parallel while keeping the output in
//! input order and memory flat: one capture streams straight to the output; with several, each
//! worker streams its rows into a temporary file and the files are copied out in order.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};

use rayon::prelude::*;

use super::progress::Progress;
use flowclass::extract::{with_input, CaptureInput, CaptureReport};
use flowclass::flow::FlowRecord;

/// Identifier columns that start every flow row.
pub const ID_COLUMNS: [&str; 10] = [
    "capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start", "end", "packets",
    "bytes",
];

/// Writes the identifier fields of a flow into a CSV record in progress.
pub fn push_id_fields(record: &mut csv::ByteRecord, flow: &FlowRecord, scratch: &mut String) {
    use std::fmt::Write as _;
    let e = &flow.endpoints;
    record.push_field(flow.capture.as_bytes());
    record.push_field(e.transport.as_str().as_bytes());
    let mut push = |record: &mut csv::ByteRecord, value: &dyn std::fmt::Display| {
        scratch.clear();
        let _ = write!(scratch, "{value}");
        record.push_field(scratch.as_bytes());
    };
    push(record, &e.src_ip);
    push(record, &e.src_port);
    push(record, &e.dst_ip);
    push(record, &e.dst_port);
    push(record, &flow.start);
    push(record, &flow.end);
    push(record, &flow.packets);
    push(record, &flow.bytes);
}

/// Writes one number the way every CSV of flowclass does (shortest exact decimal).
pub fn push_number(record: &mut csv::ByteRecord, value: f64, scratch: &mut String) {
    use std::fmt::Write as _;
    scratch.clear();
    let _ = write!(scratch, "{value}");
    record.push_field(scratch.as_bytes());
}

/// Something that turns the flows of one capture into output rows.
pub trait RowWriter: Send + Sync {
    /// Writes the rows of `flows` as they come; returns the capture's report.
    fn write_capture(
        &self,
        input: &CaptureInput,
        source: &mut dyn Read,
        out: &mut dyn Write,
        progress: &Progress,
    ) -> CaptureReport;
}

/// Runs `writer` over every input, writing rows to `out` in input order; returns the reports.
pub fn run_inputs(
    inputs: &[CaptureInput],
    writer: &dyn RowWriter,
    out: &mut dyn Write,
    progress: &Progress,
) -> io::Result<Vec<CaptureReport>> {
    if let [single] = inputs {
        let report = with_input(&single.path, |_, source| {
            writer.write_capture(single, &mut progress.wrap(source), out, progress)
        });
        return Ok(vec![report]);
    }
    let results: Vec<io::Result<(File, CaptureReport)>> = inputs
        .par_iter()
        .map(|input| {
            let mut spool = BufWriter::new(tempfile::tempfile()?);
            let report = with_input(&input.path, |_, source| {
                writer.write_capture(input, &mut progress.wrap(source), &mut spool, progress)
            });
            let mut file = spool.into_inner().map_err(|e| e.into_error())?;
            file.rewind()?;
            Ok((file, report))
        })
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    for result in results {
        let (mut file, report) = result?;
        io::copy(&mut file, out)?;
        reports.push(report);
    }
    quiet_on_broken_pipe(reports)
}

/// A reader that went away (`| head`) ends the run quietly instead of failing each capture.
fn quiet_on_broken_pipe(reports: Vec<CaptureReport>) -> io::Result<Vec<CaptureReport>> {
    let broken = reports.iter().any(|r| {
        matches!(&r.error, Some(flowclass::error::CaptureError::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken {
        return Err(io::Error::from(io::ErrorKind::BrokenPipe));
    }
    Ok(reports)
}
