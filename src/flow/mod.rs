//! Bidirectional flows: the key that is the same both ways, the table of open flows with its
//! timeouts and cap, and the finished [`FlowRecord`]s it emits. `docs/FLOWS.md` is the definition
//! this module implements.

mod index;
pub mod key;
mod measure;
mod offload;
pub mod record;
pub mod table;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use key::FlowKey;
pub use record::{FlowEndpoints, FlowRecord, Timestamp, Transport};
pub use table::{FlowTable, TableStats};

/// When flows end and how many may be open at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowConfig {
    /// A gap longer than this ends a flow.
    #[serde(with = "seconds")]
    pub idle_timeout: Duration,
    /// A flow older than this ends at its next packet.
    #[serde(with = "seconds")]
    pub active_timeout: Duration,
    /// How long a finished TCP flow keeps absorbing trailing packets (last ACKs, retransmitted FINs).
    #[serde(with = "seconds")]
    pub finished_linger: Duration,
    /// At most this many flows are open; past it the oldest idle one is ended early (and counted).
    pub max_open_flows: usize,
}

impl Default for FlowConfig {
    fn default() -> Self {
        FlowConfig {
            idle_timeout: Duration::from_secs(120),
            active_timeout: Duration::from_secs(1800),
            finished_linger: Duration::from_secs(10),
            max_open_flows: 1_000_000,
        }
    }
}

mod seconds {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub fn serialize<S: Serializer>(value: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(value.as_secs_f64())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        Duration::try_from_secs_f64(seconds).map_err(serde::de::Error::custom)
    }
}
