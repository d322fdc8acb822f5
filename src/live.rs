//! Live capture (cargo feature `live`): frames from a network interface through libpcap, read
//! by the same decoder and flow table as a capture file (see [`crate::extract`]).
//!
//! On a live link the flow table's clock also follows the wall clock: the capture is read without
//! blocking, waiting for its descriptor at most a [`TICK`] at a time, and the table is told the
//! time at least every tick, so idle
//! flows end when their timeout runs out and a closed TCP connection is handed over
//! [`FINISHED_GRACE`] after its last FIN or RST, not when some unrelated packet comes along.
//! Reading stops when the caller's stop flag is set (by a signal handler, say) or the interface
//! fails; the open flows are then ended as at the end of a file.

use std::io;
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use pcap::{Active, Capture, Precision};

use crate::capture::{Frame, ReadOutcome};
use crate::decode::LinkType;
use crate::error::CaptureError;
use crate::extract::{CaptureReport, ExtractConfig, Packets};
use crate::flow::{FlowRecord, FlowTable};
use crate::packet::Timestamp;

/// The longest a quiet link keeps the flow table's clock waiting.
pub const TICK: Duration = Duration::from_millis(100);

/// How long after its last FIN (or its RST) a finished TCP flow is handed over: time for the
/// last ACK, one round trip later, to count with it, as it does in a capture file.
pub const FINISHED_GRACE: Duration = Duration::from_millis(500);

/// Why a live capture could not start.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("cannot capture on {interface}: {source}{}", permission_hint(source))]
    Open {
        interface: String,
        source: pcap::Error,
    },
    #[error("invalid capture filter {filter:?}: {source}")]
    Filter { filter: String, source: pcap::Error },
    #[error("{interface} has link type {linktype}, which flowclass does not read")]
    Link { interface: String, linktype: i32 },
}

/// What to do about a refusal to capture.
fn permission_hint(error: &pcap::Error) -> &'static str {
    let message = error.to_string().to_lowercase();
    if message.contains("permitted") || message.contains("permission") {
        " (capturing needs root, or the capabilities cap_net_raw and cap_net_admin)"
    } else {
        ""
    }
}

/// An interface opened for capture, with its filter set.
pub struct LiveCapture {
    capture: Capture<Active>,
    interface: String,
    linktype: i32,
    link: LinkType,
}

/// What a live capture came to.
#[derive(Debug)]
pub struct LiveReport {
    /// As for a capture file; `bytes` counts the bytes captured, and `error` is why reading
    /// stopped, if the interface failed.
    pub report: CaptureReport,
    /// Packets the kernel or the interface dropped because flowclass did not keep up.
    pub dropped: u64,
}

impl LiveCapture {
    /// Opens `interface` (promiscuous, like tcpdump), keeping only the packets that match
    /// `filter`, in libpcap's filter syntax, when one is given.
    pub fn open(interface: &str, filter: Option<&str>) -> Result<LiveCapture, LiveError> {
        let open_error = |source| LiveError::Open {
            interface: interface.to_string(),
            source,
        };
        let tick_ms = i32::try_from(TICK.as_millis()).expect("a tick of less than 2^31 ms");
        // The timeout bounds how long the kernel holds captured packets back; reading does not
        // block (see `wait`).
        let mut capture = Capture::from_device(interface)
            .map_err(open_error)?
            .promisc(true)
            .immediate_mode(true)
            .timeout(tick_ms)
            .precision(Precision::Nano)
            .open()
            .and_then(Capture::setnonblock)
            .map_err(open_error)?;
        if let Some(filter) = filter {
            capture
                .filter(filter, true)
                .map_err(|source| LiveError::Filter {
                    filter: filter.to_string(),
                    source,
                })?;
        }
        let linktype = capture.get_datalink().0;
        let link = LinkType::from_linktype(linktype).ok_or_else(|| LiveError::Link {
            interface: interface.to_string(),
            linktype,
        })?;
        Ok(LiveCapture {
            capture,
            interface: interface.to_string(),
            linktype,
            link,
        })
    }

    /// The interface's name, which the flows name as their capture.
    pub fn interface(&self) -> &str {
        &self.interface
    }

    /// Reads until `stop` is set or the interface fails, passing every flow to `emit` as soon
    /// as it ends (or, with `emit_when_measured`, as soon as it is measured).
    pub fn run(
        mut self,
        config: &ExtractConfig,
        stop: &AtomicBool,
        mut emit: impl FnMut(FlowRecord),
    ) -> LiveReport {
        let mut table = FlowTable::new(&self.interface, config.flow, config.features)
            .emitting_when_measured(config.emit_when_measured)
            .handing_over_finished_after(Some(FINISHED_GRACE));
        let mut packets = Packets::new(config);
        let mut outcome = ReadOutcome::default();
        let mut ticked = Instant::now();
        while !stop.load(Ordering::Relaxed) {
            match self.capture.next_packet() {
                Ok(packet) => {
                    let header = packet.header;
                    // Nanoseconds in `tv_usec`, as asked with `Precision::Nano`; both fields are
                    // narrower than i64 on some targets.
                    #[allow(clippy::useless_conversion)]
                    let time = Timestamp(
                        i64::from(header.ts.tv_sec) * 1_000_000_000 + i64::from(header.ts.tv_usec),
                    );
                    let frame = Frame {
                        linktype: self.linktype,
                        link: Some(self.link),
                        time,
                        data: packet.data,
                        wire_len: header.len.max(header.caplen),
                        interface: 0,
                    };
                    outcome.frames += 1;
                    outcome.bytes += u64::from(header.caplen);
                    if let Some(packet) = packets.packet(&frame) {
                        table.push(&packet, &mut emit);
                    }
                }
                // Nothing to read (the capture does not block): wait for some, or for a tick.
                Err(pcap::Error::TimeoutExpired) => self.wait(),
                Err(error) => {
                    outcome.error = Some(CaptureError::Io {
                        offset: outcome.bytes,
                        source: io::Error::other(error),
                    });
                    break;
                }
            }
            if ticked.elapsed() >= TICK {
                table.advance(now(), &mut emit);
                ticked = Instant::now();
            }
        }
        let dropped = self
            .capture
            .stats()
            .map_or(0, |s| u64::from(s.dropped) + u64::from(s.if_dropped));
        let table_stats = table.finish(&mut emit);
        let error = outcome.error.take();
        LiveReport {
            report: packets.report(&self.interface, outcome, table_stats, error),
            dropped,
        }
    }

    /// Waits until the capture has packets to read, a [`TICK`] has passed, or a signal came.
    fn wait(&self) {
        let mut descriptor = [PollFd::new(self.capture.as_fd(), PollFlags::POLLIN)];
        let tick = PollTimeout::try_from(TICK).expect("a tick of less than 2^31 ms");
        // An error (a signal: EINTR) only cuts the wait short.
        let _ = poll(&mut descriptor, tick);
    }
}

/// The wall clock, on the packets' time scale (libpcap stamps them with the system clock).
fn now() -> Timestamp {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp(i64::try_from(since_epoch.as_nanos()).unwrap_or(i64::MAX))
}
