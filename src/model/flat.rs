//! A tree or forest laid out flat for fast prediction: what `classify` and batch scoring walk
//! when no decision path is asked for. A single tree is a forest of one.

use ndarray::ArrayView2;
use rayon::prelude::*;

use super::forest::{count_vote, winner};
use super::tree::{Node, PredictError, Tree};

/// A tree or forest laid out for fast batch prediction: every node of every tree in one array
/// of 16-byte nodes (no names, no counts), each tree breadth first with a split's two children
/// side by side, so the top levels of a tree share a few cache lines and a step is one load and
/// one comparison. Built from a [`Classifier`](super::Classifier) in one pass; it predicts
/// exactly what the classifier does.
#[derive(Debug, Clone)]
pub struct FlatForest {
    nodes: Vec<FlatNode>,
    /// For each node, the class a leaf predicts; [`FlatForest::SPLIT`] for a split.
    classes_of: Vec<u32>,
    /// The index in `nodes` of each tree's root.
    roots: Vec<u32>,
    /// One more than the largest class a leaf predicts.
    classes: usize,
    /// One more than the largest feature index a split tests: the features a flow must have.
    features_needed: usize,
}

#[derive(Debug, Clone, Copy)]
struct FlatNode {
    threshold: f64,
    /// The schema index of the feature a split tests (0 for a leaf).
    feature: u32,
    /// The left child; the right one follows it. A leaf's threshold is NaN, which no value is at
    /// or below, and its `left` is the index before its own, so every step from a leaf (whatever
    /// the value, NaN included) comes back to it: a walk that reached its leaf stays there while
    /// the walks of other trees go on.
    left: u32,
}

impl FlatNode {
    /// The next node for a flow whose tested feature is `value` (NaN goes right, as in
    /// [`Tree::walk`]).
    fn step(&self, value: f64) -> u32 {
        if value <= self.threshold {
            self.left
        } else {
            self.left.wrapping_add(1)
        }
    }
}

/// Trees walked side by side for one flow: their walks do not depend on each other, so the
/// processor overlaps their memory reads instead of waiting for one walk's every step.
const LOCKSTEP_TREES: usize = 16;

impl FlatForest {
    const SPLIT: u32 = u32::MAX;

