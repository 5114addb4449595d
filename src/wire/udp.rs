//! The UDP header (RFC 768): a view over a datagram's bytes, checked once so
//! its accessors cannot panic; a datagram parsed from it and emitted into it,
//! checksum included.

use std::net::{IpAddr, SocketAddr};

use bytes::Bytes;

use super::checksum;
use super::ip::IpPayload;
use super::view::{fields, view};
use super::{PROTO_UDP, Part, UDP_HEADER, WireError};

view!(
    /// A UDP datagram's bytes, at least a whole header long.
    UdpPacket,
    UDP_HEADER,
    Part::Udp
);

fields!(UdpPacket {
    src_port / set_src_port: u16 = 0;
    dst_port / set_dst_port: u16 = 2;
    /// The length field: header and data.
    length / set_length: u16 = 4;
    checksum / set_checksum: u16 = 6;
});

impl<T: AsRef<[u8]>> UdpPacket<T> {
    /// Whether the datagram, whole, sums to all ones with its pseudo-header
    /// (or carries no checksum, which UDP over IPv4 allows).
    pub fn verify_checksum(&self, src: IpAddr, dst: IpAddr) -> bool {
        (self.checksum() == 0 && src.is_ipv4())
            || checksum::verify(src, dst, PROTO_UDP, self.buffer.as_ref())
    }
}

impl<'a> UdpPacket<&'a [u8]> {
    /// The data as captured, within a datagram `len` bytes long on the wire.
    /// A length field too small for the header is not believed: the datagram
    /// then ends where the IP packet does.
    pub fn payload(&self, len: usize) -> (&'a [u8], usize) {
        let field = usize::from(self.length());
        let len = if field < UDP_HEADER {
            len
        } else {
            field.min(len)
        };
        let end = len.clamp(UDP_HEADER, self.buffer.len());
        (
            &self.buffer[UDP_HEADER..end],
            len.saturating_sub(UDP_HEADER),
        )
    }
}

/// Writes the header of a datagram carrying `payload` from `src` to `dst`
/// into `header` (8 bytes), with the checksum over it and the payload (which
/// goes after it, wherever the caller puts it). The caller has checked that
/// the datagram fits the 16-bit length.
pub fn emit_header<T: AsRef<[u8]> + AsMut<[u8]>>(
    src: SocketAddr,
    dst: SocketAddr,
    payload: &[u8],
    header: &mut UdpPacket<T>,
) {
    let len = UDP_HEADER + payload.len();
    header.set_src_port(src.port());
    header.set_dst_port(dst.port());
    header.set_length(len as u16);
    header.set_checksum(0);
    let partial = checksum::sum_words(header.buffer.as_ref()) + checksum::sum_words(payload);
    let sum = match checksum::finish(src.ip(), dst.ip(), PROTO_UDP, len as u32, partial) {
        // RFC 768: a computed zero is sent as all ones (zero means "no checksum").
        0 => 0xffff,
        sum => sum,
    };
    header.set_checksum(sum);
}

/// A UDP datagram as captured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UdpFrame {
    pub src: SocketAddr,
    pub dst: SocketAddr,
    pub payload: Bytes,
    pub payload_len: usize,
}

impl UdpFrame {
    /// The UDP datagram an IP packet carries.
    pub fn parse(ip: &IpPayload<'_>) -> Result<UdpFrame, WireError> {
        Self::parse_in(ip, None)
    }

