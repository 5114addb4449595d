//! A question: what is asked, of which side, before which step of the trace,
//! and what the right answer is, with the narration that explains it.

use super::answer::Expected;
use crate::trace::Host;

/// What a question asks about. The names are the lesson files' `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The state a side moves to.
    State,
    /// The flags of the next segment.
    Flags,
    /// Its sequence number.
    Seq,
    /// Its acknowledgment number.
    Ack,
    /// The window it advertises.
    Window,
    /// Which side ends in TIME-WAIT.
    TimeWaitSide,
    /// How long it stays there (2×MSL).
    TimeWaitLength,
    /// When the retransmission timer fires.
    RtoWhen,
    /// What the sender sends when it does.
    RtoSends,
    /// cwnd after a loss.
    Cwnd,
    /// ssthresh after a loss.
    Ssthresh,
    /// The checksum of a small header.
    Checksum,
    /// The bits of a byte of data.
    Bits,
    /// The rdt lab: the sequence number of the next data packet.
    RdtSeq,
    /// The rdt lab: the sender's window after an ACK.
    RdtWindow,
    /// The rdt lab: how many packets go again after a timeout.
    RdtResend,
}

impl Kind {
    pub const ALL: [Kind; 16] = [
        Kind::State,
        Kind::Flags,
        Kind::Seq,
        Kind::Ack,
        Kind::Window,
        Kind::TimeWaitSide,
        Kind::TimeWaitLength,
        Kind::RtoWhen,
        Kind::RtoSends,
        Kind::Cwnd,
        Kind::Ssthresh,
        Kind::Checksum,
        Kind::Bits,
        Kind::RdtSeq,
        Kind::RdtWindow,
        Kind::RdtResend,
    ];

    /// The name in lesson files, `--list`, JSON and answer files.
    pub fn name(self) -> &'static str {
        match self {
            Kind::State => "state",
            Kind::Flags => "flags",
            Kind::Seq => "seq",
            Kind::Ack => "ack",
            Kind::Window => "window",
            Kind::TimeWaitSide => "time-wait-side",
            Kind::TimeWaitLength => "time-wait-length",
            Kind::RtoWhen => "rto-when",
            Kind::RtoSends => "rto-sends",
            Kind::Cwnd => "cwnd",
            Kind::Ssthresh => "ssthresh",
            Kind::Checksum => "checksum",
            Kind::Bits => "bits",
            Kind::RdtSeq => "rdt-seq",
            Kind::RdtWindow => "rdt-window",
            Kind::RdtResend => "rdt-resend",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        Kind::ALL.into_iter().find(|k| k.name() == t)
    }

    /// Which questions a generated quiz keeps first when it must choose:
    /// the moments a teacher points at before the routine numbers.
    pub(super) fn priority(self) -> u8 {
        match self {
            Kind::State
            | Kind::TimeWaitSide
            | Kind::TimeWaitLength
            | Kind::RtoWhen
            | Kind::RtoSends
            | Kind::Cwnd
            | Kind::Ssthresh
            | Kind::RdtWindow
            | Kind::RdtResend => 0,
            Kind::Flags | Kind::Ack | Kind::Checksum | Kind::Bits | Kind::RdtSeq => 1,
            Kind::Seq | Kind::Window => 2,
        }
    }
}

impl Question {
    /// A question about `side`, asked before step `step`, explained by that
    /// step's narration; no hint and no half-marks reason until given.
    pub fn at(
        kind: Kind,
        side: Host,
        step: usize,
        prompt: String,
        expected: Expected,
        explanation: &[String],
    ) -> Question {
        Question {
            kind,
            side,
            step,
            prompt,
            hint: None,
            expected,
            explanation: explanation.to_vec(),
            partly: None,
        }
    }
}

/// One question of a quiz.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub kind: Kind,
    /// The side it is about.
    pub side: Host,
    /// The index of the trace step that shows the answer: the question is
    /// asked just before it.
    pub step: usize,
    /// The question, in the quiz's language.
    pub prompt: String,
    /// A hint on how to work it out, when there is arithmetic to do.
    pub hint: Option<String>,
    pub expected: Expected,
    /// What `--explain` says of the answer's step: why it is so, with the RFC section.
    pub explanation: Vec<String>,
    /// Why the half-marks answer is half right (an off-by-one, say).
    pub partly: Option<String>,
}
