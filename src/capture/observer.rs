//! The TCP model as an observer: fed the segments of a real capture, in both
//! directions, it infers each endpoint's RFC 9293 state after every packet and
//! notices what Wireshark's analysis would (retransmissions, duplicate ACKs,
//! segments not captured, zero windows), emitting the same trace a lesson does.
//!
//! A capture is watched from one point, so each packet counts as sent and
//! received at the same instant. Transitions follow RFC 9293's state diagram;
//! what a capture cannot show (the listen() call, a handshake before the
//! capture began) is inferred and said to be inferred.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use crate::tcp::{
    Cause, ConnError, DiscardReason, ResetReason, Segment, SendReason, SeqNumber, State, Transmit,
};
use crate::time::Instant;
use crate::trace::{Datagram, Fault, Host, LossEvidence, Note, Sink, StateCause, Step, StepKind};

use super::analysis::{Analysis, Analyzer, Flags16, Seen};
use super::control_words::control_words;
use super::fernet::FernetWatch;
use crate::wire::{TcpFrame, UdpFrame};

/// How to show what is observed.
#[derive(Clone, Debug, Default)]
pub struct ObserverOptions {
    /// Show sequence numbers counted from each side's ISN, as Wireshark does.
    pub relative: bool,
    /// Frames an earlier pass over the same file found lost after the
    /// capture point: shown as lost, and the receiver does not move on them.
    pub losses: Arc<Losses>,
}

/// Frames seen at the capture point that later packets showed never
/// arrived, with what showed it. A capture is watched from one point: only
/// hindsight can tell, so explain learns these in its first pass and tells
/// them to the passes that draw.
#[derive(Clone, Debug, Default)]
pub struct Losses(BTreeMap<u32, LossEvidence>);

/// At most this many losses are remembered, so memory stays bounded on a
/// capture of a very lossy link; past it, later losses are shown as delivered.
const MAX_LOSSES: usize = 1 << 20;

impl Losses {
    /// Remembers the first evidence found for `frame`.
    fn learn(&mut self, frame: u32, evidence: LossEvidence) {
        if self.0.len() < MAX_LOSSES {
            self.0.entry(frame).or_insert(evidence);
        }
    }

    /// What showed that `frame` never arrived, if it did not.
    pub fn of(&self, frame: u32) -> Option<LossEvidence> {
        self.0.get(&frame).copied()
    }

    /// How many frames are known lost.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no frame is known lost.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How a conversation began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    Handshake,
    Simultaneous,
    /// A SYN answered by RST: nothing was listening.
    Refused,
    /// Only SYNs: no answer in the capture.
    Unanswered,
    /// The capture began after the handshake.
    MidStream,
    /// UDP has no opening.
    Datagrams,
}

/// How a conversation ended, as far as the capture shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Fin,
    HalfClosed,
    Rst,
    StillOpen,
}

/// One line of `explain --summary`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub index: u32,
    pub udp: bool,
    pub client: SocketAddr,
    pub server: SocketAddr,
    pub packets: u64,
    /// Payload bytes sent by the client and by the server.
    pub bytes: [u64; 2],
    pub opened: Opened,
    pub ended: Ended,
    pub states: [State; 2],
    pub first: Instant,
    pub last: Instant,
    /// The first and last frame of the file that belong to it.
    pub frames: (u32, u32),
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Key(SocketAddr, SocketAddr);

/// Each socket hashed as one or two words rather than field by field, as
/// `SocketAddr` does: the key is hashed for every packet. Equal keys write
/// the same words.
impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for addr in [self.0, self.1] {
            match addr {
                SocketAddr::V4(a) => {
                    state.write_u64(u64::from(a.ip().to_bits()) << 16 | u64::from(a.port()));
                }
                SocketAddr::V6(a) => {
                    state.write_u128(a.ip().to_bits());
                    state.write_u16(a.port());
                }
            }
        }
    }
}

