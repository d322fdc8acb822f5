//! The README and `docs/` hold: every relative link resolves (to a file, and to a heading when
//! it names one), and the walkthroughs' output is what the binary prints today.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The README and every Markdown file under `docs/`.
fn documents() -> Vec<PathBuf> {
    let mut found = vec![repo().join("README.md")];
    for entry in std::fs::read_dir(repo().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The targets of the Markdown links `[text](target)` in `text`, outside code.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        // Inline code is not a link.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            if let Some(end) = rest.find(')') {
                targets.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    targets
}

/// GitHub's anchor for a heading: lowercase, spaces to `-`, punctuation other than `-` and
/// `_` dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| anchor(l.trim_start_matches('#')))
        .collect()
}

#[test]
fn every_relative_link_in_the_readme_and_docs_resolves() {
    let mut checked = 0;
    let mut broken = Vec::new();
    for document in documents() {
        let text = std::fs::read_to_string(&document).unwrap();
        for target in link_targets(&text) {
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            checked += 1;
            let (file, fragment) = match target.split_once('#') {
                Some((file, fragment)) => (file, Some(fragment)),
                None => (target.as_str(), None),
            };
            let resolved = if file.is_empty() {
                document.clone()
            } else {
                document.parent().unwrap().join(file)
            };
            if !resolved.exists() {
                broken.push(format!("{}: {target} (no such file)", document.display()));
                continue;
            }
            if let Some(fragment) = fragment {
                let text = std::fs::read_to_string(&resolved).unwrap_or_default();
                if !anchors(&text).iter().any(|a| a == fragment) {
                    broken.push(format!(
                        "{}: {target} (no such heading)",
                        document.display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(
        checked >= 20,
        "only {checked} links found: is the parser blind?"
    );
}

#[test]
fn the_link_checker_sees_links_and_anchors_as_github_does() {
    assert_eq!(
        link_targets("see [a](docs/A.md#x-y) and `[not](code)` and [b](B.md)"),
        ["docs/A.md#x-y", "B.md"]
    );
    assert_eq!(anchor("LAN and internet timing"), "lan-and-internet-timing");
    assert_eq!(anchor("`extract`, then train"), "extract-then-train");
}

/// One command of a walkthrough and the output shown under it.
struct Shown {
    document: PathBuf,
    command: String,
    output: Vec<String>,
}

/// The `$ flowclass ...` commands of the ```text blocks of `document`, each with the lines
/// shown after it (up to the next command or the end of the block).
fn walkthroughs(document: &Path) -> Vec<Shown> {
    let text = std::fs::read_to_string(document).unwrap();
    let mut shown: Vec<Shown> = Vec::new();
    let mut in_text_block = false;
    let mut current: Option<Shown> = None;
    let mut continued = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_text_block = !in_text_block && line == "```text";
            shown.extend(current.take());
            continue;
        }
        if !in_text_block {
            continue;
        }
        if continued {
            let command = &mut current.as_mut().unwrap().command;
            command.push(' ');
            command.push_str(line.trim().trim_end_matches('\\'));
            continued = line.ends_with('\\');
        } else if let Some(command) = line.strip_prefix("$ ") {
            shown.extend(current.take());
            continued = command.ends_with('\\');
            current = Some(Shown {
                document: document.to_path_buf(),
                command: command.trim_end_matches('\\').to_string(),
                output: Vec::new(),
            });
        } else if let Some(current) = current.as_mut() {
            current.output.push(line.to_string());
        }
    }
    shown
}

/// Whether `actual` is `expected`, where a `...` line stands for any lines.
fn matches_with_ellipses(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches_with_ellipses(rest, &actual[skip..]))
        }
        Some((first, rest)) => {
            actual.first() == Some(&first.trim_end()) && matches_with_ellipses(rest, &actual[1..])
        }
    }
}

/// Runs `command` with the shell in a scratch directory that sees the repository's data, the
/// built binary as `flowclass` and `tree` as `/tmp/tree.json`; standard error joins standard
/// output, as on a terminal, when `with_stderr`.
fn run_shown(command: &str, scratch: &Path, tree: &Path, with_stderr: bool) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_flowclass")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let command = command.replace("/tmp/tree.json", tree.to_str().unwrap());
    let output = Command::new("sh")
        .arg("-c")
        .arg(if with_stderr {
            format!("exec 2>&1; {command}")
        } else {
            format!("exec 2>/dev/null; {command}")
        })
        .current_dir(scratch)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The walkthroughs that show output are run as shown (the quick start's classify, extract,
/// classify with the single tree, eval, explain) and must print what the documents show.
/// `train`'s walkthrough is checked by `the_shipped_models_are_reproducible_from_the_committed_data`
/// (the same recipe, retrained), and commands shown without output are not run.
#[test]
fn the_walkthroughs_print_what_the_documents_show() {
    let scratch = tempfile::tempdir().unwrap();
    for linked in ["datasets", "tests", "models"] {
        std::os::unix::fs::symlink(repo().join(linked), scratch.path().join(linked)).unwrap();
    }
    let tree = scratch.path().join("tree.json");
    let trained = Command::new(env!("CARGO_BIN_EXE_flowclass"))
        .current_dir(repo())
        .args([
            "train",
            "-q",
            "datasets/bittorrent",
            "datasets/websocket",
            "datasets/http",
            "datasets/mixed",
            "datasets/other",
            "--labels",
            "datasets/labels.csv",
            "--algorithm",
            "tree",
            "--folds",
            "2",
            "--exclude-features",
            "@models/absolute-timing.txt",
            "-o",
        ])
        .arg(&tree)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(trained.success());

    let mut checked = 0;
    let mut differ = Vec::new();
    for document in [repo().join("README.md"), repo().join("docs/USER_GUIDE.md")] {
        for shown in walkthroughs(&document) {
            if shown.output.is_empty() || shown.command.starts_with("flowclass train") {
                continue;
            }
            // Where a document shows flowclass's messages, they are compared too.
            let with_stderr = shown.output.iter().any(|l| l.starts_with("flowclass: "));
            let actual = run_shown(&shown.command, scratch.path(), &tree, with_stderr);
            let actual: Vec<&str> = actual.lines().map(str::trim_end).collect();
            checked += 1;
            if !matches_with_ellipses(&shown.output, &actual) {
                differ.push(format!(
                    "{}: $ {}\nshown:\n{}\nprinted:\n{}",
                    shown.document.display(),
                    shown.command,
                    shown.output.join("\n"),
                    actual.join("\n")
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n\n"));
    assert!(
        checked >= 6,
        "only {checked} walkthroughs with output found"
    );
}

#[test]
fn ellipses_stand_for_any_lines_and_nothing_else() {
    let expected: Vec<String> = ["a", "...", "d"].map(String::from).to_vec();
    assert!(matches_with_ellipses(&expected, &["a", "b", "c", "d"]));
    assert!(matches_with_ellipses(&expected, &["a", "d"]));
    assert!(!matches_with_ellipses(&expected, &["a", "b", "c"]));
    assert!(!matches_with_ellipses(&expected[..1], &["a", "b"]));
}

/// The `| N | `name` | ...` rows of a feature table, as (N, name).
fn numbered_features(table: &str) -> Vec<(usize, String)> {
    table
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let number = cells.get(1)?.parse().ok()?;
            Some((number, cells.get(2)?.trim_matches('`').to_string()))
        })
        .collect()
}

#[test]
fn the_feature_table_in_the_docs_is_what_flowclass_features_prints() {
    let printed = crate::support::run(&["features"], None);
    assert!(printed.status.success());
    let printed = String::from_utf8(printed.stdout).unwrap();
    let docs = std::fs::read_to_string(repo().join("docs/FEATURES.md")).unwrap();
    assert!(
        docs.contains(&printed),
        "docs/FEATURES.md's table is not `flowclass features` (regenerate it)"
    );
}

/// One convention: a feature's number is its place in the model file's schema, as the model's
/// splits and `classify --explain` give it (counting from 0).
#[test]
fn features_are_numbered_as_the_model_file_and_explanations_number_them() {
    let printed = crate::support::run(&["features"], None);
    let numbered = numbered_features(&String::from_utf8(printed.stdout).unwrap());
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("models/default.json")).unwrap())
            .unwrap();
    let names: Vec<&str> = model["schema"]["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(numbered.len(), names.len());
    for (number, name) in &numbered {
        assert_eq!(names[*number], name, "feature {number}");
    }
    let explained = crate::support::classify_explained(
        &repo().join("models/default.json"),
        &crate::support::data("http-curl.pcap"),
    );
    let step = &explained[0]["path"][0];
    let feature = step["feature"].as_u64().unwrap() as usize;
    assert!(
        numbered.contains(&(feature, step["feature_name"].as_str().unwrap().to_string())),
        "{step}"
    );
}
