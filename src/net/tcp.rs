//! The TCP echo server (one thread per connection) and its client.
//!
//! Each socket call is made on its own (through `socket2`) so `--explain` can
//! narrate `socket()`, `bind()`, `listen()` and `connect()` one by one.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::net::console::{Console, Direction, Who};
use crate::net::explain::{Endpoints, SocketCall, narrate};
use crate::net::serving::{ServeStats, Server};
use crate::net::socket::{self, bind_error};
use crate::net::{NetError, Proto, fits, strip_upper};
use crate::tr;

/// Connections the kernel may queue before `accept()` takes them.
pub const BACKLOG: i32 = 128;

/// Bytes one `recv()` asks for on the server.
const SERVER_BUFFER: usize = 16 * 1024;

/// With `--explain`, how long the server waits between the client's FIN and
/// its own close(), so the half-closed states can be seen.
const EXPLAIN_PAUSE: Duration = Duration::from_millis(200);

/// With `--explain`, how long the client watches its state change after its FIN.
const WATCH_AFTER_FIN: Duration = Duration::from_millis(150);

/// How long a client waits for more of an answer once part of it arrived.
const MORE_OF_ANSWER: Duration = Duration::from_millis(300);

fn narrate_tcp(
    console: &Console,
    who: &Who,
    call: SocketCall,
    local: Option<SocketAddr>,
    remote: Option<SocketAddr>,
) {
    narrate(console, who, Proto::Tcp, call, Endpoints { local, remote });
}

/// `socket()`, SO_REUSEADDR, `bind()` and `listen()`, each narrated: a
/// listening socket for any TCP server, and the address it is bound to.
pub(crate) fn listen(
    addr: SocketAddr,
    console: &Console,
    who: &Who,
) -> Result<(TcpListener, SocketAddr), NetError> {
    let (socket, local) = socket::bind(Proto::Tcp, addr, console, who)?;
    socket.listen(BACKLOG).map_err(|e| bind_error(addr, e))?;
    narrate_tcp(
        console,
        who,
        SocketCall::Listen { backlog: BACKLOG },
        Some(local),
        None,
    );
    Ok((socket.into(), local))
}

/// A listening TCP echo server, not yet serving.
pub type TcpServer = Server<TcpListener>;

impl TcpServer {
    /// `socket()`, SO_REUSEADDR (so a port left in TIME-WAIT never blocks a
    /// restart), `bind()`, `listen()`: each narrated with `--explain`.
    pub fn bind(addr: SocketAddr, console: &Console, who: Who) -> Result<TcpServer, NetError> {
        Server::open(Proto::Tcp, addr, console, who, |socket, local, who| {
            socket.listen(BACKLOG).map_err(|e| bind_error(addr, e))?;
            let listen = SocketCall::Listen { backlog: BACKLOG };
            narrate_tcp(console, who, listen, Some(local), None);
            Ok(())
        })
    }

    /// Accepts clients, each served on its own thread, until `max_clients`
    /// have connected (then waits for them to finish) or the stopper is used.
    pub fn serve(
        self,
        console: &Console,
        upper: bool,
        max_clients: Option<u64>,
    ) -> Result<ServeStats, NetError> {
        let lang = console.lang();
        let mut served = 0u64;
        let mut workers = Vec::new();
        let next_id = AtomicU64::new(1);
        while max_clients.is_none_or(|max| served < max) {
            let (stream, peer) = match self.socket.accept() {
                Ok(pair) => pair,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // Out of file descriptors, or a connection reset while queued:
                // the server goes on with the next one.
                Err(e) => {
                    console.line(
                        &self.who,
                        &tr!(lang, "echo-server-accept-failed", reason = e.to_string()),
                    );
                    thread::sleep(Duration::from_millis(50));
                    continue;
                }
            };
            if self.stopped() {
                break;
            }
            served += 1;
            let id = next_id.fetch_add(1, Ordering::Relaxed);
            let console = console.clone();
            let who = self.who.clone();
            let local = stream.local_addr().unwrap_or(self.local);
            let worker = thread::Builder::new()
                .name(format!("echo-conn-{id}"))
                .spawn(move || serve_connection(stream, local, peer, &console, &who, upper))
                .map_err(|e| NetError::io("thread", e))?;
            workers.push(worker);
            // Forget the threads that are done, so a long-running server does not
            // keep one handle per client it ever had.
            workers.retain(|w| !w.is_finished());
        }
        for w in workers {
            let _ = w.join();
        }
        Ok(ServeStats { served })
    }
}

