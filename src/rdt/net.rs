//! Real sessions over sockets. The carrier is one TCP connection per client
//! (default port 5000): it opens with the text handshake, then carries the
//! Noise messages (secure mode) and every rdt packet as a frame
//! `[length: u16 big-endian][bytes]`. TCP itself never loses anything, so the
//! channel's misbehaviour comes from each side's fault layer, applied to the
//! packets it sends (the client's data, the server's ACKs and NAKs): a lost
//! packet is never written, a corrupted one is written with a bit flipped, a
//! reordered one is held back. The protocols run on the real clock and
//! recover for real: timers expire, packets are resent, duplicates discarded.

use std::io::{self, BufRead, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use bytes::Bytes;

use super::RdtError;
use super::fault::{FaultConfig, FaultLayer, Verdict};
use super::handshake::{self, Agreement, Proposal, Reply, is_complete};
use super::proto::{self, Config};
use super::secure::{Channel, Entropy, Handshake, OVERHEAD, Psk, SecureError};
use super::station::{Link, Station};
use super::trace::{Fanout, Host, RdtKind, RdtStep, Sink, Stats};
use super::view::annotators;
use super::view::log::Log;
use crate::narrate::Localize;
use crate::net::NetError;
use crate::net::console::{Console, Settings, drain};
use crate::time::Instant;
use crate::tr;
use crate::view::labels::host_text;

/// The largest frame either side accepts.
pub const MAX_FRAME: usize = handshake::MAX_SIZE + super::packet::HEADER_LEN + OVERHEAD;
/// How long a server waits for a whole handshake line.
const HANDSHAKE_WAIT: Duration = Duration::from_secs(10);
/// How long a line with no newline may wait for more before it is taken
/// as whole (classic clients send none).
const GRACE: Duration = Duration::from_millis(150);
/// How often the client looks for new input while it waits.
const INPUT_POLL: Duration = Duration::from_millis(20);
/// Longest message the client sends.
pub const MAX_MESSAGE: usize = 64 * 1024;

/// `synack rdt server`.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub bind: SocketAddr,
    /// The fault layer for what the server sends (ACKs and NAKs).
    pub faults: FaultConfig,
    /// Secure mode: the pre-shared key every client must hold.
    pub psk: Option<Psk>,
    /// Stop after this many sessions.
    pub max_clients: Option<u64>,
    /// Close a session after this long without a word from the client.
    pub idle: Duration,
    pub settings: Settings,
    pub bits: bool,
}

/// `synack rdt client`.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub server: SocketAddr,
    pub proposal: Proposal,
    /// The retransmission timeout.
    pub timeout: Duration,
    /// The fault layer for what the client sends (data).
    pub faults: FaultConfig,
    pub psk: Option<Psk>,
    pub connect_timeout: Duration,
    pub settings: Settings,
    pub bits: bool,
}

fn io_error(call: &'static str, e: &io::Error) -> RdtError {
    RdtError::Net(NetError::io(call, e))
}

/// Reads `[u16 length][bytes]` frames from a byte stream.
#[derive(Default)]
struct Frames {
    buf: Vec<u8>,
}

