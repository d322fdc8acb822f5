//! Streams frames out of pcap and pcapng captures with `pcap-parser`, in constant memory.
//!
//! The format is told from the first four bytes, never from the file name; a gzip-compressed
//! capture (as `tcpdump -G` rotations are often kept) is decompressed on the fly, and its
//! offsets then count decompressed bytes. The reader keeps a
//! fixed buffer ([`BUFFER_BYTES`]) that is refilled as frames are consumed, so memory does not
//! grow with the file. Frames are lent to a visitor and never copied. When a capture is
//! corrupt or cut short, every frame before the break has already been visited, and the error
//! says at which byte offset reading stopped.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::rc::Rc;

use flate2::read::MultiGzDecoder;

use pcap_parser::pcapng::Block;
use pcap_parser::traits::PcapReaderIterator;
use pcap_parser::{LegacyPcapReader, PcapBlockOwned, PcapError, PcapNGReader};

use crate::decode::LinkType;
use crate::error::CaptureError;
use crate::packet::Timestamp;

/// Size of the read buffer; also the largest record or block that can be read.
pub const BUFFER_BYTES: usize = 1 << 20;

/// The container format, as told by the magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pcap,
    PcapNg,
}

impl Format {
    /// The format announced by a file's first four bytes.
    pub fn sniff(magic: [u8; 4]) -> Option<Format> {
        match u32::from_be_bytes(magic) {
            0x0a0d_0d0a => Some(Format::PcapNg),
            0xa1b2_c3d4 | 0xd4c3_b2a1 | 0xa1b2_3c4d | 0x4d3c_b2a1 | 0xa1b2_cd34 | 0x34cd_b2a1 => {
                Some(Format::Pcap)
            }
            _ => None,
        }
    }
}

/// One captured frame, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// The link type number as written in the capture.
    pub linktype: i32,
    /// The framing, if flowclass reads this link type.
    pub link: Option<LinkType>,
    pub time: Timestamp,
    /// The captured bytes (possibly cut short by the snaplen).
    pub data: &'a [u8],
    /// The frame's length on the wire.
    pub wire_len: u32,
    /// The pcapng interface it was captured on, as numbered in its section (0 in a pcap).
    pub interface: u32,
}

/// The first two bytes of a gzip stream.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// What reading a capture came to: counts, and the error that stopped it, if any.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub format: Option<Format>,
    /// The capture was gzip-compressed; [`ReadOutcome::bytes`] and error offsets count
    /// decompressed bytes.
    pub gzipped: bool,
    pub frames: u64,
    /// Bytes of the capture consumed (the whole file when reading succeeded).
    pub bytes: u64,
    /// Frames of each link type that flowclass does not read.
    pub unsupported_links: BTreeMap<i32, u64>,
    /// Set when reading stopped early; everything before [`CaptureError::offset`] was visited.
    pub error: Option<CaptureError>,
}

