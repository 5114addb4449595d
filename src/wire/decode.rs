//! Parsing captured frames into values. Every length is checked before it is
//! used, so no byte sequence can make this panic; truncated payloads (a small
//! snap length) are fine and reported, as real captures often have them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use bytes::Bytes;

use crate::tcp::{Flags, Segment, SeqNumber};

use super::Part;
use super::checksum::{fold, sum_words};
use super::{
    IPV4_HEADER, IPV6_HEADER, PROTO_TCP, PROTO_UDP, TCP_HEADER, UDP_HEADER, WireError, options,
};

/// The link layers captures come with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkType {
    /// Ethernet II (pcap link type 1), optionally with one VLAN tag.
    Ethernet,
    /// BSD loopback: a 4-byte address family in the capturing host's byte order (0).
    Null,
    /// OpenBSD loopback: the same in network byte order (108).
    Loop,
    /// Raw IP, version from the first nibble (101, 228, 229).
    RawIp,
    /// Linux cooked capture v1 (113): a 16-byte pseudo-header.
    LinuxSll,
    /// Linux cooked capture v2 (276): a 20-byte pseudo-header.
    LinuxSll2,
}

impl LinkType {
    /// From a pcap/pcapng LINKTYPE_ value.
    pub fn from_linktype(value: u32) -> Option<LinkType> {
        match value {
            1 => Some(LinkType::Ethernet),
            0 => Some(LinkType::Null),
            108 => Some(LinkType::Loop),
            12 | 14 | 101 | 228 | 229 => Some(LinkType::RawIp),
            113 => Some(LinkType::LinuxSll),
            276 => Some(LinkType::LinuxSll2),
            _ => None,
        }
    }
}

/// A parsed frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Packet {
    Tcp(TcpFrame),
    Udp(UdpFrame),
    /// Not TCP or UDP over IP (ARP, ICMP, a fragment...): named, not parsed.
    Other(&'static str),
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

/// A UDP datagram as captured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UdpFrame {
    pub src: SocketAddr,
    pub dst: SocketAddr,
    pub payload: Bytes,
    pub payload_len: usize,
}

/// Parses one captured frame of the given link type.
pub fn decode_frame(link: LinkType, frame: &[u8]) -> Result<Packet, WireError> {
    let ip = match link {
        LinkType::Ethernet => {
            let mut at = 12;
            let mut ethertype = read_u16(frame, at).ok_or(short(Part::Ethernet, frame))?;
            // One 802.1Q / 802.1ad tag.
            if ethertype == 0x8100 || ethertype == 0x88a8 {
                at += 4;
                ethertype = read_u16(frame, at).ok_or(short(Part::Vlan, frame))?;
            }
            match ethertype {
                0x0800 | 0x86dd => &frame[at + 2..],
                0x0806 => return Ok(Packet::Other("ARP")),
                _ => return Ok(Packet::Other("non-IP")),
            }
        }
        LinkType::Null | LinkType::Loop => frame.get(4..).ok_or(short(Part::Loopback, frame))?,
        LinkType::RawIp => frame,
        LinkType::LinuxSll => {
            let proto = read_u16(frame, 14).ok_or(short(Part::LinuxCooked, frame))?;
            if proto != 0x0800 && proto != 0x86dd {
                return Ok(Packet::Other("non-IP"));
            }
            &frame[16..]
        }
        LinkType::LinuxSll2 => {
            let proto = read_u16(frame, 0).ok_or(short(Part::LinuxCooked, frame))?;
            if frame.len() < 20 {
                return Err(short(Part::LinuxCooked, frame));
            }
            if proto != 0x0800 && proto != 0x86dd {
                return Ok(Packet::Other("non-IP"));
            }
            &frame[20..]
        }
    };
    decode_ip(ip)
}

