//! `extract` and `classify` for Python: captures read with the GIL released, each capture's
//! rows made into an Arrow record batch by [`flowclass::table`] (the rows `--format parquet`
//! writes), and the batches handed to pyarrow through the Arrow C data interface as one
//! `pyarrow.Table`. Failed captures are settled as the caller's `errors` says.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_pyarrow::ToPyArrow;
use pyo3::exceptions::{PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyAny;
use rayon::prelude::*;

use flowclass::extract::ExtractConfig;
use flowclass::features::FlowFeatures;
use flowclass::model::{Labeler, Model, PredictError};
use flowclass::table::{
    classify_columns, extract_columns, schema, BatchBuilder, ClassifyRow, Column, ExtractRow,
    RecordBatch, Row, TableError,
};

use crate::config::{decapsulation, deduplicated, paths as given_paths, Options};
use crate::models::{describe, PyModel};
use crate::read::{read_captures, CaptureFlows, ReadError};
use crate::CaptureError;

/// Checks `errors` before any work is done.
fn check_errors(errors: &str) -> PyResult<()> {
    match errors {
        "raise" | "warn" => Ok(()),
        other => Err(PyValueError::new_err(format!(
            "errors must be \"raise\" or \"warn\", not {other:?}"
        ))),
    }
}

/// Warns with each of `warnings`; then, if captures failed, raises [`CaptureError`] (with
/// `errors="raise"`: the message is the failures' lines, and the exception carries them as
/// `failures` and the flows read anyway as `table`) or warns with each failure.
pub fn settle(
    py: Python<'_>,
    warnings: &[String],
    failures: &[String],
    errors: &str,
    table: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    check_errors(errors)?;
    let warn = |line: &String| -> PyResult<()> {
        py.import("warnings")?
            .call_method1("warn", (line, py.get_type::<PyUserWarning>(), 3))?;
        Ok(())
    };
    warnings.iter().try_for_each(warn)?;
    if failures.is_empty() {
        return Ok(());
    }
    if errors == "warn" {
        return failures.iter().try_for_each(warn);
    }
    let error = CaptureError::new_err(failures.join("\n"));
    let value = error.value(py);
    value.setattr("failures", failures.to_vec())?;
    value.setattr("table", table)?;
    Err(error)
}

/// Reads the captures, makes one batch per capture with `row_batch`, and settles failures.
fn read_table<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    config: &ExtractConfig,
    columns: &[Column],
    errors: &str,
    row_batch: impl Fn(&CaptureFlows, &[Column]) -> Result<RecordBatch, Failure> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    check_errors(errors)?;
    let (batches, warnings, failures) = py
        .detach(|| {
            let reading = read_captures(&paths, config)?;
            let batches: Result<Vec<RecordBatch>, Failure> = reading
                .captures
                .par_iter()
                .filter(|capture| !capture.flows.is_empty())
                .map(|capture| row_batch(capture, columns))
                .collect();
            Ok::<_, Failure>((batches?, reading.warnings, reading.failures))
        })
        .map_err(|e| match e {
            Failure::Read(e) => CaptureError::new_err(e.to_string()),
            other => PyValueError::new_err(describe(&other)),
        })?;
    let pyarrow_batches = batches
        .iter()
        .map(|batch| batch.to_pyarrow(py))
        .collect::<PyResult<Vec<_>>>()?;
    let table = py.import("pyarrow")?.getattr("Table")?.call_method1(
        "from_batches",
        (pyarrow_batches, schema(columns).to_pyarrow(py)?),
    )?;
    settle(py, &warnings, &failures, errors, Some(&table))?;
    Ok(table)
}

/// Why a table could not be made.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Table(#[from] TableError),
    #[error(transparent)]
    Predict(#[from] PredictError),
}

/// One batch of `rows` under `columns`.
fn batch<'a, R: Row + 'a>(
    columns: &[Column],
    rows: impl ExactSizeIterator<Item = R>,
) -> Result<RecordBatch, Failure> {
    let mut builder = BatchBuilder::new(columns, rows.len());
    for row in rows {
        builder.push(&row)?;
    }
    Ok(builder.finish()?)
}

