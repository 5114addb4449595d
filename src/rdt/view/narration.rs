//! `--explain` for the reliable-transfer lab: every step in plain words, with
//! the protocol's reason. The same sentences go under ladder rows, under log
//! lines, into JSON (`explain`) and into pcapng packet comments.

use std::time::Duration;

use crate::narrate::Lang;
use crate::rdt::fault::Verdict;
use crate::rdt::handshake::{Agreement, Proposal};
use crate::rdt::mode::Mode;
use crate::rdt::packet::Kind;
use crate::rdt::proto::{DiscardReason, Event, Transmit};
use crate::rdt::trace::{Host, RdtKind, RdtStep};
use crate::tr;
use crate::view::Explain;
use crate::view::labels::{duration, preview};

/// Why the next retransmission happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resend {
    Timeout,
    Nak,
}

/// Explains steps, remembering just enough of the run to give reasons.
pub struct Narrator {
    lang: Lang,
    agreed: Option<Agreement>,
    timeout: Duration,
    resend: Option<Resend>,
    /// New data packets of the message being sent so far.
    pieces: u32,
    /// Whether the wrap of sequence numbers has been pointed out.
    wrap_told: bool,
    /// Whether any new data packet went out yet.
    sent_any: bool,
    /// The server threw the last arrival away (its next ACK repeats).
    server_discarded: Option<DiscardReason>,
    /// ACKs the server sent for packets it took in order.
    in_order_acks: u64,
}

impl Narrator {
    pub fn new(lang: Lang) -> Self {
        Narrator {
            lang,
            agreed: None,
            timeout: Duration::ZERO,
            resend: None,
            pieces: 0,
            wrap_told: false,
            sent_any: false,
            server_discarded: None,
            in_order_acks: 0,
        }
    }

    fn mode(&self) -> Mode {
        self.agreed.map_or(Mode::StopAndWait, |a| a.mode)
    }

    /// The sentences that explain `step` (none for steps that need no words).
    pub fn explain(&mut self, step: &RdtStep) -> Vec<String> {
        let lang = self.lang;
        match &step.kind {
            RdtKind::Request { line } => vec![match Proposal::parse(line) {
                Ok(p) => tr!(
                    lang,
                    "rdt-x-request",
                    mode = p.mode.name(),
                    size = p.max_size
                ),
                Err(_) => tr!(lang, "rdt-x-request-garbled"),
            }],
            RdtKind::Reply {
                agreed: Some(a), ..
            } => {
                self.agreed = Some(*a);
                let mut v = vec![tr!(
                    lang,
                    "rdt-x-reply",
                    mode = a.mode.name(),
                    size = a.max_size,
                    window = a.window,
                    max = a.space.max(),
                    space = a.space.size()
                )];
                v.push(match a.mode {
                    Mode::StopAndWait => tr!(lang, "rdt-x-mode-saw"),
                    Mode::GoBackN => tr!(lang, "rdt-x-mode-gbn"),
                    Mode::SelectiveRepeat => tr!(lang, "rdt-x-mode-sr"),
                });
                v
            }
            RdtKind::Reply { agreed: None, .. } => vec![tr!(lang, "rdt-x-refused")],
            RdtKind::Noise { message: 1, bytes } => {
                vec![tr!(lang, "rdt-x-noise-1", len = bytes.len())]
            }
            RdtKind::Noise { bytes, .. } => vec![tr!(lang, "rdt-x-noise-2", len = bytes.len())],
            RdtKind::Secure { ok: true } if step.host == Host::Client => {
                vec![tr!(lang, "rdt-x-secure")]
            }
            RdtKind::Secure { ok: true } => Vec::new(),
            RdtKind::Secure { ok: false } => vec![tr!(lang, "rdt-x-wrong-key")],
            RdtKind::Submit { index, message } => {
                let size = self.agreed.map_or(1, |a| a.max_size.max(1));
                let packets = message.len().div_ceil(size).max(1);
                vec![tr!(
                    lang,
                    "rdt-x-submit",
                    index = *index,
                    len = message.len(),
                    packets = packets,
                    size = size
                )]
            }
            RdtKind::Send { transmit, .. } => self.explain_send(step.host, transmit),
            RdtKind::Fault(v) => explain_fault(lang, *v),
            RdtKind::Arrive { .. } => Vec::new(),
            RdtKind::Event(e) => self.explain_event(step.host, e),
            RdtKind::Done => vec![tr!(lang, "rdt-x-done", t = step.t.to_string())],
        }
    }

