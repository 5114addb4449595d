//! Whole frames: the header codecs stacked, Ethernet to TCP or UDP, in both
//! directions. Parsing a captured frame into values never panics; building
//! one reuses a buffer, so writing a million frames does not allocate a
//! million times.

use std::net::{IpAddr, SocketAddr};

use bytes::Bytes;

use crate::tcp::Segment;

use super::ethernet::{ETHERTYPE_IPV4, ETHERTYPE_IPV6, EthernetFrame, EthernetRepr};
use super::ip::{Fragment, IpPayload};
use super::ipv4::{self, Ipv4Packet, Ipv4Repr};
use super::ipv6::{Ipv6Packet, Ipv6Repr};
use super::link::{Carried, LinkType};
use super::tcp::{self, TcpFrame, TcpPacket};
use super::udp::{self, UdpFrame, UdpPacket};
use super::{
    ETHERNET_HEADER, IPV4_HEADER, IPV6_HEADER, PROTO_TCP, PROTO_UDP, UDP_HEADER, WireError,
};

/// What synack's frames say of their hops: Linux's default.
const TTL: u8 = 64;

/// A parsed frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Packet {
    Tcp(TcpFrame),
    Udp(UdpFrame),
    /// Not TCP or UDP over IP (ARP, ICMP, a fragment...): named, not parsed.
    Other(&'static str),
}

/// Parses one captured frame of the given link type.
#[inline]
pub fn decode_frame(link: LinkType, frame: &[u8]) -> Result<Packet, WireError> {
    decode_in(link, frame, None)
}

/// Parses one captured frame that lies in `owner`, its payload and header
/// kept as slices of `owner` rather than copies (see `shared.rs`).
#[inline]
pub fn decode_shared(link: LinkType, frame: &[u8], owner: &Bytes) -> Result<Packet, WireError> {
    decode_in(link, frame, Some(owner))
}

#[inline]
fn decode_in(link: LinkType, frame: &[u8], owner: Option<&Bytes>) -> Result<Packet, WireError> {
    match link.payload(frame)? {
        Carried::Ip(ip) => decode_ip_in(ip, owner),
        Carried::Other(what) => Ok(Packet::Other(what)),
    }
}

/// Parses an IP packet (v4 or v6, from its first nibble). Inlined, as the
/// parsers below it are, so the large packet value is built in place rather
/// than moved from frame to frame of the call stack for every packet.
#[inline]
pub fn decode_ip(bytes: &[u8]) -> Result<Packet, WireError> {
    decode_ip_in(bytes, None)
}

#[inline]
fn decode_ip_in(bytes: &[u8], owner: Option<&Bytes>) -> Result<Packet, WireError> {
    let ip = IpPayload::parse(bytes)?;
    if ip.fragment != Fragment::Whole {
        let what = if ip.src.is_ipv4() {
            "IPv4 fragment"
        } else {
            "IPv6 fragment"
        };
        return Ok(Packet::Other(what));
    }
    match ip.protocol {
        PROTO_TCP => TcpFrame::parse_in(&ip, owner).map(Packet::Tcp),
        PROTO_UDP => UdpFrame::parse_in(&ip, owner).map(Packet::Udp),
        1 | 58 => Ok(Packet::Other("ICMP")),
        _ => Ok(Packet::Other("other IP protocol")),
    }
}

/// The source and destination ports of a TCP or UDP frame (a first fragment
/// included), read without copying a byte: what a capture filters on.
pub fn ports(link: LinkType, frame: &[u8]) -> Option<(u16, u16)> {
    let Ok(Carried::Ip(bytes)) = link.payload(frame) else {
        return None;
    };
    let ip = IpPayload::parse(bytes).ok()?;
    match (ip.protocol, ip.fragment) {
        (_, Fragment::Rest) => None,
        (PROTO_TCP, _) => {
            let tcp = TcpPacket::new_checked(ip.bytes).ok()?;
            Some((tcp.src_port(), tcp.dst_port()))
        }
        (PROTO_UDP, _) => {
            let udp = UdpPacket::new_checked(ip.bytes).ok()?;
            Some((udp.src_port(), udp.dst_port()))
        }
        _ => None,
    }
}

