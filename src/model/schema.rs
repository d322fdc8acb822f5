//! The feature schema a model was trained with: the feature names in column order and the
//! settings that give them their meaning. A model applies only to flows measured the same way.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::extract::ExtractConfig;
use crate::features::{FeatureSettings, FlowFeatures};
use crate::flow::FlowConfig;

/// The columns a model reads and the extraction settings behind them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureSchema {
    pub names: Vec<String>,
    pub settings: FeatureSettings,
    pub flow: FlowConfig,
}

impl FeatureSchema {
    /// The schema the current code produces for `config`.
    pub fn from_config(config: &ExtractConfig) -> Self {
        FeatureSchema {
            names: FlowFeatures::describe(&config.features)
                .into_iter()
                .map(|d| d.name)
                .collect(),
            settings: config.features,
            flow: config.flow,
        }
    }

    /// The columns whose names match any of `patterns` (feature names, or globs such as
    /// `*_iat_*`), in column order; a pattern that matches no feature is an error.
    pub fn columns_matching(&self, patterns: &[String]) -> Result<Vec<usize>, PatternError> {
        let mut matched = vec![false; self.names.len()];
        for pattern in patterns {
            let glob = globset::Glob::new(pattern)
                .map_err(|e| PatternError::Invalid {
                    pattern: pattern.clone(),
                    reason: e.kind().to_string(),
                })?
                .compile_matcher();
            let mut any = false;
            for (slot, name) in matched.iter_mut().zip(&self.names) {
                if glob.is_match(name) {
                    *slot = true;
                    any = true;
                }
            }
            if !any {
                return Err(PatternError::NoMatch {
                    pattern: pattern.clone(),
                });
            }
        }
        Ok((0..matched.len()).filter(|&i| matched[i]).collect())
    }

    /// The extraction settings that measure flows the way this schema expects.
    pub fn extract_config(&self) -> ExtractConfig {
        ExtractConfig {
            flow: self.flow,
            features: self.settings,
            ..ExtractConfig::default()
        }
    }

    /// Checks that flows measured under `current` can be fed to a model with this schema.
    ///
    /// `max_open_flows` is a memory cap, not part of the meaning of a flow, so it may differ.
    pub fn validate_against(&self, current: &FeatureSchema) -> Result<(), SchemaMismatch> {
        let mut differences = name_differences(&self.names, &current.names);
        let mut setting = |name: &'static str, model: String, current: String| {
            if model != current {
                differences.push(SchemaDifference::Setting {
                    name,
                    model,
                    current,
                });
            }
        };
        let (m, c) = (&self.settings, &current.settings);
        setting("first_n", m.first_n.to_string(), c.first_n.to_string());
        setting(
            "packet_limit",
            format!("{:?}", m.packet_limit),
            format!("{:?}", c.packet_limit),
        );
        setting(
            "payload_packet_limit",
            format!("{:?}", m.payload_packet_limit),
            format!("{:?}", c.payload_packet_limit),
        );
        let (m, c) = (&self.flow, &current.flow);
        setting(
            "idle_timeout",
            format!("{:?}", m.idle_timeout),
            format!("{:?}", c.idle_timeout),
        );
        setting(
            "active_timeout",
            format!("{:?}", m.active_timeout),
            format!("{:?}", c.active_timeout),
        );
        setting(
            "finished_linger",
            format!("{:?}", m.finished_linger),
            format!("{:?}", c.finished_linger),
        );
        if differences.is_empty() {
            Ok(())
        } else {
            Err(SchemaMismatch { differences })
        }
    }
}

/// How two lists of feature names differ: `expected` is what is needed, `found` what is there.
pub fn name_differences(expected: &[String], found: &[String]) -> Vec<SchemaDifference> {
    let missing: Vec<String> = expected
        .iter()
        .filter(|n| !found.contains(n))
        .cloned()
        .collect();
    let extra: Vec<String> = found
        .iter()
        .filter(|n| !expected.contains(n))
        .cloned()
        .collect();
    let mut differences = Vec::new();
    if !missing.is_empty() {
        differences.push(SchemaDifference::Missing(missing));
    }
    if !extra.is_empty() {
        differences.push(SchemaDifference::Extra(extra));
    }
    if differences.is_empty() && expected != found {
        // Same names, other order (or repeated names): name the first position that differs.
        let position = expected
            .iter()
            .zip(found)
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(found.len()));
        let at = |names: &[String]| {
            names
                .get(position)
                .cloned()
                .unwrap_or_else(|| "(end)".into())
        };
        differences.push(SchemaDifference::Reordered {
            position,
            expected: at(expected),
            found: at(found),
        });
    }
    differences
}

