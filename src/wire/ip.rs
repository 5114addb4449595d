//! An IP packet of either version, down to the transport segment it carries:
//! what the TCP and UDP parsers start from.

use std::net::IpAddr;

use super::error::too_short;
use super::ipv4::Ipv4Packet;
use super::ipv6::{Ipv6Packet, NEXT_HEADER_FRAGMENT};
use super::{Part, WireError};

/// Whether a packet carries a whole datagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fragment {
    Whole,
    /// The first piece of an IPv4 datagram: the transport header is here.
    First,
    /// A later piece of an IPv4 datagram, or any IPv6 fragment (not looked
    /// into): no transport header to read.
    Rest,
}

/// The transport segment of an IP packet, located.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpPayload<'a> {
    pub src: IpAddr,
    pub dst: IpAddr,
    pub protocol: u8,
    /// The segment as captured (possibly cut short by the snap length).
    pub bytes: &'a [u8],
    /// The segment's length on the wire, from the IP header.
    pub len: usize,
    pub fragment: Fragment,
}

impl<'a> IpPayload<'a> {
    /// Reads an IPv4 or IPv6 packet (the version from its first nibble).
    pub fn parse(bytes: &'a [u8]) -> Result<IpPayload<'a>, WireError> {
        let first = *bytes.first().ok_or_else(|| too_short(Part::Ip, bytes))?;
        match first >> 4 {
            4 => {
                let ip = Ipv4Packet::new_checked(bytes)?;
                let fragment = match (ip.is_fragment(), ip.fragment_offset()) {
                    (false, _) => Fragment::Whole,
                    (true, 0) => Fragment::First,
                    (true, _) => Fragment::Rest,
                };
                Ok(IpPayload {
                    src: IpAddr::V4(ip.src()),
                    dst: IpAddr::V4(ip.dst()),
                    protocol: ip.protocol(),
                    len: ip.payload_len(),
                    fragment,
                    bytes: ip.payload(),
                })
            }
            6 => {
                let ip = Ipv6Packet::new_checked(bytes)?;
                let upper = ip.upper_layer()?;
                let fragment = if upper.protocol == NEXT_HEADER_FRAGMENT {
                    Fragment::Rest
                } else {
                    Fragment::Whole
                };
                Ok(IpPayload {
                    src: IpAddr::V6(ip.src()),
                    dst: IpAddr::V6(ip.dst()),
                    protocol: upper.protocol,
                    bytes: upper.payload,
                    len: upper.len,
                    fragment,
                })
            }
            v => Err(WireError::BadIpVersion(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::ipv4::Ipv4Repr;
    use crate::wire::ipv6::Ipv6Repr;

    fn v4(payload: &[u8], frag: [u8; 2]) -> Vec<u8> {
        let mut buf = vec![0u8; 20];
        Ipv4Repr {
            src: "10.0.0.1".parse().unwrap(),
            dst: "10.0.0.2".parse().unwrap(),
            protocol: 17,
            payload_len: payload.len(),
            ident: 1,
            ttl: 64,
            dont_fragment: false,
        }
        .emit(&mut Ipv4Packet::new_unchecked(&mut buf[..]));
        buf[6..8].copy_from_slice(&frag);
        buf.extend_from_slice(payload);
        buf
    }

    #[test]
    fn both_versions_are_located() {
        let p = v4(b"abcd", [0, 0]);
        let ip = IpPayload::parse(&p).unwrap();
        assert_eq!((ip.protocol, ip.bytes, ip.len), (17, &b"abcd"[..], 4));
        assert_eq!(ip.fragment, Fragment::Whole);
        let mut p = vec![0u8; 40];
        Ipv6Repr {
            src: "::1".parse().unwrap(),
            dst: "::1".parse().unwrap(),
            next_header: 6,
            payload_len: 2,
            hop_limit: 64,
        }
        .emit(&mut Ipv6Packet::new_unchecked(&mut p[..]));
        p.extend_from_slice(b"xy");
        let ip = IpPayload::parse(&p).unwrap();
        assert_eq!((ip.protocol, ip.bytes, ip.len), (6, &b"xy"[..], 2));
    }

    #[test]
    fn fragments_say_whether_the_transport_header_is_there() {
        let first = v4(b"abcd", [0x20, 0]);
        assert_eq!(IpPayload::parse(&first).unwrap().fragment, Fragment::First);
        let rest = v4(b"abcd", [0, 1]);
        assert_eq!(IpPayload::parse(&rest).unwrap().fragment, Fragment::Rest);
    }

    #[test]
    fn nothing_and_other_versions_are_errors() {
        assert_eq!(
            IpPayload::parse(&[]),
            Err(WireError::TooShort {
                what: Part::Ip,
                len: 0
            })
        );
        assert_eq!(IpPayload::parse(&[0x55]), Err(WireError::BadIpVersion(5)));
    }
}
