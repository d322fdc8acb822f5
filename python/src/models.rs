//! `flowclass.Model`: a model file loaded, trained or built in, and what can be done with it —
//! the extraction settings it expects, training, evaluation, saving.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict, PyList};

use flowclass::dataset::load::{load, LoadedData};
use flowclass::dataset::Grouping;
use flowclass::eval::{leave_each_kind_out, Evaluation, GuardShape, HeldOutKind};
use flowclass::extract::ExtractConfig;
use flowclass::model::{
    builtin, Algorithm, ClassWeighting, Criterion, FeatureSchema, ForestParams, Model, TreeParams,
};
use flowclass::train::{novelty_guard as train_guard, train, TrainPlan};

use crate::config::{decapsulation, deduplicated, paths as given_paths, Options};
use crate::read::capture_lines;
use crate::{tables::settle, ModelError};

/// A trained model: a decision tree or a forest, with the feature settings it was trained on.
#[pyclass(name = "Model", module = "flowclass", frozen)]
pub struct PyModel {
    pub model: Arc<Model>,
    /// The file it came from, or how the built-in model is called, for messages.
    pub name: String,
    /// What training with `leave_out_kinds` measured; `None` otherwise.
    pub held_out: Option<HeldOut>,
}

/// Each kind of one class held out of training in turn, as `train --leave-out-kinds` reports it.
pub struct HeldOut {
    class: usize,
    class_names: Vec<String>,
    /// The model's novelty-guard threshold, when its guard answers the held-out class.
    guard_min_outside: Option<usize>,
    kinds: Vec<HeldOutKind>,
}

/// An error and its causes, each said once (many errors already quote their cause), the way
/// the command line says it.
pub fn describe(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        cause = inner.source();
    }
    message
}

fn model_error(error: &dyn std::error::Error) -> PyErr {
    ModelError::new_err(describe(error))
}

fn value_error(error: &dyn std::error::Error) -> PyErr {
    PyValueError::new_err(describe(error))
}

/// The one of `choices` whose `name` (as the command line and the model file write it) is
/// `given`, or a `ValueError` saying what `option` takes.
fn named<T: Copy, const N: usize>(
    option: &str,
    given: &str,
    choices: [T; N],
    name: fn(T) -> &'static str,
) -> PyResult<T> {
    choices
        .into_iter()
        .find(|&choice| name(choice) == given)
        .ok_or_else(|| {
            let names: Vec<String> = choices.map(|c| format!("{:?}", name(c))).into();
            PyValueError::new_err(format!(
                "{option} must be one of {}, not {given:?}",
                names.join(", ")
            ))
        })
}

impl PyModel {
    /// The built-in model, parsed once per process (a forest's JSON takes a while to read).
    pub fn built_in() -> PyResult<PyModel> {
        static BUILT_IN: OnceLock<Result<Arc<Model>, String>> = OnceLock::new();
        let model = BUILT_IN.get_or_init(|| {
            builtin::model()
                .map(Arc::new)
                .map_err(|e| format!("{} is unusable: {}", builtin::NAME, describe(&e)))
        });
        match model {
            Ok(model) => Ok(PyModel {
                model: Arc::clone(model),
                name: builtin::NAME.to_string(),
                held_out: None,
            }),
            Err(message) => Err(ModelError::new_err(message.clone())),
        }
    }

    /// The model a function is given: a `Model`, a model file, or `None` for the built-in one.
    pub fn given<'py>(
        py: Python<'py>,
        model: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyModel>> {
        match model {
            None => Bound::new(py, PyModel::built_in()?),
            Some(model) => match model.cast::<PyModel>() {
                Ok(model) => Ok(model.clone()),
                Err(_) => Bound::new(py, PyModel::load(py, model.extract()?)?),
            },
        }
    }

    /// The settings that measure flows the way this model expects, with `options` in place of
    /// the model's own; fails when this flowclass computes other features than the model's.
    pub fn config(&self, options: &Options) -> PyResult<ExtractConfig> {
        let config = self.model.schema.extract_config();
        FeatureSchema::from_config(&config)
            .validate_against(&self.model.schema)
            .map_err(|e| {
                ModelError::new_err(format!(
                    "{}: the model does not fit this flowclass's features: {}",
                    self.name,
                    describe(&e)
                ))
            })?;
        options.apply(config)
    }
}

/// Labeled flows from `paths` (captures, directories, feature CSVs, labels CSVs), read with
/// the GIL released; failed captures are handled as `errors` says.
fn load_labeled(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    labels: Option<PathBuf>,
    config: &ExtractConfig,
    errors: &str,
) -> PyResult<LoadedData> {
    let data = py
        .detach(|| load(&paths, labels.as_deref(), config))
        .map_err(|e| value_error(&e))?;
    let (warnings, failures) = capture_lines(&data.reports);
    settle(py, &warnings, &failures, errors, None)?;
    Ok(data)
}

