//! The sinks that keep what they are given, for tests and for views that
//! need the whole run before they can draw it. Only these hold a run in
//! memory; every other sink streams.

use std::io;

use super::{Sink, TraceStep};

/// Every step, in order: the collector when the meta is not needed.
impl<S: TraceStep + Clone> Sink<S> for Vec<S> {
    fn step(&mut self, step: &S) -> io::Result<()> {
        self.push(step.clone());
        Ok(())
    }
}

/// A whole run: its meta and every step.
#[derive(Clone, Debug)]
pub struct Collected<S: TraceStep> {
    /// What the source announced before its first step; `None` until `begin`.
    pub meta: Option<S::Meta>,
    /// Every step, in the order the source emitted them.
    pub steps: Vec<S>,
}

// By hand: a derive would ask for `S: Default`, which no step is.
impl<S: TraceStep> Default for Collected<S> {
    fn default() -> Self {
        Collected {
            meta: None,
            steps: Vec::new(),
        }
    }
}

impl<S: TraceStep + Clone> Sink<S> for Collected<S> {
    fn begin(&mut self, meta: &S::Meta) -> io::Result<()> {
        self.meta = Some(meta.clone());
        Ok(())
    }

    fn step(&mut self, step: &S) -> io::Result<()> {
        self.steps.step(step)
    }
}
