//! `flowclass train`: labeled captures (or feature CSVs) in, a model file out, with grouped
//! cross-validation by capture file to say how good it is.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::data::load;
use super::scores::{print_breakdowns, print_confusion, print_metrics};
use super::{ExtractOptions, Outcome};
use flowclass::eval::{by_scenario, cross_validate, tune};
use flowclass::model::{ClassWeighting, Criterion, FeatureSchema, Model, TreeParams};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CriterionArg {
    Gini,
    Entropy,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum WeightingArg {
    /// Each class weighs the same in total (n / (k * n_c) per flow).
    Balanced,
    /// Each flow weighs 1.
    None,
}

/// The tree's hyperparameters on the command line.
#[derive(Debug, Clone, Args)]
pub struct TreeOptions {
    /// Longest root-to-leaf path, in splits (0 for no limit).
    #[arg(long, default_value_t = 12)]
    pub max_depth: usize,
    /// Fewest training flows on each side of a split.
    #[arg(long, default_value_t = 2)]
    pub min_samples_leaf: usize,
    /// Smallest impurity decrease a split must bring.
    #[arg(long, default_value_t = 0.0)]
    pub min_impurity_decrease: f64,
    #[arg(long, value_enum, default_value_t = CriterionArg::Gini)]
    pub criterion: CriterionArg,
    /// How classes of different sizes are weighed while growing the tree.
    #[arg(long, value_enum, default_value_t = WeightingArg::Balanced)]
    pub class_weight: WeightingArg,
}

impl TreeOptions {
    pub fn params(&self) -> anyhow::Result<TreeParams> {
        let params = TreeParams {
            max_depth: (self.max_depth > 0).then_some(self.max_depth),
            min_samples_leaf: self.min_samples_leaf,
            min_impurity_decrease: self.min_impurity_decrease,
            criterion: match self.criterion {
                CriterionArg::Gini => Criterion::Gini,
                CriterionArg::Entropy => Criterion::Entropy,
            },
            class_weighting: match self.class_weight {
                WeightingArg::Balanced => ClassWeighting::Balanced,
                WeightingArg::None => ClassWeighting::None,
            },
        };
        params.validate()?;
        Ok(params)
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass train datasets/bittorrent datasets/websocket datasets/http datasets/mixed --labels datasets/labels.csv -o models/default.json\n  flowclass train captures/ -o my.json          (labels from captures/<label>/...)\n  flowclass train flows.csv -o my.json          (a feature CSV from `flowclass extract` with a label column)"
)]
pub struct TrainArgs {
    /// Capture files or directories, feature CSVs from `extract`, and labels CSVs.
    #[arg(required = true)]
    pub data: Vec<PathBuf>,
    /// A labels CSV (capture,proto,src_ip,src_port,dst_ip,dst_port,start,label[,scenario]).
    #[arg(long)]
    pub labels: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub tree: TreeOptions,
    /// Folds of the grouped cross-validation (flows of one capture never on both sides).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Seed for the assignment of captures to folds.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Choose --max-depth and --min-samples-leaf by the same grouped cross-validation.
    #[arg(long)]
    pub tune: bool,
    #[command(flatten)]
    pub extraction: ExtractOptions,
    /// No progress or summaries on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Depths and leaf sizes `--tune` tries.
const TUNE_DEPTHS: [Option<usize>; 7] = [
    Some(4),
    Some(6),
    Some(8),
    Some(10),
    Some(12),
    Some(16),
    None,
];
const TUNE_LEAVES: [usize; 4] = [1, 2, 5, 10];

pub fn run(args: TrainArgs) -> anyhow::Result<Outcome> {
    let config = args.extraction.config()?;
    let mut params = args.tree.params()?;
    let (data, input_failed) = load(&args.data, args.labels.as_deref(), &config, args.quiet)?;
    if args.tune {
        if !args.quiet {
            eprintln!(
                "flowclass: tuning over {} settings by {}-fold grouped cross-validation",
                TUNE_DEPTHS.len() * TUNE_LEAVES.len(),
                args.folds
            );
        }
        let report = tune(
            &data.set,
            &params,
            &TUNE_DEPTHS,
            &TUNE_LEAVES,
            args.folds,
            args.seed,
        )?;
        let best = report.best().context("tuning found no setting")?;
        params = best.params;
        println!(
            "tuned: max depth {}, min samples per leaf {} (macro-F1 {:.4}, {:.1} leaves)",
            params
                .max_depth
                .map_or("none".to_string(), |d| d.to_string()),
            params.min_samples_leaf,
            best.macro_f1,
            best.mean_leaves
        );
    }
    if !args.quiet {
        eprintln!("flowclass: {}-fold grouped cross-validation", args.folds);
    }
    let cv = cross_validate(&data.set, &params, args.folds, args.seed)?;
    let schema = FeatureSchema::from_config(&config);
    let mut model = Model::train(&data.set, schema, params, data.inputs)?;
    print_metrics(
        &format!(
            "grouped {}-fold cross-validation by scenario ({} groups of {} captures):",
            cv.summary.folds,
            data.set
                .fold_groups()
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            data.set.capture_names.len()
        ),
        &cv.summary.metrics,
    );
    print_confusion(&cv.summary.metrics);
    print_breakdowns(
        "per scenario (out-of-fold):",
        &data.set.class_names,
        &by_scenario(&data.set, &cv.predictions),
    );
    let fold_scores: Vec<String> = cv
        .summary
        .fold_macro_f1
        .iter()
        .map(|f| format!("{f:.3}"))
        .collect();
    println!("  per-fold macro-F1: {}", fold_scores.join(" "));
    model.training.cv = Some(cv.summary);
    model
        .save(&args.output)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let flowclass::model::Classifier::Tree(tree) = &model.classifier;
    println!(
        "model: {} ({} leaves, depth {}) trained on {} flows",
        args.output.display(),
        tree.leaves(),
        tree.depth(),
        data.set.len()
    );
    Ok(Outcome::from_failure(input_failed))
}
