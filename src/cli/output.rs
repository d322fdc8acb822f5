//! Writing flow rows, and running many captures in parallel while keeping the output in input
//! order and memory flat: one capture streams straight to the output; with several, each worker
//! streams its rows into a temporary file and the files are copied out in order.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};
use std::net::IpAddr;

use rayon::prelude::*;

use super::numbers::push_integer;
use super::progress::Progress;
use flowclass::error::CaptureError;
use flowclass::extract::{extract_reader, with_input, CaptureInput, CaptureReport, ExtractConfig};
use flowclass::flow::{FlowEndpoints, FlowRecord, Timestamp};
use flowclass::spread::{extract_spread, Spread};

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
    source: impl Read,
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
    spread: Option<Spread>,
) -> io::Result<Vec<CaptureReport>> {
    if let [single] = inputs {
        let report = with_input(&single.path, |name, source| {
            let source = progress.wrap(source);
            let Some(spread) = spread else {
                return write_capture(writer, single, source, out, progress);
            };
            let render = |flow: &FlowRecord, row: &mut Vec<u8>| {
                progress.flow_done();
                writer.write_flow(single, flow, row)
            };
            let live = single.is_stdin();
            extract_spread(name, source, writer.config(), spread, live, &render, out)
        });
        return quiet_on_broken_pipe(vec![report]);
    }
    let results: Vec<io::Result<(File, CaptureReport)>> = inputs
        .par_iter()
        .map(|input| {
            let mut spool = BufWriter::new(tempfile::tempfile()?);
            let report = with_input(&input.path, |_, source| {
                write_capture(writer, input, progress.wrap(source), &mut spool, progress)
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

/// Appends the values of [`FLOW_ID_COLUMNS`], without a trailing comma.
pub fn push_flow_id(row: &mut Vec<u8>, flow: &FlowRecord) {
    push_flow_key(row, &flow.capture, &flow.endpoints, flow.start);
}

/// Appends the values of [`FLOW_ID_COLUMNS`] from their parts, without a trailing comma; the
/// same text as their `Display`, written without the formatting machinery (rows are written
/// by the million).
pub fn push_flow_key(
    row: &mut Vec<u8>,
    capture: &str,
    endpoints: &FlowEndpoints,
    start: Timestamp,
) {
    let e = endpoints;
    row.extend_from_slice(csv_field(capture).as_bytes());
    row.push(b',');
    row.extend_from_slice(e.transport.as_str().as_bytes());
    for (ip, port) in [(e.src_ip, e.src_port), (e.dst_ip, e.dst_port)] {
        row.push(b',');
        push_ip(row, ip);
        row.push(b',');
        push_integer(row, port);
    }
    row.push(b',');
    push_timestamp(row, start);
}

/// Writes the values of [`FLOW_ID_COLUMNS`] from their parts, without a trailing comma.
pub fn write_flow_key(
    out: &mut dyn Write,
    capture: &str,
    endpoints: &FlowEndpoints,
    start: Timestamp,
) -> io::Result<()> {
    let mut row = Vec::with_capacity(96);
    push_flow_key(&mut row, capture, endpoints, start);
    out.write_all(&row)
}

/// Appends an address as its `Display` writes it.
fn push_ip(row: &mut Vec<u8>, ip: IpAddr) {
    match ip {
        IpAddr::V4(v4) => {
            for (i, octet) in v4.octets().into_iter().enumerate() {
                if i > 0 {
                    row.push(b'.');
                }
                push_integer(row, octet);
            }
        }
        IpAddr::V6(v6) => {
            write!(row, "{v6}").expect("writing to memory");
        }
    }
}

/// Appends a time as its `Display` writes it: seconds, six decimals.
pub fn push_timestamp(row: &mut Vec<u8>, time: Timestamp) {
    let micros = time.micros();
    push_integer(row, micros.div_euclid(1_000_000));
    let fraction = micros.rem_euclid(1_000_000);
    let digits = itoa::Buffer::new().format(fraction).len();
    row.push(b'.');
    row.extend(std::iter::repeat_n(b'0', 6 - digits));
    push_integer(row, fraction);
}

/// A CSV field, quoted when it needs to be.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// Standard output for a report that is not the command's result (train's scores): once the
/// reader has gone away (`| head`), the rest is dropped quietly and the command still does its
/// real work (train still writes the model). Other write errors are errors.
pub struct ReportOut<W: Write = io::Stdout> {
    inner: W,
    reader_gone: bool,
}

impl ReportOut {
    pub fn stdout() -> Self {
        ReportOut::new(io::stdout())
    }
}

impl<W: Write> ReportOut<W> {
    fn new(inner: W) -> Self {
        ReportOut {
            inner,
            reader_gone: false,
        }
    }

    /// `result`, or `instead` once the reader is found gone.
    fn unless_reader_gone<T>(&mut self, result: io::Result<T>, instead: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.reader_gone = true;
                Ok(instead)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ReportOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.reader_gone {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.unless_reader_gone(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.reader_gone {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.unless_reader_gone(flushed, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_keys_are_written_as_display_writes_them() {
        use flowclass::flow::Transport;
        let times = [
            0,
            1,
            999,
            1_000,
            1_700_000_000_123_456_789,
            -1,
            -1_500_000_000,
        ];
        let ips: [IpAddr; 3] = [
            "10.0.200.7".parse().unwrap(),
            "0.0.0.0".parse().unwrap(),
            "2001:db8::1:0:0:1".parse().unwrap(),
        ];
        for (time, ip) in times.into_iter().zip(ips.into_iter().cycle()) {
            let endpoints = FlowEndpoints {
                transport: Transport::Udp,
                src_ip: ip,
                src_port: 53,
                dst_ip: "192.168.1.255".parse().unwrap(),
                dst_port: 65535,
            };
            let mut row = Vec::new();
            push_flow_key(&mut row, "a,b.pcap", &endpoints, Timestamp(time));
            let expected = format!(
                "\"a,b.pcap\",udp,{ip},53,192.168.1.255,65535,{}",
                Timestamp(time)
            );
            assert_eq!(String::from_utf8(row).unwrap(), expected);
        }
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain/path.pcap"), "plain/path.pcap");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    /// A writer that takes `room` bytes, then fails the way a closed pipe does (or another way).
    struct ClosingPipe {
        taken: Vec<u8>,
        room: usize,
        failure: io::ErrorKind,
    }

    impl Write for ClosingPipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken.len() + buf.len() > self.room {
                return Err(io::Error::from(self.failure));
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_report_drops_what_follows_a_closed_pipe_and_keeps_other_errors() {
        let pipe = |failure| ClosingPipe {
            taken: Vec::new(),
            room: 6,
            failure,
        };
        let mut out = ReportOut::new(pipe(io::ErrorKind::BrokenPipe));
        writeln!(out, "first").unwrap();
        writeln!(out, "second").unwrap();
        writeln!(out, "x").unwrap();
        out.flush().unwrap();
        assert!(out.reader_gone);
        assert_eq!(
            out.inner.taken, b"first\n",
            "nothing is written after the pipe closed"
        );

        let mut out = ReportOut::new(pipe(io::ErrorKind::PermissionDenied));
        writeln!(out, "first").unwrap();
        let error = writeln!(out, "second").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
    }
}
