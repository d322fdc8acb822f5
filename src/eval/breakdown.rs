//! Scores of a prediction list split by capture, by scenario or by kind of flow (DHT, uTP,
//! TLS...), to find where the model fails.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::LabeledSet;

/// How the flows of one capture (or scenario) fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub name: String,
    pub flows: u64,
    pub correct: u64,
    /// `correct / flows`.
    pub accuracy: f64,
    /// Flows per class in the truth, in the order of the set's classes.
    pub support: Vec<u64>,
    /// Per class, the share of its flows recognized; `None` for a class with no flows here.
    pub recall: Vec<Option<f64>>,
    /// The kinds of flow here (`class/kind`, sorted), for flows whose labels give one.
    pub kinds: Vec<KindScore>,
}

/// How the flows of one kind (e.g. `bittorrent/dht`) fared: `correct` of them got their class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindScore {
    pub kind: String,
    pub flows: u64,
    pub correct: u64,
    /// `correct / flows`: the kind's recall.
    pub recall: f64,
}

/// One [`Breakdown`] per capture, in the order of `set.capture_names`.
pub fn by_capture(set: &LabeledSet, predicted: &[usize]) -> Vec<Breakdown> {
    breakdown(set, predicted, |row| {
        Some(set.capture_names[set.groups[row]].clone())
    })
}

/// One [`Breakdown`] per scenario, sorted by name; flows without a scenario are left out.
pub fn by_scenario(set: &LabeledSet, predicted: &[usize]) -> Vec<Breakdown> {
    breakdown(set, predicted, |row| set.scenarios[row].clone())
}

/// One [`Breakdown`] per kind of flow (`class/kind`), sorted; flows without a kind are left out.
pub fn by_kind(set: &LabeledSet, predicted: &[usize]) -> Vec<Breakdown> {
    breakdown(set, predicted, |row| set.class_kind(row))
}

fn breakdown(
    set: &LabeledSet,
    predicted: &[usize],
    key: impl Fn(usize) -> Option<String>,
) -> Vec<Breakdown> {
    let k = set.class_names.len();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (row, (&truth, &guess)) in set.labels.iter().zip(predicted).enumerate() {
        let Some(name) = key(row) else { continue };
        let tally = tallies.entry(name).or_insert_with(|| Tally {
            support: vec![0; k],
            hits: vec![0; k],
            kinds: BTreeMap::new(),
        });
        let hit = u64::from(truth == guess);
        tally.support[truth] += 1;
        tally.hits[truth] += hit;
        if let Some(kind) = set.class_kind(row) {
            let (flows, correct) = tally.kinds.entry(kind).or_default();
            *flows += 1;
            *correct += hit;
        }
    }
    tallies
        .into_iter()
        .map(
            |(
                name,
                Tally {
                    support,
                    hits,
                    kinds,
                },
            )| {
                let flows: u64 = support.iter().sum();
                let correct: u64 = hits.iter().sum();
                let recall = support
                    .iter()
                    .zip(&hits)
                    .map(|(&s, &h)| (s > 0).then(|| h as f64 / s as f64))
                    .collect();
                Breakdown {
                    name,
                    flows,
                    correct,
                    accuracy: correct as f64 / flows as f64,
                    support,
                    recall,
                    kinds: kinds
                        .into_iter()
                        .map(|(kind, (flows, correct))| KindScore {
                            kind,
                            flows,
                            correct,
                            recall: correct as f64 / flows as f64,
                        })
                        .collect(),
                }
            },
        )
        .collect()
}

/// Flows and hits per class, and per kind, of one breakdown row.
struct Tally {
    support: Vec<u64>,
    hits: Vec<u64>,
    kinds: BTreeMap<String, (u64, u64)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::labeled;
    use crate::dataset::LabeledFlow;

    #[test]
    fn counts_per_capture_and_scenario() {
        let flow =
            |capture: &str, label: &str, scenario: Option<&str>, kind: Option<&str>| LabeledFlow {
                scenario: scenario.map(String::from),
                kind: kind.map(String::from),
                ..labeled(capture, label, vec![0.0])
            };
        let set = LabeledSet::from_flows(
            vec![
                flow("a.pcap", "http", Some("s1"), Some("tls")),
                flow("a.pcap", "http", Some("s1"), Some("plain")),
                flow("a.pcap", "websocket", Some("s2"), Some("tls")),
                flow("b.pcap", "websocket", None, None),
            ],
            1,
        )
        .unwrap();
        // Classes: http = 0, websocket = 1. Predictions: right, wrong, right, wrong.
        let predicted = [0, 1, 1, 0];
        let captures = by_capture(&set, &predicted);
        assert_eq!(captures.len(), 2);
        assert_eq!(
            (
                captures[0].name.as_str(),
                captures[0].flows,
                captures[0].correct
            ),
            ("a.pcap", 3, 2)
        );
        assert_eq!(captures[0].support, [2, 1]);
        assert_eq!(captures[0].recall, [Some(0.5), Some(1.0)]);
        assert_eq!(captures[1].recall, [None, Some(0.0)]);
        assert_eq!(captures[1].accuracy, 0.0);
        let scenarios = by_scenario(&set, &predicted);
        assert_eq!(
            scenarios
                .iter()
                .map(|b| (b.name.as_str(), b.flows, b.correct))
                .collect::<Vec<_>>(),
            [("s1", 2, 1), ("s2", 1, 1)]
        );
        let kind_scores = |row: &Breakdown| {
            row.kinds
                .iter()
                .map(|k| (k.kind.clone(), k.flows, k.correct))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kind_scores(&scenarios[0]),
            [("http/plain".into(), 1, 0), ("http/tls".into(), 1, 1)]
        );
        let kinds = by_kind(&set, &predicted);
        assert_eq!(
            kinds
                .iter()
                .map(|b| (b.name.as_str(), b.flows, b.correct))
                .collect::<Vec<_>>(),
            [
                ("http/plain", 1, 0),
                ("http/tls", 1, 1),
                ("websocket/tls", 1, 1)
            ],
            "the flow without a kind is in no row"
        );
    }
}
