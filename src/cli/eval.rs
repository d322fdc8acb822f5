//! `flowclass eval`: score a model on labeled captures ([`Evaluation`] does the scoring) and
//! print the scores for people or as JSON, or draw them.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::data::load;
use super::model_source::{load_model, model_config, model_name};
use super::scores::{print_breakdowns, print_confusion, print_metrics};
use super::{DecapOptions, EarlyLimits, InterfacesOption, Outcome};
use flowclass::eval::{CurveCounts, Evaluation};
use flowclass::plot::write_charts;

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

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass eval datasets/mixed --labels datasets/labels.csv\n  flowclass eval --model my.json --json --curve captures/ > scores.json\n  flowclass eval datasets --labels datasets/labels.csv --curve --plot charts/"
)]
pub struct EvalArgs {
    /// Labeled captures or directories, feature CSVs, labels CSVs.
    #[arg(required = true)]
    pub data: Vec<PathBuf>,
    /// A labels CSV for the captures, or a capture's truth file (NAME.truth.csv).
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
    pub interfaces: InterfacesOption,
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

pub fn run(args: EvalArgs) -> anyhow::Result<Outcome> {
    let model = load_model(args.model.as_deref())?;
    let name = model_name(args.model.as_deref());
    let mut config = model_config(&model, &name, args.early, &args.decap)?;
    config.interfaces = args.interfaces.mode();
    let (mut data, failed) = load(&args.data, args.labels.as_deref(), &config, args.quiet)?;
    let mut evaluation = Evaluation::score(&model, &mut data)?;
    let counts = CurveCounts::from(args.curve_counts);
    if args.curve {
        let mut own = model_config(&model, &name, EarlyLimits::default(), &args.decap)?;
        own.interfaces = config.interfaces;
        evaluation.add_curve(&model, &args.data, args.labels.as_deref(), &own, counts)?;
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