/// Reads `input` to the end (or to the first error), passing every frame to `visit`.
pub fn read_frames<R: Read>(mut input: R, visit: impl FnMut(&Frame<'_>)) -> ReadOutcome {
    let mut magic = [0u8; 4];
    let got = match read_up_to(&mut input, &mut magic) {
        Ok(got) => got,
        Err(source) => {
            return ReadOutcome {
                error: Some(CaptureError::Io { offset: 0, source }),
                ..ReadOutcome::default()
            }
        }
    };
    let input = io::Cursor::new(magic).take(got as u64).chain(input);
    if got >= 2 && magic[..2] == GZIP_MAGIC {
        let mut outcome = read_container(MultiGzDecoder::new(input), visit);
        outcome.gzipped = true;
        outcome
    } else {
        read_container(input, visit)
    }
}

/// Reads an uncompressed pcap or pcapng stream.
fn read_container<R: Read>(input: R, mut visit: impl FnMut(&Frame<'_>)) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    let failure = Rc::new(Cell::new(None));
    let mut input = FillingReader::new(input, &failure);
    let mut magic = [0u8; 4];
    let got = match read_up_to(&mut input, &mut magic) {
        Ok(got) => got,
        Err(source) => {
            outcome.error = Some(CaptureError::Io { offset: 0, source });
            return outcome;
        }
    };
    let format = match (got, Format::sniff(magic)) {
        (0, _) => {
            outcome.error = Some(CaptureError::Empty);
            return outcome;
        }
        (4, Some(format)) => format,
        _ => {
            outcome.error = Some(CaptureError::NotACapture {
                magic: magic[..got].to_vec(),
            });
            return outcome;
        }
    };
    outcome.format = Some(format);
    // The parser's constructor reads once, and needs the whole file header (pcap) or section
    // header block (pcapng) from that one read.
    let mut peeked = magic.to_vec();
    let header_bytes = match format {
        Format::Pcap => PCAP_HEADER_BYTES,
        Format::PcapNg => {
            let mut rest = [0u8; 8];
            match read_up_to(&mut input, &mut rest) {
                Ok(got) => peeked.extend_from_slice(&rest[..got]),
                Err(source) => {
                    outcome.error = Some(CaptureError::Io { offset: 4, source });
                    return outcome;
                }
            }
            section_header_bytes(&peeked)
        }
    };
    let input = FillingReader::new(io::Cursor::new(peeked).chain(input), &failure)
        .filling_first(header_bytes);
    let mut counting_visit = |frame: &Frame<'_>, outcome: &mut ReadOutcome| {
        outcome.frames += 1;
        if frame.link.is_none() {
            *outcome.unsupported_links.entry(frame.linktype).or_default() += 1;
        } else {
            visit(frame);
        }
    };
    let result = match format {
        Format::Pcap => LegacyPcapReader::new(BUFFER_BYTES, input)
            .map_err(|e| open_error(e, &failure))
            .and_then(|mut reader| {
                drive(
                    &mut reader,
                    &mut outcome,
                    &mut LegacyState::default(),
                    &mut counting_visit,
                    &failure,
                )
            }),
        Format::PcapNg => PcapNGReader::new(BUFFER_BYTES, input)
            .map_err(|e| open_error(e, &failure))
            .and_then(|mut reader| {
                drive(
                    &mut reader,
                    &mut outcome,
                    &mut NgState::default(),
                    &mut counting_visit,
                    &failure,
                )
            }),
    };
    if let Err(error) = result {
        outcome.error = Some(error);
    }
    outcome
}

fn open_error(error: PcapError<&[u8]>, failure: &Cell<Option<io::Error>>) -> CaptureError {
    match error {
        PcapError::ReadError => read_error(0, failure),
        PcapError::Incomplete(_) | PcapError::UnexpectedEof | PcapError::Eof => {
            CaptureError::Truncated { offset: 0 }
        }
        other => CaptureError::Corrupt {
            offset: 0,
            reason: format!("unreadable file header ({})", describe(&other)),
        },
    }
}

/// Turns blocks into frames; one implementation per container format.
trait BlockHandler {
    fn frame<'a>(
        &mut self,
        block: PcapBlockOwned<'a>,
        offset: u64,
    ) -> Result<Option<Frame<'a>>, CaptureError>;
}

#[derive(Default)]
struct LegacyState {
    linktype: i32,
    nanoseconds: bool,
    snaplen: u32,
}

impl BlockHandler for LegacyState {
    fn frame<'a>(
        &mut self,
        block: PcapBlockOwned<'a>,
        offset: u64,
    ) -> Result<Option<Frame<'a>>, CaptureError> {
        match block {
            PcapBlockOwned::LegacyHeader(header) => {
                self.linktype = header.network.0;
                self.nanoseconds = header.is_nanosecond_precision();
                self.snaplen = header.snaplen;
                Ok(None)
            }
            PcapBlockOwned::Legacy(record) => {
                if self.snaplen > 0 && record.caplen > self.snaplen {
                    return Err(CaptureError::Corrupt {
                        offset,
                        reason: format!(
                            "the record holds {} bytes, more than the file's snaplen of {}",
                            record.caplen, self.snaplen
                        ),
                    });
                }
                let fraction_ns = if self.nanoseconds {
                    i64::from(record.ts_usec)
                } else {
                    i64::from(record.ts_usec) * 1_000
                };
                let time = Timestamp(i64::from(record.ts_sec) * 1_000_000_000 + fraction_ns);
                Ok(Some(Frame {
                    linktype: self.linktype,
                    link: LinkType::from_linktype(self.linktype),
                    time,
                    data: record.data,
                    // A record claiming to be shorter on the wire than captured is taken at its captured size.
                    wire_len: record.origlen.max(record.caplen),
                    interface: 0,
                }))
            }
            PcapBlockOwned::NG(_) => Ok(None),
        }
    }
}

