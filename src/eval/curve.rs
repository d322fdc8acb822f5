//! The early-classification curve: how well a model does when it sees only the first packets of
//! each flow, counting every packet or only those that carry payload.

use serde::{Deserialize, Serialize};

/// What the points of a curve count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurveCounts {
    /// Every packet of the flow.
    #[default]
    Packets,
    /// Only the packets that carry payload (TCP handshakes and bare ACKs are not counted).
    PayloadPackets,
}

impl CurveCounts {
    /// What is counted, in words: "packets" or "payload packets".
    pub fn noun(self) -> &'static str {
        match self {
            CurveCounts::Packets => "packets",
            CurveCounts::PayloadPackets => "payload packets",
        }
    }
}

/// The scores from the first `packets` packets of each flow (`None`: whole flows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurvePoint {
    pub packets: Option<u64>,
    pub macro_f1: f64,
    pub accuracy: f64,
}

impl CurvePoint {
    /// How the point is named on a chart or in a table: the packet count, or "all".
    pub fn label(&self) -> String {
        self.packets
            .map_or_else(|| "all".to_string(), |n| n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_flows_are_labelled_all_and_serialize_as_null() {
        let point = CurvePoint {
            packets: None,
            macro_f1: 0.5,
            accuracy: 0.75,
        };
        assert_eq!(point.label(), "all");
        assert_eq!(
            serde_json::to_string(&point).unwrap(),
            r#"{"packets":null,"macro_f1":0.5,"accuracy":0.75}"#
        );
        let three = CurvePoint {
            packets: Some(3),
            ..point
        };
        assert_eq!(three.label(), "3");
    }
}
