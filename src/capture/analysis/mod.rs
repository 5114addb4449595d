//! Wireshark's TCP sequence analysis, rule for rule, so that a student who
//! reads synack beside Wireshark's packet list sees the same verdict on
//! every frame: retransmission (plain, fast, spurious), out-of-order,
//! previous segment not captured, ACKed unseen segment, duplicate ACK, zero
//! window and its probes, window update, window full, keep-alive and its ACK.
//!
//! The rules, their order and their precedence follow Wireshark's manual
//! ("TCP Analysis") and `tcp_analyze_sequence_number` in its
//! `epan/dissectors/packet-tcp.c`: a zero-window probe or a keep-alive ACK
//! stops the checks early, a keep-alive is never a retransmission, a
//! spurious retransmission is decided before a fast one, and out-of-order
//! is a matter of timing against the handshake's RTT. One addition is
//! synack's own and is said where it applies: TCP timestamps can show that
//! a segment Wireshark calls out-of-order was sent after newer data, so it
//! is the sender repeating itself ([`Override`]).
//!
//! Sans-IO: fed one segment at a time with its frame number and time; it
//! keeps a bounded amount of state per direction.

use std::collections::VecDeque;
use std::time::Duration;

use crate::tcp::rto::SHORTEST_RTO as MIN_RTO;
use crate::tcp::{Segment, SeqNumber};
use crate::time::Instant;
use crate::trace::{LossEvidence, Override, Resent};

/// Wireshark stops remembering unacknowledged segments past this many
/// (its `TCP_MAX_UNACKED_SEGMENTS`); so does synack, so memory stays flat.
const MAX_UNACKED: usize = 10_000;

/// A fast retransmission comes within this long of the last duplicate ACK.
const FAST_RETRANSMIT_WINDOW: Duration = Duration::from_millis(20);

/// Without a handshake RTT, data older than the newest by less than this is
/// taken as reordered (Wireshark's default threshold).
const DEFAULT_REORDER_THRESHOLD: Duration = Duration::from_millis(3);

/// What one direction has shown, as Wireshark keeps it per flow.
#[derive(Debug, Default)]
struct Flow {
    /// The ISN (or the first sequence number seen, less one).
    base: Option<SeqNumber>,
    /// Just past the highest sequence number seen, its frame and time.
    nextseq: Option<SeqNumber>,
    nextseq_frame: u32,
    nextseq_time: Instant,
    /// The TCP timestamp of the segment that set `nextseq`, if it had one.
    nextseq_tsval: Option<u32>,
    /// The highest sequence number seen in one piece from the start.
    max_to_be_acked: Option<SeqNumber>,
    /// The last acknowledgment number this direction sent, and when.
    lastack: Option<SeqNumber>,
    lastack_time: Instant,
    /// The frame of the last ACK that was not a duplicate.
    last_non_dup_ack: u32,
    /// Duplicate ACKs in a row; -1 after an "ACKed unseen" (Wireshark's trick
    /// to stop the next duplicate from being counted as the first).
    dup_acks: i32,
    /// The last window field (raw), and whether it came in a SYN (never scaled).
    window: Option<u16>,
    window_from_syn: bool,
    scale: Scale,
    /// Flags of the last segment's analysis, for keep-alive and probe ACKs.
    last_flags: Flags16,
    /// Segments sent and not yet acknowledged, newest last.
    unacked: VecDeque<Unacked>,
    /// The retransmission being repeated: for the backoff story.
    chain: Option<Chain>,
    /// Zero-window probes in a row, and when the last went out.
    probes: u32,
    last_probe: Option<Instant>,
    /// When this direction last sent anything.
    last_seen: Option<Instant>,
    /// This direction's latest segment, when it was a bare ACK: its frame
    /// and what it acknowledged.
    last_pure_ack: Option<(u32, SeqNumber)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Scale {
    /// No SYN seen yet: windows cannot be interpreted.
    #[default]
    Unknown,
    /// Scaling is off: the window field is the window.
    Off,
    /// Scaled by this shift.
    Shift(u8),
}

#[derive(Clone, Copy, Debug)]
struct Unacked {
    frame: u32,
    /// Whether it carried ACK: a SYN,ACK answering a SYN repeats the SYN's
    /// number without the SYN having been lost (simultaneous open).
    with_ack: bool,
    seq: SeqNumber,
    nextseq: SeqNumber,
    t: Instant,
}

#[derive(Clone, Debug)]
struct Chain {
    seq: SeqNumber,
    last_sent: Instant,
    /// The frame of the latest copy, and whether it carried ACK.
    last_frame: u32,
    last_with_ack: bool,
    resent: Resent,
}

/// Wireshark's analysis flags, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags16(u16);

impl Flags16 {
    pub const RETRANSMISSION: Flags16 = Flags16(0x0001);
    pub const LOST_SEGMENT: Flags16 = Flags16(0x0002);
    pub const ACK_LOST_SEGMENT: Flags16 = Flags16(0x0004);
    pub const KEEP_ALIVE: Flags16 = Flags16(0x0008);
    pub const DUPLICATE_ACK: Flags16 = Flags16(0x0010);
    pub const ZERO_WINDOW: Flags16 = Flags16(0x0020);
    pub const ZERO_WINDOW_PROBE: Flags16 = Flags16(0x0040);
    pub const ZERO_WINDOW_PROBE_ACK: Flags16 = Flags16(0x0080);
    pub const KEEP_ALIVE_ACK: Flags16 = Flags16(0x0100);
    pub const OUT_OF_ORDER: Flags16 = Flags16(0x0200);
    pub const FAST_RETRANSMISSION: Flags16 = Flags16(0x0400);
    pub const WINDOW_UPDATE: Flags16 = Flags16(0x0800);
    pub const WINDOW_FULL: Flags16 = Flags16(0x1000);
    pub const REUSED_PORTS: Flags16 = Flags16(0x2000);
    pub const SPURIOUS_RETRANSMISSION: Flags16 = Flags16(0x4000);

