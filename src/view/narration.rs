//! `--explain`: every step in plain words, with the arithmetic behind each
//! sequence and acknowledgment number and the RFC section that says so. The
//! same sentences go under the ladder's rows and into pcapng packet comments.

use std::collections::VecDeque;
use std::time::Duration;

use crate::narrate::Lang;
use crate::tcp::{
    Cause, ConnError, DiscardReason, ResetReason, Segment, SendReason, SeqNumber, State, Timer,
    Transmit,
};
use crate::time::Instant;
use crate::tr;
use crate::trace::{
    Call, CongestionCause, CongestionWindow, Fault, Host, LossEvidence, Note, Override, Resent,
    StateCause, Step, StepKind,
};

use super::labels::{discard_text, duration, payload_text};
use super::style::{Paint, Style, wrap};
use super::{Annotate, Explain};

/// `say!(names, "message-id", extra = value, ...)`: a narration message, given
/// every way of naming the host and its peer (each language picks what it needs).
macro_rules! say {
    ($n:expr, $id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        tr!(
            $n.lang,
            $id,
            who = $n.who.as_str(),
            who_cap = $n.who_cap.as_str(),
            whose_cap = $n.whose_cap.as_str(),
            of = $n.of.as_str(),
            peer = $n.peer.as_str(),
            peer_cap = $n.peer_cap.as_str(),
            peer_of = $n.peer_of.as_str()
            $(, $k = $v)*
        )
    };
}

use crate::tcp::rto::SHORTEST_RTO as MIN_RTO;

/// How many recent segments per host are remembered to explain numbers.
const HISTORY: usize = 16;

/// Explains steps; remembers just enough of the past to show where each number
/// comes from.
pub struct Narrator {
    lang: Lang,
    /// Segments each host received, newest last (to explain its ACKs).
    received: [VecDeque<Segment>; 2],
    /// Segments each host sent for the first time, newest last (to explain seq).
    sent: [VecDeque<Segment>; 2],
    /// Each host's segments that take sequence space and are not yet acknowledged.
    outstanding: [VecDeque<Segment>; 2],
    states: [State; 2],
    /// What each host's congestion control has shown and said so far.
    congestion: [CongestionFacts; 2],
    capture: CaptureFacts,
    /// Whether a capture's steps begin with their frame number (not in a
    /// pcapng comment, which sits on the frame itself).
    name_frames: bool,
}

/// One host's congestion control as the narration follows it: the move
/// before this one (so routine growth is said once per phase, and each
/// number can be shown as "before + added"), and the SMSS its rules count in,
/// learnt from the handshake or worked back from a loss.
#[derive(Default)]
struct CongestionFacts {
    last: Option<CongestionWindow>,
    /// The initial window, explained: said with the first move after it,
    /// where it matters, so a lesson that sends no data says nothing of it.
    initial: Option<String>,
    smss: Option<u32>,
    /// The MSS the peer's SYN announced (or the RFC 9293 default without one).
    peer_mss: Option<u32>,
    /// Whether this host's SYN, and the peer's, offered timestamps: when
    /// both did, each segment carries 12 bytes of them (RFC 7323) and the
    /// SMSS is that much smaller.
    sent_timestamps: bool,
    heard_timestamps: bool,
}

impl CongestionFacts {
    /// The SMSS the handshake implies (Eff.snd.MSS of RFC 9293 §3.7.1).
    fn handshake_smss(&self) -> Option<u32> {
        let options = if self.sent_timestamps && self.heard_timestamps {
            12
        } else {
            0
        };
        self.peer_mss.map(|mss| mss.saturating_sub(options).max(1))
    }
}

/// The initial window RFC 5681 §3.1 gives a sender with this SMSS, in segments.
fn initial_segments(smss: u32) -> u32 {
    match smss {
        s if s > 2190 => 2,
        s if s > 1095 => 3,
        _ => 4,
    }
}

/// What a capture has shown so far that later sentences build on: the real
/// ISNs, the window scaling the handshake settled, the last segment each side
/// sent (for the bytes a note is about), what has been said once already.
#[derive(Default)]
struct CaptureFacts {
    /// The ISN each side's numbers count from, until its SYN is explained.
    isn: [Option<u32>; 2],
    /// `Some(shifts)` once the handshake settled scaling; `Some(None)` when off.
    scale: Option<Option<[u8; 2]>>,
    /// The latest segment each side sent, first copies and repeats alike.
    last_sent: [Option<Segment>; 2],
    /// Where and when each side's recent segments first went out.
    first_copies: [VecDeque<(SeqNumber, u32, Instant)>; 2],
    /// The frame of each side's SYN (without ACK), for a simultaneous open.
    syn_frame: [Option<u32>; 2],
    /// The ACK number each side sent last, explained then.
    last_ack: [Option<SeqNumber>; 2],
    /// Whether each side's window has been narrated since the handshake.
    window_said: [bool; 2],
    truncated_said: bool,
    out_of_order_said: bool,
    persist_said: bool,
    keep_alive_said: bool,
    /// Whether a payload playing TCP's words has been explained in full.
    control_words_said: bool,
    /// The handshake's round trip, Wireshark's yardstick for reordering.
    initial_rtt: Option<Duration>,
    /// The frame the narration last named.
    frame_named: Option<u32>,
}

impl Narrator {
    pub fn new(lang: Lang) -> Self {
        Narrator {
            lang,
            received: Default::default(),
            sent: Default::default(),
            outstanding: Default::default(),
            states: [State::Closed; 2],
            congestion: Default::default(),
            capture: CaptureFacts::default(),
            name_frames: true,
        }
    }

    /// A narrator for packet comments: no "Frame N:" on the frame itself.
    pub fn without_frame_numbers(mut self) -> Self {
        self.name_frames = false;
        self
    }

