//! A model's tree in Graphviz DOT, for `flowclass explain --dot | dot -Tsvg`: splits read
//! `feature <= threshold unit` with the number of training flows that reached them, edges are
//! labelled yes and no, and leaves name their class (in bold) and per-class training counts,
//! filled in the class's colour from the colour-blind-friendly [`palette`](crate::palette).
//!
//! Thresholds are shown to four significant digits, as in `0.2792` for 0.2792207792207779:
//! the exact value is in the model file and in `flowclass explain`.
//!
//! Nodes and edges are written in index order, without walking the tree, so even a malformed
//! hand-made tree gives a finite graph.

use std::collections::HashMap;
use std::fmt::Write;

use super::explain::unit_suffix;
use super::tree::{Node, Tree};
use super::{Classifier, Model};
use crate::features::FlowFeatures;
use crate::palette::{class_colour, hex, ink_on};

impl Model {
    /// The classifier as a DOT `digraph`; for a forest, its first tree, with a title saying so
    /// (a graph of a hundred trees helps nobody; `flowclass explain` summarizes them all).
    pub fn to_dot(&self) -> String {
        self.tree_to_dot(0)
            .unwrap_or_else(|| "digraph flowclass {\n}\n".to_string())
    }

    /// Tree `index` (counting from 0, as `classify --explain` names them) as a DOT `digraph`;
    /// a forest's tree under a title that says which it is. `None` past the last tree.
    pub fn tree_to_dot(&self, index: usize) -> Option<String> {
        match &self.classifier {
            Classifier::Tree(tree) => (index == 0).then(|| self.tree_dot(tree, None)),
            Classifier::Forest(forest) => forest.trees.get(index).map(|member| {
                let title = format!(
                    "Tree {index} of a forest of {} (counting from 0); its counts are of its own draw of the training flows",
                    forest.trees.len()
                );
                self.tree_dot(&member.tree, Some(&title))
            }),
        }
    }

    /// `tree` as a digraph, with `title` above it if given.
    fn tree_dot(&self, tree: &Tree, title: Option<&str>) -> String {
        let units: HashMap<String, String> = FlowFeatures::describe(&self.schema.settings)
            .into_iter()
            .map(|d| (d.name, d.unit))
            .collect();
        let flows = flows_reaching(tree);
        let mut out = String::from(
            "digraph flowclass {\n  \
             graph [fontname=\"Helvetica\", ranksep=0.35, nodesep=0.25];\n  \
             node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded\", margin=\"0.12,0.06\"];\n  \
             edge [fontname=\"Helvetica\", fontsize=10, arrowsize=0.6];\n",
        );
        if let Some(title) = title {
            let _ = writeln!(
                out,
                "  label={}; labelloc=\"t\"; fontsize=14;",
                quote(title)
            );
        }
        for (index, node) in tree.nodes.iter().enumerate() {
            match node {
                Node::Split {
                    feature_name,
                    threshold,
                    ..
                } => {
                    let unit = units
                        .get(feature_name)
                        .map(|u| unit_suffix(u))
                        .unwrap_or_default();
                    let label = format!(
                        "{feature_name} <= {}{unit}\n{} training flows",
                        significant(*threshold),
                        flows[index]
                    );
                    let _ = writeln!(out, "  n{index} [label={}];", quote(&label));
                }
                Node::Leaf {
                    class_counts,
                    prediction,
                } => {
                    let class = self.classes.get(*prediction).map_or("?", String::as_str);
                    let mut label = format!("<B>{}</B>", html(class));
                    for (name, count) in self.classes.iter().zip(class_counts) {
                        let _ = write!(label, "<BR/>{} {count}", html(name));
                    }
                    let fill = class_colour(*prediction);
                    let _ = writeln!(
                        out,
                        "  n{index} [label=<{label}>, style=\"rounded,filled\", fillcolor=\"{}\", fontcolor=\"{}\"];",
                        hex(fill),
                        hex(ink_on(fill))
                    );
                }
            }
        }
        let count = tree.nodes.len();
        for (index, node) in tree.nodes.iter().enumerate() {
            if let Node::Split { left, right, .. } = node {
                for (child, answer) in [(left, "yes"), (right, "no")] {
                    if *child < count {
                        let _ = writeln!(out, "  n{index} -> n{child} [label=\"{answer}\"];");
                    }
                }
            }
        }
        out.push_str("}\n");
        out
    }
}

/// Training flows that reached each node: a leaf's counts summed, a split's children's totals
/// summed. Children come after their parents, so one backward pass suffices; a child that does
/// not (in a malformed tree) counts as 0.
fn flows_reaching(tree: &Tree) -> Vec<u64> {
    let mut flows = vec![0u64; tree.nodes.len()];
    for index in (0..tree.nodes.len()).rev() {
        flows[index] = match &tree.nodes[index] {
            Node::Leaf { class_counts, .. } => class_counts.iter().sum(),
            Node::Split { left, right, .. } => [left, right]
                .into_iter()
                .filter(|&&child| child > index)
                .map(|&child| flows.get(child).copied().unwrap_or(0))
                .sum(),
        };
    }
    flows
}

