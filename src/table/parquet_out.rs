//! Rows into a Parquet file, streamed: rows gather in a [`BatchBuilder`] of [`BATCH_ROWS`],
//! each full batch goes to the Parquet writer, which closes a row group every
//! `row_group_rows` rows, so memory holds one row group (encoded and compressed) and one batch,
//! however many rows the file gets. The file is readable once [`ParquetOut::close`] has written
//! its footer.

use std::io::{self, Write};

use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::encoded::next_row;
use super::{BatchBuilder, Column, Row, TableError};

/// Rows per Arrow batch handed to the Parquet writer.
pub const BATCH_ROWS: usize = 8192;

/// Rows per row group by default.
pub const ROW_GROUP_ROWS: usize = 65_536;

/// A Parquet file being written to `W`. Rows come one by one ([`ParquetOut::push`]) or as
/// encoded rows through its [`Write`] side ([`super::encode_row`]), which is how the command
/// line's row channels feed it.
pub struct ParquetOut<W: Write + Send> {
    writer: ArrowWriter<W>,
    batch: BatchBuilder,
    /// Bytes of an encoded row not yet whole.
    pending: Vec<u8>,
}

impl<W: Write + Send> ParquetOut<W> {
    /// Starts a file of `columns` (snappy-compressed, `row_group_rows` rows per row group).
    pub fn new(out: W, columns: &[Column], row_group_rows: usize) -> Result<Self, TableError> {
        let batch = BatchBuilder::new(columns, BATCH_ROWS.min(row_group_rows));
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(row_group_rows))
            .build();
        let writer = ArrowWriter::try_new(out, batch.schema(), Some(properties))?;
        Ok(ParquetOut {
            writer,
            batch,
            pending: Vec::new(),
        })
    }

    pub fn push(&mut self, row: &dyn Row) -> Result<(), TableError> {
        self.batch.push(row)?;
        if self.batch.is_full() {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), TableError> {
        let batch = self.batch.finish()?;
        self.writer.write(&batch)?;
        Ok(())
    }

    /// Pushes the whole encoded rows at the start of `bytes`; gives the bytes after them.
    fn push_encoded<'a>(&mut self, mut bytes: &'a [u8]) -> io::Result<&'a [u8]> {
        while let Some((row, rest)) = next_row(bytes) {
            self.push(&row).map_err(io::Error::other)?;
            bytes = rest;
        }
        Ok(bytes)
    }

    /// Writes the rows still held and the footer; gives back the output.
    pub fn close(mut self) -> Result<W, TableError> {
        if !self.pending.is_empty() {
            return Err(TableError::CutRow(self.pending.len()));
        }
        if !self.batch.is_empty() {
            self.write_batch()?;
        }
        Ok(self.writer.into_inner()?)
    }
}

impl<W: Write + Send> Write for ParquetOut<W> {
    /// Takes encoded rows, in pieces cut anywhere.
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            let rest = self.push_encoded(bytes)?;
            self.pending.extend_from_slice(rest);
        } else {
            let mut held = std::mem::take(&mut self.pending);
            held.extend_from_slice(bytes);
            let rest = self.push_encoded(&held)?.len();
            held.drain(..held.len() - rest);
            self.pending = held;
        }
        Ok(bytes.len())
    }

    /// Nothing to do: a Parquet file cannot be read before its footer, so rows are held until a
    /// batch is full.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type};
    use arrow_array::RecordBatch;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    use super::*;
    use crate::table::tests::Values;
    use crate::table::{encode_row, schema, Kind, Value};

    fn columns() -> Vec<Column> {
        ["index", "half"]
            .into_iter()
            .zip([Kind::Count, Kind::Number])
            .map(|(name, kind)| Column {
                name: name.into(),
                kind,
                nullable: false,
            })
            .collect()
    }

    fn row(i: u64) -> Values {
        Values(vec![Value::Count(i), Value::Number(i as f64 / 2.0)])
    }

    #[test]
    fn encoded_rows_written_in_pieces_come_back_in_row_groups() {
        let mut encoded = Vec::new();
        for i in 0..25 {
            encode_row(&row(i), &mut encoded);
        }
        let file = tempfile::tempfile().unwrap();
        let mut out = ParquetOut::new(file, &columns(), 10).unwrap();
        for piece in encoded.chunks(7) {
            out.write_all(piece).unwrap();
        }
        let file = out.close().unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let groups: Vec<i64> = reader
            .metadata()
            .row_groups()
            .iter()
            .map(|g| g.num_rows())
            .collect();
        assert_eq!(groups, [10, 10, 5]);
        assert_eq!(reader.schema(), &schema(&columns()));
        let batches: Vec<RecordBatch> = reader.build().unwrap().map(Result::unwrap).collect();
        let index: Vec<i64> = batches
            .iter()
            .flat_map(|b| b.column(0).as_primitive::<Int64Type>().values().to_vec())
            .collect();
        let half: Vec<f64> = batches
            .iter()
            .flat_map(|b| b.column(1).as_primitive::<Float64Type>().values().to_vec())
            .collect();
        assert_eq!(index, (0..25).collect::<Vec<i64>>());
        assert_eq!(half, (0..25).map(|i| i as f64 / 2.0).collect::<Vec<f64>>());
    }

    #[test]
    fn a_file_that_ends_inside_a_row_is_an_error() {
        let mut encoded = Vec::new();
        encode_row(&row(1), &mut encoded);
        let mut out = ParquetOut::new(Vec::new(), &columns(), 10).unwrap();
        out.write_all(&encoded[..encoded.len() - 3]).unwrap();
        let error = out.close().err().unwrap();
        assert_eq!(
            error.to_string(),
            format!(
                "the output ends inside a row ({} bytes of it)",
                encoded.len() - 3
            )
        );
    }
}
