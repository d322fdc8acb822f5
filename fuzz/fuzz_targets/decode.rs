//! First byte → link type, the rest → one frame → `decode`. The checks live in `fuzz/checks.rs`, shared with the
//! regression test that replays saved crashes.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::decode_frame(data));
