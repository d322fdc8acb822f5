//! Shared parts of the lab's h3/quinn server and client: command-line options, a seeded random
//! source, and reading the lab certificate files.

use std::collections::HashMap;
use std::path::Path;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// ALPN of HTTP/3.
pub const ALPN: &[u8] = b"h3";

/// `--name value` options; every option takes one value.
pub struct Opts(HashMap<String, String>);

impl Opts {
    /// Parses `std::env::args()`; exits with `usage` on a stray or valueless argument.
    pub fn parse(usage: &str) -> Self {
        let mut map = HashMap::new();
        let mut args = std::env::args().skip(1);
        while let Some(name) = args.next() {
            match (name.strip_prefix("--"), args.next()) {
                (Some(key), Some(value)) => {
                    map.insert(key.to_string(), value);
                }
                _ => {
                    eprintln!("usage: {usage}");
                    std::process::exit(2);
                }
            }
        }
        Opts(map)
    }

    /// The value of `--name`, or `default`; exits when it does not parse.
    pub fn get<T: std::str::FromStr>(&self, name: &str, default: Option<T>) -> T {
        match (self.0.get(name), default) {
            (Some(v), _) => v.parse().unwrap_or_else(|_| {
                eprintln!("bad value for --{name}: {v}");
                std::process::exit(2)
            }),
            (None, Some(d)) => d,
            (None, None) => {
                eprintln!("--{name} is required");
                std::process::exit(2)
            }
        }
    }

    /// The comma-separated list of `--name`, or `default`.
    pub fn list<T: std::str::FromStr>(&self, name: &str, default: &str) -> Vec<T> {
        let raw = self.0.get(name).map(String::as_str).unwrap_or(default);
        raw.split(',')
            .map(|s| {
                s.parse().unwrap_or_else(|_| {
                    eprintln!("bad list item for --{name}: {s}");
                    std::process::exit(2)
                })
            })
            .collect()
    }
}

/// xorshift64*: repeatable choices from a seed (no cryptographic use).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform integer in [lo, hi].
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

/// The certificate chain of a PEM file.
pub fn read_certs(path: &Path) -> Vec<CertificateDer<'static>> {
    CertificateDer::pem_file_iter(path)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .unwrap_or_else(|e| {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1)
        })
}

/// The private key of a PEM file.
pub fn read_key(path: &Path) -> PrivateKeyDer<'static> {
    PrivateKeyDer::from_pem_file(path).unwrap_or_else(|e| {
        eprintln!("{}: {e}", path.display());
        std::process::exit(1)
    })
}
