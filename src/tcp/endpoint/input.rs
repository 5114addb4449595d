//! SEGMENT ARRIVES (RFC 9293 §3.10.7): what the endpoint does with each segment,
//! state by state and check by check, in the RFC's order.

use super::{ConnError, DiscardReason, Endpoint, Event, ResetReason, SendReason, Transmit};
use crate::tcp::congestion::CongestionCause;
use crate::tcp::congestion::DupAckAction;
use crate::tcp::segment::{Flags, Segment};
use crate::tcp::seq::SeqNumber;
use crate::tcp::state::{Cause, State};
use crate::time::Instant;

/// Default send MSS when the peer sends no MSS option (RFC 9293 §3.7.1).
const DEFAULT_MSS_V4: u16 = 536;
const DEFAULT_MSS_V6: u16 = 1220;

impl Endpoint {
    /// A segment addressed to this endpoint arrived at `now`.
    pub fn handle_segment(&mut self, now: Instant, seg: &Segment) {
        // A segment from another peer belongs to a connection we do not have:
        // it is answered as in CLOSED.
        let ours = self.remote.is_none_or(|r| r == seg.src);
        match self.state {
            _ if !ours => self.arrive_closed(seg),
            State::Closed => self.arrive_closed(seg),
            State::Listen => self.arrive_listen(seg),
            State::SynSent => self.arrive_syn_sent(now, seg),
            _ => self.arrive_other(now, seg),
        }
        if std::mem::take(&mut self.congestion_starting) && self.state.is_synchronized() {
            self.report_congestion((0, 0), CongestionCause::Initial);
        }
    }

    /// §3.10.7.1: no TCB. Everything but an RST is answered with an RST.
    fn arrive_closed(&mut self, seg: &Segment) {
        if seg.flags.rst() {
            self.events
                .push_back(Event::Discarded(DiscardReason::ResetIgnored));
            return;
        }
        let rst = if seg.flags.ack() {
            // <SEQ=SEG.ACK><CTL=RST>
            Segment::new(seg.dst, seg.src, seg.ack, Flags::RST)
        } else {
            // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
            let mut rst = Segment::new(seg.dst, seg.src, SeqNumber(0), Flags::RST | Flags::ACK);
            rst.ack = seg.seq + seg.seq_len();
            rst
        };
        self.push_reset(rst, ResetReason::NoConnection);
    }

    /// §3.10.7.2: LISTEN waits for a SYN.
    fn arrive_listen(&mut self, seg: &Segment) {
        if seg.flags.rst() {
            // "An incoming RST segment could not be valid ... ignored"
            self.events
                .push_back(Event::Discarded(DiscardReason::ResetIgnored));
        } else if seg.flags.ack() {
            // "Any acknowledgment is bad if it arrives on a connection still in the
            // LISTEN state": <SEQ=SEG.ACK><CTL=RST>
            let rst = Segment::new(seg.dst, seg.src, seg.ack, Flags::RST);
            self.push_reset(rst, ResetReason::AckInListen);
        } else if seg.flags.syn() {
            // "set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ... ISS should be
            // selected and a SYN segment sent ... the connection state should be
            // changed to SYN-RECEIVED"
            self.remote = Some(seg.src);
            self.irs = seg.seq;
            self.rcv_nxt = seg.seq + 1;
            self.take_syn_options(seg);
            self.snd_wnd = u32::from(seg.window);
            self.max_snd_wnd = self.snd_wnd;
            self.snd_wl1 = seg.seq;
            self.snd_una = self.iss;
            self.snd_nxt = self.iss;
            self.note_timestamp(seg);
            self.set_state(State::SynReceived, Cause::RecvSyn);
        } else {
            self.events
                .push_back(Event::Discarded(DiscardReason::NotAConnectionRequest));
        }
    }

