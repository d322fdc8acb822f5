//! The lab's per-capture truth files (`<capture stem>.truth.csv`, written beside the capture;
//! `datasets/lab/label.py` documents the format): rules that label every flow of one capture
//! by its endpoints, so a capture can be labeled without a labels CSV naming each flow.
//!
//! ```text
//! # scenario: bt_tr_enc_443           (optional; default: the file's stem)
//! # encrypted: yes                    (other '#' lines are comments)
//! proto,ip,port,label[,kind]
//! tcp,10.77.0.2,6969,ignore           rows are tried in order; the first match wins
//! udp,*,*,bittorrent
//! ```
//!
//! A flow matches a row when the proto matches (`tcp`, `udp` or `*`) and one of its two
//! endpoints equals (ip, port); ip may be `*`, an address or a CIDR prefix, port `*` or a
//! number. Any label is taken as it is; columns after `label` other than `kind` are ignored.
//! A flow that no row matches is left unlabeled.

use std::io::{BufRead, BufReader};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use super::{DatasetError, LabeledFlow};
use crate::flow::{FlowRecord, Transport};

/// The name ending that marks a truth file.
pub const SUFFIX: &str = ".truth.csv";

/// One rule of a truth file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    /// `None` for `*`.
    transport: Option<Transport>,
    /// An address and how many leading bits must match; `None` for `*`.
    network: Option<(IpAddr, u8)>,
    port: Option<u16>,
    label: String,
    kind: Option<String>,
}

impl Rule {
    fn matches(&self, flow: &FlowRecord) -> bool {
        let e = &flow.endpoints;
        self.transport.is_none_or(|t| t == e.transport)
            && [(e.src_ip, e.src_port), (e.dst_ip, e.dst_port)]
                .iter()
                .any(|&(ip, port)| {
                    self.port.is_none_or(|p| p == port)
                        && self
                            .network
                            .is_none_or(|(net, bits)| in_network(ip, net, bits))
                })
    }
}

/// Whether `ip` is in `net`/`bits` (never across address families).
fn in_network(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let prefix = |a: u128, b: u128, width: u8| {
        let bits = u32::from(bits.min(width));
        bits == 0 || (a ^ b) >> (u32::from(width) - bits) == 0
    };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => prefix(u32::from(a).into(), u32::from(b).into(), 32),
        (IpAddr::V6(a), IpAddr::V6(b)) => prefix(u128::from(a), u128::from(b), 128),
        _ => false,
    }
}

/// A capture's truth file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthFile {
    pub path: PathBuf,
    /// The `# scenario:` line, else the file's stem.
    pub scenario: String,
    rules: Vec<Rule>,
}

/// Whether `path` is named like a truth file.
pub fn is_truth_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(SUFFIX))
}

/// The stem a truth file and its capture share: `a.truth.csv` and `a.pcap.gz` both give `a`.
fn stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if let Some(stem) = name.strip_suffix(SUFFIX) {
        return Some(stem.to_string());
    }
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    Some(
        Path::new(name)
            .file_stem()
            .map_or(name.to_string(), |s| s.to_string_lossy().into_owned()),
    )
}

impl TruthFile {
    /// Reads a truth file.
    pub fn read(path: &Path) -> Result<TruthFile, DatasetError> {
        let io_error = |source| DatasetError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io_error)?;
        let line_error = |line: usize, reason: String| DatasetError::Line {
            path: path.to_path_buf(),
            line: line as u64,
            reason,
        };
        let mut scenario = None;
        let mut header: Option<Vec<String>> = None;
        let mut rules = Vec::new();
        for (index, line) in BufReader::new(file).lines().enumerate() {
            let number = index + 1;
            let line = line.map_err(io_error)?;
            let line = line.trim();
            if let Some(comment) = line.strip_prefix('#') {
                if let Some(name) = comment.trim().strip_prefix("scenario:") {
                    scenario.get_or_insert_with(|| name.trim().to_string());
                }
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let fields: Vec<String> = line.split(',').map(|f| f.trim().to_string()).collect();
            let Some(columns) = &header else {
                if fields.get(..4) != Some(&["proto", "ip", "port", "label"].map(String::from)) {
                    return Err(line_error(
                        number,
                        "a truth file's header starts proto,ip,port,label".into(),
                    ));
                }
                header = Some(fields);
                continue;
            };
            let field = |i: usize| fields.get(i).map_or("", String::as_str);
            let kind = columns
                .iter()
                .position(|c| c == "kind")
                .map(field)
                .filter(|k| !k.is_empty())
                .map(String::from);
            rules.push(Rule {
                transport: match field(0) {
                    "*" => None,
                    proto => Some(Transport::parse(proto).ok_or_else(|| {
                        line_error(number, format!("proto '{proto}' is not tcp, udp or *"))
                    })?),
                },
                network: parse_network(field(1)).map_err(|reason| line_error(number, reason))?,
                port: match field(2) {
                    "*" => None,
                    port => Some(port.parse().map_err(|_| {
                        line_error(number, format!("port '{port}' is not a port number or *"))
                    })?),
                },
                label: match field(3) {
                    "" => return Err(line_error(number, "the label is empty".into())),
                    label => label.to_string(),
                },
                kind,
            });
        }
        if header.is_none() {
            return Err(line_error(1, "no proto,ip,port,label header".into()));
        }
        Ok(TruthFile {
            scenario: scenario
                .or_else(|| stem(path))
                .unwrap_or_else(|| path.display().to_string()),
            path: path.to_path_buf(),
            rules,
        })
    }

