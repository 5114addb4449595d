//! The three protocols as sans-IO state machines. A sender or receiver never
//! reads a clock or touches a socket: it is given the messages to send, the
//! packets that arrive (or the news that one arrived damaged) and `now`, and
//! answers with [`Output`]s: packets to transmit and events to show.
//!
//! A [`Machine`] is driven in the words of the TCP endpoint (`tcp::Endpoint`),
//! so both read alike:
//!
//! 1. Tell it what happened: the user has a message ([`Machine::send`],
//!    senders only), a packet arrived intact ([`Machine::handle_packet`]) or
//!    damaged ([`Machine::handle_damaged`]), or the deadline from
//!    [`Machine::poll_timeout`] has passed ([`Machine::handle_timeout`]).
//! 2. Drain [`Machine::poll_output`] until it returns `None`: what the inputs
//!    caused, in order, then the packets the window lets go.
//! 3. Ask [`Machine::poll_timeout`] when to call `handle_timeout` next.

mod gbn;
mod saw;
mod sr;

use std::collections::VecDeque;
use std::time::Duration;

use bytes::{Bytes, BytesMut};

use super::handshake::Agreement;
use super::mode::Mode;
use super::packet::{Packet, PacketError};
use super::seq::SeqSpace;
use crate::time::Instant;

/// A message longer than this is handed to the user in pieces of this size.
pub const MAX_MESSAGE: usize = 1 << 20;

/// Consecutive timeouts of one packet before a sender gives up.
pub const DEFAULT_RETRIES: u32 = 100;

/// What a sender or receiver runs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    pub agreement: Agreement,
    /// How long a sender waits for an ACK before sending again.
    pub timeout: Duration,
    /// Consecutive timeouts of one packet before giving up.
    pub max_retries: u32,
}

impl Config {
    pub fn new(agreement: Agreement, timeout: Duration) -> Config {
        Config {
            agreement,
            timeout,
            max_retries: DEFAULT_RETRIES,
        }
    }

    fn space(&self) -> SeqSpace {
        self.agreement.space
    }

    fn window(&self) -> u16 {
        self.agreement.window
    }
}

/// A window as the views draw it: `size` numbers from `base`; for a sender,
/// `next` is the first not yet sent; `marks` has bit `i` set when `base + i`
/// is acknowledged (Selective Repeat sender) or buffered (its receiver).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowView {
    pub base: u16,
    pub next: Option<u16>,
    pub size: u16,
    pub space: SeqSpace,
    pub marks: u64,
}

impl WindowView {
    /// Packets sent and not yet acknowledged (senders).
    pub fn in_flight(&self) -> u32 {
        self.next
            .map_or(0, |next| self.space.distance(self.base, next))
    }
}

/// A packet to put on the link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transmit {
    pub packet: Packet,
    pub retransmission: bool,
    /// The sender's window once this packet is out (data packets).
    pub window: Option<WindowView>,
}

/// Why an arriving packet was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiscardReason {
    /// The checksum does not match: bits changed on the way.
    Corrupt { carried: u16, computed: u16 },
    /// The checksum matched but the header makes no sense.
    Malformed,
    /// Secure mode: the authentication tag did not verify.
    Tampered,
    /// Data already received (its ACK must have been lost).
    Duplicate,
    /// Go-Back-N: not the packet expected next; there is no buffer.
    OutOfOrder { expected: u16 },
    /// Selective Repeat: beyond the receive window.
    OutsideWindow,
    /// An ACK for nothing outstanding (a repeat, or an old one).
    DuplicateAck,
    /// A NAK for a packet not outstanding.
    StaleNak,
    /// A packet of the wrong kind for this side (data at the sender).
    Unexpected,
}

impl DiscardReason {
    /// The reason for bytes that did not parse.
    pub fn from_packet_error(e: PacketError) -> DiscardReason {
        match e {
            PacketError::Checksum { carried, computed } => {
                DiscardReason::Corrupt { carried, computed }
            }
            _ => DiscardReason::Malformed,
        }
    }