/// One client, from `accept()` to `close()`.
fn serve_connection(
    mut stream: TcpStream,
    local: SocketAddr,
    peer: SocketAddr,
    console: &Console,
    who: &Who,
    upper: bool,
) {
    let lang = console.lang();
    // Answers go out at once instead of waiting to be joined with later ones
    // (Nagle's algorithm): an echo is a ping-pong of small messages.
    let _ = stream.set_nodelay(true);
    narrate_tcp(
        console,
        who,
        SocketCall::Accept { peer },
        Some(local),
        Some(peer),
    );
    console.line(
        who,
        &tr!(
            lang,
            "echo-server-connection",
            peer = peer.ip().to_string(),
            port = peer.port()
        ),
    );
    let verbose = console.shows_messages() || console.explains();
    let mut buf = [0u8; SERVER_BUFFER];
    let (mut messages, mut bytes) = (0u64, 0u64);
    let ended = loop {
        let n = match stream.read(&mut buf) {
            Ok(0) => break None,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => break Some(e),
        };
        // What arrived, kept for the bits view before upper-casing changes it.
        let received = verbose.then(|| buf[..n].to_vec());
        let answer = if upper {
            strip_upper(&mut buf[..n])
        } else {
            0..n
        };
        if let Some(received) = received {
            narrate_tcp(
                console,
                who,
                SocketCall::Recv { bytes: n },
                Some(local),
                Some(peer),
            );
            console.message(who, Direction::Received, peer, &received);
            console.message(who, Direction::Sending, peer, &buf[answer.clone()]);
        }
        messages += 1;
        bytes += n as u64;
        if let Err(e) = stream.write_all(&buf[answer.clone()]) {
            break Some(e);
        }
        if verbose {
            narrate_tcp(
                console,
                who,
                SocketCall::Send {
                    bytes: answer.len(),
                },
                Some(local),
                Some(peer),
            );
        }
    };
    match ended {
        None => {
            narrate_tcp(console, who, SocketCall::RecvEof, Some(local), Some(peer));
            if console.explains() {
                // The client's kernel reads its state a moment after its FIN:
                // without a pause this close() would usually come first, and
                // FIN-WAIT-2 and CLOSE-WAIT would never be seen.
                console.line(
                    who,
                    &tr!(
                        lang,
                        "echo-server-explain-pause",
                        ms = EXPLAIN_PAUSE.as_millis() as u64
                    ),
                );
                thread::sleep(EXPLAIN_PAUSE);
            }
        }
        Some(e) => console.line(
            who,
            &tr!(
                lang,
                "echo-server-connection-error",
                peer = peer.to_string(),
                reason = e.to_string()
            ),
        ),
    }
    drop(stream);
    narrate_tcp(console, who, SocketCall::Close, Some(local), Some(peer));
    console.line(
        who,
        &tr!(
            lang,
            "echo-server-connection-closed",
            peer = peer.to_string(),
            messages = messages,
            bytes = bytes
        ),
    );
}

/// How a client connects and waits.
#[derive(Clone, Copy, Debug)]
pub struct ClientConfig {
    pub server: SocketAddr,
    /// For the handshake, and for each answer to begin.
    pub timeout: Duration,
}

/// A connected TCP echo client.
pub struct TcpClient {
    stream: TcpStream,
    local: SocketAddr,
    server: SocketAddr,
    timeout: Duration,
    who: Who,
}

