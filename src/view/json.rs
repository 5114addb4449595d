//! `--json`: the trace as one JSON object per line, for grading scripts and
//! tools. The fields are a stable, documented format (README, "JSON format").

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::Explain;
use super::narration::Narrator;
use crate::narrate::Lang;
use crate::tcp::{Cause, DiscardReason, ResetReason, Segment, SendReason, Timer};
use crate::trace::{Call, Fault, Note, Sink, StateCause, Step, StepKind};

/// JSON lines of a trace. `N` narrates the steps for `explain`: TCP's
/// narrator by default; the rdt lab writes its own steps through the same
/// lines with its own narrator.
pub struct JsonLines<'a, N = Narrator> {
    out: &'a mut dyn Write,
    /// Add `conv` to every step (sources with several connections).
    with_conv: bool,
    /// Add `explain`, the narration's sentences, to every step that has some.
    narrator: Option<N>,
    /// The line being written, reused from line to line; with
    /// `in_blocks`, the lines not yet handed to `out`.
    line: Vec<u8>,
    /// Hand lines to `out` in blocks rather than one by one.
    in_blocks: bool,
    /// What lines repeat, written once.
    repeats: super::json_write::Repeats,
}

impl<'a, N> JsonLines<'a, N> {
    pub fn new(out: &'a mut dyn Write) -> Self {
        JsonLines {
            out,
            with_conv: false,
            narrator: None,
            line: Vec::new(),
            in_blocks: false,
            repeats: Default::default(),
        }
    }

    /// Narrated by `narrator`, if there is one.
    pub fn explained(mut self, narrator: Option<N>) -> Self {
        self.narrator = narrator;
        self
    }

    pub fn with_conversations(mut self) -> Self {
        self.with_conv = true;
        self
    }

    /// Lines go to `out` in blocks of about 64 KiB, for a source read as
    /// fast as it can be (a capture file) rather than one that waits for
    /// the network, whose lines should appear as they happen.
    pub fn in_blocks(mut self) -> Self {
        self.in_blocks = true;
        self
    }

    /// Hands `out` the lines kept back.
    fn drain(&mut self) -> io::Result<()> {
        if self.line.is_empty() {
            return Ok(());
        }
        let written = self.out.write_all(&self.line);
        self.line.clear();
        written
    }

    /// Writes `value`, the object for `step`, as one line, with `explain`
    /// added when the narrator has something to say.
    pub fn write_step<S>(&mut self, step: &S, mut value: Value) -> io::Result<()>
    where
        N: Explain<S>,
    {
        if let Some(narrator) = &mut self.narrator {
            let lines = narrator.explain(step);
            if let (false, Value::Object(o)) = (lines.is_empty(), &mut value) {
                o.insert("explain".into(), json!(lines));
            }
        }
        self.drain()?;
        serde_json::to_writer(&mut *self.out, &value)?;
        self.out.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.drain()?;
        self.out.flush()
    }
}

/// Lines kept back still go out if the view is dropped without `end` (a
/// run cut short by an error), as they would have one by one.
impl<N> Drop for JsonLines<'_, N> {
    fn drop(&mut self) {
        let _ = self.drain();
    }
}

/// Lines kept back with `in_blocks` go out once they reach this many bytes.
const BLOCK: usize = 64 << 10;

impl JsonLines<'_> {
    pub fn with_explanations(self, lang: Lang) -> Self {
        self.explained(Some(Narrator::new(lang)))
    }
}

impl Sink for JsonLines<'_> {
    fn step(&mut self, step: &Step) -> io::Result<()> {
        if !self.in_blocks {
            self.line.clear();
        }
        let mut line = std::mem::take(&mut self.line);
        if !super::json_write::write_step(&mut line, step, self.with_conv, &mut self.repeats) {
            self.line = line;
            let value = step_json(step, self.with_conv);
            return self.write_step(step, value);
        }
        if let Some(narrator) = &mut self.narrator {
            let lines = narrator.explain(step);
            if !lines.is_empty() {
                super::json_write::add_explanations(&mut line, &lines);
            }
        }
        line.push(b'\n');
        self.line = line;
        if !self.in_blocks || self.line.len() >= BLOCK {
            return self.drain();
        }
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        self.flush()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.flush()
    }
}

