//! The model file: versioned, readable JSON holding the schema, the classes, the classifier and
//! how it was trained. Reading one checks everything before the model can be used, and any
//! input, however broken, gives an error rather than a panic.
//!
//! The JSON is indented, except that an object of plain values (a tree node, say) and a list of
//! numbers are each written on one line: a tree reads one node per line, and a forest of 100
//! trees stays a few times smaller than fully pretty-printed JSON.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::envelope::{Envelope, GuardError};
use super::forest::ForestError;
use super::schema::FeatureSchema;
use super::tree::TreeError;
use super::{Algorithm, Classifier, ForestParams, Model, TreeParams};
use crate::eval::CvSummary;

/// The value of the file's `format` field.
pub const FORMAT: &str = "flowclass-model";
/// The file format version this code reads and writes.
pub const VERSION: u64 = 1;

/// A file the model was trained from, by content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingInput {
    pub path: String,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
}

impl TrainingInput {
    /// Reads `path` and records its digest.
    pub fn hash_file(path: &Path) -> io::Result<TrainingInput> {
        let mut hasher = Sha256::new();
        io::copy(&mut fs::File::open(path)?, &mut hasher)?;
        let sha256 = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(TrainingInput {
            path: path.display().to_string(),
            sha256,
        })
    }
}

/// How the model came to be. Nothing here depends on the clock, so training twice on the same
/// inputs writes the same file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingInfo {
    pub inputs: Vec<TrainingInput>,
    pub flows_per_class: BTreeMap<String, u64>,
    /// The hyperparameters of the tree, or of each tree of a forest.
    pub params: TreeParams,
    /// How the forest drew its trees' data; absent for a single tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forest: Option<ForestParams>,
    /// The cross-validation run on the training data, if one was.
    pub cv: Option<CvSummary>,
    /// Cross-validations of other algorithms on the same folds (`train --compare`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compared: Vec<ComparedCv>,
    /// Features held constant while training (`train --exclude-features`), so that no split
    /// uses them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_features: Vec<String>,
    pub flowclass_version: String,
}

impl TrainingInfo {
    /// The algorithm and hyperparameters the model was fitted with.
    pub fn algorithm(&self) -> Algorithm {
        match self.forest {
            None => Algorithm::Tree { tree: self.params },
            Some(forest) => Algorithm::Forest {
                tree: self.params,
                forest,
            },
        }
    }
}

/// One algorithm's cross-validation, kept for comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparedCv {
    pub algorithm: Algorithm,
    pub cv: CvSummary,
}

/// The whole model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    format: String,
    version: u64,
    schema: FeatureSchema,
    classes: Vec<String>,
    model: Classifier,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    guard: Option<Envelope>,
    training: TrainingInfo,
}

