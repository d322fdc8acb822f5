//! A forest of decision trees that vote: bagging over flows and over features.
//!
//! Each tree is grown by [`Tree::fit`] — the same deterministic CART as a single tree, with the
//! same [`TreeParams`] — on its own draw of the training data: `ceil(bootstrap_proportion · n)`
//! flows drawn *with* replacement from the `n` training flows, and `ceil(feature_proportion · f)`
//! of the `f` feature columns drawn *without* replacement (the subset is the same for every node
//! of that tree, as in linfa-ensemble, not redrawn per split as in Breiman's random forest). The
//! tree is fitted on those columns only, then its split nodes are renumbered to index the
//! model's schema, so a stored tree reads like any other tree; its subset is stored beside it.
//!
//! The issue asked for linfa-ensemble. It is not used, because it grows its trees with
//! linfa-trees, whose fit is not reproducible (see [`super::fit`]), and it counts votes in a
//! `HashMap`, so a tie between classes is broken differently from run to run. Here:
//! - tree `i` draws its flows and features from its own generator (xoshiro256++), seeded with
//!   `seed + i` (wrapping), so the forest does not depend on how the trees are scheduled over
//!   threads: they are grown in parallel with rayon and collected in tree order;
//! - a vote tie goes to the lowest class index, like a tie inside a leaf.
//!
//! Training twice on the same data with the same parameters gives the same forest, bit for bit
//! (a test checks the model file's bytes).

use ndarray::{Array2, ArrayView2};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::fit::{check_input, FitError};
use super::params::{ForestParams, TreeParams};
use super::tree::{Node, Tree, TreeError};

/// Trees that vote; each is stored with the features it was allowed to use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forest {
    pub trees: Vec<ForestTree>,
}

/// One tree of a [`Forest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForestTree {
    /// The schema indices of the features this tree was grown on, ascending.
    pub features: Vec<usize>,
    /// Its split nodes index the schema (not the subset), like a single tree's.
    pub tree: Tree,
}

/// How the trees of a forest voted on one flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForestVote {
    /// Trees voting for each class.
    pub votes: Vec<usize>,
    /// The tree whose decision path the prediction shows: of the trees voting for the winning
    /// class, the one whose leaf is most confident (Laplace-smoothed leaf share; the lowest
    /// index on a tie).
    pub tree: usize,
}

/// What is wrong with a forest read from a file.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ForestError {
    #[error("the forest has no trees")]
    NoTrees,
    #[error("tree {tree} lists no features")]
    NoFeatures { tree: usize },
    #[error("tree {tree} lists feature {feature}, but there are only {features} features")]
    FeatureOutOfRange {
        tree: usize,
        feature: usize,
        features: usize,
    },
    #[error("tree {tree} lists feature {feature} twice")]
    DuplicateFeature { tree: usize, feature: usize },
    #[error(
        "tree {tree}, node {node} splits on feature {feature}, which is not among the tree's features"
    )]
    SplitOutsideSubset {
        tree: usize,
        node: usize,
        feature: usize,
    },
    #[error("tree {tree}: {source}")]
    Tree {
        tree: usize,
        #[source]
        source: TreeError,
    },
}

impl Forest {
    /// Grows `forest.trees` trees on `x` (one row per flow, columns named `names`) with classes
    /// `labels[i] < n_classes`, each with `tree` on its own sample of rows and columns.
    pub fn fit(
        x: ArrayView2<f64>,
        labels: &[usize],
        n_classes: usize,
        names: &[String],
        tree: &TreeParams,
        forest: &ForestParams,
    ) -> Result<Forest, FitError> {
        tree.validate()?;
        forest.validate()?;
        check_input(x, labels, n_classes, names)?;
        let trees = (0..forest.trees)
            .into_par_iter()
            .map(|i| grow_one(x, labels, n_classes, names, tree, forest, i))
            .collect::<Result<Vec<_>, FitError>>()?;
        Ok(Forest { trees })
    }