impl Frames {
    fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole frame, if one is in.
    fn next(&mut self) -> Result<Option<Bytes>, RdtError> {
        if self.buf.len() < 2 {
            return Ok(None);
        }
        let len = usize::from(u16::from_be_bytes([self.buf[0], self.buf[1]]));
        if len > MAX_FRAME.max(super::secure::MAX_HANDSHAKE) {
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

fn write_frame(stream: &mut TcpStream, bytes: &[u8]) -> io::Result<()> {
    let len = u16::try_from(bytes.len()).map_err(|_| io::Error::other("frame too long"))?;
    let mut frame = Vec::with_capacity(2 + bytes.len());
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(bytes);
    stream.write_all(&frame)
}

/// Reads until a frame is whole, or `wait` passes.
fn read_frame(
    stream: &mut TcpStream,
    frames: &mut Frames,
    wait: Duration,
) -> Result<Bytes, RdtError> {
    read_until(stream, frames, wait, Frames::next)
}

/// Reads until `whole` finds what it wants in what has arrived, or `wait`
/// passes, or the peer closes.
fn read_until<T>(
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
fn read_some(
    stream: &mut TcpStream,
    frames: &mut Frames,
    wait: Duration,
) -> Result<Option<usize>, RdtError> {
    stream
        .set_read_timeout(Some(wait.max(Duration::from_millis(1))))
        .map_err(|e| io_error("setsockopt", &e))?;
    let mut buf = [0u8; 4096];
    match stream.read(&mut buf) {
        Ok(n) => {
            frames.push(&buf[..n]);
            Ok(Some(n))
        }
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            Ok(None)
        }
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted
            ) =>
        {
            Ok(Some(0))
        }
        Err(e) => Err(io_error("recv", &e)),
    }
}

/// The link of a real session: the side's fault layer, then the connection.
struct SocketLink<'a> {
    stream: &'a mut TcpStream,
    faults: &'a mut FaultLayer,
    buf: Vec<Bytes>,
}

impl<'a> SocketLink<'a> {
    fn new(stream: &'a mut TcpStream, faults: &'a mut FaultLayer) -> Self {
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
fn station_error(e: io::Error) -> RdtError {
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

fn step(sink: &mut dyn Sink, t: Instant, host: Host, kind: RdtKind) -> io::Result<()> {
    sink.step(&RdtStep { t, host, kind })
}

/// The server's answer to the handshake line: `agreed` is `None` for a refusal.
fn reply(
    sink: &mut dyn Sink,
    t: Instant,
    line: String,
    agreed: Option<Agreement>,
) -> io::Result<()> {
    step(sink, t, Host::Server, RdtKind::Reply { line, agreed })
}

/// Hands every whole frame received so far to the station (its answers go
/// out through the fault layer); says whether there was any.
fn arrive_all(
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
            .handle_packet(clock.now(), frame, sink, &mut link)
            .map_err(station_error)?;
    }
    Ok(any)
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

/// Writes output to a console in whole blocks: everything written between
/// two flushes goes out together, so sessions on other threads never cut
/// into each other's lines.
struct ConsoleWriter {
    console: Console,
    buf: Vec<u8>,
}

impl Write for ConsoleWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let text = String::from_utf8_lossy(&self.buf).into_owned();
            self.console.say(text.trim_end_matches('\n').to_string());
            self.buf.clear();
        }
        Ok(())
    }
}

/// `synack rdt server`: serves each client on its own thread, until stopped
/// or `max_clients` sessions are over.
pub fn serve(opts: &ServerOptions, out: &mut dyn Write) -> Result<(), RdtError> {
    let lang = opts.settings.lang;
    let listener = TcpListener::bind(opts.bind)
        .map_err(|e| RdtError::Net(crate::net::socket::bind_error(opts.bind, &e)))?;
    let local = listener
        .local_addr()
        .map_err(|e| io_error("getsockname", &e))?;
    let secure = if opts.psk.is_some() {
        tr!(lang, "rdt-server-secure")
    } else {
        tr!(lang, "rdt-server-plain")
    };
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "rdt-server-listening",
            addr = local.to_string(),
            secure = secure
        )
    )?;
    out.flush()?;
    let (console, rx) = Console::new(opts.settings);
    let served = std::thread::scope(|scope| {
        let accepting = scope.spawn(move || {
            let mut served = 0u64;
            let mut sessions = Vec::new();
            for conn in listener.incoming() {
                let stream = match conn {
                    Ok(s) => s,
                    Err(e) => {
                        console.say(tr!(
                            lang,
                            "rdt-server-accept-failed",
                            reason = e.to_string()
                        ));
                        continue;
                    }
                };
                served += 1;
                let console = console.clone();
                sessions.push(scope.spawn(move || serve_one(opts, stream, console)));
                if opts.max_clients.is_some_and(|max| served >= max) {
                    break;
                }
            }
            for s in sessions {
                let _ = s.join();
            }
            served
        });
        let printed = drain(rx, out);
        (accepting.join().unwrap_or(0), printed)
    });
    served.1?;
    writeln!(out, "{}", tr!(lang, "rdt-server-done", count = served.0))?;
    Ok(())
}

