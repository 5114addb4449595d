//! Selective Repeat: up to a window of packets in flight, each acknowledged on
//! its own and each with its own timer, so a loss costs one retransmission,
//! not a window. The receiver buffers packets that arrive early and delivers
//! them once the gap before them is filled.

use std::collections::VecDeque;

use bytes::Bytes;

use super::{
    Config, DiscardReason, Event, Expiry, Inbox, Outbox, Outputs, Protocol, Timer, WindowView,
    discard, event, transmit,
};
use crate::rdt::packet::{Kind, Packet};
use crate::rdt::seq::SeqSpace;
use crate::time::Instant;

struct Slot {
    packet: Packet,
    acked: bool,
    /// This packet's own timer (stopped once it is acknowledged).
    timer: Timer,
}

pub struct Sender {
    config: Config,
    outbox: Outbox,
    base: u16,
    /// One slot per packet from `base`, in order.
    slots: VecDeque<Slot>,
    gave_up: bool,
}

impl Sender {
    pub fn new(config: Config) -> Sender {
        Sender {
            outbox: Outbox::new(config.agreement.max_size),
            config,
            base: 0,
            slots: VecDeque::new(),
            gave_up: false,
        }
    }

    fn space(&self) -> SeqSpace {
        self.config.space()
    }

    fn view(&self) -> WindowView {
        let marks = self
            .slots
            .iter()
            .enumerate()
            .filter(|(i, s)| s.acked && *i < 64)
            .fold(0u64, |m, (i, _)| m | 1 << i);
        WindowView {
            base: self.base,
            next: Some(self.space().add(self.base, self.slots.len() as u32)),
            size: self.config.window(),
            space: self.space(),
            marks,
        }
    }
}

impl Protocol for Sender {
    fn send(&mut self, message: Bytes) {
        self.outbox.push(message);
    }

    fn handle_packet(&mut self, _now: Instant, packet: &Packet, out: &mut Outputs) {
        let discard_this = |out: &mut Outputs, reason| discard(out, Some(packet.seq), reason);
        match packet.kind {
            Kind::Ack if !self.gave_up => {
                let in_flight = self.slots.len() as u32;
                if !self.space().within(self.base, in_flight, packet.seq) {
                    return discard_this(out, DiscardReason::DuplicateAck);
                }
                let i = self.space().distance(self.base, packet.seq) as usize;
                if self.slots[i].acked {
                    return discard_this(out, DiscardReason::DuplicateAck);
                }
                // This packet only: its timer stops; the window slides if it was the oldest.
                self.slots[i].acked = true;
                self.slots[i].timer.stop();
                event(out, Event::TimerStop { seq: packet.seq });
                let mut slid = false;
                while self.slots.front().is_some_and(|s| s.acked) {
                    self.slots.pop_front();
                    self.base = self.space().next(self.base);
                    slid = true;
                }
                event(
                    out,
                    Event::Acked {
                        seq: packet.seq,
                        window: self.view(),
                        slid,
                    },
                );
            }
            Kind::Ack => discard_this(out, DiscardReason::DuplicateAck),
            Kind::Nak => discard_this(out, DiscardReason::StaleNak),
            Kind::Data => discard_this(out, DiscardReason::Unexpected),
        }
    }

