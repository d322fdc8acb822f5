//! `flowclass train`: labeled captures (or feature CSVs) in, a model file out — one decision tree
//! or a forest of them ([`flowclass::train`] does the work) — printing the grouped
//! cross-validation that says how good it is, and with `--compare`, how good the other algorithm
//! is on the same folds.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::cv_predictions;
use super::data::load;
use super::output::ReportOut;
use super::scores::{print_breakdowns, print_confusion, print_metrics};
use super::{feature_patterns, ExtractOptions, Outcome, UsageError};
use flowclass::dataset::Grouping;
use flowclass::dataset::LabeledSet;
use flowclass::eval::{
    by_kind, by_scenario, leave_each_kind_out, novelty_out_of_fold, outside_out_of_fold,
    thin_classes, CvReport, GuardShape, GuardedCv, HeldOutKind, Metrics,
};
use flowclass::model::{
    Algorithm, ClassWeighting, Classifier, Criterion, Envelope, FeatureSchema, ForestParams,
    GuardParams, TreeParams,
};
use flowclass::train::{novelty_guard, train, Step, TrainPlan};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlgorithmArg {
    /// One decision tree: readable as rules.
    Tree,
    /// Bagged trees that vote (see --trees, --bootstrap-proportion, --feature-proportion).
    Forest,
}

/// How a forest draws its trees' data, on the command line.
#[derive(Debug, Clone, Args)]
pub struct ForestOptions {
    /// Trees in a forest.
    #[arg(long, default_value_t = ForestParams::default().trees)]
    pub trees: usize,
    /// Share of the flows each tree of a forest is grown on (drawn with replacement).
    #[arg(long, value_name = "P", default_value_t = ForestParams::default().bootstrap_proportion)]
    pub bootstrap_proportion: f64,
    /// Share of the features each tree of a forest may split on (drawn once per tree).
    #[arg(long, value_name = "P", default_value_t = ForestParams::default().feature_proportion)]
    pub feature_proportion: f64,
}

