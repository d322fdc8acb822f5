//! `flowclass classify`: label every flow of the captures with the model, printing each flow as
//! soon as it ends — as an aligned table for people, or CSV / JSON lines for programs.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::live::LiveOptions;
use super::model_source::{load_model, model_config, model_name};
use super::output::RowWriter;
use super::parquet_output::run_parquet;
use super::{
    open_output, output_file, report::print_reports, resolve_source, DecapOptions, EarlyLimits,
    FlowOptions, InterfacesOption, Outcome,
};
use flowclass::dataset::feature_csv::{csv_field, push_flow_id};
use flowclass::dataset::numbers::{push_fixed4, push_integer};
use flowclass::extract::{CaptureInput, ExtractConfig};
use flowclass::features::FeatureSettings;
use flowclass::flow::FlowRecord;
use flowclass::model::{Labeler, PathStep, Prediction};
use flowclass::spread::Spread;
use flowclass::table::{classify_columns, encode_row, ClassifyRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns and a summary per label (the default on a terminal).
    Table,
    /// Comma-separated values with a header (the default otherwise).
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// A Parquet file of typed columns, those of the CSV (to -o FILE, or to standard output
    /// redirected).
    Parquet,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass classify capture.pcap\n  flowclass classify --format jsonl --min-confidence 0.8 captures/\n  flowclass classify -i eth0 --filter 'tcp port 443'   (built with --features live)"
)]
pub struct ClassifyArgs {
    /// Capture files or directories; `-` reads standard input.
    #[arg(required_unless_present = "interface", conflicts_with = "interface")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub live: LiveOptions,
    /// A model file (default: the model built into flowclass).
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Flows whose confidence is below this are labeled `unknown` (a tree's confidence is the
    /// smoothed share of its leaf's training flows, a forest's the share of trees voting).
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub min_confidence: f64,
    /// Show the decision path behind each label (for a forest: the votes, and the path of the
    /// most confident tree among those voting for the label).
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub early: EarlyLimits,
    #[command(flatten)]
    pub interfaces: InterfacesOption,
    #[command(flatten)]
    pub decap: DecapOptions,
    /// The flow table's settings: a cap on open flows bounds memory under a flood; other
    /// timeouts than the model's make flows it was not trained on (a warning says so).
    #[command(flatten)]
    pub flows: FlowOptions,
    /// Print each flow as soon as it has been measured up to the early-classification limit
    /// (--first-packets, --first-payload-packets, or the model's own), while it is still open, or
    /// as soon as a TCP flow closes if that comes first; its packets and bytes are then those
    /// seen up to that point.
    #[arg(long)]
    pub label_early: bool,
    /// Write here instead of standard output (`-` is standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Flows, packets and bytes per label, for the table's summary.
#[derive(Default, Clone, Copy)]
struct Tally {
    flows: u64,
    packets: u64,
    bytes: u64,
}

struct Classifier<'m> {
    /// The model, labelling with decision paths only for `--explain`.
    labeler: Labeler<'m>,
    config: ExtractConfig,
    format: Format,
    explain: bool,
    capture_width: usize,
    tally: Mutex<BTreeMap<String, Tally>>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    capture: &'a str,
    proto: &'a str,
    src_ip: String,
    src_port: u16,
    dst_ip: String,
    dst_port: u16,
    start: String,
    packets: u64,
    bytes: u64,
    label: &'a str,
    confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a [PathStep]>,
    /// With `--explain` and a forest: trees voting for each label, and the tree `path` is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    votes: Option<BTreeMap<&'a str, usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tree: Option<usize>,
    /// With `--explain`, when the novelty guard overruled the classifier: what it had said and
    /// the features outside that label's training ranges.
    #[serde(skip_serializing_if = "Option::is_none")]
    overruled: Option<JsonOverruled<'a>>,
}

#[derive(Serialize)]
struct JsonOverruled<'a> {
    label: &'a str,
    confidence: f64,
    outside: Vec<&'a str>,
}

