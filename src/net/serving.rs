//! What the TCP and the UDP echo servers share once bound: their address,
//! their name in the log, and the [`Stopper`] another thread stops them with.
//! Each protocol adds its own `bind` and `serve` to [`Server`] over its socket.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use socket2::Socket;

use crate::net::console::{Console, Who};
use crate::net::socket::{self, reachable, say_listening};
use crate::net::{NetError, Proto};

/// A bound server, not yet serving, over its socket `S`.
pub struct Server<S> {
    pub(super) socket: S,
    pub(super) local: SocketAddr,
    pub(super) who: Who,
    stop: Arc<AtomicBool>,
    proto: Proto,
}

impl<S: From<Socket>> Server<S> {
    /// Binds `addr` (see [`socket::bind`]), lets `prepare` do what the
    /// protocol adds before clients come (TCP's `listen()`), then says the
    /// server is ready for them.
    pub(super) fn open(
        proto: Proto,
        addr: SocketAddr,
        console: &Console,
        who: Who,
        prepare: impl FnOnce(&Socket, SocketAddr, &Who) -> Result<(), NetError>,
    ) -> Result<Self, NetError> {
        let (socket, local) = socket::bind(proto, addr, console, &who)?;
        prepare(&socket, local, &who)?;
        say_listening(console, &who, proto, local);
        Ok(Server {
            socket: socket.into(),
            local,
            who,
            stop: Arc::new(AtomicBool::new(false)),
            proto,
        })
    }
}

impl<S> Server<S> {
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    #[must_use]
    pub fn stopper(&self) -> Stopper {
        Stopper {
            stop: self.stop.clone(),
            wake: reachable(self.local),
            proto: self.proto,
        }
    }

    /// Whether the stopper was used: asked each time the server wakes up.
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// Stops a server from another thread.
#[derive(Clone, Debug)]
pub struct Stopper {
    stop: Arc<AtomicBool>,
    wake: SocketAddr,
    proto: Proto,
}

impl Stopper {
    /// Asks the server to stop accepting and wakes it up. Connections being
    /// served run to their end.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        match self.proto {
            Proto::Tcp => {
                let _ = TcpStream::connect_timeout(&self.wake, Duration::from_secs(1));
            }
            Proto::Udp => {
                let any = match self.wake {
                    SocketAddr::V4(_) => SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
                    SocketAddr::V6(_) => SocketAddr::from((Ipv6Addr::LOCALHOST, 0)),
                };
                if let Ok(s) = UdpSocket::bind(any) {
                    let _ = s.send_to(&[], self.wake);
                }
            }
        }
    }
}

/// What a server did, for its closing line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServeStats {
    /// Connections (TCP) or datagrams (UDP) served.
    pub served: u64,
}
