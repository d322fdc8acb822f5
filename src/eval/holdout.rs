//! Leave-one-kind-out: what a model makes of a sort of traffic it has never seen. For each kind
//! of one class (each protocol of `other`), a model is trained without every scenario that holds
//! that kind, then predicts that kind's flows. The share it still calls by their class is what
//! a user can expect on a protocol the training data does not have.
//!
//! It also measures a novelty guard ([`Envelope`](crate::model::Envelope)) on the same models:
//! how many features of each held-out flow lie outside the range of the class it was given, so
//! the share the guard would send back to the held-out class can be read for any threshold
//! ([`HeldOutKind::share_guarded`]), and, when asked, each such flow's novelty by its nearest
//! neighbours ([`Neighbours`], [`HeldOutKind::share_novel`]); [`super::guard`] measures what
//! either costs on flows of known kinds.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::cv::{fit_rows, EvalError};
use super::guard::{envelopes, GuardShape};
use super::neighbours::Neighbours;
use crate::dataset::LabeledSet;
use crate::model::Algorithm;

/// How the flows of one held-out kind were labelled.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldOutKind {
    pub kind: String,
    /// Scenarios (or, without a scenario, captures) left out of training with it.
    pub scenarios: usize,
    /// Flows of the kind, each predicted once.
    pub flows: u64,
    /// Flows predicted as each class, in the order of the set's `class_names`.
    pub predicted: Vec<u64>,
    /// For each flow given another class than the held-out one, per guard shape (in the order
    /// of the `shapes` asked for): its features outside that class's ranges.
    pub outside: Vec<Vec<usize>>,
    /// For the same flows, in the same order, their [`Neighbours::novelty`] for the class they
    /// were given; empty unless asked for.
    pub novelty: Vec<f64>,
}

impl HeldOutKind {
    /// The share of the kind's flows predicted as `class`.
    pub fn share(&self, class: usize) -> f64 {
        self.predicted[class] as f64 / self.flows.max(1) as f64
    }

    /// The share kept in `class` (the held-out one) by a model whose guard answers it at
    /// `guard_min_outside` features, measured with [`GuardShape::MODEL`] as the first shape;
    /// without such a guard, the share the classifier gave it.
    pub fn share_kept(&self, class: usize, guard_min_outside: Option<usize>) -> f64 {
        match guard_min_outside {
            Some(min_outside) => self.share_guarded(class, 0, min_outside),
            None => self.share(class),
        }
    }

    /// The share predicted as `class` (the held-out one) once a guard of the `shape`-th shape
    /// and threshold `min_outside` sends flows outside their class's ranges to it.
    pub fn share_guarded(&self, class: usize, shape: usize, min_outside: usize) -> f64 {
        let caught = self
            .outside
            .iter()
            .filter(|o| o[shape] >= min_outside)
            .count() as u64;
        (self.predicted[class] + caught) as f64 / self.flows.max(1) as f64
    }

    /// The share predicted as `class` (the held-out one) once a guard sends it the flows of
    /// novelty above `q`, and, with `ranges` (a shape and its `min_outside`), also the flows
    /// outside that many of their class's ranges.
    pub fn share_novel(&self, class: usize, q: f64, ranges: Option<(usize, usize)>) -> f64 {
        let novel = |i: usize| self.novelty.get(i).is_some_and(|&novelty| novelty > q);
        let outside = |i: usize| ranges.is_some_and(|(shape, m)| self.outside[i][shape] >= m);
        let caught = (0..self.outside.len())
            .filter(|&i| novel(i) || outside(i))
            .count() as u64;
        (self.predicted[class] + caught) as f64 / self.flows.max(1) as f64
    }
}

