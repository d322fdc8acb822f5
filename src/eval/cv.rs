//! Cross-validation grouped by capture, of a tree or a forest, and the choice of tree size by it.

use ndarray::Axis;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::folds::grouped_folds;
use super::metrics::Metrics;
use crate::dataset::{Grouping, LabeledSet};
use crate::model::{
    Algorithm, Classifier, Criterion, FitError, ParamsError, PredictError, TreeParams,
};

/// Why an evaluation could not run.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EvalError {
    #[error(transparent)]
    Params(#[from] ParamsError),
    #[error("cross-validation needs at least 2 folds, not {0}")]
    TooFewFolds(usize),
    #[error("cross-validation needs flows from at least 2 captures, there are {0}")]
    TooFewCaptures(usize),
    #[error("the grid of parameters to try is empty")]
    EmptyGrid,
    #[error("fold {fold}: {source}")]
    Fit { fold: usize, source: FitError },
    #[error("fold {fold}: {source}")]
    Predict { fold: usize, source: PredictError },
}

/// The outcome of one cross-validation.
#[derive(Debug, Clone, PartialEq)]
pub struct CvReport {
    pub summary: CvSummary,
    /// For every row of the set, the class predicted by the model that did not see it.
    pub predictions: Vec<usize>,
    /// For every row of the set, the fold it was tested in (0-based).
    pub test_folds: Vec<usize>,
}

/// The scores of one cross-validation, as kept in a model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CvSummary {
    /// Folds actually used (k capped at the number of captures).
    pub folds: usize,
    pub seed: u64,
    /// What no fold split (left out of model files for the default, scenarios).
    #[serde(default, skip_serializing_if = "Grouping::is_scenario")]
    pub grouping: Grouping,
    /// Scores of the out-of-fold predictions of all folds pooled together.
    pub metrics: Metrics,
    /// The macro-F1 of each fold on its own.
    pub fold_macro_f1: Vec<f64>,
    /// The mean number of leaves of the fold models (all trees of a forest together).
    pub mean_leaves: f64,
}

/// Trains `algorithm` (a tree's [`TreeParams`] or an [`Algorithm`]) on k−1 folds and predicts
/// the k-th, for every fold (in parallel). The folds depend on `seed` and the set only, so two
/// algorithms cross-validated with the same seed are scored on the same folds.
pub fn cross_validate(
    set: &LabeledSet,
    algorithm: impl Into<Algorithm>,
    k: usize,
    seed: u64,
) -> Result<CvReport, EvalError> {
    let algorithm = algorithm.into();
    algorithm.validate()?;
    if k < 2 {
        return Err(EvalError::TooFewFolds(k));
    }
    let groups = set.fold_groups();
    let captures = groups
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if captures < 2 {
        return Err(EvalError::TooFewCaptures(captures));
    }
    let folds = grouped_folds(&groups, &set.labels, k, seed);
    let outcomes: Vec<(Vec<usize>, usize)> = folds
        .par_iter()
        .enumerate()
        .map(|(fold, test)| {
            let mut in_test = vec![false; set.len()];
            test.iter().for_each(|&r| in_test[r] = true);
            let train: Vec<usize> = (0..set.len()).filter(|&r| !in_test[r]).collect();
            let model = fit_rows(set, &algorithm, &train)
                .map_err(|source| EvalError::Fit { fold, source })?;
            let predicted = model
                .flatten()
                .and_then(|flat| flat.predict_rows(set.features.select(Axis(0), test).view()))
                .map_err(|source| EvalError::Predict { fold, source })?;
            Ok((predicted, model.leaves()))
        })
        .collect::<Result<_, EvalError>>()?;
    let mut predictions = vec![0; set.len()];
    let mut test_folds = vec![0; set.len()];
    for (fold, (test, (predicted, _))) in folds.iter().zip(&outcomes).enumerate() {
        for (&row, &p) in test.iter().zip(predicted) {
            predictions[row] = p;
            test_folds[row] = fold;
        }
    }
    let mean_leaves = outcomes
        .iter()
        .map(|(_, leaves)| *leaves as f64)
        .sum::<f64>()
        / outcomes.len() as f64;
    Ok(CvReport::score(
        set,
        predictions,
        test_folds,
        folds.len(),
        seed,
        mean_leaves,
    ))
}