    /// The paragraphs that explain `step` (none for steps that need no words).
    pub fn explain(&mut self, step: &Step) -> Vec<String> {
        let mut lines = self.describe(step);
        self.remember(step);
        // A step from a capture names its frame once, to read beside
        // Wireshark's packet list.
        let names_frame = matches!(step.kind, StepKind::Send { .. } | StepKind::Note(_));
        if let (Some(frame), Some(first), true) = (
            step.frame,
            lines.first_mut(),
            names_frame && self.name_frames,
        ) && self.capture.frame_named != Some(frame)
        {
            self.capture.frame_named = Some(frame);
            *first = format!("{} {first}", tr!(self.lang, "explain-frame", frame = frame));
        }
        lines
    }

    /// How the narration names `host` and its peer, in this language.
    fn names(&self, host: Host) -> Names {
        let lang = self.lang;
        let pick = |h: Host| match h {
            Host::Client => (
                tr!(lang, "who-client"),
                tr!(lang, "who-client-start"),
                tr!(lang, "whose-client-start"),
                tr!(lang, "of-client"),
            ),
            Host::Server => (
                tr!(lang, "who-server"),
                tr!(lang, "who-server-start"),
                tr!(lang, "whose-server-start"),
                tr!(lang, "of-server"),
            ),
        };
        let (who, who_cap, whose_cap, of) = pick(host);
        let (peer, peer_cap, _, peer_of) = pick(host.peer());
        Names {
            lang,
            who,
            who_cap,
            whose_cap,
            of,
            peer,
            peer_cap,
            peer_of,
        }
    }

    fn remember(&mut self, step: &Step) {
        let i = step.host.index();
        if let StepKind::Send { transmit: tx, .. } = &step.kind
            && step.frame.is_some()
        {
            self.capture.last_sent[i] = Some(tx.segment.clone());
            self.capture.last_ack[i] = tx.segment.ack_number();
            if tx.segment.flags.syn() && !tx.segment.flags.ack() {
                self.capture.syn_frame[i] = step.frame;
            }
            if let (false, Some(frame)) = (tx.retransmission, step.frame)
                && tx.segment.seq_len() > 0
            {
                let copies = &mut self.capture.first_copies[i];
                if copies.len() == HISTORY {
                    copies.pop_front();
                }
                copies.push_back((tx.segment.seq, frame, step.t));
            }
        }
        match &step.kind {
            StepKind::Send { transmit: tx, .. } if tx.segment.flags.syn() => {
                self.congestion[i].sent_timestamps = tx.segment.options.timestamps.is_some();
            }
            StepKind::Deliver(seg) if seg.flags.syn() => {
                let default = if seg.src.is_ipv4() { 536 } else { 1220 };
                let facts = &mut self.congestion[i];
                facts.peer_mss = Some(seg.options.mss.map_or(default, u32::from));
                facts.heard_timestamps = seg.options.timestamps.is_some();
            }
            StepKind::Congestion(w) => self.congestion[i].last = Some(*w),
            _ => {}
        }
        match &step.kind {
            StepKind::Send { transmit: tx, .. } if !tx.retransmission => {
                push_bounded(&mut self.sent[i], tx.segment.clone());
                if tx.segment.seq_len() > 0 {
                    push_bounded(&mut self.outstanding[i], tx.segment.clone());
                }
            }
            StepKind::Deliver(seg) => {
                push_bounded(&mut self.received[i], seg.clone());
                if let Some(ack) = seg.ack_number() {
                    // What this ACK covers is no longer outstanding at the peer.
                    let peer = &mut self.outstanding[step.host.peer().index()];
                    peer.retain(|s| s.seq_end() > ack);
                }
            }
            StepKind::State { to, .. } => {
                self.states[i] = *to;
                if *to == State::Closed {
                    self.outstanding[i].clear();
                }
            }
            _ => {}
        }
    }

    fn describe(&mut self, step: &Step) -> Vec<String> {
        let host = step.host;
        let n = self.names(host);
        match &step.kind {
            StepKind::Send { transmit: tx, .. } if step.frame.is_some() => {
                self.explain_captured_send(&n, host, tx)
            }
            StepKind::Send { transmit: tx, .. } => self.explain_send(&n, host, tx, false),
            StepKind::Deliver(_) => Vec::new(),
            // A capture's loss: the note before it said what showed it.
            StepKind::Drop { .. } if step.frame.is_some() => Vec::new(),
            StepKind::Drop { fault, .. } => {
                let mut v = vec![say!(n, "explain-drop")];
                if *fault == Fault::RandomLoss {
                    v.push(say!(n, "explain-drop-random"));
                }
                v
            }
            StepKind::Mangle { fault, .. } => vec![match fault {
                Fault::Duplicate => say!(n, "explain-fault-duplicate"),
                Fault::Delay(d) => say!(n, "explain-fault-delay", delay = duration(*d)),
                Fault::Reorder => say!(n, "explain-fault-reorder"),
                Fault::Drop | Fault::RandomLoss => say!(n, "explain-drop"),
            }],
            StepKind::State { from, to, cause } => vec![explain_state(&n, *from, *to, *cause)],
            StepKind::Timer {
                timer,
                after,
                attempt,
            } => {
                vec![self.explain_timer(&n, host, *timer, *after, *attempt)]
            }
            StepKind::Call(call) => vec![explain_call(&n, call)],
            StepKind::Data(bytes) => vec![say!(
                n,
                "explain-data-received",
                len = bytes.len(),
                text = payload_text(self.lang, bytes, 40)
            )],
            StepKind::Error(e) => vec![match e {
                ConnError::Refused => say!(n, "explain-error-refused"),
                ConnError::Reset => say!(n, "explain-error-reset"),
                ConnError::TimedOut => say!(n, "explain-error-timed-out"),
            }],
            StepKind::Discard(reason) => vec![explain_discard(&n, *reason)],
            StepKind::DuplicateAck { count } => {
                let ack = self.received[host.index()].back().map_or(0, |s| s.ack.0);
                vec![say!(n, "explain-dupack", count = *count, ack = ack)]
            }
            StepKind::OutOfOrder { seq, len } => {
                vec![say!(n, "explain-out-of-order", seq = seq.0, len = *len)]
            }
            StepKind::Note(note) => self.explain_note(&n, step, note),
            StepKind::Datagram(d) => vec![say!(
                n,
                "explain-udp",
                src = d.src.to_string(),
                dst = d.dst.to_string(),
                len = d.len
            )],
            StepKind::Congestion(w) => self.explain_congestion(&n, host, w),
        }
    }

