//! A novelty guard: the range each feature spans over a group of training flows (trimmed to
//! quantiles), for every group — one per class, or several per class (one per kind of flow, so
//! BitTorrent's DHT and its peer wire each get ranges of their own). A flow that a classifier
//! gives to a class, but that lies outside every range of that class on at least `min_outside`
//! features, is far from every flow the class was learned from; the guard then answers its
//! fallback class (`other`) instead.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Per-group feature ranges and the rule that uses them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The class answered for a flow outside the range of the class it was given.
    pub fallback: usize,
    /// How many features must lie outside for the guard to answer `fallback`.
    pub min_outside: usize,
    /// The schema's columns whose ranges are kept and checked (features held constant in
    /// training are left out: their training range says nothing).
    pub features: Vec<usize>,
    /// The class of each group of ranges.
    pub class_of: Vec<usize>,
    /// `low[g][i]`, `high[g][i]`: the range of feature `features[i]` over group `g`'s training
    /// flows (empty for a group without training flows).
    pub low: Vec<Vec<f64>>,
    pub high: Vec<Vec<f64>>,
    /// Out of fold, the share of the flows the guard answered `fallback` for that were of it:
    /// the confidence `classify` gives those answers.
    pub confidence: f64,
}

/// How a guard's ranges are drawn and when it answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GuardParams {
    pub fallback: usize,
    pub min_outside: usize,
    /// The share cut off each end of a group's values.
    pub trim: f64,
}

/// Why a guard read from a model file cannot be used.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum GuardError {
    #[error("its fallback class {0} is not one of the model's classes")]
    Fallback(usize),
    #[error("min_outside must be at least 1")]
    MinOutside,
    #[error("feature {0} is not in the schema, or listed twice")]
    Feature(usize),
    #[error("it has {} groups, but {} low and {} high ranges", .0[0], .0[1], .0[2])]
    Groups([usize; 3]),
    #[error("group {0}'s class is not one of the model's classes")]
    Class(usize),
    #[error("group {0} does not have one low and one high value per feature, low <= high")]
    Range(usize),
    #[error("its confidence {0} is not between 0 and 1")]
    Confidence(f64),
}

impl Envelope {
    /// How many features must lie outside for the guard to answer `class`, when `class` is
    /// what it answers (its `fallback`).
    pub fn min_outside_for(&self, class: usize) -> Option<usize> {
        (self.fallback == class).then_some(self.min_outside)
    }

    /// The ranges of `features` (schema columns of `x`) for every group in `x` (row `i` in
    /// group `groups[i] < class_of.len()`, which belongs to class `class_of[groups[i]]`), each
    /// from the `trim` to the `1 - trim` quantile of the group's values. The confidence is 1
    /// until an out-of-fold measurement sets it.
    pub fn fit(
        x: ArrayView2<f64>,
        groups: &[usize],
        class_of: Vec<usize>,
        features: Vec<usize>,
        params: GuardParams,
    ) -> Envelope {
        let mut low = vec![Vec::new(); class_of.len()];
        let mut high = vec![Vec::new(); class_of.len()];
        for group in 0..class_of.len() {
            let rows: Vec<usize> = (0..x.nrows()).filter(|&r| groups[r] == group).collect();
            if rows.is_empty() {
                continue;
            }
            for &feature in &features {
                let column = x.column(feature);
                let mut values: Vec<f64> = rows.iter().map(|&r| column[r]).collect();
                values.sort_by(f64::total_cmp);
                let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
                low[group].push(at(params.trim));
                high[group].push(at(1.0 - params.trim));
            }
        }
        Envelope {
            fallback: params.fallback,
            min_outside: params.min_outside,
            features,
            class_of,
            low,
            high,
            confidence: 1.0,
        }
    }

