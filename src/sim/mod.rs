//! The simulator: two endpoints and a link on a virtual clock, driven by a
//! script of application calls and link faults. Every step goes to a sink the
//! moment it happens; nothing is kept, so a run of any length uses flat memory.

pub mod link;
mod pattern;
pub mod script;

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use bytes::{Bytes, BytesMut};

use crate::chance::SplitMix64;
use crate::fault::Holdback;
use crate::flow::Calendar;
use crate::tcp::{CallError, Endpoint, EndpointConfig, Event, Segment, State, Transmit};
use crate::time::{self, Instant};
use crate::trace::{Call, Fault, Host, Sink, Step, StepKind, TraceMeta};
use link::{FaultAction, Faults, LinkConfig};
use script::{Action, AppData, Condition, ScriptCall, Trigger};

/// Everything a run needs.
#[derive(Clone, Debug)]
pub struct SimSetup {
    /// Title, summary and addresses the views show.
    pub meta: TraceMeta,
    /// The client's endpoint: address, ISN, options, buffers and timers.
    pub client: EndpointConfig,
    /// The server's endpoint.
    pub server: EndpointConfig,
    /// Latency, loss and scripted faults between them.
    pub link: LinkConfig,
    /// The applications' calls, in lesson order.
    pub script: Vec<Action>,
    /// Seeds random loss.
    pub seed: u64,
    /// Stop at this virtual time even if something is still pending.
    pub end: Option<Instant>,
}

/// The size of one write() by a simulated application sending generated data.
const APP_WRITE: usize = 16 * 1024;

/// How long a reordered segment waits for a later one to overtake it.
const REORDER_WAIT: Duration = Duration::from_millis(200);

/// Why a run stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The script made a call the endpoint's state does not allow.
    #[error("{host} cannot {call}() in {state}: {error}")]
    Call {
        /// The host that made the call (`client` or `server`).
        host: &'static str,
        /// The call's name, as in the lesson file.
        call: &'static str,
        /// The connection state the endpoint was in.
        state: State,
        /// Why the endpoint refused.
        error: CallError,
        /// The lesson line of the action, for the message.
        line: Option<usize>,
    },
    /// A sink failed to take a step (a view could not write, say).
    #[error(transparent)]
    Sink(#[from] io::Error),
}

/// The result of a run, for `expect` checks and summaries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Each host's state when the run ended, indexed by [`Host::index`].
    pub final_states: [State; 2],
    /// The virtual time of the last thing that happened.
    pub end: Instant,
    /// Segments put on the link by either host, retransmissions included.
    pub segments: u64,
    /// Segments the link lost: scripted drops and random loss.
    pub dropped: u64,
    /// Segments whose sequence space was sent before.
    pub retransmissions: u64,
    /// In-order bytes each host's application received, indexed by [`Host::index`].
    pub received: [u64; 2],
}

/// Runs a simulation to its end, streaming every step into `sink`.
pub fn run(setup: SimSetup, sink: &mut dyn Sink) -> Result<Outcome, SimError> {
    let mut sim = Sim::new(setup);
    sink.begin(&sim.meta)?;
    sim.run_loop(sink)?;
    sink.end()?;
    Ok(sim.outcome())
}

/// One application and its endpoint.
struct HostRun {
    endpoint: Endpoint,
    /// The host's actions, each with its position in the whole script.
    actions: VecDeque<(usize, Action)>,
    /// When the action at the front became next in line.
    ready_since: Instant,
    /// Bytes each host had received when the front action became next in line.
    data_mark: [u64; 2],
    received: u64,
    /// Kept only if the script echoes, so a bulk receiver holds nothing.
    keeps_echo: bool,
    echo: BytesMut,
    /// Data the application is still pushing into the send buffer.
    outgoing: VecDeque<Outgoing>,
    reading: bool,
    unread: u32,
}

enum Outgoing {
    Bytes(Bytes),
    Pattern { offset: u64, remaining: u64 },
}

/// What the link does next, on the calendar.
enum LinkEvent {
    /// A segment reaches `to`.
    Deliver { to: Host, segment: Segment },
    /// A segment held back for reordering goes, unless it went already.
    ReleaseHeld { from: Host, token: u64 },
}