    /// Why cwnd or ssthresh moved, with the arithmetic of RFC 5681. The
    /// initial window is said with the first move after it. Routine
    /// growth is said once, where a phase begins (slow start, congestion
    /// avoidance, the inflation of fast recovery); the ACKs after it move
    /// the window the same way and the narration stays quiet until the
    /// phase changes. A number that cannot be worked out again (an SMSS the
    /// handshake did not show) gets the rule without the sum.
    fn explain_congestion(&mut self, n: &Names, host: Host, w: &CongestionWindow) -> Vec<String> {
        let facts = &mut self.congestion[host.index()];
        let previous = facts.last;
        let before = previous.map_or(w.cwnd, |p| p.cwnd);
        let added = w.cwnd.saturating_sub(before);
        let phase_begins = previous.map(|p| p.why) != Some(w.why);
        let initial = if w.why == CongestionCause::Initial {
            None
        } else {
            facts.initial.take()
        };
        let line = match w.why {
            CongestionCause::Initial => {
                let smss = facts.handshake_smss();
                facts.smss = smss;
                facts.initial = Some(match smss {
                    Some(s) if initial_segments(s) * s == w.cwnd => say!(
                        n,
                        "explain-cc-initial",
                        segments = initial_segments(s),
                        smss = s,
                        cwnd = w.cwnd
                    ),
                    Some(s) if s == w.cwnd => say!(n, "explain-cc-initial-lost-syn", cwnd = w.cwnd),
                    _ => say!(n, "explain-cc-initial-plain", cwnd = w.cwnd),
                });
                return Vec::new();
            }
            CongestionCause::SlowStart if phase_begins => match w.ssthresh {
                Some(ssthresh) => say!(
                    n,
                    "explain-cc-slow-start",
                    before = before,
                    added = added,
                    cwnd = w.cwnd,
                    ssthresh = ssthresh
                ),
                None => say!(
                    n,
                    "explain-cc-slow-start-first",
                    before = before,
                    added = added,
                    cwnd = w.cwnd
                ),
            },
            CongestionCause::CongestionAvoidance if phase_begins => {
                let ssthresh = w.ssthresh.unwrap_or(before);
                // Equation 3, rounded up to 1 byte: what the SMSS says it adds.
                let expected = facts
                    .smss
                    .filter(|_| before > 0)
                    .map(|s| (u64::from(s) * u64::from(s) / u64::from(before)).max(1));
                match facts.smss {
                    Some(s) if expected == Some(u64::from(added)) => say!(
                        n,
                        "explain-cc-avoidance",
                        before = before,
                        smss = s,
                        added = added,
                        cwnd = w.cwnd,
                        ssthresh = ssthresh
                    ),
                    _ => say!(
                        n,
                        "explain-cc-avoidance-plain",
                        before = before,
                        added = added,
                        cwnd = w.cwnd,
                        ssthresh = ssthresh
                    ),
                }
            }
            CongestionCause::FastRetransmit => {
                let ssthresh = w.ssthresh.unwrap_or(0);
                let smss = w.cwnd.saturating_sub(ssthresh) / 3;
                if smss > 0 && ssthresh == (w.flight / 2).max(2 * smss) {
                    facts.smss = Some(smss);
                    say!(
                        n,
                        "explain-cc-fast-retransmit",
                        flight = w.flight,
                        half = w.flight / 2,
                        two_smss = 2 * smss,
                        three_smss = 3 * smss,
                        ssthresh = ssthresh,
                        cwnd = w.cwnd
                    )
                } else {
                    say!(
                        n,
                        "explain-cc-fast-retransmit-plain",
                        ssthresh = ssthresh,
                        cwnd = w.cwnd
                    )
                }
            }
            CongestionCause::FastRecovery if phase_begins => say!(
                n,
                "explain-cc-fast-recovery",
                before = before,
                added = added,
                cwnd = w.cwnd
            ),
            CongestionCause::RecoveryEnd => {
                // The ACK that ended it is the segment this host just received.
                let ack = self.received[host.index()].back().map_or(0, |s| s.ack.0);
                say!(n, "explain-cc-recovery-end", cwnd = w.cwnd, ack = ack)
            }
            CongestionCause::Timeout => {
                // The loss window is one segment, so cwnd is the SMSS.
                let smss = w.cwnd;
                let ssthresh = w.ssthresh.unwrap_or(0);
                facts.smss = Some(smss);
                if ssthresh == (w.flight / 2).max(2 * smss) {
                    say!(
                        n,
                        "explain-cc-timeout",
                        flight = w.flight,
                        half = w.flight / 2,
                        two_smss = 2 * smss,
                        ssthresh = ssthresh,
                        cwnd = w.cwnd
                    )
                } else {
                    // The timer had already resent this segment: ssthresh held.
                    say!(
                        n,
                        "explain-cc-timeout-held",
                        ssthresh = ssthresh,
                        cwnd = w.cwnd
                    )
                }
            }
            CongestionCause::SlowStart
            | CongestionCause::CongestionAvoidance
            | CongestionCause::FastRecovery => return initial.into_iter().collect(),
        };
        initial.into_iter().chain([line]).collect()
    }

