//! The table of open flows. Each packet either joins its open flow or, by the rules of
//! `docs/FLOWS.md`, ends it and opens a new one. Flows leave the table — and are handed to the
//! caller — as soon as they end, so memory follows the number of concurrently open flows, never
//! the size of the capture. A cap on open flows ends the oldest idle flow early under a flood.
//!
//! Open flows live in slots of a slab that grows a chunk at a time and reuses the slots of ended
//! flows; the map from flow key to slot is looked up once per packet, and the timers refer to
//! slots, so checking them hashes nothing.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use super::index::FlowIndex;
use super::key::FlowKey;
use super::measure::{Measure, Measuring};
use super::offload::AnnouncedMss;
use super::record::{FlowRecord, Timestamp, Transport};
use super::FlowConfig;
use crate::decode::PacketSummary;
use crate::features::{tcp_flags, Direction, FeatureSettings};

/// What the table did, for reports and for the flood benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableStats {
    pub flows_emitted: u64,
    /// Flows ended early because the open-flow cap was reached.
    pub flows_evicted: u64,
    /// The most flows open at once.
    pub peak_open_flows: usize,
}

struct OpenFlow {
    /// Unique for the table's life; [`FREE`] in a slot without a flow.
    id: u64,
    /// Its key in the index: transport, endpoints and the virtual network of the tunnel
    /// around it. Kept whole, so that looking a packet up compares keys without making one.
    key: FlowKey,
    /// Whether the key's low endpoint opened the flow (is its initiator).
    opened_by_low: bool,
    start: Timestamp,
    last: Timestamp,
    packets: u64,
    bytes: u64,
    /// A bit for each direction that has sent a FIN ([`fin_bit`]).
    fins: u8,
    finished: bool,
    announced_mss: AnnouncedMss,
    /// Already handed over when its measurement was complete (`emitting_when_measured`).
    emitted: bool,
    measure: Measure,
}

/// The id of an empty slot.
const FREE: u64 = u64::MAX;

/// A `quiet_until` that has the timers looked at with the next clock step.
const LOOK_NOW: Timestamp = Timestamp(i64::MIN);

/// A reminder to look at a flow again: `seen` is its last-packet time when queued.
struct Reminder {
    seen: Timestamp,
    slot: u32,
    /// The low 32 bits of the flow's id, which tell it from later flows in the same slot: 16
    /// bytes a reminder instead of 24, and a table holds one or two per open flow. A reminder
    /// is looked at within about a timeout of capture time, long before 2^32 more flows open.
    flow: u32,
}

impl Reminder {
    fn new(seen: Timestamp, slot: u32, id: u64) -> Reminder {
        Reminder {
            seen,
            slot,
            flow: id as u32,
        }
    }

    /// Whether `flow`, in this reminder's slot, is the flow it was queued for.
    fn is_for(&self, flow: &OpenFlow) -> bool {
        flow.id != FREE && flow.id as u32 == self.flow
    }
}

/// Queues `reminder`. Before a full queue grows, the reminders of flows that have ended since
/// they were queued are dropped (its timer would drop them at the front, up to a timeout of
/// capture time later): so a queue holds about one reminder per open flow, not one per flow
/// opened within the timeout, as the idle queue did where short TCP flows end by their FIN. The
/// queue still grows when that frees less than a quarter of it, which keeps the pruning to a
/// constant amount of work per reminder.
fn queue_pruned(queue: &mut VecDeque<Reminder>, slab: &Slab, reminder: Reminder) {
    if queue.len() == queue.capacity() {
        queue.retain(|queued| queued.is_for(slab.get(queued.slot)));
        if queue.len() > queue.capacity() / 4 * 3 {
            queue.reserve(queue.capacity());
        }
    }
    queue.push_back(reminder);
}

/// Slots per slab chunk: the slab grows by this many flows, never by copying the open ones.
const CHUNK: usize = 4096;

/// Open flows by slot number.
#[derive(Default)]
struct Slab {
    chunks: Vec<Vec<OpenFlow>>,
    free: Vec<u32>,
}

impl Slab {
    fn get(&self, slot: u32) -> &OpenFlow {
        let slot = slot as usize;
        &self.chunks[slot / CHUNK][slot % CHUNK]
    }

    fn get_mut(&mut self, slot: u32) -> &mut OpenFlow {
        let slot = slot as usize;
        &mut self.chunks[slot / CHUNK][slot % CHUNK]
    }

    /// Puts `flow` in a free slot and returns the slot.
    fn insert(&mut self, flow: OpenFlow) -> u32 {
        if let Some(slot) = self.free.pop() {
            *self.get_mut(slot) = flow;
            return slot;
        }
        if self.chunks.last().is_none_or(|c| c.len() == CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        let full = (self.chunks.len() - 1) * CHUNK;
        let chunk = self.chunks.last_mut().expect("a chunk with room");
        chunk.push(flow);
        u32::try_from(full + chunk.len() - 1).expect("fewer than 2^32 open flows")
    }

    fn release(&mut self, slot: u32) {
        self.get_mut(slot).id = FREE;
        self.free.push(slot);
    }

    /// The slots that hold a flow.
    fn occupied(&self) -> impl Iterator<Item = u32> + '_ {
        self.chunks
            .iter()
            .flatten()
            .enumerate()
            .filter(|(_, flow)| flow.id != FREE)
            .map(|(slot, _)| slot as u32)
    }
}

