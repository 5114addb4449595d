//! Capture files: writing pcap and pcapng, reading them back for `synack
//! explain`, and the observer that turns their packets into a trace. (The
//! sink that writes a trace as a capture, with its narration, is a view:
//! `view::pcap`.)

pub mod analysis;
pub mod control_words;
pub mod fernet;
pub mod observer;
pub mod reader;
mod writer;

pub use writer::{CaptureFormat, CaptureWriter, EPOCH, SNAPLEN};