    /// A segment from a capture: the ISN is said with the SYN, options one
    /// by one, each side's window once with its scaling; a repeat is left to
    /// the retransmission note that follows, which knows why.
    fn explain_captured_send(&mut self, n: &Names, host: Host, tx: &Transmit) -> Vec<String> {
        if tx.retransmission {
            return Vec::new();
        }
        let seg = &tx.segment;
        let i = host.index();
        let mut lines = self.explain_send(n, host, tx, true);
        if seg.flags.syn() {
            if let Some(isn) = self.capture.isn[i].take() {
                let id_line = if seg.flags.ack() {
                    say!(n, "explain-syn-ack-isn", isn = isn)
                } else {
                    say!(n, "explain-syn-isn", isn = isn)
                };
                lines[0] = id_line;
            }
            // Options and window go right after the sentence that opens.
            let mut facts = Vec::new();
            if !seg.options.is_empty() {
                let options = self.option_facts(n, seg);
                facts.push(say!(n, "explain-options", options = options.as_str()));
            }
            facts.push(say!(n, "explain-window-syn", win = seg.window));
            lines.splice(1..1, facts);
        } else if !seg.flags.rst() && !self.capture.window_said[i] {
            self.capture.window_said[i] = true;
            lines.push(self.window_sentence(n, host, seg.window));
        }
        lines
    }

    /// Each option with what it is for and where it may appear.
    fn option_facts(&self, n: &Names, seg: &Segment) -> String {
        let o = &seg.options;
        let mut parts = Vec::new();
        if let Some(mss) = o.mss {
            parts.push(say!(n, "option-mss", mss = mss));
        }
        if let Some(shift) = o.window_scale {
            let factor = 1u64 << shift.min(30);
            parts.push(say!(n, "option-ws", shift = shift, factor = factor));
        }
        if o.sack_permitted {
            parts.push(say!(n, "option-sack-permitted"));
        }
        if let Some(ts) = o.timestamps {
            parts.push(say!(
                n,
                "option-timestamps",
                value = ts.value,
                echo = ts.echo_reply
            ));
        }
        if !o.sack.is_empty() {
            parts.push(say!(n, "option-sack"));
        }
        parts.join("; ")
    }

    /// `win = 4218 ×4 = 16872 bytes`, or why the window is shown unscaled.
    fn window_sentence(&self, n: &Names, host: Host, win: u16) -> String {
        match self.capture.scale {
            Some(Some(shifts)) => {
                let factor = 1u64 << shifts[host.index()].min(14);
                say!(
                    n,
                    "explain-window-scaled",
                    win = win,
                    factor = factor,
                    bytes = u64::from(win) * factor
                )
            }
            Some(None) => say!(n, "explain-window-unscaled", win = win),
            None => say!(n, "explain-window-unknown", win = win),
        }
    }

    /// `captured`: options and the SYN's window are said by the caller.
    fn explain_send(&self, n: &Names, host: Host, tx: &Transmit, captured: bool) -> Vec<String> {
        let seg = &tx.segment;
        let mut lines = Vec::new();
        if tx.retransmission && tx.reason != SendReason::FastRetransmit {
            // What the segment is for was said the first time; now, why it is back.
            lines.push(say!(n, "explain-retransmission", seq = seg.seq.0));
            return lines;
        }
        match tx.reason {
            SendReason::Open if !seg.flags.ack() => {
                lines.push(say!(
                    n,
                    "explain-syn",
                    seq = seg.seq.0,
                    next = (seg.seq + 1).0
                ));
            }
            SendReason::Open => lines.push(say!(n, "explain-syn-ack", seq = seg.seq.0)),
            SendReason::Data => {
                if seg.payload_len() > 0 {
                    let last = seg.seq + (seg.payload_len() as u32 - 1);
                    lines.push(say!(
                        n,
                        "explain-data",
                        len = seg.payload_len(),
                        text = payload_text(n.lang, &seg.wire_payload(), 32),
                        first = seg.seq.0,
                        last = last.0
                    ));
                    if seg.flags.psh() {
                        lines.push(say!(n, "explain-psh"));
                    }
                }
                if seg.flags.fin() {
                    let fin_seq = seg.seq + seg.payload_len() as u32;
                    lines.push(say!(n, "explain-fin", seq = fin_seq.0));
                }
            }
            SendReason::Ack => lines.push(say!(n, "explain-ack")),
            // In a capture, the duplicate-ACK note that follows says why.
            SendReason::DuplicateAck if captured => {}
            SendReason::DuplicateAck => lines.push(say!(n, "explain-dup-ack", ack = seg.ack.0)),
            SendReason::ChallengeAck => lines.push(say!(n, "explain-challenge-ack")),
            SendReason::WindowUpdate => {
                lines.push(say!(n, "explain-window-update", win = seg.window))
            }
            SendReason::WindowProbe => lines.push(say!(n, "explain-window-probe")),
            SendReason::FastRetransmit => {
                lines.push(say!(n, "explain-fast-retransmit", seq = seg.seq.0))
            }
            SendReason::Reset(reason) => lines.push(match reason {
                ResetReason::NoConnection => {
                    say!(n, "explain-rst-no-connection", port = seg.src.port())
                }
                ResetReason::AckInListen => say!(n, "explain-rst-ack-in-listen"),
                ResetReason::UnacceptableAck => {
                    say!(n, "explain-rst-unacceptable-ack", seq = seg.seq.0)
                }
                ResetReason::Abort => say!(n, "explain-rst-abort", seq = seg.seq.0),
            }),
        }
        if tx.reason == SendReason::Open && !captured {
            if !seg.options.is_empty() {
                lines.push(say!(n, "explain-syn-options", options = option_list(seg)));
            }
            lines.push(say!(n, "explain-window", win = seg.window));
        }
        // A retransmission repeats an old seq, already said with it: the
        // arithmetic of "right after what it sent before" would be false.
        if !tx.retransmission
            && let Some(arith) = self.seq_arithmetic(host, seg)
        {
            lines.push(say!(n, "explain-seq-arith", arith = arith));
        }
        // In a capture, an ACK number already explained is not explained again.
        let repeated = captured && self.capture.last_ack[host.index()] == seg.ack_number();
        if let Some(ack) = seg.ack_number().filter(|_| !repeated) {
            match self.ack_arithmetic(host, ack) {
                Some(arith) => lines.push(say!(n, "explain-ack-arith", arith = arith)),
                None => lines.push(say!(n, "explain-ack-plain", ack = ack.0)),
            }
        }
        if seg.window == 0 && !seg.flags.rst() {
            lines.push(say!(n, "explain-zero-window"));
        }
        lines
    }