impl Classifier<'_> {
    fn header(&self, out: &mut dyn Write) -> std::io::Result<()> {
        match self.format {
            Format::Csv => {
                let columns: Vec<String> = classify_columns(self.explain)
                    .into_iter()
                    .map(|c| c.name)
                    .collect();
                writeln!(out, "{}", columns.join(","))
            }
            Format::Table => writeln!(
                out,
                "{:<cw$} {:<5} {:>21} {:>21} {:>17} {:>8} {:>12} {:<10} {:>6}",
                "capture",
                "proto",
                "source",
                "destination",
                "start",
                "packets",
                "bytes",
                "label",
                "conf",
                cw = self.capture_width
            ),
            Format::Jsonl | Format::Parquet => Ok(()),
        }
    }

    fn write_prediction(&self, flow: &FlowRecord, out: &mut dyn Write) -> std::io::Result<()> {
        let prediction = self
            .labeler
            .predict(&flow.features)
            .map_err(std::io::Error::other)?;
        let label = self.labeler.label(&prediction);
        {
            let mut tally = self.tally.lock().expect("tally lock");
            let entry = tally.entry(label.to_string()).or_default();
            entry.flows += 1;
            entry.packets += flow.packets;
            entry.bytes += flow.bytes;
        }
        let e = &flow.endpoints;
        match self.format {
            Format::Csv => {
                let mut row = Vec::with_capacity(160);
                push_flow_id(&mut row, flow);
                for count in [flow.packets, flow.bytes] {
                    row.push(b',');
                    push_integer(&mut row, count);
                }
                row.push(b',');
                row.extend_from_slice(label.as_bytes());
                row.push(b',');
                push_fixed4(&mut row, prediction.confidence);
                if self.explain {
                    row.push(b',');
                    row.extend_from_slice(csv_field(&self.explanation(&prediction)).as_bytes());
                }
                row.push(b'\n');
                out.write_all(&row)
            }
            Format::Table => {
                writeln!(
                    out,
                    "{:<cw$} {:<5} {:>21} {:>21} {:>17} {:>8} {:>12} {:<10} {:>6.3}",
                    flow.capture,
                    e.transport,
                    endpoint(e.src_ip, e.src_port),
                    endpoint(e.dst_ip, e.dst_port),
                    flow.start.to_string(),
                    flow.packets,
                    flow.bytes,
                    label,
                    prediction.confidence,
                    cw = self.capture_width
                )?;
                if self.explain {
                    writeln!(out, "    because {}", self.explanation(&prediction))?;
                }
                Ok(())
            }
            Format::Jsonl => {
                let row = JsonRow {
                    capture: &flow.capture,
                    proto: e.transport.as_str(),
                    src_ip: e.src_ip.to_string(),
                    src_port: e.src_port,
                    dst_ip: e.dst_ip.to_string(),
                    dst_port: e.dst_port,
                    start: flow.start.to_string(),
                    packets: flow.packets,
                    bytes: flow.bytes,
                    label,
                    confidence: prediction.confidence,
                    path: self.explain.then_some(prediction.path.as_slice()),
                    votes: prediction
                        .forest
                        .as_ref()
                        .filter(|_| self.explain)
                        .map(|vote| self.votes(&vote.votes)),
                    tree: prediction
                        .forest
                        .as_ref()
                        .filter(|_| self.explain)
                        .map(|vote| vote.tree),
                    overruled: self.json_overruled(&prediction),
                };
                serde_json::to_writer(&mut *out, &row).map_err(std::io::Error::other)?;
                writeln!(out)
            }
            Format::Parquet => {
                let explanation = self.explain.then(|| self.explanation(&prediction));
                let mut row = Vec::with_capacity(128);
                let row_values = ClassifyRow {
                    flow,
                    label,
                    confidence: prediction.confidence,
                    explanation: explanation.as_deref(),
                };
                encode_row(&row_values, &mut row);
                out.write_all(&row)
            }
        }
    }

    /// Votes per label, every label included.
    fn votes(&self, votes: &[usize]) -> BTreeMap<&str, usize> {
        self.labeler
            .model
            .classes
            .iter()
            .enumerate()
            .map(|(i, class)| (class.as_str(), votes.get(i).copied().unwrap_or(0)))
            .collect()
    }

    /// With `--explain`, what the novelty guard overruled.
    fn json_overruled(&self, prediction: &Prediction) -> Option<JsonOverruled<'_>> {
        let o = prediction.overruled.as_ref().filter(|_| self.explain)?;
        Some(JsonOverruled {
            label: &self.labeler.model.classes[o.class],
            confidence: o.confidence,
            outside: self.feature_names(&o.outside),
        })
    }

    fn feature_names(&self, features: &[usize]) -> Vec<&str> {
        let names = &self.labeler.model.schema.names;
        features.iter().map(|&f| names[f].as_str()).collect()
    }

    /// The decision path; for a forest, the votes first and which tree the path is from; when
    /// the novelty guard overruled the classifier, that first.
    fn explanation(&self, prediction: &Prediction) -> String {
        let classes = &self.labeler.model.classes;
        let guard = prediction.overruled.as_ref().map(|o| {
            format!(
                "novelty guard: outside {}'s training ranges on {} features ({}); the classifier said {} ({:.3}): ",
                classes[o.class],
                o.outside.len(),
                self.feature_names(&o.outside).join(", "),
                classes[o.class],
                o.confidence
            )
        });
        let path = describe_path(&prediction.path);
        let Some(vote) = &prediction.forest else {
            return guard.unwrap_or_default() + &path;
        };
        let votes: Vec<String> = self
            .labeler
            .model
            .classes
            .iter()
            .enumerate()
            .map(|(i, class)| format!("{class} {}", vote.votes.get(i).copied().unwrap_or(0)))
            .collect();
        format!(
            "{}votes {} of {} trees; tree {}: {path}",
            guard.unwrap_or_default(),
            votes.join(", "),
            vote.votes.iter().sum::<usize>(),
            vote.tree
        )
    }

    fn summary(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let tally = self.tally.lock().expect("tally lock");
        let total_bytes: u64 = tally.values().map(|t| t.bytes).sum();
        writeln!(out)?;
        writeln!(
            out,
            "{:<10} {:>8} {:>10} {:>14} {:>8}",
            "label", "flows", "packets", "bytes", "bytes %"
        )?;
        for (label, t) in tally.iter() {
            let share = if total_bytes > 0 {
                100.0 * t.bytes as f64 / total_bytes as f64
            } else {
                0.0
            };
            writeln!(
                out,
                "{label:<10} {:>8} {:>10} {:>14} {share:>8.1}",
                t.flows, t.packets, t.bytes
            )?;
        }
        Ok(())
    }
}

