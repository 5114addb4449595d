//! The kernel's own TCP state of a socket, read where Linux publishes it:
//! `/proc/net/tcp` and `/proc/net/tcp6`, one line per socket, addresses in hex
//! and the state as a hex code. Elsewhere there is no such file, and
//! [`kernel_state`] says so ([`KernelView::Unsupported`]).
//!
//! The parser is plain text in, values out, and is tested on every platform.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::tcp::State;

/// One line of `/proc/net/tcp{,6}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TcpEntry {
    pub local: SocketAddr,
    pub remote: SocketAddr,
    /// The kernel's code (`0A` is LISTEN).
    pub code: u8,
}

impl TcpEntry {
    /// The RFC 9293 state, when the code is one of the RFC's.
    pub fn state(&self) -> Option<State> {
        state_from_code(self.code)
    }
}

/// The kernel's state codes (`include/net/tcp_states.h`) as RFC 9293 names.
/// `TCP_NEW_SYN_RECV` (0C) is a half-open connection still in the listener's
/// queue: SYN-RECEIVED in the RFC's terms.
pub fn state_from_code(code: u8) -> Option<State> {
    Some(match code {
        0x01 => State::Established,
        0x02 => State::SynSent,
        0x03 | 0x0c => State::SynReceived,
        0x04 => State::FinWait1,
        0x05 => State::FinWait2,
        0x06 => State::TimeWait,
        0x07 => State::Closed,
        0x08 => State::CloseWait,
        0x09 => State::LastAck,
        0x0a => State::Listen,
        0x0b => State::Closing,
        _ => return None,
    })
}

