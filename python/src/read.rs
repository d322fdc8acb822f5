//! Reading captures as the command line reads them: paths expanded by
//! [`find_captures`] (directories searched recursively, `DIR/<label>/` giving labels), each
//! capture read on its own thread, results in input order, and what went wrong with each capture
//! said in the command line's words ([`capture_problems`]).

use std::path::PathBuf;

use rayon::prelude::*;

use flowclass::extract::{extract_path, find_captures, CaptureInput, CaptureReport, ExtractConfig};
use flowclass::flow::FlowRecord;
use flowclass::problems::capture_problems;

/// One capture's flows, in the order they ended.
pub struct CaptureFlows {
    pub input: CaptureInput,
    pub flows: Vec<FlowRecord>,
}

/// What reading the captures came to.
pub struct Reading {
    pub captures: Vec<CaptureFlows>,
    /// Lines about captures that were read anyway (link types not read, flows ended early).
    pub warnings: Vec<String>,
    /// Lines about captures that failed: stopped by an error (the flows before it are kept), or
    /// of which nothing could be read.
    pub failures: Vec<String>,
}

/// Why nothing could be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot list the inputs: {0}")]
    List(std::io::Error),
    #[error("no capture files found in {0}")]
    NoCaptures(String),
}

/// Reads every capture `paths` name with `config`.
pub fn read_captures(paths: &[PathBuf], config: &ExtractConfig) -> Result<Reading, ReadError> {
    let found = find_captures(paths).map_err(ReadError::List)?;
    if found.captures.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(ReadError::NoCaptures(names.join(", ")));
    }
    let extracted: Vec<_> = found
        .captures
        .into_par_iter()
        .map(|input| {
            let capture = extract_path(&input.path, config);
            (input, capture)
        })
        .collect();
    let reports: Vec<&CaptureReport> = extracted.iter().map(|(_, c)| &c.report).collect();
    let (warnings, failures) = capture_lines(reports);
    let captures = extracted
        .into_iter()
        .map(|(input, capture)| CaptureFlows {
            input,
            flows: capture.records,
        })
        .collect();
    Ok(Reading {
        captures,
        warnings,
        failures,
    })
}

/// What the command line says about `reports`: lines about captures read anyway (warnings),
/// and the line of each capture that failed.
pub fn capture_lines<'a>(
    reports: impl IntoIterator<Item = &'a CaptureReport>,
) -> (Vec<String>, Vec<String>) {
    let (mut warnings, mut failures) = (Vec::new(), Vec::new());
    for report in reports {
        let (mut lines, failed) = capture_problems(report);
        if failed {
            // The failure is said last; any lines before it are warnings.
            failures.extend(lines.pop());
        }
        warnings.extend(lines);
    }
    (warnings, failures)
}
