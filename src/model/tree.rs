//! The fitted decision tree as flowclass stores it: an arena of nodes in pre-order (a node's
//! children always come after it), what a prediction from it holds, and the checks a tree read
//! from a file must pass before it is used. Flows are walked through the tree on its flat
//! layout ([`super::flat`]).
//!
//! Every walk over the tree is a loop, never recursion, so no tree read from a file can
//! overflow the stack.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A decision tree: `nodes[0]` is the root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

/// One node of a [`Tree`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Node {
    /// Flows whose `feature` is `<= threshold` go to `left`, the others to `right`.
    Split {
        feature: usize,
        feature_name: String,
        threshold: f64,
        left: usize,
        right: usize,
        /// Impurity of this node minus the weighted impurity of its two children, measured
        /// with the class weights used in training.
        impurity_decrease: f64,
    },
    /// Where a flow ends up.
    Leaf {
        /// How many training flows ended here, per class: raw counts, not class-weighted.
        class_counts: Vec<u64>,
        /// The class with the largest class-weighted total here (lowest index on a tie). With
        /// balanced class weights it need not be the class with the largest raw count.
        prediction: usize,
    },
}

/// One decision on the way from the root to a leaf.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStep {
    pub feature: usize,
    pub feature_name: String,
    pub value: f64,
    pub threshold: f64,
    /// `value <= threshold`.
    pub went_left: bool,
}

/// The tree's answer for one flow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    pub class: usize,
    /// For a single tree, the Laplace-smoothed share of the predicted class among the training
    /// flows in the leaf: `(n_c + 1) / (n + k)` with raw counts `n_c` of the class and `n` in the
    /// leaf, and `k` classes. A leaf of 3 flows, all of one class, among 3 classes gives
    /// 4/6 ≈ 0.67, not 1.
    ///
    /// For a forest, the share of the trees that voted for the predicted class: 1 when every
    /// tree agrees, and at the least just over 1/k for k classes (13/50 for 4 classes and 50
    /// trees).
    pub confidence: f64,
    /// The decisions of the tree (for a forest: of the tree named in `forest.tree`).
    pub path: Vec<PathStep>,
    /// For a forest, the votes per class and which tree the path is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forest: Option<super::forest::ForestVote>,
    /// Set when the model's novelty guard answered its fallback class instead of the
    /// classifier's (`class` and `confidence` are then the guard's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overruled: Option<Overruled>,
}

/// The classifier's answer that a novelty guard overruled, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overruled {
    /// The class the classifier gave, and its confidence.
    pub class: usize,
    pub confidence: f64,
    /// The features (schema columns) outside every training range of that class.
    pub outside: Vec<usize>,
}

/// Why a flow could not be classified.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PredictError {
    #[error("the flow has {found} features, the model expects {expected}")]
    FeatureCount { expected: usize, found: usize },
    #[error("the tree is malformed at node {node}")]
    Malformed { node: usize },
    #[error("the forest has no trees")]
    NoTrees,
}

/// What is wrong with a tree's structure.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TreeError {
    #[error("the tree has no nodes")]
    NoNodes,
    #[error("node {node} splits on feature {feature}, but there are only {features} features")]
    FeatureOutOfRange {
        node: usize,
        feature: usize,
        features: usize,
    },
    #[error("node {node} names feature {feature} '{found}', but the schema calls it '{expected}'")]
    FeatureName {
        node: usize,
        feature: usize,
        expected: String,
        found: String,
    },
    #[error("node {node} has a threshold that is not a finite number")]
    Threshold { node: usize },
    #[error("node {node} has an impurity decrease that is not a finite number")]
    ImpurityDecrease { node: usize },
    #[error("node {node} points to child {child}, but there are only {nodes} nodes")]
    ChildOutOfRange {
        node: usize,
        child: usize,
        nodes: usize,
    },
    #[error("node {node} points back to node {child} (children must come after their parent)")]
    BackwardChild { node: usize, child: usize },
    #[error("node {child} has two parents (the second is node {node})")]
    SharedChild { node: usize, child: usize },
    #[error("node {node} cannot be reached from the root")]
    Unreachable { node: usize },
    #[error("leaf {node} has {found} class counts, but there are {expected} classes")]
    CountsLength {
        node: usize,
        found: usize,
        expected: usize,
    },
    #[error("leaf {node} predicts class {prediction}, but there are {classes} classes")]
    PredictionOutOfRange {
        node: usize,
        prediction: usize,
        classes: usize,
    },
}

