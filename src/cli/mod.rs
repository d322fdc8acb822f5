//! The command line: clap definitions, turned into validated configurations, handed to the
//! library. Each subcommand lives in its own module.

mod classify;
mod cv_predictions;
mod data;
mod decap;
mod eval;
mod explain;
mod extract;
mod feature_patterns;
mod features;
mod live;
mod model_source;
mod output;
mod parquet_output;
mod progress;
mod report;
mod scores;
mod train;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use decap::DecapOptions;
use flowclass::extract::{find_captures, CaptureInput, ExtractConfig};
use flowclass::features::FeatureSettings;
use flowclass::flow::FlowConfig;
use flowclass::interfaces::Interfaces;
use flowclass::spread::Spread;
use progress::Progress;

/// Classify encrypted network flows — BitTorrent, WebSocket, HTTP — from their shape.
#[derive(Debug, Parser)]
#[command(name = "flowclass", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Worker threads for parallel work (default: one per core). Several captures are read in
    /// parallel, one per thread; a single capture (or standard input) given with -j N above 1 is
    /// read by one thread that hands its flows to N flow workers.
    #[arg(short = 'j', long, global = true)]
    jobs: Option<usize>,
    /// With -j N on a single capture: print the rows in the order of the packets at which their
    /// flows ended, the same run to run and nearly always the order -j 1 prints them in
    /// (otherwise the same rows come in the order the workers finish them).
    #[arg(long, global = true)]
    ordered: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Label every flow of captures as bittorrent, websocket, http or other.
    Classify(classify::ClassifyArgs),
    /// Train a model from labeled captures, with grouped cross-validation.
    Train(train::TrainArgs),
    /// Score a model on labeled captures.
    Eval(eval::EvalArgs),
    /// Show a model: a tree as rules, a forest summed up (--tree N: one of its trees), with
    /// feature importances and training metadata.
    Explain(explain::ExplainArgs),
    /// Turn captures into one CSV row of features per flow.
    Extract(extract::ExtractArgs),
    /// Print the table of features: name, unit, meaning.
    Features(features::FeaturesArgs),
}

/// A command line that parses but does not make sense (exit status 2, like clap's own errors).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Fails with a [`UsageError`].
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::cli::UsageError(format!($($arg)*))))
    };
}
pub(crate) use usage;

/// How the run went, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// At least one input failed; the others were processed.
    InputFailed,
}

impl Outcome {
    fn from_failure(failed: bool) -> Outcome {
        if failed {
            Outcome::InputFailed
        } else {
            Outcome::Success
        }
    }
}

/// Flow and feature settings shared by every command that extracts features for itself.
#[derive(Debug, Clone, Args)]
pub struct ExtractOptions {
    /// How many leading packets get their own size and gap columns.
    #[arg(long, default_value_t = FeatureSettings::default().first_n)]
    pub first_n: usize,
    #[command(flatten)]
    pub early: EarlyLimits,
    #[command(flatten)]
    pub flows: FlowOptions,
    #[command(flatten)]
    pub interfaces: InterfacesOption,
    #[command(flatten)]
    pub decap: DecapOptions,
}

/// How the interfaces of a pcapng are read.
#[derive(Debug, Clone, Copy, Args)]
pub struct InterfacesOption {
    /// A packet seen on several interfaces of a pcapng (a bridge and its ports captured together)
    /// counts each time (merged, the default) or once (deduplicated: a packet with the same
    /// endpoints, sizes and TCP flags that another interface gave within 10 ms is dropped).
    #[arg(long, value_enum, default_value_t = InterfacesArg::Merged)]
    pub interfaces: InterfacesArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InterfacesArg {
    Merged,
    Deduplicated,
}

impl InterfacesOption {
    pub fn mode(self) -> Interfaces {
        match self.interfaces {
            InterfacesArg::Merged => Interfaces::Merged,
            InterfacesArg::Deduplicated => Interfaces::Deduplicated,
        }
    }
}

impl ExtractOptions {
    pub fn config(&self) -> anyhow::Result<ExtractConfig> {
        let mut features = FeatureSettings {
            first_n: self.first_n,
            ..FeatureSettings::default()
        };
        self.early.apply(&mut features)?;
        Ok(ExtractConfig {
            flow: self.flows.apply(FlowConfig::default())?,
            features,
            decap: self.decap.config()?,
            emit_when_measured: false,
            interfaces: self.interfaces.mode(),
        })
    }
}

/// When flows end and how many may be open: the flow table's settings (features aside). Each
/// one given replaces the base's (extract's defaults, or the model's for classify).
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct FlowOptions {
    /// Seconds of silence that end a flow [default: 120, or the model's].
    #[arg(long, value_name = "SECONDS")]
    pub idle_timeout: Option<f64>,
    /// Seconds after which a long flow is cut [default: 1800, or the model's].
    #[arg(long, value_name = "SECONDS")]
    pub active_timeout: Option<f64>,
    /// Most flows open at once; past it the oldest idle flow is ended early [default: 1000000].
    #[arg(long, value_name = "N")]
    pub max_flows: Option<usize>,
}

impl FlowOptions {
    /// `base` with the options given in place of its own.
    pub fn apply(&self, base: FlowConfig) -> anyhow::Result<FlowConfig> {
        let seconds =
            |value: Option<f64>, name: &str, default: Duration| -> anyhow::Result<Duration> {
                let Some(value) = value else {
                    return Ok(default);
                };
                if !(value.is_finite() && value > 0.0) {
                    usage!("--{name} must be a positive number of seconds, not {value}");
                }
                Ok(Duration::from_secs_f64(value))
            };
        if self.max_flows == Some(0) {
            usage!("--max-flows must be at least 1");
        }
        Ok(FlowConfig {
            idle_timeout: seconds(self.idle_timeout, "idle-timeout", base.idle_timeout)?,
            active_timeout: seconds(self.active_timeout, "active-timeout", base.active_timeout)?,
            max_open_flows: self.max_flows.unwrap_or(base.max_open_flows),
            ..base
        })
    }
}

/// Early classification: how much of each flow is measured.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct EarlyLimits {
    /// Measure only the first N packets of each flow (early classification).
    #[arg(long, value_name = "N")]
    pub first_packets: Option<u64>,
    /// Measure each flow only up to its N-th packet that carries payload (early classification
    /// that does not count TCP handshakes and bare acknowledgements).
    #[arg(long, value_name = "N")]
    pub first_payload_packets: Option<u64>,
}

