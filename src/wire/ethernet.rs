//! The Ethernet II header (IEEE 802.3 §3.1.1): a view over a frame's bytes,
//! checked once so its accessors cannot panic, and the header as a value.

use super::be;
use super::error::too_short;
use super::view::{fields, view};
use super::{ETHERNET_HEADER, Part, WireError};

pub const ETHERTYPE_IPV4: u16 = 0x0800;
pub const ETHERTYPE_ARP: u16 = 0x0806;
pub const ETHERTYPE_IPV6: u16 = 0x86dd;
/// 802.1Q and 802.1ad (QinQ) tags.
pub const ETHERTYPE_VLAN: u16 = 0x8100;
pub const ETHERTYPE_QINQ: u16 = 0x88a8;

/// A VLAN tag: a 2-byte tag control field, then the EtherType it wraps.
const VLAN_TAG: usize = 4;

view!(
    /// An Ethernet frame's bytes, at least a whole header long.
    EthernetFrame,
    ETHERNET_HEADER,
    Part::Ethernet
);

fields!(EthernetFrame {
    dst / set_dst: [u8; 6] = 0;
    src / set_src: [u8; 6] = 6;
    ethertype / set_ethertype: u16 = 12;
});

impl<'a> EthernetFrame<&'a [u8]> {
    pub fn payload(&self) -> &'a [u8] {
        &self.buffer[ETHERNET_HEADER..]
    }

    /// The EtherType and payload under at most one VLAN tag, which captures
    /// of tagged networks carry; a tag cut short is an error.
    pub fn untagged(&self) -> Result<(u16, &'a [u8]), WireError> {
        let ethertype = self.ethertype();
        if ethertype != ETHERTYPE_VLAN && ethertype != ETHERTYPE_QINQ {
            return Ok((ethertype, self.payload()));
        }
        let frame = self.buffer;
        let inner = frame
            .get(ETHERNET_HEADER + VLAN_TAG - 2..ETHERNET_HEADER + VLAN_TAG)
            .ok_or_else(|| too_short(Part::Vlan, frame))?;
        let ethertype = be::u16_at(inner, 0);
        Ok((ethertype, &frame[ETHERNET_HEADER + VLAN_TAG..]))
    }
}

/// An Ethernet header as a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EthernetRepr {
    pub dst: [u8; 6],
    pub src: [u8; 6],
    pub ethertype: u16,
}

impl EthernetRepr {
    pub fn parse<T: AsRef<[u8]>>(frame: &EthernetFrame<T>) -> EthernetRepr {
        EthernetRepr {
            dst: frame.dst(),
            src: frame.src(),
            ethertype: frame.ethertype(),
        }
    }

    /// Writes the header into the first bytes of `frame`.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, frame: &mut EthernetFrame<T>) {
        frame.set_dst(self.dst);
        frame.set_src(self.src);
        frame.set_ethertype(self.ethertype);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::view::{assert_too_short, header_then};

    const REPR: EthernetRepr = EthernetRepr {
        dst: [0x02, 0, 10, 0, 0, 2],
        src: [0x02, 0, 10, 0, 0, 1],
        ethertype: ETHERTYPE_IPV4,
    };

    fn emitted() -> Vec<u8> {
        header_then(ETHERNET_HEADER, b"abc", |b| {
            REPR.emit(&mut EthernetFrame::new_unchecked(b))
        })
    }

    #[test]
    fn a_header_round_trips() {
        let buf = emitted();
        assert_eq!(&buf[12..14], &[0x08, 0x00]);
        let frame = EthernetFrame::new_checked(&buf[..]).unwrap();
        assert_eq!(EthernetRepr::parse(&frame), REPR);
        assert_eq!(frame.payload(), b"abc");
        assert_eq!(frame.untagged().unwrap(), (ETHERTYPE_IPV4, &b"abc"[..]));
    }

    #[test]
    fn every_truncation_of_the_header_is_rejected() {
        let buf = emitted();
        assert_too_short(&buf, 0..ETHERNET_HEADER, Part::Ethernet, |b| {
            EthernetFrame::new_checked(b).err()
        });
    }

    #[test]
    fn one_vlan_tag_is_looked_through_and_a_cut_tag_rejected() {
        let mut buf = emitted();
        buf.splice(12..12, [0x81, 0x00, 0x00, 0x07]);
        let frame = EthernetFrame::new_checked(&buf[..]).unwrap();
        assert_eq!(frame.untagged().unwrap(), (ETHERTYPE_IPV4, &b"abc"[..]));
        let tag = ETHERNET_HEADER..ETHERNET_HEADER + VLAN_TAG;
        assert_too_short(&buf, tag, Part::Vlan, |b| {
            EthernetFrame::new_checked(b).unwrap().untagged().err()
        });
    }
}
