//! Helpers for the TCP state-machine tests, so that a test reads like a ladder
//! diagram (the style of smoltcp's `socket/tcp.rs` tests):
//!
//! ```text
//! let mut t = syn_sent();                             // we sent SYN seq=100
//! t.recv(seg(SYN | ACK).seq(300).ack(101));           // <- SYN,ACK
//! t.assert_sent(seg(ACK).seq(101).ack(301));          // -> ACK
//! assert_eq!(t.state(), State::Established);
//! ```
//!
//! `Tcb` wraps one endpoint under test (we are `LOCAL`, ISS 100) talking to a
//! scripted peer (`REMOTE`, ISS 300); the state builders (`listen()`,
//! `established()`, `time_wait()`, ...) walk the RFC 9293 diagram to a state and
//! check every segment on the way. `Pair` drives two real endpoints over a
//! link with latency and scripted loss, in virtual time.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use synack::tcp::{
    ConnError, Endpoint, EndpointConfig, Event, Flags, Segment, SendReason, SeqNumber, State,
    TcpOptions, Timestamps, Transmit,
};
use synack::time::Instant;

pub const SYN: Flags = Flags::SYN;
pub const ACK: Flags = Flags::ACK;
pub const FIN: Flags = Flags::FIN;
pub const RST: Flags = Flags::RST;
pub const PSH: Flags = Flags::PSH;

/// Our initial send sequence number, and the peer's (the numbers of RFC 9293's
/// figures: the SYN is seq=100, the peer's SYN,ACK seq=300 ack=101).
pub const LOCAL_ISS: u32 = 100;
pub const REMOTE_ISS: u32 = 300;

pub fn local_addr() -> SocketAddr {
    "10.0.0.1:49152".parse().unwrap()
}

pub fn remote_addr() -> SocketAddr {
    "10.0.0.2:80".parse().unwrap()
}

pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

pub fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

// ---------------------------------------------------------------------------
// Segments: one builder for what the peer sends and for what we expect to see.

/// A segment description. As input (`Tcb::recv`) unset fields take defaults
/// (window 65535, no options); as an expectation (`Tcb::assert_sent`) only the
/// fields that were set are compared, besides flags, seq, ack and payload.
#[derive(Clone, Debug)]
pub struct Seg {
    pub flags: Flags,
    pub seq: u32,
    pub ack: u32,
    pub window: Option<u16>,
    pub data: Vec<u8>,
    pub options: Option<TcpOptions>,
}

/// A segment with these control bits, seq 0, ack 0 and no data.
pub fn seg(flags: Flags) -> Seg {
    Seg {
        flags,
        seq: 0,
        ack: 0,
        window: None,
        data: Vec::new(),
        options: None,
    }
}

impl Seg {
    pub fn seq(mut self, n: u32) -> Self {
        self.seq = n;
        self
    }
    pub fn ack(mut self, n: u32) -> Self {
        self.ack = n;
        self
    }
    pub fn win(mut self, n: u16) -> Self {
        self.window = Some(n);
        self
    }
    pub fn data(mut self, d: &[u8]) -> Self {
        self.data = d.to_vec();
        self
    }
    fn opts(&mut self) -> &mut TcpOptions {
        self.options.get_or_insert_with(TcpOptions::default)
    }
    /// Compare (or send) options exactly; with none of the option setters below,
    /// this expects no options at all.
    pub fn no_options(mut self) -> Self {
        self.opts();
        self
    }
    pub fn mss(mut self, n: u16) -> Self {
        self.opts().mss = Some(n);
        self
    }
    pub fn wscale(mut self, n: u8) -> Self {
        self.opts().window_scale = Some(n);
        self
    }
    pub fn sack_ok(mut self) -> Self {
        self.opts().sack_permitted = true;
        self
    }
    pub fn ts(mut self, value: u32, echo_reply: u32) -> Self {
        self.opts().timestamps = Some(Timestamps { value, echo_reply });
        self
    }

    /// The segment as it would arrive from `src` at `dst`.
    pub fn build(&self, src: SocketAddr, dst: SocketAddr) -> Segment {
        let mut s = Segment::new(src, dst, SeqNumber(self.seq), self.flags);
        if self.flags.ack() {
            s.ack = SeqNumber(self.ack);
        }
        s.window = self.window.unwrap_or(65535);
        s.options = self.options.clone().unwrap_or_default();
        s.payload = Bytes::from(self.data.clone());
        s
    }

