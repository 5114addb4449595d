//! Reading frames from a byte stream: one reusable buffer, every declared
//! length checked against the [`Limits`] before the buffer grows.
//!
//! A download's `FDAT` payloads need not be copied out of that buffer: the
//! client *lends* their ranges to its sink ([`Borrower`]), and when the
//! reader wants its buffer back to read on, it hands the whole buffer over
//! and takes another in exchange. The bytes then travel from the socket to
//! the hash and the file with no copy in between.

use std::io::{self, Read};
use std::ops::Range;

use super::frame::{FrameError, HEADER_LEN, Header, Limits};

/// Why reading a frame stopped.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The peer closed the connection in the middle of a frame.
    #[error("the connection closed in the middle of a frame ({got} of {want} bytes)")]
    Truncated { got: usize, want: usize },
    /// A length over the limit: nothing was allocated, and the stream cannot
    /// be trusted any more.
    #[error("{0}")]
    Frame(#[from] FrameError),
}

/// Whoever holds ranges of a [`FrameReader`]'s buffer (payloads it was lent
/// and has not consumed yet).
pub trait Borrower {
    /// Takes the reader's `full` buffer, ranges and all, and returns another
    /// that begins with `full[keep]`: the bytes the reader has not handed
    /// out yet. A borrower holding nothing may give back `full` itself.
    fn exchange(&mut self, full: Vec<u8>, keep: Range<usize>) -> io::Result<Vec<u8>>;
}

/// Reads frames from a byte stream into one reusable buffer, checking each
/// declared length against the limits before the buffer grows. Payloads are
/// handed out as slices (or ranges) of that buffer, so a stream of `FDAT`s is
/// copied once, from the socket into the buffer.
pub struct FrameReader<R> {
    inner: R,
    limits: Limits,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Bytes the buffer shrinks back to after an unusually large frame.
    base: usize,
}

impl<R: Read> FrameReader<R> {
    /// A reader with a `capacity`-byte buffer (it grows for larger frames, up
    /// to the limits, and shrinks back afterwards).
    pub fn new(inner: R, limits: Limits, capacity: usize) -> Self {
        let base = capacity.max(HEADER_LEN * 2);
        FrameReader {
            inner,
            limits,
            buf: Vec::new(),
            start: 0,
            end: 0,
            base,
        }
    }

    /// The buffer the ranges from [`FrameReader::next_frame`] point into.
    pub fn buffer(&self) -> &[u8] {
        &self.buf
    }

    /// Makes room for `n` bytes from `start`: the unconsumed bytes move to the
    /// front of this buffer, or of the one a borrower gives in exchange.
    fn make_room(&mut self, n: usize, borrower: &mut Option<&mut dyn Borrower>) -> io::Result<()> {
        let want = n.max(self.base);
        match borrower {
            Some(b) => {
                let full = std::mem::take(&mut self.buf);
                self.buf = b.exchange(full, self.start..self.end)?;
                self.end -= self.start;
                self.start = 0;
                if self.buf.len() < want {
                    self.buf.resize(want, 0);
                }
            }
            None => {
                // Grow only if the frame itself needs it (its length was
                // already checked); shrink back after a large one.
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
                if self.buf.len() < want {
                    self.buf.resize(want, 0);
                } else if self.buf.len() > want && self.end <= want {
                    self.buf.truncate(want);
                    self.buf.shrink_to(want);
                }
            }
        }
        Ok(())
    }

    /// Makes sure `n` bytes are buffered from `start`; `Ok(false)` when the
    /// stream ended first. With a borrower, bytes already handed out are
    /// never moved or overwritten: the reader reads on into the free end of
    /// its buffer, and exchanges the buffer when that is not enough.
    fn fill(&mut self, n: usize, borrower: &mut Option<&mut dyn Borrower>) -> io::Result<bool> {
        if self.end - self.start >= n {
            return Ok(true);
        }
        let lending = borrower.is_some();
        if self.buf.len() - self.start < n || (!lending && self.start == self.end) {
            self.make_room(n, borrower)?;
        }
        while self.end - self.start < n {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => return Ok(false),
                Ok(k) => self.end += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(true)
    }

    /// The next frame's header and where its payload lies in
    /// [`FrameReader::buffer`], or `None` at a clean end of stream (between
    /// frames). The header's length is checked before any payload is read.
    /// With a `borrower`, no byte it may still hold is moved or overwritten.
    pub fn next_frame(
        &mut self,
        mut borrower: Option<&mut dyn Borrower>,
    ) -> Result<Option<(Header, Range<usize>)>, ReadError> {
        if !self.fill(HEADER_LEN, &mut borrower)? {
            let got = self.end - self.start;
            if got == 0 {
                return Ok(None);
            }
            return Err(ReadError::Truncated {
                got,
                want: HEADER_LEN,
            });
        }
        let header =
            Header::from_prefix(&self.buf[self.start..self.end]).ok_or(ReadError::Truncated {
                got: self.end - self.start,
                want: HEADER_LEN,
            })?;
        // `check` bounds the length by the limits, which are far below
        // usize::MAX; saturating keeps even a wrong limit from wrapping.
        let len = self.limits.check(&header)?;
        let total = HEADER_LEN.saturating_add(len);
        if !self.fill(total, &mut borrower)? {
            return Err(ReadError::Truncated {
                got: self.end - self.start,
                want: total,
            });
        }
        let at = self.start;
        self.start += total;
        Ok(Some((header, at + HEADER_LEN..at + total)))
    }

    /// The next frame's header and payload, or `None` at a clean end of
    /// stream (between frames).
    pub fn next_raw(&mut self) -> Result<Option<(Header, &[u8])>, ReadError> {
        Ok(self
            .next_frame(None)?
            .map(|(header, payload)| (header, &self.buf[payload])))
    }
}

#[cfg(test)]
mod tests {
    use super::super::frame::{Frame, Kind};
    use super::*;

