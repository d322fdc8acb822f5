//! One capture over many cores: one reader decodes the capture and hands each packet to one of
//! N flow workers, chosen by a hash of its flow key (so both directions of a conversation go to
//! the same worker), each with its own flow table. Workers turn their flows into output bytes
//! (formatting, classifying) themselves; the reader's thread writes what they send back.
//!
//! Every worker is told every packet's time, not only its own packets', so its flows end by
//! their timers as in one table that saw the whole capture: the rows are the same as one
//! table's. Their order differs, as workers finish at their own pace; with `ordered`, each row
//! is tagged with the packet at which its flow ended and the rows are merged by that tag, which
//! gives one table's order except where a worker's timers end a flow at another packet than one
//! table's queue would (the flow's row is the same; docs/THROUGHPUT.md). Flows ending at the
//! same packet in different workers are merged by their last packet's time; flows still open at
//! the end of the capture by start, then by the packet that opened them. The open-flow cap is
//! split evenly among the workers.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::Arc;

use crate::capture::read_frames;
use crate::decode::PacketSummary;
use crate::error::CaptureError;
use crate::extract::{CaptureReport, ExtractConfig, Packets};
use crate::flow::{FlowKey, FlowRecord, FlowTable, TableStats, Timestamp};

/// How to spread one capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    /// Flow workers (threads besides the reader's).
    pub workers: usize,
    /// Merge the rows by the packet at which their flows ended (about the order one flow
    /// table gives, and the same run to run), instead of as they come.
    pub ordered: bool,
}

/// Turns one flow into its output bytes; runs on the workers.
pub type Render<'a> = dyn Fn(&FlowRecord, &mut Vec<u8>) -> io::Result<()> + Sync + 'a;

/// Packets the reader collects before handing them out.
const BATCH: usize = 16384;

/// Capture time one batch may span, in nanoseconds.
const BATCH_SPAN_NS: i64 = 1_000_000_000;

/// Batches in flight to each worker: enough to keep it busy, little enough to bound memory.
const BATCHES_IN_FLIGHT: usize = 4;

/// Rendered bytes a worker holds before it sends them on, even within a batch: flows still
/// open at the end of a capture are rendered all at once, and on a busy link they are many.
const SEND_AT_BYTES: usize = 1 << 18;

/// A stretch of the capture, as one worker sees it: every packet's time, and its own packets
/// with their place in the stretch.
struct Batch {
    first_index: u64,
    times: Arc<Vec<Timestamp>>,
    packets: Vec<(u32, PacketSummary)>,
}

/// Where a row goes in the order one table gives: the packet at which its flow ended, then the
/// step of that packet (timers before the packet's own flow), then a time and a flow number
/// that order flows ending together; then the worker's own order.
type Tag = (u64, u8, i64, u64, u64);

/// Rows from a worker, and how far it has read.
enum Report {
    Rows {
        worker: usize,
        bytes: Vec<u8>,
        /// With `ordered`: each row's tag and where it ends in `bytes`.
        rows: Vec<(Tag, usize)>,
        /// Every later row of this worker ends at this packet or after.
        read_up_to: u64,
    },
    Done {
        worker: usize,
        stats: TableStats,
        error: Option<io::Error>,
    },
}