impl Tree {
    /// Checks that the nodes form one tree rooted at node 0 over `feature_names` and `n_classes`.
    pub fn validate(&self, feature_names: &[String], n_classes: usize) -> Result<(), TreeError> {
        if self.nodes.is_empty() {
            return Err(TreeError::NoNodes);
        }
        let count = self.nodes.len();
        let mut has_parent = vec![false; count];
        for (node, n) in self.nodes.iter().enumerate() {
            match n {
                Node::Split {
                    feature,
                    feature_name,
                    threshold,
                    left,
                    right,
                    impurity_decrease,
                } => {
                    let Some(expected) = feature_names.get(*feature) else {
                        return Err(TreeError::FeatureOutOfRange {
                            node,
                            feature: *feature,
                            features: feature_names.len(),
                        });
                    };
                    if expected != feature_name {
                        return Err(TreeError::FeatureName {
                            node,
                            feature: *feature,
                            expected: expected.clone(),
                            found: feature_name.clone(),
                        });
                    }
                    if !threshold.is_finite() {
                        return Err(TreeError::Threshold { node });
                    }
                    if !impurity_decrease.is_finite() {
                        return Err(TreeError::ImpurityDecrease { node });
                    }
                    for &child in [left, right] {
                        if child >= count {
                            return Err(TreeError::ChildOutOfRange {
                                node,
                                child,
                                nodes: count,
                            });
                        }
                        if child <= node {
                            return Err(TreeError::BackwardChild { node, child });
                        }
                        if std::mem::replace(&mut has_parent[child], true) {
                            return Err(TreeError::SharedChild { node, child });
                        }
                    }
                }
                Node::Leaf {
                    class_counts,
                    prediction,
                } => {
                    if class_counts.len() != n_classes {
                        return Err(TreeError::CountsLength {
                            node,
                            found: class_counts.len(),
                            expected: n_classes,
                        });
                    }
                    if *prediction >= n_classes {
                        return Err(TreeError::PredictionOutOfRange {
                            node,
                            prediction: *prediction,
                            classes: n_classes,
                        });
                    }
                }
            }
        }
        // Children come after parents and have one parent each, so a node with a parent is
        // reachable from the root by induction; only orphans are not.
        match has_parent.iter().skip(1).position(|p| !p) {
            Some(orphan) => Err(TreeError::Unreachable { node: orphan + 1 }),
            None => Ok(()),
        }
    }

    /// The class counts and predicted class of leaf `node`.
    pub fn leaf(&self, node: usize) -> Result<(&[u64], usize), PredictError> {
        match self.nodes.get(node) {
            Some(Node::Leaf {
                class_counts,
                prediction,
            }) => Ok((class_counts, *prediction)),
            _ => Err(PredictError::Malformed { node }),
        }
    }

    /// The decisions of a walk that `passed` these splits (arena indexes, and whether the flow
    /// went left), with `features`' values.
    pub fn path_steps(&self, passed: &[(usize, bool)], features: &[f64]) -> Vec<PathStep> {
        passed
            .iter()
            .filter_map(|&(node, went_left)| match self.nodes.get(node) {
                Some(Node::Split {
                    feature,
                    feature_name,
                    threshold,
                    ..
                }) => Some(PathStep {
                    feature: *feature,
                    feature_name: feature_name.clone(),
                    value: features.get(*feature).copied().unwrap_or(f64::NAN),
                    threshold: *threshold,
                    went_left,
                }),
                _ => None,
            })
            .collect()
    }

