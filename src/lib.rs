//! flowclass tells what an encrypted flow is — BitTorrent, WebSocket or HTTP — from its shape
//! (packet sizes, timings, directions), never from its payload or its ports.
//!
//! The pipeline is a chain of small modules:
//! [`capture`] streams frames out of pcap/pcapng files, [`decode`] turns a frame into a
//! [`decode::PacketSummary`], [`flow`] groups packets into bidirectional flows with timeouts,
//! [`features`] measures each flow in one pass, [`extract`] runs that over many files in parallel
//! and [`spread`] over one capture on many cores (and, with the cargo feature `live`, `live` over a
//! network interface),
//! [`dataset`] joins flows with ground-truth labels, [`model`] trains and applies a decision tree
//! or a forest of them, [`train`] runs a whole training with its cross-validations, and [`eval`]
//! scores a model with cross-validation grouped by scenario; [`plot`] draws the scores as SVG
//! charts and [`table`] turns output rows into Arrow record batches.
//!
//! ```
//! use flowclass::extract::{extract_path, ExtractConfig};
//! let config = ExtractConfig::default();
//! let capture = extract_path(std::path::Path::new("tests/data/http-curl.pcap"), &config);
//! assert!(capture.report.error.is_none());
//! assert!(capture.records.iter().all(|f| f.features.iter().all(|v| v.is_finite())));
//! ```
#![forbid(unsafe_code)]

pub mod capture;
pub mod dataset;
pub mod decode;
pub mod error;
pub mod eval;
pub mod extract;
pub mod features;
pub mod flow;
pub mod interfaces;
pub mod linfa_bridge;
#[cfg(feature = "live")]
pub mod live;
pub mod model;
pub mod packet;
pub mod palette;
pub mod plot;
pub mod problems;
pub mod spread;
pub mod table;
pub mod train;
