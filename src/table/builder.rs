//! Rows in, a [`RecordBatch`] out: one Arrow array builder per column.

use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::builder::{
    Float64Builder, Int64Builder, StringBuilder, StringDictionaryBuilder,
    TimestampMicrosecondBuilder, UInt16Builder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::SchemaRef;

use super::{schema, Column, Kind, Row, TableError, Value, TIME_ZONE};

/// The builder of one column.
enum ColumnBuilder {
    Category(StringDictionaryBuilder<Int32Type>),
    Text(StringBuilder),
    Port(UInt16Builder),
    Count(Int64Builder),
    Time(TimestampMicrosecondBuilder),
    Number(Float64Builder),
}

impl ColumnBuilder {
    fn new(kind: Kind, rows: usize) -> ColumnBuilder {
        match kind {
            Kind::Category => {
                ColumnBuilder::Category(StringDictionaryBuilder::with_capacity(rows, 16, 1024))
            }
            Kind::Text => ColumnBuilder::Text(StringBuilder::with_capacity(rows, rows * 16)),
            Kind::Port => ColumnBuilder::Port(UInt16Builder::with_capacity(rows)),
            Kind::Count => ColumnBuilder::Count(Int64Builder::with_capacity(rows)),
            Kind::Time => ColumnBuilder::Time(
                TimestampMicrosecondBuilder::with_capacity(rows).with_timezone(TIME_ZONE),
            ),
            Kind::Number => ColumnBuilder::Number(Float64Builder::with_capacity(rows)),
        }
    }

    /// Appends `value`; false if this column cannot hold it.
    fn append(&mut self, value: Value<'_>) -> Result<bool, TableError> {
        match (self, value) {
            (ColumnBuilder::Category(b), Value::Text(text)) => {
                b.append(text)?;
            }
            (ColumnBuilder::Category(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Text(b), Value::Text(text)) => b.append_value(text),
            (ColumnBuilder::Text(b), Value::Address(ip)) => {
                write!(b, "{ip}").expect("writing to memory");
                b.append_value("");
            }
            (ColumnBuilder::Text(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Port(b), Value::Port(port)) => b.append_value(port),
            (ColumnBuilder::Count(b), Value::Count(count)) => match i64::try_from(count) {
                Ok(count) => b.append_value(count),
                Err(_) => return Ok(false),
            },
            (ColumnBuilder::Time(b), Value::Time(time)) => b.append_value(time.micros()),
            (ColumnBuilder::Number(b), Value::Number(number)) => b.append_value(number),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The column so far, leaving the builder empty.
    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Category(b) => Arc::new(b.finish()),
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Port(b) => Arc::new(b.finish()),
            ColumnBuilder::Count(b) => Arc::new(b.finish()),
            ColumnBuilder::Time(b) => Arc::new(b.finish()),
            ColumnBuilder::Number(b) => Arc::new(b.finish()),
        }
    }
}

/// Collects rows of one table into a [`RecordBatch`]; sized for `capacity` rows (a row-group
/// length), though it takes more. After an error the batch it was building is lost:
/// [`BatchBuilder::finish`] reports that error and starts anew.
pub struct BatchBuilder {
    columns: Vec<Column>,
    schema: SchemaRef,
    builders: Vec<ColumnBuilder>,
    rows: usize,
    capacity: usize,
    /// What went wrong first since the last `finish`.
    broken: Option<String>,
}

impl BatchBuilder {
    pub fn new(columns: &[Column], capacity: usize) -> BatchBuilder {
        BatchBuilder {
            columns: columns.to_vec(),
            schema: schema(columns),
            builders: columns
                .iter()
                .map(|c| ColumnBuilder::new(c.kind, capacity))
                .collect(),
            rows: 0,
            capacity,
            broken: None,
        }
    }

    /// The schema of the batches.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Rows taken since the last `finish`.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Whether the builder holds the rows it was sized for.
    pub fn is_full(&self) -> bool {
        self.rows >= self.capacity
    }

    /// Adds one row. A row that does not fit the columns (a value of another kind, too few or
    /// too many values) is an error.
    pub fn push(&mut self, row: &dyn Row) -> Result<(), TableError> {
        let expected = self.columns.len();
        let mut column = 0;
        let mut error = None;
        row.values(&mut |value| {
            if error.is_none() && column < expected {
                error = self.append(column, value).err();
            }
            column += 1;
        });
        if column != expected {
            error = Some(TableError::RowLength {
                found: column,
                expected,
            });
        }
        self.rows += 1;
        match error {
            None => Ok(()),
            Some(error) => {
                self.broken.get_or_insert_with(|| error.to_string());
                Err(error)
            }
        }
    }

    fn append(&mut self, column: usize, value: Value<'_>) -> Result<(), TableError> {
        if matches!(value, Value::Null) && !self.columns[column].nullable {
            return Err(self.mismatch(column, value));
        }
        if self.builders[column].append(value)? {
            Ok(())
        } else {
            Err(self.mismatch(column, value))
        }
    }

    fn mismatch(&self, column: usize, value: Value<'_>) -> TableError {
        let column = &self.columns[column];
        TableError::Mismatch {
            column: column.name.clone(),
            kind: column.kind,
            value: value.describe(),
        }
    }

    /// The rows taken since the last `finish`, as a batch; the builder is then empty.
    pub fn finish(&mut self) -> Result<RecordBatch, TableError> {
        self.rows = 0;
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(|b| b.finish()).collect();
        if let Some(reason) = self.broken.take() {
            return Err(TableError::Broken(reason));
        }
        Ok(RecordBatch::try_new(self.schema.clone(), arrays)?)
    }
}
