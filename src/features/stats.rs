//! Running statistics in O(1) memory: count, min, max, mean and standard deviation by
//! Welford's method.

/// Count, min, max, mean and variance of a stream of numbers, kept in constant space.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunningStats {
    count: u64,
    mean: f64,
    sum_sq_dev: f64,
    min: f64,
    max: f64,
}

impl RunningStats {
    pub fn push(&mut self, value: f64) {
        self.count += 1;
        if self.count == 1 {
            self.min = value;
            self.max = value;
        } else {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
        let delta = value - self.mean;
        self.mean += delta / self.count as f64;
        self.sum_sq_dev += delta * (value - self.mean);
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// Smallest value, or 0 when nothing was pushed.
    pub fn min(&self) -> f64 {
        self.min
    }

    /// Largest value, or 0 when nothing was pushed.
    pub fn max(&self) -> f64 {
        self.max
    }

    /// Mean, or 0 when nothing was pushed.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Population standard deviation, or 0 for fewer than two values.
    pub fn std_dev(&self) -> f64 {
        if self.count < 2 {
            0.0
        } else {
            (self.sum_sq_dev / self.count as f64).max(0.0).sqrt()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn direct(values: &[f64]) -> (f64, f64, f64, f64) {
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        let min = values.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        (min, max, mean, var.sqrt())
    }

    #[test]
    fn matches_the_textbook_formulas_on_a_worked_example() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population std 2 (the classic worked example).
        let mut stats = RunningStats::default();
        for v in [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0] {
            stats.push(v);
        }
        assert_eq!(stats.count(), 8);
        assert_eq!(stats.mean(), 5.0);
        assert!((stats.std_dev() - 2.0).abs() < 1e-12);
        assert_eq!((stats.min(), stats.max()), (2.0, 9.0));
    }

    #[test]
    fn empty_and_single_values_are_finite() {
        let empty = RunningStats::default();
        assert_eq!(
            (empty.min(), empty.max(), empty.mean(), empty.std_dev()),
            (0.0, 0.0, 0.0, 0.0)
        );
        let mut one = RunningStats::default();
        one.push(-3.5);
        assert_eq!(
            (one.min(), one.max(), one.mean(), one.std_dev()),
            (-3.5, -3.5, -3.5, 0.0)
        );
    }

    proptest::proptest! {
        #[test]
        fn any_values_pushed_match_a_direct_computation(
            values in proptest::collection::vec(-1.0e6f64..1.0e6, 1..200),
        ) {
            let mut stats = RunningStats::default();
            values.iter().for_each(|v| stats.push(*v));
            let (min, max, mean, std) = direct(&values);
            proptest::prop_assert_eq!(stats.count(), values.len() as u64);
            proptest::prop_assert_eq!((stats.min(), stats.max()), (min, max));
            proptest::prop_assert!((stats.mean() - mean).abs() <= 1e-6 * (1.0 + mean.abs()));
            proptest::prop_assert!((stats.std_dev() - std).abs() <= 1e-6 * (1.0 + std));
        }
    }
}
