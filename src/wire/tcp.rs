//! The TCP header (RFC 9293 §3.1): a view over a segment's bytes, checked once
//! so its accessors cannot panic; a `Segment` parsed from it and emitted into
//! it, options and checksum included.

use std::net::{IpAddr, SocketAddr};

use bytes::Bytes;

use crate::tcp::{Flags, Segment, SeqNumber};

use super::checksum;
use super::error::too_short;
use super::ip::IpPayload;
use super::view::{fields, view};
use super::{PROTO_TCP, Part, TCP_HEADER, WireError, options};

/// The data offset's byte: its high four bits, read and written by hand.
const DATA_OFFSET: usize = 12;

view!(
    /// A TCP segment's bytes: a whole header, options included (the payload
    /// may be cut short).
    TcpPacket,
    TCP_HEADER,
    Part::Tcp,
    then checked_offset
);

fields!(TcpPacket {
    src_port / set_src_port: u16 = 0;
    dst_port / set_dst_port: u16 = 2;
    seq_number / set_seq_number: SeqNumber = 4;
    ack_number / set_ack_number: SeqNumber = 8;
    flags / set_flags: Flags = 13;
    window / set_window: u16 = 14;
    checksum / set_checksum: u16 = 16;
    urgent / set_urgent: u16 = 18;
});

impl<T: AsRef<[u8]>> TcpPacket<T> {
    /// The check past the fixed header's length, for `new_checked`.
    fn checked_offset(self) -> Result<Self, WireError> {
        let offset = self.header_len();
        if offset < TCP_HEADER {
            return Err(WireError::BadDataOffset(offset));
        }
        if offset > self.buffer.as_ref().len() {
            return Err(too_short(Part::TcpOptions, self.buffer.as_ref()));
        }
        Ok(self)
    }

    /// The data offset, in bytes.
    pub fn header_len(&self) -> usize {
        usize::from(self.buffer.as_ref()[DATA_OFFSET] >> 4) * 4
    }

    /// Whether the segment, whole, sums to all ones with its pseudo-header.
    pub fn verify_checksum(&self, src: IpAddr, dst: IpAddr) -> bool {
        checksum::verify(src, dst, PROTO_TCP, self.buffer.as_ref())
    }
}

impl<'a> TcpPacket<&'a [u8]> {
    /// The header, options included.
    pub fn header(&self) -> &'a [u8] {
        &self.buffer[..self.header_len()]
    }

    pub fn options(&self) -> &'a [u8] {
        &self.buffer[TCP_HEADER..self.header_len()]
    }

    pub fn payload(&self) -> &'a [u8] {
        &self.buffer[self.header_len()..]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> TcpPacket<T> {
    /// The data offset (a multiple of 4, 20 to 60), the reserved bits zero.
    pub fn set_header_len(&mut self, len: usize) {
        self.buffer.as_mut()[DATA_OFFSET] = ((len / 4) as u8) << 4;
    }

    /// The option bytes, as long as the data offset now says.
    pub fn options_mut(&mut self) -> &mut [u8] {
        let end = self.header_len();
        &mut self.buffer.as_mut()[TCP_HEADER..end]
    }
}

/// The bytes `seg`'s header takes, options included; options that do not fit
/// in a header are an error.
pub fn header_len(seg: &Segment) -> Result<usize, WireError> {
    Ok(TCP_HEADER + options::emitted_len(&seg.options)?)
}

/// Writes `seg`'s header into `header`, which is exactly `header_len(seg)`
/// bytes, with the checksum over it and `seg.payload` (which goes after it,
/// wherever the caller puts it).
pub fn emit_header<T: AsRef<[u8]> + AsMut<[u8]>>(seg: &Segment, header: &mut TcpPacket<T>) {
    let len = header.buffer.as_ref().len();
    header.set_src_port(seg.src.port());
    header.set_dst_port(seg.dst.port());
    header.set_seq_number(seg.seq);
    header.set_ack_number(seg.ack);
    header.set_header_len(len);
    header.set_flags(seg.flags);
    header.set_window(seg.window);
    header.set_checksum(0);
    header.set_urgent(seg.urgent);
    options::emit(&seg.options, header.options_mut());
    // A header is whole 32-bit words, so header and payload sum separately;
    // the zeros of an uncaptured tail add nothing to the sum.
    let partial = checksum::sum_words(header.buffer.as_ref()) + checksum::sum_words(&seg.payload);
    let sum = checksum::finish(
        seg.src.ip(),
        seg.dst.ip(),
        PROTO_TCP,
        (len + seg.payload_len()) as u32,
        partial,
    );
    header.set_checksum(sum);
}