impl Key {
    fn of(a: SocketAddr, b: SocketAddr) -> Key {
        if (a.ip(), a.port()) <= (b.ip(), b.port()) {
            Key(a, b)
        } else {
            Key(b, a)
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Side {
    state: State,
    /// Sequence numbers are counted from here when relative (the ISN).
    base: Option<SeqNumber>,
    isn: Option<SeqNumber>,
    sent_syn: bool,
    /// Just past the highest sequence number this side has sent.
    next: Option<SeqNumber>,
    fin: Option<SeqNumber>,
    /// The peer's FIN has been taken into account.
    got_fin: bool,
    /// The peer's FIN was seen on the wire but may not have arrived yet: the
    /// sequence number just past it, and whether it also acknowledged our FIN.
    fin_in_flight: Option<(SeqNumber, bool)>,
    passive: bool,
    last_ack: Option<SeqNumber>,
    last_window: Option<u16>,
    offered_wscale: Option<u8>,
}

struct Conversation {
    summary: Summary,
    sides: [Side; 2],
    /// Window scaling applies only when both SYNs offered it.
    wscale_on: bool,
    saw_rst: bool,
    /// Wireshark's analysis of every segment.
    analyzer: Analyzer,
    /// This conversation replaced an earlier one on the same ports.
    reused: bool,
    /// The frames of the handshake's SYN, SYN,ACK and third ACK, as seen.
    handshake: Handshake,
    /// A Fernet key in the clear, and the tokens it opens.
    fernet: FernetWatch,
    /// The notes of the segment being watched, in a vector kept from one
    /// segment to the next rather than allocated for each.
    notes: Vec<Note>,
}

/// Where the real handshake was, for a payload that plays one in words.
#[derive(Clone, Copy, Debug, Default)]
struct Handshake {
    syn: Option<(u32, usize)>,
    syn_ack: Option<u32>,
    ack: Option<u32>,
}

impl Handshake {
    /// Notes the first SYN, SYN,ACK and the SYN's sender's first plain ACK.
    fn watch(&mut self, side: usize, seg: &Segment, frame: u32) {
        let flags = seg.flags;
        match (flags.syn(), flags.ack()) {
            (true, false) if self.syn.is_none() => self.syn = Some((frame, side)),
            (true, true) if self.syn_ack.is_none() && self.syn.is_some() => {
                self.syn_ack = Some(frame);
            }
            (false, true)
                if self.ack.is_none()
                    && self.syn_ack.is_some()
                    && self.syn.is_some_and(|(_, s)| s == side) =>
            {
                self.ack = Some(frame);
            }
            _ => {}
        }
    }

    fn frames(&self) -> Option<[u32; 3]> {
        Some([self.syn?.0, self.syn_ack?, self.ack?])
    }
}

/// Watches every conversation in a capture.
pub struct Observer {
    opts: ObserverOptions,
    /// Keyed by both sockets; foldhash rather than SipHash, since the map is
    /// consulted once or twice for every packet (still randomly seeded, as a
    /// capture file is untrusted input).
    open: HashMap<Key, Conversation, foldhash::fast::RandomState>,
    next_index: u32,
    start: Option<Duration>,
    now: Instant,
    /// Conversations over (or replaced) since the last `take_finished`.
    finished: Vec<Summary>,
    packets_since_sweep: u32,
    /// The frame being watched, counted as Wireshark numbers them (from 1).
    frame: u32,
    /// Losses found in this pass (see [`Losses`]).
    learned: Losses,
}

/// A conversation is forgotten this long after its last packet once it is over.
const LINGER: Duration = Duration::from_secs(120);

impl Observer {
    pub fn new(opts: ObserverOptions) -> Self {
        Observer {
            opts,
            open: HashMap::default(),
            next_index: 0,
            start: None,
            now: Instant::ZERO,
            finished: Vec::new(),
            packets_since_sweep: 0,
            frame: 0,
            learned: Losses::default(),
        }
    }

    /// Capture time as the trace's virtual time: microseconds since the first frame.
    /// Every frame of the file passes here, packet or not, so the count is
    /// the frame number Wireshark shows.
    pub fn clock(&mut self, timestamp: Duration) -> Instant {
        self.frame = self.frame.saturating_add(1);
        let start = *self.start.get_or_insert(timestamp);
        self.now = Instant::from_micros(timestamp.saturating_sub(start).as_micros() as u64);
        self.now
    }

    /// The frames this pass found lost after the capture point, for the
    /// next pass's [`ObserverOptions::losses`].
    pub fn take_losses(&mut self) -> Losses {
        std::mem::take(&mut self.learned)
    }

    /// Summaries of conversations that are over, in the order they ended.
    pub fn take_finished(&mut self) -> Vec<Summary> {
        std::mem::take(&mut self.finished)
    }

    /// The capture ended: FINs still in flight are taken as arrived (their
    /// state changes go to `sink` for the conversations `want` accepts).
    pub fn finish(&mut self, sink: &mut dyn Sink, want: &dyn Fn(u32) -> bool) -> io::Result<()> {
        let now = self.now;
        let mut convs: Vec<&mut Conversation> = self.open.values_mut().collect();
        convs.sort_by_key(|c| c.summary.index);
        for conv in convs {
            let index = conv.summary.index;
            let mut out = Emitter {
                sink: &mut *sink,
                on: want(index),
                t: now,
                conv: index,
                frame: None,
            };
            conv.settle_all(&mut out)?;
        }
        Ok(())
    }

    /// Every conversation still being watched (at the end of a capture).
    pub fn drain_open(&mut self) -> Vec<Summary> {
        let mut rest: Vec<Summary> = self.open.drain().map(|(_, c)| c.summary).collect();
        rest.sort_by_key(|s| s.index);
        rest
    }

    /// Watches one TCP segment; steps for the conversations `want` accepts go to `sink`.
    pub fn tcp(
        &mut self,
        frame: &TcpFrame,
        sink: &mut dyn Sink,
        want: &dyn Fn(u32) -> bool,
    ) -> io::Result<()> {
        let seg = &frame.segment;
        let now = self.now;
        let this_frame = self.frame;
        let relative = self.opts.relative;
        let lost = self.opts.losses.of(this_frame);
        // One lookup per packet. As Wireshark: a SYN with a new ISN on known
        // ports is a new conversation ("reused ports"), whether or not the
        // old one ended.
        let (conv, starts_new) = match self.open.entry(Key::of(seg.src, seg.dst)) {
            Entry::Occupied(known) if !known.get().is_new_syn(seg) => (known.into_mut(), false),
            entry => {
                let index = self.next_index;
                self.next_index += 1;
                let mut conv = new_conversation(index, now, this_frame, seg, false);
                match entry {
                    Entry::Occupied(mut old) => {
                        conv.reused = true;
                        self.finished.push(old.insert(conv).summary);
                        (old.into_mut(), true)
                    }
                    Entry::Vacant(place) => (place.insert(conv), true),
                }
            }
        };
        let index = conv.summary.index;
        conv.summary.frames.1 = this_frame;
        let mut out = Emitter {
            sink,
            on: want(index),
            t: now,
            conv: index,
            frame: Some(this_frame),
        };
        if starts_new && !seg.flags.syn() {
            conv.caught_mid_stream(seg, &mut out)?;
        }
        if let Some((frame, evidence)) = conv.observe(frame, relative, lost, &mut out)? {
            self.learned.learn(frame, evidence);
        }
        self.sweep();
        Ok(())
    }

    /// Lists one UDP datagram.
    pub fn udp(
        &mut self,
        frame: &UdpFrame,
        sink: &mut dyn Sink,
        want: &dyn Fn(u32) -> bool,
    ) -> io::Result<()> {
        let key = Key::of(frame.src, frame.dst);
        if !self.open.contains_key(&key) {
            let mut seg = Segment::new(frame.src, frame.dst, SeqNumber(0), crate::tcp::Flags::NONE);
            seg.payload = Bytes::new();
            let conv = self.start_conversation(&seg, true);
            self.open.insert(key, conv);
        }
        let now = self.now;
        let Some(conv) = self.open.get_mut(&key) else {
            return Ok(());
        };
        let s = conv.side_of(frame.src);
        conv.summary.packets += 1;
        conv.summary.bytes[s] += frame.payload_len as u64;
        conv.summary.last = now;
        conv.summary.frames.1 = self.frame;
        if want(conv.summary.index) {
            sink.step(&Step {
                t: now,
                host: host(s),
                conv: conv.summary.index,
                frame: Some(self.frame),
                kind: StepKind::Datagram(Datagram {
                    src: frame.src,
                    dst: frame.dst,
                    payload: frame.payload.clone(),
                    len: frame.payload_len as u32,
                }),
            })?;
        }
        Ok(())
    }

    fn start_conversation(&mut self, seg: &Segment, udp: bool) -> Conversation {
        let index = self.next_index;
        self.next_index += 1;
        new_conversation(index, self.now, self.frame, seg, udp)
    }

    /// Every few thousand packets, forgets conversations long over.
    fn sweep(&mut self) {
        self.packets_since_sweep += 1;
        if self.packets_since_sweep < 4096 {
            return;
        }
        self.packets_since_sweep = 0;
        let now = self.now;
        let over: Vec<Key> = self
            .open
            .iter()
            .filter(|(_, c)| (c.is_over() || c.summary.udp) && now.since(c.summary.last) > LINGER)
            .map(|(k, _)| *k)
            .collect();
        for key in over {
            if let Some(c) = self.open.remove(&key) {
                self.finished.push(c.summary);
            }
        }
    }
}

/// A conversation whose first packet, `seg`, is frame `frame` at `now`.
fn new_conversation(
    index: u32,
    now: Instant,
    frame: u32,
    seg: &Segment,
    udp: bool,
) -> Conversation {
    // The client sent the first SYN; mid-stream, the roles are guessed from the ports.
    let (client, server) = if udp || (seg.flags.syn() && !seg.flags.ack()) {
        (seg.src, seg.dst)
    } else if seg.flags.syn() {
        (seg.dst, seg.src)
    } else {
        guess_roles(seg.src, seg.dst)
    };
    Conversation {
        summary: Summary {
            index,
            udp,
            client,
            server,
            packets: 0,
            bytes: [0; 2],
            opened: if udp {
                Opened::Datagrams
            } else if seg.flags.syn() {
                Opened::Unanswered
            } else {
                Opened::MidStream
            },
            ended: Ended::StillOpen,
            states: [State::Closed; 2],
            first: now,
            last: now,
            frames: (frame, frame),
        },
        sides: Default::default(),
        wscale_on: false,
        saw_rst: false,
        analyzer: Analyzer::default(),
        reused: false,
        notes: Vec::new(),
        handshake: Handshake::default(),
        fernet: FernetWatch::default(),
    }
}

/// Without a handshake, which side is the server is a guess: the one on the
/// well-known port, or else on the lower port (ephemeral ports are high);
/// on equal ports, the lower address is called the client. Returns
/// (client, server).
fn guess_roles(a: SocketAddr, b: SocketAddr) -> (SocketAddr, SocketAddr) {
    let well_known = |p: u16| p < 1024;
    let a_serves = match (well_known(a.port()), well_known(b.port())) {
        (true, false) => true,
        (false, true) => false,
        _ if a.port() != b.port() => a.port() < b.port(),
        _ => (a.ip(), a.port()) > (b.ip(), b.port()),
    };
    if a_serves { (b, a) } else { (a, b) }
}

fn host(side: usize) -> Host {
    if side == 0 {
        Host::Client
    } else {
        Host::Server
    }
}

/// Sends steps of one conversation to the sink, when that conversation is wanted.
struct Emitter<'a> {
    sink: &'a mut dyn Sink,
    on: bool,
    t: Instant,
    conv: u32,
    frame: Option<u32>,
}

impl Emitter<'_> {
    fn emit(&mut self, side: usize, kind: StepKind) -> io::Result<()> {
        if !self.on {
            return Ok(());
        }
        self.sink.step(&Step {
            t: self.t,
            host: host(side),
            conv: self.conv,
            frame: self.frame,
            kind,
        })
    }
}

impl Conversation {
    fn side_of(&self, addr: SocketAddr) -> usize {
        usize::from(addr != self.summary.client)
    }