    /// Damaged on the way, rather than merely unwanted.
    pub fn is_damage(self) -> bool {
        matches!(
            self,
            DiscardReason::Corrupt { .. } | DiscardReason::Malformed | DiscardReason::Tampered
        )
    }
}

/// Something a machine did that is not a transmission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A retransmission timer starts (Go-Back-N: the one timer, for `seq`,
    /// the oldest packet not acknowledged).
    TimerStart { seq: u16, after: Duration },
    /// The timer of `seq` stops: its packet is acknowledged.
    TimerStop { seq: u16 },
    /// The timer of `seq` expired; `resend` packets go again.
    Timeout { seq: u16, attempt: u32, resend: u32 },
    /// An ACK acknowledged `seq`; `slid` when the window's base moved.
    Acked {
        seq: u16,
        window: WindowView,
        slid: bool,
    },
    /// A NAK asks for `seq` again; it is resent at once.
    Nak { seq: u16 },
    /// An arriving packet was thrown away (`seq` when it could be read).
    Discard {
        seq: Option<u16>,
        reason: DiscardReason,
    },
    /// Selective Repeat: `seq` arrived early and waits in the receive buffer.
    Buffered { seq: u16, window: WindowView },
    /// Selective Repeat: a gap was filled and buffered packets went up: the
    /// receive window slid past them.
    ReceiveWindow { window: WindowView },
    /// A whole message, in order, handed to the user (the `index`-th, from 1).
    Deliver { index: u64, message: Bytes },
    /// `seq` went unacknowledged too many times: the sender stops.
    GaveUp { seq: u16, attempts: u32 },
}

/// What a machine asks its driver to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Transmit(Transmit),
    Event(Event),
}

/// Outputs in the order they happened.
type Outputs = VecDeque<Output>;

/// A sender or a receiver: one protocol's rules, and the outputs they made
/// that the driver has not taken yet. Call order: an input (`send`,
/// `handle_packet`, `handle_damaged`, `handle_timeout`), then `poll_output`
/// until `None`, then `poll_timeout` (see the module documentation).
pub struct Machine {
    protocol: Box<dyn Protocol>,
    outputs: Outputs,
}

impl Machine {
    fn new(protocol: Box<dyn Protocol>) -> Machine {
        Machine {
            protocol,
            outputs: Outputs::new(),
        }
    }

    /// Queues a message to send (receivers ignore it).
    pub fn send(&mut self, message: Bytes) {
        self.protocol.send(message);
    }

    /// A packet arrived intact.
    pub fn handle_packet(&mut self, now: Instant, packet: &Packet) {
        self.protocol.handle_packet(now, packet, &mut self.outputs);
    }

    /// A packet arrived damaged.
    pub fn handle_damaged(&mut self, now: Instant, reason: DiscardReason) {
        self.protocol.handle_damaged(now, reason, &mut self.outputs);
    }

    /// Fires every timer whose deadline is at or before `now`.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.protocol.handle_timeout(now, &mut self.outputs);
    }

    /// The next packet to transmit or event to show. Call until it returns
    /// `None`; once what the inputs caused is out, it sends what the window
    /// allows.
    #[must_use]
    pub fn poll_output(&mut self, now: Instant) -> Option<Output> {
        if self.outputs.is_empty() {
            self.protocol.send_window(now, &mut self.outputs);
        }
        self.outputs.pop_front()
    }

    /// The earliest instant at which `handle_timeout` has work to do (never,
    /// for receivers: they keep no timer).
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.protocol.poll_timeout()
    }

    /// Everything sent is acknowledged (always true for receivers).
    pub fn is_idle(&self) -> bool {
        self.protocol.is_idle()
    }

    /// The sender stopped after too many timeouts.
    pub fn gave_up(&self) -> bool {
        self.protocol.gave_up()
    }
}

