//! Go-Back-N: up to a window of packets in flight, cumulative ACKs (ACK n says
//! every packet up to n arrived in order) and one timer, for the oldest packet
//! not acknowledged. When it expires, the whole window goes again. The
//! receiver keeps no buffer: anything but the packet it expects is dropped,
//! and it repeats the ACK of the last packet it took in order.

use std::collections::VecDeque;

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
    /// Oldest packet not acknowledged.
    base: u16,
    /// Next packet to number.
    next: u16,
    /// The packets from `base` to `next`, kept to send again.
    unacked: VecDeque<Packet>,
    /// One timer, for the oldest packet not acknowledged.
    timer: Timer,
    gave_up: bool,
}

impl Sender {
    pub fn new(config: Config) -> Sender {
        Sender {
            outbox: Outbox::new(config.agreement.max_size),
            config,
            base: 0,
            next: 0,
            unacked: VecDeque::new(),
            timer: Timer::default(),
            gave_up: false,
        }
    }

    fn space(&self) -> SeqSpace {
        self.config.space()
    }

    fn view(&self) -> WindowView {
        WindowView {
            base: self.base,
            next: Some(self.next),
            size: self.config.window(),
            space: self.space(),
            marks: 0,
        }
    }

    fn start_timer(&mut self, now: Instant, out: &mut Outputs) {
        self.timer.start(now, self.base, self.config.timeout, out);
    }
}

impl Protocol for Sender {
    fn send(&mut self, message: Bytes) {
        self.outbox.push(message);
    }

    fn handle_packet(&mut self, now: Instant, packet: &Packet, out: &mut Outputs) {
        let in_flight = self.unacked.len() as u32;
        match packet.kind {
            // A cumulative ACK of something in flight: everything up to it is
            // confirmed and the window slides past it.
            Kind::Ack if !self.gave_up && self.space().within(self.base, in_flight, packet.seq) => {
                let confirmed = self.space().distance(self.base, packet.seq) + 1;
                for _ in 0..confirmed {
                    self.unacked.pop_front();
                }
                self.base = self.space().next(packet.seq);
                self.timer.attempts = 0;
                event(
                    out,
                    Event::Acked {
                        seq: packet.seq,
                        window: self.view(),
                        slid: true,
                    },
                );
                if self.unacked.is_empty() {
                    self.timer.stop();
                    event(out, Event::TimerStop { seq: packet.seq });
                } else {
                    self.start_timer(now, out);
                }
            }
            // A repeated ACK (the receiver saw a gap or a duplicate) or an old one.
            Kind::Ack => discard(out, Some(packet.seq), DiscardReason::DuplicateAck),
            Kind::Nak => discard(out, Some(packet.seq), DiscardReason::StaleNak),
            Kind::Data => discard(out, Some(packet.seq), DiscardReason::Unexpected),
        }
    }

    fn handle_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Outputs) {
        discard(out, None, reason);
    }

    fn handle_timeout(&mut self, now: Instant, out: &mut Outputs) {
        if self.gave_up {
            return;
        }
        let resend = self.unacked.len() as u32;
        match self
            .timer
            .expire(now, self.base, resend, self.config.max_retries, out)
        {
            Expiry::GaveUp => self.gave_up = true,
            // Go back N: every packet not acknowledged goes again, in order.
            Expiry::Resend => {
                let view = self.view();
                for p in self.unacked.clone() {
                    transmit(out, p, true, Some(view));
                }
                self.start_timer(now, out);
            }
            Expiry::NotYet => {}
        }
    }

    fn send_window(&mut self, now: Instant, out: &mut Outputs) {
        if self.gave_up {
            return;
        }
        while self.unacked.len() < usize::from(self.config.window()) {
            let Some((payload, end)) = self.outbox.next_piece() else {
                break;
            };
            let packet = Packet::data(self.next, payload, end);
            self.unacked.push_back(packet.clone());
            self.next = self.space().next(self.next);
            transmit(out, packet, false, Some(self.view()));
            if self.unacked.len() == 1 {
                self.start_timer(now, out);
            }
        }
    }

    fn poll_timeout(&self) -> Option<Instant> {
        self.timer.deadline
    }

    fn is_idle(&self) -> bool {
        self.gave_up || (self.unacked.is_empty() && self.outbox.is_empty())
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

    fn last_in_order(&self) -> u16 {
        self.0.config.space().prev(self.0.expected)
    }
}

impl Protocol for Receiver {
    fn handle_packet(&mut self, now: Instant, packet: &Packet, out: &mut Outputs) {
        match self.0.arrive(packet, out) {
            Arrival::Damaged => return self.handle_damaged(now, DiscardReason::Malformed, out),
            Arrival::Unexpected => return,
            Arrival::Taken => {}
            Arrival::NotExpected => {
                // Ahead of the expected packet (one before it was lost) or behind
                // it (a resend of what arrived). When the space is under twice
                // the window both can hold a number: a gap is the likelier story.
                let (config, expected) = (&self.0.config, self.0.expected);
                let window = u32::from(config.window());
                let space = config.space();
                let ahead =
                    space.within(space.next(expected), window.saturating_sub(1), packet.seq);
                let reason = if ahead {
                    DiscardReason::OutOfOrder { expected }
                } else {
                    DiscardReason::Duplicate
                };
                discard(out, Some(packet.seq), reason);
            }
        }
        transmit(out, Packet::ack(self.last_in_order()), false, None);
    }

    fn handle_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Outputs) {
        discard(out, None, reason);
        transmit(out, Packet::ack(self.last_in_order()), false, None);
    }
}
