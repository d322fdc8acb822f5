//! Running statistics in O(1) memory, kept as small as an open flow needs: the caller owns the
//! count (a flow counts its packets anyway), and the extremes stay in the values' own integer
//! type. Means and deviations follow Welford's method step by step, so a value's statistics do
//! not depend on how they are stored.

/// Mean and population variance of a stream by Welford's method. The caller counts the values.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Welford {
    mean: f64,
    sum_sq_dev: f64,
}

impl Welford {
    /// Adds `value`, the `count`-th value of the stream (1 for the first).
    pub fn push(&mut self, value: f64, count: u32) {
        let delta = value - self.mean;
        self.mean += delta / f64::from(count);
        self.sum_sq_dev += delta * (value - self.mean);
    }

    /// Mean, or 0 when nothing was pushed.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Population standard deviation of `count` values, or 0 for fewer than two.
    pub fn std_dev(&self, count: u32) -> f64 {
        if count < 2 {
            0.0
        } else {
            (self.sum_sq_dev / f64::from(count)).max(0.0).sqrt()
        }
    }
}

/// A running mean alone (Welford's update without the variance).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunningMean(f64);

impl RunningMean {
    /// Adds `value`, the `count`-th value of the stream (1 for the first).
    pub fn push(&mut self, value: f64, count: u32) {
        let delta = value - self.0;
        self.0 += delta / f64::from(count);
    }

    pub fn get(&self) -> f64 {
        self.0
    }
}

/// Smallest and largest of a stream of integers; both 0 when it is empty.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Extremes<T> {
    min: T,
    max: T,
}

impl<T: Copy + Ord> Extremes<T> {
    /// Adds `value`; `first` says it is the stream's first value.
    pub fn push(&mut self, value: T, first: bool) {
        if first {
            self.min = value;
            self.max = value;
        } else {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
    }

    pub fn min(&self) -> T {
        self.min
    }

    pub fn max(&self) -> T {
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mean and population standard deviation by the textbook two-pass formulas.
    fn direct(values: &[f64]) -> (f64, f64) {
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        (mean, var.sqrt())
    }

    #[test]
    fn matches_the_textbook_formulas_on_a_worked_example() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population std 2 (the classic worked example).
        let (mut stats, mut mean, mut extremes) = (
            Welford::default(),
            RunningMean::default(),
            Extremes::default(),
        );
        for (i, v) in [2u32, 4, 4, 4, 5, 5, 7, 9].into_iter().enumerate() {
            let count = i as u32 + 1;
            stats.push(f64::from(v), count);
            mean.push(f64::from(v), count);
            extremes.push(v, count == 1);
        }
        assert_eq!((stats.mean(), mean.get()), (5.0, 5.0));
        assert!((stats.std_dev(8) - 2.0).abs() < 1e-12);
        assert_eq!((extremes.min(), extremes.max()), (2, 9));
    }

    #[test]
    fn empty_and_single_values_are_finite() {
        let empty = Welford::default();
        assert_eq!((empty.mean(), empty.std_dev(0)), (0.0, 0.0));
        assert_eq!(Extremes::<u64>::default().max(), 0);
        let mut one = Welford::default();
        one.push(-3.5, 1);
        assert_eq!((one.mean(), one.std_dev(1)), (-3.5, 0.0));
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_a_direct_computation(values in proptest::collection::vec(-1.0e6f64..1.0e6, 1..200)) {
            let mut stats = Welford::default();
            let mut mean = RunningMean::default();
            for (i, v) in values.iter().enumerate() {
                stats.push(*v, i as u32 + 1);
                mean.push(*v, i as u32 + 1);
            }
            let (expected_mean, expected_std) = direct(&values);
            proptest::prop_assert_eq!(stats.mean(), mean.get());
            proptest::prop_assert!((stats.mean() - expected_mean).abs() <= 1e-6 * (1.0 + expected_mean.abs()));
            let std = stats.std_dev(values.len() as u32);
            proptest::prop_assert!((std - expected_std).abs() <= 1e-6 * (1.0 + expected_std));
        }
    }
}
