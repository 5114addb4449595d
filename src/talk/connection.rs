//! Opening the one connection a conversation runs on: `talk listen` binds,
//! listens and accepts one peer; `talk connect` connects. Each socket call
//! is narrated with `--explain`, and each side says which address and
//! ephemeral port the other uses.

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use crate::net::console::{Console, Who};
use crate::net::explain::{Endpoints, SocketCall, narrate};
use crate::net::tcp::{ClientConfig, TcpClient};
use crate::net::{NetError, Proto};
use crate::tr;

use super::TalkError;

/// One end of an open conversation.
pub struct Connection {
    pub(super) stream: TcpStream,
    pub(super) local: SocketAddr,
    pub(super) peer: SocketAddr,
    pub(super) who: Who,
}

impl Connection {
    /// `socket()` and `connect()`: the three-way handshake with `peer`,
    /// waiting at most `timeout` for it.
    pub fn connect(
        peer: SocketAddr,
        timeout: Duration,
        console: &Console,
    ) -> Result<Connection, TalkError> {
        let who = Who::client(console.lang());
        let config = ClientConfig {
            server: peer,
            timeout,
        };
        let client = TcpClient::connect(config, console, who.clone())?;
        Ok(Connection {
            local: client.local_addr(),
            stream: client.into_stream(),
            peer,
            who,
        })
    }

    pub fn peer(&self) -> SocketAddr {
        self.peer
    }

    pub fn local(&self) -> SocketAddr {
        self.local
    }
}

/// `talk listen`: bound and listening, waiting for its one peer.
pub struct Listener {
    listener: TcpListener,
    local: SocketAddr,
    who: Who,
}

impl Listener {
    /// `socket()`, `bind()`, `listen()`, then says where the other side
    /// finds it.
    pub fn bind(addr: SocketAddr, console: &Console) -> Result<Listener, TalkError> {
        let lang = console.lang();
        let who = Who::server(lang);
        let (listener, local) = crate::net::tcp::listen(addr, console, &who)?;
        let waiting = if local.ip().is_unspecified() {
            tr!(
                lang,
                "talk-listening-any",
                addr = local.to_string(),
                port = local.port()
            )
        } else {
            tr!(lang, "talk-listening", addr = local.to_string())
        };
        console.line(&who, &waiting);
        Ok(Listener {
            listener,
            local,
            who,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// `accept()`: the first peer to finish a handshake. The listening
    /// socket closes then, as the classic server's does: a conversation is
    /// between two, and a third is refused.
    pub fn accept(self, console: &Console) -> Result<Connection, TalkError> {
        let (stream, peer) = loop {
            match self.listener.accept() {
                Ok(pair) => break pair,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(NetError::io("accept", e).into()),
            }
        };
        drop(self.listener);
        // Each line goes out when typed, not held back to be joined with
        // the next (Nagle's algorithm).
        let _ = stream.set_nodelay(true);
        let local = stream.local_addr().unwrap_or(self.local);
        let at = Endpoints {
            local: Some(local),
            remote: Some(peer),
        };
        narrate(
            console,
            &self.who,
            Proto::Tcp,
            SocketCall::Accept { peer },
            at,
        );
        console.line(
            &self.who,
            &tr!(
                console.lang(),
                "talk-accepted",
                peer = peer.ip().to_string(),
                port = peer.port()
            ),
        );
        Ok(Connection {
            stream,
            local,
            peer,
            who: self.who,
        })
    }
}