/// Reads one capture from `input` with `spread.workers` flow workers, writing each flow's
/// rendering to `out`. A failed write (or rendering) stops the writing and is reported as the
/// capture's error; `live` input is flushed batch by batch.
pub fn extract_spread<R: Read>(
    capture: &str,
    input: R,
    config: &ExtractConfig,
    spread: Spread,
    live: bool,
    render: &Render<'_>,
    out: &mut dyn Write,
) -> CaptureReport {
    let workers = spread.workers.max(1);
    let mut worker_config = *config;
    worker_config.flow.max_open_flows = config.flow.max_open_flows.div_ceil(workers).max(1);
    let (report_tx, report_rx) = mpsc::channel();
    let (spare_tx, spare_rx) = mpsc::channel();
    std::thread::scope(|scope| {
        let mut batch_txs = Vec::with_capacity(workers);
        for worker in 0..workers {
            let (batch_tx, batch_rx) = mpsc::sync_channel(BATCHES_IN_FLIGHT);
            batch_txs.push(batch_tx);
            let output = WorkerOutput::new(worker, spread.ordered, report_tx.clone());
            let spare_tx = spare_tx.clone();
            let worker_config = &worker_config;
            scope.spawn(move || {
                run_worker(capture, worker_config, render, batch_rx, spare_tx, output)
            });
        }
        drop((report_tx, spare_tx));
        let mut writer = Writer::new(workers, spread.ordered, out, live);
        let mut reader = Reader::new(batch_txs, spare_rx);
        let mut packets = Packets::new(config);
        let mut outcome = read_frames(input, |frame| {
            if let Some(packet) = packets.packet(frame) {
                if reader.add(packet) {
                    reader.send();
                    writer.take(&report_rx, false);
                }
            }
        });
        reader.send();
        drop(reader);
        writer.take(&report_rx, true);
        let (table, write_error) = writer.finish();
        let error = outcome
            .error
            .take()
            .or(write_error.map(|source| CaptureError::Io {
                offset: outcome.bytes,
                source,
            }));
        packets.report(capture, outcome, table, error)
    })
}

/// One worker's packets of a batch, with their places in it.
type OwnPackets = Vec<(u32, PacketSummary)>;

/// The reader's side: collects packets into one batch per worker.
struct Reader {
    senders: Vec<SyncSender<Batch>>,
    /// Packet vectors the workers are done with, to fill again.
    spare: Receiver<OwnPackets>,
    times: Vec<Timestamp>,
    packets_of: Vec<OwnPackets>,
    /// Packets read before the current batch.
    first_index: u64,
}

impl Reader {
    fn new(senders: Vec<SyncSender<Batch>>, spare: Receiver<OwnPackets>) -> Reader {
        let workers = senders.len();
        Reader {
            senders,
            spare,
            times: Vec::with_capacity(BATCH),
            packets_of: (0..workers).map(|_| Vec::new()).collect(),
            first_index: 0,
        }
    }

    /// Adds a packet; true when the batch is due: full, or spanning a second of capture time
    /// (so that a live capture's rows do not wait long for a quiet link to fill a batch).
    fn add(&mut self, packet: PacketSummary) -> bool {
        let key = FlowKey::new(packet.transport, packet.src, packet.dst).in_network(packet.network);
        let worker = key.worker(self.senders.len());
        let place = self.times.len() as u32;
        self.times.push(packet.time);
        self.packets_of[worker].push((place, packet));
        self.times.len() >= BATCH || packet.time.0.saturating_sub(self.times[0].0) > BATCH_SPAN_NS
    }

    /// Hands the batch out (every worker gets every time, even without packets of its own).
    fn send(&mut self) {
        if self.times.is_empty() {
            return;
        }
        let times = Arc::new(std::mem::replace(
            &mut self.times,
            Vec::with_capacity(BATCH),
        ));
        for (sender, packets) in self.senders.iter().zip(&mut self.packets_of) {
            let spare = self.spare.try_recv().unwrap_or_default();
            let batch = Batch {
                first_index: self.first_index,
                times: Arc::clone(&times),
                packets: std::mem::replace(packets, spare),
            };
            // A worker that is gone has failed; its report says why.
            let _ = sender.send(batch);
        }
        self.first_index += times.len() as u64;
    }
}

