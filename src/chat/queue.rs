//! A client's outgoing queue: bounded, shared by the threads that produce
//! frames for it (broadcasts from other clients' threads, the console, its own
//! replies) and drained by its writer thread.
//!
//! Broadcasts never wait: [`Queue::push`] refuses when the client is already
//! too far behind, and the server disconnects that client. A client's own
//! replies use [`Queue::push_wait`], which waits for room: a client that asks
//! for things and does not read the answers only slows itself down. The writer
//! takes everything queued at once ([`Queue::take_all`]), so a burst of small
//! frames leaves in one write.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far behind a client may fall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bound {
    /// Frames waiting.
    pub frames: usize,
    /// Bytes waiting (frames count their encoded size).
    pub bytes: usize,
}

impl Default for Bound {
    fn default() -> Self {
        Bound {
            frames: 4096,
            bytes: 4 << 20,
        }
    }
}

/// Why a push was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PushError {
    /// The client is this many frames behind.
    Full { frames: usize, bytes: usize },
    /// The writer has gone.
    Closed,
}

struct State<T> {
    items: VecDeque<(T, usize)>,
    bytes: usize,
    closed: bool,
}

/// A bounded multi-producer, single-consumer queue of `T`, each with a size.
pub struct Queue<T> {
    state: Mutex<State<T>>,
    /// Signalled when items arrive or the queue closes.
    filled: Condvar,
    /// Signalled when the writer takes items or the queue closes.
    drained: Condvar,
    bound: Bound,
}

impl<T> Queue<T> {
    pub fn new(bound: Bound) -> Self {
        Queue {
            state: Mutex::new(State {
                items: VecDeque::new(),
                bytes: 0,
                closed: false,
            }),
            filled: Condvar::new(),
            drained: Condvar::new(),
            bound,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn has_room(&self, s: &State<T>, size: usize) -> bool {
        // An empty queue takes anything, so one large frame cannot be stuck.
        s.items.is_empty()
            || (s.items.len() < self.bound.frames && s.bytes + size <= self.bound.bytes)
    }

    /// Queues `item` unless the client is too far behind. Never waits.
    pub fn push(&self, item: T, size: usize) -> Result<(), PushError> {
        let s = self.lock();
        if s.closed {
            return Err(PushError::Closed);
        }
        if !self.has_room(&s, size) {
            return Err(PushError::Full {
                frames: s.items.len(),
                bytes: s.bytes,
            });
        }
        self.enqueue(s, item, size);
        Ok(())
    }

    /// Queues `item`, waiting for room. `Err(Closed)` if the writer has gone.
    pub fn push_wait(&self, item: T, size: usize) -> Result<(), PushError> {
        let mut s = self.lock();
        loop {
            if s.closed {
                return Err(PushError::Closed);
            }
            if self.has_room(&s, size) {
                break;
            }
            s = self.drained.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        self.enqueue(s, item, size);
        Ok(())
    }

    /// Adds `item` once there is room for it, and lets the lock go.
    fn enqueue(&self, mut s: MutexGuard<'_, State<T>>, item: T, size: usize) {
        let was_empty = s.items.is_empty();
        s.items.push_back((item, size));
        s.bytes += size;
        drop(s);
        // The writer waits only on an empty queue: wake it only then, not
        // once per frame of a burst.
        if was_empty {
            self.filled.notify_one();
        }
    }

    /// Moves everything queued into `into`, waiting until there is something.
    /// Returns `false` when the queue is closed and empty.
    #[must_use = "`false` means the queue is closed and nothing more will come"]
    pub fn take_all(&self, into: &mut Vec<T>) -> bool {
        let mut s = self.lock();
        while s.items.is_empty() && !s.closed {
            s = self.filled.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        let got = !s.items.is_empty();
        self.drain(s, into);
        got
    }

    /// Like [`take_all`](Self::take_all) but never waits.
    pub fn try_take_all(&self, into: &mut Vec<T>) {
        self.drain(self.lock(), into);
    }

    /// Moves everything queued into `into`, lets the lock go and wakes the
    /// senders waiting for room.
    fn drain(&self, mut s: MutexGuard<'_, State<T>>, into: &mut Vec<T>) {
        into.extend(s.items.drain(..).map(|(item, _)| item));
        s.bytes = 0;
        drop(s);
        self.drained.notify_all();
    }

    /// No more items: producers get `Closed`, the writer drains what is left.
    pub fn close(&self) {
        self.lock().closed = true;
        self.filled.notify_all();
        self.drained.notify_all();
    }

    pub fn is_closed(&self) -> bool {
        self.lock().closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_push_refuses_when_behind() {
        let q = Queue::new(Bound {
            frames: 2,
            bytes: 100,
        });
        q.push(1, 10).unwrap();
        q.push(2, 10).unwrap();
        assert_eq!(
            q.push(3, 10),
            Err(PushError::Full {
                frames: 2,
                bytes: 20
            })
        );
        let mut out = Vec::new();
        assert!(q.take_all(&mut out));
        assert_eq!(out, [1, 2]);
        q.push(3, 10).unwrap();
    }

    #[test]
    fn byte_bound_counts_and_empty_queue_takes_anything() {
        let q = Queue::new(Bound {
            frames: 100,
            bytes: 100,
        });
        q.push(1, 1000).unwrap();
        assert!(matches!(q.push(2, 1), Err(PushError::Full { .. })));
    }

    #[test]
    fn closed_queue_drains_then_ends() {
        let q = Queue::new(Bound::default());
        q.push(7, 1).unwrap();
        q.close();
        assert_eq!(q.push(8, 1), Err(PushError::Closed));
        let mut out = Vec::new();
        assert!(q.take_all(&mut out));
        assert_eq!(out, [7]);
        out.clear();
        assert!(!q.take_all(&mut out));
    }
}