struct Sim {
    meta: TraceMeta,
    now: Instant,
    end: Instant,
    hosts: [HostRun; 2],
    calendar: Calendar<LinkEvent>,
    /// Tells one held segment from the next, so a stale release finds nothing.
    next_token: u64,
    latency: Duration,
    loss: f64,
    faults: Faults,
    rng: SplitMix64,
    /// A segment held back for reordering, per sender, with its release token.
    held: Holdback<Segment, u64>,
    segments: u64,
    dropped: u64,
    retransmissions: u64,
}

impl Sim {
    fn new(setup: SimSetup) -> Self {
        let mut scripts: [VecDeque<(usize, Action)>; 2] = [VecDeque::new(), VecDeque::new()];
        for (order, action) in setup.script.into_iter().enumerate() {
            scripts[action.host.index()].push_back((order, action));
        }
        let [client_script, server_script] = scripts;
        let host = |config: EndpointConfig, actions: VecDeque<(usize, Action)>| {
            let keeps_echo = actions
                .iter()
                .any(|(_, a)| a.call == ScriptCall::Send(AppData::Echo));
            HostRun {
                endpoint: Endpoint::new(config),
                actions,
                ready_since: Instant::ZERO,
                data_mark: [0; 2],
                received: 0,
                keeps_echo,
                echo: BytesMut::new(),
                outgoing: VecDeque::new(),
                reading: true,
                unread: 0,
            }
        };
        Sim {
            meta: setup.meta,
            now: Instant::ZERO,
            end: time::run_end(setup.end),
            hosts: [
                host(setup.client, client_script),
                host(setup.server, server_script),
            ],
            calendar: Calendar::default(),
            next_token: 0,
            latency: setup.link.latency,
            loss: setup.link.loss,
            faults: Faults::new(setup.link.faults),
            rng: SplitMix64::new(setup.seed),
            held: Holdback::default(),
            segments: 0,
            dropped: 0,
            retransmissions: 0,
        }
    }

    fn outcome(&self) -> Outcome {
        Outcome {
            final_states: [
                self.hosts[0].endpoint.state(),
                self.hosts[1].endpoint.state(),
            ],
            end: self.now,
            segments: self.segments,
            dropped: self.dropped,
            retransmissions: self.retransmissions,
            received: [self.hosts[0].received, self.hosts[1].received],
        }
    }

    fn run_loop(&mut self, sink: &mut dyn Sink) -> Result<(), SimError> {
        loop {
            self.fire_ready_actions(sink)?;
            let Some(next) = self.next_wakeup() else {
                break;
            };
            if next > self.end {
                break;
            }
            self.now = next;
            while let Some(event) = self.calendar.pop_due(self.now) {
                match event {
                    LinkEvent::Deliver { to, segment } => {
                        self.emit(sink, to, StepKind::Deliver(segment.clone()))?;
                        self.hosts[to.index()]
                            .endpoint
                            .handle_segment(self.now, &segment);
                        self.drain(sink, to)?;
                    }
                    LinkEvent::ReleaseHeld { from, token } => {
                        self.release_held(from, token, self.now + self.latency);
                    }
                }
            }
            for host in Host::BOTH {
                let ep = &mut self.hosts[host.index()].endpoint;
                if ep.poll_timeout().is_some_and(|t| t <= self.now) {
                    ep.handle_timeout(self.now);
                    self.drain(sink, host)?;
                }
            }
        }
        Ok(())
    }

    /// The next instant anything can happen: a delivery, a timer or a timed action.
    fn next_wakeup(&self) -> Option<Instant> {
        let delivery = self.calendar.next_at();
        let timers = self.hosts.iter().filter_map(|h| h.endpoint.poll_timeout());
        let actions = self.hosts.iter().filter_map(|h| {
            if !h.outgoing.is_empty() {
                return None;
            }
            match h.actions.front()?.1.trigger {
                Trigger::At(t) => Some(t.max(self.now)),
                Trigger::After(d) => Some((h.ready_since + d).max(self.now)),
                Trigger::When { .. } => None,
            }
        });
        delivery.into_iter().chain(timers).chain(actions).min()
    }

