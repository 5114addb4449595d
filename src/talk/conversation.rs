//! A conversation on one open connection: this thread sends each line typed
//! (shown as bits first), a second thread reads the socket and shows each
//! `recv()` and the lines it finished. Either side may type at any time.
//!
//! Both threads report to one [`Inbox`], so this thread waits in one place
//! for whatever comes first: a typed line, the end of input, or the peer
//! closing. `sair` or `quit` (or the end of input) sends our FIN with
//! `shutdown()` and waits for the peer's; a peer that closes first gets our
//! FIN at once.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use crate::net::console::{Console, Who};
use crate::net::explain::{Endpoints, SocketCall, narrate, watch_change};
use crate::net::{NetError, Proto};
use crate::tr;

use super::stream::LineAssembler;
use super::{Connection, TalkError, is_farewell, view};

/// Bytes one `recv()` asks for.
const RECV_BUFFER: usize = 16 * 1024;

/// With `--explain`, how long to watch our state change after our FIN.
const WATCH_AFTER_FIN: Duration = Duration::from_millis(150);

/// The waits of a conversation.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// A peer quiet this long with an unfinished line sent it without an end
    /// of line (the classic programs do): it is shown as it is.
    pub quiet_after: Duration,
    /// How long to wait for the peer's FIN after ours.
    pub close_wait: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            quiet_after: Duration::from_millis(500),
            close_wait: Duration::from_secs(10),
        }
    }
}

/// What a finished conversation carried.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub lines_sent: u64,
    pub bytes_sent: u64,
    pub lines_received: u64,
    pub bytes_received: u64,
}

enum Event {
    Typed(Vec<u8>),
    InputEnded,
    InputFailed(NetError),
    Peer(PeerEnd),
}

/// How the reading side ended.
enum PeerEnd {
    /// FIN. `cut`: the bytes of a line the peer never ended, when it ends
    /// its lines (so the line was cut off, not its way of speaking).
    Closed {
        cut: Option<usize>,
    },
    /// RST, losing `unfinished` bytes of a line.
    Reset {
        unfinished: usize,
    },
    Failed(NetError),
    /// We stopped reading.
    Stopped,
}

/// Hands typed lines to a conversation, from any thread.
pub struct Typist(Sender<Event>);

impl Typist {
    /// One line, without its end of line. False once the conversation is
    /// over: nothing more is read.
    pub fn line(&self, bytes: Vec<u8>) -> bool {
        self.0.send(Event::Typed(bytes)).is_ok()
    }

    /// The end of input: like `sair`, without sending it.
    pub fn end(self) {
        let _ = self.0.send(Event::InputEnded);
    }

    /// Reading the input failed: the conversation closes and reports it.
    pub fn failed(self, error: NetError) {
        let _ = self.0.send(Event::InputFailed(error));
    }
}

/// Where a conversation hears from its typist and its reading thread.
pub struct Inbox {
    tx: Sender<Event>,
    rx: Receiver<Event>,
}

/// A typist and the inbox it writes to.
pub fn inbox() -> (Typist, Inbox) {
    let (tx, rx) = channel();
    (Typist(tx.clone()), Inbox { tx, rx })
}

impl Connection {
    /// Talks until either side ends, then closes; says how much went each
    /// way.
    pub fn talk(
        self,
        inbox: Inbox,
        console: &Console,
        timing: Timing,
    ) -> Result<Summary, TalkError> {
        let lang = console.lang();
        let Connection {
            stream,
            local,
            peer,
            who,
        } = self;
        console.line(&who, &tr!(lang, "talk-prompt"));
        let reading = stream
            .try_clone()
            .and_then(|s| s.set_read_timeout(Some(timing.quiet_after)).map(|()| s))
            .map_err(|e| NetError::io("setsockopt", e))?;
        let stop = AtomicBool::new(false);
        let side = Side {
            console,
            who: &who,
            local,
            peer,
        };
        let (ended, received) = std::thread::scope(|scope| {
            let tx = inbox.tx.clone();
            let (side, stop) = (&side, &stop);
            let reader = scope.spawn(move || side.read(reading, tx, stop, timing.quiet_after));
            let mut talk = Talk {
                side,
                stream: &stream,
                rx: &inbox.rx,
                sent: (0, 0),
            };
            let ended = talk.run(timing.close_wait).map(|()| talk.sent);
            stop.store(true, Ordering::SeqCst);
            let received = reader.join().map_err(|_| NetError::ThreadPanicked);
            (ended, received)
        });
        drop(stream);
        side.narrate(SocketCall::Close);
        let (lines_sent, bytes_sent) = ended?;
        let received = received?;
        let summary = Summary {
            lines_sent,
            bytes_sent,
            lines_received: received.0,
            bytes_received: received.1,
        };
        console.line(
            &who,
            &tr!(
                lang,
                "talk-summary",
                peer = peer.to_string(),
                sent = summary.lines_sent,
                sent_bytes = summary.bytes_sent,
                received = summary.lines_received,
                received_bytes = summary.bytes_received
            ),
        );
        Ok(summary)
    }
}