/// One step as a JSON object.
pub fn step_json(step: &Step, with_conv: bool) -> Value {
    let mut o = Map::new();
    o.insert("t_us".into(), json!(step.t.micros()));
    o.insert("kind".into(), json!(step.kind.name()));
    o.insert("host".into(), json!(step.host.name()));
    if with_conv {
        o.insert("conv".into(), json!(step.conv));
    }
    if let Some(frame) = step.frame {
        o.insert("frame".into(), json!(frame));
    }
    match &step.kind {
        StepKind::Call(call) => {
            o.insert("call".into(), json!(call.name()));
            match call {
                Call::Connect { remote } => {
                    o.insert("remote".into(), json!(remote.to_string()));
                }
                Call::Send { len, preview } => {
                    o.insert("len".into(), json!(len));
                    if *len as usize == preview.len() {
                        o.insert("text".into(), json!(String::from_utf8_lossy(preview)));
                    }
                }
                _ => {}
            }
        }
        StepKind::Send { transmit: tx, .. } => {
            o.insert("seg".into(), segment_json(&tx.segment));
            o.insert("reason".into(), json!(send_reason(tx.reason)));
            o.insert("retransmission".into(), json!(tx.retransmission));
        }
        StepKind::Deliver(seg) => {
            o.insert("seg".into(), segment_json(seg));
        }
        StepKind::Drop { segment, fault } | StepKind::Mangle { segment, fault } => {
            o.insert("seg".into(), segment_json(segment));
            o.insert("fault".into(), json!(fault_name(*fault)));
            if let Fault::Delay(d) = fault {
                o.insert("delay_us".into(), json!(d.as_micros() as u64));
            }
        }
        StepKind::State { from, to, cause } => {
            o.insert("from".into(), json!(from.name()));
            o.insert("to".into(), json!(to.name()));
            o.insert("cause".into(), json!(cause_name(*cause)));
        }
        StepKind::Timer {
            timer,
            after,
            attempt,
        } => {
            o.insert("timer".into(), json!(timer_name(*timer)));
            o.insert("after_us".into(), json!(after.as_micros() as u64));
            o.insert("attempt".into(), json!(attempt));
        }
        StepKind::Data(bytes) => {
            o.insert("len".into(), json!(bytes.len()));
            o.insert("text".into(), json!(String::from_utf8_lossy(bytes)));
        }
        StepKind::Error(e) => {
            o.insert("error".into(), json!(e.name()));
        }
        StepKind::Discard(reason) => {
            o.insert("reason".into(), json!(discard_name(*reason)));
        }
        StepKind::DuplicateAck { count } => {
            o.insert("count".into(), json!(count));
        }
        StepKind::OutOfOrder { seq, len } => {
            o.insert("seq".into(), json!(seq.0));
            o.insert("len".into(), json!(len));
        }
        StepKind::Note(note) => {
            let (name, extra) = note_json(note);
            o.insert("note".into(), json!(name));
            if let Value::Object(extra) = extra {
                o.extend(extra);
            }
        }
        StepKind::Datagram(d) => {
            o.insert("src".into(), json!(d.src.to_string()));
            o.insert("dst".into(), json!(d.dst.to_string()));
            o.insert("len".into(), json!(d.len));
            o.insert("text".into(), json!(String::from_utf8_lossy(&d.payload)));
        }
        StepKind::Congestion(w) => {
            o.insert("cwnd".into(), json!(w.cwnd));
            o.insert("ssthresh".into(), json!(w.ssthresh));
            o.insert("flight".into(), json!(w.flight));
            o.insert("why".into(), json!(w.why.name()));
        }
    }
    Value::Object(o)
}

