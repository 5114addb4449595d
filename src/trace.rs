//! The trace: the contract between every source (a simulated lesson, real
//! sockets, a capture) and every view (ladder, narration, bits, pcap, JSON).
//!
//! Sources push steps into a [`Sink`] as they happen, so a million-segment run
//! needs no more memory than one step; [`Trace`] is just the sink that keeps them.
//! The sink, tee and collector are shared with every protocol ([`crate::flow`]);
//! TCP's steps are their default, so they are named here as TCP code uses them.

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;

/// The congestion step's numbers belong to the TCP model that makes them.
pub use crate::tcp::congestion::{CongestionCause, CongestionWindow};
use crate::tcp::{Cause, ConnError, DiscardReason, Segment, State, Timer, Transmit};
use crate::time::Instant;

use crate::flow::{Collected, TraceStep};
pub use crate::flow::{Discard, Sink, Tee};

/// Which side of the connection a step belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Host {
    /// The side that opens the connection (active open).
    #[default]
    Client,
    /// The side that listens and accepts it (passive open).
    Server,
}

impl Host {
    /// Both hosts, client first: the order of the ladder's columns.
    pub const BOTH: [Host; 2] = [Host::Client, Host::Server];

    /// The lowercase name of the JSON format and the lesson files.
    pub fn name(self) -> &'static str {
        match self {
            Host::Client => "client",
            Host::Server => "server",
        }
    }

    /// The other side of the connection.
    pub fn peer(self) -> Host {
        match self {
            Host::Client => Host::Server,
            Host::Server => Host::Client,
        }
    }

    /// 0 for the client, 1 for the server: the index into per-host arrays.
    pub fn index(self) -> usize {
        match self {
            Host::Client => 0,
            Host::Server => 1,
        }
    }

    /// Reads a name as [`Host::name`] writes it, in any case and with surrounding space.
    pub fn parse(text: &str) -> Option<Host> {
        match text.trim().to_ascii_lowercase().as_str() {
            "client" => Some(Host::Client),
            "server" => Some(Host::Server),
            _ => None,
        }
    }
}

/// A call the application made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// `listen()`: a passive open (RFC 9293 §3.10.1).
    Listen,
    /// `connect()`: an active open, which sends the SYN (RFC 9293 §3.10.1).
    Connect {
        /// The peer address the SYN goes to.
        remote: SocketAddr,
    },
    /// `send()`; `preview` holds the first bytes (all of them for short messages).
    Send {
        /// How many bytes the application handed over.
        len: u64,
        /// The first of them, for the views to show.
        preview: Bytes,
    },
    /// `close()`: this side has no more to send (RFC 9293 §3.10.4).
    Close,
    /// `abort()`: drop the connection at once and send a RST (RFC 9293 §3.10.5).
    Abort,
    /// The application stops reading: the receive buffer fills and the window closes.
    PauseReading,
    /// The application reads again: the window opens.
    ResumeReading,
}

impl Call {
    /// The call's name as in the JSON format and the lesson files.
    pub fn name(&self) -> &'static str {
        match self {
            Call::Listen => "listen",
            Call::Connect { .. } => "connect",
            Call::Send { .. } => "send",
            Call::Close => "close",
            Call::Abort => "abort",
            Call::PauseReading => "pause-reading",
            Call::ResumeReading => "resume-reading",
        }
    }
}