struct Interface {
    linktype: i32,
    /// Timestamp units per second.
    resolution: u64,
    offset_seconds: i64,
    snaplen: u32,
}

#[derive(Default)]
struct NgState {
    interfaces: Vec<Interface>,
    last_time: Timestamp,
}

impl BlockHandler for NgState {
    fn frame<'a>(
        &mut self,
        block: PcapBlockOwned<'a>,
        offset: u64,
    ) -> Result<Option<Frame<'a>>, CaptureError> {
        let PcapBlockOwned::NG(block) = block else {
            return Ok(None);
        };
        match block {
            Block::SectionHeader(_) => {
                // Interfaces are numbered afresh in every section.
                self.interfaces.clear();
                Ok(None)
            }
            Block::InterfaceDescription(idb) => {
                let resolution =
                    ticks_per_second(idb.if_tsresol).ok_or_else(|| CaptureError::Corrupt {
                        offset,
                        reason: format!(
                            "interface {} has an impossible timestamp resolution (if_tsresol {})",
                            self.interfaces.len(),
                            idb.if_tsresol
                        ),
                    })?;
                self.interfaces.push(Interface {
                    linktype: idb.linktype.0,
                    resolution,
                    offset_seconds: idb.ts_offset(),
                    snaplen: idb.snaplen,
                });
                Ok(None)
            }
            Block::EnhancedPacket(epb) => {
                let interface = self.interfaces.get(epb.if_id as usize).ok_or(
                    CaptureError::UnknownInterface {
                        offset,
                        interface: epb.if_id,
                        described: self.interfaces.len(),
                    },
                )?;
                let ticks = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                let nanos = u128::from(ticks) * 1_000_000_000 / u128::from(interface.resolution);
                let nanos = i64::try_from(nanos)
                    .unwrap_or(i64::MAX)
                    .saturating_add(interface.offset_seconds.saturating_mul(1_000_000_000));
                self.last_time = Timestamp(nanos);
                let caplen = (epb.caplen as usize).min(epb.data.len());
                Ok(Some(Frame {
                    linktype: interface.linktype,
                    link: LinkType::from_linktype(interface.linktype),
                    time: self.last_time,
                    data: &epb.data[..caplen],
                    wire_len: epb.origlen.max(epb.caplen),
                    interface: epb.if_id,
                }))
            }
            Block::SimplePacket(spb) => {
                // A simple packet belongs to interface 0 and has no timestamp: it takes the last one seen.
                let interface = self
                    .interfaces
                    .first()
                    .ok_or(CaptureError::UnknownInterface {
                        offset,
                        interface: 0,
                        described: 0,
                    })?;
                let snaplen = if interface.snaplen == 0 {
                    u32::MAX
                } else {
                    interface.snaplen
                };
                let caplen = (spb.origlen.min(snaplen) as usize).min(spb.data.len());
                Ok(Some(Frame {
                    linktype: interface.linktype,
                    link: LinkType::from_linktype(interface.linktype),
                    time: self.last_time,
                    data: &spb.data[..caplen],
                    wire_len: spb.origlen,
                    interface: 0,
                }))
            }
            // Name resolution, statistics, custom, journal, secrets and unknown blocks carry no packets.
            _ => Ok(None),
        }
    }
}

