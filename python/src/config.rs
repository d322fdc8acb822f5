//! The keyword options every function shares, turned into flowclass's [`ExtractConfig`] the way
//! the command line turns its flags into one: the same defaults, the same checks.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use flowclass::decode::{DecapConfig, PortList};
use flowclass::extract::ExtractConfig;
use flowclass::features::{FeatureSettings, FlowFeatures};
use flowclass::interfaces::Interfaces;

/// How flows are cut and measured: the options of `extract`, `classify`, `train` and
/// `evaluate` (each `None` leaves the base setting: extract's default or the model's).
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub first_n: Option<usize>,
    pub first_packets: Option<u64>,
    pub first_payload_packets: Option<u64>,
    pub idle_timeout: Option<f64>,
    pub active_timeout: Option<f64>,
    pub max_flows: Option<usize>,
    pub deduplicate_interfaces: bool,
    pub decap: DecapConfig,
}

impl Options {
    /// `base` with these options in place of its own settings.
    pub fn apply(&self, mut config: ExtractConfig) -> PyResult<ExtractConfig> {
        if let Some(first_n) = self.first_n {
            config.features.first_n = first_n;
        }
        if self.first_packets == Some(0) {
            return Err(PyValueError::new_err("first_packets must be at least 1"));
        }
        if self.first_payload_packets == Some(0) {
            return Err(PyValueError::new_err(
                "first_payload_packets must be at least 1",
            ));
        }
        if self.first_packets.is_some() || self.first_payload_packets.is_some() {
            config.features.packet_limit = self.first_packets;
            config.features.payload_packet_limit = self.first_payload_packets;
        }
        config.flow.idle_timeout =
            seconds(self.idle_timeout, "idle_timeout", config.flow.idle_timeout)?;
        config.flow.active_timeout = seconds(
            self.active_timeout,
            "active_timeout",
            config.flow.active_timeout,
        )?;
        if self.max_flows == Some(0) {
            return Err(PyValueError::new_err("max_flows must be at least 1"));
        }
        config.flow.max_open_flows = self.max_flows.unwrap_or(config.flow.max_open_flows);
        config.interfaces = if self.deduplicate_interfaces {
            Interfaces::Deduplicated
        } else {
            Interfaces::Merged
        };
        config.decap = self.decap;
        Ok(config)
    }
}

/// `value` seconds as a duration, or `default` when not given.
fn seconds(value: Option<f64>, name: &str, default: Duration) -> PyResult<Duration> {
    match value {
        None => Ok(default),
        Some(value) if value.is_finite() && value > 0.0 => Ok(Duration::from_secs_f64(value)),
        Some(value) => Err(PyValueError::new_err(format!(
            "{name} must be a positive number of seconds, not {value}"
        ))),
    }
}

/// Whether `interfaces` names the deduplicated mode (`"merged"` or `"deduplicated"`).
pub fn deduplicated(interfaces: &str) -> PyResult<bool> {
    match interfaces {
        "merged" => Ok(false),
        "deduplicated" => Ok(true),
        other => Err(PyValueError::new_err(format!(
            "interfaces must be \"merged\" or \"deduplicated\", not {other:?}"
        ))),
    }
}

/// Which tunnels are opened, as `--decapsulate` and the `--*-ports` options set them:
/// `decapsulate` is `"all"` or `"none"`, and `tunnel_ports` maps `"vxlan"`, `"geneve"` or
/// `"gtpu"` to the UDP destination ports that carry it, in place of its defaults (at most
/// [`PortList::MAX`], none 0; an empty list opens that kind by no port).
pub fn decapsulation(
    decapsulate: &str,
    tunnel_ports: Option<HashMap<String, Vec<u16>>>,
) -> PyResult<DecapConfig> {
    let mut config = DecapConfig {
        enabled: match decapsulate {
            "all" => true,
            "none" => false,
            other => {
                return Err(PyValueError::new_err(format!(
                    "decapsulate must be \"all\" or \"none\", not {other:?}"
                )))
            }
        },
        ..DecapConfig::default()
    };
    for (kind, ports) in tunnel_ports.unwrap_or_default() {
        let list = PortList::new(&ports).ok_or_else(|| {
            PyValueError::new_err(format!(
                "tunnel_ports[{kind:?}] takes at most {} ports, none of them 0, not {ports:?}",
                PortList::MAX
            ))
        })?;
        let ports = match kind.as_str() {
            "vxlan" => &mut config.vxlan_ports,
            "geneve" => &mut config.geneve_ports,
            "gtpu" => &mut config.gtpu_ports,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "tunnel_ports names \"vxlan\", \"geneve\" or \"gtpu\", not {kind:?}"
                )))
            }
        };
        *ports = list;
    }
    Ok(config)
}

/// Every feature as `(name, unit, meaning)`, in column order (`flowclass features`).
#[pyfunction]
#[pyo3(signature = (first_n=None))]
pub fn features(first_n: Option<usize>) -> Vec<(String, String, String)> {
    let settings = FeatureSettings {
        first_n: first_n.unwrap_or(FeatureSettings::default().first_n),
        ..FeatureSettings::default()
    };
    FlowFeatures::describe(&settings)
        .into_iter()
        .map(|d| (d.name, d.unit, d.meaning))
        .collect()
}

/// The captures a function is given: a path (`str` or `os.PathLike`), or a list of them.
pub fn paths(given: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    match given.extract::<PathBuf>() {
        Ok(path) => Ok(vec![path]),
        Err(_) => given
            .extract::<Vec<PathBuf>>()
            .map_err(|_| PyTypeError::new_err("paths must be a path or a list of paths")),
    }
}