/// Open flows and their timers.
pub struct FlowTable {
    config: FlowConfig,
    measuring: Measuring,
    capture: Arc<str>,
    index: FlowIndex,
    slab: Slab,
    /// Open flows in roughly the order they went quiet, for the idle timeout and eviction.
    idle_queue: VecDeque<Reminder>,
    /// Finished TCP flows, for the linger time.
    finished_queue: VecDeque<Reminder>,
    /// Finished TCP flows to hand over once `hand_over_finished` has passed, before the linger.
    handover_queue: VecDeque<Reminder>,
    next_id: u64,
    /// The latest packet time seen: the clock timers run on.
    clock: Timestamp,
    /// No timer runs out while the clock is at or before this: set when [`FlowTable::advance`]
    /// has looked at the timers, lowered by the reminders a packet adds, and [`LOOK_NOW`] when a
    /// packet changes or ends a flow at the front of a queue.
    quiet_until: Timestamp,
    stats: TableStats,
    emit_when_measured: bool,
    hand_over_finished: Option<Duration>,
}

impl FlowTable {
    /// A table whose flows will name `capture` as their source.
    pub fn new(capture: &str, config: FlowConfig, settings: FeatureSettings) -> FlowTable {
        FlowTable {
            config,
            measuring: Measuring::new(settings),
            capture: Arc::from(capture),
            index: FlowIndex::default(),
            slab: Slab::default(),
            idle_queue: VecDeque::new(),
            finished_queue: VecDeque::new(),
            handover_queue: VecDeque::new(),
            next_id: 0,
            clock: Timestamp(i64::MIN),
            quiet_until: LOOK_NOW,
            stats: TableStats::default(),
            emit_when_measured: false,
            hand_over_finished: None,
        }
    }

    /// With `on`, a flow is handed over as soon as it is measured, so that it can be labelled
    /// then: when its features reach their early-classification limit (`packet_limit`,
    /// `payload_packet_limit`), while it is still open, or when a TCP flow finishes (both FINs,
    /// or a RST) before that, without waiting for the linger time that keeps its last ACKs with
    /// it; its `packets`, `bytes` and `end` count what was seen up to that point. The flow stays
    /// in the table until it ends, so its later packets open no new flow, and it is not handed
    /// over again. Other flows (UDP flows short of their limit) are handed over when they end.
    pub fn emitting_when_measured(mut self, on: bool) -> FlowTable {
        self.emit_when_measured = on;
        self
    }

    /// With `Some(grace)`, a TCP flow that finishes (both FINs, or a RST) is handed over once
    /// the table's clock is `grace` past its finishing packet, instead of after the whole
    /// `finished_linger`: a live capture prints closed connections promptly, while the last ACK
    /// (one round trip after the last FIN) still counts. The flow stays in the table for the
    /// rest of its linger, so late packets open no new flow, and it is not handed over again.
    pub fn handing_over_finished_after(mut self, grace: Option<Duration>) -> FlowTable {
        self.hand_over_finished = grace;
        self
    }

    pub fn stats(&self) -> TableStats {
        self.stats
    }

    pub fn open_flows(&self) -> usize {
        self.index.len()
    }

    /// Moves the table's clock to `time` (never back) and ends the flows whose timers ran out,
    /// passing each to `emit`. [`FlowTable::push`] does this with every packet's time; a table
    /// that sees only some of a capture's packets is told the others' times this way, so that its
    /// flows end when they would in a table that saw them all.
    /// Between packets of its own, such a table looks at its timers only once the clock passes
    /// the first moment one of them could run out.
    pub fn advance(&mut self, time: Timestamp, emit: &mut impl FnMut(FlowRecord)) {
        self.clock = self.clock.max(time);
        if self.clock <= self.quiet_until {
            return;
        }
        self.expire(emit);
        self.quiet_until = self.timers_quiet_until();
    }

