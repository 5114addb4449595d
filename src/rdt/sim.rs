//! Both sides of a reliable-transfer session on a virtual clock: the text
//! handshake, the secure handshake if asked, then the client's messages sent
//! with the agreed protocol over a link with a fixed delay and a seeded fault
//! layer. Deterministic and instant; every step streams to the sink.

use std::io;
use std::time::Duration;

use bytes::Bytes;

use super::fault::{FaultConfig, FaultLayer, PacketId, Verdict};
use super::handshake::{Proposal, REFUSED};
use super::proto::{self, Config};
use super::secure::{self, Psk};
use super::station::{Link, Station};
use super::trace::{Host, RdtKind, RdtMeta, RdtStep, Sink, Stats, Tee};
use crate::flow::Calendar;
use crate::narrate::{Lang, Localize};
use crate::time::{self, Instant};

/// Everything a simulated session needs.
#[derive(Clone, Debug)]
pub struct SimSetup {
    pub meta: RdtMeta,
    /// What the client asks for in the handshake.
    pub proposal: Proposal,
    pub latency: Duration,
    pub faults: FaultConfig,
    /// The client's messages, each with its delay after the data phase starts.
    pub messages: Vec<(Duration, Bytes)>,
    /// Secure mode: the client's and the server's keys (the same, unless the
    /// lesson shows a wrong one). Ignored unless the proposal asks for it.
    pub keys: Option<(Psk, Psk)>,
    pub max_retries: u32,
    /// Stop at this virtual time.
    pub end: Option<Instant>,
    /// The language of the server's refusal line.
    pub lang: Lang,
}

/// An arrival or a message submission on the calendar.
enum What {
    Arrive { to: Host, wire: Bytes },
    Submit { message: Bytes },
}

/// The link: the fault layer, then the delay.
struct SimLink<'a> {
    faults: &'a mut FaultLayer,
    calendar: &'a mut Calendar<What>,
    latency: Duration,
    buf: Vec<Bytes>,
}

impl Link for SimLink<'_> {
    fn carry(
        &mut self,
        now: Instant,
        from: Host,
        id: PacketId,
        wire: Bytes,
    ) -> io::Result<Verdict> {
        self.buf.clear();
        let verdict = self.faults.send(now, from, id, wire, &mut self.buf);
        for wire in self.buf.drain(..) {
            self.calendar.push(
                now + self.latency,
                What::Arrive {
                    to: from.peer(),
                    wire,
                },
            );
        }
        Ok(verdict)
    }
}

/// Runs the session to its end, streaming every step into `sink`.
pub fn run(setup: SimSetup, sink: &mut dyn Sink<RdtStep>) -> io::Result<Stats> {
    let mut stats = Stats::default();
    {
        let mut fanout = Tee::of(vec![&mut stats, sink]);
        fanout.begin(&setup.meta)?;
        run_steps(setup, &mut fanout)?;
        fanout.end()?;
    }
    Ok(stats)
}

fn step(sink: &mut dyn Sink<RdtStep>, t: Instant, host: Host, kind: RdtKind) -> io::Result<()> {
    sink.step(&RdtStep { t, host, kind })
}

fn run_steps(setup: SimSetup, sink: &mut dyn Sink<RdtStep>) -> io::Result<()> {
    let lat = setup.latency;
    let mut now = Instant::ZERO;
    // The text handshake.
    step(
        sink,
        now,
        Host::Client,
        RdtKind::Request {
            line: setup.proposal.to_line(),
        },
    )?;
    now = now + lat;
    let reordering = setup.faults.reorders();
    let agreement = match setup.proposal.agree(setup.proposal.secure, reordering) {
        Ok(a) => {
            step(
                sink,
                now,
                Host::Server,
                RdtKind::Reply {
                    line: a.reply_line(),
                    agreed: Some(a),
                },
            )?;
            a
        }
        Err(e) => {
            let line = format!("{REFUSED} {}", e.localize(setup.lang));
            return step(
                sink,
                now,
                Host::Server,
                RdtKind::Reply { line, agreed: None },
            );
        }
    };
    now = now + lat;
    // The Noise handshake, when secure.
    let mut channels = (None, None);
    if agreement.secure {
        let (client_psk, server_psk) = setup
            .keys
            .clone()
            .unwrap_or_else(|| (Psk::from_seed(1), Psk::from_seed(1)));
        let paired = secure::pair(&client_psk, &server_psk, setup.faults.seed);
        // The client's first message goes out whether or not the keys match.
        let first = match &paired {
            Ok(paired) => paired.first.clone(),
            Err(failed) => failed.first.clone(),
        };
        step(
            sink,
            now,
            Host::Client,
            RdtKind::Noise {
                message: 1,
                bytes: Bytes::from(first),
            },
        )?;
        now = now + lat;
        match paired {
            Ok(paired) => {
                let m2 = Bytes::from(paired.second);
                step(
                    sink,
                    now,
                    Host::Server,
                    RdtKind::Noise {
                        message: 2,
                        bytes: m2,
                    },
                )?;
                step(sink, now, Host::Server, RdtKind::Secure { ok: true })?;
                now = now + lat;
                step(sink, now, Host::Client, RdtKind::Secure { ok: true })?;
                channels = (Some(paired.client), Some(paired.server));
            }
            Err(_) => return step(sink, now, Host::Server, RdtKind::Secure { ok: false }),
        }
    }
    // The data phase.
    let config = Config {
        max_retries: setup.max_retries,
        ..Config::new(agreement, setup.meta.timeout)
    };
    let mut stations = [
        Station::new(Host::Client, proto::sender(config), channels.0),
        Station::new(Host::Server, proto::receiver(config), channels.1),
    ];
    let mut faults = FaultLayer::new(setup.faults.clone());
    let mut calendar = Calendar::default();
    let start = now;
    let total = setup.messages.len();
    for (delay, message) in setup.messages {
        calendar.push(start + delay, What::Submit { message });
    }
    let end = time::run_end(setup.end);
    let mut submitted = 0;
    let mut done = total == 0;
    if done {
        step(sink, now, Host::Client, RdtKind::Done)?;
    }
    loop {
        let next = [
            calendar.next_at(),
            stations[0].poll_timeout(),
            stations[1].poll_timeout(),
            faults.next_release(),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(t) = next else { break };
        if t > end {
            break;
        }
        now = t;
        let mut link = SimLink {
            faults: &mut faults,
            calendar: &mut calendar,
            latency: lat,
            buf: Vec::new(),
        };
        for (from, wire) in link.faults.release(now) {
            link.calendar.push(
                now + lat,
                What::Arrive {
                    to: from.peer(),
                    wire,
                },
            );
        }
        while let Some(what) = link.calendar.pop_due(now) {
            match what {
                What::Arrive { to, wire } => {
                    stations[to.index()].handle_packet(now, wire, sink, &mut link)?;
                }
                What::Submit { message } => {
                    submitted += 1;
                    stations[0].send(now, message, sink, &mut link)?;
                }
            }
        }
        for station in &mut stations {
            if station.poll_timeout().is_some_and(|d| d <= now) {
                station.handle_timeout(now, sink, &mut link)?;
            }
        }
        if !done && submitted == total && stations[0].is_idle() && !stations[0].gave_up() {
            done = true;
            step(sink, now, Host::Client, RdtKind::Done)?;
        }
    }
    Ok(())
}