    fn explain_send(&mut self, host: Host, tx: &Transmit) -> Vec<String> {
        let lang = self.lang;
        let p = &tx.packet;
        let mode = self.mode();
        match (host, p.kind) {
            (_, Kind::Data) if tx.retransmission => {
                let line = match self.resend {
                    Some(Resend::Nak) => tr!(lang, "rdt-x-resend-nak", seq = p.seq),
                    _ => tr!(lang, "rdt-x-resend", seq = p.seq),
                };
                vec![line]
            }
            (_, Kind::Data) => {
                self.resend = None;
                let mut v = Vec::new();
                let in_flight = tx.window.map_or(1, |w| w.in_flight());
                let window = tx.window.map_or(1, |w| w.size);
                v.push(match mode {
                    Mode::StopAndWait => {
                        tr!(lang, "rdt-x-send-saw", seq = p.seq, len = p.payload.len())
                    }
                    Mode::GoBackN => tr!(
                        lang,
                        "rdt-x-send-gbn",
                        seq = p.seq,
                        len = p.payload.len(),
                        inflight = in_flight,
                        window = window
                    ),
                    Mode::SelectiveRepeat => tr!(
                        lang,
                        "rdt-x-send-sr",
                        seq = p.seq,
                        len = p.payload.len(),
                        inflight = in_flight,
                        window = window
                    ),
                });
                self.pieces += 1;
                if p.end && self.pieces > 1 {
                    v.push(tr!(lang, "rdt-x-send-end", pieces = self.pieces));
                }
                if p.end {
                    self.pieces = 0;
                }
                if p.seq == 0 && self.sent_any && !self.wrap_told {
                    self.wrap_told = true;
                    if let Some(a) = self.agreed {
                        v.push(tr!(
                            lang,
                            "rdt-x-wrap",
                            max = a.space.max(),
                            space = a.space.size()
                        ));
                    }
                }
                self.sent_any = true;
                if mode != Mode::StopAndWait && in_flight == u32::from(window) {
                    v.push(tr!(lang, "rdt-x-window-full"));
                }
                v
            }
            (_, Kind::Ack) => {
                let discarded = self.server_discarded.take();
                if discarded.is_none() {
                    self.in_order_acks += 1;
                }
                let line = match (mode, discarded) {
                    (Mode::GoBackN, Some(_)) if self.in_order_acks == 0 => {
                        tr!(lang, "rdt-x-ack-gbn-none", seq = p.seq)
                    }
                    (Mode::GoBackN, Some(_)) => tr!(lang, "rdt-x-ack-gbn-repeat", seq = p.seq),
                    (_, Some(DiscardReason::Duplicate)) => {
                        tr!(lang, "rdt-x-ack-again", seq = p.seq)
                    }
                    (Mode::StopAndWait, _) => tr!(lang, "rdt-x-ack-saw", seq = p.seq),
                    (Mode::GoBackN, _) => tr!(lang, "rdt-x-ack-gbn", seq = p.seq),
                    (Mode::SelectiveRepeat, _) => tr!(lang, "rdt-x-ack-sr", seq = p.seq),
                };
                vec![line]
            }
            (_, Kind::Nak) => {
                self.server_discarded = None;
                vec![tr!(lang, "rdt-x-nak", seq = p.seq)]
            }
        }
    }