    /// A SYN (without ACK) whose ISN differs from where this side's numbers
    /// began: a new connection on the same ports. The same ISN again is a
    /// retransmission of the SYN.
    fn is_new_syn(&self, seg: &Segment) -> bool {
        seg.flags.syn()
            && !seg.flags.ack()
            && self
                .analyzer
                .base(self.side_of(seg.src))
                .is_some_and(|base| base != seg.seq)
    }

    /// Over: both sides closed (or one waiting out TIME-WAIT), or reset.
    fn is_over(&self) -> bool {
        let done = |s: State| matches!(s, State::Closed | State::TimeWait);
        (done(self.sides[0].state) && done(self.sides[1].state)) || self.saw_rst
    }

    fn set_state(
        &mut self,
        side: usize,
        to: State,
        cause: impl Into<StateCause>,
        out: &mut Emitter,
    ) -> io::Result<()> {
        let from = self.sides[side].state;
        if from == to {
            return Ok(());
        }
        self.sides[side].state = to;
        self.summary.states[side] = to;
        let cause = cause.into();
        out.emit(side, StepKind::State { from, to, cause })
    }

    /// The first packet seen is not a SYN: the connection was already open.
    fn caught_mid_stream(&mut self, seg: &Segment, out: &mut Emitter) -> io::Result<()> {
        out.emit(0, StepKind::Note(Note::MidStream))?;
        for side in 0..2 {
            self.set_state(side, State::Established, StateCause::CaughtMidStream, out)?;
        }
        // Count from what is seen: the first byte seen is 1, as after a handshake.
        let s = self.side_of(seg.src);
        self.sides[s].base = Some(seg.seq - 1);
        if seg.flags.ack() {
            self.sides[1 - s].base = Some(seg.ack - 1);
        }
        Ok(())
    }

