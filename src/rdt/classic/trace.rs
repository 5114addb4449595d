//! The steps of a classic session, streamed to the views like the lab's own
//! packets are: a step type of its own, since the classic exchange has lines
//! of text where the lab has packets. The sinks and the tee are the
//! project's ([`crate::flow`]).

use std::io;
use std::time::Duration;

use super::Hello;
use crate::flow::TraceStep;
pub use crate::flow::{Sink, Tee};
use crate::time::Instant;
pub use crate::trace::Host;

/// Why a message is sent again (client) or arrives again (server).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Again {
    /// No answer came in time: lost, or on its way late.
    NoAnswer,
    /// The answer was `ERRO_CORROMPIDO`.
    Corrupted,
    /// Seen by the server: the same text again although it was answered
    /// (typed again, or the answer came after the client's timer).
    Answered,
}

impl Again {
    pub fn name(self) -> &'static str {
        match self {
            Again::NoAnswer => "no-answer",
            Again::Corrupted => "corrupted",
            Again::Answered => "answered",
        }
    }
}

/// What the server's fault layer does to one answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Answer `ERRO_CORROMPIDO` instead of the confirmation.
    Corrupt { rule: bool },
    /// Do not answer at all.
    Lose { rule: bool },
    /// Hold the answer this long first.
    Delay(Duration),
}

impl Decision {
    pub fn name(self) -> &'static str {
        match self {
            Decision::Corrupt { .. } => "corrupt",
            Decision::Lose { .. } => "lose",
            Decision::Delay(_) => "delay",
        }
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassicKind {
    /// The client's handshake line.
    Request { line: String },
    /// The server's answer: `agreed` is `None` for a refusal.
    Reply { line: String, agreed: Option<Hello> },
    /// A message line from the client: the `index`-th message (from 1), its
    /// `attempt` (from 1) and, from the second on, why it came again.
    Message {
        index: u64,
        attempt: u32,
        again: Option<Again>,
        text: String,
    },
    /// The server's fault layer decided something about its next answer.
    Fault(Decision),
    /// An answer line from the server.
    Answer { text: String },
    /// A message longer than TAMANHO: answered with an error, not taken.
    TooLong { len: usize, max: usize },
    /// The client's timer for `attempt` expired without an answer.
    Timeout {
        index: u64,
        attempt: u32,
        after: Duration,
    },
    /// An answer that is not for the message waiting (a late one): set aside.
    Stale { text: String },
    /// The client has its confirmation.
    Confirmed { index: u64, attempt: u32 },
    /// The client stops trying to send message `index`.
    GaveUp { index: u64, attempts: u32 },
    /// `sair` left the client: the session ends.
    Quit,
    /// The session is over.
    Done,
}

impl ClassicKind {
    /// The `kind` field of the JSON format.
    pub fn name(&self) -> &'static str {
        match self {
            ClassicKind::Request { .. } => "request",
            ClassicKind::Reply { .. } => "reply",
            ClassicKind::Message { .. } => "message",
            ClassicKind::Fault(_) => "fault",
            ClassicKind::Answer { .. } => "answer",
            ClassicKind::TooLong { .. } => "too-long",
            ClassicKind::Timeout { .. } => "timeout",
            ClassicKind::Stale { .. } => "stale",
            ClassicKind::Confirmed { .. } => "confirmed",
            ClassicKind::GaveUp { .. } => "gave-up",
            ClassicKind::Quit => "quit",
            ClassicKind::Done => "done",
        }
    }
}

/// One step, on the session's clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassicStep {
    pub t: Instant,
    pub host: Host,
    pub kind: ClassicKind,
}

impl TraceStep for ClassicStep {
    type Meta = ();

    fn at(&self) -> Instant {
        self.t
    }

    fn host(&self) -> Host {
        self.host
    }
}

/// The numbers of a session, counted from its steps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassicStats {
    /// Different messages (retries not counted).
    pub messages: u64,
    /// Message lines sent or received, retries included.
    pub lines: u64,
    pub retries: u64,
    pub confirmed: u64,
    pub corrupted: u64,
    pub lost: u64,
    pub delayed: u64,
    pub timeouts: u64,
    pub stale: u64,
    /// `ERRO_CORROMPIDO` answers the client read.
    pub corrupted_answers: u64,
    /// Answers the server sent.
    pub answers: u64,
    pub gave_up: u64,
    pub too_long: u64,
    pub quit: bool,
}

impl Sink<ClassicStep> for ClassicStats {
    fn step(&mut self, step: &ClassicStep) -> io::Result<()> {
        match &step.kind {
            ClassicKind::Message { attempt, .. } => {
                self.lines += 1;
                if *attempt == 1 {
                    self.messages += 1;
                } else {
                    self.retries += 1;
                }
            }
            ClassicKind::Fault(Decision::Corrupt { .. }) => self.corrupted += 1,
            ClassicKind::Fault(Decision::Lose { .. }) => self.lost += 1,
            ClassicKind::Fault(Decision::Delay(_)) => self.delayed += 1,
            ClassicKind::Timeout { .. } => self.timeouts += 1,
            ClassicKind::Stale { .. } => self.stale += 1,
            ClassicKind::Confirmed { .. } => self.confirmed += 1,
            ClassicKind::GaveUp { .. } => self.gave_up += 1,
            ClassicKind::TooLong { .. } => self.too_long += 1,
            ClassicKind::Answer { text } => {
                self.answers += 1;
                if step.host == Host::Server && text == super::CORRUPTED {
                    self.corrupted_answers += 1;
                }
            }
            ClassicKind::Quit => self.quit = true,
            _ => {}
        }
        Ok(())
    }
}