/// One client's session, reported on the console.
fn serve_one(opts: &ServerOptions, mut stream: TcpStream, console: Console) {
    let lang = opts.settings.lang;
    let peer = stream
        .peer_addr()
        .map_or_else(|_| "?".to_string(), |a| a.to_string());
    let tags = [
        format!("[{peer}]"),
        format!("[{}]", host_text(lang, Host::Server)),
    ];
    let mut writer = ConsoleWriter {
        console: console.clone(),
        buf: Vec::new(),
    };
    let mut stats = Stats::default();
    let result = {
        let mut log = session_log(&mut writer, &opts.settings, opts.bits, tags);
        let mut sink = Fanout(vec![&mut log, &mut stats]);
        server_session(opts, &mut stream, &mut sink)
    };
    let _ = stream.shutdown(Shutdown::Both);
    let _ = writer.flush();
    let summary = tr!(
        lang,
        "rdt-server-session-over",
        peer = peer.as_str(),
        delivered = stats.delivered,
        duplicates = stats.duplicates_discarded,
        corrupt = stats.corrupt_discarded,
        tampered = stats.tampered
    );
    match result {
        Ok(()) => console.say(summary),
        Err(e) => console.say(format!(
            "{summary}\n{}",
            tr!(
                lang,
                "rdt-server-session-failed",
                peer = peer.as_str(),
                reason = e.localize(lang)
            )
        )),
    }
}

/// Reads the client's handshake line: up to a newline, or a whole classic
/// request followed by a short silence. Returns the line and the bytes after it.
fn read_request(stream: &mut TcpStream) -> Result<(String, Vec<u8>), RdtError> {
    let deadline = std::time::Instant::now() + HANDSHAKE_WAIT;
    let mut frames = Frames::default();
    loop {
        let buf = &frames.buf;
        if let Some(pos) = buf.iter().position(|b| *b == b'\n') {
            let line = String::from_utf8_lossy(&buf[..pos]).trim().to_string();
            let rest = buf[pos + 1..].to_vec();
            return Ok((line, rest));
        }
        if buf.len() > handshake::MAX_LINE {
            return Err(RdtError::Options(handshake::HandshakeError::TooLong));
        }
        let text = String::from_utf8_lossy(buf).to_string();
        let complete = is_complete(&text);
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(RdtError::Silent {
                secs: HANDSHAKE_WAIT.as_secs(),
            });
        }
        let wait = if complete { GRACE.min(left) } else { left };
        match read_some(stream, &mut frames, wait)? {
            Some(0) if complete => return Ok((text.trim().to_string(), Vec::new())),
            Some(0) => return Err(RdtError::Closed),
            None if complete => return Ok((text.trim().to_string(), Vec::new())),
            _ => {}
        }
    }
}