    /// Watches one segment; `lost` says it never arrived (learned in an
    /// earlier pass). Returns an earlier frame this one shows was lost.
    fn observe(
        &mut self,
        frame: &TcpFrame,
        relative: bool,
        lost: Option<LossEvidence>,
        out: &mut Emitter,
    ) -> io::Result<Option<(u32, LossEvidence)>> {
        let seg = &frame.segment;
        let s = self.side_of(seg.src);
        let r = 1 - s;
        let len = frame.payload_len as u32;
        let seq_len = len + u32::from(seg.flags.syn()) + u32::from(seg.flags.fin());
        let seg_end = seg.seq + seq_len;
        self.summary.packets += 1;
        self.summary.bytes[s] += u64::from(len);
        self.summary.last = out.t;

        // What the segment says, before any state moves: Wireshark's verdict.
        let seen_frame = out.frame.unwrap_or(0);
        let seen = Seen {
            frame: seen_frame,
            t: out.t,
            seg,
            len,
        };
        let analysis = self.analyzer.analyse(s, &seen);
        self.analyzer.syn_time(seg, out.t);
        // For the states, any sequence numbers already sent are a repeat.
        let retransmission = self.is_retransmission(s, seg, seq_len, seg_end);
        // Said before the SYN, so its narration can give both numbers.
        let relative_from = (seg.flags.syn() && !retransmission && relative).then_some(seg.seq);
        let reused = std::mem::take(&mut self.reused);
        // Notes, renumbered segments and steps only for a conversation
        // someone sees: a pass that only counts skips building them.
        let mut notes = std::mem::take(&mut self.notes);
        notes.clear();
        let mut reason = None;
        if out.on {
            if reused {
                notes.push(Note::ReusedPorts);
            }
            reason = self.analysis_notes(s, seg, len, &analysis, relative, &mut notes);
            let captured = seg.payload.len() as u32;
            if captured < len {
                notes.push(Note::Truncated { captured, len });
            }
        }
        let resent = analysis.resent.is_some();
        self.handshake.watch(s, seg, seen_frame);
        // The key's watch runs in every pass, so what it knows is the same
        // whichever conversations are shown.
        let fernet = if len > 0 && !resent {
            self.fernet.watch(s, &seg.payload, seen_frame)
        } else {
            Vec::new()
        };
        if out.on {
            if len > 0
                && !resent
                && let Some(text) = control_words(&seg.payload)
            {
                notes.push(Note::ControlWords {
                    text,
                    handshake: self.handshake.frames(),
                });
            }
            notes.extend(fernet);
        }

        // A FIN in flight to the sender has arrived if this segment acknowledges it.
        if let Some((end, _)) = self.sides[s].fin_in_flight
            && seg.flags.ack()
            && seg.ack >= end
        {
            self.settle_fin(s, out)?;
        }

        // The sender's own moves (it connected, accepted, closed or reset).
        self.sender_moves(s, seg, len, retransmission, out)?;

        // The segment itself, then what the observer noticed about it.
        if out.on {
            let shown = self.shown_segment(s, seg, len, relative);
            let reason = reason.unwrap_or_else(|| self.send_reason(s, seg, len));
            if let Some(isn) = relative_from {
                out.emit(s, StepKind::Note(Note::Relative { isn }))?;
            }
            out.emit(
                s,
                StepKind::Send {
                    transmit: Transmit {
                        segment: shown.clone(),
                        reason,
                        retransmission: resent,
                    },
                    captured: Some(frame.header.clone()),
                },
            )?;
            for note in notes.drain(..) {
                out.emit(s, StepKind::Note(note))?;
            }
            if let Some(evidence) = lost {
                // Lost after the capture point: the receiver never saw it.
                out.emit(s, StepKind::Note(Note::LostAfterCapture(evidence)))?;
                out.emit(
                    s,
                    StepKind::Drop {
                        segment: shown,
                        fault: Fault::Drop,
                    },
                )?;
            } else {
                out.emit(r, StepKind::Deliver(shown))?;
            }
        }
        self.notes = notes;
        if lost.is_none() {
            // Segments arrive in order: a FIN sent before this one is in by now.
            if self.sides[r].fin_in_flight.is_some() && !retransmission {
                self.settle_fin(r, out)?;
            }
            // The receiver's moves.
            self.receiver_moves(r, seg, seg_end, retransmission, out)?;
        }

        let side = &mut self.sides[s];
        if side.next.is_none_or(|n| seg_end > n) {
            side.next = Some(seg_end);
        }
        if seg.flags.ack() {
            side.last_ack = Some(seg.ack);
            side.last_window = Some(seg.window);
        }
        self.update_summary();
        Ok(analysis.lost)
    }