/// Timestamp units per second for a pcapng `if_tsresol`: 10^n, or 2^n when the top bit is set.
/// (pcap-parser 0.17's `ts_resolution` refuses every power of two: it compares the byte, top bit
/// included, with 63.)
fn ticks_per_second(if_tsresol: u8) -> Option<u64> {
    let exponent = u32::from(if_tsresol & 0x7f);
    if if_tsresol & 0x80 == 0 {
        10u64.checked_pow(exponent)
    } else {
        1u64.checked_shl(exponent)
    }
}

/// The read loop: end of file, "need more bytes" and real errors are told apart, so a corrupt
/// file is an error and never a silent early stop.
fn drive<R: PcapReaderIterator>(
    reader: &mut R,
    outcome: &mut ReadOutcome,
    handler: &mut impl BlockHandler,
    visit: &mut impl FnMut(&Frame<'_>, &mut ReadOutcome),
    failure: &Cell<Option<io::Error>>,
) -> Result<(), CaptureError> {
    loop {
        let offset = reader.consumed() as u64;
        match reader.next() {
            Ok((length, block)) => {
                if let Some(frame) = handler.frame(block, offset)? {
                    visit(&frame, outcome);
                }
                reader.consume(length);
                outcome.bytes = reader.consumed() as u64;
            }
            Err(PcapError::Eof) => return Ok(()),
            Err(PcapError::Incomplete(_)) => {
                reader.refill().map_err(|e| match e {
                    PcapError::ReadError => read_error(offset, failure),
                    other => CaptureError::Corrupt {
                        offset,
                        reason: describe(&other),
                    },
                })?;
            }
            Err(PcapError::UnexpectedEof) => return Err(CaptureError::Truncated { offset }),
            Err(PcapError::BufferTooSmall) => {
                return Err(CaptureError::RecordTooLarge {
                    offset,
                    limit: BUFFER_BYTES,
                })
            }
            Err(PcapError::ReadError) => return Err(read_error(offset, failure)),
            Err(other) => {
                return Err(CaptureError::Corrupt {
                    offset,
                    reason: describe(&other),
                })
            }
        }
    }
}

/// pcap-parser turns a failed read into a bare `ReadError`; the cause waits in `failure`.
fn read_error(offset: u64, failure: &Cell<Option<io::Error>>) -> CaptureError {
    CaptureError::Io {
        offset,
        source: failure
            .take()
            .unwrap_or_else(|| io::Error::other("read failed")),
    }
}

fn describe(error: &PcapError<&[u8]>) -> String {
    match error {
        PcapError::NomError(..) => {
            "block or record does not parse; its length field may lie".into()
        }
        PcapError::OwnedNomError(..) => "header does not parse".into(),
        PcapError::HeaderNotRecognized => "header not recognized".into(),
        other => format!("{other:?}"),
    }
}

/// Length of a pcap file header.
const PCAP_HEADER_BYTES: usize = 24;

/// Length of the pcapng section header block that `start` (its first 12 bytes: type, length,
/// byte-order magic) begins, within what the read buffer holds; just `start`'s length when the
/// byte-order magic is not there to read the length by (the parser then says what is wrong).
fn section_header_bytes(start: &[u8]) -> usize {
    let Some((length, magic)) = start
        .get(4..8)
        .zip(start.get(8..12))
        .and_then(|(length, magic)| Some((<[u8; 4]>::try_from(length).ok()?, magic)))
    else {
        return start.len();
    };
    let length = match magic {
        [0x4d, 0x3c, 0x2b, 0x1a] => u32::from_le_bytes(length),
        [0x1a, 0x2b, 0x3c, 0x4d] => u32::from_be_bytes(length),
        _ => return start.len(),
    };
    usize::try_from(length)
        .unwrap_or(BUFFER_BYTES)
        .clamp(start.len(), BUFFER_BYTES)
}

/// Reads until `buf` is full or the input ends; returns how much was read.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    match fill(input, buf) {
        (_, Some(error)) => Err(error),
        (filled, None) => Ok(filled),
    }
}

/// Reads until `buf` is full, the input ends or a read fails; returns how much was read, and
/// the failure.
fn fill(input: &mut impl Read, buf: &mut [u8]) -> (usize, Option<io::Error>) {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return (filled, Some(e)),
        }
    }
    (filled, None)
}

