//! Congestion control of RFC 5681 (slow start, congestion avoidance, fast
//! retransmit and fast recovery), the part of TCP that RFC 9293 MUST-19 requires.
//!
//! Every rule that moves cwnd or ssthresh says which it was (a
//! [`CongestionCause`]), so the endpoint can report the move as it happens
//! and a view can say why, with the same numbers.

/// What the sender should do after a duplicate ACK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DupAckAction {
    /// Not the third duplicate, or already in fast recovery: nothing to resend.
    Nothing,
    /// The third duplicate: retransmit the first unacknowledged segment now.
    FastRetransmit,
}

/// The sender's congestion state of RFC 5681 §3: cwnd, ssthresh and the duplicate-ACK count.
#[derive(Clone, Debug)]
pub struct Congestion {
    smss: u32,
    cwnd: u32,
    ssthresh: u32,
    dup_acks: u32,
    in_recovery: bool,
}

impl Congestion {
    /// RFC 5681 §3.1: the initial window depends on the sender's MSS.
    pub fn new(smss: u32) -> Self {
        let smss = smss.max(1);
        let iw = if smss > 2190 {
            2 * smss
        } else if smss > 1095 {
            3 * smss
        } else {
            4 * smss
        };
        Congestion {
            smss,
            cwnd: iw,
            // "arbitrarily high"
            ssthresh: u32::MAX,
            dup_acks: 0,
            in_recovery: false,
        }
    }

    /// RFC 5681 §3.1: "If the SYN or SYN/ACK is lost, the initial window used by
    /// a sender after a correctly transmitted SYN MUST be one segment".
    pub fn after_lost_syn(&mut self) {
        self.cwnd = self.smss;
    }

    /// The congestion window cwnd (RFC 5681 §2): how many bytes the network may hold unacknowledged.
    pub fn cwnd(&self) -> u32 {
        self.cwnd
    }

    /// The slow start threshold ssthresh (RFC 5681 §3.1): below it cwnd grows by slow start.
    pub fn ssthresh(&self) -> u32 {
        self.ssthresh
    }

    /// The slow start threshold, or `None` while it is still the initial
    /// "arbitrarily high" value (RFC 5681 §3.1): no loss has set it yet.
    pub fn ssthresh_set(&self) -> Option<u32> {
        (self.ssthresh != u32::MAX).then_some(self.ssthresh)
    }

    /// The sender's maximum segment size the rules count in (SMSS, RFC 5681 §2).
    pub fn smss(&self) -> u32 {
        self.smss
    }

    /// Whether fast recovery (RFC 5681 §3.2 steps 3-6) is under way.
    pub fn in_recovery(&self) -> bool {
        self.in_recovery
    }

    /// An ACK acknowledged `acked` new bytes of data (0 when it covers only
    /// a FIN); returns the rule that applied, which moved nothing when
    /// there was no data to count.
    pub fn on_new_ack(&mut self, acked: u32) -> CongestionCause {
        self.dup_acks = 0;
        if self.in_recovery {
            // §3.2 step 6: deflate the window when recovery ends.
            self.in_recovery = false;
            self.cwnd = self.ssthresh;
            CongestionCause::RecoveryEnd
        } else if self.cwnd < self.ssthresh {
            // §3.1 slow start: grow by at most one SMSS per ACK (equation 2).
            self.cwnd = self.cwnd.saturating_add(acked.min(self.smss));
            CongestionCause::SlowStart
        } else if acked == 0 {
            // Only a FIN acknowledged: no new data, so no growth (§3.1 grows
            // cwnd on ACKs that acknowledge new data).
            CongestionCause::CongestionAvoidance
        } else {
            // §3.1 congestion avoidance: about one SMSS per round trip
            // (equation 3, rounded up to 1 byte when it would add nothing).
            let step = (u64::from(self.smss) * u64::from(self.smss) / u64::from(self.cwnd)).max(1);
            self.cwnd = self.cwnd.saturating_add(step as u32);
            CongestionCause::CongestionAvoidance
        }
    }

    /// A duplicate ACK arrived while `flight` bytes were outstanding.
    pub fn on_dup_ack(&mut self, flight: u32) -> DupAckAction {
        self.dup_acks += 1;
        if self.dup_acks == 3 && !self.in_recovery {
            // §3.2 steps 2-3.
            self.ssthresh = (flight / 2).max(2 * self.smss);
            self.cwnd = self.ssthresh + 3 * self.smss;
            self.in_recovery = true;
            DupAckAction::FastRetransmit
        } else {
            if self.dup_acks > 3 {
                // §3.2 step 4: each further duplicate means a segment left the network.
                self.cwnd = self.cwnd.saturating_add(self.smss);
            }
            DupAckAction::Nothing
        }
    }

    /// The retransmission timer expired with `flight` bytes outstanding (§3.1,
    /// equation 4, and the loss window). `first` is false when the timer
    /// already resent this segment: then "the value of ssthresh is held
    /// constant" (§3.1), or a second timeout would halve the one segment the
    /// first left in flight and forget how large the window had been.
    pub fn on_timeout(&mut self, flight: u32, first: bool) {
        if first || self.ssthresh == u32::MAX {
            self.ssthresh = (flight / 2).max(2 * self.smss);
        }
        self.cwnd = self.smss;
        self.dup_acks = 0;
        self.in_recovery = false;
    }
}