impl CvReport {
    /// The same cross-validation scored with other out-of-fold `predictions` (a novelty
    /// guard's, say).
    pub fn rescored(&self, set: &LabeledSet, predictions: Vec<usize>) -> CvReport {
        let CvSummary {
            folds,
            seed,
            mean_leaves,
            ..
        } = self.summary;
        CvReport::score(
            set,
            predictions,
            self.test_folds.clone(),
            folds,
            seed,
            mean_leaves,
        )
    }

    /// The scores of out-of-fold `predictions` (row `r` tested in fold `test_folds[r]` of
    /// `folds`).
    fn score(
        set: &LabeledSet,
        predictions: Vec<usize>,
        test_folds: Vec<usize>,
        folds: usize,
        seed: u64,
        mean_leaves: f64,
    ) -> CvReport {
        let fold_macro_f1 = (0..folds)
            .map(|fold| {
                let rows = (0..set.len()).filter(|&r| test_folds[r] == fold);
                let (truth, predicted): (Vec<usize>, Vec<usize>) =
                    rows.map(|r| (set.labels[r], predictions[r])).unzip();
                Metrics::compute(&set.class_names, &truth, &predicted).macro_f1
            })
            .collect();
        let summary = CvSummary {
            folds,
            seed,
            grouping: set.grouping,
            metrics: Metrics::compute(&set.class_names, &set.labels, &predictions),
            fold_macro_f1,
            mean_leaves,
        };
        CvReport {
            summary,
            predictions,
            test_folds,
        }
    }
}

/// Fits `algorithm` to the set's `rows` (features named by their column, as in a model file
/// without a schema).
pub(crate) fn fit_rows(
    set: &LabeledSet,
    algorithm: &Algorithm,
    rows: &[usize],
) -> Result<Classifier, FitError> {
    let names: Vec<String> = (0..set.features.ncols())
        .map(|i| format!("feature_{i}"))
        .collect();
    let x = set.features.select(Axis(0), rows);
    let y: Vec<usize> = rows.iter().map(|&r| set.labels[r]).collect();
    Classifier::fit(algorithm, x.view(), &y, set.class_names.len(), &names)
}

/// One point of the grid and how it scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TuneCandidate {
    pub params: TreeParams,
    pub macro_f1: f64,
    pub mean_leaves: f64,
}

/// Every grid point tried, the index of the chosen one, and the chosen one's cross-validation
/// (so it need not be run again).
#[derive(Debug, Clone, PartialEq)]
pub struct TuneReport {
    pub candidates: Vec<TuneCandidate>,
    pub best: usize,
    pub best_cv: CvReport,
}

impl TuneReport {
    /// The chosen grid point (`None` only for a report built by hand with a bad index).
    pub fn best(&self) -> Option<&TuneCandidate> {
        self.candidates.get(self.best)
    }
}

/// The tree settings `tune` tries: every combination of the three lists.
#[derive(Debug, Clone, Copy)]
pub struct TuneGrid<'a> {
    pub criteria: &'a [Criterion],
    pub max_depths: &'a [Option<usize>],
    pub min_samples_leaf: &'a [usize],
}

impl TuneGrid<'_> {
    /// Every combination, each on top of `base`'s other settings.
    fn points(&self, base: TreeParams) -> Vec<TreeParams> {
        let mut points = Vec::new();
        for &criterion in self.criteria {
            for &max_depth in self.max_depths {
                for &min_samples_leaf in self.min_samples_leaf {
                    points.push(TreeParams {
                        criterion,
                        max_depth,
                        min_samples_leaf,
                        ..base
                    });
                }
            }
        }
        points
    }
}

