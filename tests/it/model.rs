//! The model's life through the real binary: train on committed captures, classify, evaluate,
//! explain; the shipped default model is reproducible and as good as the docs say; broken
//! model files give clear errors.

use std::path::{Path, PathBuf};

use flowclass::dataset::load::load;
use flowclass::eval::{by_scenario, cross_validate, guard_out_of_fold};
use flowclass::model::{Classifier, GuardParams, Model, Node};

use crate::support::{classify_explained, eval_json, run, stderr, stdout, Table};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn version_names_the_built_in_model_by_its_digest_and_classes() {
    use sha2::{Digest, Sha256};
    let output = run(&["--version"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let shipped = std::fs::read(repo("models/default.json")).unwrap();
    let digest: String = Sha256::digest(&shipped)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(
        text.starts_with(&format!("flowclass {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("models/default.json sha256 {digest} ")),
        "{text}"
    );
    let model = Model::from_json_str(std::str::from_utf8(&shipped).unwrap()).unwrap();
    assert!(text.contains(&model.classes.join(", ")), "{text}");
    // -V is the short version: no model read, one line.
    let short = run(&["-V"], None);
    assert!(short.status.success(), "{}", stderr(&short));
    assert_eq!(
        stdout(&short),
        format!("flowclass {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// The class directories of the committed datasets.
fn dataset_dirs() -> Vec<String> {
    ["bittorrent", "websocket", "http", "mixed", "other"]
        .iter()
        .map(|d| format!("datasets/{d}"))
        .filter(|d| repo(d).is_dir())
        .collect()
}

#[test]
fn the_shipped_models_are_reproducible_from_the_committed_data() {
    let dir = tempfile::tempdir().unwrap();
    for (script, shipped) in [
        ("models/train-default.sh", "models/default.json"),
        ("models/train-early.sh", "models/early.json"),
    ] {
        let out = dir.path().join("retrained.json");
        let status = std::process::Command::new("bash")
            .arg(repo(script))
            .arg(&out)
            .env("FLOWCLASS", env!("CARGO_BIN_EXE_flowclass"))
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{script}");
        let retrained = std::fs::read_to_string(&out).unwrap();
        assert!(
            retrained == std::fs::read_to_string(repo(shipped)).unwrap(),
            "{shipped} differs from what {script} trains now; retrain it"
        );
    }
}

#[test]
fn the_early_model_measures_ten_payload_packets_and_reaches_its_readme_claim() {
    let model = Model::load(&repo("models/early.json")).unwrap();
    let settings = model.schema.settings;
    assert_eq!(
        (settings.packet_limit, settings.payload_packet_limit),
        (None, Some(10))
    );
    let cv = model
        .training
        .cv
        .expect("the early model carries its cross-validation");
    assert!(
        cv.metrics.macro_f1 >= readme_claim("early-model-macro-f1"),
        "macro-F1 {}",
        cv.metrics.macro_f1
    );
}

/// A figure the documents claim, written in README.md or a file of `docs/` as
/// `<!-- claim NAME VALUE -->`.
fn readme_claim(name: &str) -> f64 {
    let marker = format!("<!-- claim {name} ");
    let mut documents = vec![repo("README.md")];
    documents.extend(
        std::fs::read_dir(repo("docs"))
            .unwrap()
            .map(|entry| entry.unwrap().path()),
    );
    let claims: Vec<f64> = documents
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .filter_map(|text| {
            let start = text.find(&marker)? + marker.len();
            text[start..].split_whitespace().next()?.parse().ok()
        })
        .collect();
    match claims.as_slice() {
        [claim] => *claim,
        [] => panic!("neither README.md nor docs/ claims {name}"),
        _ => panic!("{name} is claimed {} times", claims.len()),
    }
}

#[test]
fn the_default_model_reaches_the_accuracy_the_readme_claims() {
    let model = Model::load(&repo("models/default.json")).unwrap();
    let cv = model
        .training
        .cv
        .as_ref()
        .expect("the default model carries its cross-validation");
    assert!(
        cv.metrics.macro_f1 >= readme_claim("whole-flow-macro-f1"),
        "macro-F1 {}",
        cv.metrics.macro_f1
    );
    // The hard cases, per scenario kind, from the same grouped cross-validation.
    let dirs: Vec<PathBuf> = dataset_dirs().iter().map(|d| repo(d)).collect();
    let mut data = load(
        &dirs,
        Some(&repo("datasets/labels.csv")),
        &model.schema.extract_config(),
    )
    .unwrap();
    let excluded = model
        .schema
        .columns_matching(&model.training.excluded_features)
        .unwrap();
    data.set.hold_constant(&excluded);
    let mut report =
        cross_validate(&data.set, model.training.algorithm(), cv.folds, cv.seed).unwrap();
    if let Some(guard) = &model.guard {
        let params = GuardParams {
            fallback: guard.fallback,
            min_outside: guard.min_outside,
            trim: 0.0,
        };
        let guarded = guard_out_of_fold(&data.set, &report, &guard.features, params);
        assert_eq!(guarded.confidence(), guard.confidence);
        report = guarded.report;
    }
    assert_eq!(
        report.summary.metrics.macro_f1, cv.metrics.macro_f1,
        "the stored scores are the ones this data gives"
    );
    let scenarios = by_scenario(&data.set, &report.predictions);
    let recall_of = |pattern: &dyn Fn(&str) -> bool, class: &str| -> f64 {
        let c = data
            .set
            .class_names
            .iter()
            .position(|n| n == class)
            .unwrap();
        let (found, total) =
            scenarios
                .iter()
                .filter(|s| pattern(&s.name))
                .fold((0.0, 0u64), |(f, t), s| {
                    (
                        f + s.recall[c].unwrap_or(0.0) * s.support[c] as f64,
                        t + s.support[c],
                    )
                });
        assert!(total > 0, "no {class} flows in the matching scenarios");
        found / total as f64
    };
    let encrypted = encrypted_scenarios();
    let encrypted_bt = recall_of(&|name| encrypted.contains(name), "bittorrent");
    assert!(
        encrypted_bt >= readme_claim("encrypted-bittorrent-recall"),
        "recall {encrypted_bt}"
    );
    let tls_ws = recall_of(&|name| encrypted.contains(name), "websocket");
    assert!(
        tls_ws >= readme_claim("tls-websocket-recall"),
        "recall {tls_ws}"
    );
}

/// Scenarios whose truth files say `# encrypted: yes` (MSE forced, or TLS).
fn encrypted_scenarios() -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    for dir in dataset_dirs() {
        for entry in std::fs::read_dir(repo(&dir)).unwrap() {
            let path = entry.unwrap().path();
            if !path.to_string_lossy().ends_with(".truth.csv") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let scenario = text
                .lines()
                .find_map(|l| l.strip_prefix("# scenario:"))
                .map(|s| s.trim().to_string());
            if let (Some(scenario), true) = (
                scenario,
                text.lines().any(|l| l.trim() == "# encrypted: yes"),
            ) {
                found.insert(scenario);
            }
        }
    }
    found
}

/// `train` on `datasets/mixed` (no `other` flows) with `options` is a usage error saying
/// `message`.
fn train_is_refused(dir: &Path, options: &[&str], message: &str) {
    let output = dir.join("refused.json");
    let mut args = vec![
        "train",
        "-q",
        "--labels",
        "datasets/labels.csv",
        "-o",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(options);
    args.push("datasets/mixed");
    let refused = run(&args, None);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains(message), "{}", stderr(&refused));
}

/// Trains with 3-fold cross-validation on the committed datasets (plus `extra` settings) into
/// `model`; returns what `train` printed.
fn train_on_datasets(model: &Path, extra: &[&str]) -> String {
    let dirs = dataset_dirs();
    train_on(model, &dirs, extra)
}

/// Trains with 3-fold cross-validation on `data` (labelled by `datasets/labels.csv`, plus
/// `extra` settings) into `model`; returns what `train` printed.
fn train_on(model: &Path, data: &[String], extra: &[&str]) -> String {
    let mut args = vec![
        "train",
        "-q",
        "--labels",
        "datasets/labels.csv",
        "--folds",
        "3",
        "-o",
        model.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.extend(data.iter().map(String::as_str));
    let trained = run(&args, None);
    assert!(trained.status.success(), "{}", stderr(&trained));
    stdout(&trained)
}

#[test]
fn train_classify_and_eval_work_end_to_end_on_committed_captures() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    let predictions = dir.path().join("cv.csv");
    let report = train_on_datasets(&model, &["--cv-predictions", predictions.to_str().unwrap()]);
    let dirs = dataset_dirs();
    assert!(
        report.contains("grouped 3-fold cross-validation by scenario")
            && report.contains("macro-F1"),
        "{report}"
    );
    check_cv_predictions(&std::fs::read(&predictions).unwrap(), &model);

    let capture = std::fs::read_dir(repo(&dirs[0]))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".pcap.gz"))
        .unwrap();
    let classified = run(
        &[
            "classify",
            "-q",
            "--format",
            "csv",
            "--model",
            model.to_str().unwrap(),
            capture.to_str().unwrap(),
        ],
        None,
    );
    assert!(classified.status.success(), "{}", stderr(&classified));
    let table = Table::parse(&classified.stdout);
    assert_eq!(
        table.header,
        flow_id_and(&["packets", "bytes", "label", "confidence"])
    );
    let extracted = Table::parse(&run(&["extract", "-q", capture.to_str().unwrap()], None).stdout);
    assert_eq!(table.rows.len(), extracted.rows.len(), "one line per flow");
    let classes = Model::load(&model).unwrap().classes;
    for row in &table.rows {
        assert!(classes.contains(&row[9]), "{row:?}");
        let confidence: f64 = row[10].parse().unwrap();
        assert!(confidence > 0.0 && confidence <= 1.0);
    }
    let strict = run(
        &[
            "classify",
            "-q",
            "--format",
            "csv",
            "--min-confidence",
            "1",
            "--model",
            model.to_str().unwrap(),
            capture.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        Table::parse(&strict.stdout)
            .rows
            .iter()
            .all(|r| r[9] == "unknown"),
        "smoothed confidence is never 1"
    );

    let json = eval_json(&model, &[capture.to_str().unwrap()]);
    let total = json["metrics"]["total"].as_u64().unwrap();
    assert!(total > 0 && total as usize <= table.rows.len());
    assert_eq!(json["missing"].as_u64(), Some(0));
    assert_eq!(json["by_capture"].as_array().unwrap().len(), 1);

    let explained = run(&["explain", "--model", model.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&explained.stdout);
    assert!(
        text.contains("Rules") && text.contains("Feature importance") && text.contains("sha256"),
        "{text}"
    );
}

/// The columns that name a flow (as `extract` writes them), then `rest`.
fn flow_id_and(rest: &[&str]) -> Vec<String> {
    let id = [
        "capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start",
    ];
    id.iter().chain(rest).map(|c| c.to_string()).collect()
}

/// `train --cv-predictions` wrote one row per training flow whose predictions score what the
/// model file's cross-validation says, each scenario tested in one fold only.
fn check_cv_predictions(csv: &[u8], model: &Path) {
    let table = Table::parse(csv);
    assert_eq!(
        table.header,
        flow_id_and(&["label", "predicted", "fold", "scenario", "kind"])
    );
    let cv = Model::load(model).unwrap().training.cv.unwrap();
    assert_eq!(table.rows.len() as u64, cv.metrics.total);
    let (label, predicted) = (table.column("label"), table.column("predicted"));
    let right = table
        .rows
        .iter()
        .filter(|r| r[label] == r[predicted])
        .count();
    assert_eq!(
        right,
        (cv.metrics.accuracy * cv.metrics.total as f64).round() as usize
    );
    let (fold, scenario) = (table.column("fold"), table.column("scenario"));
    let mut folds_of = std::collections::BTreeMap::<&str, std::collections::BTreeSet<&str>>::new();
    for row in &table.rows {
        folds_of
            .entry(&row[scenario])
            .or_default()
            .insert(&row[fold]);
    }
    assert!(
        folds_of.len() > 3 && folds_of.values().all(|f| f.len() == 1),
        "{folds_of:?}"
    );
    let folds: std::collections::BTreeSet<&str> = folds_of.values().flatten().copied().collect();
    assert_eq!(folds.into_iter().collect::<Vec<_>>(), ["1", "2", "3"]);
    // Kinds as the labels CSV gives them (`tls`), not as the per-kind scores name them
    // (`http/tls`).
    let labels = Table::parse(&std::fs::read("datasets/labels.csv").unwrap());
    let labelled_kinds: std::collections::BTreeSet<&str> = labels
        .rows
        .iter()
        .map(|r| r[labels.column("kind")].as_str())
        .collect();
    let kind = table.column("kind");
    assert!(
        table
            .rows
            .iter()
            .all(|r| labelled_kinds.contains(r[kind].as_str())),
        "{labelled_kinds:?}"
    );
}

#[test]
fn tuning_picks_the_best_grid_point_and_trains_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let untuned = dir.path().join("untuned.json");
    let tuned = dir.path().join("tuned.json");
    // Tuning chooses by the classifier's own cross-validation; without a novelty guard the
    // model's stored cross-validation is that same one.
    train_on_datasets(&untuned, &["--novelty-guard", "0"]);
    let report = train_on_datasets(&tuned, &["--tune", "--novelty-guard", "0"]);
    // "tuned: criterion C, max depth D, min samples per leaf L (macro-F1 F, N leaves)"
    let line = report
        .lines()
        .find(|l| l.starts_with("tuned: "))
        .unwrap_or_else(|| panic!("{report}"));
    let model = Model::load(&tuned).unwrap();
    let params = model.training.params;
    let depth = params.max_depth.map_or("none".into(), |d| d.to_string());
    assert!(
        line.starts_with(&format!(
            "tuned: criterion {}, max depth {depth}, min samples per leaf {} (macro-F1 ",
            params.criterion.name(),
            params.min_samples_leaf
        )),
        "the model is trained with the settings tuning chose: {line} vs {params:?}"
    );
    // The grid holds the default settings, and both runs use the same folds: the chosen point
    // scores at least as well as the default, and the model's cross-validation is the chosen one's.
    let chosen: f64 = line
        .split("macro-F1 ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap()
        .parse()
        .unwrap();
    let tuned_cv = model.training.cv.unwrap().metrics.macro_f1;
    let default_cv = Model::load(&untuned)
        .unwrap()
        .training
        .cv
        .unwrap()
        .metrics
        .macro_f1;
    assert!((tuned_cv - chosen).abs() < 5e-5, "{tuned_cv} vs {line}");
    assert!(tuned_cv >= default_cv, "{tuned_cv} < {default_cv}");
}

#[test]
fn a_forest_trains_compares_classifies_and_explains_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("forest.json");
    let report = train_on_datasets(
        &model,
        &["--algorithm", "forest", "--trees", "15", "--compare"],
    );
    assert!(
        report.contains("tree: grouped 3-fold cross-validation by scenario")
            && report.contains("forest: grouped 3-fold cross-validation by scenario")
            && report.contains("compared on the same folds: tree macro-F1")
            && report.contains("forest of 15 trees"),
        "{report}"
    );
    let first = std::fs::read(&model).unwrap();
    let loaded = Model::load(&model).unwrap();
    assert_eq!(loaded.training.algorithm().name(), "forest");
    assert_eq!(loaded.training.compared.len(), 1);
    assert_eq!(loaded.training.compared[0].algorithm.name(), "tree");
    // Trained again, with one worker thread: the same bytes.
    let again = dir.path().join("again.json");
    train_on_datasets(
        &again,
        &["--algorithm", "forest", "--trees", "15", "--compare", "-j1"],
    );
    assert!(
        std::fs::read(&again).unwrap() == first,
        "a forest trained twice differs"
    );

    let capture = repo("datasets/websocket/ws_python_chat.pcap.gz");
    let rows = classify_explained(&model, &capture);
    assert!(!rows.is_empty());
    for row in &rows {
        let votes = row["votes"].as_object().unwrap();
        let total: u64 = votes.values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(total, 15, "{row}");
        let label = row["label"].as_str().unwrap();
        let share = votes[label].as_u64().unwrap() as f64 / 15.0;
        assert_eq!(row["confidence"].as_f64().unwrap(), share, "{row}");
        assert!(row["tree"].as_u64().unwrap() < 15);
    }
    // Early classification is a feature setting: it works the same with a forest.
    let early = run(
        &[
            "classify",
            "-q",
            "--format",
            "csv",
            "--explain",
            "--first-packets",
            "5",
            "--model",
            model.to_str().unwrap(),
            capture.to_str().unwrap(),
        ],
        None,
    );
    assert!(early.status.success(), "{}", stderr(&early));
    let table = Table::parse(&early.stdout);
    assert_eq!(table.rows.len(), rows.len());
    assert!(
        table.rows[0][11].starts_with("votes "),
        "{:?}",
        table.rows[0]
    );

    let explained = run(&["explain", "--model", model.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&explained.stdout);
    assert!(
        text.starts_with("Random forest: 15 trees vote")
            && text.contains("Feature importance")
            && text.contains("forest: 15 trees, each on a bootstrap sample of 0.7 of the flows")
            && text.contains("compared: tree: 3 folds grouped by scenario"),
        "{text}"
    );
}

#[test]
fn broken_model_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(repo("models/default.json")).unwrap();
    let capture = repo("tests/data/http-curl.pcap");
    let cases = [
        (
            "truncated.json",
            good[..good.len() / 2].to_string(),
            "truncated",
        ),
        (
            "version.json",
            good.replacen("\"version\": 1", "\"version\": 99", 1),
            "version 99 is not supported",
        ),
        (
            "schema.json",
            good.replacen("\"all_packets\"", "\"all_packetz\"", 1),
            "all_packetz",
        ),
        (
            "setting.json",
            good.replacen(
                "\"packet_limit\": null",
                "\"packet_limit\": null, \"byte_limit\": 5",
                1,
            ),
            "byte_limit",
        ),
        ("notjson.json", "hello".to_string(), "not valid JSON"),
    ];
    for (name, text, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let output = run(
            &[
                "classify",
                "--model",
                path.to_str().unwrap(),
                capture.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(output.status.code(), Some(1), "{name}");
        let err = stderr(&output);
        assert!(err.contains(name) && err.contains(message), "{name}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn excluded_features_are_never_split_on_and_unknown_ones_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("no-timing.json");
    let report = train_on_datasets(
        &model,
        &[
            "--algorithm",
            "forest",
            "--trees",
            "10",
            "--exclude-features",
            "*iat*,duration,*per_second",
        ],
    );
    assert!(report.contains("forest of 10 trees"), "{report}");
    let loaded = Model::load(&model).unwrap();
    let excluded = &loaded.training.excluded_features;
    assert!(
        excluded.contains(&"all_iat_mean".to_string())
            && excluded.contains(&"first_iat_10".to_string())
            && excluded.contains(&"payload_bytes_per_second".to_string())
            && !excluded.contains(&"idle_share".to_string()),
        "{excluded:?}"
    );
    let Classifier::Forest(forest) = &loaded.classifier else {
        panic!("a forest was asked for");
    };
    let used: std::collections::BTreeSet<&str> = forest
        .trees
        .iter()
        .flat_map(|member| &member.tree.nodes)
        .filter_map(|node| match node {
            Node::Split { feature, .. } => Some(loaded.schema.names[*feature].as_str()),
            Node::Leaf { .. } => None,
        })
        .collect();
    assert!(!used.is_empty());
    assert!(
        used.iter().all(|name| !excluded.iter().any(|e| e == name)),
        "splits on excluded features: {used:?}"
    );
    // Nor are they checked by the novelty guard: their training range is the constant.
    let guard = loaded
        .guard
        .as_ref()
        .expect("the datasets have an other class");
    let checked: std::collections::BTreeSet<&str> = guard
        .features
        .iter()
        .map(|&f| loaded.schema.names[f].as_str())
        .collect();
    assert_eq!(checked.len() + excluded.len(), loaded.schema.names.len());
    assert!(excluded.iter().all(|e| !checked.contains(e.as_str())));
    let explained = run(&["explain", "--model", model.to_str().unwrap()], None);
    assert!(stdout(&explained).contains("excluded features (held constant in training): "));
    let guard_line = format!(
        "novelty guard: a flow outside its class's training ranges on 2 or more of {} features is labelled other",
        checked.len()
    );
    assert!(
        stdout(&explained).contains(&guard_line),
        "{}",
        stdout(&explained)
    );

    train_is_refused(
        dir.path(),
        &["--exclude-features", "dst_port"],
        "no feature is named like 'dst_port'",
    );
}

#[test]
fn a_model_trained_on_the_first_payload_packets_classifies_from_them() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("early.json");
    train_on_datasets(&model, &["--first-payload-packets", "4"]);
    let settings = Model::load(&model).unwrap().schema.settings;
    assert_eq!(
        (settings.packet_limit, settings.payload_packet_limit),
        (None, Some(4))
    );
    let explained = stdout(&run(&["explain", "--model", model.to_str().unwrap()], None));
    assert!(
        explained.contains("packet_limit none, payload_packet_limit 4"),
        "{explained}"
    );
    // classify measures flows the way the model says: every value on every decision path is the
    // value `extract --first-payload-packets 4` measures for that flow, and some differ from the
    // whole flow's.
    let capture = repo("datasets/mixed/mixed_web_bt.pcap");
    let classified = classify_explained(&model, &capture);
    let capture = capture.to_str().unwrap();
    let extracted = |extra: &[&str]| {
        let mut args = vec!["extract", "-q"];
        args.extend_from_slice(extra);
        args.push(capture);
        Table::parse(&run(&args, None).stdout)
    };
    let (early, whole) = (extracted(&["--first-payload-packets", "4"]), extracted(&[]));
    let mut differ_from_whole = 0;
    assert_eq!(classified.len(), early.rows.len());
    for (row, (early_row, whole_row)) in classified.iter().zip(early.rows.iter().zip(&whole.rows)) {
        assert_eq!(
            row["src_port"].to_string(),
            early_row[early.column("src_port")]
        );
        for step in row["path"].as_array().unwrap() {
            let column = early.column(step["feature_name"].as_str().unwrap());
            let value = step["value"].as_f64().unwrap();
            assert_eq!(value, early_row[column].parse::<f64>().unwrap(), "{row}");
            differ_from_whole += usize::from(value != whole_row[column].parse::<f64>().unwrap());
        }
    }
    assert!(differ_from_whole > 0);
}

#[test]
fn classifying_from_fewer_packets_than_the_model_saw_is_warned_about() {
    let capture = repo("tests/data/http-curl.pcap");
    let capture = capture.to_str().unwrap();
    let warning = |args: &[&str]| {
        let mut all = vec!["classify", "--format", "csv"];
        all.extend_from_slice(args);
        all.push(capture);
        let output = run(&all, None);
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
            .lines()
            .find(|l| l.contains("warning"))
            .map(str::to_owned)
    };
    assert_eq!(warning(&[]), None);
    assert_eq!(
        warning(&["--first-payload-packets", "5"]).as_deref(),
        Some(
            "flowclass: warning: the model was trained on whole flows; its labels from the first \
             5 payload packets are less accurate (flowclass eval --curve measures by how much)"
        )
    );
    assert_eq!(warning(&["-q", "--first-packets", "5"]), None);
}

#[test]
fn implementation_grouped_folds_keep_each_implementation_on_one_side_and_kinds_can_be_held_out() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    let predictions = dir.path().join("cv.csv");
    let report = train_on_datasets(
        &model,
        &[
            "--group-by",
            "implementation",
            "--leave-out-kinds",
            "bittorrent",
            "--cv-predictions",
            predictions.to_str().unwrap(),
        ],
    );
    assert!(
        report.contains("grouped 3-fold cross-validation by implementation"),
        "{report}"
    );
    let trained = Model::load(&model).unwrap();
    let classes = trained.classes.len();
    let cv = trained.training.cv.unwrap();
    assert_eq!(cv.grouping, flowclass::dataset::Grouping::Implementation);

    // Every implementation the labels name is tested in exactly one fold.
    let labels = Table::parse(&std::fs::read("datasets/labels.csv").unwrap());
    let implementation_of: std::collections::BTreeMap<&str, &str> = labels
        .rows
        .iter()
        .map(|r| {
            (
                r[labels.column("scenario")].as_str(),
                r[labels.column("implementation")].as_str(),
            )
        })
        .collect();
    let table = Table::parse(&std::fs::read(&predictions).unwrap());
    let (fold, scenario) = (table.column("fold"), table.column("scenario"));
    let mut folds_of = std::collections::BTreeMap::<&str, std::collections::BTreeSet<&str>>::new();
    for row in &table.rows {
        let implementation = implementation_of[row[scenario].as_str()];
        assert!(!implementation.is_empty(), "{row:?}");
        folds_of
            .entry(implementation)
            .or_default()
            .insert(&row[fold]);
    }
    assert!(
        folds_of.len() >= 3 && folds_of.values().all(|f| f.len() == 1),
        "{folds_of:?}"
    );

    // Leave-one-kind-out: a row per BitTorrent kind, with every flow of the kind counted once.
    let held: Vec<&str> = report
        .lines()
        .skip_while(|l| !l.starts_with("leave-one-kind-out (bittorrent)"))
        .skip(2)
        .take_while(|l| !l.trim_start().starts_with("mean share"))
        .collect();
    let kinds_in_labels: std::collections::BTreeMap<&str, usize> = labels
        .rows
        .iter()
        .filter(|r| r[labels.column("label")] == "bittorrent")
        .fold(Default::default(), |mut counts, r| {
            *counts.entry(r[labels.column("kind")].as_str()).or_default() += 1;
            counts
        });
    assert_eq!(held.len(), kinds_in_labels.len(), "{report}");
    for line in held {
        let cells: Vec<&str> = line.split_whitespace().collect();
        let flows: usize = cells[2].parse().unwrap();
        // Flows of the kind in training data: the labels' count less the ignored flows' rows.
        assert!(flows > 0 && flows <= kinds_in_labels[cells[0]], "{line}");
        assert_eq!(
            cells.len(),
            3 + classes,
            "no guard column when the guard answers another class: {line}"
        );
        let shares: f64 = cells[3..].iter().map(|s| s.parse::<f64>().unwrap()).sum();
        assert!((shares - 1.0).abs() < 0.01, "{line}");
    }

    // The nearest-neighbour sweep: a guard at a higher q sends a subset of the flows a lower q
    // sends, so the held-out share falls (or holds) as q rises.
    let sweep: Vec<Vec<f64>> = report
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("nearest-neighbour guard"))
        .skip(2)
        .take_while(|l| l.trim_start().starts_with("no "))
        .map(|l| {
            l.split_whitespace()
                .skip(1)
                .map(|c| c.parse().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(sweep.len(), 5, "{report}");
    for pair in sweep.windows(2) {
        let (lower, higher) = (&pair[0], &pair[1]);
        assert!(lower[0] < higher[0] && lower[1] >= higher[1], "{sweep:?}");
    }
}

#[test]
fn explain_shows_any_tree_of_the_default_forest_and_says_what_a_forest_explanation_is() {
    let Classifier::Forest(forest) = Model::load(&repo("models/default.json"))
        .unwrap()
        .classifier
    else {
        panic!("the default model is a forest");
    };
    let trees = forest.trees.len();
    let summary = stdout(&run(&["explain"], None));
    let last = trees - 1;
    assert!(
        summary.contains("A forest has no one set of rules")
            && summary.contains(&format!(
                "`flowclass explain --tree N` prints the rules of tree N (0 to {last})"
            )),
        "{summary}"
    );
    let first = stdout(&run(&["explain", "--dot"], None));
    let seventh = run(&["explain", "--dot", "--tree", "7"], None);
    assert!(seventh.status.success(), "{}", stderr(&seventh));
    let seventh = stdout(&seventh);
    assert!(seventh.contains(&format!("Tree 7 of a forest of {trees}")) && seventh != first);
    let rules = stdout(&run(&["explain", "--tree", "7"], None));
    assert!(
        rules.starts_with("tree 7 (on ") && rules.contains("\n  if ") && rules.contains("=> "),
        "{rules}"
    );
    let past_the_end = run(&["explain", "--tree", &trees.to_string()], None);
    assert_eq!(
        past_the_end.status.code(),
        Some(2),
        "{}",
        stderr(&past_the_end)
    );
}

/// Two captures of two scenarios cannot feed a 5-fold grouped cross-validation: train says so.
#[test]
fn training_on_too_few_scenarios_warns_that_the_scores_say_little() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.json");
    let mut args = vec![
        "train",
        "--labels",
        "datasets/labels.csv",
        "-o",
        model.to_str().unwrap(),
    ];
    args.extend(crate::support::SMALL_LABELLED);
    let trained = run(&args, None);
    assert!(trained.status.success(), "{}", stderr(&trained));
    let err = stderr(&trained);
    assert!(
        err.contains("warning: too little data for a 5-fold grouped cross-validation: ")
            && err.contains("http from 1")
            && err.contains("websocket from 1"),
        "{err}"
    );
}

#[test]
fn the_novelty_guard_overrules_exactly_the_flows_outside_their_class_s_training_ranges() {
    // Trained with four `other` protocols, then shown two it never saw.
    let dir = tempfile::tempdir().unwrap();
    let others: Vec<String> = std::fs::read_dir(repo("datasets/other"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap();
            ["dns", "ssh", "ntp", "redis"]
                .iter()
                .any(|k| name.starts_with(&format!("other_{k}_")))
                && !name.ends_with(".truth.csv")
        })
        .collect();
    let data: Vec<String> = ["bittorrent", "http", "websocket"]
        .iter()
        .map(|d| format!("datasets/{d}"))
        .chain(others)
        .collect();
    let train = |model: &Path, guard: &str| train_on(model, &data, &["--novelty-guard", guard]);
    let (guarded, bare) = (
        dir.path().join("guarded.json"),
        dir.path().join("bare.json"),
    );
    let report = train(&guarded, "2");
    assert!(
        report.contains(
            "novelty guard (outside the class's training ranges on >= 2 features: other)"
        ),
        "{report}"
    );
    train(&bare, "0");
    let model = Model::load(&guarded).unwrap();
    let guard = model.guard.as_ref().expect("a guard was asked for");
    assert_eq!(model.classes[guard.fallback], "other");
    assert_eq!(
        guard.features.len(),
        model.schema.names.len(),
        "nothing was excluded"
    );
    assert!(Model::load(&bare).unwrap().guard.is_none());

    let unseen = [
        repo("datasets/other/other_snmp_netsnmp.pcapng.gz"),
        repo("datasets/other/other_turn_coturn.pcap.gz"),
    ];
    let unseen: Vec<&str> = unseen.iter().map(|p| p.to_str().unwrap()).collect();
    let features = run(&[&["extract", "-q"][..], &unseen[..]].concat(), None);
    let features = Table::parse(features.stdout.as_slice());
    let id = flow_id_and(&[]);
    let key = |get: &dyn Fn(&str) -> String| id.iter().map(|c| get(c)).collect::<Vec<_>>();
    let values: std::collections::BTreeMap<Vec<String>, Vec<f64>> = features
        .rows
        .iter()
        .map(|row| {
            let get = |c: &str| row[features.column(c)].clone();
            let values = model
                .schema
                .names
                .iter()
                .map(|n| row[features.column(n)].parse().unwrap())
                .collect();
            (key(&get), values)
        })
        .collect();
    let outside = |class: usize, row: &[f64]| -> Vec<&str> {
        guard
            .features
            .iter()
            .enumerate()
            .filter(|&(i, &f)| row[f] < guard.low[class][i] || row[f] > guard.high[class][i])
            .map(|(_, &f)| model.schema.names[f].as_str())
            .collect()
    };
    let class_of = |label: &str| model.classes.iter().position(|c| c == label).unwrap();
    let mut overruled = 0;
    for capture in unseen {
        let with = classify_explained(&guarded, Path::new(capture));
        let without = classify_explained(&bare, Path::new(capture));
        assert_eq!(with.len(), without.len());
        for (flow, alone) in with.iter().zip(&without) {
            let get = |c: &str| match &flow[c] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let row = &values[&key(&get)];
            let label = flow["label"].as_str().unwrap();
            match flow.get("overruled") {
                Some(o) => {
                    overruled += 1;
                    let said = o["label"].as_str().unwrap();
                    assert_eq!(said, alone["label"], "{flow}");
                    assert_eq!(label, "other");
                    assert_eq!(flow["confidence"], guard.confidence);
                    let named: Vec<&str> = o["outside"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .collect();
                    assert!(named.len() >= guard.min_outside, "{flow}");
                    assert_eq!(named, outside(class_of(said), row), "{flow}");
                }
                None => {
                    assert_eq!(flow["label"], alone["label"], "{flow}");
                    if label != "other" {
                        assert!(
                            outside(class_of(label), row).len() < guard.min_outside,
                            "{flow}"
                        );
                    }
                }
            }
        }
    }
    assert!(
        overruled > 0,
        "no flow of the unseen protocols was overruled"
    );

    train_is_refused(
        dir.path(),
        &["--novelty-guard", "2"],
        "the data has no 'other' class",
    );
}
