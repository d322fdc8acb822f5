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
const BATCH: usize = 4096;

/// Capture time one batch may span, in nanoseconds.
const BATCH_SPAN_NS: i64 = 1_000_000_000;

/// Batches in flight to each worker: enough to keep it busy, little enough to bound memory.
const BATCHES_IN_FLIGHT: usize = 4;

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
    std::thread::scope(|scope| {
        let mut batch_txs = Vec::with_capacity(workers);
        for worker in 0..workers {
            let (batch_tx, batch_rx) = mpsc::sync_channel(BATCHES_IN_FLIGHT);
            batch_txs.push(batch_tx);
            let report_tx = report_tx.clone();
            let worker_config = &worker_config;
            scope.spawn(move || {
                run_worker(
                    worker,
                    capture,
                    worker_config,
                    spread.ordered,
                    render,
                    batch_rx,
                    report_tx,
                )
            });
        }
        drop(report_tx);
        let mut writer = Writer::new(workers, spread.ordered, out, live);
        let mut reader = Reader::new(batch_txs);
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

/// The reader's side: collects packets into one batch per worker.
struct Reader {
    senders: Vec<SyncSender<Batch>>,
    times: Vec<Timestamp>,
    packets_of: Vec<Vec<(u32, PacketSummary)>>,
    /// Packets read before the current batch.
    first_index: u64,
}

impl Reader {
    fn new(senders: Vec<SyncSender<Batch>>) -> Reader {
        let workers = senders.len();
        Reader {
            senders,
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
            let batch = Batch {
                first_index: self.first_index,
                times: Arc::clone(&times),
                packets: std::mem::take(packets),
            };
            // A worker that is gone has failed; its report says why.
            let _ = sender.send(batch);
        }
        self.first_index += times.len() as u64;
    }
}

fn run_worker(
    worker: usize,
    capture: &str,
    config: &ExtractConfig,
    ordered: bool,
    render: &Render<'_>,
    batches: Receiver<Batch>,
    reports: Sender<Report>,
) {
    let mut table = FlowTable::new(capture, config.flow, config.features)
        .emitting_when_measured(config.emit_when_measured);
    let mut output = WorkerOutput {
        bytes: Vec::new(),
        rows: Vec::new(),
        ordered,
        sequence: 0,
        error: None,
    };
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
        let read_up_to = batch.first_index + batch.times.len() as u64;
        if reports.send(output.take(worker, read_up_to)).is_err() {
            return;
        }
    }
    // Flows still open end in order of start, then of first packet (their number).
    let stats = table.finish_numbered(&mut |id, flow| {
        output.add(render, &flow, (u64::MAX - 1, 0, flow.start.0), id)
    });
    let _ = reports.send(output.take(worker, u64::MAX));
    let _ = reports.send(Report::Done {
        worker,
        stats,
        error: output.error,
    });
}

/// A worker's rendered rows not yet sent.
struct WorkerOutput {
    bytes: Vec<u8>,
    rows: Vec<(Tag, usize)>,
    ordered: bool,
    sequence: u64,
    error: Option<io::Error>,
}

impl WorkerOutput {
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
    }

    fn take(&mut self, worker: usize, read_up_to: u64) -> Report {
        Report::Rows {
            worker,
            bytes: std::mem::take(&mut self.bytes),
            rows: std::mem::take(&mut self.rows),
            read_up_to,
        }
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