    fn is_retransmission(&self, s: usize, seg: &Segment, seq_len: u32, seg_end: SeqNumber) -> bool {
        let side = &self.sides[s];
        if seg.flags.syn() {
            return side.sent_syn && side.isn == Some(seg.seq);
        }
        // A keep-alive (no byte, or one old byte, just below SND.NXT) is not one.
        let keep_alive =
            seq_len <= 1 && !seg.flags.fin() && side.next.is_some_and(|next| seg.seq + 1 == next);
        seq_len > 0 && !keep_alive && side.next.is_some_and(|next| seg_end <= next)
    }

    /// Whether `seq` lies outside `r`'s receive window, as far as the capture
    /// can tell: before what `r` acknowledged (the window starts at RCV.NXT,
    /// and that is past it), or beyond the window `r` advertised, counted
    /// from the furthest the peer has sent since (what `r` may have taken in).
    /// Nothing is outside before `r` acknowledged anything.
    fn outside_receive_window(&self, r: usize, seq: SeqNumber) -> bool {
        let side = &self.sides[r];
        let Some(ack) = side.last_ack else {
            return false;
        };
        let received = self.sides[1 - r].next.filter(|n| *n > ack).unwrap_or(ack);
        let window = u32::from(side.last_window.unwrap_or(0)) << self.window_shift(r);
        !seq.in_window(
            ack,
            received.distance_from(ack).saturating_add(window.max(1)),
        )
    }