    /// Fires every action whose trigger holds now, one at a time and in the
    /// script's order, until none is ready.
    fn fire_ready_actions(&mut self, sink: &mut dyn Sink) -> Result<(), SimError> {
        loop {
            let ready: Vec<Host> = Host::BOTH
                .into_iter()
                .filter(|h| self.action_ready(*h))
                .collect();
            let first = ready.into_iter().min_by_key(|h| {
                self.hosts[h.index()]
                    .actions
                    .front()
                    .map(|(order, _)| *order)
            });
            let Some(host) = first else { return Ok(()) };
            let Some((_, action)) = self.hosts[host.index()].actions.pop_front() else {
                return Ok(());
            };
            self.perform(sink, action)?;
            self.drain(sink, host)?;
            self.mark_ready(host);
        }
    }

    /// The front action of `host` becomes next in line now, unless a send is
    /// still being pushed (then `feed` calls this when it is done).
    fn mark_ready(&mut self, host: Host) {
        let received = [self.hosts[0].received, self.hosts[1].received];
        let now = self.now;
        let h = &mut self.hosts[host.index()];
        if h.outgoing.is_empty() {
            h.ready_since = now;
            h.data_mark = received;
        }
    }

    /// Whether the front action of `host` may fire now. A satisfied condition
    /// with a delay turns into a timed trigger.
    fn action_ready(&mut self, host: Host) -> bool {
        let now = self.now;
        let condition_holds = |sim: &Sim, c: &Condition| match c {
            Condition::State { host, state } => sim.hosts[host.index()].endpoint.state() == *state,
            Condition::Data { host: receiver } => {
                let mark = sim.hosts[host.index()].data_mark[receiver.index()];
                sim.hosts[receiver.index()].received > mark
            }
        };
        let h = &self.hosts[host.index()];
        if !h.outgoing.is_empty() {
            return false;
        }
        let Some((_, front)) = h.actions.front() else {
            return false;
        };
        match &front.trigger {
            Trigger::At(t) => now >= *t,
            Trigger::After(d) => now >= h.ready_since + *d,
            Trigger::When { condition, delay } => {
                if !condition_holds(self, condition) {
                    return false;
                }
                if delay.is_zero() {
                    return true;
                }
                let at = now + *delay;
                if let Some((_, front)) = self.hosts[host.index()].actions.front_mut() {
                    front.trigger = Trigger::At(at);
                }
                false
            }
        }
    }

    /// Makes one scripted call.
    fn perform(&mut self, sink: &mut dyn Sink, action: Action) -> Result<(), SimError> {
        let host = action.host;
        let now = self.now;
        let peer_addr = self.hosts[host.peer().index()].endpoint.local();
        let call = match &action.call {
            ScriptCall::Listen => Call::Listen,
            ScriptCall::Connect => Call::Connect { remote: peer_addr },
            ScriptCall::Send(data) => {
                let h = &mut self.hosts[host.index()];
                let out = match data {
                    AppData::Bytes(b) => Outgoing::Bytes(b.clone()),
                    AppData::Echo => Outgoing::Bytes(h.echo.split().freeze()),
                    AppData::Pattern(n) => Outgoing::Pattern {
                        offset: 0,
                        remaining: *n,
                    },
                };
                let (len, preview) = match &out {
                    Outgoing::Bytes(b) => (b.len() as u64, b.slice(..b.len().min(64))),
                    Outgoing::Pattern { remaining, .. } => {
                        let n = (*remaining).min(64) as usize;
                        (*remaining, Bytes::copy_from_slice(pattern::slice(0, n)))
                    }
                };
                h.outgoing.push_back(out);
                Call::Send { len, preview }
            }
            ScriptCall::Close => Call::Close,
            ScriptCall::Abort => Call::Abort,
            ScriptCall::PauseReading => Call::PauseReading,
            ScriptCall::ResumeReading => Call::ResumeReading,
        };
        let name = call.name();
        self.emit(sink, host, StepKind::Call(call))?;
        let h = &mut self.hosts[host.index()];
        let state = h.endpoint.state();
        let result = match action.call {
            ScriptCall::Listen => h.endpoint.listen(now),
            ScriptCall::Connect => h.endpoint.connect(now, peer_addr),
            ScriptCall::Send(_) => h.endpoint.send(now, &[]).map(|_| ()),
            ScriptCall::Close => h.endpoint.close(now),
            ScriptCall::Abort => h.endpoint.abort(now),
            ScriptCall::PauseReading => {
                h.reading = false;
                Ok(())
            }
            ScriptCall::ResumeReading => {
                h.reading = true;
                let unread = std::mem::take(&mut h.unread);
                h.endpoint.consume(unread);
                Ok(())
            }
        };
        result.map_err(|error| SimError::Call {
            host: host.name(),
            call: name,
            state,
            error,
            line: action.line,
        })
    }