    /// Holds every range it is lent, checks the bytes are still there when
    /// the buffer comes back, and keeps what it was given.
    struct Keeper {
        lent: Vec<Range<usize>>,
        got: Vec<u8>,
        exchanges: usize,
    }

    impl Borrower for Keeper {
        fn exchange(&mut self, full: Vec<u8>, keep: Range<usize>) -> io::Result<Vec<u8>> {
            for r in self.lent.drain(..) {
                self.got.extend_from_slice(&full[r]);
            }
            self.exchanges += 1;
            Ok(full[keep].to_vec())
        }
    }

    #[test]
    fn lent_payloads_survive_until_the_buffer_is_exchanged() {
        let payloads: Vec<Vec<u8>> = (0..200u32)
            .map(|i| (0..(i * 37 % 300)).map(|j| (i + j) as u8).collect())
            .collect();
        let mut bytes = Vec::new();
        for p in &payloads {
            bytes.extend(Frame::Fdat(p).encode());
        }
        // A reader that returns a few bytes at a time, to split frames.
        struct Dribble<'a>(&'a [u8]);
        impl Read for Dribble<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = out.len().min(self.0.len()).min(97);
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut r = FrameReader::new(Dribble(&bytes), Limits::default(), 1024);
        let mut keeper = Keeper {
            lent: Vec::new(),
            got: Vec::new(),
            exchanges: 0,
        };
        while let Some((_, range)) = r.next_frame(Some(&mut keeper)).unwrap() {
            keeper.lent.push(range);
        }
        for range in std::mem::take(&mut keeper.lent) {
            keeper.got.extend_from_slice(&r.buffer()[range]);
        }
        assert_eq!(keeper.got, payloads.concat());
        assert!(keeper.exchanges > 10, "{} exchanges", keeper.exchanges);
    }

    #[test]
    fn huge_length_is_refused_before_reading() {
        let mut bytes = Header {
            len: 1 << 63,
            kind: Kind::CHAT,
        }
        .encode()
        .to_vec();
        bytes.extend_from_slice(b"x");
        let mut r = FrameReader::new(&bytes[..], Limits::default(), 64);
        let err = r.next_raw().unwrap_err();
        assert!(matches!(
            err,
            ReadError::Frame(FrameError::TooLong { len, .. }) if len == 1 << 63
        ));
        assert!(r.buf.len() <= 64);
    }

    #[test]
    fn reader_splits_a_stream_and_ends_cleanly() {
        let mut bytes = Frame::Chat("one").encode();
        bytes.extend(Frame::Fdat(&[7u8; 100]).encode());
        bytes.extend(Frame::Quit.encode());
        let mut r = FrameReader::new(&bytes[..], Limits::default(), 16);
        let (h, p) = r.next_raw().unwrap().unwrap();
        assert_eq!((h.kind, p), (Kind::CHAT, &b"one"[..]));
        let (h, p) = r.next_raw().unwrap().unwrap();
        assert_eq!((h.kind, p.len()), (Kind::FDAT, 100));
        let (h, _) = r.next_raw().unwrap().unwrap();
        assert_eq!(h.kind, Kind::QUIT);
        assert!(r.next_raw().unwrap().is_none());
    }

    #[test]
    fn truncated_frame_is_an_error() {
        let bytes = Frame::Chat("hello").encode();
        let mut r = FrameReader::new(&bytes[..bytes.len() - 1], Limits::default(), 64);
        assert!(matches!(r.next_raw(), Err(ReadError::Truncated { .. })));
    }
}
