//! The novelty guard measured out of fold: for each fold of a cross-validation, ranges drawn
//! from its training flows only ([`Envelope`]), applied to its test flows. [`guard_out_of_fold`]
//! scores the guard a model is trained with; [`outside_out_of_fold`] counts, for other shapes of
//! ranges, how far each flow lies outside them, and [`novelty_out_of_fold`] measures each flow's
//! novelty by its nearest neighbours, so a threshold can be chosen.

use std::collections::BTreeSet;

use super::cv::CvReport;
use super::neighbours::Neighbours;
use crate::dataset::LabeledSet;
use crate::model::{Envelope, GuardParams};

/// The ranges of one class per class, over the set's `rows`, on `features`: the guard a model
/// is trained with.
pub fn fit_guard(
    set: &LabeledSet,
    rows: &[usize],
    features: &[usize],
    params: GuardParams,
) -> Envelope {
    let x = set.features.select(ndarray::Axis(0), rows);
    let labels: Vec<usize> = rows.iter().map(|&r| set.labels[r]).collect();
    let classes = (0..set.class_names.len()).collect();
    Envelope::fit(x.view(), &labels, classes, features.to_vec(), params)
}

/// A cross-validation with a novelty guard: its scores, and how often the guard spoke.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardedCv {
    /// The cross-validation scored with the guard's answers.
    pub report: CvReport,
    /// Flows the guard answered its fallback class for.
    pub overruled: usize,
    /// Of those, the flows that were of the fallback class.
    pub right: usize,
}

impl GuardedCv {
    /// The share of the guard's answers that were right: the confidence a model's guard gives
    /// its answers (0 when it never spoke).
    pub fn confidence(&self) -> f64 {
        self.right as f64 / self.overruled.max(1) as f64
    }
}

/// `cv` with a guard of `params` on `features`, fitted per fold on the fold's training flows,
/// overruling the fold's out-of-fold predictions.
pub fn guard_out_of_fold(
    set: &LabeledSet,
    cv: &CvReport,
    features: &[usize],
    params: GuardParams,
) -> GuardedCv {
    let mut predictions = cv.predictions.clone();
    let (mut overruled, mut right) = (0, 0);
    for (train, test) in fold_rows(cv) {
        let guard = fit_guard(set, &train, features, params);
        for row in test {
            let judged = guard.judge(predictions[row], &set.features.row(row).to_vec());
            if judged != predictions[row] {
                overruled += 1;
                right += usize::from(set.labels[row] == judged);
                predictions[row] = judged;
            }
        }
    }
    GuardedCv {
        report: cv.rescored(set, predictions),
        overruled,
        right,
    }
}

/// The rows each fold of `cv` trained on and tested, fold by fold.
fn fold_rows(cv: &CvReport) -> impl Iterator<Item = (Vec<usize>, Vec<usize>)> + '_ {
    (0..cv.summary.folds)
        .map(|fold| (0..cv.test_folds.len()).partition(|&r| cv.test_folds[r] != fold))
}

/// For every row of the set: its features outside the ranges of its out-of-fold predicted class,
/// the ranges taken from the row's training folds, per shape in `shapes`.
pub fn outside_out_of_fold(
    set: &LabeledSet,
    cv: &CvReport,
    shapes: &[GuardShape],
) -> Vec<Vec<usize>> {
    let mut outside = vec![Vec::new(); set.len()];
    for (train, test) in fold_rows(cv) {
        let guards = envelopes(set, &train, shapes);
        for row in test {
            let features = set.features.row(row).to_vec();
            outside[row] = guards
                .iter()
                .map(|g| g.outside(cv.predictions[row], &features))
                .collect();
        }
    }
    outside
}

/// For every row of the set: its [`Neighbours::novelty`] for its out-of-fold predicted class,
/// measured against the row's training folds; `skip` is the class a guard would answer.
pub fn novelty_out_of_fold(set: &LabeledSet, cv: &CvReport, skip: usize) -> Vec<f64> {
    let mut novelty = vec![0.0; set.len()];
    for (train, test) in fold_rows(cv) {
        let neighbours = Neighbours::fit(set, &train, skip);
        for row in test {
            let features = set.features.row(row).to_vec();
            novelty[row] = neighbours.novelty(cv.predictions[row], &features);
        }
    }
    novelty
}

/// How a guard's ranges are drawn: over which quantiles, and per class or per kind of flow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GuardShape {
    /// The share cut off each end of a group's values.
    pub trim: f64,
    /// Ranges per kind of each class (`bittorrent/dht`, `bittorrent/utp`, ...), flows without a
    /// kind in one group of their class; otherwise one range per class.
    pub per_kind: bool,
}

impl GuardShape {
    /// The ranges a model's novelty guard keeps: per class, untrimmed.
    pub const MODEL: GuardShape = GuardShape {
        trim: 0.0,
        per_kind: false,
    };
}

