//! `--format parquet`: the rows of `extract` or `classify`, encoded by the commands' row
//! writers, streamed into a Parquet file (to `-o FILE`, or to standard output when it is not a
//! terminal).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

use super::output::{RowWriter, Source};
use super::progress::Progress;
use flowclass::extract::CaptureReport;
use flowclass::spread::Spread;
use flowclass::table::{Column, ParquetOut, ROW_GROUP_ROWS};

/// Runs `writer` (which writes encoded rows of `columns`) over the source into a Parquet file.
pub fn run_parquet(
    source: Source,
    writer: &dyn RowWriter,
    columns: &[Column],
    path: Option<&Path>,
    progress: &Progress,
    spread: Option<Spread>,
    quiet: bool,
) -> anyhow::Result<Vec<CaptureReport>> {
    let out: Box<dyn Write + Send> = match path {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None if io::stdout().is_terminal() => super::usage!(
            "--format parquet writes a binary file: give -o FILE or redirect standard output"
        ),
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout())),
    };
    let mut parquet = ParquetOut::new(out, columns, ROW_GROUP_ROWS)?;
    let reports = source.run(writer, &mut parquet, progress, spread, quiet)?;
    parquet.close()?.flush()?;
    Ok(reports)
}
