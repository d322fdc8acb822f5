//! `-i IFACE [--filter BPF]` for classify and extract: rows from a live interface instead of
//! capture files. Built only with the cargo feature `live` (it links libpcap); without it `-i`
//! is still understood, and says how to get it.

use std::io::Write;

use clap::Args;

use super::output::RowWriter;
use flowclass::extract::CaptureReport;

/// Where to capture live.
#[derive(Debug, Clone, Args)]
pub struct LiveOptions {
    /// Capture live on this network interface instead of reading files, until Ctrl-C
    /// (SIGINT/SIGTERM) ends it; needs root (or cap_net_raw and cap_net_admin), and flowclass built with
    /// `--features live`.
    #[arg(short = 'i', long = "interface", value_name = "IFACE")]
    pub interface: Option<String>,
    /// With -i: keep only the packets this libpcap capture filter (tcpdump's syntax) matches.
    #[arg(long, value_name = "BPF")]
    pub filter: Option<String>,
}

#[cfg(feature = "live")]
pub use capture::{open, run, Opened};

#[cfg(not(feature = "live"))]
pub use unavailable::{open, run, Opened};

#[cfg(feature = "live")]
mod capture {
    use std::io;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    use anyhow::Context;

    use super::*;
    use flowclass::extract::CaptureInput;
    use flowclass::live::LiveCapture;

    pub type Opened = LiveCapture;

    /// Opens the interface of `-i`, if one was given; fails before any output if it cannot be
    /// captured.
    pub fn open(options: &LiveOptions) -> anyhow::Result<Option<Opened>> {
        let Some(interface) = &options.interface else {
            return Ok(None);
        };
        Ok(Some(LiveCapture::open(
            interface,
            options.filter.as_deref(),
        )?))
    }

    /// Captures until SIGINT or SIGTERM, writing each flow's row and flushing it as soon as
    /// the flow ends; the open flows are written at the end.
    pub fn run(
        capture: Opened,
        writer: &dyn RowWriter,
        out: &mut dyn Write,
        quiet: bool,
    ) -> anyhow::Result<CaptureReport> {
        let stop = Arc::new(AtomicBool::new(false));
        let on_signal = Arc::clone(&stop);
        ctrlc::set_handler(move || on_signal.store(true, Ordering::Relaxed))
            .context("cannot handle SIGINT and SIGTERM")?;
        let input = CaptureInput {
            path: capture.interface().into(),
            label: None,
        };
        if !quiet {
            eprintln!(
                "flowclass: capturing on {}; Ctrl-C ends it",
                capture.interface()
            );
        }
        let mut write_error: Option<io::Error> = None;
        let live = capture.run(writer.config(), &stop, |flow| {
            if write_error.is_none() {
                write_error = writer
                    .write_flow(&input, &flow, out)
                    .and_then(|()| out.flush())
                    .err();
                if write_error.is_some() {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        });
        if let Some(error) = write_error {
            return Err(error.into());
        }
        if live.dropped > 0 {
            eprintln!(
                "flowclass: {}: {} packets were dropped by the kernel or the interface before \
                 flowclass read them; their flows are incomplete",
                input.name(),
                live.dropped
            );
        }
        Ok(live.report)
    }
}

#[cfg(not(feature = "live"))]
mod unavailable {
    use super::*;

    /// Stands for an opened interface, which a build without libpcap never has.
    pub enum Opened {}

    impl Opened {
        pub fn interface(&self) -> &str {
            match *self {}
        }
    }

    /// Fails when `-i` was given: this build cannot capture.
    pub fn open(options: &LiveOptions) -> anyhow::Result<Option<Opened>> {
        if options.interface.is_some() {
            anyhow::bail!(
                "live capture (-i) is not built into this flowclass; install it with \
                 `cargo install --path . --features live` (building it needs libpcap's headers: \
                 apt-get install libpcap-dev)"
            );
        }
        Ok(None)
    }

    pub fn run(
        capture: Opened,
        _writer: &dyn RowWriter,
        _out: &mut dyn Write,
        _quiet: bool,
    ) -> anyhow::Result<CaptureReport> {
        match capture {}
    }
}
