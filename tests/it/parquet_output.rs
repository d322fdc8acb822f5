//! `--format parquet` against the CSV of the same run, on the committed captures: the Parquet
//! file, read back with the parquet crate, holds every row and value of the CSV, in columns of
//! the promised types.

use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, Int64Type, TimestampMicrosecondType, UInt16Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::support::{repo, run, stderr, Table};

/// Runs flowclass with `args` twice, as CSV and as Parquet (to a file); both outputs.
fn csv_and_parquet(args: &[&str]) -> (Table, Vec<RecordBatch>, DataTypes) {
    let csv = run(&[args, &["--format", "csv"]].concat(), None);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rows.parquet");
    let out = path.to_str().unwrap();
    let parquet = run(&[args, &["--format", "parquet", "-o", out]].concat(), None);
    assert!(parquet.status.success(), "{}", stderr(&parquet));
    assert!(parquet.stdout.is_empty(), "the rows went to the file");
    let (batches, types) = read_parquet(&path);
    (Table::parse(&csv.stdout), batches, types)
}

/// Each column's name and type, as the file's schema gives them.
type DataTypes = Vec<(String, DataType)>;

fn read_parquet(path: &Path) -> (Vec<RecordBatch>, DataTypes) {
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let types = reader
        .schema()
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.data_type().clone()))
        .collect();
    let batches = reader.build().unwrap().map(Result::unwrap).collect();
    (batches, types)
}

/// A Parquet cell checked against the CSV's text of it: integers and strings as the same text,
/// times as the same microseconds, features exactly (the CSV prints the shortest decimal that
/// reads back to the same `f64`, so parsing it must give the very value stored), and a
/// confidence rounded to the CSV's four decimals (all the CSV keeps of it).
fn check_cell(column: &ArrayRef, row: usize, name: &str, csv: &str) {
    let at = || format!("column {name}, row {row}: CSV {csv:?}");
    if column.is_null(row) {
        assert_eq!(csv, "", "{}", at());
        return;
    }
    match column.data_type() {
        DataType::Dictionary(..) => {
            let dictionary = column.as_dictionary::<Int32Type>();
            let key = dictionary.keys().value(row) as usize;
            let text = dictionary.values().as_string::<i32>().value(key);
            assert_eq!(text, csv, "{}", at());
        }
        DataType::Utf8 => assert_eq!(column.as_string::<i32>().value(row), csv, "{}", at()),
        DataType::UInt16 => assert_eq!(
            column.as_primitive::<UInt16Type>().value(row).to_string(),
            csv,
            "{}",
            at()
        ),
        DataType::Int64 => assert_eq!(
            column.as_primitive::<Int64Type>().value(row).to_string(),
            csv,
            "{}",
            at()
        ),
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            let micros = column.as_primitive::<TimestampMicrosecondType>().value(row);
            let (seconds, fraction) = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000));
            assert_eq!(format!("{seconds}.{fraction:06}"), csv, "{}", at());
        }
        DataType::Float64 => {
            let value = column.as_primitive::<Float64Type>().value(row);
            if name == "confidence" {
                assert_eq!(format!("{value:.4}"), csv, "{}", at());
            } else {
                let printed: f64 = csv.parse().unwrap();
                assert_eq!(printed.to_bits(), value.to_bits(), "{}", at());
            }
        }
        other => panic!("column {name} has an unexpected type {other}"),
    }
}

/// Every row and value of `parquet` equals the CSV's.
fn assert_same_rows(csv: &Table, parquet: &[RecordBatch], types: &DataTypes) {
    let names: Vec<&str> = types.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, csv.header, "the same columns in the same order");
    let rows: usize = parquet.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, csv.rows.len(), "the same number of rows");
    let mut csv_rows = csv.rows.iter();
    for batch in parquet {
        for row in 0..batch.num_rows() {
            let csv_row = csv_rows.next().unwrap();
            for (column, (name, cell)) in batch.columns().iter().zip(names.iter().zip(csv_row)) {
                check_cell(column, row, name, cell);
            }
        }
    }
}

fn type_of<'a>(types: &'a DataTypes, name: &str) -> &'a DataType {
    &types.iter().find(|(n, _)| n == name).unwrap().1
}

