//! A model in words: the tree as nested if/else rules with feature names and units (for a
//! forest, its size instead), which features matter most, and how the model was trained.

use std::collections::HashMap;
use std::fmt::Write;

use super::tree::{Node, Tree};
use super::{Classifier, Model};
use crate::eval::CvSummary;
use crate::features::FlowFeatures;

/// How many features the importance ranking lists by name (a forest uses nearly all of them).
const MOST_IMPORTANT: usize = 25;

impl Model {
    /// The whole explanation, ready to print.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        match &self.classifier {
            Classifier::Tree(tree) => {
                let _ = writeln!(
                    out,
                    "Decision tree: {} leaves, depth {}, {} classes ({}), {} features.",
                    tree.leaves(),
                    tree.depth(),
                    self.classes.len(),
                    self.classes.join(", "),
                    self.schema.names.len()
                );
                out.push_str(
                    "\nRules (a flow goes down the first branch whose condition holds):\n",
                );
                out.push_str(&self.rules());
                out.push_str("\nFeature importance (impurity decrease weighted by the share of flows reaching each split):\n");
            }
            Classifier::Forest(forest) => {
                let trees = forest.trees.len();
                let depths: Vec<usize> = forest.trees.iter().map(|t| t.tree.depth()).collect();
                let subset: Vec<usize> = forest.trees.iter().map(|t| t.features.len()).collect();
                let _ = writeln!(
                    out,
                    "Random forest: {trees} trees vote, {} classes ({}), {} features.",
                    self.classes.len(),
                    self.classes.join(", "),
                    self.schema.names.len()
                );
                let _ = writeln!(
                    out,
                    "  leaves: {} in all, {:.1} per tree; depth {} to {}; features per tree: {} to {}",
                    forest.leaves(),
                    forest.leaves() as f64 / trees.max(1) as f64,
                    depths.iter().min().unwrap_or(&0),
                    depths.iter().max().unwrap_or(&0),
                    subset.iter().min().unwrap_or(&0),
                    subset.iter().max().unwrap_or(&0),
                );
                out.push_str("  A flow gets the class most trees vote for; its confidence is the share of trees that voted for it.\n");
                out.push_str("  A forest has no one set of rules: each tree has its own, and no single tree decides.\n");
                let _ = writeln!(
                    out,
                    "  `flowclass explain --tree N` prints the rules of tree N (0 to {}), `--dot --tree N` draws it;",
                    trees.saturating_sub(1)
                );
                out.push_str("  `flowclass classify --explain` shows the votes and the path of the most confident tree behind each label.\n");
                out.push_str("\nFeature importance (per tree, impurity decrease weighted by the share of flows reaching each split; mean over the trees):\n");
            }
        }
        let importances = self.classifier.feature_importances(self.schema.names.len());
        let mut ranked: Vec<(usize, f64)> = importances
            .into_iter()
            .enumerate()
            .filter(|(_, v)| *v > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        if ranked.is_empty() {
            out.push_str("  (no tree has splits)\n");
        }
        let width = ranked
            .iter()
            .map(|(f, _)| self.schema.names[*f].len())
            .max()
            .unwrap_or(0);
        for &(feature, importance) in ranked.iter().take(MOST_IMPORTANT) {
            let _ = writeln!(
                out,
                "  {:width$}  {importance:.3}",
                self.schema.names[feature]
            );
        }
        if let Some((_, below)) = ranked.get(MOST_IMPORTANT) {
            let _ = writeln!(
                out,
                "  ... and {} more features, each {below:.3} or less",
                ranked.len() - MOST_IMPORTANT
            );
        }
        out.push_str("\nTraining:\n");
        out.push_str(&self.training_summary());
        out
    }

    /// The tree as indented if/else rules; for a forest, every tree's, each under a heading.
    pub fn rules(&self) -> String {
        match &self.classifier {
            Classifier::Tree(tree) => self.tree_rules(tree),
            Classifier::Forest(forest) => (0..forest.trees.len())
                .filter_map(|i| self.rules_of_tree(i))
                .collect(),
        }
    }

    /// The rules of tree `index` (counting from 0, as `classify --explain` names them); a
    /// forest's under a heading naming the tree and the features it saw. `None` past the last
    /// tree.
    pub fn rules_of_tree(&self, index: usize) -> Option<String> {
        match &self.classifier {
            Classifier::Tree(tree) => (index == 0).then(|| self.tree_rules(tree)),
            Classifier::Forest(forest) => forest.trees.get(index).map(|member| {
                let features: Vec<&str> = member
                    .features
                    .iter()
                    .map(|&f| self.schema.names.get(f).map_or("?", String::as_str))
                    .collect();
                format!(
                    "tree {index} (on {}):\n{}",
                    features.join(", "),
                    self.tree_rules(&member.tree)
                )
            }),
        }
    }

    /// One tree as indented if/else rules.
    fn tree_rules(&self, tree: &Tree) -> String {
        let units: HashMap<String, String> = FlowFeatures::describe(&self.schema.settings)
            .into_iter()
            .map(|d| (d.name, d.unit))
            .collect();
        enum Item {
            Node(usize, usize),
            Else(usize),
        }
        let mut out = String::new();
        // A tree built by hand (not read from a file) is not validated: never expand a node twice.
        let mut seen = vec![false; tree.nodes.len()];
        let mut stack = vec![Item::Node(0, 1)];
        while let Some(item) = stack.pop() {
            match item {
                Item::Else(depth) => {
                    let _ = writeln!(out, "{}else", "  ".repeat(depth));
                }
                Item::Node(index, depth) => {
                    let indent = "  ".repeat(depth);
                    if seen.get(index).copied().unwrap_or(false) {
                        let _ = writeln!(out, "{indent}(node {index} again: not a tree)");
                        continue;
                    }
                    if let Some(flag) = seen.get_mut(index) {
                        *flag = true;
                    }
                    match tree.nodes.get(index) {
                        Some(Node::Split {
                            feature_name,
                            threshold,
                            left,
                            right,
                            ..
                        }) => {
                            let unit = units
                                .get(feature_name)
                                .map(|u| unit_suffix(u))
                                .unwrap_or_default();
                            let _ = writeln!(out, "{indent}if {feature_name} <= {threshold}{unit}");
                            stack.push(Item::Node(*right, depth + 1));
                            stack.push(Item::Else(depth));
                            stack.push(Item::Node(*left, depth + 1));
                        }
                        Some(Node::Leaf {
                            class_counts,
                            prediction,
                        }) => {
                            let class = self.classes.get(*prediction).map_or("?", String::as_str);
                            let counts: Vec<String> = self
                                .classes
                                .iter()
                                .zip(class_counts)
                                .map(|(name, n)| format!("{name} {n}"))
                                .collect();
                            let _ = writeln!(
                                out,
                                "{indent}=> {class}  (training flows here: {})",
                                counts.join(", ")
                            );
                        }
                        None => {
                            let _ = writeln!(out, "{indent}(missing node {index})");
                        }
                    }
                }
            }
        }
        out
    }

    fn training_summary(&self) -> String {
        let t = &self.training;
        let mut out = String::new();
        let flows: Vec<String> = t
            .flows_per_class
            .iter()
            .map(|(class, n)| format!("{class} {n}"))
            .collect();
        let _ = writeln!(out, "  flows: {}", flows.join(", "));
        let p = &t.params;
        let depth = p
            .max_depth
            .map_or("unlimited".to_string(), |d| d.to_string());
        let criterion = p.criterion.name();
        let weighting = p.class_weighting.name();
        let _ = writeln!(
            out,
            "  parameters{}: max_depth {depth}, min_samples_leaf {}, min_impurity_decrease {}, criterion {criterion}, class weights {weighting}",
            if t.forest.is_some() { " of each tree" } else { "" },
            p.min_samples_leaf, p.min_impurity_decrease
        );
        if let Some(f) = &t.forest {
            let _ = writeln!(
                out,
                "  forest: {} trees, each on a bootstrap sample of {} of the flows and {} of the features, seed {}",
                f.trees, f.bootstrap_proportion, f.feature_proportion, f.seed
            );
        }
        let s = &self.schema;
        let _ = writeln!(
            out,
            "  features: first_n {}, packet_limit {}, payload_packet_limit {}, idle timeout {:?}, active timeout {:?}",
            s.settings.first_n,
            limit(s.settings.packet_limit),
            limit(s.settings.payload_packet_limit),
            s.flow.idle_timeout,
            s.flow.active_timeout
        );
        if !t.excluded_features.is_empty() {
            let _ = writeln!(
                out,
                "  excluded features (held constant in training): {}",
                t.excluded_features.join(", ")
            );
        }
        if let Some(guard) = &self.guard {
            let _ = writeln!(
                out,
                "  novelty guard: a flow outside its class's training ranges on {} or more of {} features is labelled {} (right {:.3} of the time out of fold)",
                guard.min_outside,
                guard.features.len(),
                self.classes[guard.fallback],
                guard.confidence
            );
        }
        let _ = writeln!(out, "  inputs: {}", t.inputs.len());
        for input in &t.inputs {
            let _ = writeln!(out, "    {}  sha256 {}", input.path, input.sha256);
        }
        match &t.cv {
            None => out.push_str("  cross-validation: not run\n"),
            Some(cv) => cv_lines(&mut out, "cross-validation", cv),
        }
        for compared in &t.compared {
            let title = format!("compared: {}", compared.algorithm.name());
            cv_lines(&mut out, &title, &compared.cv);
        }
        let _ = writeln!(out, "  trained by flowclass {}", t.flowclass_version);
        out
    }
}

