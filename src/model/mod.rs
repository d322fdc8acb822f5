//! The classifier: its feature schema, hyperparameters, the tree and how it is fitted.

pub mod fit;
pub mod params;
pub mod schema;
pub mod tree;

pub use fit::FitError;
pub use params::{ClassWeighting, Criterion, ParamsError, TreeParams};
pub use schema::{FeatureSchema, SchemaDifference, SchemaMismatch};
pub use tree::{Node, PathStep, PredictError, Prediction, Tree, TreeError};
