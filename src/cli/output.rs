//! Writing flow rows, and running many captures in parallel while keeping the output in input
//! order and memory flat: one capture streams straight to the output; with several, each worker
//! streams its rows into a temporary file and the files are copied out in order.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};

use rayon::prelude::*;

use super::progress::Progress;
use flowclass::error::CaptureError;
use flowclass::extract::{extract_reader, with_input, CaptureInput, CaptureReport, ExtractConfig};
use flowclass::flow::FlowRecord;

/// Something that turns each flow of a capture into output as soon as the flow ends.
pub trait RowWriter: Send + Sync {
    /// The extraction settings the rows are computed with.
    fn config(&self) -> &ExtractConfig;

    /// Writes the row(s) of one flow.
    fn write_flow(
        &self,
        input: &CaptureInput,
        flow: &FlowRecord,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// Reads one capture, writing each flow as it ends. A failed write stops the writing and is
/// reported as the capture's error; live input (`-`) is flushed flow by flow.
fn write_capture(
    writer: &dyn RowWriter,
    input: &CaptureInput,
    source: &mut dyn Read,
    out: &mut dyn Write,
    progress: &Progress,
) -> CaptureReport {
    let live = input.is_stdin();
    let mut write_error = None;
    let mut report = extract_reader(&input.name(), source, writer.config(), |flow| {
        progress.flow_done();
        if write_error.is_none() {
            let written = writer.write_flow(input, &flow, out).and_then(|()| {
                if live {
                    out.flush()
                } else {
                    Ok(())
                }
            });
            write_error = written.err();
        }
    });
    if let Some(source) = write_error.or_else(|| out.flush().err()) {
        report.error.get_or_insert(CaptureError::Io {
            offset: report.bytes,
            source,
        });
    }
    report
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
            write_capture(writer, single, &mut progress.wrap(source), out, progress)
        });
        return quiet_on_broken_pipe(vec![report]);
    }
    let results: Vec<io::Result<(File, CaptureReport)>> = inputs
        .par_iter()
        .map(|input| {
            let mut spool = BufWriter::new(tempfile::tempfile()?);
            let report = with_input(&input.path, |_, source| {
                write_capture(
                    writer,
                    input,
                    &mut progress.wrap(source),
                    &mut spool,
                    progress,
                )
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
    let broken = reports
        .iter()
        .any(|r| matches!(&r.error, Some(CaptureError::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe));
    if broken {
        return Err(io::Error::from(io::ErrorKind::BrokenPipe));
    }
    Ok(reports)
}

/// The CSV columns that name a flow, up to its start time (both `extract` and `classify`).
pub const FLOW_ID_COLUMNS: [&str; 7] = [
    "capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start",
];

/// Writes the values of [`FLOW_ID_COLUMNS`], without a trailing comma.
pub fn write_flow_id(out: &mut dyn Write, flow: &FlowRecord) -> io::Result<()> {
    let e = &flow.endpoints;
    write!(
        out,
        "{},{},{},{},{},{},{}",
        csv_field(&flow.capture),
        e.transport,
        e.src_ip,
        e.src_port,
        e.dst_ip,
        e.dst_port,
        flow.start
    )
}

/// Appends a feature value the fast way: whole numbers (most features are counts) as integers,
/// others in the shortest form that reads back to the same `f64` (which may use an exponent,
/// as in `1.5e-5`). Formatting the numbers is most of the cost of a flow's row.
pub fn push_number(out: &mut Vec<u8>, value: f64) {
    const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() < EXACT_INTEGERS {
        out.extend_from_slice(itoa::Buffer::new().format(value as i64).as_bytes());
    } else {
        out.extend_from_slice(ryu::Buffer::new().format(value).as_bytes());
    }
}

/// A CSV field, quoted when it needs to be.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_short_and_read_back_exactly() {
        for value in [
            0.0,
            -0.0,
            3.0,
            -17.0,
            0.1,
            3.74,
            1.0 / 3.0,
            1.5e-5,
            123456789.125,
            9.1e15,
            -2.5e300,
        ] {
            let mut out = Vec::new();
            push_number(&mut out, value);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), value, "{text}");
        }
        let mut out = Vec::new();
        push_number(&mut out, 42.0);
        assert_eq!(out, b"42");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain/path.pcap"), "plain/path.pcap");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
