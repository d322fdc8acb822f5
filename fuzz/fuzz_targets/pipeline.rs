//! Bytes → `extract_reader` → flows → features, all finite. The checks live in `fuzz/checks.rs`, shared with the
//! regression test that replays saved crashes.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::pipeline(data));