/// Cross-validates `base` (a tree, or a forest whose trees are varied) with every point of
/// `grid` and picks the highest pooled macro-F1. A tie (within 1e-12) goes to the simpler tree:
/// fewer mean leaves, then a smaller depth limit (unlimited counts as largest), then a larger
/// `min_samples_leaf`, then the criterion listed first.
pub fn tune(
    set: &LabeledSet,
    base: impl Into<Algorithm>,
    grid: TuneGrid<'_>,
    k: usize,
    seed: u64,
) -> Result<TuneReport, EvalError> {
    let base = base.into();
    let grid = grid.points(*base.tree_params());
    if grid.is_empty() {
        return Err(EvalError::EmptyGrid);
    }
    let (candidates, mut reports): (Vec<TuneCandidate>, Vec<CvReport>) = grid
        .par_iter()
        .map(|params| {
            let report = cross_validate(set, base.with_tree_params(*params), k, seed)?;
            let candidate = TuneCandidate {
                params: *params,
                macro_f1: report.summary.metrics.macro_f1,
                mean_leaves: report.summary.mean_leaves,
            };
            Ok((candidate, report))
        })
        .collect::<Result<Vec<_>, EvalError>>()?
        .into_iter()
        .unzip();
    let simpler = |a: &TuneCandidate, b: &TuneCandidate| {
        let depth = |c: &TuneCandidate| c.params.max_depth.unwrap_or(usize::MAX);
        a.mean_leaves
            .total_cmp(&b.mean_leaves)
            .then(depth(a).cmp(&depth(b)))
            .then(b.params.min_samples_leaf.cmp(&a.params.min_samples_leaf))
    };
    let mut best = 0;
    for (i, c) in candidates.iter().enumerate().skip(1) {
        let b = &candidates[best];
        if c.macro_f1 > b.macro_f1 + 1e-12
            || ((c.macro_f1 - b.macro_f1).abs() <= 1e-12 && simpler(c, b).is_lt())
        {
            best = i;
        }
    }
    let best_cv = reports.swap_remove(best);
    Ok(TuneReport {
        candidates,
        best,
        best_cv,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::dataset::{tests::record, LabeledFlow};
    use crate::model::ClassWeighting;

    /// 6 captures (each its own scenario) × 20 flows; class = capture % 3; feature 0 separates the classes, feature 1 is noise.
    pub(crate) fn separable_set() -> LabeledSet {
        let classes = ["bittorrent", "http", "websocket"];
        let mut flows = Vec::new();
        for capture in 0..6 {
            for i in 0..20u16 {
                let class = capture % 3;
                let features = vec![
                    class as f64 * 100.0 + f64::from(i),
                    f64::from((i * 7 + capture as u16) % 13),
                ];
                flows.push(LabeledFlow {
                    record: record(&format!("c{capture}.pcap"), 1000 + i, 1, features),
                    label: classes[class].into(),
                    scenario: Some(format!("s{capture}")),
                    kind: None,
                });
            }
        }
        LabeledSet::from_flows(flows, 2).unwrap()
    }

    #[test]
    fn separable_data_is_classified_perfectly_out_of_fold() {
        let set = separable_set();
        let report = cross_validate(&set, TreeParams::default(), 3, 1).unwrap();
        assert_eq!(report.summary.folds, 3);
        assert_eq!(report.summary.metrics.total, 120);
        assert_eq!(report.summary.metrics.accuracy, 1.0);
        assert_eq!(report.summary.fold_macro_f1, vec![1.0; 3]);
        assert_eq!(report.predictions, set.labels);
        // Each capture is tested in exactly one fold, and every fold tests some.
        for capture in 0..6 {
            let folds: std::collections::BTreeSet<usize> = (0..set.len())
                .filter(|&r| set.groups[r] == capture)
                .map(|r| report.test_folds[r])
                .collect();
            assert_eq!(folds.len(), 1, "capture {capture} in folds {folds:?}");
        }
        let used: std::collections::BTreeSet<usize> = report.test_folds.iter().copied().collect();
        assert_eq!(used, (0..3).collect());
        assert_eq!(
            cross_validate(&set, TreeParams::default(), 3, 1).unwrap(),
            report
        );
    }

    #[test]
    fn a_class_missing_from_training_cannot_be_predicted() {
        // With 6 folds each capture is its own fold... and its class is still in two other
        // captures. Put class "websocket" in one capture only: its fold cannot learn it.
        let mut set = separable_set();
        for row in 0..set.len() {
            if set.labels[row] == 2 && set.groups[row] == 5 {
                set.labels[row] = 1;
            }
        }
        let report = cross_validate(
            &set,
            TreeParams {
                class_weighting: ClassWeighting::None,
                ..TreeParams::default()
            },
            6,
            3,
        )
        .unwrap();
        assert_eq!(report.summary.metrics.per_class[2].recall, 0.0);
        assert_eq!(report.summary.metrics.per_class[2].support, 20);
    }

    #[test]
    fn bad_settings_are_errors() {
        let set = separable_set();
        assert_eq!(
            cross_validate(&set, TreeParams::default(), 1, 0),
            Err(EvalError::TooFewFolds(1))
        );
        let mut one_capture = set.clone();
        one_capture.groups = vec![0; set.len()];
        one_capture.scenarios = vec![None; set.len()];
        assert_eq!(
            cross_validate(&one_capture, TreeParams::default(), 3, 0),
            Err(EvalError::TooFewCaptures(1))
        );
        assert_eq!(
            tune(
                &set,
                TreeParams::default(),
                TuneGrid {
                    criteria: &[Criterion::Gini],
                    max_depths: &[],
                    min_samples_leaf: &[1],
                },
                3,
                0
            ),
            Err(EvalError::EmptyGrid)
        );
        let bad = TreeParams {
            min_samples_leaf: 0,
            ..TreeParams::default()
        };
        assert_eq!(
            cross_validate(&set, bad, 3, 0),
            Err(EvalError::Params(ParamsError::ZeroMinSamplesLeaf))
        );
    }

    #[test]
    fn tuning_prefers_the_simpler_tree_on_a_tie() {
        let set = separable_set();
        let report = tune(
            &set,
            TreeParams::default(),
            TuneGrid {
                criteria: &[Criterion::Entropy, Criterion::Gini],
                max_depths: &[None, Some(2), Some(1)],
                min_samples_leaf: &[1, 5],
            },
            3,
            1,
        )
        .unwrap();
        assert_eq!(report.candidates.len(), 12);
        // Depth 1 cannot separate 3 classes; depth 2 and unlimited both score 1 with 3 leaves.
        assert!(report
            .candidates
            .iter()
            .filter(|c| c.params.max_depth == Some(1))
            .all(|c| c.macro_f1 < 1.0));
        let best = report.best().unwrap();
        assert_eq!(
            (
                best.params.criterion,
                best.params.max_depth,
                best.params.min_samples_leaf
            ),
            (Criterion::Entropy, Some(2), 5)
        );
        assert_eq!(best.macro_f1, 1.0);
        assert_eq!(
            report.best_cv,
            cross_validate(&set, best.params, 3, 1).unwrap(),
            "the chosen point's own cross-validation is kept"
        );
    }

    #[test]
    fn a_forest_is_cross_validated_on_the_same_folds() {
        use crate::model::ForestParams;
        let set = separable_set();
        let forest = Algorithm::Forest {
            tree: TreeParams::default(),
            forest: ForestParams {
                trees: 9,
                // Both features in every tree: the signal column is always there.
                feature_proportion: 1.0,
                ..ForestParams::default()
            },
        };
        let report = cross_validate(&set, forest, 3, 1).unwrap();
        assert_eq!(report.summary.metrics.accuracy, 1.0);
        // 9 trees of at least 3 leaves each, per fold.
        assert!(
            report.summary.mean_leaves >= 27.0,
            "{}",
            report.summary.mean_leaves
        );
        assert_eq!(cross_validate(&set, forest, 3, 1).unwrap(), report);
        let bad = Algorithm::Forest {
            tree: TreeParams::default(),
            forest: ForestParams {
                trees: 0,
                ..ForestParams::default()
            },
        };
        assert_eq!(
            cross_validate(&set, bad, 3, 1),
            Err(EvalError::Params(ParamsError::NoTrees))
        );
    }
}