    /// How far `side`'s window field is shifted: window scaling applies
    /// only when both SYNs offered it.
    fn window_shift(&self, side: usize) -> u8 {
        if self.wscale_on {
            self.sides[side].offered_wscale.unwrap_or(0)
        } else {
            0
        }
    }

    /// Wireshark's verdict as notes, in the order its expert info lists
    /// them; returns the send reason a duplicate ACK or window update implies.
    fn analysis_notes(
        &self,
        s: usize,
        seg: &Segment,
        len: u32,
        a: &Analysis,
        relative: bool,
        notes: &mut Vec<Note>,
    ) -> Option<SendReason> {
        let f = a.flags;
        let mut reason = None;
        if let Some(resent) = &a.resent {
            let resent = resent.clone();
            notes.push(if resent.overrides.is_some() {
                Note::Retransmission(resent)
            } else if f.has(Flags16::SPURIOUS_RETRANSMISSION) {
                Note::SpuriousRetransmission(resent)
            } else if f.has(Flags16::FAST_RETRANSMISSION) {
                Note::FastRetransmission(resent)
            } else {
                Note::Retransmission(resent)
            });
        } else if f.has(Flags16::OUT_OF_ORDER) {
            notes.push(Note::OutOfOrder { len });
        }
        if f.has(Flags16::LOST_SEGMENT) {
            notes.push(Note::NotCaptured { missing: a.missing });
        }
        if f.has(Flags16::ACK_LOST_SEGMENT) {
            notes.push(Note::AckedUnseen { unseen: a.unseen });
        }
        if f.has(Flags16::KEEP_ALIVE) {
            notes.push(Note::KeepAlive {
                since: a.keep_alive_since,
            });
        }
        if f.has(Flags16::KEEP_ALIVE_ACK) {
            notes.push(Note::KeepAliveAck);
        }
        if let Some((count, original)) = a.dup_ack {
            let shown = |n: SeqNumber| self.shown_number(1 - s, n, relative);
            notes.push(Note::DuplicateAck {
                count,
                ack: SeqNumber(shown(seg.ack)),
                original: (original > 0).then_some(original),
                sack: seg
                    .options
                    .sack
                    .iter()
                    .map(|b| (shown(b.left), shown(b.right)))
                    .collect(),
            });
            reason = Some(SendReason::DuplicateAck);
        }
        if f.has(Flags16::ZERO_WINDOW) {
            notes.push(Note::ZeroWindow);
        }
        if let Some((attempt, since)) = a.probe {
            notes.push(Note::ZeroWindowProbe { attempt, since });
        }
        if f.has(Flags16::ZERO_WINDOW_PROBE_ACK) {
            notes.push(Note::ZeroWindowProbeAck);
        }
        if f.has(Flags16::WINDOW_UPDATE) {
            notes.push(Note::WindowUpdate {
                window: a.window_bytes,
            });
            reason = Some(SendReason::WindowUpdate);
        }
        if f.has(Flags16::WINDOW_FULL) {
            notes.push(Note::WindowFull {
                window: a.window_bytes,
            });
        }
        if let Some(rtt) = a.initial_rtt {
            notes.push(Note::InitialRtt { rtt });
        }
        if let Some((frame, rtt)) = a.acks {
            notes.push(Note::Acks { frame, rtt });
        }
        if seg.flags.syn() && seg.flags.ack() && !f.has(Flags16::RETRANSMISSION) {
            notes.push(Note::WindowScale {
                shifts: self.analyzer.shifts(),
            });
        }
        reason
    }

    /// A sequence number of `side`'s space as shown: relative to its ISN when asked.
    fn shown_number(&self, side: usize, n: SeqNumber, relative: bool) -> u32 {
        match self.sides[side].base {
            Some(base) if relative => n.distance_from(base),
            _ => n.0,
        }
    }

    fn send_reason(&self, s: usize, seg: &Segment, len: u32) -> SendReason {
        if seg.flags.syn() {
            SendReason::Open
        } else if seg.flags.rst() {
            // An RST answering a SYN says nothing listens; otherwise the sender aborted.
            let r = 1 - s;
            if self.sides[r].sent_syn && !self.sides[s].sent_syn {
                SendReason::Reset(ResetReason::NoConnection)
            } else {
                SendReason::Reset(ResetReason::Abort)
            }
        } else if len > 0 || seg.flags.fin() {
            SendReason::Data
        } else {
            SendReason::Ack
        }
    }

