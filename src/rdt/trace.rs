//! The reliable-transfer trace: its own steps (separate from TCP's), streamed
//! from a source (the simulator or a real session) to any number of sinks
//! (ladder, log, narration, bits, JSON, capture files, statistics). Nothing is
//! kept unless a sink keeps it, so a long run stays in flat memory. The sinks
//! and the tee are the project's own ([`crate::flow`]), over these steps.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;

use super::fault::Verdict;
use super::handshake::Agreement;
use super::proto::{DiscardReason, Event, Transmit};
use crate::flow::TraceStep;
pub use crate::flow::{Discard, Sink, Tee};
use crate::time::Instant;
pub use crate::trace::Host;

/// What a view knows before the first step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RdtMeta {
    pub title: String,
    pub summary: String,
    pub client: SocketAddr,
    pub server: SocketAddr,
    /// One-way delay of a simulated link.
    pub latency: Option<Duration>,
    /// The sender's retransmission timeout.
    pub timeout: Duration,
}

impl RdtMeta {
    pub fn addr(&self, host: Host) -> SocketAddr {
        match host {
            Host::Client => self.client,
            Host::Server => self.server,
        }
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RdtKind {
    /// The client's handshake line left it.
    Request { line: String },
    /// The server's answer left it; `agreed` is `None` for a refusal.
    Reply {
        line: String,
        agreed: Option<Agreement>,
    },
    /// A Noise handshake message (1 from the client, 2 from the server) left this host.
    Noise { message: u8, bytes: Bytes },
    /// The secure handshake finished on this host (or failed: wrong key).
    Secure { ok: bool },
    /// The user handed a message to the sender (the `index`-th, from 1).
    Submit { index: u64, message: Bytes },
    /// A packet left this host: the value and the bytes on the wire (sealed
    /// in secure mode).
    Send { transmit: Transmit, wire: Bytes },
    /// What the channel does to the packet just sent (never `Pass`).
    Fault(Verdict),
    /// Bytes reached this host (maybe damaged).
    Arrive { wire: Bytes },
    /// The protocol's own events.
    Event(Event),
    /// Every message the client submitted is acknowledged.
    Done,
}

impl RdtKind {
    /// The `kind` field of the JSON format.
    pub fn name(&self) -> &'static str {
        match self {
            RdtKind::Request { .. } => "request",
            RdtKind::Reply { .. } => "reply",
            RdtKind::Noise { .. } => "noise",
            RdtKind::Secure { .. } => "secure",
            RdtKind::Submit { .. } => "submit",
            RdtKind::Send { .. } => "send",
            RdtKind::Fault(_) => "fault",
            RdtKind::Arrive { .. } => "arrive",
            RdtKind::Event(e) => match e {
                Event::TimerStart { .. } => "timer-start",
                Event::TimerStop { .. } => "timer-stop",
                Event::Timeout { .. } => "timeout",
                Event::Acked { .. } => "acked",
                Event::Nak { .. } => "nak",
                Event::Discard { .. } => "discard",
                Event::Buffered { .. } => "buffered",
                Event::ReceiveWindow { .. } => "receive-window",
                Event::Deliver { .. } => "deliver",
                Event::GaveUp { .. } => "gave-up",
            },
            RdtKind::Done => "done",
        }
    }
}

/// One step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RdtStep {
    pub t: Instant,
    pub host: Host,
    pub kind: RdtKind,
}

impl TraceStep for RdtStep {
    type Meta = RdtMeta;

    fn at(&self) -> Instant {
        self.t
    }

    fn host(&self) -> Host {
        self.host
    }
}

/// The numbers of a run, counted from its steps (so real sessions and the
/// simulator count alike).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub submitted: u64,
    pub delivered: u64,
    pub delivered_bytes: u64,
    /// Packets each side put on the link (retransmissions included).
    pub packets: [u64; 2],
    pub data_packets: u64,
    pub retransmissions: u64,
    pub timeouts: u64,
    pub lost: u64,
    pub corrupted: u64,
    pub duplicated: u64,
    pub reordered: u64,
    /// Data the receiver threw away because it already had it.
    pub duplicates_discarded: u64,
    /// Packets (either side) thrown away as damaged: bad checksum or header.
    pub corrupt_discarded: u64,
    /// Secure mode: packets whose tag failed.
    pub tampered: u64,
    pub naks: u64,
    /// When the last message was acknowledged.
    pub completed: Option<Instant>,
    pub end: Instant,
    pub gave_up: bool,
    pub refused: bool,
    pub secure_failed: bool,
    /// The scripted rules that hit a packet, in the order they hit: a rule
    /// missing here named a packet the run never sent.
    pub rules_hit: Vec<super::fault::FaultRule>,
}

impl Stats {
    pub fn total_packets(&self) -> u64 {
        self.packets[0] + self.packets[1]
    }

    /// Delivered data bytes per second of completion time.
    pub fn goodput(&self) -> Option<f64> {
        let t = self.completed?.micros();
        (t > 0).then(|| self.delivered_bytes as f64 * 1e6 / t as f64)
    }

    pub fn count(&mut self, step: &RdtStep) {
        self.end = self.end.max(step.t);
        match &step.kind {
            RdtKind::Reply { agreed: None, .. } => self.refused = true,
            RdtKind::Secure { ok: false } => self.secure_failed = true,
            RdtKind::Submit { .. } => self.submitted += 1,
            RdtKind::Send { transmit, .. } => {
                self.packets[step.host.index()] += 1;
                if transmit.packet.kind == super::packet::Kind::Data {
                    self.data_packets += 1;
                }
                if transmit.retransmission {
                    self.retransmissions += 1;
                }
            }
            RdtKind::Fault(v) => {
                self.rules_hit.extend(v.rule());
                match v {
                    Verdict::Lost { .. } => self.lost += 1,
                    Verdict::Corrupted { .. } => self.corrupted += 1,
                    Verdict::Duplicated { .. } => self.duplicated += 1,
                    Verdict::Reordered { .. } => self.reordered += 1,
                    Verdict::Pass => {}
                }
            }
            RdtKind::Event(e) => match e {
                Event::Deliver { message, .. } => {
                    self.delivered += 1;
                    self.delivered_bytes += message.len() as u64;
                }
                Event::Timeout { .. } => self.timeouts += 1,
                Event::Nak { .. } => self.naks += 1,
                Event::Discard { reason, .. } => match reason {
                    DiscardReason::Duplicate => self.duplicates_discarded += 1,
                    DiscardReason::Corrupt { .. } | DiscardReason::Malformed => {
                        self.corrupt_discarded += 1
                    }
                    DiscardReason::Tampered => self.tampered += 1,
                    _ => {}
                },
                Event::GaveUp { .. } => self.gave_up = true,
                _ => {}
            },
            RdtKind::Done => self.completed = Some(step.t),
            _ => {}
        }
    }
}

impl Sink<RdtStep> for Stats {
    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        self.count(step);
        Ok(())
    }
}