/// The segment in `packet`, sent from `src` to `dst`; its payload holds the
/// bytes there are.
#[inline]
pub fn parse_segment(
    src: IpAddr,
    dst: IpAddr,
    packet: &TcpPacket<&[u8]>,
) -> Result<Segment, WireError> {
    parse_segment_in(src, dst, packet, None)
}

/// As `parse_segment`, the payload a slice of `owner` when it lies there.
#[inline]
fn parse_segment_in(
    src: IpAddr,
    dst: IpAddr,
    packet: &TcpPacket<&[u8]>,
    owner: Option<&Bytes>,
) -> Result<Segment, WireError> {
    Ok(Segment {
        src: SocketAddr::new(src, packet.src_port()),
        dst: SocketAddr::new(dst, packet.dst_port()),
        seq: packet.seq_number(),
        ack: packet.ack_number(),
        flags: packet.flags(),
        window: packet.window(),
        urgent: packet.urgent(),
        options: options::parse(packet.options())?,
        payload: super::shared::bytes_of(owner, packet.payload()),
        uncaptured: 0,
    })
}

/// A TCP segment as captured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcpFrame {
    /// The payload holds only the bytes captured (see `payload_len`).
    pub segment: Segment,
    /// The payload's real length, from the IP header.
    pub payload_len: usize,
    /// The TCP header as captured, options included (bounded by the data
    /// offset: at most 60 bytes).
    pub header: Bytes,
    /// Whether the TCP checksum is right; `None` when the payload was cut short by
    /// the capture (it cannot be checked). Checksums of segments a host sent are
    /// often wrong in its own captures: the network card computes them later.
    pub checksum_ok: Option<bool>,
}

impl TcpFrame {
    /// The TCP segment an IP packet carries; a header longer than the
    /// segment the IP header describes is an error.
    #[inline]
    pub fn parse(ip: &IpPayload<'_>) -> Result<TcpFrame, WireError> {
        Self::parse_in(ip, None)
    }

    /// As `parse`, the payload and header slices of `owner` when they lie there.
    #[inline]
    pub(crate) fn parse_in(
        ip: &IpPayload<'_>,
        owner: Option<&Bytes>,
    ) -> Result<TcpFrame, WireError> {
        let packet = TcpPacket::new_checked(ip.bytes)?;
        let offset = packet.header_len();
        if offset > ip.len {
            return Err(WireError::BadIpTotalLength {
                total: ip.len,
                header: offset,
            });
        }
        let segment = parse_segment_in(ip.src, ip.dst, &packet, owner)?;
        let complete = ip.bytes.len() == ip.len;
        Ok(TcpFrame {
            segment,
            payload_len: ip.len - offset,
            header: super::shared::bytes_of(owner, packet.header()),
            checksum_ok: complete.then(|| packet.verify_checksum(ip.src, ip.dst)),
        })
    }
}