    fn explain_event(&mut self, host: Host, e: &Event) -> Vec<String> {
        let lang = self.lang;
        let mode = self.mode();
        let after = |d: &Duration| duration(*d);
        let line = match e {
            // Timers are told with the packets that start and stop them
            // (the ladder draws no row for them).
            Event::TimerStart { after: d, .. } => {
                self.timeout = *d;
                return Vec::new();
            }
            Event::TimerStop { .. } => return Vec::new(),
            Event::Timeout {
                seq,
                attempt,
                resend,
            } => {
                self.resend = Some(Resend::Timeout);
                let mut line = match mode {
                    Mode::StopAndWait => {
                        tr!(
                            lang,
                            "rdt-x-timeout-saw",
                            seq = *seq,
                            after = after(&self.timeout)
                        )
                    }
                    Mode::GoBackN => tr!(lang, "rdt-x-timeout-gbn", seq = *seq, count = *resend),
                    Mode::SelectiveRepeat => tr!(lang, "rdt-x-timeout-sr", seq = *seq),
                };
                if *attempt > 1 {
                    line = format!("{line} {}", tr!(lang, "rdt-x-attempt", attempt = *attempt));
                }
                line
            }
            Event::Acked { seq, window, slid } => match (mode, slid) {
                (Mode::StopAndWait, _) => tr!(lang, "rdt-x-acked-saw", seq = *seq),
                (_, true) => tr!(
                    lang,
                    "rdt-x-acked",
                    seq = *seq,
                    base = window.base,
                    free = u32::from(window.size) - window.in_flight()
                ),
                (_, false) => tr!(lang, "rdt-x-acked-hole", seq = *seq, base = window.base),
            },
            Event::Nak { seq } => {
                self.resend = Some(Resend::Nak);
                tr!(lang, "rdt-x-nak-received", seq = *seq)
            }
            Event::Discard { seq, reason } => {
                if host == Host::Server {
                    self.server_discarded = Some(*reason);
                }
                return self.explain_discard(host, *seq, *reason);
            }
            Event::Buffered { seq, window } => {
                tr!(lang, "rdt-x-buffered", seq = *seq, base = window.base)
            }
            Event::ReceiveWindow { window } => {
                tr!(lang, "rdt-x-receive-window", base = window.base)
            }
            Event::Deliver { index, message } => tr!(
                lang,
                "rdt-x-deliver",
                index = *index,
                len = message.len(),
                text = preview(message, 40)
            ),
            Event::GaveUp { seq, attempts } => {
                tr!(lang, "rdt-x-gave-up", seq = *seq, attempts = *attempts)
            }
        };
        vec![line]
    }

    fn explain_discard(
        &mut self,
        host: Host,
        seq: Option<u16>,
        reason: DiscardReason,
    ) -> Vec<String> {
        let lang = self.lang;
        let seq = seq.map_or_else(|| "?".to_string(), |s| s.to_string());
        let mode = self.mode();
        let mut v = Vec::new();
        match reason {
            DiscardReason::Corrupt { carried, computed } => {
                let (carried, computed) = (format!("0x{carried:04x}"), format!("0x{computed:04x}"));
                if host == Host::Client {
                    v.push(tr!(
                        lang,
                        "rdt-x-corrupt-ack",
                        carried = carried,
                        computed = computed
                    ));
                } else {
                    v.push(tr!(
                        lang,
                        "rdt-x-corrupt",
                        carried = carried,
                        computed = computed
                    ));
                }
            }
            DiscardReason::Malformed => v.push(tr!(lang, "rdt-x-malformed")),
            DiscardReason::Tampered => v.push(tr!(lang, "rdt-x-tampered")),
            DiscardReason::Duplicate => v.push(tr!(lang, "rdt-x-duplicate", seq = seq)),
            DiscardReason::OutOfOrder { expected } => v.push(tr!(
                lang,
                "rdt-x-out-of-order",
                seq = seq,
                expected = expected
            )),
            DiscardReason::OutsideWindow => v.push(tr!(lang, "rdt-x-outside-window", seq = seq)),
            DiscardReason::DuplicateAck => v.push(tr!(lang, "rdt-x-duplicate-ack", seq = seq)),
            DiscardReason::StaleNak => v.push(tr!(lang, "rdt-x-stale-nak", seq = seq)),
            DiscardReason::Unexpected => v.push(tr!(lang, "rdt-x-unexpected")),
        }
        if reason.is_damage() && host == Host::Server && mode == Mode::SelectiveRepeat {
            v.push(tr!(lang, "rdt-x-damaged-sr"));
        }
        v
    }
}

fn explain_fault(lang: Lang, v: Verdict) -> Vec<String> {
    let line = match v {
        Verdict::Pass => return Vec::new(),
        Verdict::Lost { .. } => tr!(lang, "rdt-x-lost"),
        Verdict::Corrupted { bit, .. } => tr!(lang, "rdt-x-corrupted", bit = bit, byte = bit / 8),
        Verdict::Duplicated { .. } => tr!(lang, "rdt-x-duplicated"),
        Verdict::Reordered { .. } => tr!(lang, "rdt-x-reordered"),
    };
    let why = match v.rule() {
        Some(rule) => tr!(lang, "rdt-x-scripted", rule = rule.spelled()),
        None => tr!(lang, "rdt-x-random"),
    };
    vec![format!("{line} {why}")]
}

impl Explain<RdtStep> for Narrator {
    fn explain(&mut self, step: &RdtStep) -> Vec<String> {
        Narrator::explain(self, step)
    }
}
