//! The classic exchange on `synack rdt server`'s side: once the handshake
//! line names a classic mode, the session answers every message the way the
//! classic server does, and in the mode with errors lets its fault layer
//! decide, per message, to answer `ERRO_CORROMPIDO`, not to answer, or to
//! answer late. The client's timeouts and retries then happen for real,
//! and the log says what the client must be doing.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use super::faults::ClassicFaults;
use super::trace::{Again, ClassicKind, ClassicStep, Decision, Host, Sink};
use super::{
    CLASSIC_TIMEOUT, CLASSIC_TRIES, ClassicMode, DelayRange, Hello, MAX_READ, confirmation, is_quit,
};
use crate::narrate::{Lang, Localize};
use crate::net::NetError;
use crate::rdt::RdtError;
use crate::rdt::fault::FaultConfig;
use crate::rdt::handshake::{HandshakeError, REFUSED};
use crate::time::Instant;
use crate::tr;

/// What the server's classic sessions take beyond the lab's own options.
#[derive(Clone, Debug, Default)]
pub struct ClassicServerOptions {
    /// `--delay`: how long each answer waits in the mode with errors.
    pub delay: Option<DelayRange>,
    /// `--json`: the session as JSON lines instead of the log.
    pub json: bool,
}

/// The handshake line as the server read it: the line, what it asks for
/// (or why it is refused), and the bytes that came after it.
pub struct Request {
    pub line: String,
    pub hello: Result<Hello, HandshakeError>,
    pub rest: Vec<u8>,
}

/// The faults a session applies: the lab's `--loss`, `--corrupt`, `--seed`
/// and the classic `--delay`.
pub struct FaultsInUse<'a> {
    pub faults: &'a FaultConfig,
    pub classic: &'a ClassicServerOptions,
}

/// The session clock: time since the connection was accepted.
pub(super) struct Clock(pub(super) std::time::Instant);

impl Clock {
    pub(super) fn now(&self) -> Instant {
        Instant::from_micros(u64::try_from(self.0.elapsed().as_micros()).unwrap_or(u64::MAX))
    }
}

/// How the last message went, to recognise its retry.
struct Last {
    text: String,
    attempt: u32,
    /// The answer was lost, corrupted, or sent after this long.
    outcome: Outcome,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Lost,
    Corrupted,
    Answered(Duration),
}

/// One classic session after the handshake line was read: `hello` is what
/// the line asked for (or why it is refused), `rest` the bytes that came
/// after it. Ends at `sair`; a client that closes without it is an error.
pub fn session(
    stream: &mut TcpStream,
    request: Request,
    started: std::time::Instant,
    faults: FaultsInUse<'_>,
    idle: Duration,
    lang: Lang,
    sink: &mut dyn Sink<ClassicStep>,
) -> Result<(), RdtError> {
    let Request { line, hello, rest } = request;
    let clock = Clock(started);
    let peer = stream
        .peer_addr()
        .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
    let step = |sink: &mut dyn Sink<ClassicStep>, host, kind| {
        sink.step(&ClassicStep {
            t: clock.now(),
            host,
            kind,
        })
    };
    step(sink, Host::Client, ClassicKind::Request { line })?;
    let hello = match hello {
        Ok(h) => h,
        Err(e) => {
            let answer = format!("{REFUSED} {}", e.localize(lang));
            step(
                sink,
                Host::Server,
                ClassicKind::Reply {
                    line: answer.clone(),
                    agreed: None,
                },
            )?;
            send(stream, &answer, peer)?;
            return Ok(());
        }
    };
    let answer = hello.reply_line();
    send(stream, &answer, peer)?;
    step(
        sink,
        Host::Server,
        ClassicKind::Reply {
            line: answer,
            agreed: Some(hello),
        },
    )?;
    let mut faults = ClassicFaults::new(faults.faults.clone(), faults.classic.delay);
    let mut last: Option<Last> = None;
    let mut index = 0u64;
    let mut pending = (!rest.is_empty()).then_some(rest);
    loop {
        let bytes = match pending.take() {
            Some(b) => b,
            None => receive(stream, idle, peer)?,
        };
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        // Classic clients send no newline; a client that adds one means the same.
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        if is_quit(&text) {
            step(sink, Host::Client, ClassicKind::Quit)?;
            step(sink, Host::Server, ClassicKind::Done)?;
            return Ok(());
        }
        if text.len() > hello.max_size {
            let (len, max) = (text.len(), hello.max_size);
            step(sink, Host::Client, ClassicKind::TooLong { len, max })?;
            let answer = tr!(lang, "classic-answer-too-long", len = len, max = max);
            send(stream, &answer, peer)?;
            step(sink, Host::Server, ClassicKind::Answer { text: answer })?;
            continue;
        }
        // The same text again after an answer the client did not get (or
        // got after its timer) is the client's retry, not a new message.
        let again = match &last {
            Some(l)
                if l.text == text
                    && hello.mode == ClassicMode::Lossy
                    && l.attempt < CLASSIC_TRIES =>
            {
                match l.outcome {
                    Outcome::Lost => Some(Again::NoAnswer),
                    Outcome::Corrupted => Some(Again::Corrupted),
                    Outcome::Answered(after) if after >= CLASSIC_TIMEOUT => Some(Again::Answered),
                    Outcome::Answered(_) => None,
                }
            }
            _ => None,
        };
        let attempt = match (&last, again) {
            (Some(l), Some(_)) => l.attempt + 1,
            _ => {
                index += 1;
                1
            }
        };
        step(
            sink,
            Host::Client,
            ClassicKind::Message {
                index,
                attempt,
                again,
                text: text.clone(),
            },
        )?;
        let decisions = match hello.mode {
            ClassicMode::Clean => Vec::new(),
            ClassicMode::Lossy => faults.decide(),
        };
        let mut outcome = Outcome::Answered(Duration::ZERO);
        let mut answer = confirmation(&text);
        for d in decisions {
            step(sink, Host::Server, ClassicKind::Fault(d))?;
            match d {
                Decision::Lose { .. } => outcome = Outcome::Lost,
                Decision::Corrupt { .. } => {
                    outcome = Outcome::Corrupted;
                    answer = super::CORRUPTED.to_string();
                }
                Decision::Delay(t) => {
                    std::thread::sleep(t);
                    if outcome == Outcome::Answered(Duration::ZERO) {
                        outcome = Outcome::Answered(t);
                    }
                }
            }
        }
        if outcome != Outcome::Lost {
            send(stream, &answer, peer)?;
            step(sink, Host::Server, ClassicKind::Answer { text: answer })?;
        }
        last = Some(Last {
            text,
            attempt,
            outcome,
        });
    }
}

