//! The simulators' calendar: what happens next on a virtual clock. Both
//! simulators (TCP's and the reliable-transfer lab's) keep one, so a run is
//! the same on every machine: events come out earliest first and, at the
//! same instant, in the order they were scheduled.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::slab::Slab;
use crate::time::Instant;

/// Events of type `E`, each due at an instant. O(log n) per event: a binary
/// heap orders small entries (time, order, slot) while the events themselves
/// (segments, packets) wait in a slab, so reordering the heap moves a few
/// words, never a whole event, and a long run reuses its slots.
pub struct Calendar<E> {
    due: BinaryHeap<Entry>,
    events: Slab<E>,
    scheduled: u64,
}

/// An event's place on the calendar.
struct Entry {
    at: Instant,
    /// How many events were scheduled before this one: the tie-break.
    order: u64,
    slot: u32,
}

impl<E> Default for Calendar<E> {
    fn default() -> Self {
        Calendar {
            due: BinaryHeap::new(),
            events: Slab::default(),
            scheduled: 0,
        }
    }
}

impl<E> Calendar<E> {
    /// Schedules `event` at `at`.
    pub fn push(&mut self, at: Instant, event: E) {
        let order = self.scheduled;
        self.scheduled += 1;
        let slot = self.events.insert(event);
        self.due.push(Entry { at, order, slot });
    }

    /// When the earliest event is due.
    pub fn next_at(&self) -> Option<Instant> {
        self.due.peek().map(|e| e.at)
    }

    /// The earliest event, if it is due by `now`.
    pub fn pop_due(&mut self, now: Instant) -> Option<E> {
        if self.next_at()? > now {
            return None;
        }
        let entry = self.due.pop()?;
        self.events.take(entry.slot)
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.order) == (other.at, other.order)
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    // Earliest first, then first scheduled first: a min-heap through BinaryHeap.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.order).cmp(&(self.at, self.order))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_then_in_the_order_scheduled() {
        let mut c = Calendar::default();
        c.push(Instant::from_millis(20), "late");
        c.push(Instant::from_millis(10), "first");
        c.push(Instant::from_millis(10), "second");
        assert_eq!(c.next_at(), Some(Instant::from_millis(10)));
        assert_eq!(c.pop_due(Instant::from_millis(5)), None);
        assert_eq!(c.pop_due(Instant::from_millis(10)), Some("first"));
        assert_eq!(c.pop_due(Instant::from_millis(10)), Some("second"));
        assert_eq!(c.pop_due(Instant::from_millis(10)), None);
        assert_eq!(c.pop_due(Instant::from_millis(30)), Some("late"));
        assert_eq!(c.next_at(), None);
    }

    #[test]
    fn slots_are_reused_without_mixing_events_up() {
        let mut c = Calendar::default();
        for round in 0..3u64 {
            let at = Instant::from_millis(round);
            c.push(at, round * 10);
            c.push(at, round * 10 + 1);
            assert_eq!(c.pop_due(at), Some(round * 10));
            assert_eq!(c.pop_due(at), Some(round * 10 + 1));
        }
        assert_eq!(c.next_at(), None);
    }
}
