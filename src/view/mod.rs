//! Views: sinks that turn a trace into something to read. Each writes to the
//! `Write` it is given and never prints on its own; none knows where its trace
//! came from.

pub mod diagram;
pub mod header_bits;
pub mod json;
pub mod labels;
pub mod ladder;
pub mod layout;
pub mod narration;
pub mod style;

use crate::trace::Step;

/// Adds lines under a ladder row (narration, header bits). Lines may carry colour.
pub trait Annotate {
    fn annotate(&mut self, step: &Step) -> Vec<String>;
}
