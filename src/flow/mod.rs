//! The plumbing every protocol's trace shares. TCP and the reliable-transfer
//! lab each have their own steps, narrators and labels; how steps stream from
//! a source to its sinks, and the calendar a simulator runs its virtual clock
//! on, are the same for both, so they are written once here, generic over the
//! step type (any later protocol plugs in by implementing [`TraceStep`]).

mod calendar;
mod collect;
mod sink;
mod slab;
mod tee;

pub use calendar::Calendar;
pub use collect::Collected;
pub use sink::{Discard, Sink};
pub use tee::Tee;

use crate::time::Instant;
use crate::trace::Host;

/// A step of one protocol's trace: what the shared plumbing needs to know of
/// it. Everything else about a step (its kinds, how it is told) stays with
/// its protocol.
pub trait TraceStep {
    /// What a view learns before the first step: who talks to whom, and what
    /// the run is about. Each protocol says it its own way.
    type Meta: Clone + std::fmt::Debug;

    /// When the step happened, on the run's clock.
    fn at(&self) -> Instant;

    /// The side the step belongs to.
    fn host(&self) -> Host;
}
