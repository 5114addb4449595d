//! The IPv6 header (RFC 8200 §3) and the extension headers before the
//! transport one: a view over a packet's bytes, checked once so its accessors
//! cannot panic, and the header as a value.

use std::net::Ipv6Addr;

use super::error::too_short;
use super::view::{fields, view};
use super::{IPV6_HEADER, Part, WireError};

/// Extension headers that only say where the next one starts (RFC 8200 §4):
/// hop-by-hop options, routing, destination options.
const HOP_BY_HOP: u8 = 0;
const ROUTING: u8 = 43;
const DESTINATION_OPTIONS: u8 = 60;
/// The fragment header: what follows is a piece of a datagram.
pub const NEXT_HEADER_FRAGMENT: u8 = 44;

/// The first 32 bits: version, traffic class and flow label.
const VER_TC_FLOW: usize = 0;

view!(
    /// An IPv6 packet's bytes, at least a whole fixed header long.
    Ipv6Packet,
    IPV6_HEADER,
    Part::Ipv6,
    then checked_version
);

fields!(Ipv6Packet {
    /// The bytes after the fixed header, extension headers included.
    payload_len / set_payload_len: u16 = 4;
    next_header / set_next_header: u8 = 6;
    hop_limit / set_hop_limit: u8 = 7;
    src / set_src: Ipv6Addr = 8;
    dst / set_dst: Ipv6Addr = 24;
});

/// Where an IPv6 packet's transport header starts, past its extension headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpperLayer<'a> {
    /// The transport protocol, or [`NEXT_HEADER_FRAGMENT`].
    pub protocol: u8,
    /// As captured (possibly cut short).
    pub payload: &'a [u8],
    /// On the wire.
    pub len: usize,
}

impl<T: AsRef<[u8]>> Ipv6Packet<T> {
    /// The check past the fixed header's length, for `new_checked`.
    fn checked_version(self) -> Result<Self, WireError> {
        let version = self.version();
        if version != 6 {
            return Err(WireError::BadIpVersion(version));
        }
        Ok(self)
    }

    pub fn version(&self) -> u8 {
        self.buffer.as_ref()[VER_TC_FLOW] >> 4
    }
}

impl<'a> Ipv6Packet<&'a [u8]> {
    /// The transport header's protocol and bytes, past the extension headers
    /// that only point further on. A fragment stops the walk: its payload may
    /// not hold a transport header, so it is not checked further. Extension
    /// headers cut short are errors.
    pub fn upper_layer(&self) -> Result<UpperLayer<'a>, WireError> {
        let bytes = self.buffer;
        let wire_end = IPV6_HEADER + usize::from(self.payload_len());
        let end = wire_end.min(bytes.len());
        let mut protocol = self.next_header();
        let mut at = IPV6_HEADER;
        while matches!(protocol, HOP_BY_HOP | ROUTING | DESTINATION_OPTIONS) {
            let header = bytes
                .get(at..at + 2)
                .ok_or_else(|| too_short(Part::Ipv6Extension, bytes))?;
            protocol = header[0];
            at += (usize::from(header[1]) + 1) * 8;
        }
        let len = wire_end.saturating_sub(at);
        if protocol == NEXT_HEADER_FRAGMENT {
            let payload = bytes.get(at..end).unwrap_or_default();
            return Ok(UpperLayer {
                protocol,
                payload,
                len,
            });
        }
        if at > end {
            return Err(too_short(Part::Ipv6Extensions, bytes));
        }
        Ok(UpperLayer {
            protocol,
            payload: &bytes[at..end],
            len,
        })
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Ipv6Packet<T> {
    /// Version 6, traffic class and flow label.
    pub fn set_version_class_flow(&mut self, traffic_class: u8, flow_label: u32) {
        let word = (6u32 << 28) | (u32::from(traffic_class) << 20) | (flow_label & 0x000f_ffff);
        self.buffer.as_mut()[VER_TC_FLOW..VER_TC_FLOW + 4].copy_from_slice(&word.to_be_bytes());
    }
}

/// An IPv6 header without extension headers as a value: what synack sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ipv6Repr {
    pub src: Ipv6Addr,
    pub dst: Ipv6Addr,
    pub next_header: u8,
    /// The bytes after the header.
    pub payload_len: usize,
    pub hop_limit: u8,
}