fn category() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

fn time() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

#[test]
fn extract_parquet_holds_every_value_of_the_csv_for_all_datasets() {
    let datasets = repo("datasets");
    // A capture given as a file has no label: its rows' label cells are empty.
    let unlabelled = repo("tests/data/http-curl.pcap");
    let (csv, parquet, types) = csv_and_parquet(&[
        "extract",
        "-q",
        datasets.to_str().unwrap(),
        unlabelled.to_str().unwrap(),
    ]);
    assert!(csv.rows.len() > 10_000, "{} flows", csv.rows.len());
    assert_same_rows(&csv, &parquet, &types);
    for (name, expected) in [
        ("capture", category()),
        ("proto", category()),
        ("src_ip", DataType::Utf8),
        ("src_port", DataType::UInt16),
        ("start", time()),
        ("end", time()),
        ("packets", DataType::Int64),
        ("duration", DataType::Float64),
        ("label", category()),
    ] {
        assert_eq!(type_of(&types, name), &expected, "{name}");
    }
    let labels = csv.column("label");
    let unlabelled_rows = csv.rows.iter().filter(|r| r[labels].is_empty()).count();
    assert_eq!(unlabelled_rows, 6, "http-curl.pcap's 6 flows have no label");
    let nulls: usize = parquet
        .iter()
        .map(|b| b.column_by_name("label").unwrap().null_count())
        .sum();
    assert_eq!(nulls, unlabelled_rows, "and are null in the Parquet file");
}

#[test]
fn classify_parquet_holds_every_value_of_the_csv_for_all_datasets() {
    let datasets = repo("datasets");
    let (csv, parquet, types) = csv_and_parquet(&["classify", "-q", datasets.to_str().unwrap()]);
    assert!(csv.rows.len() > 10_000, "{} flows", csv.rows.len());
    assert_same_rows(&csv, &parquet, &types);
    assert_eq!(type_of(&types, "label"), &category());
    assert_eq!(type_of(&types, "confidence"), &DataType::Float64);
    assert_eq!(type_of(&types, "bytes"), &DataType::Int64);
}

#[test]
fn classify_explained_and_early_parquet_on_one_capture_across_workers() {
    let capture = repo("datasets/mixed/mixed_web_bt.pcap");
    let capture = capture.to_str().unwrap();
    let (csv, parquet, types) = csv_and_parquet(&[
        "-j",
        "2",
        "--ordered",
        "classify",
        "-q",
        "--explain",
        "--label-early",
        "--first-payload-packets",
        "8",
        capture,
    ]);
    assert!(!csv.rows.is_empty());
    assert_same_rows(&csv, &parquet, &types);
    assert_eq!(type_of(&types, "explanation"), &DataType::Utf8);
}

#[test]
fn parquet_goes_to_a_file_or_a_redirected_output_never_to_a_terminal() {
    let capture = repo("tests/data/http-curl.pcap");
    for command in ["extract", "classify"] {
        let shell = format!(
            "{} {command} -q --format parquet {}",
            env!("CARGO_BIN_EXE_flowclass"),
            capture.display()
        );
        let output = std::process::Command::new("script")
            .args(["-qec", &shell, "/dev/null"])
            .stdin(std::process::Stdio::null())
            .output()
            .expect("script (util-linux) runs");
        assert_eq!(output.status.code(), Some(2), "{command}: {output:?}");
        let shown = String::from_utf8_lossy(&output.stdout);
        assert!(
            shown.contains("--format parquet writes a binary file: give -o FILE or redirect"),
            "{command}: {shown}"
        );
        assert!(
            !shown.contains("PAR1"),
            "{command}: nothing binary on the terminal"
        );

        let piped = run(
            &[
                command,
                "-q",
                "--format",
                "parquet",
                capture.to_str().unwrap(),
            ],
            None,
        );
        assert!(piped.status.success(), "{}", stderr(&piped));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("piped.parquet");
        std::fs::write(&path, &piped.stdout).unwrap();
        let (batches, _) = read_parquet(&path);
        let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
        assert_eq!(
            rows, 6,
            "{command}: http-curl.pcap's flows, read from the pipe"
        );
    }
}
