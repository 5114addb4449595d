//! The send buffer: application data from SND.UNA on, kept as the chunks the
//! application handed over. A segment's payload is a slice of a chunk, shared
//! rather than copied, so a bulk transfer copies no payload and allocates
//! nothing per segment.

use std::collections::VecDeque;

use bytes::{Bytes, BytesMut};

#[derive(Debug, Default)]
pub(super) struct SendBuffer {
    chunks: VecDeque<Bytes>,
    len: usize,
}

impl SendBuffer {
    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(super) fn push(&mut self, data: Bytes) {
        if !data.is_empty() {
            self.len += data.len();
            self.chunks.push_back(data);
        }
    }

    /// `len` bytes from `offset`: a shared slice when they lie in one chunk,
    /// otherwise copied together. Asks beyond the end are cut short.
    pub(super) fn slice(&self, offset: usize, len: usize) -> Bytes {
        let len = len.min(self.len.saturating_sub(offset));
        if len == 0 {
            return Bytes::new();
        }
        let mut skip = offset;
        let mut chunks = self.chunks.iter();
        for chunk in chunks.by_ref() {
            if skip >= chunk.len() {
                skip -= chunk.len();
                continue;
            }
            if skip + len <= chunk.len() {
                return chunk.slice(skip..skip + len);
            }
            let mut joined = BytesMut::with_capacity(len);
            joined.extend_from_slice(&chunk[skip..]);
            for next in chunks {
                let want = len - joined.len();
                if want == 0 {
                    break;
                }
                joined.extend_from_slice(&next[..want.min(next.len())]);
            }
            return joined.freeze();
        }
        Bytes::new()
    }

    /// Forgets the first `n` bytes (they were acknowledged).
    pub(super) fn drop_front(&mut self, mut n: usize) {
        n = n.min(self.len);
        self.len -= n;
        while n > 0 {
            let Some(front) = self.chunks.front_mut() else {
                break;
            };
            if n >= front.len() {
                n -= front.len();
                self.chunks.pop_front();
            } else {
                let _ = front.split_to(n);
                n = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffer(parts: &[&'static [u8]]) -> SendBuffer {
        let mut b = SendBuffer::default();
        for p in parts {
            b.push(Bytes::from_static(p));
        }
        b
    }

    #[test]
    fn slices_within_and_across_chunks() {
        let b = buffer(&[b"Hello", b", ", b"world"]);
        assert_eq!(b.len(), 12);
        assert_eq!(&b.slice(0, 5)[..], b"Hello");
        assert_eq!(&b.slice(3, 6)[..], b"lo, wo");
        assert_eq!(&b.slice(7, 100)[..], b"world");
        assert!(b.slice(12, 1).is_empty());
    }

    #[test]
    fn dropping_the_front_keeps_the_rest() {
        let mut b = buffer(&[b"Hello", b", ", b"world"]);
        b.drop_front(6);
        assert_eq!(b.len(), 6);
        assert_eq!(&b.slice(0, 6)[..], b" world");
        b.drop_front(100);
        assert!(b.is_empty());
    }
}