/// Reads once, retrying only when interrupted; returns how much was read, and the failure.
fn read_once(input: &mut impl Read, buf: &mut [u8]) -> (usize, Option<io::Error>) {
    loop {
        match input.read(buf) {
            Ok(n) => return (n, None),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return (0, Some(e)),
        }
    }
}

/// The reader the parser reads through. Its first read can be made to deliver a given number of
/// bytes (the container's header, which the parser's constructor takes from one read) unless
/// the input ends first; every other read returns as soon as some bytes are there, so frames
/// arriving through a pipe (`tcpdump -U -w - | flowclass classify -`) are parsed as they come
/// rather than once a buffer's worth has piled up (a read of 0 bytes is the end of the input to
/// the parser). A read error is kept in `failure` for the report, since the parser drops it. An
/// error after some bytes were read is held back until the next read, so the bytes before it
/// still reach the parser.
struct FillingReader<R> {
    inner: R,
    failure: Rc<Cell<Option<io::Error>>>,
    pending: Option<io::Error>,
    /// Bytes the next read must deliver unless the input ends; 0 once that read is done.
    first_read_bytes: usize,
}

impl<R> FillingReader<R> {
    fn new(inner: R, failure: &Rc<Cell<Option<io::Error>>>) -> Self {
        FillingReader {
            inner,
            failure: Rc::clone(failure),
            pending: None,
            first_read_bytes: 0,
        }
    }

    /// Makes the first read deliver `bytes` bytes (fewer only when the input ends).
    fn filling_first(mut self, bytes: usize) -> Self {
        self.first_read_bytes = bytes;
        self
    }

    fn fail(&mut self, error: io::Error) -> io::Error {
        let kind = error.kind();
        self.failure.set(Some(error));
        io::Error::from(kind)
    }
}

impl<R: Read> Read for FillingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(error) = self.pending.take() {
            return Err(self.fail(error));
        }
        let wanted = std::mem::take(&mut self.first_read_bytes).min(buf.len());
        let read = if wanted > 0 {
            fill(&mut self.inner, &mut buf[..wanted])
        } else {
            read_once(&mut self.inner, buf)
        };
        match read {
            (filled, Some(error)) if filled > 0 => {
                self.pending = Some(error);
                Ok(filled)
            }
            (_, Some(error)) => Err(self.fail(error)),
            (filled, None) => Ok(filled),
        }
    }
}

#[cfg(test)]
mod tests {
    //! Captures here are hand-built in memory to pin the container parsing; the packets in them
    //! are placeholders, not traffic. Real captures are tested in `tests/`.
    use super::*;

