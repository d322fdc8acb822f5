//! Which model a command uses: the file named by `--model`, or the default model compiled into
//! the binary; and the extraction settings that model expects.

use std::path::Path;

use anyhow::Context;

use flowclass::extract::ExtractConfig;
use flowclass::model::{FeatureSchema, Model};

use super::{DecapOptions, EarlyLimits};

/// `models/default.json`, as it was when this binary was built.
const DEFAULT_MODEL: &str = include_str!("../../models/default.json");

/// Loads `--model`, or the built-in default.
pub fn load_model(path: Option<&Path>) -> anyhow::Result<Model> {
    match path {
        Some(path) => Ok(Model::load(path)?),
        None => {
            Model::from_json_str(DEFAULT_MODEL).context("the built-in default model is unusable")
        }
    }
}

/// How messages name the model `--model` gave (or did not give).
pub fn model_name(path: Option<&Path>) -> String {
    path.map_or_else(
        || "the built-in default model".to_string(),
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
