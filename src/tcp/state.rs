//! The eleven connection states of RFC 9293 §3.3.2, and why an endpoint moves
//! between them.

use std::fmt;

/// A connection state, named as the RFC names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum State {
    /// No connection.
    #[default]
    Closed,
    /// Waiting for a SYN from any remote TCP (passive open).
    Listen,
    /// Our SYN is sent; waiting for the matching SYN,ACK.
    SynSent,
    /// A SYN arrived and our SYN,ACK is sent; waiting for its ACK.
    SynReceived,
    /// Open: data flows both ways.
    Established,
    /// We closed; waiting for the ACK of our FIN (or the peer's FIN).
    FinWait1,
    /// Our FIN is acknowledged; waiting for the peer's FIN.
    FinWait2,
    /// The peer closed; waiting for our application to close.
    CloseWait,
    /// Both sides closed at once; waiting for the ACK of our FIN.
    Closing,
    /// The peer closed first and so did we; waiting for the ACK of our FIN.
    LastAck,
    /// Both FINs are acknowledged; waiting 2×MSL so stray segments die out.
    TimeWait,
}

impl State {
    /// Every state, in the order of RFC 9293 §3.3.2's list.
    pub const ALL: [State; 11] = [
        State::Closed,
        State::Listen,
        State::SynSent,
        State::SynReceived,
        State::Established,
        State::FinWait1,
        State::FinWait2,
        State::CloseWait,
        State::Closing,
        State::LastAck,
        State::TimeWait,
    ];

    /// The RFC's spelling, `SYN-SENT`.
    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Listen => "LISTEN",
            State::SynSent => "SYN-SENT",
            State::SynReceived => "SYN-RECEIVED",
            State::Established => "ESTABLISHED",
            State::FinWait1 => "FIN-WAIT-1",
            State::FinWait2 => "FIN-WAIT-2",
            State::CloseWait => "CLOSE-WAIT",
            State::Closing => "CLOSING",
            State::LastAck => "LAST-ACK",
            State::TimeWait => "TIME-WAIT",
        }
    }

    /// Parses the RFC name, ignoring case and accepting `_` for `-`.
    pub fn parse(text: &str) -> Option<State> {
        let wanted = text.trim().to_ascii_uppercase().replace('_', "-");
        State::ALL.into_iter().find(|s| s.name() == wanted)
    }

    /// "Synchronized" states of RFC 9293 §3.5.2: both sides' sequence numbers are known.
    pub fn is_synchronized(self) -> bool {
        !matches!(
            self,
            State::Closed | State::Listen | State::SynSent | State::SynReceived
        )
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Why an endpoint changed state: one variant per arrow of the RFC 9293 state
/// diagram (and the reset and timeout paths the diagram leaves out).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cause {
    /// The application called `listen()` (passive OPEN).
    CallListen,
    /// The application called `connect()` (active OPEN): a SYN goes out.
    CallConnect,
    /// The application called `close()`: a FIN is queued.
    CallClose,
    /// The application called `abort()`.
    CallAbort,
    /// A SYN arrived at a listening endpoint.
    RecvSyn,
    /// A SYN arrived in SYN-SENT without an ACK: both sides opened at once.
    RecvSimultaneousSyn,
    /// A SYN,ACK acknowledging our SYN arrived in SYN-SENT.
    RecvSynAck,
    /// The ACK of our SYN arrived in SYN-RECEIVED.
    RecvAckOfSyn,
    /// The peer's FIN arrived.
    RecvFin,
    /// The ACK of our FIN arrived.
    RecvAckOfFin,
    /// A FIN that also acknowledges our FIN arrived in FIN-WAIT-1.
    RecvFinAckOfFin,
    /// An acceptable RST arrived.
    RecvRst,
    /// An RST arrived in SYN-RECEIVED on a passively opened connection, or a
    /// SYN arrived there: back to listening.
    RecvRstBackToListen,
    /// The TIME-WAIT timer (2×MSL) expired.
    TimeWaitExpired,
    /// The retransmission limit was reached: the connection gives up.
    RetransmitLimit,
}