    fn pcap_header(magic: u32, linktype: u32, big_endian: bool) -> Vec<u8> {
        let fields: [u32; 6] = [magic, 0x0004_0002, 0, 0, 65535, linktype];
        let mut out = Vec::new();
        for (i, v) in fields.iter().enumerate() {
            let bytes = if i == 1 {
                // version major, minor as two u16s
                let (major, minor) = (2u16, 4u16);
                if big_endian {
                    [major.to_be_bytes(), minor.to_be_bytes()].concat()
                } else {
                    [major.to_le_bytes(), minor.to_le_bytes()].concat()
                }
            } else if big_endian {
                v.to_be_bytes().to_vec()
            } else {
                v.to_le_bytes().to_vec()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    fn pcap_record(sec: u32, frac: u32, data: &[u8], origlen: u32, big_endian: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for v in [sec, frac, data.len() as u32, origlen] {
            out.extend_from_slice(&if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            });
        }
        out.extend_from_slice(data);
        out
    }

    fn collect(bytes: &[u8]) -> (Vec<(i64, usize, u32, i32)>, ReadOutcome) {
        let mut frames = Vec::new();
        let outcome = read_frames(bytes, |f| {
            frames.push((f.time.0, f.data.len(), f.wire_len, f.linktype))
        });
        (frames, outcome)
    }

    #[test]
    fn pcap_in_both_byte_orders_and_both_resolutions() {
        for (magic, big_endian, nanos) in [
            (0xa1b2c3d4u32, false, false),
            (0xa1b2c3d4, true, false),
            (0xa1b23c4d, false, true),
            (0xa1b23c4d, true, true),
        ] {
            let mut file = pcap_header(magic, 1, big_endian);
            file.extend(pcap_record(10, 500, &[0u8; 20], 60, big_endian));
            let (frames, outcome) = collect(&file);
            assert!(outcome.error.is_none(), "{:?}", outcome.error);
            let expected_time = 10_000_000_000 + if nanos { 500 } else { 500_000 };
            assert_eq!(frames, vec![(expected_time, 20, 60, 1)]);
            assert_eq!(outcome.bytes, file.len() as u64);
        }
    }

    #[test]
    fn empty_and_foreign_files_are_errors() {
        assert!(matches!(collect(&[]).1.error, Some(CaptureError::Empty)));
        assert!(matches!(
            collect(b"GIF89a....").1.error,
            Some(CaptureError::NotACapture { .. })
        ));
        assert!(matches!(
            collect(b"\xd4\xc3").1.error,
            Some(CaptureError::NotACapture { .. })
        ));
    }

    #[test]
    fn a_cut_record_keeps_the_frames_before_it_and_names_the_offset() {
        let mut file = pcap_header(0xa1b2c3d4, 1, false);
        file.extend(pcap_record(1, 0, &[1u8; 30], 30, false));
        let second_at = file.len() as u64;
        file.extend(pcap_record(2, 0, &[2u8; 30], 30, false));
        file.truncate(file.len() - 5);
        let (frames, outcome) = collect(&file);
        assert_eq!(frames.len(), 1);
        match outcome.error {
            Some(CaptureError::Truncated { offset }) => assert_eq!(offset, second_at),
            other => panic!("expected a truncation error, got {other:?}"),
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn two_record_pcap() -> Vec<u8> {
        let mut file = pcap_header(0xa1b2c3d4, 1, false);
        for second in 1..=2u8 {
            file.extend(pcap_record(
                u32::from(second),
                0,
                &[second; 300],
                300,
                false,
            ));
        }
        file
    }

    #[test]
    fn a_gzipped_capture_reads_like_the_plain_one() {
        let plain = two_record_pcap();
        let (plain_frames, plain_outcome) = collect(&plain);
        let (frames, outcome) = collect(&gzip(&plain));
        assert!(outcome.error.is_none(), "{:?}", outcome.error);
        assert!(outcome.gzipped && !plain_outcome.gzipped);
        assert_eq!(frames, plain_frames);
        assert_eq!(outcome.bytes, plain.len() as u64);
        assert_eq!(outcome.format, Some(Format::Pcap));
    }

    #[test]
    fn a_cut_gzip_stream_keeps_the_frames_before_the_cut() {
        let plain = two_record_pcap();
        let mut compressed = gzip(&plain);
        // Without its 8-byte trailer and the last bytes of deflate data, the second record
        // cannot be complete.
        compressed.truncate(compressed.len() - 12);
        let (frames, outcome) = collect(&compressed);
        assert!(frames.len() <= 1, "{frames:?}");
        assert!(outcome.gzipped);
        let error = outcome.error.expect("a cut stream is an error");
        assert!(error.offset().is_some(), "{error}");
    }

    #[test]
    fn corrupt_deflate_data_is_an_error_that_says_why() {
        let mut compressed = gzip(&two_record_pcap());
        for byte in &mut compressed[12..20] {
            *byte ^= 0xa5;
        }
        let (_, outcome) = collect(&compressed);
        let error = outcome.error.expect("corrupt deflate data is an error");
        let message = error.to_string();
        assert!(
            matches!(error, CaptureError::Io { .. }) && !message.contains("read failed"),
            "{message}"
        );
    }

    #[test]
    fn gzip_around_something_else_is_not_a_capture() {
        assert!(matches!(
            collect(&gzip(b"GIF89a, not a capture")).1.error,
            Some(CaptureError::NotACapture { .. })
        ));
    }

    #[test]
    fn a_huge_caplen_is_an_error_not_an_allocation() {
        let mut file = pcap_header(0xa1b2c3d4, 1, false);
        let mut record = pcap_record(1, 0, &[], 0, false);
        record[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        file.extend(record);
        file.extend(vec![0u8; BUFFER_BYTES + 10]);
        let (frames, outcome) = collect(&file);
        assert!(frames.is_empty());
        assert!(
            matches!(
                outcome.error,
                Some(CaptureError::RecordTooLarge { offset: 24, .. })
            ),
            "{:?}",
            outcome.error
        );
    }

    #[test]
    fn a_record_longer_than_the_snaplen_is_an_error() {
        let mut file = pcap_header(0xa1b2c3d4, 1, false);
        file[16..20].copy_from_slice(&64u32.to_le_bytes());
        file.extend(pcap_record(1, 0, &[0u8; 60], 60, false));
        file.extend(pcap_record(2, 0, &[0u8; 65], 65, false));
        let (frames, outcome) = collect(&file);
        assert_eq!(frames.len(), 1);
        assert!(
            matches!(
                outcome.error,
                Some(CaptureError::Corrupt { offset: 100, .. })
            ),
            "{:?}",
            outcome.error
        );
    }

    #[test]
    fn unsupported_link_types_are_counted_not_visited() {
        let mut file = pcap_header(0xa1b2c3d4, 147, false);
        file.extend(pcap_record(1, 0, &[0u8; 10], 10, false));
        file.extend(pcap_record(1, 1, &[0u8; 10], 10, false));
        let (frames, outcome) = collect(&file);
        assert!(frames.is_empty());
        assert_eq!(outcome.unsupported_links.get(&147), Some(&2));
        assert_eq!(outcome.frames, 2);
    }

    fn ng_block(block_type: u32, body: &[u8]) -> Vec<u8> {
        let padded = body.len().div_ceil(4) * 4;
        let total = (12 + padded) as u32;
        let mut out = block_type.to_le_bytes().to_vec();
        out.extend_from_slice(&total.to_le_bytes());
        out.extend_from_slice(body);
        out.resize(8 + padded, 0);
        out.extend_from_slice(&total.to_le_bytes());
        out
    }

    fn shb() -> Vec<u8> {
        let mut body = 0x1a2b_3c4du32.to_le_bytes().to_vec();
        body.extend_from_slice(&[1, 0, 0, 0]);
        body.extend_from_slice(&(-1i64).to_le_bytes());
        ng_block(0x0a0d_0d0a, &body)
    }

    fn idb(linktype: u16, tsresol: Option<u8>) -> Vec<u8> {
        let mut body = linktype.to_le_bytes().to_vec();
        body.extend_from_slice(&[0, 0]);
        body.extend_from_slice(&0u32.to_le_bytes());
        if let Some(r) = tsresol {
            body.extend_from_slice(&[9, 0, 1, 0, r, 0, 0, 0]); // if_tsresol
            body.extend_from_slice(&[0, 0, 0, 0]); // opt_endofopt
        }
        ng_block(1, &body)
    }

    fn epb(interface: u32, ticks: u64, data: &[u8]) -> Vec<u8> {
        let mut body = interface.to_le_bytes().to_vec();
        body.extend_from_slice(&((ticks >> 32) as u32).to_le_bytes());
        body.extend_from_slice(&(ticks as u32).to_le_bytes());
        body.extend_from_slice(&(data.len() as u32).to_le_bytes());
        body.extend_from_slice(&(data.len() as u32 + 100).to_le_bytes());
        body.extend_from_slice(data);
        ng_block(6, &body)
    }

    #[test]
    fn pcapng_interfaces_each_keep_their_link_type_and_resolution() {
        let mut file = shb();
        file.extend(idb(1, None)); // microseconds by default
        file.extend(idb(101, Some(9))); // nanoseconds
        file.extend(ng_block(0x0000_0bad, &[1, 2, 3, 4])); // a custom block to skip
        file.extend(epb(0, 2_000_000, &[0u8; 14]));
        file.extend(epb(1, 3_000_000_001, &[0x45u8; 20]));
        let mut spb = 60u32.to_le_bytes().to_vec();
        spb.extend_from_slice(&[0u8; 60]);
        file.extend(ng_block(3, &spb));
        let (frames, outcome) = collect(&file);
        assert!(outcome.error.is_none(), "{:?}", outcome.error);
        assert_eq!(
            frames,
            vec![
                (2_000_000_000, 14, 114, 1),
                (3_000_000_001, 20, 120, 101),
                (3_000_000_001, 60, 60, 1)
            ]
        );
    }

    #[test]
    fn pcapng_binary_and_decimal_resolutions_and_impossible_ones() {
        let mut file = shb();
        file.extend(idb(1, Some(0x80 | 20))); // 2^20 ticks per second
        file.extend(epb(0, 3 << 20, &[0u8; 14]));
        let (frames, outcome) = collect(&file);
        assert!(outcome.error.is_none(), "{:?}", outcome.error);
        assert_eq!(frames, vec![(3_000_000_000, 14, 114, 1)]);
        assert_eq!(ticks_per_second(0), Some(1));
        assert_eq!(ticks_per_second(19), Some(10_000_000_000_000_000_000));
        assert_eq!(ticks_per_second(0x80 | 63), Some(1 << 63));
        for impossible in [20, 127, 0x80 | 64, 0xff] {
            assert_eq!(ticks_per_second(impossible), None, "{impossible}");
            let mut file = shb();
            file.extend(idb(1, Some(impossible)));
            assert!(matches!(
                collect(&file).1.error,
                Some(CaptureError::Corrupt { .. })
            ));
        }
    }

    #[test]
    fn pcapng_lies_are_errors_with_offsets() {
        let mut file = shb();
        file.extend(idb(1, None));
        let packet_at = file.len() as u64;
        let mut lying = epb(0, 1, &[0u8; 16]);
        lying[4..8].copy_from_slice(&24u32.to_le_bytes()); // block length shorter than its header
        file.extend(lying);
        let (_, outcome) = collect(&file);
        let error = outcome
            .error
            .expect("a lying block length must be an error");
        assert_eq!(error.offset(), Some(packet_at));
        assert_eq!(
            error.to_string(),
            format!(
                "corrupt capture at byte {packet_at}: block or record does not parse; its length field may lie"
            ),
            "the message names no parser internals"
        );

        let mut file = shb();
        file.extend(epb(3, 1, &[0u8; 8]));
        let (_, outcome) = collect(&file);
        assert!(matches!(
            outcome.error,
            Some(CaptureError::UnknownInterface {
                interface: 3,
                described: 0,
                ..
            })
        ));
    }

    #[test]
    fn a_reader_that_trickles_bytes_reads_like_a_file() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(self.0.len()).min(3);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut pcap = pcap_header(0xa1b2c3d4, 1, false);
        let mut pcapng = [shb(), idb(1, None)].concat();
        for i in 0..50 {
            pcap.extend(pcap_record(i, 0, &[0u8; 40], 40, false));
            pcapng.extend(epb(0, u64::from(i), &[0u8; 40]));
        }
        for file in [pcap, pcapng] {
            let mut count = 0;
            let outcome = read_frames(Trickle(&file), |_| count += 1);
            assert!(outcome.error.is_none(), "{:?}", outcome.error);
            assert_eq!(count, 50);
        }
    }

    #[test]
    fn a_section_header_is_measured_by_its_own_byte_order() {
        let little = shb();
        assert_eq!(section_header_bytes(&little[..12]), little.len());
        let mut big = little[..12].to_vec();
        big[4..8].copy_from_slice(&300u32.to_be_bytes());
        big[8..12].copy_from_slice(&0x1a2b_3c4du32.to_be_bytes());
        assert_eq!(section_header_bytes(&big), 300);
        // Lengths the buffer cannot hold, or that no byte-order magic vouches for, are left
        // for the parser to refuse.
        big[4..8].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(section_header_bytes(&big), BUFFER_BYTES);
        big[8] = 0;
        assert_eq!(section_header_bytes(&big), 12);
        assert_eq!(section_header_bytes(&little[..7]), 7);
    }
}
