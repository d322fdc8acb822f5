//! A finished flow as the rest of the program sees it: its identifiers and its feature vector.

use std::net::IpAddr;
use std::sync::Arc;

pub use crate::packet::{Timestamp, Transport};

/// Who talked to whom: the initiator (`src`) and the responder (`dst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlowEndpoints {
    pub transport: Transport,
    pub src_ip: IpAddr,
    pub src_port: u16,
    pub dst_ip: IpAddr,
    pub dst_port: u16,
}

/// One finished flow: identifiers first, then the features in the order of the feature schema.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRecord {
    /// The capture it came from, as the user named it (or `-` for standard input).
    pub capture: Arc<str>,
    pub endpoints: FlowEndpoints,
    pub start: Timestamp,
    pub end: Timestamp,
    pub packets: u64,
    /// Bytes at the IP layer, from the IP headers (independent of snaplen and link type).
    pub bytes: u64,
    pub features: Vec<f64>,
}
