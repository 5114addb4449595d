//! The captures synack writes (checked with tshark), what `explain` makes of them, real frames, and malformed input.

mod analysis_vs_tshark;
mod captures;
mod explain_observer;
mod explain_props;
mod fuzz_capture;
mod lesson_truth;
mod netns_vs_tshark;
mod observer_props;
mod picture_files;
mod rdt_captures;
mod timestamp_override;
mod tools_present;
mod wire_real_frames;
