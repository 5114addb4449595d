//! Real sessions over sockets. The carrier is one TCP connection per client
//! (default port 5000): it opens with the text handshake, then carries the
//! Noise messages (secure mode) and every rdt packet as a frame
//! `[length: u16 big-endian][bytes]`. TCP itself never loses anything, so the
//! channel's misbehaviour comes from each side's fault layer, applied to the
//! packets it sends (the client's data, the server's ACKs and NAKs): a lost
//! packet is never written, a corrupted one is written with a bit flipped, a
//! reordered one is held back. The protocols run on the real clock and
//! recover for real: timers expire, packets are resent, duplicates discarded.
//!
//! `framing` cuts the byte stream into frames, `link` takes a station's
//! packets through the fault layer to the socket, and `server` and
//! `client` run the two sides' sessions with what both share, here.

mod client;
mod framing;
mod link;
mod server;

use std::io::{self, Write};
use std::time::Duration;

use bytes::Bytes;

use super::RdtError;
use super::handshake::Agreement;
use super::trace::{Host, RdtKind, RdtStep, Sink};
use super::view::annotators;
use super::view::log::Log;
use crate::net::NetError;
use crate::net::console::Settings;
use crate::time::Instant;

pub use client::{ClientOptions, MAX_MESSAGE, connect, given, lines};
pub use framing::MAX_FRAME;
pub(crate) use framing::read_chunk;
pub(crate) use server::session_over;
pub use server::{ServerOptions, serve};

/// How long a server waits for a whole handshake line.
const HANDSHAKE_WAIT: Duration = Duration::from_secs(10);

fn io_error(call: &'static str, e: io::Error) -> RdtError {
    RdtError::Net(NetError::io(call, e))
}

/// The session clock: microseconds since it began.
struct Clock(std::time::Instant);

impl Clock {
    fn now(&self) -> Instant {
        Instant::from_micros(u64::try_from(self.0.elapsed().as_micros()).unwrap_or(u64::MAX))
    }

    /// Real time until virtual instant `at`.
    fn until(&self, at: Instant) -> Duration {
        at.since(self.now())
    }
}

fn step(sink: &mut dyn Sink<RdtStep>, t: Instant, host: Host, kind: RdtKind) -> io::Result<()> {
    sink.step(&RdtStep { t, host, kind })
}

/// A Noise handshake message (`message` 1 or 2) left `host`.
fn noise(
    sink: &mut dyn Sink<RdtStep>,
    t: Instant,
    host: Host,
    message: u8,
    bytes: Bytes,
) -> io::Result<()> {
    step(sink, t, host, RdtKind::Noise { message, bytes })
}

/// The secure handshake ended on `host`: `ok`, or refused for a wrong key.
fn secured(sink: &mut dyn Sink<RdtStep>, t: Instant, host: Host, ok: bool) -> io::Result<()> {
    step(sink, t, host, RdtKind::Secure { ok })
}

/// The server's answer to the handshake line: `agreed` is `None` for a refusal.
fn reply(
    sink: &mut dyn Sink<RdtStep>,
    t: Instant,
    line: String,
    agreed: Option<Agreement>,
) -> io::Result<()> {
    step(sink, t, Host::Server, RdtKind::Reply { line, agreed })
}

/// The log of one side of a session, with the notes its settings ask for.
fn session_log<'a>(
    out: &'a mut dyn Write,
    settings: &Settings,
    bits: bool,
    tags: [String; 2],
) -> Log<'a> {
    let s = settings;
    let mut log = Log::new(out, s.lang, s.style, s.quiet, tags);
    let note_width = s.width.saturating_sub(10);
    for a in annotators(s.lang, s.style, s.explain, bits, note_width) {
        log.annotate_with(a);
    }
    log
}
