//! The endpoint's timers: retransmission (RFC 6298), TIME-WAIT (2×MSL) and the
//! zero-window persist timer (RFC 9293 §3.8.6.1).

use std::time::Duration;

use super::{ConnError, Endpoint, Event, Timer};
use crate::tcp::congestion::CongestionCause;
use crate::tcp::state::{Cause, State};
use crate::time::Instant;

impl Endpoint {
    /// The earliest instant at which `handle_timeout` has work to do.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        [self.retransmit_at, self.time_wait_until, self.persist_at]
            .into_iter()
            .flatten()
            .min()
    }

    /// Fires every timer whose deadline is at or before `now`.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.time_wait_until.is_some_and(|t| t <= now) {
            self.events.push_back(Event::TimerFired {
                timer: Timer::TimeWait,
                after: self.config.msl * 2,
                attempt: 0,
            });
            // "When the time-wait timeout expires, delete the TCB, enter CLOSED"
            self.set_state(State::Closed, Cause::TimeWaitExpired);
            return;
        }
        if self.retransmit_at.is_some_and(|t| t <= now) {
            self.retransmission_timeout(now);
        }
        if self.persist_at.is_some_and(|t| t <= now) {
            self.persist_timeout(now);
        }
    }

    /// RFC 6298 §5.4-§5.6: resend the earliest unacknowledged segment, double the
    /// RTO, restart the timer; give up after `max_retries`.
    fn retransmission_timeout(&mut self, now: Instant) {
        if self.window_closed_on_data() {
            // The peer closed its window with our data outstanding (it shrank the
            // window): the zero window has lasted an RTO, so probe it now
            // (RFC 9293 §3.8.6.1) and let the persist timer, which never gives up
            // while the peer answers, take over from this one.
            self.retransmit_at = None;
            self.retransmit_now = false;
            self.rtt_probe = None;
            self.persist_at = Some(now);
            self.persist_wait = self.rto.rto();
            return;
        }
        self.retries += 1;
        self.events.push_back(Event::TimerFired {
            timer: Timer::Retransmission,
            after: self.rto.rto(),
            attempt: self.retries,
        });
        if self.retries > self.config.max_retries {
            self.events.push_back(Event::Error(ConnError::TimedOut));
            self.set_state(State::Closed, Cause::RetransmitLimit);
            return;
        }
        if self.config.congestion_control && self.snd_una != self.iss {
            // Before SND.NXT goes back: the flight the timer found is what
            // equation 4 halves, and what the step reports.
            let before = self.congestion_mark();
            self.congestion
                .on_timeout(self.flight_size(), self.retries == 1);
            self.report_congestion(before, CongestionCause::Timeout);
        }
        self.rto.back_off();
        self.rtt_probe = None;
        self.retransmit_now = false;
        // The congestion state forgot its duplicate ACKs; so does the count the
        // events report, or the narration's "third duplicate ACK" would not be the
        // one that triggers the next fast retransmit.
        self.dup_acks_seen = 0;
        // Go back to the first unacknowledged byte; `poll_transmit` resends from
        // there (only one segment at first, as the congestion window is one MSS).
        self.snd_nxt = self.snd_una;
        self.retransmit_at = Some(now + self.rto.rto());
    }

    /// The send window is zero and data (or our FIN) waits behind it: a case for
    /// window probes, not for retransmissions that the window would not let in.
    fn window_closed_on_data(&self) -> bool {
        self.state.is_synchronized()
            && self.snd_una != self.iss
            && self.snd_wnd == 0
            && (!self.send_buf.is_empty() || (self.fin_queued && !self.fin_acked()))
    }

    fn persist_timeout(&mut self, now: Instant) {
        self.events.push_back(Event::TimerFired {
            timer: Timer::Persist,
            after: self.persist_wait,
            attempt: self.persist_backoff + 1,
        });
        if self.snd_wnd > 0 {
            self.persist_at = None;
            return;
        }
        self.window_probe(now);
        self.persist_backoff = (self.persist_backoff + 1).min(16);
        let wait = self
            .rto
            .rto()
            .saturating_mul(1 << self.persist_backoff.min(6))
            .min(Duration::from_secs(60));
        self.arm_persist(now, wait);
    }

    pub(super) fn arm_persist(&mut self, now: Instant, wait: Duration) {
        self.persist_at = Some(now + wait);
        self.persist_wait = wait;
    }

    /// The current retransmission timeout, for narration.
    pub fn rto(&self) -> Duration {
        self.rto.rto()
    }

    /// How many times the current segment has been retransmitted.
    pub fn retries(&self) -> u32 {
        self.retries
    }
}