    /// Whether every bit of `other` is set.
    pub fn has(self, other: Flags16) -> bool {
        self.0 & other.0 == other.0
    }

    fn set(&mut self, other: Flags16) {
        self.0 |= other.0;
    }
}

/// The verdict on one segment, and the numbers the narration explains it with.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub flags: Flags16,
    /// For a duplicate ACK: its number in the run and the ACK it repeats.
    pub dup_ack: Option<(u32, u32)>,
    /// For any retransmission: which frame first carried it, the backoff.
    pub resent: Option<Resent>,
    /// This ACK acknowledges the segment of that frame, after that long.
    pub acks: Option<(u32, Duration)>,
    /// How far past what was seen an ACKed-unseen acknowledges.
    pub unseen: u32,
    /// For "previous segment not captured": the sequence numbers skipped.
    pub missing: u32,
    /// For a window update or window full: the window in bytes.
    pub window_bytes: u32,
    /// For a zero-window probe: its number and the time since the last.
    pub probe: Option<(u32, Option<Duration>)>,
    /// A frame seen earlier that this one shows never arrived, and how.
    pub lost: Option<(u32, LossEvidence)>,
    /// For a keep-alive: the time since this side last sent anything.
    pub keep_alive_since: Option<Duration>,
    /// Set on the ACK that completed the handshake.
    pub initial_rtt: Option<Duration>,
}

/// Both directions of one conversation. Direction 0 is the side the
/// observer calls the client.
#[derive(Debug, Default)]
pub struct Analyzer {
    flows: [Flow; 2],
    /// When the most recent SYN (without ACK) was seen.
    last_syn: Option<Instant>,
    /// SYN to the first ACK after it: Wireshark's `initial_rtt`.
    first_rtt: Option<Duration>,
}

/// The segment facts the analysis needs, taken once per packet.
pub struct Seen<'a> {
    pub frame: u32,
    pub t: Instant,
    pub seg: &'a Segment,
    /// Payload length on the wire (not just what was captured).
    pub len: u32,
}

impl Analyzer {
    /// The initial RTT, once the handshake's last ACK has been seen.
    pub fn initial_rtt(&self) -> Option<Duration> {
        self.first_rtt
    }

