//! The errors flowclass reports, as types: each says what broke and where, so a user can act.

use std::io;

use thiserror::Error;

/// Why a capture could not be read (to the end).
#[derive(Debug, Error)]
pub enum CaptureError {
    #[error("cannot open it: {0}")]
    Open(io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("not a pcap or pcapng capture (first bytes {})", hex(magic))]
    NotACapture { magic: Vec<u8> },
    #[error("the capture ends in the middle of the record or block at byte {offset}")]
    Truncated { offset: u64 },
    #[error("the record or block at byte {offset} claims more than {limit} bytes")]
    RecordTooLarge { offset: u64, limit: usize },
    #[error("the packet block at byte {offset} names interface {interface}, but only {described} were described")]
    UnknownInterface {
        offset: u64,
        interface: u32,
        described: usize,
    },
    #[error("corrupt capture at byte {offset}: {reason}")]
    Corrupt { offset: u64, reason: String },
    #[error("reading failed at byte {offset}: {source}")]
    Io { offset: u64, source: io::Error },
}

impl CaptureError {
    /// The byte offset where reading stopped, when there is one.
    pub fn offset(&self) -> Option<u64> {
        match self {
            CaptureError::Open(_) | CaptureError::Empty | CaptureError::NotACapture { .. } => None,
            CaptureError::Truncated { offset }
            | CaptureError::RecordTooLarge { offset, .. }
            | CaptureError::UnknownInterface { offset, .. }
            | CaptureError::Corrupt { offset, .. }
            | CaptureError::Io { offset, .. } => Some(*offset),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}