/// Parses the text of `/proc/net/tcp` or `/proc/net/tcp6` (the header line and
/// any line that does not parse are skipped).
pub fn parse_table(text: &str) -> Vec<TcpEntry> {
    text.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<TcpEntry> {
    let mut fields = line.split_whitespace();
    let slot = fields.next()?;
    if !slot.ends_with(':') {
        return None;
    }
    let local = parse_addr(fields.next()?)?;
    let remote = parse_addr(fields.next()?)?;
    let code = u8::from_str_radix(fields.next()?, 16).ok()?;
    Some(TcpEntry {
        local,
        remote,
        code,
    })
}

/// `0100007F:FF98` or 32 hex digits and a port. The kernel prints each 32-bit
/// word of the address as the number it is in memory, so on a little-endian
/// machine 127.0.0.1 reads `0100007F`: the bytes are the word's native bytes.
fn parse_addr(text: &str) -> Option<SocketAddr> {
    let (addr, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let word = |hex: &str| u32::from_str_radix(hex, 16).ok().map(u32::to_ne_bytes);
    let ip = match addr.len() {
        8 => IpAddr::V4(Ipv4Addr::from(word(addr)?)),
        32 => {
            let mut octets = [0u8; 16];
            for (i, chunk) in octets.chunks_mut(4).enumerate() {
                chunk.copy_from_slice(&word(addr.get(i * 8..i * 8 + 8)?)?);
            }
            IpAddr::V6(Ipv6Addr::from(octets))
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

/// An IPv4 address seen through an IPv6 socket (`::ffff:a.b.c.d`) as IPv4.
fn canonical(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => SocketAddr::new(IpAddr::V4(v4), addr.port()),
            None => addr,
        },
        IpAddr::V4(_) => addr,
    }
}

/// The entry for the socket with this local address and this peer (`None`: a
/// socket with no peer, bound or listening). When the kernel lists the same
/// pair twice (an old connection in TIME-WAIT and a new one), the live one wins.
pub fn find(
    entries: &[TcpEntry],
    local: SocketAddr,
    remote: Option<SocketAddr>,
) -> Option<TcpEntry> {
    let local = canonical(local);
    let matches = |e: &&TcpEntry| {
        canonical(e.local) == local
            && match remote {
                Some(r) => canonical(e.remote) == canonical(r),
                None => e.remote.port() == 0 && e.remote.ip().is_unspecified(),
            }
    };
    let mut found: Vec<TcpEntry> = entries.iter().filter(matches).copied().collect();
    found.sort_by_key(|e| e.code == 0x06);
    found.first().copied()
}

/// What the kernel says about a socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KernelView {
    /// Listed, in this state.
    State(State),
    /// Listed with a code that has no RFC name.
    Code(u8),
    /// Not listed: the kernel has forgotten the connection (CLOSED).
    NotListed,
    /// This system has no `/proc/net/tcp`.
    Unsupported,
}

/// Reads the kernel's state for the socket `local` ↔ `remote` now.
#[cfg(target_os = "linux")]
pub fn kernel_state(local: SocketAddr, remote: Option<SocketAddr>) -> KernelView {
    let mut entries = Vec::new();
    let mut readable = false;
    for path in ["/proc/net/tcp", "/proc/net/tcp6"] {
        if let Ok(text) = std::fs::read_to_string(path) {
            readable = true;
            entries.extend(parse_table(&text));
        }
    }
    if !readable {
        return KernelView::Unsupported;
    }
    match find(&entries, local, remote) {
        Some(e) => e
            .state()
            .map_or(KernelView::Code(e.code), KernelView::State),
        None => KernelView::NotListed,
    }
}

/// Reads the kernel's state for the socket `local` ↔ `remote` now.
#[cfg(not(target_os = "linux"))]
pub fn kernel_state(_local: SocketAddr, _remote: Option<SocketAddr>) -> KernelView {
    KernelView::Unsupported
}

#[cfg(test)]
mod tests {
    use super::*;

    // Lines as a little-endian Linux prints them (trailing columns shortened).
    const TCP: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:FF98 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0
   1: 0100007F:FF98 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:D2F0 0100007F:FF98 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
   3: 0100007F:D2F0 0100007F:FF98 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0000000000000000 20 4 30 10 -1
";
    const TCP6: &str = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4 1
   1: 0000000000000000FFFF00000100007F:FF98 0000000000000000FFFF00000100007F:A000 05 00000000:00000000 00:00000000 00000000     0        0 5 1
";

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[cfg(target_endian = "little")]
    #[test]
    fn ipv4_lines_parse_into_addresses_and_states() {
        let entries = parse_table(TCP);
        assert_eq!(entries.len(), 4);
        assert_eq!(entries[0].local, addr("127.0.0.1:65432"));
        assert_eq!(entries[0].state(), Some(State::Listen));
        assert_eq!(entries[1].remote, addr("127.0.0.1:54000"));
        assert_eq!(entries[1].state(), Some(State::Established));
    }

    #[cfg(target_endian = "little")]
    #[test]
    fn ipv6_lines_parse_and_mapped_addresses_match_ipv4() {
        let entries = parse_table(TCP6);
        assert_eq!(entries[0].local, addr("[::1]:8080"));
        let e = find(
            &entries,
            addr("127.0.0.1:65432"),
            Some(addr("127.0.0.1:40960")),
        );
        assert_eq!(e.and_then(|e| e.state()), Some(State::FinWait2));
    }

    #[cfg(target_endian = "little")]
    #[test]
    fn listening_socket_is_the_one_without_a_peer() {
        let entries = parse_table(TCP);
        let e = find(&entries, addr("127.0.0.1:65432"), None).unwrap();
        assert_eq!(e.state(), Some(State::Listen));
        let e = find(
            &entries,
            addr("127.0.0.1:65432"),
            Some(addr("127.0.0.1:54000")),
        )
        .unwrap();
        assert_eq!(e.state(), Some(State::Established));
    }

    #[cfg(target_endian = "little")]
    #[test]
    fn a_live_connection_wins_over_an_old_one_in_time_wait() {
        let entries = parse_table(TCP);
        let e = find(
            &entries,
            addr("127.0.0.1:54000"),
            Some(addr("127.0.0.1:65432")),
        )
        .unwrap();
        assert_eq!(e.state(), Some(State::Established));
    }

    #[test]
    fn every_kernel_code_has_an_rfc_name() {
        let names: Vec<&str> = (1..=0x0c)
            .map(|c| state_from_code(c).unwrap().name())
            .collect();
        assert_eq!(
            names,
            [
                "ESTABLISHED",
                "SYN-SENT",
                "SYN-RECEIVED",
                "FIN-WAIT-1",
                "FIN-WAIT-2",
                "TIME-WAIT",
                "CLOSED",
                "CLOSE-WAIT",
                "LAST-ACK",
                "LISTEN",
                "CLOSING",
                "SYN-RECEIVED"
            ]
        );
        assert_eq!(state_from_code(0), None);
        assert_eq!(state_from_code(0x0d), None);
    }

    #[test]
    fn junk_lines_are_skipped() {
        assert!(parse_table("nonsense\n  0: zz:1 00:0 01\n").is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_real_listener_is_listen_in_the_kernel() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let local = listener.local_addr().unwrap();
        assert_eq!(kernel_state(local, None), KernelView::State(State::Listen));
        drop(listener);
        assert_eq!(kernel_state(local, None), KernelView::NotListed);
    }
}
