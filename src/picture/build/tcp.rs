//! A TCP trace (a lesson or a capture) as a [`Picture`]: every step with its
//! ladder label, narration and bits; each segment an arrow from its `Send`
//! to its `Deliver` (or its `Drop`); states and fired timers on the
//! lifelines; and the graphs' series for the direction that carried most
//! data, with the model's own cwnd where the trace has it.

use crate::narrate::Lang;
use crate::picture::model::{
    AckPoint, Arrow, ArrowEnd, Micros, Moment, Picture, SackBlock, SeqRange, SeqUnit, Series,
    StateMark, TimerSpan, WindowPoint, WindowSource,
};
use crate::tcp::Segment;
use crate::tr;
use crate::trace::{Host, Step, StepKind, TraceMeta};
use crate::view::header_bits::segment_bits_upto;
use crate::view::labels::{segment_label, side_text};
use crate::view::narration::Narrator;
use crate::view::style::{Style, Theme};

use super::{InFlight, Pictured, Unwrap, headed};

/// How wide the player's bits lines may be: the header diagram is 65
/// columns, and the worksheet lines wrap at this width.
const BITS_WIDTH: usize = 72;

/// The data bytes each step shows as bits: a short message whole, the start
/// of a full-size segment (the player of a capture holds thousands).
const BITS_DATA: usize = 32;

/// The segments whose bits the player keeps: a lesson's all, a long
/// capture's first ones (each costs a few kilobytes in each language).
const BITS_SEGMENTS: usize = 1000;

/// Room for a side label: long data previews shrink to fit.
const LABEL_ROOM: usize = 48;

impl Pictured for Step {
    fn picture(meta: &TraceMeta, steps: &[Step], lang: Lang) -> Picture {
        let addrs = [meta.client.to_string(), meta.server.to_string()];
        let mut picture = headed(&meta.title, &meta.summary, lang, addrs);
        picture.captured = steps.iter().any(|s| s.frame.is_some());
        let mut narrator = Narrator::new(lang);
        let mut flight = InFlight::<Segment>::new(meta.latency);
        let plain = Style {
            color: false,
            theme: Theme::Mono,
        };
        let mut with_bits = 0;
        for (index, step) in steps.iter().enumerate() {
            let t = step.t.micros();
            let mut moment = Moment {
                t,
                side: step.host,
                label: label(lang, &step.kind),
                narration: narrator.explain(step),
                bits: Vec::new(),
                arrow: None,
                frame: step.frame,
            };
            match &step.kind {
                StepKind::Send { transmit, captured } => {
                    let seg = &transmit.segment;
                    with_bits += 1;
                    moment.bits = if with_bits <= BITS_SEGMENTS {
                        segment_bits_upto(
                            seg,
                            captured.as_deref(),
                            lang,
                            plain,
                            BITS_WIDTH,
                            BITS_DATA,
                        )
                    } else {
                        vec![match step.frame {
                            Some(frame) => tr!(
                                lang,
                                "picture-bits-cut-frame",
                                most = BITS_SEGMENTS,
                                frame = frame
                            ),
                            None => tr!(lang, "picture-bits-cut", most = BITS_SEGMENTS),
                        }]
                    };
                    let arrow = Arrow {
                        from: step.host,
                        sent: t,
                        // Until it lands or is lost: a capture's segment
                        // arrives where it was seen.
                        end: ArrowEnd::Arrived(t),
                        label: moment.label.clone(),
                        retransmission: transmit.retransmission,
                        data: seg.payload_len() > 0,
                        frame: step.frame,
                        step: index,
                    };
                    moment.arrow = Some(flight.sent(&mut picture, step.host, seg.clone(), arrow));
                }
                StepKind::Deliver(seg) => {
                    moment.arrow = flight.arrived(&mut picture, step.host, seg, t).or_else(|| {
                        // A copy the link made: drawn from where the original left.
                        let from = step.host.peer();
                        let original = InFlight::<Segment>::newest_sent(&picture, from, |a| {
                            steps
                                .get(a.step)
                                .is_some_and(|s| sent_segment(s) == Some(seg))
                        })?;
                        let mut copy = picture.arrows[original].clone();
                        copy.end = ArrowEnd::Arrived(t);
                        picture.arrows.push(copy);
                        Some(picture.arrows.len() - 1)
                    });
                }
                StepKind::Drop { segment, .. } => {
                    moment.arrow = flight.lost(&mut picture, step.host, segment);
                }
                StepKind::State { to, .. } => picture.states.push(StateMark {
                    side: step.host,
                    t,
                    state: to.to_string(),
                    step: index,
                }),
                StepKind::Timer { after, .. } => picture.timers.push(TimerSpan {
                    side: step.host,
                    from: t.saturating_sub(after.as_micros() as Micros),
                    to: t,
                    label: moment.label.trim_start_matches('⏱').trim().to_string(),
                    fired: true,
                }),
                _ => {}
            }
            picture.steps.push(moment);
        }
        picture.series = series(steps);
        picture
    }
}