pub fn segment_json(seg: &Segment) -> Value {
    let flags: Vec<&str> = seg.flags.names().collect();
    let mut o = Map::new();
    o.insert("src".into(), json!(seg.src.to_string()));
    o.insert("dst".into(), json!(seg.dst.to_string()));
    o.insert("seq".into(), json!(seg.seq.0));
    o.insert(
        "ack".into(),
        seg.ack_number().map_or(Value::Null, |a| json!(a.0)),
    );
    o.insert("flags".into(), json!(flags));
    o.insert("win".into(), json!(seg.window));
    o.insert("len".into(), json!(seg.payload_len()));
    let opts = &seg.options;
    if !opts.is_empty() {
        let mut m = Map::new();
        if let Some(mss) = opts.mss {
            m.insert("mss".into(), json!(mss));
        }
        if let Some(ws) = opts.window_scale {
            m.insert("wscale".into(), json!(ws));
        }
        if opts.sack_permitted {
            m.insert("sack_permitted".into(), json!(true));
        }
        if let Some(ts) = opts.timestamps {
            m.insert("ts_val".into(), json!(ts.value));
            m.insert("ts_ecr".into(), json!(ts.echo_reply));
        }
        if !opts.sack.is_empty() {
            let blocks: Vec<Value> = opts
                .sack
                .iter()
                .map(|b| json!([b.left.0, b.right.0]))
                .collect();
            m.insert("sack".into(), json!(blocks));
        }
        o.insert("options".into(), Value::Object(m));
    }
    Value::Object(o)
}

pub fn cause_name(cause: StateCause) -> &'static str {
    let cause = match cause {
        StateCause::Endpoint(cause) => cause,
        StateCause::InferredListen => return "inferred-listen",
        StateCause::CaughtMidStream => return "mid-stream",
    };
    match cause {
        Cause::CallListen => "listen",
        Cause::CallConnect => "connect",
        Cause::CallClose => "close",
        Cause::CallAbort => "abort",
        Cause::RecvSyn => "recv-syn",
        Cause::RecvSimultaneousSyn => "recv-simultaneous-syn",
        Cause::RecvSynAck => "recv-syn-ack",
        Cause::RecvAckOfSyn => "recv-ack-of-syn",
        Cause::RecvFin => "recv-fin",
        Cause::RecvAckOfFin => "recv-ack-of-fin",
        Cause::RecvFinAckOfFin => "recv-fin-ack-of-fin",
        Cause::RecvRst => "recv-rst",
        Cause::RecvRstBackToListen => "back-to-listen",
        Cause::TimeWaitExpired => "time-wait-expired",
        Cause::RetransmitLimit => "retransmit-limit",
    }
}

pub fn send_reason(reason: SendReason) -> &'static str {
    match reason {
        SendReason::Open => "open",
        SendReason::Data => "data",
        SendReason::Ack => "ack",
        SendReason::DuplicateAck => "duplicate-ack",
        SendReason::ChallengeAck => "challenge-ack",
        SendReason::WindowUpdate => "window-update",
        SendReason::WindowProbe => "window-probe",
        SendReason::FastRetransmit => "fast-retransmit",
        SendReason::Reset(ResetReason::NoConnection) => "rst-no-connection",
        SendReason::Reset(ResetReason::AckInListen) => "rst-ack-in-listen",
        SendReason::Reset(ResetReason::UnacceptableAck) => "rst-unacceptable-ack",
        SendReason::Reset(ResetReason::Abort) => "rst-abort",
    }
}

pub fn timer_name(timer: Timer) -> &'static str {
    match timer {
        Timer::Retransmission => "retransmission",
        Timer::TimeWait => "time-wait",
        Timer::Persist => "persist",
    }
}

pub fn fault_name(fault: Fault) -> &'static str {
    match fault {
        Fault::Drop => "drop",
        Fault::RandomLoss => "random-loss",
        Fault::Duplicate => "duplicate",
        Fault::Delay(_) => "delay",
        Fault::Reorder => "reorder",
    }
}

pub fn discard_name(reason: DiscardReason) -> &'static str {
    match reason {
        DiscardReason::ResetIgnored => "rst-ignored",
        DiscardReason::OutsideWindow => "outside-window",
        DiscardReason::ResetNotExact => "rst-not-exact",
        DiscardReason::UnexpectedSyn => "unexpected-syn",
        DiscardReason::NotAConnectionRequest => "not-a-connection-request",
        DiscardReason::NoAck => "no-ack",
        DiscardReason::AckOfUnsentData => "ack-of-unsent-data",
        DiscardReason::Duplicate => "duplicate",
        DiscardReason::RepeatedSyn => "repeated-syn",
    }
}

