//! The classifier: its feature schema, hyperparameters, the tree or forest of trees and how it
//! is fitted, the flat layout it predicts with, the model file, and the explanation of a model
//! in words or as a Graphviz graph. [`Model`] and [`Classifier`] are defined here with their
//! core methods; `file` only reads and writes them.

pub mod builtin;
pub mod dot;
pub mod envelope;
pub mod explain;
pub mod file;
pub mod fit;
pub mod flat;
pub mod forest;
pub mod params;
pub mod predictor;
pub mod schema;
pub mod tree;

pub use envelope::{Envelope, GuardError, GuardParams};
pub use file::{ComparedCv, LoadError, ModelFileError, TrainingInfo, TrainingInput};
pub use fit::FitError;
pub use flat::FlatForest;
pub use forest::{Forest, ForestError, ForestTree, ForestVote};
pub use params::{Algorithm, ClassWeighting, Criterion, ForestParams, ParamsError, TreeParams};
pub use predictor::Predictor;
pub use schema::{FeatureSchema, PatternError, SchemaDifference, SchemaMismatch};
pub use tree::{Node, Overruled, PathStep, PredictError, Prediction, Tree, TreeError};

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use crate::dataset::LabeledSet;

/// A trained model: the features it reads, its classes, its classifier and how it was trained.
/// `file` reads and writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub schema: FeatureSchema,
    /// Class names; a prediction's class indexes this list.
    pub classes: Vec<String>,
    pub classifier: Classifier,
    /// Answers the fallback class (`other`) for a flow far from every training flow of the
    /// class the classifier gives it.
    pub guard: Option<Envelope>,
    pub training: TrainingInfo,
}

/// The label of a flow whose confidence is below the minimum asked for (`--min-confidence`).
pub const UNKNOWN: &str = "unknown";

/// Labels flow after flow as `classify` does: the [`Predictor`]'s answer, overruled by the
/// model's novelty guard where the flow is far from its class, with the decision path only when
/// `paths` is asked for, and [`UNKNOWN`] below `min_confidence`.
pub struct Labeler<'m> {
    pub model: &'m Model,
    predictor: Predictor<'m>,
    paths: bool,
    min_confidence: f64,
}

impl<'m> Labeler<'m> {
    pub fn new(
        model: &'m Model,
        min_confidence: f64,
        paths: bool,
    ) -> Result<Labeler<'m>, PredictError> {
        Ok(Labeler {
            model,
            predictor: Predictor::new(&model.classifier)?,
            paths,
            min_confidence,
        })
    }

    /// Labels with `model`'s metadata and guard and a forest's flat layout, taken from the model
    /// by [`Model::take_forest_layout`]: votes only, no decision paths.
    pub fn forest_votes(model: &'m Model, layout: FlatForest, min_confidence: f64) -> Labeler<'m> {
        Labeler {
            model,
            predictor: Predictor::forest_votes(layout),
            paths: false,
            min_confidence,
        }
    }

    /// The model's prediction for one flow (features in schema order).
    pub fn predict(&self, features: &[f64]) -> Result<Prediction, PredictError> {
        self.model.check_feature_count(features.len())?;
        let mut prediction = self.predictor.predict(features, self.paths)?;
        if let Some(guard) = &self.model.guard {
            if let Some(outside) = guard.overrule(prediction.class, features) {
                prediction.overruled = Some(Overruled {
                    class: prediction.class,
                    confidence: prediction.confidence,
                    outside,
                });
                prediction.class = guard.fallback;
                prediction.confidence = guard.confidence;
            }
        }
        Ok(prediction)
    }

    /// The label of `prediction`: its class's name, or [`UNKNOWN`] below the minimum confidence.
    pub fn label(&self, prediction: &Prediction) -> &'m str {
        if prediction.confidence < self.min_confidence {
            UNKNOWN
        } else {
            self.model.classes[prediction.class].as_str()
        }
    }
}

/// What does the classifying: one tree, or a forest of trees that vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "ClassifierFields")]
pub enum Classifier {
    Tree(Tree),
    Forest(Forest),
}

/// A [`Classifier`] as its file holds it, read field by field: serde reads an internally tagged
/// enum by first copying the whole value into a buffer (megabytes of trees, several times their
/// size in memory), and every command that classifies reads the model.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassifierFields {
    kind: ClassifierKind,
    nodes: Option<Vec<Node>>,
    trees: Option<Vec<ForestTree>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ClassifierKind {
    Tree,
    Forest,
}

impl TryFrom<ClassifierFields> for Classifier {
    type Error = String;

    fn try_from(fields: ClassifierFields) -> Result<Classifier, String> {
        match (fields.kind, fields.nodes, fields.trees) {
            (ClassifierKind::Tree, Some(nodes), None) => Ok(Classifier::Tree(Tree { nodes })),
            (ClassifierKind::Forest, None, Some(trees)) => Ok(Classifier::Forest(Forest { trees })),
            (ClassifierKind::Tree, _, _) => Err("a tree has `nodes` and no `trees`".to_string()),
            (ClassifierKind::Forest, _, _) => {
                Err("a forest has `trees` and no `nodes`".to_string())
            }
        }
    }
}