/// How the link mistreated a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// A scripted fault of the lesson dropped it.
    Drop,
    /// Random loss at the link's loss rate.
    RandomLoss,
    /// Delivered twice.
    Duplicate,
    /// Delivered late by this much.
    Delay(Duration),
    /// Held back and delivered after the segment that follows it.
    Reorder,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The application made a call.
    Call(Call),
    /// A segment left this host. For a segment read from a capture,
    /// `captured` is its TCP header exactly as the capture holds it (options
    /// in their order, the checksum as found); `None` for segments the model
    /// makes, whose bytes the encoder gives.
    Send {
        /// The segment and why it was sent.
        transmit: Transmit,
        /// The TCP header as captured, when the segment came from a capture.
        captured: Option<Bytes>,
    },
    /// A segment reached this host.
    Deliver(Segment),
    /// A segment sent by this host was lost on the link.
    Drop {
        /// The segment that was lost.
        segment: Segment,
        /// What lost it: a scripted drop or random loss.
        fault: Fault,
    },
    /// The link will deliver this host's segment late, twice or out of order.
    Mangle {
        /// The segment the link mistreats.
        segment: Segment,
        /// What the link does to it.
        fault: Fault,
    },
    /// This host moved from one connection state to another.
    State {
        /// The state it left.
        from: State,
        /// The state it entered.
        to: State,
        /// The endpoint's arrow, or what an observer inferred.
        cause: StateCause,
    },
    /// A timer of this host expired.
    Timer {
        /// Which timer.
        timer: Timer,
        /// How long it had been armed.
        after: Duration,
        /// Retransmissions (or window probes) of this timer so far, this one included.
        attempt: u32,
    },
    /// In-order bytes handed to this host's application.
    Data(Bytes),
    /// The application was told the connection failed.
    Error(ConnError),
    /// The endpoint threw an arriving segment away.
    Discard(DiscardReason),
    /// The peer repeated an ACK for the `count`-th time in a row.
    DuplicateAck {
        /// How many duplicates in a row; the third starts fast retransmit (RFC 5681 §3.2).
        count: u32,
    },
    /// Data arrived after a gap and waits to be reassembled.
    OutOfOrder {
        /// The first sequence number of the early data.
        seq: crate::tcp::SeqNumber,
        /// How many bytes of it.
        len: u32,
    },
    /// What an observer of a capture noticed about the segment just sent.
    Note(Note),
    /// A UDP datagram in a capture (listed, with no TCP state).
    Datagram(Datagram),
    /// The sender's congestion control moved (RFC 5681): the model's own
    /// cwnd, ssthresh and bytes in flight, which no capture can see.
    Congestion(CongestionWindow),
}

/// Why a host changed state: the endpoint's own move, or what an observer of
/// a capture inferred, which no endpoint ever does itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateCause {
    /// An arrow of RFC 9293's state diagram, taken by the endpoint (or, in
    /// a capture, seen taken).
    Endpoint(Cause),
    /// Seen in a capture: a SYN arrived, so this side must have been listening.
    InferredListen,
    /// Seen in a capture that began after the handshake: already open.
    CaughtMidStream,
}

impl From<Cause> for StateCause {
    fn from(cause: Cause) -> Self {
        StateCause::Endpoint(cause)
    }
}

