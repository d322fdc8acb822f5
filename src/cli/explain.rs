//! `flowclass explain`: the model as readable rules, its feature importances and how it was
//! trained; or, with `--dot`, the tree for Graphviz.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::model_source::load_model;
use super::Outcome;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass explain\n  flowclass explain --model my.json --dot | dot -Tsvg > tree.svg"
)]
pub struct ExplainArgs {
    /// A model file (default: the model built into flowclass).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Print the tree in Graphviz DOT instead (render it with `dot -Tsvg` or `dot -Tpng`).
    #[arg(long)]
    pub dot: bool,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<Outcome> {
    let model = load_model(args.model.as_deref())?;
    let text = if args.dot {
        model.to_dot()
    } else {
        model.explain()
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}