/// One flow worker: runs its share of the capture's packets through its own flow table, and
/// hands each batch's packet vector back to the reader to be filled again.
fn run_worker(
    capture: &str,
    config: &ExtractConfig,
    render: &Render<'_>,
    batches: Receiver<Batch>,
    spare: Sender<OwnPackets>,
    mut output: WorkerOutput,
) {
    let mut table = FlowTable::new(capture, config.flow, config.features)
        .emitting_when_measured(config.emit_when_measured);
    for batch in batches {
        let mut own = batch.packets.iter().peekable();
        for (place, time) in batch.times.iter().enumerate() {
            let index = batch.first_index + place as u64;
            table.advance(*time, &mut |flow| {
                output.add(render, &flow, (index, 0, flow.end.0), 0)
            });
            if let Some((_, packet)) = own.next_if(|(p, _)| *p as usize == place) {
                table.number_next(index);
                table.push(packet, &mut |flow| {
                    output.add(render, &flow, (index, 1, 0), 0)
                });
            }
        }
        let mut packets = batch.packets;
        packets.clear();
        // A reader that is gone has nothing more to fill.
        let _ = spare.send(packets);
        output.read_up_to = batch.first_index + batch.times.len() as u64;
        if !output.send() {
            return;
        }
    }
    // Flows still open end in order of start, then of first packet (their number); they end
    // after every packet.
    output.read_up_to = u64::MAX - 1;
    let stats = table.finish_numbered(&mut |id, flow| {
        output.add(render, &flow, (u64::MAX - 1, 0, flow.start.0), id)
    });
    output.read_up_to = u64::MAX;
    output.send();
    output.done(stats);
}

/// A worker's rendered rows, sent to the writer after each batch and whenever they fill
/// [`SEND_AT_BYTES`].
struct WorkerOutput {
    worker: usize,
    reports: Sender<Report>,
    bytes: Vec<u8>,
    rows: Vec<(Tag, usize)>,
    ordered: bool,
    sequence: u64,
    /// Every row not yet rendered will end at this packet or after.
    read_up_to: u64,
    error: Option<io::Error>,
}

impl WorkerOutput {
    fn new(worker: usize, ordered: bool, reports: Sender<Report>) -> WorkerOutput {
        WorkerOutput {
            worker,
            reports,
            bytes: Vec::new(),
            rows: Vec::new(),
            ordered,
            sequence: 0,
            read_up_to: 0,
            error: None,
        }
    }

    /// Renders `flow`, tagged with where it ended: at the packet `index`, in `step`, at `time`,
    /// as the table's flow number `number` (0 where the table's own order decides).
    fn add(
        &mut self,
        render: &Render<'_>,
        flow: &FlowRecord,
        (index, step, time): (u64, u8, i64),
        number: u64,
    ) {
        if self.error.is_some() {
            return;
        }
        if let Err(e) = render(flow, &mut self.bytes) {
            self.error = Some(e);
            return;
        }
        if self.ordered {
            self.rows
                .push(((index, step, time, number, self.sequence), self.bytes.len()));
            self.sequence += 1;
        }
        if self.bytes.len() >= SEND_AT_BYTES {
            self.send();
        }
    }

    /// Sends the rows rendered so far; false when the writer is gone.
    fn send(&mut self) -> bool {
        let rows = Report::Rows {
            worker: self.worker,
            bytes: std::mem::take(&mut self.bytes),
            rows: std::mem::take(&mut self.rows),
            read_up_to: self.read_up_to,
        };
        self.reports.send(rows).is_ok()
    }

    fn done(self, stats: TableStats) {
        let _ = self.reports.send(Report::Done {
            worker: self.worker,
            stats,
            error: self.error,
        });
    }
}

/// The reader's thread's other side: writes what the workers send, in order when asked.
struct Writer<'a> {
    out: &'a mut dyn Write,
    ordered: bool,
    live: bool,
    /// Per worker (ordered only): rows waiting for the other workers to read as far.
    waiting: Vec<VecDeque<(Tag, Vec<u8>)>>,
    read_up_to: Vec<u64>,
    done: usize,
    stats: TableStats,
    error: Option<io::Error>,
}