    /// §3.10.7.3: SYN-SENT waits for the SYN,ACK (or the peer's own SYN).
    fn arrive_syn_sent(&mut self, now: Instant, seg: &Segment) {
        // First: the ACK bit. "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset
        // (unless the RST bit is set, if so drop the segment and return)"
        let mut ack_acceptable = false;
        if seg.flags.ack() {
            if seg.ack <= self.iss || seg.ack > self.snd_max {
                if seg.flags.rst() {
                    self.events
                        .push_back(Event::Discarded(DiscardReason::ResetIgnored));
                } else {
                    let rst = Segment::new(seg.dst, seg.src, seg.ack, Flags::RST);
                    self.push_reset(rst, ResetReason::UnacceptableAck);
                }
                return;
            }
            ack_acceptable = self.snd_una < seg.ack && seg.ack <= self.snd_max;
        }
        // Second: the RST bit. "If the ACK was acceptable, then signal to the user
        // 'error: connection reset', drop the segment, enter CLOSED state"
        if seg.flags.rst() {
            if ack_acceptable {
                self.events.push_back(Event::Error(ConnError::Refused));
                self.set_state(State::Closed, Cause::RecvRst);
            } else {
                self.events
                    .push_back(Event::Discarded(DiscardReason::ResetIgnored));
            }
            return;
        }
        // Fourth: the SYN bit.
        if !seg.flags.syn() {
            self.events
                .push_back(Event::Discarded(DiscardReason::NotAConnectionRequest));
            return;
        }
        self.irs = seg.seq;
        self.rcv_nxt = seg.seq + 1;
        self.take_syn_options(seg);
        self.note_timestamp(seg);
        self.snd_wnd = u32::from(seg.window);
        self.max_snd_wnd = self.snd_wnd;
        self.snd_wl1 = seg.seq;
        if ack_acceptable {
            // "SND.UNA should be advanced to equal SEG.ACK ... If SND.UNA > ISS (our
            // SYN has been ACKed), change the connection state to ESTABLISHED, form
            // an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
            self.snd_wl2 = seg.ack;
            self.acknowledge(now, seg.ack);
            self.set_state(State::Established, Cause::RecvSynAck);
            self.ack_pending = Some(SendReason::Ack);
            // "If there are other controls or text in the segment, then continue
            // processing at the sixth step under Section 3.10.7.4": the text and FIN
            // after the SYN, which occupies SEG.SEQ.
            if !seg.payload.is_empty() || seg.flags.fin() {
                let mut rest = seg.clone();
                rest.seq = seg.seq + 1;
                rest.flags = Flags(seg.flags.0 & !Flags::SYN.0);
                if self.receive_text(&rest) {
                    self.receive_fin(now);
                }
            }
        } else {
            // Simultaneous open (§3.5, Figure 7): "enter SYN-RECEIVED, form a SYN,ACK
            // segment <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it."
            self.snd_nxt = self.iss;
            self.set_state(State::SynReceived, Cause::RecvSimultaneousSyn);
        }
    }

