//! Ground truth: flows with the class they really belong to, gathered into the table that
//! training and evaluation read.
//!
//! Labels come from a labels CSV joined to extracted flows ([`labels`]), from a capture's truth
//! file of rules ([`truth`]), from a `DIR/<label>/...` layout of captures ([`from_layout`]; not
//! when a `labels.csv` lies beside them), or from a feature CSV written by
//! `flowclass extract` with a label column ([`feature_csv`]). Flows labeled `ignore` are matched
//! like any other and then left out.

pub mod feature_csv;
pub mod grouping;
pub mod labels;
pub mod load;
pub mod numbers;
pub mod truth;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use ndarray::Array2;
use thiserror::Error;

use crate::extract::CaptureInput;
use crate::flow::{FlowEndpoints, FlowRecord, Timestamp};
use crate::model::SchemaDifference;
pub use grouping::Grouping;

/// The label that marks a flow as known but not to be learned from.
pub const IGNORE: &str = "ignore";

/// One flow and the class it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledFlow {
    pub record: FlowRecord,
    pub label: String,
    pub scenario: Option<String>,
    /// What sort of flow of its class it is (e.g. `dht` or `utp` for BitTorrent, `tls` for
    /// HTTP), when the labels say; evaluation breaks scores down by it.
    pub kind: Option<String>,
}

/// Everything about a flow but its features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowMeta {
    pub capture: String,
    pub endpoints: FlowEndpoints,
    pub start: Timestamp,
    pub end: Timestamp,
    pub packets: u64,
    pub bytes: u64,
}

/// The training table: row `i` is one flow.
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledSet {
    /// One row per flow, in the order of the feature schema.
    pub features: Array2<f64>,
    /// Index into `class_names`.
    pub labels: Vec<usize>,
    /// Sorted, without `ignore`.
    pub class_names: Vec<String>,
    /// Index into `capture_names`: flows of one capture are never split between training and
    /// testing.
    pub groups: Vec<usize>,
    /// Sorted.
    pub capture_names: Vec<String>,
    pub scenarios: Vec<Option<String>>,
    /// The kind of flow as the labels give it (`dht`, `tls`, ...), if they give one.
    pub kinds: Vec<Option<String>>,
    pub flows: Vec<FlowMeta>,
    /// The implementation each scenario records, as the labels' `implementation` column gives it.
    pub implementations: BTreeMap<String, String>,
    /// What [`LabeledSet::fold_groups`] keeps together.
    pub grouping: Grouping,
}

/// Why labeled data could not be read or assembled.
#[derive(Debug, Error)]
pub enum DatasetError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {reason}", path.display())]
    Line {
        path: PathBuf,
        line: u64,
        reason: String,
    },
    #[error("{}: the feature columns do not match this version's features: {}", path.display(), list(differences))]
    FeatureColumns {
        path: PathBuf,
        differences: Vec<SchemaDifference>,
    },
    #[error("flow {flow} of {capture} has {found} features, expected {expected}")]
    FeatureCount {
        capture: String,
        flow: String,
        expected: usize,
        found: usize,
    },
    #[error(
        "flow {flow} of {capture} has a feature that is not a finite number (column {column})"
    )]
    NonFinite {
        capture: String,
        flow: String,
        column: usize,
    },
    #[error("no labeled flows (flows labeled '{IGNORE}' do not count)")]
    Empty,
    #[error(
        "{} lies beside these captures, but no labels were given: their flows would be labeled \
         by the names of their directories instead; give --labels {} (or the captures' \
         .truth.csv files), or move it away to label by directory",
        labels.display(),
        labels.display()
    )]
    LabelsBeside { labels: PathBuf },
}