    /// Whether direction `dir` has sent a SYN or data yet (its ISN is known).
    pub fn base(&self, dir: usize) -> Option<SeqNumber> {
        self.flows[dir].base
    }

    /// The window scaling both SYNs agreed, once known: `Some(shifts)` when
    /// on, `None` when off or not yet known.
    pub fn shifts(&self) -> Option<[u8; 2]> {
        match (self.flows[0].scale, self.flows[1].scale) {
            (Scale::Shift(a), Scale::Shift(b)) => Some([a, b]),
            _ => None,
        }
    }

    /// Analyses one segment sent by direction `dir`.
    pub fn analyse(&mut self, dir: usize, seen: &Seen) -> Analysis {
        let seg = seen.seg;
        let flags = seg.flags;
        let seglen = seen.len;
        let seq = seg.seq;
        // Wireshark reads the acknowledgment field as 0 when ACK is not set.
        let ack = if flags.ack() { seg.ack } else { SeqNumber(0) };
        let window = seg.window;
        let control = flags.syn() || flags.fin() || flags.rst();
        let mut a = Analysis::default();
        // One byte sent again that Wireshark would take for a keep-alive.
        let mut not_acked = None;
        let rev = 1 - dir;

        if flags.syn() {
            self.note_syn(dir, seg);
        }
        {
            let fwd = &mut self.flows[dir];
            if fwd.base.is_none() {
                fwd.base = Some(if flags.syn() { seq } else { seq - 1 });
            }
        }
        if self.flows[rev].base.is_none() && flags.ack() {
            self.flows[rev].base = Some(ack - 1);
        }

        let (fwd, back) = pair(&mut self.flows, dir);
        'fwd: {
            // ZERO WINDOW PROBE: one byte at the next sequence number into a closed window.
            if seglen == 1 && Some(seq) == fwd.nextseq && back.window == Some(0) {
                a.flags.set(Flags16::ZERO_WINDOW_PROBE);
                fwd.probes += 1;
                let since = fwd.last_probe.or(back.last_seen).map(|p| seen.t.since(p));
                fwd.last_probe = Some(seen.t);
                a.probe = Some((fwd.probes, since));
                break 'fwd;
            }
            fwd.probes = 0;
            fwd.last_probe = None;
            // ZERO WINDOW
            if window == 0 && !control {
                a.flags.set(Flags16::ZERO_WINDOW);
            }
            // LOST PACKET: the sequence jumps past what was seen.
            if let Some(next) = fwd.nextseq
                && seq > next
                && !flags.rst()
            {
                a.flags.set(Flags16::LOST_SEGMENT);
                a.missing = seq.distance_from(next);
            }
            // KEEP ALIVE: nothing new, one below the next sequence number.
            // synack's addition: a keep-alive repeats a byte the peer has
            // acknowledged; one it has not is that byte sent again.
            if seglen <= 1 && fwd.nextseq.is_some_and(|n| seq == n - 1) && !control {
                match back.lastack {
                    Some(ack) if seglen == 1 && ack <= seq => {
                        not_acked = Some(Override::NotYetAcked { ack });
                    }
                    _ => {
                        a.flags.set(Flags16::KEEP_ALIVE);
                        a.keep_alive_since = fwd.last_seen.map(|p| seen.t.since(p));
                    }
                }
            }
            let same_ack = Some(seq) == fwd.nextseq && Some(ack) == fwd.lastack && !control;
            // WINDOW UPDATE
            if seglen == 0 && window != 0 && Some(window) != fwd.window && same_ack {
                a.flags.set(Flags16::WINDOW_UPDATE);
                a.window_bytes = scaled(window, fwd.scale, false);
            }
            // WINDOW FULL: data up to the very edge of the peer's window.
            if seglen > 0
                && back.scale != Scale::Unknown
                && !control
                && let (Some(w), Some(l)) = (back.window, back.lastack)
            {
                let edge = scaled(w, back.scale, back.window_from_syn);
                if seq + seglen == l + edge {
                    a.flags.set(Flags16::WINDOW_FULL);
                    a.window_bytes = edge;
                }
            }
            let repeats = seglen == 0 && Some(window) == fwd.window && same_ack;
            // KEEP ALIVE ACK
            if repeats && window != 0 && back.last_flags.has(Flags16::KEEP_ALIVE) {
                a.flags.set(Flags16::KEEP_ALIVE_ACK);
                break 'fwd;
            }
            // ZERO WINDOW PROBE ACK
            if repeats && window == 0 && back.last_flags.has(Flags16::ZERO_WINDOW_PROBE) {
                a.flags.set(Flags16::ZERO_WINDOW_PROBE_ACK);
                break 'fwd;
            }
            // DUPLICATE ACK
            if repeats && window != 0 {
                fwd.dup_acks = if fwd.dup_acks < 0 {
                    1
                } else {
                    fwd.dup_acks + 1
                };
                a.flags.set(Flags16::DUPLICATE_ACK);
                a.dup_ack = Some((fwd.dup_acks as u32, fwd.last_non_dup_ack));
            }
        }

