//! Building frames with pnet_packet's mutable views over one reused buffer.

use std::net::{IpAddr, SocketAddr};

use pnet_packet::MutablePacket;
use pnet_packet::ethernet::{EtherTypes, MutableEthernetPacket};
use pnet_packet::ip::IpNextHeaderProtocol;
use pnet_packet::ipv4::MutableIpv4Packet;
use pnet_packet::ipv6::MutableIpv6Packet;
use pnet_packet::tcp::MutableTcpPacket;
use pnet_packet::udp::MutableUdpPacket;

use crate::tcp::Segment;

use super::checksum::{self, ipv4_header_checksum, transport_checksum};
use super::{
    ETHERNET_HEADER, IPV4_HEADER, IPV6_HEADER, PROTO_TCP, PROTO_UDP, TCP_HEADER, UDP_HEADER,
    WireError, options,
};

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

/// Builds frames into one buffer it reuses, so writing a million frames does
/// not allocate a million times.
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
        let opt_len = options::encoded_len(&seg.options);
        let header_len = TCP_HEADER + opt_len;
        let ip_header = self.start(seg.src, seg.dst, header_len + seg.payload.len(), header_len)?;
        let l4 = ETHERNET_HEADER + ip_header;
        {
            let mut tcp = MutableTcpPacket::new(&mut self.buf[l4..]).ok_or(WireError::TooLarge)?;
            tcp.set_source(seg.src.port());
            tcp.set_destination(seg.dst.port());
            tcp.set_sequence(seg.seq.0);
            tcp.set_acknowledgement(seg.ack.0);
            tcp.set_data_offset((header_len / 4) as u8);
            tcp.set_reserved(0);
            tcp.set_flags(seg.flags.0);
            tcp.set_window(seg.window);
            tcp.set_checksum(0);
            tcp.set_urgent_ptr(seg.urgent);
        }
        self.buf.truncate(l4 + TCP_HEADER);
        options::encode(&seg.options, &mut self.buf)?;
        // The header is whole 32-bit words, so header and data sum separately.
        let partial = checksum::sum_words(&self.buf[l4..]) + checksum::sum_words(&seg.payload);
        let sum = checksum::finish(
            seg.src.ip(),
            seg.dst.ip(),
            PROTO_TCP,
            (header_len + seg.payload.len()) as u32,
            partial,
        );
        self.buf[l4 + 16..l4 + 18].copy_from_slice(&sum.to_be_bytes());
        self.buf.extend_from_slice(&seg.payload);
        self.finish_ip(seg.src.ip(), PROTO_TCP, ip_id);
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
        let udp_len = UDP_HEADER + payload.len();
        let ip_header = self.start(src, dst, udp_len, udp_len)?;
        let l4 = ETHERNET_HEADER + ip_header;
        {
            let mut udp = MutableUdpPacket::new(&mut self.buf[l4..]).ok_or(WireError::TooLarge)?;
            udp.set_source(src.port());
            udp.set_destination(dst.port());
            udp.set_length(udp_len as u16);
            udp.set_checksum(0);
            udp.payload_mut().copy_from_slice(payload);
        }
        let mut sum = transport_checksum(src.ip(), dst.ip(), PROTO_UDP, &self.buf[l4..]);
        if sum == 0 {
            // RFC 768: a computed zero is sent as all ones (zero means "no checksum").
            sum = 0xffff;
        }
        self.buf[l4 + 6..l4 + 8].copy_from_slice(&sum.to_be_bytes());
        self.finish_ip(src.ip(), PROTO_UDP, ip_id);
        Ok(&self.buf)
    }

    /// Sizes the buffer for the headers and the first `l4_written` bytes of the
    /// transport segment (`l4_len` bytes in all), and writes the Ethernet and IP
    /// headers (the IPv4 checksum comes later). Returns the IP header length.
    fn start(
        &mut self,
        src: SocketAddr,
        dst: SocketAddr,
        l4_len: usize,
        l4_written: usize,
    ) -> Result<usize, WireError> {
        let (ip_header, ethertype) = match (src.ip(), dst.ip()) {
            (IpAddr::V4(_), IpAddr::V4(_)) => (IPV4_HEADER, EtherTypes::Ipv4),
            (IpAddr::V6(_), IpAddr::V6(_)) => (IPV6_HEADER, EtherTypes::Ipv6),
            _ => return Err(WireError::MixedFamilies),
        };
        let ip_total = ip_header + l4_len;
        let limit = if ip_header == IPV4_HEADER {
            65535
        } else {
            65535 + IPV6_HEADER
        };
        if ip_total > limit {
            return Err(WireError::TooLarge);
        }
        self.buf.clear();
        self.buf.resize(ETHERNET_HEADER + ip_header + l4_written, 0);
        self.buf[0..6].copy_from_slice(&mac_for(dst.ip()));
        self.buf[6..12].copy_from_slice(&mac_for(src.ip()));
        let mut eth = MutableEthernetPacket::new(&mut self.buf).ok_or(WireError::TooLarge)?;
        eth.set_ethertype(ethertype);
        let ip_bytes = &mut self.buf[ETHERNET_HEADER..];
        match (src.ip(), dst.ip()) {
            (IpAddr::V4(s), IpAddr::V4(d)) => {
                let mut ip = MutableIpv4Packet::new(ip_bytes).ok_or(WireError::TooLarge)?;
                ip.set_version(4);
                ip.set_header_length(5);
                ip.set_total_length(ip_total as u16);
                // Don't Fragment, as TCP stacks set it for path MTU discovery.
                ip.set_flags(0b010);
                ip.set_ttl(64);
                ip.set_source(s);
                ip.set_destination(d);
            }
            (IpAddr::V6(s), IpAddr::V6(d)) => {
                let mut ip = MutableIpv6Packet::new(ip_bytes).ok_or(WireError::TooLarge)?;
                ip.set_version(6);
                ip.set_payload_length(l4_len as u16);
                ip.set_hop_limit(64);
                ip.set_source(s);
                ip.set_destination(d);
            }
            _ => return Err(WireError::MixedFamilies),
        }
        Ok(ip_header)
    }

    fn finish_ip(&mut self, src: IpAddr, protocol: u8, ip_id: u16) {
        let ip_bytes = &mut self.buf[ETHERNET_HEADER..];
        if src.is_ipv4() {
            if let Some(mut ip) = MutableIpv4Packet::new(ip_bytes) {
                ip.set_identification(ip_id);
                ip.set_next_level_protocol(IpNextHeaderProtocol(protocol));
                ip.set_checksum(0);
            }
            let sum =
                ipv4_header_checksum(&self.buf[ETHERNET_HEADER..ETHERNET_HEADER + IPV4_HEADER]);
            self.buf[ETHERNET_HEADER + 10..ETHERNET_HEADER + 12]
                .copy_from_slice(&sum.to_be_bytes());
        } else if let Some(mut ip) = MutableIpv6Packet::new(ip_bytes) {
            ip.set_next_header(IpNextHeaderProtocol(protocol));
        }
    }
}

/// The TCP header of `seg` exactly as it goes on the wire (options included),
/// with its real checksum: what the `--bits` view draws.
pub fn tcp_header_bytes(seg: &Segment) -> Result<Vec<u8>, WireError> {
    let mut enc = FrameEncoder::new();
    let frame = enc.tcp(seg, 0)?;
    let ip_header = if seg.src.is_ipv4() {
        IPV4_HEADER
    } else {
        IPV6_HEADER
    };
    let l4 = ETHERNET_HEADER + ip_header;
    let header_len = TCP_HEADER + options::encoded_len(&seg.options);
    Ok(frame[l4..l4 + header_len].to_vec())
}
