//! The wire between the two hosts: a fixed latency, scripted faults aimed at
//! particular segments, and optional seeded random loss. Counting segments
//! and holding one back to reorder it are shared with the reliable-transfer
//! lab ([`crate::fault`]); what a rule matches is TCP's.

use std::time::Duration;

use crate::fault::Tally;
use crate::tcp::{Flags, Segment};
use crate::trace::{Fault, Host};

/// What to do to a matching segment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FaultAction {
    /// Lose the segment.
    Drop,
    /// Deliver it twice.
    Duplicate,
    /// Deliver it this much later than the link's latency alone would.
    Delay(Duration),
    /// Hold it back so a later segment from the same host overtakes it (or a timeout lets it go).
    Reorder,
}

impl FaultAction {
    /// The trace's [`Fault`] for this action, as the drop or fault step records it.
    pub fn as_fault(self) -> Fault {
        match self {
            FaultAction::Drop => Fault::Drop,
            FaultAction::Duplicate => Fault::Duplicate,
            FaultAction::Delay(d) => Fault::Delay(d),
            FaultAction::Reorder => Fault::Reorder,
        }
    }
}

/// Which segments a fault hits.
#[derive(Clone, Debug, PartialEq)]
pub enum SegmentMatch {
    /// The n-th segment on the link (1-based), counting only `from`'s if given.
    Nth(u64),
    /// Segments whose flags are exactly these.
    Flags(Flags),
    /// Segments that carry data.
    Data,
    /// Every segment.
    Any,
}

/// A scripted fault: `action` on the next `times` segments matching `what`.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultRule {
    /// What happens to a matching segment.
    pub action: FaultAction,
    /// Which segments match.
    pub what: SegmentMatch,
    /// Only segments this host sends; `None` matches both directions.
    pub from: Option<Host>,
    /// Only segments sent at or after this many microseconds.
    pub after_us: u64,
    /// How many matching segments it hits before it is used up.
    pub times: u32,
    /// The lesson line, for messages.
    pub line: Option<usize>,
}

/// The simulated link between the two hosts.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkConfig {
    /// One-way delay of every segment, in both directions.
    pub latency: Duration,
    /// Probability that any segment is lost, drawn from the seeded generator.
    pub loss: f64,
    /// The lesson's scripted faults, tried in order; the first that matches applies.
    pub faults: Vec<FaultRule>,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            latency: Duration::from_millis(10),
            loss: 0.0,
            faults: Vec::new(),
        }
    }
}

/// Counts segments and hands out faults.
#[derive(Debug)]
pub(super) struct Faults {
    rules: Vec<FaultRule>,
    tally: Tally,
}

impl Faults {
    pub(super) fn new(rules: Vec<FaultRule>) -> Self {
        Faults {
            rules,
            tally: Tally::default(),
        }
    }

    /// Counts `seg` (sent by `from` at `now_us`) and returns the fault it meets.
    pub(super) fn judge(&mut self, from: Host, seg: &Segment, now_us: u64) -> Option<FaultAction> {
        let at = self.tally.count(from);
        let rule = self.rules.iter_mut().find(|r| {
            r.times > 0
                && now_us >= r.after_us
                && r.from.is_none_or(|h| h == from)
                && match r.what {
                    SegmentMatch::Nth(n) => n == at.counted_by(r.from),
                    SegmentMatch::Flags(f) => seg.flags == f,
                    SegmentMatch::Data => !seg.payload.is_empty(),
                    SegmentMatch::Any => true,
                }
        })?;
        rule.times -= 1;
        Some(rule.action)
    }
}