/// Parses an IP packet (v4 or v6, from its first nibble).
pub fn decode_ip(bytes: &[u8]) -> Result<Packet, WireError> {
    let first = *bytes.first().ok_or(short(Part::Ip, bytes))?;
    let (src, dst, protocol, l4, l4_len) = match first >> 4 {
        4 => {
            if bytes.len() < IPV4_HEADER {
                return Err(short(Part::Ipv4, bytes));
            }
            let ihl = usize::from(first & 0x0f) * 4;
            if ihl < IPV4_HEADER {
                return Err(WireError::BadIpHeaderLength(ihl));
            }
            if ihl > bytes.len() {
                return Err(short(Part::Ipv4Options, bytes));
            }
            let total = usize::from(u16::from_be_bytes([bytes[2], bytes[3]]));
            // Zero appears in captures of TSO segments: trust the captured size.
            let total = if total == 0 { bytes.len() } else { total };
            if total < ihl {
                return Err(WireError::BadIpTotalLength { total, header: ihl });
            }
            let frag = u16::from_be_bytes([bytes[6], bytes[7]]);
            if frag & 0x3fff != 0 {
                return Ok(Packet::Other("IPv4 fragment"));
            }
            let src = IpAddr::V4(Ipv4Addr::new(bytes[12], bytes[13], bytes[14], bytes[15]));
            let dst = IpAddr::V4(Ipv4Addr::new(bytes[16], bytes[17], bytes[18], bytes[19]));
            let end = total.min(bytes.len());
            (src, dst, bytes[9], &bytes[ihl..end], total - ihl)
        }
        6 => {
            if bytes.len() < IPV6_HEADER {
                return Err(short(Part::Ipv6, bytes));
            }
            let payload = usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
            let src = IpAddr::V6(ipv6(&bytes[8..24]));
            let dst = IpAddr::V6(ipv6(&bytes[24..40]));
            let mut next = bytes[6];
            let mut at = IPV6_HEADER;
            let end = (IPV6_HEADER + payload).min(bytes.len());
            // Hop-by-hop, routing and destination options headers are skipped.
            while matches!(next, 0 | 43 | 60) {
                let hdr = bytes
                    .get(at..at + 2)
                    .ok_or(short(Part::Ipv6Extension, bytes))?;
                next = hdr[0];
                at += (usize::from(hdr[1]) + 1) * 8;
            }
            if next == 44 {
                return Ok(Packet::Other("IPv6 fragment"));
            }
            if at > end {
                return Err(short(Part::Ipv6Extensions, bytes));
            }
            let l4_len = (IPV6_HEADER + payload).saturating_sub(at);
            (src, dst, next, &bytes[at..end], l4_len)
        }
        v => return Err(WireError::BadIpVersion(v)),
    };
    match protocol {
        PROTO_TCP => decode_tcp(src, dst, l4, l4_len).map(Packet::Tcp),
        PROTO_UDP => decode_udp(src, dst, l4, l4_len).map(Packet::Udp),
        1 | 58 => Ok(Packet::Other("ICMP")),
        _ => Ok(Packet::Other("other IP protocol")),
    }
}

fn decode_tcp(src: IpAddr, dst: IpAddr, l4: &[u8], l4_len: usize) -> Result<TcpFrame, WireError> {
    if l4.len() < TCP_HEADER {
        return Err(short(Part::Tcp, l4));
    }
    let offset = usize::from(l4[12] >> 4) * 4;
    if offset < TCP_HEADER {
        return Err(WireError::BadDataOffset(offset));
    }
    if offset > l4.len() {
        return Err(short(Part::TcpOptions, l4));
    }
    if offset > l4_len {
        return Err(WireError::BadIpTotalLength {
            total: l4_len,
            header: offset,
        });
    }
    let options = options::decode(&l4[TCP_HEADER..offset])?;
    let port = |at: usize| u16::from_be_bytes([l4[at], l4[at + 1]]);
    let word = |at: usize| u32::from_be_bytes([l4[at], l4[at + 1], l4[at + 2], l4[at + 3]]);
    let segment = Segment {
        src: SocketAddr::new(src, port(0)),
        dst: SocketAddr::new(dst, port(2)),
        seq: SeqNumber(word(4)),
        ack: SeqNumber(word(8)),
        flags: Flags(l4[13]),
        window: port(14),
        urgent: port(18),
        options,
        payload: Bytes::copy_from_slice(&l4[offset..]),
    };
    let complete = l4.len() == l4_len;
    let checksum_ok = complete.then(|| verify(src, dst, PROTO_TCP, l4));
    Ok(TcpFrame {
        segment,
        payload_len: l4_len - offset,
        header: Bytes::copy_from_slice(&l4[..offset]),
        checksum_ok,
    })
}

fn decode_udp(src: IpAddr, dst: IpAddr, l4: &[u8], l4_len: usize) -> Result<UdpFrame, WireError> {
    if l4.len() < UDP_HEADER {
        return Err(short(Part::Udp, l4));
    }
    let length = usize::from(u16::from_be_bytes([l4[4], l4[5]]));
    let length = if length < UDP_HEADER {
        l4_len
    } else {
        length.min(l4_len)
    };
    let captured_end = length.min(l4.len());
    Ok(UdpFrame {
        src: SocketAddr::new(src, u16::from_be_bytes([l4[0], l4[1]])),
        dst: SocketAddr::new(dst, u16::from_be_bytes([l4[2], l4[3]])),
        payload: Bytes::copy_from_slice(&l4[UDP_HEADER..captured_end.max(UDP_HEADER)]),
        payload_len: length - UDP_HEADER,
    })
}