        if Some(ack) != fwd.lastack {
            fwd.last_non_dup_ack = seen.frame;
            fwd.dup_acks = 0;
        }

        // ACKED LOST PACKET: this acknowledges what the other way never showed.
        if flags.ack()
            && let Some(max) = back.max_to_be_acked
            && ack > max
        {
            let next = back.nextseq.unwrap_or(max);
            a.unseen = ack.distance_from(max);
            if max > next {
                back.max_to_be_acked = Some(next);
                a.flags.set(Flags16::ACK_LOST_SEGMENT);
            } else {
                if back.dup_acks == 0 {
                    a.flags.set(Flags16::ACK_LOST_SEGMENT);
                }
                back.dup_acks = -1;
            }
        }

        // RETRANSMISSION / FAST / SPURIOUS / OUT-OF-ORDER
        if (seglen > 0 || flags.syn() || flags.fin()) && !a.flags.has(Flags16::KEEP_ALIVE) {
            let mut not_advanced = fwd.nextseq.is_some_and(|n| seq < n);
            // More than one byte right after a possible zero-window probe: new data.
            if seglen > 1 && fwd.nextseq.is_some_and(|n| n - 1 == seq) {
                not_advanced = false;
            }
            let seq_end = seq + seglen;
            let syn_fin = u32::from(flags.syn() || flags.fin());
            if seglen > 0 && back.lastack.is_some_and(|l| l.0 != 0 && seq_end <= l) {
                a.flags.set(Flags16::SPURIOUS_RETRANSMISSION);
            } else if not_advanced
                && back.dup_acks >= 2
                && back.lastack == Some(seq)
                && seen.t.since(back.lastack_time) < FAST_RETRANSMIT_WINDOW
            {
                a.flags.set(Flags16::FAST_RETRANSMISSION);
            } else if not_advanced
                && seen.t.since(fwd.nextseq_time)
                    < self.first_rtt.unwrap_or(DEFAULT_REORDER_THRESHOLD)
                && fwd.nextseq != Some(seq + seglen + syn_fin)
            {
                a.flags.set(Flags16::OUT_OF_ORDER);
            } else if not_advanced {
                a.flags.set(Flags16::RETRANSMISSION);
            }
            let resent = a.flags.has(Flags16::RETRANSMISSION)
                || a.flags.has(Flags16::FAST_RETRANSMISSION)
                || a.flags.has(Flags16::SPURIOUS_RETRANSMISSION);
            let mut overrides = not_acked;
            if a.flags.has(Flags16::OUT_OF_ORDER) && overrides.is_none() {
                overrides = sent_after_newer(fwd, back, seg);
            }
            if resent || overrides.is_some() {
                let (story, previous) = fwd.retell(seq, seen, overrides);
                let spurious = a.flags.has(Flags16::SPURIOUS_RETRANSMISSION);
                // A SYN,ACK again too soon for a timer: the answer to a SYN
                // that came twice, which says nothing of its first copy.
                let answered_again =
                    flags.syn() && flags.ack() && story.gaps.last().is_some_and(|g| *g < MIN_RTO);
                if let Some(previous) = previous.filter(|_| !spurious && !answered_again) {
                    a.lost = Some((previous, LossEvidence::Resent { frame: seen.frame }));
                }
                a.resent = Some(story);
                // The SYN again, after the peer's SYN,ACK that nothing
                // acknowledged: the SYN,ACK never reached this side.
                if flags.syn()
                    && !flags.ack()
                    && let Some(synack) = back.unacked.iter().find(|u| Some(u.seq) == back.base)
                {
                    a.lost = Some((
                        synack.frame,
                        LossEvidence::RepeatedSyn { frame: seen.frame },
                    ));
                }
                // Bytes the peer's last ACK had covered, sent again well after
                // it: that ACK never reached this side.
                let late = self
                    .first_rtt
                    .is_none_or(|rtt| seen.t.since(back.lastack_time) > rtt);
                if a.lost.is_none()
                    && late
                    && back.last_pure_ack.is_some_and(|(_, acked)| seq < acked)
                    && let Some((ack_frame, _)) = back.last_pure_ack
                {
                    a.lost = Some((ack_frame, LossEvidence::PeerResent { frame: seen.frame }));
                }
            }
        }

