//! Feature CSVs, written by `flowclass extract` and read back for training:
//! `capture,proto,src_ip,src_port,dst_ip,dst_port,start,end,packets,bytes,<features...>[,label[,scenario]]`.
//! The feature columns must be exactly the current schema's, in order. The first seven columns
//! name a flow ([`FLOW_ID_COLUMNS`]), as the other CSVs flowclass writes name it too.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::IpAddr;
use std::path::Path;

use super::labels::{csv_error, Columns, Fields};
use super::numbers::{push_integer, push_number};
use super::{DatasetError, LabeledFlow};
use crate::flow::{FlowEndpoints, FlowRecord, Timestamp};
use crate::model::schema::name_differences;

/// The columns before the features.
pub const LEADING: [&str; 10] = [
    "capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start", "end", "packets",
    "bytes",
];

/// The columns that name a flow, up to its start time (the start of [`LEADING`]).
pub const FLOW_ID_COLUMNS: [&str; 7] = [
    "capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start",
];

/// The header of a feature CSV with `features`, and a label column if asked for.
pub fn header(features: impl IntoIterator<Item = String>, label_column: bool) -> Vec<String> {
    let mut columns: Vec<String> = LEADING.iter().map(|c| c.to_string()).collect();
    columns.extend(features);
    if label_column {
        columns.push("label".into());
    }
    columns
}

/// Writes one flow's row (with a newline); `label` fills the label column when there is one.
pub fn write_row(out: &mut dyn Write, flow: &FlowRecord, label: Option<&str>) -> io::Result<()> {
    let mut row = Vec::with_capacity(160 + 12 * flow.features.len());
    push_flow_id(&mut row, flow);
    row.push(b',');
    push_timestamp(&mut row, flow.end);
    for count in [flow.packets, flow.bytes] {
        row.push(b',');
        push_integer(&mut row, count);
    }
    for value in &flow.features {
        row.push(b',');
        push_number(&mut row, *value);
    }
    if let Some(label) = label {
        row.push(b',');
        row.extend_from_slice(csv_field(label).as_bytes());
    }
    row.push(b'\n');
    out.write_all(&row)
}

/// Appends the values of [`FLOW_ID_COLUMNS`], without a trailing comma.
pub fn push_flow_id(row: &mut Vec<u8>, flow: &FlowRecord) {
    push_flow_key(row, &flow.capture, &flow.endpoints, flow.start);
}

/// Appends the values of [`FLOW_ID_COLUMNS`] from their parts, without a trailing comma; the
/// same text as their `Display`, written without the formatting machinery (rows are written
/// by the million).
pub fn push_flow_key(
    row: &mut Vec<u8>,
    capture: &str,
    endpoints: &FlowEndpoints,
    start: Timestamp,
) {
    let e = endpoints;
    row.extend_from_slice(csv_field(capture).as_bytes());
    row.push(b',');
    row.extend_from_slice(e.transport.as_str().as_bytes());
    for (ip, port) in [(e.src_ip, e.src_port), (e.dst_ip, e.dst_port)] {
        row.push(b',');
        push_ip(row, ip);
        row.push(b',');
        push_integer(row, port);
    }
    row.push(b',');
    push_timestamp(row, start);
}

/// Writes the values of [`FLOW_ID_COLUMNS`] from their parts, without a trailing comma.
pub fn write_flow_key(
    out: &mut dyn Write,
    capture: &str,
    endpoints: &FlowEndpoints,
    start: Timestamp,
) -> io::Result<()> {
    let mut row = Vec::with_capacity(96);
    push_flow_key(&mut row, capture, endpoints, start);
    out.write_all(&row)
}

/// Appends an address as its `Display` writes it.
fn push_ip(row: &mut Vec<u8>, ip: IpAddr) {
    match ip {
        IpAddr::V4(v4) => {
            for (i, octet) in v4.octets().into_iter().enumerate() {
                if i > 0 {
                    row.push(b'.');
                }
                push_integer(row, octet);
            }
        }
        IpAddr::V6(v6) => {
            write!(row, "{v6}").expect("writing to memory");
        }
    }
}

/// Appends a time as its `Display` writes it: seconds, six decimals.
pub fn push_timestamp(row: &mut Vec<u8>, time: Timestamp) {
    let micros = time.micros();
    push_integer(row, micros.div_euclid(1_000_000));
    let fraction = micros.rem_euclid(1_000_000);
    let digits = itoa::Buffer::new().format(fraction).len();
    row.push(b'.');
    row.extend(std::iter::repeat_n(b'0', 6 - digits));
    push_integer(row, fraction);
}