    /// Adds one packet; every flow that ends because of it is passed to `emit`.
    pub fn push(&mut self, packet: &PacketSummary, emit: &mut impl FnMut(FlowRecord)) {
        self.clock = self.clock.max(packet.time);
        if self.clock > self.quiet_until {
            self.expire(emit);
            self.quiet_until = LOOK_NOW;
        }
        let (key, src_is_low) = FlowKey::oriented(packet.transport, packet.src, packet.dst);
        let key = key.in_network(packet.network);
        let found = self.index.find(&key, |slot| self.slab.get(slot).key);
        let (slot, split, opened) = match found {
            Some(slot) => {
                let split = must_split(&self.config, self.slab.get(slot), packet);
                (slot, split, split)
            }
            None => {
                if self.index.len() >= self.config.max_open_flows {
                    self.evict_one(emit);
                    self.quiet_until = LOOK_NOW;
                }
                let flow = new_flow(&mut self.next_id, key, packet);
                let slot = self.slab.insert(flow);
                self.index
                    .insert(&key, slot, |slot| self.slab.get(slot).key);
                (slot, false, true)
            }
        };
        // A queue's front flow that changes (or ends) may let the flows behind it be looked at.
        let at_front = |queue: &VecDeque<Reminder>| queue.front().is_some_and(|r| r.slot == slot);
        if at_front(&self.idle_queue) || at_front(&self.finished_queue) {
            self.quiet_until = LOOK_NOW;
        }
        if split {
            // The ended flow's slot and index entry go to its successor.
            let ended = self.slab.get(slot);
            if !ended.emitted {
                self.stats.flows_emitted += 1;
                emit(record(&self.capture, &self.measuring, ended));
            }
            let successor = new_flow(&mut self.next_id, key, packet);
            let ended = std::mem::replace(self.slab.get_mut(slot), successor);
            self.measuring.recycle(ended.measure);
        }
        if opened {
            self.stats.peak_open_flows = self.stats.peak_open_flows.max(self.index.len());
            let id = self.slab.get(slot).id;
            let reminder = Reminder::new(packet.time, slot, id);
            queue_pruned(&mut self.idle_queue, &self.slab, reminder);
            self.quiet_until = self
                .quiet_until
                .min(plus(packet.time, self.config.idle_timeout));
        }
        let flow = self.slab.get_mut(slot);
        let was_finished = flow.finished;
        update_flow(&mut self.measuring, flow, src_is_low, packet);
        if self.emit_when_measured
            && !flow.emitted
            && (flow.finished || self.measuring.limit_reached(&flow.measure))
        {
            flow.emitted = true;
            self.stats.flows_emitted += 1;
            emit(record(&self.capture, &self.measuring, flow));
        }
        if flow.finished && !was_finished {
            let (seen, id, emitted) = (flow.last, flow.id, flow.emitted);
            queue_pruned(
                &mut self.finished_queue,
                &self.slab,
                Reminder::new(seen, slot, id),
            );
            let mut quiet_until = plus(seen, self.config.finished_linger);
            if let Some(grace) = self.hand_over_finished.filter(|_| !emitted) {
                let reminder = Reminder::new(seen, slot, id);
                queue_pruned(&mut self.handover_queue, &self.slab, reminder);
                quiet_until = quiet_until.min(plus(seen, grace));
            }
            self.quiet_until = self.quiet_until.min(quiet_until);
        }
    }

    /// Ends every open flow (end of capture), in order of start time.
    pub fn finish(self, emit: &mut impl FnMut(FlowRecord)) -> TableStats {
        self.finish_numbered(&mut |_, flow| emit(flow))
    }

    /// Numbers the next flow opened `id` (and the ones after it `id + 1`, ...): a table that
    /// sees only some of a capture's packets can number its flows as one table for the whole
    /// capture would (in order of their first packets). Numbers must only grow.
    pub fn number_next(&mut self, id: u64) {
        debug_assert!(id >= self.next_id);
        self.next_id = id;
    }

    /// [`FlowTable::finish`], passing each flow's number with it: flows that start at the same
    /// time are ended in the order of their numbers.
    pub fn finish_numbered(mut self, emit: &mut impl FnMut(u64, FlowRecord)) -> TableStats {
        let mut open: Vec<u32> = self.slab.occupied().collect();
        // Ids are unique, so an unstable sort gives the one order, without a stable sort's
        // scratch copy of every open flow's slot.
        open.sort_unstable_by_key(|slot| {
            let flow = self.slab.get(*slot);
            (flow.start, flow.id)
        });
        for slot in open {
            let id = self.slab.get(slot).id;
            self.end_flow(slot, &mut |flow| emit(id, flow));
        }
        self.stats
    }

    /// Ends flows whose timers ran out on the table's clock.
    fn expire(&mut self, emit: &mut impl FnMut(FlowRecord)) {
        if let Some(grace) = self.hand_over_finished {
            self.hand_over_due(grace, emit);
        }
        let (clock, idle, linger) = (
            self.clock,
            self.config.idle_timeout,
            self.config.finished_linger,
        );
        while let Some(slot) = self.pop_due(QueueKind::Finished, |flow| {
            flow.finished && since(flow.last, clock) > linger
        }) {
            self.end_flow(slot, emit);
        }
        while let Some(slot) = self.pop_due(QueueKind::Idle, |flow| since(flow.last, clock) > idle)
        {
            self.end_flow(slot, emit);
        }
    }

