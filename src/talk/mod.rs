//! `synack talk`: two people on one TCP connection, each typing lines, every
//! line shown as the bits that carry it on both sides. It is the classic
//! conversation program of networking classes (a server and a client on
//! port 5000, `sair` ends it), and it speaks to that program both ways.
//!
//! Raw bytes, no framing: a typed line goes out with its `\n`, and what
//! arrives is shown `recv()` by `recv()`, so it can be seen that TCP keeps
//! no message boundaries ([`stream`] puts the lines back together). Either
//! side may type at any time: one thread reads the socket while another
//! takes the typed lines ([`conversation`]).
//!
//! Nothing here prints: everything is said on a
//! [`Console`](crate::net::console::Console), and the lines typed come
//! through a [`Typist`], so the caller decides where both come from and go.

pub mod connection;
pub mod conversation;
pub mod error;
pub mod stream;
pub mod view;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub use connection::{Connection, Listener};
pub use conversation::{Inbox, Summary, Timing, Typist, inbox};
pub use error::TalkError;

use crate::net;

/// The port of the classic conversation programs.
pub const PORT: u16 = 5000;

/// Where `talk listen` waits and `talk connect` goes when told nothing:
/// `127.0.0.1:5000`.
pub fn default_addr() -> SocketAddr {
    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), PORT)
}

/// `HOST[:PORT]`: a name or an address, with port 5000 when none is given
/// (`192.0.2.1`, `[::1]` and `::1` too).
pub fn address(text: &str) -> Result<SocketAddr, TalkError> {
    let text = text.trim();
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, PORT));
    }
    if let Some(ip) = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .and_then(|t| t.parse::<IpAddr>().ok())
    {
        return Ok(SocketAddr::new(ip, PORT));
    }
    let resolved = if text.contains(':') {
        net::resolve(text)
    } else {
        net::resolve(&format!("{text}:{PORT}"))
    };
    Ok(resolved?)
}

/// `sair` or `quit` (any case, spaces around allowed): the line that ends
/// the conversation, after it is sent, so a classic peer ends too.
pub fn is_farewell(line: &[u8]) -> bool {
    let word = line.trim_ascii();
    word.eq_ignore_ascii_case(b"sair") || word.eq_ignore_ascii_case(b"quit")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetError;

    #[test]
    fn an_address_without_a_port_gets_the_classic_one() {
        assert_eq!(address("127.0.0.1").unwrap(), default_addr());
        assert_eq!(address("localhost").unwrap(), default_addr());
        assert_eq!(address("192.0.2.1:6000").unwrap().port(), 6000);
        assert_eq!(address("::1").unwrap(), "[::1]:5000".parse().unwrap());
        assert_eq!(address("[::1]").unwrap(), "[::1]:5000".parse().unwrap());
        assert_eq!(address("[::1]:7").unwrap().port(), 7);
        assert!(matches!(
            address("no-such-host.invalid"),
            Err(TalkError::Net(NetError::Resolve { .. }))
        ));
    }

    #[test]
    fn sair_and_quit_end_the_conversation() {
        for word in ["sair", "quit", " Sair ", "QUIT\r"] {
            assert!(is_farewell(word.as_bytes()), "{word}");
        }
        for word in ["sair agora", "", "saír", "q"] {
            assert!(!is_farewell(word.as_bytes()), "{word}");
        }
    }
}
