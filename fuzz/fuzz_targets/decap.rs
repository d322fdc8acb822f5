//! First byte → link type, second → decapsulation settings, the rest → one frame →
//! `decode_with`, through every tunnel decoder. The checks live in `fuzz/checks.rs`, shared with
//! the regression test that replays saved crashes.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::decap_frame(data));
