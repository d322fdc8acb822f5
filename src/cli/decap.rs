//! `--decapsulate` and the UDP tunnel ports: which tunnels are opened when captures are read.

use clap::{Args, ValueEnum};

use flowclass::decode::{DecapConfig, PortList};

use super::usage;

/// Whether tunnels are opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Decapsulate {
    /// Open every tunnel flowclass knows; the flows are the ones inside.
    All,
    /// Open none; a tunnel's packets are skipped, a UDP tunnel is a flow of its own.
    None,
}

/// Tunnels: which are opened, and the UDP ports that tell the UDP tunnels.
#[derive(Debug, Clone, Args)]
pub struct DecapOptions {
    /// Open MPLS, PPPoE, GRE/ERSPAN, VXLAN, Geneve, GTP-U and IP-in-IP tunnels and take the flows
    /// inside them (all), or none of them.
    #[arg(long, value_enum, default_value_t = Decapsulate::All)]
    pub decapsulate: Decapsulate,
    /// UDP destination ports that carry VXLAN (at most 4, comma-separated).
    #[arg(long, value_name = "PORTS", value_delimiter = ',', default_values_t = [4789, 8472])]
    pub vxlan_ports: Vec<u16>,
    /// UDP destination ports that carry Geneve.
    #[arg(long, value_name = "PORTS", value_delimiter = ',', default_values_t = [6081])]
    pub geneve_ports: Vec<u16>,
    /// UDP destination ports that carry GTP-U.
    #[arg(long, value_name = "PORTS", value_delimiter = ',', default_values_t = [2152])]
    pub gtpu_ports: Vec<u16>,
}

impl DecapOptions {
    pub fn config(&self) -> anyhow::Result<DecapConfig> {
        let ports = |ports: &[u16], name: &str| -> anyhow::Result<PortList> {
            match PortList::new(ports) {
                Some(list) => Ok(list),
                None => usage!(
                    "--{name}-ports takes 1 to {} ports other than 0",
                    PortList::MAX
                ),
            }
        };
        Ok(DecapConfig {
            enabled: self.decapsulate == Decapsulate::All,
            vxlan_ports: ports(&self.vxlan_ports, "vxlan")?,
            geneve_ports: ports(&self.geneve_ports, "geneve")?,
            gtpu_ports: ports(&self.gtpu_ports, "gtpu")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Command {
        #[command(flatten)]
        decap: DecapOptions,
    }

    fn config(args: &[&str]) -> anyhow::Result<DecapConfig> {
        Command::try_parse_from(std::iter::once("x").chain(args.iter().copied()))?
            .decap
            .config()
    }

    #[test]
    fn the_defaults_are_the_library_defaults() {
        assert_eq!(config(&[]).unwrap(), DecapConfig::default());
    }

    #[test]
    fn ports_and_switching_off_are_read_and_checked() {
        let custom = config(&["--decapsulate", "none", "--vxlan-ports", "1,2,3"]).unwrap();
        assert!(!custom.enabled);
        assert_eq!(custom.vxlan_ports, PortList::new(&[1, 2, 3]).unwrap());
        assert!(config(&["--geneve-ports", "1,2,3,4,5"]).is_err());
        assert!(config(&["--gtpu-ports", "0"]).is_err());
    }
}
