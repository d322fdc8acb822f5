//! Integration tests: the real `flowclass` binary on real captures. One test binary, one module
//! per area.

mod charts;
mod datasets;
mod docs;
mod extract;
mod fuzz_regressions;
mod live;
mod live_capture;
mod model;
mod offload;
mod parquet_output;
mod properties;
mod robustness;
mod same_flows;
mod support;
mod tunnels;
