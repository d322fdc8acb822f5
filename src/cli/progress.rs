//! A progress bar on standard error — bytes read, flows, rate — shown only when standard error
//! is a terminal and the user did not ask for quiet. Output to the terminal goes through
//! [`Progress::around`], which takes the bar off its line while the output is written.

use std::io::{self, IsTerminal, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    flows: AtomicU64,
}

impl Progress {
    /// A bar for `total_bytes` (unknown when reading standard input), or none.
    pub fn new(quiet: bool, total_bytes: Option<u64>) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr());
            let template = if total_bytes.is_some() {
                "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {msg} eta {eta}"
            } else {
                "{spinner} {bytes} {bytes_per_sec} {msg}"
            };
            bar.set_style(ProgressStyle::with_template(template).expect("template is valid"));
            bar
        });
        Progress {
            bar,
            flows: AtomicU64::new(0),
        }
    }

    /// Wraps a reader so that the bytes it reads move the bar.
    pub fn wrap<'a>(&self, source: &'a mut dyn Read) -> Box<dyn Read + 'a> {
        match &self.bar {
            Some(bar) => Box::new(bar.wrap_read(source)),
            None => Box::new(source),
        }
    }

    /// Counts one finished flow.
    pub fn flow_done(&self) {
        let flows = self.flows.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            if flows % 1024 == 0 {
                bar.set_message(format!("{flows} flows"));
            }
        }
    }

    /// `out`, writing with the bar cleared from the terminal (and drawn again after), so that
    /// output never starts on the bar's line.
    pub fn around<W: Write>(&self, out: W) -> AroundBar<W> {
        AroundBar {
            out,
            bar: self.bar.clone(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A writer that clears the progress bar while it writes (see [`Progress::around`]).
pub struct AroundBar<W> {
    out: W,
    bar: Option<ProgressBar>,
}

impl<W: Write> Write for AroundBar<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let AroundBar { out, bar } = self;
        match bar {
            Some(bar) => bar.suspend(|| out.write(buf)),
            None => out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        let AroundBar { out, bar } = self;
        match bar {
            Some(bar) => bar.suspend(|| out.flush()),
            None => out.flush(),
        }
    }
}