    fn handle_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Outputs) {
        discard(out, None, reason);
    }

    fn handle_timeout(&mut self, now: Instant, out: &mut Outputs) {
        if self.gave_up {
            return;
        }
        let (timeout, max_retries) = (self.config.timeout, self.config.max_retries);
        for i in 0..self.slots.len() {
            let seq = self.slots[i].packet.seq;
            match self.slots[i].timer.expire(now, seq, 1, max_retries, out) {
                Expiry::GaveUp => {
                    self.gave_up = true;
                    return;
                }
                // Only this packet goes again, under a fresh timer of its own.
                Expiry::Resend => {
                    let packet = self.slots[i].packet.clone();
                    transmit(out, packet, true, Some(self.view()));
                    self.slots[i].timer.start(now, seq, timeout, out);
                }
                Expiry::NotYet => {}
            }
        }
    }

    fn send_window(&mut self, now: Instant, out: &mut Outputs) {
        if self.gave_up {
            return;
        }
        while self.slots.len() < usize::from(self.config.window()) {
            let Some((payload, end)) = self.outbox.next_piece() else {
                break;
            };
            let seq = self.space().add(self.base, self.slots.len() as u32);
            let packet = Packet::data(seq, payload, end);
            self.slots.push_back(Slot {
                packet: packet.clone(),
                acked: false,
                timer: Timer::default(),
            });
            transmit(out, packet, false, Some(self.view()));
            if let Some(slot) = self.slots.back_mut() {
                slot.timer.start(now, seq, self.config.timeout, out);
            }
        }
    }

    fn poll_timeout(&self) -> Option<Instant> {
        if self.gave_up {
            return None;
        }
        self.slots.iter().filter_map(|s| s.timer.deadline).min()
    }

    fn is_idle(&self) -> bool {
        self.gave_up || (self.slots.is_empty() && self.outbox.is_empty())
    }

    fn gave_up(&self) -> bool {
        self.gave_up
    }
}

pub struct Receiver {
    config: Config,
    base: u16,
    /// Slot `i` holds packet `base + i` if it arrived early.
    buffer: VecDeque<Option<Packet>>,
    inbox: Inbox,
}

impl Receiver {
    pub fn new(config: Config) -> Receiver {
        Receiver {
            base: 0,
            buffer: (0..config.window()).map(|_| None).collect(),
            config,
            inbox: Inbox::default(),
        }
    }

    fn view(&self) -> WindowView {
        let marks = self
            .buffer
            .iter()
            .enumerate()
            .filter(|(i, p)| p.is_some() && *i < 64)
            .fold(0u64, |m, (i, _)| m | 1 << i);
        WindowView {
            base: self.base,
            next: None,
            size: self.config.window(),
            space: self.config.space(),
            marks,
        }
    }
}

impl Protocol for Receiver {
    fn handle_packet(&mut self, now: Instant, packet: &Packet, out: &mut Outputs) {
        if packet.payload.len() > self.config.agreement.max_size {
            // Longer than the handshake agreed: damaged, whatever it says.
            return self.handle_damaged(now, DiscardReason::Malformed, out);
        }
        let discard_this = |out: &mut Outputs, reason| discard(out, Some(packet.seq), reason);
        if packet.kind != Kind::Data {
            return discard_this(out, DiscardReason::Unexpected);
        }
        let space = self.config.space();
        let window = u32::from(self.config.window());
        if space.within(self.base, window, packet.seq) {
            let i = space.distance(self.base, packet.seq) as usize;
            if self.buffer[i].is_some() {
                discard_this(out, DiscardReason::Duplicate);
            } else {
                self.buffer[i] = Some(packet.clone());
                if i > 0 {
                    event(
                        out,
                        Event::Buffered {
                            seq: packet.seq,
                            window: self.view(),
                        },
                    );
                }
            }
            let mut released = 0;
            while let Some(Some(p)) = self.buffer.front() {
                let p = p.clone();
                self.buffer.pop_front();
                self.buffer.push_back(None);
                self.inbox.accept(&p, out);
                self.base = space.next(self.base);
                released += 1;
            }
            // Worth a word only when buffered packets went up with it.
            if released > 1 {
                event(
                    out,
                    Event::ReceiveWindow {
                        window: self.view(),
                    },
                );
            }
            transmit(out, Packet::ack(packet.seq), false, None);
        } else if space.within(
            space.add(self.base, space.size() - window),
            window,
            packet.seq,
        ) {
            // Already delivered; the sender did not hear our ACK: say it again.
            discard_this(out, DiscardReason::Duplicate);
            transmit(out, Packet::ack(packet.seq), false, None);
        } else {
            discard_this(out, DiscardReason::OutsideWindow);
        }
    }

    fn handle_damaged(&mut self, _now: Instant, reason: DiscardReason, out: &mut Outputs) {
        // No NAK: the sender's timer for that packet will send it again.
        discard(out, None, reason);
    }
}