fn server_session(
    opts: &ServerOptions,
    stream: &mut TcpStream,
    sink: &mut dyn Sink,
) -> Result<(), RdtError> {
    let lang = opts.settings.lang;
    let clock = Clock(std::time::Instant::now());
    let _ = stream.set_nodelay(true);
    let (line, rest) = match read_request(stream) {
        Ok(r) => r,
        Err(RdtError::Options(e)) => {
            let reply = format!("{} {}\n", handshake::REFUSED, e.localize(lang));
            let _ = stream.write_all(reply.as_bytes());
            return Err(RdtError::Options(e));
        }
        Err(e) => return Err(e),
    };
    step(
        sink,
        clock.now(),
        Host::Client,
        RdtKind::Request { line: line.clone() },
    )?;
    let reordering = opts.faults.reorders();
    let agreement =
        match Proposal::parse(&line).and_then(|p| p.agree(opts.psk.is_some(), reordering)) {
            Ok(a) => a,
            Err(e) => {
                let answer = format!("{} {}", handshake::REFUSED, e.localize(lang));
                reply(sink, clock.now(), answer.clone(), None)?;
                stream
                    .write_all(format!("{answer}\n").as_bytes())
                    .map_err(|e| io_error("send", &e))?;
                return Ok(());
            }
        };
    let answer = agreement.reply_line();
    stream
        .write_all(format!("{answer}\n").as_bytes())
        .map_err(|e| io_error("send", &e))?;
    reply(sink, clock.now(), answer, Some(agreement))?;
    let mut frames = Frames::default();
    frames.push(&rest);
    let channel = match (&opts.psk, agreement.secure) {
        (Some(psk), true) => Some(server_noise(psk, stream, &mut frames, &clock, sink)?),
        _ => None,
    };
    let config = Config::new(agreement, Duration::from_secs(1));
    let mut station = Station::new(Host::Server, proto::receiver(config), channel);
    let mut faults = FaultLayer::new(opts.faults.clone());
    let mut idle_since = std::time::Instant::now();
    loop {
        let now = clock.now();
        release_held(&mut faults, stream, now)?;
        if arrive_all(&mut station, &mut frames, &clock, stream, &mut faults, sink)? {
            idle_since = std::time::Instant::now();
        }
        if idle_since.elapsed() >= opts.idle {
            return Err(RdtError::Silent {
                secs: opts.idle.as_secs(),
            });
        }
        let wait = faults
            .next_release()
            .map_or(opts.idle, |at| clock.until(at))
            .min(opts.idle.saturating_sub(idle_since.elapsed()));
        if read_some(stream, &mut frames, wait)? == Some(0) {
            // The client closed: it has its ACKs (or gave up). The session is over.
            arrive_all(&mut station, &mut frames, &clock, stream, &mut faults, sink)?;
            return Ok(());
        }
    }
}

/// Writes the packets the fault layer held back, once their time has come.
fn release_held(
    faults: &mut FaultLayer,
    stream: &mut TcpStream,
    now: Instant,
) -> Result<(), RdtError> {
    for (_, wire) in faults.release(now) {
        write_frame(stream, &wire).map_err(|e| io_error("send", &e))?;
    }
    Ok(())
}

fn server_noise(
    psk: &Psk,
    stream: &mut TcpStream,
    frames: &mut Frames,
    clock: &Clock,
    sink: &mut dyn Sink,
) -> Result<Channel, RdtError> {
    let mut hs = Handshake::server(psk, Entropy::Os)?;
    let m1 = read_frame(stream, frames, HANDSHAKE_WAIT)?;
    step(
        sink,
        clock.now(),
        Host::Client,
        RdtKind::Noise {
            message: 1,
            bytes: m1.clone(),
        },
    )?;
    if let Err(e) = hs.read(&m1) {
        // An empty frame tells the client its key was refused.
        let _ = write_frame(stream, &[]);
        step(
            sink,
            clock.now(),
            Host::Server,
            RdtKind::Secure { ok: false },
        )?;
        return Err(e.into());
    }
    let m2 = hs.write()?;
    write_frame(stream, &m2).map_err(|e| io_error("send", &e))?;
    step(
        sink,
        clock.now(),
        Host::Server,
        RdtKind::Noise {
            message: 2,
            bytes: Bytes::from(m2),
        },
    )?;
    let channel = hs.finish()?;
    step(
        sink,
        clock.now(),
        Host::Server,
        RdtKind::Secure { ok: true },
    )?;
    Ok(channel)
}

