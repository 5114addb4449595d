//! Real sockets: the classic echo services of networking classes, run by the
//! kernel's own TCP and UDP.
//!
//! - TCP echo (default `127.0.0.1:65432`) returns the bytes unchanged, one
//!   thread per connection, so many clients are served at once; `--upper`
//!   makes it answer like the UDP variant.
//! - UDP echo (default `127.0.0.1:65431`) answers each datagram stripped of
//!   surrounding whitespace and upper-cased.
//!
//! Every message can be shown as 8-bit strings before it is sent and after it
//! arrives ([`console`]); every socket call can be narrated as it happens,
//! with the kernel's own TCP state for that socket ([`explain`],
//! [`kernel_state`]); and the frames the kernel sent can be captured live
//! ([`live_capture`]).
//!
//! Nothing here prints: output goes through a [`console::Console`], a channel
//! that the caller drains into the writer it was given.

pub mod console;
pub mod error;
pub mod explain;
pub mod kernel_state;
pub mod live_capture;
pub mod serving;
pub(crate) mod socket;
pub mod tcp;
pub mod udp;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};

pub use error::NetError;

/// The classic TCP echo port.
pub const TCP_PORT: u16 = 65432;
/// The classic UDP upper-case port.
pub const UDP_PORT: u16 = 65431;

/// Longest message the client sends in one piece, and the largest UDP payload.
pub const MAX_MESSAGE: usize = 65_507;

/// Refuses a message longer than [`MAX_MESSAGE`] before any of it is sent.
pub(crate) fn fits(message: &[u8]) -> Result<(), NetError> {
    if message.len() > MAX_MESSAGE {
        return Err(NetError::MessageTooLong {
            len: message.len(),
            max: MAX_MESSAGE,
        });
    }
    Ok(())
}

/// TCP or UDP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Proto {
    Tcp,
    Udp,
}

impl Proto {
    pub fn name(self) -> &'static str {
        match self {
            Proto::Tcp => "TCP",
            Proto::Udp => "UDP",
        }
    }

    /// Where the classic examples listen: `127.0.0.1:65432` (TCP) or `:65431` (UDP).
    pub fn default_addr(self) -> SocketAddr {
        let port = match self {
            Proto::Tcp => TCP_PORT,
            Proto::Udp => UDP_PORT,
        };
        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
    }
}

/// Resolves `HOST:PORT` (a name or an address; `[::1]:PORT` for IPv6),
/// preferring an IPv4 address when a name has both.
pub fn resolve(text: &str) -> Result<SocketAddr, NetError> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if !text.contains(':') {
        return Err(NetError::NoPort {
            text: text.to_string(),
        });
    }
    let addrs: Vec<SocketAddr> = text
        .to_socket_addrs()
        .map_err(|source| NetError::Resolve {
            text: text.to_string(),
            source,
        })?
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .copied()
        .ok_or_else(|| NetError::NoAddress {
            text: text.to_string(),
        })
}

/// What the classic UDP server (and `--upper`) answers: the bytes stripped of
/// ASCII whitespace at both ends (as Python's `bytes.strip()`) and upper-cased
/// (ASCII letters only, so UTF-8 stays valid). Works in place; returns the
/// answer's range of `buf`.
pub fn strip_upper(buf: &mut [u8]) -> std::ops::Range<usize> {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = buf.iter().position(|b| !is_space(b)).unwrap_or(buf.len());
    let end = buf
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    buf[start..end].make_ascii_uppercase();
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_upper_behaves_like_python() {
        let mut b = *b"  hello, world\r\n";
        let r = strip_upper(&mut b);
        assert_eq!(&b[r], b"HELLO, WORLD");
        let mut b = *b" \n\t ";
        let r = strip_upper(&mut b);
        assert_eq!(&b[r], b"");
        let mut b = "ação".as_bytes().to_vec();
        let r = strip_upper(&mut b);
        assert_eq!(std::str::from_utf8(&b[r]).unwrap(), "AçãO");
    }

    #[test]
    fn resolve_accepts_addresses_and_names() {
        assert_eq!(
            resolve("127.0.0.1:65432").unwrap(),
            Proto::Tcp.default_addr()
        );
        assert_eq!(resolve("[::1]:80").unwrap().port(), 80);
        assert_eq!(resolve("localhost:7").unwrap().port(), 7);
        assert!(matches!(resolve("localhost"), Err(NetError::NoPort { .. })));
        assert!(matches!(
            resolve("no-such-host.invalid:80"),
            Err(NetError::Resolve { .. })
        ));
    }
}
