//! `flowclass features`: the table of every feature — name, unit, meaning — as the code defines it.

use clap::{Args, ValueEnum};

use super::Outcome;
use flowclass::features::{FeatureSettings, FlowFeatures};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    /// A Markdown table (for the README).
    Markdown,
    /// Comma-separated values.
    Csv,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  flowclass features --first-n 10 --format markdown")]
pub struct FeaturesArgs {
    /// How many leading packets get their own columns.
    #[arg(long, default_value_t = FeatureSettings::default().first_n)]
    pub first_n: usize,
    #[arg(long, value_enum, default_value_t = TableFormat::Markdown)]
    pub format: TableFormat,
}

pub fn run(args: FeaturesArgs) -> anyhow::Result<Outcome> {
    let settings = FeatureSettings {
        first_n: args.first_n,
        ..FeatureSettings::default()
    };
    let defs = FlowFeatures::describe(&settings);
    let stdout = std::io::stdout();
    match args.format {
        TableFormat::Markdown => {
            use std::io::Write;
            let mut out = stdout.lock();
            writeln!(out, "| # | feature | unit | meaning |")?;
            writeln!(out, "|---|---|---|---|")?;
            for (i, d) in defs.iter().enumerate() {
                writeln!(out, "| {} | `{}` | {} | {} |", i, d.name, d.unit, d.meaning)?;
            }
        }
        TableFormat::Csv => {
            let mut out = csv::Writer::from_writer(stdout.lock());
            out.write_record(["name", "unit", "meaning"])?;
            for d in &defs {
                out.write_record([&d.name, &d.unit, &d.meaning])?;
            }
            out.flush()?;
        }
    }
    Ok(Outcome::Success)
}
