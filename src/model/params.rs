//! How a tree is grown: the hyperparameters, checked before any fitting starts, and the class
//! weights they ask for.

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

/// Whether rare classes count for more while the tree is grown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClassWeighting {
    /// Every flow of class `c` weighs `n / (k · n_c)`, where `n` is the number of training flows,
    /// `k` the number of classes present and `n_c` the flows of class `c`: each class then weighs
    /// `n / k` in total, and the mean weight of a flow stays 1.
    Balanced,
    /// Every flow weighs 1.
    None,
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

impl Default for TreeParams {
    fn default() -> Self {
        TreeParams {
            max_depth: Some(10),
            min_samples_leaf: 2,
            min_impurity_decrease: 1e-5,
            criterion: Criterion::Gini,
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
        match self.class_weighting {
            ClassWeighting::None => vec![1.0; labels.len()],
            ClassWeighting::Balanced => {
                let mut counts = vec![0usize; n_classes];
                for &label in labels {
                    counts[label] += 1;
                }
                let present = counts.iter().filter(|&&c| c > 0).count() as f64;
                let n = labels.len() as f64;
                labels
                    .iter()
                    .map(|&label| n / (present * counts[label] as f64))
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_weights_make_each_class_weigh_the_same() {
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
}