/// The segment a step sent, if it sent one.
fn sent_segment(step: &Step) -> Option<&Segment> {
    match &step.kind {
        StepKind::Send { transmit, .. } => Some(&transmit.segment),
        _ => None,
    }
}

/// The step's one line, as the ladder writes it.
fn label(lang: Lang, kind: &StepKind) -> String {
    match kind {
        StepKind::Send { transmit, .. } => {
            let (flags, numbers) = segment_label(&transmit.segment);
            let resent = if transmit.retransmission { "↻ " } else { "" };
            format!("{resent}{flags} {numbers}")
        }
        StepKind::Deliver(seg) => {
            let (flags, numbers) = segment_label(seg);
            format!("→ {flags} {numbers}")
        }
        StepKind::Drop { segment, .. } => {
            let (flags, numbers) = segment_label(segment);
            format!("✗ {flags} {numbers}")
        }
        StepKind::State { from, to, .. } => format!("{from} → {to}"),
        StepKind::Congestion(w) => {
            let ssthresh = w.ssthresh.map_or("∞".to_string(), |s| s.to_string());
            format!(
                "cwnd {} · ssthresh {ssthresh} · flight {}",
                w.cwnd, w.flight
            )
        }
        other => side_text(lang, other, LABEL_ROOM)
            .map(|(text, _)| text)
            .unwrap_or_else(|| other.name().to_string()),
    }
}

/// The graphs' numbers: the data of the side that sent most, the other
/// side's ACKs, windows and SACK blocks, and the sender's window.
fn series(steps: &[Step]) -> Series {
    let mut sent = [0u64; 2];
    for step in steps {
        if let Some(seg) = sent_segment(step) {
            sent[step.host.index()] += seg.payload_len() as u64;
        }
    }
    let sender = if sent[1] > sent[0] {
        Host::Server
    } else {
        Host::Client
    };
    let receiver = sender.peer();
    let isn = steps
        .iter()
        .filter(|s| s.host == sender)
        .filter_map(sent_segment)
        .find(|seg| seg.flags.syn())
        .or_else(|| {
            steps
                .iter()
                .filter(|s| s.host == sender)
                .find_map(sent_segment)
        })
        .map_or(0, |seg| seg.seq.0);
    let mut unwrap = Unwrap::new(u64::from(isn), 1 << 32);
    let mut ack_unwrap = unwrap;
    // Window scaling is in force once both SYNs offered it (RFC 7323 §2.2).
    let mut offered: [Option<u8>; 2] = [None, None];
    let mut series = Series {
        sender,
        unit: SeqUnit::Bytes,
        ..Series::default()
    };
    let mut highest_sent = 0u64;
    let mut highest_acked = 0u64;
    let mut modelled = false;
    for (index, step) in steps.iter().enumerate() {
        let t = step.t.micros();
        match &step.kind {
            StepKind::Send { transmit, .. } => {
                let seg = &transmit.segment;
                if seg.flags.syn() {
                    offered[step.host.index()] = seg.options.window_scale;
                }
                if step.host == sender {
                    let seq = unwrap.rel(u64::from(seg.seq.0));
                    let len = u32::try_from(seg.payload_len()).unwrap_or(u32::MAX);
                    if len > 0 {
                        series.data.push(SeqRange {
                            t,
                            seq,
                            len,
                            retransmission: transmit.retransmission,
                            step: index,
                        });
                    }
                    let end = seq + u64::from(len) + u64::from(seg.flags.syn() || seg.flags.fin());
                    highest_sent = highest_sent.max(end);
                } else if seg.flags.ack() {
                    let ack = ack_unwrap.rel(u64::from(seg.ack.0));
                    highest_acked = highest_acked.max(ack);
                    let shift = match offered {
                        [Some(a), Some(b)] if !seg.flags.syn() => [a, b][receiver.index()],
                        _ => 0,
                    };
                    let window = u64::from(seg.window) << shift.min(14);
                    series.acks.push(AckPoint {
                        t,
                        ack,
                        window_edge: ack + window,
                        step: index,
                    });
                    for block in &seg.options.sack {
                        let mut u = ack_unwrap;
                        series.sacks.push(SackBlock {
                            t,
                            left: u.rel(u64::from(block.left.0)),
                            right: u.rel(u64::from(block.right.0)),
                        });
                    }
                } else {
                    continue;
                }
                if !modelled {
                    series.window.push(WindowPoint {
                        t,
                        cwnd: None,
                        ssthresh: None,
                        flight: highest_sent.saturating_sub(highest_acked),
                    });
                }
            }
            StepKind::Congestion(w) if step.host == sender => {
                if !modelled {
                    // The model's own numbers replace any inferred ones.
                    series.window.clear();
                    modelled = true;
                }
                series.window.push(WindowPoint {
                    t,
                    cwnd: Some(u64::from(w.cwnd)),
                    ssthresh: w.ssthresh.map(u64::from),
                    flight: u64::from(w.flight),
                });
            }
            _ => {}
        }
    }
    series.window_source = if modelled {
        WindowSource::Model
    } else if series.window.is_empty() {
        WindowSource::None
    } else {
        WindowSource::Inferred
    };
    series
}
