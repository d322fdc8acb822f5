//! How a model is grown: the hyperparameters of a tree and of a forest of trees, checked before
//! any fitting starts, and the class weights they ask for.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How the impurity of a node is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    /// `1 - Σ p_c²`.
    Gini,
    /// `-Σ p_c log2 p_c`.
    Entropy,
}

impl Criterion {
    pub const ALL: [Criterion; 2] = [Criterion::Gini, Criterion::Entropy];

    /// The name `--criterion` takes and the model file holds.
    pub fn name(self) -> &'static str {
        match self {
            Criterion::Gini => "gini",
            Criterion::Entropy => "entropy",
        }
    }
}

/// Whether rare classes count for more while the tree is grown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClassWeighting {
    /// Every flow of class `c` weighs `n / (k · n_c)`, where `n` is the number of training flows,
    /// `k` the number of classes present and `n_c` the flows of class `c`: each class then weighs
    /// `n / k` in total, and the mean weight of a flow stays 1.
    Balanced,
    /// Every flow of class `c` weighs `√(n / (k · n_c))`, the square root of its balanced weight:
    /// rare classes still count for more, but a class's total grows with the square root of
    /// its share instead of being the same for every class.
    Sqrt,
    /// Every flow weighs 1.
    None,
}

impl ClassWeighting {
    pub const ALL: [ClassWeighting; 3] = [
        ClassWeighting::Balanced,
        ClassWeighting::Sqrt,
        ClassWeighting::None,
    ];

    /// The name `--class-weight` takes and the model file holds.
    pub fn name(self) -> &'static str {
        match self {
            ClassWeighting::Balanced => "balanced",
            ClassWeighting::Sqrt => "sqrt",
            ClassWeighting::None => "none",
        }
    }
}

/// The hyperparameters of one decision tree.
///
/// Fitting is deterministic (no randomness is involved), so there is no seed here; the
/// cross-validation folds take theirs separately.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeParams {
    /// The longest path from the root to a leaf, in splits; `None` for no limit.
    pub max_depth: Option<usize>,
    /// A split must leave at least this many training flows (not weight) on each side.
    pub min_samples_leaf: usize,
    /// A split must lower the (class-weighted) impurity of its node by at least this much, and
    /// always by more than 0.
    pub min_impurity_decrease: f64,
    pub criterion: Criterion,
    pub class_weighting: ClassWeighting,
}

/// The settings `flowclass train` grows trees with unless told otherwise (docs/ACCURACY.md says
/// how they were chosen).
impl Default for TreeParams {
    fn default() -> Self {
        TreeParams {
            max_depth: Some(12),
            min_samples_leaf: 2,
            min_impurity_decrease: 0.0,
            criterion: Criterion::Entropy,
            class_weighting: ClassWeighting::Balanced,
        }
    }
}

/// A hyperparameter that cannot be used.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParamsError {
    #[error("max_depth must be at least 1 (or unlimited)")]
    ZeroDepth,
    #[error("min_samples_leaf must be at least 1")]
    ZeroMinSamplesLeaf,
    #[error("min_impurity_decrease must be a finite number >= 0, not {0}")]
    MinImpurityDecrease(f64),
    #[error("a forest needs at least 1 tree")]
    NoTrees,
    #[error("bootstrap_proportion must be above 0 and at most 1, not {0}")]
    BootstrapProportion(f64),
    #[error("feature_proportion must be above 0 and at most 1, not {0}")]
    FeatureProportion(f64),
}

impl TreeParams {
    /// Checks every setting; fitting calls this first.
    pub fn validate(&self) -> Result<(), ParamsError> {
        if self.max_depth == Some(0) {
            return Err(ParamsError::ZeroDepth);
        }
        if self.min_samples_leaf == 0 {
            return Err(ParamsError::ZeroMinSamplesLeaf);
        }
        if !(self.min_impurity_decrease.is_finite() && self.min_impurity_decrease >= 0.0) {
            return Err(ParamsError::MinImpurityDecrease(self.min_impurity_decrease));
        }
        Ok(())
    }