    /// Whether `s` is what this description expects; the error says how not.
    pub fn check(&self, s: &Segment) -> Result<(), String> {
        let mut wrong = Vec::new();
        if s.flags != self.flags {
            wrong.push(format!("flags {} (expected {})", s.flags, self.flags));
        }
        if s.seq.0 != self.seq {
            wrong.push(format!("seq {} (expected {})", s.seq, self.seq));
        }
        if self.flags.ack() && s.ack.0 != self.ack {
            wrong.push(format!("ack {} (expected {})", s.ack, self.ack));
        }
        if s.payload[..] != self.data[..] {
            wrong.push(format!(
                "payload {:?} (expected {:?})",
                String::from_utf8_lossy(&s.payload),
                String::from_utf8_lossy(&self.data)
            ));
        }
        if let Some(w) = self.window
            && s.window != w
        {
            wrong.push(format!("window {} (expected {w})", s.window));
        }
        if let Some(o) = &self.options
            && &s.options != o
        {
            wrong.push(format!("options {:?} (expected {o:?})", s.options));
        }
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(wrong.join(", "))
        }
    }
}

/// One line of a ladder, for failure messages.
pub fn show(s: &Segment) -> String {
    let mut text = format!("{} seq={}", s.flags, s.seq);
    if s.flags.ack() {
        text += &format!(" ack={}", s.ack);
    }
    text += &format!(" win={}", s.window);
    if !s.payload.is_empty() {
        text += &format!(" len={}", s.payload.len());
    }
    if !s.options.is_empty() {
        text += &format!(" {:?}", s.options);
    }
    text
}

// ---------------------------------------------------------------------------
// One endpoint under test and the peer played by the test.

/// How to build the endpoint under test.
#[derive(Clone, Debug)]
pub struct Setup {
    pub config: EndpointConfig,
    pub remote: SocketAddr,
    pub peer_iss: u32,
    /// Options the scripted peer puts on its SYN or SYN,ACK.
    pub peer_syn: Seg,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            config: EndpointConfig::new(local_addr(), SeqNumber(LOCAL_ISS)),
            remote: remote_addr(),
            peer_iss: REMOTE_ISS,
            peer_syn: seg(SYN),
        }
    }
}

impl Setup {
    pub fn iss(mut self, n: u32) -> Self {
        self.config.isn = SeqNumber(n);
        self
    }
    pub fn peer_iss(mut self, n: u32) -> Self {
        self.peer_iss = n;
        self
    }
    pub fn config(mut self, f: impl FnOnce(&mut EndpointConfig)) -> Self {
        f(&mut self.config);
        self
    }
    /// Options on the peer's SYN or SYN,ACK, e.g. `|s| s.mss(1000).wscale(2)`.
    pub fn peer_options(mut self, f: impl FnOnce(Seg) -> Seg) -> Self {
        self.peer_syn = f(self.peer_syn);
        self
    }

    pub fn closed(self) -> Tcb {
        Tcb::new(self)
    }

    /// CLOSED --listen()--> LISTEN.
    pub fn listen(self) -> Tcb {
        let mut t = self.closed();
        t.listen().unwrap();
        assert_eq!(t.state(), State::Listen);
        t.take_events();
        t
    }

