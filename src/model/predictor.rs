//! A prediction with its reasons: the class of one flow, its confidence and, when asked, the
//! decisions that led there. Every answer comes from the one walk of the flat layout
//! ([`FlatForest`]); the classifier's own trees supply what the layout leaves out (leaf counts,
//! feature names).

use super::flat::FlatForest;
use super::forest::{count_vote, winner, Forest, ForestVote};
use super::tree::{laplace_confidence, PredictError, Prediction, Tree};
use super::Classifier;

/// A classifier together with its flat layout, built once and used for flow after flow.
#[derive(Debug, Clone)]
pub struct Predictor<'c> {
    /// `None` for a forest known only by its layout, which votes but names no decisions.
    classifier: Option<&'c Classifier>,
    flat: FlatForest,
}

impl<'c> Predictor<'c> {
    /// Lays `classifier` out; fails only for a tree that is not a tree (which loading a model
    /// file already refuses).
    pub fn new(classifier: &'c Classifier) -> Result<Predictor<'c>, PredictError> {
        Ok(Predictor {
            classifier: Some(classifier),
            flat: classifier.flatten()?,
        })
    }

    /// A forest's predictor from its layout alone: its predictions are the votes, with no
    /// decision path, whether or not one is asked for.
    pub fn forest_votes(flat: FlatForest) -> Predictor<'static> {
        Predictor {
            classifier: None,
            flat,
        }
    }

    /// Classifies one flow (features in schema order). A single tree's confidence is the
    /// Laplace-smoothed share of its leaf; a forest's is the share of trees voting for the
    /// winner, and its reasons are the votes and the most confident winning tree. The decision
    /// path is recorded only when `path` is asked for.
    pub fn predict(&self, features: &[f64], path: bool) -> Result<Prediction, PredictError> {
        match self.classifier {
            Some(Classifier::Tree(tree)) => self.predict_tree(tree, features, path),
            Some(Classifier::Forest(forest)) if path => self.predict_forest(forest, features),
            Some(Classifier::Forest(_)) | None => {
                let (class, confidence) = self.flat.vote_share_with(features, &mut Vec::new())?;
                Ok(Prediction {
                    class,
                    confidence,
                    path: Vec::new(),
                    forest: None,
                    overruled: None,
                })
            }
        }
    }

    fn predict_tree(
        &self,
        tree: &Tree,
        features: &[f64],
        path: bool,
    ) -> Result<Prediction, PredictError> {
        let (passed, leaf) = if path {
            self.flat.path(0, features)?
        } else {
            let leaves = self.flat.leaves(features)?;
            (Vec::new(), leaves[0])
        };
        let (class_counts, class) = tree.leaf(leaf)?;
        Ok(Prediction {
            class,
            confidence: laplace_confidence(class_counts, class),
            path: tree.path_steps(&passed, features),
            forest: None,
            overruled: None,
        })
    }

    fn predict_forest(
        &self,
        forest: &Forest,
        features: &[f64],
    ) -> Result<Prediction, PredictError> {
        let mut votes = Vec::new();
        // (tree, class, leaf confidence)
        let mut leaves = Vec::with_capacity(forest.trees.len());
        for (index, leaf) in self.flat.leaves(features)?.into_iter().enumerate() {
            let (counts, class) = forest.trees[index].tree.leaf(leaf)?;
            count_vote(&mut votes, class);
            leaves.push((index, class, laplace_confidence(counts, class)));
        }
        let class = winner(&votes).ok_or(PredictError::NoTrees)?;
        let mut best: Option<(usize, f64)> = None;
        for &(index, voted, confidence) in &leaves {
            if voted == class && best.is_none_or(|(_, c)| confidence > c) {
                best = Some((index, confidence));
            }
        }
        let Some((tree, _)) = best else {
            return Err(PredictError::NoTrees);
        };
        let (passed, _) = self.flat.path(tree, features)?;
        Ok(Prediction {
            class,
            confidence: votes[class] as f64 / forest.trees.len() as f64,
            path: forest.trees[tree].tree.path_steps(&passed, features),
            forest: Some(ForestVote { votes, tree }),
            overruled: None,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `classifier`'s prediction for `features`, with the decision path.
    pub(crate) fn predict(
        classifier: Classifier,
        features: &[f64],
    ) -> Result<Prediction, PredictError> {
        Predictor::new(&classifier)?.predict(features, true)
    }

    pub(crate) fn predict_tree(tree: &Tree, features: &[f64]) -> Result<Prediction, PredictError> {
        predict(Classifier::Tree(tree.clone()), features)
    }

    pub(crate) fn predict_forest(
        forest: &Forest,
        features: &[f64],
    ) -> Result<Prediction, PredictError> {
        predict(Classifier::Forest(forest.clone()), features)
    }
}
