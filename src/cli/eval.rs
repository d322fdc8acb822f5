//! `flowclass eval`: score a model on labeled captures — accuracy, per-class precision, recall
//! and F1, macro-F1, the confusion matrix, and breakdowns per capture, per scenario and per kind
//! of flow (the labels CSV's optional `kind` column: `dht`, `utp`, `tls`, ...).
//! Labeled flows that are not found in the captures count as errors.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::data::load;
use super::model_source::{load_model, model_config};
use super::scores::{print_breakdowns, print_confusion, print_metrics};
use super::{DecapOptions, EarlyLimits, Outcome};
use flowclass::dataset::IGNORE;
use flowclass::eval::{
    by_capture, by_kind, by_scenario, Breakdown, CurveCounts, CurvePoint, Metrics,
};
use flowclass::model::Model;
use flowclass::plot::write_charts;

/// Packet counts the early-classification curve is measured at (plus the whole flow).
pub const CURVE_POINTS: [u64; 4] = [3, 5, 10, 20];

/// `--curve-counts`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CurveCountsArg {
    Packets,
    PayloadPackets,
}

impl From<CurveCountsArg> for CurveCounts {
    fn from(arg: CurveCountsArg) -> Self {
        match arg {
            CurveCountsArg::Packets => CurveCounts::Packets,
            CurveCountsArg::PayloadPackets => CurveCounts::PayloadPackets,
        }
    }
}

