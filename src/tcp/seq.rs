//! Sequence numbers: 32-bit counters that wrap, compared the way RFC 9293 §3.4 says
//! (modulo 2^32, so `0xFFFF_FFFF < 0x0000_0001`).

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// A TCP sequence or acknowledgment number.
///
/// Ordering is the RFC's circular comparison: `a < b` when `b` lies less than 2^31
/// ahead of `a`. It is not a total order, which is why only `PartialOrd` exists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SeqNumber(pub u32);

impl SeqNumber {
    /// Bytes from `earlier` up to `self`, counting through the wrap.
    /// Meaningful only when `earlier <= self`.
    pub fn distance_from(self, earlier: SeqNumber) -> u32 {
        self.0.wrapping_sub(earlier.0)
    }

    /// `low <= self < high`, circularly (an empty range when `low == high`).
    pub fn in_window(self, low: SeqNumber, len: u32) -> bool {
        self.0.wrapping_sub(low.0) < len
    }
}

impl Add<u32> for SeqNumber {
    type Output = SeqNumber;
    fn add(self, n: u32) -> SeqNumber {
        SeqNumber(self.0.wrapping_add(n))
    }
}

impl AddAssign<u32> for SeqNumber {
    fn add_assign(&mut self, n: u32) {
        self.0 = self.0.wrapping_add(n);
    }
}

impl Sub<u32> for SeqNumber {
    type Output = SeqNumber;
    fn sub(self, n: u32) -> SeqNumber {
        SeqNumber(self.0.wrapping_sub(n))
    }
}

impl PartialOrd for SeqNumber {
    fn partial_cmp(&self, other: &SeqNumber) -> Option<Ordering> {
        let diff = self.0.wrapping_sub(other.0) as i32;
        Some(diff.cmp(&0))
    }
}

impl fmt::Display for SeqNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_across_the_wrap() {
        let near_top = SeqNumber(u32::MAX - 1);
        let after_wrap = near_top + 5;
        assert_eq!(after_wrap, SeqNumber(3));
        assert!(near_top < after_wrap);
        assert!(after_wrap > near_top);
        assert_eq!(after_wrap.distance_from(near_top), 5);
    }

    #[test]
    fn window_membership_wraps() {
        let low = SeqNumber(u32::MAX - 2);
        assert!(SeqNumber(u32::MAX).in_window(low, 10));
        assert!(SeqNumber(6).in_window(low, 10));
        assert!(!SeqNumber(7).in_window(low, 10));
        assert!(!low.in_window(low, 0));
    }
}
