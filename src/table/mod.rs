//! flowclass's output rows as Arrow record batches, with typed columns: the rows of `extract`
//! ([`ExtractRow`]: a flow's key, end, counts, every feature and its label) and of `classify`
//! ([`ClassifyRow`]: a flow's key, counts, label, confidence and explanation). Columns are named
//! and ordered as in the CSV the commands write, and take their names from the same lists
//! ([`LEADING`], [`FLOW_ID_COLUMNS`]), so the two outputs cannot drift apart.
//!
//! A row gives its [`Value`]s in column order; a [`BatchBuilder`] sized to a row-group length
//! takes rows with `push` and hands them over as a [`RecordBatch`] with `finish`; a
//! [`ParquetOut`] streams rows into a Parquet file, row group by row group.
//!
//! ```
//! use flowclass::extract::{extract_path, ExtractConfig};
//! use flowclass::features::FlowFeatures;
//! use flowclass::table::{extract_columns, BatchBuilder, ExtractRow};
//!
//! let config = ExtractConfig::default();
//! let capture = extract_path(std::path::Path::new("tests/data/http-curl.pcap"), &config);
//! let names = FlowFeatures::describe(&config.features).into_iter().map(|d| d.name);
//! let mut batch = BatchBuilder::new(&extract_columns(names, false), 1024);
//! for flow in &capture.records {
//!     batch.push(&ExtractRow { flow, label: None }).unwrap();
//! }
//! let batch = batch.finish().unwrap();
//! assert_eq!(batch.num_rows(), capture.records.len());
//! assert_eq!(batch.schema().field(0).name(), "capture");
//! ```

mod builder;
mod encoded;
mod parquet_out;

use std::net::IpAddr;
use std::sync::Arc;

use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};

pub use arrow_array::RecordBatch;
pub use builder::BatchBuilder;
pub use encoded::encode_row;
pub use parquet_out::{ParquetOut, BATCH_ROWS, ROW_GROUP_ROWS};

use crate::dataset::feature_csv::{header, FLOW_ID_COLUMNS, LEADING};
use crate::flow::FlowRecord;
use crate::packet::Timestamp;

/// What a column holds, and so its Arrow type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text with few distinct values (a capture's name, a transport, a label): a dictionary of
    /// strings with 32-bit keys.
    Category,
    /// Text with many distinct values (an address, an explanation): strings.
    Text,
    /// A port: a 16-bit unsigned integer.
    Port,
    /// Packets or bytes: a 64-bit signed integer (Spark has no unsigned 64-bit type; a count
    /// never comes near 2^63).
    Count,
    /// A capture time: microseconds since the epoch, UTC (the CSV's six decimals).
    Time,
    /// A feature or a confidence: a 64-bit float.
    Number,
}

/// The time zone of [`Kind::Time`] columns: capture timestamps count from the Unix epoch.
pub const TIME_ZONE: &str = "UTC";

impl Kind {
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Category => {
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
            }
            Kind::Text => DataType::Utf8,
            Kind::Port => DataType::UInt16,
            Kind::Count => DataType::Int64,
            Kind::Time => DataType::Timestamp(TimeUnit::Microsecond, Some(TIME_ZONE.into())),
            Kind::Number => DataType::Float64,
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    /// Whether a row may leave it empty (null).
    pub nullable: bool,
}

impl Column {
    fn new(name: impl Into<String>, kind: Kind) -> Column {
        Column {
            name: name.into(),
            kind,
            nullable: false,
        }
    }
}

/// The kinds of [`FLOW_ID_COLUMNS`]: capture, proto, src_ip, src_port, dst_ip, dst_port, start.
const FLOW_ID_KINDS: [Kind; FLOW_ID_COLUMNS.len()] = [
    Kind::Category,
    Kind::Category,
    Kind::Text,
    Kind::Port,
    Kind::Text,
    Kind::Port,
    Kind::Time,
];

/// The kinds of [`LEADING`]: the flow's key, then end, packets, bytes.
const LEADING_KINDS: [Kind; LEADING.len()] = [
    FLOW_ID_KINDS[0],
    FLOW_ID_KINDS[1],
    FLOW_ID_KINDS[2],
    FLOW_ID_KINDS[3],
    FLOW_ID_KINDS[4],
    FLOW_ID_KINDS[5],
    FLOW_ID_KINDS[6],
    Kind::Time,
    Kind::Count,
    Kind::Count,
];

/// The columns of `extract`'s rows, named by the CSV's [`header`]: [`LEADING`], one number per
/// feature, and a label (null where a flow has none) if asked for.
pub fn extract_columns(
    features: impl IntoIterator<Item = String>,
    label_column: bool,
) -> Vec<Column> {
    let names = header(features, label_column);
    let features_end = names.len() - usize::from(label_column);
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| match LEADING_KINDS.get(i) {
            Some(kind) => Column::new(name, *kind),
            None if i < features_end => Column::new(name, Kind::Number),
            None => Column {
                nullable: true,
                ..Column::new(name, Kind::Category)
            },
        })
        .collect()
}