    /// Checks every tree against the schema's `feature_names` and `n_classes`, and that each
    /// tree splits only on features of its own subset.
    pub fn validate(&self, feature_names: &[String], n_classes: usize) -> Result<(), ForestError> {
        if self.trees.is_empty() {
            return Err(ForestError::NoTrees);
        }
        let mut listed = vec![false; feature_names.len()];
        for (index, member) in self.trees.iter().enumerate() {
            member
                .tree
                .validate(feature_names, n_classes)
                .map_err(|source| ForestError::Tree {
                    tree: index,
                    source,
                })?;
            if member.features.is_empty() {
                return Err(ForestError::NoFeatures { tree: index });
            }
            listed.iter_mut().for_each(|l| *l = false);
            for &feature in &member.features {
                let Some(slot) = listed.get_mut(feature) else {
                    return Err(ForestError::FeatureOutOfRange {
                        tree: index,
                        feature,
                        features: feature_names.len(),
                    });
                };
                if std::mem::replace(slot, true) {
                    return Err(ForestError::DuplicateFeature {
                        tree: index,
                        feature,
                    });
                }
            }
            for (node, n) in member.tree.nodes.iter().enumerate() {
                if let Node::Split { feature, .. } = n {
                    // In range: the tree's own validation checked it against the schema.
                    if !listed[*feature] {
                        return Err(ForestError::SplitOutsideSubset {
                            tree: index,
                            node,
                            feature: *feature,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Leaves of all trees together.
    pub fn leaves(&self) -> usize {
        self.trees.iter().map(|t| t.tree.leaves()).sum()
    }

    /// The depth of the deepest tree.
    pub fn depth(&self) -> usize {
        self.trees.iter().map(|t| t.tree.depth()).max().unwrap_or(0)
    }

    /// The mean over the trees that split at all of each tree's normalized importances
    /// ([`Tree::feature_importances`]), normalized to sum 1 (as scikit-learn does). All zero
    /// when no tree splits.
    pub fn feature_importances(&self, n_features: usize) -> Vec<f64> {
        let mut sum = vec![0.0; n_features];
        for member in &self.trees {
            let importances = member.tree.feature_importances(n_features);
            if importances.iter().any(|v| *v > 0.0) {
                sum.iter_mut().zip(importances).for_each(|(s, v)| *s += v);
            }
        }
        let total: f64 = sum.iter().sum();
        if total > 0.0 {
            sum.iter_mut().for_each(|v| *v /= total);
        }
        sum
    }
}

/// Adds a vote for `class`, growing `votes` to hold it.
pub(super) fn count_vote(votes: &mut Vec<usize>, class: usize) {
    if class >= votes.len() {
        votes.resize(class + 1, 0);
    }
    votes[class] += 1;
}

/// The class with the most votes, the lowest index on a tie; `None` without votes.
pub(super) fn winner(votes: &[usize]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (class, &n) in votes.iter().enumerate() {
        if n > 0 && best.is_none_or(|b| n > votes[b]) {
            best = Some(class);
        }
    }
    best
}

/// Grows tree `index` of the forest on its own draw of rows and columns.
fn grow_one(
    x: ArrayView2<f64>,
    labels: &[usize],
    n_classes: usize,
    names: &[String],
    params: &TreeParams,
    forest: &ForestParams,
    index: usize,
) -> Result<ForestTree, FitError> {
    let (rows, columns) = x.dim();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(forest.seed.wrapping_add(index as u64));
    let sample: Vec<usize> = (0..ForestParams::share(forest.bootstrap_proportion, rows))
        // Drawn as u64 so that the sample is the same on 32- and 64-bit machines.
        .map(|_| rng.gen_range(0..rows as u64) as usize)
        .collect();
    let mut features = rand::seq::index::sample(
        &mut rng,
        columns,
        ForestParams::share(forest.feature_proportion, columns),
    )
    .into_vec();
    features.sort_unstable();
    let sub = Array2::from_shape_fn((sample.len(), features.len()), |(r, c)| {
        x[(sample[r], features[c])]
    });
    let sub_labels: Vec<usize> = sample.iter().map(|&r| labels[r]).collect();
    let sub_names: Vec<String> = features.iter().map(|&f| names[f].clone()).collect();
    let mut tree = Tree::fit(sub.view(), &sub_labels, n_classes, &sub_names, params)?;
    for node in &mut tree.nodes {
        if let Node::Split { feature, .. } = node {
            // The name already is the schema's: it was taken from `sub_names`.
            *feature = features[*feature];
        }
    }
    Ok(ForestTree { features, tree })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::params::ClassWeighting;
    use crate::model::predictor::tests::predict_forest;
    use crate::model::tree::tests::{names, small_tree};
    use crate::model::tree::PredictError;

    fn leaf(class_counts: Vec<u64>, prediction: usize) -> Node {
        Node::Leaf {
            class_counts,
            prediction,
        }
    }

    fn stump(feature: usize, threshold: f64, left: Node, right: Node) -> Tree {
        Tree {
            nodes: vec![
                Node::Split {
                    feature,
                    feature_name: names()[feature].clone(),
                    threshold,
                    left: 1,
                    right: 2,
                    impurity_decrease: 0.5,
                },
                left,
                right,
            ],
        }
    }

    /// Three trees over `names()` (duration, bwd_packet_share) and 3 classes:
    /// - tree 0 (features 0, 1): `small_tree()`;
    /// - tree 1 (feature 0): duration <= 5 → class 0 from [9, 1, 0], else class 1 from [0, 6, 2];
    /// - tree 2 (feature 1): bwd_packet_share <= 0.5 → class 0 from [2, 0, 0], else class 1
    ///   from [0, 2, 0].
    pub(crate) fn hand_forest() -> Forest {
        Forest {
            trees: vec![
                ForestTree {
                    features: vec![0, 1],
                    tree: small_tree(),
                },
                ForestTree {
                    features: vec![0],
                    tree: stump(0, 5.0, leaf(vec![9, 1, 0], 0), leaf(vec![0, 6, 2], 1)),
                },
                ForestTree {
                    features: vec![1],
                    tree: stump(1, 0.5, leaf(vec![2, 0, 0], 0), leaf(vec![0, 2, 0], 1)),
                },
            ],
        }
    }

    #[test]
    fn vote_shares_worked_by_hand() {
        let forest = hand_forest();
        forest.validate(&names(), 3).unwrap();
        // duration 8, share 0.7: tree 0 → [1, 4, 0] class 1 (conf (4+1)/(5+3) = 0.625);
        // tree 1 → [0, 6, 2] class 1 (conf 7/11 = 0.636); tree 2 → [0, 2, 0] class 1 (3/5 = 0.6).
        // Three votes of three for class 1; tree 1's leaf is the most confident.
        let p = predict_forest(&forest, &[8.0, 0.7]).unwrap();
        assert_eq!((p.class, p.confidence), (1, 1.0));
        assert_eq!(
            p.forest,
            Some(ForestVote {
                votes: vec![0, 3],
                tree: 1
            })
        );
        assert_eq!(p.path.len(), 1);
        assert_eq!(
            (p.path[0].feature_name.as_str(), p.path[0].went_left),
            ("duration", false)
        );
        // duration 3, share 0.2: tree 0 → [3, 0, 0] class 0 (4/6 = 0.667); tree 1 → [9, 1, 0]
        // class 0 (10/13 = 0.769); tree 2 → [2, 0, 0] class 0 (3/5). 3 votes for class 0.
        let p = predict_forest(&forest, &[3.0, 0.2]).unwrap();
        assert_eq!((p.class, p.confidence), (0, 1.0));
        assert_eq!(p.forest.unwrap().tree, 1);
        // duration 20, share 0.2: tree 0 → [0, 0, 12] class 2; tree 1 → class 1; tree 2 →
        // class 0. One vote each: the tie goes to class 0, with 1/3 of the votes; the only tree
        // voting for it is tree 2.
        let p = predict_forest(&forest, &[20.0, 0.2]).unwrap();
        assert_eq!((p.class, p.confidence), (0, 1.0 / 3.0));
        assert_eq!(
            p.forest,
            Some(ForestVote {
                votes: vec![1, 1, 1],
                tree: 2
            })
        );
        assert_eq!(
            predict_forest(&forest, &[20.0, 0.2]).map(|p| p.class),
            Ok(0)
        );
        // duration 3, share 0.7: tree 0 → [1, 4, 0] class 1; tree 1 → class 0; tree 2 → class 1.
        let p = predict_forest(&forest, &[3.0, 0.7]).unwrap();
        assert_eq!((p.class, p.confidence), (1, 2.0 / 3.0));
        // Tree 0's leaf (0.625) beats tree 2's (0.6).
        assert_eq!(p.forest.unwrap().tree, 0);
        assert_eq!(p.path.len(), 2);
        assert_eq!(predict_forest(&forest, &[3.0, 0.7]).map(|p| p.class), Ok(1));
        assert_eq!(
            predict_forest(&forest, &[3.0]).map(|p| p.class),
            Err(PredictError::FeatureCount {
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            predict_forest(&Forest { trees: vec![] }, &[3.0, 0.7]),
            Err(PredictError::NoTrees)
        );
    }

    #[test]
    fn sizes_and_importances_average_over_trees() {
        let forest = hand_forest();
        assert_eq!((forest.leaves(), forest.depth()), (3 + 2 + 2, 2));
        // Tree 0: [0.25/0.35, 0.1/0.35]; tree 1: [1, 0]; tree 2: [0, 1]. Sum [1.714.., 1.285..]
        // over 3 trees, normalized: [(5/7 + 1)/3, (2/7 + 1)/3].
        let imp = forest.feature_importances(2);
        assert!((imp[0] - (5.0 / 7.0 + 1.0) / 3.0).abs() < 1e-12, "{imp:?}");
        assert!((imp[1] - (2.0 / 7.0 + 1.0) / 3.0).abs() < 1e-12, "{imp:?}");
    }

    #[test]
    fn damage_is_named_by_tree() {
        let check = |edit: &dyn Fn(&mut Forest)| {
            let mut forest = hand_forest();
            edit(&mut forest);
            forest.validate(&names(), 3).unwrap_err()
        };
        assert_eq!(check(&|f| f.trees.clear()), ForestError::NoTrees);
        assert_eq!(
            check(&|f| f.trees[1].features = vec![0, 2]),
            ForestError::FeatureOutOfRange {
                tree: 1,
                feature: 2,
                features: 2
            }
        );
        assert_eq!(
            check(&|f| f.trees[0].features = vec![1, 0, 1]),
            ForestError::DuplicateFeature {
                tree: 0,
                feature: 1
            }
        );
        assert_eq!(
            check(&|f| f.trees[2].features.clear()),
            ForestError::NoFeatures { tree: 2 }
        );
        assert_eq!(
            check(&|f| f.trees[0].features = vec![0]),
            ForestError::SplitOutsideSubset {
                tree: 0,
                node: 1,
                feature: 1
            }
        );
        assert_eq!(
            check(&|f| f.trees[2].tree.nodes.truncate(2)),
            ForestError::Tree {
                tree: 2,
                source: TreeError::ChildOutOfRange {
                    node: 0,
                    child: 2,
                    nodes: 2
                }
            }
        );
    }

    /// `rows` flows, 4 features; feature 0 alone decides the class (`< 10`: 0, `< 20`: 1,
    /// else 2), feature 2 alone decides it too (value = class × 5 + noise in [0, 1)); the others are noise.
    pub(crate) fn two_signal_data(rows: usize) -> (Array2<f64>, Vec<usize>, Vec<String>) {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut x = Array2::zeros((rows, 4));
        let mut y = Vec::new();
        for r in 0..rows {
            let class = r % 3;
            x[(r, 0)] = class as f64 * 10.0 + rng.gen_range(0.0..9.0);
            x[(r, 1)] = rng.gen_range(0.0..100.0);
            x[(r, 2)] = class as f64 * 5.0 + rng.gen_range(0.0..1.0);
            x[(r, 3)] = rng.gen_range(0.0..100.0);
            y.push(class);
        }
        let names = (0..4).map(|i| format!("f{i}")).collect();
        (x, y, names)
    }

    #[test]
    fn trees_on_separable_data_each_use_their_own_subset() {
        let (x, y, names) = two_signal_data(90);
        // Depth 2 is enough to separate three classes on one signal column, and far too little
        // to make every leaf pure on a noise column.
        let tree = TreeParams {
            max_depth: Some(2),
            class_weighting: ClassWeighting::None,
            ..TreeParams::default()
        };
        let params = ForestParams {
            trees: 12,
            bootstrap_proportion: 0.7,
            feature_proportion: 0.25,
            seed: 3,
        };
        let forest = Forest::fit(x.view(), &y, 3, &names, &tree, &params).unwrap();
        forest.validate(&names, 3).unwrap();
        assert_eq!(forest.trees.len(), 12);
        for member in &forest.trees {
            // ceil(0.25 · 4) = 1 feature per tree; ceil(0.7 · 90) = 63 flows, with replacement.
            assert_eq!(member.features.len(), 1);
            let counted: u64 = member.tree.samples_below()[0];
            assert_eq!(counted, 63);
            let f = member.features[0];
            for node in &member.tree.nodes {
                if let Node::Split {
                    feature,
                    feature_name,
                    ..
                } = node
                {
                    assert_eq!((*feature, feature_name.as_str()), (f, names[f].as_str()));
                }
            }
            // A tree on a signal column separates its sample perfectly; one on noise cannot
            // give every leaf a single class.
            let pure = member.tree.nodes.iter().all(|n| match n {
                Node::Leaf { class_counts, .. } => {
                    class_counts.iter().filter(|&&c| c > 0).count() <= 1
                }
                Node::Split { .. } => true,
            });
            assert_eq!(pure, f == 0 || f == 2, "feature {f}");
        }
        // Some tree drew each column (12 draws of 1 of 4 with this seed).
        let mut drawn: Vec<usize> = forest.trees.iter().map(|t| t.features[0]).collect();
        drawn.sort_unstable();
        drawn.dedup();
        assert_eq!(drawn, [0, 1, 2, 3]);
        // With half of the trees on a signal column, the vote still gets every flow right.
        let signal = forest
            .trees
            .iter()
            .filter(|t| t.features[0] == 0 || t.features[0] == 2)
            .count();
        assert!(signal * 2 > forest.trees.len(), "{signal} signal trees");
        for (row, features) in x.rows().into_iter().enumerate() {
            assert_eq!(
                predict_forest(&forest, &features.to_vec()).map(|p| p.class),
                Ok(y[row])
            );
        }
        let importances = forest.feature_importances(4);
        assert!(importances[0] + importances[2] > 0.5, "{importances:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_forest_and_another_seed_another() {
        let (x, y, names) = two_signal_data(120);
        let tree = TreeParams::default();
        let params = ForestParams {
            trees: 16,
            ..ForestParams::default()
        };
        let json = |params: &ForestParams| {
            serde_json::to_string(&Forest::fit(x.view(), &y, 3, &names, &tree, params).unwrap())
                .unwrap()
        };
        let first = json(&params);
        // On a one-thread pool the trees are grown in another order in time: same forest.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(pool.install(|| json(&params)), first);
        assert_eq!(json(&params), first);
        assert_ne!(json(&ForestParams { seed: 2, ..params }), first);
        // Tree i of seed s is tree i - 1 of seed s + 1.
        let shifted = Forest::fit(
            x.view(),
            &y,
            3,
            &names,
            &tree,
            &ForestParams { seed: 2, ..params },
        )
        .unwrap();
        let base = Forest::fit(x.view(), &y, 3, &names, &tree, &params).unwrap();
        assert_eq!(shifted.trees[..15], base.trees[1..]);
    }

    #[test]
    fn bad_input_and_settings_are_errors() {
        let (x, y, names) = two_signal_data(9);
        let tree = TreeParams::default();
        let bad = ForestParams {
            trees: 0,
            ..ForestParams::default()
        };
        assert_eq!(
            Forest::fit(x.view(), &y, 3, &names, &tree, &bad),
            Err(FitError::Params(crate::model::ParamsError::NoTrees))
        );
        let mut x = x;
        x[(4, 3)] = f64::INFINITY;
        // Reported at the row and column of the whole set, not of a tree's sample.
        assert_eq!(
            Forest::fit(x.view(), &y, 3, &names, &tree, &ForestParams::default()),
            Err(FitError::NonFinite { row: 4, column: 3 })
        );
    }
}
