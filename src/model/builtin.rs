//! The built-in model: `models/default.json` as it was when the crate was built, embedded
//! gzip-compressed (by `build.rs`) and inflated only when asked for, so that a process keeps
//! about 1 MB of it resident instead of the forest's 6.8 MB of text.

use std::io::Read;

use flate2::read::GzDecoder;

use super::{LoadError, Model};

const COMPRESSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.json.gz"));

/// How messages name the built-in model.
pub const NAME: &str = "the built-in default model";

/// The built-in model's JSON text, byte for byte the file it was built from.
pub fn text() -> String {
    // gzip's trailer ends with the text's length (modulo 2^32), so the text is read into one
    // allocation.
    let length = COMPRESSED
        .last_chunk::<4>()
        .map_or(0, |bytes| u32::from_le_bytes(*bytes) as usize);
    let mut text = String::with_capacity(length);
    GzDecoder::new(COMPRESSED)
        .read_to_string(&mut text)
        .expect("build.rs compressed a UTF-8 model file");
    text
}

/// The built-in model, read and checked as `--model models/default.json` would be.
pub fn model() -> Result<Model, LoadError> {
    Model::from_json_str(&text())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_built_in_model_is_the_file_it_was_built_from() {
        let file =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/models/default.json"))
                .unwrap();
        assert_eq!(super::text(), file);
        assert_eq!(
            super::model().unwrap(),
            crate::model::Model::from_json_str(&file).unwrap()
        );
    }
}