/// A segment whose checksum is right sums (with the pseudo-header) to all ones.
fn verify(src: IpAddr, dst: IpAddr, protocol: u8, l4: &[u8]) -> bool {
    let pseudo = super::checksum::pseudo_header(src, dst, protocol, l4.len() as u32);
    fold(sum_words(&pseudo) + sum_words(l4)) == 0xffff
}

fn ipv6(b: &[u8]) -> Ipv6Addr {
    let mut o = [0u8; 16];
    o.copy_from_slice(&b[..16]);
    Ipv6Addr::from(o)
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn short(what: Part, bytes: &[u8]) -> WireError {
    WireError::TooShort {
        what,
        len: bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tcp::{TcpOptions, Timestamps};
    use crate::wire::FrameEncoder;

    fn segment(src: &str, dst: &str) -> Segment {
        let mut seg = Segment::new(
            src.parse().unwrap(),
            dst.parse().unwrap(),
            SeqNumber(u32::MAX - 2),
            Flags::SYN | Flags::ACK,
        );
        seg.ack = SeqNumber(101);
        seg.window = 65535;
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

    #[test]
    fn tcp_round_trips_over_ipv4_and_ipv6() {
        for (src, dst) in [
            ("10.0.0.1:49152", "10.0.0.2:80"),
            ("[2001:db8::1]:49152", "[2001:db8::2]:80"),
        ] {
            let seg = segment(src, dst);
            let mut enc = FrameEncoder::new();
            let frame = enc.tcp(&seg, 7).unwrap().to_vec();
            let Packet::Tcp(parsed) = decode_frame(LinkType::Ethernet, &frame).unwrap() else {
                panic!("not TCP")
            };
            assert_eq!(parsed.segment, seg);
            assert_eq!(parsed.payload_len, 12);
            assert_eq!(parsed.checksum_ok, Some(true));
        }
    }

    #[test]
    fn udp_round_trips() {
        let src = "10.0.0.1:5000".parse().unwrap();
        let dst = "10.0.0.2:5001".parse().unwrap();
        let mut enc = FrameEncoder::new();
        let frame = enc.udp(src, dst, b"ping", 1).unwrap().to_vec();
        let Packet::Udp(udp) = decode_frame(LinkType::Ethernet, &frame).unwrap() else {
            panic!("not UDP")
        };
        assert_eq!(
            (udp.src, udp.dst, &udp.payload[..]),
            (src, dst, &b"ping"[..])
        );
    }

    #[test]
    fn every_truncation_is_an_error_or_a_shorter_payload_never_a_panic() {
        let seg = segment("10.0.0.1:49152", "10.0.0.2:80");
        let mut enc = FrameEncoder::new();
        let frame = enc.tcp(&seg, 7).unwrap().to_vec();
        for cut in 0..frame.len() {
            match decode_frame(LinkType::Ethernet, &frame[..cut]) {
                Ok(Packet::Tcp(t)) => {
                    assert_eq!(t.payload_len, 12);
                    assert!(t.segment.payload.len() < 12);
                    assert_eq!(t.checksum_ok, None);
                }
                Ok(other) => panic!("unexpected {other:?}"),
                Err(_) => {}
            }
        }
    }

    #[test]
    fn a_flipped_bit_fails_the_checksum() {
        let seg = segment("10.0.0.1:49152", "10.0.0.2:80");
        let mut enc = FrameEncoder::new();
        let mut frame = enc.tcp(&seg, 7).unwrap().to_vec();
        let last = frame.len() - 1;
        frame[last] ^= 0x01;
        let Ok(Packet::Tcp(t)) = decode_frame(LinkType::Ethernet, &frame) else {
            panic!()
        };
        assert_eq!(t.checksum_ok, Some(false));
    }

    #[test]
    fn inconsistent_headers_are_errors() {
        let seg = segment("10.0.0.1:49152", "10.0.0.2:80");
        let mut enc = FrameEncoder::new();
        let frame = enc.tcp(&seg, 7).unwrap().to_vec();
        let mut bad_ihl = frame.clone();
        bad_ihl[14] = 0x43;
        assert_eq!(
            decode_frame(LinkType::Ethernet, &bad_ihl),
            Err(WireError::BadIpHeaderLength(12))
        );
        let mut bad_offset = frame.clone();
        bad_offset[14 + 20 + 12] = 0x20;
        assert_eq!(
            decode_frame(LinkType::Ethernet, &bad_offset),
            Err(WireError::BadDataOffset(8))
        );
        let mut bad_version = frame;
        bad_version[14] = 0x55;
        assert_eq!(
            decode_frame(LinkType::Ethernet, &bad_version),
            Err(WireError::BadIpVersion(5))
        );
    }
}
