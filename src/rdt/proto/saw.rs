//! Stop-and-wait (the textbook's rdt 3.0, with a NAK): one packet at a time,
//! numbered modulo 2^bits (one bit, 0 and 1, by default); the sender waits for
//! its ACK, and sends it again on a NAK or when its timer expires.

use bytes::Bytes;

use super::{
    Config, DiscardReason, Event, Inbox, Machine, Outbox, Output, WindowView, event, transmit,
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
    deadline: Option<Instant>,
    attempts: u32,
    gave_up: bool,
}

impl Sender {
    pub fn new(config: Config) -> Sender {
        Sender {
            outbox: Outbox::new(config.agreement.max_size),
            config,
            seq: 0,
            outstanding: None,
            deadline: None,
            attempts: 0,
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

    fn resend(&mut self, now: Instant, out: &mut Vec<Output>) {
        if let Some(p) = self.outstanding.clone() {
            transmit(out, p, true, Some(self.view()));
            self.start_timer(now, out);
        }
    }

    fn start_timer(&mut self, now: Instant, out: &mut Vec<Output>) {
        self.deadline = Some(now + self.config.timeout);
        event(
            out,
            Event::TimerStart {
                seq: self.seq,
                after: self.config.timeout,
            },
        );
    }
}

impl Machine for Sender {
    fn submit(&mut self, message: Bytes) {
        self.outbox.push(message);
    }

    fn on_packet(&mut self, now: Instant, packet: &Packet, out: &mut Vec<Output>) {
        let waiting = self.outstanding.is_some() && !self.gave_up;
        match packet.kind {
            // The ACK of the packet outstanding: the next one may go.
            Kind::Ack if waiting && packet.seq == self.seq => {
                event(out, Event::TimerStop { seq: self.seq });
                self.outstanding = None;
                self.deadline = None;
                self.attempts = 0;
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
            Kind::Ack => event(
                out,
                Event::Discard {
                    seq: Some(packet.seq),
                    reason: DiscardReason::DuplicateAck,
                },
            ),
            // The receiver got our packet damaged: send it again now.
            Kind::Nak if waiting && packet.seq == self.seq => {
                event(out, Event::Nak { seq: packet.seq });
                self.resend(now, out);
            }
            Kind::Nak => event(
                out,
                Event::Discard {
                    seq: Some(packet.seq),
                    reason: DiscardReason::StaleNak,
                },
            ),
            Kind::Data => event(
                out,
                Event::Discard {
                    seq: Some(packet.seq),
                    reason: DiscardReason::Unexpected,
                },
            ),
        }
    }

    fn on_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Vec<Output>) {
        // A damaged ACK or NAK says nothing reliable: the timer will decide.
        event(out, Event::Discard { seq: None, reason });
    }

    fn poll(&mut self, now: Instant, out: &mut Vec<Output>) {
        if self.gave_up {
            return;
        }
        if self.deadline.is_some_and(|d| now >= d) {
            self.attempts += 1;
            if self.attempts > self.config.max_retries {
                self.gave_up = true;
                self.deadline = None;
                event(
                    out,
                    Event::GaveUp {
                        seq: self.seq,
                        attempts: self.attempts - 1,
                    },
                );
                return;
            }
            event(
                out,
                Event::Timeout {
                    seq: self.seq,
                    attempt: self.attempts,
                    resend: 1,
                },
            );
            self.resend(now, out);
        }
        if self.outstanding.is_none()
            && let Some((payload, end)) = self.outbox.next_piece()
        {
            let packet = Packet::data(self.seq, payload, end);
            self.outstanding = Some(packet.clone());
            transmit(out, packet, false, Some(self.view()));
            self.start_timer(now, out);
        }
    }

    fn next_timeout(&self) -> Option<Instant> {
        self.deadline
    }

    fn is_idle(&self) -> bool {
        self.gave_up || (self.outstanding.is_none() && self.outbox.is_empty())
    }

    fn gave_up(&self) -> bool {
        self.gave_up
    }
}

pub struct Receiver {
    config: Config,
    expected: u16,
    inbox: Inbox,
}

impl Receiver {
    pub fn new(config: Config) -> Receiver {
        Receiver {
            config,
            expected: 0,
            inbox: Inbox::default(),
        }
    }
}

impl Machine for Receiver {
    fn on_packet(&mut self, _now: Instant, packet: &Packet, out: &mut Vec<Output>) {
        if packet.kind != Kind::Data {
            event(
                out,
                Event::Discard {
                    seq: Some(packet.seq),
                    reason: DiscardReason::Unexpected,
                },
            );
            return;
        }
        if packet.seq == self.expected {
            self.inbox.accept(packet, out);
            self.expected = self.config.space().next(self.expected);
        } else {
            // Our ACK was lost and the sender repeated itself: ACK it again.
            event(
                out,
                Event::Discard {
                    seq: Some(packet.seq),
                    reason: DiscardReason::Duplicate,
                },
            );
        }
        transmit(out, Packet::ack(packet.seq), false, None);
    }

    fn on_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Vec<Output>) {
        event(out, Event::Discard { seq: None, reason });
        transmit(out, Packet::nak(self.expected), false, None);
    }

    fn poll(&mut self, _now: Instant, _out: &mut Vec<Output>) {}

    fn next_timeout(&self) -> Option<Instant> {
        None
    }
}