/// One protocol's rules for one side: how it answers each input of
/// [`Machine`], appending what it does to `out`.
trait Protocol: Send {
    fn send(&mut self, _message: Bytes) {}
    fn handle_packet(&mut self, now: Instant, packet: &Packet, out: &mut Outputs);
    fn handle_damaged(&mut self, now: Instant, reason: DiscardReason, out: &mut Outputs);
    /// Receivers keep no timer and send only in answer to arrivals: nothing
    /// to do here or in `send_window`.
    fn handle_timeout(&mut self, _now: Instant, _out: &mut Outputs) {}
    /// Sends what the window allows.
    fn send_window(&mut self, _now: Instant, _out: &mut Outputs) {}
    fn poll_timeout(&self) -> Option<Instant> {
        None
    }
    fn is_idle(&self) -> bool {
        true
    }
    fn gave_up(&self) -> bool {
        false
    }
}

/// The sender for the agreed mode.
pub fn sender(config: Config) -> Machine {
    Machine::new(match config.agreement.mode {
        Mode::StopAndWait => Box::new(saw::Sender::new(config)),
        Mode::GoBackN => Box::new(gbn::Sender::new(config)),
        Mode::SelectiveRepeat => Box::new(sr::Sender::new(config)),
    })
}

/// The receiver for the agreed mode.
pub fn receiver(config: Config) -> Machine {
    Machine::new(match config.agreement.mode {
        Mode::StopAndWait => Box::new(saw::Receiver::new(config)),
        Mode::GoBackN => Box::new(gbn::Receiver::new(config)),
        Mode::SelectiveRepeat => Box::new(sr::Receiver::new(config)),
    })
}

/// Messages waiting to be cut into packets of at most `max` data bytes.
#[derive(Debug)]
struct Outbox {
    queue: VecDeque<Bytes>,
    /// How much of the front message is already in packets.
    offset: usize,
    max: usize,
}

impl Outbox {
    fn new(max: usize) -> Outbox {
        Outbox {
            queue: VecDeque::new(),
            offset: 0,
            max: max.max(1),
        }
    }

    fn push(&mut self, message: Bytes) {
        self.queue.push_back(message);
    }

    fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// The next piece, and whether it ends its message (an empty message is
    /// one empty packet with END).
    fn next_piece(&mut self) -> Option<(Bytes, bool)> {
        let front = self.queue.front()?;
        let end = (self.offset + self.max).min(front.len());
        let piece = front.slice(self.offset..end);
        if end == front.len() {
            self.queue.pop_front();
            self.offset = 0;
            Some((piece, true))
        } else {
            self.offset = end;
            Some((piece, false))
        }
    }
}

/// What the stop-and-wait and Go-Back-N receivers share: both take only the
/// packet they expect next, so their whole state is that number; they differ
/// only in what they say about any other packet.
struct InOrder {
    config: Config,
    expected: u16,
    inbox: Inbox,
}

/// What [`InOrder::arrive`] made of a packet.
enum Arrival {
    /// Longer than the handshake agreed: damaged, whatever it says.
    Damaged,
    /// Not data (discarded, and said so).
    Unexpected,
    /// The expected packet, taken.
    Taken,
    /// Data, but not the number expected.
    NotExpected,
}

impl InOrder {
    fn new(config: Config) -> InOrder {
        InOrder {
            config,
            expected: 0,
            inbox: Inbox::default(),
        }
    }

    fn arrive(&mut self, packet: &Packet, out: &mut Outputs) -> Arrival {
        if packet.payload.len() > self.config.agreement.max_size {
            return Arrival::Damaged;
        }
        if packet.kind != super::packet::Kind::Data {
            discard(out, Some(packet.seq), DiscardReason::Unexpected);
            return Arrival::Unexpected;
        }
        if packet.seq != self.expected {
            return Arrival::NotExpected;
        }
        self.inbox.accept(packet, out);
        self.expected = self.config.space().next(self.expected);
        Arrival::Taken
    }
}

/// Pieces received in order, joined into messages.
#[derive(Debug, Default)]
struct Inbox {
    partial: BytesMut,
    delivered: u64,
}

impl Inbox {
    /// Takes the next in-order data packet; a message is delivered at its END.
    fn accept(&mut self, packet: &Packet, out: &mut Outputs) {
        let message = if self.partial.is_empty() && packet.end {
            packet.payload.clone()
        } else {
            self.partial.extend_from_slice(&packet.payload);
            if !packet.end && self.partial.len() < MAX_MESSAGE {
                return;
            }
            self.partial.split().freeze()
        };
        self.delivered += 1;
        out.push_back(Output::Event(Event::Deliver {
            index: self.delivered,
            message,
        }));
    }
}