impl ForestOptions {
    pub fn params(&self, seed: u64) -> anyhow::Result<ForestParams> {
        let params = ForestParams {
            trees: self.trees,
            bootstrap_proportion: self.bootstrap_proportion,
            feature_proportion: self.feature_proportion,
            seed,
        };
        params.validate()?;
        Ok(params)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CriterionArg {
    Gini,
    Entropy,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GroupingArg {
    Scenario,
    Application,
    Implementation,
}

impl From<GroupingArg> for Grouping {
    fn from(arg: GroupingArg) -> Grouping {
        match arg {
            GroupingArg::Scenario => Grouping::Scenario,
            GroupingArg::Application => Grouping::Application,
            GroupingArg::Implementation => Grouping::Implementation,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum WeightingArg {
    /// Each class weighs the same in total (n / (k * n_c) per flow).
    Balanced,
    /// Between the two: the square root of balanced's weight per flow.
    Sqrt,
    /// Each flow weighs 1.
    None,
}

impl From<Criterion> for CriterionArg {
    fn from(criterion: Criterion) -> Self {
        match criterion {
            Criterion::Gini => CriterionArg::Gini,
            Criterion::Entropy => CriterionArg::Entropy,
        }
    }
}

impl From<ClassWeighting> for WeightingArg {
    fn from(weighting: ClassWeighting) -> Self {
        match weighting {
            ClassWeighting::Balanced => WeightingArg::Balanced,
            ClassWeighting::Sqrt => WeightingArg::Sqrt,
            ClassWeighting::None => WeightingArg::None,
        }
    }
}

/// The tree's hyperparameters on the command line.
#[derive(Debug, Clone, Args)]
pub struct TreeOptions {
    /// Longest root-to-leaf path, in splits (0 for no limit).
    #[arg(long, default_value_t = TreeParams::default().max_depth.unwrap_or(0))]
    pub max_depth: usize,
    /// Fewest training flows on each side of a split.
    #[arg(long, default_value_t = TreeParams::default().min_samples_leaf)]
    pub min_samples_leaf: usize,
    /// Smallest impurity decrease a split must bring.
    #[arg(long, default_value_t = TreeParams::default().min_impurity_decrease)]
    pub min_impurity_decrease: f64,
    #[arg(long, value_enum, default_value_t = TreeParams::default().criterion.into())]
    pub criterion: CriterionArg,
    /// How classes of different sizes are weighed while growing the tree.
    #[arg(long, value_enum, default_value_t = TreeParams::default().class_weighting.into())]
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
                WeightingArg::Sqrt => ClassWeighting::Sqrt,
                WeightingArg::None => ClassWeighting::None,
            },
        };
        params.validate()?;
        Ok(params)
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass train datasets/bittorrent datasets/websocket datasets/http datasets/mixed datasets/other --labels datasets/labels.csv -o models/default.json\n  flowclass train captures/ -o my.json          (labels from captures/<label>/...)\n  flowclass train flows.csv -o my.json          (a feature CSV from `flowclass extract` with a label column)"
)]
pub struct TrainArgs {
    /// Capture files or directories, feature CSVs from `extract`, and labels CSVs.
    #[arg(required = true)]
    pub data: Vec<PathBuf>,
    /// A labels CSV (capture,proto,src_ip,src_port,dst_ip,dst_port,start,label[,scenario][,kind]),
    /// or a capture's truth file (NAME.truth.csv beside NAME.pcap: proto,ip,port,label rules).
    /// Without labels, captures under DIR/<label>/ are labeled <label>, unless a labels.csv lies
    /// beside them.
    #[arg(long)]
    pub labels: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long)]
    pub output: PathBuf,
    /// One decision tree, or a forest of them (the tree options then apply to each tree).
    #[arg(long, value_enum, default_value_t = AlgorithmArg::Tree)]
    pub algorithm: AlgorithmArg,
    #[command(flatten)]
    pub tree: TreeOptions,
    #[command(flatten)]
    pub forest: ForestOptions,
    /// Also cross-validate the other algorithm on the same folds and print both.
    #[arg(long)]
    pub compare: bool,
    /// Folds of the grouped cross-validation (flows of one capture never on both sides).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Seed for the assignment of captures to folds and for the forest's draws of flows and
    /// features: the same seed and data give the same model file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Features the model must not use: names or globs, comma-separated (e.g.
    /// `--exclude-features '*iat*,duration'`), or `@FILE` for the ones listed in a file (e.g.
    /// `@models/absolute-timing.txt`; `#` starts a comment). They are still measured but held
    /// constant while training, and cross-validation runs the same way.
    #[arg(long, value_delimiter = ',', value_name = "PATTERNS")]
    pub exclude_features: Vec<String>,
    /// Also write every flow's out-of-fold prediction here (CSV: the flow's key, label,
    /// predicted, fold, scenario, kind), from the cross-validation of the trained algorithm.
    #[arg(long, value_name = "FILE")]
    pub cv_predictions: Option<PathBuf>,
    /// What no fold of the cross-validation splits: a scenario, an application (a scenario with
    /// its wan<RTT>_ repeats) or an implementation (every scenario of one software family, as the
    /// labels' implementation column names it).
    #[arg(long, value_enum, default_value_t = GroupingArg::Scenario)]
    pub group_by: GroupingArg,
    /// Also hold out each kind of CLASS in turn (e.g. `other`: each protocol), training without
    /// every scenario that holds it, and print the share of its flows given each label; then what
    /// novelty guards of other shapes (ranges, nearest neighbours) would catch of them, and cost
    /// the cross-validation.
    #[arg(long, value_name = "CLASS")]
    pub leave_out_kinds: Option<String>,
    /// Choose --criterion, --max-depth and --min-samples-leaf by the same grouped cross-validation
    /// (of the trees alone, without the novelty guard).
    #[arg(long)]
    pub tune: bool,
    /// Give the model a novelty guard: a flow the classifier gives a class, but that lies
    /// outside that class's training range (minimum to maximum) on at least N features, is
    /// labelled `other` instead. Needs an `other` class; 0 turns it off. Default: 2 when the
    /// data has an `other` class. Excluded features are not checked.
    #[arg(long, value_name = "N")]
    pub novelty_guard: Option<usize>,
    #[command(flatten)]
    pub extraction: ExtractOptions,
    /// No progress or summaries on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: TrainArgs) -> anyhow::Result<Outcome> {
    let config = args.extraction.config()?;
    let params = args.tree.params()?;
    let forest = args.forest.params(args.seed)?;
    let algorithm = match args.algorithm {
        AlgorithmArg::Tree => Algorithm::Tree { tree: params },
        AlgorithmArg::Forest => Algorithm::Forest {
            tree: params,
            forest,
        },
    };
    let schema = FeatureSchema::from_config(&config);
    let excluded = schema
        .columns_matching(&feature_patterns::expand(&args.exclude_features)?)
        .map_err(|e| UsageError(e.to_string()))?;
    let (mut data, input_failed) = load(&args.data, args.labels.as_deref(), &config, args.quiet)?;
    data.set.hold_constant(&excluded);
    data.set.grouping = args.group_by.into();
    if !args.quiet {
        warn_if_thin(&data.set, args.folds);
        let ungrouped = data.set.scenarios_without_implementation();
        if data.set.grouping == Grouping::Implementation && !ungrouped.is_empty() {
            eprintln!(
                "flowclass: warning: {} scenarios name no implementation and are grouped by their application",
                ungrouped.len()
            );
        }
    }
    let plan = TrainPlan {
        algorithm,
        forest,
        compare: args.compare,
        tune: args.tune,
        folds: args.folds,
        seed: args.seed,
        excluded,
        guard: novelty_guard(&data.set, args.novelty_guard)
            .map_err(|e| UsageError(e.to_string()))?,
    };
    // The model is the result; the report may go to a reader that stops early (`| head`).
    let mut out = ReportOut::stdout();
    let mut compared = Vec::new();
    let mut model_cv = None;
    let set = &data.set;
    let model = train(set, schema, &data.files, &plan, |step| match step {
        Step::Tuning { settings } => {
            if !args.quiet {
                eprintln!(
                    "flowclass: tuning over {settings} settings by {}-fold grouped cross-validation",
                    args.folds
                );
            }
            Ok(())
        }
        Step::Tuned { choice } => {
            let params = choice.params;
            writeln!(
                out,
                "tuned: criterion {}, max depth {}, min samples per leaf {} (macro-F1 {:.4}, {:.1} leaves)",
                params.criterion.name(),
                params
                    .max_depth
                    .map_or("none".to_string(), |d| d.to_string()),
                params.min_samples_leaf,
                choice.macro_f1,
                choice.mean_leaves
            )
        }
        Step::CrossValidating { algorithm } => {
            if !args.quiet {
                eprintln!(
                    "flowclass: {}-fold grouped cross-validation of the {}",
                    args.folds,
                    algorithm.name()
                );
            }
            Ok(())
        }
        Step::CrossValidated {
            algorithm,
            report: unguarded,
            guarded,
            is_model,
        } => {
            let prefix = if args.compare {
                format!("{}: ", algorithm.name())
            } else {
                String::new()
            };
            let report = guarded.map_or(unguarded, |g| &g.report);
            print_cv(&mut out, &prefix, report, set)?;
            if let (Some(g), Some(params)) = (guarded, plan.guard) {
                print_guard(&mut out, set, params, g, unguarded)?;
            }
            compared.push((algorithm.name(), report.summary.metrics.macro_f1));
            if is_model && args.leave_out_kinds.is_some() {
                model_cv = Some((algorithm, unguarded.clone()));
            }
            match (&args.cv_predictions, is_model) {
                (Some(path), true) => cv_predictions::write(path, set, report).map_err(|e| {
                    std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
                }),
                _ => Ok(()),
            }
        }
    })?;
    if let [("tree", t), ("forest", f)] = compared[..] {
        let better = if (t - f).abs() <= 1e-12 {
            "they tie".to_string()
        } else {
            format!(
                "the {} scores higher",
                if f > t { "forest" } else { "tree" }
            )
        };
        writeln!(
            out,
            "compared on the same folds: tree macro-F1 {t:.4}, forest macro-F1 {f:.4}: {better}; this model is a {}",
            model.classifier.kind()
        )?;
    }
    if let (Some(class), Some((algorithm, cv))) = (&args.leave_out_kinds, &model_cv) {
        print_held_out(
            &mut out,
            set,
            *algorithm,
            class,
            cv,
            model.guard.as_ref(),
            args.quiet,
        )?;
    }
    model
        .save(&args.output)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let size = match &model.classifier {
        Classifier::Tree(tree) => format!("{} leaves, depth {}", tree.leaves(), tree.depth()),
        Classifier::Forest(forest) => format!(
            "forest of {} trees, {} leaves in all, depth up to {}",
            forest.trees.len(),
            forest.leaves(),
            forest.depth()
        ),
    };
    writeln!(
        out,
        "model: {} ({size}) trained on {} flows",
        args.output.display(),
        data.set.len()
    )?;
    Ok(Outcome::from_failure(input_failed))
}

/// What the novelty guard did in a cross-validation.
fn print_guard(
    out: &mut dyn Write,
    set: &LabeledSet,
    params: GuardParams,
    guarded: &GuardedCv,
    unguarded: &CvReport,
) -> std::io::Result<()> {
    writeln!(
        out,
        "  novelty guard (outside the class's training ranges on >= {} features: {}): {} flows overruled out of fold, {} of them {} ({:.3}); macro-F1 without it {:.4}",
        params.min_outside,
        set.class_names[params.fallback],
        guarded.overruled,
        guarded.right,
        set.class_names[params.fallback],
        guarded.confidence(),
        unguarded.summary.metrics.macro_f1
    )
}

/// Warns when some class comes from fewer scenarios (or captures) than there are folds: the
/// cross-validation then tests that class on few or no unseen scenarios, or trains without it.
fn warn_if_thin(set: &LabeledSet, folds: usize) {
    let thin = thin_classes(&set.fold_groups(), &set.labels, folds);
    if thin.is_empty() {
        return;
    }
    let classes: Vec<String> = thin
        .iter()
        .map(|&(class, groups)| format!("{} from {groups}", set.class_names[class]))
        .collect();
    eprintln!(
        "flowclass: warning: too little data for a {folds}-fold grouped cross-validation: {} \
         scenario(s) or capture(s), fewer than the {folds} folds; the scores say little and the \
         model may not carry to new captures (record more captures of each class, or lower --folds)",
        classes.join(", ")
    );
}

/// The scores of one cross-validation, its confusion matrix and per-fold macro-F1.
fn print_cv(
    out: &mut dyn Write,
    prefix: &str,
    cv: &CvReport,
    set: &LabeledSet,
) -> std::io::Result<()> {
    print_metrics(
        out,
        &format!(
            "{prefix}grouped {}-fold cross-validation by {} ({} groups of {} captures):",
            cv.summary.folds,
            cv.summary.grouping.name(),
            set.fold_groups()
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            set.capture_names.len()
        ),
        &cv.summary.metrics,
    )?;
    print_confusion(out, &cv.summary.metrics)?;
    print_breakdowns(
        out,
        "per scenario (out-of-fold):",
        &set.class_names,
        &by_scenario(set, &cv.predictions),
    )?;
    print_breakdowns(
        out,
        "per kind of flow (out-of-fold):",
        &set.class_names,
        &by_kind(set, &cv.predictions),
    )?;
    let fold_scores: Vec<String> = cv
        .summary
        .fold_macro_f1
        .iter()
        .map(|f| format!("{f:.3}"))
        .collect();
    writeln!(out, "  per-fold macro-F1: {}", fold_scores.join(" "))
}

/// Leave-one-kind-out for the kinds of `class`: a row per kind with the share of its flows given
/// each label by the classifier, and with `guard` the share its guard keeps in `class`; then
/// the mean and the lowest share kept in `class`, and the sweep of other guards.
fn print_held_out(
    out: &mut dyn Write,
    set: &LabeledSet,
    algorithm: Algorithm,
    class: &str,
    cv: &CvReport,
    guard: Option<&Envelope>,
    quiet: bool,
) -> anyhow::Result<()> {
    let index = set
        .class_index(class)
        .ok_or_else(|| UsageError(format!("--leave-out-kinds: no flows of class '{class}'")))?;
    if !quiet {
        eprintln!("flowclass: leaving out each kind of {class} in turn");
    }
    let held = leave_each_kind_out(set, algorithm, index, &GUARD_SHAPES, true)?;
    anyhow::ensure!(
        !held.is_empty(),
        "--leave-out-kinds: the labels give {class} flows no kind"
    );
    writeln!(
        out,
        "leave-one-kind-out ({class}): each kind trained without every scenario that holds it; share of its flows given each label"
    )?;
    let width = held.iter().map(|h| h.kind.len()).max().unwrap_or(4).max(4);
    write!(out, "  {:width$}  scenarios  flows", "kind")?;
    for name in &set.class_names {
        write!(out, "  {name:>10}")?;
    }
    // The model's guard is the sweep's first shape (per class, untrimmed) at its threshold; it
    // keeps flows in `class` only when `class` is what it answers.
    let min_outside = guard.and_then(|g| g.min_outside_for(index));
    let kept = |h: &HeldOutKind| h.share_kept(index, min_outside);
    if let Some(min_outside) = min_outside {
        write!(out, "  {class} with guard >= {min_outside}")?;
    }
    writeln!(out)?;
    for h in &held {
        write!(
            out,
            "  {:width$}  {:>9}  {:>5}",
            h.kind, h.scenarios, h.flows
        )?;
        for c in 0..set.class_names.len() {
            write!(out, "  {:>10.3}", h.share(c))?;
        }
        if min_outside.is_some() {
            write!(out, "  {:>10.3}", kept(h))?;
        }
        writeln!(out)?;
    }
    let shares: Vec<f64> = held.iter().map(kept).collect();
    let lowest = held
        .iter()
        .zip(&shares)
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(h, s)| format!("{} {s:.3}", h.kind))
        .unwrap_or_default();
    writeln!(
        out,
        "  mean share kept {class}{}: {:.3} over {} kinds; lowest: {lowest}",
        if min_outside.is_some() {
            " (with the guard)"
        } else {
            ""
        },
        shares.iter().sum::<f64>() / shares.len() as f64,
        held.len()
    )?;
    let sweep = GuardSweep {
        set,
        class: index,
        held: &held,
        cv,
        outside: outside_out_of_fold(set, cv, &GUARD_SHAPES),
    };
    sweep.print_ranges(out)?;
    sweep.print_neighbours(out, min_outside)?;
    Ok(())
}

