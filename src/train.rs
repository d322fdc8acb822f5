//! Training a model from labeled flows, as `flowclass train` does: tree settings tuned by
//! grouped cross-validation if asked, the chosen algorithm cross-validated (and the other one on
//! the same folds, to compare), then fitted on every flow and given the facts of its training.
//!
//! Each step is handed to the caller as it happens ([`Step`]), so it can report progress and
//! scores while the next step runs.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::dataset::LabeledSet;
use crate::eval::{
    cross_validate, fit_guard, guard_out_of_fold, tune, CvReport, EvalError, GuardedCv,
    TuneCandidate, TuneGrid,
};
use crate::model::{
    Algorithm, ComparedCv, Criterion, FeatureSchema, FitError, ForestParams, GuardParams, Model,
    TrainingInput,
};

/// Criteria, depths and leaf sizes tuning tries.
pub const TUNE_GRID: TuneGrid<'static> = TuneGrid {
    criteria: &[Criterion::Gini, Criterion::Entropy],
    max_depths: &[
        Some(4),
        Some(6),
        Some(8),
        Some(10),
        Some(12),
        Some(16),
        None,
    ],
    min_samples_leaf: &[1, 2, 5, 10],
};

/// What to train, and how to measure it.
#[derive(Debug, Clone)]
pub struct TrainPlan {
    /// The algorithm of the model (its tree settings are replaced when `tune` is set).
    pub algorithm: Algorithm,
    /// How a forest draws its trees' data, for `compare` when the model is a tree.
    pub forest: ForestParams,
    /// Also cross-validate the other algorithm, with the same tree settings, on the same folds.
    pub compare: bool,
    /// Choose the tree settings from [`TUNE_GRID`] by grouped cross-validation first.
    pub tune: bool,
    pub folds: usize,
    pub seed: u64,
    /// The schema's columns the model must not split on (held constant in the data already).
    pub excluded: Vec<usize>,
    /// A novelty guard to give the model, on every feature but the excluded ones; the
    /// cross-validations then score the classifier and its guard together.
    pub guard: Option<GuardParams>,
}

/// A step of training, as it happens.
#[derive(Debug)]
pub enum Step<'a> {
    /// Tuning starts, over this many settings.
    Tuning { settings: usize },
    /// Tuning chose these settings.
    Tuned { choice: &'a TuneCandidate },
    /// A cross-validation of `algorithm` starts.
    CrossValidating { algorithm: Algorithm },
    /// A cross-validation is done; `is_model` says whether it is of the model's algorithm (else
    /// of the one it is compared with). `report` is the classifier's alone; with a guard,
    /// `guarded` is what the classifier and its guard answered together.
    CrossValidated {
        algorithm: Algorithm,
        report: &'a CvReport,
        guarded: Option<&'a GuardedCv>,
        is_model: bool,
    },
}

/// Why training failed.
#[derive(Debug, Error)]
pub enum TrainError {
    #[error(transparent)]
    Eval(#[from] EvalError),
    #[error(transparent)]
    Fit(#[from] FitError),
    #[error("tuning found no setting")]
    NothingTuned,
    #[error("cannot read {}: {source}", path.display())]
    Input { path: PathBuf, source: io::Error },
    /// The caller's handling of a step failed.
    #[error(transparent)]
    Step(io::Error),
    #[error(
        "--novelty-guard {0}: the data has no '{GUARD_FALLBACK}' class for the guard to answer"
    )]
    NoGuardFallback(usize),
}

/// The class a novelty guard answers.
pub const GUARD_FALLBACK: &str = "other";

/// The novelty guard asked for with at least `min_outside` features outside (`Some(0)`: none):
/// by default 2 where `set` has an [`GUARD_FALLBACK`] class, none otherwise.
pub fn novelty_guard(
    set: &LabeledSet,
    min_outside: Option<usize>,
) -> Result<Option<GuardParams>, TrainError> {
    let fallback = set.class_index(GUARD_FALLBACK);
    match (min_outside, fallback) {
        (Some(0), _) | (None, None) => Ok(None),
        (Some(n), None) => Err(TrainError::NoGuardFallback(n)),
        (n, Some(fallback)) => Ok(Some(GuardParams {
            fallback,
            min_outside: n.unwrap_or(2),
            trim: 0.0,
        })),
    }
}

