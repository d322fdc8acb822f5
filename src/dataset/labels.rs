//! The labels CSV (`capture,proto,src_ip,src_port,dst_ip,dst_port,start,label[,scenario][,kind]
//! [,implementation]`,
//! in any column order, other columns ignored) and its join with extracted flows.
//!
//! A row names one flow exactly: its capture (a path relative to the CSV's directory), its
//! transport, who started it and to whom, and its start time to the microsecond, as
//! `flowclass extract` prints them. Both sides' capture paths are canonicalized before they
//! are compared, so `./a.pcap`, `a.pcap` and `/data/a.pcap` meet.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use super::{DatasetError, LabeledFlow};
use crate::flow::{FlowEndpoints, FlowRecord, Timestamp, Transport};

/// One row of a labels CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRow {
    /// Its line in the file (the header is line 1).
    pub line: u64,
    /// The capture path joined to the CSV's directory.
    pub capture: PathBuf,
    pub endpoints: FlowEndpoints,
    pub start: Timestamp,
    /// A class name, or `ignore`.
    pub label: String,
    pub scenario: Option<String>,
    /// The sort of flow within its class (`dht`, `utp`, `tls`, ...), if the CSV says.
    pub kind: Option<String>,
    /// The software family its scenario records (see [`super::Grouping::Implementation`]).
    pub implementation: Option<String>,
}

/// Columns a labels CSV must have.
const REQUIRED: [&str; 8] = [
    "capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start", "label",
];

/// Reads a labels CSV file.
pub fn read_labels(path: &Path) -> Result<Vec<LabelRow>, DatasetError> {
    let file = File::open(path).map_err(|source| DatasetError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parse_labels(file, path, base)
}

/// Reads labels CSV text; `path` names it in errors and capture paths are joined to `base`.
pub fn parse_labels(
    input: impl Read,
    path: &Path,
    base: &Path,
) -> Result<Vec<LabelRow>, DatasetError> {
    let line_error = |line: u64, reason: String| DatasetError::Line {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    let columns = Columns::find(&header, &REQUIRED).map_err(|reason| line_error(1, reason))?;
    let optional_column = |name: &str| header.iter().position(|h| h == name);
    let (scenario_column, kind_column, implementation_column) = (
        optional_column("scenario"),
        optional_column("kind"),
        optional_column("implementation"),
    );
    let mut rows: Vec<LabelRow> = Vec::new();
    let mut first_line_of: HashMap<(PathBuf, FlowEndpoints, i64), u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let fields = Fields {
            record: &record,
            columns: &columns,
        };
        let endpoints = fields
            .endpoints()
            .map_err(|reason| line_error(line, reason))?;
        let start = fields
            .timestamp("start")
            .map_err(|reason| line_error(line, reason))?;
        let capture = fields.get("capture");
        if capture.is_empty() {
            return Err(line_error(line, "the capture is empty".into()));
        }
        let label = fields.get("label");
        if label.is_empty() {
            return Err(line_error(line, "the label is empty".into()));
        }
        let capture = base.join(capture);
        if let Some(first) =
            first_line_of.insert((capture.clone(), endpoints, start.micros()), line)
        {
            return Err(line_error(
                line,
                format!("labels the same flow as line {first}"),
            ));
        }
        let optional = |column: Option<usize>| {
            column
                .and_then(|i| record.get(i))
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        rows.push(LabelRow {
            line,
            capture,
            endpoints,
            start,
            label: label.to_string(),
            scenario: optional(scenario_column),
            kind: optional(kind_column),
            implementation: optional(implementation_column),
        });
    }
    Ok(rows)
}

/// What a join could not pair up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JoinReport {
    /// Label rows that name no extracted flow.
    pub missing: Vec<LabelRow>,
    /// Extracted flows that no label row names.
    pub unlabeled: Vec<FlowRecord>,
    /// Flows matched by a row labeled `ignore`.
    pub ignored: usize,
}

/// Pairs flows with label rows on (capture, transport, endpoints, start in µs). Flows matched
/// by an `ignore` row are returned too, with that label ([`super::LabeledSet::from_flows`]
/// leaves them out), and counted in the report.
pub fn join(records: Vec<FlowRecord>, rows: &[LabelRow]) -> (Vec<LabeledFlow>, JoinReport) {
    let mut canonical = Canonical::default();
    let mut index: HashMap<(PathBuf, FlowEndpoints, i64), usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        index.insert(
            (
                canonical.of(&row.capture),
                row.endpoints,
                row.start.micros(),
            ),
            i,
        );
    }
    let mut matched = vec![false; rows.len()];
    let mut labeled = Vec::new();
    let mut report = JoinReport::default();
    for record in records {
        let key = (
            canonical.of(Path::new(&*record.capture)),
            record.endpoints,
            record.start.micros(),
        );
        match index.get(&key) {
            Some(&i) => {
                matched[i] = true;
                let row = &rows[i];
                report.ignored += usize::from(row.label == super::IGNORE);
                labeled.push(LabeledFlow {
                    record,
                    label: row.label.clone(),
                    scenario: row.scenario.clone(),
                    kind: row.kind.clone(),
                });
            }
            None => report.unlabeled.push(record),
        }
    }
    report.missing = rows
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(row, _)| row.clone())
        .collect();
    (labeled, report)
}

