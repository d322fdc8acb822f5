//! A tree or forest laid out flat for fast prediction, and the one walk every prediction takes:
//! `classify`, batch scoring, cross-validation and the decision paths of `--explain` all walk
//! this layout. A single tree is a forest of one.

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
    /// For each node, its index in its own [`Tree`]'s arena, by which a walk's leaf and the
    /// splits it passed are named to the caller.
    origins: Vec<u32>,
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
    /// The next node for a flow whose tested feature is `value` (`value <= threshold` goes left,
    /// so NaN goes right).
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
            origins: Vec::new(),
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
        self.origins.push(0);
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
                        self.origins.push(index(child)?);
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

    /// The winning class and its share of the trees' votes (the confidence of a forest's
    /// prediction), counting in `votes` (reused between calls to avoid allocating).
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
        votes.iter_mut().for_each(|v| *v = 0);
        self.walk_trees(
            0..self.roots.len(),
            features,
            |_, _, _| {},
            |_, leaf| count_vote(votes, self.classes_of[leaf as usize] as usize),
        )?;
        winner(votes).ok_or(PredictError::NoTrees)
    }

    /// The leaf each tree ends in for `features`, tree by tree, as the leaf's index in its
    /// tree's arena.
    pub fn leaves(&self, features: &[f64]) -> Result<Vec<usize>, PredictError> {
        let mut leaves = Vec::with_capacity(self.roots.len());
        self.walk_trees(
            0..self.roots.len(),
            features,
            |_, _, _| {},
            |_, leaf| leaves.push(self.origins[leaf as usize] as usize),
        )?;
        Ok(leaves)
    }

    /// The decisions tree `tree` takes for `features`: each split passed (its index in the
    /// tree's arena) and whether the flow went left, then the leaf it ends in.
    pub fn path(
        &self,
        tree: usize,
        features: &[f64],
    ) -> Result<(Vec<(usize, bool)>, usize), PredictError> {
        let mut passed = Vec::new();
        let mut leaf = None;
        self.walk_trees(
            tree..tree + 1,
            features,
            |_, split, went_left| passed.push((self.origins[split as usize] as usize, went_left)),
            |_, at| leaf = Some(self.origins[at as usize] as usize),
        )?;
        let leaf = leaf.ok_or(PredictError::NoTrees)?;
        Ok((passed, leaf))
    }

    /// Walks `trees` (indexes into the forest) for `features`, [`LOCKSTEP_TREES`] at a time:
    /// `passed(tree, split, went_left)` for every split a walk passes, and `reached(tree, leaf)`
    /// for the leaf each ends in (both nodes as places in `nodes`).
    fn walk_trees(
        &self,
        trees: std::ops::Range<usize>,
        features: &[f64],
        mut passed: impl FnMut(usize, u32, bool),
        mut reached: impl FnMut(usize, u32),
    ) -> Result<(), PredictError> {
        if features.len() < self.features_needed {
            return Err(PredictError::FeatureCount {
                expected: self.features_needed,
                found: features.len(),
            });
        }
        let Some(roots) = self.roots.get(trees.clone()) else {
            return Err(PredictError::NoTrees);
        };
        for (group, roots) in roots.chunks(LOCKSTEP_TREES).enumerate() {
            let first = trees.start + group * LOCKSTEP_TREES;
            let mut at = [0u32; LOCKSTEP_TREES];
            let at = &mut at[..roots.len()];
            at.copy_from_slice(roots);
            self.walk(at, features, |slot, split, went_left| {
                passed(first + slot, split, went_left)
            })?;
            for (slot, &leaf) in at.iter().enumerate() {
                reached(first + slot, leaf);
            }
        }
        Ok(())
    }

    /// The walk: moves each of `at` (nodes of different trees, at most [`LOCKSTEP_TREES`]) one
    /// level down at a time, all together, until none moves; each then rests on its tree's leaf
    /// for `features`, which holds every feature a split tests. `passed(slot, split, went_left)`
    /// is told every step a walk takes.
    fn walk(
        &self,
        at: &mut [u32],
        features: &[f64],
        mut passed: impl FnMut(usize, u32, bool),
    ) -> Result<(), PredictError> {
        // A laid-out tree reaches a leaf in fewer steps than it has nodes.
        for _ in 0..=self.nodes.len() {
            let mut moved = false;
            for (slot, place) in at.iter_mut().enumerate() {
                let node = &self.nodes[*place as usize];
                // Only a leaf (feature 0) can test a feature a flow lacks, and it stays put.
                let value = features
                    .get(node.feature as usize)
                    .copied()
                    .unwrap_or(f64::NAN);
                let next = node.step(value);
                if next != *place {
                    moved = true;
                    passed(slot, *place, next == node.left);
                    *place = next;
                }
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

    /// The test's oracle, written apart from the layout: the splits a flow passes in `tree`'s
    /// arena (node, went left) and the leaf it ends in, following `left`/`right` node by node.
    fn arena_path(tree: &Tree, features: &[f64]) -> (Vec<(usize, bool)>, usize) {
        let mut passed = Vec::new();
        let mut node = 0;
        while let Node::Split {
            feature,
            threshold,
            left,
            right,
            ..
        } = &tree.nodes[node]
        {
            let went_left = features[*feature] <= *threshold;
            passed.push((node, went_left));
            node = if went_left { *left } else { *right };
        }
        (passed, node)
    }

    /// The oracle's vote: each tree's leaf class counted, the lowest class on a tie.
    fn arena_vote(trees: &[&Tree], features: &[f64]) -> (usize, f64) {
        let mut votes = [0usize; 3];
        for tree in trees {
            let (_, leaf) = arena_path(tree, features);
            votes[tree.leaf(leaf).unwrap().1] += 1;
        }
        let best = *votes.iter().max().unwrap();
        let class = votes.iter().position(|&v| v == best).unwrap();
        (class, best as f64 / trees.len() as f64)
    }

    #[test]
    fn the_flat_walk_passes_the_splits_and_reaches_the_leaves_of_the_trees() {
        let (x, y, names) = two_signal_data(150);
        let params = ForestParams {
            trees: 21,
            feature_proportion: 0.5,
            ..ForestParams::default()
        };
        let forest = Forest::fit(x.view(), &y, 3, &names, &TreeParams::default(), &params).unwrap();
        let trees: Vec<&Tree> = forest.trees.iter().map(|t| &t.tree).collect();
        // 21 trees: a lockstep group of 16 and one of 5.
        let flat = FlatForest::new(trees.iter().copied()).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        let mut votes = Vec::new();
        // Random points, every training point (which sit on both sides of thresholds), and
        // points with NaN features (NaN goes right).
        let random = Array2::from_shape_fn((500, 4), |_| rng.gen_range(-5.0..105.0));
        let nan = Array2::from_shape_fn((50, 4), |(r, c)| {
            if (r + c) % 3 == 0 {
                f64::NAN
            } else {
                rng.gen_range(-5.0..105.0)
            }
        });
        let all = ndarray::concatenate![ndarray::Axis(0), random, x, nan];
        let mut each = Vec::new();
        for row in all.rows() {
            let row = row.to_vec();
            let expected: Vec<(Vec<(usize, bool)>, usize)> =
                trees.iter().map(|t| arena_path(t, &row)).collect();
            let leaves: Vec<usize> = expected.iter().map(|(_, leaf)| *leaf).collect();
            assert_eq!(flat.leaves(&row).unwrap(), leaves);
            for (index, path) in expected.iter().enumerate() {
                assert_eq!(&flat.path(index, &row).unwrap(), path);
            }
            let (class, share) = arena_vote(&trees, &row);
            assert_eq!(flat.predict_class_with(&row, &mut votes), Ok(class));
            assert_eq!(flat.vote_share_with(&row, &mut votes), Ok((class, share)));
            each.push(class);
        }
        assert_eq!(flat.predict_rows(all.view()).unwrap(), each);
        // Rows not laid out one after another (a transposed view) give the same answers.
        let transposed = all.t().to_owned();
        assert_eq!(flat.predict_rows(transposed.t()).unwrap(), each);
    }

    #[test]
    fn the_flat_walk_refuses_short_flows_and_malformed_trees() {
        let hand = hand_forest();
        let flat = FlatForest::new(hand.trees.iter().map(|t| &t.tree)).unwrap();
        let mut votes = Vec::new();
        assert_eq!(
            flat.predict_class_with(&[3.0], &mut votes),
            Err(PredictError::FeatureCount {
                expected: 2,
                found: 1
            })
        );
        // A hand-made cycle is not laid out, not a hang.
        let mut cyclic = small_tree();
        if let Node::Split { left, .. } = &mut cyclic.nodes[1] {
            *left = 0;
        }
        assert!(FlatForest::new(std::iter::once(&cyclic)).is_none());
    }
}
