//! Scoring a trained model on labeled flows (`flowclass eval`): the metrics, the breakdowns,
//! the labeled flows the captures did not hold, and the early-classification curve.

use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use super::{by_capture, by_kind, by_scenario, Breakdown, CurveCounts, CurvePoint, Metrics};
use crate::dataset::load::{load, LoadedData};
use crate::dataset::{DatasetError, IGNORE};
use crate::extract::ExtractConfig;
use crate::model::{Model, PredictError};

/// Packet counts the early-classification curve is measured at (plus the whole flow).
pub const CURVE_POINTS: [u64; 4] = [3, 5, 10, 20];

/// The class name given to labeled flows the captures did not contain.
const MISSING: &str = "(missing)";

/// One evaluation, as `flowclass eval --json` prints it.
#[derive(Debug, Serialize)]
pub struct Evaluation {
    pub metrics: Metrics,
    /// Labeled flows not found in the captures (counted as errors in `metrics`).
    pub missing: usize,
    pub by_capture: Vec<Breakdown>,
    pub by_scenario: Vec<Breakdown>,
    /// One row per kind of flow (`bittorrent/dht`, `http/tls`, ...) where the labels give kinds.
    pub by_kind: Vec<Breakdown>,
    /// Macro-F1 against the number of packets seen (`null` for whole flows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub curve: Vec<CurvePoint>,
    /// What the curve's `packets` count: `packets`, or `payload_packets` (with a curve only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve_counts: Option<CurveCounts>,
}

/// Why an evaluation could not be made.
#[derive(Debug, Error)]
pub enum EvaluateError {
    #[error(transparent)]
    Data(#[from] DatasetError),
    #[error(transparent)]
    Predict(#[from] PredictError),
}

impl Evaluation {
    /// Scores `model` on `data`, whose classes it lines up with the model's first. Labeled
    /// flows missing from the captures lower recall and accuracy without becoming a class.
    pub fn score(model: &Model, data: &mut LoadedData) -> Result<Evaluation, PredictError> {
        let set = &mut data.set;
        set.align_classes(&model.classes);
        let mut predicted = model.predict_rows(set.features.view())?;
        let (by_capture, by_scenario, by_kind) = (
            by_capture(set, &predicted),
            by_scenario(set, &predicted),
            by_kind(set, &predicted),
        );
        let mut classes = set.class_names.clone();
        let mut truth = set.labels.clone();
        let missing: Vec<usize> = data
            .missing
            .iter()
            .filter(|row| row.label != IGNORE)
            .map(|row| {
                classes
                    .iter()
                    .position(|c| *c == row.label)
                    .unwrap_or_else(|| {
                        classes.push(row.label.clone());
                        classes.len() - 1
                    })
            })
            .collect();
        if !missing.is_empty() {
            classes.push(MISSING.to_string());
            truth.extend(&missing);
            predicted.extend(std::iter::repeat_n(classes.len() - 1, missing.len()));
        }
        let mut metrics = Metrics::compute(&classes, &truth, &predicted);
        drop_missing_class(&mut metrics);
        Ok(Evaluation {
            metrics,
            missing: missing.len(),
            by_capture,
            by_scenario,
            by_kind,
            curve: Vec::new(),
            curve_counts: None,
        })
    }

    /// Adds the early-classification curve: the data read again at each of [`CURVE_POINTS`]
    /// (packets or payload packets, as `counts` says) and whole, with `config`'s own limits,
    /// and scored each time.
    pub fn add_curve(
        &mut self,
        model: &Model,
        paths: &[PathBuf],
        labels: Option<&Path>,
        config: &ExtractConfig,
        counts: CurveCounts,
    ) -> Result<(), EvaluateError> {
        self.curve_counts = Some(counts);
        for packets in CURVE_POINTS.iter().map(|n| Some(*n)).chain([None]) {
            let mut config = *config;
            if packets.is_some() {
                let features = &mut config.features;
                (features.packet_limit, features.payload_packet_limit) = match counts {
                    CurveCounts::Packets => (packets, None),
                    CurveCounts::PayloadPackets => (None, packets),
                };
            }
            let point = Evaluation::score(model, &mut load(paths, labels, &config)?)?;
            self.curve.push(CurvePoint {
                packets,
                macro_f1: point.metrics.macro_f1,
                accuracy: point.metrics.accuracy,
            });
        }
        Ok(())
    }
}

/// Keeps the missing flows in the counts without making "(missing)" a class of its own in the
/// per-class table and the macro average.
fn drop_missing_class(metrics: &mut Metrics) {
    if metrics.per_class.last().is_some_and(|c| c.class == MISSING) {
        metrics.per_class.pop();
        let present: Vec<f64> = metrics
            .per_class
            .iter()
            .filter(|c| c.support > 0)
            .map(|c| c.f1)
            .collect();
        metrics.macro_f1 = if present.is_empty() {
            0.0
        } else {
            present.iter().sum::<f64>() / present.len() as f64
        };
    }
}