/// Trains the model `plan` describes on `set` (with columns named by `schema`, read from
/// `files`), telling `on_step` each step; the model carries its cross-validations, the digests
/// of `files` and the excluded features.
pub fn train(
    set: &LabeledSet,
    schema: FeatureSchema,
    files: &[PathBuf],
    plan: &TrainPlan,
    mut on_step: impl FnMut(Step<'_>) -> io::Result<()>,
) -> Result<Model, TrainError> {
    let mut algorithm = plan.algorithm;
    let mut tuned_cv = None;
    if plan.tune {
        let grid = TUNE_GRID;
        let settings = grid.criteria.len() * grid.max_depths.len() * grid.min_samples_leaf.len();
        on_step(Step::Tuning { settings }).map_err(TrainError::Step)?;
        let report = tune(set, algorithm, grid, plan.folds, plan.seed)?;
        let best = report.best().ok_or(TrainError::NothingTuned)?;
        algorithm = algorithm.with_tree_params(best.params);
        on_step(Step::Tuned { choice: best }).map_err(TrainError::Step)?;
        tuned_cv = Some(report.best_cv);
    }
    let guarded_features: Vec<usize> = (0..set.features.ncols())
        .filter(|f| !plan.excluded.contains(f))
        .collect();
    let runs = algorithms_to_run(algorithm, plan);
    let mut reports = Vec::with_capacity(runs.len());
    for run in &runs {
        let is_model = *run == algorithm;
        // Tuning already cross-validated the chosen settings on these folds.
        let report = match tuned_cv.take().filter(|_| is_model) {
            Some(report) => report,
            None => {
                on_step(Step::CrossValidating { algorithm: *run }).map_err(TrainError::Step)?;
                cross_validate(set, run, plan.folds, plan.seed)?
            }
        };
        let guarded = plan
            .guard
            .map(|params| guard_out_of_fold(set, &report, &guarded_features, params));
        on_step(Step::CrossValidated {
            algorithm: *run,
            report: &report,
            guarded: guarded.as_ref(),
            is_model,
        })
        .map_err(TrainError::Step)?;
        reports.push(match guarded {
            Some(g) => {
                let confidence = g.confidence();
                (g.report, confidence)
            }
            None => (report, 1.0),
        });
    }
    let excluded_features = plan
        .excluded
        .iter()
        .map(|&i| schema.names[i].clone())
        .collect();
    // Digests are taken for the model file only, so evaluation never reads its inputs twice.
    let inputs = files
        .iter()
        .map(|path| {
            TrainingInput::hash_file(path).map_err(|source| TrainError::Input {
                path: path.clone(),
                source,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut model = Model::train(set, schema, algorithm, inputs)?;
    model.training.excluded_features = excluded_features;
    for (run, (report, confidence)) in runs.iter().zip(reports) {
        if *run == algorithm {
            model.guard = plan.guard.map(|params| {
                let every_row: Vec<usize> = (0..set.len()).collect();
                let mut guard = fit_guard(set, &every_row, &guarded_features, params);
                guard.confidence = confidence;
                guard
            });
            model.training.cv = Some(report.summary);
        } else {
            model.training.compared.push(ComparedCv {
                algorithm: *run,
                cv: report.summary,
            });
        }
    }
    Ok(model)
}

/// The model's algorithm, and with `compare` the other one with the same tree settings: the
/// tree first, then the forest.
fn algorithms_to_run(algorithm: Algorithm, plan: &TrainPlan) -> Vec<Algorithm> {
    let other = match algorithm {
        Algorithm::Tree { tree } => Algorithm::Forest {
            tree,
            forest: plan.forest,
        },
        Algorithm::Forest { tree, .. } => Algorithm::Tree { tree },
    };
    let mut runs = vec![algorithm];
    if plan.compare {
        runs.push(other);
        runs.sort_by_key(|a| a.name() != "tree");
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TreeParams;

    #[test]
    fn compare_runs_the_tree_first_with_the_same_tree_settings() {
        let tree = TreeParams::default();
        let forest = ForestParams::default();
        let plan = |algorithm, compare| TrainPlan {
            algorithm,
            forest,
            compare,
            tune: false,
            folds: 5,
            seed: 1,
            excluded: Vec::new(),
            guard: None,
        };
        let as_forest = Algorithm::Forest { tree, forest };
        let as_tree = Algorithm::Tree { tree };
        assert_eq!(
            algorithms_to_run(as_forest, &plan(as_forest, true)),
            [as_tree, as_forest]
        );
        assert_eq!(
            algorithms_to_run(as_tree, &plan(as_tree, true)),
            [as_tree, as_forest]
        );
        assert_eq!(algorithms_to_run(as_tree, &plan(as_tree, false)), [as_tree]);
    }
}
