//! Questions drawn from a trace: every moment a student could predict (a
//! state change, the next segment's flags and numbers, a timer, a loss's
//! effect on cwnd, a checksum, the bits of a byte) becomes a candidate,
//! asked just before the step that shows its answer.

use crate::narrate::Lang;
use crate::rdt::packet::Kind as PacketKind;
use crate::rdt::proto::Event;
use crate::rdt::trace::{RdtKind, RdtStep};
use crate::tcp::{Segment, State, Timer};
use crate::tr;
use crate::trace::{CongestionCause, Host, Step, StepKind};
use crate::view::labels::host_text;
use crate::view::narration::Narrator;
use crate::wire::tcp_header_bytes;

use super::answer::Expected;
use super::question::{Kind, Question};

/// Every question a TCP trace offers, in the order of the steps.
pub fn tcp_candidates(steps: &[Step], lang: Lang) -> Vec<Question> {
    let mut narrator = Narrator::new(lang);
    let told: Vec<Vec<String>> = steps.iter().map(|s| narrator.explain(s)).collect();
    let side = |h: Host| host_text(lang, h);
    let mut out = Vec::new();
    // The last segment each side sent and received, for the arithmetic.
    let mut last_sent: [Option<&Segment>; 2] = [None, None];
    let mut last_received: [Option<&Segment>; 2] = [None, None];
    let mut timer_fired: [bool; 2] = [false, false];
    let mut asked_checksum = false;
    let mut asked_bits = false;
    for (i, step) in steps.iter().enumerate() {
        let h = step.host;
        let q = |kind, prompt, expected| Question::at(kind, h, i, prompt, expected, &told[i]);
        match &step.kind {
            StepKind::State { from, to, .. } => {
                if *to == State::TimeWait {
                    out.push(q(
                        Kind::TimeWaitSide,
                        tr!(lang, "quiz-q-time-wait-side"),
                        Expected::Side(h),
                    ));
                } else if !(*from == State::Closed && *to == State::Listen) {
                    out.push(q(
                        Kind::State,
                        tr!(lang, "quiz-q-state", side = side(h)),
                        Expected::State(*to),
                    ));
                }
            }
            StepKind::Timer { timer, after, .. } => {
                let after = after.as_micros() as u64;
                match timer {
                    Timer::TimeWait => out.push(q(
                        Kind::TimeWaitLength,
                        tr!(lang, "quiz-q-time-wait-length", side = side(h)),
                        Expected::Seconds(after),
                    )),
                    Timer::Retransmission => {
                        out.push(q(
                            Kind::RtoWhen,
                            tr!(lang, "quiz-q-rto-when", side = side(h)),
                            Expected::Seconds(after),
                        ));
                        timer_fired[h.index()] = true;
                    }
                    Timer::Persist => {}
                }
            }
            StepKind::Congestion(w)
                if matches!(
                    w.why,
                    CongestionCause::FastRetransmit | CongestionCause::Timeout
                ) =>
            {
                out.push(q(
                    Kind::Cwnd,
                    tr!(lang, "quiz-q-cwnd", side = side(h)),
                    Expected::Number {
                        value: u64::from(w.cwnd),
                        near: None,
                    },
                ));
                if let Some(ssthresh) = w.ssthresh {
                    out.push(q(
                        Kind::Ssthresh,
                        tr!(lang, "quiz-q-ssthresh"),
                        Expected::Number {
                            value: u64::from(ssthresh),
                            near: None,
                        },
                    ));
                }
            }
            StepKind::Deliver(seg) => last_received[h.index()] = Some(seg),
            StepKind::Send { transmit, .. } => {
                let seg = &transmit.segment;
                if std::mem::take(&mut timer_fired[h.index()]) {
                    out.push(q(
                        Kind::RtoSends,
                        tr!(lang, "quiz-q-rto-sends", side = side(h)),
                        Expected::Flags(seg.flags),
                    ));
                } else {
                    out.push(q(
                        Kind::Flags,
                        tr!(lang, "quiz-q-flags", side = side(h)),
                        Expected::Flags(seg.flags),
                    ));
                }
                if let Some(prev) = last_sent[h.index()]
                    && !transmit.retransmission
                {
                    let used =
                        prev.payload_len() as u32 + u32::from(prev.flags.syn() || prev.flags.fin());
                    let mut question = q(
                        Kind::Seq,
                        tr!(lang, "quiz-q-seq", side = side(h)),
                        Expected::Number {
                            value: u64::from(seg.seq.0),
                            near: (used > 0 && (prev.flags.syn() || prev.flags.fin()))
                                .then(|| u64::from(seg.seq.0.wrapping_sub(1))),
                        },
                    );
                    question.hint = Some(tr!(
                        lang,
                        "quiz-q-seq-hint",
                        side = side(h),
                        prev = prev.seq.0
                    ));
                    question.partly = Some(tr!(lang, "quiz-q-off-by-one"));
                    out.push(question);
                }
                if seg.flags.ack()
                    && let Some(got) = last_received[h.index()]
                {
                    let mut question = q(
                        Kind::Ack,
                        tr!(lang, "quiz-q-ack", side = side(h)),
                        Expected::Number {
                            value: u64::from(seg.ack.0),
                            near: (got.flags.syn() || got.flags.fin())
                                .then(|| u64::from(seg.ack.0.wrapping_sub(1))),
                        },
                    );
                    question.hint = Some(tr!(
                        lang,
                        "quiz-q-ack-hint",
                        side = side(h),
                        prev = got.seq.0
                    ));
                    question.partly = Some(tr!(lang, "quiz-q-off-by-one"));
                    out.push(question);
                }
                if seg.window == 0 && !seg.flags.rst() {
                    out.push(q(
                        Kind::Window,
                        tr!(lang, "quiz-q-window", side = side(h)),
                        Expected::Number {
                            value: 0,
                            near: None,
                        },
                    ));
                }
                if !asked_checksum
                    && seg.payload.is_empty()
                    && seg.options.is_empty()
                    && let Ok(header) = tcp_header_bytes(seg)
                {
                    asked_checksum = true;
                    let mut question = q(
                        Kind::Checksum,
                        tr!(lang, "quiz-q-checksum", side = side(h), len = header.len()),
                        Expected::Hex16(u16::from_be_bytes([header[16], header[17]])),
                    );
                    question.hint = Some(tr!(lang, "quiz-q-checksum-hint"));
                    out.push(question);
                }
                if !asked_bits
                    && let Some(&first) = seg.payload.first()
                    && first.is_ascii_graphic()
                {
                    asked_bits = true;
                    out.push(q(
                        Kind::Bits,
                        tr!(
                            lang,
                            "quiz-q-bits",
                            side = side(h),
                            char = format!("'{}'", first as char)
                        ),
                        Expected::Bits8(first),
                    ));
                }
                last_sent[h.index()] = Some(seg);
            }
            _ => {}
        }
    }
    out
}

