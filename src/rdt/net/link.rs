//! The path from a station to the socket: the side's fault layer, then the
//! connection; and what arrives, handed to the station.

use std::io;
use std::net::TcpStream;

use bytes::Bytes;

use super::framing::{Frames, send_frame, write_frame};
use super::{Clock, io_error};
use crate::rdt::RdtError;
use crate::rdt::fault::{FaultLayer, PacketId, Verdict};
use crate::rdt::station::{Link, Station};
use crate::rdt::trace::{Host, RdtStep, Sink};
use crate::time::Instant;

/// The link of a real session: the side's fault layer, then the connection.
pub(super) struct SocketLink<'a> {
    stream: &'a mut TcpStream,
    faults: &'a mut FaultLayer,
    buf: Vec<Bytes>,
    /// The socket write that failed, as the session's error: the station
    /// hands back any failure as a bare `io::Error`, which cannot say
    /// whether the socket or a view failed.
    failed: Option<RdtError>,
}

impl<'a> SocketLink<'a> {
    pub(super) fn new(stream: &'a mut TcpStream, faults: &'a mut FaultLayer) -> Self {
        SocketLink {
            stream,
            faults,
            buf: Vec::new(),
            failed: None,
        }
    }

    /// The session's error for what the station returned: the socket failing
    /// under it (the peer gone, most often) is not an output error.
    pub(super) fn error(&mut self, e: io::Error) -> RdtError {
        self.failed.take().unwrap_or(RdtError::Output(e))
    }
}

impl Link for SocketLink<'_> {
    fn carry(
        &mut self,
        now: Instant,
        from: Host,
        id: PacketId,
        wire: Bytes,
    ) -> io::Result<Verdict> {
        self.buf.clear();
        let verdict = self.faults.send(now, from, id, wire, &mut self.buf);
        for frame in self.buf.drain(..) {
            if let Err(e) = write_frame(self.stream, &frame) {
                // The station only needs to stop; the error itself is kept
                // in `failed`, which `error` prefers to what comes back.
                let stop = io::Error::from(e.kind());
                self.failed = Some(send_error(e));
                return Err(stop);
            }
        }
        Ok(verdict)
    }
}

/// A packet that could not be written: the peer gone, or the socket failing.
fn send_error(e: io::Error) -> RdtError {
    use io::ErrorKind as K;
    match e.kind() {
        K::BrokenPipe | K::ConnectionReset | K::ConnectionAborted | K::NotConnected => {
            RdtError::Closed
        }
        _ => io_error("send", e),
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
    sink: &mut dyn Sink<RdtStep>,
) -> Result<bool, RdtError> {
    let mut any = false;
    while let Some(frame) = frames.next()? {
        any = true;
        let mut link = SocketLink::new(stream, faults);
        station
            .handle_packet(clock.now(), frame, sink, &mut link)
            .map_err(|e| link.error(e))?;
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
        send_frame(stream, &wire)?;
    }
    Ok(())
}
