use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, Int64Type, TimestampMicrosecondType, UInt16Type};
use arrow_array::Array;
use arrow_schema::DataType;

use super::*;
use crate::dataset::feature_csv::header;
use crate::flow::{FlowEndpoints, Transport};

fn names() -> Vec<String> {
    vec!["duration".into(), "all_packets".into()]
}

/// A flow record made by hand (not from a capture): the builder only copies its fields.
fn flow(capture: &str, src: &str, start_ns: i64, features: Vec<f64>) -> FlowRecord {
    FlowRecord {
        capture: Arc::from(capture),
        endpoints: FlowEndpoints {
            transport: Transport::Udp,
            src_ip: src.parse().unwrap(),
            src_port: 40000,
            dst_ip: "10.0.0.2".parse().unwrap(),
            dst_port: 443,
        },
        start: Timestamp(start_ns),
        end: Timestamp(start_ns + 2_500_000_999),
        packets: 12,
        bytes: 1 << 40,
        features,
    }
}

#[test]
fn extract_columns_are_the_csv_header_with_types() {
    for label_column in [false, true] {
        let columns = extract_columns(names(), label_column);
        let names_of: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names_of, header(names(), label_column));
    }
    let schema = schema(&extract_columns(names(), true));
    let types: Vec<(&str, DataType, bool)> = schema
        .fields()
        .iter()
        .map(|f| (f.name().as_str(), f.data_type().clone(), f.is_nullable()))
        .collect();
    let category = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let time = DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()));
    assert_eq!(
        types,
        [
            ("capture", category.clone(), false),
            ("proto", category.clone(), false),
            ("src_ip", DataType::Utf8, false),
            ("src_port", DataType::UInt16, false),
            ("dst_ip", DataType::Utf8, false),
            ("dst_port", DataType::UInt16, false),
            ("start", time.clone(), false),
            ("end", time, false),
            ("packets", DataType::Int64, false),
            ("bytes", DataType::Int64, false),
            ("duration", DataType::Float64, false),
            ("all_packets", DataType::Float64, false),
            ("label", category, true),
        ]
    );
}

