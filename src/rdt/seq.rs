//! Sequence numbers modulo 2^bits. A small space (1 bit for stop-and-wait, 3
//! bits for a window of 4) makes the wrap visible: after 7 comes 0 again, and
//! every comparison is a distance around the circle.

/// The space of sequence numbers: `0 .. 2^bits`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SeqSpace {
    bits: u8,
}

impl SeqSpace {
    pub const MAX_BITS: u8 = 16;

    /// `None` unless `1 <= bits <= 16`.
    pub fn new(bits: u8) -> Option<SeqSpace> {
        (1..=Self::MAX_BITS)
            .contains(&bits)
            .then_some(SeqSpace { bits })
    }

    pub fn bits(self) -> u8 {
        self.bits
    }

    /// How many sequence numbers there are.
    pub fn size(self) -> u32 {
        1u32 << self.bits
    }

    /// The largest sequence number.
    pub fn max(self) -> u16 {
        (self.size() - 1) as u16
    }

    /// `seq + n`, wrapping.
    pub fn add(self, seq: u16, n: u32) -> u16 {
        ((u32::from(seq) + n) % self.size()) as u16
    }

    pub fn next(self, seq: u16) -> u16 {
        self.add(seq, 1)
    }

    pub fn prev(self, seq: u16) -> u16 {
        self.add(seq, self.size() - 1)
    }

    /// How far `to` is ahead of `from`, going forward around the circle.
    pub fn distance(self, from: u16, to: u16) -> u32 {
        (u32::from(to) + self.size() - u32::from(from) % self.size()) % self.size()
    }

    /// Whether `seq` lies in the `len` numbers starting at `start`.
    pub fn within(self, start: u16, len: u32, seq: u16) -> bool {
        u32::from(seq) < self.size() && self.distance(start, seq) < len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_around() {
        let s = SeqSpace::new(3).unwrap();
        assert_eq!(s.size(), 8);
        assert_eq!(s.next(7), 0);
        assert_eq!(s.prev(0), 7);
        assert_eq!(s.add(6, 5), 3);
        assert_eq!(s.distance(6, 1), 3);
        assert!(s.within(6, 4, 1));
        assert!(!s.within(6, 4, 2));
        assert!(!s.within(0, 8, 8));
        assert!(SeqSpace::new(0).is_none() && SeqSpace::new(17).is_none());
        assert_eq!(SeqSpace::new(16).unwrap().next(u16::MAX), 0);
    }
}