impl Classifier {
    /// Fits `algorithm` on `x` (one row per flow, columns named `names`) with classes
    /// `labels[i] < n_classes`.
    pub fn fit(
        algorithm: &Algorithm,
        x: ArrayView2<f64>,
        labels: &[usize],
        n_classes: usize,
        names: &[String],
    ) -> Result<Classifier, FitError> {
        Ok(match algorithm {
            Algorithm::Tree { tree } => {
                Classifier::Tree(Tree::fit(x, labels, n_classes, names, tree)?)
            }
            Algorithm::Forest { tree, forest } => {
                Classifier::Forest(Forest::fit(x, labels, n_classes, names, tree, forest)?)
            }
        })
    }

    /// The classifier laid out for fast prediction ([`FlatForest`]; a tree is a forest of one):
    /// what every prediction walks. Fails only for a tree too large to
    /// index with 32 bits or not a tree at all (which loading a model file already refuses).
    pub fn flatten(&self) -> Result<FlatForest, PredictError> {
        match self {
            Classifier::Tree(tree) => FlatForest::new(std::iter::once(tree)),
            Classifier::Forest(forest) => FlatForest::new(forest.trees.iter().map(|t| &t.tree)),
        }
        .ok_or(PredictError::Malformed { node: 0 })
    }

    /// Leaves in all (all trees together for a forest).
    pub fn leaves(&self) -> usize {
        match self {
            Classifier::Tree(tree) => tree.leaves(),
            Classifier::Forest(forest) => forest.leaves(),
        }
    }

    /// The longest root-to-leaf path (of any tree for a forest).
    pub fn depth(&self) -> usize {
        match self {
            Classifier::Tree(tree) => tree.depth(),
            Classifier::Forest(forest) => forest.depth(),
        }
    }

    /// Normalized mean impurity decrease per feature (averaged over the trees of a forest).
    pub fn feature_importances(&self, n_features: usize) -> Vec<f64> {
        match self {
            Classifier::Tree(tree) => tree.feature_importances(n_features),
            Classifier::Forest(forest) => forest.feature_importances(n_features),
        }
    }

    /// `"tree"` or `"forest"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Classifier::Tree(_) => "tree",
            Classifier::Forest(_) => "forest",
        }
    }
}

impl Model {
    /// Lays a forest out flat and drops its trees, for labelling that names no decisions
    /// ([`Labeler::forest_votes`]): the trees' nodes, feature names and leaf counts take
    /// megabytes that only decision paths read. The model's forest is empty afterwards. A single
    /// tree is left as it is (`None`): its leaf counts give its confidence.
    pub fn take_forest_layout(&mut self) -> Result<Option<FlatForest>, PredictError> {
        let layout = match &self.classifier {
            Classifier::Forest(_) => self.classifier.flatten()?,
            Classifier::Tree(_) => return Ok(None),
        };
        if let Classifier::Forest(forest) = &mut self.classifier {
            forest.trees = Vec::new();
        }
        Ok(Some(layout))
    }

    /// Fits a tree or forest on all of `set` (whose columns follow `schema`). `inputs` are the
    /// files the set was read from; a cross-validation report can be added to `training.cv`
    /// afterwards.
    pub fn train(
        set: &LabeledSet,
        schema: FeatureSchema,
        algorithm: impl Into<Algorithm>,
        inputs: Vec<TrainingInput>,
    ) -> Result<Model, FitError> {
        let algorithm = algorithm.into();
        let classifier = Classifier::fit(
            &algorithm,
            set.features.view(),
            &set.labels,
            set.class_names.len(),
            &schema.names,
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
            classifier,
            guard: None,
            training: TrainingInfo {
                inputs,
                flows_per_class,
                params: *algorithm.tree_params(),
                forest: match algorithm {
                    Algorithm::Tree { .. } => None,
                    Algorithm::Forest { forest, .. } => Some(forest),
                },
                cv: None,
                compared: Vec::new(),
                excluded_features: Vec::new(),
                flowclass_version: env!("CARGO_PKG_VERSION").into(),
            },
        })
    }

    /// Checks that a flow measured with `found` features fits this model's schema.
    pub fn check_feature_count(&self, found: usize) -> Result<(), PredictError> {
        let expected = self.schema.names.len();
        if found == expected {
            Ok(())
        } else {
            Err(PredictError::FeatureCount { expected, found })
        }
    }

    /// The predicted class of every row (in parallel), after the novelty guard.
    pub fn predict_rows(&self, features: ArrayView2<f64>) -> Result<Vec<usize>, PredictError> {
        self.check_feature_count(features.ncols())?;
        let mut predicted = self.classifier.flatten()?.predict_rows(features)?;
        if let Some(guard) = &self.guard {
            for (class, row) in predicted.iter_mut().zip(features.rows()) {
                *class = guard.judge(*class, &row.to_vec());
            }
        }
        Ok(predicted)
    }
}
