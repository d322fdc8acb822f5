//! flowclass in linfa's terms: a [`LabeledSet`] becomes a `linfa::Dataset` with feature names,
//! flowclass's tree and forest settings are linfa [`Fit`] algorithms, and the fitted
//! [`Classifier`] predicts through linfa's [`PredictInplace`] (and so every form of linfa's
//! `Predict`). Flow features can then go to any linfa model, and flowclass's deterministic trees
//! compose with linfa's tools.

use linfa::dataset::DatasetBase;
use linfa::traits::{Fit, PredictInplace};
use linfa::Dataset;
use ndarray::{Array1, ArrayBase, Data, Ix1, Ix2};
use thiserror::Error;

use crate::dataset::LabeledSet;
use crate::model::{Algorithm, Classifier, FitError, ParamsError, TreeParams};

/// Why fitting through linfa's trait failed.
#[derive(Debug, Error)]
pub enum LinfaFitError {
    #[error(transparent)]
    Params(#[from] ParamsError),
    #[error(transparent)]
    Fit(#[from] FitError),
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
}

impl LabeledSet {
    /// The flows as a linfa dataset: one record per flow, its class index (into `class_names`)
    /// as the target, columns named by `feature_names` (e.g. a schema's `names`).
    pub fn to_linfa(&self, feature_names: &[String]) -> Dataset<f64, usize, Ix1> {
        Dataset::new(self.features.clone(), Array1::from(self.labels.clone()))
            .with_feature_names(feature_names.to_vec())
    }
}

impl<D: Data<Elem = f64>> Fit<ArrayBase<D, Ix2>, Array1<usize>, LinfaFitError> for Algorithm {
    type Object = Classifier;

    /// Grows the tree or forest on the dataset; the classes are the targets' values `0..=max`.
    fn fit(
        &self,
        dataset: &DatasetBase<ArrayBase<D, Ix2>, Array1<usize>>,
    ) -> Result<Classifier, LinfaFitError> {
        self.validate()?;
        let labels = dataset.targets().to_vec();
        let n_classes = labels.iter().max().map_or(0, |&m| m + 1);
        let records = dataset.records();
        let names: Vec<String> = match dataset.feature_names() {
            names if names.len() == records.ncols() => names.to_vec(),
            _ => (0..records.ncols())
                .map(|i| format!("feature_{i}"))
                .collect(),
        };
        Ok(Classifier::fit(
            self,
            records.view(),
            &labels,
            n_classes,
            &names,
        )?)
    }
}

impl<D: Data<Elem = f64>> Fit<ArrayBase<D, Ix2>, Array1<usize>, LinfaFitError> for TreeParams {
    type Object = Classifier;

    fn fit(
        &self,
        dataset: &DatasetBase<ArrayBase<D, Ix2>, Array1<usize>>,
    ) -> Result<Classifier, LinfaFitError> {
        Algorithm::Tree { tree: *self }.fit(dataset)
    }
}

impl<D: Data<Elem = f64>> PredictInplace<ArrayBase<D, Ix2>, Array1<usize>> for Classifier {
    /// The class of every row. Panics, as linfa's models do, when the rows do not have the
    /// features the classifier was fitted on or `y` is not one slot per row.
    fn predict_inplace(&self, x: &ArrayBase<D, Ix2>, y: &mut Array1<usize>) {
        assert_eq!(x.nrows(), y.len(), "one target slot per record");
        let predicted = self
            .flatten()
            .and_then(|flat| flat.predict_rows(x.view()))
            .unwrap_or_else(|e| panic!("{e}"));
        y.iter_mut().zip(predicted).for_each(|(slot, p)| *slot = p);
    }

    fn default_target(&self, x: &ArrayBase<D, Ix2>) -> Array1<usize> {
        Array1::zeros(x.nrows())
    }
}

#[cfg(test)]
mod tests {
    use linfa::traits::Predict;

    use super::*;
    use crate::eval::cv::tests::separable_set;
    use crate::model::ForestParams;

    #[test]
    fn a_forest_fitted_through_linfa_is_the_one_flowclass_fits() {
        let set = separable_set();
        let names = vec!["separating".to_string(), "noise".to_string()];
        let dataset = set.to_linfa(&names);
        assert_eq!(dataset.feature_names(), names);
        assert_eq!(dataset.targets().to_vec(), set.labels);
        let forest = Algorithm::Forest {
            tree: TreeParams::default(),
            forest: ForestParams::default(),
        };
        let through_linfa = forest.fit(&dataset).unwrap();
        let direct = Classifier::fit(&forest, set.features.view(), &set.labels, 3, &names).unwrap();
        assert_eq!(through_linfa, direct);
        let predicted: Array1<usize> = Predict::predict(&through_linfa, dataset.records());
        assert_eq!(
            predicted.to_vec(),
            set.labels,
            "the classes separate on feature 0"
        );
    }

    #[test]
    fn bad_settings_are_an_error_not_a_panic() {
        let set = separable_set();
        let tree = TreeParams {
            min_samples_leaf: 0,
            ..TreeParams::default()
        };
        let err = tree.fit(&set.to_linfa(&[])).unwrap_err();
        assert!(matches!(err, LinfaFitError::Params(_)), "{err}");
    }
}
