//! The IPv4 header (RFC 791 §3.1): a view over a packet's bytes, checked once
//! so its accessors cannot panic, and the header as a value.
//!
//! A captured packet may hold fewer bytes than its total length says (a small
//! snap length): the view allows that and tells both lengths apart.

use std::net::Ipv4Addr;

use super::be;
use super::checksum::ipv4_header_checksum;
use super::error::too_short;
use super::view::{fields, view};
use super::{IPV4_HEADER, Part, WireError};

/// The largest total length the 16-bit field can say.
pub const MAX_TOTAL_LEN: usize = 65535;

/// Where the fields `fields!` does not declare start: bits of a byte (the
/// version and header length; the flags and fragment offset), or written only.
const VER_IHL: usize = 0;
const TOS: usize = 1;
const FLAGS_FRAG: usize = 6;

const DONT_FRAGMENT: u16 = 0x4000;
const MORE_FRAGMENTS: u16 = 0x2000;
const FRAGMENT_OFFSET: u16 = 0x1fff;

view!(
    /// An IPv4 packet's bytes: a whole header (options included) and a total
    /// length no smaller than it.
    Ipv4Packet,
    IPV4_HEADER,
    Part::Ipv4,
    then checked_lengths
);

fields!(Ipv4Packet {
    /// The total length field as written.
    total_len / set_total_len: u16 = 2;
    ident / set_ident: u16 = 4;
    ttl / set_ttl: u8 = 8;
    protocol / set_protocol: u8 = 9;
    checksum / set_checksum: u16 = 10;
    src / set_src: Ipv4Addr = 12;
    dst / set_dst: Ipv4Addr = 16;
});

impl<T: AsRef<[u8]>> Ipv4Packet<T> {
    /// The checks past the fixed header's length, for `new_checked`.
    fn checked_lengths(self) -> Result<Self, WireError> {
        let version = self.version();
        if version != 4 {
            return Err(WireError::BadIpVersion(version));
        }
        let header = self.header_len();
        if header < IPV4_HEADER {
            return Err(WireError::BadIpHeaderLength(header));
        }
        if header > self.buffer.as_ref().len() {
            return Err(too_short(Part::Ipv4Options, self.buffer.as_ref()));
        }
        let total = self.packet_len();
        if total < header {
            return Err(WireError::BadIpTotalLength { total, header });
        }
        Ok(self)
    }

    pub fn version(&self) -> u8 {
        self.buffer.as_ref()[VER_IHL] >> 4
    }

    /// In bytes.
    pub fn header_len(&self) -> usize {
        usize::from(self.buffer.as_ref()[VER_IHL] & 0x0f) * 4
    }

    /// The packet's length on the wire: the total length, or, where that is
    /// zero (captures of segmentation-offloaded sends), the bytes captured.
    pub fn packet_len(&self) -> usize {
        match self.total_len() {
            0 => self.buffer.as_ref().len(),
            total => usize::from(total),
        }
    }

    pub fn dont_fragment(&self) -> bool {
        be::u16_at(self.buffer.as_ref(), FLAGS_FRAG) & DONT_FRAGMENT != 0
    }

    /// Part of a fragmented datagram (not the only piece): its transport
    /// header may be elsewhere.
    pub fn is_fragment(&self) -> bool {
        be::u16_at(self.buffer.as_ref(), FLAGS_FRAG) & (MORE_FRAGMENTS | FRAGMENT_OFFSET) != 0
    }

    /// In 8-byte units.
    pub fn fragment_offset(&self) -> u16 {
        be::u16_at(self.buffer.as_ref(), FLAGS_FRAG) & FRAGMENT_OFFSET
    }

    /// Whether the header (options included) sums to all ones.
    pub fn verify_checksum(&self) -> bool {
        ipv4_header_checksum(&self.buffer.as_ref()[..self.header_len()]) == 0
    }

    /// The payload's length on the wire, captured or not.
    pub fn payload_len(&self) -> usize {
        self.packet_len() - self.header_len()
    }
}

impl<'a> Ipv4Packet<&'a [u8]> {
    /// The payload as captured: up to the total length, and no further than
    /// the bytes there are (Ethernet padding is not payload).
    pub fn payload(&self) -> &'a [u8] {
        let bytes = self.buffer;
        &bytes[self.header_len()..self.packet_len().min(bytes.len())]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Ipv4Packet<T> {
    /// Version 4 and the header length (a multiple of 4, 20 to 60).
    pub fn set_header_len(&mut self, len: usize) {
        self.buffer.as_mut()[VER_IHL] = 0x40 | ((len / 4) as u8 & 0x0f);
    }

    pub fn set_tos(&mut self, tos: u8) {
        self.buffer.as_mut()[TOS] = tos;
    }

    /// An unfragmented packet, with or without Don't Fragment.
    pub fn set_unfragmented(&mut self, dont_fragment: bool) {
        let flags = if dont_fragment { DONT_FRAGMENT } else { 0 };
        self.buffer.as_mut()[FLAGS_FRAG..FLAGS_FRAG + 2].copy_from_slice(&flags.to_be_bytes());
    }

    /// Computes the header checksum over the header as it now is.
    pub fn fill_checksum(&mut self) {
        self.set_checksum(0);
        let header = self.header_len();
        let sum = ipv4_header_checksum(&self.buffer.as_ref()[..header]);
        self.set_checksum(sum);
    }
}

/// An option-less IPv4 header as a value: what synack sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ipv4Repr {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub protocol: u8,
    /// The bytes after the header.
    pub payload_len: usize,
    pub ident: u16,
    pub ttl: u8,
    pub dont_fragment: bool,
}

