//! One side of a session, as the simulator and real sockets both drive it: its
//! protocol machine, its secure channel if any, and the steps it reports.
//! What it sends goes to a [`Link`], which decides its fate (the fault layer)
//! and carries it; the station reports the send, then that fate.

use std::io;

use bytes::Bytes;

use super::fault::Verdict;
use super::packet::Packet;
use super::proto::{DiscardReason, Machine, Output};
use super::secure::Channel;
use super::trace::{Host, RdtKind, RdtStep, Sink};
use crate::time::Instant;

/// Where a station's packets go.
pub trait Link {
    /// Carries `wire`, sent by `from` at `now`; says what the channel did to it.
    fn carry(&mut self, now: Instant, from: Host, wire: Bytes) -> io::Result<Verdict>;
}

pub struct Station {
    host: Host,
    machine: Box<dyn Machine>,
    channel: Option<Channel>,
    outputs: Vec<Output>,
    submitted: u64,
}

impl Station {
    pub fn new(host: Host, machine: Box<dyn Machine>, channel: Option<Channel>) -> Station {
        Station {
            host,
            machine,
            channel,
            outputs: Vec::new(),
            submitted: 0,
        }
    }

    pub fn host(&self) -> Host {
        self.host
    }

    /// The user hands over a message; it goes out as the window allows.
    pub fn submit(
        &mut self,
        now: Instant,
        message: Bytes,
        sink: &mut dyn Sink<RdtStep>,
        link: &mut dyn Link,
    ) -> io::Result<()> {
        self.submitted += 1;
        self.report(
            now,
            sink,
            RdtKind::Submit {
                index: self.submitted,
                message: message.clone(),
            },
        )?;
        self.machine.submit(message);
        self.poll(now, sink, link)
    }

    /// Bytes arrived from the peer: opened (secure mode), checked, handled.
    pub fn arrive(
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
        let mut outputs = std::mem::take(&mut self.outputs);
        match plain.and_then(|p| Packet::parse(&p).map_err(DiscardReason::from_packet_error)) {
            Ok(packet) => self.machine.on_packet(now, &packet, &mut outputs),
            Err(reason) => self.machine.on_damaged(now, reason, &mut outputs),
        }
        self.outputs = outputs;
        self.flush(now, sink, link)?;
        self.poll(now, sink, link)
    }

    /// Fires due timers and sends what the window allows.
    pub fn poll(
        &mut self,
        now: Instant,
        sink: &mut dyn Sink<RdtStep>,
        link: &mut dyn Link,
    ) -> io::Result<()> {
        let mut outputs = std::mem::take(&mut self.outputs);
        self.machine.poll(now, &mut outputs);
        self.outputs = outputs;
        self.flush(now, sink, link)
    }

    pub fn next_timeout(&self) -> Option<Instant> {
        self.machine.next_timeout()
    }

    /// Everything submitted is acknowledged (or the sender gave up).
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

    fn flush(
        &mut self,
        now: Instant,
        sink: &mut dyn Sink<RdtStep>,
        link: &mut dyn Link,
    ) -> io::Result<()> {
        let outputs = std::mem::take(&mut self.outputs);
        for output in &outputs {
            match output {
                Output::Transmit(transmit) => {
                    let plain = transmit.packet.to_bytes();
                    let wire = match &mut self.channel {
                        Some(channel) => Bytes::from(channel.seal(&plain)),
                        None => plain,
                    };
                    self.report(
                        now,
                        sink,
                        RdtKind::Send {
                            transmit: transmit.clone(),
                            wire: wire.clone(),
                        },
                    )?;
                    let verdict = link.carry(now, self.host, wire)?;
                    if verdict != Verdict::Pass {
                        self.report(now, sink, RdtKind::Fault(verdict))?;
                    }
                }
                Output::Event(event) => self.report(now, sink, RdtKind::Event(event.clone()))?,
            }
        }
        self.outputs = outputs;
        self.outputs.clear();
        Ok(())
    }
}
