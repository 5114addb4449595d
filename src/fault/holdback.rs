//! Reordering: a link holds a sender's packet back until the next one has
//! gone ahead of it (or until it has waited long enough). At most one waits
//! per sender, so a packet is never overtaken by more than one.

use crate::trace::Host;

/// The packet each sender has held back, with what releases it: a deadline,
/// or the calendar entry that will.
#[derive(Debug)]
pub struct Holdback<T, K> {
    held: [Option<(T, K)>; 2],
}

impl<T, K> Default for Holdback<T, K> {
    fn default() -> Self {
        Holdback { held: [None, None] }
    }
}

impl<T, K: Copy + Ord> Holdback<T, K> {
    /// Holds `item` from `from` until `key`; gives back the packet it held
    /// before, which must go now.
    pub fn hold(&mut self, from: Host, item: T, key: K) -> Option<T> {
        self.held[from.index()]
            .replace((item, key))
            .map(|(older, _)| older)
    }

    /// Lets `from`'s held packet go: something has overtaken it.
    pub fn take(&mut self, from: Host) -> Option<T> {
        self.held[from.index()].take().map(|(item, _)| item)
    }

    /// Lets `from`'s held packet go if its key says so.
    pub fn take_if(&mut self, from: Host, due: impl FnOnce(K) -> bool) -> Option<T> {
        let slot = &mut self.held[from.index()];
        if slot.as_ref().is_some_and(|(_, key)| due(*key)) {
            slot.take().map(|(item, _)| item)
        } else {
            None
        }
    }

    /// The smallest key held (for deadlines: the next release).
    pub fn earliest(&self) -> Option<K> {
        self.held.iter().flatten().map(|(_, key)| *key).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_hold_gives_back_the_first_and_each_sender_has_its_own() {
        let mut h = Holdback::default();
        assert_eq!(h.hold(Host::Client, "a", 5), None);
        assert_eq!(h.hold(Host::Server, "x", 3), None);
        assert_eq!(h.hold(Host::Client, "b", 7), Some("a"));
        assert_eq!(h.earliest(), Some(3));
        assert_eq!(h.take_if(Host::Client, |k| k <= 6), None);
        assert_eq!(h.take_if(Host::Client, |k| k <= 7), Some("b"));
        assert_eq!(h.take(Host::Server), Some("x"));
        assert_eq!(h.earliest(), None);
    }
}
