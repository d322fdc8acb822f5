//! Compresses `models/default.json` into the build's output directory, where the library embeds
//! it (src/model/builtin.rs): gzip keeps the built-in forest's 6.8 MB of text out of every
//! process's resident memory once it has been read.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::PathBuf;

use flate2::write::GzEncoder;
use flate2::Compression;

const MODEL: &str = "models/default.json";

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed={MODEL}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut encoder = GzEncoder::new(
        BufWriter::new(File::create(out.join("default.json.gz"))?),
        Compression::best(),
    );
    io::copy(&mut File::open(MODEL)?, &mut encoder)?;
    encoder.finish()?.into_inner()?.sync_all()
}
