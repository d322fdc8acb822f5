//! The classifier: its feature schema, hyperparameters, the tree and how it is fitted, the model
//! file, and the explanation of a model in words or as a Graphviz graph.

pub mod dot;
pub mod explain;
pub mod file;
pub mod fit;
pub mod params;
pub mod schema;
pub mod tree;

pub use file::{Classifier, LoadError, Model, ModelFileError, TrainingInfo, TrainingInput};
pub use fit::FitError;
pub use params::{ClassWeighting, Criterion, ParamsError, TreeParams};
pub use schema::{FeatureSchema, SchemaDifference, SchemaMismatch};
pub use tree::{Node, PathStep, PredictError, Prediction, Tree, TreeError};

use ndarray::ArrayView2;
use rayon::prelude::*;

use crate::dataset::LabeledSet;

impl Model {
    /// Fits a tree on all of `set` (whose columns follow `schema`). `inputs` are the files the
    /// set was read from; a cross-validation report can be added to `training.cv` afterwards.
    pub fn train(
        set: &LabeledSet,
        schema: FeatureSchema,
        params: TreeParams,
        inputs: Vec<TrainingInput>,
    ) -> Result<Model, FitError> {
        let tree = Tree::fit(
            set.features.view(),
            &set.labels,
            set.class_names.len(),
            &schema.names,
            &params,
        )?;
        let flows_per_class = set
            .class_names
            .iter()
            .cloned()
            .zip(set.class_counts())
            .collect();
        Ok(Model {
            schema,
            classes: set.class_names.clone(),
            classifier: Classifier::Tree(tree),
            training: TrainingInfo {
                inputs,
                flows_per_class,
                params,
                cv: None,
                flowclass_version: env!("CARGO_PKG_VERSION").into(),
            },
        })
    }

    /// Classifies one flow given its features in the order of the schema.
    pub fn predict(&self, features: &[f64]) -> Result<Prediction, PredictError> {
        if features.len() != self.schema.names.len() {
            return Err(PredictError::FeatureCount {
                expected: self.schema.names.len(),
                found: features.len(),
            });
        }
        match &self.classifier {
            Classifier::Tree(tree) => tree.predict(features),
        }
    }

    /// The predicted class of every row (in parallel).
    pub fn predict_rows(&self, features: ArrayView2<f64>) -> Result<Vec<usize>, PredictError> {
        let expected = self.schema.names.len();
        if features.ncols() != expected {
            return Err(PredictError::FeatureCount {
                expected,
                found: features.ncols(),
            });
        }
        let Classifier::Tree(tree) = &self.classifier;
        (0..features.nrows())
            .into_par_iter()
            .map(|r| tree.predict_class(&features.row(r).to_vec()))
            .collect()
    }
}
