//! Captures in, flow records out: finds the capture files among the inputs, reads each one
//! through the decoder into a flow table, and reports what was read, skipped and broken.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::capture::{read_frames, Format};
use crate::decode::{DecapConfig, DecapCounts, Decoder, Skip};
use crate::error::CaptureError;
use crate::features::FeatureSettings;
use crate::flow::{FlowConfig, FlowRecord, FlowTable, TableStats};

/// Everything that decides which flows exist and what their features mean, and when a flow is
/// handed over.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ExtractConfig {
    pub flow: FlowConfig,
    pub features: FeatureSettings,
    /// Which tunnels are opened, so that the flows are the ones inside them.
    pub decap: DecapConfig,
    /// Hand each flow over as soon as its early-classification limit is reached, while it is
    /// still open, instead of when it ends (see [`FlowTable::emitting_when_measured`]).
    pub emit_when_measured: bool,
}

/// What happened while reading one capture.
#[derive(Debug, Default)]
pub struct CaptureReport {
    pub capture: String,
    pub format: Option<Format>,
    /// The file was gzip-compressed: `bytes` and error offsets count decompressed bytes.
    pub gzipped: bool,
    pub frames: u64,
    pub bytes: u64,
    /// Frames that became TCP/UDP packets of some flow.
    pub packets: u64,
    /// Frames that were not TCP/UDP over IP, or were cut or malformed, by reason.
    pub skipped: BTreeMap<Skip, u64>,
    /// Frames of link types flowclass does not read, by link type number.
    pub unsupported_links: BTreeMap<i32, u64>,
    /// Frames per tunnel kind opened, and per encapsulation recognised but not opened.
    pub decap: DecapCounts,
    pub table: TableStats,
    /// Why reading stopped before the end; the flows before that point were still emitted.
    pub error: Option<CaptureError>,
}

/// The flows of one capture, kept in memory (for training and evaluation).
#[derive(Debug)]
pub struct ExtractedCapture {
    pub records: Vec<FlowRecord>,
    pub report: CaptureReport,
}

/// A capture to read, and the label its place in a `DIR/<label>/...` layout gives it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CaptureInput {
    /// A file, or `-` for standard input.
    pub path: PathBuf,
    pub label: Option<String>,
}

impl CaptureInput {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// File name endings searched for inside directories, each also with `.gz` after it (files named
/// on the command line are read whatever their name; the format always comes from the magic
/// bytes).
const CAPTURE_EXTENSIONS: [&str; 3] = ["pcap", "pcapng", "cap"];

/// Whether a file found in a directory is taken for a capture, by its name.
fn looks_like_capture(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CAPTURE_EXTENSIONS.contains(&e))
}

/// Expands the command line's inputs: files as given, `-` as standard input, directories searched
/// recursively (in sorted order) for capture files. A capture under `DIR/<sub>/...` gets the
/// label `<sub>`.
pub fn find_captures(paths: &[PathBuf]) -> io::Result<Vec<CaptureInput>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            inputs.push(CaptureInput {
                path: path.clone(),
                label: None,
            });
            continue;
        }
        let mut found = Vec::new();
        walk(path, &mut found)?;
        found.sort();
        for file in found {
            let label = file
                .strip_prefix(path)
                .ok()
                .filter(|rel| rel.components().count() > 1)
                .and_then(|rel| rel.components().next())
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            inputs.push(CaptureInput { path: file, label });
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if kind.is_file() && looks_like_capture(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads one capture from `input`, passing every flow to `emit` as soon as it ends (or, with
/// `emit_when_measured`, as soon as it is measured).
pub fn extract_reader<R: Read>(
    capture: &str,
    input: R,
    config: &ExtractConfig,
    mut emit: impl FnMut(FlowRecord),
) -> CaptureReport {
    let mut table = FlowTable::new(capture, config.flow, config.features)
        .emitting_when_measured(config.emit_when_measured);
    let mut packets = 0u64;
    let mut skipped: BTreeMap<Skip, u64> = BTreeMap::new();
    let mut decoder = Decoder::new(config.decap);
    let outcome = read_frames(input, |frame| {
        let Some(link) = frame.link else { return };
        match decoder.decode(link, frame.data, frame.wire_len, frame.time) {
            Ok(packet) => {
                packets += 1;
                table.push(&packet, &mut emit);
            }
            Err(reason) => *skipped.entry(reason).or_default() += 1,
        }
    });
    let table_stats = table.finish(&mut emit);
    CaptureReport {
        capture: capture.to_string(),
        format: outcome.format,
        gzipped: outcome.gzipped,
        frames: outcome.frames,
        bytes: outcome.bytes,
        packets,
        skipped,
        unsupported_links: outcome.unsupported_links,
        decap: decoder.counts().clone(),
        table: table_stats,
        error: outcome.error,
    }
}

/// Reads one capture file (or `-`) and keeps its flows in memory.
pub fn extract_path(path: &Path, config: &ExtractConfig) -> ExtractedCapture {
    let mut records = Vec::new();
    let report = with_input(path, |name, input| {
        extract_reader(name, input, config, |flow| records.push(flow))
    });
    ExtractedCapture { records, report }
}

/// Opens `path` (standard input for `-`) and runs `read` on it; an open failure becomes the
/// report's error.
pub fn with_input(
    path: &Path,
    read: impl FnOnce(&str, &mut dyn Read) -> CaptureReport,
) -> CaptureReport {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        return read(&name, &mut io::stdin().lock());
    }
    match File::open(path) {
        Ok(mut file) => read(&name, &mut file),
        Err(source) => CaptureReport {
            capture: name,
            error: Some(CaptureError::Io { offset: 0, source }),
            ..CaptureReport::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_give_labels_from_their_first_level() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "http/a.pcap",
            "http/deep/b.PCAPNG",
            "http/rotated.pcap.gz",
            "websocket/c.cap",
            "top.pcap",
            "http/notes.txt",
            "http/notes.gz",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let inputs = find_captures(&[root.to_path_buf(), PathBuf::from("-")]).unwrap();
        let seen: Vec<(String, Option<&str>)> = inputs
            .iter()
            .map(|i| {
                (
                    i.path
                        .strip_prefix(root)
                        .unwrap_or(&i.path)
                        .display()
                        .to_string(),
                    i.label.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                ("http/a.pcap".into(), Some("http")),
                ("http/deep/b.PCAPNG".into(), Some("http")),
                ("http/rotated.pcap.gz".into(), Some("http")),
                ("top.pcap".into(), None),
                ("websocket/c.cap".into(), Some("websocket")),
                ("-".into(), None),
            ]
        );
    }

    #[test]
    fn a_missing_file_is_a_named_error_not_a_panic() {
        let capture = extract_path(Path::new("/nonexistent/x.pcap"), &ExtractConfig::default());
        assert!(capture.records.is_empty());
        assert!(matches!(
            capture.report.error,
            Some(CaptureError::Io { offset: 0, .. })
        ));
    }
}
