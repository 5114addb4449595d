//! The user calls of RFC 9293 §3.10.1-§3.10.5 (OPEN, SEND, CLOSE, ABORT), each a
//! `match` on the state with the RFC's answer.

use std::net::SocketAddr;

use bytes::Bytes;

use super::{Endpoint, ResetReason, SendReason, Transmit};
use crate::tcp::segment::{Flags, Segment};
use crate::tcp::state::{Cause, State};
use crate::time::Instant;

/// A call the current state does not allow, with the RFC's words for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CallError {
    /// "error: connection does not exist"
    #[error("connection does not exist")]
    NotConnected,
    /// "error: connection already exists"
    #[error("connection already exists")]
    AlreadyOpen,
    /// "error: connection closing"
    #[error("connection closing")]
    Closing,
}

impl Endpoint {
    /// Passive OPEN (§3.10.1): wait for a SYN.
    pub fn listen(&mut self, _now: Instant) -> Result<(), CallError> {
        match self.state {
            State::Closed => {
                self.passive = true;
                self.set_state(State::Listen, Cause::CallListen);
                Ok(())
            }
            _ => Err(CallError::AlreadyOpen),
        }
    }

    /// Active OPEN (§3.10.1): send a SYN to `remote`. Allowed in CLOSED and, as the
    /// RFC permits, in LISTEN (which then becomes an active open).
    pub fn connect(&mut self, _now: Instant, remote: SocketAddr) -> Result<(), CallError> {
        match self.state {
            State::Closed | State::Listen => {
                self.passive = false;
                self.remote = Some(remote);
                // The SYN itself is built by `poll_transmit`: SND.NXT = ISS means
                // "the SYN is still to be sent".
                self.set_state(State::SynSent, Cause::CallConnect);
                Ok(())
            }
            _ => Err(CallError::AlreadyOpen),
        }
    }

    /// SEND (§3.10.2): queue data; returns how many bytes fit in the send buffer.
    pub fn send(&mut self, now: Instant, data: &[u8]) -> Result<usize, CallError> {
        self.check_can_send()?;
        let n = data.len().min(self.send_room());
        self.send_bytes(now, Bytes::copy_from_slice(&data[..n]))
    }

    /// SEND with data the caller already holds as `Bytes`: segments will share
    /// it instead of copying it. Returns how many bytes fit.
    pub fn send_bytes(&mut self, _now: Instant, data: Bytes) -> Result<usize, CallError> {
        self.check_can_send()?;
        let n = data.len().min(self.send_room());
        self.send_buf.push(data.slice(..n));
        Ok(n)
    }

    fn check_can_send(&self) -> Result<(), CallError> {
        match self.state {
            State::Closed | State::Listen => Err(CallError::NotConnected),
            State::SynSent | State::SynReceived | State::Established | State::CloseWait => {
                if self.fin_queued {
                    Err(CallError::Closing)
                } else {
                    Ok(())
                }
            }
            State::FinWait1
            | State::FinWait2
            | State::Closing
            | State::LastAck
            | State::TimeWait => Err(CallError::Closing),
        }
    }

    /// CLOSE (§3.10.4): no more data from us; a FIN follows what is queued.
    pub fn close(&mut self, _now: Instant) -> Result<(), CallError> {
        match self.state {
            State::Closed => Err(CallError::NotConnected),
            // "Any outstanding RECEIVEs are returned ... delete TCB, enter CLOSED"
            State::Listen | State::SynSent => {
                self.set_state(State::Closed, Cause::CallClose);
                Ok(())
            }
            // "queue ... then form a FIN segment and send it, enter FIN-WAIT-1"
            State::SynReceived | State::Established => {
                self.fin_queued = true;
                self.set_state(State::FinWait1, Cause::CallClose);
                Ok(())
            }
            // "Queue this request until all preceding SENDs have been segmentized;
            // then send a FIN segment, enter LAST-ACK state."
            State::CloseWait => {
                self.fin_queued = true;
                self.set_state(State::LastAck, Cause::CallClose);
                Ok(())
            }
            State::FinWait1
            | State::FinWait2
            | State::Closing
            | State::LastAck
            | State::TimeWait => Err(CallError::Closing),
        }
    }

    /// ABORT (§3.10.5): drop everything; send an RST if the peer knows us.
    pub fn abort(&mut self, _now: Instant) -> Result<(), CallError> {
        match self.state {
            State::Closed => Err(CallError::NotConnected),
            State::Listen | State::SynSent | State::Closing | State::LastAck | State::TimeWait => {
                self.set_state(State::Closed, Cause::CallAbort);
                Ok(())
            }
            // "Send a reset segment: <SEQ=SND.NXT><CTL=RST>"
            State::SynReceived
            | State::Established
            | State::FinWait1
            | State::FinWait2
            | State::CloseWait => {
                if let Some(remote) = self.remote {
                    let rst = Segment::new(self.config.local, remote, self.snd_nxt, Flags::RST);
                    self.outbox.push_back(Transmit {
                        segment: rst,
                        reason: SendReason::Reset(ResetReason::Abort),
                        retransmission: false,
                    });
                }
                self.set_state(State::Closed, Cause::CallAbort);
                Ok(())
            }
        }
    }

    /// The application read `n` bytes of delivered data, freeing receive buffer.
    /// If our window had shrunk to less than an MSS, a window update goes out.
    pub fn consume(&mut self, n: u32) {
        let before = self.receive_window();
        self.rcv_unread = self.rcv_unread.saturating_sub(n);
        let after = self.receive_window();
        let mss = u32::from(self.config.mss);
        let can_advertise = matches!(
            self.state,
            State::Established | State::FinWait1 | State::FinWait2
        );
        // RFC 9293 §3.8.6.2.2: announce the window again once it grew by at least
        // one MSS (or half the buffer) from what the peer was last told.
        let grown = after.saturating_sub(self.rcv_wnd_advertised);
        if can_advertise
            && before < mss
            && (grown >= mss || grown >= self.config.recv_buffer / 2)
            && self.ack_pending.is_none()
        {
            self.ack_pending = Some(SendReason::WindowUpdate);
        }
    }
}
