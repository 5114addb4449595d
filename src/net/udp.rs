//! The UDP upper-case server (one socket answers everyone: there are no
//! connections) and its client.

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use crate::net::console::{Console, Direction, Who};
use crate::net::explain::{Endpoints, SocketCall, narrate};
use crate::net::serving::{ServeStats, Server};
use crate::net::socket::{self, reachable};
use crate::net::{NetError, Proto, fits, strip_upper};
use crate::tr;

/// Largest datagram the server reads whole.
const DATAGRAM: usize = 65_536;

fn narrate_udp(console: &Console, who: &Who, call: SocketCall, local: Option<SocketAddr>) {
    narrate(
        console,
        who,
        Proto::Udp,
        call,
        Endpoints {
            local,
            remote: None,
        },
    );
}

/// A bound UDP server, not yet serving.
pub type UdpServer = Server<UdpSocket>;

impl UdpServer {
    /// `socket()`, SO_REUSEADDR, `bind()`: narrated with `--explain`.
    pub fn bind(addr: SocketAddr, console: &Console, who: Who) -> Result<UdpServer, NetError> {
        Server::open(Proto::Udp, addr, console, who, |_, _, _| Ok(()))
    }

    /// Answers every datagram with its text stripped and upper-cased, until
    /// `max_datagrams` have been answered or the stopper is used.
    pub fn serve(
        self,
        console: &Console,
        max_datagrams: Option<u64>,
    ) -> Result<ServeStats, NetError> {
        let lang = console.lang();
        let verbose = console.shows_messages() || console.explains();
        let mut buf = vec![0u8; DATAGRAM];
        let mut served = 0u64;
        while max_datagrams.is_none_or(|max| served < max) {
            let (n, peer) = match self.socket.recv_from(&mut buf) {
                Ok(pair) => pair,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // An ICMP "port unreachable" for an earlier answer shows up
                // here on some systems: it is about that client, not us.
                Err(e) if e.kind() == io::ErrorKind::ConnectionReset => continue,
                Err(e) => return Err(NetError::io("recvfrom", e)),
            };
            if self.stopped() {
                break;
            }
            served += 1;
            let received = verbose.then(|| buf[..n].to_vec());
            let answer = strip_upper(&mut buf[..n]);
            if let Some(received) = &received {
                narrate_udp(
                    console,
                    &self.who,
                    SocketCall::RecvFrom { bytes: n, peer },
                    Some(self.local),
                );
                console.message(&self.who, Direction::Received, peer, received);
                console.message(&self.who, Direction::Sending, peer, &buf[answer.clone()]);
            }
            match self.socket.send_to(&buf[answer.clone()], peer) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    if verbose {
                        console.line(
                            &self.who,
                            &tr!(
                                lang,
                                "echo-server-connection-error",
                                peer = peer.to_string(),
                                reason = e.to_string()
                            ),
                        );
                    }
                    continue;
                }
            }
            if received.is_some() {
                narrate_udp(
                    console,
                    &self.who,
                    SocketCall::SendTo {
                        bytes: answer.len(),
                        peer,
                        bound: None,
                    },
                    Some(self.local),
                );
            }
        }
        Ok(ServeStats { served })
    }
}

/// A UDP client: one socket, a datagram per message, an answer awaited for each.
pub struct UdpClient {
    socket: UdpSocket,
    /// Known after the first datagram is sent.
    local: Option<SocketAddr>,
    server: SocketAddr,
    timeout: Duration,
    who: Who,
}

impl UdpClient {
    /// `socket()` only: as in the classic client there is no `bind()`; the
    /// kernel gives the socket an ephemeral port on its first `sendto()`.
    pub fn open(
        server: SocketAddr,
        timeout: Duration,
        console: &Console,
        who: Who,
    ) -> Result<UdpClient, NetError> {
        let socket = socket::open(Proto::Udp, server, console, &who)?;
        Ok(UdpClient {
            socket: socket.into(),
            local: None,
            server,
            timeout,
            who,
        })
    }

    /// The local address, once the first datagram has been sent.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local
    }

    /// Sends one datagram and waits for the answer from the server (datagrams
    /// from anyone else are ignored). UDP does not retransmit: no answer in
    /// time is an error.
    pub fn round_trip(&mut self, console: &Console, message: &[u8]) -> Result<Vec<u8>, NetError> {
        fits(message)?;
        let who = &self.who;
        console.message(who, Direction::Sending, self.server, message);
        self.socket
            .send_to(message, self.server)
            .map_err(|e| NetError::io("sendto", e))?;
        let bound = match self.local {
            Some(_) => None,
            None => {
                self.local = self.socket.local_addr().ok();
                self.local.map(|a| a.port())
            }
        };
        narrate_udp(
            console,
            who,
            SocketCall::SendTo {
                bytes: message.len(),
                peer: self.server,
                bound,
            },
            self.local,
        );
        let mut buf = vec![0u8; DATAGRAM];
        let deadline = Instant::now() + self.timeout;
        let no_reply = NetError::NoReply {
            peer: self.server,
            secs: self.timeout.as_secs().max(1),
            udp: true,
        };
        loop {
            let wait = deadline.saturating_duration_since(Instant::now());
            if wait.is_zero() {
                return Err(no_reply);
            }
            self.socket
                .set_read_timeout(Some(wait))
                .map_err(|e| NetError::io("setsockopt", e))?;
            match self.socket.recv_from(&mut buf) {
                // A server given as 0.0.0.0:PORT answers from 127.0.0.1:PORT.
                Ok((n, from)) if from == self.server || from == reachable(self.server) => {
                    narrate_udp(
                        console,
                        who,
                        SocketCall::RecvFrom {
                            bytes: n,
                            peer: from,
                        },
                        self.local,
                    );
                    console.message(who, Direction::Received, from, &buf[..n]);
                    buf.truncate(n);
                    return Ok(buf);
                }
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if socket::timed_out(&e) => {
                    return Err(no_reply);
                }
                // The ICMP "port unreachable" of a server that is not running,
                // where the system reports it to an unconnected socket (Linux
                // does not: there a closed port is "no answer").
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    return Err(NetError::Refused { addr: self.server });
                }
                Err(e) => return Err(NetError::io("recvfrom", e)),
            }
        }
    }

    /// `close()`: nothing goes on the wire, UDP has no connection to end.
    pub fn close(self, console: &Console) {
        let (who, local) = (self.who.clone(), self.local);
        drop(self.socket);
        narrate_udp(console, &who, SocketCall::Close, local);
    }
}