/// `value` to four significant digits, without trailing zeros: 235.3248 → 235.3, 1750 → 1750.
fn significant(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return value.to_string();
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (3 - magnitude).clamp(0, 12) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Text for a Graphviz HTML-like label: `&`, `<`, `>` and `"` escaped.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A DOT string literal: quotes and backslashes escaped, line breaks as centred `\n`.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::file::tests::trained_model;

    #[test]
    fn splits_leaves_and_edges_of_a_worked_tree() {
        // The separable set splits on "duration" (in ms) into three pure leaves of 40 flows.
        let dot = trained_model().to_dot();
        let body: Vec<&str> = dot.lines().skip(4).collect();
        assert_eq!(
            body,
            [
                r#"  n0 [label="duration <= 59.5 ms\n120 training flows"];"#,
                r##"  n1 [label=<<B>bittorrent</B><BR/>bittorrent 40<BR/>http 0<BR/>websocket 0>, style="rounded,filled", fillcolor="#E69F00", fontcolor="#000000"];"##,
                r#"  n2 [label="duration <= 159.5 ms\n80 training flows"];"#,
                r##"  n3 [label=<<B>http</B><BR/>bittorrent 0<BR/>http 40<BR/>websocket 0>, style="rounded,filled", fillcolor="#56B4E9", fontcolor="#000000"];"##,
                r##"  n4 [label=<<B>websocket</B><BR/>bittorrent 0<BR/>http 0<BR/>websocket 40>, style="rounded,filled", fillcolor="#009E73", fontcolor="#000000"];"##,
                r#"  n0 -> n1 [label="yes"];"#,
                r#"  n0 -> n2 [label="no"];"#,
                r#"  n2 -> n3 [label="yes"];"#,
                r#"  n2 -> n4 [label="no"];"#,
                "}",
            ]
        );
        assert!(dot.starts_with("digraph flowclass {\n"), "{dot}");
    }

    #[test]
    fn a_forest_is_drawn_as_its_first_tree_under_a_title() {
        let model = crate::model::file::tests::trained_forest();
        let Classifier::Forest(forest) = &model.classifier else {
            unreachable!("the test model is a forest")
        };
        let dot = model.to_dot();
        let lines: Vec<&str> = dot.lines().collect();
        assert_eq!(
            lines[4],
            r#"  label="Tree 0 of a forest of 9 (counting from 0); its counts are of its own draw of the training flows"; labelloc="t"; fontsize=14;"#
        );
        let first = &forest.trees[0].tree;
        let leaves = first
            .nodes
            .iter()
            .filter(|n| matches!(n, Node::Leaf { .. }))
            .count();
        assert_eq!(dot.matches("fillcolor=").count(), leaves, "{dot}");
        assert_eq!(
            dot.matches(" -> ").count(),
            2 * (first.nodes.len() - leaves),
            "{dot}"
        );
        let last = model.tree_to_dot(8).unwrap();
        assert!(last.contains(r#"label="Tree 8 of a forest of 9"#), "{last}");
        assert_eq!(model.tree_to_dot(9), None, "there is no tenth tree");
    }

    #[test]
    fn thresholds_are_shortened_to_four_significant_digits() {
        let cases = [
            (0.2792207792207779, "0.2792"),
            (0.14350000000000002, "0.1435"),
            (235.3248847926266, "235.3"),
            (1750.0, "1750"),
            (123456.7, "123457"),
            (8.5, "8.5"),
            (-241.0, "-241"),
            (0.0, "0"),
            (0.000012346, "0.00001235"),
        ];
        for (value, text) in cases {
            assert_eq!(significant(value), text, "{value}");
        }
    }

    #[test]
    fn names_are_escaped_and_broken_links_are_left_out() {
        let mut model = trained_model();
        model.classes[0] = "<bit&torrent>".into();
        model.schema.names[1] = "dur\"ation".into();
        let Classifier::Tree(tree) = &mut model.classifier else {
            unreachable!("the test model is a tree")
        };
        if let Node::Split { right, .. } = &mut tree.nodes[2] {
            *right = 99;
        }
        if let Node::Split { feature_name, .. } = &mut tree.nodes[0] {
            *feature_name = "dur\"ation".into();
        }
        let dot = model.to_dot();
        assert!(
            dot.contains(
                "label=<<B>&lt;bit&amp;torrent&gt;</B><BR/>&lt;bit&amp;torrent&gt; 40<BR/>http 0"
            ),
            "{dot}"
        );
        assert!(
            dot.contains(r#"n0 [label="dur\"ation <= 59.5\n80 training flows"];"#),
            "{dot}"
        );
        assert!(!dot.contains("n99"), "{dot}");
        // The broken child no longer counts: 40 flows reach node 2 through its left leaf, and 80
        // the root. A feature the schema does not know has no unit.
        assert!(dot.contains(r#"n2 [label="duration <= 159.5 ms\n40 training flows"];"#));
    }
}
