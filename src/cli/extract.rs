//! `flowclass extract`: captures in, one CSV row of identifiers and features per flow out.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;

use super::output::{push_id_fields, push_number, run_inputs, RowWriter, ID_COLUMNS};
use super::progress::Progress;
use super::{open_output, report::print_reports, resolve_inputs, ExtractOptions, Outcome};
use flowclass::extract::{extract_reader, CaptureInput, CaptureReport, ExtractConfig};
use flowclass::features::FlowFeatures;

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
    fn write_capture(
        &self,
        input: &CaptureInput,
        source: &mut dyn Read,
        out: &mut dyn Write,
        progress: &Progress,
    ) -> CaptureReport {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        let label = self
            .fixed_label
            .as_deref()
            .or(input.label.as_deref())
            .unwrap_or("");
        let (mut record, mut scratch) = (csv::ByteRecord::new(), String::new());
        let mut write_error = None;
        let mut report = extract_reader(&input.name(), source, &self.config, |flow| {
            progress.flow_done();
            if write_error.is_some() {
                return;
            }
            record.clear();
            push_id_fields(&mut record, &flow, &mut scratch);
            for value in &flow.features {
                push_number(&mut record, *value, &mut scratch);
            }
            if self.label_column {
                record.push_field(label.as_bytes());
            }
            if let Err(e) = writer.write_byte_record(&record) {
                write_error = Some(e);
            }
        });
        if let Some(e) = write_error.or_else(|| writer.flush().err().map(csv::Error::from)) {
            report
                .error
                .get_or_insert(flowclass::error::CaptureError::Io {
                    offset: report.bytes,
                    source: std::io::Error::other(e.to_string()),
                });
        }
        report
    }
}

pub fn run(args: ExtractArgs) -> anyhow::Result<Outcome> {
    let config = args.extraction.config()?;
    let (inputs, progress) = resolve_inputs(&args.paths, args.quiet)?;
    let label_column = args.label.is_some() || inputs.iter().any(|i| i.label.is_some());
    let mut out = open_output(args.output.as_deref())?;
    let mut header = csv::Writer::from_writer(&mut out);
    let mut columns: Vec<String> = ID_COLUMNS.iter().map(|c| c.to_string()).collect();
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
    let reports = run_inputs(&inputs, &rows, &mut out, &progress)?;
    out.flush()?;
    progress.finish();
    let reports: Vec<_> = reports.iter().collect();
    Ok(Outcome::from_failure(print_reports(&reports, args.quiet)))
}
