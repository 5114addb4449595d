//! What the two applications do in a simulation, and when: the script a lesson
//! turns into.

use std::time::Duration;

use bytes::Bytes;

use crate::tcp::State;
use crate::time::Instant;
use crate::trace::Host;

/// When an action fires. Each host runs its actions in order; an action is
/// considered only once the one before it (on the same host) is done.
#[derive(Clone, Debug, PartialEq)]
pub enum Trigger {
    /// At this virtual time (or at once, if that time has passed).
    At(Instant),
    /// This long after the host's previous action finished.
    After(Duration),
    /// When a condition holds, then after `delay`.
    When {
        condition: Condition,
        delay: Duration,
    },
}

/// Something a lesson can wait for.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// `host` is in `state`.
    State { host: Host, state: State },
    /// `host` received data since the action became next in line.
    Data { host: Host },
}

/// Data an application sends.
#[derive(Clone, Debug, PartialEq)]
pub enum AppData {
    Bytes(Bytes),
    /// `len` bytes of a repeating readable pattern, generated as the send buffer
    /// drains, so a huge transfer needs no huge buffer.
    Pattern(u64),
    /// Whatever this host received and has not echoed yet.
    Echo,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ScriptCall {
    Listen,
    Connect,
    Send(AppData),
    Close,
    Abort,
    /// The application stops reading: its receive window fills and closes.
    PauseReading,
    /// The application reads everything waiting and goes on reading.
    ResumeReading,
}

/// One scripted application call.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub host: Host,
    pub trigger: Trigger,
    pub call: ScriptCall,
    /// The lesson line it came from, for error messages.
    pub line: Option<usize>,
}
