//! `flowclass explain`: the model as readable rules (a forest: what it is made of), its feature
//! importances and how it was trained; with `--tree N`, one tree's rules; with `--dot`, a tree
//! for Graphviz.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::model_source::load_model;
use super::Outcome;
use flowclass::model::Classifier;

#[derive(Debug, Args)]
#[command(
    after_help = "A single tree is explained by its rules. A forest has no one set of rules: each of its trees has\nits own and they vote, so `explain` sums the forest up, `--tree N` prints the rules of one tree\nand `--dot --tree N` draws it (trees count from 0, as `classify --explain` names them).\n\nExamples:\n  flowclass explain\n  flowclass explain --tree 7 | head -40\n  flowclass explain --model my.json --dot | dot -Tsvg > tree.svg\n  flowclass explain --dot --tree 7 | dot -Tsvg > tree7.svg"
)]
pub struct ExplainArgs {
    /// A model file (default: the model built into flowclass).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Print the tree in Graphviz DOT instead (render it with `dot -Tsvg` or `dot -Tpng`); for a
    /// forest, tree 0 unless --tree says which.
    #[arg(long)]
    pub dot: bool,
    /// One tree of a forest, counting from 0: its rules, or with --dot its graph.
    #[arg(long, value_name = "N")]
    pub tree: Option<usize>,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<Outcome> {
    let model = load_model(args.model.as_deref())?;
    let text = match (args.tree, args.dot) {
        (None, false) => model.explain(),
        (None, true) => model.to_dot(),
        (Some(index), dot) => {
            let tree = if dot {
                model.tree_to_dot(index)
            } else {
                model.rules_of_tree(index)
            };
            match tree {
                Some(text) => text,
                None => {
                    let trees = match &model.classifier {
                        Classifier::Tree(_) => 1,
                        Classifier::Forest(forest) => forest.trees.len(),
                    };
                    super::usage!("--tree {index}: the model has {trees} trees, numbered from 0")
                }
            }
        }
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}
