//! Stop-and-wait (the textbook's rdt 3.0, with a NAK): one packet at a time,
//! numbered modulo 2^bits (one bit, 0 and 1, by default); the sender waits for
//! its ACK, and sends it again on a NAK or when its timer expires.

use bytes::Bytes;

use super::{
    Arrival, Config, DiscardReason, Event, Expiry, InOrder, Outbox, Outputs, Protocol, Timer,
    WindowView, discard, event, transmit,
};
use crate::rdt::packet::{Kind, Packet};
use crate::rdt::seq::SeqSpace;
use crate::time::Instant;

pub struct Sender {
    config: Config,
    outbox: Outbox,
    /// The number of the packet outstanding, or of the next one.
    seq: u16,
    outstanding: Option<Packet>,
    timer: Timer,
    gave_up: bool,
}

impl Sender {
    pub fn new(config: Config) -> Sender {
        Sender {
            outbox: Outbox::new(config.agreement.max_size),
            config,
            seq: 0,
            outstanding: None,
            timer: Timer::default(),
            gave_up: false,
        }
    }

    fn space(&self) -> SeqSpace {
        self.config.space()
    }

    fn view(&self) -> WindowView {
        let next = if self.outstanding.is_some() {
            self.space().next(self.seq)
        } else {
            self.seq
        };
        WindowView {
            base: self.seq,
            next: Some(next),
            size: 1,
            space: self.space(),
            marks: 0,
        }
    }

    fn resend(&mut self, now: Instant, out: &mut Outputs) {
        if let Some(p) = self.outstanding.clone() {
            transmit(out, p, true, Some(self.view()));
            self.timer.start(now, self.seq, self.config.timeout, out);
        }
    }
}

impl Protocol for Sender {
    fn send(&mut self, message: Bytes) {
        self.outbox.push(message);
    }

    fn handle_packet(&mut self, now: Instant, packet: &Packet, out: &mut Outputs) {
        let waiting = self.outstanding.is_some() && !self.gave_up;
        match packet.kind {
            // The ACK of the packet outstanding: the next one may go.
            Kind::Ack if waiting && packet.seq == self.seq => {
                event(out, Event::TimerStop { seq: self.seq });
                self.outstanding = None;
                self.timer = Timer::default();
                self.seq = self.space().next(self.seq);
                event(
                    out,
                    Event::Acked {
                        seq: packet.seq,
                        window: self.view(),
                        slid: true,
                    },
                );
            }
            // An ACK of the previous packet, repeated: nothing new.
            Kind::Ack => discard(out, Some(packet.seq), DiscardReason::DuplicateAck),
            // The receiver got our packet damaged: send it again now.
            Kind::Nak if waiting && packet.seq == self.seq => {
                event(out, Event::Nak { seq: packet.seq });
                if self.timer.retry(self.seq, self.config.max_retries, out) {
                    self.resend(now, out);
                } else {
                    self.gave_up = true;
                }
            }
            Kind::Nak => discard(out, Some(packet.seq), DiscardReason::StaleNak),
            Kind::Data => discard(out, Some(packet.seq), DiscardReason::Unexpected),
        }
    }

    fn handle_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Outputs) {
        // A damaged ACK or NAK says nothing reliable: the timer will decide.
        discard(out, None, reason);
    }

    fn handle_timeout(&mut self, now: Instant, out: &mut Outputs) {
        if self.gave_up {
            return;
        }
        // The timer expired: the packet goes again, until too many tries.
        match self
            .timer
            .expire(now, self.seq, 1, self.config.max_retries, out)
        {
            Expiry::GaveUp => self.gave_up = true,
            Expiry::Resend => self.resend(now, out),
            Expiry::NotYet => {}
        }
    }

    fn send_window(&mut self, now: Instant, out: &mut Outputs) {
        if !self.gave_up
            && self.outstanding.is_none()
            && let Some((payload, end)) = self.outbox.next_piece()
        {
            let packet = Packet::data(self.seq, payload, end);
            self.outstanding = Some(packet.clone());
            transmit(out, packet, false, Some(self.view()));
            self.timer.start(now, self.seq, self.config.timeout, out);
        }
    }

    fn poll_timeout(&self) -> Option<Instant> {
        self.timer.deadline
    }

    fn is_idle(&self) -> bool {
        self.gave_up || (self.outstanding.is_none() && self.outbox.is_empty())
    }

    fn gave_up(&self) -> bool {
        self.gave_up
    }
}

pub struct Receiver(InOrder);

impl Receiver {
    pub fn new(config: Config) -> Receiver {
        Receiver(InOrder::new(config))
    }
}

impl Protocol for Receiver {
    fn handle_packet(&mut self, now: Instant, packet: &Packet, out: &mut Outputs) {
        match self.0.arrive(packet, out) {
            Arrival::Damaged => return self.handle_damaged(now, DiscardReason::Malformed, out),
            Arrival::Unexpected => return,
            Arrival::Taken => {}
            // Our ACK was lost and the sender repeated itself: ACK it again.
            Arrival::NotExpected => discard(out, Some(packet.seq), DiscardReason::Duplicate),
        }
        transmit(out, Packet::ack(packet.seq), false, None);
    }

    fn handle_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Outputs) {
        discard(out, None, reason);
        transmit(out, Packet::nak(self.0.expected), false, None);
    }
}
