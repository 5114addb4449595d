//! `synack rdt client --classic sem-erros|com-erros`: the classic client,
//! against a classic server (or `synack rdt server`). Without errors it
//! sends each line and waits for its confirmation; with errors it waits
//! [`CLASSIC_TIMEOUT`](super::CLASSIC_TIMEOUT) per try and tries
//! [`CLASSIC_TRIES`](super::CLASSIC_TRIES) times, narrating each. Unlike the
//! classic program it checks that a confirmation names the message it
//! waits for, so a late answer to an earlier try is set aside, not taken
//! for the next message's.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use super::server::Clock;
use super::trace::{Again, ClassicKind, ClassicStep, Host, Sink};
use super::{CONFIRMATION, CORRUPTED, ClassicMode, Hello, MAX_READ, QUIT, split_answers};
use crate::net::NetError;
use crate::rdt::RdtError;
use crate::rdt::handshake::{OK, REFUSED};

/// How long the client waits for the handshake's answer, and for an answer
/// in the mode without errors (which has no timer of its own).
pub const ANSWER_WAIT: Duration = Duration::from_secs(10);
/// How long the client waits, after `sair`, for the server to close.
const CLOSE_WAIT: Duration = Duration::from_millis(500);

/// `synack rdt client --classic`.
#[derive(Clone, Debug)]
pub struct ClassicClientOptions {
    pub server: SocketAddr,
    pub hello: Hello,
    /// How long each try waits for its answer (mode with errors).
    pub timeout: Duration,
    pub tries: u32,
    pub connect_timeout: Duration,
}

/// Why the classic client failed where the lab's own errors do not say it.
#[derive(Debug, thiserror::Error)]
pub enum ClassicError {
    /// Some messages were never confirmed, after every try.
    #[error("{count} message(s) not confirmed after {tries} tries each")]
    Unconfirmed { count: u64, tries: u32 },
}

impl crate::narrate::Localize for ClassicError {
    fn localize(&self, lang: crate::narrate::Lang) -> String {
        match self {
            ClassicError::Unconfirmed { count, tries } => crate::tr!(
                lang,
                "classic-error-unconfirmed",
                count = *count,
                tries = *tries
            ),
        }
    }
}

/// Runs the session: the handshake, every message from `messages` (until
/// they end or one is `sair`), then `sair`.
pub fn session(
    opts: &ClassicClientOptions,
    messages: Receiver<Vec<u8>>,
    sink: &mut dyn Sink<ClassicStep>,
) -> Result<(), RdtError> {
    let addr = opts.server;
    let stream =
        TcpStream::connect_timeout(&addr, opts.connect_timeout).map_err(|e| match e.kind() {
            std::io::ErrorKind::ConnectionRefused => RdtError::NoServer { addr },
            _ => RdtError::Net(NetError::Connect { addr, source: e }),
        })?;
    let _ = stream.set_nodelay(true);
    let mut c = Conn {
        stream,
        clock: Clock(std::time::Instant::now()),
        peer: addr,
        pending: VecDeque::new(),
    };
    let line = opts.hello.request_line();
    c.send(&line)?;
    c.step(sink, Host::Client, ClassicKind::Request { line })?;
    let reply = c.read_once(ANSWER_WAIT)?.ok_or(RdtError::Silent {
        secs: ANSWER_WAIT.as_secs(),
    })?;
    if reply.starts_with(OK) {
        c.step(
            sink,
            Host::Server,
            ClassicKind::Reply {
                line: reply,
                agreed: Some(opts.hello),
            },
        )?;
    } else {
        c.step(
            sink,
            Host::Server,
            ClassicKind::Reply {
                line: reply.clone(),
                agreed: None,
            },
        )?;
        return Err(match reply.strip_prefix(REFUSED) {
            Some(reason) => RdtError::Refused {
                reason: reason.trim().to_string(),
            },
            None => RdtError::UnexpectedReply {
                line: reply.chars().take(80).collect(),
            },
        });
    }
    let mut index = 0u64;
    let mut gave_up = 0u64;
    for message in messages.iter() {
        let text = String::from_utf8_lossy(&message).into_owned();
        if super::is_quit(&text) {
            break;
        }
        index += 1;
        if text.len() > opts.hello.max_size {
            let (len, max) = (text.len(), opts.hello.max_size);
            c.step(sink, Host::Client, ClassicKind::TooLong { len, max })?;
            continue;
        }
        let confirmed = match opts.hello.mode {
            ClassicMode::Clean => c.clean(index, &text, sink)?,
            ClassicMode::Lossy => c.lossy(opts, index, &text, sink)?,
        };
        if !confirmed {
            gave_up += 1;
        }
    }
    c.send(QUIT)?;
    c.step(sink, Host::Client, ClassicKind::Quit)?;
    // Late answers may still be on their way; the server closes after `sair`.
    let deadline = std::time::Instant::now() + CLOSE_WAIT;
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match c.next_answer(left) {
            Ok(Some(text)) => c.step(sink, Host::Server, ClassicKind::Stale { text })?,
            _ => break,
        }
    }
    c.step(sink, Host::Client, ClassicKind::Done)?;
    let _ = c.stream.shutdown(Shutdown::Both);
    if gave_up > 0 {
        return Err(RdtError::Classic(ClassicError::Unconfirmed {
            count: gave_up,
            tries: opts.tries,
        }));
    }
    Ok(())
}

