//! The transmission control block: one endpoint of one TCP connection, as a
//! sans-IO state machine.
//!
//! It never reads a clock, a socket or a random generator. The caller drives it:
//!
//! 1. Tell it what happened: a user call (`listen`, `connect`, `send`, `close`,
//!    `abort`, `consume`), a segment that arrived (`handle_segment`), or that the
//!    deadline from `poll_timeout` has passed (`handle_timeout`). Each takes `now`
//!    but `consume`, which only frees room in the receive buffer.
//! 2. Drain `poll_event` (state changes with their cause, data, errors, timers)
//!    and then `poll_transmit` (segments to put on the wire) until both are empty.
//! 3. Ask `poll_timeout` when to call `handle_timeout` next.
//!
//! The same input always gives the same output: the initial sequence number comes
//! from the configuration, and time only from the caller.

mod calls;
mod input;
mod output;
mod send_buffer;
mod timers;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;

use self::send_buffer::SendBuffer;
use super::congestion::Congestion;
use super::rto::{RtoConfig, RtoEstimator};
use super::segment::Segment;
use super::seq::SeqNumber;
use super::state::{Cause, State};
use crate::tcp::congestion::{CongestionCause, CongestionWindow};
use crate::time::Instant;

pub use calls::CallError;

/// How an endpoint behaves: its address, ISN, buffers, options and timers.
#[derive(Clone, Debug)]
pub struct EndpointConfig {
    /// The local socket address: the source of every segment we send.
    pub local: SocketAddr,
    /// The initial send sequence number (ISS) for the next connection.
    pub isn: SeqNumber,
    /// The MSS announced in our SYN: the largest segment we accept.
    pub mss: u16,
    /// Whether to put the MSS option in our SYN (RFC 9293 §3.7.1 says SHOULD).
    pub announce_mss: bool,
    /// Offer window scaling (RFC 7323) with this shift count.
    pub window_scale: Option<u8>,
    /// Offer SACK (RFC 2018) in our SYN.
    pub sack_permitted: bool,
    /// Offer the timestamps option (RFC 7323 §3) in our SYN.
    pub timestamps: bool,
    /// Receive buffer: the most unread data we hold, and so our window.
    pub recv_buffer: u32,
    /// Send buffer: the most data queued but not yet acknowledged.
    pub send_buffer: u32,
    /// Maximum segment lifetime; TIME-WAIT lasts twice this.
    pub msl: Duration,
    /// How the retransmission timeout starts and is bounded (RFC 6298).
    pub rto: RtoConfig,
    /// Retransmissions of one segment before the connection is given up.
    pub max_retries: u32,
    /// RFC 5681 congestion control; off, only the peer's window limits sending.
    pub congestion_control: bool,
}

impl EndpointConfig {
    /// A configuration with the defaults of a typical stack, for this address and ISN.
    pub fn new(local: SocketAddr, isn: SeqNumber) -> Self {
        EndpointConfig {
            local,
            isn,
            mss: 1460,
            announce_mss: true,
            window_scale: None,
            sack_permitted: false,
            timestamps: false,
            recv_buffer: 65535,
            send_buffer: 65536,
            msl: Duration::from_secs(30),
            rto: RtoConfig::default(),
            max_retries: 5,
            congestion_control: true,
        }
    }
}

/// A timer of the endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timer {
    /// The retransmission timer (RFC 6298 §5): an ACK is overdue, so resend.
    Retransmission,
    /// The 2×MSL wait in TIME-WAIT (RFC 9293 §3.10.8, "TIME-WAIT timeout") before the connection is forgotten.
    TimeWait,
    /// The persist timer (RFC 9293 §3.8.6.1): the peer's window is zero, so probe it.
    Persist,
}

/// Why a connection failed, as the application hears it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnError {
    /// An RST answered our SYN.
    Refused,
    /// An RST arrived on an open connection.
    Reset,
    /// Retransmissions ran out.
    TimedOut,
}