        // Remember the newest sequence number (a probe does not move it).
        let mut nextseq = seq + seglen;
        if flags.syn() || flags.fin() {
            nextseq += 1;
        }
        let probe = a.flags.has(Flags16::ZERO_WINDOW_PROBE);
        if (seglen > 0 || flags.syn() || flags.fin()) && fwd.unacked.len() < MAX_UNACKED {
            fwd.unacked.push_back(Unacked {
                frame: seen.frame,
                with_ack: flags.ack(),
                seq,
                nextseq,
                t: seen.t,
            });
        }
        if fwd.nextseq.is_none_or(|n| nextseq > n) && !probe {
            fwd.nextseq = Some(nextseq);
            fwd.nextseq_frame = seen.frame;
            fwd.nextseq_time = seen.t;
            fwd.nextseq_tsval = seg.options.timestamps.map(|ts| ts.value);
        }
        if (fwd.max_to_be_acked.is_none() || fwd.max_to_be_acked == Some(seq)) && !probe {
            fwd.max_to_be_acked = fwd.nextseq;
        }
        fwd.window = Some(window);
        fwd.window_from_syn = flags.syn();
        fwd.lastack = Some(ack);
        fwd.lastack_time = seen.t;
        fwd.last_flags = a.flags;
        fwd.last_seen = Some(seen.t);
        fwd.last_pure_ack = (flags.ack() && seglen == 0 && !control).then_some((seen.frame, ack));

        // What this acknowledges, and how long it took.
        a.acks = back.acknowledge(ack, seen.t);
        if !flags.ack() {
            a.acks = None;
        }

        // The handshake's RTT: from the latest SYN to the first ACK without SYN.
        if flags.ack()
            && !flags.syn()
            && self.first_rtt.is_none()
            && let Some(syn) = self.last_syn
        {
            let rtt = seen.t.since(syn);
            self.first_rtt = Some(rtt);
            a.initial_rtt = Some(rtt);
        }
        a
    }

    /// A SYN: the time for the initial RTT, and window scaling as Wireshark
    /// settles it (off unless both SYNs offered it).
    fn note_syn(&mut self, dir: usize, seg: &Segment) {
        let synack = seg.flags.ack();
        let offered = seg.options.window_scale.map(|s| s.min(14));
        let (fwd, back) = pair(&mut self.flows, dir);
        match offered {
            None => {
                fwd.scale = Scale::Off;
                back.scale = Scale::Off;
            }
            Some(_) if synack && back.scale == Scale::Off => fwd.scale = Scale::Off,
            Some(shift) => fwd.scale = Scale::Shift(shift),
        }
    }

    /// Records the time of a SYN without ACK (called after `analyse`, as
    /// Wireshark sets it while dissecting the flags).
    pub fn syn_time(&mut self, seg: &Segment, t: Instant) {
        if seg.flags.syn() && !seg.flags.ack() {
            self.last_syn = Some(t);
        }
    }
}

