//! Loading labeled flows for `train` and `eval`, telling the user what was found.

use std::path::{Path, PathBuf};

use super::report::print_reports;
use super::report_skipped_files;
use flowclass::dataset::load::{load as load_dataset, LoadedData};
use flowclass::extract::ExtractConfig;

/// Loads labeled data and reports on standard error; `input_failed` says whether any capture
/// could not be read to the end.
pub fn load(
    paths: &[PathBuf],
    labels: Option<&Path>,
    config: &ExtractConfig,
    quiet: bool,
) -> anyhow::Result<(LoadedData, bool)> {
    let data = load_dataset(paths, labels, config)?;
    if !quiet {
        report_skipped_files(&data.skipped_files);
    }
    let reports: Vec<_> = data.reports.iter().collect();
    let input_failed = print_reports(&reports, quiet);
    if !quiet {
        eprintln!(
            "flowclass: {} labeled flows from {} captures and {} feature files; {} ignored, {} without a label, {} labels without a flow",
            data.set.len(),
            data.set.capture_names.len(),
            data.feature_files,
            data.ignored,
            data.unlabeled,
            data.missing.len()
        );
    }
    Ok((data, input_failed))
}
