//! A novelty guard: the range each feature spans over a group of training flows (trimmed to
//! quantiles), for every group — one per class, or several per class (one per kind of flow, so
//! BitTorrent's DHT and its peer wire each get ranges of their own). A flow that a classifier
//! gives to a class, but that lies outside every range of that class on at least `min_outside`
//! features, is far from every flow the class was learned from; the guard then answers its
//! fallback class (`other`) instead.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

/// Per-group feature ranges and the rule that uses them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The class answered for a flow outside the range of the class it was given.
    pub fallback: usize,
    /// How many features must lie outside for the guard to answer `fallback`.
    pub min_outside: usize,
    /// The class of each group of ranges.
    pub class_of: Vec<usize>,
    /// `low[g][f]`, `high[g][f]`: the range of feature `f` over group `g`'s training flows
    /// (empty for a group without training flows).
    pub low: Vec<Vec<f64>>,
    pub high: Vec<Vec<f64>>,
}

impl Envelope {
    /// The ranges of every group in `x` (row `i` in group `groups[i] < class_of.len()`, which
    /// belongs to class `class_of[groups[i]]`), each from the `trim` to the `1 - trim` quantile
    /// of the group's values.
    pub fn fit(
        x: ArrayView2<f64>,
        groups: &[usize],
        class_of: Vec<usize>,
        trim: f64,
        fallback: usize,
        min_outside: usize,
    ) -> Envelope {
        let mut low = vec![Vec::new(); class_of.len()];
        let mut high = vec![Vec::new(); class_of.len()];
        for group in 0..class_of.len() {
            let rows: Vec<usize> = (0..x.nrows()).filter(|&r| groups[r] == group).collect();
            if rows.is_empty() {
                continue;
            }
            for column in x.columns() {
                let mut values: Vec<f64> = rows.iter().map(|&r| column[r]).collect();
                values.sort_by(f64::total_cmp);
                let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
                low[group].push(at(trim));
                high[group].push(at(1.0 - trim));
            }
        }
        Envelope {
            fallback,
            min_outside,
            class_of,
            low,
            high,
        }
    }

    /// How many of `features` lie outside the ranges of `class`: the fewest over its groups
    /// (0 for a class without training flows, which is never guarded).
    pub fn outside(&self, class: usize, features: &[f64]) -> usize {
        (0..self.class_of.len())
            .filter(|&g| self.class_of[g] == class && !self.low[g].is_empty())
            .map(|g| {
                features
                    .iter()
                    .zip(self.low[g].iter().zip(&self.high[g]))
                    .filter(|(v, (lo, hi))| *v < lo || *v > hi)
                    .count()
            })
            .min()
            .unwrap_or(0)
    }

    /// `class`, or the fallback when the flow lies outside `class`'s range on `min_outside`
    /// features or more.
    pub fn judge(&self, class: usize, features: &[f64]) -> usize {
        if class != self.fallback && self.outside(class, features) >= self.min_outside {
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
        let guard = Envelope::fit(x.view(), &labels, vec![0, 1], 0.0, 1, 2);
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
        let trimmed = Envelope::fit(x.view(), &labels, vec![0, 1], 0.2, 1, 1);
        assert_eq!(trimmed.low[0][0], 1.0);
        assert_eq!(trimmed.high[0][0], 3.0);
    }

    #[test]
    fn a_class_with_several_groups_takes_the_nearest_one() {
        // Class 0 has two groups, around (0, 0) and around (100, 100); class 1 is the fallback.
        let x = array![
            [0.0, 0.0],
            [1.0, 1.0],
            [100.0, 100.0],
            [101.0, 101.0],
            [50.0, 50.0]
        ];
        let groups = [0, 0, 1, 1, 2];
        let guard = Envelope::fit(x.view(), &groups, vec![0, 0, 1], 0.0, 1, 2);
        assert_eq!(guard.outside(0, &[0.5, 0.5]), 0);
        assert_eq!(guard.outside(0, &[100.5, 100.5]), 0);
        assert_eq!(
            guard.outside(0, &[0.5, 100.5]),
            1,
            "one feature off either group"
        );
        assert_eq!(guard.judge(0, &[50.0, 50.0]), 1);
        // One range over both groups would span [0, 101] and let (50, 50) through.
        let wide = Envelope::fit(x.view(), &[0, 0, 0, 0, 1], vec![0, 1], 0.0, 1, 2);
        assert_eq!(wide.judge(0, &[50.0, 50.0]), 0);
    }
}