/// Canonical paths, each looked up once; a path that cannot be resolved stays as it is.
#[derive(Default)]
struct Canonical(HashMap<PathBuf, PathBuf>);

impl Canonical {
    fn of(&mut self, path: &Path) -> PathBuf {
        self.0
            .entry(path.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
            .clone()
    }
}

/// Where each named column is in a header.
pub(crate) struct Columns(HashMap<&'static str, usize>);

impl Columns {
    pub(crate) fn find(
        header: &csv::StringRecord,
        names: &[&'static str],
    ) -> Result<Columns, String> {
        let mut found = HashMap::new();
        for &name in names {
            match header.iter().position(|h| h == name) {
                Some(i) => found.insert(name, i),
                None => return Err(format!("the header has no '{name}' column")),
            };
        }
        Ok(Columns(found))
    }
}

/// The fields of one row, by column name.
pub(crate) struct Fields<'a> {
    pub(crate) record: &'a csv::StringRecord,
    pub(crate) columns: &'a Columns,
}

impl Fields<'_> {
    pub(crate) fn get(&self, name: &str) -> &str {
        self.columns
            .0
            .get(name)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }

    pub(crate) fn parse<T: std::str::FromStr>(&self, name: &str, what: &str) -> Result<T, String> {
        let text = self.get(name);
        text.parse()
            .map_err(|_| format!("{name} '{text}' is not {what}"))
    }

    pub(crate) fn timestamp(&self, name: &str) -> Result<Timestamp, String> {
        let text = self.get(name);
        Timestamp::parse(text).ok_or_else(|| {
            format!("{name} '{text}' is not a time in seconds like 1700000000.123456")
        })
    }

    pub(crate) fn endpoints(&self) -> Result<FlowEndpoints, String> {
        let proto = self.get("proto");
        Ok(FlowEndpoints {
            transport: Transport::parse(proto)
                .ok_or_else(|| format!("proto '{proto}' is not tcp or udp"))?,
            src_ip: self.parse::<IpAddr>("src_ip", "an IP address")?,
            src_port: self.parse("src_port", "a port number")?,
            dst_ip: self.parse::<IpAddr>("dst_ip", "an IP address")?,
            dst_port: self.parse("dst_port", "a port number")?,
        })
    }
}

/// A CSV-level error (bad quoting, a row with the wrong number of fields, bad UTF-8).
pub(crate) fn csv_error(path: &Path, error: csv::Error) -> DatasetError {
    let line = error.position().map_or(0, |p| p.line());
    let reason = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        _ => error.to_string(),
    };
    match error.into_kind() {
        csv::ErrorKind::Io(source) => DatasetError::Io {
            path: path.to_path_buf(),
            source,
        },
        _ => DatasetError::Line {
            path: path.to_path_buf(),
            line,
            reason,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::record;

    const CSV: &str = "\
capture,proto,src_ip,src_port,dst_ip,dst_port,start,label,scenario,kind
a.pcap,tcp,10.0.0.1,1000,10.0.0.2,443,1.000000,http,s1,tls
a.pcap,TCP,10.0.0.1,1001,10.0.0.2,443,1.000000,ignore,,
sub/b.pcap,udp,10.0.0.1,1000,10.0.0.2,443,1.000000,bittorrent,s2,dht
";

    fn parse(text: &str) -> Result<Vec<LabelRow>, DatasetError> {
        parse_labels(text.as_bytes(), Path::new("labels.csv"), Path::new("/data"))
    }

    #[test]
    fn rows_are_read_by_header_name() {
        let rows = parse(CSV).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].capture, Path::new("/data/a.pcap"));
        assert_eq!(
            rows[0].endpoints,
            record("a.pcap", 1000, 1, vec![]).endpoints
        );
        assert_eq!(rows[0].start, Timestamp(1_000_000_000));
        assert_eq!(
            (rows[0].label.as_str(), rows[0].scenario.as_deref()),
            ("http", Some("s1"))
        );
        assert_eq!(
            (rows[1].label.as_str(), rows[1].scenario.as_deref()),
            ("ignore", None)
        );
        assert_eq!(
            rows.iter().map(|r| r.kind.as_deref()).collect::<Vec<_>>(),
            [Some("tls"), None, Some("dht")]
        );
        assert_eq!(rows[2].endpoints.transport, Transport::Udp);
        // Columns in another order, extra columns, no scenario.
        let rows = parse("label,end,start,dst_port,dst_ip,src_port,src_ip,proto,capture\nhttp,2.0,1.5,80,::1,5,::1,tcp,x.pcap\n").unwrap();
        assert_eq!(
            (
                rows[0].label.as_str(),
                rows[0].start,
                rows[0].scenario.clone(),
                rows[0].kind.clone()
            ),
            ("http", Timestamp(1_500_000_000), None, None)
        );
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(
            err("capture,proto\n"),
            "labels.csv:1: the header has no 'src_ip' column"
        );
        let header = "capture,proto,src_ip,src_port,dst_ip,dst_port,start,label\n";
        let row = |fields: &str| {
            err(&format!(
                "{header}a.pcap,tcp,10.0.0.1,1000,10.0.0.2,443,1.0,http\n{fields}\n"
            ))
        };
        assert_eq!(
            row("a.pcap,icmp,10.0.0.1,1,10.0.0.2,2,1.0,http"),
            "labels.csv:3: proto 'icmp' is not tcp or udp"
        );
        assert_eq!(
            row("a.pcap,tcp,10.0.0.300,1,10.0.0.2,2,1.0,http"),
            "labels.csv:3: src_ip '10.0.0.300' is not an IP address"
        );
        assert_eq!(
            row("a.pcap,tcp,10.0.0.1,65536,10.0.0.2,2,1.0,http"),
            "labels.csv:3: src_port '65536' is not a port number"
        );
        assert_eq!(
            row("a.pcap,tcp,10.0.0.1,1,10.0.0.2,2,1.5e3,http"),
            "labels.csv:3: start '1.5e3' is not a time in seconds like 1700000000.123456"
        );
        assert_eq!(
            row("a.pcap,tcp,10.0.0.1,1,10.0.0.2,2,1.0,"),
            "labels.csv:3: the label is empty"
        );
        assert_eq!(
            row("a.pcap,tcp,10.0.0.1,1000,10.0.0.2,443,1.000000,websocket"),
            "labels.csv:3: labels the same flow as line 2"
        );
        assert_eq!(
            row("a.pcap,tcp"),
            "labels.csv:3: 2 fields where the header has 8"
        );
    }