/// The connection and what was read but not yet used.
struct Conn {
    stream: TcpStream,
    clock: Clock,
    peer: SocketAddr,
    /// Answers that arrived in one read with another, in order.
    pending: VecDeque<String>,
}

impl Conn {
    fn step(
        &self,
        sink: &mut dyn Sink<ClassicStep>,
        host: Host,
        kind: ClassicKind,
    ) -> Result<(), RdtError> {
        sink.step(&ClassicStep {
            t: self.clock.now(),
            host,
            kind,
        })?;
        Ok(())
    }

    /// Writes a line as the classic client does: no newline.
    fn send(&mut self, text: &str) -> Result<(), RdtError> {
        self.stream
            .write_all(text.as_bytes())
            .map_err(|e| RdtError::Net(NetError::on_connection("send", e, self.peer)))
    }

    /// One `recv()` within `wait`: `None` when the time passed. The server
    /// closing is an error here: it still owes an answer.
    fn read_once(&mut self, wait: Duration) -> Result<Option<String>, RdtError> {
        self.stream
            .set_read_timeout(Some(wait.max(Duration::from_millis(1))))
            .map_err(|e| RdtError::Net(NetError::io("setsockopt", e)))?;
        let mut buf = vec![0u8; MAX_READ];
        match self.stream.read(&mut buf) {
            Ok(0) => Err(RdtError::Net(NetError::PeerClosed { peer: self.peer })),
            Ok(n) => Ok(Some(String::from_utf8_lossy(&buf[..n]).into_owned())),
            Err(e) if crate::net::socket::timed_out(&e) => Ok(None),
            Err(e) => Err(RdtError::Net(NetError::on_connection("recv", e, self.peer))),
        }
    }

    /// The next answer: one left from an earlier read, or from a new one.
    fn next_answer(&mut self, wait: Duration) -> Result<Option<String>, RdtError> {
        if let Some(a) = self.pending.pop_front() {
            return Ok(Some(a));
        }
        let Some(text) = self.read_once(wait)? else {
            return Ok(None);
        };
        self.pending.extend(split_answers(&text));
        Ok(self.pending.pop_front())
    }

    /// Without errors: send, wait for the confirmation.
    fn clean(
        &mut self,
        index: u64,
        text: &str,
        sink: &mut dyn Sink<ClassicStep>,
    ) -> Result<bool, RdtError> {
        self.send(text)?;
        let message = ClassicKind::Message {
            index,
            attempt: 1,
            again: None,
            text: text.to_string(),
        };
        self.step(sink, Host::Client, message)?;
        let answer = self.next_answer(ANSWER_WAIT)?.ok_or(RdtError::Silent {
            secs: ANSWER_WAIT.as_secs(),
        })?;
        let confirmed = answer.starts_with(CONFIRMATION);
        self.step(sink, Host::Server, ClassicKind::Answer { text: answer })?;
        if confirmed {
            self.step(
                sink,
                Host::Client,
                ClassicKind::Confirmed { index, attempt: 1 },
            )?;
        }
        Ok(true)
    }

    /// With errors: up to `tries` sends, each waiting `timeout`.
    fn lossy(
        &mut self,
        opts: &ClassicClientOptions,
        index: u64,
        text: &str,
        sink: &mut dyn Sink<ClassicStep>,
    ) -> Result<bool, RdtError> {
        let mine = format!("{CONFIRMATION}{text}");
        let mut again = None;
        for attempt in 1..=opts.tries {
            self.send(text)?;
            let message = ClassicKind::Message {
                index,
                attempt,
                again,
                text: text.to_string(),
            };
            self.step(sink, Host::Client, message)?;
            let deadline = std::time::Instant::now() + opts.timeout;
            again = Some(Again::NoAnswer);
            while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
                let Some(answer) = self.next_answer(left)? else {
                    break;
                };
                if answer == CORRUPTED {
                    self.step(sink, Host::Server, ClassicKind::Answer { text: answer })?;
                    again = Some(Again::Corrupted);
                    break;
                }
                if answer.starts_with(CONFIRMATION) && answer != mine {
                    self.step(sink, Host::Server, ClassicKind::Stale { text: answer })?;
                    continue;
                }
                // The confirmation, or any other answer (an error the
                // server gives): either way this message is done.
                let confirmed = answer == mine;
                self.step(sink, Host::Server, ClassicKind::Answer { text: answer })?;
                if confirmed {
                    self.step(
                        sink,
                        Host::Client,
                        ClassicKind::Confirmed { index, attempt },
                    )?;
                }
                return Ok(true);
            }
            if again == Some(Again::NoAnswer) {
                let after = opts.timeout;
                self.step(
                    sink,
                    Host::Client,
                    ClassicKind::Timeout {
                        index,
                        attempt,
                        after,
                    },
                )?;
            }
        }
        self.step(
            sink,
            Host::Client,
            ClassicKind::GaveUp {
                index,
                attempts: opts.tries,
            },
        )?;
        Ok(false)
    }
}