/// A SYN-ACK with every option a SYN carries, its sequence number about to
/// wrap, and a payload: what the codec tests send.
#[cfg(test)]
pub(crate) fn sample_segment(src: &str, dst: &str) -> Segment {
    use crate::tcp::{TcpOptions, Timestamps};
    let mut seg = Segment::new(
        src.parse().unwrap(),
        dst.parse().unwrap(),
        SeqNumber(u32::MAX - 2),
        Flags::SYN | Flags::ACK,
    );
    seg.ack = SeqNumber(101);
    seg.window = 65535;
    seg.urgent = 3;
    seg.options = TcpOptions {
        mss: Some(1460),
        window_scale: Some(7),
        sack_permitted: true,
        timestamps: Some(Timestamps {
            value: 7,
            echo_reply: 9,
        }),
        sack: Vec::new(),
    };
    seg.payload = Bytes::from_static(b"Hello, world");
    seg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tcp::SackBlock;
    use crate::wire::ip::Fragment;
    use crate::wire::view::{assert_too_short, header_then};

    fn emitted(seg: &Segment) -> Vec<u8> {
        header_then(header_len(seg).unwrap(), &seg.payload, |b| {
            emit_header(seg, &mut TcpPacket::new_unchecked(b))
        })
    }

    #[test]
    fn a_segment_round_trips() {
        let seg = sample_segment("10.0.0.1:49152", "10.0.0.2:80");
        let bytes = emitted(&seg);
        assert_eq!(bytes.len(), 20 + 20 + 12);
        assert_eq!(bytes[12], 0xa0, "data offset 10 words");
        let packet = TcpPacket::new_checked(&bytes[..]).unwrap();
        assert_eq!(
            parse_segment(seg.src.ip(), seg.dst.ip(), &packet).unwrap(),
            seg
        );
        assert_eq!(packet.payload(), b"Hello, world");
    }

    #[test]
    fn the_checksum_verifies_and_catches_a_flipped_bit() {
        let seg = sample_segment("10.0.0.1:49152", "10.0.0.2:80");
        let mut bytes = emitted(&seg);
        let (src, dst) = (seg.src.ip(), seg.dst.ip());
        assert!(
            TcpPacket::new_checked(&bytes[..])
                .unwrap()
                .verify_checksum(src, dst)
        );
        let mut whole = bytes.clone();
        whole[16..18].fill(0);
        let expected = checksum::transport_checksum(src, dst, PROTO_TCP, &whole);
        assert_eq!(
            TcpPacket::new_checked(&bytes[..]).unwrap().checksum(),
            expected
        );
        let last = bytes.len() - 1;
        bytes[last] ^= 0x01;
        assert!(
            !TcpPacket::new_checked(&bytes[..])
                .unwrap()
                .verify_checksum(src, dst)
        );
    }

    #[test]
    fn every_truncation_of_the_header_is_rejected() {
        let bytes = emitted(&sample_segment("10.0.0.1:49152", "10.0.0.2:80"));
        let read = |b: &[u8]| TcpPacket::new_checked(b).err();
        assert_too_short(&bytes, 0..TCP_HEADER, Part::Tcp, read);
        assert_too_short(&bytes, TCP_HEADER..40, Part::TcpOptions, read);
        let cut = TcpPacket::new_checked(&bytes[..45]).unwrap();
        assert_eq!(cut.payload(), b"Hello");
    }

    #[test]
    fn a_data_offset_below_twenty_bytes_is_an_error() {
        let mut bytes = emitted(&sample_segment("10.0.0.1:49152", "10.0.0.2:80"));
        bytes[12] = 0x40;
        assert_eq!(
            TcpPacket::new_checked(&bytes[..]).err(),
            Some(WireError::BadDataOffset(16))
        );
    }

    #[test]
    fn a_header_longer_than_the_ip_packet_says_is_an_error() {
        let bytes = emitted(&sample_segment("10.0.0.1:49152", "10.0.0.2:80"));
        let ip = IpPayload {
            src: "10.0.0.1".parse().unwrap(),
            dst: "10.0.0.2".parse().unwrap(),
            protocol: PROTO_TCP,
            bytes: &bytes,
            len: 30,
            fragment: Fragment::Whole,
        };
        assert_eq!(
            TcpFrame::parse(&ip),
            Err(WireError::BadIpTotalLength {
                total: 30,
                header: 40
            })
        );
    }

    #[test]
    fn options_that_do_not_fit_are_refused() {
        let mut seg = sample_segment("10.0.0.1:49152", "10.0.0.2:80");
        let block = SackBlock {
            left: SeqNumber(1),
            right: SeqNumber(2),
        };
        seg.options.sack = vec![block; 3];
        assert_eq!(header_len(&seg), Err(WireError::OptionsTooLong));
    }
}
