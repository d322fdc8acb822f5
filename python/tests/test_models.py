"""Model.train, save, load and evaluate do what `flowclass train` and `flowclass eval` do."""

import glob
import json

import pytest

import flowclass

DATA = ["datasets/http", "datasets/websocket"]
LABELS = "datasets/labels.csv"


def test_train_save_load_evaluate_round_trip_equals_the_cli(cli, tmp_path):
    by_cli = tmp_path / "cli.json"
    cli.run("train", "-q", "--folds", "3", "--seed", "7", "--labels", LABELS, "-o", by_cli, *DATA)
    model = flowclass.Model.train(DATA, labels=LABELS, folds=3, seed=7)
    saved = tmp_path / "python.json"
    model.save(saved)
    # Same data, settings and seed: the same model file, byte for byte.
    assert saved.read_text() == by_cli.read_text()

    loaded = flowclass.Model.load(saved)
    assert loaded.classes == model.classes == ["http", "websocket"]
    assert loaded.kind == "tree"
    assert loaded.feature_names == [f.name for f in flowclass.features()]
    cv = loaded.training["cv"]
    assert cv["folds"] == 3 and 0.5 < cv["metrics"]["macro_f1"] <= 1

    scores = loaded.evaluate(DATA, labels=LABELS)
    by_cli_scores = json.loads(cli.run("eval", "-q", "--json", "--model", saved, "--labels",
                                       LABELS, *DATA).stdout)
    assert scores == by_cli_scores
    metrics = scores["metrics"]
    assert metrics["classes"] == ["http", "websocket"]
    assert sum(map(sum, metrics["confusion"])) == metrics["total"] > 1000
    assert {c["class"] for c in metrics["per_class"]} == {"http", "websocket"}
    assert all({"precision", "recall", "f1"} <= set(c) for c in metrics["per_class"])


def test_a_novelty_guard_is_trained_as_the_cli_trains_it(cli, tmp_path):
    # With an `other` class the guard is on by default, in Python as on the command line.
    data = DATA + sorted(glob.glob("datasets/other/other_dns_*.gz"))
    by_cli = tmp_path / "cli.json"
    cli.run("train", "-q", "--folds", "3", "--labels", LABELS, "-o", by_cli, *data)
    guarded = tmp_path / "guarded.json"
    flowclass.Model.train(data, labels=LABELS, folds=3).save(guarded)
    assert guarded.read_text() == by_cli.read_text()
    assert json.loads(guarded.read_text())["guard"]["min_outside"] == 2
    bare = tmp_path / "bare.json"
    flowclass.Model.train(data, labels=LABELS, folds=3, novelty_guard=0).save(bare)
    assert "guard" not in json.loads(bare.read_text())
    with pytest.raises(ValueError, match="no 'other' class"):
        flowclass.Model.train(DATA, labels=LABELS, folds=3, novelty_guard=2)


def test_held_out_kinds_are_the_clis(cli, tmp_path):
    data = DATA + sorted(glob.glob("datasets/other/other_dns_*.gz")) + sorted(
        glob.glob("datasets/other/other_ntp_*.gz"))
    printed = cli.run("train", "-q", "--folds", "3", "--labels", LABELS, "--leave-out-kinds",
                      "other", "-o", tmp_path / "cli.json", *data).stdout.splitlines()
    start = printed.index(next(l for l in printed if l.startswith("leave-one-kind-out (other)")))
    header = printed[start + 1].split()
    rows = [l.split() for l in printed[start + 2:] if not l.startswith("  mean share")]
    rows = rows[:next(i for i, r in enumerate(rows) if r[0] == "novelty")]
    labels = header[3:6]
    assert labels == ["http", "other", "websocket"] and header[6:8] == ["other", "with"]

    model = flowclass.Model.train(data, labels=LABELS, folds=3, leave_out_kinds="other")
    held = model.held_out_kinds
    assert [h["kind"] for h in held] == [r[0] for r in rows] == ["dns", "dot", "ntp", "nts-ke"]
    for h, row in zip(held, rows):
        assert (h["scenarios"], h["flows"]) == (int(row[1]), int(row[2]))
        assert [f"{h['labels'][label]:.3f}" for label in labels] == row[3:6]
        assert f"{h['kept']:.3f}" == row[6]
        assert abs(sum(h["labels"].values()) - 1) < 1e-9
        # The guard only moves flows to other.
        assert h["kept"] >= h["labels"]["other"]

    assert flowclass.Model.train(data, labels=LABELS, folds=3).held_out_kinds is None
    with pytest.raises(ValueError, match="no flows of class 'bittorrent'"):
        flowclass.Model.train(data, labels=LABELS, folds=3, leave_out_kinds="bittorrent")