/// A made-up but stable MAC address for an IP address (locally administered,
/// `02:00:` and the last four address bytes), so captures are identical run to run.
pub fn mac_for(ip: IpAddr) -> [u8; 6] {
    let tail = match ip {
        IpAddr::V4(a) => a.octets(),
        IpAddr::V6(a) => {
            let o = a.octets();
            [o[12], o[13], o[14], o[15]]
        }
    };
    [0x02, 0x00, tail[0], tail[1], tail[2], tail[3]]
}

/// Builds frames into one buffer it reuses.
#[derive(Debug, Default)]
pub struct FrameEncoder {
    buf: Vec<u8>,
}

impl FrameEncoder {
    pub fn new() -> Self {
        FrameEncoder {
            buf: Vec::with_capacity(2048),
        }
    }

    /// The frame carrying `seg`; `ip_id` is the IPv4 identification field.
    pub fn tcp(&mut self, seg: &Segment, ip_id: u16) -> Result<&[u8], WireError> {
        let route = Route::between(seg.src, seg.dst)?;
        let header = tcp::header_len(seg)?;
        let l4 = self.start(
            seg.src,
            seg.dst,
            &route,
            PROTO_TCP,
            header + seg.payload_len(),
            ip_id,
        )?;
        self.buf.resize(l4 + header, 0);
        tcp::emit_header(seg, &mut TcpPacket::new_unchecked(&mut self.buf[l4..]));
        self.buf.extend_from_slice(&seg.payload);
        let end = self.buf.len() + seg.uncaptured as usize;
        self.buf.resize(end, 0);
        Ok(&self.buf)
    }

    /// The frame carrying a UDP datagram.
    pub fn udp(
        &mut self,
        src: SocketAddr,
        dst: SocketAddr,
        payload: &[u8],
        ip_id: u16,
    ) -> Result<&[u8], WireError> {
        let route = Route::between(src, dst)?;
        let l4 = self.start(
            src,
            dst,
            &route,
            PROTO_UDP,
            UDP_HEADER + payload.len(),
            ip_id,
        )?;
        self.buf.resize(l4 + UDP_HEADER, 0);
        udp::emit_header(
            src,
            dst,
            payload,
            &mut UdpPacket::new_unchecked(&mut self.buf[l4..]),
        );
        self.buf.extend_from_slice(payload);
        Ok(&self.buf)
    }

    /// Starts the buffer with the Ethernet and IP headers of a packet carrying
    /// `l4_len` bytes of `protocol`; returns where the transport header goes.
    fn start(
        &mut self,
        src: SocketAddr,
        dst: SocketAddr,
        route: &Route,
        protocol: u8,
        l4_len: usize,
        ip_id: u16,
    ) -> Result<usize, WireError> {
        route.fits(l4_len)?;
        let l4 = ETHERNET_HEADER + route.ip_header;
        self.buf.clear();
        self.buf.resize(l4, 0);
        EthernetRepr {
            dst: mac_for(dst.ip()),
            src: mac_for(src.ip()),
            ethertype: route.ethertype,
        }
        .emit(&mut EthernetFrame::new_unchecked(&mut self.buf[..]));
        let ip = &mut self.buf[ETHERNET_HEADER..];
        match (src.ip(), dst.ip()) {
            (IpAddr::V4(src), IpAddr::V4(dst)) => Ipv4Repr {
                src,
                dst,
                protocol,
                payload_len: l4_len,
                ident: ip_id,
                ttl: TTL,
                // As TCP stacks set it, for path MTU discovery.
                dont_fragment: true,
            }
            .emit(&mut Ipv4Packet::new_unchecked(ip)),
            (IpAddr::V6(src), IpAddr::V6(dst)) => Ipv6Repr {
                src,
                dst,
                next_header: protocol,
                payload_len: l4_len,
                hop_limit: TTL,
            }
            .emit(&mut Ipv6Packet::new_unchecked(ip)),
            _ => return Err(WireError::MixedFamilies),
        }
        Ok(l4)
    }
}

/// The TCP header of `seg` exactly as it goes on the wire (options included),
/// with its real checksum: what the `--bits` view draws. A segment that could
/// not go in a frame is refused the same way.
pub fn tcp_header_bytes(seg: &Segment) -> Result<Vec<u8>, WireError> {
    let route = Route::between(seg.src, seg.dst)?;
    let mut header = vec![0u8; tcp::header_len(seg)?];
    route.fits(header.len() + seg.payload.len())?;
    tcp::emit_header(seg, &mut TcpPacket::new_unchecked(&mut header[..]));
    Ok(header)
}

