//! `train --exclude-features`: the feature names and globs given inline, or read from a file
//! named with a leading `@` (one list kept in one place, like `models/absolute-timing.txt`).

use std::fs;
use std::path::Path;

use super::UsageError;

/// The patterns of `args` with every `@FILE` replaced by the patterns in that file: names or
/// globs separated by commas, spaces or line breaks; `#` starts a comment that runs to the end
/// of its line. A file that cannot be read, or holds no pattern, is a usage error naming it.
pub fn expand(args: &[String]) -> Result<Vec<String>, UsageError> {
    let mut patterns = Vec::new();
    for arg in args {
        match arg.strip_prefix('@') {
            Some(path) => patterns.extend(read_file(Path::new(path))?),
            None => patterns.push(arg.clone()),
        }
    }
    Ok(patterns)
}

fn read_file(path: &Path) -> Result<Vec<String>, UsageError> {
    let text = fs::read_to_string(path).map_err(|e| {
        UsageError(format!(
            "--exclude-features @{}: cannot read the file: {e}",
            path.display()
        ))
    })?;
    let patterns: Vec<String> = text
        .lines()
        .map(|line| line.split_once('#').map_or(line, |(kept, _comment)| kept))
        .flat_map(|line| line.split(|c: char| c == ',' || c.is_whitespace()))
        .filter(|pattern| !pattern.is_empty())
        .map(str::to_owned)
        .collect();
    if patterns.is_empty() {
        return Err(UsageError(format!(
            "--exclude-features @{}: the file names no feature",
            path.display()
        )));
    }
    Ok(patterns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn files_are_read_in_place_and_comments_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("timing.txt");
        fs::write(
            &file,
            "# gaps and rates\n*iat*, duration\n  *per_second,idle_*  # trailing note\n\n",
        )
        .unwrap();
        let args = strings(&["tcp_urg", &format!("@{}", file.display()), "bursts"]);
        assert_eq!(
            expand(&args).unwrap(),
            strings(&[
                "tcp_urg",
                "*iat*",
                "duration",
                "*per_second",
                "idle_*",
                "bursts"
            ])
        );
    }

    #[test]
    fn a_missing_or_empty_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.txt");
        let err = expand(&strings(&[&format!("@{}", missing.display())])).unwrap_err();
        assert!(
            err.0.contains("nope.txt") && err.0.contains("cannot read"),
            "{}",
            err.0
        );
        let empty = dir.path().join("empty.txt");
        fs::write(&empty, "# only a comment\n").unwrap();
        let err = expand(&strings(&[&format!("@{}", empty.display())])).unwrap_err();
        assert!(
            err.0.contains("empty.txt") && err.0.contains("no feature"),
            "{}",
            err.0
        );
    }
}