/// One way in which two schemas differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaDifference {
    /// Features that are needed but not produced.
    Missing(Vec<String>),
    /// Features that are produced but not expected.
    Extra(Vec<String>),
    /// The same features in another order; `position` is the first column that differs.
    Reordered {
        position: usize,
        expected: String,
        found: String,
    },
    /// An extraction setting with another value.
    Setting {
        name: &'static str,
        model: String,
        current: String,
    },
}

impl fmt::Display for SchemaDifference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaDifference::Missing(names) => write!(f, "missing features: {}", names.join(", ")),
            SchemaDifference::Extra(names) => {
                write!(f, "unexpected features: {}", names.join(", "))
            }
            SchemaDifference::Reordered {
                position,
                expected,
                found,
            } => {
                write!(
                    f,
                    "features in another order: column {position} should be {expected}, is {found}"
                )
            }
            SchemaDifference::Setting {
                name,
                model,
                current,
            } => write!(f, "{name} is {model} in the model but {current} now"),
        }
    }
}

/// A feature name pattern that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PatternError {
    #[error("'{pattern}' is not a valid feature name pattern: {reason}")]
    Invalid { pattern: String, reason: String },
    #[error("no feature is named like '{pattern}' (see `flowclass features`)")]
    NoMatch { pattern: String },
}

/// The model was trained on flows measured differently from the flows at hand.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the model's feature schema does not match: {}", list(.differences))]
pub struct SchemaMismatch {
    pub differences: Vec<SchemaDifference>,
}

fn list(differences: &[SchemaDifference]) -> String {
    differences
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn feature_patterns_pick_columns_and_unknown_ones_are_errors() {
        let schema = FeatureSchema::from_config(&ExtractConfig::default());
        let picked = schema
            .columns_matching(&names(&["duration", "first_iat_*"]))
            .unwrap();
        let picked: Vec<&str> = picked.iter().map(|&i| schema.names[i].as_str()).collect();
        assert_eq!(picked.len(), 1 + 9);
        assert!(picked.contains(&"duration") && picked.contains(&"first_iat_10"));
        assert!(picked
            .iter()
            .all(|n| *n == "duration" || n.starts_with("first_iat_")));
        assert_eq!(
            schema.columns_matching(&names(&["duration", "dst_port"])),
            Err(PatternError::NoMatch {
                pattern: "dst_port".into()
            })
        );
        assert!(matches!(
            schema.columns_matching(&names(&["first_[iat"])),
            Err(PatternError::Invalid { .. })
        ));
    }

    #[test]
    fn the_same_config_matches_and_first_n_changes_the_names() {
        let schema = FeatureSchema::from_config(&ExtractConfig::default());
        assert_eq!(schema.validate_against(&schema.clone()), Ok(()));
        let mut config = ExtractConfig::default();
        config.features.first_n = 8;
        let err = schema
            .validate_against(&FeatureSchema::from_config(&config))
            .unwrap_err();
        assert_eq!(
            err.differences,
            vec![
                SchemaDifference::Missing(names(&[
                    "first_size_9",
                    "first_size_10",
                    "first_iat_9",
                    "first_iat_10"
                ])),
                SchemaDifference::Setting {
                    name: "first_n",
                    model: "10".into(),
                    current: "8".into()
                },
            ]
        );
        assert!(
            err.to_string().contains("missing features: first_size_9"),
            "{err}"
        );
    }

    #[test]
    fn timeouts_matter_but_the_open_flow_cap_does_not() {
        let schema = FeatureSchema::from_config(&ExtractConfig::default());
        let mut other = schema.clone();
        other.flow.max_open_flows = 10;
        assert_eq!(schema.validate_against(&other), Ok(()));
        other.flow.idle_timeout = Duration::from_secs(30);
        let err = schema.validate_against(&other).unwrap_err();
        assert_eq!(
            err.differences,
            vec![SchemaDifference::Setting {
                name: "idle_timeout",
                model: "120s".into(),
                current: "30s".into()
            }]
        );
    }

    #[test]
    fn name_lists_report_extra_and_reordered_columns() {
        assert_eq!(
            name_differences(&names(&["a", "b"]), &names(&["a", "b", "c"])),
            vec![SchemaDifference::Extra(names(&["c"]))]
        );
        assert_eq!(
            name_differences(&names(&["a", "b", "c"]), &names(&["a", "c", "b"])),
            vec![SchemaDifference::Reordered {
                position: 1,
                expected: "b".into(),
                found: "c".into()
            }]
        );
        assert_eq!(
            name_differences(&names(&["a", "b"]), &names(&["a", "b", "b"])),
            vec![SchemaDifference::Reordered {
                position: 2,
                expected: "(end)".into(),
                found: "b".into()
            }]
        );
        assert!(name_differences(&names(&["a"]), &names(&["a"])).is_empty());
    }
}