    pub fn leaves(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n, Node::Leaf { .. }))
            .count()
    }

    /// The number of splits on the longest path from the root to a leaf.
    pub fn depth(&self) -> usize {
        let mut depth = vec![0usize; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            if let Node::Split { left, right, .. } = node {
                let below = depth[i] + 1;
                for &child in [left, right] {
                    if let Some(d) = depth.get_mut(child) {
                        *d = below;
                    }
                }
            }
        }
        depth.into_iter().max().unwrap_or(0)
    }

    /// Training flows below each node (the sum of the leaf counts under it).
    pub fn samples_below(&self) -> Vec<u64> {
        let mut samples = vec![0u64; self.nodes.len()];
        // Children come after their parent, so a backward pass sees children first.
        for i in (0..self.nodes.len()).rev() {
            samples[i] = match &self.nodes[i] {
                Node::Leaf { class_counts, .. } => class_counts.iter().sum(),
                Node::Split { left, right, .. } => {
                    samples.get(*left).copied().unwrap_or(0)
                        + samples.get(*right).copied().unwrap_or(0)
                }
            };
        }
        samples
    }

    /// How much each feature lowers impurity over the tree: the sum over the splits on it of
    /// (share of training flows reaching the split) × (impurity decrease), normalized to sum 1.
    /// All zero for a tree without splits.
    pub fn feature_importances(&self, n_features: usize) -> Vec<f64> {
        let samples = self.samples_below();
        let root = samples.first().copied().unwrap_or(0).max(1) as f64;
        let mut importance = vec![0.0; n_features];
        for (i, node) in self.nodes.iter().enumerate() {
            if let Node::Split {
                feature,
                impurity_decrease,
                ..
            } = node
            {
                if let Some(slot) = importance.get_mut(*feature) {
                    *slot += samples[i] as f64 / root * impurity_decrease;
                }
            }
        }
        let total: f64 = importance.iter().sum();
        if total > 0.0 {
            importance.iter_mut().for_each(|v| *v /= total);
        }
        importance
    }
}