    /// Lays out `trees`; `None` when a tree is too large to index with 32 bits (no real one is)
    /// or is not a tree (a node reached twice, a child out of range).
    pub(crate) fn new<'a>(trees: impl Iterator<Item = &'a Tree>) -> Option<FlatForest> {
        let mut flat = FlatForest {
            nodes: Vec::new(),
            classes_of: Vec::new(),
            roots: Vec::new(),
            classes: 0,
            features_needed: 0,
        };
        for tree in trees {
            flat.add_tree(tree)?;
        }
        Some(flat)
    }

    /// Appends `tree` breadth first: each node's place is taken when its parent is laid out.
    fn add_tree(&mut self, tree: &Tree) -> Option<()> {
        let index = |n: usize| u32::try_from(n).ok();
        self.roots.push(index(self.nodes.len())?);
        // (node of the tree, its place in `nodes`), in breadth-first order.
        let mut queue = std::collections::VecDeque::from([(0usize, self.nodes.len())]);
        let placeholder = FlatNode {
            threshold: f64::INFINITY,
            feature: 0,
            left: 0,
        };
        self.nodes.push(placeholder);
        self.classes_of.push(FlatForest::SPLIT);
        let mut laid_out = 0;
        while let Some((node, place)) = queue.pop_front() {
            laid_out += 1;
            if laid_out > tree.nodes.len() {
                return None;
            }
            match tree.nodes.get(node)? {
                Node::Split {
                    feature,
                    threshold,
                    left,
                    right,
                    ..
                } => {
                    self.features_needed = self.features_needed.max(feature.saturating_add(1));
                    let children = self.nodes.len();
                    self.nodes[place] = FlatNode {
                        threshold: *threshold,
                        feature: index(*feature)?,
                        left: index(children)?,
                    };
                    for child in [*left, *right] {
                        queue.push_back((child, self.nodes.len()));
                        self.nodes.push(placeholder);
                        self.classes_of.push(FlatForest::SPLIT);
                    }
                }
                Node::Leaf { prediction, .. } => {
                    self.classes = self.classes.max(prediction.saturating_add(1));
                    self.nodes[place] = FlatNode {
                        threshold: f64::NAN,
                        feature: 0,
                        left: index(place)?.wrapping_sub(1),
                    };
                    self.classes_of[place] =
                        index(*prediction).filter(|&c| c != FlatForest::SPLIT)?;
                }
            }
        }
        Some(())
    }

    /// The winning class of every row of `rows` (features in schema order), in parallel.
    pub fn predict_rows(&self, rows: ArrayView2<f64>) -> Result<Vec<usize>, PredictError> {
        (0..rows.nrows())
            .into_par_iter()
            .map_init(
                || (Vec::new(), Vec::new()),
                |(row, votes), r| {
                    row.clear();
                    row.extend(rows.row(r).iter().copied());
                    self.predict_class_with(row, votes)
                },
            )
            .collect()
    }

    /// The winning class and its share of the trees' votes (what [`Forest::predict`] calls the
    /// confidence), without the decision path; counts in `votes`, reused between calls.
    ///
    /// [`Forest::predict`]: super::Forest::predict
    pub fn vote_share_with(
        &self,
        features: &[f64],
        votes: &mut Vec<usize>,
    ) -> Result<(usize, f64), PredictError> {
        let class = self.predict_class_with(features, votes)?;
        Ok((class, votes[class] as f64 / self.roots.len() as f64))
    }

    /// The winning class of the vote (lowest index on a tie), counting in `votes` (reused
    /// between calls to avoid allocating).
    pub fn predict_class_with(
        &self,
        features: &[f64],
        votes: &mut Vec<usize>,
    ) -> Result<usize, PredictError> {
        if features.len() < self.features_needed {
            return Err(PredictError::FeatureCount {
                expected: self.features_needed,
                found: features.len(),
            });
        }
        votes.iter_mut().for_each(|v| *v = 0);
        for roots in self.roots.chunks(LOCKSTEP_TREES) {
            let mut at = [0u32; LOCKSTEP_TREES];
            let at = &mut at[..roots.len()];
            at.copy_from_slice(roots);
            self.walk(at, features)?;
            for &leaf in at.iter() {
                count_vote(votes, self.classes_of[leaf as usize] as usize);
            }
        }
        winner(votes).ok_or(PredictError::NoTrees)
    }

    /// The walk: moves each of `at` (nodes of different trees, at most [`LOCKSTEP_TREES`]) one
    /// level down at a time, all together, until none moves; each then rests on its tree's leaf
    /// for `features`, which holds every feature a split tests.
    fn walk(&self, at: &mut [u32], features: &[f64]) -> Result<(), PredictError> {
        // A laid-out tree reaches a leaf in fewer steps than it has nodes.
        for _ in 0..=self.nodes.len() {
            let mut moved = false;
            for slot in at.iter_mut() {
                let node = &self.nodes[*slot as usize];
                // Only a leaf (feature 0) can test a feature a flow lacks, and it stays put.
                let value = features
                    .get(node.feature as usize)
                    .copied()
                    .unwrap_or(f64::NAN);
                let next = node.step(value);
                moved |= next != *slot;
                *slot = next;
            }
            if !moved {
                return Ok(());
            }
        }
        Err(PredictError::Malformed {
            node: at.first().copied().unwrap_or(0) as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::forest::tests::{hand_forest, two_signal_data};
    use crate::model::forest::Forest;
    use crate::model::params::{ForestParams, TreeParams};
    use crate::model::tree::tests::small_tree;
    use ndarray::Array2;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn the_flat_layout_predicts_what_the_trees_do() {
        let (x, y, names) = two_signal_data(150);
        let params = ForestParams {
            trees: 15,
            feature_proportion: 0.5,
            ..ForestParams::default()
        };
        let forest = Forest::fit(x.view(), &y, 3, &names, &TreeParams::default(), &params).unwrap();
        let flat = FlatForest::new(forest.trees.iter().map(|t| &t.tree)).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        let mut votes = Vec::new();
        // Random points, and every training point (which sit on both sides of thresholds).
        let random = Array2::from_shape_fn((500, 4), |_| rng.gen_range(-5.0..105.0));
        for row in random.rows().into_iter().chain(x.rows()) {
            let row = row.to_vec();
            assert_eq!(
                flat.predict_class_with(&row, &mut votes),
                forest.predict(&row).map(|p| p.class)
            );
        }
        let all = ndarray::concatenate![ndarray::Axis(0), random, x];
        let each: Vec<usize> = all
            .rows()
            .into_iter()
            .map(|r| forest.predict(&r.to_vec()).map(|p| p.class).unwrap())
            .collect();
        assert_eq!(flat.predict_rows(all.view()).unwrap(), each);
        // Rows not laid out one after another (a transposed view) give the same answers.
        let transposed = all.t().to_owned();
        assert_eq!(flat.predict_rows(transposed.t()).unwrap(), each);
        for row in all.rows() {
            let row = row.to_vec();
            let full = forest.predict(&row).unwrap();
            assert_eq!(
                flat.vote_share_with(&row, &mut votes),
                Ok((full.class, full.confidence))
            );
        }
        let hand = hand_forest();
        let flat = FlatForest::new(hand.trees.iter().map(|t| &t.tree)).unwrap();
        for point in [[8.0, 0.7], [3.0, 0.2], [20.0, 0.2], [3.0, 0.7], [10.0, 0.5]] {
            assert_eq!(
                flat.predict_class_with(&point, &mut votes),
                hand.predict(&point).map(|p| p.class)
            );
        }
        assert_eq!(
            flat.predict_class_with(&[3.0], &mut votes),
            Err(PredictError::FeatureCount {
                expected: 2,
                found: 1
            })
        );
        // A hand-made cycle is not laid out (the tree's own walk reports it), not a hang.
        let mut cyclic = small_tree();
        if let Node::Split { left, .. } = &mut cyclic.nodes[1] {
            *left = 0;
        }
        assert!(FlatForest::new(std::iter::once(&cyclic)).is_none());
    }
}
