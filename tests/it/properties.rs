//! Properties of reading real captures, checked on every committed capture (tests/data/ and
//! datasets/): cutting the snaplen of records never changes a feature, and a capture cut at any
//! byte gives a clean error and exactly the flows of the whole records before the cut.
//!
//! The variants are made in memory from the committed files (gzip-compressed ones decompressed
//! first): records are re-written with a shorter captured length (as `editcap -s` does), or the
//! file is cut at a byte offset.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use flowclass::decode::{decode, LinkType};
use flowclass::error::CaptureError;
use flowclass::extract::{extract_reader, CaptureReport, ExtractConfig};
use flowclass::flow::{FlowRecord, Timestamp};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// One packet record (pcap) or enhanced packet block (pcapng) of a capture held in memory.
#[derive(Debug, Clone)]
struct Record {
    /// Where the record or block starts and ends in the file.
    start: usize,
    end: usize,
    /// Where its captured bytes start, and how many there are.
    data_at: usize,
    caplen: usize,
    wire_len: u32,
    link: Option<LinkType>,
}

/// A committed capture, split into its records. Only little-endian files are split (all the
/// committed ones are); `boundaries` are the offsets where a record or block ends.
struct Capture {
    name: String,
    bytes: Vec<u8>,
    pcapng: bool,
    records: Vec<Record>,
    boundaries: Vec<usize>,
}

fn le32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

impl Capture {
    fn parse(path: &Path) -> Capture {
        let bytes = read_decompressed(path);
        let name = path.display().to_string();
        let mut records = Vec::new();
        let mut boundaries = Vec::new();
        let pcapng = bytes[..4] == [0x0a, 0x0d, 0x0d, 0x0a];
        if pcapng {
            assert_eq!(le32(&bytes, 8), 0x1a2b_3c4d, "{name}: big-endian pcapng");
            let mut links = Vec::new();
            let mut at = 0;
            while at < bytes.len() {
                let (kind, len) = (le32(&bytes, at), le32(&bytes, at + 4) as usize);
                match kind {
                    0x0a0d_0d0a => links.clear(),
                    1 => links.push(LinkType::from_linktype(i32::from(u16::from_le_bytes([
                        bytes[at + 8],
                        bytes[at + 9],
                    ])))),
                    6 => records.push(Record {
                        start: at,
                        end: at + len,
                        data_at: at + 28,
                        caplen: le32(&bytes, at + 20) as usize,
                        wire_len: le32(&bytes, at + 24).max(le32(&bytes, at + 20)),
                        link: links[le32(&bytes, at + 8) as usize],
                    }),
                    _ => {}
                }
                at += len;
                boundaries.push(at);
            }
        } else {
            // Little-endian, microseconds or nanoseconds.
            assert!(
                [[0xd4, 0xc3, 0xb2, 0xa1], [0x4d, 0x3c, 0xb2, 0xa1]]
                    .contains(&[bytes[0], bytes[1], bytes[2], bytes[3]]),
                "{name}: not a little-endian pcap"
            );
            let link = LinkType::from_linktype(le32(&bytes, 20) as i32);
            let mut at = 24;
            boundaries.push(at);
            while at < bytes.len() {
                let caplen = le32(&bytes, at + 8) as usize;
                records.push(Record {
                    start: at,
                    end: at + 16 + caplen,
                    data_at: at + 16,
                    caplen,
                    wire_len: le32(&bytes, at + 12).max(caplen as u32),
                    link,
                });
                at += 16 + caplen;
                boundaries.push(at);
            }
        }
        Capture {
            name,
            bytes,
            pcapng,
            records,
            boundaries,
        }
    }

