//! [`Tee`]: one source, several sinks (a view and the capture files beside
//! it, a lesson's checks and its view, a counter and a log).

use std::io;

use super::{Sink, TraceStep};
use crate::trace::Step;

/// Sends every step to several sinks, in the order they were added. A sink
/// that fails stops the rest from seeing that step, and the error goes back
/// to the source, which stops the run.
pub struct Tee<'a, S: TraceStep = Step> {
    sinks: Vec<&'a mut dyn Sink<S>>,
}

impl<'a, S: TraceStep> Tee<'a, S> {
    /// A tee with no sinks yet; add them with [`Tee::push`].
    pub fn new() -> Self {
        Tee { sinks: Vec::new() }
    }

    /// A tee over these sinks, in this order.
    pub fn of(sinks: Vec<&'a mut dyn Sink<S>>) -> Self {
        Tee { sinks }
    }

    /// Adds a sink after those already there: it sees each step after them.
    pub fn push(&mut self, sink: &'a mut dyn Sink<S>) {
        self.sinks.push(sink);
    }
}

// By hand: a derive would ask for `S: Default`, which no step is.
impl<S: TraceStep> Default for Tee<'_, S> {
    fn default() -> Self {
        Tee::new()
    }
}

impl<S: TraceStep> Sink<S> for Tee<'_, S> {
    fn begin(&mut self, meta: &S::Meta) -> io::Result<()> {
        self.sinks.iter_mut().try_for_each(|s| s.begin(meta))
    }

    fn step(&mut self, step: &S) -> io::Result<()> {
        self.sinks.iter_mut().try_for_each(|s| s.step(step))
    }

    fn end(&mut self) -> io::Result<()> {
        self.sinks.iter_mut().try_for_each(|s| s.end())
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.sinks.iter_mut().try_for_each(|s| s.flush_view())
    }
}