    /// The latest clock at which [`FlowTable::expire`] still has nothing to do, given the queues
    /// as `expire` left them: each queue's front flow is live and was quiet since its reminder,
    /// so nothing behind it is looked at before it runs out. A front whose flow has ended since
    /// (the idle queue's pass can end the finished queue's front) is looked at right away.
    fn timers_quiet_until(&self) -> Timestamp {
        let handover = match (self.hand_over_finished, self.handover_queue.front()) {
            (Some(grace), Some(reminder)) => plus(reminder.seen, grace),
            _ => Timestamp(i64::MAX),
        };
        let front = |queue: &VecDeque<Reminder>, wait: Duration, finished_only: bool| {
            let Some(reminder) = queue.front() else {
                return Timestamp(i64::MAX);
            };
            let flow = self.slab.get(reminder.slot);
            if !reminder.is_for(flow) || flow.last > reminder.seen {
                LOOK_NOW
            } else if finished_only && !flow.finished {
                Timestamp(i64::MAX)
            } else {
                plus(flow.last, wait)
            }
        };
        handover
            .min(front(
                &self.finished_queue,
                self.config.finished_linger,
                true,
            ))
            .min(front(&self.idle_queue, self.config.idle_timeout, false))
    }

    /// Hands over the finished flows whose `grace` has passed, leaving them in the table.
    fn hand_over_due(&mut self, grace: Duration, emit: &mut impl FnMut(FlowRecord)) {
        while let Some(reminder) = self.handover_queue.front() {
            if since(reminder.seen, self.clock) <= grace {
                return;
            }
            let flow = self.slab.get_mut(reminder.slot);
            if reminder.is_for(flow) && !flow.emitted {
                flow.emitted = true;
                self.stats.flows_emitted += 1;
                emit(record(&self.capture, &self.measuring, flow));
            }
            self.handover_queue.pop_front();
        }
    }

    /// Ends the flow that has been quiet longest, finished flows first.
    fn evict_one(&mut self, emit: &mut impl FnMut(FlowRecord)) {
        let victim = self
            .pop_due(QueueKind::Finished, |flow| flow.finished)
            .or_else(|| self.pop_due(QueueKind::Idle, |_| true));
        if let Some(slot) = victim {
            self.stats.flows_evicted += 1;
            self.end_flow(slot, emit);
        }
    }

    /// Walks a queue from its front, dropping reminders of flows that are gone and re-queueing
    /// flows that were active since; returns the slot of the first flow for which `due` holds
    /// (its reminder dropped). Stops (returning `None`) at the first live reminder that is not due.
    fn pop_due(&mut self, kind: QueueKind, due: impl Fn(&OpenFlow) -> bool) -> Option<u32> {
        let queue = match kind {
            QueueKind::Idle => &mut self.idle_queue,
            QueueKind::Finished => &mut self.finished_queue,
        };
        loop {
            let reminder = queue.front()?;
            let flow = self.slab.get(reminder.slot);
            if !reminder.is_for(flow) {
                queue.pop_front();
                continue;
            }
            if due(flow) {
                let slot = reminder.slot;
                queue.pop_front();
                return Some(slot);
            }
            if flow.last > reminder.seen {
                let requeued = Reminder {
                    seen: flow.last,
                    ..*reminder
                };
                queue.pop_front();
                queue.push_back(requeued);
                continue;
            }
            return None;
        }
    }

    /// Hands the flow in `slot` over (unless it was already) and frees its slot.
    fn end_flow(&mut self, slot: u32, emit: &mut impl FnMut(FlowRecord)) {
        let flow = self.slab.get_mut(slot);
        if !flow.emitted {
            self.stats.flows_emitted += 1;
            emit(record(&self.capture, &self.measuring, flow));
        }
        let key = flow.key;
        self.measuring.recycle(std::mem::take(&mut flow.measure));
        self.index.remove(&key, slot);
        self.slab.release(slot);
    }
}

fn must_split(config: &FlowConfig, flow: &OpenFlow, packet: &PacketSummary) -> bool {
    let gap = since(flow.last, packet.time);
    if gap > config.idle_timeout || since(flow.start, packet.time) > config.active_timeout {
        return true;
    }
    flow.finished && (is_bare_syn(packet) || gap > config.finished_linger)
}

/// A flow with `key` opened by `packet` (not yet counting it), with the next id.
fn new_flow(next_id: &mut u64, key: FlowKey, packet: &PacketSummary) -> OpenFlow {
    let initiator_is_receiver = packet.transport == Transport::Tcp
        && packet.tcp_flags & (tcp_flags::SYN | tcp_flags::ACK) == tcp_flags::SYN | tcp_flags::ACK;
    let initiator = if initiator_is_receiver {
        packet.dst
    } else {
        packet.src
    };
    let id = *next_id;
    *next_id += 1;
    OpenFlow {
        id,
        key,
        opened_by_low: key.is_low(initiator),
        start: packet.time,
        last: packet.time,
        packets: 0,
        bytes: 0,
        fins: 0,
        finished: false,
        announced_mss: AnnouncedMss::default(),
        emitted: false,
        measure: Measure::default(),
    }
}

/// The flow as it stands, for the caller.
fn record(capture: &Arc<str>, measuring: &Measuring, flow: &OpenFlow) -> FlowRecord {
    FlowRecord {
        capture: Arc::clone(capture),
        endpoints: flow.key.endpoints(flow.opened_by_low),
        start: flow.start,
        end: flow.last,
        packets: flow.packets,
        bytes: flow.bytes,
        features: measuring.emit(&flow.measure, flow.start, is_udp(flow)),
    }
}

