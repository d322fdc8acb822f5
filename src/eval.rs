//! How good a model is: scores of predictions against the truth, cross-validation grouped by
//! scenario, application or implementation, the choice of tree size, leave-one-kind-out (a
//! protocol the model never saw), and breakdowns by capture and scenario.
//!
//! A trained model is scored on other labeled flows by lining up the classes first:
//! [`LabeledSet::align_classes`](crate::dataset::LabeledSet::align_classes) with the model's
//! classes, then [`Model::predict_rows`](crate::model::Model::predict_rows),
//! [`Metrics::compute`] and [`by_capture`]; [`Evaluation::score`] does all of it.

pub mod breakdown;
pub mod curve;
pub mod cv;
pub mod evaluate;
pub mod folds;
pub mod guard;
pub mod holdout;
pub mod metrics;
pub mod neighbours;

pub use breakdown::{by_capture, by_kind, by_scenario, Breakdown, KindScore};
pub use curve::{CurveCounts, CurvePoint};
pub use cv::{
    cross_validate, tune, CvReport, CvSummary, EvalError, TuneCandidate, TuneGrid, TuneReport,
};
pub use evaluate::{EvaluateError, Evaluation, CURVE_POINTS};
pub use folds::{grouped_folds, thin_classes};
pub use guard::{
    fit_guard, guard_out_of_fold, novelty_out_of_fold, outside_out_of_fold, GuardShape, GuardedCv,
};
pub use holdout::{leave_each_kind_out, HeldOutKind};
pub use metrics::{ClassScores, Metrics};
pub use neighbours::Neighbours;
