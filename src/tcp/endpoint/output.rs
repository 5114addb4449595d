//! What the endpoint puts on the wire: the SYN or SYN,ACK, data within the
//! windows, FIN after the data, retransmissions, and bare ACKs.

use std::net::SocketAddr;

use bytes::Bytes;

use super::{Endpoint, SendReason, Transmit};
use crate::tcp::segment::{Flags, Segment, Timestamps};
use crate::tcp::state::State;
use crate::time::Instant;

impl Endpoint {
    /// The next segment to send, if any. Call until it returns `None`.
    #[must_use]
    pub fn poll_transmit(&mut self, now: Instant) -> Option<Transmit> {
        if let Some(t) = self.outbox.pop_front() {
            return Some(t);
        }
        let remote = self.remote?;
        match self.state {
            // SND.NXT = ISS: the SYN (or SYN,ACK) is due, for the first time or again.
            State::SynSent if self.snd_nxt == self.iss => {
                return Some(self.open_segment(now, remote, false));
            }
            // FIN-WAIT-1 too: a close() in SYN-RECEIVED moves there at once (§3.10.4),
            // yet the SYN,ACK still leads the sequence space, before the FIN.
            State::SynReceived | State::FinWait1 if self.snd_nxt == self.iss => {
                return Some(self.open_segment(now, remote, true));
            }
            _ => {}
        }
        if std::mem::take(&mut self.retransmit_now)
            && let Some(t) = self.fast_retransmit(now, remote)
        {
            return Some(t);
        }
        if let Some(t) = self.next_data(now, remote) {
            return Some(t);
        }
        let reason = self.ack_pending.take()?;
        let seg = self.segment(now, remote, self.snd_nxt, Flags::ACK, Bytes::new());
        Some(Transmit {
            segment: seg,
            reason,
            retransmission: false,
        })
    }

    /// The SYN of an active open, or the SYN,ACK of a passive (or simultaneous) one.
    fn open_segment(&mut self, now: Instant, remote: SocketAddr, with_ack: bool) -> Transmit {
        let flags = if with_ack {
            Flags::SYN | Flags::ACK
        } else {
            Flags::SYN
        };
        let mut seg = self.segment(now, remote, self.iss, flags, Bytes::new());
        // RFC 7323 §2.2: the window field of a SYN is never scaled.
        seg.window = self.config.recv_buffer.min(65535) as u16;
        if self.config.announce_mss {
            seg.options.mss = Some(self.config.mss);
        }
        // A SYN offers what we are configured for; a SYN,ACK only what the peer offered.
        let offer_ws = if with_ack { self.wscale_agreed } else { true };
        if offer_ws {
            seg.options.window_scale = self.config.window_scale;
        }
        seg.options.sack_permitted = if with_ack {
            self.sack_permitted
        } else {
            self.config.sack_permitted
        };
        let offer_ts = if with_ack {
            self.timestamps
        } else {
            self.config.timestamps
        };
        seg.options.timestamps = offer_ts.then_some(Timestamps {
            value: ts_clock(now),
            echo_reply: if with_ack { self.ts_recent } else { 0 },
        });
        // In a simultaneous open the first SYN,ACK repeats our SYN's sequence number
        // but is an answer, not a timeout: only a second SYN,ACK is a retransmission.
        let retransmission = if with_ack {
            self.syn_ack_sent
        } else {
            self.snd_max != self.iss
        };
        self.syn_ack_sent |= with_ack;
        self.syn_retransmitted |= retransmission;
        self.sent(now, &seg, retransmission);
        self.ack_pending = None;
        Transmit {
            segment: seg,
            reason: SendReason::Open,
            retransmission,
        }
    }

    /// New data (or data again after a timeout) within the send and congestion
    /// windows, and the FIN once all data is out.
    fn next_data(&mut self, now: Instant, remote: SocketAddr) -> Option<Transmit> {
        if !matches!(
            self.state,
            State::Established
                | State::CloseWait
                | State::FinWait1
                | State::LastAck
                | State::Closing
        ) {
            return None;
        }
        let offset = self.data_offset();
        let unsent = self.send_buf.len().saturating_sub(offset);
        let fin_due = matches!(self.fin_seq(), Some(fin) if self.snd_nxt <= fin);
        if unsent == 0 && !fin_due {
            return None;
        }
        let flight = self.flight_size();
        let window = if self.config.congestion_control {
            self.snd_wnd.min(self.congestion.cwnd())
        } else {
            self.snd_wnd
        };
        let usable = window.saturating_sub(flight) as usize;
        let mss = usize::from(self.effective_mss());
        let len = unsent.min(usable).min(mss);
        // Sender-side silly window avoidance (RFC 9293 §3.8.6.2.1): while data is
        // in flight, wait rather than send a segment the window cut short.
        if len < unsent && len < mss && flight > 0 {
            return None;
        }
        let fin_now = fin_due && offset + len == self.send_buf.len();
        if len == 0 && !fin_now {
            if self.snd_wnd == 0 && flight == 0 && self.persist_at.is_none() {
                // Zero window: the persist timer will probe it (§3.8.6.1).
                self.arm_persist(now, self.rto.rto());
            }
            return None;
        }
        let payload = self.send_buf.slice(offset, len);
        let mut flags = Flags::ACK;
        if len > 0 && offset + len == self.send_buf.len() {
            flags = flags | Flags::PSH;
        }
        if fin_now {
            flags = flags | Flags::FIN;
        }
        let seg = self.segment(now, remote, self.snd_nxt, flags, payload);
        let retransmission = seg.seq < self.snd_max;
        self.sent(now, &seg, retransmission);
        self.ack_pending = None;
        Some(Transmit {
            segment: seg,
            reason: SendReason::Data,
            retransmission,
        })
    }