/// This end of the connection, as both threads say things about it.
struct Side<'a> {
    console: &'a Console,
    who: &'a Who,
    local: SocketAddr,
    peer: SocketAddr,
}

impl Side<'_> {
    fn narrate(&self, call: SocketCall) {
        let at = Endpoints {
            local: Some(self.local),
            remote: Some(self.peer),
        };
        narrate(self.console, self.who, Proto::Tcp, call, at);
    }

    fn say(&self, block: String) {
        if !block.is_empty() {
            self.console.say(block);
        }
    }

    fn line(&self, text: &str) {
        self.console.line(self.who, text);
    }

    /// The reading thread: shows every `recv()` until the peer closes, the
    /// connection fails, or `stop`. Returns the lines and bytes received.
    fn read(
        &self,
        mut stream: TcpStream,
        tx: Sender<Event>,
        stop: &AtomicBool,
        quiet_after: Duration,
    ) -> (u64, u64) {
        let mut lines = LineAssembler::new();
        let mut buf = vec![0u8; RECV_BUFFER];
        let (mut count, mut bytes) = (0u64, 0u64);
        let mut said_quiet = false;
        let end = loop {
            let n = match stream.read(&mut buf) {
                _ if stop.load(Ordering::SeqCst) => break PeerEnd::Stopped,
                Ok(0) => break self.closed(&mut lines, &mut count),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if waited_in_vain(&e) => {
                    if let Some(line) = lines.quiet() {
                        let first = (!said_quiet).then_some(quiet_after);
                        said_quiet = true;
                        count += 1;
                        self.say(view::received_line(
                            self.console,
                            self.who,
                            self.peer,
                            &line,
                            first,
                        ));
                    }
                    continue;
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted
                    ) =>
                {
                    break PeerEnd::Reset {
                        unfinished: lines.pending(),
                    };
                }
                Err(e) => break PeerEnd::Failed(NetError::io("recv", e)),
            };
            bytes += n as u64;
            self.narrate(SocketCall::Recv { bytes: n });
            let bare = lines.peer_sends_bare_messages();
            let arrival = lines.push(&buf[..n]);
            count += arrival.lines.len() as u64;
            self.say(view::arrival(
                self.console,
                self.who,
                self.peer,
                &buf[..n],
                &arrival,
                bare,
            ));
        };
        let _ = tx.send(Event::Peer(end));
        (count, bytes)
    }

    /// `recv()` returned 0: the peer's FIN, after the line it left
    /// unfinished, if any.
    fn closed(&self, lines: &mut LineAssembler, count: &mut u64) -> PeerEnd {
        self.narrate(SocketCall::RecvEof);
        let ends_lines = lines.peer_ends_lines();
        let Some(last) = lines.closed() else {
            return PeerEnd::Closed { cut: None };
        };
        *count += 1;
        self.say(view::received_line(
            self.console,
            self.who,
            self.peer,
            &last,
            None,
        ));
        PeerEnd::Closed {
            cut: ends_lines.then_some(last.bytes.len()),
        }
    }
}

/// A `recv()` that timed out: nothing came for a while.
fn waited_in_vain(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// This thread's half: the lines typed, and the close.
struct Talk<'a> {
    side: &'a Side<'a>,
    stream: &'a TcpStream,
    rx: &'a Receiver<Event>,
    /// Lines and bytes sent.
    sent: (u64, u64),
}

