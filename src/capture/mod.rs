//! Capture files: writing pcap and pcapng (with narration as packet comments)
//! for any trace, and reading them back for `synack explain`.

pub mod observer;
pub mod reader;
mod sink;
mod writer;

pub use sink::{CaptureSink, FinishingSink};
pub use writer::{CaptureFormat, CaptureWriter, EPOCH};
