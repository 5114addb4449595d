//! Packet counts, the way scripted faults name their target: "the 3rd packet
//! on the link", or "the server's 2nd".

use crate::trace::Host;

/// How many packets a link has carried, in all and per sender.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    total: u64,
    by: [u64; 2],
}

/// Where one packet falls in the count (both from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordinal {
    /// Its number among every packet on the link.
    pub total: u64,
    /// Its number among its sender's packets.
    pub own: u64,
}

impl Tally {
    /// Counts one more packet, sent by `from`.
    pub fn count(&mut self, from: Host) -> Ordinal {
        self.total += 1;
        self.by[from.index()] += 1;
        Ordinal {
            total: self.total,
            own: self.by[from.index()],
        }
    }
}

impl Ordinal {
    /// The packet's number as a rule counts it: among `only`'s packets when
    /// the rule names a sender, among all of them otherwise.
    pub fn counted_by(self, only: Option<Host>) -> u64 {
        if only.is_some() { self.own } else { self.total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_packet_is_numbered_on_the_link_and_by_its_sender() {
        let mut t = Tally::default();
        t.count(Host::Client);
        t.count(Host::Server);
        let third = t.count(Host::Client);
        assert_eq!(third, Ordinal { total: 3, own: 2 });
        assert_eq!(third.counted_by(None), 3);
        assert_eq!(third.counted_by(Some(Host::Client)), 2);
    }
}
