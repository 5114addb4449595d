//! A TCP segment as a plain value: what the model sends and receives, and what
//! every view and capture writer shows. Turning it into real bytes is `wire`'s job.

use std::borrow::Cow;
use std::fmt;
use std::net::SocketAddr;

use bytes::Bytes;

use super::seq::SeqNumber;

/// The control bits of the TCP header (RFC 9293 §3.1, plus ECE/CWR of RFC 3168).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u8);

impl Flags {
    /// FIN: the sender has no more data (RFC 9293 §3.1).
    pub const FIN: Flags = Flags(0x01);
    /// SYN: synchronize sequence numbers; opens a connection.
    pub const SYN: Flags = Flags(0x02);
    /// RST: reset the connection.
    pub const RST: Flags = Flags(0x04);
    /// PSH: push the data to the application now.
    pub const PSH: Flags = Flags(0x08);
    /// ACK: the acknowledgment field is significant.
    pub const ACK: Flags = Flags(0x10);
    /// URG: the urgent pointer is significant.
    pub const URG: Flags = Flags(0x20);
    /// ECE: ECN echo (RFC 3168).
    pub const ECE: Flags = Flags(0x40);
    /// CWR: congestion window reduced (RFC 3168).
    pub const CWR: Flags = Flags(0x80);
    /// No bits set.
    pub const NONE: Flags = Flags(0);

    /// The order flags are named in: the way Wireshark and textbooks write them
    /// (`SYN,ACK`, `FIN,ACK`, `PSH,ACK`).
    pub const DISPLAY_ORDER: [(Flags, &'static str); 8] = [
        (Flags::SYN, "SYN"),
        (Flags::FIN, "FIN"),
        (Flags::RST, "RST"),
        (Flags::PSH, "PSH"),
        (Flags::ACK, "ACK"),
        (Flags::URG, "URG"),
        (Flags::ECE, "ECE"),
        (Flags::CWR, "CWR"),
    ];

    /// Whether every bit of `other` is set here.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether SYN is set.
    pub fn syn(self) -> bool {
        self.contains(Flags::SYN)
    }
    /// Whether ACK is set.
    pub fn ack(self) -> bool {
        self.contains(Flags::ACK)
    }
    /// Whether FIN is set.
    pub fn fin(self) -> bool {
        self.contains(Flags::FIN)
    }
    /// Whether RST is set.
    pub fn rst(self) -> bool {
        self.contains(Flags::RST)
    }
    /// Whether PSH is set.
    pub fn psh(self) -> bool {
        self.contains(Flags::PSH)
    }

    /// Names of the bits that are set, in display order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Flags::DISPLAY_ORDER
            .into_iter()
            .filter(move |(f, _)| self.contains(*f))
            .map(|(_, name)| name)
    }

    /// Parses `SYN,ACK` (any order, any case, `+` or `,` between names).
    pub fn parse(text: &str) -> Option<Flags> {
        let mut flags = Flags::NONE;
        for part in text.split([',', '+', '|']).map(str::trim) {
            let upper = part.to_ascii_uppercase();
            let (flag, _) = Flags::DISPLAY_ORDER
                .into_iter()
                .find(|(_, name)| *name == upper)?;
            flags = flags | flag;
        }
        Some(flags)
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for name in self.names() {
            if !first {
                f.write_str(",")?;
            }
            f.write_str(name)?;
            first = false;
        }
        if first {
            f.write_str("none")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The RFC 7323 timestamps option.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Timestamps {
    /// TSval: the sender's timestamp clock when it sent the segment (RFC 7323 §3.2).
    pub value: u32,
    /// TSecr: the TSval most recently received from the peer, echoed for RTT measurement.
    pub echo_reply: u32,
}

/// One SACK block (RFC 2018): the left and right edge of a received range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SackBlock {
    /// The first sequence number of the block.
    pub left: SeqNumber,
    /// The sequence number just after the block's last byte.
    pub right: SeqNumber,
}

/// The TCP options synack knows how to show and to use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TcpOptions {
    /// Maximum segment size (RFC 9293 §3.7.1), only in a SYN.
    pub mss: Option<u16>,
    /// Window scale shift count (RFC 7323 §2), only in a SYN.
    pub window_scale: Option<u8>,
    /// SACK-permitted (RFC 2018), only in a SYN.
    pub sack_permitted: bool,
    /// Timestamps (RFC 7323 §3), in every segment once both sides agreed.
    pub timestamps: Option<Timestamps>,
    /// At most four blocks fit in the 40 option bytes.
    pub sack: Vec<SackBlock>,
}

impl TcpOptions {
    /// Whether no option is set, so the header is the bare 20 bytes.
    pub fn is_empty(&self) -> bool {
        self.mss.is_none()
            && self.window_scale.is_none()
            && !self.sack_permitted
            && self.timestamps.is_none()
            && self.sack.is_empty()
    }
}

/// One TCP segment, from one socket address to another.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    /// The sending socket address.
    pub src: SocketAddr,
    /// The receiving socket address.
    pub dst: SocketAddr,
    /// SEG.SEQ: the first sequence number of the segment (RFC 9293 §3.1).
    pub seq: SeqNumber,
    /// The acknowledgment field as it is on the wire; it means something only
    /// when the ACK flag is set.
    pub ack: SeqNumber,
    /// The control bits.
    pub flags: Flags,
    /// The window field as it is on the wire (before any window scaling).
    pub window: u16,
    /// The urgent pointer; synack never sets URG, but captures may.
    pub urgent: u16,
    /// The options, as parsed from or written to the header.
    pub options: TcpOptions,
    /// The data the segment carries (as far as it was captured).
    pub payload: Bytes,
    /// Payload bytes the segment carried past `payload`: a capture's snap
    /// length cut them off. Zero for every segment synack builds. Kept as a
    /// count rather than as zeros, because a bulk capture cut at 128 bytes
    /// would otherwise fill gigabytes with zeros nobody reads.
    pub uncaptured: u32,
}