#[derive(Clone, Copy)]
enum QueueKind {
    Idle,
    Finished,
}

fn is_udp(flow: &OpenFlow) -> bool {
    flow.key.transport() == Transport::Udp
}

/// Adds `packet`, sent by the key's low endpoint when `src_is_low` (by both, when the flow is
/// between one endpoint and itself).
fn update_flow(
    measuring: &mut Measuring,
    flow: &mut OpenFlow,
    src_is_low: bool,
    packet: &PacketSummary,
) {
    let direction = if src_is_low == flow.opened_by_low {
        Direction::Forward
    } else {
        Direction::Backward
    };
    flow.last = flow.last.max(packet.time);
    if packet.transport == Transport::Tcp {
        let flags = packet.tcp_flags;
        if flags & tcp_flags::FIN != 0 {
            flow.fins |= fin_bit(direction);
        }
        let both_fins = fin_bit(Direction::Forward) | fin_bit(Direction::Backward);
        if flags & tcp_flags::RST != 0 || flow.fins == both_fins {
            flow.finished = true;
        }
        flow.announced_mss.note(direction, packet);
    }
    let udp = is_udp(flow);
    for segment in flow.announced_mss.segments(direction, packet) {
        flow.packets += 1;
        flow.bytes += u64::from(segment.ip_len);
        measuring.update(&mut flow.measure, flow.start, udp, &segment);
    }
}

/// The bit of [`OpenFlow::fins`] for a FIN sent in `direction`.
fn fin_bit(direction: Direction) -> u8 {
    match direction {
        Direction::Forward => 1,
        Direction::Backward => 2,
    }
}

/// A TCP SYN without ACK: someone opening a new connection.
fn is_bare_syn(packet: &PacketSummary) -> bool {
    packet.transport == Transport::Tcp
        && packet.tcp_flags & (tcp_flags::SYN | tcp_flags::ACK) == tcp_flags::SYN
}

/// The latest time at which [`since`]`(time, it)` is at most `wait`.
fn plus(time: Timestamp, wait: Duration) -> Timestamp {
    let latest = i128::from(time.0) + wait.as_nanos() as i128;
    Timestamp(latest.min(i128::from(i64::MAX)) as i64)
}

/// Time from `earlier` to `later`; zero when the clock went backwards.
fn since(earlier: Timestamp, later: Timestamp) -> Duration {
    Duration::from_nanos(u64::try_from(later.0.saturating_sub(earlier.0)).unwrap_or(0))
}