/// `(n_c + 1) / (n + k)` for the class `class` of a leaf.
pub fn laplace_confidence(class_counts: &[u64], class: usize) -> f64 {
    let n: u64 = class_counts.iter().sum();
    let n_c = class_counts.get(class).copied().unwrap_or(0);
    (n_c as f64 + 1.0) / (n as f64 + class_counts.len() as f64)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::predictor::tests::predict_tree;

    pub(crate) fn names() -> Vec<String> {
        vec!["duration".into(), "bwd_packet_share".into()]
    }

    /// duration <= 10 → (bwd_packet_share <= 0.5 → class 0 else class 1) else class 2.
    pub(crate) fn small_tree() -> Tree {
        let split = |feature: usize, threshold, left, right| Node::Split {
            feature,
            feature_name: names()[feature].clone(),
            threshold,
            left,
            right,
            impurity_decrease: 0.25,
        };
        Tree {
            nodes: vec![
                split(0, 10.0, 1, 4),
                split(1, 0.5, 2, 3),
                Node::Leaf {
                    class_counts: vec![3, 0, 0],
                    prediction: 0,
                },
                Node::Leaf {
                    class_counts: vec![1, 4, 0],
                    prediction: 1,
                },
                Node::Leaf {
                    class_counts: vec![0, 0, 12],
                    prediction: 2,
                },
            ],
        }
    }

    #[test]
    fn prediction_follows_the_thresholds_and_records_the_path() {
        let tree = small_tree();
        tree.validate(&names(), 3).unwrap();
        let p = predict_tree(&tree, &[10.0, 0.7]).unwrap();
        assert_eq!(p.class, 1);
        // Leaf [1, 4, 0]: (4 + 1) / (5 + 3) = 0.625.
        assert_eq!(p.confidence, 0.625);
        assert_eq!(p.path.len(), 2);
        assert_eq!(
            (p.path[0].feature_name.as_str(), p.path[0].went_left),
            ("duration", true)
        );
        assert_eq!(
            (
                p.path[1].feature_name.as_str(),
                p.path[1].value,
                p.path[1].went_left
            ),
            ("bwd_packet_share", 0.7, false)
        );
        assert_eq!(predict_tree(&tree, &[10.5, 0.0]).map(|p| p.class), Ok(2));
        assert_eq!(predict_tree(&tree, &[3.0, 0.5]).map(|p| p.class), Ok(0));
        assert_eq!(
            predict_tree(&tree, &[3.0]).map(|p| p.class),
            Err(PredictError::FeatureCount {
                expected: 2,
                found: 1
            })
        );
    }

    #[test]
    fn sizes_and_importances_are_computed_from_the_leaves() {
        let tree = small_tree();
        assert_eq!((tree.leaves(), tree.depth()), (3, 2));
        assert_eq!(tree.samples_below(), vec![20, 8, 3, 5, 12]);
        // duration: 20/20 · 0.25 = 0.25; bwd_packet_share: 8/20 · 0.25 = 0.1; normalized 0.25/0.35, 0.1/0.35.
        let imp = tree.feature_importances(2);
        assert!(
            (imp[0] - 0.25 / 0.35).abs() < 1e-12 && (imp[1] - 0.1 / 0.35).abs() < 1e-12,
            "{imp:?}"
        );
    }

    #[test]
    fn structural_faults_are_named() {
        let check = |edit: &dyn Fn(&mut Vec<Node>)| {
            let mut tree = small_tree();
            edit(&mut tree.nodes);
            tree.validate(&names(), 3).unwrap_err()
        };
        let set_child = |nodes: &mut Vec<Node>, at: usize, to: usize| {
            if let Node::Split { right, .. } = &mut nodes[at] {
                *right = to;
            }
        };
        assert_eq!(check(&|n| n.clear()), TreeError::NoNodes);
        assert_eq!(
            check(&|n| set_child(n, 0, 9)),
            TreeError::ChildOutOfRange {
                node: 0,
                child: 9,
                nodes: 5
            }
        );
        assert_eq!(
            check(&|n| set_child(n, 1, 0)),
            TreeError::BackwardChild { node: 1, child: 0 }
        );
        assert_eq!(
            check(&|n| set_child(n, 1, 1)),
            TreeError::BackwardChild { node: 1, child: 1 }
        );
        assert_eq!(
            check(&|n| set_child(n, 0, 2)),
            TreeError::SharedChild { node: 1, child: 2 }
        );
        assert_eq!(
            check(&|n| set_child(n, 1, 4)),
            TreeError::SharedChild { node: 1, child: 4 }
        );
        assert_eq!(
            check(&|n| n.push(Node::Leaf {
                class_counts: vec![0, 0, 0],
                prediction: 0
            })),
            TreeError::Unreachable { node: 5 }
        );
        assert_eq!(
            check(&|n| n[2] = Node::Leaf {
                class_counts: vec![1],
                prediction: 0
            }),
            TreeError::CountsLength {
                node: 2,
                found: 1,
                expected: 3
            }
        );
        assert_eq!(
            check(&|n| n[2] = Node::Leaf {
                class_counts: vec![1, 0, 0],
                prediction: 3
            }),
            TreeError::PredictionOutOfRange {
                node: 2,
                prediction: 3,
                classes: 3
            }
        );
        let edit_split = |n: &mut Vec<Node>, f: &dyn Fn(&mut usize, &mut String, &mut f64)| {
            if let Node::Split {
                feature,
                feature_name,
                threshold,
                ..
            } = &mut n[1]
            {
                f(feature, feature_name, threshold);
            }
        };
        assert_eq!(
            check(&|n| edit_split(n, &|f, _, _| *f = 2)),
            TreeError::FeatureOutOfRange {
                node: 1,
                feature: 2,
                features: 2
            }
        );
        assert!(matches!(
            check(&|n| edit_split(n, &|_, name, _| *name = "duration".into())),
            TreeError::FeatureName { node: 1, .. }
        ));
        assert_eq!(
            check(&|n| edit_split(n, &|_, _, t| *t = f64::INFINITY)),
            TreeError::Threshold { node: 1 }
        );
    }

    #[test]
    fn a_malformed_tree_is_an_error_not_a_hang() {
        // Built by hand without validation: node 1 points back to the root.
        let mut tree = small_tree();
        if let Node::Split { left, .. } = &mut tree.nodes[1] {
            *left = 0;
        }
        assert!(matches!(
            predict_tree(&tree, &[0.0, 0.0]),
            Err(PredictError::Malformed { .. })
        ));
    }
}