    #[test]
    fn join_pairs_flows_and_reports_both_kinds_of_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.pcap"), b"").unwrap();
        let rows = parse_labels(CSV.as_bytes(), Path::new("labels.csv"), dir.path()).unwrap();
        // The flows name the capture another way: through a `.` component.
        let capture = dir.path().join(".").join("a.pcap").display().to_string();
        let flows = vec![
            record(&capture, 1000, 1, vec![1.0]),
            record(&capture, 1001, 1, vec![2.0]),
            record(&capture, 1002, 1, vec![3.0]),
            // Same five-tuple, another start: another flow.
            record(&capture, 1000, 7, vec![4.0]),
        ];
        let (labeled, report) = join(flows, &rows);
        assert_eq!(
            labeled
                .iter()
                .map(|f| (f.label.as_str(), f.record.features[0]))
                .collect::<Vec<_>>(),
            [("http", 1.0), ("ignore", 2.0)]
        );
        assert_eq!(labeled[0].scenario.as_deref(), Some("s1"));
        assert_eq!(report.ignored, 1);
        assert_eq!(
            report
                .unlabeled
                .iter()
                .map(|r| r.features[0])
                .collect::<Vec<_>>(),
            [3.0, 4.0]
        );
        assert_eq!(report.missing.len(), 1);
        assert_eq!(report.missing[0].line, 4);
    }
}
