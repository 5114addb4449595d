//! Views: sinks that turn a trace into something to read. Each writes to the
//! `Write` it is given and never prints on its own; none knows where its trace
//! came from.

pub mod diagram;
pub mod header_bits;
pub mod held;
pub mod json;
mod json_write;
pub mod labels;
pub mod ladder;
pub mod layout;
pub mod narration;
pub mod pcap;
pub mod style;

use crate::trace::Step;

/// Adds lines under a ladder row (narration, header bits). Lines may carry
/// colour. `S` is the kind of step: TCP's, or the reliable-transfer lab's.
pub trait Annotate<S = Step> {
    fn annotate(&mut self, step: &S) -> Vec<String>;
}

/// Says a step in words: the sentences `--explain` shows under a row, in
/// JSON and in pcapng comments. TCP's narrator and the rdt lab's each
/// explain their own kind of step; the views around them are shared.
pub trait Explain<S> {
    fn explain(&mut self, step: &S) -> Vec<String>;
}
