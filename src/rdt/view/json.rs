//! `--json` for the reliable-transfer lab: one object per step and line, for
//! grading scripts. Packets carry their fields and their bytes (hex); with
//! `--explain`, an `explain` list holds the narration.

use std::io;

use serde_json::{Map, Value, json};

use super::narration::Narrator;
use crate::bits::hex;
use crate::rdt::fault::Verdict;
use crate::rdt::handshake::Agreement;
use crate::rdt::packet::Packet;
use crate::rdt::proto::{DiscardReason, Event, WindowView};
use crate::rdt::trace::{RdtKind, RdtStep, Sink};

/// The project's JSON lines, with rdt steps and the rdt narrator.
pub type JsonLines<'a> = crate::view::json::JsonLines<'a, Narrator>;

impl Sink<RdtStep> for JsonLines<'_> {
    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        self.write_step(step, step_json(step))
    }

    fn end(&mut self) -> io::Result<()> {
        self.flush()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.flush()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn packet_json(p: &Packet) -> Value {
    json!({
        "type": p.kind.name(),
        "seq": p.seq,
        "end": p.end,
        "len": p.payload.len(),
        "checksum": format!("0x{:04x}", p.checksum()),
        "text": text(&p.payload),
    })
}

fn window_json(w: &WindowView) -> Value {
    let mut o = Map::new();
    o.insert("base".into(), json!(w.base));
    if let Some(next) = w.next {
        o.insert("next".into(), json!(next));
    }
    o.insert("size".into(), json!(w.size));
    o.insert("space".into(), json!(w.space.size()));
    if w.marks != 0 {
        let marked: Vec<u16> = (0..u32::from(w.size).min(64))
            .filter(|i| w.marks >> i & 1 == 1)
            .map(|i| w.space.add(w.base, i))
            .collect();
        o.insert("marked".into(), json!(marked));
    }
    Value::Object(o)
}

fn agreement_json(a: &Agreement) -> Value {
    json!({
        "mode": a.mode.name(),
        "max_size": a.max_size,
        "window": a.window,
        "seq_bits": a.space.bits(),
        "secure": a.secure,
    })
}

fn verdict_json(v: &Verdict, o: &mut Map<String, Value>) {
    let name = match *v {
        Verdict::Pass => "pass",
        Verdict::Lost { .. } => "lost",
        Verdict::Corrupted { bit, .. } => {
            o.insert("bit".into(), json!(bit));
            "corrupted"
        }
        Verdict::Duplicated { .. } => "duplicated",
        Verdict::Reordered { .. } => "reordered",
    };
    o.insert("fault".into(), json!(name));
    o.insert("scripted".into(), json!(v.rule().is_some()));
    // Which packet the rule names, spelled as on the command line.
    if let Some(rule) = v.rule() {
        o.insert("rule".into(), json!(rule.target.to_string()));
    }
}

fn reason_name(r: &DiscardReason) -> &'static str {
    match r {
        DiscardReason::Corrupt { .. } => "corrupt",
        DiscardReason::Malformed => "malformed",
        DiscardReason::Tampered => "tampered",
        DiscardReason::Duplicate => "duplicate",
        DiscardReason::OutOfOrder { .. } => "out-of-order",
        DiscardReason::OutsideWindow => "outside-window",
        DiscardReason::DuplicateAck => "duplicate-ack",
        DiscardReason::StaleNak => "stale-nak",
        DiscardReason::Unexpected => "unexpected",
    }
}

/// One step as a JSON object.
pub fn step_json(step: &RdtStep) -> Value {
    let mut o = Map::new();
    o.insert("t_us".into(), json!(step.t.micros()));
    o.insert("kind".into(), json!(step.kind.name()));
    o.insert("host".into(), json!(step.host.name()));
    match &step.kind {
        RdtKind::Request { line } => {
            o.insert("line".into(), json!(line));
        }
        RdtKind::Reply { line, agreed } => {
            o.insert("line".into(), json!(line));
            o.insert(
                "agreed".into(),
                agreed.as_ref().map_or(Value::Null, agreement_json),
            );
        }
        RdtKind::Noise { message, bytes } => {
            o.insert("message".into(), json!(message));
            o.insert("bytes".into(), json!(hex(bytes)));
        }
        RdtKind::Secure { ok } => {
            o.insert("ok".into(), json!(ok));
        }
        RdtKind::Submit { index, message } => {
            o.insert("index".into(), json!(index));
            o.insert("len".into(), json!(message.len()));
            o.insert("text".into(), json!(text(message)));
        }
        RdtKind::Send { transmit, wire } => {
            o.insert("packet".into(), packet_json(&transmit.packet));
            o.insert("retransmission".into(), json!(transmit.retransmission));
            if let Some(w) = &transmit.window {
                o.insert("window".into(), window_json(w));
            }
            o.insert("bytes".into(), json!(hex(wire)));
        }
        RdtKind::Fault(v) => verdict_json(v, &mut o),
        RdtKind::Arrive { wire } => {
            o.insert("bytes".into(), json!(hex(wire)));
        }
        RdtKind::Event(e) => match e {
            Event::TimerStart { seq, after } => {
                o.insert("seq".into(), json!(seq));
                o.insert("after_us".into(), json!(after.as_micros() as u64));
            }
            Event::TimerStop { seq } | Event::Nak { seq } => {
                o.insert("seq".into(), json!(seq));
            }
            Event::Timeout {
                seq,
                attempt,
                resend,
            } => {
                o.insert("seq".into(), json!(seq));
                o.insert("attempt".into(), json!(attempt));
                o.insert("resend".into(), json!(resend));
            }
            Event::Acked { seq, window, slid } => {
                o.insert("seq".into(), json!(seq));
                o.insert("window".into(), window_json(window));
                o.insert("slid".into(), json!(slid));
            }
            Event::Discard { seq, reason } => {
                o.insert("seq".into(), json!(seq));
                o.insert("reason".into(), json!(reason_name(reason)));
                match reason {
                    DiscardReason::Corrupt { carried, computed } => {
                        o.insert("carried".into(), json!(format!("0x{carried:04x}")));
                        o.insert("computed".into(), json!(format!("0x{computed:04x}")));
                    }
                    DiscardReason::OutOfOrder { expected } => {
                        o.insert("expected".into(), json!(expected));
                    }
                    _ => {}
                }
            }
            Event::Buffered { seq, window } => {
                o.insert("seq".into(), json!(seq));
                o.insert("window".into(), window_json(window));
            }
            Event::ReceiveWindow { window } => {
                o.insert("window".into(), window_json(window));
            }
            Event::Deliver { index, message } => {
                o.insert("index".into(), json!(index));
                o.insert("len".into(), json!(message.len()));
                o.insert("text".into(), json!(text(message)));
            }
            Event::GaveUp { seq, attempts } => {
                o.insert("seq".into(), json!(seq));
                o.insert("attempts".into(), json!(attempts));
            }
        },
        RdtKind::Done => {}
    }
    Value::Object(o)
}