/// Observations about a captured segment, the way Wireshark's TCP analysis
/// flags them (its manual, "TCP Analysis"), plus what synack can say beyond
/// them, so the narration can explain each. The names in the comments are
/// Wireshark's `tcp.analysis.*` fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// The capture starts after the handshake: both sides are taken as
    /// ESTABLISHED, and which one is the client is guessed from the ports.
    MidStream,
    /// `retransmission`: these sequence numbers were seen before, and no
    /// sharper reason (fast, spurious) applies.
    Retransmission(Resent),
    /// `fast_retransmission`: sent again at once after duplicate ACKs asked
    /// for it (RFC 5681 §3.2), without waiting for the timer.
    FastRetransmission(Resent),
    /// `spurious_retransmission`: sent again although the receiver had
    /// already acknowledged all of it.
    SpuriousRetransmission(Resent),
    /// `duplicate_ack`: the same ACK, window and sequence number again,
    /// carrying nothing: the `count`-th duplicate.
    DuplicateAck {
        /// How many duplicates of this ACK so far.
        count: u32,
        /// The acknowledgment number being repeated, as shown.
        ack: crate::tcp::SeqNumber,
        /// The capture's frame number of the ACK these repeat.
        original: Option<u32>,
        /// The SACK blocks it carries, as shown (relative when numbers are).
        sack: Vec<(u32, u32)>,
    },
    /// `lost_segment` ("previous segment not captured"): the sequence
    /// jumps ahead: `missing` sequence numbers were lost or not captured.
    NotCaptured {
        /// The size of the jump, in sequence numbers.
        missing: u32,
    },
    /// `ack_lost_segment` ("ACKed segment that wasn't captured"): this ACK
    /// covers data the capture never showed.
    AckedUnseen {
        /// How many sequence numbers past what was seen it acknowledges.
        unseen: u32,
    },
    /// `out_of_order`: old sequence numbers that came within the initial
    /// RTT of the newest ones, so the network reordered them rather than the
    /// sender repeating itself.
    OutOfOrder {
        /// How many bytes it carries.
        len: u32,
    },
    /// `zero_window`: the receiver's buffer is full.
    ZeroWindow,
    /// `zero_window_probe`: one byte past a closed window, sent by the
    /// persist timer to ask whether it has opened (RFC 9293 §3.8.6.1).
    ZeroWindowProbe {
        /// The n-th probe in a row.
        attempt: u32,
        /// Time since the previous probe (or since the window closed).
        since: Option<std::time::Duration>,
    },
    /// `zero_window_probe_ack`: the answer to a probe, window still 0.
    ZeroWindowProbeAck,
    /// `window_update`: only the window changed: the receiver has room again.
    WindowUpdate {
        /// The new window, scaled to bytes.
        window: u32,
    },
    /// `window_full`: this data fills the receiver's advertised window to its edge.
    WindowFull {
        /// The window it fills, in bytes.
        window: u32,
    },
    /// `keep_alive`: no new data, one sequence number below the next: a
    /// probe that the peer is still there (RFC 9293 §3.8.4).
    KeepAlive {
        /// Time since this side's previous segment: the keep-alive interval.
        since: Option<std::time::Duration>,
    },
    /// `keep_alive_ack`: the answer to a keep-alive.
    KeepAliveAck,
    /// `reused_ports`: a new SYN on the ports of an earlier conversation,
    /// with a new ISN: a new connection.
    ReusedPorts,
    /// The capture kept only the first `captured` of `len` payload bytes.
    Truncated {
        /// How many payload bytes the capture holds.
        captured: u32,
        /// How many the segment carried on the wire.
        len: u32,
    },
    /// Sequence numbers are shown relative to this side's ISN.
    Relative {
        /// The initial sequence number the relative ones count from.
        isn: crate::tcp::SeqNumber,
    },
    /// The handshake's round trip, from the SYN to the ACK that completed
    /// it (Wireshark's `initial_rtt`); reordering is judged against it.
    InitialRtt {
        /// SYN to third-handshake ACK.
        rtt: std::time::Duration,
    },
    /// This ACK acknowledges the segment of frame `frame`, sent `rtt` ago
    /// (Wireshark's `acks_frame` and `ack_rtt`).
    Acks {
        /// The frame of the segment acknowledged.
        frame: u32,
        /// How long the acknowledgment took.
        rtt: std::time::Duration,
    },
    /// The handshake settled window scaling: each side's shift, when both
    /// SYNs offered it (RFC 7323 §2.2); `None` when scaling is off.
    WindowScale {
        /// The client's shift and the server's, or `None` when off.
        shifts: Option<[u8; 2]>,
    },
    /// Seen at the capture point but never delivered: later packets show
    /// it was lost after the capture point.
    LostAfterCapture(LossEvidence),
    /// The payload reads like TCP's own control words (`SYN:1234`,
    /// `ACK:…`): an application "playing" a handshake inside data.
    ControlWords {
        /// The words, as the payload has them (at most a line).
        text: String,
        /// The frames of the real handshake's SYN, SYN,ACK and ACK, when seen.
        handshake: Option<[u32; 3]>,
    },
    /// The connection's first bytes are a Fernet key, sent in the clear (the
    /// classic Fernet programs): whoever captured it can read every token.
    FernetKey {
        /// The key, as sent (44 URL-safe base64 characters).
        key: String,
    },
    /// A payload after a key in the clear, decrypted with that key.
    FernetToken {
        /// The frame that carried the key.
        key_frame: u32,
        /// Bytes of the token.
        len: u32,
        /// The plaintext, escaped and cut short; `None` when it does not
        /// decrypt under the key.
        text: Option<String>,
    },
}

/// A retransmission's story: which frame first carried the bytes, how many
/// times they went out again, and how long the sender waited each time.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Resent {
    /// The frame that first carried these sequence numbers, when captured.
    pub original: Option<u32>,
    /// 1 for the first retransmission of these bytes, 2 for the second, …
    pub attempt: u32,
    /// The time between consecutive sends of these bytes, oldest first:
    /// the retransmission timer's backoff (RFC 6298 §5.5). At most
    /// [`Resent::MAX_GAPS`] are kept.
    pub gaps: Vec<std::time::Duration>,
    /// Set when synack's verdict differs from Wireshark's: the evidence.
    pub overrides: Option<Override>,
}