/// The IP version a packet between two addresses takes.
struct Route {
    ip_header: usize,
    ethertype: u16,
}

impl Route {
    fn between(src: SocketAddr, dst: SocketAddr) -> Result<Route, WireError> {
        match (src.ip(), dst.ip()) {
            (IpAddr::V4(_), IpAddr::V4(_)) => Ok(Route {
                ip_header: IPV4_HEADER,
                ethertype: ETHERTYPE_IPV4,
            }),
            (IpAddr::V6(_), IpAddr::V6(_)) => Ok(Route {
                ip_header: IPV6_HEADER,
                ethertype: ETHERTYPE_IPV6,
            }),
            _ => Err(WireError::MixedFamilies),
        }
    }

    /// Whether `l4_len` bytes fit the IP header's 16-bit length (IPv4 counts
    /// its header in it, IPv6 does not).
    fn fits(&self, l4_len: usize) -> Result<(), WireError> {
        let limit = if self.ip_header == IPV4_HEADER {
            ipv4::MAX_TOTAL_LEN - IPV4_HEADER
        } else {
            usize::from(u16::MAX)
        };
        if l4_len > limit {
            return Err(WireError::TooLarge);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::wire::tcp::sample_segment as segment;

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
            assert_eq!(ports(LinkType::Ethernet, &frame), Some((49152, 80)));
        }
    }

    #[test]
    fn the_frame_headers_are_what_a_linux_stack_sends() {
        let seg = segment("10.0.0.1:49152", "10.0.0.2:80");
        let mut enc = FrameEncoder::new();
        let frame = enc.tcp(&seg, 7).unwrap();
        assert_eq!(&frame[..14], &[2, 0, 10, 0, 0, 2, 2, 0, 10, 0, 0, 1, 8, 0]);
        let ip = Ipv4Packet::new_checked(&frame[14..]).unwrap();
        assert_eq!((ip.ident(), ip.ttl(), ip.dont_fragment()), (7, 64, true));
        assert!(ip.verify_checksum());
        assert_eq!(
            tcp_header_bytes(&seg).unwrap(),
            &frame[34..34 + 40],
            "the --bits header is the frame's"
        );
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
        assert_eq!(ports(LinkType::Ethernet, &frame), Some((5000, 5001)));
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
                Err(_) => assert_eq!(ports(LinkType::Ethernet, &frame[..cut]), None),
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

    #[test]
    fn fragments_are_named_and_only_a_first_one_has_ports() {
        let mut enc = FrameEncoder::new();
        let src = "10.0.0.1:5000".parse().unwrap();
        let dst = "10.0.0.2:5001".parse().unwrap();
        let mut frame = enc.udp(src, dst, b"ping", 1).unwrap().to_vec();
        frame[14 + 6] = 0x20;
        assert_eq!(
            decode_frame(LinkType::Ethernet, &frame),
            Ok(Packet::Other("IPv4 fragment"))
        );
        assert_eq!(ports(LinkType::Ethernet, &frame), Some((5000, 5001)));
        frame[14 + 7] = 0x01;
        assert_eq!(ports(LinkType::Ethernet, &frame), None);
    }

    #[test]
    fn segments_that_cannot_be_framed_are_refused() {
        let mut enc = FrameEncoder::new();
        let mixed = segment("10.0.0.1:1", "[2001:db8::2]:80");
        assert_eq!(enc.tcp(&mixed, 0).err(), Some(WireError::MixedFamilies));
        assert_eq!(tcp_header_bytes(&mixed), Err(WireError::MixedFamilies));
        let mut huge = segment("10.0.0.1:1", "10.0.0.2:80");
        huge.payload = Bytes::from(vec![0u8; 65535 - 20 - 40 + 1]);
        assert_eq!(enc.tcp(&huge, 0).err(), Some(WireError::TooLarge));
        huge.payload.truncate(65535 - 20 - 40);
        assert!(enc.tcp(&huge, 0).is_ok());
    }
}