    /// Moves everything the endpoint has to say into the trace and onto the link,
    /// and tops up its send buffer from the application.
    fn drain(&mut self, sink: &mut dyn Sink, host: Host) -> Result<(), SimError> {
        loop {
            while let Some(event) = self.hosts[host.index()].endpoint.poll_event() {
                self.on_event(sink, host, event)?;
            }
            self.feed(host);
            let now = self.now;
            match self.hosts[host.index()].endpoint.poll_transmit(now) {
                Some(tx) => self.transmit(sink, host, tx)?,
                None => return Ok(()),
            }
        }
    }

    fn on_event(&mut self, sink: &mut dyn Sink, host: Host, event: Event) -> Result<(), SimError> {
        let kind = match event {
            Event::StateChanged { from, to, cause } => StepKind::State {
                from,
                to,
                cause: cause.into(),
            },
            Event::TimerFired {
                timer,
                after,
                attempt,
            } => StepKind::Timer {
                timer,
                after,
                attempt,
            },
            Event::Data(bytes) => {
                let h = &mut self.hosts[host.index()];
                let n = bytes.len() as u32;
                h.received += u64::from(n);
                if h.keeps_echo {
                    h.echo.extend_from_slice(&bytes);
                }
                if h.reading {
                    h.endpoint.consume(n);
                } else {
                    h.unread += n;
                }
                StepKind::Data(bytes)
            }
            Event::Error(e) => {
                // The application hears of the failure: what it had not yet sent is lost.
                self.hosts[host.index()].outgoing.clear();
                StepKind::Error(e)
            }
            Event::Discarded(reason) => StepKind::Discard(reason),
            Event::DuplicateAck { count } => StepKind::DuplicateAck { count },
            Event::Congestion(window) => StepKind::Congestion(window),
            Event::OutOfOrder { seq, len } => StepKind::OutOfOrder { seq, len },
        };
        Ok(self.emit(sink, host, kind)?)
    }

    /// Hands the application's pending data to the endpoint as buffer space frees.
    fn feed(&mut self, host: Host) {
        let now = self.now;
        let h = &mut self.hosts[host.index()];
        let was_busy = !h.outgoing.is_empty();
        while let Some(front) = h.outgoing.front_mut() {
            let room = h.endpoint.send_room();
            if room == 0 {
                break;
            }
            let result = match front {
                Outgoing::Bytes(b) => {
                    let n = b.len().min(room);
                    let r = h.endpoint.send_bytes(now, b.slice(..n));
                    if r.is_ok() {
                        let _ = b.split_to(n);
                    }
                    r.map(|_| b.is_empty())
                }
                Outgoing::Pattern { offset, remaining } => {
                    // Like a real program, write in large pieces rather than a
                    // few bytes whenever space frees: segments then slice one
                    // piece instead of straddling two.
                    let piece = (*remaining)
                        .min(APP_WRITE as u64)
                        .min((h.endpoint.config().send_buffer as u64 / 2).max(1));
                    if (room as u64) < piece {
                        break;
                    }
                    let n = (*remaining).min(room as u64).min(pattern::MAX_SLICE as u64) as usize;
                    let data = Bytes::from_static(pattern::slice(*offset, n));
                    let r = h.endpoint.send_bytes(now, data);
                    if r.is_ok() {
                        *offset += n as u64;
                        *remaining -= n as u64;
                    }
                    r.map(|_| *remaining == 0)
                }
            };
            match result {
                Ok(true) => {
                    h.outgoing.pop_front();
                }
                Ok(false) => {}
                // The connection is gone; the application was told by an error step.
                Err(_) => h.outgoing.clear(),
            }
        }
        if was_busy && h.outgoing.is_empty() {
            self.mark_ready(host);
        }
    }

