//! Every input a fuzz target ever failed on, replayed through the same checks the fuzz targets
//! run (`fuzz/checks.rs`). The inputs live in `tests/data/fuzz/<target>/`, one file each, named
//! after what they broke; `tests/data/fuzz/README.md` says what each one was and how it was fixed.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `check` on every saved input of `target`; names each input that still fails.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let files = inputs(target);
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap();
            std::panic::catch_unwind(|| check(&bytes)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "still failing: {failed:#?}");
    files.len()
}

#[test]
fn capture_crashes_stay_fixed() {
    assert!(replay("capture", checks::capture) > 0);
}

#[test]
fn decode_crashes_stay_fixed() {
    assert!(replay("decode", checks::decode_frame) > 0);
}

#[test]
fn decap_hostile_inputs_stay_fixed() {
    assert!(replay("decap", checks::decap_frame) > 0);
}

#[test]
fn pipeline_crashes_stay_fixed() {
    assert!(replay("pipeline", checks::pipeline) > 0);
}
