//! Reusable slots for values that wait somewhere else by number, so a busy
//! run allocates only while it grows and then reuses what it has.

/// Values in numbered slots; a taken slot is reused by the next insert.
pub(super) struct Slab<T> {
    slots: Vec<Option<T>>,
    free: Vec<u32>,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab {
            slots: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T> Slab<T> {
    /// Stores `value` and returns its slot.
    pub(super) fn insert(&mut self, value: T) -> u32 {
        match self.free.pop() {
            Some(i) => {
                self.slots[i as usize] = Some(value);
                i
            }
            None => {
                self.slots.push(Some(value));
                (self.slots.len() - 1) as u32
            }
        }
    }

    /// Takes the value out of `slot`, which is free again afterwards.
    pub(super) fn take(&mut self, slot: u32) -> Option<T> {
        let value = self.slots.get_mut(slot as usize)?.take();
        if value.is_some() {
            self.free.push(slot);
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_slot_is_reused_once() {
        let mut slab = Slab::default();
        let a = slab.insert('a');
        assert_eq!(slab.take(a), Some('a'));
        assert_eq!(slab.take(a), None);
        let b = slab.insert('b');
        let c = slab.insert('c');
        assert_eq!(b, a);
        assert_ne!(c, a);
        assert_eq!(slab.slots.len(), 2);
    }
}
