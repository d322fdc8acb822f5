//! `flowclass extract`: captures in, one row of identifiers and features per flow out, as CSV or
//! Parquet.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::live::LiveOptions;
use super::output::RowWriter;
use super::parquet_output::run_parquet;
use super::{
    open_output, output_file, report::print_reports, resolve_source, ExtractOptions, Outcome,
};
use flowclass::dataset::feature_csv::write_row;
use flowclass::dataset::load::labels_beside;
use flowclass::extract::{CaptureInput, ExtractConfig};
use flowclass::features::FlowFeatures;
use flowclass::flow::FlowRecord;
use flowclass::spread::Spread;
use flowclass::table::{encode_row, extract_columns, ExtractRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Comma-separated values with a header.
    Csv,
    /// A Parquet file of typed columns (to -o FILE, or to standard output redirected).
    Parquet,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass extract capture.pcap > flows.csv\n  flowclass extract captures/ -o flows.csv        (label column from captures/<label>/...)\n  flowclass extract -i eth0 -o flows.csv        (built with --features live)"
)]
pub struct ExtractArgs {
    /// Capture files or directories (searched recursively for captures, told by their first
    /// bytes); `-` reads standard input.
    #[arg(required_unless_present = "interface", conflicts_with = "interface")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub live: LiveOptions,
    /// Write the rows here instead of standard output (`-` is standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Csv)]
    pub format: ExtractFormat,
    /// Put this label on every flow (overrides labels from a DIR/<label>/ layout).
    #[arg(long)]
    pub label: Option<String>,
    #[command(flatten)]
    pub extraction: ExtractOptions,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

struct FeatureRows {
    config: ExtractConfig,
    label_column: bool,
    fixed_label: Option<String>,
    format: ExtractFormat,
}

impl RowWriter for FeatureRows {
    fn config(&self) -> &ExtractConfig {
        &self.config
    }

    fn write_flow(
        &self,
        input: &CaptureInput,
        flow: &FlowRecord,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let label = self.label_column.then(|| {
            self.fixed_label
                .as_deref()
                .or(input.label.as_deref())
                .unwrap_or("")
        });
        match self.format {
            ExtractFormat::Csv => write_row(out, flow, label),
            ExtractFormat::Parquet => {
                let mut row = Vec::with_capacity(128 + 9 * flow.features.len());
                encode_row(&ExtractRow { flow, label }, &mut row);
                out.write_all(&row)
            }
        }
    }
}

pub fn run(args: ExtractArgs, spread: Option<Spread>) -> anyhow::Result<Outcome> {
    let config = args.extraction.config()?;
    let (source, progress) = resolve_source(&args.paths, &args.live, args.quiet)?;
    let label_column = args.label.is_some() || source.labelled();
    if label_column && args.label.is_none() && !args.quiet {
        if let Some(labels) = labels_beside(&args.paths) {
            eprintln!(
                "flowclass: warning: the label column comes from the names of the directories, \
                 not from {} beside them (give --label, or see `flowclass train --labels`)",
                labels.display()
            );
        }
    }
    let columns = extract_columns(
        FlowFeatures::describe(&config.features)
            .into_iter()
            .map(|d| d.name),
        label_column,
    );
    let rows = FeatureRows {
        config,
        label_column,
        fixed_label: args.label,
        format: args.format,
    };
    let output = output_file(args.output.as_deref());
    let reports = match args.format {
        ExtractFormat::Csv => {
            let mut out = open_output(output, &progress)?;
            let mut header_out = csv::Writer::from_writer(&mut out);
            header_out.write_record(columns.iter().map(|c| &c.name))?;
            header_out.flush()?;
            drop(header_out);
            let reports = source.run(&rows, &mut out, &progress, spread, args.quiet)?;
            out.flush()?;
            reports
        }
        ExtractFormat::Parquet => run_parquet(
            source, &rows, &columns, output, &progress, spread, args.quiet,
        )?,
    };
    progress.finish();
    let reports: Vec<_> = reports.iter().collect();
    Ok(Outcome::from_failure(print_reports(&reports, args.quiet)))
}