    /// RFC 5681 §3.2: resend the first unacknowledged segment after three
    /// duplicate ACKs, without waiting for the timer.
    fn fast_retransmit(&mut self, now: Instant, remote: SocketAddr) -> Option<Transmit> {
        let offset = self.snd_una.distance_from(self.send_base) as usize;
        let outstanding = self.snd_nxt.distance_from(self.snd_una) as usize;
        let len = self
            .send_buf
            .len()
            .saturating_sub(offset)
            .min(outstanding)
            .min(usize::from(self.effective_mss()));
        let fin =
            matches!(self.fin_seq(), Some(f) if self.snd_una + len as u32 == f && self.snd_nxt > f);
        if len == 0 && !fin {
            return None;
        }
        let payload = self.send_buf.slice(offset, len);
        let mut flags = Flags::ACK;
        if fin {
            flags = flags | Flags::FIN;
        }
        let seg = self.segment(now, remote, self.snd_una, flags, payload);
        self.ack_pending = None;
        Some(Transmit {
            segment: seg,
            reason: SendReason::FastRetransmit,
            retransmission: true,
        })
    }

    /// Sends one byte past a zero window, to learn when it opens (§3.8.6.1).
    pub(super) fn window_probe(&mut self, now: Instant) {
        let Some(remote) = self.remote else { return };
        self.snd_nxt = self.snd_una;
        let offset = self.data_offset();
        let seg = if offset < self.send_buf.len() {
            let payload = self.send_buf.slice(offset, 1);
            self.segment(now, remote, self.snd_nxt, Flags::ACK, payload)
        } else if matches!(self.fin_seq(), Some(fin) if fin == self.snd_nxt) {
            // No data is left, only our FIN: it probes the window in its place.
            self.segment(
                now,
                remote,
                self.snd_nxt,
                Flags::ACK | Flags::FIN,
                Bytes::new(),
            )
        } else {
            return;
        };
        let retransmission = seg.seq < self.snd_max;
        self.snd_nxt += 1;
        if self.snd_max < self.snd_nxt {
            self.snd_max = self.snd_nxt;
        }
        self.outbox.push_back(Transmit {
            segment: seg,
            reason: SendReason::WindowProbe,
            retransmission,
        });
    }

    /// Where SND.NXT falls in the send buffer.
    fn data_offset(&self) -> usize {
        if self.snd_nxt > self.send_base {
            self.snd_nxt.distance_from(self.send_base) as usize
        } else {
            0
        }
    }

    /// A segment from us with ACK, window and timestamps filled in.
    fn segment(
        &mut self,
        now: Instant,
        remote: SocketAddr,
        seq: crate::tcp::seq::SeqNumber,
        flags: Flags,
        payload: Bytes,
    ) -> Segment {
        let mut seg = Segment::new(self.config.local, remote, seq, flags);
        if flags.ack() {
            seg.ack = self.rcv_nxt;
        }
        seg.window = self.advertise_window();
        // RFC 7323 §3.2: once negotiated, "the TSopt MUST be sent in every non-<RST>
        // segment", the ACKs sent in SYN-RECEIVED included.
        if self.timestamps {
            seg.options.timestamps = Some(Timestamps {
                value: ts_clock(now),
                echo_reply: self.ts_recent,
            });
        }
        seg.payload = payload;
        seg
    }

    /// The window field: free buffer, scaled down, at most 65535.
    fn advertise_window(&mut self) -> u16 {
        let field = (self.receive_window() >> self.rcv_wscale).min(65535);
        self.rcv_wnd_advertised = field << self.rcv_wscale;
        field as u16
    }

    /// Bookkeeping after sending sequence space: SND.NXT, SND.MAX, the RTT probe
    /// (never on a retransmission: Karn's rule) and the retransmission timer.
    fn sent(&mut self, now: Instant, seg: &Segment, retransmission: bool) {
        let len = seg.seq_len();
        if len == 0 {
            return;
        }
        self.snd_nxt = seg.seq + len;
        if self.snd_max < self.snd_nxt {
            self.snd_max = self.snd_nxt;
        }
        if retransmission {
            self.rtt_probe = None;
        } else if self.rtt_probe.is_none() {
            self.rtt_probe = Some((seg.seq, now));
        }
        // RFC 6298 §5.1: start the timer if it is not running.
        if self.retransmit_at.is_none() {
            self.retransmit_at = Some(now + self.rto.rto());
        }
    }
}

/// The timestamp clock of RFC 7323: milliseconds of virtual time.
fn ts_clock(now: Instant) -> u32 {
    (now.micros() / 1000) as u32
}
