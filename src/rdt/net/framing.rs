//! Frames over the connection: `[length: u16 big-endian][bytes]`, and the
//! reads with a deadline that wait for them.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use bytes::Bytes;

use super::io_error;
use crate::rdt::RdtError;
use crate::rdt::handshake;
use crate::rdt::packet;
use crate::rdt::secure::{self, OVERHEAD};

/// The largest frame either side accepts.
pub const MAX_FRAME: usize = handshake::MAX_SIZE + packet::HEADER_LEN + OVERHEAD;

/// Reads `[u16 length][bytes]` frames from a byte stream.
#[derive(Default)]
pub(super) struct Frames {
    pub(super) buf: Vec<u8>,
}

impl Frames {
    pub(super) fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole frame, if one is in.
    pub(super) fn next(&mut self) -> Result<Option<Bytes>, RdtError> {
        if self.buf.len() < 2 {
            return Ok(None);
        }
        let len = usize::from(u16::from_be_bytes([self.buf[0], self.buf[1]]));
        if len > MAX_FRAME.max(secure::MAX_HANDSHAKE) {
            return Err(RdtError::Framing {
                len,
                max: MAX_FRAME,
            });
        }
        if self.buf.len() < 2 + len {
            return Ok(None);
        }
        let frame = Bytes::copy_from_slice(&self.buf[2..2 + len]);
        self.buf.drain(..2 + len);
        Ok(Some(frame))
    }
}

pub(super) fn write_frame(stream: &mut TcpStream, bytes: &[u8]) -> io::Result<()> {
    let len = u16::try_from(bytes.len()).map_err(|_| io::Error::other("frame too long"))?;
    let mut frame = Vec::with_capacity(2 + bytes.len());
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(bytes);
    stream.write_all(&frame)
}

/// [`write_frame`], with a failure as the session's error.
pub(super) fn send_frame(stream: &mut TcpStream, bytes: &[u8]) -> Result<(), RdtError> {
    write_frame(stream, bytes).map_err(|e| io_error("send", e))
}

/// A handshake line, sent with its newline.
pub(super) fn send_line(stream: &mut TcpStream, line: &str) -> Result<(), RdtError> {
    stream
        .write_all(format!("{line}\n").as_bytes())
        .map_err(|e| io_error("send", e))
}

/// Reads until a frame is whole, or `wait` passes.
pub(super) fn read_frame(
    stream: &mut TcpStream,
    frames: &mut Frames,
    wait: Duration,
) -> Result<Bytes, RdtError> {
    read_until(stream, frames, wait, Frames::next)
}

/// Reads until `whole` finds what it wants in what has arrived, or `wait`
/// passes, or the peer closes.
pub(super) fn read_until<T>(
    stream: &mut TcpStream,
    frames: &mut Frames,
    wait: Duration,
    mut whole: impl FnMut(&mut Frames) -> Result<Option<T>, RdtError>,
) -> Result<T, RdtError> {
    let deadline = std::time::Instant::now() + wait;
    loop {
        if let Some(found) = whole(frames)? {
            return Ok(found);
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(RdtError::Silent {
                secs: wait.as_secs(),
            });
        }
        if read_some(stream, frames, left)? == Some(0) {
            return Err(RdtError::Closed);
        }
    }
}

/// One `recv()` with a timeout into `frames`: `Some(n)` bytes (0 at the
/// end of the stream), `None` when the time passed.
pub(super) fn read_some(
    stream: &mut TcpStream,
    frames: &mut Frames,
    wait: Duration,
) -> Result<Option<usize>, RdtError> {
    read_chunk(stream, wait, |bytes| frames.push(bytes))
}

/// One `recv()` of at most 4096 bytes, as the classic programs make, handed
/// to `take`: `Some(n)` bytes (0 when the peer closed or reset), `None` when
/// `wait` passed with nothing.
pub(crate) fn read_chunk(
    stream: &mut TcpStream,
    wait: Duration,
    mut take: impl FnMut(&[u8]),
) -> Result<Option<usize>, RdtError> {
    stream
        .set_read_timeout(Some(wait.max(Duration::from_millis(1))))
        .map_err(|e| io_error("setsockopt", e))?;
    let mut buf = [0u8; 4096];
    match stream.read(&mut buf) {
        Ok(n) => {
            take(&buf[..n]);
            Ok(Some(n))
        }
        Err(e) if crate::net::socket::timed_out(&e) => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted
            ) =>
        {
            Ok(Some(0))
        }
        Err(e) => Err(io_error("recv", e)),
    }
}
