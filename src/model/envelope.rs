//! A novelty guard: for every class, the range each feature spans over the class's training
//! flows (trimmed to quantiles). A flow that a classifier gives to a class, but that lies outside
//! that class's range on at least `min_outside` features, is far from every flow the class was
//! learned from; the guard then answers its fallback class (`other`) instead.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

/// Per-class feature ranges and the rule that uses them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The class answered for a flow outside the range of the class it was given.
    pub fallback: usize,
    /// How many features must lie outside for the guard to answer `fallback`.
    pub min_outside: usize,
    /// `low[c][f]`, `high[c][f]`: the range of feature `f` over class `c`'s training flows
    /// (empty for a class without training flows, which is never guarded).
    pub low: Vec<Vec<f64>>,
    pub high: Vec<Vec<f64>>,
}

impl Envelope {
    /// The ranges of every class in `x` (rows labelled `labels[i] < n_classes`), each from the
    /// `trim` to the `1 - trim` quantile of the class's values.
    pub fn fit(
        x: ArrayView2<f64>,
        labels: &[usize],
        n_classes: usize,
        trim: f64,
        fallback: usize,
        min_outside: usize,
    ) -> Envelope {
        let mut low = vec![Vec::new(); n_classes];
        let mut high = vec![Vec::new(); n_classes];
        for class in 0..n_classes {
            let rows: Vec<usize> = (0..x.nrows()).filter(|&r| labels[r] == class).collect();
            if rows.is_empty() {
                continue;
            }
            for column in x.columns() {
                let mut values: Vec<f64> = rows.iter().map(|&r| column[r]).collect();
                values.sort_by(f64::total_cmp);
                let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
                low[class].push(at(trim));
                high[class].push(at(1.0 - trim));
            }
        }
        Envelope {
            fallback,
            min_outside,
            low,
            high,
        }
    }

    /// How many of `features` lie outside the range of `class`.
    pub fn outside(&self, class: usize, features: &[f64]) -> usize {
        let (low, high) = (&self.low[class], &self.high[class]);
        features
            .iter()
            .zip(low.iter().zip(high))
            .filter(|(v, (lo, hi))| *v < lo || *v > hi)
            .count()
    }

    /// `class`, or the fallback when the flow lies outside `class`'s range on `min_outside`
    /// features or more.
    pub fn judge(&self, class: usize, features: &[f64]) -> usize {
        if class != self.fallback
            && !self.low[class].is_empty()
            && self.outside(class, features) >= self.min_outside
        {
            self.fallback
        } else {
            class
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn a_flow_far_from_its_class_is_given_the_fallback() {
        // Class 0 spans feature 0 in [0, 4] and feature 1 in [10, 14]; class 1 is the fallback.
        let x = array![
            [0.0, 10.0],
            [1.0, 11.0],
            [2.0, 12.0],
            [3.0, 13.0],
            [4.0, 14.0],
            [50.0, 50.0]
        ];
        let labels = [0, 0, 0, 0, 0, 1];
        let guard = Envelope::fit(x.view(), &labels, 2, 0.0, 1, 2);
        assert_eq!(
            (guard.low[0].clone(), guard.high[0].clone()),
            (vec![0.0, 10.0], vec![4.0, 14.0])
        );
        assert_eq!(guard.outside(0, &[2.0, 12.0]), 0);
        assert_eq!(guard.outside(0, &[9.0, 12.0]), 1);
        assert_eq!(
            guard.judge(0, &[9.0, 12.0]),
            0,
            "one feature out is not enough"
        );
        assert_eq!(guard.judge(0, &[9.0, 99.0]), 1);
        assert_eq!(
            guard.judge(1, &[9.0, 99.0]),
            1,
            "the fallback class is never guarded"
        );
        // Trimming a fifth off each end narrows class 0 to [1, 3] on feature 0.
        let trimmed = Envelope::fit(x.view(), &labels, 2, 0.2, 1, 1);
        assert_eq!(trimmed.low[0][0], 1.0);
        assert_eq!(trimmed.high[0][0], 3.0);
    }
}
