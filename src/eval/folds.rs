//! Grouped k-fold: captures, not flows, are dealt to folds, so the flows of one capture are
//! never on both sides of a split (they share hosts, timing and content, and would leak).

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Deals the groups to `k` folds (at most one fold per group) and returns each fold's rows.
///
/// Groups are shuffled with `seed`, then sorted by size class, largest first: a size class is a
/// power of two (groups of 32 to 63 rows are one class), so groups of similar size keep their
/// shuffled order and the seed really changes which groups meet in a fold, while the big groups
/// are still dealt before the small ones that even the folds out. Each goes to the fold that, in
/// this order of preference,
/// is still empty, holds the fewest rows of the group's majority class (so each class is
/// spread over the folds), holds the fewest rows, and comes first. The result depends only on
/// the inputs and `seed`. `k = 0` is treated as 1.
pub fn grouped_folds(groups: &[usize], labels: &[usize], k: usize, seed: u64) -> Vec<Vec<usize>> {
    let n_groups = groups.iter().max().map_or(0, |m| m + 1);
    let n_classes = labels.iter().max().map_or(0, |m| m + 1);
    let mut rows_of = vec![Vec::new(); n_groups];
    let mut class_counts = vec![vec![0usize; n_classes]; n_groups];
    for (row, (&group, &label)) in groups.iter().zip(labels).enumerate() {
        rows_of[group].push(row);
        class_counts[group][label] += 1;
    }
    let mut order: Vec<usize> = (0..n_groups).filter(|&g| !rows_of[g].is_empty()).collect();
    let k = k.clamp(1, order.len().max(1));
    order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
    order.sort_by_key(|&g| std::cmp::Reverse(rows_of[g].len().ilog2()));

    let mut folds: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut fold_class_rows = vec![vec![0usize; n_classes]; k];
    for group in order {
        let majority = (0..n_classes)
            .max_by_key(|&c| (class_counts[group][c], std::cmp::Reverse(c)))
            .unwrap_or(0);
        let fold = (0..k)
            .min_by_key(|&f| {
                (
                    !folds[f].is_empty(),
                    fold_class_rows[f].get(majority).copied().unwrap_or(0),
                    folds[f].len(),
                    f,
                )
            })
            .unwrap_or(0);
        folds[fold].extend(&rows_of[group]);
        for (c, count) in class_counts[group].iter().enumerate() {
            fold_class_rows[fold][c] += count;
        }
    }
    for fold in &mut folds {
        fold.sort_unstable();
    }
    folds
}

/// The classes too thin for a `k`-fold grouped cross-validation: those whose flows come from
/// fewer than `k` groups, as `(class, groups)`. Such a class is missing from the test side of some
/// folds and, with a single group, from the training side of the fold that tests it, so the
/// scores say little about unseen data.
pub fn thin_classes(groups: &[usize], labels: &[usize], k: usize) -> Vec<(usize, usize)> {
    let n_classes = labels.iter().max().map_or(0, |m| m + 1);
    let mut groups_of = vec![std::collections::BTreeSet::new(); n_classes];
    for (&group, &label) in groups.iter().zip(labels) {
        groups_of[label].insert(group);
    }
    groups_of
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.is_empty() && g.len() < k)
        .map(|(class, g)| (class, g.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn classes_from_fewer_groups_than_folds_are_thin() {
        // Class 0 in groups 0, 1 and 2; class 1 in group 3 only; class 2 in groups 3 and 4.
        let groups = [0, 0, 1, 2, 3, 3, 3, 4];
        let labels = [0, 0, 0, 0, 1, 1, 2, 2];
        assert_eq!(super::thin_classes(&groups, &labels, 3), [(1, 1), (2, 2)]);
        assert_eq!(super::thin_classes(&groups, &labels, 2), [(1, 1)]);
        assert!(super::thin_classes(&groups, &labels, 1).is_empty());
    }

    use super::*;

    fn groups_and_labels() -> (Vec<usize>, Vec<usize>) {
        // 7 groups of sizes 5, 1, 3, 3, 2, 4, 1; group g has majority class g % 3.
        let sizes = [5, 1, 3, 3, 2, 4, 1];
        let mut groups = Vec::new();
        let mut labels = Vec::new();
        for (g, &size) in sizes.iter().enumerate() {
            for i in 0..size {
                groups.push(g);
                labels.push(if i == 0 && size > 2 {
                    (g + 1) % 3
                } else {
                    g % 3
                });
            }
        }
        (groups, labels)
    }

    #[test]
    fn no_group_is_split_and_every_row_is_tested_once() {
        let (groups, labels) = groups_and_labels();
        for k in [2, 3, 5] {
            let folds = grouped_folds(&groups, &labels, k, 42);
            assert_eq!(folds.len(), k);
            assert!(folds.iter().all(|f| !f.is_empty()));
            let mut all: Vec<usize> = folds.concat();
            all.sort_unstable();
            assert_eq!(all, (0..groups.len()).collect::<Vec<_>>());
            for fold in &folds {
                for &row in fold {
                    let group = groups[row];
                    assert!(
                        (0..groups.len())
                            .filter(|&r| groups[r] == group)
                            .all(|r| fold.contains(&r)),
                        "group {group} split"
                    );
                }
            }
        }
    }

    #[test]
    fn folds_are_balanced_and_reproducible_and_k_is_capped() {
        let (groups, labels) = groups_and_labels();
        let folds = grouped_folds(&groups, &labels, 3, 7);
        // 19 rows: the sizes 5, 4, 3, 3, 2, 1, 1 dealt greedily keep every fold within 5..8 rows.
        let mut sizes: Vec<usize> = folds.iter().map(Vec::len).collect();
        sizes.sort_unstable();
        assert!(sizes[0] >= 5 && sizes[2] <= 8, "{sizes:?}");
        assert_eq!(grouped_folds(&groups, &labels, 3, 7), folds);
        assert_eq!(grouped_folds(&groups, &labels, 50, 7).len(), 7);
        assert_eq!(
            grouped_folds(&[0, 0, 0], &[0, 1, 0], 5, 1),
            vec![vec![0, 1, 2]]
        );
    }

    #[test]
    fn the_seed_changes_which_groups_share_a_fold() {
        // 40 groups of distinct sizes 10..49: with sizes alone deciding the order, every seed
        // would deal the same folds.
        let mut groups = Vec::new();
        for g in 0..40 {
            groups.extend(std::iter::repeat_n(g, 10 + g));
        }
        let labels: Vec<usize> = groups.iter().map(|g| g % 3).collect();
        let layouts: std::collections::BTreeSet<Vec<Vec<usize>>> = (0..5)
            .map(|seed| grouped_folds(&groups, &labels, 5, seed * 1000 + 1))
            .collect();
        assert_eq!(layouts.len(), 5);
    }
}