/// A CSV field, quoted when it needs to be.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// One row: a flow, and its label when the file has a label column and the cell is not empty.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureRow {
    pub record: FlowRecord,
    pub label: Option<String>,
    pub scenario: Option<String>,
}

/// Reads a feature CSV whose feature columns must be `feature_names`.
pub fn read_feature_csv(
    path: &Path,
    feature_names: &[String],
) -> Result<Vec<FeatureRow>, DatasetError> {
    let file = File::open(path).map_err(|source| DatasetError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_feature_csv(file, path, feature_names)
}

/// Reads feature CSV text; `path` names it in errors.
pub fn parse_feature_csv(
    input: impl Read,
    path: &Path,
    feature_names: &[String],
) -> Result<Vec<FeatureRow>, DatasetError> {
    let line_error = |line: u64, reason: String| DatasetError::Line {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    let names: Vec<&str> = header.iter().collect();
    if names.len() < LEADING.len() || names[..LEADING.len()] != LEADING {
        return Err(line_error(
            1,
            format!("the header must start with {}", LEADING.join(",")),
        ));
    }
    let mut end = names.len();
    let scenario_column = (names.last() == Some(&"scenario")).then(|| {
        end -= 1;
        end
    });
    let label_column = (end > LEADING.len() && names[end - 1] == "label").then(|| {
        end -= 1;
        end
    });
    let found: Vec<String> = names[LEADING.len()..end]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let differences = name_differences(feature_names, &found);
    if !differences.is_empty() {
        return Err(DatasetError::FeatureColumns {
            path: path.to_path_buf(),
            differences,
        });
    }
    let columns = Columns::find(&header, &LEADING).map_err(|reason| line_error(1, reason))?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let fields = Fields {
            record: &record,
            columns: &columns,
        };
        let parsed = (|| -> Result<FlowRecord, String> {
            let mut features = Vec::with_capacity(found.len());
            for (i, name) in found.iter().enumerate() {
                let text = record.get(LEADING.len() + i).unwrap_or("");
                match text.parse::<f64>() {
                    Ok(value) if value.is_finite() => features.push(value),
                    _ => return Err(format!("{name} '{text}' is not a finite number")),
                }
            }
            Ok(FlowRecord {
                capture: fields.get("capture").into(),
                endpoints: fields.endpoints()?,
                start: fields.timestamp("start")?,
                end: fields.timestamp("end")?,
                packets: fields.parse("packets", "a count")?,
                bytes: fields.parse("bytes", "a count")?,
                features,
            })
        })();
        let record_of_row = parsed.map_err(|reason| line_error(line, reason))?;
        let cell = |column: Option<usize>| {
            column
                .and_then(|i| record.get(i))
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        rows.push(FeatureRow {
            record: record_of_row,
            label: cell(label_column),
            scenario: cell(scenario_column),
        });
    }
    Ok(rows)
}

/// Splits rows into labeled flows and flows without a label.
pub fn split_labeled(rows: Vec<FeatureRow>) -> (Vec<LabeledFlow>, Vec<FlowRecord>) {
    let mut labeled = Vec::new();
    let mut unlabeled = Vec::new();
    for row in rows {
        match row.label {
            Some(label) => labeled.push(LabeledFlow {
                record: row.record,
                label,
                scenario: row.scenario,
                kind: None,
            }),
            None => unlabeled.push(row.record),
        }
    }
    (labeled, unlabeled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaDifference;

    fn names() -> Vec<String> {
        vec!["duration".into(), "all_packets".into()]
    }

    fn parse(text: &str) -> Result<Vec<FeatureRow>, DatasetError> {
        parse_feature_csv(text.as_bytes(), Path::new("f.csv"), &names())
    }

    const HEAD: &str = "capture,proto,src_ip,src_port,dst_ip,dst_port,start,end,packets,bytes";

    #[test]
    fn rows_written_read_back_as_the_same_flows() {
        let flow = |capture: &str, src: &str, features: Vec<f64>| FlowRecord {
            capture: capture.into(),
            endpoints: FlowEndpoints {
                transport: crate::flow::Transport::Tcp,
                src_ip: src.parse().unwrap(),
                src_port: 40000,
                dst_ip: "10.0.0.2".parse().unwrap(),
                dst_port: 443,
            },
            start: Timestamp(1_700_000_000_123_456_000),
            end: Timestamp(1_700_000_001_000_000_000),
            packets: 12,
            bytes: 944,
            features,
        };
        let flows = [
            flow("a,b.pcap", "10.0.0.1", vec![3.74, 12.0]),
            flow("say \"hi\".pcap", "fd00::1", vec![1.0 / 3.0, -1.5e-5]),
        ];
        let mut text = header(names(), true).join(",") + "\n";
        let mut out = Vec::new();
        for (flow, label) in flows.iter().zip(["http", "web,socket"]) {
            write_row(&mut out, flow, Some(label)).unwrap();
        }
        text.push_str(std::str::from_utf8(&out).unwrap());
        let rows = parse(&text).unwrap();
        let read: Vec<(FlowRecord, Option<&str>)> = rows
            .iter()
            .map(|r| (r.record.clone(), r.label.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                (flows[0].clone(), Some("http")),
                (flows[1].clone(), Some("web,socket"))
            ]
        );
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain/path.pcap"), "plain/path.pcap");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn rows_with_and_without_labels() {
        let text = format!(
            "{HEAD},duration,all_packets,label,scenario\n\
             a.pcap,tcp,10.0.0.1,1000,10.0.0.2,443,1.000000,1.500000,3,180,500,3,http,s1\n\
             a.pcap,udp,10.0.0.1,1001,10.0.0.2,53,2.000000,2.000000,1,60,0,1,,\n"
        );
        let rows = parse(&text).unwrap();
        assert_eq!(rows[0].record.features, [500.0, 3.0]);
        assert_eq!(rows[0].record.end.micros(), 1_500_000);
        assert_eq!((rows[0].record.packets, rows[0].record.bytes), (3, 180));
        assert_eq!(
            (rows[0].label.as_deref(), rows[0].scenario.as_deref()),
            (Some("http"), Some("s1"))
        );
        assert_eq!(rows[1].label, None);
        let (labeled, unlabeled) = split_labeled(rows);
        assert_eq!((labeled.len(), unlabeled.len()), (1, 1));
        // Without label columns at all.
        let rows = parse(&format!(
            "{HEAD},duration,all_packets\na.pcap,tcp,::1,1,::1,2,1,1,1,1,0.5,1\n"
        ))
        .unwrap();
        assert_eq!(
            (rows[0].record.features.clone(), rows[0].label.clone()),
            (vec![0.5, 1.0], None)
        );
    }

    #[test]
    fn a_header_from_another_schema_is_refused_with_the_differences() {
        let err = parse(&format!("{HEAD},duration,all_bytes,label\n")).unwrap_err();
        let DatasetError::FeatureColumns { differences, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(
            differences,
            &vec![
                SchemaDifference::Missing(vec!["all_packets".into()]),
                SchemaDifference::Extra(vec!["all_bytes".into()])
            ]
        );
        assert!(
            err.to_string()
                .starts_with("f.csv: the feature columns do not match"),
            "{err}"
        );
        let err = parse(&format!("{HEAD},all_packets,duration\n")).unwrap_err();
        assert!(
            err.to_string()
                .contains("column 0 should be duration, is all_packets"),
            "{err}"
        );
        let err = parse("capture,proto\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.csv:1: the header must start with capture,proto,"),
            "{err}"
        );
    }

    #[test]
    fn bad_cells_name_the_line_and_column() {
        let bad = |row: &str| {
            parse(&format!("{HEAD},duration,all_packets\n{row}\n"))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            bad("a.pcap,tcp,::1,1,::1,2,1,1,1,1,NaN,1"),
            "f.csv:2: duration 'NaN' is not a finite number"
        );
        assert_eq!(
            bad("a.pcap,tcp,::1,1,::1,2,1,1,1,1,0,x"),
            "f.csv:2: all_packets 'x' is not a finite number"
        );
        assert_eq!(
            bad("a.pcap,tcp,::1,1,::1,2,1,1,-3,1,0,1"),
            "f.csv:2: packets '-3' is not a count"
        );
        assert_eq!(
            bad("a.pcap,tcp,::1,1,::1,2,1,soon,1,1,0,1"),
            "f.csv:2: end 'soon' is not a time in seconds like 1700000000.123456"
        );
    }
}
