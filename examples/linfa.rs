//! flowclass's flow features in a linfa model: reads labeled captures into a `LabeledSet`, hands
//! it to linfa as a `Dataset`, and scores linfa's multinomial logistic regression with
//! flowclass's grouped folds (no scenario, or with `--group-by implementation` no implementation,
//! on both sides of a split), beside flowclass's own forest fitted through linfa's `Fit` trait on
//! the same folds.
//!
//! ```text
//! cargo run --release --example linfa                        # the committed datasets/
//! cargo run --release --example linfa -- --group-by implementation --folds 3 DIR... --labels L.csv
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2, Axis};

use flowclass::dataset::load::load;
use flowclass::dataset::{Grouping, LabeledSet};
use flowclass::eval::{grouped_folds, Metrics};
use flowclass::extract::ExtractConfig;
use flowclass::features::FlowFeatures;
use flowclass::model::{Algorithm, ForestParams, TreeParams};

/// What the command line asks for.
struct Options {
    paths: Vec<PathBuf>,
    labels: PathBuf,
    grouping: Grouping,
    folds: usize,
    seed: u64,
}

impl Options {
    fn parse() -> anyhow::Result<Options> {
        let mut options = Options {
            paths: Vec::new(),
            labels: PathBuf::from("datasets/labels.csv"),
            grouping: Grouping::Scenario,
            folds: 5,
            seed: 1,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
            match arg.as_str() {
                "--labels" => options.labels = PathBuf::from(value()?),
                "--group-by" => {
                    options.grouping = match value()?.as_str() {
                        "scenario" => Grouping::Scenario,
                        "application" => Grouping::Application,
                        "implementation" => Grouping::Implementation,
                        other => {
                            bail!("--group-by {other}: scenario, application or implementation")
                        }
                    }
                }
                "--folds" => options.folds = value()?.parse().context("--folds")?,
                "--seed" => options.seed = value()?.parse().context("--seed")?,
                _ if arg.starts_with('-') => bail!("unknown option {arg}"),
                _ => options.paths.push(PathBuf::from(arg)),
            }
        }
        if options.paths.is_empty() {
            options.paths = ["bittorrent", "websocket", "http", "mixed", "other"]
                .iter()
                .map(|d| PathBuf::from("datasets").join(d))
                .collect();
        }
        Ok(options)
    }
}

/// Each column scaled to mean 0 and standard deviation 1 by the training rows' statistics (a
/// constant column becomes 0): logistic regression's solver needs features of one scale, and
/// flow features range from shares in [0, 1] to byte counts in the millions.
struct Standardizer {
    mean: Array1<f64>,
    scale: Array1<f64>,
}

impl Standardizer {
    fn fit(x: &Array2<f64>) -> Standardizer {
        let mean = x
            .mean_axis(Axis(0))
            .unwrap_or_else(|| Array1::zeros(x.ncols()));
        let scale = x.std_axis(Axis(0), 0.0).mapv(|s| {
            if s > 0.0 && s.is_finite() {
                s
            } else {
                f64::INFINITY
            }
        });
        Standardizer { mean, scale }
    }

    fn apply(&self, x: &Array2<f64>) -> Array2<f64> {
        (x - &self.mean) / &self.scale
    }
}

/// The out-of-fold class of every flow: for each fold, `fit_predict(train rows, test rows)`.
fn out_of_fold(
    set: &LabeledSet,
    folds: &[Vec<usize>],
    mut fit_predict: impl FnMut(&[usize], &[usize]) -> anyhow::Result<Vec<usize>>,
) -> anyhow::Result<Vec<usize>> {
    let mut predicted = vec![0; set.len()];
    for test in folds {
        let mut in_test = vec![false; set.len()];
        test.iter().for_each(|&r| in_test[r] = true);
        let train: Vec<usize> = (0..set.len()).filter(|&r| !in_test[r]).collect();
        for (&row, class) in test.iter().zip(fit_predict(&train, test)?) {
            predicted[row] = class;
        }
    }
    Ok(predicted)
}

/// The set's `rows` as a linfa dataset (features and class indices).
fn rows_dataset(set: &LabeledSet, rows: &[usize]) -> Dataset<f64, usize, ndarray::Ix1> {
    let x = set.features.select(Axis(0), rows);
    let y: Array1<usize> = rows.iter().map(|&r| set.labels[r]).collect();
    Dataset::new(x, y)
}

fn report(name: &str, set: &LabeledSet, predicted: &[usize]) -> Metrics {
    let metrics = Metrics::compute(&set.class_names, &set.labels, predicted);
    let per_class: Vec<String> = metrics
        .per_class
        .iter()
        .map(|c| format!("{} {:.3}", c.class, c.f1))
        .collect();
    println!(
        "{name:<34} macro-F1 {:.3}   F1: {}",
        metrics.macro_f1,
        per_class.join(", ")
    );
    metrics
}

fn run() -> anyhow::Result<()> {
    let options = Options::parse()?;
    let config = ExtractConfig::default();
    let loaded = load(&options.paths, Some(&options.labels), &config)
        .with_context(|| format!("reading {}", options.labels.display()))?;
    let mut set = loaded.set;
    set.grouping = options.grouping;
    let names: Vec<String> = FlowFeatures::describe(&config.features)
        .into_iter()
        .map(|d| d.name)
        .collect();
    let dataset = set.to_linfa(&names);
    println!(
        "{} flows of {} classes, {} features; {}-fold cross-validation grouped by {}",
        dataset.nsamples(),
        set.class_names.len(),
        dataset.nfeatures(),
        options.folds,
        options.grouping.name()
    );
    let folds = grouped_folds(&set.fold_groups(), &set.labels, options.folds, options.seed);

    let logistic = out_of_fold(&set, &folds, |train, test| {
        let training = rows_dataset(&set, train);
        let scaler = Standardizer::fit(training.records());
        let training = Dataset::new(scaler.apply(training.records()), training.targets().clone());
        let model = MultiLogisticRegression::default()
            .alpha(1e-3)
            .max_iterations(200)
            .fit(&training)
            .context("fitting linfa-logistic")?;
        let x = scaler.apply(&set.features.select(Axis(0), test));
        Ok(model.predict(&x).to_vec())
    })?;
    let forest = Algorithm::Forest {
        tree: TreeParams::default(),
        forest: ForestParams::default(),
    };
    let trees = out_of_fold(&set, &folds, |train, test| {
        let model = forest.fit(&rows_dataset(&set, train))?;
        // The trait's predict: the fitted classifier's own `predict` classifies a single flow.
        let x = set.features.select(Axis(0), test);
        let predicted: Array1<usize> = Predict::predict(&model, &x);
        Ok(predicted.to_vec())
    })?;

    let chance = 1.0 / set.class_names.len() as f64;
    let scores = [
        report("linfa-logistic (multinomial)", &set, &logistic),
        report("flowclass forest through linfa", &set, &trees),
    ];
    // Both models learn something: a model no better than guessing means the features did not
    // reach it (wrong order, unscaled, labels misaligned).
    for metrics in &scores {
        if metrics.accuracy <= chance {
            bail!(
                "out-of-fold accuracy {:.3} is no better than chance",
                metrics.accuracy
            );
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("linfa example: {e:#}");
            ExitCode::FAILURE
        }
    }
}
