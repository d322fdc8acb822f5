//! Gathering labeled flows from what a user names on the command line: captures (labeled by a
//! labels CSV or by their `DIR/<label>/` layout), feature CSVs written by `extract`, and labels
//! CSVs — all read with one extraction setting into one [`LabeledSet`].

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::feature_csv::{read_feature_csv, split_labeled};
use super::labels::{join, read_labels, LabelRow};
use super::truth::{is_truth_file, TruthFile};
use super::{from_layout, DatasetError, LabeledSet, IGNORE};
use crate::extract::{extract_path, find_captures, CaptureReport, ExtractConfig, FoundCaptures};
use crate::features::FlowFeatures;

/// Labeled flows and what happened while gathering them.
pub struct LoadedData {
    pub set: LabeledSet,
    /// Every file read: captures, feature CSVs, labels CSVs, in that order.
    pub files: Vec<PathBuf>,
    /// What reading each capture came to (errors included: the flows before an error are kept).
    pub reports: Vec<CaptureReport>,
    /// Label rows, for the captures given, that name no flow.
    pub missing: Vec<LabelRow>,
    /// Flows that no label names.
    pub unlabeled: usize,
    /// Flows labeled `ignore` (left out of the set).
    pub ignored: usize,
    pub feature_files: usize,
    /// Files in the directories given that are not captures.
    pub skipped_files: Vec<PathBuf>,
}

/// Sorts `paths` into captures, feature CSVs and labels CSVs (plus `labels`), reads them all
/// with `config`, and joins flows with labels. Label rows for captures that were not given are
/// not counted as missing.
pub fn load(
    paths: &[PathBuf],
    labels: Option<&Path>,
    config: &ExtractConfig,
) -> Result<LoadedData, DatasetError> {
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
    let found = if capture_paths.is_empty() {
        FoundCaptures::default()
    } else {
        find_captures(&capture_paths).map_err(|source| DatasetError::Io {
            path: capture_paths[0].clone(),
            source,
        })?
    };
    let captures = found.captures;
    let extracted: Vec<_> = captures
        .par_iter()
        .map(|input| (input.clone(), extract_path(&input.path, config)))
        .collect();
    let files: Vec<PathBuf> = captures
        .iter()
        .map(|c| c.path.clone())
        .chain(feature_files.iter().cloned())
        .chain(label_files.iter().cloned())
        .collect();
    let mut reports = Vec::with_capacity(extracted.len());
    let mut captures_with_flows = Vec::with_capacity(extracted.len());
    for (input, capture) in extracted {
        reports.push(capture.report);
        captures_with_flows.push((input, capture.records));
    }
    let (mut flows, mut unlabeled, mut missing) = (Vec::new(), 0, Vec::new());
    let mut implementations = BTreeMap::new();
    let (truth_paths, label_csvs): (Vec<PathBuf>, Vec<PathBuf>) =
        label_files.into_iter().partition(|p| is_truth_file(p));
    let truths = truth_paths
        .iter()
        .map(|p| TruthFile::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    if truths.is_empty() && label_csvs.is_empty() {
        if captures.iter().any(|c| c.label.is_some()) {
            if let Some(labels) = labels_beside(&capture_paths) {
                return Err(DatasetError::LabelsBeside { labels });
            }
        }
        let (labeled, rest) = from_layout(captures_with_flows);
        unlabeled += rest.len();
        flows.extend(labeled);
    } else {
        // A capture whose truth file was given is labeled by it; the others by the labels CSVs.
        let mut records = Vec::new();
        for (input, capture_records) in captures_with_flows {
            match truths.iter().find(|t| t.describes(&input.path)) {
                Some(truth) => {
                    for record in capture_records {
                        match truth.label(record) {
                            Ok(labeled) => flows.push(labeled),
                            Err(_) => unlabeled += 1,
                        }
                    }
                }
                None => records.extend(capture_records),
            }
        }
        let mut rows = Vec::new();
        for file in &label_csvs {
            rows.extend(read_labels(file)?);
        }
        let given: HashSet<PathBuf> = captures
            .iter()
            .filter_map(|c| c.path.canonicalize().ok())
            .collect();
        rows.retain(|row| row.capture.canonicalize().is_ok_and(|p| given.contains(&p)));
        implementations.extend(
            rows.iter()
                .filter_map(|row| Some((row.scenario.clone()?, row.implementation.clone()?))),
        );
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
    let ignored = flows.iter().filter(|f| f.label == IGNORE).count();
    let mut set = LabeledSet::from_flows(flows, feature_names.len())?;
    set.implementations = implementations;
    Ok(LoadedData {
        set,
        files,
        reports,
        missing,
        unlabeled,
        ignored,
        feature_files: feature_files.len(),
        skipped_files: found.skipped,
    })
}

/// A `labels.csv` in one of the directories given, or beside one of the files or directories
/// given: labels that labeling by directory would silently pass over.
pub fn labels_beside(paths: &[PathBuf]) -> Option<PathBuf> {
    paths
        .iter()
        .flat_map(|path| {
            let inside = path.is_dir().then(|| path.join("labels.csv"));
            let beside = path.parent().map(|parent| parent.join("labels.csv"));
            inside.into_iter().chain(beside)
        })
        .find(|labels| labels.is_file())
}

enum CsvKind {
    Labels,
    Features,
}

/// A `.csv` input is a feature CSV when its header carries feature columns, else a labels CSV
/// (or a capture's truth file, told by its name).
fn csv_kind(path: &Path) -> Result<Option<CsvKind>, DatasetError> {
    if path.is_dir()
        || !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return Ok(None);
    }
    if is_truth_file(path) {
        return Ok(Some(CsvKind::Labels));
    }
    let io_error = |source| DatasetError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut header = String::new();
    BufReader::new(file)
        .read_line(&mut header)
        .map_err(io_error)?;
    Ok(Some(
        if header.trim_end().split(',').any(|c| c == "transport_udp") {
            CsvKind::Features
        } else {
            CsvKind::Labels
        },
    ))
}
