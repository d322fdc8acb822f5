//! Scores of a prediction list split by capture or by scenario, to find where the model fails.

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

fn breakdown(
    set: &LabeledSet,
    predicted: &[usize],
    key: impl Fn(usize) -> Option<String>,
) -> Vec<Breakdown> {
    let k = set.class_names.len();
    let mut tallies: BTreeMap<String, (Vec<u64>, Vec<u64>)> = BTreeMap::new();
    for (row, (&truth, &guess)) in set.labels.iter().zip(predicted).enumerate() {
        let Some(name) = key(row) else { continue };
        let (support, hits) = tallies
            .entry(name)
            .or_insert_with(|| (vec![0; k], vec![0; k]));
        support[truth] += 1;
        hits[truth] += u64::from(truth == guess);
    }
    tallies
        .into_iter()
        .map(|(name, (support, hits))| {
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
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::labeled;
    use crate::dataset::LabeledFlow;

    #[test]
    fn counts_per_capture_and_scenario() {
        let flow = |capture: &str, label: &str, scenario: Option<&str>| LabeledFlow {
            scenario: scenario.map(String::from),
            ..labeled(capture, label, vec![0.0])
        };
        let set = LabeledSet::from_flows(
            vec![
                flow("a.pcap", "http", Some("s1")),
                flow("a.pcap", "http", Some("s1")),
                flow("a.pcap", "websocket", Some("s2")),
                flow("b.pcap", "websocket", None),
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
    }
}
