//! Real bytes: a `Segment` (or a UDP datagram) as an Ethernet II + IPv4/IPv6 +
//! TCP/UDP frame with correct checksums, and frames parsed back into values.
//!
//! One codec per header, each a checked view over a byte buffer (as
//! smoltcp's `wire` does it): `new_checked` validates the lengths once, so no
//! accessor can panic after it, and the parse (bytes → value) and emit
//! (value → bytes) of a header sit side by side in its file. `frame` stacks
//! them into whole frames. Short, truncated or inconsistent bytes are errors.

mod be;
pub mod checksum;
mod error;
pub mod ethernet;
mod frame;
pub mod ip;
pub mod ipv4;
pub mod ipv6;
mod link;
pub mod options;
mod shared;
pub mod tcp;
pub mod udp;
mod view;

pub use error::{Part, WireError};
pub use frame::{
    FrameEncoder, Packet, decode_frame, decode_ip, decode_shared, mac_for, ports, tcp_header_bytes,
};
pub use link::{Carried, LinkType};
pub use tcp::TcpFrame;
pub use udp::UdpFrame;

pub const ETHERNET_HEADER: usize = 14;
pub const IPV4_HEADER: usize = 20;
pub const IPV6_HEADER: usize = 40;
pub const TCP_HEADER: usize = 20;
pub const UDP_HEADER: usize = 8;
pub const PROTO_TCP: u8 = 6;
pub const PROTO_UDP: u8 = 17;