/// Writes one answer as the classic server does: the text, no newline.
fn send(stream: &mut TcpStream, text: &str, peer: SocketAddr) -> Result<(), RdtError> {
    stream
        .write_all(text.as_bytes())
        .map_err(|e| RdtError::Net(NetError::on_connection("send", e, peer)))
}

/// One `recv()`: one message, since the client waits for each answer. A
/// client that closes (or resets) without `sair` is a peer that vanished.
fn receive(stream: &mut TcpStream, idle: Duration, peer: SocketAddr) -> Result<Vec<u8>, RdtError> {
    stream
        .set_read_timeout(Some(idle.max(Duration::from_millis(1))))
        .map_err(|e| RdtError::Net(NetError::io("setsockopt", e)))?;
    let mut buf = vec![0u8; MAX_READ];
    match stream.read(&mut buf) {
        Ok(0) => Err(RdtError::Net(NetError::PeerClosed { peer })),
        Ok(n) => {
            buf.truncate(n);
            Ok(buf)
        }
        Err(e) if crate::net::socket::timed_out(&e) => Err(RdtError::Silent {
            secs: idle.as_secs(),
        }),
        Err(e) => Err(RdtError::Net(NetError::on_connection("recv", e, peer))),
    }
}

/// One classic client's session on `synack rdt server`, reported on the
/// console like the lab's sessions: its log (or JSON lines) while it runs,
/// then a summary line, and the error if it failed.
pub(crate) fn serve_one(
    opts: &crate::rdt::net::ServerOptions,
    mut stream: TcpStream,
    request: (String, Result<Hello, HandshakeError>, Vec<u8>),
    started: std::time::Instant,
    tags: [String; 2],
    console: &crate::net::console::Console,
    out: &mut dyn Write,
) {
    let lang = opts.settings.lang;
    let peer = tags[0].trim_matches(['[', ']']).to_string();
    let (line, hello, rest) = request;
    let mode = hello.as_ref().ok().map(|h| h.mode);
    let mut stats = super::trace::ClassicStats::default();
    let result = {
        let setup = super::view::LogSetup {
            settings: opts.settings,
            bits: opts.bits,
            json: opts.classic.json,
            tags,
            narrator: super::narration::ClassicNarrator::new(lang, Host::Server),
        };
        let mut log = super::view::sink(setup, out);
        let mut sink = super::trace::Tee::of(vec![&mut *log, &mut stats]);
        let faults = FaultsInUse {
            faults: &opts.faults,
            classic: &opts.classic,
        };
        let request = Request { line, hello, rest };
        session(
            &mut stream,
            request,
            started,
            faults,
            opts.idle,
            lang,
            &mut sink,
        )
    };
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = out.flush();
    let Some(mode) = mode else {
        // A refused handshake: the log said why.
        return;
    };
    let mut summary = tr!(
        lang,
        "classic-server-session-over",
        peer = peer.as_str(),
        mode = mode.name(),
        messages = stats.messages,
        retries = stats.retries,
        lost = stats.lost,
        corrupted = stats.corrupted,
        delayed = stats.delayed
    );
    if mode == ClassicMode::Clean && !(opts.faults.is_clean() && opts.classic.delay.is_none()) {
        summary = format!("{summary}\n{}", tr!(lang, "classic-server-clean-no-faults"));
    }
    crate::rdt::net::session_over(console, &peer, summary, result);
}