/// The class name given to labeled flows the captures did not contain.
const MISSING: &str = "(missing)";

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass eval datasets/mixed --labels datasets/labels.csv\n  flowclass eval --model my.json --json --curve captures/ > scores.json\n  flowclass eval datasets --labels datasets/labels.csv --curve --plot charts/"
)]
pub struct EvalArgs {
    /// Labeled captures or directories, feature CSVs, labels CSVs.
    #[arg(required = true)]
    pub data: Vec<PathBuf>,
    /// A labels CSV for the captures.
    #[arg(long)]
    pub labels: Option<PathBuf>,
    /// A model file (default: the model built into flowclass).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Print the scores as JSON for programs.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub early: EarlyLimits,
    #[command(flatten)]
    pub decap: DecapOptions,
    /// Also report macro-F1 from the first 3, 5, 10 and 20 packets and from whole flows.
    #[arg(long)]
    pub curve: bool,
    /// What the curve counts: every packet, or only the packets that carry payload.
    #[arg(long, value_enum, default_value_t = CurveCountsArg::Packets, requires = "curve")]
    pub curve_counts: CurveCountsArg,
    /// Draw the scores as SVG charts into DIR: confusion.svg, scores.svg, curve.svg (with --curve).
    #[arg(long, value_name = "DIR")]
    pub plot: Option<PathBuf>,
    /// No summaries on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// One evaluation, as printed by `--json`.
#[derive(Debug, Serialize)]
pub struct Evaluation {
    pub metrics: Metrics,
    /// Labeled flows not found in the captures (counted as errors in `metrics`).
    pub missing: usize,
    pub by_capture: Vec<Breakdown>,
    pub by_scenario: Vec<Breakdown>,
    /// One row per kind of flow (`bittorrent/dht`, `http/tls`, ...) where the labels give kinds.
    pub by_kind: Vec<Breakdown>,
    /// Macro-F1 against the number of packets seen (`null` for whole flows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub curve: Vec<CurvePoint>,
    /// What the curve's `packets` count: `packets`, or `payload_packets` (with `--curve` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve_counts: Option<CurveCounts>,
}

/// Scores `model` on the labeled flows of `data`; also used for each point of the curve.
fn evaluate(
    model: &Model,
    data: &[PathBuf],
    labels: Option<&Path>,
    early: EarlyLimits,
    decap: &DecapOptions,
    quiet: bool,
) -> anyhow::Result<(Evaluation, bool)> {
    let config = model_config(model, early, decap)?;
    let (mut loaded, input_failed) = load(data, labels, &config, quiet)?;
    let set = &mut loaded.set;
    set.align_classes(&model.classes);
    let mut predicted = model.predict_rows(set.features.view())?;
    let (by_capture, by_scenario, by_kind) = (
        by_capture(set, &predicted),
        by_scenario(set, &predicted),
        by_kind(set, &predicted),
    );
    let mut classes = set.class_names.clone();
    let mut truth = set.labels.clone();
    let missing: Vec<usize> = loaded
        .missing
        .iter()
        .filter(|row| row.label != IGNORE)
        .map(|row| {
            classes
                .iter()
                .position(|c| *c == row.label)
                .unwrap_or_else(|| {
                    classes.push(row.label.clone());
                    classes.len() - 1
                })
        })
        .collect();
    if !missing.is_empty() {
        classes.push(MISSING.to_string());
        truth.extend(&missing);
        predicted.extend(std::iter::repeat_n(classes.len() - 1, missing.len()));
    }
    let mut metrics = Metrics::compute(&classes, &truth, &predicted);
    drop_missing_class(&mut metrics);
    Ok((
        Evaluation {
            metrics,
            missing: missing.len(),
            by_capture,
            by_scenario,
            by_kind,
            curve: Vec::new(),
            curve_counts: None,
        },
        input_failed,
    ))
}

/// Keeps the missing flows in the counts (they lower recall and accuracy) without making
/// "(missing)" a class of its own in the per-class table and the macro average.
fn drop_missing_class(metrics: &mut Metrics) {
    if metrics.per_class.last().is_some_and(|c| c.class == MISSING) {
        metrics.per_class.pop();
        let present: Vec<f64> = metrics
            .per_class
            .iter()
            .filter(|c| c.support > 0)
            .map(|c| c.f1)
            .collect();
        metrics.macro_f1 = if present.is_empty() {
            0.0
        } else {
            present.iter().sum::<f64>() / present.len() as f64
        };
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<Outcome> {
    let model = load_model(args.model.as_deref())?;
    let (mut evaluation, failed) = evaluate(
        &model,
        &args.data,
        args.labels.as_deref(),
        args.early,
        &args.decap,
        args.quiet,
    )?;
    let counts = CurveCounts::from(args.curve_counts);
    if args.curve {
        evaluation.curve_counts = Some(counts);
        for packets in CURVE_POINTS.iter().map(|n| Some(*n)).chain([None]) {
            let early = match counts {
                CurveCounts::Packets => EarlyLimits {
                    first_packets: packets,
                    first_payload_packets: None,
                },
                CurveCounts::PayloadPackets => EarlyLimits {
                    first_packets: None,
                    first_payload_packets: packets,
                },
            };
            let (point, _) = evaluate(
                &model,
                &args.data,
                args.labels.as_deref(),
                early,
                &args.decap,
                true,
            )?;
            evaluation.curve.push(CurvePoint {
                packets,
                macro_f1: point.metrics.macro_f1,
                accuracy: point.metrics.accuracy,
            });
        }
    }
    if let Some(dir) = &args.plot {
        let written = write_charts(dir, &evaluation.metrics, &evaluation.curve, counts)?;
        if !args.quiet {
            for path in written {
                eprintln!("flowclass: wrote {}", path.display());
            }
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &evaluation)?;
        writeln!(out)?;
    } else {
        print_human(&mut out, &evaluation)?;
    }
    Ok(Outcome::from_failure(failed))
}

fn print_human(out: &mut dyn Write, evaluation: &Evaluation) -> std::io::Result<()> {
    let metrics = &evaluation.metrics;
    print_metrics(out, "scores:", metrics)?;
    if evaluation.missing > 0 {
        writeln!(
            out,
            "  {} labeled flows were not found in the captures; they count as errors",
            evaluation.missing
        )?;
    }
    print_confusion(out, metrics)?;
    let classes = &metrics.classes;
    print_breakdowns(out, "per capture:", classes, &evaluation.by_capture)?;
    print_breakdowns(out, "per scenario:", classes, &evaluation.by_scenario)?;
    print_breakdowns(out, "per kind of flow:", classes, &evaluation.by_kind)?;
    if !evaluation.curve.is_empty() {
        let noun = evaluation.curve_counts.unwrap_or_default().noun();
        writeln!(out, "early classification (macro-F1 by {noun} seen):")?;
        for point in &evaluation.curve {
            writeln!(
                out,
                "  {:>4} {noun}  macro-F1 {:.4}  accuracy {:.4}",
                point.label(),
                point.macro_f1,
                point.accuracy
            )?;
        }
    }
    Ok(())
}
