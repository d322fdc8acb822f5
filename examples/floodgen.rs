//! Writes synthetic pcap captures to standard output for `benches/floods.sh`. These are benchmark
//! inputs made up by this program, not recorded traffic: Ethernet + IPv4 + TCP frames with
//! zero-filled payloads and invented addresses (10.0.0.0/8) and times.
//!
//! ```text
//! floodgen syn-flood N      N SYNs, each from its own source address and port (N distinct 5-tuples)
//! floodgen endless N        N packets of one TCP connection, 1 ms apart, both directions
//! floodgen stream BYTES     at least BYTES of 1,000 concurrent connections, each 1,000 packets of
//!                           1,400 bytes of payload then FIN both ways, replaced as they close
//! ```

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const SYN: u8 = 0x02;
const ACK: u8 = 0x10;
const FIN: u8 = 0x01;
const PSH: u8 = 0x08;

/// Writes pcap records of Ethernet/IPv4/TCP frames, with the payload's bytes written as zeros.
struct Writer<W: Write> {
    out: W,
    frame: Vec<u8>,
    zeros: Vec<u8>,
    written: u64,
}

impl<W: Write> Writer<W> {
    fn new(mut out: W) -> io::Result<Self> {
        let mut header = 0xa1b2_c3d4u32.to_le_bytes().to_vec();
        header.extend_from_slice(&2u16.to_le_bytes());
        header.extend_from_slice(&4u16.to_le_bytes());
        for v in [0u32, 0, 65_535, 1] {
            header.extend_from_slice(&v.to_le_bytes());
        }
        out.write_all(&header)?;
        Ok(Writer {
            out,
            frame: Vec::with_capacity(64),
            zeros: vec![0; 1500],
            written: header.len() as u64,
        })
    }

    fn tcp(
        &mut self,
        micros: u64,
        src: ([u8; 4], u16),
        dst: ([u8; 4], u16),
        flags: u8,
        payload: usize,
    ) -> io::Result<()> {
        let ip_len = 40 + payload;
        let f = &mut self.frame;
        f.clear();
        f.extend_from_slice(&[2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00]);
        f.extend_from_slice(&[0x45, 0]);
        f.extend_from_slice(&(ip_len as u16).to_be_bytes());
        f.extend_from_slice(&[0, 0, 0x40, 0, 64, 6, 0, 0]);
        f.extend_from_slice(&src.0);
        f.extend_from_slice(&dst.0);
        f.extend_from_slice(&src.1.to_be_bytes());
        f.extend_from_slice(&dst.1.to_be_bytes());
        f.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
        let caplen = (f.len() + payload) as u32;
        let mut record = [0u8; 16];
        record[0..4].copy_from_slice(&((micros / 1_000_000) as u32).to_le_bytes());
        record[4..8].copy_from_slice(&((micros % 1_000_000) as u32).to_le_bytes());
        record[8..12].copy_from_slice(&caplen.to_le_bytes());
        record[12..16].copy_from_slice(&caplen.to_le_bytes());
        self.out.write_all(&record)?;
        self.out.write_all(&self.frame)?;
        self.out.write_all(&self.zeros[..payload])?;
        self.written += 16 + u64::from(caplen);
        Ok(())
    }
}

const START_MICROS: u64 = 1_700_000_000_000_000;

fn host(n: u32) -> [u8; 4] {
    let b = n.to_be_bytes();
    [10, b[1], b[2], b[3]]
}

fn run(mode: &str, amount: u64) -> io::Result<()> {
    let stdout = io::stdout();
    let mut w = Writer::new(BufWriter::with_capacity(1 << 20, stdout.lock()))?;
    let server = ([10, 255, 255, 254], 80);
    match mode {
        "syn-flood" => {
            for i in 0..amount {
                // A distinct source address per 60,000 packets and a distinct port within it.
                let src = (host(1 + (i / 60_000) as u32), 1024 + (i % 60_000) as u16);
                w.tcp(START_MICROS + i, src, server, SYN, 0)?;
            }
        }
        "endless" => {
            let client = (host(1), 40_000);
            for i in 0..amount {
                let (src, dst) = if i % 2 == 0 {
                    (client, server)
                } else {
                    (server, client)
                };
                w.tcp(START_MICROS + i * 1_000, src, dst, ACK | PSH, 100)?;
            }
        }
        "stream" => {
            const CONCURRENT: u64 = 1_000;
            const PACKETS: u64 = 1_000;
            let mut i = 0u64;
            while w.written < amount {
                // Slot `i % CONCURRENT` runs connection number `generation`; each packet 10 µs apart.
                let slot = i % CONCURRENT;
                let round = i / CONCURRENT;
                let generation = round / (PACKETS + 2);
                let step = round % (PACKETS + 2);
                let n = (generation * CONCURRENT + slot) as u32;
                let client = (host(1 + n / 50_000), 1024 + (n % 50_000) as u16);
                let t = START_MICROS + i * 10;
                match step {
                    s if s == PACKETS => w.tcp(t, client, server, FIN | ACK, 0)?,
                    s if s == PACKETS + 1 => w.tcp(t, server, client, FIN | ACK, 0)?,
                    0 => w.tcp(t, client, server, SYN, 0)?,
                    s if s % 2 == 1 => w.tcp(t, server, client, ACK | PSH, 1400)?,
                    _ => w.tcp(t, client, server, ACK, 0)?,
                }
                i += 1;
            }
        }
        _ => return Err(io::Error::other(format!("unknown mode {mode}"))),
    }
    w.out.flush()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(Ok(amount))) = (args.get(1), args.get(2).map(|a| a.parse::<u64>()))
    else {
        eprintln!("usage: floodgen syn-flood N | endless N | stream BYTES");
        return ExitCode::from(2);
    };
    match run(mode, amount) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floodgen: {e}");
            ExitCode::FAILURE
        }
    }
}