    /// Whether this file is the truth of the capture at `capture`: the same directory and stem.
    pub fn describes(&self, capture: &Path) -> bool {
        let directory = |p: &Path| {
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
            parent.unwrap_or(Path::new(".")).canonicalize().ok()
        };
        stem(capture) == stem(&self.path)
            && directory(capture).is_some()
            && directory(capture) == directory(&self.path)
    }

    /// The label of `flow` by the first rule it matches, with this file's scenario.
    pub fn label(&self, flow: FlowRecord) -> Result<LabeledFlow, FlowRecord> {
        match self.rules.iter().find(|rule| rule.matches(&flow)) {
            Some(rule) => Ok(LabeledFlow {
                label: rule.label.clone(),
                kind: rule.kind.clone(),
                scenario: Some(self.scenario.clone()),
                record: flow,
            }),
            None => Err(flow),
        }
    }
}

/// `*`, an address, or a CIDR prefix `address/bits`.
fn parse_network(text: &str) -> Result<Option<(IpAddr, u8)>, String> {
    if text == "*" {
        return Ok(None);
    }
    let invalid = || format!("ip '{text}' is not an address, a CIDR prefix or *");
    let (address, bits) = match text.split_once('/') {
        Some((address, bits)) => (address, Some(bits.parse::<u8>().map_err(|_| invalid())?)),
        None => (text, None),
    };
    let address: IpAddr = address.parse().map_err(|_| invalid())?;
    let width = if address.is_ipv4() { 32 } else { 128 };
    match bits.unwrap_or(width) {
        bits if bits <= width => Ok(Some((address, bits))),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{FlowEndpoints, Timestamp};

    fn flow(transport: Transport, src: &str, sport: u16, dst: &str, dport: u16) -> FlowRecord {
        FlowRecord {
            endpoints: FlowEndpoints {
                transport,
                src_ip: src.parse().unwrap(),
                src_port: sport,
                dst_ip: dst.parse().unwrap(),
                dst_port: dport,
            },
            capture: "lab_run.pcap".into(),
            start: Timestamp(0),
            end: Timestamp(0),
            packets: 1,
            bytes: 40,
            features: Vec::new(),
        }
    }

    /// A truth file written here for the test, in the lab's format, with a fourth label and a
    /// fifth column.
    fn truth(dir: &Path) -> TruthFile {
        let path = dir.join("lab_run.truth.csv");
        std::fs::write(
            &path,
            "# scenario: mixed_lab\n# encrypted: yes\nproto,ip,port,label,kind\n\
             tcp,10.0.0.1,6969,ignore\n\
             tcp,10.0.0.1,*,bittorrent,peer-wire\n\
             *,10.1.0.0/16,443,other\n\
             udp,fd00::/8,*,bittorrent,dht\n",
        )
        .unwrap();
        TruthFile::read(&path).unwrap()
    }

    #[test]
    fn the_first_matching_rule_labels_a_flow_by_either_endpoint() {
        let dir = tempfile::tempdir().unwrap();
        let truth = truth(dir.path());
        assert_eq!(truth.scenario, "mixed_lab");
        let label = |f| truth.label(f).map(|l| (l.label, l.kind)).map_err(|_| ());
        use Transport::{Tcp, Udp};
        assert_eq!(
            label(flow(Tcp, "10.0.0.9", 40000, "10.0.0.1", 6969)),
            Ok(("ignore".into(), None))
        );
        assert_eq!(
            label(flow(Tcp, "10.0.0.1", 51413, "10.0.0.9", 40000)),
            Ok(("bittorrent".into(), Some("peer-wire".into())))
        );
        assert_eq!(
            label(flow(Udp, "10.2.0.1", 5000, "10.1.200.7", 443)),
            Ok(("other".into(), None))
        );
        assert_eq!(label(flow(Udp, "10.2.0.1", 5000, "10.2.0.7", 443)), Err(()));
        assert_eq!(
            label(flow(Udp, "fd00::1", 6881, "2001:db8::1", 6881)),
            Ok(("bittorrent".into(), Some("dht".into())))
        );
        assert_eq!(
            label(flow(Tcp, "fd00::1", 6881, "2001:db8::1", 6881)),
            Err(())
        );
    }

    #[test]
    fn a_truth_file_describes_the_capture_of_its_stem_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let truth = truth(dir.path());
        assert!(truth.describes(&dir.path().join("lab_run.pcap.gz")));
        assert!(truth.describes(&dir.path().join("lab_run.pcapng")));
        assert!(!truth.describes(&dir.path().join("lab_run2.pcap")));
        assert!(!truth.describes(Path::new("/elsewhere/lab_run.pcap")));
    }

    #[test]
    fn broken_rules_are_errors_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.truth.csv");
        for (text, line) in [
            ("proto,ip,port,label\nsctp,*,*,http\n", 2),
            ("# c\nproto,ip,port,label\ntcp,10.0.0.0/40,*,http\n", 3),
            ("proto,ip,port,label\ntcp,*,http,http\n", 2),
            ("capture,proto\n", 1),
        ] {
            std::fs::write(&path, text).unwrap();
            match TruthFile::read(&path) {
                Err(DatasetError::Line { line: at, .. }) => assert_eq!(at, line, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