/// Why a model file could not be used.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    #[error("the file ends too early (line {line}, column {column}): is it truncated?")]
    Truncated { line: usize, column: usize },
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a flowclass model: the \"format\" field is {found}, expected \"{FORMAT}\"")]
    WrongFormat { found: String },
    #[error(
        "model file version {found} is not supported (this flowclass reads version {VERSION})"
    )]
    UnsupportedVersion { found: String },
    #[error("the model file is malformed at line {line}, column {column}: {message}")]
    Structure {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the model has no classes")]
    NoClasses,
    #[error("class '{0}' is listed twice")]
    DuplicateClass(String),
    #[error("the schema has no features")]
    NoFeatures,
    #[error("feature '{0}' is listed twice in the schema")]
    DuplicateFeature(String),
    #[error("the tree does not fit the schema and classes: {0}")]
    Tree(#[from] TreeError),
    #[error("the forest does not fit the schema and classes: {0}")]
    Forest(#[from] ForestError),
    #[error("the novelty guard does not fit the schema and classes: {0}")]
    Guard(#[from] GuardError),
    #[error("the model is a {model}, but its training parameters are those of a {params}")]
    AlgorithmMismatch {
        model: &'static str,
        params: &'static str,
    },
}

/// A [`LoadError`] with the file it came from.
#[derive(Debug, Error)]
#[error("{}: {source}", path.display())]
pub struct ModelFileError {
    pub path: PathBuf,
    #[source]
    pub source: LoadError,
}

impl Model {
    /// Reads and checks a model file.
    pub fn load(path: &Path) -> Result<Model, ModelFileError> {
        let error = |source| ModelFileError {
            path: path.to_path_buf(),
            source,
        };
        let text = fs::read_to_string(path).map_err(|e| error(e.into()))?;
        Model::from_json_str(&text).map_err(error)
    }

    /// Writes the model file (indented JSON, with a final newline).
    pub fn save(&self, path: &Path) -> io::Result<()> {
        fs::write(path, self.to_json_string())
    }

    /// Parses and checks a model file's text.
    pub fn from_json_str(text: &str) -> Result<Model, LoadError> {
        // The usual case in one pass (a forest of 100 trees is ~1 MB of JSON); anything wrong
        // is parsed again below, slowly, to say exactly what.
        if let Ok(file) = serde_json::from_str::<ModelFile>(text) {
            if file.format == FORMAT && file.version == VERSION {
                return Model::from_file(file);
            }
        }
        // First as plain JSON, to tell broken JSON, another kind of file and another version
        // apart before the structure is looked at.
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            json_error(e, |line, column, message| LoadError::Syntax {
                line,
                column,
                message,
            })
        })?;
        let Some(object) = value.as_object() else {
            return Err(LoadError::WrongFormat {
                found: "not a JSON object".into(),
            });
        };
        match object.get("format") {
            Some(serde_json::Value::String(format)) if format == FORMAT => {}
            other => {
                return Err(LoadError::WrongFormat {
                    found: describe(other),
                })
            }
        }
        match object.get("version") {
            Some(serde_json::Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
            other => {
                return Err(LoadError::UnsupportedVersion {
                    found: describe(other),
                })
            }
        }
        let file: ModelFile = serde_json::from_str(text).map_err(|e| {
            json_error(e, |line, column, message| LoadError::Structure {
                line,
                column,
                message,
            })
        })?;
        Model::from_file(file)
    }

    fn from_file(file: ModelFile) -> Result<Model, LoadError> {
        let model = Model {
            schema: file.schema,
            classes: file.classes,
            classifier: file.model,
            guard: file.guard,
            training: file.training,
        };
        model.validate()?;
        Ok(model)
    }

    /// The model file's text: indented JSON (plain objects and lists of numbers on one line)
    /// with a final newline. The same model always gives the same bytes.
    pub fn to_json_string(&self) -> String {
        let file = ModelFile {
            format: FORMAT.into(),
            version: VERSION,
            schema: self.schema.clone(),
            classes: self.classes.clone(),
            model: self.classifier.clone(),
            guard: self.guard.clone(),
            training: self.training.clone(),
        };
        // Serializing plain data cannot fail: no maps with non-string keys, no I/O. Non-finite
        // floats become `null` (and would then fail to load).
        let value = serde_json::to_value(&file).unwrap_or_default();
        let mut text = String::new();
        write_json(&value, 0, &mut text);
        text.push('\n');
        text
    }

    /// Checks that the parts fit together.
    pub fn validate(&self) -> Result<(), LoadError> {
        if self.classes.is_empty() {
            return Err(LoadError::NoClasses);
        }
        if let Some(name) = first_duplicate(&self.classes) {
            return Err(LoadError::DuplicateClass(name));
        }
        if self.schema.names.is_empty() {
            return Err(LoadError::NoFeatures);
        }
        if let Some(name) = first_duplicate(&self.schema.names) {
            return Err(LoadError::DuplicateFeature(name));
        }
        match &self.classifier {
            Classifier::Tree(tree) => tree.validate(&self.schema.names, self.classes.len())?,
            Classifier::Forest(forest) => {
                forest.validate(&self.schema.names, self.classes.len())?
            }
        }
        if let Some(guard) = &self.guard {
            guard.validate(self.classes.len(), self.schema.names.len())?;
        }
        let params = self.training.algorithm().name();
        if params != self.classifier.kind() {
            return Err(LoadError::AlgorithmMismatch {
                model: self.classifier.kind(),
                params,
            });
        }
        Ok(())
    }
}

/// Writes `value` indented by `depth` levels of two spaces, each flat container (an object of
/// plain values or lists of numbers, or a list of numbers) on one line.
fn write_json(value: &serde_json::Value, depth: usize, out: &mut String) {
    use serde_json::Value;
    let number_list = |v: &Value| matches!(v, Value::Array(a) if a.iter().all(Value::is_number));
    let plain = |v: &Value| !matches!(v, Value::Array(_) | Value::Object(_));
    let scalar = |v: &Value, out: &mut String| out.push_str(&v.to_string());
    match value {
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Array(items) if number_list(value) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                scalar(item, out);
            }
            out.push(']');
        }
        Value::Object(members) if members.values().all(|v| plain(v) || number_list(v)) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                scalar(&Value::String(key.clone()), out);
                out.push_str(": ");
                write_json(item, depth + 1, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i > 0 { ",\n" } else { "\n" });
                out.push_str(&"  ".repeat(depth + 1));
                write_json(item, depth + 1, out);
            }
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                out.push_str(if i > 0 { ",\n" } else { "\n" });
                out.push_str(&"  ".repeat(depth + 1));
                scalar(&Value::String(key.clone()), out);
                out.push_str(": ");
                write_json(item, depth + 1, out);
            }
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
            out.push('}');
        }
        plain_value => scalar(plain_value, out),
    }
}