impl ConnError {
    /// The name lessons and the JSON format use.
    pub fn name(self) -> &'static str {
        match self {
            ConnError::Refused => "refused",
            ConnError::Reset => "reset",
            ConnError::TimedOut => "timed-out",
        }
    }

    /// A name as `name` gives it (any case; `timeout` too).
    pub fn parse(text: &str) -> Option<ConnError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "refused" => Some(ConnError::Refused),
            "reset" => Some(ConnError::Reset),
            "timed-out" | "timeout" => Some(ConnError::TimedOut),
            _ => None,
        }
    }
}

/// Why the endpoint threw a segment away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiscardReason {
    /// An RST is never answered (RFC 9293 §3.10.7.1, §3.10.7.2).
    ResetIgnored,
    /// The sequence number lies outside the receive window (§3.10.7.4 first check).
    OutsideWindow,
    /// An RST whose sequence number is in the window but not exactly RCV.NXT
    /// (RFC 5961 §3.2): answered with a challenge ACK.
    ResetNotExact,
    /// A SYN on a synchronized connection (RFC 5961 §4): answered with a challenge ACK.
    UnexpectedSyn,
    /// Neither SYN nor RST in SYN-SENT, or no SYN in LISTEN.
    NotAConnectionRequest,
    /// ACK bit off on a synchronized connection (§3.10.7.4 fifth check).
    NoAck,
    /// An ACK for data never sent (SEG.ACK > SND.NXT).
    AckOfUnsentData,
    /// A copy of data already received.
    Duplicate,
    /// The peer's SYN again, in SYN-RECEIVED: answered with the SYN,ACK again.
    RepeatedSyn,
}

/// Something the application or a view should know about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The endpoint moved from one connection state to another.
    StateChanged {
        /// The state it left.
        from: State,
        /// The state it entered.
        to: State,
        /// The arrow of the state diagram it took.
        cause: Cause,
    },
    /// A timer expired after `after`; `attempt` counts retransmissions so far
    /// (including the one this timeout triggers).
    TimerFired {
        /// Which timer expired.
        timer: Timer,
        /// How long it had been armed: the RTO, 2×MSL or the persist interval.
        after: Duration,
        /// Retransmissions (or window probes) of this timer so far, this one included.
        attempt: u32,
    },
    /// In-order data for the application.
    Data(Bytes),
    /// The connection failed; the application should stop using it.
    Error(ConnError),
    /// An arriving segment was thrown away, and why.
    Discarded(DiscardReason),
    /// The peer repeated an ACK for data we sent: a hint that a segment was lost.
    DuplicateAck {
        /// How many duplicates in a row; the third starts fast retransmit (RFC 5681 §3.2).
        count: u32,
    },
    /// Congestion control moved cwnd or ssthresh (RFC 5681), or started:
    /// reported only when `congestion_control` is on, and only on a change,
    /// so a view can draw the window and say which rule moved it.
    Congestion(CongestionWindow),
    /// Data arrived ahead of a gap and waits in the reassembly queue.
    OutOfOrder {
        /// The first sequence number of the early data.
        seq: SeqNumber,
        /// How many bytes of it.
        len: u32,
    },
}

/// Why a segment is being sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SendReason {
    /// SYN or SYN,ACK.
    Open,
    /// Application data and/or FIN.
    Data,
    /// A pure ACK of what arrived.
    Ack,
    /// An ACK repeated because what arrived was out of order or out of window.
    DuplicateAck,
    /// RFC 5961 challenge ACK.
    ChallengeAck,
    /// Our window opened again after we advertised zero.
    WindowUpdate,
    /// The peer's window is zero: one byte to see whether it opened.
    WindowProbe,
    /// Three duplicate ACKs: resend the first unacknowledged segment now.
    FastRetransmit,
    /// An RST, and why.
    Reset(ResetReason),
}

/// Why an RST is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResetReason {
    /// A segment for a connection that does not exist (CLOSED).
    NoConnection,
    /// An ACK arrived in LISTEN.
    AckInListen,
    /// The ACK does not acknowledge our SYN (SYN-SENT or SYN-RECEIVED).
    UnacceptableAck,
    /// The application aborted the connection.
    Abort,
}

/// A segment to put on the wire, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transmit {
    /// The segment itself, addressed and ready to encode.
    pub segment: Segment,
    /// Why it is sent, for the views and narration.
    pub reason: SendReason,
    /// The sequence space of this segment was sent before.
    pub retransmission: bool,
}

