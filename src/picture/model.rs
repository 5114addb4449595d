//! What a picture shows, independent of how it is drawn: the sequence
//! diagram's arrows, state boxes and timers, every step's words and bits for
//! the player, and the graphs' series. Built once from a collected trace (TCP's
//! or the reliable-transfer lab's) in one language; the SVG, graph and HTML
//! views only read it, so all three agree on every number.

use crate::narrate::Lang;
use crate::trace::Host;

/// Times are microseconds on the run's clock (a capture's: since its first frame).
pub type Micros = u64;

/// A whole run, ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// The run's title, in the picture's language.
    pub title: String,
    /// What to look for, a sentence or two.
    pub summary: String,
    /// The language every word below is in.
    pub lang: Lang,
    /// The two lifelines, client first.
    pub sides: [Lifeline; 2],
    /// Every step of the trace, in order: what the player steps through.
    pub steps: Vec<Moment>,
    /// Every message that crossed (or tried to cross) the link.
    pub arrows: Vec<Arrow>,
    /// Each side's state where it changes (RFC 9293's names for TCP; the
    /// lab's own words for rdt).
    pub states: Vec<StateMark>,
    /// Timers running on a lifeline: RTO, TIME-WAIT, persist.
    pub timers: Vec<TimerSpan>,
    /// The graphs' numbers.
    pub series: Series,
    /// The run came from a capture: times are when frames were seen at one
    /// point, and frame numbers are Wireshark's "No.".
    pub captured: bool,
}

/// One lifeline: its role and address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lifeline {
    /// "client" or "server", in the picture's language.
    pub role: String,
    /// `10.0.0.1:49152`.
    pub addr: String,
}

/// One step of the trace, as the player shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moment {
    pub t: Micros,
    /// The side the step belongs to.
    pub side: Host,
    /// One line, as the ladder labels it (`SYN seq=0`, `ESTABLISHED`, `⏱ RTO`).
    pub label: String,
    /// What `--explain` says of it (may be empty).
    pub narration: Vec<String>,
    /// What `--bits` shows of it: the header diagram and payload (may be empty).
    pub bits: Vec<String>,
    /// The arrow this step sent, delivered or lost, if any (an index into
    /// [`Picture::arrows`]).
    pub arrow: Option<usize>,
    /// The capture's frame number, for a step a captured packet made.
    pub frame: Option<u32>,
}

/// A message on the link, from its sender's lifeline toward the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    /// The side that sent it.
    pub from: Host,
    /// When it left.
    pub sent: Micros,
    /// What became of it.
    pub end: ArrowEnd,
    /// One line: `SYN seq=0`, `ACK ack=1 win=65535`, `DATA 3`.
    pub label: String,
    /// Sent again: the same bytes (or SYN, FIN) went out before.
    pub retransmission: bool,
    /// Carries payload (drawn heavier than a bare ACK).
    pub data: bool,
    /// The capture's frame number.
    pub frame: Option<u32>,
    /// The index in [`Picture::steps`] of the step that sent it.
    pub step: usize,
}

/// Where an arrow stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrowEnd {
    /// It reached the other side at this time.
    Arrived(Micros),
    /// The link lost it; drawn stopping with a ✗ at this time (part way).
    Lost(Micros),
}

impl ArrowEnd {
    /// When the arrow's head is drawn.
    pub fn at(self) -> Micros {
        match self {
            ArrowEnd::Arrived(t) | ArrowEnd::Lost(t) => t,
        }
    }
}

/// A side's state from this time on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateMark {
    pub side: Host,
    pub t: Micros,
    /// `SYN-SENT`, `ESTABLISHED`, …
    pub state: String,
    /// The index in [`Picture::steps`] of the step that moved it.
    pub step: usize,
}

/// A timer on a lifeline, from when it was armed to when it fired or stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimerSpan {
    pub side: Host,
    pub from: Micros,
    pub to: Micros,
    /// `RTO 1 s`, `TIME-WAIT 2×MSL`, in the picture's language.
    pub label: String,
    /// It fired (rather than being stopped by an ACK or the end of the run).
    pub fired: bool,
}

/// What the graphs plot, for the direction that carried most data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// The side whose data is plotted (the other side's ACKs come with it).
    pub sender: Host,
    /// Sequence numbers count bytes (TCP) or packets (the rdt lab).
    pub unit: SeqUnit,
    /// Every data segment the sender sent, as a sequence range.
    pub data: Vec<SeqRange>,
    /// Every acknowledgment the receiver sent.
    pub acks: Vec<AckPoint>,
    /// SACK blocks the receiver reported (TCP only).
    pub sacks: Vec<SackBlock>,
    /// The sender's window over time.
    pub window: Vec<WindowPoint>,
    /// Whose numbers `window` holds.
    pub window_source: WindowSource,
}

/// What a sequence number counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SeqUnit {
    #[default]
    Bytes,
    Packets,
}

/// A data segment: sequence numbers relative to the sender's first, unwrapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeqRange {
    pub t: Micros,
    pub seq: u64,
    pub len: u32,
    pub retransmission: bool,
    /// The index in [`Picture::steps`] of the step that sent it.
    pub step: usize,
}

/// An ACK: the next sequence number the receiver expects, and the right edge
/// of the window it offers (`ack + window`), both relative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AckPoint {
    pub t: Micros,
    pub ack: u64,
    pub window_edge: u64,
    pub step: usize,
}

/// A SACK block `[left, right)` reported at `t`, relative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SackBlock {
    pub t: Micros,
    pub left: u64,
    pub right: u64,
}

/// The sender's window at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowPoint {
    pub t: Micros,
    /// TCP: cwnd in bytes; rdt: the window size N in packets. `None` when not known (a capture).
    pub cwnd: Option<u64>,
    /// TCP only; `None` while unset (infinite) or not known.
    pub ssthresh: Option<u64>,
    /// Sent and not yet acknowledged, in the same unit.
    pub flight: u64,
}

/// Where the window numbers come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WindowSource {
    /// No window numbers (nothing was sent).
    #[default]
    None,
    /// The simulator's own variables: the true cwnd and ssthresh.
    Model,
    /// Inferred from the packets of a capture: only the flight.
    Inferred,
}
