//! synack's reliable-transfer packet: an 8-byte header and up to the agreed
//! number of data bytes. Parsed once, checked, into a plain value; bad bytes
//! are an error value, never a panic.
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |     Type      |     Flags     |        Sequence Number        |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |            Length             |           Checksum            |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                    Data (Length bytes) ...
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! ```
//!
//! - Type: one ASCII letter, so the bits view shows it: `D` (0x44) data, `A`
//!   (0x41) acknowledgment, `N` (0x4E) negative acknowledgment.
//! - Flags: bit 0 (0x01) `END`, set on the last packet of a message; the other
//!   bits are zero.
//! - Sequence Number: big-endian; only the agreed number of low bits is used
//!   (sequence numbers count modulo 2^bits and wrap). In an ACK, the packet
//!   acknowledged (Go-Back-N: every packet up to it); in a NAK, the packet
//!   the receiver asks for again.
//! - Length: the number of data bytes that follow (0 in ACK and NAK).
//! - Checksum: the Internet checksum (RFC 1071), the one's complement of the
//!   one's complement sum of the header (with this field as zero) and the data,
//!   in 16-bit words; it catches every single flipped bit.

use bytes::Bytes;

use crate::wire::checksum::{fold, sum_words};

pub const HEADER_LEN: usize = 8;

/// The END flag: the last packet of a message.
pub const FLAG_END: u8 = 0x01;

/// What a packet is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Data,
    Ack,
    Nak,
}

impl Kind {
    pub fn code(self) -> u8 {
        match self {
            Kind::Data => b'D',
            Kind::Ack => b'A',
            Kind::Nak => b'N',
        }
    }

    pub fn from_code(code: u8) -> Option<Kind> {
        match code {
            b'D' => Some(Kind::Data),
            b'A' => Some(Kind::Ack),
            b'N' => Some(Kind::Nak),
            _ => None,
        }
    }

    /// `DATA`, `ACK`, `NAK`: how views name it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Data => "DATA",
            Kind::Ack => "ACK",
            Kind::Nak => "NAK",
        }
    }
}

/// A packet as a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Packet {
    pub kind: Kind,
    /// The last packet of its message (data only).
    pub end: bool,
    pub seq: u16,
    pub payload: Bytes,
}

/// Why bytes are not a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PacketError {
    #[error("{len} bytes is too short for the 8-byte header")]
    TooShort { len: usize },
    #[error("checksum mismatch: the packet says 0x{carried:04x}, its bytes give 0x{computed:04x}")]
    Checksum { carried: u16, computed: u16 },
    #[error("unknown packet type 0x{0:02x}")]
    UnknownType(u8),
    #[error("reserved flag bits set: 0x{0:02x}")]
    ReservedFlags(u8),
    #[error("the header says {said} data bytes but {actual} follow")]
    LengthMismatch { said: usize, actual: usize },
    #[error("an ACK or NAK carries no data and no END flag")]
    ControlWithData,
}

impl Packet {
    pub fn data(seq: u16, payload: Bytes, end: bool) -> Packet {
        Packet {
            kind: Kind::Data,
            end,
            seq,
            payload,
        }
    }

    pub fn ack(seq: u16) -> Packet {
        Packet {
            kind: Kind::Ack,
            end: false,
            seq,
            payload: Bytes::new(),
        }
    }

    pub fn nak(seq: u16) -> Packet {
        Packet {
            kind: Kind::Nak,
            end: false,
            seq,
            payload: Bytes::new(),
        }
    }

    pub fn flags(&self) -> u8 {
        if self.end { FLAG_END } else { 0 }
    }

    /// The header with the checksum field zero.
    fn header_without_checksum(&self) -> [u8; HEADER_LEN] {
        let seq = self.seq.to_be_bytes();
        let len = (self.payload.len().min(usize::from(u16::MAX)) as u16).to_be_bytes();
        [
            self.kind.code(),
            self.flags(),
            seq[0],
            seq[1],
            len[0],
            len[1],
            0,
            0,
        ]
    }

    /// The checksum this packet carries on the wire.
    pub fn checksum(&self) -> u16 {
        checksum_of(&self.header_without_checksum(), &self.payload)
    }

    /// The packet's bytes (the payload is at most 65535 bytes; the sender cuts
    /// messages to the agreed size, far below).
    pub fn to_bytes(&self) -> Bytes {
        let mut out = Vec::with_capacity(HEADER_LEN + self.payload.len());
        let mut header = self.header_without_checksum();
        header[6..8].copy_from_slice(&self.checksum().to_be_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&self.payload);
        Bytes::from(out)
    }

    /// Parses and checks untrusted bytes: the checksum first (a flipped bit
    /// anywhere shows there), then the fields.
    pub fn parse(bytes: &Bytes) -> Result<Packet, PacketError> {
        if bytes.len() < HEADER_LEN {
            return Err(PacketError::TooShort { len: bytes.len() });
        }
        let carried = u16::from_be_bytes([bytes[6], bytes[7]]);
        let mut header = [0u8; HEADER_LEN];
        header.copy_from_slice(&bytes[..HEADER_LEN]);
        header[6] = 0;
        header[7] = 0;
        let computed = checksum_of(&header, &bytes[HEADER_LEN..]);
        if carried != computed {
            return Err(PacketError::Checksum { carried, computed });
        }
        let kind = Kind::from_code(bytes[0]).ok_or(PacketError::UnknownType(bytes[0]))?;
        let flags = bytes[1];
        if flags & !FLAG_END != 0 {
            return Err(PacketError::ReservedFlags(flags));
        }
        let said = usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
        let actual = bytes.len() - HEADER_LEN;
        if said != actual {
            return Err(PacketError::LengthMismatch { said, actual });
        }
        let end = flags & FLAG_END != 0;
        if kind != Kind::Data && (end || actual > 0) {
            return Err(PacketError::ControlWithData);
        }
        Ok(Packet {
            kind,
            end,
            seq: u16::from_be_bytes([bytes[2], bytes[3]]),
            payload: bytes.slice(HEADER_LEN..),
        })
    }
}

/// The Internet checksum of a header (checksum field zero) and its data.
pub fn checksum_of(header: &[u8; HEADER_LEN], payload: &[u8]) -> u16 {
    // The header is four whole 16-bit words, so header and data sum apart.
    !fold(sum_words(header) + sum_words(payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_layout() {
        let p = Packet::data(2, Bytes::from_static(b"Hello"), true);
        let bytes = p.to_bytes();
        assert_eq!(&bytes[..6], &[b'D', 1, 0, 2, 0, 5]);
        assert_eq!(Packet::parse(&bytes), Ok(p));
        let ack = Packet::ack(7).to_bytes();
        assert_eq!(ack.len(), HEADER_LEN);
        assert_eq!(Packet::parse(&ack), Ok(Packet::ack(7)));
    }

    #[test]
    fn every_single_bit_flip_is_caught() {
        let bytes = Packet::data(5, Bytes::from_static(b"abc"), false).to_bytes();
        for bit in 0..bytes.len() * 8 {
            let mut v = bytes.to_vec();
            v[bit / 8] ^= 0x80 >> (bit % 8);
            let err = Packet::parse(&Bytes::from(v)).unwrap_err();
            assert!(matches!(err, PacketError::Checksum { .. }), "bit {bit}");
        }
    }

    #[test]
    fn bad_fields_are_errors() {
        assert_eq!(
            Packet::parse(&Bytes::from_static(b"D\0")),
            Err(PacketError::TooShort { len: 2 })
        );
        let forge = |header: [u8; 8], data: &[u8]| {
            let mut h = header;
            h[6..8].copy_from_slice(&checksum_of(&header, data).to_be_bytes());
            let mut v = h.to_vec();
            v.extend_from_slice(data);
            Packet::parse(&Bytes::from(v))
        };
        assert_eq!(
            forge([b'X', 0, 0, 0, 0, 0, 0, 0], b""),
            Err(PacketError::UnknownType(b'X'))
        );
        assert_eq!(
            forge([b'D', 2, 0, 0, 0, 0, 0, 0], b""),
            Err(PacketError::ReservedFlags(2))
        );
        assert_eq!(
            forge([b'D', 0, 0, 0, 0, 9, 0, 0], b"ab"),
            Err(PacketError::LengthMismatch { said: 9, actual: 2 })
        );
        assert_eq!(
            forge([b'A', 0, 0, 0, 0, 1, 0, 0], b"a"),
            Err(PacketError::ControlWithData)
        );
    }
}