impl Segment {
    /// A bare segment with no options, window or payload; builders fill the rest.
    pub fn new(src: SocketAddr, dst: SocketAddr, seq: SeqNumber, flags: Flags) -> Self {
        Segment {
            src,
            dst,
            seq,
            ack: SeqNumber(0),
            flags,
            window: 0,
            urgent: 0,
            options: TcpOptions::default(),
            payload: Bytes::new(),
            uncaptured: 0,
        }
    }

    /// The payload's length on the wire: the bytes captured and those cut off.
    pub fn payload_len(&self) -> usize {
        self.payload.len() + self.uncaptured as usize
    }

    /// The payload as long as it was on the wire, zeros where the capture
    /// cut it: what shows bytes (bits, previews, checksums) reads this.
    pub fn wire_payload(&self) -> Cow<'_, [u8]> {
        if self.uncaptured == 0 {
            return Cow::Borrowed(&self.payload);
        }
        let mut full = Vec::with_capacity(self.payload_len());
        full.extend_from_slice(&self.payload);
        full.resize(self.payload_len(), 0);
        Cow::Owned(full)
    }

    /// SEG.LEN of RFC 9293: payload bytes, plus one each for SYN and FIN, which
    /// occupy sequence space.
    pub fn seq_len(&self) -> u32 {
        // A payload is bounded by the 16-bit IP length, so this cannot overflow.
        self.payload_len() as u32 + u32::from(self.flags.syn()) + u32::from(self.flags.fin())
    }

    /// The acknowledgment number, when the ACK flag makes it meaningful.
    pub fn ack_number(&self) -> Option<SeqNumber> {
        self.flags.ack().then_some(self.ack)
    }

    /// The sequence number just past this segment.
    pub fn seq_end(&self) -> SeqNumber {
        self.seq + self.seq_len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_named_like_wireshark() {
        assert_eq!((Flags::SYN | Flags::ACK).to_string(), "SYN,ACK");
        assert_eq!((Flags::ACK | Flags::FIN).to_string(), "FIN,ACK");
        assert_eq!((Flags::ACK | Flags::PSH).to_string(), "PSH,ACK");
        assert_eq!(Flags::NONE.to_string(), "none");
    }

    #[test]
    fn flags_parse_in_any_order_and_case() {
        assert_eq!(Flags::parse("ack,syn"), Some(Flags::SYN | Flags::ACK));
        assert_eq!(Flags::parse("RST+ACK"), Some(Flags::RST | Flags::ACK));
        assert_eq!(Flags::parse("SYN,BOGUS"), None);
    }

    #[test]
    fn syn_and_fin_occupy_sequence_space() {
        let a = "10.0.0.1:1".parse().unwrap();
        let b = "10.0.0.2:2".parse().unwrap();
        let mut seg = Segment::new(a, b, SeqNumber(100), Flags::SYN);
        assert_eq!(seg.seq_len(), 1);
        seg.flags = Flags::FIN | Flags::ACK;
        seg.payload = Bytes::from_static(b"Hi");
        assert_eq!(seg.seq_len(), 3);
        assert_eq!(seg.seq_end(), SeqNumber(103));
    }
}
