//! Captures in, flow records out: finds the capture files among the inputs, reads each one
//! through the decoder into a flow table, and reports what was read, skipped and broken.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::capture::{read_frames, Format, Frame, ReadOutcome, GZIP_MAGIC};
use crate::decode::{DecapConfig, DecapCounts, Decoder, PacketSummary, Skip};
use crate::error::CaptureError;
use crate::features::FeatureSettings;
use crate::flow::{FlowConfig, FlowRecord, FlowTable, TableStats};
use crate::interfaces::{CopyFilter, Interfaces};

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
    /// Whether a packet seen on several interfaces of a pcapng counts once or each time.
    pub interfaces: Interfaces,
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
    /// Packets dropped as copies of a packet another interface gave ([`Interfaces::Deduplicated`]).
    pub interface_copies: u64,
    /// Frames per tunnel kind opened, and per encapsulation recognised but not opened.
    pub decap: DecapCounts,
    pub table: TableStats,
    /// Why reading stopped before the end; the flows before that point were still emitted.
    pub error: Option<CaptureError>,
}

impl CaptureReport {
    /// Frames that gave no packet: not TCP/UDP, malformed, or of a link type not read.
    pub fn skipped_frames(&self) -> u64 {
        self.skipped.values().sum::<u64>() + self.unsupported_links.values().sum::<u64>()
    }

    /// The capture holds frames, but every one of them is of a link type flowclass does not
    /// read: nothing of it was read, though no error stopped the reading.
    pub fn unreadable(&self) -> bool {
        self.frames > 0 && self.unsupported_links.values().sum::<u64>() == self.frames
    }
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

/// What [`find_captures`] found among the inputs.
#[derive(Debug, Default)]
pub struct FoundCaptures {
    pub captures: Vec<CaptureInput>,
    /// Files inside the directories given that are not captures (by their first bytes), in
    /// sorted order.
    pub skipped: Vec<PathBuf>,
}

/// Expands the command line's inputs: files as given, `-` as standard input, directories searched
/// recursively (in sorted order, following symbolic links, each directory once) for files whose
/// first bytes are those of a pcap or pcapng capture, plain or gzip-compressed; the name of a
/// file never matters. A capture under `DIR/<sub>/...` gets the label `<sub>`.
pub fn find_captures(paths: &[PathBuf]) -> io::Result<FoundCaptures> {
    let mut found = FoundCaptures::default();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            found.captures.push(CaptureInput {
                path: path.clone(),
                label: None,
            });
            continue;
        }
        let mut files = Vec::new();
        walk(path, &mut files, &mut Vec::new())?;
        files.sort();
        for file in files {
            if !is_capture(&file) {
                found.skipped.push(file);
                continue;
            }
            let label = file
                .strip_prefix(path)
                .ok()
                .filter(|rel| rel.components().count() > 1)
                .and_then(|rel| rel.components().next())
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            found.captures.push(CaptureInput { path: file, label });
        }
    }
    Ok(found)
}

/// Collects the files under `dir`, following symbolic links; `seen` holds the directories on
/// the way down (as canonical paths), so a link back up is not followed again.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut Vec<PathBuf>) -> io::Result<()> {
    let canonical = dir.canonicalize()?;
    if seen.contains(&canonical) {
        return Ok(());
    }
    seen.push(canonical);
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        // A broken link has no metadata to follow: it is no capture.
        let Ok(metadata) = std::fs::metadata(&path) else {
            files.push(path);
            continue;
        };
        if metadata.is_dir() {
            walk(&path, files, seen)?;
        } else if metadata.is_file() {
            files.push(path);
        }
    }
    seen.pop();
    Ok(())
}

/// Whether `path` starts like a pcap or pcapng capture, plain or inside gzip.
fn is_capture(path: &Path) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut magic = [0u8; 4];
    if read_prefix(&mut file, &mut magic) < 2 {
        return false;
    }
    if magic[..2] == GZIP_MAGIC {
        let Ok(mut file) = File::open(path) else {
            return false;
        };
        let mut inner = flate2::read::MultiGzDecoder::new(&mut file);
        let mut magic = [0u8; 4];
        return read_prefix(&mut inner, &mut magic) == 4 && Format::sniff(magic).is_some();
    }
    Format::sniff(magic).is_some()
}

/// Fills `buf` from `input` as far as it goes; how many bytes that was (errors end it).
fn read_prefix(input: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    filled
}

/// Frames to packets for one capture: decoding them, dropping copies from other interfaces
/// ([`Interfaces::Deduplicated`]), and counting what gave no packet. Both readers of a capture
/// (one flow table here, or many workers in [`crate::spread`]) go through it.
pub(crate) struct Packets {
    decoder: Decoder,
    copies: Option<CopyFilter>,
    skipped: BTreeMap<Skip, u64>,
    packets: u64,
}