/// Every question a reliable-transfer trace offers.
pub fn rdt_candidates(steps: &[RdtStep], lang: Lang) -> Vec<Question> {
    let mut narrator = crate::rdt::view::narration::Narrator::new(lang);
    let told: Vec<Vec<String>> = steps.iter().map(|s| narrator.explain(s)).collect();
    let side = |h: Host| host_text(lang, h);
    let mut out = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let h = step.host;
        let q = |kind, prompt, expected| Question::at(kind, h, i, prompt, expected, &told[i]);
        match &step.kind {
            RdtKind::Send { transmit, .. }
                if transmit.packet.kind == PacketKind::Data && !transmit.retransmission =>
            {
                out.push(q(
                    Kind::RdtSeq,
                    tr!(lang, "quiz-q-rdt-seq", side = side(h)),
                    Expected::Number {
                        value: u64::from(transmit.packet.seq),
                        near: None,
                    },
                ));
            }
            RdtKind::Event(Event::Acked {
                window, slid: true, ..
            }) => {
                let seqs = (0..u32::from(window.size))
                    .map(|k| window.space.add(window.base, k))
                    .collect();
                out.push(q(
                    Kind::RdtWindow,
                    tr!(lang, "quiz-q-rdt-window", side = side(h)),
                    Expected::List(seqs),
                ));
            }
            RdtKind::Event(Event::Timeout { resend, .. }) => out.push(q(
                Kind::RdtResend,
                tr!(lang, "quiz-q-rdt-resend", side = side(h)),
                Expected::Number {
                    value: u64::from(*resend),
                    near: None,
                },
            )),
            _ => {}
        }
    }
    out
}

/// At most `most` of `candidates`: the moments a teacher points at first
/// (but no more than two thirds of the quiz, so the routine numbers get
/// asked too), then the routine numbers. Within a tier the kinds take turns
/// (the first state change, the first cwnd after a loss, the first TIME-WAIT,
/// then the second of each…), so a lesson's one fast retransmit is not lost
/// among its many state changes; at most two questions come before any one
/// step. The result is in the order of the steps.
pub fn choose(candidates: Vec<Question>, most: usize) -> Vec<Question> {
    if candidates.len() <= most {
        return candidates;
    }
    let mut chosen: Vec<usize> = Vec::new();
    let caps = [(most * 2).div_ceil(3), most, most];
    // Each tier up to its cap, then a last pass that fills what is left from any tier.
    let passes = [
        (Some(0u8), caps[0]),
        (Some(1), caps[1]),
        (Some(2), caps[2]),
        (None, most),
    ];
    for (tier, cap) in passes {
        let mut room = cap.min(most - chosen.len());
        for i in in_turns(&candidates, tier) {
            if room == 0 {
                break;
            }
            let at_step = chosen
                .iter()
                .filter(|&&c| candidates[c].step == candidates[i].step)
                .count();
            if !chosen.contains(&i) && at_step < 2 {
                chosen.push(i);
                room -= 1;
            }
        }
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|i| candidates[i].clone()).collect()
}

/// The candidates of `tier` (all when `None`), the kinds taking turns: the
/// first of each kind, then the second of each, and so on.
fn in_turns(candidates: &[Question], tier: Option<u8>) -> Vec<usize> {
    let mut by_kind: std::collections::BTreeMap<super::question::Kind, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, q) in candidates.iter().enumerate() {
        if tier.is_none_or(|t| q.kind.priority() == t) {
            by_kind.entry(q.kind).or_default().push(i);
        }
    }
    let longest = by_kind.values().map(Vec::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|round| {
            by_kind
                .values()
                .filter_map(move |list| list.get(round).copied())
        })
        .collect()
}
