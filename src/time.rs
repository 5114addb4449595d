//! Virtual time. The core never reads a clock: every instant is passed in, so the
//! same lesson gives the same trace on every run.

use std::fmt;
use std::ops::{Add, Sub};
use std::time::Duration;

/// A point on the virtual clock, in microseconds since the start of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(u64);

impl Instant {
    /// The start of the run.
    pub const ZERO: Instant = Instant(0);

    /// The instant `us` microseconds after the start.
    pub const fn from_micros(us: u64) -> Self {
        Instant(us)
    }

    /// The instant `ms` milliseconds after the start.
    pub const fn from_millis(ms: u64) -> Self {
        Instant(ms.saturating_mul(1000))
    }

    /// Microseconds since the start.
    pub const fn micros(self) -> u64 {
        self.0
    }

    /// Time elapsed since `earlier`, or zero if `earlier` is later.
    pub fn since(self, earlier: Instant) -> Duration {
        Duration::from_micros(self.0.saturating_sub(earlier.0))
    }
}

/// A simulated run stops here at the latest (a day of virtual time), so no
/// lesson of any protocol can run for ever.
pub const MAX_VIRTUAL_TIME: Instant = Instant::from_micros(24 * 3600 * 1_000_000);

/// When a run that asked to stop at `end` (or never) stops: never later than
/// [`MAX_VIRTUAL_TIME`].
pub fn run_end(end: Option<Instant>) -> Instant {
    end.unwrap_or(MAX_VIRTUAL_TIME).min(MAX_VIRTUAL_TIME)
}

impl Add<Duration> for Instant {
    type Output = Instant;
    fn add(self, d: Duration) -> Instant {
        let us = u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
        Instant(self.0.saturating_add(us))
    }
}

impl Sub<Instant> for Instant {
    type Output = Duration;
    fn sub(self, other: Instant) -> Duration {
        self.since(other)
    }
}

/// Seconds with millisecond precision (`1.010`), the way the ladder shows time.
impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0 / 1000;
        let text = format!("{}.{:03}", ms / 1000, ms % 1000);
        f.pad(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_seconds_with_milliseconds() {
        assert_eq!(Instant::from_millis(1010).to_string(), "1.010");
        assert_eq!(
            format!("{:>7}", Instant::from_micros(60_020_999)),
            " 60.020"
        );
    }

    #[test]
    fn adding_a_huge_duration_saturates() {
        assert_eq!(
            Instant::from_micros(5) + Duration::MAX,
            Instant::from_micros(u64::MAX)
        );
    }
}