impl TcpClient {
    /// `socket()` and `connect()` (the three-way handshake), narrated.
    pub fn connect(
        config: ClientConfig,
        console: &Console,
        who: Who,
    ) -> Result<TcpClient, NetError> {
        let server = config.server;
        let socket = socket::open(Proto::Tcp, server, console, &who)?;
        if let Err(e) = socket.connect_timeout(&server.into(), config.timeout) {
            return Err(match e.kind() {
                io::ErrorKind::ConnectionRefused => NetError::Refused { addr: server },
                io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
                    NetError::Unreachable { addr: server }
                }
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => NetError::ConnectTimeout {
                    addr: server,
                    secs: config.timeout.as_secs().max(1),
                },
                _ => NetError::Connect {
                    addr: server,
                    source: e,
                },
            });
        }
        let stream: TcpStream = socket.into();
        let _ = stream.set_nodelay(true);
        let local = stream
            .local_addr()
            .map_err(|e| NetError::io("getsockname", e))?;
        narrate_tcp(
            console,
            &who,
            SocketCall::Connect { addr: server },
            Some(local),
            Some(server),
        );
        console.line(
            &who,
            &tr!(
                console.lang(),
                "echo-client-connected",
                server = server.to_string(),
                port = local.port()
            ),
        );
        Ok(TcpClient {
            stream,
            local,
            server,
            timeout: config.timeout,
            who,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// The connected stream, for a client that speaks its own way over it
    /// (a conversation rather than an echo).
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }

    /// Sends one message and waits for its echo: all of it (as many bytes as
    /// were sent), or what came before the answer paused (a server that
    /// strips whitespace answers with fewer bytes).
    pub fn round_trip(&mut self, console: &Console, message: &[u8]) -> Result<Vec<u8>, NetError> {
        fits(message)?;
        let (who, local, server) = (&self.who.clone(), Some(self.local), Some(self.server));
        console.message(who, Direction::Sending, self.server, message);
        let peer = self.server;
        self.stream
            .write_all(message)
            .map_err(|e| NetError::on_connection("send", e, peer))?;
        narrate_tcp(
            console,
            who,
            SocketCall::Send {
                bytes: message.len(),
            },
            local,
            server,
        );
        let answer = self.read_answer(message.len())?;
        narrate_tcp(
            console,
            who,
            SocketCall::Recv {
                bytes: answer.len(),
            },
            local,
            server,
        );
        console.message(who, Direction::Received, self.server, &answer);
        Ok(answer)
    }

    fn read_answer(&mut self, expected: usize) -> Result<Vec<u8>, NetError> {
        let no_reply = || NetError::NoReply {
            peer: self.server,
            secs: self.timeout.as_secs().max(1),
            udp: false,
        };
        let mut answer = Vec::with_capacity(expected);
        let mut buf = [0u8; 8192];
        let deadline = Instant::now() + self.timeout;
        while answer.len() < expected.max(1) {
            let wait = if answer.is_empty() {
                deadline.saturating_duration_since(Instant::now())
            } else {
                MORE_OF_ANSWER
            };
            if wait.is_zero() {
                return Err(no_reply());
            }
            self.stream
                .set_read_timeout(Some(wait))
                .map_err(|e| NetError::io("setsockopt", e))?;
            match self
                .stream
                .read(&mut buf[..(expected.max(1) - answer.len()).min(8192)])
            {
                // The server closed before answering at all.
                Ok(0) if answer.is_empty() => {
                    return Err(NetError::PeerClosed { peer: self.server });
                }
                Ok(0) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if socket::timed_out(&e) => {
                    if answer.is_empty() {
                        return Err(no_reply());
                    }
                    break;
                }
                Err(e) => return Err(NetError::on_connection("recv", e, self.server)),
            }
        }
        Ok(answer)
    }

    /// `shutdown(SHUT_WR)` (our FIN), waits for the server's FIN (`recv()`
    /// returns 0), then `close()`: the orderly close in which this side, having
    /// closed first, ends in TIME-WAIT.
    pub fn close(mut self, console: &Console) -> Result<(), NetError> {
        let (who, local, server) = (&self.who, Some(self.local), Some(self.server));
        let peer = self.server;
        self.stream
            .shutdown(Shutdown::Write)
            .map_err(|e| NetError::on_connection("shutdown", e, peer))?;
        narrate_tcp(console, who, SocketCall::ShutdownWrite, local, server);
        crate::net::explain::watch_change(console, who, self.local, self.server, WATCH_AFTER_FIN);
        let _ = self.stream.set_read_timeout(Some(self.timeout));
        let mut buf = [0u8; 1024];
        loop {
            match self.stream.read(&mut buf) {
                Ok(0) => {
                    narrate_tcp(console, who, SocketCall::RecvEof, local, server);
                    break;
                }
                // Bytes the server still sent after our last answer: read and dropped.
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // No FIN in time, or a reset: close anyway.
                Err(_) => break,
            }
        }
        drop(self.stream);
        narrate_tcp(console, who, SocketCall::Close, local, server);
        Ok(())
    }
}