/// The sender's congestion state after a change: what the pictures plot
/// and `--json` reports. Only simulated runs have it; a capture can only
/// infer the bytes in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CongestionWindow {
    /// The congestion window, in bytes (RFC 5681 §2).
    pub cwnd: u32,
    /// The slow start threshold, in bytes; `None` while still "arbitrarily
    /// high" (RFC 5681 §3.1), before the first loss.
    pub ssthresh: Option<u32>,
    /// Bytes sent and not yet acknowledged (FlightSize, RFC 5681 §2).
    pub flight: u32,
    /// What moved it.
    pub why: CongestionCause,
}

/// Why cwnd or ssthresh changed: RFC 5681's rules, one per event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CongestionCause {
    /// The initial window, set when the handshake completes (RFC 5681 §3.1).
    Initial,
    /// A new ACK below ssthresh: cwnd grows by up to one SMSS (§3.1).
    SlowStart,
    /// A new ACK at or above ssthresh: about one SMSS per round trip (§3.1).
    CongestionAvoidance,
    /// The third duplicate ACK: ssthresh = max(FlightSize/2, 2·SMSS),
    /// cwnd = ssthresh + 3·SMSS, the lost segment sent again (§3.2).
    FastRetransmit,
    /// A further duplicate ACK during fast recovery inflates cwnd by one SMSS (§3.2).
    FastRecovery,
    /// The ACK of new data ends fast recovery: cwnd deflates to ssthresh (§3.2).
    RecoveryEnd,
    /// The retransmission timer fired: ssthresh halves the flight, cwnd
    /// falls to one segment (§3.1, RFC 6298 §5).
    Timeout,
}

impl CongestionCause {
    /// The name in `--json` and the lesson files.
    pub fn name(self) -> &'static str {
        match self {
            CongestionCause::Initial => "initial",
            CongestionCause::SlowStart => "slow-start",
            CongestionCause::CongestionAvoidance => "congestion-avoidance",
            CongestionCause::FastRetransmit => "fast-retransmit",
            CongestionCause::FastRecovery => "fast-recovery",
            CongestionCause::RecoveryEnd => "recovery-end",
            CongestionCause::Timeout => "timeout",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_window_follows_the_smss_table() {
        assert_eq!(Congestion::new(1460).cwnd(), 4380);
        assert_eq!(Congestion::new(536).cwnd(), 2144);
        assert_eq!(Congestion::new(9000).cwnd(), 18000);
    }

    #[test]
    fn a_lost_syn_leaves_an_initial_window_of_one_segment() {
        let mut cc = Congestion::new(1000);
        cc.after_lost_syn();
        assert_eq!(cc.cwnd(), 1000);
        cc.on_new_ack(1000);
        assert_eq!(cc.cwnd(), 2000, "slow start goes on from there");
    }

    #[test]
    fn slow_start_then_avoidance() {
        let mut cc = Congestion::new(1000);
        cc.on_new_ack(1000);
        assert_eq!(cc.cwnd(), 5000);
        assert_eq!(cc.ssthresh_set(), None, "arbitrarily high until a loss");
        cc.on_timeout(8000, true);
        assert_eq!((cc.cwnd(), cc.ssthresh()), (1000, 4000));
        assert_eq!(cc.ssthresh_set(), Some(4000));
        for _ in 0..3 {
            cc.on_new_ack(1000);
        }
        assert_eq!(cc.cwnd(), 4000);
        assert_eq!(cc.on_new_ack(1000), CongestionCause::CongestionAvoidance);
        assert_eq!(cc.cwnd(), 4250);
    }

    #[test]
    fn a_second_timeout_of_the_same_segment_holds_ssthresh() {
        let mut cc = Congestion::new(1000);
        cc.on_timeout(10_000, true);
        assert_eq!((cc.cwnd(), cc.ssthresh()), (1000, 5000));
        // Only the resent segment was in flight: halving it would give 2·SMSS.
        cc.on_timeout(1000, false);
        assert_eq!((cc.cwnd(), cc.ssthresh()), (1000, 5000));
    }

    #[test]
    fn third_duplicate_ack_triggers_fast_retransmit_once() {
        let mut cc = Congestion::new(1000);
        assert_eq!(cc.on_dup_ack(10_000), DupAckAction::Nothing);
        assert_eq!(cc.on_dup_ack(10_000), DupAckAction::Nothing);
        assert_eq!(cc.on_dup_ack(10_000), DupAckAction::FastRetransmit);
        assert_eq!(cc.cwnd(), 8000);
        assert_eq!(cc.on_dup_ack(10_000), DupAckAction::Nothing);
        assert_eq!(cc.cwnd(), 9000);
        assert_eq!(cc.on_new_ack(5000), CongestionCause::RecoveryEnd);
        assert_eq!(cc.cwnd(), 5000);
    }
}
