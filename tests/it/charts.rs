//! Pictures of a model through the real binary: `eval --plot` writes SVG charts that agree with
//! `eval --json`, and `explain --dot` draws every node and edge of the model's tree (a forest's
//! first tree).

use std::path::{Path, PathBuf};

use crate::support::{eval_json, run, stderr, SMALL_LABELLED};

/// Trains a model of `algorithm` on [`SMALL_LABELLED`] into `dir`, so that these tests do not depend on
/// the shipped default model being current.
fn train(dir: &Path, algorithm: &str) -> PathBuf {
    let model = dir.join(format!("{algorithm}.json"));
    let mut args = vec![
        "train",
        "-q",
        "--folds",
        "2",
        "--algorithm",
        algorithm,
        "--trees",
        "5",
        "--labels",
        "datasets/labels.csv",
        "-o",
        model.to_str().unwrap(),
    ];
    args.extend(SMALL_LABELLED);
    let trained = run(&args, None);
    assert!(trained.status.success(), "{}", stderr(&trained));
    model
}

#[test]
fn eval_plot_writes_charts_that_agree_with_the_json_scores() {
    let dir = tempfile::tempdir().unwrap();
    let charts = dir.path().join("charts/new");
    let model = train(dir.path(), "tree");
    let mut args = vec!["--curve", "--plot", charts.to_str().unwrap()];
    args.extend(SMALL_LABELLED);
    let json = eval_json(&model, &args);
    let metrics = &json["metrics"];
    let read = |name: &str| std::fs::read_to_string(charts.join(name)).unwrap();

    let confusion = read("confusion.svg");
    let title = format!(
        "Confusion matrix: macro-F1 {:.3}, accuracy {:.3}, {} flows",
        metrics["macro_f1"].as_f64().unwrap(),
        metrics["accuracy"].as_f64().unwrap(),
        metrics["total"].as_u64().unwrap()
    );
    assert!(confusion.contains(&title), "{title} in {confusion}");
    for class in metrics["classes"].as_array().unwrap() {
        assert!(confusion.contains(class.as_str().unwrap()), "{class}");
    }

    let scores = read("scores.svg");
    for class in metrics["per_class"].as_array().unwrap() {
        let label = format!(
            "{} ({} flows)",
            class["class"].as_str().unwrap(),
            class["support"]
        );
        assert!(scores.contains(&label), "{label} in {scores}");
    }

    let curve = read("curve.svg");
    let points = json["curve"].as_array().unwrap();
    assert_eq!(points.len(), 5);
    for point in points {
        let value = format!("{:.3}", point["macro_f1"].as_f64().unwrap());
        assert!(curve.contains(&value), "{value} in {curve}");
    }
}

#[test]
fn a_curve_by_payload_packets_scores_what_first_payload_packets_scores() {
    let dir = tempfile::tempdir().unwrap();
    let charts = dir.path().join("charts");
    let model = train(dir.path(), "tree");
    let eval = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(SMALL_LABELLED);
        eval_json(&model, &args)
    };
    let json = eval(&[
        "--curve",
        "--curve-counts",
        "payload-packets",
        "--plot",
        charts.to_str().unwrap(),
    ]);
    assert_eq!(json["curve_counts"], "payload_packets");
    let points = json["curve"].as_array().unwrap();
    let at = |n: u64| points.iter().find(|p| p["packets"] == n).unwrap();
    for n in [3, 10] {
        let cut = eval(&["--first-payload-packets", &n.to_string()]);
        assert_eq!(at(n)["macro_f1"], cut["metrics"]["macro_f1"], "{n}");
    }
    let by_packets = eval(&["--first-packets", "3"]);
    assert_ne!(at(3)["macro_f1"], by_packets["metrics"]["macro_f1"]);
    let curve = std::fs::read_to_string(charts.join("curve.svg")).unwrap();
    assert!(curve.contains("payload packets seen per flow"), "{curve}");
}

#[test]
fn explain_dot_draws_every_node_and_edge_of_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    for algorithm in ["tree", "forest"] {
        let model = train(dir.path(), algorithm);
        let explained = run(
            &["explain", "--dot", "--model", model.to_str().unwrap()],
            None,
        );
        assert!(explained.status.success(), "{}", stderr(&explained));
        let dot = String::from_utf8(explained.stdout).unwrap();
        let json = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
        check_dot(&dot, &json);
    }
}

/// `dot` draws the tree of `model` (a forest's first tree): a box per node, a yes and a no edge
/// per split, a filled box per leaf, the root's split first.
fn check_dot(dot: &str, model: &serde_json::Value) {
    assert!(
        dot.starts_with("digraph flowclass {") && dot.ends_with("}\n"),
        "{dot}"
    );
    let tree = match model["model"]["kind"].as_str() {
        Some("forest") => &model["model"]["trees"][0]["tree"],
        _ => &model["model"],
    };
    let nodes = tree["nodes"].as_array().unwrap();
    let splits = nodes.iter().filter(|n| n["kind"] == "split").count();
    assert!(
        splits > 0,
        "the two captures are told apart by at least one split"
    );
    assert_eq!(dot.matches("[label=\"yes\"]").count(), splits, "{dot}");
    assert_eq!(dot.matches("[label=\"no\"]").count(), splits, "{dot}");
    assert_eq!(
        dot.matches("style=\"rounded,filled\"").count(),
        nodes.len() - splits,
        "one filled box per leaf"
    );
    let root = nodes[0]["feature_name"].as_str().unwrap();
    assert!(dot.contains(&format!("n0 [label=\"{root} <= ")), "{dot}");
}