impl Packets {
    pub(crate) fn new(config: &ExtractConfig) -> Packets {
        Packets {
            decoder: Decoder::new(config.decap),
            copies: (config.interfaces == Interfaces::Deduplicated).then(CopyFilter::default),
            skipped: BTreeMap::new(),
            packets: 0,
        }
    }

    /// The packet `frame` gives, unless it gives none or is a copy of another interface's.
    pub(crate) fn packet(&mut self, frame: &Frame<'_>) -> Option<PacketSummary> {
        let link = frame.link?;
        match self
            .decoder
            .decode(link, frame.data, frame.wire_len, frame.time)
        {
            Ok(packet) => {
                if let Some(copies) = &mut self.copies {
                    if copies.is_copy(&packet, frame.interface) {
                        return None;
                    }
                }
                self.packets += 1;
                Some(packet)
            }
            Err(reason) => {
                *self.skipped.entry(reason).or_default() += 1;
                None
            }
        }
    }

    /// The report of `capture`, read to `outcome` into flows with `table`'s counts; `error` is
    /// why reading stopped early, if it did.
    pub(crate) fn report(
        self,
        capture: &str,
        outcome: ReadOutcome,
        table: TableStats,
        error: Option<CaptureError>,
    ) -> CaptureReport {
        CaptureReport {
            capture: capture.to_string(),
            format: outcome.format,
            gzipped: outcome.gzipped,
            frames: outcome.frames,
            bytes: outcome.bytes,
            packets: self.packets,
            skipped: self.skipped,
            unsupported_links: outcome.unsupported_links,
            interface_copies: self.copies.map_or(0, |c| c.copies),
            decap: self.decoder.counts().clone(),
            table,
            error,
        }
    }
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
    let mut packets = Packets::new(config);
    let mut outcome = read_frames(input, |frame| {
        if let Some(packet) = packets.packet(frame) {
            table.push(&packet, &mut emit);
        }
    });
    let table_stats = table.finish(&mut emit);
    let error = outcome.error.take();
    packets.report(capture, outcome, table_stats, error)
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
            error: Some(CaptureError::Open(source)),
            ..CaptureReport::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes of a little-endian pcap, and a gzip of them.
    fn capture_starts() -> (Vec<u8>, Vec<u8>) {
        let pcap = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0].to_vec();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gzip, &pcap).unwrap();
        (pcap, gzip.finish().unwrap())
    }

    #[test]
    fn directories_are_searched_by_content_with_labels_from_their_first_level() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let (pcap, gzip) = capture_starts();
        let pcapng = [0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0].to_vec();
        for (file, bytes) in [
            ("http/a.pcap", &pcap),
            ("http/deep/b.PCAPNG", &pcapng),
            ("http/rotated.pcap.gz", &gzip),
            ("http/capture-without-extension", &pcap),
            ("http/rotated.1", &gzip),
            ("websocket/c.cap", &pcapng),
            ("top.pcap", &pcap),
            ("http/notes.txt", &b"notes".to_vec()),
            ("http/notes.pcap", &b"not a capture".to_vec()),
            ("http/notes.gz", &b"\x1f\x8b broken".to_vec()),
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        std::fs::create_dir(root.join("linked")).unwrap();
        std::os::unix::fs::symlink(root.join("http/a.pcap"), root.join("linked/to-a")).unwrap();
        std::os::unix::fs::symlink(root, root.join("linked/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join("linked/broken")).unwrap();
        let found = find_captures(&[root.to_path_buf(), PathBuf::from("-")]).unwrap();
        let relative = |path: &PathBuf| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string()
        };
        let seen: Vec<(String, Option<&str>)> = found
            .captures
            .iter()
            .map(|i| (relative(&i.path), i.label.as_deref()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("http/a.pcap".into(), Some("http")),
                ("http/capture-without-extension".into(), Some("http")),
                ("http/deep/b.PCAPNG".into(), Some("http")),
                ("http/rotated.1".into(), Some("http")),
                ("http/rotated.pcap.gz".into(), Some("http")),
                ("linked/to-a".into(), Some("linked")),
                ("top.pcap".into(), None),
                ("websocket/c.cap".into(), Some("websocket")),
                ("-".into(), None),
            ]
        );
        let skipped: Vec<String> = found.skipped.iter().map(relative).collect();
        assert_eq!(
            skipped,
            [
                "http/notes.gz",
                "http/notes.pcap",
                "http/notes.txt",
                "linked/broken"
            ]
        );
    }

    #[test]
    fn a_missing_file_is_a_named_error_not_a_panic() {
        let capture = extract_path(Path::new("/nonexistent/x.pcap"), &ExtractConfig::default());
        assert!(capture.records.is_empty());
        let error = capture.report.error.unwrap();
        assert!(matches!(error, CaptureError::Open(_)), "{error:?}");
        assert_eq!(
            error.offset(),
            None,
            "nothing was read, so no offset is named"
        );
    }
}