    /// The features of `row` (a flow's features in schema order) outside group `group`'s ranges.
    fn outside_group<'a>(
        &'a self,
        group: usize,
        row: &'a [f64],
    ) -> impl Iterator<Item = usize> + 'a {
        let ranges = self.low[group].iter().zip(&self.high[group]);
        self.features
            .iter()
            .zip(ranges)
            .filter(|(&f, (lo, hi))| row[f] < **lo || row[f] > **hi)
            .map(|(&f, _)| f)
    }

    /// The group of `class` that `row` is nearest (fewest features outside), with that count;
    /// `None` for a class without training flows, which is never guarded.
    fn nearest(&self, class: usize, row: &[f64]) -> Option<(usize, usize)> {
        (0..self.class_of.len())
            .filter(|&g| self.class_of[g] == class && !self.low[g].is_empty())
            .map(|g| (g, self.outside_group(g, row).count()))
            .min_by_key(|&(_, count)| count)
    }

    /// How many features of `row` lie outside the ranges of `class`: the fewest over its groups
    /// (0 for a class without training flows).
    pub fn outside(&self, class: usize, row: &[f64]) -> usize {
        self.nearest(class, row).map_or(0, |(_, count)| count)
    }

    /// The rule: when `row` lies outside `class`'s ranges on `min_outside` features or more
    /// (and `class` is not the fallback), the nearest group of `class`, whose ranges it is
    /// outside.
    fn overruling_group(&self, class: usize, row: &[f64]) -> Option<usize> {
        if class == self.fallback {
            return None;
        }
        let (group, count) = self.nearest(class, row)?;
        (count >= self.min_outside).then_some(group)
    }

    /// `class`, or the fallback when the flow lies outside `class`'s range on `min_outside`
    /// features or more.
    pub fn judge(&self, class: usize, row: &[f64]) -> usize {
        match self.overruling_group(class, row) {
            Some(_) => self.fallback,
            None => class,
        }
    }

    /// When the guard overrules `class` for `row`: the features (schema columns) outside the
    /// nearest group of `class`.
    pub fn overrule(&self, class: usize, row: &[f64]) -> Option<Vec<usize>> {
        let group = self.overruling_group(class, row)?;
        Some(self.outside_group(group, row).collect())
    }

    /// Checks a guard read from a file against the model's `classes` and `features` counts.
    pub fn validate(&self, classes: usize, features: usize) -> Result<(), GuardError> {
        if self.fallback >= classes {
            return Err(GuardError::Fallback(self.fallback));
        }
        if self.min_outside == 0 {
            return Err(GuardError::MinOutside);
        }
        let mut seen = vec![false; features];
        for &f in &self.features {
            if f >= features || std::mem::replace(&mut seen[f], true) {
                return Err(GuardError::Feature(f));
            }
        }
        let groups = [self.class_of.len(), self.low.len(), self.high.len()];
        if groups[1] != groups[0] || groups[2] != groups[0] {
            return Err(GuardError::Groups(groups));
        }
        for (group, &class) in self.class_of.iter().enumerate() {
            if class >= classes {
                return Err(GuardError::Class(group));
            }
            let (low, high) = (&self.low[group], &self.high[group]);
            let sized =
                low.len() == high.len() && (low.is_empty() || low.len() == self.features.len());
            let ordered = |(lo, hi): (&f64, &f64)| lo.is_finite() && hi.is_finite() && lo <= hi;
            if !sized || !low.iter().zip(high).all(ordered) {
                return Err(GuardError::Range(group));
            }
        }
        if !(0.0..=1.0).contains(&self.confidence) {
            return Err(GuardError::Confidence(self.confidence));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Class 1 is the fallback.
    fn rule(trim: f64, min_outside: usize) -> GuardParams {
        GuardParams {
            fallback: 1,
            min_outside,
            trim,
        }
    }

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
        let guard = Envelope::fit(x.view(), &labels, vec![0, 1], vec![0, 1], rule(0.0, 2));
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
        let trimmed = Envelope::fit(x.view(), &labels, vec![0, 1], vec![0, 1], rule(0.2, 1));
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
        let guard = Envelope::fit(x.view(), &groups, vec![0, 0, 1], vec![0, 1], rule(0.0, 2));
        assert_eq!(guard.outside(0, &[0.5, 0.5]), 0);
        assert_eq!(guard.outside(0, &[100.5, 100.5]), 0);
        assert_eq!(
            guard.outside(0, &[0.5, 100.5]),
            1,
            "one feature off either group"
        );
        assert_eq!(guard.judge(0, &[50.0, 50.0]), 1);
        // One range over both groups would span [0, 101] and let (50, 50) through.
        let wide = Envelope::fit(
            x.view(),
            &[0, 0, 0, 0, 1],
            vec![0, 1],
            vec![0, 1],
            rule(0.0, 2),
        );
        assert_eq!(wide.judge(0, &[50.0, 50.0]), 0);
    }

    #[test]
    fn only_the_listed_features_are_checked_and_an_overruled_flow_names_them() {
        // Feature 1 was held constant in training (all 0); real flows have any value there.
        let x = array![[0.0, 0.0, 5.0], [4.0, 0.0, 9.0], [50.0, 0.0, 50.0]];
        let labels = [0, 0, 1];
        let guard = Envelope::fit(x.view(), &labels, vec![0, 1], vec![0, 2], rule(0.0, 2));
        assert_eq!(
            guard.outside(0, &[2.0, 123.0, 7.0]),
            0,
            "feature 1 is not checked"
        );
        assert_eq!(guard.overrule(0, &[2.0, 123.0, 7.0]), None);
        assert_eq!(guard.overrule(0, &[9.0, 123.0, 1.0]), Some(vec![0, 2]));
        assert_eq!(
            guard.overrule(1, &[9.0, 123.0, 1.0]),
            None,
            "the fallback stands"
        );
        assert_eq!(guard.validate(2, 3), Ok(()));
    }

    #[test]
    fn a_guard_that_does_not_fit_its_model_is_refused() {
        let x = array![[0.0, 1.0], [2.0, 3.0]];
        let good = Envelope::fit(x.view(), &[0, 1], vec![0, 1], vec![0, 1], rule(0.0, 2));
        assert_eq!(good.validate(2, 2), Ok(()));
        let broken = |edit: fn(&mut Envelope)| {
            let mut guard = good.clone();
            edit(&mut guard);
            guard.validate(2, 2)
        };
        assert_eq!(broken(|g| g.fallback = 2), Err(GuardError::Fallback(2)));
        assert_eq!(broken(|g| g.min_outside = 0), Err(GuardError::MinOutside));
        assert_eq!(
            broken(|g| g.features = vec![0, 0]),
            Err(GuardError::Feature(0))
        );
        assert_eq!(
            broken(|g| g.features = vec![0, 2]),
            Err(GuardError::Feature(2))
        );
        assert_eq!(broken(|g| g.class_of[1] = 5), Err(GuardError::Class(1)));
        assert_eq!(
            broken(|g| g.class_of.push(0)),
            Err(GuardError::Groups([3, 2, 2]))
        );
        assert_eq!(
            broken(|g| g.low[0] = vec![9.0, 9.0]),
            Err(GuardError::Range(0))
        );
        assert_eq!(
            broken(|g| {
                g.high[1].pop();
            }),
            Err(GuardError::Range(1))
        );
        assert_eq!(
            broken(|g| g.confidence = 1.5),
            Err(GuardError::Confidence(1.5))
        );
    }
}