/// A retransmission's own fields.
fn resent_json(r: &crate::trace::Resent) -> Value {
    let gaps: Vec<u64> = r.gaps.iter().map(|d| d.as_micros() as u64).collect();
    let mut o = json!({"original": r.original, "attempt": r.attempt, "gaps_us": gaps});
    match r.overrides {
        Some(crate::trace::Override::AskedFor {
            dupacks,
            tsval,
            newer_tsval,
        }) => {
            o["wireshark"] = json!("out-of-order");
            o["evidence"] = json!({"asked-for": {
                "dupacks": dupacks, "tsval": tsval, "newer_tsval": newer_tsval
            }});
        }
        Some(crate::trace::Override::NotYetAcked { ack }) => {
            o["wireshark"] = json!("keep-alive");
            o["evidence"] = json!({"not-yet-acked": {"ack": ack.0}});
        }
        None => {}
    }
    o
}

/// What showed a segment was lost after the capture point.
fn loss_json(e: &crate::trace::LossEvidence) -> Value {
    use crate::trace::LossEvidence;
    match e {
        LossEvidence::RepeatedSyn { frame } => {
            json!({"evidence": "repeated-syn", "shown_by": frame})
        }
        LossEvidence::Resent { frame } => json!({"evidence": "resent", "shown_by": frame}),
        LossEvidence::PeerResent { frame } => json!({"evidence": "peer-resent", "shown_by": frame}),
    }
}

/// A note's name and its own fields.
fn note_json(note: &Note) -> (&'static str, Value) {
    match note {
        Note::MidStream => ("mid-stream", json!({})),
        Note::Retransmission(r) => ("retransmission", resent_json(r)),
        Note::FastRetransmission(r) => ("fast-retransmission", resent_json(r)),
        Note::SpuriousRetransmission(r) => ("spurious-retransmission", resent_json(r)),
        Note::DuplicateAck {
            count,
            ack,
            original,
            sack,
        } => (
            "duplicate-ack",
            json!({"count": count, "ack": ack.0, "original": original, "sack": sack}),
        ),
        Note::AckedUnseen { unseen } => ("acked-unseen", json!({"unseen": unseen})),
        Note::ZeroWindowProbe { attempt, since } => (
            "zero-window-probe",
            json!({"attempt": attempt, "since_us": since.map(|d| d.as_micros() as u64)}),
        ),
        Note::ZeroWindowProbeAck => ("zero-window-probe-ack", json!({})),
        Note::WindowFull { window } => ("window-full", json!({"window": window})),
        Note::KeepAlive { since } => (
            "keep-alive",
            json!({"since_us": since.map(|d| d.as_micros() as u64)}),
        ),
        Note::KeepAliveAck => ("keep-alive-ack", json!({})),
        Note::ReusedPorts => ("reused-ports", json!({})),
        Note::InitialRtt { rtt } => ("initial-rtt", json!({"rtt_us": rtt.as_micros() as u64})),
        Note::Acks { frame, rtt } => (
            "acks",
            json!({"acked_frame": frame, "rtt_us": rtt.as_micros() as u64}),
        ),
        Note::WindowScale { shifts } => ("window-scale", json!({"shifts": shifts})),
        Note::LostAfterCapture(e) => ("lost-after-capture", loss_json(e)),
        Note::ControlWords { text, handshake } => (
            "control-words",
            json!({"text": text, "handshake": handshake}),
        ),
        Note::FernetKey { key } => ("fernet-key", json!({"key": key})),
        Note::FernetToken {
            key_frame,
            len,
            text,
        } => (
            "fernet-token",
            json!({"key_frame": key_frame, "len": len, "decrypted": text.is_some(), "text": text}),
        ),
        Note::NotCaptured { missing } => ("not-captured", json!({"missing": missing})),
        Note::OutOfOrder { len } => ("out-of-order", json!({"len": len})),
        Note::ZeroWindow => ("zero-window", json!({})),
        Note::WindowUpdate { window } => ("window-update", json!({"window": window})),
        Note::Truncated { captured, len } => {
            ("truncated", json!({"captured": captured, "len": len}))
        }
        Note::Relative { isn } => ("relative", json!({"isn": isn.0})),
    }
}
