//! A distance-based novelty measure, the candidate beside the range guard
//! ([`Envelope`](crate::model::Envelope)): how unlike a flow is to every training flow of the
//! class a classifier gave it.
//!
//! Each feature is read as its rank among the training flows (piecewise linear between
//! [`QUANTILES`] quantiles, scaled to a byte), so every feature weighs the same whatever its
//! unit, and flows are compared by the sum of their rank differences. For every training flow of
//! a class, its *reach* is the distance to its nearest training flow of the same class from
//! another scenario: how far a flow of the class can lie from the rest when its own recording is
//! not there. A flow's novelty for a class is the share of that class's reaches shorter than its
//! distance to the nearest training flow of the class; a guard at `q` answers `other` for a flow
//! whose novelty exceeds `q`.

use rayon::prelude::*;

use crate::dataset::LabeledSet;

/// Quantiles kept per feature: every half percent.
pub const QUANTILES: usize = 201;

/// Training flows of each class as ranks, and their reaches.
#[derive(Debug, Clone)]
pub struct Neighbours {
    /// The schema columns compared: those that vary over the training flows.
    columns: Vec<usize>,
    /// Per compared column, its distinct quantiles over the training flows, ascending.
    grid: Vec<Vec<f64>>,
    /// Per class, its training flows' ranks, `columns.len()` bytes a flow, one after another.
    ranks: Vec<Vec<u8>>,
    /// Per class, its training flows' reaches, ascending (empty for a class not measured).
    reaches: Vec<Vec<u32>>,
}

impl Neighbours {
    /// Fits on the set's `rows`, for every class but `skip` (the class a guard answers).
    pub fn fit(set: &LabeledSet, rows: &[usize], skip: usize) -> Neighbours {
        let (columns, grid): (Vec<usize>, Vec<Vec<f64>>) = (0..set.features.ncols())
            .map(|c| (c, quantiles(rows.iter().map(|&r| set.features[[r, c]]))))
            .filter(|(_, grid)| grid.len() > 1)
            .unzip();
        let mut neighbours = Neighbours {
            columns,
            grid,
            ranks: vec![Vec::new(); set.class_names.len()],
            reaches: vec![Vec::new(); set.class_names.len()],
        };
        let recordings = set.recordings();
        for class in (0..set.class_names.len()).filter(|&c| c != skip) {
            let members: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&r| set.labels[r] == class)
                .collect();
            let ranks: Vec<u8> = members
                .iter()
                .flat_map(|&r| neighbours.ranks_of(&set.features.row(r).to_vec()))
                .collect();
            let width = neighbours.columns.len().max(1);
            let mut reaches: Vec<u32> = members
                .par_iter()
                .enumerate()
                .filter_map(|(i, &r)| {
                    let own = &ranks[i * width..(i + 1) * width];
                    nearest(
                        &ranks,
                        width,
                        own,
                        members.iter().map(|&m| recordings[m] != recordings[r]),
                    )
                })
                .collect();
            reaches.sort_unstable();
            neighbours.ranks[class] = ranks;
            neighbours.reaches[class] = reaches;
        }
        neighbours
    }

    /// The flow's novelty for `class` (its features in schema order), between 0 and 1; 0 for a
    /// class without reaches.
    pub fn novelty(&self, class: usize, features: &[f64]) -> f64 {
        let reaches = &self.reaches[class];
        if reaches.is_empty() {
            return 0.0;
        }
        let own = self.ranks_of(features);
        let width = self.columns.len().max(1);
        let distance =
            nearest(&self.ranks[class], width, &own, std::iter::repeat(true)).unwrap_or(u32::MAX);
        reaches.partition_point(|&reach| reach < distance) as f64 / reaches.len() as f64
    }

    /// The flow's rank on each compared column.
    fn ranks_of(&self, features: &[f64]) -> Vec<u8> {
        self.columns
            .iter()
            .zip(&self.grid)
            .map(|(&c, grid)| rank(grid, features[c]))
            .collect()
    }
}

/// The distinct values at every `1 / (QUANTILES - 1)` quantile of `values`.
fn quantiles(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut values: Vec<f64> = values.collect();
    if values.is_empty() {
        return Vec::new();
    }
    values.sort_by(f64::total_cmp);
    let last = (values.len() - 1) as f64;
    let mut grid: Vec<f64> = (0..QUANTILES)
        .map(|q| values[(last * q as f64 / (QUANTILES - 1) as f64).round() as usize])
        .collect();
    grid.dedup();
    grid
}

/// Where `value` lies on `grid` (at least two values), linearly between the quantiles around
/// it, from 0 at the first to 255 at the last; values beyond the grid take its ends.
fn rank(grid: &[f64], value: f64) -> u8 {
    let above = grid.partition_point(|&g| g <= value);
    let position = match above {
        0 => 0.0,
        n if n == grid.len() => (grid.len() - 1) as f64,
        n => (n - 1) as f64 + (value - grid[n - 1]) / (grid[n] - grid[n - 1]),
    };
    (position / (grid.len() - 1) as f64 * 255.0).round() as u8
}