fn first_duplicate(names: &[String]) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    names.iter().find(|n| !seen.insert(n.as_str())).cloned()
}

fn describe(value: Option<&serde_json::Value>) -> String {
    match value {
        None => "missing".into(),
        Some(v) => v.to_string(),
    }
}

fn json_error(e: serde_json::Error, other: fn(usize, usize, String) -> LoadError) -> LoadError {
    let (line, column) = (e.line(), e.column());
    if e.is_eof() {
        return LoadError::Truncated { line, column };
    }
    // serde_json appends " at line L column C" to the message; the variant says it already.
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_string();
    other(line, column, message)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::eval::{cross_validate, cv::tests::separable_set};
    use crate::extract::ExtractConfig;
    use crate::model::ForestError;
    use crate::model::Labeler;

    /// A model over the real schema, trained on the separable set spread over columns
    /// `transport_udp` (noise) and `duration` (the signal); every other column is 0.
    pub(crate) fn trained_model() -> Model {
        let schema = FeatureSchema::from_config(&ExtractConfig::default());
        let mut set = separable_set();
        let mut features = ndarray::Array2::zeros((set.len(), schema.names.len()));
        features.column_mut(1).assign(&set.features.column(0));
        features
            .column_mut(0)
            .assign(&set.features.column(1).mapv(|v| (v as u64 % 2) as f64));
        set.features = features;
        let inputs = vec![TrainingInput {
            path: "labels.csv".into(),
            sha256: "00".repeat(32),
        }];
        let mut model = Model::train(&set, schema, TreeParams::default(), inputs).unwrap();
        model.training.cv = Some(
            cross_validate(&set, TreeParams::default(), 3, 1)
                .unwrap()
                .summary,
        );
        model
    }

    #[test]
    fn a_model_reads_back_exactly_and_reads_as_json() {
        let model = trained_model();
        let text = model.to_json_string();
        assert_eq!(Model::from_json_str(&text).unwrap(), model);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["format"], "flowclass-model");
        assert_eq!(json["version"], 1);
        assert_eq!(json["model"]["kind"], "tree");
        assert_eq!(json["model"]["nodes"][0]["kind"], "split");
        assert_eq!(json["model"]["nodes"][0]["feature_name"], "duration");
        assert_eq!(
            json["model"]["nodes"][1]["class_counts"],
            serde_json::json!([40, 0, 0])
        );
        assert_eq!(json["schema"]["flow"]["idle_timeout"], 120.0);
        assert_eq!(json["training"]["params"]["class_weighting"], "balanced");
        assert_eq!(json["training"]["cv"]["metrics"]["macro_f1"], 1.0);
        assert_eq!(
            json["training"]["flowclass_version"],
            env!("CARGO_PKG_VERSION")
        );
        let p = Labeler::new(&model, 0.0, true)
            .unwrap()
            .predict(&vec![150.0; model.schema.names.len()])
            .unwrap();
        assert_eq!(model.classes[p.class], "http");
        // Leaf of 40 http flows among 3 classes: (40 + 1) / (40 + 3).
        assert_eq!(p.confidence, 41.0 / 43.0);
        assert!(Labeler::new(&model, 0.0, true)
            .unwrap()
            .predict(&[1.0])
            .is_err());
    }

    #[test]
    fn a_loaded_model_scores_a_set_with_other_classes() {
        use crate::eval::{by_capture, Metrics};
        let model = Model::from_json_str(&trained_model().to_json_string()).unwrap();
        let flow = |capture: &str, label: &str, duration: f64| {
            let mut features = vec![0.0; model.schema.names.len()];
            features[1] = duration;
            crate::dataset::tests::labeled(capture, label, features)
        };
        // Classes of this set: http, smtp (unknown to the model), websocket.
        let mut set = crate::dataset::LabeledSet::from_flows(
            vec![
                flow("x.pcap", "http", 150.0),
                flow("x.pcap", "smtp", 150.0),
                flow("y.pcap", "websocket", 300.0),
                flow("y.pcap", "websocket", 10.0),
            ],
            model.schema.names.len(),
        )
        .unwrap();
        set.align_classes(&model.classes);
        let predicted = model.predict_rows(set.features.view()).unwrap();
        assert_eq!(predicted, [1, 1, 2, 0]);
        let metrics = Metrics::compute(&set.class_names, &set.labels, &predicted);
        assert_eq!(metrics.classes, ["bittorrent", "http", "websocket", "smtp"]);
        assert_eq!(metrics.accuracy, 0.5);
        assert_eq!(metrics.per_class[3].support, 1);
        let captures = by_capture(&set, &predicted);
        assert_eq!(
            captures.iter().map(|b| b.correct).collect::<Vec<_>>(),
            [1, 1]
        );
        assert!(model
            .predict_rows(ndarray::Array2::zeros((1, 3)).view())
            .is_err());
    }

    #[test]
    fn training_twice_writes_the_same_bytes() {
        if std::env::var_os("FLOWCLASS_PRINT_MODEL").is_some() {
            print!("{}", trained_model().to_json_string());
        }
        assert_eq!(
            trained_model().to_json_string(),
            trained_model().to_json_string()
        );
    }

    #[test]
    fn files_on_disk_load_and_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let model = trained_model();
        model.save(&path).unwrap();
        assert_eq!(Model::load(&path).unwrap(), model);
        let missing = dir.path().join("nope.json");
        let err = Model::load(&missing).unwrap_err();
        assert!(matches!(err.source, LoadError::Io(_)));
        assert!(
            err.to_string().starts_with(&missing.display().to_string()),
            "{err}"
        );
    }

    /// Loads `text` with `from` replaced by `to` (which must occur).
    fn edited(text: &str, from: &str, to: &str) -> LoadError {
        assert!(text.contains(from), "{from}");
        Model::from_json_str(&text.replacen(from, to, 1)).unwrap_err()
    }

    #[test]
    fn every_kind_of_damage_has_its_own_error() {
        let model = trained_model();
        let text = model.to_json_string();
        assert!(matches!(
            Model::from_json_str(&text[..text.len() / 2]),
            Err(LoadError::Truncated { .. })
        ));
        let err =
            Model::from_json_str("{\n  \"format\": \"flowclass-model\",\n  x\n}").unwrap_err();
        assert!(
            matches!(
                err,
                LoadError::Syntax {
                    line: 3,
                    column: 3,
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            matches!(Model::from_json_str("[1, 2]"), Err(LoadError::WrongFormat { found }) if found == "not a JSON object")
        );
        let deep = "[".repeat(100_000);
        assert!(matches!(
            Model::from_json_str(&deep),
            Err(LoadError::Syntax { .. })
        ));
        assert!(matches!(
            edited(&text, "\"format\": \"flowclass-model\"", "\"format\": \"other\""),
            LoadError::WrongFormat { found } if found == "\"other\""
        ));
        assert!(
            matches!(edited(&text, "\"format\": \"flowclass-model\",", ""), LoadError::WrongFormat { found } if found == "missing")
        );
        let err = edited(&text, "\"version\": 1", "\"version\": 2");
        assert_eq!(
            err.to_string(),
            "model file version 2 is not supported (this flowclass reads version 1)"
        );
        assert!(matches!(
            edited(&text, "\"kind\": \"tree\"", "\"kind\": \"forest\""),
            LoadError::Structure { .. }
        ));
        let err = edited(&text, "\"kind\": \"tree\"", "\"kind\": \"bush\"");
        assert!(
            err.to_string()
                .contains("unknown variant `bush`, expected `tree` or `forest`"),
            "{err}"
        );
        let err = edited(&text, "\"nodes\": [", "\"trees\": [], \"nodes\": [");
        assert!(
            err.to_string()
                .contains("a tree has `nodes` and no `trees`"),
            "{err}"
        );
        let err = edited(&text, "\"nodes\": [", "\"roots\": [");
        assert!(err.to_string().contains("unknown field `roots`"), "{err}");
        let err = edited(&text, "\"feature\": 1,", "\"feature\": 1000,");
        assert!(
            matches!(
                err,
                LoadError::Tree(TreeError::FeatureOutOfRange {
                    node: 0,
                    feature: 1000,
                    ..
                })
            ),
            "{err}"
        );
        let err = edited(
            &text,
            "\"feature_name\": \"duration\"",
            "\"feature_name\": \"bytes\"",
        );
        assert!(
            matches!(err, LoadError::Tree(TreeError::FeatureName { node: 0, .. })),
            "{err}"
        );
        assert!(matches!(
            edited(&text, "\"left\": 1,", "\"left\": 0,"),
            LoadError::Tree(TreeError::BackwardChild { node: 0, child: 0 })
        ));
        assert!(matches!(
            edited(&text, "\"left\": 1,", "\"left\": 99,"),
            LoadError::Tree(TreeError::ChildOutOfRange { child: 99, .. })
        ));
        assert!(matches!(
            edited(&text, "\"threshold\": 59.5", "\"threshold\": null"),
            LoadError::Structure { .. }
        ));
        // serde_json refuses numbers beyond f64 while parsing, so this is a syntax error.
        assert!(matches!(
            edited(&text, "\"threshold\": 59.5", "\"threshold\": 1e999"),
            LoadError::Syntax { .. }
        ));
        assert!(matches!(
            edited(&text, "\"class_counts\": [", "\"class_counts\": [7, "),
            LoadError::Tree(TreeError::CountsLength {
                node: 1,
                found: 4,
                expected: 3
            })
        ));
        assert!(matches!(
            edited(&text, "\"prediction\": 0", "\"prediction\": 5"),
            LoadError::Tree(TreeError::PredictionOutOfRange { .. })
        ));
        assert!(matches!(
            edited(&text, "\"prediction\": 0", "\"prediction\": -1"),
            LoadError::Structure { .. }
        ));
        let err = edited(
            &text,
            "\"min_samples_leaf\": 2",
            "\"min_samples_leaf\": 2, \"extra\": 1",
        );
        assert!(
            matches!(&err, LoadError::Structure { message, .. } if message.contains("unknown field `extra`")),
            "{err}"
        );
        let err = edited(
            &text,
            "\"kind\": \"split\",",
            "\"kind\": \"split\", \"colour\": 1,",
        );
        assert!(
            matches!(&err, LoadError::Structure { message, .. } if message.contains("colour")),
            "{err}"
        );
        let err = edited(
            &text,
            "\"kind\": \"tree\",",
            "\"kind\": \"tree\", \"colour\": 1,",
        );
        assert!(
            matches!(&err, LoadError::Structure { message, .. } if message.contains("colour")),
            "{err}"
        );
        let mut no_classes = model.clone();
        no_classes.classes.clear();
        assert!(matches!(
            Model::from_json_str(&no_classes.to_json_string()),
            Err(LoadError::NoClasses)
        ));
        let mut twice = model.clone();
        twice.classes[1] = "bittorrent".into();
        assert!(
            matches!(Model::from_json_str(&twice.to_json_string()), Err(LoadError::DuplicateClass(c)) if c == "bittorrent")
        );
        let mut renamed = model.clone();
        renamed.schema.names[5] = renamed.schema.names[4].clone();
        assert!(matches!(
            Model::from_json_str(&renamed.to_json_string()),
            Err(LoadError::DuplicateFeature(_))
        ));
    }

    /// [`trained_model`] with a guard on `duration` (column 1) whose fallback is websocket:
    /// each class's training range, bittorrent 0-19, http 100-119, websocket 200-219.
    fn guarded_model() -> Model {
        let mut model = trained_model();
        model.guard = Some(Envelope {
            fallback: 2,
            min_outside: 1,
            features: vec![1],
            class_of: vec![0, 1, 2],
            low: vec![vec![0.0], vec![100.0], vec![200.0]],
            high: vec![vec![19.0], vec![119.0], vec![219.0]],
            confidence: 0.5,
        });
        model
    }

    #[test]
    fn a_guarded_model_reads_back_and_its_guard_overrules_flows_far_from_their_class() {
        let model = guarded_model();
        let read = Model::from_json_str(&model.to_json_string()).unwrap();
        assert_eq!(read, model);
        let labeler = Labeler::new(&read, 0.0, false).unwrap();
        let flow = |duration: f64| {
            let mut features = vec![0.0; read.schema.names.len()];
            features[1] = duration;
            features
        };
        // 110 is inside http's range: the tree's answer stands.
        let near = labeler.predict(&flow(110.0)).unwrap();
        assert_eq!((near.class, near.overruled.is_none()), (1, true));
        // 150 is still http to the tree, but outside every http flow it was trained on.
        let far = labeler.predict(&flow(150.0)).unwrap();
        assert_eq!((far.class, far.confidence), (2, 0.5));
        let overruled = far.overruled.unwrap();
        assert_eq!((overruled.class, overruled.outside), (1, vec![1]));
        assert_eq!(overruled.confidence, 41.0 / 43.0);
        let rows = ndarray::Array2::from_shape_vec(
            (2, read.schema.names.len()),
            [flow(110.0), flow(150.0)].concat(),
        )
        .unwrap();
        assert_eq!(read.predict_rows(rows.view()).unwrap(), [1, 2]);
        // Without the guard the same model says http for both.
        let mut bare = read.clone();
        bare.guard = None;
        assert_eq!(bare.predict_rows(rows.view()).unwrap(), [1, 1]);
    }

    #[test]
    fn a_guard_that_does_not_fit_the_model_is_refused_by_name() {
        let text = guarded_model().to_json_string();
        let err = edited(&text, "\"fallback\": 2", "\"fallback\": 3");
        assert!(
            matches!(err, LoadError::Guard(GuardError::Fallback(3))),
            "{err}"
        );
        assert!(err.to_string().contains("novelty guard"), "{err}");
        let err = edited(&text, "\"features\": [1]", "\"features\": [999]");
        assert!(
            matches!(err, LoadError::Guard(GuardError::Feature(999))),
            "{err}"
        );
    }

    /// [`trained_model`]'s data, fitted as a small forest (9 trees, each on half the features).
    pub(crate) fn trained_forest() -> Model {
        let tree = trained_model();
        let mut set = separable_set();
        let mut features = ndarray::Array2::zeros((set.len(), tree.schema.names.len()));
        features.column_mut(1).assign(&set.features.column(0));
        features
            .column_mut(0)
            .assign(&set.features.column(1).mapv(|v| (v as u64 % 2) as f64));
        set.features = features;
        let algorithm = Algorithm::Forest {
            tree: TreeParams::default(),
            forest: ForestParams {
                trees: 9,
                feature_proportion: 0.5,
                ..ForestParams::default()
            },
        };
        let mut model = Model::train(&set, tree.schema, algorithm, tree.training.inputs).unwrap();
        model.training.cv = Some(cross_validate(&set, algorithm, 3, 1).unwrap().summary);
        model.training.compared.push(ComparedCv {
            algorithm: Algorithm::Tree {
                tree: TreeParams::default(),
            },
            cv: tree.training.cv.unwrap(),
        });
        model
    }

    #[test]
    fn a_forest_model_reads_back_exactly_and_trains_to_the_same_bytes() {
        let model = trained_forest();
        let text = model.to_json_string();
        assert_eq!(text, trained_forest().to_json_string());
        let loaded = Model::from_json_str(&text).unwrap();
        assert_eq!(loaded, model);
        assert_eq!(loaded.training.algorithm(), model.training.algorithm());
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["model"]["kind"], "forest");
        assert_eq!(json["model"]["trees"].as_array().unwrap().len(), 9);
        let features = json["model"]["trees"][0]["features"].as_array().unwrap();
        // ceil(0.5 · f) of the schema's f features.
        assert_eq!(features.len(), model.schema.names.len().div_ceil(2));
        assert_eq!(json["training"]["forest"]["trees"], 9);
        assert_eq!(json["training"]["compared"][0]["algorithm"]["kind"], "tree");
        // One node per line.
        assert!(
            text.contains("\n            {\"kind\": \"leaf\", \"class_counts\": ["),
            "{text}"
        );
        // Every tree voted; the confidence is a share of 9.
        let p = Labeler::new(&model, 0.0, true)
            .unwrap()
            .predict(&vec![150.0; model.schema.names.len()])
            .unwrap();
        let vote = p.forest.unwrap();
        assert_eq!(vote.votes.iter().sum::<usize>(), 9);
        assert_eq!(p.confidence, vote.votes[p.class] as f64 / 9.0);
        // A tree model's file has no forest fields.
        let tree_text = trained_model().to_json_string();
        assert!(!tree_text.contains("\"forest\"") && !tree_text.contains("\"compared\""));
    }

    #[test]
    fn a_forest_labels_the_same_from_its_layout_alone_and_a_tree_keeps_its_nodes() {
        let mut model = trained_forest();
        model.guard = guarded_model().guard;
        let whole = model.clone();
        let labeler = Labeler::new(&whole, 0.6, false).unwrap();
        let layout = model.take_forest_layout().unwrap().unwrap();
        let Classifier::Forest(forest) = &model.classifier else {
            panic!("a forest")
        };
        assert!(forest.trees.is_empty(), "the trees are dropped");
        let voting = Labeler::forest_votes(&model, layout, 0.6);
        let mut votes_seen = std::collections::BTreeSet::new();
        for duration in (0..240).step_by(3) {
            for parity in [0.0, 1.0] {
                let mut flow = vec![parity; whole.schema.names.len()];
                flow[1] = f64::from(duration);
                let (expected, got) = (
                    labeler.predict(&flow).unwrap(),
                    voting.predict(&flow).unwrap(),
                );
                assert_eq!(got, expected, "{flow:?}");
                assert_eq!(voting.label(&got), labeler.label(&expected));
                votes_seen.insert((
                    got.class,
                    got.overruled.is_some(),
                    (got.confidence * 9.0) as u32,
                ));
            }
        }
        // Flows of every class, some overruled by the guard, and split votes among them.
        let classes: std::collections::BTreeSet<_> = votes_seen.iter().map(|v| v.0).collect();
        assert_eq!(classes.len(), 3, "{votes_seen:?}");
        assert!(votes_seen.iter().any(|v| v.1), "{votes_seen:?}");
        assert!(votes_seen.iter().any(|v| v.2 < 9), "{votes_seen:?}");
        let mut tree = trained_model();
        assert!(tree.take_forest_layout().unwrap().is_none());
        assert_eq!(tree, trained_model());
    }

    #[test]
    fn every_threshold_reads_back_bit_for_bit() {
        // Without serde_json's float_roundtrip, some of these came back one ulp off, which
        // moves a threshold and can change a prediction.
        use rand::{Rng, SeedableRng};
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(5);
        let mut model = trained_model();
        let thresholds: Vec<f64> = (0..2000)
            .map(|i| match i % 3 {
                0 => rng.gen_range(0.0..1.0),
                1 => rng.gen_range(0.0..1e6),
                _ => f64::from(rng.gen_range(1..100)) / f64::from(rng.gen_range(1..100)),
            })
            .collect();
        for threshold in &thresholds {
            let Classifier::Tree(tree) = &mut model.classifier else {
                panic!("a tree")
            };
            let Some(crate::model::Node::Split { threshold: t, .. }) = tree.nodes.first_mut()
            else {
                panic!("a split at the root")
            };
            *t = *threshold;
            let loaded = Model::from_json_str(&model.to_json_string()).unwrap();
            assert_eq!(loaded, model, "threshold {threshold:e}");
        }
    }

    #[test]
    fn damaged_forests_are_named_errors() {
        let model = trained_forest();
        let load = |edit: &dyn Fn(&mut Model)| {
            let mut damaged = model.clone();
            edit(&mut damaged);
            Model::from_json_str(&damaged.to_json_string()).unwrap_err()
        };
        let err = load(&|m| forest(m).trees.clear());
        assert!(
            matches!(err, LoadError::Forest(ForestError::NoTrees)),
            "{err}"
        );
        let n = model.schema.names.len();
        let err = load(&|m| forest(m).trees[3].features.push(n));
        assert!(
            matches!(
                err,
                LoadError::Forest(ForestError::FeatureOutOfRange {
                    tree: 3,
                    feature,
                    features,
                }) if feature == n && features == n
            ),
            "{err}"
        );
        let err = load(&|m| {
            let first = forest(m).trees[2].features[0];
            forest(m).trees[2].features.push(first);
        });
        assert!(
            matches!(
                err,
                LoadError::Forest(ForestError::DuplicateFeature { tree: 2, .. })
            ),
            "{err}"
        );
        // A tree that splits on a feature outside its subset: drop the split feature from it.
        let (tree, split) = model_split(&model);
        let err = load(&|m| forest(m).trees[tree].features.retain(|&f| f != split));
        assert!(
            matches!(err, LoadError::Forest(ForestError::SplitOutsideSubset { tree: t, feature, .. }) if t == tree && feature == split),
            "{err}"
        );
        let err = load(&|m| forest(m).trees[tree].tree.nodes.truncate(1));
        assert!(
            matches!(err, LoadError::Forest(ForestError::Tree { tree: t, .. }) if t == tree),
            "{err}"
        );
        assert!(err.to_string().starts_with(&format!(
            "the forest does not fit the schema and classes: tree {tree}: node 0"
        )));
        let err = load(&|m| m.training.forest = None);
        assert!(
            matches!(
                err,
                LoadError::AlgorithmMismatch {
                    model: "forest",
                    params: "tree"
                }
            ),
            "{err}"
        );
        let text = model.to_json_string();
        assert!(matches!(
            edited(&text, "\"trees\": 9", "\"trees\": 9, \"colour\": 1"),
            LoadError::Structure { .. }
        ));
        assert!(matches!(
            edited(&text, "\"features\": [", "\"features\": [-1, "),
            LoadError::Structure { .. }
        ));
    }

    fn forest(m: &mut Model) -> &mut crate::model::Forest {
        match &mut m.classifier {
            Classifier::Forest(forest) => forest,
            Classifier::Tree(_) => panic!("a forest"),
        }
    }

    /// The first tree of `model` (a forest) with a split, and the feature it splits on.
    fn model_split(model: &Model) -> (usize, usize) {
        let Classifier::Forest(forest) = &model.classifier else {
            panic!("a forest")
        };
        forest
            .trees
            .iter()
            .enumerate()
            .find_map(|(i, t)| match t.tree.nodes.first() {
                Some(crate::model::Node::Split { feature, .. }) => Some((i, *feature)),
                _ => None,
            })
            .expect("a tree with a split")
    }

    #[test]
    fn no_truncation_or_byte_edit_panics() {
        let text = trained_model().to_json_string();
        let bytes = text.as_bytes();
        // Every cut that loses more than the trailing newline.
        for end in (0..text.trim_end().len()).step_by(7) {
            // Cut on a char boundary (the file is ASCII, but stay safe).
            if let Ok(prefix) = std::str::from_utf8(&bytes[..end]) {
                assert!(
                    Model::from_json_str(prefix).is_err(),
                    "a file cut at {end} loaded"
                );
            }
        }
        let replacements = [
            "",
            "0",
            "-",
            "}",
            "]",
            "\"",
            "9999999999999999999999",
            "{",
            "null",
            "1e308",
        ];
        for (i, at) in (0..bytes.len()).step_by(13).enumerate() {
            let mut edited = text.clone();
            edited.replace_range(at..at + 1, replacements[i % replacements.len()]);
            let _ = Model::from_json_str(&edited);
        }
    }
}
