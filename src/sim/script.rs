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
        /// What must hold.
        condition: Condition,
        /// How long to wait once it holds.
        delay: Duration,
    },
}

/// Something a lesson can wait for.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// `host` is in `state`.
    State {
        /// The host to watch.
        host: Host,
        /// The state it must be in.
        state: State,
    },
    /// `host` received data since the action became next in line.
    Data {
        /// The host whose application must have received something.
        host: Host,
    },
}

/// Data an application sends.
#[derive(Clone, Debug, PartialEq)]
pub enum AppData {
    /// These bytes, exactly.
    Bytes(Bytes),
    /// `len` bytes of a repeating readable pattern, generated as the send buffer
    /// drains, so a huge transfer needs no huge buffer.
    Pattern(u64),
    /// Whatever this host received and has not echoed yet.
    Echo,
}

/// An application call a lesson can script.
#[derive(Clone, Debug, PartialEq)]
pub enum ScriptCall {
    /// `listen()`: a passive open.
    Listen,
    /// `connect()` to the other host: an active open, which sends the SYN.
    Connect,
    /// `send()` this data.
    Send(AppData),
    /// `close()`: this side has no more to send, so a FIN follows the queued data.
    Close,
    /// `abort()`: drop the connection and send a RST.
    Abort,
    /// The application stops reading: its receive window fills and closes.
    PauseReading,
    /// The application reads everything waiting and goes on reading.
    ResumeReading,
}

/// One scripted application call.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// The host whose application makes the call.
    pub host: Host,
    /// When it makes it.
    pub trigger: Trigger,
    /// Which call.
    pub call: ScriptCall,
    /// The lesson line it came from, for error messages.
    pub line: Option<usize>,
}
