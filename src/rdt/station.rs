//! One side of a session, as the simulator and real sockets both drive it: its
//! protocol machine, its secure channel if any, and the steps it reports.
//! What it sends goes to a [`Link`], which decides its fate (the fault layer)
//! and carries it; the station reports the send, then that fate.

use std::io;

use bytes::Bytes;

use super::fault::{PacketId, Verdict};
use super::packet::Packet;
use super::proto::{DiscardReason, Machine, Output};
use super::secure::Channel;
use super::trace::{Host, RdtKind, RdtStep, Sink};
use crate::time::Instant;

/// Where a station's packets go.
pub trait Link {
    /// Carries `wire` (the packet `id`, which faults may name), sent by
    /// `from` at `now`; says what the channel did to it.
    fn carry(&mut self, now: Instant, from: Host, id: PacketId, wire: Bytes)
    -> io::Result<Verdict>;
}

/// The driver of one [`Machine`], in the machine's own words: the inputs
/// (`send`, `handle_packet`, `handle_timeout`) each report their step, hand
/// the machine what happened, fire the timers due by then, and drain
/// `poll_output` into the sink and the link; `poll_timeout` says when to call
/// `handle_timeout` next.
pub struct Station {
    host: Host,
    machine: Machine,
    channel: Option<Channel>,
    sent: u64,
}

impl Station {
    pub fn new(host: Host, machine: Machine, channel: Option<Channel>) -> Station {
        Station {
            host,
            machine,
            channel,
            sent: 0,
        }
    }

    pub fn host(&self) -> Host {
        self.host
    }

    /// The user hands over a message; it goes out as the window allows.
    pub fn send(
        &mut self,
        now: Instant,
        message: Bytes,
        sink: &mut dyn Sink<RdtStep>,
        link: &mut dyn Link,
    ) -> io::Result<()> {
        self.sent += 1;
        self.report(
            now,
            sink,
            RdtKind::Submit {
                index: self.sent,
                message: message.clone(),
            },
        )?;
        self.machine.send(message);
        self.handle_timeout(now, sink, link)
    }

    /// Bytes arrived from the peer: opened (secure mode), checked, handled.
    pub fn handle_packet(
        &mut self,
        now: Instant,
        wire: Bytes,
        sink: &mut dyn Sink<RdtStep>,
        link: &mut dyn Link,
    ) -> io::Result<()> {
        self.report(now, sink, RdtKind::Arrive { wire: wire.clone() })?;
        let plain = match &self.channel {
            Some(channel) => match channel.open(&wire) {
                Ok(plain) => Ok(Bytes::from(plain)),
                Err(_) => Err(DiscardReason::Tampered),
            },
            None => Ok(wire),
        };
        match plain.and_then(|p| Packet::parse(&p).map_err(DiscardReason::from_packet_error)) {
            Ok(packet) => self.machine.handle_packet(now, &packet),
            Err(reason) => self.machine.handle_damaged(now, reason),
        }
        self.handle_timeout(now, sink, link)
    }

    /// Fires due timers and sends what the window allows.
    pub fn handle_timeout(
        &mut self,
        now: Instant,
        sink: &mut dyn Sink<RdtStep>,
        link: &mut dyn Link,
    ) -> io::Result<()> {
        self.machine.handle_timeout(now);
        self.drain(now, sink, link)
    }

    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.machine.poll_timeout()
    }

    /// Everything sent is acknowledged (or the sender gave up).
    pub fn is_idle(&self) -> bool {
        self.machine.is_idle()
    }

    pub fn gave_up(&self) -> bool {
        self.machine.gave_up()
    }

    fn report(&self, t: Instant, sink: &mut dyn Sink<RdtStep>, kind: RdtKind) -> io::Result<()> {
        sink.step(&RdtStep {
            t,
            host: self.host,
            kind,
        })
    }

    /// Reports every output of the machine; packets go to the link, which
    /// says what the channel did to them.
    fn drain(
        &mut self,
        now: Instant,
        sink: &mut dyn Sink<RdtStep>,
        link: &mut dyn Link,
    ) -> io::Result<()> {
        while let Some(output) = self.machine.poll_output(now) {
            match output {
                Output::Transmit(transmit) => {
                    let plain = transmit.packet.to_bytes();
                    let id = PacketId {
                        kind: transmit.packet.kind,
                        seq: transmit.packet.seq,
                    };
                    let wire = match &mut self.channel {
                        Some(channel) => Bytes::from(channel.seal(&plain)),
                        None => plain,
                    };
                    self.report(
                        now,
                        sink,
                        RdtKind::Send {
                            transmit,
                            wire: wire.clone(),
                        },
                    )?;
                    let verdict = link.carry(now, self.host, id, wire)?;
                    if verdict != Verdict::Pass {
                        self.report(now, sink, RdtKind::Fault(verdict))?;
                    }
                }
                Output::Event(event) => self.report(now, sink, RdtKind::Event(event))?,
            }
        }
        Ok(())
    }
}
