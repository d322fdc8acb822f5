//! What grouped cross-validation keeps on one side of every split: a scenario, an application
//! (a LAN scenario together with its recordings behind the WAN link), or a software
//! implementation (every scenario of one program family).

use serde::{Deserialize, Serialize};

/// The unit no fold may split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grouping {
    /// A scenario: every capture of one recording (a swarm seen from several peers).
    #[default]
    Scenario,
    /// A scenario and its WAN repeats: `wan<RTT>_<base>` goes with `<base>`.
    Application,
    /// The software family a scenario's labels name in their `implementation` column:
    /// BitTorrent, the client on the captured host; WebSocket and HTTP, the server program the
    /// client's connections end at; other protocols, their server software. A scenario without
    /// one is grouped by its application.
    Implementation,
}

impl Grouping {
    /// Every grouping, the default first.
    pub const ALL: [Grouping; 3] = [
        Grouping::Scenario,
        Grouping::Application,
        Grouping::Implementation,
    ];

    /// The name `--group-by` takes and the model file holds.
    pub fn name(self) -> &'static str {
        match self {
            Grouping::Scenario => "scenario",
            Grouping::Application => "application",
            Grouping::Implementation => "implementation",
        }
    }

    /// The rule, in a sentence a report can print.
    pub fn rule(self) -> &'static str {
        match self {
            Grouping::Scenario => "every capture of a scenario in one fold",
            Grouping::Application => "a scenario and its wan<RTT>_ repeats in one fold",
            Grouping::Implementation => {
                "every scenario of one implementation in one fold (BitTorrent: the captured \
                 host's client; WebSocket and HTTP: the server the client connects to; other: \
                 the protocol's server software)"
            }
        }
    }

    /// Whether this is the default, which model files leave out.
    pub fn is_scenario(&self) -> bool {
        *self == Grouping::Scenario
    }
}

/// The application a scenario records: `wan<RTT>_<base>` repeats `<base>` behind the WAN link.
pub fn application(scenario: &str) -> &str {
    scenario
        .strip_prefix("wan")
        .and_then(|rest| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0).then(|| rest[digits..].strip_prefix('_'))?
        })
        .filter(|base| !base.is_empty())
        .unwrap_or(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grouping_is_listed_once_under_its_own_name() {
        let names: std::collections::BTreeSet<_> = Grouping::ALL.map(Grouping::name).into();
        assert_eq!(names.len(), Grouping::ALL.len());
        assert_eq!(Grouping::ALL[0], Grouping::default());
        for grouping in [
            Grouping::Scenario,
            Grouping::Application,
            Grouping::Implementation,
        ] {
            assert!(Grouping::ALL.contains(&grouping), "{grouping:?}");
        }
    }

    #[test]
    fn a_wan_repeat_belongs_to_its_lan_scenario() {
        assert_eq!(application("wan80_ws_python_game"), "ws_python_game");
        assert_eq!(application("wan150_wss_python_collab"), "wss_python_collab");
        assert_eq!(application("ws_python_game"), "ws_python_game");
        // Not the wan<digits>_ pattern: the scenario is its own application.
        assert_eq!(application("wan_ws"), "wan_ws");
        assert_eq!(application("wanx1_ws"), "wanx1_ws");
        assert_eq!(application("wan80_"), "wan80_");
    }
}