fn connect_error(addr: SocketAddr, e: &io::Error, timeout: Duration) -> RdtError {
    RdtError::Net(match e.kind() {
        io::ErrorKind::ConnectionRefused => return RdtError::NoServer { addr },
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => NetError::ConnectTimeout {
            addr,
            secs: timeout.as_secs(),
        },
        _ => NetError::Connect {
            addr,
            reason: e.to_string(),
        },
    })
}

/// `synack rdt client`: the handshake, then every message from `messages`
/// sent reliably; returns once all are acknowledged and `messages` has ended.
pub fn connect(
    opts: &ClientOptions,
    messages: Receiver<Vec<u8>>,
    out: &mut dyn Write,
) -> Result<(), RdtError> {
    let s = &opts.settings;
    let lang = s.lang;
    if opts.proposal.secure && opts.psk.is_none() {
        return Err(SecureError::NoKey.into());
    }
    let tags = [
        format!("[{}]", host_text(lang, Host::Client)),
        format!("[{}]", host_text(lang, Host::Server)),
    ];
    let mut stats = Stats::default();
    let result = {
        let mut log = session_log(out, s, opts.bits, tags);
        let mut sink = Fanout(vec![&mut log, &mut stats]);
        client_session(opts, messages, &mut sink)
    };
    result?;
    let summary = tr!(
        lang,
        "rdt-client-summary",
        delivered = stats.submitted,
        packets = stats.packets[0],
        retransmissions = stats.retransmissions,
        lost = stats.lost,
        corrupted = stats.corrupted,
        time = stats.end.to_string()
    );
    writeln!(out, "{summary}")?;
    Ok(())
}