/// The smallest distance from `own` to a row of `ranks` (`width` bytes each) that `eligible`
/// lets in, if any is.
fn nearest(
    ranks: &[u8],
    width: usize,
    own: &[u8],
    eligible: impl Iterator<Item = bool>,
) -> Option<u32> {
    let mut best: Option<u32> = None;
    for (row, eligible) in ranks.chunks_exact(width).zip(eligible) {
        if !eligible {
            continue;
        }
        let bound = best.unwrap_or(u32::MAX);
        if let Some(distance) = distance_within(row, own, bound) {
            best = Some(distance);
        }
    }
    best
}

/// The sum of rank differences between `a` and `b`, if it is below `bound`: the sum is taken in
/// blocks of 16 bytes and given up once it reaches `bound`.
fn distance_within(a: &[u8], b: &[u8], bound: u32) -> Option<u32> {
    let mut sum = 0u32;
    for (x, y) in a.chunks(16).zip(b.chunks(16)) {
        sum += x
            .iter()
            .zip(y)
            .map(|(&p, &q)| u32::from(p.abs_diff(q)))
            .sum::<u32>();
        if sum >= bound {
            return None;
        }
    }
    Some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::guard::tests::flow;

    #[test]
    fn ranks_run_from_0_to_255_along_the_quantiles() {
        let grid = quantiles([4.0, 0.0, 2.0, 2.0, 1.0].into_iter());
        assert_eq!(grid, [0.0, 1.0, 2.0, 4.0]);
        assert_eq!(rank(&grid, -3.0), 0);
        assert_eq!(rank(&grid, 0.0), 0);
        assert_eq!(rank(&grid, 1.0), 85);
        assert_eq!(rank(&grid, 3.0), 213, "halfway from 2 (170) to 4 (255)");
        assert_eq!(rank(&grid, 4.0), 255);
        assert_eq!(rank(&grid, 9.0), 255);
        assert_eq!(
            distance_within(&[0, 10, 200], &[5, 0, 255], u32::MAX),
            Some(70)
        );
        assert_eq!(distance_within(&[0; 40], &[1; 40], 20), None);
    }

    #[test]
    fn a_flow_between_the_clusters_of_a_class_is_novel_and_one_inside_a_cluster_is_not() {
        // Bittorrent in two tight clusters, each recorded in three scenarios; other spread
        // wide (it is the skipped class). Feature 1 is the same everywhere and is not compared.
        let mut flows = Vec::new();
        for s in 0..3 {
            for d in [0.0, 0.1, 0.2] {
                flows.push(flow(
                    &format!("a{s}"),
                    "bittorrent",
                    [d + s as f64 * 0.05, 7.0],
                ));
                flows.push(flow(&format!("b{s}"), "bittorrent", [50.0 + d, 7.0]));
            }
        }
        for x in 0..20 {
            flows.push(flow("o", "other", [f64::from(x) * 5.0, 7.0]));
        }
        let set = LabeledSet::from_flows(flows, 2).unwrap();
        let bt = set.class_index("bittorrent").unwrap();
        let other = set.class_index("other").unwrap();
        let rows: Vec<usize> = (0..set.len()).collect();
        let neighbours = Neighbours::fit(&set, &rows, other);
        assert_eq!(neighbours.columns, [0]);
        assert_eq!(neighbours.reaches[bt].len(), 18);
        assert!(neighbours.reaches[other].is_empty());
        assert_eq!(neighbours.novelty(bt, &[0.1, 7.0]), 0.0);
        assert_eq!(neighbours.novelty(bt, &[50.1, 7.0]), 0.0);
        assert_eq!(neighbours.novelty(bt, &[25.0, 7.0]), 1.0);
        assert_eq!(
            neighbours.novelty(other, &[25.0, 7.0]),
            0.0,
            "never for the skipped class"
        );
        // Feature 1 is not compared, so a flow that differs only there is not novel.
        assert_eq!(neighbours.novelty(bt, &[0.1, -100.0]), 0.0);
    }

    #[test]
    fn a_reach_skips_flows_of_the_same_scenario() {
        // Two scenarios of one class, with other's flows between them: each flow's reach is the
        // distance to the other scenario, however near its own scenario's flows lie.
        let mut flows = Vec::new();
        for d in [0.0, 0.01, 0.02] {
            flows.push(flow("near", "bittorrent", [d, 0.0]));
            flows.push(flow("far", "bittorrent", [100.0 + d, 0.0]));
        }
        for x in 1..20 {
            flows.push(flow("o", "other", [f64::from(x) * 5.0, 0.0]));
        }
        let set = LabeledSet::from_flows(flows, 2).unwrap();
        let bt = set.class_index("bittorrent").unwrap();
        let rows: Vec<usize> = (0..set.len()).collect();
        let neighbours = Neighbours::fit(&set, &rows, set.class_index("other").unwrap());
        let reaches = &neighbours.reaches[bt];
        assert_eq!(reaches.len(), 6);
        // Neighbours in their own scenario lie 10 apart (a 25th of the ranks each), the other
        // scenario beyond the 19 flows of other.
        assert!(reaches.iter().all(|&r| r > 150), "{reaches:?}");
    }
}