/// Holds out each kind of `class` in turn (kinds in sorted order, trained in parallel); the
/// guard's ranges are measured in each of `shapes`, and with `neighbours` the flows' novelty
/// too.
pub fn leave_each_kind_out(
    set: &LabeledSet,
    algorithm: impl Into<Algorithm>,
    class: usize,
    shapes: &[GuardShape],
    neighbours: bool,
) -> Result<Vec<HeldOutKind>, EvalError> {
    let algorithm = algorithm.into();
    algorithm.validate()?;
    let recordings = set.recordings();
    let kind_of = |row: usize| {
        set.kinds[row]
            .as_deref()
            .filter(|_| set.labels[row] == class)
    };
    let kinds: Vec<&str> = (0..set.len())
        .filter_map(kind_of)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    kinds
        .into_par_iter()
        .enumerate()
        .map(|(fold, kind)| {
            let tested: Vec<usize> = (0..set.len())
                .filter(|&r| kind_of(r) == Some(kind))
                .collect();
            let left_out: BTreeSet<usize> = tested.iter().map(|&r| recordings[r]).collect();
            let train: Vec<usize> = (0..set.len())
                .filter(|&r| !left_out.contains(&recordings[r]))
                .collect();
            let model = fit_rows(set, &algorithm, &train)
                .map_err(|source| EvalError::Fit { fold, source })?;
            let guards = envelopes(set, &train, shapes);
            let nearest = neighbours.then(|| Neighbours::fit(set, &train, class));
            let flat = model
                .flatten()
                .map_err(|source| EvalError::Predict { fold, source })?;
            let (mut predicted, mut votes) = (vec![0u64; set.class_names.len()], Vec::new());
            let (mut outside, mut novelty) = (Vec::new(), Vec::new());
            for &row in &tested {
                let features = set.features.row(row).to_vec();
                let p = flat
                    .predict_class_with(&features, &mut votes)
                    .map_err(|source| EvalError::Predict { fold, source })?;
                predicted[p] += 1;
                if p != class {
                    outside.push(guards.iter().map(|g| g.outside(p, &features)).collect());
                    novelty.extend(nearest.as_ref().map(|n| n.novelty(p, &features)));
                }
            }
            Ok(HeldOutKind {
                kind: kind.to_string(),
                scenarios: left_out.len(),
                flows: tested.len() as u64,
                predicted,
                outside,
                novelty,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::record;
    use crate::dataset::LabeledFlow;
    use crate::model::TreeParams;

    fn flow(scenario: &str, label: &str, kind: &str, x: f64) -> LabeledFlow {
        LabeledFlow {
            record: record(&format!("{scenario}.pcap"), (x * 10.0) as u16, 1, vec![x]),
            label: label.into(),
            scenario: Some(scenario.into()),
            kind: Some(kind.into()),
        }
    }

    #[test]
    fn a_held_out_kind_is_judged_by_a_model_that_never_saw_its_scenarios() {
        // Feature 0: bittorrent flows near 0, http near 100; other/dns near 10 and
        // other/ssh near 90. Without dns in training, dns flows sit next to bittorrent; without
        // ssh, ssh flows sit next to http. A model that saw them would call both other.
        let mut flows = Vec::new();
        for i in 0..8 {
            let d = f64::from(i) * 0.1;
            flows.push(flow("bt", "bittorrent", "dht", d));
            flows.push(flow("web", "http", "tls", 100.0 + d));
            flows.push(flow("dns1", "other", "dns", 10.0 + d));
            flows.push(flow("ssh1", "other", "ssh", 90.0 + d));
        }
        // A second dns scenario with one http flow in it: the http flow leaves training too.
        flows.push(flow("dns2", "other", "dns", 10.5));
        flows.push(flow("dns2", "http", "tls", 100.5));
        let set = LabeledSet::from_flows(flows, 1).unwrap();
        let other = set.class_names.iter().position(|c| c == "other").unwrap();
        let tree = TreeParams {
            min_samples_leaf: 1,
            ..TreeParams::default()
        };
        let shapes = [
            GuardShape {
                trim: 0.0,
                per_kind: false,
            },
            GuardShape {
                trim: 0.0,
                per_kind: true,
            },
        ];
        let held = leave_each_kind_out(&set, tree, other, &shapes, true).unwrap();
        let kinds: Vec<&str> = held.iter().map(|h| h.kind.as_str()).collect();
        assert_eq!(kinds, ["dns", "ssh"]);
        let (dns, ssh) = (&held[0], &held[1]);
        assert_eq!((dns.flows, dns.scenarios), (9, 2));
        assert_eq!((ssh.flows, ssh.scenarios), (8, 1));
        assert_eq!(dns.share(other), 0.0, "{dns:?}");
        assert_eq!(ssh.share(other), 0.0, "{ssh:?}");
        let bt = set
            .class_names
            .iter()
            .position(|c| c == "bittorrent")
            .unwrap();
        let http = set.class_names.iter().position(|c| c == "http").unwrap();
        assert_eq!(dns.predicted[bt], 9);
        assert_eq!(ssh.predicted[http], 8);
        // Every dns flow (10.0-10.7) lies outside bittorrent's range (0-0.7) on its one
        // feature, so a guard of one feature sends them all back to other.
        assert_eq!(dns.share_guarded(other, 0, 1), 1.0);
        assert_eq!(dns.share_guarded(other, 0, 2), 0.0);
        // bittorrent has one kind here, so its per-kind ranges are its class's.
        assert_eq!(dns.outside, held[0].outside);
        assert!(dns.outside.iter().all(|o| o[0] == o[1]));
        // A novelty for every flow given another class. Bittorrent was recorded in one scenario
        // only, so none of its flows has a reach and nothing is novel for it: only the ranges,
        // when asked for, catch the dns flows.
        assert_eq!(dns.novelty, vec![0.0; 9]);
        assert_eq!(dns.share_novel(other, 0.5, None), 0.0);
        assert_eq!(dns.share_novel(other, 0.5, Some((0, 1))), 1.0);
        assert_eq!(dns.share_novel(other, 0.5, Some((0, 2))), 0.0);
        // Not asked for, novelty is not measured, and the ranges still count.
        let unmeasured = leave_each_kind_out(&set, tree, other, &shapes, false).unwrap();
        assert!(unmeasured[0].novelty.is_empty());
        assert_eq!(unmeasured[0].share_novel(other, 0.5, Some((0, 1))), 1.0);
    }
}