    /// CLOSED --connect()--> SYN-SENT, SYN sent.
    pub fn syn_sent(self) -> Tcb {
        let mut t = self.closed();
        t.connect().unwrap();
        let syn = t.pop_sent();
        assert_eq!(syn.segment.flags, SYN, "the active open sends a SYN");
        assert_eq!(syn.segment.seq.0, t.iss);
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::SynSent);
        t.take_events();
        t
    }

    /// LISTEN --SYN--> SYN-RECEIVED, SYN,ACK sent.
    pub fn syn_received(self) -> Tcb {
        let mut t = self.listen();
        let syn = t.setup.peer_syn.clone().seq(t.irs);
        t.recv(syn);
        let syn_ack = t.pop_sent();
        assert_eq!(syn_ack.segment.flags, SYN | ACK);
        assert_eq!(syn_ack.segment.seq.0, t.iss);
        assert_eq!(syn_ack.segment.ack.0, t.irs.wrapping_add(1));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::SynReceived);
        t.take_events();
        t
    }

    /// SYN-SENT --SYN,ACK--> ESTABLISHED, ACK sent (an active open).
    pub fn established(self) -> Tcb {
        let mut t = self.syn_sent();
        let mut syn_ack = t.setup.peer_syn.clone().seq(t.irs).ack(t.snd(0));
        syn_ack.flags = SYN | ACK;
        t.recv(syn_ack);
        t.assert_sent(seg(ACK).seq(t.snd(0)).ack(t.rcv(0)));
        assert_eq!(t.state(), State::Established);
        t.take_events();
        t
    }

    /// ESTABLISHED --close()--> FIN-WAIT-1, FIN sent.
    pub fn fin_wait_1(self) -> Tcb {
        let mut t = self.established();
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(t.snd(0)).ack(t.rcv(0)));
        assert_eq!(t.state(), State::FinWait1);
        t.take_events();
        t
    }

    /// FIN-WAIT-1 --ACK of FIN--> FIN-WAIT-2.
    pub fn fin_wait_2(self) -> Tcb {
        let mut t = self.fin_wait_1();
        t.recv(seg(ACK).seq(t.rcv(0)).ack(t.snd(1)));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::FinWait2);
        t.take_events();
        t
    }

    /// FIN-WAIT-1 --FIN--> CLOSING, ACK sent (simultaneous close).
    pub fn closing(self) -> Tcb {
        let mut t = self.fin_wait_1();
        t.recv(seg(FIN | ACK).seq(t.rcv(0)).ack(t.snd(0)));
        t.assert_sent(seg(ACK).seq(t.snd(1)).ack(t.rcv(1)));
        assert_eq!(t.state(), State::Closing);
        t.take_events();
        t
    }

    /// FIN-WAIT-2 --FIN--> TIME-WAIT, ACK sent.
    pub fn time_wait(self) -> Tcb {
        let mut t = self.fin_wait_2();
        t.recv(seg(FIN | ACK).seq(t.rcv(0)).ack(t.snd(1)));
        t.assert_sent(seg(ACK).seq(t.snd(1)).ack(t.rcv(1)));
        assert_eq!(t.state(), State::TimeWait);
        t.take_events();
        t
    }

    /// ESTABLISHED --FIN--> CLOSE-WAIT, ACK sent.
    pub fn close_wait(self) -> Tcb {
        let mut t = self.established();
        t.recv(seg(FIN | ACK).seq(t.rcv(0)).ack(t.snd(0)));
        t.assert_sent(seg(ACK).seq(t.snd(0)).ack(t.rcv(1)));
        assert_eq!(t.state(), State::CloseWait);
        t.take_events();
        t
    }

    /// CLOSE-WAIT --close()--> LAST-ACK, FIN sent.
    pub fn last_ack(self) -> Tcb {
        let mut t = self.close_wait();
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(t.snd(0)).ack(t.rcv(1)));
        assert_eq!(t.state(), State::LastAck);
        t.take_events();
        t
    }

    /// The endpoint in `state`, reached by the default path above.
    pub fn in_state(self, state: State) -> Tcb {
        match state {
            State::Closed => self.closed(),
            State::Listen => self.listen(),
            State::SynSent => self.syn_sent(),
            State::SynReceived => self.syn_received(),
            State::Established => self.established(),
            State::FinWait1 => self.fin_wait_1(),
            State::FinWait2 => self.fin_wait_2(),
            State::CloseWait => self.close_wait(),
            State::Closing => self.closing(),
            State::LastAck => self.last_ack(),
            State::TimeWait => self.time_wait(),
        }
    }
}

pub fn closed() -> Tcb {
    Setup::default().closed()
}
pub fn listen() -> Tcb {
    Setup::default().listen()
}
pub fn syn_sent() -> Tcb {
    Setup::default().syn_sent()
}
pub fn syn_received() -> Tcb {
    Setup::default().syn_received()
}
pub fn established() -> Tcb {
    Setup::default().established()
}
pub fn fin_wait_1() -> Tcb {
    Setup::default().fin_wait_1()
}
pub fn fin_wait_2() -> Tcb {
    Setup::default().fin_wait_2()
}
pub fn closing() -> Tcb {
    Setup::default().closing()
}
pub fn time_wait() -> Tcb {
    Setup::default().time_wait()
}
pub fn close_wait() -> Tcb {
    Setup::default().close_wait()
}
pub fn last_ack() -> Tcb {
    Setup::default().last_ack()
}
pub fn in_state(state: State) -> Tcb {
    Setup::default().in_state(state)
}