#[test]
fn classify_columns_follow_the_flow_key() {
    let names_of = |explain| -> Vec<String> {
        classify_columns(explain)
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    let mut expected: Vec<&str> = FLOW_ID_COLUMNS.to_vec();
    expected.extend(["packets", "bytes", "label", "confidence"]);
    assert_eq!(names_of(false), expected);
    expected.push("explanation");
    assert_eq!(names_of(true), expected);
}

#[test]
fn extract_rows_become_typed_columns_with_the_records_values() {
    let flows = [
        flow(
            "a,b.pcap",
            "10.0.0.1",
            1_700_000_000_123_456_789,
            vec![3.74, 12.0],
        ),
        flow("a,b.pcap", "fd00::1", -1_500, vec![1.0 / 3.0, -1.5e-5]),
        flow("c.pcap", "10.0.0.3", 0, vec![0.0, 1e300]),
    ];
    let mut builder = BatchBuilder::new(&extract_columns(names(), true), 2);
    for (flow, label) in flows.iter().zip(["http", "", "web,socket"]) {
        builder
            .push(&ExtractRow {
                flow,
                label: Some(label),
            })
            .unwrap();
    }
    assert!(builder.is_full());
    let batch = builder.finish().unwrap();
    assert!(builder.is_empty());
    assert_eq!(batch.num_rows(), 3);
    let column = |name: &str| batch.column_by_name(name).unwrap().clone();

    let capture = column("capture");
    let capture = capture.as_dictionary::<Int32Type>();
    let capture_names = capture.values().as_string::<i32>();
    let captures: Vec<&str> = capture
        .keys()
        .values()
        .iter()
        .map(|k| capture_names.value(*k as usize))
        .collect();
    assert_eq!(captures, ["a,b.pcap", "a,b.pcap", "c.pcap"]);
    assert_eq!(capture_names.len(), 2, "each name is stored once");

    let src_ip = column("src_ip");
    let src_ip: Vec<&str> = src_ip.as_string::<i32>().iter().flatten().collect();
    assert_eq!(src_ip, ["10.0.0.1", "fd00::1", "10.0.0.3"]);
    let ports = column("dst_port");
    assert_eq!(ports.as_primitive::<UInt16Type>().values(), &[443; 3]);
    let bytes = column("bytes");
    assert_eq!(bytes.as_primitive::<Int64Type>().values(), &[1 << 40; 3]);

    let start = column("start");
    let start = start.as_primitive::<TimestampMicrosecondType>();
    assert_eq!(start.values(), &[1_700_000_000_123_456, -2, 0]);
    assert_eq!(start.timezone(), Some("UTC"));
    let end = column("end");
    assert_eq!(
        end.as_primitive::<TimestampMicrosecondType>().values(),
        &[1_700_000_002_623_457, 2_499_999, 2_500_000]
    );

    let duration = column("duration");
    let duration = duration.as_primitive::<Float64Type>();
    assert_eq!(duration.values(), &[3.74, 1.0 / 3.0, 0.0]);
    let all_packets = column("all_packets");
    assert_eq!(
        all_packets.as_primitive::<Float64Type>().values(),
        &[12.0, -1.5e-5, 1e300]
    );

    let label = column("label");
    let label = label.as_dictionary::<Int32Type>();
    let label_names = label.values().as_string::<i32>();
    let labels: Vec<Option<&str>> = (0..3)
        .map(|i| {
            label
                .is_valid(i)
                .then(|| label_names.value(label.keys().value(i) as usize))
        })
        .collect();
    assert_eq!(labels, [Some("http"), None, Some("web,socket")]);
}

#[test]
fn classify_rows_carry_label_confidence_and_explanation() {
    let flow = flow("x.pcap", "::1", 5_000, vec![1.0, 2.0]);
    let mut builder = BatchBuilder::new(&classify_columns(true), 8);
    for (label, confidence) in [("http", 0.875), ("unknown", 1.0 / 3.0)] {
        builder
            .push(&ClassifyRow {
                flow: &flow,
                label,
                confidence,
                explanation: Some("duration = 1 <= 2"),
            })
            .unwrap();
    }
    let batch = builder.finish().unwrap();
    assert_eq!(batch.num_columns(), 12);
    let confidence = batch.column_by_name("confidence").unwrap();
    assert_eq!(
        confidence.as_primitive::<Float64Type>().values(),
        &[0.875, 1.0 / 3.0]
    );
    let explanation = batch.column_by_name("explanation").unwrap();
    assert_eq!(explanation.as_string::<i32>().value(1), "duration = 1 <= 2");
    let packets = batch.column_by_name("packets").unwrap();
    assert_eq!(packets.as_primitive::<Int64Type>().values(), &[12, 12]);
}

/// A row that gives whatever values it is told to.
pub(crate) struct Values(pub Vec<Value<'static>>);

impl Row for Values {
    fn values(&self, each: &mut dyn FnMut(Value<'_>)) {
        self.0.iter().for_each(|v| each(*v));
    }
}

#[test]
fn a_row_that_does_not_fit_is_refused_and_spoils_only_its_batch() {
    let columns = vec![
        Column::new("packets", Kind::Count),
        Column::new("label", Kind::Category),
    ];
    let mut builder = BatchBuilder::new(&columns, 4);
    let error = builder
        .push(&Values(vec![Value::Count(1), Value::Null]))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "column label (Category) cannot hold null",
        "the column is not nullable"
    );
    let error = builder
        .push(&Values(vec![Value::Number(1.0), Value::Text("x")]))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "column packets (Count) cannot hold number 1"
    );
    let error = builder
        .push(&Values(vec![Value::Count(u64::MAX), Value::Text("x")]))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "column packets (Count) cannot hold count 18446744073709551615",
        "counts are signed, for Spark"
    );
    let error = builder.push(&Values(vec![Value::Count(1)])).unwrap_err();
    assert_eq!(error.to_string(), "a row has 1 values for 2 columns");
    let error = builder
        .push(&Values(vec![
            Value::Count(1),
            Value::Text("a"),
            Value::Count(2),
        ]))
        .unwrap_err();
    assert_eq!(error.to_string(), "a row has 3 values for 2 columns");
    let error = builder.finish().unwrap_err();
    assert_eq!(
        error.to_string(),
        "a row of the batch did not fit its columns: column label (Category) cannot hold null"
    );
    builder
        .push(&Values(vec![Value::Count(7), Value::Text("http")]))
        .unwrap();
    let batch = builder.finish().unwrap();
    assert_eq!(batch.num_rows(), 1);
    assert_eq!(batch.column(0).as_primitive::<Int64Type>().values(), &[7]);
}