#[cfg(test)]
impl FlowTable {
    /// [`FlowTable::advance`] without its shortcut: the timers are looked at on every step.
    fn advance_looking(&mut self, time: Timestamp, emit: &mut impl FnMut(FlowRecord)) {
        self.clock = self.clock.max(time);
        self.expire(emit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::net::{IpAddr, Ipv4Addr};
    use tcp_flags::*;

    // Hand-built packet summaries: these tests exercise the table's rules, not the decoder.
    const CLIENT: (IpAddr, u16) = (IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)), 40000);
    const SERVER: (IpAddr, u16) = (IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)), 443);

    fn tcp(seconds: f64, from_client: bool, flags: u8, payload: u32) -> PacketSummary {
        let (src, dst) = if from_client {
            (CLIENT, SERVER)
        } else {
            (SERVER, CLIENT)
        };
        PacketSummary {
            time: Timestamp((seconds * 1e9) as i64),
            transport: Transport::Tcp,
            src,
            dst,
            ip_len: 40 + payload,
            payload_len: payload,
            tcp_flags: flags,
            tcp_options_len: 0,
            announced_mss: 0,
            network: None,
        }
    }

    fn run(config: FlowConfig, packets: &[PacketSummary]) -> (Vec<FlowRecord>, TableStats) {
        let mut table = FlowTable::new("test", config, FeatureSettings::default());
        let mut out = Vec::new();
        for p in packets {
            table.push(p, &mut |f| out.push(f));
        }
        let stats = table.finish(&mut |f| out.push(f));
        (out, stats)
    }

    fn handshake_and_close(t: f64) -> Vec<PacketSummary> {
        vec![
            tcp(t, true, SYN, 0),
            tcp(t + 0.01, false, SYN | ACK, 0),
            tcp(t + 0.02, true, ACK, 0),
            tcp(t + 0.03, true, PSH | ACK, 100),
            tcp(t + 0.04, false, FIN | ACK, 0),
            tcp(t + 0.05, true, FIN | ACK, 0),
        ]
    }

    /// Runs `packets` through a table measuring up to `payload_packet_limit` payload packets:
    /// the flows handed over, and the index of the packet after which the first one was.
    fn hand_over(
        packets: &[PacketSummary],
        payload_packet_limit: u64,
        early: bool,
    ) -> (Vec<FlowRecord>, Option<usize>) {
        let settings = FeatureSettings {
            payload_packet_limit: Some(payload_packet_limit),
            ..FeatureSettings::default()
        };
        let mut table =
            FlowTable::new("early", FlowConfig::default(), settings).emitting_when_measured(early);
        let mut out = Vec::new();
        let mut first_at = None;
        for (i, p) in packets.iter().enumerate() {
            table.push(p, &mut |f| out.push(f));
            if !out.is_empty() {
                first_at.get_or_insert(i);
            }
        }
        let stats = table.finish(&mut |f| out.push(f));
        assert_eq!(stats.flows_emitted, out.len() as u64);
        (out, first_at)
    }

    #[test]
    fn a_flow_measured_early_is_handed_over_once_measured_and_only_then() {
        // Handshake, one payload packet (index 3), FIN (4), FIN (5), the last ACK (6).
        let mut packets = handshake_and_close(0.0);
        packets.push(tcp(0.06, false, ACK, 0));
        // Without early hand-over: one flow, at the end of the capture, with all its packets.
        for limit in [1, 5] {
            let (flows, first_at) = hand_over(&packets, limit, false);
            assert_eq!((flows.len(), first_at, flows[0].packets), (1, None, 7));
        }
        // Its limit reached while open: handed over with its first payload packet; the FINs and
        // the ACK after it stay with the flow (no second flow) but are not counted.
        let (flows, first_at) = hand_over(&packets, 1, true);
        assert_eq!((flows.len(), first_at, flows[0].packets), (1, Some(3), 4));
        // Finished before its limit: handed over with its second FIN, not after the linger time.
        let (flows, first_at) = hand_over(&packets, 5, true);
        assert_eq!((flows.len(), first_at, flows[0].packets), (1, Some(5), 6));
    }

    #[test]
    fn a_finished_flow_is_handed_over_after_its_grace_with_its_last_ack() {
        // Closed at 0.05 s (the second FIN); the last ACK at 0.06 s; a retransmitted FIN at 3 s.
        let mut packets = handshake_and_close(0.0);
        packets.push(tcp(0.06, false, ACK, 0));
        let grace = Duration::from_millis(500);
        let mut table = FlowTable::new("live", FlowConfig::default(), FeatureSettings::default())
            .handing_over_finished_after(Some(grace));
        let mut out = Vec::new();
        for p in &packets {
            table.push(p, &mut |f| out.push(f));
        }
        table.advance(Timestamp(550_000_000), &mut |f| out.push(f));
        assert!(out.is_empty(), "handed over before its grace had passed");
        table.advance(Timestamp(551_000_000), &mut |f| out.push(f));
        assert_eq!(out.len(), 1, "not handed over once its grace had passed");
        assert_eq!((out[0].packets, out[0].end), (7, Timestamp(60_000_000)));
        table.push(&tcp(3.0, true, FIN | ACK, 0), &mut |f| out.push(f));
        assert_eq!(table.open_flows(), 1, "it lingers, absorbing late packets");
        let stats = table.finish(&mut |f| out.push(f));
        assert_eq!((out.len(), stats.flows_emitted), (1, 1), "handed over once");
    }

    #[test]
    fn trailing_packets_stay_with_the_finished_flow() {
        let mut packets = handshake_and_close(0.0);
        packets.push(tcp(0.06, false, ACK, 0)); // the last ACK
        packets.push(tcp(1.0, true, FIN | ACK, 0)); // a retransmitted FIN
        let (flows, _) = run(FlowConfig::default(), &packets);
        assert_eq!(
            flows.len(),
            1,
            "trailing packets must not open spurious flows"
        );
        assert_eq!(flows[0].packets, 8);
        assert_eq!(flows[0].endpoints.src_port, CLIENT.1);
    }

    #[test]
    fn a_new_syn_on_a_finished_tuple_opens_a_new_flow() {
        let mut packets = handshake_and_close(0.0);
        packets.extend(handshake_and_close(2.0));
        let (flows, _) = run(FlowConfig::default(), &packets);
        assert_eq!(flows.len(), 2);
        assert_eq!(
            flows.iter().map(|f| f.packets).collect::<Vec<_>>(),
            vec![6, 6]
        );
        assert_eq!(flows[1].start, Timestamp(2_000_000_000));
    }

    #[test]
    fn rst_finishes_and_late_packets_after_linger_open_a_new_flow() {
        let packets = [
            tcp(0.0, true, SYN, 0),
            tcp(0.1, false, RST | ACK, 0),
            tcp(11.0, true, ACK, 10),
        ];
        let (flows, _) = run(FlowConfig::default(), &packets);
        assert_eq!(flows.len(), 2);
        assert_eq!(flows[1].start, Timestamp(11_000_000_000));
    }

    #[test]
    fn idle_and_active_timeouts_split_flows() {
        let config = FlowConfig {
            idle_timeout: Duration::from_secs(5),
            active_timeout: Duration::from_secs(20),
            ..FlowConfig::default()
        };
        let mut packets: Vec<_> = (0..=30).map(|s| tcp(s as f64, true, ACK, 1)).collect();
        packets.push(tcp(36.5, true, ACK, 1)); // 6.5 s of silence: idle
        let (flows, _) = run(config, &packets);
        let starts: Vec<i64> = flows.iter().map(|f| f.start.0 / 1_000_000_000).collect();
        // 0..=20 is 20 s old at t=20 but not more; t=21 is the first packet past the active timeout.
        assert_eq!(starts, vec![0, 21, 36]);
    }

    #[test]
    fn a_syn_ack_first_makes_its_receiver_the_initiator() {
        let (flows, _) = run(
            FlowConfig::default(),
            &[tcp(0.0, false, SYN | ACK, 0), tcp(0.1, true, ACK, 0)],
        );
        assert_eq!(flows[0].endpoints.src_port, CLIENT.1);
        assert_eq!(flows[0].endpoints.dst_port, SERVER.1);
    }

    #[test]
    fn flows_are_emitted_as_they_end_not_at_the_end() {
        let mut table = FlowTable::new("t", FlowConfig::default(), FeatureSettings::default());
        let mut emitted = 0;
        for p in handshake_and_close(0.0) {
            table.push(&p, &mut |_| emitted += 1);
        }
        // 11 s later another conversation's packet moves the clock past the linger time.
        let mut other = tcp(11.0, true, SYN, 0);
        other.src.1 = 40001;
        table.push(&other, &mut |_| emitted += 1);
        assert_eq!(emitted, 1);
        assert_eq!(table.open_flows(), 1);
    }

    #[test]
    fn the_open_flow_cap_evicts_the_oldest_and_counts_it() {
        let config = FlowConfig {
            max_open_flows: 100,
            ..FlowConfig::default()
        };
        let packets: Vec<_> = (0..1000u16)
            .map(|i| {
                let mut p = tcp(f64::from(i) * 0.001, true, SYN, 0);
                p.src.1 = 10_000 + i;
                p
            })
            .collect();
        let mut table = FlowTable::new("flood", config, FeatureSettings::default());
        let mut out = Vec::new();
        for p in &packets {
            table.push(p, &mut |f| out.push(f));
            assert!(table.open_flows() <= 100);
        }
        let stats = table.finish(&mut |f| out.push(f));
        assert_eq!(out.len(), 1000, "evicted flows are still emitted");
        assert_eq!(stats.flows_evicted, 900);
        assert_eq!(stats.peak_open_flows, 100);
        assert_eq!(out[0].endpoints.src_port, 10_000, "the oldest goes first");
    }

    #[test]
    fn time_going_backwards_never_stalls_or_goes_negative() {
        let packets = [
            tcp(100.0, true, ACK, 1),
            tcp(50.0, false, ACK, 1),
            tcp(100.5, true, ACK, 1),
        ];
        let (flows, _) = run(FlowConfig::default(), &packets);
        assert_eq!(flows.len(), 1);
        assert!(flows[0].end >= flows[0].start);
        assert!(flows[0]
            .features
            .iter()
            .all(|v| v.is_finite() && *v >= -1.0));
    }

    #[test]
    fn a_jump_forward_ends_idle_flows_and_a_packet_from_the_past_never_moves_the_clock_back() {
        let mut table = FlowTable::new("merged", FlowConfig::default(), FeatureSettings::default());
        let mut ended: Vec<(u16, i64)> = Vec::new();
        let at = |seconds: f64, port: u16| {
            let mut p = tcp(seconds, true, ACK, 1);
            p.src.1 = port;
            p
        };
        let push = |table: &mut FlowTable, p: PacketSummary, ended: &mut Vec<(u16, i64)>| {
            table.push(&p, &mut |f| {
                ended.push((f.endpoints.src_port, f.start.0 / 1_000_000_000))
            })
        };
        push(&mut table, at(0.0, 1), &mut ended);
        push(&mut table, at(1.0, 2), &mut ended);
        // The capture jumps 1000 s ahead: both flows are past the 120 s idle timeout at once.
        push(&mut table, at(1000.0, 3), &mut ended);
        assert_eq!(ended, vec![(1, 0), (2, 1)]);
        // A packet from the past opens a flow of its own (its old flow has ended); the clock stays
        // at 1000 s, so nothing else ends and the newest flow's timer is not pushed back.
        push(&mut table, at(2.0, 1), &mut ended);
        push(&mut table, at(1000.5, 4), &mut ended);
        assert_eq!(ended.len(), 2);
        assert_eq!(table.open_flows(), 3);
        // 121 s after the latest time seen, every open flow is idle, the one from the past too.
        push(&mut table, at(1121.0, 5), &mut ended);
        assert_eq!(ended[2..], [(3, 1000), (1, 2), (4, 1000)]);
        let mut rest = Vec::new();
        table.finish(&mut |f| rest.push(f.endpoints.src_port));
        assert_eq!(rest, [5]);
    }

    /// A packet of one of a few conversations, at a time a random step (sometimes backwards)
    /// after the one before.
    fn packet_stream() -> impl Strategy<Value = Vec<PacketSummary>> {
        let flags = prop_oneof![
            Just(SYN),
            Just(SYN | ACK),
            Just(ACK),
            Just(PSH | ACK),
            Just(FIN | ACK),
            Just(RST)
        ];
        let step = (
            0u16..6,
            any::<bool>(),
            any::<bool>(),
            flags,
            0u32..2,
            -500i64..3000,
        );
        prop::collection::vec(step, 1..120).prop_map(|steps| {
            let mut ms = 0i64;
            let mut packets = Vec::new();
            for (conversation, udp, from_client, flags, payload, step_ms) in steps {
                ms += step_ms;
                let mut packet = tcp(ms as f64 / 1000.0, from_client, flags, payload * 100);
                let port = 40000 + conversation;
                if from_client {
                    packet.src.1 = port;
                } else {
                    packet.dst.1 = port;
                }
                if udp {
                    packet.transport = Transport::Udp;
                    packet.tcp_flags = 0;
                }
                packets.push(packet);
            }
            packets
        })
    }

    proptest! {
        /// A table that sees only its own packets and is told the others' times ends each of
        /// its flows at the same packet, with the same record, whether it looks at its timers
        /// on every step or only once one of them could have run out.
        #[test]
        fn skipping_quiet_steps_ends_every_flow_where_looking_at_each_would(
            packets in packet_stream(),
            own_conversations in any::<u8>(),
            max_open_flows in 1usize..8,
            grace_ms in prop::option::of(0u64..1500),
            early: bool,
        ) {
            let config = FlowConfig {
                idle_timeout: Duration::from_secs(2),
                active_timeout: Duration::from_secs(20),
                finished_linger: Duration::from_secs(1),
                max_open_flows,
            };
            let settings = FeatureSettings {
                payload_packet_limit: Some(2),
                ..FeatureSettings::default()
            };
            let ends = |shortcut: bool| {
                let mut table = FlowTable::new("spread", config, settings)
                    .emitting_when_measured(early)
                    .handing_over_finished_after(grace_ms.map(Duration::from_millis));
                let mut ended = Vec::new();
                for (i, packet) in packets.iter().enumerate() {
                    let mut emit = |flow: FlowRecord| ended.push((i, format!("{flow:?}")));
                    if shortcut {
                        table.advance(packet.time, &mut emit);
                    } else {
                        table.advance_looking(packet.time, &mut emit);
                    }
                    let conversation = packet.src.1.max(packet.dst.1) - 40000;
                    if own_conversations & (1 << conversation) != 0 {
                        table.push(packet, &mut emit);
                    }
                }
                table.finish(&mut |flow| ended.push((usize::MAX, format!("{flow:?}"))));
                ended
            };
            prop_assert_eq!(ends(true), ends(false));
        }
    }

    #[test]
    fn the_timer_queues_hold_about_one_reminder_per_open_flow() {
        // A quiet flow heads the idle queue for its 120 s idle timeout; behind it a conversation
        // every 0.1 s, each closed at once. About 100 flows are open at a time (the 10 s linger),
        // but every conversation leaves its idle reminder behind the quiet one's, 1000 in all,
        // unless the queue drops the reminders of ended flows before it grows.
        let mut table = FlowTable::new("t", FlowConfig::default(), FeatureSettings::default());
        table.push(&tcp(0.0, true, SYN, 0), &mut |_| {});
        for conversation in 1..=1000u16 {
            for mut p in handshake_and_close(f64::from(conversation) * 0.1) {
                let port = 10_000 + conversation;
                if p.src == CLIENT {
                    p.src.1 = port;
                } else {
                    p.dst.1 = port;
                }
                table.push(&p, &mut |_| {});
            }
        }
        let peak = table.stats.peak_open_flows;
        assert!((100..120).contains(&peak), "{peak} open at the peak");
        for queue in [&table.idle_queue, &table.finished_queue] {
            assert!(
                queue.capacity() <= 4 * peak,
                "{} for {peak}",
                queue.capacity()
            );
        }
        let emitted = table.finish(&mut |_| {}).flows_emitted;
        assert_eq!(emitted, 1001, "pruning a queue ends no flow");
    }

    #[test]
    fn an_open_flows_slot_is_small() {
        // 760 bytes when every slot held the running features; a busy link keeps hundreds of
        // thousands of flows open, most of them a few packets long.
        let size = std::mem::size_of::<OpenFlow>();
        println!(
            "OpenFlow: {size} bytes, reminder {}",
            std::mem::size_of::<Reminder>()
        );
        assert!(size <= 200, "{size} bytes");
        assert!(std::mem::size_of::<Reminder>() <= 16);
        let mut table = FlowTable::new("t", FlowConfig::default(), FeatureSettings::default());
        for p in handshake_and_close(0.0) {
            table.push(&p, &mut |_| {});
        }
        let slot = table.slab.occupied().next().unwrap();
        assert!(
            matches!(table.slab.get(slot).measure, Measure::Few(_)),
            "a short flow keeps its packets, not running features"
        );
    }
}