impl Talk<'_> {
    fn run(&mut self, close_wait: Duration) -> Result<(), TalkError> {
        let lang = self.side.console.lang();
        loop {
            // The inbox holds a sender itself, so it never disconnects.
            let Ok(event) = self.rx.recv() else {
                return self.close_first(close_wait);
            };
            match event {
                Event::Typed(line) => {
                    self.send(&line)?;
                    if is_farewell(&line) {
                        let word = String::from_utf8_lossy(line.trim_ascii()).into_owned();
                        self.side.line(&tr!(lang, "talk-you-ended", word = word));
                        return self.close_first(close_wait);
                    }
                }
                Event::InputEnded => {
                    self.side.line(&tr!(lang, "talk-input-ended"));
                    return self.close_first(close_wait);
                }
                Event::InputFailed(e) => {
                    self.close_first(close_wait)?;
                    return Err(e.into());
                }
                Event::Peer(end) => return self.peer_closed_first(end),
            }
        }
    }

    /// One line and its `\n`, shown as bits, then sent.
    fn send(&mut self, line: &[u8]) -> Result<(), TalkError> {
        let side = self.side;
        let mut wire = Vec::with_capacity(line.len() + 1);
        wire.extend_from_slice(line);
        wire.push(b'\n');
        side.say(view::sending(side.console, side.who, side.peer, &wire));
        let mut stream = self.stream;
        stream.write_all(&wire).map_err(|e| match e.kind() {
            io::ErrorKind::BrokenPipe
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::NotConnected => TalkError::SendFailed { peer: side.peer },
            _ => NetError::io("send", e).into(),
        })?;
        side.narrate(SocketCall::Send { bytes: wire.len() });
        self.sent.0 += 1;
        self.sent.1 += wire.len() as u64;
        Ok(())
    }

    /// `shutdown(SHUT_WR)`: our FIN.
    fn shutdown(&self) -> Result<(), TalkError> {
        match self.stream.shutdown(Shutdown::Write) {
            Ok(()) => {}
            // Already gone: the peer reset it; the reading side says so.
            Err(e) if e.kind() == io::ErrorKind::NotConnected => {}
            Err(e) => return Err(NetError::io("shutdown", e).into()),
        }
        self.side.narrate(SocketCall::ShutdownWrite);
        Ok(())
    }

    /// We end first: our FIN, then the peer's, for at most `close_wait`
    /// (the peer may still say things meanwhile: the reading side shows them).
    fn close_first(&self, close_wait: Duration) -> Result<(), TalkError> {
        let side = self.side;
        let lang = side.console.lang();
        self.shutdown()?;
        side.line(&tr!(lang, "talk-waiting-fin", peer = side.peer.to_string()));
        watch_change(
            side.console,
            side.who,
            side.local,
            side.peer,
            WATCH_AFTER_FIN,
        );
        let deadline = Instant::now() + close_wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(Event::Peer(PeerEnd::Closed { .. })) => {
                    side.line(&tr!(
                        lang,
                        "talk-peer-closed-too",
                        peer = side.peer.to_string()
                    ));
                    return Ok(());
                }
                Ok(Event::Peer(end)) => return self.failure(end),
                // What is typed now has nowhere to go.
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    side.line(&tr!(
                        lang,
                        "talk-no-fin",
                        peer = side.peer.to_string(),
                        secs = close_wait.as_secs().max(1)
                    ));
                    return Ok(());
                }
            }
        }
    }

    /// The peer ended first: our FIN goes at once.
    fn peer_closed_first(&self, end: PeerEnd) -> Result<(), TalkError> {
        let side = self.side;
        let PeerEnd::Closed { cut } = end else {
            return self.failure(end);
        };
        side.line(&tr!(
            side.console.lang(),
            "talk-peer-closed",
            peer = side.peer.to_string()
        ));
        self.shutdown()?;
        match cut {
            Some(bytes) => Err(TalkError::EndedMidLine {
                peer: side.peer,
                bytes,
            }),
            None => Ok(()),
        }
    }

    fn failure(&self, end: PeerEnd) -> Result<(), TalkError> {
        let peer = self.side.peer;
        Err(match end {
            PeerEnd::Closed { cut: Some(bytes) } => TalkError::EndedMidLine { peer, bytes },
            PeerEnd::Reset { unfinished } => TalkError::Reset { peer, unfinished },
            PeerEnd::Failed(e) => e.into(),
            PeerEnd::Closed { cut: None } | PeerEnd::Stopped => return Ok(()),
        })
    }
}