/// How much of each flow features measured under `settings` see, in words.
fn view(settings: &FeatureSettings) -> String {
    match (settings.packet_limit, settings.payload_packet_limit) {
        (None, None) => "whole flows".to_string(),
        (Some(n), None) => format!("the first {n} packets"),
        (None, Some(n)) => format!("the first {n} payload packets"),
        (Some(n), Some(p)) => format!("the first {n} packets or {p} payload packets"),
    }
}

impl RowWriter for Classifier<'_> {
    fn config(&self) -> &ExtractConfig {
        &self.config
    }

    fn write_flow(
        &self,
        _input: &CaptureInput,
        flow: &FlowRecord,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        self.write_prediction(flow, out)
    }
}

fn endpoint(ip: std::net::IpAddr, port: u16) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => format!("{v4}:{port}"),
        std::net::IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}

/// `feature = value <= threshold` steps, root first.
pub fn describe_path(path: &[PathStep]) -> String {
    path.iter()
        .map(|s| {
            format!(
                "{} = {} {} {}",
                s.feature_name,
                s.value,
                if s.went_left { "<=" } else { ">" },
                s.threshold
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn run(args: ClassifyArgs, spread: Option<Spread>) -> anyhow::Result<Outcome> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        super::usage!(
            "--min-confidence must be between 0 and 1, not {}",
            args.min_confidence
        );
    }
    let mut model = load_model(args.model.as_deref())?;
    let mut config = model_config(
        &model,
        &model_name(args.model.as_deref()),
        args.early,
        &args.decap,
    )?;
    config.interfaces = args.interfaces.mode();
    config.flow = args.flows.apply(config.flow)?;
    let (trained_on, measured) = (view(&model.schema.settings), view(&config.features));
    if !args.quiet && measured != trained_on {
        eprintln!(
            "flowclass: warning: the model was trained on {trained_on}; its labels from {measured} \
             are less accurate (flowclass eval --curve measures by how much)"
        );
    }
    let (trained, cut) = (model.schema.flow, config.flow);
    if !args.quiet
        && (trained.idle_timeout, trained.active_timeout) != (cut.idle_timeout, cut.active_timeout)
    {
        eprintln!(
            "flowclass: warning: the model was trained on flows ended by {} s of silence or after \
             {} s; flows cut otherwise may be labelled less accurately",
            trained.idle_timeout.as_secs_f64(),
            trained.active_timeout.as_secs_f64()
        );
    }
    if args.label_early {
        let limits = (
            config.features.packet_limit,
            config.features.payload_packet_limit,
        );
        if limits == (None, None) {
            super::usage!(
                "--label-early needs an early-classification limit: --first-packets, \
                 --first-payload-packets, or a model trained with one"
            );
        }
        config.emit_when_measured = true;
    }
    let (source, progress) = resolve_source(&args.paths, &args.live, args.quiet)?;
    let output = output_file(args.output.as_deref());
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if to_terminal {
        Format::Table
    } else {
        Format::Csv
    });
    let capture_width = source
        .names()
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(7)
        .max(7);
    // Without --explain a forest is only walked, and it is walked through its flat layout.
    let layout = if args.explain {
        None
    } else {
        model.take_forest_layout()?
    };
    let labeler = match layout {
        Some(layout) => Labeler::forest_votes(&model, layout, args.min_confidence),
        None => Labeler::new(&model, args.min_confidence, args.explain)?,
    };
    let classifier = Classifier {
        labeler,
        config,
        format,
        explain: args.explain,
        capture_width,
        tally: Mutex::default(),
    };
    let reports = if format == Format::Parquet {
        let columns = classify_columns(args.explain);
        run_parquet(
            source,
            &classifier,
            &columns,
            output,
            &progress,
            spread,
            args.quiet,
        )?
    } else {
        let mut out = open_output(output, &progress)?;
        classifier.header(&mut out)?;
        let reports = source.run(&classifier, &mut out, &progress, spread, args.quiet)?;
        if format == Format::Table {
            classifier.summary(&mut out)?;
        }
        out.flush()?;
        reports
    };
    progress.finish();
    let reports: Vec<_> = reports.iter().collect();
    Ok(Outcome::from_failure(print_reports(&reports, args.quiet)))
}
