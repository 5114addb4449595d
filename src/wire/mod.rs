//! Real bytes: a `Segment` (or a UDP datagram) as an Ethernet II + IPv4/IPv6 +
//! TCP/UDP frame with correct checksums, and frames parsed back into values.
//! Parsing never panics: short, truncated or inconsistent bytes are errors.

pub mod checksum;
mod decode;
mod encode;
pub mod options;

pub use decode::{LinkType, Packet, TcpFrame, UdpFrame, decode_frame, decode_ip};
pub use encode::{FrameEncoder, mac_for, tcp_header_bytes};

pub const ETHERNET_HEADER: usize = 14;
pub const IPV4_HEADER: usize = 20;
pub const IPV6_HEADER: usize = 40;
pub const TCP_HEADER: usize = 20;
pub const UDP_HEADER: usize = 8;
pub const PROTO_TCP: u8 = 6;
pub const PROTO_UDP: u8 = 17;

/// What is wrong with a frame (or with a segment that cannot become one).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("the frame is {len} bytes, too short for {what}")]
    TooShort { what: &'static str, len: usize },
    #[error("IP version {0} is neither 4 nor 6")]
    BadIpVersion(u8),
    #[error("the IPv4 header length {0} is less than 20 bytes")]
    BadIpHeaderLength(usize),
    #[error("the IP total length {total} is smaller than the {header}-byte header")]
    BadIpTotalLength { total: usize, header: usize },
    #[error("the TCP data offset {0} is less than 20 bytes")]
    BadDataOffset(usize),
    #[error("the TCP option of kind {kind} is malformed")]
    BadOption { kind: u8 },
    #[error("the TCP options do not fit in 40 bytes")]
    OptionsTooLong,
    #[error("the segment does not fit in one IP packet")]
    TooLarge,
    #[error("the addresses mix IPv4 and IPv6")]
    MixedFamilies,
}
