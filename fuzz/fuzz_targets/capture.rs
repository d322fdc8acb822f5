//! Arbitrary bytes → `read_frames` (pcap and pcapng). The checks live in `fuzz/checks.rs`, shared with the
//! regression test that replays saved crashes.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::capture(data));