impl Resent {
    /// How many gaps a [`Resent`] keeps.
    pub const MAX_GAPS: usize = 16;
}

/// Why synack calls a segment something Wireshark would not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Override {
    /// Wireshark says out-of-order (it came soon after newer data), but its
    /// TCP timestamp is later than the newer data's, so it was sent after
    /// it, and the receiver had asked for exactly these bytes with `dupacks`
    /// duplicate ACKs before they came: the sender repeated them.
    AskedFor {
        /// How many duplicate ACKs asked.
        dupacks: u32,
        /// This segment's TSval.
        tsval: u32,
        /// The TSval of the newest data seen before it.
        newer_tsval: u32,
    },
    /// Wireshark says keep-alive (one byte just below the next sequence
    /// number), but the peer had not acknowledged that byte: its last ACK
    /// still asked for `ack`. A keep-alive repeats an acknowledged byte.
    NotYetAcked {
        /// The peer's last acknowledgment number, as on the wire.
        ack: crate::tcp::SeqNumber,
    },
}

/// What showed that a segment seen in the capture never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossEvidence {
    /// The peer sent its SYN again (frame `frame`): it never got this SYN,ACK.
    RepeatedSyn {
        /// The repeated SYN.
        frame: u32,
    },
    /// The sender sent the same sequence numbers again (frame `frame`)
    /// before anything acknowledged them.
    Resent {
        /// The retransmission.
        frame: u32,
    },
    /// The peer resent what this ACK acknowledged (frame `frame`): it never got the ACK.
    PeerResent {
        /// The peer's retransmission.
        frame: u32,
    },
}

/// A UDP datagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Datagram {
    /// Sending socket address.
    pub src: SocketAddr,
    /// Receiving socket address.
    pub dst: SocketAddr,
    /// The captured bytes (maybe fewer than `len`).
    pub payload: Bytes,
    /// The datagram's payload length as the UDP header gives it.
    pub len: u32,
}

impl StepKind {
    /// The `kind` field of the JSON format.
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Call(_) => "call",
            StepKind::Send { .. } => "send",
            StepKind::Deliver(_) => "deliver",
            StepKind::Drop { .. } => "drop",
            StepKind::Mangle { .. } => "fault",
            StepKind::State { .. } => "state",
            StepKind::Timer { .. } => "timer",
            StepKind::Data(_) => "data",
            StepKind::Error(_) => "error",
            StepKind::Discard(_) => "discard",
            StepKind::DuplicateAck { .. } => "dupack",
            StepKind::OutOfOrder { .. } => "out-of-order",
            StepKind::Note(_) => "note",
            StepKind::Datagram(_) => "udp",
            StepKind::Congestion(_) => "congestion",
        }
    }
}

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// When it happened, on the run's clock.
    pub t: Instant,
    /// The host it belongs to.
    pub host: Host,
    /// Which connection, for sources with more than one (a capture); 0 otherwise.
    pub conv: u32,
    /// The capture's frame number (1-based, as Wireshark's "No.") of the
    /// packet this step came from; `None` for steps no packet made.
    pub frame: Option<u32>,
    /// What happened.
    pub kind: StepKind,
}

/// What a view needs to know before the first step: who talks to whom, and what
/// the run is about. Titles are already in the language the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceMeta {
    /// What the run shows, one line.
    pub title: String,
    /// A sentence or two on what to look for.
    pub summary: String,
    /// The client's socket address.
    pub client: SocketAddr,
    /// The server's socket address.
    pub server: SocketAddr,
    /// One-way latency of the simulated link, when there is one.
    pub latency: Option<Duration>,
}

impl TraceStep for Step {
    type Meta = TraceMeta;

    fn at(&self) -> Instant {
        self.t
    }

    fn host(&self) -> Host {
        self.host
    }
}

/// A whole TCP run, kept: for tests and for views that need all of it.
pub type Trace = Collected<Step>;