/// An early-classification limit as `explain` shows it.
fn limit(limit: Option<u64>) -> String {
    limit.map_or("none".to_string(), |l| l.to_string())
}

/// A cross-validation's scores: a line, then one per class.
fn cv_lines(out: &mut String, title: &str, cv: &CvSummary) {
    let m = &cv.metrics;
    let _ = writeln!(
        out,
        "  {title}: {} folds grouped by scenario (seed {}): accuracy {:.3}, macro-F1 {:.3}",
        cv.folds, cv.seed, m.accuracy, m.macro_f1
    );
    for c in &m.per_class {
        let _ = writeln!(
            out,
            "    {:12} precision {:.3}  recall {:.3}  F1 {:.3}  ({} flows)",
            c.class, c.precision, c.recall, c.f1, c.support
        );
    }
}

/// How a threshold's unit is written after the number: none for unitless quantities.
pub(super) fn unit_suffix(unit: &str) -> String {
    match unit {
        "ratio" | "flag" | "count" | "" => String::new(),
        "1/s" => " per s".into(),
        other => format!(" {other}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::file::tests::trained_model;

    #[test]
    fn rules_name_features_with_units_and_leaves_with_counts() {
        let model = trained_model();
        let text = model.explain();
        // The separable set splits on "duration" (feature 1, in ms) into three pure leaves.
        let rules = model.rules();
        assert_eq!(
            rules,
            "  if duration <= 59.5 ms\n    => bittorrent  (training flows here: bittorrent 40, http 0, websocket 0)\n  else\n    if duration <= 159.5 ms\n      => http  (training flows here: bittorrent 0, http 40, websocket 0)\n    else\n      => websocket  (training flows here: bittorrent 0, http 0, websocket 40)\n"
        );
        assert!(
            text.starts_with(
                "Decision tree: 3 leaves, depth 2, 3 classes (bittorrent, http, websocket)"
            ),
            "{text}"
        );
        assert!(text.contains("  duration  1.000\n"), "{text}");
        assert!(
            text.contains("flows: bittorrent 40, http 40, websocket 40"),
            "{text}"
        );
        assert!(
            text.contains(
                "cross-validation: 3 folds grouped by scenario (seed 1): accuracy 1.000, macro-F1 1.000"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_forest_is_summed_up_not_spelled_out() {
        let model = crate::model::file::tests::trained_forest();
        let text = model.explain();
        assert!(
            text.starts_with(
                "Random forest: 9 trees vote, 3 classes (bittorrent, http, websocket)"
            ),
            "{text}"
        );
        assert!(!text.contains("Rules"), "{text}");
        // Only trees that saw `duration` can separate the classes, so it ranks first.
        assert!(
            text.contains("mean over the trees):\n  duration "),
            "{text}"
        );
        assert!(
            text.contains("  parameters of each tree: max_depth 12")
                && text.contains("  forest: 9 trees, each on a bootstrap sample of 0.7 of the flows and 0.5 of the features, seed 1")
                && text.contains("  compared: tree: 3 folds"),
            "{text}"
        );
        // Every tree's rules, each under its own heading.
        let rules = model.rules();
        assert_eq!(rules.matches("\ntree ").count() + 1, 9, "{rules}");
        assert!(rules.starts_with("tree 0 (on "), "{rules}");
        assert!(
            text.contains("`flowclass explain --tree N` prints the rules of tree N (0 to 8)"),
            "{text}"
        );
        let last = model.rules_of_tree(8).unwrap();
        assert!(
            last.starts_with("tree 8 (on ") && rules.ends_with(&last),
            "{last}"
        );
        assert_eq!(model.rules_of_tree(9), None);
    }

    #[test]
    fn a_hand_made_cycle_does_not_hang() {
        let mut model = trained_model();
        let crate::model::Classifier::Tree(tree) = &mut model.classifier else {
            panic!("a tree")
        };
        if let crate::model::Node::Split { right, .. } = &mut tree.nodes[2] {
            *right = 0;
        }
        assert!(model.rules().contains("(node 0 again: not a tree)"));
    }
}
