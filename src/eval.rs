//! How good a model is: scores of predictions against the truth, cross-validation grouped by
//! capture, the choice of tree size, and breakdowns by capture and scenario.

pub mod breakdown;
pub mod cv;
pub mod folds;
pub mod metrics;

pub use breakdown::{by_capture, by_scenario, Breakdown};
pub use cv::{cross_validate, tune, CvReport, CvSummary, EvalError, TuneCandidate, TuneReport};
pub use folds::grouped_folds;
pub use metrics::{ClassScores, Metrics};