fn client_session(
    opts: &ClientOptions,
    messages: Receiver<Vec<u8>>,
    sink: &mut dyn Sink,
) -> Result<(), RdtError> {
    let mut stream = TcpStream::connect_timeout(&opts.server, opts.connect_timeout)
        .map_err(|e| connect_error(opts.server, &e, opts.connect_timeout))?;
    let _ = stream.set_nodelay(true);
    let clock = Clock(std::time::Instant::now());
    let line = opts.proposal.to_line();
    stream
        .write_all(format!("{line}\n").as_bytes())
        .map_err(|e| io_error("send", &e))?;
    step(sink, clock.now(), Host::Client, RdtKind::Request { line })?;
    let mut frames = Frames::default();
    let answer = read_reply(
        &mut stream,
        &mut frames,
        opts.connect_timeout.max(HANDSHAKE_WAIT),
    )?;
    let agreement = match handshake::parse_reply(&answer) {
        Reply::Agreed(a) => a,
        Reply::Refused(reason) => {
            reply(sink, clock.now(), answer, None)?;
            return Err(RdtError::Refused { reason });
        }
        Reply::Unexpected(line) => return Err(RdtError::UnexpectedReply { line }),
    };
    reply(sink, clock.now(), answer, Some(agreement))?;
    let channel = match (&opts.psk, agreement.secure) {
        (Some(psk), true) => Some(client_noise(psk, &mut stream, &mut frames, &clock, sink)?),
        _ => None,
    };
    let config = Config::new(agreement, opts.timeout);
    let mut station = Station::new(Host::Client, proto::sender(config), channel);
    let mut faults = FaultLayer::new(opts.faults.clone());
    let mut input_open = true;
    loop {
        let now = clock.now();
        while input_open {
            match messages.try_recv() {
                Ok(m) if m.len() > MAX_MESSAGE => {
                    return Err(RdtError::MessageTooLong {
                        len: m.len(),
                        max: MAX_MESSAGE,
                    });
                }
                Ok(m) => {
                    let mut link = SocketLink::new(&mut stream, &mut faults);
                    station
                        .send(now, Bytes::from(m), sink, &mut link)
                        .map_err(station_error)?;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => input_open = false,
            }
        }
        release_held(&mut faults, &mut stream, now)?;
        if station.poll_timeout().is_some_and(|t| t <= now) {
            let mut link = SocketLink::new(&mut stream, &mut faults);
            station
                .handle_timeout(now, sink, &mut link)
                .map_err(station_error)?;
        }
        if station.gave_up() {
            let _ = stream.shutdown(Shutdown::Both);
            return Err(RdtError::GaveUp {
                attempts: proto::DEFAULT_RETRIES,
            });
        }
        if !input_open && station.is_idle() {
            step(sink, clock.now(), Host::Client, RdtKind::Done)?;
            let _ = stream.shutdown(Shutdown::Write);
            return Ok(());
        }
        let mut wait = [station.poll_timeout(), faults.next_release()]
            .into_iter()
            .flatten()
            .map(|t| clock.until(t))
            .min()
            .unwrap_or(Duration::from_secs(1));
        if input_open {
            wait = wait.min(INPUT_POLL);
        }
        match read_some(&mut stream, &mut frames, wait)? {
            Some(0) => return Err(RdtError::Closed),
            Some(_) => {
                arrive_all(
                    &mut station,
                    &mut frames,
                    &clock,
                    &mut stream,
                    &mut faults,
                    sink,
                )?;
            }
            None => {}
        }
    }
}

/// Reads the server's answer line.
fn read_reply(
    stream: &mut TcpStream,
    frames: &mut Frames,
    wait: Duration,
) -> Result<String, RdtError> {
    read_until(stream, frames, wait, |frames| {
        if let Some(pos) = frames.buf.iter().position(|b| *b == b'\n') {
            let line = String::from_utf8_lossy(&frames.buf[..pos])
                .trim()
                .to_string();
            frames.buf.drain(..=pos);
            return Ok(Some(line));
        }
        if frames.buf.len() > handshake::MAX_LINE {
            let line = String::from_utf8_lossy(&frames.buf[..80]).to_string();
            return Err(RdtError::UnexpectedReply { line });
        }
        Ok(None)
    })
}

fn client_noise(
    psk: &Psk,
    stream: &mut TcpStream,
    frames: &mut Frames,
    clock: &Clock,
    sink: &mut dyn Sink,
) -> Result<Channel, RdtError> {
    let mut hs = Handshake::client(psk, Entropy::Os)?;
    let m1 = hs.write()?;
    write_frame(stream, &m1).map_err(|e| io_error("send", &e))?;
    step(
        sink,
        clock.now(),
        Host::Client,
        RdtKind::Noise {
            message: 1,
            bytes: Bytes::from(m1),
        },
    )?;
    let m2 = match read_frame(stream, frames, HANDSHAKE_WAIT) {
        Ok(m) if !m.is_empty() => m,
        Ok(_) | Err(RdtError::Closed) => {
            step(
                sink,
                clock.now(),
                Host::Client,
                RdtKind::Secure { ok: false },
            )?;
            return Err(SecureError::WrongKey.into());
        }
        Err(e) => return Err(e),
    };
    step(
        sink,
        clock.now(),
        Host::Server,
        RdtKind::Noise {
            message: 2,
            bytes: m2.clone(),
        },
    )?;
    hs.read(&m2)?;
    let channel = hs.finish()?;
    step(
        sink,
        clock.now(),
        Host::Client,
        RdtKind::Secure { ok: true },
    )?;
    Ok(channel)
}

/// Messages from `input`, one per line, on a thread of their own: the
/// receiver ends at the end of the input or at a line `sair` or `quit`.
pub fn lines(input: impl BufRead + Send + 'static) -> Receiver<Vec<u8>> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in input.split(b'\n') {
            let Ok(mut line) = line else { break };
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            let word = String::from_utf8_lossy(&line).trim().to_lowercase();
            if word == "sair" || word == "quit" {
                break;
            }
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Messages given up front (the command's arguments), as a finished input.
pub fn given(messages: Vec<Vec<u8>>) -> Receiver<Vec<u8>> {
    let (tx, rx) = channel();
    for m in messages {
        let _ = tx.send(m);
    }
    rx
}