impl Flow {
    /// The story of a retransmission of `seq`: the first frame that carried
    /// it and the gaps between each sending.
    /// Also returns the frame of the copy before this one when nothing
    /// acknowledged it: that copy never arrived.
    fn retell(
        &mut self,
        seq: SeqNumber,
        seen: &Seen,
        overrides: Option<Override>,
    ) -> (Resent, Option<u32>) {
        let (frame, t, with_ack) = (seen.frame, seen.t, seen.seg.flags.ack());
        // A SYN,ACK after our own SYN is the simultaneous open's answer.
        let same_kind =
            |previous_with_ack: bool| !seen.seg.flags.syn() || previous_with_ack == with_ack;
        if let Some(chain) = &mut self.chain
            && chain.seq == seq
        {
            chain.resent.attempt += 1;
            if chain.resent.gaps.len() < Resent::MAX_GAPS {
                chain.resent.gaps.push(t.since(chain.last_sent));
            }
            let previous = same_kind(chain.last_with_ack).then_some(chain.last_frame);
            chain.last_sent = t;
            chain.last_frame = frame;
            chain.last_with_ack = with_ack;
            chain.resent.overrides = overrides;
            return (chain.resent.clone(), previous);
        }
        let first = self.unacked.iter().find(|u| u.seq == seq).copied();
        let resent = Resent {
            original: first.map(|u| u.frame),
            attempt: 1,
            gaps: first.map(|u| t.since(u.t)).into_iter().collect(),
            overrides,
        };
        self.chain = Some(Chain {
            seq,
            last_sent: t,
            last_frame: frame,
            last_with_ack: with_ack,
            resent: resent.clone(),
        });
        let previous = first.filter(|u| same_kind(u.with_ack)).map(|u| u.frame);
        (resent, previous)
    }

    /// Forgets what `ack` acknowledges; returns the frame it acknowledges
    /// exactly and the time since that frame.
    fn acknowledge(&mut self, ack: SeqNumber, t: Instant) -> Option<(u32, Duration)> {
        let mut acked = None;
        while let Some(first) = self.unacked.front_mut() {
            if first.nextseq <= ack {
                if first.nextseq == ack {
                    acked = Some((first.frame, t.since(first.t)));
                }
                self.unacked.pop_front();
            } else {
                if first.seq < ack {
                    first.seq = ack;
                }
                break;
            }
        }
        // Retransmissions in the list (old sequence numbers after newer ones)
        // are not in order: drop any now covered too.
        self.unacked.retain(|u| {
            if u.nextseq == ack && acked.is_none() {
                acked = Some((u.frame, t.since(u.t)));
            }
            u.nextseq > ack
        });
        if self.chain.as_ref().is_some_and(|c| c.seq < ack) {
            self.chain = None;
        }
        acked
    }
}

/// When a segment Wireshark calls out-of-order carries a TCP timestamp
/// later than the newest data seen before it, it was sent after that data:
/// the sender repeated it, when duplicate ACKs had asked for exactly it.
fn sent_after_newer(fwd: &Flow, back: &Flow, seg: &Segment) -> Option<Override> {
    let tsval = seg.options.timestamps?.value;
    let newest = fwd.nextseq_tsval?;
    // Later in the timestamp clock's own wrapping order.
    let later = tsval != newest && tsval.wrapping_sub(newest) < (1 << 31);
    let asked = back.lastack == Some(seg.seq) && back.dup_acks > 0;
    (later && asked).then_some(Override::AskedFor {
        dupacks: back.dup_acks as u32,
        tsval,
        newer_tsval: newest,
    })
}

/// A window field as bytes.
fn scaled(window: u16, scale: Scale, from_syn: bool) -> u32 {
    match scale {
        Scale::Shift(s) if !from_syn => u32::from(window) << s,
        _ => u32::from(window),
    }
}

/// Both flows, the one at `dir` first.
fn pair(flows: &mut [Flow; 2], dir: usize) -> (&mut Flow, &mut Flow) {
    let [a, b] = flows;
    if dir == 0 { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests;