    /// The same capture with record `i` cut to `keep(i, record)` captured bytes.
    fn with_caplens(&self, mut keep: impl FnMut(usize, &Record) -> usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bytes.len());
        let mut copied_to = 0;
        for (i, record) in self.records.iter().enumerate() {
            let caplen = keep(i, record).min(record.caplen);
            let data = &self.bytes[record.data_at..record.data_at + caplen];
            out.extend_from_slice(&self.bytes[copied_to..record.start]);
            if self.pcapng {
                // Header fields up to the caplen, the new caplen, origlen, data padded to 4 bytes,
                // then the block's options as they were.
                let options_at = record.data_at + record.caplen.div_ceil(4) * 4;
                let options = &self.bytes[options_at..record.end - 4];
                let total = (28 + caplen.div_ceil(4) * 4 + options.len() + 4) as u32;
                out.extend_from_slice(&self.bytes[record.start..record.start + 4]);
                out.extend_from_slice(&total.to_le_bytes());
                out.extend_from_slice(&self.bytes[record.start + 8..record.start + 20]);
                out.extend_from_slice(&(caplen as u32).to_le_bytes());
                out.extend_from_slice(&self.bytes[record.start + 24..record.start + 28]);
                out.extend_from_slice(data);
                out.resize(out.len() + caplen.div_ceil(4) * 4 - caplen, 0);
                out.extend_from_slice(options);
                out.extend_from_slice(&total.to_le_bytes());
            } else {
                out.extend_from_slice(&self.bytes[record.start..record.start + 8]);
                out.extend_from_slice(&(caplen as u32).to_le_bytes());
                out.extend_from_slice(&self.bytes[record.start + 12..record.start + 16]);
                out.extend_from_slice(data);
            }
            copied_to = record.end;
        }
        out.extend_from_slice(&self.bytes[copied_to..]);
        out
    }

    /// The shortest prefix of a record's frame that decodes exactly like the whole frame: the
    /// end of the headers the decoder reads (0 when the frame does not decode at all).
    fn header_len(&self, record: &Record) -> usize {
        let frame = &self.bytes[record.data_at..record.data_at + record.caplen];
        let Some(link) = record.link else { return 0 };
        let whole = decode(link, frame, record.wire_len, Timestamp(0));
        if whole.is_err() {
            return 0;
        }
        // Decoding a longer prefix never reads less, so the matching prefixes form a suffix range.
        let (mut low, mut high) = (0, frame.len());
        while low < high {
            let mid = (low + high) / 2;
            if decode(link, &frame[..mid], record.wire_len, Timestamp(0)) == whole {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        low
    }
}

fn committed_captures() -> &'static [Capture] {
    static CAPTURES: OnceLock<Vec<Capture>> = OnceLock::new();
    CAPTURES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["tests/data", "datasets"] {
            collect(&root.join(dir), &mut paths);
        }
        paths.sort();
        assert!(paths.len() >= 20, "the committed captures are found");
        paths.iter().map(|path| Capture::parse(path)).collect()
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // tests/data/fuzz holds fuzzer-made inputs, not captures of traffic.
            if path.file_name().is_some_and(|n| n != "fuzz") {
                collect(&path, out);
            }
        } else if path.file_name().is_some_and(|name| {
            let name = name.to_string_lossy();
            [".pcap", ".pcapng", ".pcap.gz", ".pcapng.gz"]
                .iter()
                .any(|ext| name.ends_with(ext))
        }) {
            out.push(path);
        }
    }
}

/// The capture's bytes, gunzipped when the file name ends in `.gz`.
fn read_decompressed(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
            .unwrap();
        plain
    } else {
        bytes
    }
}

fn extract(bytes: &[u8]) -> (Vec<FlowRecord>, CaptureReport) {
    let mut flows = Vec::new();
    let report = extract_reader("x", bytes, &ExtractConfig::default(), |f| flows.push(f));
    (flows, report)
}

/// Cuts every record of `capture` to a random length between its header length and its
/// captured length, and checks that the flows (identifiers and every feature) do not change.
fn check_random_snaplens(capture: &Capture, seed: u64) -> Result<(), TestCaseError> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut shortened = 0;
    let cut = capture.with_caplens(|_, record| {
        let keep = rng.gen_range(capture.header_len(record)..=record.caplen);
        shortened += usize::from(keep < record.caplen);
        keep
    });
    prop_assert!(shortened > 0 || capture.records.is_empty());
    let (full_flows, full) = extract(&capture.bytes);
    let (cut_flows, report) = extract(&cut);
    prop_assert!(full.error.is_none(), "{}: {:?}", capture.name, full.error);
    prop_assert!(
        report.error.is_none(),
        "{}: {:?}",
        capture.name,
        report.error
    );
    prop_assert_eq!(report.packets, full.packets, "{}", &capture.name);
    prop_assert!(
        cut_flows == full_flows,
        "{}: cutting records to their headers changed the flows",
        capture.name
    );
    Ok(())
}