/// The endpoint under test, its clock, and what it sent and reported.
pub struct Tcb {
    pub ep: Endpoint,
    pub now: Instant,
    pub setup: Setup,
    /// Our ISS and the peer's ISS (IRS once the peer's SYN arrived).
    pub iss: u32,
    pub irs: u32,
    /// Whether the application reads delivered data at once (freeing window).
    pub reading: bool,
    outbox: VecDeque<(Instant, Transmit)>,
    events: Vec<Event>,
    /// Every delivered byte, in order.
    pub received: Vec<u8>,
}

impl Tcb {
    pub fn new(setup: Setup) -> Self {
        Tcb {
            ep: Endpoint::new(setup.config.clone()),
            now: Instant::ZERO,
            iss: setup.config.isn.0,
            irs: setup.peer_iss,
            setup,
            reading: true,
            outbox: VecDeque::new(),
            events: Vec::new(),
            received: Vec::new(),
        }
    }

    pub fn state(&self) -> State {
        self.ep.state()
    }

    /// Our sequence number `n` bytes after the SYN (ISS+1+n), wrapping.
    pub fn snd(&self, n: u32) -> u32 {
        self.iss.wrapping_add(1).wrapping_add(n)
    }

    /// The peer's sequence number `n` bytes after its SYN (IRS+1+n), wrapping.
    pub fn rcv(&self, n: u32) -> u32 {
        self.irs.wrapping_add(1).wrapping_add(n)
    }

    // --- user calls -------------------------------------------------------

    pub fn listen(&mut self) -> Result<(), synack::tcp::CallError> {
        let r = self.ep.listen(self.now);
        self.pump();
        r
    }
    pub fn connect(&mut self) -> Result<(), synack::tcp::CallError> {
        let r = self.ep.connect(self.now, self.setup.remote);
        self.pump();
        r
    }
    pub fn send(&mut self, data: &[u8]) -> Result<usize, synack::tcp::CallError> {
        let r = self.ep.send(self.now, data);
        self.pump();
        r
    }
    pub fn close(&mut self) -> Result<(), synack::tcp::CallError> {
        let r = self.ep.close(self.now);
        self.pump();
        r
    }
    pub fn abort(&mut self) -> Result<(), synack::tcp::CallError> {
        let r = self.ep.abort(self.now);
        self.pump();
        r
    }
    /// The application reads `n` bytes it had left unread.
    pub fn consume(&mut self, n: u32) {
        self.ep.consume(n);
        self.pump();
    }

    // --- input ------------------------------------------------------------

    /// The peer's segment arrives now.
    pub fn recv(&mut self, s: Seg) {
        let segment = s.build(self.setup.remote, self.setup.config.local);
        self.recv_segment(&segment);
    }

    pub fn recv_segment(&mut self, segment: &Segment) {
        self.ep.handle_segment(self.now, segment);
        self.pump();
    }

    /// Moves the clock forward by `d`, firing every timer that falls due on the
    /// way, at its own instant.
    pub fn advance(&mut self, d: Duration) {
        let target = self.now + d;
        while let Some(at) = self.ep.poll_timeout() {
            if at > target {
                break;
            }
            self.now = self.now.max(at);
            self.ep.handle_timeout(self.now);
            self.pump();
        }
        self.now = target;
    }

    /// Jumps to the next timer deadline and fires it; returns how long that was.
    #[track_caller]
    pub fn fire_timer(&mut self) -> Duration {
        let at = self.ep.poll_timeout().expect("a timer should be running");
        let waited = at - self.now;
        self.now = self.now.max(at);
        self.ep.handle_timeout(self.now);
        self.pump();
        waited
    }

    /// The time until the next timer, if one runs.
    pub fn timeout_in(&self) -> Option<Duration> {
        self.ep.poll_timeout().map(|t| t - self.now)
    }

    /// Drains events (reading delivered data if `reading`) and transmissions.
    pub fn pump(&mut self) {
        loop {
            while let Some(e) = self.ep.poll_event() {
                if let Event::Data(bytes) = &e {
                    self.received.extend_from_slice(bytes);
                    if self.reading {
                        self.ep.consume(bytes.len() as u32);
                    }
                }
                self.events.push(e);
            }
            match self.ep.poll_transmit(self.now) {
                Some(t) => self.outbox.push_back((self.now, t)),
                None => break,
            }
        }
    }

