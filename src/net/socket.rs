//! The socket calls a TCP and a UDP server (or client) make the same way:
//! `socket()`, then for a server SO_REUSEADDR and `bind()`, each narrated
//! with `--explain` as it happens; and the errors and addresses around them.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use socket2::{Domain, Protocol, Socket, Type};

use crate::net::console::{Console, Who};
use crate::net::explain::{Endpoints, SocketCall, narrate};
use crate::net::{NetError, Proto};
use crate::tr;

/// `socket()` for `proto`, in the address family of `addr`, narrated.
pub(crate) fn open(
    proto: Proto,
    addr: SocketAddr,
    console: &Console,
    who: &Who,
) -> Result<Socket, NetError> {
    let (kind, protocol) = match proto {
        Proto::Tcp => (Type::STREAM, Protocol::TCP),
        Proto::Udp => (Type::DGRAM, Protocol::UDP),
    };
    let socket = Socket::new(Domain::for_address(addr), kind, Some(protocol))
        .map_err(|e| NetError::io("socket", e))?;
    let nowhere = Endpoints {
        local: None,
        remote: None,
    };
    let call = SocketCall::Socket {
        proto,
        ipv6: addr.is_ipv6(),
    };
    narrate(console, who, proto, call, nowhere);
    Ok(socket)
}

/// A server's `socket()`, SO_REUSEADDR for TCP (so a port left in TIME-WAIT
/// never blocks a restart) and `bind()`, each narrated: the socket and the
/// address it is bound to (the port the kernel chose, for port 0).
///
/// Not for UDP, which has no TIME-WAIT: there SO_REUSEADDR would let a second
/// server share a port in use. Not on Windows either, where it lets a socket
/// take over a port another one holds (Rust's own `TcpListener` skips it there
/// too).
pub(crate) fn bind(
    proto: Proto,
    addr: SocketAddr,
    console: &Console,
    who: &Who,
) -> Result<(Socket, SocketAddr), NetError> {
    let socket = open(proto, addr, console, who)?;
    if proto == Proto::Tcp && cfg!(not(windows)) {
        socket
            .set_reuse_address(true)
            .map_err(|e| NetError::io("setsockopt", e))?;
    }
    socket.bind(&addr.into()).map_err(|e| bind_error(addr, e))?;
    let local = socket
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .unwrap_or(addr);
    let at = Endpoints {
        local: Some(local),
        remote: None,
    };
    narrate(console, who, proto, SocketCall::Bind { addr: local }, at);
    Ok((socket, local))
}

/// The line a server says once it is ready for clients.
pub(crate) fn say_listening(console: &Console, who: &Who, proto: Proto, local: SocketAddr) {
    console.line(
        who,
        &tr!(
            console.lang(),
            "echo-server-listening",
            proto = proto.name(),
            addr = local.to_string()
        ),
    );
}

/// Whether a read with a timeout ran out of time: systems report it as
/// either kind.
pub(crate) fn timed_out(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Turns a bind failure into an error that names the port and says what to do.
#[must_use]
pub(crate) fn bind_error(addr: SocketAddr, e: io::Error) -> NetError {
    match e.kind() {
        io::ErrorKind::AddrInUse => NetError::PortInUse { addr },
        io::ErrorKind::AddrNotAvailable => NetError::AddrNotAvailable { addr },
        io::ErrorKind::PermissionDenied => NetError::BindPermission { addr },
        _ => NetError::Bind { addr, source: e },
    }
}

/// Where to reach a socket bound to `addr` from this machine (the unspecified
/// address becomes loopback).
pub(crate) fn reachable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    }
}