    /// As `parse`, the payload a slice of `owner` when it lies there.
    #[inline]
    pub(crate) fn parse_in(
        ip: &IpPayload<'_>,
        owner: Option<&Bytes>,
    ) -> Result<UdpFrame, WireError> {
        let packet = UdpPacket::new_checked(ip.bytes)?;
        let (payload, payload_len) = packet.payload(ip.len);
        Ok(UdpFrame {
            src: SocketAddr::new(ip.src, packet.src_port()),
            dst: SocketAddr::new(ip.dst, packet.dst_port()),
            payload: super::shared::bytes_of(owner, payload),
            payload_len,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::ip::Fragment;
    use crate::wire::view::{assert_too_short, header_then};

    fn emitted(src: SocketAddr, dst: SocketAddr, payload: &[u8]) -> Vec<u8> {
        header_then(UDP_HEADER, payload, |b| {
            emit_header(src, dst, payload, &mut UdpPacket::new_unchecked(b))
        })
    }

    fn ip<'a>(src: SocketAddr, dst: SocketAddr, bytes: &'a [u8], len: usize) -> IpPayload<'a> {
        IpPayload {
            src: src.ip(),
            dst: dst.ip(),
            protocol: PROTO_UDP,
            bytes,
            len,
            fragment: Fragment::Whole,
        }
    }

    #[test]
    fn a_datagram_round_trips_over_both_versions_with_a_right_checksum() {
        for (src, dst) in [
            ("10.0.0.1:5000", "10.0.0.2:5001"),
            ("[2001:db8::1]:5000", "[2001:db8::2]:5001"),
        ] {
            let (src, dst) = (src.parse().unwrap(), dst.parse().unwrap());
            let bytes = emitted(src, dst, b"ping");
            assert_eq!(&bytes[4..6], &[0, 12]);
            let packet = UdpPacket::new_checked(&bytes[..]).unwrap();
            assert!(packet.verify_checksum(src.ip(), dst.ip()));
            let frame = UdpFrame::parse(&ip(src, dst, &bytes, bytes.len())).unwrap();
            assert_eq!(
                frame,
                UdpFrame {
                    src,
                    dst,
                    payload: Bytes::from_static(b"ping"),
                    payload_len: 4
                }
            );
            let mut flipped = bytes.clone();
            flipped[9] ^= 0x04;
            let packet = UdpPacket::new_checked(&flipped[..]).unwrap();
            assert!(!packet.verify_checksum(src.ip(), dst.ip()));
        }
    }

    #[test]
    fn a_checksum_summing_to_zero_is_sent_as_all_ones() {
        let src: SocketAddr = "10.0.0.1:0".parse().unwrap();
        let dst: SocketAddr = "10.0.0.2:0".parse().unwrap();
        // Choose two payload bytes that bring the checksum to zero.
        let zero_at = (0..=u16::MAX)
            .find(|w| {
                let mut bytes = vec![0u8; UDP_HEADER];
                bytes.extend_from_slice(&w.to_be_bytes());
                let mut plain = bytes.clone();
                plain[4..6].copy_from_slice(&10u16.to_be_bytes());
                checksum::transport_checksum(src.ip(), dst.ip(), PROTO_UDP, &plain) == 0
            })
            .unwrap();
        let bytes = emitted(src, dst, &zero_at.to_be_bytes());
        assert_eq!(
            UdpPacket::new_checked(&bytes[..]).unwrap().checksum(),
            0xffff
        );
    }

    #[test]
    fn every_truncation_is_rejected_or_a_shorter_payload() {
        let src = "10.0.0.1:5000".parse().unwrap();
        let dst = "10.0.0.2:5001".parse().unwrap();
        let bytes = emitted(src, dst, b"ping");
        assert_too_short(&bytes, 0..UDP_HEADER, Part::Udp, |b| {
            UdpPacket::new_checked(b).err()
        });
        for cut in UDP_HEADER..bytes.len() {
            let frame = UdpFrame::parse(&ip(src, dst, &bytes[..cut], bytes.len())).unwrap();
            assert_eq!(frame.payload, &b"ping"[..cut - UDP_HEADER]);
            assert_eq!(frame.payload_len, 4);
        }
    }

    #[test]
    fn the_length_field_bounds_the_payload_unless_it_cannot_be_right() {
        let src = "10.0.0.1:5000".parse().unwrap();
        let dst = "10.0.0.2:5001".parse().unwrap();
        let mut bytes = emitted(src, dst, b"ping");
        bytes[5] = 10;
        let frame = UdpFrame::parse(&ip(src, dst, &bytes, bytes.len())).unwrap();
        assert_eq!((&frame.payload[..], frame.payload_len), (&b"pi"[..], 2));
        bytes[5] = 3;
        let frame = UdpFrame::parse(&ip(src, dst, &bytes, bytes.len())).unwrap();
        assert_eq!((&frame.payload[..], frame.payload_len), (&b"ping"[..], 4));
    }
}
