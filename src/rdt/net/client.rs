//! `synack rdt client`: the handshake, then the messages sent reliably.

use std::io::{self, BufRead, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use bytes::Bytes;

use super::framing::{Frames, read_frame, read_some, read_until, send_frame, send_line};
use super::link::{SocketLink, arrive_all, release_held};
use super::{Clock, HANDSHAKE_WAIT, noise, reply, secured, session_log, step};
use crate::net::NetError;
use crate::net::console::Settings;
use crate::rdt::RdtError;
use crate::rdt::fault::{FaultConfig, FaultLayer};
use crate::rdt::handshake::{self, Proposal, Reply};
use crate::rdt::proto::{self, Config};
use crate::rdt::secure::{Channel, Entropy, Handshake, Psk, SecureError};
use crate::rdt::station::Station;
use crate::rdt::trace::{Host, RdtKind, RdtStep, Sink, Stats, Tee};
use crate::tr;
use crate::view::labels::host_text;

/// How often the client looks for new input while it waits.
const INPUT_POLL: Duration = Duration::from_millis(20);
/// Longest message the client sends.
pub const MAX_MESSAGE: usize = 64 * 1024;

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

fn connect_error(addr: SocketAddr, e: io::Error, timeout: Duration) -> RdtError {
    RdtError::Net(match e.kind() {
        io::ErrorKind::ConnectionRefused => return RdtError::NoServer { addr },
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => NetError::ConnectTimeout {
            addr,
            secs: timeout.as_secs(),
        },
        _ => NetError::Connect { addr, source: e },
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
        let mut sink = Tee::of(vec![&mut log, &mut stats]);
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
    sink: &mut dyn Sink<RdtStep>,
) -> Result<(), RdtError> {
    let mut stream = TcpStream::connect_timeout(&opts.server, opts.connect_timeout)
        .map_err(|e| connect_error(opts.server, e, opts.connect_timeout))?;
    let _ = stream.set_nodelay(true);
    let clock = Clock(std::time::Instant::now());
    let line = opts.proposal.to_line();
    send_line(&mut stream, &line)?;
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
                        .map_err(|e| link.error(e))?;
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
                .map_err(|e| link.error(e))?;
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
    sink: &mut dyn Sink<RdtStep>,
) -> Result<Channel, RdtError> {
    let mut hs = Handshake::client(psk, Entropy::Os)?;
    let m1 = hs.write()?;
    send_frame(stream, &m1)?;
    noise(sink, clock.now(), Host::Client, 1, Bytes::from(m1))?;
    let m2 = match read_frame(stream, frames, HANDSHAKE_WAIT) {
        Ok(m) if !m.is_empty() => m,
        Ok(_) | Err(RdtError::Closed) => {
            secured(sink, clock.now(), Host::Client, false)?;
            return Err(SecureError::WrongKey.into());
        }
        Err(e) => return Err(e),
    };
    noise(sink, clock.now(), Host::Server, 2, m2.clone())?;
    hs.read(&m2)?;
    let channel = hs.finish()?;
    secured(sink, clock.now(), Host::Client, true)?;
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
