//! `flowclass extract`: captures in, one CSV row of identifiers and features per flow out.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::numbers::{push_integer, push_number};
use super::output::{
    csv_field, push_flow_id, push_timestamp, run_inputs, RowWriter, FLOW_ID_COLUMNS,
};
use super::{open_output, report::print_reports, resolve_inputs, ExtractOptions, Outcome};
use flowclass::extract::{CaptureInput, ExtractConfig};
use flowclass::features::FlowFeatures;
use flowclass::flow::FlowRecord;
use flowclass::spread::Spread;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  flowclass extract capture.pcap > flows.csv\n  flowclass extract datasets/ -o flows.csv        (label column from datasets/<label>/...)\n  tcpdump -i eth0 -w - | flowclass extract -"
)]
pub struct ExtractArgs {
    /// Capture files or directories (searched recursively for .pcap, .pcapng, .cap); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the CSV here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
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
        let mut row = Vec::with_capacity(160 + 12 * flow.features.len());
        push_flow_id(&mut row, flow);
        row.push(b',');
        push_timestamp(&mut row, flow.end);
        for count in [flow.packets, flow.bytes] {
            row.push(b',');
            push_integer(&mut row, count);
        }
        for value in &flow.features {
            row.push(b',');
            push_number(&mut row, *value);
        }
        if self.label_column {
            let label = self
                .fixed_label
                .as_deref()
                .or(input.label.as_deref())
                .unwrap_or("");
            row.push(b',');
            row.extend_from_slice(csv_field(label).as_bytes());
        }
        row.push(b'\n');
        out.write_all(&row)
    }
}

pub fn run(args: ExtractArgs, spread: Option<Spread>) -> anyhow::Result<Outcome> {
    let config = args.extraction.config()?;
    let (inputs, progress) = resolve_inputs(&args.paths, args.quiet)?;
    let label_column = args.label.is_some() || inputs.iter().any(|i| i.label.is_some());
    let mut out = open_output(args.output.as_deref())?;
    let mut header = csv::Writer::from_writer(&mut out);
    let mut columns: Vec<String> = FLOW_ID_COLUMNS
        .iter()
        .chain(&["end", "packets", "bytes"])
        .map(|c| c.to_string())
        .collect();
    columns.extend(
        FlowFeatures::describe(&config.features)
            .into_iter()
            .map(|d| d.name),
    );
    if label_column {
        columns.push("label".into());
    }
    header.write_record(&columns)?;
    header.flush()?;
    drop(header);
    let rows = FeatureRows {
        config,
        label_column,
        fixed_label: args.label,
    };
    let reports = run_inputs(&inputs, &rows, &mut out, &progress, spread)?;
    out.flush()?;
    progress.finish();
    let reports: Vec<_> = reports.iter().collect();
    Ok(Outcome::from_failure(print_reports(&reports, args.quiet)))
}