    /// §3.10.7.4: every other state, check by check.
    fn arrive_other(&mut self, now: Instant, seg: &Segment) {
        if self.state == State::SynReceived && !self.passive && self.is_simultaneous_syn_ack(seg) {
            // Figure 7, line 6: in a simultaneous open the peer's SYN,ACK repeats its
            // SYN (already counted in RCV.NXT) and acknowledges ours.
            self.snd_wl2 = seg.ack;
            self.acknowledge(now, seg.ack);
            self.update_send_window(now, seg);
            self.set_state(State::Established, Cause::RecvAckOfSyn);
            return;
        }
        // Our SYN,ACK is unacknowledged in SYN-RECEIVED, and in the FIN-WAIT-1 that
        // a close() in SYN-RECEIVED leads to.
        let syn_ack_unacked =
            matches!(self.state, State::SynReceived | State::FinWait1) && self.snd_una == self.iss;
        if syn_ack_unacked
            && seg.flags.syn()
            && !seg.flags.ack()
            && !seg.flags.rst()
            && seg.seq == self.irs
        {
            // The peer repeated its SYN: our SYN,ACK was lost or is late. Send it
            // again at once (§3.8.1 retransmission; what real stacks do), rather than
            // a bare ACK that would leave the peer in SYN-SENT. The timer restarts, so
            // the same SYN,ACK does not also leave on the timeout.
            self.snd_nxt = self.iss;
            self.retransmit_at = Some(now + self.rto.rto());
            self.events
                .push_back(Event::Discarded(DiscardReason::RepeatedSyn));
            return;
        }

        // First: is the sequence number acceptable?
        if !self.segment_acceptable(seg) {
            if seg.flags.rst() {
                self.events
                    .push_back(Event::Discarded(DiscardReason::ResetIgnored));
                return;
            }
            if self.state == State::TimeWait && seg.flags.fin() && seg.seq_end() == self.rcv_nxt {
                // §3.10.7.4 eighth check, TIME-WAIT: "The only thing that can arrive in
                // this state is a retransmission of the remote FIN. Acknowledge it, and
                // restart the 2 MSL timeout."
                self.restart_time_wait(now);
                self.ack_pending = Some(SendReason::Ack);
                self.events
                    .push_back(Event::Discarded(DiscardReason::Duplicate));
                return;
            }
            if self.receive_window() == 0
                && seg.seq == self.rcv_nxt
                && seg.flags.ack()
                && !seg.flags.syn()
                && self.state.is_synchronized()
            {
                // "If the RCV.WND is zero, no segments will be acceptable, but special
                // allowance should be made to accept valid ACKs": a segment at RCV.NXT
                // that only our closed window refuses (the peer's window probe, say)
                // still acknowledges our data. Its text and FIN are not taken.
                // An unacceptable ACK has already been discarded and answered
                // by `process_ack`: one segment, one discard step.
                if !self.process_ack(now, seg) || !self.after_ack_of_fin(now, false) {
                    return;
                }
            }
            // "send an acknowledgment: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"
            let reason = if seg.seq_end() <= self.rcv_nxt && seg.seq_len() > 0 {
                DiscardReason::Duplicate
            } else {
                DiscardReason::OutsideWindow
            };
            self.events.push_back(Event::Discarded(reason));
            self.ack_pending = Some(SendReason::DuplicateAck);
            return;
        }

        // Second: the RST bit (with RFC 5961 §3.2's exact-match rule).
        if seg.flags.rst() {
            if seg.seq != self.rcv_nxt {
                self.events
                    .push_back(Event::Discarded(DiscardReason::ResetNotExact));
                self.ack_pending = Some(SendReason::ChallengeAck);
                return;
            }
            match self.state {
                // "If this connection was initiated with a passive OPEN, then return
                // this connection to the LISTEN state"
                State::SynReceived if self.passive => {
                    self.set_state(State::Listen, Cause::RecvRstBackToListen);
                }
                // "... initiated with an active OPEN ... the connection was refused"
                State::SynReceived => {
                    self.events.push_back(Event::Error(ConnError::Refused));
                    self.set_state(State::Closed, Cause::RecvRst);
                }
                // "signal 'connection reset' ... enter the CLOSED state"
                State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                    self.events.push_back(Event::Error(ConnError::Reset));
                    self.set_state(State::Closed, Cause::RecvRst);
                }
                // "enter the CLOSED state, delete the TCB, and return"
                _ => self.set_state(State::Closed, Cause::RecvRst),
            }
            return;
        }

        // Fourth: the SYN bit.
        if seg.flags.syn() {
            if self.state == State::SynReceived && self.passive {
                // "If the connection was initiated with a passive OPEN, then return
                // this connection to the LISTEN state and return."
                self.set_state(State::Listen, Cause::RecvRstBackToListen);
            } else {
                // RFC 5961 §4: a SYN on a synchronized connection gets a challenge ACK.
                self.events
                    .push_back(Event::Discarded(DiscardReason::UnexpectedSyn));
                self.ack_pending = Some(SendReason::ChallengeAck);
            }
            return;
        }

