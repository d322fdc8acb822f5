//! Which model a command uses: the file named by `--model`, or the default model compiled into
//! the binary; and the extraction settings that model expects.

use std::path::Path;

use anyhow::Context;

use flowclass::extract::ExtractConfig;
use flowclass::model::{builtin, Classifier, FeatureSchema, Model};

use super::{DecapOptions, EarlyLimits};

/// Loads `--model`, or the built-in default.
pub fn load_model(path: Option<&Path>) -> anyhow::Result<Model> {
    match path {
        Some(path) => Ok(Model::load(path)?),
        None => builtin::model().with_context(|| format!("{} is unusable", builtin::NAME)),
    }
}

/// What `flowclass --version` prints: the version, and which model is built in — the first 12
/// hex digits of `models/default.json`'s SHA-256 (as `sha256sum` gives it), its kind, classes and
/// training data — so a user can tell which model labelled their flows.
pub fn long_version() -> String {
    use sha2::{Digest, Sha256};
    let text = builtin::text();
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let description = match Model::from_json_str(&text) {
        Ok(model) => {
            let shape = match &model.classifier {
                Classifier::Forest(forest) => format!("forest of {} trees", forest.trees.len()),
                Classifier::Tree(tree) => format!("tree of {} leaves", tree.leaves()),
            };
            let flows: u64 = model.training.flows_per_class.values().sum();
            format!(
                "{shape}; classes {}; trained by flowclass {} on {flows} flows",
                model.classes.join(", "),
                model.training.flowclass_version
            )
        }
        Err(e) => format!("unusable: {e}"),
    };
    format!(
        "{}\nbuilt-in model: models/default.json sha256 {hex} ({description})",
        env!("CARGO_PKG_VERSION")
    )
}

/// How messages name the model `--model` gave (or did not give).
pub fn model_name(path: Option<&Path>) -> String {
    path.map_or_else(
        || builtin::NAME.to_string(),
        |path| path.display().to_string(),
    )
}

/// The extraction settings of `model` (called `name` in errors), with the command line's
/// early-classification limits in place of the model's own if any is given, and its tunnel
/// settings; fails when this flowclass would compute other features than the model was trained
/// on.
pub fn model_config(
    model: &Model,
    name: &str,
    early: EarlyLimits,
    decap: &DecapOptions,
) -> anyhow::Result<ExtractConfig> {
    let mut config = model.schema.extract_config();
    config.decap = decap.config()?;
    let current = FeatureSchema::from_config(&config);
    current
        .validate_against(&model.schema)
        .with_context(|| format!("{name}: the model does not fit this flowclass's features"))?;
    early.apply(&mut config.features)?;
    Ok(config)
}