    // --- what came out ------------------------------------------------------

    /// The next segment sent, whatever it is.
    #[track_caller]
    pub fn pop_sent(&mut self) -> Transmit {
        self.pump();
        match self.outbox.pop_front() {
            Some((_, t)) => t,
            None => panic!(
                "expected a segment from the endpoint in {}, it sent nothing",
                self.state()
            ),
        }
    }

    /// Everything sent and not yet checked.
    pub fn take_sent(&mut self) -> Vec<Transmit> {
        self.pump();
        self.outbox.drain(..).map(|(_, t)| t).collect()
    }

    /// The next segment sent is `expected`.
    #[track_caller]
    pub fn assert_sent(&mut self, expected: Seg) -> Transmit {
        self.pump();
        let Some((_, t)) = self.outbox.pop_front() else {
            panic!(
                "expected {} in {}, nothing was sent",
                show(&expected.build(self.setup.config.local, self.setup.remote)),
                self.state()
            );
        };
        if let Err(why) = expected.check(&t.segment) {
            panic!("sent {}: {why}", show(&t.segment));
        }
        assert_eq!(t.segment.src, self.setup.config.local);
        assert_eq!(t.segment.dst, self.setup.remote);
        t
    }

    /// The next segment sent is `expected`, sent for `reason`.
    #[track_caller]
    pub fn assert_sent_for(&mut self, expected: Seg, reason: SendReason) -> Transmit {
        let t = self.assert_sent(expected);
        assert_eq!(t.reason, reason, "why {} was sent", show(&t.segment));
        t
    }

    #[track_caller]
    pub fn assert_nothing_sent(&mut self) {
        self.pump();
        if let Some((_, t)) = self.outbox.front() {
            let rest: Vec<String> = self.outbox.iter().map(|(_, t)| show(&t.segment)).collect();
            panic!(
                "expected silence in {}, sent {} ({:?}): all sent {rest:?}",
                self.state(),
                show(&t.segment),
                t.reason
            );
        }
    }

    // --- what was reported --------------------------------------------------