/// An envelope per shape over the set's `rows`, on every feature (the fallback and threshold
/// are not used here).
pub(super) fn envelopes(set: &LabeledSet, rows: &[usize], shapes: &[GuardShape]) -> Vec<Envelope> {
    let x = set.features.select(ndarray::Axis(0), rows);
    let by_class: Vec<usize> = rows.iter().map(|&r| set.labels[r]).collect();
    let kinds: Vec<(usize, Option<&str>)> = rows
        .iter()
        .map(|&r| (set.labels[r], set.kinds[r].as_deref()))
        .collect();
    let units: Vec<&(usize, Option<&str>)> =
        kinds.iter().collect::<BTreeSet<_>>().into_iter().collect();
    let by_kind: Vec<usize> = kinds
        .iter()
        .map(|k| units.binary_search(&k).unwrap_or(0))
        .collect();
    let class_of_kind: Vec<usize> = units.iter().map(|(class, _)| *class).collect();
    let every_feature: Vec<usize> = (0..set.features.ncols()).collect();
    shapes
        .iter()
        .map(|shape| {
            let (groups, class_of) = if shape.per_kind {
                (&by_kind, class_of_kind.clone())
            } else {
                (&by_class, (0..set.class_names.len()).collect())
            };
            let params = GuardParams {
                fallback: 0,
                min_outside: 1,
                trim: shape.trim,
            };
            Envelope::fit(x.view(), groups, class_of, every_feature.clone(), params)
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::dataset::tests::record;
    use crate::dataset::LabeledFlow;
    use crate::eval::cross_validate;
    use crate::model::TreeParams;

    /// A flow of two features in `scenario`'s capture.
    pub(in crate::eval) fn flow(scenario: &str, label: &str, features: [f64; 2]) -> LabeledFlow {
        LabeledFlow {
            record: record(
                &format!("{scenario}.pcap"),
                features[0] as u16,
                1,
                features.to_vec(),
            ),
            label: label.into(),
            scenario: Some(scenario.into()),
            kind: None,
        }
    }

    #[test]
    fn the_guard_is_drawn_from_each_fold_s_training_flows_and_rescores_the_folds() {
        // In each of six scenarios, bittorrent at (0, 0) and (1, 1), other at (100, 100) and
        // (101, 101): every fold's training ranges are [0, 1] and [100, 101]. Then one other
        // flow at (30, 30), far from both but nearer bittorrent, and one bittorrent flow at
        // (0.5, 20), outside bittorrent's range on one feature only.
        let mut flows = Vec::new();
        for s in 0..6 {
            for x in [0.0, 1.0] {
                flows.push(flow(&format!("s{s}"), "bittorrent", [x, x]));
                flows.push(flow(&format!("s{s}"), "other", [100.0 + x, 100.0 + x]));
            }
        }
        flows.push(flow("odd", "other", [30.0, 30.0]));
        flows.push(flow("edge", "bittorrent", [0.5, 20.0]));
        let set = LabeledSet::from_flows(flows, 2).unwrap();
        let other = set.class_names.iter().position(|c| c == "other").unwrap();
        let tree = TreeParams {
            min_samples_leaf: 1,
            ..TreeParams::default()
        };
        let cv = cross_validate(&set, tree, 3, 1).unwrap();
        let (odd, edge) = (set.len() - 2, set.len() - 1);
        assert_ne!(
            cv.predictions[odd], other,
            "the classifier alone gets it wrong"
        );
        let params = |min_outside| GuardParams {
            fallback: other,
            min_outside,
            trim: 0.0,
        };
        let guarded = guard_out_of_fold(&set, &cv, &[0, 1], params(2));
        assert_eq!((guarded.overruled, guarded.right), (1, 1));
        assert_eq!(guarded.confidence(), 1.0);
        assert_eq!(guarded.report.predictions[odd], other);
        assert_eq!(guarded.report.predictions[edge], cv.predictions[edge]);
        assert!(guarded.report.summary.metrics.accuracy > cv.summary.metrics.accuracy);
        assert_eq!(guarded.report.test_folds, cv.test_folds);
        // The fold that tested the odd flow scores higher; the others are unchanged.
        let fold = cv.test_folds[odd];
        for (f, (with, without)) in guarded
            .report
            .summary
            .fold_macro_f1
            .iter()
            .zip(&cv.summary.fold_macro_f1)
            .enumerate()
        {
            assert_eq!(f == fold, with > without, "fold {f}");
        }
        // Checking only feature 1, one feature out is not enough for a guard of two.
        let narrow = guard_out_of_fold(&set, &cv, &[1], params(2));
        assert_eq!(narrow.overruled, 0);
        assert_eq!(narrow.report, cv);
        // A guard of one feature also overrules the edge flow: wrongly.
        let eager = guard_out_of_fold(&set, &cv, &[0, 1], params(1));
        assert_eq!((eager.overruled, eager.right), (2, 1));
        assert_eq!(eager.report.predictions[edge], other);
        // Out of fold, every bittorrent flow of the six scenarios has an identical one in
        // another scenario; the odd flow lies beyond the reach of every bittorrent flow it was
        // measured against but the edge flow's, the one far from the rest.
        let novelty = novelty_out_of_fold(&set, &cv, other);
        let fold = cv.test_folds[odd];
        let trained = |row: &usize| cv.test_folds[*row] != fold && set.labels[*row] != other;
        let reaches = (0..set.len()).filter(trained).count();
        let beyond = reaches - usize::from(trained(&edge));
        assert_eq!(novelty[odd], beyond as f64 / reaches as f64);
        for (row, novelty) in novelty[..odd].iter().enumerate() {
            assert_eq!(*novelty, 0.0, "row {row}");
        }
    }
}
