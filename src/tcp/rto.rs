//! The retransmission timeout of RFC 6298: smoothed RTT, its variance, Karn's rule
//! and exponential backoff.

use std::time::Duration;

/// The shortest retransmission timeout a real stack uses (Linux's
/// `TCP_RTO_MIN`; RFC 6298 §2.4 asks for 1 s): a copy sent again sooner
/// than this after the one before was not sent by the timer.
pub const SHORTEST_RTO: Duration = Duration::from_millis(200);

/// Tunables of the estimator. The defaults are the RFC's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RtoConfig {
    /// RFC 6298 §2.1: 1 second before any RTT is measured.
    pub initial: Duration,
    /// RFC 6298 §2.4: RTO is rounded up to 1 second.
    pub min: Duration,
    /// RFC 6298 §2.5: an upper bound of at least 60 seconds.
    pub max: Duration,
}

impl Default for RtoConfig {
    fn default() -> Self {
        RtoConfig {
            initial: Duration::from_secs(1),
            min: Duration::from_secs(1),
            max: Duration::from_secs(60),
        }
    }
}

/// SRTT, RTTVAR and the current RTO.
#[derive(Clone, Debug)]
pub struct RtoEstimator {
    config: RtoConfig,
    srtt: Option<Duration>,
    rttvar: Duration,
    rto: Duration,
}

/// Clock granularity G of RFC 6298; the virtual clock counts microseconds.
const GRANULARITY: Duration = Duration::from_micros(1);

impl RtoEstimator {
    /// An estimator with no RTT sample yet, so the RTO is the initial one (RFC 6298 §2.1).
    pub fn new(config: RtoConfig) -> Self {
        RtoEstimator {
            config,
            srtt: None,
            rttvar: Duration::ZERO,
            rto: config.initial,
        }
    }

    /// The current retransmission timeout RTO (RFC 6298 §2).
    pub fn rto(&self) -> Duration {
        self.rto
    }

    /// The smoothed round-trip time SRTT (RFC 6298 §2); `None` before the first sample.
    pub fn srtt(&self) -> Option<Duration> {
        self.srtt
    }

    /// Feeds one RTT measurement R (RFC 6298 §2.2 and §2.3).
    pub fn sample(&mut self, r: Duration) {
        match self.srtt {
            None => {
                // §2.2: SRTT <- R, RTTVAR <- R/2
                self.srtt = Some(r);
                self.rttvar = r / 2;
            }
            Some(srtt) => {
                // §2.3: RTTVAR <- 3/4 RTTVAR + 1/4 |SRTT - R|; SRTT <- 7/8 SRTT + 1/8 R
                let delta = srtt.abs_diff(r);
                self.rttvar = (self.rttvar * 3 + delta) / 4;
                self.srtt = Some((srtt * 7 + r) / 8);
            }
        }
        let srtt = self.srtt.unwrap_or(r);
        let rto = srtt + (self.rttvar * 4).max(GRANULARITY);
        self.rto = rto.clamp(self.config.min, self.config.max);
    }

    /// §5.5: the timer expired, so the RTO doubles (up to the maximum).
    pub fn back_off(&mut self) {
        self.rto = (self.rto * 2).min(self.config.max);
    }

    /// §5.7: after a SYN was retransmitted, data starts with an RTO of 3 s
    /// unless an RTT has been measured.
    pub fn after_handshake_retransmission(&mut self) {
        if self.srtt.is_none() {
            self.rto = Duration::from_secs(3).clamp(self.config.min, self.config.max);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn starts_at_one_second_and_doubles_up_to_sixty() {
        let mut rto = RtoEstimator::new(RtoConfig::default());
        assert_eq!(rto.rto(), ms(1000));
        let seen: Vec<u64> = (0..8)
            .map(|_| {
                rto.back_off();
                rto.rto().as_secs()
            })
            .collect();
        assert_eq!(seen, [2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn first_sample_sets_srtt_and_half_variance() {
        let mut rto = RtoEstimator::new(RtoConfig {
            min: Duration::ZERO,
            ..RtoConfig::default()
        });
        rto.sample(ms(100));
        assert_eq!(rto.srtt(), Some(ms(100)));
        // RTO = SRTT + 4 * RTTVAR = 100 + 4 * 50
        assert_eq!(rto.rto(), ms(300));
        rto.sample(ms(100));
        // RTTVAR = 3/4 * 50 + 1/4 * 0 = 37.5; RTO = 100 + 150
        assert_eq!(rto.rto(), ms(250));
    }

    #[test]
    fn small_rtts_are_rounded_up_to_the_one_second_minimum() {
        let mut rto = RtoEstimator::new(RtoConfig::default());
        rto.sample(ms(20));
        assert_eq!(rto.rto(), ms(1000));
    }

    #[test]
    fn retransmitted_syn_means_three_seconds_for_data() {
        let mut rto = RtoEstimator::new(RtoConfig::default());
        rto.back_off();
        rto.after_handshake_retransmission();
        assert_eq!(rto.rto(), ms(3000));
    }
}