        // Fifth: the ACK field. "if the ACK bit is off, drop the segment and return"
        if !seg.flags.ack() {
            self.events
                .push_back(Event::Discarded(DiscardReason::NoAck));
            return;
        }
        if self.state == State::SynReceived {
            // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state ...
            // If the segment acknowledgment is not acceptable, form a reset segment
            // <SEQ=SEG.ACK><CTL=RST>"
            if self.snd_una < seg.ack && seg.ack <= self.snd_max {
                self.snd_wl1 = seg.seq;
                self.snd_wl2 = seg.ack;
                self.snd_wnd = self.window_of(seg);
                self.max_snd_wnd = self.max_snd_wnd.max(self.snd_wnd);
                self.acknowledge(now, seg.ack);
                self.set_state(State::Established, Cause::RecvAckOfSyn);
            } else {
                let rst = Segment::new(seg.dst, seg.src, seg.ack, Flags::RST);
                self.push_reset(rst, ResetReason::UnacceptableAck);
                return;
            }
        }
        if !self.process_ack(now, seg) || !self.after_ack_of_fin(now, seg.flags.fin()) {
            return;
        }

        // Seventh: the segment text.
        self.note_timestamp(seg);
        let fin_reached = self.receive_text(seg);

        // Eighth: the FIN bit.
        if fin_reached {
            self.receive_fin(now);
        }
        if self.state == State::FinWait1 && self.fin_acked() {
            // The FIN in this segment was not yet in order: our FIN is acknowledged all
            // the same.
            self.set_state(State::FinWait2, Cause::RecvAckOfFin);
        }
    }

    /// The state changes of the fifth check once our FIN is acknowledged. Returns
    /// false when the connection is gone.
    fn after_ack_of_fin(&mut self, now: Instant, fin_in_segment: bool) -> bool {
        match self.state {
            // A FIN in the same segment takes FIN-WAIT-1 straight to TIME-WAIT
            // (eighth check), so FIN-WAIT-2 waits until the text is processed.
            State::FinWait1 if self.fin_acked() && !fin_in_segment => {
                // "if the FIN segment is now acknowledged, then enter FIN-WAIT-2"
                self.set_state(State::FinWait2, Cause::RecvAckOfFin);
            }
            State::Closing if self.fin_acked() => {
                // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state"
                self.set_state(State::TimeWait, Cause::RecvAckOfFin);
                self.restart_time_wait(now);
            }
            State::LastAck if self.fin_acked() => {
                // "If our FIN is now acknowledged, delete the TCB, enter CLOSED"
                self.set_state(State::Closed, Cause::RecvAckOfFin);
                return false;
            }
            _ => {}
        }
        true
    }

    /// §3.10.7.4's four-case acceptability test on SEG.SEQ, SEG.LEN and RCV.WND.
    fn segment_acceptable(&self, seg: &Segment) -> bool {
        let len = seg.seq_len();
        let wnd = self.receive_window();
        match (len, wnd) {
            (0, 0) => seg.seq == self.rcv_nxt,
            (0, _) => seg.seq.in_window(self.rcv_nxt, wnd),
            (_, 0) => false,
            (_, _) => {
                seg.seq.in_window(self.rcv_nxt, wnd)
                    || (seg.seq + (len - 1)).in_window(self.rcv_nxt, wnd)
            }
        }
    }

    fn is_simultaneous_syn_ack(&self, seg: &Segment) -> bool {
        seg.flags.syn()
            && seg.flags.ack()
            && !seg.flags.rst()
            && seg.seq == self.irs
            && self.snd_una < seg.ack
            && seg.ack <= self.snd_max
    }

    /// The ACK checks for synchronized states. Returns false when the segment
    /// must be dropped here.
    fn process_ack(&mut self, now: Instant, seg: &Segment) -> bool {
        // SND.MAX stands for the RFC's SND.NXT here: after a timeout SND.NXT goes
        // back to resend, but what was sent before may still be acknowledged.
        if seg.ack > self.snd_max {
            // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send
            // an ACK, drop the segment, and return."
            self.events
                .push_back(Event::Discarded(DiscardReason::AckOfUnsentData));
            self.ack_pending = Some(SendReason::DuplicateAck);
            return false;
        }
        if seg.ack < self.snd_una - self.max_snd_wnd {
            // RFC 5961 §5, which RFC 9293 makes a MUST for stacks that implement RFC
            // 5961: the ACK is acceptable only if "(SND.UNA - MAX.SND.WND) =< SEG.ACK
            // =< SND.NXT. All incoming segments whose ACK value doesn't satisfy the
            // above condition MUST be discarded and an ACK sent back." This stops
            // blind data injection with a guessed sequence number.
            self.events
                .push_back(Event::Discarded(DiscardReason::OutsideWindow));
            self.ack_pending = Some(SendReason::DuplicateAck);
            return false;
        }
        if self.snd_una < seg.ack {
            // "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK"
            // RFC 5681 counts the data an ACK covers ("cumulatively acknowledges
            // new data"); a FIN is a sequence number, not a byte of data, so
            // its ACK alone does not grow the window.
            let fin_covered = matches!(self.fin_seq(), Some(f) if self.snd_una <= f && f < seg.ack);
            let acked = seg.ack.distance_from(self.snd_una) - u32::from(fin_covered);
            self.acknowledge(now, seg.ack);
            if self.config.congestion_control {
                let before = self.congestion_mark();
                let why = self.congestion.on_new_ack(acked);
                self.report_congestion(before, why);
            }
            self.dup_acks_seen = 0;
        } else if seg.ack == self.snd_una
            && seg.seq_len() == 0
            && self.flight_size() > 0
            && self.snd_wnd > 0
            && self.window_of(seg) == self.snd_wnd
        {
            // RFC 5681 §2's duplicate ACK: nothing new, same window, data outstanding.
            // Not while the window is zero: then the answers to window probes repeat
            // SND.UNA (RFC 9293 §3.8.6.1), which says nothing about loss.
            self.dup_acks_seen += 1;
            self.events.push_back(Event::DuplicateAck {
                count: self.dup_acks_seen,
            });
            if self.config.congestion_control {
                let before = self.congestion_mark();
                let action = self.congestion.on_dup_ack(self.flight_size());
                if action == DupAckAction::FastRetransmit {
                    self.retransmit_now = true;
                    self.rtt_probe = None;
                    self.report_congestion(before, CongestionCause::FastRetransmit);
                } else {
                    // Inflation by one SMSS (§3.2 step 4); the first two
                    // duplicates move nothing, and so report nothing.
                    self.report_congestion(before, CongestionCause::FastRecovery);
                }
            }
        }
        // "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated"
        if self.snd_una <= seg.ack {
            self.update_send_window(now, seg);
        }
        true
    }

    /// The peer's window in bytes. RFC 7323 §2.2: "The window field in a segment
    /// where the SYN bit is set (i.e., a <SYN> or <SYN,ACK>) MUST NOT be scaled";
    /// a simultaneous open's SYN,ACK reaches the synchronized-state code.
    fn window_of(&self, seg: &Segment) -> u32 {
        if seg.flags.syn() {
            u32::from(seg.window)
        } else {
            u32::from(seg.window) << self.snd_wscale
        }
    }

    /// Updates SND.WND when the segment is newer than the one that set it last.
    fn update_send_window(&mut self, now: Instant, seg: &Segment) {
        if self.snd_wl1 < seg.seq || (self.snd_wl1 == seg.seq && self.snd_wl2 <= seg.ack) {
            let was_zero = self.snd_wnd == 0;
            self.snd_wnd = self.window_of(seg);
            self.max_snd_wnd = self.max_snd_wnd.max(self.snd_wnd);
            self.snd_wl1 = seg.seq;
            self.snd_wl2 = seg.ack;
            if was_zero && self.snd_wnd > 0 && self.persist_at.is_some() {
                // The window opened: probing ends, and a probe byte still unacknowledged
                // is now ordinary data under the retransmission timer.
                self.persist_at = None;
                self.persist_backoff = 0;
                if self.flight_size() > 0 && self.retransmit_at.is_none() {
                    self.retransmit_at = Some(now + self.rto.rto());
                }
            }
        }
    }

    /// SND.UNA moves to `ack`: drop acknowledged data, take an RTT sample if the
    /// timed segment is covered, and restart or stop the retransmission timer.
    fn acknowledge(&mut self, now: Instant, ack: SeqNumber) {
        let syn_acked = self.snd_una == self.iss && ack > self.iss;
        self.snd_una = ack;
        if self.snd_nxt < ack {
            self.snd_nxt = ack;
        }
        if ack > self.send_base {
            let acked_data = (ack.distance_from(self.send_base) as usize).min(self.send_buf.len());
            self.send_buf.drop_front(acked_data);
            self.send_base += acked_data as u32;
        }
        if let Some((timed, sent_at)) = self.rtt_probe
            && ack > timed
        {
            self.rto.sample(now - sent_at);
            self.rtt_probe = None;
        }
        if syn_acked {
            if self.syn_retransmitted {
                self.rto.after_handshake_retransmission();
            }
            let smss = u32::from(self.effective_mss());
            self.congestion = crate::tcp::congestion::Congestion::new(smss);
            if self.syn_retransmitted {
                self.congestion.after_lost_syn();
            }
            self.congestion_starting = true;
        }
        self.retries = 0;
        // RFC 6298 §5.2/§5.3: stop the timer when everything is acknowledged,
        // otherwise restart it.
        self.retransmit_at = if self.snd_una == self.snd_max {
            None
        } else {
            Some(now + self.rto.rto())
        };
    }

    /// The seventh check: in-order data goes to the application, data after a gap
    /// waits. Returns true when an in-order FIN was reached.
    fn receive_text(&mut self, seg: &Segment) -> bool {
        let accepts_text = matches!(
            self.state,
            State::Established | State::FinWait1 | State::FinWait2
        );
        if !accepts_text {
            // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since
            // a FIN has been received from the remote side. Ignore the segment text."
            return false;
        }
        if seg.seq > self.rcv_nxt {
            // A bare ACK past a gap (the peer's data before it was lost) has no
            // text to hold and is not an out-of-order segment to answer.
            if seg.seq_len() > 0 {
                self.queue_out_of_order(seg);
            }
            return false;
        }
        if seg.payload.is_empty() {
            return seg.flags.fin() && seg.seq == self.rcv_nxt;
        }
        let fin = self.deliver_in_order(seg.seq, &seg.payload, seg.flags.fin());
        let fin = fin || self.drain_out_of_order();
        self.ack_pending = Some(SendReason::Ack);
        fin
    }

    /// Delivers the part of `payload` at or after RCV.NXT that fits the window.
    /// Returns true when the segment's FIN is now in order.
    fn deliver_in_order(&mut self, seq: SeqNumber, payload: &bytes::Bytes, fin: bool) -> bool {
        let skip = self.rcv_nxt.distance_from(seq) as usize;
        if skip >= payload.len() {
            return fin && skip == payload.len();
        }
        let room = self.receive_window() as usize;
        let end = payload.len().min(skip + room);
        let fresh = payload.slice(skip..end);
        let n = fresh.len() as u32;
        self.rcv_nxt += n;
        self.rcv_unread += n;
        self.events.push_back(Event::Data(fresh));
        fin && end == payload.len()
    }

    fn queue_out_of_order(&mut self, seg: &Segment) {
        let already = self.out_of_order.iter().any(|(s, _, _)| *s == seg.seq);
        if !already {
            self.events.push_back(Event::OutOfOrder {
                seq: seg.seq,
                len: seg.payload.len() as u32,
            });
            self.out_of_order
                .push((seg.seq, seg.payload.clone(), seg.flags.fin()));
        }
        // RFC 5681 §4.2: an out-of-order segment is acknowledged at once, so the
        // sender sees duplicate ACKs.
        self.ack_pending = Some(SendReason::DuplicateAck);
    }

    /// Moves queued segments that the gap-filler made contiguous.
    fn drain_out_of_order(&mut self) -> bool {
        let mut fin = false;
        loop {
            let next = self
                .out_of_order
                .iter()
                .position(|(s, p, _)| *s <= self.rcv_nxt && self.rcv_nxt <= *s + p.len() as u32);
            let Some(i) = next else { break };
            let (seq, payload, has_fin) = self.out_of_order.swap_remove(i);
            fin |= self.deliver_in_order(seq, &payload, has_fin);
        }
        let rcv_nxt = self.rcv_nxt;
        self.out_of_order
            .retain(|(s, p, _)| *s + p.len() as u32 > rcv_nxt);
        fin
    }

    /// The eighth check: the peer's FIN, in order.
    fn receive_fin(&mut self, now: Instant) {
        // "advance RCV.NXT over the FIN, and send an acknowledgment for the FIN"
        self.rcv_nxt += 1;
        self.ack_pending = Some(SendReason::Ack);
        match self.state {
            // "Enter the CLOSE-WAIT state."
            State::SynReceived | State::Established => {
                self.set_state(State::CloseWait, Cause::RecvFin);
            }
            // "If our FIN has been ACKed (perhaps in this segment), then enter
            // TIME-WAIT ... otherwise, enter the CLOSING state."
            State::FinWait1 => {
                if self.fin_acked() {
                    self.set_state(State::TimeWait, Cause::RecvFinAckOfFin);
                    self.restart_time_wait(now);
                } else {
                    self.set_state(State::Closing, Cause::RecvFin);
                }
            }
            // "Enter the TIME-WAIT state. Start the time-wait timer"
            State::FinWait2 => {
                self.set_state(State::TimeWait, Cause::RecvFin);
                self.restart_time_wait(now);
            }
            // "Remain in the TIME-WAIT state. Restart the 2 MSL time-wait timeout."
            State::TimeWait => self.restart_time_wait(now),
            // CLOSE-WAIT, CLOSING, LAST-ACK: "Remain in the ... state."
            _ => {}
        }
    }

    /// Reads the options that only mean something on a SYN: MSS, window scale,
    /// SACK-permitted and timestamps (RFC 9293 §3.7.1, RFC 7323, RFC 2018).
    fn take_syn_options(&mut self, seg: &Segment) {
        let default_mss = if seg.src.is_ipv4() {
            DEFAULT_MSS_V4
        } else {
            DEFAULT_MSS_V6
        };
        self.peer_mss = seg.options.mss.unwrap_or(default_mss).max(1);
        match (seg.options.window_scale, self.config.window_scale) {
            (Some(theirs), Some(ours)) => {
                // RFC 7323 §2.3: shift counts above 14 are treated as 14.
                self.wscale_agreed = true;
                self.snd_wscale = theirs.min(14);
                self.rcv_wscale = ours.min(14);
            }
            _ => {
                self.wscale_agreed = false;
                self.snd_wscale = 0;
                self.rcv_wscale = 0;
            }
        }
        self.timestamps = self.config.timestamps && seg.options.timestamps.is_some();
        self.sack_permitted = self.config.sack_permitted && seg.options.sack_permitted;
        let smss = u32::from(self.effective_mss());
        self.congestion = crate::tcp::congestion::Congestion::new(smss);
    }

    /// RFC 7323 §4.3: remember the peer's TSval to echo it. "If SEG.TSval >=
    /// TS.Recent and SEG.SEQ =< Last.ACK.sent, then SEG.TSval is copied to
    /// TS.Recent": a late, older segment never moves it back. (TSvals wrap,
    /// so "newer" is a comparison modulo 2^32, as for sequence numbers.)
    fn note_timestamp(&mut self, seg: &Segment) {
        let opening = self.state == State::Listen || self.state == State::SynSent;
        if let Some(ts) = seg.options.timestamps
            && (self.timestamps || opening)
            && seg.seq <= self.rcv_nxt
            && (opening || ts.value.wrapping_sub(self.ts_recent) as i32 >= 0)
        {
            self.ts_recent = ts.value;
        }
    }

    fn push_reset(&mut self, segment: Segment, reason: ResetReason) {
        self.outbox.push_back(Transmit {
            segment,
            reason: SendReason::Reset(reason),
            retransmission: false,
        });
    }

    fn restart_time_wait(&mut self, now: Instant) {
        self.retransmit_at = None;
        self.persist_at = None;
        self.time_wait_until = Some(now + self.config.msl * 2);
    }
}
