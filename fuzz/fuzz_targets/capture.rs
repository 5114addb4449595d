//! Any bytes as a capture file: `synack explain` must never panic.
//! Run with `cargo fuzz run capture` (seed it with `captures/`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    synack::app::explain::exercise(data);
});