/// One endpoint of a TCP connection (the TCB of RFC 9293 §3.3.1).
#[derive(Debug)]
pub struct Endpoint {
    config: EndpointConfig,
    state: State,
    remote: Option<SocketAddr>,
    /// Opened with `listen()`: an RST in SYN-RECEIVED returns to LISTEN.
    passive: bool,

    // Send sequence space (RFC 9293 §3.3.1).
    iss: SeqNumber,
    snd_una: SeqNumber,
    snd_nxt: SeqNumber,
    /// The highest sequence number sent so far, to tell retransmissions apart.
    snd_max: SeqNumber,
    snd_wnd: u32,
    snd_wl1: SeqNumber,
    snd_wl2: SeqNumber,
    max_snd_wnd: u32,
    /// Data from `send_base` on: sent-unacknowledged, then unsent.
    send_buf: SendBuffer,
    send_base: SeqNumber,
    /// `close()` was called: a FIN follows the data. No data can be added after
    /// it, so the FIN's sequence number is always `send_base + send_buf.len()`.
    fin_queued: bool,
    peer_mss: u16,
    congestion: Congestion,
    /// Our SYN was acknowledged during this segment's processing: report the
    /// initial window once the segment is done, after the state change it made.
    congestion_starting: bool,
    /// Resend one segment at SND.UNA now (fast retransmit).
    retransmit_now: bool,

    // Receive sequence space.
    irs: SeqNumber,
    rcv_nxt: SeqNumber,
    /// Data delivered to the application but not yet consumed by it.
    rcv_unread: u32,
    /// The window we last advertised, in bytes.
    rcv_wnd_advertised: u32,
    /// Segments that arrived ahead of a gap, with whether they carried FIN.
    out_of_order: Vec<(SeqNumber, Bytes, bool)>,

    // Options agreed in the handshake.
    /// The peer offered window scaling, so the SYN,ACK carries ours.
    wscale_agreed: bool,
    snd_wscale: u8,
    rcv_wscale: u8,
    timestamps: bool,
    ts_recent: u32,
    sack_permitted: bool,

    // Timers and the RTT estimator.
    rto: RtoEstimator,
    retransmit_at: Option<Instant>,
    retries: u32,
    syn_retransmitted: bool,
    /// A SYN,ACK went out already (so the next one is a retransmission).
    syn_ack_sent: bool,
    rtt_probe: Option<(SeqNumber, Instant)>,
    time_wait_until: Option<Instant>,
    persist_at: Option<Instant>,
    /// How long the persist timer was set for, to report when it fires.
    persist_wait: Duration,
    persist_backoff: u32,
    dup_acks_seen: u32,

    // Outputs.
    ack_pending: Option<SendReason>,
    outbox: VecDeque<Transmit>,
    events: VecDeque<Event>,
}