impl Ipv6Repr {
    /// The fixed header's fields.
    pub fn parse<T: AsRef<[u8]>>(packet: &Ipv6Packet<T>) -> Ipv6Repr {
        Ipv6Repr {
            src: packet.src(),
            dst: packet.dst(),
            next_header: packet.next_header(),
            payload_len: usize::from(packet.payload_len()),
            hop_limit: packet.hop_limit(),
        }
    }

    /// Writes the header into the first 40 bytes of `packet`; the caller has
    /// checked that the payload fits the 16-bit length.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut Ipv6Packet<T>) {
        packet.set_version_class_flow(0, 0);
        packet.set_payload_len(self.payload_len as u16);
        packet.set_next_header(self.next_header);
        packet.set_hop_limit(self.hop_limit);
        packet.set_src(self.src);
        packet.set_dst(self.dst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::view::{assert_too_short, header_then};

    fn repr(payload_len: usize) -> Ipv6Repr {
        Ipv6Repr {
            src: "2001:db8::1".parse().unwrap(),
            dst: "2001:db8::2".parse().unwrap(),
            next_header: 6,
            payload_len,
            hop_limit: 64,
        }
    }

    fn emitted(payload: &[u8]) -> Vec<u8> {
        header_then(IPV6_HEADER, payload, |b| {
            repr(payload.len()).emit(&mut Ipv6Packet::new_unchecked(b))
        })
    }

    #[test]
    fn a_header_round_trips() {
        let buf = emitted(b"data");
        assert_eq!(&buf[..8], &[0x60, 0, 0, 0, 0, 4, 6, 64]);
        let packet = Ipv6Packet::new_checked(&buf[..]).unwrap();
        assert_eq!(Ipv6Repr::parse(&packet), repr(4));
        assert_eq!(
            packet.upper_layer().unwrap(),
            UpperLayer {
                protocol: 6,
                payload: b"data",
                len: 4
            }
        );
    }

    #[test]
    fn every_truncation_of_the_header_is_rejected() {
        let buf = emitted(b"data");
        assert_too_short(&buf, 0..IPV6_HEADER, Part::Ipv6, |b| {
            Ipv6Packet::new_checked(b).err()
        });
        let mut v4 = buf;
        v4[0] = 0x45;
        assert_eq!(
            Ipv6Packet::new_checked(&v4[..]).err(),
            Some(WireError::BadIpVersion(4))
        );
    }

    #[test]
    fn extension_headers_are_walked_and_a_cut_one_rejected() {
        // A destination options header (8 bytes, pointing at TCP), then 4 bytes.
        let mut buf = emitted(&[6, 0, 1, 4, 0, 0, 0, 0, b'd', b'a', b't', b'a']);
        buf[6] = DESTINATION_OPTIONS;
        let packet = Ipv6Packet::new_checked(&buf[..]).unwrap();
        let upper = packet.upper_layer().unwrap();
        assert_eq!(
            (upper.protocol, upper.payload, upper.len),
            (6, &b"data"[..], 4)
        );
        let upper = |b: &[u8]| Ipv6Packet::new_checked(b).unwrap().upper_layer().err();
        let (at, end) = (IPV6_HEADER + 2, IPV6_HEADER + 8);
        assert_too_short(&buf, IPV6_HEADER..at, Part::Ipv6Extension, upper);
        assert_too_short(&buf, at..end, Part::Ipv6Extensions, upper);
    }

    #[test]
    fn a_fragment_header_stops_the_walk() {
        let mut buf = emitted(&[6, 0, 0, 1, 0, 0, 0, 7]);
        buf[6] = NEXT_HEADER_FRAGMENT;
        let packet = Ipv6Packet::new_checked(&buf[..IPV6_HEADER]).unwrap();
        assert_eq!(packet.upper_layer().unwrap().protocol, NEXT_HEADER_FRAGMENT);
    }
}