fn list(differences: &[SchemaDifference]) -> String {
    differences
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Labels flows by where their capture sits: `DIR/<label>/...` gives `<label>`. Flows of
/// captures without a label are returned apart.
pub fn from_layout(
    captures: Vec<(CaptureInput, Vec<FlowRecord>)>,
) -> (Vec<LabeledFlow>, Vec<FlowRecord>) {
    let mut labeled = Vec::new();
    let mut unlabeled = Vec::new();
    for (input, records) in captures {
        match input.label {
            Some(label) => labeled.extend(records.into_iter().map(|record| LabeledFlow {
                record,
                label: label.clone(),
                scenario: None,
                kind: None,
            })),
            None => unlabeled.extend(records),
        }
    }
    (labeled, unlabeled)
}

fn describe_flow(meta: &FlowRecord) -> String {
    let e = &meta.endpoints;
    format!(
        "{} {}:{} -> {}:{} at {}",
        e.transport, e.src_ip, e.src_port, e.dst_ip, e.dst_port, meta.start
    )
}

impl LabeledSet {
    /// Builds the table; flows labeled `ignore` are left out. Every flow must have
    /// `feature_count` finite features.
    pub fn from_flows(
        flows: Vec<LabeledFlow>,
        feature_count: usize,
    ) -> Result<LabeledSet, DatasetError> {
        let flows: Vec<LabeledFlow> = flows.into_iter().filter(|f| f.label != IGNORE).collect();
        if flows.is_empty() {
            return Err(DatasetError::Empty);
        }
        let class_names: Vec<String> = flows
            .iter()
            .map(|f| f.label.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let capture_names: Vec<String> = flows
            .iter()
            .map(|f| f.record.capture.to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut features = Array2::zeros((flows.len(), feature_count));
        let mut set = LabeledSet {
            features: Array2::zeros((0, feature_count)),
            labels: Vec::with_capacity(flows.len()),
            groups: Vec::with_capacity(flows.len()),
            scenarios: Vec::with_capacity(flows.len()),
            kinds: Vec::with_capacity(flows.len()),
            flows: Vec::with_capacity(flows.len()),
            class_names,
            capture_names,
            implementations: BTreeMap::new(),
            grouping: Grouping::default(),
        };
        for (row, flow) in flows.into_iter().enumerate() {
            let record = flow.record;
            if record.features.len() != feature_count {
                return Err(DatasetError::FeatureCount {
                    capture: record.capture.to_string(),
                    flow: describe_flow(&record),
                    expected: feature_count,
                    found: record.features.len(),
                });
            }
            if let Some(column) = record.features.iter().position(|v| !v.is_finite()) {
                return Err(DatasetError::NonFinite {
                    capture: record.capture.to_string(),
                    flow: describe_flow(&record),
                    column,
                });
            }
            features
                .row_mut(row)
                .assign(&ndarray::ArrayView1::from(&record.features));
            // Both lists are sorted and hold every name, so the searches succeed.
            set.labels
                .push(set.class_names.binary_search(&flow.label).unwrap_or(0));
            set.groups.push(
                set.capture_names
                    .binary_search_by(|name| name.as_str().cmp(&record.capture))
                    .unwrap_or(0),
            );
            set.scenarios.push(flow.scenario);
            set.kinds.push(flow.kind);
            set.flows.push(FlowMeta {
                capture: record.capture.to_string(),
                endpoints: record.endpoints,
                start: record.start,
                end: record.end,
                packets: record.packets,
                bytes: record.bytes,
            });
        }
        set.features = features;
        Ok(set)
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Sets `columns` to 0 in every row, so that a tree grown on the set cannot split on them.
    pub fn hold_constant(&mut self, columns: &[usize]) {
        for &column in columns {
            self.features.column_mut(column).fill(0.0);
        }
    }

    /// What cross-validation keeps together, by [`LabeledSet::grouping`]: the scenario of a flow
    /// where one is known, its application or its scenario's implementation; else its capture.
    /// Several captures of one scenario (the same swarm seen from two peers) can hold the same
    /// conversation, so splitting by scenario keeps it from sitting on both sides of a split;
    /// flows of one capture are never split either way.
    pub fn fold_groups(&self) -> Vec<usize> {
        self.groups_by(self.grouping)
    }

    /// Which recording each flow comes from, numbered: its scenario where one is known (a
    /// scenario's captures can hold the same conversation), else its capture.
    pub fn recordings(&self) -> Vec<usize> {
        self.groups_by(Grouping::Scenario)
    }

    fn groups_by(&self, grouping: Grouping) -> Vec<usize> {
        let keys: Vec<String> = (0..self.len())
            .map(|row| self.group_key(row, grouping))
            .collect();
        let sorted: Vec<&String> = keys.iter().collect::<BTreeSet<_>>().into_iter().collect();
        keys.iter()
            .map(|k| sorted.binary_search(&k).unwrap_or(0))
            .collect()
    }

    fn group_key(&self, row: usize, grouping: Grouping) -> String {
        let Some(scenario) = &self.scenarios[row] else {
            return format!("capture {}", self.capture_names[self.groups[row]]);
        };
        match grouping {
            Grouping::Scenario => format!("scenario {scenario}"),
            Grouping::Implementation if self.implementations.contains_key(scenario) => {
                format!("implementation {}", self.implementations[scenario])
            }
            Grouping::Application | Grouping::Implementation => {
                format!("application {}", grouping::application(scenario))
            }
        }
    }

    /// Scenarios that `--group-by implementation` has to group by their application, because
    /// the labels name no implementation for them.
    pub fn scenarios_without_implementation(&self) -> BTreeSet<&str> {
        self.scenarios
            .iter()
            .flatten()
            .filter(|s| !self.implementations.contains_key(*s))
            .map(String::as_str)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Renumbers the classes so that `leading` (a model's classes) come first, in that order,
    /// followed by the set's other classes, sorted. After this, a model's class index is also
    /// the set's, so its predictions can be scored against `labels` directly.
    pub fn align_classes(&mut self, leading: &[String]) {
        let mut names: Vec<String> = leading.to_vec();
        names.extend(
            self.class_names
                .iter()
                .filter(|c| !leading.contains(c))
                .cloned(),
        );
        let new_index: Vec<usize> = self
            .class_names
            .iter()
            .map(|c| names.iter().position(|n| n == c).unwrap_or(0))
            .collect();
        self.labels
            .iter_mut()
            .for_each(|label| *label = new_index[*label]);
        self.class_names = names;
    }

    /// The index of the class called `name`, if the set has flows of it.
    pub fn class_index(&self, name: &str) -> Option<usize> {
        self.class_names.iter().position(|c| c == name)
    }

    /// Flows per class, in the order of `class_names`.
    pub fn class_counts(&self) -> Vec<u64> {
        let mut counts = vec![0u64; self.class_names.len()];
        for &label in &self.labels {
            counts[label] += 1;
        }
        counts
    }

    /// The flow's class and kind as one name (`bittorrent/dht`), if the labels give a kind: the
    /// same kind under two classes (`http/tls`, `websocket/tls`) is two kinds of flow.
    pub fn class_kind(&self, row: usize) -> Option<String> {
        let kind = self.kinds[row].as_deref()?;
        Some(format!("{}/{kind}", self.class_names[self.labels[row]]))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::flow::Transport;

    #[test]
    fn folds_keep_a_scenario_together_across_its_captures() {
        let flow = |capture: &str, port: u16, scenario: Option<&str>| LabeledFlow {
            record: record(capture, port, 1, vec![0.0]),
            label: "http".into(),
            scenario: scenario.map(String::from),
            kind: None,
        };
        let set = LabeledSet::from_flows(
            vec![
                flow("swarm-peer1.pcap", 1, Some("swarm")),
                flow("swarm-peer2.pcap", 2, Some("swarm")),
                flow("web.pcap", 3, Some("web")),
                flow("loose-a.pcap", 4, None),
                flow("loose-b.pcap", 5, None),
            ],
            1,
        )
        .unwrap();
        let groups = set.fold_groups();
        assert_eq!(
            groups[0], groups[1],
            "two peers of one swarm fall in one group"
        );
        assert_ne!(groups[0], groups[2]);
        assert_ne!(
            groups[3], groups[4],
            "without a scenario, each capture is its own group"
        );
        assert_eq!(groups.iter().collect::<BTreeSet<_>>().len(), 4);
    }

    pub(crate) fn record(
        capture: &str,
        src_port: u16,
        start_s: i64,
        features: Vec<f64>,
    ) -> FlowRecord {
        FlowRecord {
            capture: capture.into(),
            endpoints: FlowEndpoints {
                transport: Transport::Tcp,
                src_ip: "10.0.0.1".parse().unwrap(),
                src_port,
                dst_ip: "10.0.0.2".parse().unwrap(),
                dst_port: 443,
            },
            start: Timestamp(start_s * 1_000_000_000),
            end: Timestamp(start_s * 1_000_000_000 + 5),
            packets: 3,
            bytes: 180,
            features,
        }
    }

    pub(crate) fn labeled(capture: &str, label: &str, features: Vec<f64>) -> LabeledFlow {
        LabeledFlow {
            record: record(capture, 1000, 1, features),
            label: label.into(),
            scenario: None,
            kind: None,
        }
    }

    #[test]
    fn classes_and_captures_are_sorted_and_ignore_is_left_out() {
        let set = LabeledSet::from_flows(
            vec![
                labeled("b.pcap", "websocket", vec![1.0, 2.0]),
                labeled("a.pcap", "http", vec![3.0, 4.0]),
                labeled("b.pcap", IGNORE, vec![5.0, 6.0]),
                labeled("c.pcap", "websocket", vec![7.0, 8.0]),
            ],
            2,
        )
        .unwrap();
        assert_eq!(set.class_names, ["http", "websocket"]);
        assert_eq!(set.capture_names, ["a.pcap", "b.pcap", "c.pcap"]);
        assert_eq!(set.labels, [1, 0, 1]);
        assert_eq!(set.groups, [1, 0, 2]);
        assert_eq!(
            set.features,
            ndarray::array![[1.0, 2.0], [3.0, 4.0], [7.0, 8.0]]
        );
        assert_eq!(set.class_counts(), [1, 2]);
        assert_eq!(set.flows[1].capture, "a.pcap");
    }

    #[test]
    fn classes_can_be_renumbered_to_follow_a_model() {
        let mut set = LabeledSet::from_flows(
            vec![
                labeled("a.pcap", "websocket", vec![1.0]),
                labeled("a.pcap", "http", vec![2.0]),
                labeled("a.pcap", "smtp", vec![3.0]),
            ],
            1,
        )
        .unwrap();
        assert_eq!(
            (set.class_names.clone(), set.labels.clone()),
            (
                vec!["http".into(), "smtp".into(), "websocket".into()],
                vec![2, 0, 1]
            )
        );
        set.align_classes(&["bittorrent".into(), "http".into(), "websocket".into()]);
        assert_eq!(set.class_names, ["bittorrent", "http", "websocket", "smtp"]);
        assert_eq!(set.labels, [2, 1, 3]);
        assert_eq!(set.class_counts(), [0, 1, 1, 1]);
    }

    #[test]
    fn wrong_or_broken_feature_vectors_are_named() {
        let err =
            LabeledSet::from_flows(vec![labeled("a.pcap", "http", vec![1.0])], 2).unwrap_err();
        assert!(
            matches!(
                err,
                DatasetError::FeatureCount {
                    expected: 2,
                    found: 1,
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("tcp 10.0.0.1:1000 -> 10.0.0.2:443"),
            "{err}"
        );
        let err = LabeledSet::from_flows(vec![labeled("a.pcap", "http", vec![1.0, f64::NAN])], 2)
            .unwrap_err();
        assert!(matches!(err, DatasetError::NonFinite { column: 1, .. }));
        let err =
            LabeledSet::from_flows(vec![labeled("a.pcap", IGNORE, vec![1.0])], 1).unwrap_err();
        assert!(matches!(err, DatasetError::Empty));
    }

    #[test]
    fn layout_labels_come_from_the_capture_input() {
        let input = |path: &str, label: Option<&str>| CaptureInput {
            path: path.into(),
            label: label.map(String::from),
        };
        let (labeled, unlabeled) = from_layout(vec![
            (
                input("d/http/a.pcap", Some("http")),
                vec![
                    record("d/http/a.pcap", 1, 1, vec![]),
                    record("d/http/a.pcap", 2, 1, vec![]),
                ],
            ),
            (
                input("top.pcap", None),
                vec![record("top.pcap", 3, 1, vec![])],
            ),
        ]);
        assert_eq!(
            labeled
                .iter()
                .map(|f| (f.label.as_str(), f.record.endpoints.src_port))
                .collect::<Vec<_>>(),
            [("http", 1), ("http", 2)]
        );
        assert_eq!(unlabeled.len(), 1);
        assert_eq!(unlabeled[0].endpoints.src_port, 3);
    }
}