    fn sender_moves(
        &mut self,
        s: usize,
        seg: &Segment,
        len: u32,
        retransmission: bool,
        out: &mut Emitter,
    ) -> io::Result<()> {
        let state = self.sides[s].state;
        if seg.flags.syn() {
            if !self.sides[s].sent_syn {
                let side = &mut self.sides[s];
                side.sent_syn = true;
                side.isn = Some(seg.seq);
                side.base = Some(seg.seq);
                side.offered_wscale = seg.options.window_scale;
            }
            if !seg.flags.ack() && !retransmission && matches!(state, State::Closed | State::Listen)
            {
                self.set_state(s, State::SynSent, Cause::CallConnect, out)?;
            } else if seg.flags.ack() && state == State::SynSent {
                // Its own SYN is out and it answers a SYN: the two SYNs crossed.
                self.summary.opened = Opened::Simultaneous;
                self.set_state(s, State::SynReceived, Cause::RecvSimultaneousSyn, out)?;
            } else if seg.flags.ack() && state == State::Closed {
                // The SYN it answers came before the capture began.
                self.set_state(s, State::Listen, StateCause::InferredListen, out)?;
                self.set_state(s, State::SynReceived, Cause::RecvSyn, out)?;
                self.sides[s].passive = true;
            }
            if seg.flags.ack() {
                self.wscale_on = self.sides[0].offered_wscale.is_some()
                    && self.sides[1].offered_wscale.is_some();
            }
            return Ok(());
        }
        if seg.flags.rst() {
            if !matches!(state, State::Closed | State::Listen) {
                self.set_state(s, State::Closed, Cause::CallAbort, out)?;
            }
            return Ok(());
        }
        if seg.flags.fin() && !retransmission {
            self.sides[s].fin = Some(seg.seq + len);
            match state {
                State::Established | State::SynReceived => {
                    self.set_state(s, State::FinWait1, Cause::CallClose, out)?;
                }
                State::CloseWait => self.set_state(s, State::LastAck, Cause::CallClose, out)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn receiver_moves(
        &mut self,
        r: usize,
        seg: &Segment,
        seg_end: SeqNumber,
        retransmission: bool,
        out: &mut Emitter,
    ) -> io::Result<()> {
        let state = self.sides[r].state;
        if seg.flags.rst() {
            match state {
                // §3.10.7.3: in SYN-SENT only an RST whose ACK acknowledges the
                // SYN counts; any other "should be dropped".
                State::SynSent
                    if !(seg.flags.ack()
                        && self.sides[r].isn.is_some_and(|i| seg.ack == i + 1)) =>
                {
                    out.emit(r, StepKind::Discard(DiscardReason::ResetIgnored))?;
                    return Ok(());
                }
                State::SynSent => {
                    self.saw_rst = true;
                    out.emit(r, StepKind::Error(ConnError::Refused))?;
                    self.set_state(r, State::Closed, Cause::RecvRst, out)?;
                }
                State::Closed | State::Listen => {}
                // §3.10.7.4 first check: an RST outside the receive window
                // (an old one, say, answering a late segment) is dropped.
                _ if self.outside_receive_window(r, seg.seq) => {
                    out.emit(r, StepKind::Discard(DiscardReason::ResetIgnored))?;
                    return Ok(());
                }
                State::SynReceived if self.sides[r].passive => {
                    self.set_state(r, State::Listen, Cause::RecvRstBackToListen, out)?;
                }
                State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                    out.emit(r, StepKind::Error(ConnError::Reset))?;
                    self.set_state(r, State::Closed, Cause::RecvRst, out)?;
                }
                State::SynReceived | State::Closing | State::LastAck | State::TimeWait => {
                    self.set_state(r, State::Closed, Cause::RecvRst, out)?;
                }
            }
            if state != State::SynSent {
                self.saw_rst = true;
            }
            return Ok(());
        }
        if seg.flags.syn() && !seg.flags.ack() {
            match state {
                // Nothing is known of this side yet: whether it listens shows in
                // its answer (SYN,ACK: it did; RST: nothing listens), so the
                // inference waits for that (see `sender_moves`).
                State::Closed => {}
                State::Listen => self.set_state(r, State::SynReceived, Cause::RecvSyn, out)?,
                State::SynSent => {
                    self.summary.opened = Opened::Simultaneous;
                    self.set_state(r, State::SynReceived, Cause::RecvSimultaneousSyn, out)?;
                }
                _ => {}
            }
            return Ok(());
        }
        if seg.flags.syn() {
            match state {
                State::SynSent if self.sides[r].isn.is_some_and(|i| seg.ack == i + 1) => {
                    if self.summary.opened == Opened::Unanswered {
                        self.summary.opened = Opened::Handshake;
                    }
                    self.set_state(r, State::Established, Cause::RecvSynAck, out)?;
                }
                State::SynReceived => {
                    self.set_state(r, State::Established, Cause::RecvAckOfSyn, out)?
                }
                _ => {}
            }
            return Ok(());
        }
        if seg.flags.ack() {
            let ack = seg.ack;
            let fin_acked = self.sides[r].fin.is_some_and(|f| ack > f);
            match state {
                State::SynReceived if self.sides[r].isn.is_some_and(|i| ack > i) => {
                    if self.summary.opened == Opened::Unanswered {
                        self.summary.opened = Opened::Handshake;
                    }
                    self.set_state(r, State::Established, Cause::RecvAckOfSyn, out)?;
                }
                State::FinWait1 if fin_acked && !seg.flags.fin() => {
                    self.set_state(r, State::FinWait2, Cause::RecvAckOfFin, out)?;
                }
                State::Closing if fin_acked => {
                    self.set_state(r, State::TimeWait, Cause::RecvAckOfFin, out)?
                }
                State::LastAck if fin_acked => {
                    self.set_state(r, State::Closed, Cause::RecvAckOfFin, out)?
                }
                _ => {}
            }
        }
        if seg.flags.fin() && !retransmission && !self.sides[r].got_fin {
            // Seen on the wire, not yet known to have arrived: a capture cannot
            // tell whether two FINs crossed. The receiver's next segment (or the
            // next one it receives) settles it; see `settle_fin`.
            // `seg_end` counts the bytes sent, not just those captured.
            let end = seg_end;
            let acks_ours = seg.flags.ack() && self.sides[r].fin.is_some_and(|f| seg.ack > f);
            self.sides[r].got_fin = true;
            self.sides[r].fin_in_flight = Some((end, acks_ours));
        }
        Ok(())
    }

    /// The FIN in flight to `side` arrived: the moves of RFC 9293's eighth check.
    fn settle_fin(&mut self, side: usize, out: &mut Emitter) -> io::Result<()> {
        let Some((_, acks_ours)) = self.sides[side].fin_in_flight.take() else {
            return Ok(());
        };
        let fin_acked = acks_ours || self.sides[side].state == State::FinWait2;
        match self.sides[side].state {
            State::Established | State::SynReceived => {
                self.set_state(side, State::CloseWait, Cause::RecvFin, out)?;
            }
            State::FinWait1 if fin_acked => {
                self.set_state(side, State::TimeWait, Cause::RecvFinAckOfFin, out)?;
            }
            State::FinWait1 => self.set_state(side, State::Closing, Cause::RecvFin, out)?,
            State::FinWait2 => self.set_state(side, State::TimeWait, Cause::RecvFin, out)?,
            _ => {}
        }
        Ok(())
    }

    /// Settles FINs still in flight when the capture ends: by then they arrived.
    fn settle_all(&mut self, out: &mut Emitter) -> io::Result<()> {
        for side in 0..2 {
            self.settle_fin(side, out)?;
        }
        self.update_summary();
        Ok(())
    }

    /// The segment as views show it: relative numbers if asked, and a payload
    /// as long as the real one (the bytes the capture cut short counted in
    /// `uncaptured`), so every length and sequence sum comes out right.
    fn shown_segment(&self, s: usize, seg: &Segment, len: u32, relative: bool) -> Segment {
        let mut shown = seg.clone();
        if relative {
            if let Some(base) = self.sides[s].base {
                shown.seq = SeqNumber(seg.seq.distance_from(base));
            }
            if let Some(base) = self.sides[1 - s].base
                && seg.flags.ack()
            {
                shown.ack = SeqNumber(seg.ack.distance_from(base));
            }
        }
        shown.uncaptured = len.saturating_sub(seg.payload.len() as u32);
        shown
    }

    fn update_summary(&mut self) {
        let fins = self.sides.iter().filter(|s| s.fin.is_some()).count();
        self.summary.ended = if self.saw_rst {
            Ended::Rst
        } else if fins == 2 {
            Ended::Fin
        } else if fins == 1 {
            Ended::HalfClosed
        } else {
            Ended::StillOpen
        };
        if self.saw_rst && self.summary.opened == Opened::Unanswered {
            self.summary.opened = Opened::Refused;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::guess_roles;
    use std::net::SocketAddr;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn mid_stream_the_well_known_port_is_the_server_whichever_address_is_lower() {
        let web = addr("10.0.0.1:80");
        let laptop = addr("10.0.0.200:51234");
        assert_eq!(guess_roles(web, laptop), (laptop, web));
        assert_eq!(guess_roles(laptop, web), (laptop, web));
    }

    #[test]
    fn mid_stream_without_a_well_known_port_the_lower_port_serves() {
        let server = addr("192.168.1.9:5201");
        let client = addr("192.168.1.2:40000");
        assert_eq!(guess_roles(client, server), (client, server));
        assert_eq!(guess_roles(server, client), (client, server));
    }
}
