//! `train --cv-predictions`: every flow's out-of-fold prediction as CSV, so the errors behind
//! the cross-validation scores can be looked at flow by flow.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use flowclass::dataset::feature_csv::{csv_field, write_flow_key, FLOW_ID_COLUMNS};
use flowclass::dataset::LabeledSet;
use flowclass::eval::CvReport;

/// The columns after the flow's key.
const COLUMNS: [&str; 5] = ["label", "predicted", "fold", "scenario", "kind"];

/// Writes one row per flow of `set`: its key, its label, the class the fold model that did not
/// see it predicted, the fold it was tested in (from 1), its scenario and its kind (as in the
/// labels CSV; empty where not given).
pub fn write(path: &Path, set: &LabeledSet, report: &CvReport) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, "{},{}", FLOW_ID_COLUMNS.join(","), COLUMNS.join(","))?;
    for (row, flow) in set.flows.iter().enumerate() {
        write_flow_key(&mut out, &flow.capture, &flow.endpoints, flow.start)?;
        writeln!(
            out,
            ",{},{},{},{},{}",
            set.class_names[set.labels[row]],
            set.class_names[report.predictions[row]],
            report.test_folds[row] + 1,
            csv_field(set.scenarios[row].as_deref().unwrap_or("")),
            csv_field(set.kinds[row].as_deref().unwrap_or(""))
        )?;
    }
    out.flush()
}