impl Endpoint {
    /// A closed endpoint with this configuration; nothing happens until a call.
    pub fn new(config: EndpointConfig) -> Self {
        let isn = config.isn;
        let rto = RtoEstimator::new(config.rto);
        let congestion = Congestion::new(536);
        let rcv_wnd = config.recv_buffer;
        Endpoint {
            config,
            state: State::Closed,
            remote: None,
            passive: false,
            iss: isn,
            snd_una: isn,
            snd_nxt: isn,
            snd_max: isn,
            snd_wnd: 0,
            snd_wl1: SeqNumber(0),
            snd_wl2: SeqNumber(0),
            max_snd_wnd: 0,
            send_buf: SendBuffer::default(),
            send_base: isn + 1,
            fin_queued: false,
            peer_mss: 536,
            congestion,
            congestion_starting: false,
            retransmit_now: false,
            irs: SeqNumber(0),
            rcv_nxt: SeqNumber(0),
            rcv_unread: 0,
            rcv_wnd_advertised: rcv_wnd,
            out_of_order: Vec::new(),
            wscale_agreed: false,
            snd_wscale: 0,
            rcv_wscale: 0,
            timestamps: false,
            ts_recent: 0,
            sack_permitted: false,
            rto,
            retransmit_at: None,
            retries: 0,
            syn_retransmitted: false,
            syn_ack_sent: false,
            rtt_probe: None,
            time_wait_until: None,
            persist_at: None,
            persist_wait: Duration::ZERO,
            persist_backoff: 0,
            dup_acks_seen: 0,
            ack_pending: None,
            outbox: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The connection state (RFC 9293 §3.3.2).
    pub fn state(&self) -> State {
        self.state
    }

    /// The configuration it was made with.
    pub fn config(&self) -> &EndpointConfig {
        &self.config
    }

    /// The local address, from the configuration.
    pub fn local(&self) -> SocketAddr {
        self.config.local
    }

    /// The peer's address, once a connect or an arriving SYN has named it.
    pub fn remote(&self) -> Option<SocketAddr> {
        self.remote
    }

    /// The next event for the application or a view.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// The send window (SND.WND) and congestion window, for views that show them.
    pub fn windows(&self) -> (u32, u32) {
        (self.snd_wnd, self.congestion.cwnd())
    }

    /// Bytes the application may still hand to `send` right now.
    pub fn send_room(&self) -> usize {
        (self.config.send_buffer as usize).saturating_sub(self.send_buf.len())
    }

    /// Bytes sent and not yet acknowledged.
    fn flight_size(&self) -> u32 {
        self.snd_nxt.distance_from(self.snd_una)
    }

    /// The congestion window and slow start threshold (`None` while still
    /// "arbitrarily high"), as the last `Event::Congestion` reported them.
    pub fn congestion_window(&self) -> (u32, Option<u32>) {
        (self.congestion.cwnd(), self.congestion.ssthresh_set())
    }

    /// cwnd and ssthresh now, to tell afterwards whether a rule moved them.
    fn congestion_mark(&self) -> (u32, u32) {
        (self.congestion.cwnd(), self.congestion.ssthresh())
    }

    /// Reports the congestion state as an event when `why` moved it from
    /// `before` (or always, for the initial window). Nothing when congestion
    /// control is off: the model's numbers then limit nothing.
    fn report_congestion(&mut self, before: (u32, u32), why: CongestionCause) {
        if !self.config.congestion_control
            || (why != CongestionCause::Initial && self.congestion_mark() == before)
        {
            return;
        }
        self.events.push_back(Event::Congestion(CongestionWindow {
            cwnd: self.congestion.cwnd(),
            ssthresh: self.congestion.ssthresh_set(),
            flight: self.flight_size(),
            why,
        }));
    }

    /// Every state change goes through here, so each one is reported with its cause.
    fn set_state(&mut self, to: State, cause: Cause) {
        let from = self.state;
        if from == to {
            return;
        }
        self.state = to;
        self.events
            .push_back(Event::StateChanged { from, to, cause });
        if to == State::Closed || to == State::Listen {
            self.forget_connection();
        }
    }

    /// Deletes the TCB (RFC 9293 "delete the TCB") but keeps the configuration,
    /// so a closed endpoint still answers with RST and can listen again.
    fn forget_connection(&mut self) {
        let passive = self.passive && self.state == State::Listen;
        let config = self.config.clone();
        let events = std::mem::take(&mut self.events);
        let outbox = std::mem::take(&mut self.outbox);
        let state = self.state;
        *self = Endpoint::new(config);
        self.state = state;
        self.passive = passive;
        self.events = events;
        self.outbox = outbox;
    }

    /// The sequence number of our FIN, once `close()` queued one.
    fn fin_seq(&self) -> Option<SeqNumber> {
        self.fin_queued
            .then(|| self.send_base + self.send_buf.len() as u32)
    }

    fn fin_acked(&self) -> bool {
        matches!(self.fin_seq(), Some(fin) if self.snd_una > fin)
    }

    /// Our receive window in bytes: buffer space the application has not filled.
    fn receive_window(&self) -> u32 {
        self.config.recv_buffer.saturating_sub(self.rcv_unread)
    }

    /// Eff.snd.MSS of RFC 9293 §3.7.1: the peer's MSS less our per-segment options.
    fn effective_mss(&self) -> u16 {
        let options = if self.timestamps { 12 } else { 0 };
        self.peer_mss.saturating_sub(options).max(1)
    }
}