/// The columns of `classify`'s rows: [`FLOW_ID_COLUMNS`], packets, bytes, label, confidence,
/// and with `explain` the explanation.
pub fn classify_columns(explain: bool) -> Vec<Column> {
    let mut columns: Vec<Column> = FLOW_ID_COLUMNS
        .iter()
        .zip(FLOW_ID_KINDS)
        .map(|(name, kind)| Column::new(*name, kind))
        .collect();
    columns.extend([
        Column::new("packets", Kind::Count),
        Column::new("bytes", Kind::Count),
        Column::new("label", Kind::Category),
        Column::new("confidence", Kind::Number),
    ]);
    if explain {
        columns.push(Column::new("explanation", Kind::Text));
    }
    columns
}

/// The Arrow schema of `columns`.
pub fn schema(columns: &[Column]) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .map(|c| Field::new(&c.name, c.kind.data_type(), c.nullable))
        .collect();
    Arc::new(Schema::new(fields))
}

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// For a [`Kind::Category`] or [`Kind::Text`] column.
    Text(&'a str),
    /// An address, written as text (as its `Display` writes it) in a [`Kind::Text`] column.
    Address(IpAddr),
    Port(u16),
    Count(u64),
    Time(Timestamp),
    Number(f64),
    /// An empty cell, in a nullable column.
    Null,
}

impl Value<'_> {
    /// What the value is, for error messages.
    fn describe(&self) -> String {
        match self {
            Value::Text(text) => format!("text {text:?}"),
            Value::Address(ip) => format!("address {ip}"),
            Value::Port(port) => format!("port {port}"),
            Value::Count(count) => format!("count {count}"),
            Value::Time(time) => format!("time {time}"),
            Value::Number(number) => format!("number {number}"),
            Value::Null => "null".to_string(),
        }
    }
}

/// A row: its values, in the order of its table's columns.
pub trait Row {
    fn values(&self, each: &mut dyn FnMut(Value<'_>));
}

/// The values of [`FLOW_ID_COLUMNS`].
fn flow_id_values(flow: &FlowRecord, each: &mut dyn FnMut(Value<'_>)) {
    let e = &flow.endpoints;
    each(Value::Text(&flow.capture));
    each(Value::Text(e.transport.as_str()));
    each(Value::Address(e.src_ip));
    each(Value::Port(e.src_port));
    each(Value::Address(e.dst_ip));
    each(Value::Port(e.dst_port));
    each(Value::Time(flow.start));
}

/// A row of `extract`, for [`extract_columns`].
#[derive(Debug, Clone, Copy)]
pub struct ExtractRow<'a> {
    pub flow: &'a FlowRecord,
    /// The label cell, for a table with a label column (`None` for one without). As the CSV
    /// reader takes an empty cell for no label, an empty label is null.
    pub label: Option<&'a str>,
}

impl Row for ExtractRow<'_> {
    fn values(&self, each: &mut dyn FnMut(Value<'_>)) {
        let flow = self.flow;
        flow_id_values(flow, each);
        each(Value::Time(flow.end));
        each(Value::Count(flow.packets));
        each(Value::Count(flow.bytes));
        for value in &flow.features {
            each(Value::Number(*value));
        }
        match self.label {
            Some("") => each(Value::Null),
            Some(label) => each(Value::Text(label)),
            None => {}
        }
    }
}

/// A row of `classify`, for [`classify_columns`].
#[derive(Debug, Clone, Copy)]
pub struct ClassifyRow<'a> {
    pub flow: &'a FlowRecord,
    /// The label printed (the model's class, or `unknown` below `--min-confidence`).
    pub label: &'a str,
    pub confidence: f64,
    /// For a table with an explanation column.
    pub explanation: Option<&'a str>,
}

impl Row for ClassifyRow<'_> {
    fn values(&self, each: &mut dyn FnMut(Value<'_>)) {
        let flow = self.flow;
        flow_id_values(flow, each);
        each(Value::Count(flow.packets));
        each(Value::Count(flow.bytes));
        each(Value::Text(self.label));
        each(Value::Number(self.confidence));
        if let Some(explanation) = self.explanation {
            each(Value::Text(explanation));
        }
    }
}

/// A row that does not fit its table, or a batch Arrow refuses.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("column {column} ({kind:?}) cannot hold {value}")]
    Mismatch {
        column: String,
        kind: Kind,
        value: String,
    },
    #[error("a row has {found} values for {expected} columns")]
    RowLength { found: usize, expected: usize },
    #[error("a row of the batch did not fit its columns: {0}")]
    Broken(String),
    #[error("the output ends inside a row ({0} bytes of it)")]
    CutRow(usize),
    #[error(transparent)]
    Arrow(#[from] ArrowError),
    #[error(transparent)]
    Parquet(#[from] parquet::errors::ParquetError),
}

#[cfg(test)]
mod tests;