    /// Events reported since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        self.pump();
        std::mem::take(&mut self.events)
    }

    /// Whether this event was reported since the last `take_events`.
    pub fn reported(&mut self, event: &Event) -> bool {
        self.pump();
        self.events.contains(event)
    }

    /// The connection errors reported since the last `take_events`.
    pub fn errors(&mut self) -> Vec<ConnError> {
        self.pump();
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Error(err) => Some(*err),
                _ => None,
            })
            .collect()
    }

    /// The states entered since the last `take_events`.
    pub fn states_entered(&mut self) -> Vec<State> {
        self.pump();
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::StateChanged { to, .. } => Some(*to),
                _ => None,
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Two endpoints and a link, in virtual time.

/// Which end of a `Pair`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    fn index(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }
    pub fn peer(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// A segment that went onto the link.
#[derive(Clone, Debug)]
pub struct Sent {
    pub at: Instant,
    pub from: Side,
    pub tx: Transmit,
    pub dropped: bool,
}

type DropRule = Box<dyn FnMut(&Sent, u64) -> bool>;

/// Two endpoints joined by a link with a fixed one-way latency. A drop rule sees
/// every segment (with its 1-based number on the link) and may lose it.
pub struct Pair {
    pub eps: [Endpoint; 2],
    pub now: Instant,
    pub latency: Duration,
    pub log: Vec<Sent>,
    pub events: [Vec<(Instant, Event)>; 2],
    pub received: [Vec<u8>; 2],
    in_flight: Vec<(Instant, u64, Side, Segment)>,
    order: u64,
    drop_rule: Option<DropRule>,
    /// Application data still to be pushed into each send buffer.
    pending: [VecDeque<u8>; 2],
    /// Close once the pending data is all in the send buffer.
    close_after_send: [bool; 2],
    /// Whether each application reads what arrives (freeing its window).
    pub reading: [bool; 2],
    unread: [u32; 2],
}

pub fn pair_addrs() -> (SocketAddr, SocketAddr) {
    (
        "192.168.0.10:49152".parse().unwrap(),
        "192.168.0.20:80".parse().unwrap(),
    )
}

impl Pair {
    /// A pair with ISNs 100 (A) and 300 (B) and a 10 ms link.
    pub fn new() -> Self {
        let (a, b) = pair_addrs();
        Pair::with(
            EndpointConfig::new(a, SeqNumber(100)),
            EndpointConfig::new(b, SeqNumber(300)),
        )
    }

    pub fn with(a: EndpointConfig, b: EndpointConfig) -> Self {
        Pair {
            eps: [Endpoint::new(a), Endpoint::new(b)],
            now: Instant::ZERO,
            latency: ms(10),
            log: Vec::new(),
            events: [Vec::new(), Vec::new()],
            received: [Vec::new(), Vec::new()],
            in_flight: Vec::new(),
            order: 0,
            drop_rule: None,
            pending: [VecDeque::new(), VecDeque::new()],
            close_after_send: [false, false],
            reading: [true, true],
            unread: [0, 0],
        }
    }

    /// Loses every segment for which `rule(sent, n)` is true.
    pub fn drop_when(&mut self, rule: impl FnMut(&Sent, u64) -> bool + 'static) {
        self.drop_rule = Some(Box::new(rule));
    }

    pub fn ep(&self, side: Side) -> &Endpoint {
        &self.eps[side.index()]
    }

    pub fn state(&self, side: Side) -> State {
        self.eps[side.index()].state()
    }

    pub fn addr(&self, side: Side) -> SocketAddr {
        self.eps[side.index()].local()
    }

    /// Makes a call on one side now and sends what it produces.
    pub fn call<R>(&mut self, side: Side, f: impl FnOnce(&mut Endpoint, Instant) -> R) -> R {
        let now = self.now;
        let r = f(&mut self.eps[side.index()], now);
        self.pump(side);
        r
    }

    pub fn listen(&mut self, side: Side) {
        self.call(side, |ep, now| ep.listen(now)).unwrap();
    }

    pub fn connect(&mut self, side: Side) {
        let remote = self.addr(side.peer());
        self.call(side, |ep, now| ep.connect(now, remote)).unwrap();
    }

    /// Queues application data, pushed into the send buffer as room frees up.
    pub fn send(&mut self, side: Side, data: &[u8]) {
        self.pending[side.index()].extend(data);
        self.pump(side);
    }

    /// Closes once everything queued with `send` is in the send buffer.
    pub fn close(&mut self, side: Side) {
        self.close_after_send[side.index()] = true;
        self.pump(side);
    }

    /// The application reads what it left waiting and goes on reading.
    pub fn resume_reading(&mut self, side: Side) {
        let i = side.index();
        self.reading[i] = true;
        let n = std::mem::take(&mut self.unread[i]);
        self.call(side, |ep, _| ep.consume(n));
    }

    pub fn abort(&mut self, side: Side) {
        self.call(side, |ep, now| ep.abort(now)).unwrap();
    }

    /// States each side entered, in order, starting from its first state.
    pub fn path(&self, side: Side) -> Vec<State> {
        let mut path = vec![State::Closed];
        for (_, e) in &self.events[side.index()] {
            if let Event::StateChanged { to, .. } = e {
                path.push(*to);
            }
        }
        path
    }

    pub fn errors(&self, side: Side) -> Vec<ConnError> {
        self.events[side.index()]
            .iter()
            .filter_map(|(_, e)| match e {
                Event::Error(err) => Some(*err),
                _ => None,
            })
            .collect()
    }

    /// The segments `side` put on the link, as ladder lines.
    pub fn ladder(&self) -> Vec<String> {
        self.log
            .iter()
            .map(|s| {
                format!(
                    "{:>8} {:?} {}{}{}",
                    s.at.to_string(),
                    s.from,
                    show(&s.tx.segment),
                    if s.tx.retransmission { " (rexmit)" } else { "" },
                    if s.dropped { " LOST" } else { "" }
                )
            })
            .collect()
    }

    fn pump(&mut self, side: Side) {
        let i = side.index();
        loop {
            while let Some(e) = self.eps[i].poll_event() {
                if let Event::Data(bytes) = &e {
                    self.received[i].extend_from_slice(bytes);
                    if self.reading[i] {
                        self.eps[i].consume(bytes.len() as u32);
                    } else {
                        self.unread[i] += bytes.len() as u32;
                    }
                }
                self.events[i].push((self.now, e));
            }
            self.feed(side);
            match self.eps[i].poll_transmit(self.now) {
                Some(tx) => self.put_on_link(side, tx),
                None => break,
            }
        }
    }

    fn feed(&mut self, side: Side) {
        let i = side.index();
        let now = self.now;
        let ep = &mut self.eps[i];
        let can_send = matches!(
            ep.state(),
            State::SynSent | State::SynReceived | State::Established | State::CloseWait
        );
        if can_send && !self.pending[i].is_empty() {
            let room = ep.send_room().min(self.pending[i].len());
            if room > 0 {
                let chunk: Vec<u8> = self.pending[i].iter().take(room).copied().collect();
                let n = ep.send(now, &chunk).unwrap_or(0);
                self.pending[i].drain(..n);
            }
        }
        if self.close_after_send[i] && self.pending[i].is_empty() && can_send {
            self.close_after_send[i] = false;
            ep.close(now).unwrap();
        }
    }

    fn put_on_link(&mut self, from: Side, tx: Transmit) {
        let mut sent = Sent {
            at: self.now,
            from,
            tx,
            dropped: false,
        };
        let n = self.log.len() as u64 + 1;
        if let Some(rule) = &mut self.drop_rule {
            sent.dropped = rule(&sent, n);
        }
        if !sent.dropped {
            self.order += 1;
            self.in_flight.push((
                self.now + self.latency,
                self.order,
                from.peer(),
                sent.tx.segment.clone(),
            ));
        }
        self.log.push(sent);
    }

    fn next_wakeup(&self) -> Option<Instant> {
        let delivery = self.in_flight.iter().map(|(at, ..)| *at).min();
        let timers = self.eps.iter().filter_map(|e| e.poll_timeout());
        delivery.into_iter().chain(timers).min()
    }

    /// Runs until nothing is in flight and no timer runs, or until `limit`.
    pub fn run_until_quiet(&mut self, limit: Duration) {
        let end = self.now + limit;
        self.run_while(end, |_| true);
    }

    /// Runs for `d` of virtual time.
    pub fn run_for(&mut self, d: Duration) {
        let end = self.now + d;
        self.run_while(end, |_| true);
        self.now = self.now.max(end);
    }

    /// Runs until `done` holds (true) or time passes `limit` (false).
    pub fn run_until(&mut self, limit: Duration, mut done: impl FnMut(&Pair) -> bool) -> bool {
        let end = self.now + limit;
        self.run_while(end, |p| !done(p));
        done(self)
    }

    fn run_while(&mut self, end: Instant, mut go_on: impl FnMut(&Pair) -> bool) {
        while go_on(self) {
            let Some(next) = self.next_wakeup() else {
                return;
            };
            if next > end {
                return;
            }
            self.now = self.now.max(next);
            // Deliveries due now, in the order they were sent.
            loop {
                let due = self
                    .in_flight
                    .iter()
                    .enumerate()
                    .filter(|(_, (at, ..))| *at <= self.now)
                    .min_by_key(|(_, (at, order, ..))| (*at, *order))
                    .map(|(i, _)| i);
                let Some(i) = due else { break };
                let (_, _, to, segment) = self.in_flight.remove(i);
                let now = self.now;
                self.eps[to.index()].handle_segment(now, &segment);
                self.pump(to);
            }
            for side in [Side::A, Side::B] {
                let now = self.now;
                if self.eps[side.index()]
                    .poll_timeout()
                    .is_some_and(|t| t <= now)
                {
                    self.eps[side.index()].handle_timeout(now);
                    self.pump(side);
                }
            }
        }
    }
}

impl Default for Pair {
    fn default() -> Self {
        Pair::new()
    }
}

/// A pair where A connected to a listening B and both are ESTABLISHED.
pub fn established_pair(mut p: Pair) -> Pair {
    p.listen(Side::B);
    p.connect(Side::A);
    assert!(
        p.run_until(secs(120), |p| p.state(Side::A) == State::Established
            && p.state(Side::B) == State::Established),
        "handshake did not complete: {:#?}",
        p.ladder()
    );
    p
}

/// Bytes `0, 1, ..., 250, 0, 1, ...`: easy to check after reassembly.
pub fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8).collect()
}
