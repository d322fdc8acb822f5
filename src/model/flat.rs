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
    /// The left child; the right one follows it. A leaf is its own left child with an infinite
    /// threshold, so a walk that reached it stays there while the walks of other trees go on.
    left: u32,
}

impl FlatNode {
    /// The next node for a flow whose tested feature is `value`.
    fn step(&self, value: f64) -> u32 {
        if value <= self.threshold {
            self.left
        } else {
            self.left + 1
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
                    self.nodes[place].left = index(place)?;
                    self.classes_of[place] =
                        index(*prediction).filter(|&c| c != FlatForest::SPLIT)?;
                }
            }
        }
        Some(())
    }

    /// The winning class of every row of `rows` (features in schema order), in parallel over
    /// blocks of rows. Within a block each tree sees every row before the next tree does, so
    /// a large forest is read from memory once per block rather than once per row.
    pub fn predict_rows(&self, rows: ArrayView2<f64>) -> Result<Vec<usize>, PredictError> {
        const BLOCK: usize = 256;
        let n = rows.nrows();
        let blocks = (0..n.div_ceil(BLOCK))
            .into_par_iter()
            .map(|b| {
                let block = rows.slice_axis(
                    ndarray::Axis(0),
                    ndarray::Slice::from(b * BLOCK..((b + 1) * BLOCK).min(n)),
                );
                let block = block.as_standard_layout();
                let width = block.ncols();
                let values = block.as_slice().unwrap_or_default();
                let mut votes = vec![0usize; block.nrows() * self.classes];
                for &root in &self.roots {
                    for (i, row) in values.chunks_exact(width.max(1)).enumerate() {
                        let class = self.leaf_class(root, row)?;
                        if let Some(v) = votes.get_mut(i * self.classes + class) {
                            *v += 1;
                        }
                    }
                }
                votes
                    .chunks(self.classes.max(1))
                    .take(block.nrows())
                    .map(|row_votes| winner(row_votes).ok_or(PredictError::NoTrees))
                    .collect::<Result<Vec<usize>, PredictError>>()
            })
            .collect::<Result<Vec<_>, PredictError>>()?;
        Ok(blocks.concat())
    }

    /// The class of the leaf that the tree rooted at `root` puts `features` in.
    fn leaf_class(&self, root: u32, features: &[f64]) -> Result<usize, PredictError> {
        let mut at = root as usize;
        // A laid-out tree reaches a leaf in fewer steps than it has nodes.
        for _ in 0..=self.nodes.len() {
            let class = self.classes_of[at];
            if class != FlatForest::SPLIT {
                return Ok(class as usize);
            }
            let node = &self.nodes[at];
            let feature = node.feature as usize;
            let Some(&value) = features.get(feature) else {
                return Err(PredictError::FeatureCount {
                    expected: feature + 1,
                    found: features.len(),
                });
            };
            at = node.step(value) as usize;
        }
        Err(PredictError::Malformed { node: at })
    }

    /// The winning class and its share of the trees' votes (what [`Forest::predict`] calls the
    /// confidence), without the decision path; counts in `votes`, reused between calls.
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
        // A walk in lockstep tells a leaf by its staying put, which a NaN would not (and it
        // reads feature 0 at a leaf).
        if features.is_empty() || features.iter().any(|v| v.is_nan()) {
            for &root in &self.roots {
                count_vote(votes, self.leaf_class(root, features)?);
            }
        } else {
            for roots in self.roots.chunks(LOCKSTEP_TREES) {
                self.count_votes_in_lockstep(roots, features, votes)?;
            }
        }
        winner(votes).ok_or(PredictError::NoTrees)
    }

    /// Counts in `votes` the leaf classes of the trees rooted at `roots` (at most
    /// [`LOCKSTEP_TREES`]), walked one level at a time all together until none moves (a walk
    /// stays on its leaf). `features` holds every feature a split tests.
    fn count_votes_in_lockstep(
        &self,
        roots: &[u32],
        features: &[f64],
        votes: &mut Vec<usize>,
    ) -> Result<(), PredictError> {
        let mut at = [0u32; LOCKSTEP_TREES];
        let at = &mut at[..roots.len()];
        at.copy_from_slice(roots);
        // A laid-out tree reaches a leaf in fewer steps than it has nodes.
        for _ in 0..=self.nodes.len() {
            let mut moved = false;
            for slot in at.iter_mut() {
                let node = &self.nodes[*slot as usize];
                let next = node.step(features[node.feature as usize]);
                moved |= next != *slot;
                *slot = next;
            }
            if !moved {
                for &leaf in at.iter() {
                    count_vote(votes, self.classes_of[leaf as usize] as usize);
                }
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
                forest.predict_class(&row)
            );
        }
        let all = ndarray::concatenate![ndarray::Axis(0), random, x];
        let each: Vec<usize> = all
            .rows()
            .into_iter()
            .map(|r| forest.predict_class(&r.to_vec()).unwrap())
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
                hand.predict_class(&point)
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