    /// The weight of each row, given its class (`labels[i] < n_classes`).
    pub fn sample_weights(&self, labels: &[usize], n_classes: usize) -> Vec<f64> {
        let balanced = || {
            let mut counts = vec![0usize; n_classes];
            for &label in labels {
                counts[label] += 1;
            }
            let present = counts.iter().filter(|&&c| c > 0).count() as f64;
            let n = labels.len() as f64;
            labels
                .iter()
                .map(move |&label| n / (present * counts[label] as f64))
        };
        match self.class_weighting {
            ClassWeighting::None => vec![1.0; labels.len()],
            ClassWeighting::Balanced => balanced().collect(),
            ClassWeighting::Sqrt => balanced().map(f64::sqrt).collect(),
        }
    }
}

/// How a forest draws the data for each of its trees (each tree is grown with a [`TreeParams`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForestParams {
    /// How many trees vote.
    pub trees: usize,
    /// Each tree is grown on `ceil(bootstrap_proportion · n)` flows drawn with replacement from
    /// the `n` training flows.
    pub bootstrap_proportion: f64,
    /// Each tree sees `ceil(feature_proportion · f)` of the `f` features, drawn without
    /// replacement.
    pub feature_proportion: f64,
    /// Tree `i` draws its flows and features from a generator seeded with `seed + i`.
    pub seed: u64,
}

impl Default for ForestParams {
    fn default() -> Self {
        ForestParams {
            trees: 50,
            bootstrap_proportion: 0.7,
            feature_proportion: 0.3,
            seed: 1,
        }
    }
}

impl ForestParams {
    /// Checks every setting; fitting calls this first.
    pub fn validate(&self) -> Result<(), ParamsError> {
        if self.trees == 0 {
            return Err(ParamsError::NoTrees);
        }
        let proportion = |p: f64| p.is_finite() && p > 0.0 && p <= 1.0;
        if !proportion(self.bootstrap_proportion) {
            return Err(ParamsError::BootstrapProportion(self.bootstrap_proportion));
        }
        if !proportion(self.feature_proportion) {
            return Err(ParamsError::FeatureProportion(self.feature_proportion));
        }
        Ok(())
    }

    /// How many of `n` flows (or features) a `proportion` of them is: `ceil(proportion · n)`,
    /// at least 1 and at most `n` (for `n >= 1`).
    pub fn share(proportion: f64, n: usize) -> usize {
        ((proportion * n as f64).ceil() as usize).clamp(1.min(n), n)
    }
}

/// Which kind of model to fit, with its hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Algorithm {
    /// One decision tree.
    Tree { tree: TreeParams },
    /// Bagged trees, each grown with `tree` on its own sample of flows and features.
    Forest {
        tree: TreeParams,
        forest: ForestParams,
    },
}

impl Algorithm {
    /// The hyperparameters of the tree, or of every tree of the forest.
    pub fn tree_params(&self) -> &TreeParams {
        match self {
            Algorithm::Tree { tree } | Algorithm::Forest { tree, .. } => tree,
        }
    }

    /// The same algorithm with other tree hyperparameters.
    pub fn with_tree_params(self, params: TreeParams) -> Algorithm {
        match self {
            Algorithm::Tree { .. } => Algorithm::Tree { tree: params },
            Algorithm::Forest { forest, .. } => Algorithm::Forest {
                tree: params,
                forest,
            },
        }
    }

    /// `"tree"` or `"forest"`.
    pub fn name(&self) -> &'static str {
        match self {
            Algorithm::Tree { .. } => "tree",
            Algorithm::Forest { .. } => "forest",
        }
    }

    /// Checks every setting; fitting calls this first.
    pub fn validate(&self) -> Result<(), ParamsError> {
        self.tree_params().validate()?;
        match self {
            Algorithm::Tree { .. } => Ok(()),
            Algorithm::Forest { forest, .. } => forest.validate(),
        }
    }
}

impl From<TreeParams> for Algorithm {
    fn from(tree: TreeParams) -> Self {
        Algorithm::Tree { tree }
    }
}

impl From<&TreeParams> for Algorithm {
    fn from(tree: &TreeParams) -> Self {
        Algorithm::Tree { tree: *tree }
    }
}