impl EarlyLimits {
    /// Whether any limit was given.
    pub fn any(&self) -> bool {
        self.first_packets.is_some() || self.first_payload_packets.is_some()
    }

    /// Puts the given limits in `settings`, in place of the limits it had; with neither given,
    /// `settings` keeps its own.
    pub fn apply(&self, settings: &mut FeatureSettings) -> anyhow::Result<()> {
        if self.first_packets == Some(0) {
            usage!("--first-packets must be at least 1");
        }
        if self.first_payload_packets == Some(0) {
            usage!("--first-payload-packets must be at least 1");
        }
        if self.any() {
            settings.packet_limit = self.first_packets;
            settings.payload_packet_limit = self.first_payload_packets;
        }
        Ok(())
    }
}

/// The live interface of `-i` when one is given, otherwise the capture files among `paths`; with
/// a progress bar sized to the files.
fn resolve_source(
    paths: &[PathBuf],
    live: &live::LiveOptions,
    quiet: bool,
) -> anyhow::Result<(output::Source, Progress)> {
    if live.filter.is_some() && live.interface.is_none() {
        usage!("--filter filters a live capture: it needs -i IFACE");
    }
    if let Some(capture) = live::open(live)? {
        return Ok((output::Source::Live(capture), Progress::new(true, None)));
    }
    let (inputs, progress) = resolve_inputs(paths, quiet)?;
    Ok((output::Source::Files(inputs), progress))
}

/// Expands the inputs and makes a progress bar sized to them.
fn resolve_inputs(paths: &[PathBuf], quiet: bool) -> anyhow::Result<(Vec<CaptureInput>, Progress)> {
    let found = find_captures(paths).context("cannot list the inputs")?;
    if !quiet {
        report_skipped_files(&found.skipped);
    }
    let inputs = found.captures;
    if inputs.is_empty() {
        bail!(
            "no capture files found in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if inputs.iter().filter(|i| i.is_stdin()).count() > 1 {
        usage!("standard input (-) can be read only once");
    }
    let total = if inputs.iter().any(|i| i.is_stdin()) {
        None
    } else {
        Some(
            inputs
                .iter()
                .filter_map(|i| std::fs::metadata(&i.path).ok())
                .map(|m| m.len())
                .sum(),
        )
    };
    Ok((inputs, Progress::new(quiet, total)))
}

/// Says which files of the directories given were skipped for not being captures.
pub fn report_skipped_files(skipped: &[PathBuf]) {
    const NAMED: usize = 3;
    if skipped.is_empty() {
        return;
    }
    let mut names: Vec<String> = skipped
        .iter()
        .take(NAMED)
        .map(|p| p.display().to_string())
        .collect();
    if skipped.len() > NAMED {
        names.push(format!("and {} more", skipped.len() - NAMED));
    }
    eprintln!(
        "flowclass: skipped {} files that are not pcap or pcapng captures: {}",
        skipped.len(),
        names.join(", ")
    );
}

/// The file an `-o` option names: none for `-`, which is standard output, as without the option.
fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| *path != Path::new("-"))
}

/// Standard output (written with `progress`'s bar cleared first), or a file.
fn open_output(path: Option<&Path>, progress: &Progress) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(
            1 << 16,
            progress.around(io::stdout().lock()),
        )),
    })
}

/// Parses the command line and runs it.
pub fn run() -> anyhow::Result<Outcome> {
    // The long version describes the built-in model, which takes parsing it: only for --version.
    let matches = match Cli::command().try_get_matches() {
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => Cli::command()
            .long_version(model_source::long_version())
            .get_matches(),
        parsed => parsed.unwrap_or_else(|e| e.exit()),
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Some(jobs) = cli.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let spread = cli.jobs.filter(|jobs| *jobs > 1).map(|workers| Spread {
        workers,
        ordered: cli.ordered,
    });
    match cli.command {
        Command::Classify(args) => classify::run(args, spread),
        Command::Train(args) => train::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Extract(args) => extract::run(args, spread),
        Command::Features(args) => features::run(args),
    }
}