    /// `100 + 1 for the SYN = 101`: seq follows the host's previous segment.
    fn seq_arithmetic(&self, host: Host, seg: &Segment) -> Option<String> {
        if seg.flags.syn() || seg.flags.rst() {
            return None;
        }
        let prev = self.sent[host.index()]
            .iter()
            .rev()
            .find(|s| s.seq_end() == seg.seq && s.seq_len() > 0)?;
        Some(self.formula(prev, seg.seq.0))
    }

    /// `300 + 0 bytes + 1 for the SYN = 301`: the ack follows the peer's segment.
    fn ack_arithmetic(&self, host: Host, ack: SeqNumber) -> Option<String> {
        let prev = self.received[host.index()]
            .iter()
            .rev()
            .find(|s| s.seq_end() == ack && s.seq_len() > 0)?;
        Some(self.formula(prev, ack.0))
    }

    fn formula(&self, prev: &Segment, result: u32) -> String {
        let lang = self.lang;
        let mut parts = vec![
            prev.seq.0.to_string(),
            tr!(lang, "arith-bytes", n = prev.payload_len()),
        ];
        if prev.flags.syn() {
            parts.push(tr!(lang, "arith-syn"));
        }
        if prev.flags.fin() {
            parts.push(tr!(lang, "arith-fin"));
        }
        let mut text = format!("{} = {result}", parts.join(" + "));
        if u64::from(prev.seq.0) + u64::from(prev.seq_len()) > u64::from(u32::MAX) {
            text.push(' ');
            text.push_str(&tr!(lang, "arith-wrapped"));
        }
        text
    }

    fn explain_timer(
        &self,
        n: &Names,
        host: Host,
        timer: Timer,
        after: Duration,
        attempt: u32,
    ) -> String {
        match timer {
            Timer::Retransmission => {
                let lang = self.lang;
                let what = match self.outstanding[host.index()].front() {
                    Some(s) if s.flags.syn() && s.flags.ack() => tr!(lang, "what-syn-ack"),
                    Some(s) if s.flags.syn() => tr!(lang, "what-syn"),
                    Some(s) if s.payload_len() == 0 && s.flags.fin() => tr!(lang, "what-fin"),
                    Some(s) => tr!(lang, "what-data", seq = s.seq.0),
                    None => tr!(lang, "what-unacked"),
                };
                let next = after.saturating_mul(2).min(Duration::from_secs(60));
                say!(
                    n,
                    "explain-timer-rto",
                    after = duration(after),
                    what = what,
                    next = duration(next),
                    attempt = attempt
                )
            }
            Timer::TimeWait => say!(n, "explain-timer-time-wait", after = duration(after)),
            Timer::Persist => say!(n, "explain-timer-persist"),
        }
    }
}

/// A host and its peer, named for the narration (`the client`, `The client`,
/// `The client's`, `of the client`): languages put possessives differently.
struct Names {
    lang: Lang,
    who: String,
    who_cap: String,
    whose_cap: String,
    of: String,
    peer: String,
    peer_cap: String,
    peer_of: String,
}

fn explain_state(n: &Names, from: State, to: State, cause: StateCause) -> String {
    let to_name = to.name();
    let cause = match cause {
        StateCause::Endpoint(cause) => cause,
        StateCause::InferredListen => {
            return say!(n, "explain-state-inferred-listen", to = to_name);
        }
        StateCause::CaughtMidStream => return say!(n, "explain-state-mid-stream", to = to_name),
    };
    match (cause, to) {
        (Cause::CallListen, _) => say!(n, "explain-state-listen", to = to_name),
        (Cause::CallConnect, _) => say!(n, "explain-state-connect", to = to_name),
        (Cause::CallClose, State::FinWait1) => {
            say!(n, "explain-state-close-fin-wait-1", to = to_name)
        }
        (Cause::CallClose, State::LastAck) => say!(n, "explain-state-close-last-ack", to = to_name),
        (Cause::CallClose, _) => {
            say!(
                n,
                "explain-state-close-before-open",
                to = to_name,
                from = from.name()
            )
        }
        (Cause::CallAbort, _) => say!(n, "explain-state-abort", to = to_name),
        (Cause::RecvSyn, _) => say!(n, "explain-state-recv-syn", to = to_name),
        (Cause::RecvSimultaneousSyn, _) => say!(n, "explain-state-simultaneous-syn", to = to_name),
        (Cause::RecvSynAck, _) => say!(n, "explain-state-recv-syn-ack", to = to_name),
        (Cause::RecvAckOfSyn, _) => say!(n, "explain-state-ack-of-syn", to = to_name),
        (Cause::RecvFin, State::CloseWait) => say!(n, "explain-state-fin-close-wait", to = to_name),
        (Cause::RecvFin, State::Closing) => say!(n, "explain-state-fin-closing", to = to_name),
        (Cause::RecvFin, _) => say!(n, "explain-state-fin-time-wait", to = to_name),
        (Cause::RecvAckOfFin, State::FinWait2) => {
            say!(n, "explain-state-ack-of-fin-fin-wait-2", to = to_name)
        }
        (Cause::RecvAckOfFin, State::TimeWait) => {
            say!(n, "explain-state-ack-of-fin-time-wait", to = to_name)
        }
        (Cause::RecvAckOfFin, _) => say!(n, "explain-state-ack-of-fin-closed", to = to_name),
        (Cause::RecvFinAckOfFin, _) => say!(n, "explain-state-fin-ack-of-fin", to = to_name),
        (Cause::RecvRst, _) if from == State::SynSent => {
            say!(n, "explain-state-rst-syn-sent", to = to_name)
        }
        (Cause::RecvRst, _) => say!(n, "explain-state-rst", to = to_name),
        (Cause::RecvRstBackToListen, _) => say!(n, "explain-state-back-to-listen", to = to_name),
        (Cause::TimeWaitExpired, _) => say!(n, "explain-state-time-wait-expired", to = to_name),
        (Cause::RetransmitLimit, _) => say!(n, "explain-state-retransmit-limit", to = to_name),
    }
}