/// Trains `model`'s algorithm without each kind of `class` in turn, as `train --leave-out-kinds`.
fn hold_each_kind_out(
    py: Python<'_>,
    data: &LoadedData,
    model: &Model,
    class: &str,
) -> PyResult<HeldOut> {
    let set = &data.set;
    let index = set.class_index(class).ok_or_else(|| {
        PyValueError::new_err(format!("leave_out_kinds: no flows of class '{class}'"))
    })?;
    let algorithm = model.training.algorithm();
    let kinds = py
        .detach(|| leave_each_kind_out(set, algorithm, index, &[GuardShape::MODEL], false))
        .map_err(|e| value_error(&e))?;
    if kinds.is_empty() {
        return Err(PyValueError::new_err(format!(
            "leave_out_kinds: the labels give {class} flows no kind"
        )));
    }
    Ok(HeldOut {
        class: index,
        class_names: set.class_names.clone(),
        guard_min_outside: model.guard.as_ref().and_then(|g| g.min_outside_for(index)),
        kinds,
    })
}

#[pymethods]
impl PyModel {
    /// Loads a model file (as written by `flowclass train` or `Model.save`).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<PyModel> {
        let model = py
            .detach(|| Model::load(&path))
            .map_err(|e| model_error(&e))?;
        Ok(PyModel {
            model: Arc::new(model),
            name: path.display().to_string(),
            held_out: None,
        })
    }

    /// The model built into flowclass (the one `classify` uses by default).
    #[staticmethod]
    fn default() -> PyResult<PyModel> {
        PyModel::built_in()
    }

    /// Trains a model on labeled captures as `flowclass train` does, with grouped
    /// cross-validation (its scores are in `training["cv"]`); with `leave_out_kinds=CLASS`, also
    /// trains without each kind of that class in turn (`held_out_kinds`).
    #[staticmethod]
    #[pyo3(signature = (
        paths, *, labels=None, algorithm="tree", folds=5, seed=1, compare=false, tune=false,
        trees=None, max_depth=None, min_samples_leaf=None, min_impurity_decrease=None,
        criterion=None, class_weight=None, bootstrap_proportion=None, feature_proportion=None,
        exclude_features=Vec::new(),
        first_n=None, first_packets=None, first_payload_packets=None, idle_timeout=None,
        active_timeout=None, novelty_guard=None, group_by="scenario", leave_out_kinds=None,
        interfaces="merged", decapsulate="all", tunnel_ports=None, errors="raise"
    ))]
    #[allow(clippy::too_many_arguments)]
    fn train(
        py: Python<'_>,
        paths: &Bound<'_, PyAny>,
        labels: Option<PathBuf>,
        algorithm: &str,
        folds: usize,
        seed: u64,
        compare: bool,
        tune: bool,
        trees: Option<usize>,
        max_depth: Option<usize>,
        min_samples_leaf: Option<usize>,
        min_impurity_decrease: Option<f64>,
        criterion: Option<&str>,
        class_weight: Option<&str>,
        bootstrap_proportion: Option<f64>,
        feature_proportion: Option<f64>,
        exclude_features: Vec<String>,
        first_n: Option<usize>,
        first_packets: Option<u64>,
        first_payload_packets: Option<u64>,
        idle_timeout: Option<f64>,
        active_timeout: Option<f64>,
        novelty_guard: Option<usize>,
        group_by: &str,
        leave_out_kinds: Option<&str>,
        interfaces: &str,
        decapsulate: &str,
        tunnel_ports: Option<HashMap<String, Vec<u16>>>,
        errors: &str,
    ) -> PyResult<PyModel> {
        let options = Options {
            first_n,
            first_packets,
            first_payload_packets,
            idle_timeout,
            active_timeout,
            max_flows: None,
            deduplicate_interfaces: deduplicated(interfaces)?,
            decap: decapsulation(decapsulate, tunnel_ports)?,
        };
        let grouping = named("group_by", group_by, Grouping::ALL, Grouping::name)?;
        let config = options.apply(ExtractConfig::default())?;
        let defaults = TreeParams::default();
        let tree = TreeParams {
            max_depth: max_depth.map_or(defaults.max_depth, |d| (d > 0).then_some(d)),
            min_samples_leaf: min_samples_leaf.unwrap_or(defaults.min_samples_leaf),
            min_impurity_decrease: min_impurity_decrease.unwrap_or(defaults.min_impurity_decrease),
            criterion: criterion.map_or(Ok(defaults.criterion), |given| {
                named("criterion", given, Criterion::ALL, Criterion::name)
            })?,
            class_weighting: class_weight.map_or(Ok(defaults.class_weighting), |given| {
                named(
                    "class_weight",
                    given,
                    ClassWeighting::ALL,
                    ClassWeighting::name,
                )
            })?,
        };
        tree.validate().map_err(|e| value_error(&e))?;
        let forest_defaults = ForestParams::default();
        let forest = ForestParams {
            trees: trees.unwrap_or(forest_defaults.trees),
            bootstrap_proportion: bootstrap_proportion
                .unwrap_or(forest_defaults.bootstrap_proportion),
            feature_proportion: feature_proportion.unwrap_or(forest_defaults.feature_proportion),
            seed,
        };
        forest.validate().map_err(|e| value_error(&e))?;
        let algorithm = match algorithm {
            "tree" => Algorithm::Tree { tree },
            "forest" => Algorithm::Forest { tree, forest },
            other => {
                return Err(PyValueError::new_err(format!(
                    "algorithm must be \"tree\" or \"forest\", not {other:?}"
                )))
            }
        };
        let schema = FeatureSchema::from_config(&config);
        let excluded = schema
            .columns_matching(&exclude_features)
            .map_err(|e| value_error(&e))?;
        let mut data = load_labeled(py, given_paths(paths)?, labels, &config, errors)?;
        data.set.hold_constant(&excluded);
        data.set.grouping = grouping;
        let plan = TrainPlan {
            algorithm,
            forest,
            compare,
            tune,
            folds,
            seed,
            excluded,
            guard: train_guard(&data.set, novelty_guard).map_err(|e| value_error(&e))?,
        };
        let model = py
            .detach(|| train(&data.set, schema, &data.files, &plan, |_| Ok(())))
            .map_err(|e| value_error(&e))?;
        let held_out = leave_out_kinds
            .map(|class| hold_each_kind_out(py, &data, &model, class))
            .transpose()?;
        Ok(PyModel {
            model: Arc::new(model),
            name: "the trained model".to_string(),
            held_out,
        })
    }

    /// Scores the model on labeled captures as `flowclass eval --json` does: a dict with
    /// `metrics` (`macro_f1`, `accuracy`, `per_class` precision/recall/F1, `confusion`
    /// [truth][predicted] over `classes`), `missing`, and breakdowns by capture, scenario and
    /// kind of flow.
    #[pyo3(signature = (
        paths, *, labels=None, first_packets=None, first_payload_packets=None,
        interfaces="merged", decapsulate="all", tunnel_ports=None, errors="raise"
    ))]
    #[allow(clippy::too_many_arguments)]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        paths: &Bound<'py, PyAny>,
        labels: Option<PathBuf>,
        first_packets: Option<u64>,
        first_payload_packets: Option<u64>,
        interfaces: &str,
        decapsulate: &str,
        tunnel_ports: Option<HashMap<String, Vec<u16>>>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = Options {
            first_packets,
            first_payload_packets,
            deduplicate_interfaces: deduplicated(interfaces)?,
            decap: decapsulation(decapsulate, tunnel_ports)?,
            ..Options::default()
        };
        let config = self.config(&options)?;
        let mut data = load_labeled(py, given_paths(paths)?, labels, &config, errors)?;
        let model = Arc::clone(&self.model);
        let json = py
            .detach(|| {
                Evaluation::score(&model, &mut data)
                    .map(|evaluation| serde_json::to_string(&evaluation))
            })
            .map_err(|e| value_error(&e))?
            .map_err(|e| value_error(&e))?;
        py.import("json")?.call_method1("loads", (json,))
    }

    /// Writes the model file (the same JSON `flowclass train` writes).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let model = Arc::clone(&self.model);
        py.detach(|| model.save(&path)).map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("cannot write {}: {e}", path.display()))
        })
    }

    /// The labels it gives, in the order of its scores.
    #[getter]
    fn classes(&self) -> Vec<String> {
        self.model.classes.clone()
    }

    /// `"tree"` or `"forest"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.model.classifier.kind()
    }

    /// The features it reads, in column order.
    #[getter]
    fn feature_names(&self) -> Vec<String> {
        self.model.schema.names.clone()
    }

    /// With `Model.train(..., leave_out_kinds=CLASS)`: for each kind of the class, a dict with
    /// the `kind`, the `scenarios` left out with it, its `flows`, the share of them given each
    /// label (`labels`), and the share labelled CLASS once the model's novelty guard has had
    /// its say (`kept`). `None` for a model trained without it, or loaded.
    #[getter]
    fn held_out_kinds<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        let Some(held) = &self.held_out else {
            return Ok(None);
        };
        let rows = held
            .kinds
            .iter()
            .map(|kind| -> PyResult<Bound<'py, PyDict>> {
                let labels = PyDict::new(py);
                for (class, name) in held.class_names.iter().enumerate() {
                    labels.set_item(name, kind.share(class))?;
                }
                let row = PyDict::new(py);
                row.set_item("kind", &kind.kind)?;
                row.set_item("scenarios", kind.scenarios)?;
                row.set_item("flows", kind.flows)?;
                row.set_item("labels", labels)?;
                row.set_item("kept", kind.share_kept(held.class, held.guard_min_outside))?;
                Ok(row)
            });
        Ok(Some(PyList::new(py, rows.collect::<PyResult<Vec<_>>>()?)?))
    }

    /// How it was trained (inputs, flows per class, settings, cross-validation), as a dict.
    #[getter]
    fn training<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = serde_json::to_string(&self.model.training).map_err(|e| value_error(&e))?;
        py.import("json")?.call_method1("loads", (json,))
    }

    fn __repr__(&self) -> String {
        format!(
            "flowclass.Model({}: a {} over {} features, classes {})",
            self.name,
            self.model.classifier.kind(),
            self.model.schema.names.len(),
            self.model.classes.join(", ")
        )
    }
}