/// The shapes of ranges the novelty guard is measured with: trims, per class and per kind.
const GUARD_SHAPES: [GuardShape; 6] = [
    GuardShape::MODEL,
    guard_shape(0.001, false),
    guard_shape(0.01, false),
    guard_shape(0.0, true),
    guard_shape(0.001, true),
    guard_shape(0.01, true),
];

const fn guard_shape(trim: f64, per_kind: bool) -> GuardShape {
    GuardShape { trim, per_kind }
}

/// Numbers of features outside its class's range at which the guard is measured.
const GUARD_THRESHOLDS: [usize; 7] = [1, 2, 3, 5, 8, 13, 21];

/// Novelties above which the nearest-neighbour guard is measured.
const NOVELTY_THRESHOLDS: [f64; 5] = [0.95, 0.98, 0.99, 0.995, 0.999];

/// What novelty guards of other shapes would do with the flows of held-out kinds of `class` and
/// with the cross-validation's out-of-fold predictions, each sending flows to `class`.
struct GuardSweep<'a> {
    set: &'a LabeledSet,
    class: usize,
    held: &'a [HeldOutKind],
    cv: &'a CvReport,
    /// Per flow of the set, its features outside its predicted class's ranges, per shape of
    /// [`GUARD_SHAPES`].
    outside: Vec<Vec<usize>>,
}