impl Narrator {
    /// A capture observation, with its cause and arithmetic where the trace
    /// so far knows them; repeats are condensed.
    fn explain_note(&mut self, n: &Names, step: &Step, note: &Note) -> Vec<String> {
        let (lang, host) = (self.lang, step.host);
        // Wireshark forgets a copy once something acknowledged it, even an
        // ACK lost after the capture point; the narration still knows it.
        let mut filled;
        let note = match note {
            Note::Retransmission(r) if r.original.is_none() => {
                filled = r.clone();
                if let Some((frame, t)) = self.first_copy(host) {
                    filled.original = Some(frame);
                    if filled.gaps.is_empty() {
                        filled.gaps.push(step.t.since(t));
                    }
                }
                &Note::Retransmission(filled)
            }
            other => other,
        };
        let what = || self.resent_what(host);
        match note {
            Note::Relative { isn } => {
                // The SYN that follows says it, with its own sentence.
                self.capture.isn[host.index()] = Some(isn.0);
                Vec::new()
            }
            Note::Retransmission(r)
                if r.original.is_some()
                    && r.original == self.capture.syn_frame[host.index()]
                    && self.capture.last_sent[host.index()]
                        .as_ref()
                        .is_some_and(|s| s.flags.syn() && s.flags.ack()) =>
            {
                vec![say!(
                    n,
                    "explain-note-simultaneous-syn-ack",
                    frame = r.original.unwrap_or(0)
                )]
            }
            Note::Retransmission(r) => {
                let mut v = vec![say!(
                    n,
                    "explain-note-resent",
                    attempt = r.attempt,
                    what = what(),
                    from = resent_from(lang, r)
                )];
                if let Some(Override::AskedFor {
                    dupacks,
                    tsval,
                    newer_tsval,
                }) = r.overrides
                {
                    v.push(say!(
                        n,
                        "explain-note-asked-for",
                        dupacks = dupacks,
                        tsval = tsval,
                        newer = newer_tsval
                    ));
                } else if let Some(Override::NotYetAcked { .. }) = r.overrides {
                    v.push(say!(n, "explain-note-not-keep-alive"));
                } else if let [gap] = r.gaps.as_slice() {
                    let syn_ack = self.capture.last_sent[host.index()]
                        .as_ref()
                        .is_some_and(|s| s.flags.syn() && s.flags.ack());
                    v.push(if *gap < MIN_RTO && syn_ack {
                        say!(n, "explain-note-syn-ack-again", gap = duration(*gap))
                    } else if *gap < MIN_RTO {
                        say!(n, "explain-note-resent-early", gap = duration(*gap))
                    } else {
                        say!(n, "explain-note-rto-once", gap = duration(*gap))
                    });
                } else if r.gaps.len() > 1 {
                    let gaps = gap_list(&r.gaps);
                    let doubled = r.gaps[0] >= MIN_RTO
                        && r.gaps
                            .windows(2)
                            .all(|w| w[1].as_secs_f64() >= 1.6 * w[0].as_secs_f64());
                    v.push(if doubled {
                        say!(n, "explain-note-rto-doubled", gaps = gaps)
                    } else {
                        say!(n, "explain-note-rto-gaps", gaps = gaps)
                    });
                }
                v
            }
            Note::FastRetransmission(r) => vec![say!(
                n,
                "explain-note-fast-resent",
                what = what(),
                from = resent_from(lang, r)
            )],
            Note::SpuriousRetransmission(r) => vec![say!(
                n,
                "explain-note-spurious-resent",
                what = what(),
                from = resent_from(lang, r)
            )],
            Note::DuplicateAck {
                count,
                ack,
                original,
                sack,
            } => {
                let ack = ack.0;
                let mut v = vec![match count {
                    1 => {
                        let original = original
                            .map(|f| tr!(lang, "dup-ack-original", frame = f))
                            .unwrap_or_default();
                        say!(
                            n,
                            "explain-note-dup-ack-first",
                            ack = ack,
                            original = original
                        )
                    }
                    2 => say!(n, "explain-note-dup-ack-more", count = *count, ack = ack),
                    3 => say!(n, "explain-note-dup-ack-third", ack = ack),
                    _ => say!(n, "explain-note-dup-ack-later", count = *count, ack = ack),
                }];
                if !sack.is_empty() && *count <= 3 {
                    let blocks = sack
                        .iter()
                        .map(|(l, r)| format!("{l}–{}", r.wrapping_sub(1)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    v.push(say!(n, "explain-note-sack", blocks = blocks));
                }
                v
            }
            Note::ZeroWindowProbe {
                attempt,
                since: Some(since),
            } => vec![say!(
                n,
                "explain-note-probe",
                attempt = *attempt,
                since = duration(*since)
            )],
            // Linux's persist timer probes a zero window with a segment of the
            // keep-alive's shape (one old byte's number, no data), so Wireshark
            // names it a keep-alive; the closed window says what it really is.
            Note::KeepAlive { since: Some(since) }
                if self.received[host.index()]
                    .back()
                    .is_some_and(|s| s.window == 0 && !s.flags.rst()) =>
            {
                let since = duration(*since);
                vec![if std::mem::replace(&mut self.capture.persist_said, true) {
                    say!(n, "explain-note-persist-again", since = since)
                } else {
                    say!(n, "explain-note-keep-alive-persist", since = since)
                }]
            }
            Note::KeepAlive { since: Some(since) } => {
                let since = duration(*since);
                vec![
                    if std::mem::replace(&mut self.capture.keep_alive_said, true) {
                        say!(n, "explain-note-keep-alive-again", since = since)
                    } else {
                        say!(n, "explain-note-keep-alive-since", since = since)
                    },
                ]
            }
            Note::Acks { frame, rtt } => vec![say!(
                n,
                "explain-note-acks-rtt",
                frame = *frame,
                rtt = duration(*rtt)
            )],
            Note::InitialRtt { rtt } => {
                self.capture.initial_rtt = Some(*rtt);
                vec![say!(
                    n,
                    "explain-note-initial-rtt-why",
                    rtt = duration(*rtt)
                )]
            }
            Note::OutOfOrder { len } => {
                if std::mem::replace(&mut self.capture.out_of_order_said, true) {
                    return vec![say!(n, "explain-note-out-of-order-again", len = *len)];
                }
                let (rtt, why) = match self.capture.initial_rtt {
                    Some(rtt) => (rtt, tr!(lang, "ooo-rtt-initial")),
                    None => (Duration::from_millis(3), tr!(lang, "ooo-rtt-default")),
                };
                vec![say!(
                    n,
                    "explain-note-out-of-order",
                    len = *len,
                    rtt = duration(rtt),
                    rtt_why = why
                )]
            }
            Note::WindowScale { shifts } => {
                self.capture.scale = Some(*shifts);
                match shifts {
                    Some([c, s]) => {
                        let client = self.names(Host::Client);
                        let server = self.names(Host::Server);
                        vec![say!(
                            n,
                            "explain-note-window-scale-factors",
                            client = 1u64 << c.min(&14),
                            server = 1u64 << s.min(&14),
                            client_of = client.of.as_str(),
                            server_of = server.of.as_str()
                        )]
                    }
                    None => vec![say!(n, "explain-note-window-scale-off")],
                }
            }
            Note::Truncated { captured, len } => {
                if std::mem::replace(&mut self.capture.truncated_said, true) {
                    Vec::new()
                } else {
                    vec![say!(
                        n,
                        "explain-note-truncated-once",
                        captured = *captured,
                        len = *len
                    )]
                }
            }
            Note::LostAfterCapture(evidence) => vec![match evidence {
                LossEvidence::RepeatedSyn { frame } => {
                    say!(n, "explain-note-lost-repeated-syn", frame = *frame)
                }
                LossEvidence::Resent { frame } => {
                    say!(n, "explain-note-lost-resent", frame = *frame)
                }
                LossEvidence::PeerResent { frame } => {
                    say!(n, "explain-note-lost-peer-resent", frame = *frame)
                }
            }],
            Note::ControlWords { text, handshake } => {
                let (flags, seq) = self.capture.last_sent[host.index()]
                    .as_ref()
                    .map_or((String::new(), 0), |s| (s.flags.to_string(), s.seq.0));
                let text = text.as_str();
                let flags = flags.as_str();
                vec![match (
                    std::mem::replace(&mut self.capture.control_words_said, true),
                    handshake,
                ) {
                    (true, _) => {
                        say!(
                            n,
                            "explain-note-control-words-again",
                            text = text,
                            flags = flags
                        )
                    }
                    (false, Some([syn, synack, ack])) => say!(
                        n,
                        "explain-note-control-words",
                        text = text,
                        flags = flags,
                        seq = seq,
                        syn = *syn,
                        synack = *synack,
                        ack = *ack
                    ),
                    (false, None) => say!(
                        n,
                        "explain-note-control-words-unseen",
                        text = text,
                        flags = flags,
                        seq = seq
                    ),
                }]
            }
            other => vec![explain_note(n, other)],
        }
    }

    /// The frame and time of the first copy of what `host` just sent again.
    fn first_copy(&self, host: Host) -> Option<(u32, Instant)> {
        let seq = self.capture.last_sent[host.index()].as_ref()?.seq;
        self.capture.first_copies[host.index()]
            .iter()
            .rev()
            .find(|(s, _, _)| *s == seq)
            .map(|(_, frame, t)| (*frame, *t))
    }

    /// What a retransmission carries again: its bytes, or its SYN or FIN.
    fn resent_what(&self, host: Host) -> String {
        let lang = self.lang;
        match &self.capture.last_sent[host.index()] {
            Some(s) if s.payload_len() > 0 => {
                let last = s.seq + (s.payload_len() as u32 - 1);
                if last == s.seq {
                    tr!(lang, "resent-byte", first = s.seq.0)
                } else {
                    tr!(lang, "resent-bytes", first = s.seq.0, last = last.0)
                }
            }
            Some(s) if s.flags.syn() && s.flags.ack() => tr!(lang, "resent-syn-ack"),
            Some(s) if s.flags.syn() => tr!(lang, "resent-syn"),
            Some(s) if s.flags.fin() => tr!(lang, "resent-fin"),
            Some(s) => tr!(lang, "resent-keep", seq = s.seq.0),
            None => tr!(lang, "what-unacked"),
        }
    }
}

/// `first sent in frame 5`, or that the first copy was not captured.
fn resent_from(lang: Lang, r: &Resent) -> String {
    match r.original {
        Some(frame) => tr!(lang, "resent-from", frame = frame),
        None => tr!(lang, "resent-unseen"),
    }
}

/// `0.206, 0.600, 1.200 s` when every gap is a tenth of a second or more
/// (as a teacher reads RTO backoff off a capture); otherwise each in its unit.
fn gap_list(gaps: &[Duration]) -> String {
    if gaps.iter().all(|g| g.as_millis() >= 100) {
        let secs: Vec<String> = gaps
            .iter()
            .map(|g| format!("{:.3}", g.as_secs_f64()))
            .collect();
        format!("{} s", secs.join(", "))
    } else {
        gaps.iter()
            .map(|g| duration(*g))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn explain_note(n: &Names, note: &Note) -> String {
    match note {
        Note::MidStream => say!(n, "explain-note-mid-stream"),
        Note::Retransmission(_) => say!(n, "explain-note-retransmission"),
        Note::FastRetransmission(_) => say!(n, "explain-note-fast-retransmission"),
        Note::SpuriousRetransmission(_) => say!(n, "explain-note-spurious-retransmission"),
        Note::DuplicateAck { count, ack, .. } => {
            say!(n, "explain-note-dup-ack", count = *count, ack = ack.0)
        }
        Note::AckedUnseen { unseen } => say!(n, "explain-note-acked-unseen", unseen = *unseen),
        Note::ZeroWindowProbe { attempt, .. } => {
            say!(n, "explain-note-zero-window-probe", attempt = *attempt)
        }
        Note::ZeroWindowProbeAck => say!(n, "explain-note-zero-window-probe-ack"),
        Note::WindowFull { window } => say!(n, "explain-note-window-full", window = *window),
        Note::KeepAlive { .. } => say!(n, "explain-note-keep-alive"),
        Note::KeepAliveAck => say!(n, "explain-note-keep-alive-ack"),
        Note::ReusedPorts => say!(n, "explain-note-reused-ports"),
        Note::InitialRtt { rtt } => {
            say!(
                n,
                "explain-note-initial-rtt",
                rtt = crate::view::labels::duration(*rtt)
            )
        }
        Note::Acks { frame, rtt } => say!(
            n,
            "explain-note-acks",
            frame = *frame,
            rtt = crate::view::labels::duration(*rtt)
        ),
        Note::WindowScale { shifts: Some(_) } => say!(n, "explain-note-window-scale"),
        Note::WindowScale { shifts: None } => say!(n, "explain-note-window-scale-off"),
        Note::LostAfterCapture(_) => say!(n, "explain-note-lost-after-capture"),
        Note::ControlWords { text, .. } => {
            say!(n, "explain-note-control-words-plain", text = text.as_str())
        }
        Note::FernetKey { key } => say!(n, "explain-note-fernet-key", key = key.as_str()),
        Note::FernetToken {
            key_frame,
            len,
            text: Some(text),
        } => say!(
            n,
            "explain-note-fernet-token",
            frame = *key_frame,
            len = *len,
            text = text.as_str()
        ),
        Note::FernetToken {
            key_frame,
            len,
            text: None,
        } => say!(n, "explain-note-fernet-bad", frame = *key_frame, len = *len),
        Note::NotCaptured { missing } => say!(n, "explain-note-not-captured", missing = *missing),
        Note::OutOfOrder { len } => say!(n, "explain-note-out-of-order-again", len = *len),
        Note::ZeroWindow => say!(n, "explain-note-zero-window"),
        Note::WindowUpdate { window } => say!(n, "explain-note-window-update", window = *window),
        Note::Truncated { captured, len } => {
            say!(
                n,
                "explain-note-truncated",
                captured = *captured,
                len = *len
            )
        }
        Note::Relative { isn } => say!(n, "explain-note-relative", isn = isn.0),
    }
}

fn explain_call(n: &Names, call: &Call) -> String {
    match call {
        Call::Listen => say!(n, "explain-call-listen"),
        Call::Connect { remote } => say!(n, "explain-call-connect", remote = remote.to_string()),
        Call::Send { len, .. } => say!(n, "explain-call-send", len = *len),
        Call::Close => say!(n, "explain-call-close"),
        Call::Abort => say!(n, "explain-call-abort"),
        Call::PauseReading => say!(n, "explain-call-pause"),
        Call::ResumeReading => say!(n, "explain-call-resume"),
    }
}

fn explain_discard(n: &Names, reason: DiscardReason) -> String {
    let why = match reason {
        DiscardReason::ResetIgnored => say!(n, "explain-discard-reset-ignored"),
        DiscardReason::OutsideWindow => say!(n, "explain-discard-outside-window"),
        DiscardReason::ResetNotExact => say!(n, "explain-discard-reset-not-exact"),
        DiscardReason::UnexpectedSyn => say!(n, "explain-discard-unexpected-syn"),
        DiscardReason::NotAConnectionRequest => say!(n, "explain-discard-not-a-connection-request"),
        DiscardReason::NoAck => say!(n, "explain-discard-no-ack"),
        DiscardReason::AckOfUnsentData => say!(n, "explain-discard-ack-of-unsent-data"),
        DiscardReason::Duplicate => say!(n, "explain-discard-duplicate"),
        DiscardReason::RepeatedSyn => say!(n, "explain-discard-repeated-syn"),
    };
    say!(
        n,
        "explain-discard",
        what = discard_text(n.lang, reason),
        why = why
    )
}

fn push_bounded(queue: &mut VecDeque<Segment>, seg: Segment) {
    if queue.len() == HISTORY {
        queue.pop_front();
    }
    queue.push_back(seg);
}

/// The options as Wireshark abbreviates them: `MSS=1460, WS=7, SACK-permitted, TSval=… TSecr=…`.
fn option_list(seg: &Segment) -> String {
    let o = &seg.options;
    let mut parts = Vec::new();
    if let Some(mss) = o.mss {
        parts.push(format!("MSS={mss}"));
    }
    if let Some(ws) = o.window_scale {
        parts.push(format!("WS={ws}"));
    }
    if o.sack_permitted {
        parts.push("SACK-permitted".to_string());
    }
    if let Some(ts) = o.timestamps {
        parts.push(format!("TSval={} TSecr={}", ts.value, ts.echo_reply));
    }
    parts.join(", ")
}

impl Explain<Step> for Narrator {
    fn explain(&mut self, step: &Step) -> Vec<String> {
        Narrator::explain(self, step)
    }
}

/// A narrator as ladder notes: wrapped to the width, in the note colour.
/// TCP's narrator by default; the rdt views put theirs in the same notes.
pub struct NarrationNotes<N = Narrator> {
    narrator: N,
    style: Style,
    width: usize,
}

impl NarrationNotes {
    pub fn new(lang: Lang, style: Style, width: usize) -> Self {
        NarrationNotes::with(Narrator::new(lang), style, width)
    }
}

impl<N> NarrationNotes<N> {
    pub fn with(narrator: N, style: Style, width: usize) -> Self {
        NarrationNotes {
            narrator,
            style,
            width,
        }
    }
}

impl<S, N: Explain<S>> Annotate<S> for NarrationNotes<N> {
    fn annotate(&mut self, step: &S) -> Vec<String> {
        let paragraphs = self.narrator.explain(step);
        let mut out = Vec::new();
        for p in paragraphs {
            for line in wrap(&p, self.width) {
                out.push(self.style.paint(Paint::Note, &line));
            }
        }
        out
    }
}
