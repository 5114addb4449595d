//! The link layers captures come with, down to the IP packet they carry.

use super::error::too_short;
use super::ethernet::{ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, EthernetFrame};
use super::{Part, WireError};

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

/// What a frame carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carried<'a> {
    /// An IP packet (of either version).
    Ip(&'a [u8]),
    /// Something else (ARP...), named.
    Other(&'static str),
}

const LOOPBACK_HEADER: usize = 4;
const SLL_HEADER: usize = 16;
const SLL_PROTOCOL: usize = 14;
const SLL2_HEADER: usize = 20;
const SLL2_PROTOCOL: usize = 0;

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

    /// The packet under the link-layer header of `frame`; a header cut short
    /// is an error.
    pub fn payload(self, frame: &[u8]) -> Result<Carried<'_>, WireError> {
        match self {
            LinkType::Ethernet => {
                let eth = EthernetFrame::new_checked(frame)?;
                let (ethertype, payload) = eth.untagged()?;
                Ok(carried(ethertype, payload, "ARP"))
            }
            LinkType::Null | LinkType::Loop => frame
                .get(LOOPBACK_HEADER..)
                .map(Carried::Ip)
                .ok_or_else(|| too_short(Part::Loopback, frame)),
            LinkType::RawIp => Ok(Carried::Ip(frame)),
            LinkType::LinuxSll => {
                let protocol = read_u16(frame, SLL_PROTOCOL)
                    .ok_or_else(|| too_short(Part::LinuxCooked, frame))?;
                Ok(carried(protocol, &frame[SLL_HEADER..], "non-IP"))
            }
            LinkType::LinuxSll2 => {
                if frame.len() < SLL2_HEADER {
                    return Err(too_short(Part::LinuxCooked, frame));
                }
                let protocol = read_u16(frame, SLL2_PROTOCOL).unwrap_or_default();
                Ok(carried(protocol, &frame[SLL2_HEADER..], "non-IP"))
            }
        }
    }
}

/// IP by its EtherType; ARP named `arp` (cooked captures have never told
/// ARP apart from the rest).
fn carried<'a>(ethertype: u16, payload: &'a [u8], arp: &'static str) -> Carried<'a> {
    match ethertype {
        ETHERTYPE_IPV4 | ETHERTYPE_IPV6 => Carried::Ip(payload),
        ETHERTYPE_ARP => Carried::Other(arp),
        _ => Carried::Other("non-IP"),
    }
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_header_cut_short_is_an_error() {
        let cases = [
            (LinkType::Ethernet, 14, Part::Ethernet),
            (LinkType::Null, 4, Part::Loopback),
            (LinkType::Loop, 4, Part::Loopback),
            (LinkType::LinuxSll, 16, Part::LinuxCooked),
            (LinkType::LinuxSll2, 20, Part::LinuxCooked),
        ];
        for (link, header, part) in cases {
            let mut frame = vec![0u8; header];
            match link {
                LinkType::Ethernet => frame[12] = 0x08,
                LinkType::LinuxSll => frame[14] = 0x08,
                LinkType::LinuxSll2 => frame[0] = 0x08,
                _ => {}
            }
            assert_eq!(link.payload(&frame), Ok(Carried::Ip(&[])), "{link:?}");
            for cut in 0..header {
                assert_eq!(
                    link.payload(&frame[..cut]),
                    Err(WireError::TooShort {
                        what: part,
                        len: cut
                    }),
                    "{link:?} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn what_is_not_ip_is_named() {
        let mut frame = [0u8; 20];
        frame[12..14].copy_from_slice(&[0x08, 0x06]);
        assert_eq!(
            LinkType::Ethernet.payload(&frame),
            Ok(Carried::Other("ARP"))
        );
        frame[14..16].copy_from_slice(&[0x08, 0x06]);
        assert_eq!(
            LinkType::LinuxSll.payload(&frame),
            Ok(Carried::Other("non-IP"))
        );
        assert_eq!(LinkType::RawIp.payload(&[]), Ok(Carried::Ip(&[])));
    }
}
