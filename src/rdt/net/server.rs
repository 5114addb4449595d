//! `synack rdt server`: one session per client, each on its own thread.

use std::io::{self, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use bytes::Bytes;

use super::framing::{Frames, read_frame, read_some, send_frame, send_line, write_frame};
use super::link::{arrive_all, release_held};
use super::{Clock, HANDSHAKE_WAIT, io_error, noise, reply, secured, session_log, step};
use crate::narrate::Localize;
use crate::net::console::{Console, Settings, drain};
use crate::rdt::RdtError;
use crate::rdt::classic::{self, Hello, server::ClassicServerOptions};
use crate::rdt::fault::{FaultConfig, FaultLayer};
use crate::rdt::handshake::{self, Proposal, is_complete};
use crate::rdt::proto::{self, Config};
use crate::rdt::secure::{Channel, Entropy, Handshake, Psk};
use crate::rdt::station::Station;
use crate::rdt::trace::{Host, RdtKind, RdtStep, Sink, Stats, Tee};
use crate::tr;
use crate::view::labels::host_text;

/// How long a line with no newline may wait for more before it is taken
/// as whole (classic clients send none).
const GRACE: Duration = Duration::from_millis(150);

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
    /// Sessions whose handshake names a classic mode.
    pub classic: ClassicServerOptions,
}

/// Writes output to a console in whole blocks: everything written between
/// two flushes goes out together, so sessions on other threads never cut
/// into each other's lines.
pub(crate) struct ConsoleWriter {
    console: Console,
    buf: Vec<u8>,
}

impl ConsoleWriter {
    pub(crate) fn new(console: Console) -> Self {
        ConsoleWriter {
            console,
            buf: Vec::new(),
        }
    }
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
        .map_err(|e| RdtError::Net(crate::net::socket::bind_error(opts.bind, e)))?;
    let local = listener
        .local_addr()
        .map_err(|e| io_error("getsockname", e))?;
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
    let mut writer = ConsoleWriter::new(console.clone());
    let started = std::time::Instant::now();
    let request = read_request(&mut stream);
    // The course project's text exchange takes over when the line names
    // one of its modes.
    if let Ok((line, rest)) = &request
        && let Some(hello) = Hello::detect(line)
    {
        let request = (line.clone(), hello, rest.clone());
        classic::server::serve_one(opts, stream, request, started, tags, &console, &mut writer);
        return;
    }
    let mut stats = Stats::default();
    let result = {
        let mut log = session_log(&mut writer, &opts.settings, opts.bits, tags);
        let mut sink = Tee::of(vec![&mut log, &mut stats]);
        server_session(opts, &mut stream, request, started, &mut sink)
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
    session_over(&console, &peer, summary, result);
}

/// Says a session is over: its summary, and why it failed when it did.
pub(crate) fn session_over(
    console: &Console,
    peer: &str,
    summary: String,
    result: Result<(), RdtError>,
) {
    match result {
        Ok(()) => console.say(summary),
        Err(e) => console.say(format!(
            "{summary}\n{}",
            tr!(
                console.lang(),
                "rdt-server-session-failed",
                peer = peer,
                reason = e.localize(console.lang())
            )
        )),
    }
}

/// Reads the client's handshake line: up to a newline, or a whole classic
/// request followed by a short silence. Returns the line and the bytes after it.
fn read_request(stream: &mut TcpStream) -> Result<(String, Vec<u8>), RdtError> {
    let _ = stream.set_nodelay(true);
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
        if left.is_zero() && !text.is_empty() {
            return Err(RdtError::HalfHandshake {
                text: text.chars().take(60).collect(),
                closed: false,
            });
        }
        if left.is_zero() {
            return Err(RdtError::Silent {
                secs: HANDSHAKE_WAIT.as_secs(),
            });
        }
        let wait = if complete { GRACE.min(left) } else { left };
        match read_some(stream, &mut frames, wait)? {
            Some(0) if complete => return Ok((text.trim().to_string(), Vec::new())),
            Some(0) if !text.is_empty() => {
                return Err(RdtError::HalfHandshake {
                    text: text.chars().take(60).collect(),
                    closed: true,
                });
            }
            Some(0) => return Err(RdtError::Closed),
            None if complete => return Ok((text.trim().to_string(), Vec::new())),
            _ => {}
        }
    }
}

/// The lab's own session, after the handshake line was read (`request`)
/// on a connection accepted at `started`.
fn server_session(
    opts: &ServerOptions,
    stream: &mut TcpStream,
    request: Result<(String, Vec<u8>), RdtError>,
    started: std::time::Instant,
    sink: &mut dyn Sink<RdtStep>,
) -> Result<(), RdtError> {
    let lang = opts.settings.lang;
    let clock = Clock(started);
    let (line, rest) = match request {
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
                send_line(stream, &answer)?;
                return Ok(());
            }
        };
    let answer = agreement.reply_line();
    send_line(stream, &answer)?;
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

fn server_noise(
    psk: &Psk,
    stream: &mut TcpStream,
    frames: &mut Frames,
    clock: &Clock,
    sink: &mut dyn Sink<RdtStep>,
) -> Result<Channel, RdtError> {
    let mut hs = Handshake::server(psk, Entropy::Os)?;
    let m1 = read_frame(stream, frames, HANDSHAKE_WAIT)?;
    noise(sink, clock.now(), Host::Client, 1, m1.clone())?;
    if let Err(e) = hs.read(&m1) {
        // An empty frame tells the client its key was refused.
        let _ = write_frame(stream, &[]);
        secured(sink, clock.now(), Host::Server, false)?;
        return Err(e.into());
    }
    let m2 = hs.write()?;
    send_frame(stream, &m2)?;
    noise(sink, clock.now(), Host::Server, 2, Bytes::from(m2))?;
    let channel = hs.finish()?;
    secured(sink, clock.now(), Host::Server, true)?;
    Ok(channel)
}