    /// Puts a segment on the link: the send step, then whatever the link does to it.
    fn transmit(&mut self, sink: &mut dyn Sink, from: Host, tx: Transmit) -> Result<(), SimError> {
        self.segments += 1;
        if tx.retransmission {
            self.retransmissions += 1;
        }
        let segment = tx.segment.clone();
        self.emit(
            sink,
            from,
            StepKind::Send {
                transmit: tx,
                captured: None,
            },
        )?;
        let scripted = self.faults.judge(from, &segment, self.now.micros());
        let random_loss = scripted.is_none() && self.rng.chance(self.loss);
        let arrival = self.now + self.latency;
        let to = from.peer();
        match scripted {
            Some(FaultAction::Drop) => self.lose(sink, from, segment, Fault::Drop)?,
            None if random_loss => self.lose(sink, from, segment, Fault::RandomLoss)?,
            Some(action @ FaultAction::Duplicate) => {
                self.mangle(sink, from, &segment, action)?;
                self.schedule_delivery(from, arrival, segment.clone());
                self.deliver_at(arrival, to, segment);
            }
            Some(action @ FaultAction::Delay(extra)) => {
                self.mangle(sink, from, &segment, action)?;
                self.schedule_delivery(from, arrival + extra, segment);
            }
            Some(action @ FaultAction::Reorder) => {
                self.mangle(sink, from, &segment, action)?;
                // If one is already held, it goes now, so at most one waits.
                let token = self.next_token;
                self.next_token += 1;
                if let Some(older) = self.held.hold(from, segment, token) {
                    self.deliver_at(arrival, to, older);
                }
                self.calendar.push(
                    self.now + REORDER_WAIT,
                    LinkEvent::ReleaseHeld { from, token },
                );
            }
            None => self.schedule_delivery(from, arrival, segment),
        }
        Ok(())
    }

    /// The link loses the segment: the drop step says how.
    fn lose(
        &mut self,
        sink: &mut dyn Sink,
        from: Host,
        segment: Segment,
        fault: Fault,
    ) -> io::Result<()> {
        self.dropped += 1;
        self.emit(sink, from, StepKind::Drop { segment, fault })
    }

    /// The step that says what the link does to the segment (duplicates,
    /// delays or holds it back), before it is done.
    fn mangle(
        &mut self,
        sink: &mut dyn Sink,
        from: Host,
        segment: &Segment,
        action: FaultAction,
    ) -> io::Result<()> {
        let fault = action.as_fault();
        let segment = segment.clone();
        self.emit(sink, from, StepKind::Mangle { segment, fault })
    }

    /// Schedules a normal delivery; a segment held for reordering follows just after.
    fn schedule_delivery(&mut self, from: Host, at: Instant, segment: Segment) {
        self.deliver_at(at, from.peer(), segment);
        if let Some(segment) = self.held.take(from) {
            self.deliver_at(at + Duration::from_micros(1), from.peer(), segment);
        }
    }

    fn release_held(&mut self, from: Host, token: u64, at: Instant) {
        if let Some(segment) = self.held.take_if(from, |t| t == token) {
            self.deliver_at(at, from.peer(), segment);
        }
    }

    fn deliver_at(&mut self, at: Instant, to: Host, segment: Segment) {
        self.calendar.push(at, LinkEvent::Deliver { to, segment });
    }

    fn emit(&mut self, sink: &mut dyn Sink, host: Host, kind: StepKind) -> io::Result<()> {
        sink.step(&Step {
            t: self.now,
            host,
            conv: 0,
            frame: None,
            kind,
        })
    }
}