#[test]
fn cutting_every_record_to_its_headers_changes_no_feature_in_any_committed_capture() {
    for capture in committed_captures() {
        // The extreme cut: every frame keeps only the bytes the decoder reads.
        let cut = capture.with_caplens(|_, record| capture.header_len(record));
        let (full_flows, full) = extract(&capture.bytes);
        let (cut_flows, report) = extract(&cut);
        assert!(
            report.error.is_none(),
            "{}: {:?}",
            capture.name,
            report.error
        );
        assert!(full.packets > 0, "{}", capture.name);
        assert_eq!(report.packets, full.packets, "{}", capture.name);
        assert!(cut_flows == full_flows, "{}", capture.name);
        check_random_snaplens(capture, 7).unwrap();
    }
}

/// What reading `capture` cut at byte `cut` must give: the flows of the whole records before the
/// cut, and an error at the last record boundary unless the cut falls exactly on one.
fn check_cut(capture: &Capture, cut: usize) -> Result<(), TestCaseError> {
    let bytes = &capture.bytes[..cut];
    let (flows, report) = extract(bytes);
    let name = &capture.name;
    if cut == 0 {
        let empty = matches!(report.error, Some(CaptureError::Empty));
        prop_assert!(empty);
        return Ok(());
    }
    if cut < 4 {
        let foreign = matches!(report.error, Some(CaptureError::NotACapture { .. }));
        prop_assert!(foreign);
        return Ok(());
    }
    let boundary = capture
        .boundaries
        .iter()
        .copied()
        .filter(|b| *b <= cut)
        .max();
    let Some(boundary) = boundary else {
        // Inside the file header (pcap) or the section header block (pcapng).
        prop_assert!(flows.is_empty());
        prop_assert_eq!(report.error.as_ref().and_then(|e| e.offset()), Some(0));
        return Ok(());
    };
    let (whole_flows, whole) = extract(&capture.bytes[..boundary]);
    prop_assert!(whole.error.is_none(), "{name}: {:?}", whole.error);
    if cut == boundary {
        prop_assert!(
            report.error.is_none(),
            "{name} cut at {cut}: {:?}",
            report.error
        );
    } else {
        prop_assert!(
            matches!(report.error, Some(CaptureError::Truncated { offset }) if offset == boundary as u64),
            "{name} cut at {cut}: expected a truncation at {boundary}, got {:?}",
            report.error
        );
    }
    prop_assert_eq!(report.bytes, boundary as u64);
    prop_assert_eq!(report.packets, whole.packets);
    prop_assert!(
        flows == whole_flows,
        "{name} cut at {cut}: the flows differ from those of the records before the cut"
    );
    Ok(())
}

/// Every committed capture, by index, with a cut position as a fraction of its length.
fn capture_and_cut() -> impl Strategy<Value = (usize, usize)> {
    let count = committed_captures().len();
    (0..count, any::<prop::sample::Index>()).prop_map(|(i, at)| {
        let len = committed_captures()[i].bytes.len();
        (i, at.index(len + 1))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_capture_cut_anywhere_gives_a_clean_error_and_the_flows_before_the_cut((i, cut) in capture_and_cut()) {
        check_cut(&committed_captures()[i], cut)?;
    }

    #[test]
    fn random_snaplens_change_no_feature((i, seed) in (0..committed_captures().len(), any::<u64>())) {
        check_random_snaplens(&committed_captures()[i], seed)?;
    }
}

#[test]
fn cuts_at_and_around_every_kind_of_boundary_are_clean() {
    // The small pcap and pcapng captures, cut inside and at the edges of their first blocks and
    // records, where the proptest above rarely lands.
    for capture in committed_captures()
        .iter()
        .filter(|c| c.name.contains("tests/data"))
    {
        let mut cuts: Vec<usize> = (0..40).collect();
        for b in capture.boundaries.iter().take(6) {
            cuts.extend([b - 1, *b, b + 1, b + 8, b + 15, b + 16, b + 17]);
        }
        for cut in cuts.into_iter().filter(|c| *c <= capture.bytes.len()) {
            check_cut(capture, cut).unwrap();
        }
    }
}
