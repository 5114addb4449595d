//! The path from a station to the socket: the side's fault layer, then the
//! connection; and what arrives, handed to the station.

use std::io;
use std::net::TcpStream;

use bytes::Bytes;

use super::framing::{Frames, write_frame};
use super::{Clock, io_error};
use crate::rdt::RdtError;
use crate::rdt::fault::{FaultLayer, Verdict};
use crate::rdt::station::{Link, Station};
use crate::rdt::trace::{Host, Sink};
use crate::time::Instant;

/// The link of a real session: the side's fault layer, then the connection.
pub(super) struct SocketLink<'a> {
    stream: &'a mut TcpStream,
    faults: &'a mut FaultLayer,
    buf: Vec<Bytes>,
}

impl<'a> SocketLink<'a> {
    pub(super) fn new(stream: &'a mut TcpStream, faults: &'a mut FaultLayer) -> Self {
        SocketLink {
            stream,
            faults,
            buf: Vec::new(),
        }
    }
}

impl Link for SocketLink<'_> {
    fn carry(&mut self, now: Instant, from: Host, wire: Bytes) -> io::Result<Verdict> {
        self.buf.clear();
        let verdict = self.faults.send(now, from, wire, &mut self.buf);
        for frame in self.buf.drain(..) {
            write_frame(self.stream, &frame).map_err(|e| io::Error::other(SocketFailed(e)))?;
        }
        Ok(verdict)
    }
}

/// A socket write that failed inside [`SocketLink::carry`]: it comes back
/// through the station as an `io::Error`, like the views' own write errors,
/// and is told apart from them by this wrapper.
#[derive(Debug)]
struct SocketFailed(io::Error);

impl std::fmt::Display for SocketFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SocketFailed {}

/// The session's error for what a station returned: the socket failing under
/// it (the peer gone, most often) is not an output error.
pub(super) fn station_error(e: io::Error) -> RdtError {
    use io::ErrorKind as K;
    match e.get_ref().and_then(|r| r.downcast_ref::<SocketFailed>()) {
        Some(SocketFailed(inner))
            if matches!(
                inner.kind(),
                K::BrokenPipe | K::ConnectionReset | K::ConnectionAborted | K::NotConnected
            ) =>
        {
            RdtError::Closed
        }
        Some(SocketFailed(inner)) => io_error("send", inner),
        None => RdtError::Output(e),
    }
}

/// Hands every whole frame received so far to the station (its answers go
/// out through the fault layer); says whether there was any.
pub(super) fn arrive_all(
    station: &mut Station,
    frames: &mut Frames,
    clock: &Clock,
    stream: &mut TcpStream,
    faults: &mut FaultLayer,
    sink: &mut dyn Sink,
) -> Result<bool, RdtError> {
    let mut any = false;
    while let Some(frame) = frames.next()? {
        any = true;
        let mut link = SocketLink::new(stream, faults);
        station
            .arrive(clock.now(), frame, sink, &mut link)
            .map_err(station_error)?;
    }
    Ok(any)
}

/// Writes the packets the fault layer held back, once their time has come.
pub(super) fn release_held(
    faults: &mut FaultLayer,
    stream: &mut TcpStream,
    now: Instant,
) -> Result<(), RdtError> {
    for (_, wire) in faults.release(now) {
        write_frame(stream, &wire).map_err(|e| io_error("send", &e))?;
    }
    Ok(())
}