fn event(out: &mut Outputs, e: Event) {
    out.push_back(Output::Event(e));
}

/// An arriving packet is thrown away, and why (`seq` when it could be read).
fn discard(out: &mut Outputs, seq: Option<u16>, reason: DiscardReason) {
    event(out, Event::Discard { seq, reason });
}

/// A retransmission timer and its count of timeouts in a row: the one timer
/// of a stop-and-wait or Go-Back-N sender, or one Selective Repeat packet's.
/// The protocol decides when to start and stop it and what to send again;
/// the timer keeps the deadline and says when to give up.
#[derive(Debug, Default)]
struct Timer {
    deadline: Option<Instant>,
    /// Timeouts in a row with no progress.
    attempts: u32,
}

/// What [`Timer::expire`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expiry {
    /// Not running, or not yet due.
    NotYet,
    /// It expired: send again (the `Timeout` event is out).
    Resend,
    /// It expired once too often: stop sending (the `GaveUp` event is out).
    GaveUp,
}

impl Timer {
    /// (Re)starts the timer for `seq`: it expires `after` from `now`.
    fn start(&mut self, now: Instant, seq: u16, after: Duration, out: &mut Outputs) {
        self.deadline = Some(now + after);
        event(out, Event::TimerStart { seq, after });
    }

    fn stop(&mut self) {
        self.deadline = None;
    }

    /// Counts one more try at `seq`; false (with the `GaveUp` event out) once
    /// past `max_retries`. A resend on a NAK counts too, so a channel that
    /// damages every packet ends the transfer instead of looping for ever.
    fn retry(&mut self, seq: u16, max_retries: u32, out: &mut Outputs) -> bool {
        self.attempts += 1;
        if self.attempts > max_retries {
            self.deadline = None;
            let attempts = self.attempts - 1;
            event(out, Event::GaveUp { seq, attempts });
            return false;
        }
        true
    }

    /// At `now`, whether the timer for `seq` expired, counting the attempt:
    /// past `max_retries` the sender gives up; otherwise `resend` packets
    /// go again.
    fn expire(
        &mut self,
        now: Instant,
        seq: u16,
        resend: u32,
        max_retries: u32,
        out: &mut Outputs,
    ) -> Expiry {
        if self.deadline.is_none_or(|d| now < d) {
            return Expiry::NotYet;
        }
        if !self.retry(seq, max_retries, out) {
            return Expiry::GaveUp;
        }
        let attempt = self.attempts;
        event(
            out,
            Event::Timeout {
                seq,
                attempt,
                resend,
            },
        );
        Expiry::Resend
    }
}

fn transmit(out: &mut Outputs, packet: Packet, retransmission: bool, window: Option<WindowView>) {
    out.push_back(Output::Transmit(Transmit {
        packet,
        retransmission,
        window,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_cut_to_the_agreed_size() {
        let mut o = Outbox::new(4);
        o.push(Bytes::from_static(b"Hello, world"));
        o.push(Bytes::new());
        let pieces: Vec<(Bytes, bool)> = std::iter::from_fn(|| o.next_piece()).collect();
        assert_eq!(
            pieces,
            [
                (Bytes::from_static(b"Hell"), false),
                (Bytes::from_static(b"o, w"), false),
                (Bytes::from_static(b"orld"), true),
                (Bytes::new(), true),
            ]
        );
    }

    #[test]
    fn pieces_are_joined_into_messages() {
        let mut inbox = Inbox::default();
        let mut out = Outputs::new();
        inbox.accept(
            &Packet::data(0, Bytes::from_static(b"Hel"), false),
            &mut out,
        );
        assert!(out.is_empty());
        inbox.accept(&Packet::data(1, Bytes::from_static(b"lo"), true), &mut out);
        assert_eq!(
            out,
            [Output::Event(Event::Deliver {
                index: 1,
                message: Bytes::from_static(b"Hello")
            })]
        );
    }
}
