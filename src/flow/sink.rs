//! [`Sink`], the one contract between sources and views, and [`Discard`].
//! Sources push each step the moment it happens, so nothing is kept unless a
//! sink keeps it and a run of any length streams in flat memory.

use std::io;

use super::TraceStep;
use crate::trace::Step;

/// Where steps go: views, capture writers, collectors and counters.
/// `S` is the kind of step; TCP's unless a protocol says otherwise, so TCP
/// code writes plain `Sink`.
pub trait Sink<S: TraceStep = Step> {
    /// Called once, before the first step.
    fn begin(&mut self, _meta: &S::Meta) -> io::Result<()> {
        Ok(())
    }

    /// Called for each step as it happens; an error stops the run.
    fn step(&mut self, step: &S) -> io::Result<()>;

    /// A step the user chose not to see (`explain --frame`): a view that
    /// narrates learns from it (states, the numbers behind an ACK) but draws
    /// nothing.
    fn unseen(&mut self, _step: &S) -> io::Result<()> {
        Ok(())
    }

    /// Called once, after the last step.
    fn end(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Pushes out what has been written so far (before a pause, say).
    fn flush_view(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A sink that ignores everything (`--quiet`, and runs kept only for their
/// outcome), for steps of any protocol.
pub struct Discard;

impl<S: TraceStep> Sink<S> for Discard {
    fn step(&mut self, _step: &S) -> io::Result<()> {
        Ok(())
    }
}