impl From<&Algorithm> for Algorithm {
    fn from(algorithm: &Algorithm) -> Self {
        *algorithm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_criterion_and_weighting_is_listed_once_under_the_name_the_file_holds() {
        let criteria = Criterion::ALL.map(|c| (serde_json::to_string(&c).unwrap(), c.name()));
        let weightings =
            ClassWeighting::ALL.map(|w| (serde_json::to_string(&w).unwrap(), w.name()));
        for (json, name) in criteria.iter().chain(&weightings) {
            assert_eq!(*json, format!("{name:?}"));
        }
        assert_ne!(criteria[0].1, criteria[1].1);
        let names: std::collections::BTreeSet<_> = weightings.iter().map(|w| w.1).collect();
        assert_eq!(names.len(), weightings.len());
    }

    #[test]
    fn balanced_weights_even_the_classes_and_sqrt_goes_half_way() {
        // 4 flows of class 0, 1 of class 2, none of class 1: n = 5, k = 2 classes present.
        // Class 0: 5 / (2 · 4) = 0.625 each (2.5 in all); class 2: 5 / (2 · 1) = 2.5.
        let params = TreeParams::default();
        let weights = params.sample_weights(&[0, 0, 2, 0, 0], 3);
        assert_eq!(weights, vec![0.625, 0.625, 2.5, 0.625, 0.625]);
        let none = TreeParams {
            class_weighting: ClassWeighting::None,
            ..params
        };
        assert_eq!(none.sample_weights(&[0, 2], 3), vec![1.0, 1.0]);
        // Square roots of the balanced weights: class 0 weighs 4 · √0.625 ≈ 3.16 in all, class
        // 2 √2.5 ≈ 1.58: the rare class gains on its raw share (1 in 5), but less than balanced.
        let sqrt = TreeParams {
            class_weighting: ClassWeighting::Sqrt,
            ..params
        };
        let weights = sqrt.sample_weights(&[0, 0, 2, 0, 0], 3);
        assert_eq!(
            weights,
            vec![
                0.625f64.sqrt(),
                0.625f64.sqrt(),
                2.5f64.sqrt(),
                0.625f64.sqrt(),
                0.625f64.sqrt()
            ]
        );
    }

    #[test]
    fn bad_values_are_errors() {
        let ok = TreeParams::default();
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(
            TreeParams {
                max_depth: None,
                ..ok
            }
            .validate(),
            Ok(())
        );
        assert_eq!(
            TreeParams {
                max_depth: Some(0),
                ..ok
            }
            .validate(),
            Err(ParamsError::ZeroDepth)
        );
        assert_eq!(
            TreeParams {
                min_samples_leaf: 0,
                ..ok
            }
            .validate(),
            Err(ParamsError::ZeroMinSamplesLeaf)
        );
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                TreeParams {
                    min_impurity_decrease: bad,
                    ..ok
                }
                .validate(),
                Err(ParamsError::MinImpurityDecrease(_))
            ));
        }
    }

    #[test]
    fn params_read_back_from_json() {
        let params = TreeParams {
            max_depth: None,
            criterion: Criterion::Entropy,
            ..TreeParams::default()
        };
        let json = serde_json::to_string(&params).unwrap();
        assert!(json.contains(r#""criterion":"entropy""#), "{json}");
        assert_eq!(serde_json::from_str::<TreeParams>(&json).unwrap(), params);
    }

    #[test]
    fn forest_settings_are_checked_and_shares_round_up() {
        let ok = ForestParams::default();
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(
            ForestParams { trees: 0, ..ok }.validate(),
            Err(ParamsError::NoTrees)
        );
        for bad in [0.0, -0.5, 1.01, f64::NAN] {
            assert!(matches!(
                ForestParams {
                    bootstrap_proportion: bad,
                    ..ok
                }
                .validate(),
                Err(ParamsError::BootstrapProportion(_))
            ));
            assert!(matches!(
                ForestParams {
                    feature_proportion: bad,
                    ..ok
                }
                .validate(),
                Err(ParamsError::FeatureProportion(_))
            ));
        }
        // ceil(0.5 · 75) = 38; ceil(0.7 · 10) = 7; never 0 of a non-empty set.
        assert_eq!(ForestParams::share(0.5, 75), 38);
        assert_eq!(ForestParams::share(0.7, 10), 7);
        assert_eq!(ForestParams::share(1e-9, 10), 1);
        assert_eq!(ForestParams::share(1.0, 10), 10);
        assert_eq!(ForestParams::share(0.5, 0), 0);
        let bad_tree = Algorithm::Forest {
            tree: TreeParams {
                min_samples_leaf: 0,
                ..TreeParams::default()
            },
            forest: ok,
        };
        assert_eq!(bad_tree.validate(), Err(ParamsError::ZeroMinSamplesLeaf));
    }
}
