//! Loading labeled flows for `train` and `eval`: captures (labeled by a labels CSV or by their
//! `DIR/<label>/` layout) and feature CSVs written by `extract`, into one [`LabeledSet`].

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use rayon::prelude::*;

use super::report::print_reports;
use flowclass::dataset::feature_csv::{read_feature_csv, split_labeled};
use flowclass::dataset::labels::{join, read_labels, LabelRow};
use flowclass::dataset::{from_layout, LabeledFlow, LabeledSet, IGNORE};
use flowclass::extract::{extract_path, find_captures, ExtractConfig};
use flowclass::features::FlowFeatures;
use flowclass::model::TrainingInput;

/// Labeled flows and what happened while gathering them.
pub struct LoadedData {
    pub set: LabeledSet,
    /// Every file read, with its digest.
    pub inputs: Vec<TrainingInput>,
    /// Label rows (for the captures given) that name no flow.
    pub missing: Vec<LabelRow>,
    /// Some input could not be read to the end.
    pub input_failed: bool,
}

/// Sorts the inputs into captures, feature CSVs and labels CSVs, reads them all with `config`,
/// and joins flows with labels.
pub fn load(
    paths: &[PathBuf],
    labels: Option<&Path>,
    config: &ExtractConfig,
    quiet: bool,
) -> anyhow::Result<LoadedData> {
    let mut label_files: Vec<PathBuf> = labels.map(Path::to_path_buf).into_iter().collect();
    let mut feature_files = Vec::new();
    let mut capture_paths = Vec::new();
    for path in paths {
        match csv_kind(path)? {
            Some(CsvKind::Labels) => label_files.push(path.clone()),
            Some(CsvKind::Features) => feature_files.push(path.clone()),
            None => capture_paths.push(path.clone()),
        }
    }
    let feature_names: Vec<String> = FlowFeatures::describe(&config.features)
        .into_iter()
        .map(|d| d.name)
        .collect();
    let captures = if capture_paths.is_empty() {
        Vec::new()
    } else {
        find_captures(&capture_paths).context("cannot list the inputs")?
    };
    if captures.is_empty() && feature_files.is_empty() {
        bail!("no captures or feature CSVs among the inputs");
    }
    let extracted: Vec<_> = captures
        .par_iter()
        .map(|input| (input.clone(), extract_path(&input.path, config)))
        .collect();
    let reports: Vec<_> = extracted.iter().map(|(_, e)| &e.report).collect();
    let input_failed = print_reports(&reports, quiet);
    let mut inputs: Vec<TrainingInput> = Vec::new();
    for path in captures
        .iter()
        .map(|c| &c.path)
        .chain(&feature_files)
        .chain(&label_files)
    {
        inputs.push(
            TrainingInput::hash_file(path)
                .with_context(|| format!("cannot read {}", path.display()))?,
        );
    }
    let captures_with_flows: Vec<_> = extracted
        .into_iter()
        .map(|(input, e)| (input, e.records))
        .collect();
    let (mut flows, mut unlabeled, mut missing) = (Vec::new(), 0, Vec::new());
    if label_files.is_empty() {
        let (labeled, rest) = from_layout(captures_with_flows);
        unlabeled += rest.len();
        flows.extend(labeled);
    } else {
        let mut rows = Vec::new();
        for file in &label_files {
            rows.extend(read_labels(file)?);
        }
        let given: HashSet<PathBuf> = captures
            .iter()
            .filter_map(|c| c.path.canonicalize().ok())
            .collect();
        rows.retain(|row| row.capture.canonicalize().is_ok_and(|p| given.contains(&p)));
        let records = captures_with_flows
            .into_iter()
            .flat_map(|(_, records)| records)
            .collect();
        let (labeled, report) = join(records, &rows);
        unlabeled += report.unlabeled.len();
        missing = report.missing;
        flows.extend(labeled);
    }
    for file in &feature_files {
        let (labeled, rest) = split_labeled(read_feature_csv(file, &feature_names)?);
        unlabeled += rest.len();
        flows.extend(labeled);
    }
    let ignored = flows
        .iter()
        .filter(|f: &&LabeledFlow| f.label == IGNORE)
        .count();
    let set = LabeledSet::from_flows(flows, feature_names.len())?;
    if !quiet {
        eprintln!(
            "flowclass: {} labeled flows from {} captures and {} feature files; {} ignored, {} without a label, {} labels without a flow",
            set.len(),
            set.capture_names.len(),
            feature_files.len(),
            ignored,
            unlabeled,
            missing.len()
        );
    }
    Ok(LoadedData {
        set,
        inputs,
        missing,
        input_failed,
    })
}

enum CsvKind {
    Labels,
    Features,
}

/// A `.csv` input is a feature CSV when its header carries feature columns, else a labels CSV.
fn csv_kind(path: &Path) -> anyhow::Result<Option<CsvKind>> {
    if path.is_dir()
        || !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return Ok(None);
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut header = String::new();
    BufReader::new(file)
        .read_line(&mut header)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let columns: Vec<&str> = header.trim_end().split(',').collect();
    Ok(Some(if columns.contains(&"transport_udp") {
        CsvKind::Features
    } else {
        CsvKind::Labels
    }))
}
