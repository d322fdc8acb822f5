//! Scores of a list of predictions against the truth: confusion matrix, accuracy and
//! per-class precision, recall and F1.

use serde::{Deserialize, Serialize};

/// How well one class was recognized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassScores {
    pub class: String,
    /// Of the flows predicted as this class, the share that are: `tp / (tp + fp)`; 0 when the
    /// class was never predicted.
    pub precision: f64,
    /// Of the flows of this class, the share found: `tp / (tp + fn)`; 0 when there are none.
    pub recall: f64,
    /// `2pr / (p + r)`; 0 when both are 0.
    pub f1: f64,
    /// Flows of this class in the truth.
    pub support: u64,
}

/// Every score of one evaluation; serializable for `--json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    pub classes: Vec<String>,
    /// `confusion[truth][predicted]`.
    pub confusion: Vec<Vec<u64>>,
    pub total: u64,
    /// 0 when there are no flows.
    pub accuracy: f64,
    pub per_class: Vec<ClassScores>,
    /// The unweighted mean of the per-class F1 over the classes that occur in the truth or in
    /// the predictions (a class that never occurs would otherwise drag the mean down for
    /// nothing); 0 when there are no flows.
    pub macro_f1: f64,
}

impl Metrics {
    /// Scores `predicted` against `truth` (both class indices below `classes.len()`; pairs with
    /// an index out of range are not counted).
    pub fn compute(classes: &[String], truth: &[usize], predicted: &[usize]) -> Metrics {
        let k = classes.len();
        let mut confusion = vec![vec![0u64; k]; k];
        for (&t, &p) in truth.iter().zip(predicted) {
            if t < k && p < k {
                confusion[t][p] += 1;
            }
        }
        let total: u64 = confusion.iter().flatten().sum();
        let correct: u64 = (0..k).map(|c| confusion[c][c]).sum();
        let per_class: Vec<ClassScores> = (0..k)
            .map(|c| {
                let tp = confusion[c][c] as f64;
                let support: u64 = confusion[c].iter().sum();
                let predicted_as: u64 = confusion.iter().map(|row| row[c]).sum();
                let precision = ratio(tp, predicted_as as f64);
                let recall = ratio(tp, support as f64);
                let f1 = ratio(2.0 * precision * recall, precision + recall);
                ClassScores {
                    class: classes[c].clone(),
                    precision,
                    recall,
                    f1,
                    support,
                }
            })
            .collect();
        let occurring: Vec<&ClassScores> = per_class
            .iter()
            .enumerate()
            .filter(|(c, s)| s.support > 0 || confusion.iter().any(|row| row[*c] > 0))
            .map(|(_, s)| s)
            .collect();
        let macro_f1 = ratio(occurring.iter().map(|s| s.f1).sum(), occurring.len() as f64);
        Metrics {
            classes: classes.to_vec(),
            confusion,
            total,
            accuracy: ratio(correct as f64, total as f64),
            per_class,
            macro_f1,
        }
    }
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_case_worked_by_hand() {
        let classes = ["a".to_string(), "b".to_string(), "c".to_string()];
        // truth:     a a a a b b c
        // predicted: a a b c b b b
        // confusion (rows truth, columns predicted):
        //   a: 2 1 1    b: 0 2 0    c: 0 1 0
        // a: tp 2, predicted as a 2, support 4 → P = 1, R = 0.5, F1 = 2·0.5/1.5 = 2/3
        // b: tp 2, predicted as b 4, support 2 → P = 0.5, R = 1, F1 = 2/3
        // c: tp 0, predicted as c 1, support 1 → P = 0, R = 0, F1 = 0
        // accuracy 4/7; macro F1 (2/3 + 2/3 + 0) / 3 = 4/9
        let m = Metrics::compute(&classes, &[0, 0, 0, 0, 1, 1, 2], &[0, 0, 1, 2, 1, 1, 1]);
        assert_eq!(
            m.confusion,
            vec![vec![2, 1, 1], vec![0, 2, 0], vec![0, 1, 0]]
        );
        assert_eq!(m.total, 7);
        assert_eq!(m.accuracy, 4.0 / 7.0);
        let scores: Vec<(f64, f64, u64)> = m
            .per_class
            .iter()
            .map(|s| (s.precision, s.recall, s.support))
            .collect();
        assert_eq!(scores, vec![(1.0, 0.5, 4), (0.5, 1.0, 2), (0.0, 0.0, 1)]);
        assert!((m.per_class[0].f1 - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.per_class[1].f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(m.per_class[2].f1, 0.0);
        assert!((m.macro_f1 - 4.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn undefined_scores_are_zero_and_json_round_trips() {
        let classes = ["a".to_string(), "b".to_string()];
        let m = Metrics::compute(&classes, &[], &[]);
        assert_eq!((m.total, m.accuracy, m.macro_f1), (0, 0.0, 0.0));
        let m = Metrics::compute(&classes, &[0, 0], &[0, 0]);
        // b never occurs and is never predicted: its F1 is 0 but it is not averaged in.
        assert_eq!(m.per_class[1].f1, 0.0);
        assert_eq!(m.macro_f1, 1.0);
        // b is predicted once but never occurs: it is averaged in, (2/3 + 0) / 2.
        let m = Metrics::compute(&classes, &[0, 0], &[0, 1]);
        assert!((m.macro_f1 - 1.0 / 3.0).abs() < 1e-12);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Metrics>(&json).unwrap(), m);
    }
}