impl Ipv4Repr {
    /// The header's fields (options are not kept).
    pub fn parse<T: AsRef<[u8]>>(packet: &Ipv4Packet<T>) -> Ipv4Repr {
        Ipv4Repr {
            src: packet.src(),
            dst: packet.dst(),
            protocol: packet.protocol(),
            payload_len: packet.payload_len(),
            ident: packet.ident(),
            ttl: packet.ttl(),
            dont_fragment: packet.dont_fragment(),
        }
    }

    /// Writes the header, its checksum included, into the first 20 bytes of
    /// `packet`. The caller has checked that the total fits the length field
    /// (`MAX_TOTAL_LEN`).
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut Ipv4Packet<T>) {
        packet.set_header_len(IPV4_HEADER);
        packet.set_tos(0);
        packet.set_total_len((IPV4_HEADER + self.payload_len) as u16);
        packet.set_ident(self.ident);
        packet.set_unfragmented(self.dont_fragment);
        packet.set_ttl(self.ttl);
        packet.set_protocol(self.protocol);
        packet.set_src(self.src);
        packet.set_dst(self.dst);
        packet.fill_checksum();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::view::{assert_too_short, header_then};

    const REPR: Ipv4Repr = Ipv4Repr {
        src: Ipv4Addr::new(192, 168, 0, 10),
        dst: Ipv4Addr::new(192, 168, 0, 20),
        protocol: 6,
        payload_len: 4,
        ident: 0x1234,
        ttl: 64,
        dont_fragment: true,
    };

    fn emitted() -> Vec<u8> {
        header_then(IPV4_HEADER, b"data", |b| {
            REPR.emit(&mut Ipv4Packet::new_unchecked(b))
        })
    }

    #[test]
    fn a_header_round_trips_with_a_right_checksum() {
        let buf = emitted();
        assert_eq!(&buf[..4], &[0x45, 0, 0, 24]);
        assert_eq!(&buf[6..10], &[0x40, 0, 64, 6]);
        let packet = Ipv4Packet::new_checked(&buf[..]).unwrap();
        assert_eq!(Ipv4Repr::parse(&packet), REPR);
        assert!(packet.verify_checksum());
        assert!(!packet.is_fragment());
        assert_eq!(packet.payload(), b"data");
    }

    #[test]
    fn the_checksum_is_the_rfc_1071_sum_and_catches_a_flipped_bit() {
        // A header worked by hand: 4500 0073 0000 4000 4011 ____ c0a8 0001 c0a8 00c7.
        let mut buf = [
            0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0, 0, 0xc0, 0xa8, 0x00,
            0x01, 0xc0, 0xa8, 0x00, 0xc7,
        ];
        let mut packet = Ipv4Packet::new_unchecked(&mut buf[..]);
        packet.fill_checksum();
        assert_eq!(packet.checksum(), 0xb861);
        buf[8] ^= 0x01;
        assert!(!Ipv4Packet::new_unchecked(&buf[..]).verify_checksum());
    }

    #[test]
    fn every_truncation_of_the_header_is_rejected() {
        let buf = emitted();
        assert_too_short(&buf, 0..IPV4_HEADER, Part::Ipv4, |b| {
            Ipv4Packet::new_checked(b).err()
        });
    }

    #[test]
    fn a_cut_payload_is_kept_with_its_real_length() {
        let buf = emitted();
        let packet = Ipv4Packet::new_checked(&buf[..IPV4_HEADER + 1]).unwrap();
        assert_eq!((packet.payload(), packet.payload_len()), (&b"d"[..], 4));
        let mut padded = buf.clone();
        padded.extend_from_slice(&[0; 6]);
        let packet = Ipv4Packet::new_checked(&padded[..]).unwrap();
        assert_eq!(packet.payload(), b"data");
    }

    #[test]
    fn inconsistent_lengths_are_errors() {
        let mut buf = emitted();
        buf[0] = 0x44;
        assert_eq!(
            Ipv4Packet::new_checked(&buf[..]).err(),
            Some(WireError::BadIpHeaderLength(16))
        );
        buf[0] = 0x47;
        assert_eq!(
            Ipv4Packet::new_checked(&buf[..]).err(),
            Some(WireError::TooShort {
                what: Part::Ipv4Options,
                len: 24
            })
        );
        buf[0] = 0x45;
        buf[3] = 19;
        assert_eq!(
            Ipv4Packet::new_checked(&buf[..]).err(),
            Some(WireError::BadIpTotalLength {
                total: 19,
                header: 20
            })
        );
        buf[0] = 0x65;
        assert_eq!(
            Ipv4Packet::new_checked(&buf[..]).err(),
            Some(WireError::BadIpVersion(6))
        );
    }

    #[test]
    fn fragments_are_recognised() {
        let mut buf = emitted();
        buf[6] = 0x20;
        assert!(Ipv4Packet::new_checked(&buf[..]).unwrap().is_fragment());
        buf[6] = 0x00;
        buf[7] = 0x10;
        let packet = Ipv4Packet::new_checked(&buf[..]).unwrap();
        assert!(packet.is_fragment());
        assert_eq!(packet.fragment_offset(), 0x10);
    }
}