impl GuardSweep<'_> {
    /// Range guards ([`flowclass::model::Envelope`]) of each shape and threshold.
    fn print_ranges(&self, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(
            out,
            "  novelty guard (a flow outside its class's ranges on >= m features goes to {}):",
            self.set.class_names[self.class]
        )?;
        writeln!(
            out,
            "    ranges     trim      m  held-out mean  lowest  cv macro-F1"
        )?;
        for (t, shape) in GUARD_SHAPES.iter().enumerate() {
            let (trim, ranges) = (
                shape.trim,
                if shape.per_kind {
                    "per kind "
                } else {
                    "per class"
                },
            );
            for m in GUARD_THRESHOLDS {
                let shares: Vec<f64> = self
                    .held
                    .iter()
                    .map(|h| h.share_guarded(self.class, t, m))
                    .collect();
                let guarded: Vec<usize> = self
                    .cv
                    .predictions
                    .iter()
                    .zip(&self.outside)
                    .map(|(&p, o)| if o[t] >= m { self.class } else { p })
                    .collect();
                self.print_row(
                    out,
                    &format!("{ranges}  {trim:<6}  {m:>3}"),
                    &shares,
                    &guarded,
                )?;
            }
        }
        Ok(())
    }

    /// A nearest-neighbour guard ([`flowclass::eval::Neighbours`]) at each threshold, alone and
    /// beside the model's ranges (`min_outside` of [`GUARD_SHAPES`]'s first shape, per class and
    /// untrimmed).
    fn print_neighbours(
        &self,
        out: &mut dyn Write,
        min_outside: Option<usize>,
    ) -> anyhow::Result<()> {
        let (set, class) = (self.set, self.class);
        let novelty = novelty_out_of_fold(set, self.cv, class);
        writeln!(
            out,
            "  nearest-neighbour guard (a flow farther from its class's training flows than the share q of their reaches goes to {}):",
            set.class_names[class]
        )?;
        writeln!(
            out,
            "    with ranges      q  held-out mean  lowest  cv macro-F1"
        )?;
        let variants = [None].into_iter().chain(min_outside.map(Some));
        for ranges in variants {
            let label = ranges.map_or("no".to_string(), |m| format!("m >= {m}"));
            for q in NOVELTY_THRESHOLDS {
                let shares: Vec<f64> = self
                    .held
                    .iter()
                    .map(|h| h.share_novel(class, q, ranges.map(|m| (0, m))))
                    .collect();
                let guarded: Vec<usize> = (0..set.len())
                    .map(|row| {
                        let out_of_range = ranges.is_some_and(|m| self.outside[row][0] >= m);
                        if novelty[row] > q || out_of_range {
                            class
                        } else {
                            self.cv.predictions[row]
                        }
                    })
                    .collect();
                self.print_row(out, &format!("{label:<11}  {q:<5}"), &shares, &guarded)?;
            }
        }
        Ok(())
    }

    /// One row: its `settings`, the held-out kinds' mean and lowest `shares` sent to the class,
    /// and the macro-F1 of the cross-validation's `guarded` predictions.
    fn print_row(
        &self,
        out: &mut dyn Write,
        settings: &str,
        shares: &[f64],
        guarded: &[usize],
    ) -> anyhow::Result<()> {
        let set = self.set;
        let f1 = Metrics::compute(&set.class_names, &set.labels, guarded).macro_f1;
        writeln!(
            out,
            "    {settings}  {:>13.3}  {:>6.3}  {f1:>11.4}",
            shares.iter().sum::<f64>() / shares.len().max(1) as f64,
            shares.iter().copied().fold(f64::INFINITY, f64::min),
        )?;
        Ok(())
    }
}