/// The flows of captures as `flowclass extract` writes them: one row per flow with its key,
/// end, counts, every feature, and a label column when a label is given or the captures lie in
/// `DIR/<label>/` directories.
#[pyfunction]
#[pyo3(signature = (
    paths, *, label=None, first_n=None, first_packets=None, first_payload_packets=None,
    idle_timeout=None, active_timeout=None, max_flows=None, interfaces="merged", decapsulate="all",
    tunnel_ports=None, errors="raise"
))]
#[allow(clippy::too_many_arguments)]
pub fn extract<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    label: Option<String>,
    first_n: Option<usize>,
    first_packets: Option<u64>,
    first_payload_packets: Option<u64>,
    idle_timeout: Option<f64>,
    active_timeout: Option<f64>,
    max_flows: Option<usize>,
    interfaces: &str,
    decapsulate: &str,
    tunnel_ports: Option<HashMap<String, Vec<u16>>>,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let options = Options {
        first_n,
        first_packets,
        first_payload_packets,
        idle_timeout,
        active_timeout,
        max_flows,
        deduplicate_interfaces: deduplicated(interfaces)?,
        decap: decapsulation(decapsulate, tunnel_ports)?,
    };
    let config = options.apply(ExtractConfig::default())?;
    let paths = given_paths(paths)?;
    let label_column = label.is_some()
        || flowclass::extract::find_captures(&paths)
            .is_ok_and(|found| found.captures.iter().any(|c| c.label.is_some()));
    let names = FlowFeatures::describe(&config.features)
        .into_iter()
        .map(|d| d.name);
    let columns = extract_columns(names, label_column);
    read_table(py, paths, &config, &columns, errors, |capture, columns| {
        let label = label_column.then(|| {
            label
                .as_deref()
                .or(capture.input.label.as_deref())
                .unwrap_or("")
        });
        let rows = capture.flows.iter().map(|flow| ExtractRow { flow, label });
        batch(columns, rows)
    })
}

/// Every flow of captures labeled by a model, as `flowclass classify --format csv` prints it:
/// the flow's key, counts, label and confidence.
#[pyfunction]
#[pyo3(signature = (
    paths, model=None, *, first_packets=None, first_payload_packets=None, min_confidence=0.0,
    idle_timeout=None, active_timeout=None, max_flows=None, interfaces="merged",
    decapsulate="all", tunnel_ports=None, label_early=false, errors="raise"
))]
#[allow(clippy::too_many_arguments)]
pub fn classify<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    model: Option<&Bound<'py, PyAny>>,
    first_packets: Option<u64>,
    first_payload_packets: Option<u64>,
    min_confidence: f64,
    idle_timeout: Option<f64>,
    active_timeout: Option<f64>,
    max_flows: Option<usize>,
    interfaces: &str,
    decapsulate: &str,
    tunnel_ports: Option<HashMap<String, Vec<u16>>>,
    label_early: bool,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(PyValueError::new_err(format!(
            "min_confidence must be between 0 and 1, not {min_confidence}"
        )));
    }
    let paths = given_paths(paths)?;
    let model = PyModel::given(py, model)?;
    let options = Options {
        first_packets,
        first_payload_packets,
        idle_timeout,
        active_timeout,
        max_flows,
        deduplicate_interfaces: deduplicated(interfaces)?,
        decap: decapsulation(decapsulate, tunnel_ports)?,
        ..Options::default()
    };
    let mut config = model.get().config(&options)?;
    if label_early {
        let limits = (
            config.features.packet_limit,
            config.features.payload_packet_limit,
        );
        if limits == (None, None) {
            return Err(PyValueError::new_err(
                "label_early needs an early-classification limit: first_packets, \
                 first_payload_packets, or a model trained with one",
            ));
        }
        config.emit_when_measured = true;
    }
    let trained: Arc<Model> = Arc::clone(&model.get().model);
    let labeler = Labeler::new(&trained, min_confidence, false)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    read_table(
        py,
        paths,
        &config,
        &classify_columns(false),
        errors,
        |capture, columns| {
            let labeled = capture
                .flows
                .iter()
                .map(|flow| {
                    let prediction = labeler.predict(&flow.features)?;
                    Ok((flow, labeler.label(&prediction), prediction.confidence))
                })
                .collect::<Result<Vec<_>, PredictError>>()?;
            let rows = labeled
                .iter()
                .map(|&(flow, label, confidence)| ClassifyRow {
                    flow,
                    label,
                    confidence,
                    explanation: None,
                });
            batch(columns, rows)
        },
    )
}
