//! Running many captures in parallel, each flow written as it ends (the rows themselves are the
//! commands' and [`flowclass::dataset::feature_csv`]'s), while keeping the output in input
//! order and memory flat: one capture streams straight to the output; with several, each worker
//! streams its rows into a temporary file and the files are copied out in order.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};

use rayon::prelude::*;

use super::live;
use super::progress::Progress;
use flowclass::error::CaptureError;
use flowclass::extract::{extract_reader, with_input, CaptureInput, CaptureReport, ExtractConfig};
use flowclass::flow::FlowRecord;
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

/// Where a command's flows come from: capture files, or a live interface (`-i`).
pub enum Source {
    Files(Vec<CaptureInput>),
    Live(live::Opened),
}

impl Source {
    /// The names the rows give as their capture: the files', or the interface's.
    pub fn names(&self) -> Vec<String> {
        match self {
            Source::Files(inputs) => inputs.iter().map(CaptureInput::name).collect(),
            Source::Live(capture) => vec![capture.interface().to_string()],
        }
    }

    /// Whether some input has a label from a `DIR/<label>/...` layout.
    pub fn labelled(&self) -> bool {
        matches!(self, Source::Files(inputs) if inputs.iter().any(|i| i.label.is_some()))
    }

    /// Runs `writer` over the source, writing rows to `out`; returns the reports.
    pub fn run(
        self,
        writer: &dyn RowWriter,
        out: &mut dyn Write,
        progress: &Progress,
        spread: Option<Spread>,
        quiet: bool,
    ) -> anyhow::Result<Vec<CaptureReport>> {
        match self {
            Source::Files(inputs) => Ok(run_inputs(&inputs, writer, out, progress, spread)?),
            Source::Live(capture) => Ok(vec![live::run(capture, writer, out, quiet)?]),
        }
    }
}

/// Runs `writer` over every input, writing rows to `out` in input order; returns the reports.
fn run_inputs(
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
