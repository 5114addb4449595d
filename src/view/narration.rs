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
use crate::tr;
use crate::trace::{Call, Fault, Host, Note, StateCause, Step, StepKind};

use super::labels::{discard_text, duration, preview};
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
            peer_of = $n.peer_of.as_str()
            $(, $k = $v)*
        )
    };
}

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
}

impl Narrator {
    pub fn new(lang: Lang) -> Self {
        Narrator {
            lang,
            received: Default::default(),
            sent: Default::default(),
            outstanding: Default::default(),
            states: [State::Closed; 2],
        }
    }

    /// The paragraphs that explain `step` (none for steps that need no words).
    pub fn explain(&mut self, step: &Step) -> Vec<String> {
        let lines = self.describe(step);
        self.remember(step);
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
        let (peer, _, _, peer_of) = pick(host.peer());
        Names {
            lang,
            who,
            who_cap,
            whose_cap,
            of,
            peer,
            peer_of,
        }
    }

    fn remember(&mut self, step: &Step) {
        let i = step.host.index();
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

    fn describe(&self, step: &Step) -> Vec<String> {
        let host = step.host;
        let n = self.names(host);
        match &step.kind {
            StepKind::Send { transmit: tx, .. } => self.explain_send(&n, host, tx),
            StepKind::Deliver(_) => Vec::new(),
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
                text = preview(bytes, 40)
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
            StepKind::Note(note) => vec![explain_note(&n, note)],
            StepKind::Datagram(d) => vec![say!(
                n,
                "explain-udp",
                src = d.src.to_string(),
                dst = d.dst.to_string(),
                len = d.len
            )],
        }
    }

    fn explain_send(&self, n: &Names, host: Host, tx: &Transmit) -> Vec<String> {
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
                if !seg.payload.is_empty() {
                    let last = seg.seq + (seg.payload.len() as u32 - 1);
                    lines.push(say!(
                        n,
                        "explain-data",
                        len = seg.payload.len(),
                        text = preview(&seg.payload, 32),
                        first = seg.seq.0,
                        last = last.0
                    ));
                    if seg.flags.psh() {
                        lines.push(say!(n, "explain-psh"));
                    }
                }
                if seg.flags.fin() {
                    let fin_seq = seg.seq + seg.payload.len() as u32;
                    lines.push(say!(n, "explain-fin", seq = fin_seq.0));
                }
            }
            SendReason::Ack => lines.push(say!(n, "explain-ack")),
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
        if tx.reason == SendReason::Open {
            if !seg.options.is_empty() {
                lines.push(say!(n, "explain-syn-options", options = option_list(seg)));
            }
            lines.push(say!(n, "explain-window", win = seg.window));
        }
        if let Some(arith) = self.seq_arithmetic(host, seg) {
            lines.push(say!(n, "explain-seq-arith", arith = arith));
        }
        if let Some(ack) = seg.ack_number() {
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
            tr!(lang, "arith-bytes", n = prev.payload.len()),
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
                    Some(s) if s.payload.is_empty() && s.flags.fin() => tr!(lang, "what-fin"),
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
            say!(n, "explain-note-control-words", text = text.as_str())
        }
        Note::NotCaptured { missing } => say!(n, "explain-note-not-captured", missing = *missing),
        Note::OutOfOrder { len } => say!(n, "explain-note-out-of-order", len = *len),
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