impl<'a> Writer<'a> {
    fn new(workers: usize, ordered: bool, out: &'a mut dyn Write, live: bool) -> Writer<'a> {
        Writer {
            out,
            ordered,
            live,
            waiting: (0..workers).map(|_| VecDeque::new()).collect(),
            read_up_to: vec![0; workers],
            done: 0,
            stats: TableStats::default(),
            error: None,
        }
    }

    /// Takes the workers' reports: those that have arrived, or (`to_end`) all until every
    /// worker is done.
    fn take(&mut self, reports: &Receiver<Report>, to_end: bool) {
        loop {
            let report = if to_end {
                if self.done == self.waiting.len() {
                    break;
                }
                match reports.recv() {
                    Ok(report) => report,
                    Err(_) => break,
                }
            } else {
                match reports.try_recv() {
                    Ok(report) => report,
                    Err(_) => break,
                }
            };
            self.handle(report);
        }
        if self.live && self.error.is_none() {
            self.error = self.out.flush().err();
        }
    }

    fn handle(&mut self, report: Report) {
        match report {
            Report::Rows {
                worker,
                bytes,
                rows,
                read_up_to,
            } => {
                self.read_up_to[worker] = read_up_to;
                if !self.ordered {
                    self.write(&bytes);
                    return;
                }
                let mut start = 0;
                for (tag, end) in rows {
                    self.waiting[worker].push_back((tag, bytes[start..end].to_vec()));
                    start = end;
                }
                self.write_ready();
            }
            Report::Done {
                stats,
                error,
                worker,
            } => {
                self.read_up_to[worker] = u64::MAX;
                self.done += 1;
                self.stats.flows_emitted += stats.flows_emitted;
                self.stats.flows_evicted += stats.flows_evicted;
                self.stats.peak_open_flows += stats.peak_open_flows;
                if self.error.is_none() {
                    self.error = error;
                }
                if self.ordered {
                    self.write_ready();
                }
            }
        }
    }

    /// Writes the rows no worker can still put a row before: the smallest waiting tag, while
    /// every worker with nothing waiting has read past its packet.
    fn write_ready(&mut self) {
        loop {
            let Some((worker, tag)) = self
                .waiting
                .iter()
                .enumerate()
                .filter_map(|(w, rows)| rows.front().map(|(tag, _)| (w, *tag)))
                .min_by_key(|(_, tag)| *tag)
            else {
                return;
            };
            let others_past = self
                .waiting
                .iter()
                .zip(&self.read_up_to)
                .all(|(rows, read)| !rows.is_empty() || *read > tag.0);
            if !others_past {
                return;
            }
            let (_, row) = self.waiting[worker].pop_front().expect("a waiting row");
            self.write(&row);
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            self.error = self.out.write_all(bytes).err();
        }
    }

    fn finish(mut self) -> (TableStats, Option<io::Error>) {
        if self.error.is_none() {
            self.error = self.out.flush().err();
        }
        (self.stats, self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_reader;

    /// A rendering far larger than a worker holds before sending: every row goes out on its
    /// own, in the middle of a batch and while the flows still open at the end are rendered.
    fn render_large(flow: &FlowRecord, out: &mut Vec<u8>) -> io::Result<()> {
        let row = format!("{:?} {:?} {}", flow.endpoints, flow.start, flow.packets);
        out.extend_from_slice(row.as_bytes());
        out.extend(std::iter::repeat_n(b'.', SEND_AT_BYTES));
        out.push(b'\n');
        Ok(())
    }

    #[test]
    fn rows_sent_in_pieces_arrive_whole_and_the_same_as_one_tables() {
        // Web and BitTorrent traffic: TCP flows that close, UDP flows still open at the end.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/datasets/mixed/mixed_web_bt.pcap"
        );
        let capture = std::fs::read(path).unwrap();
        let config = ExtractConfig::default();
        let mut one_table = Vec::new();
        extract_reader("mixed", capture.as_slice(), &config, |flow| {
            render_large(&flow, &mut one_table).unwrap()
        });
        let rows = |bytes: &[u8]| {
            let mut rows: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            rows.sort();
            rows
        };
        assert!(rows(&one_table).len() > 50);
        for ordered in [false, true] {
            let mut out = Vec::new();
            let spread = Spread {
                workers: 2,
                ordered,
            };
            let report = extract_spread(
                "mixed",
                capture.as_slice(),
                &config,
                spread,
                false,
                &render_large,
                &mut out,
            );
            assert!(report.error.is_none(), "{:?}", report.error);
            // Compared without printing: each row is a quarter of a megabyte.
            assert!(rows(&out) == rows(&one_table), "ordered: {ordered}");
        }
    }
}
