//! Turning a collected trace into a [`Picture`]: TCP's steps ([`tcp`]) and
//! the reliable-transfer lab's ([`rdt`]), with what both share here: pairing
//! each message sent with its arrival (or its loss), and relative sequence
//! numbers that keep counting past a wrap.

pub mod rdt;
pub mod tcp;

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::time::Duration;

use super::model::{Arrow, ArrowEnd, Micros, Picture};
use crate::flow::TraceStep;
use crate::narrate::Lang;
use crate::trace::Host;

/// A step type that can be drawn: each protocol builds its own picture.
pub trait Pictured: TraceStep + Sized {
    /// The picture of a whole run, in `lang`.
    fn picture(meta: &Self::Meta, steps: &[Self], lang: Lang) -> Picture;
}

/// A picture with its heading and lifelines, and nothing drawn yet.
fn headed(title: &str, summary: &str, lang: Lang, addrs: [String; 2]) -> Picture {
    let [client, server] = addrs;
    Picture {
        title: title.to_string(),
        summary: summary.to_string(),
        lang,
        sides: [(Host::Client, client), (Host::Server, server)].map(|(h, addr)| {
            super::model::Lifeline {
                role: crate::view::labels::host_text(lang, h),
                addr,
            }
        }),
        ..Picture::default()
    }
}

/// Messages on the link waiting to be matched with their arrival, per
/// sender, oldest first. `K` identifies a message (a segment, a packet's bytes).
struct InFlight<K> {
    pending: [VecDeque<(K, usize)>; 2],
    /// How far along the link a lost arrow is drawn: half the one-way delay.
    lost_after: Micros,
}

impl<K: PartialEq> InFlight<K> {
    fn new(latency: Option<Duration>) -> Self {
        let one_way = latency.map_or(0, |d| d.as_micros() as Micros);
        InFlight {
            pending: [VecDeque::new(), VecDeque::new()],
            lost_after: one_way / 2,
        }
    }

    /// A message left `from`: a new arrow, its head placed when it lands.
    fn sent(&mut self, picture: &mut Picture, from: Host, key: K, arrow: Arrow) -> usize {
        let index = picture.arrows.len();
        picture.arrows.push(arrow);
        self.pending[from.index()].push_back((key, index));
        index
    }

    /// `key` reached `at`: the oldest matching arrow from the other side.
    fn arrived(&mut self, picture: &mut Picture, at: Host, key: &K, t: Micros) -> Option<usize> {
        let queue = &mut self.pending[at.peer().index()];
        let pos = queue.iter().position(|(k, _)| k == key)?;
        let (_, index) = queue.remove(pos)?;
        picture.arrows[index].end = ArrowEnd::Arrived(t);
        Some(index)
    }

    /// `key`, sent by `from`, was lost: the newest matching arrow stops part way.
    fn lost(&mut self, picture: &mut Picture, from: Host, key: &K) -> Option<usize> {
        let queue = &mut self.pending[from.index()];
        let pos = queue.iter().rposition(|(k, _)| k == key)?;
        let (_, index) = queue.remove(pos)?;
        let arrow = &mut picture.arrows[index];
        arrow.end = ArrowEnd::Lost(arrow.sent + self.lost_after.max(1));
        Some(index)
    }

    /// The newest arrow `from` sent with `key`, delivered or not: a copy the
    /// link made (a duplicate) starts where it did.
    fn newest_sent(
        picture: &Picture,
        from: Host,
        matches: impl Fn(&Arrow) -> bool,
    ) -> Option<usize> {
        picture
            .arrows
            .iter()
            .rposition(|a| a.from == from && matches(a))
    }
}

/// Sequence numbers relative to a first one, counting on past a wrap of the
/// `modulus` (2³² for TCP, the lab's sequence space for rdt): the graphs'
/// y axis never jumps back to zero.
#[derive(Clone, Copy, Debug)]
struct Unwrap {
    base: u64,
    modulus: u64,
    /// The last value returned, to tell a wrap from an old number.
    last: u64,
}

impl Unwrap {
    fn new(base: u64, modulus: u64) -> Self {
        Unwrap {
            base: base % modulus,
            modulus,
            last: 0,
        }
    }

    /// `raw` as an offset from the base, nearest to the last one returned.
    fn rel(&mut self, raw: u64) -> u64 {
        let m = self.modulus;
        let offset = (raw % m + m - self.base) % m;
        let epoch = self.last / m * m;
        let candidates = [epoch.checked_sub(m), Some(epoch), epoch.checked_add(m)];
        let best = candidates
            .into_iter()
            .flatten()
            .map(|e| e + offset)
            .min_by_key(|v| v.abs_diff(self.last))
            .unwrap_or(offset);
        self.last = self.last.max(best);
        best
    }
}

#[cfg(test)]
mod unwrap_tests {
    use super::*;

    #[test]
    fn relative_numbers_count_on_past_a_wrap() {
        let mut u = Unwrap::new(u64::from(u32::MAX) - 9, 1 << 32);
        assert_eq!(u.rel(u64::from(u32::MAX) - 9), 0);
        assert_eq!(u.rel(u64::from(u32::MAX)), 9);
        assert_eq!(u.rel(5), 15, "past the wrap");
        assert_eq!(u.rel(u64::from(u32::MAX)), 9, "an old number stays old");
        let mut small = Unwrap::new(0, 8);
        let seqs: Vec<u64> = [0, 1, 7, 0, 1].iter().map(|&s| small.rel(s)).collect();
        assert_eq!(seqs, [0, 1, 7, 8, 9]);
    }
}