def test_implementation_grouped_training_is_the_clis(cli, tmp_path):
    by_cli = tmp_path / "cli.json"
    cli.run("train", "-q", "--folds", "3", "--group-by", "implementation", "--labels", LABELS,
            "-o", by_cli, *DATA)
    grouped = tmp_path / "python.json"
    flowclass.Model.train(DATA, labels=LABELS, folds=3, group_by="implementation").save(grouped)
    assert grouped.read_text() == by_cli.read_text()
    by_scenario = flowclass.Model.train(DATA, labels=LABELS, folds=3).training["cv"]
    assert json.loads(grouped.read_text())["training"]["cv"] != by_scenario, (
        "the folds differ from the scenario-grouped ones")
    with pytest.raises(ValueError, match='group_by must be one of "scenario", "application"'):
        flowclass.Model.train(DATA, labels=LABELS, group_by="capture")


def test_every_growing_setting_trains_as_on_the_command_line(cli, tmp_path):
    by_cli = tmp_path / "cli.json"
    cli.run("train", "-q", "--folds", "3", "--algorithm", "forest", "--trees", "9",
            "--criterion", "gini", "--class-weight", "none", "--min-impurity-decrease", "0.001",
            "--bootstrap-proportion", "0.5", "--feature-proportion", "0.3", "--labels", LABELS,
            "-o", by_cli, *DATA)
    settings = dict(criterion="gini", class_weight="none", min_impurity_decrease=0.001,
                    bootstrap_proportion=0.5, feature_proportion=0.3)
    grown = tmp_path / "python.json"
    flowclass.Model.train(DATA, labels=LABELS, folds=3, algorithm="forest", trees=9,
                          **settings).save(grown)
    assert grown.read_text() == by_cli.read_text()
    default = tmp_path / "default.json"
    flowclass.Model.train(DATA, labels=LABELS, folds=3, algorithm="forest", trees=9).save(default)
    params = json.loads(grown.read_text())["training"]["params"]
    assert params != json.loads(default.read_text())["training"]["params"], (
        "the settings reach the trees")
    with pytest.raises(ValueError, match='criterion must be one of "gini", "entropy"'):
        flowclass.Model.train(DATA, labels=LABELS, criterion="log_loss")
    with pytest.raises(ValueError, match='class_weight must be one of "balanced", "sqrt", "none"'):
        flowclass.Model.train(DATA, labels=LABELS, class_weight="auto")
    with pytest.raises(ValueError, match="proportion"):
        flowclass.Model.train(DATA, labels=LABELS, algorithm="forest", feature_proportion=0)


def test_a_forest_with_excluded_features_holds_them_out(tmp_path):
    model = flowclass.Model.train(DATA, labels=LABELS, algorithm="forest", trees=5,
                                  exclude_features=["*iat*"], compare=True)
    assert model.kind == "forest"
    assert model.training["excluded_features"]
    assert all("iat" in name for name in model.training["excluded_features"])
    assert [c["algorithm"] for c in model.training["compared"]]


def test_the_built_in_model_is_classifys_default():
    default = flowclass.Model.default()
    table = flowclass.classify("tests/data/http-curl.pcap")
    assert table.equals(flowclass.classify("tests/data/http-curl.pcap", model=default))
    assert set(default.classes) >= {"bittorrent", "http", "websocket"}
    assert "forest" in repr(default) or "tree" in repr(default)


def test_features_match_the_cli_table(cli):
    header, rows = cli.rows("features", "--format", "csv")
    assert header == ["name", "unit", "meaning"]
    assert [tuple(f) for f in flowclass.features()] == [tuple(r) for r in rows]
