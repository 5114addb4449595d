//! A reliable-transfer run as a [`Picture`]: each packet an arrow from its
//! `Send` to its `Arrive` (or lost where the channel drops it), the
//! sender's timers as brackets, the handshake's outcome as the lifelines'
//! states, and the graphs' series in packets: the data the sender sent, the
//! receiver's ACKs, and the sender's window (its size N and packets in flight).

use bytes::Bytes;

use crate::narrate::Lang;
use crate::picture::model::{
    AckPoint, Arrow, ArrowEnd, Moment, Picture, SeqRange, SeqUnit, Series, StateMark, TimerSpan,
    WindowPoint, WindowSource,
};
use crate::rdt::fault::Verdict;
use crate::rdt::packet::Kind;
use crate::rdt::proto::{Event, WindowView};
use crate::rdt::trace::{RdtKind, RdtMeta, RdtStep};
use crate::rdt::view::bits::packet_bits;
use crate::rdt::view::labels::{
    discard_text, packet_label, submit_text, verdict_text, window_marker,
};
use crate::rdt::view::narration::Narrator;
use crate::tr;
use crate::trace::Host;
use crate::view::labels::{duration, preview};
use crate::view::style::{Style, Theme};

use super::{InFlight, Pictured, Unwrap, headed};

const BITS_WIDTH: usize = 72;

impl Pictured for RdtStep {
    fn picture(meta: &RdtMeta, steps: &[RdtStep], lang: Lang) -> Picture {
        let addrs = Host::BOTH.map(|h| meta.addr(h).to_string());
        let mut picture = headed(&meta.title, &meta.summary, lang, addrs);
        let mut narrator = Narrator::new(lang);
        let mut flight = InFlight::<Bytes>::new(meta.latency);
        let plain = Style {
            color: false,
            theme: Theme::Mono,
        };
        // Timers running, per side: (seq, armed at, label).
        let mut timers: [Vec<(u16, u64)>; 2] = [Vec::new(), Vec::new()];
        let mut last_sent: Option<(Host, Bytes)> = None;
        for (index, step) in steps.iter().enumerate() {
            let t = step.t.micros();
            let mut moment = Moment {
                t,
                side: step.host,
                label: label(lang, meta, &step.kind),
                narration: narrator.explain(step),
                bits: Vec::new(),
                arrow: None,
                frame: None,
            };
            match &step.kind {
                RdtKind::Request { line } | RdtKind::Reply { line, .. } => {
                    let wire = Bytes::from(line.clone().into_bytes());
                    moment.arrow = Some(send(
                        &mut flight,
                        &mut picture,
                        step,
                        index,
                        wire.clone(),
                        &moment.label,
                        false,
                        false,
                    ));
                    last_sent = Some((step.host, wire));
                    if let RdtKind::Reply { agreed, .. } = &step.kind {
                        let state = match agreed {
                            Some(a) => format!("{} · N={}", a.mode.name(), a.window),
                            None => tr!(lang, "rdt-ladder-footer-refused"),
                        };
                        for side in Host::BOTH {
                            picture.states.push(StateMark {
                                side,
                                t,
                                state: state.clone(),
                                step: index,
                            });
                        }
                    }
                }
                RdtKind::Noise { bytes, .. } => {
                    moment.arrow = Some(send(
                        &mut flight,
                        &mut picture,
                        step,
                        index,
                        bytes.clone(),
                        &moment.label,
                        false,
                        false,
                    ));
                    last_sent = Some((step.host, bytes.clone()));
                }
                RdtKind::Send { transmit, wire } => {
                    moment.bits = packet_bits(&transmit.packet, lang, plain, BITS_WIDTH);
                    let data = transmit.packet.kind == Kind::Data;
                    moment.arrow = Some(send(
                        &mut flight,
                        &mut picture,
                        step,
                        index,
                        wire.clone(),
                        &moment.label,
                        transmit.retransmission,
                        data,
                    ));
                    last_sent = Some((step.host, wire.clone()));
                }
                RdtKind::Fault(Verdict::Lost { .. }) => {
                    if let Some((from, wire)) = &last_sent {
                        moment.arrow = flight.lost(&mut picture, *from, wire);
                    }
                }
                RdtKind::Fault(Verdict::Duplicated { .. }) => {
                    // The second copy: a new arrow from the same send.
                    if let Some((from, wire)) = last_sent.clone()
                        && let Some(original) =
                            InFlight::<Bytes>::newest_sent(&picture, from, |_| true)
                    {
                        let copy = picture.arrows[original].clone();
                        moment.arrow = Some(flight.sent(&mut picture, from, wire, copy));
                    }
                }
                RdtKind::Arrive { wire } => {
                    moment.arrow = flight
                        .arrived(&mut picture, step.host, wire, t)
                        .or_else(|| {
                            damaged_arrival(&mut flight, &mut picture, step.host, wire.len(), t)
                        });
                }
                RdtKind::Secure { .. } | RdtKind::Done => picture.states.push(StateMark {
                    side: step.host,
                    t,
                    state: moment.label.clone(),
                    step: index,
                }),
                RdtKind::Event(Event::TimerStart { seq, .. }) => {
                    timers[step.host.index()].push((*seq, t));
                }
                RdtKind::Event(Event::TimerStop { seq }) => {
                    close_timer(
                        &mut picture,
                        &mut timers,
                        step.host,
                        *seq,
                        t,
                        false,
                        meta,
                        lang,
                    );
                }
                RdtKind::Event(Event::Timeout { seq, .. }) => {
                    close_timer(
                        &mut picture,
                        &mut timers,
                        step.host,
                        *seq,
                        t,
                        true,
                        meta,
                        lang,
                    );
                }
                _ => {}
            }
            picture.steps.push(moment);
        }
        picture.series = series(steps);
        picture
    }
}

/// A packet left: a new arrow.
#[allow(clippy::too_many_arguments)]
fn send(
    flight: &mut InFlight<Bytes>,
    picture: &mut Picture,
    step: &RdtStep,
    index: usize,
    wire: Bytes,
    label: &str,
    retransmission: bool,
    data: bool,
) -> usize {
    let t = step.t.micros();
    let arrow = Arrow {
        from: step.host,
        sent: t,
        end: ArrowEnd::Arrived(t),
        label: label.to_string(),
        retransmission,
        data,
        frame: None,
        step: index,
    };
    flight.sent(picture, step.host, wire, arrow)
}

/// Bytes that match no packet sent were damaged on the way: the oldest
/// packet of the same length still on the link is the one.
fn damaged_arrival(
    flight: &mut InFlight<Bytes>,
    picture: &mut Picture,
    at: Host,
    len: usize,
    t: u64,
) -> Option<usize> {
    let sent = flight.pending[at.peer().index()]
        .iter()
        .find(|(k, _)| k.len() == len)
        .map(|(k, _)| k.clone())?;
    flight.arrived(picture, at, &sent, t)
}

/// A timer of `seq` stopped (or fired): its bracket.
#[allow(clippy::too_many_arguments)]
fn close_timer(
    picture: &mut Picture,
    timers: &mut [Vec<(u16, u64)>; 2],
    side: Host,
    seq: u16,
    t: u64,
    fired: bool,
    meta: &RdtMeta,
    lang: Lang,
) {
    let running = &mut timers[side.index()];
    let Some(pos) = running.iter().position(|(s, _)| *s == seq) else {
        return;
    };
    let (_, from) = running.remove(pos);
    let label = if fired {
        tr!(
            lang,
            "rdt-ladder-timeout",
            seq = seq,
            after = duration(meta.timeout)
        )
        .trim_start_matches('⏱')
        .trim()
        .to_string()
    } else {
        format!("{seq}: {}", duration(meta.timeout))
    };
    picture.timers.push(TimerSpan {
        side,
        from,
        to: t,
        label,
        fired,
    });
}

/// The step's one line, as the ladder writes it.
fn label(lang: Lang, meta: &RdtMeta, kind: &RdtKind) -> String {
    match kind {
        RdtKind::Request { line } | RdtKind::Reply { line, .. } => preview(line.as_bytes(), 40),
        RdtKind::Noise { message, bytes } => {
            let tokens = if *message == 1 { "psk, e" } else { "e, ee" };
            format!("Noise {tokens} ({} B)", bytes.len())
        }
        RdtKind::Secure { ok: true } => tr!(lang, "rdt-ladder-secure"),
        RdtKind::Secure { ok: false } => tr!(lang, "rdt-ladder-wrong-key"),
        RdtKind::Submit { message, .. } => submit_text(lang, message),
        RdtKind::Send { transmit, .. } => {
            let resent = if transmit.retransmission { "↻ " } else { "" };
            format!("{resent}{}", packet_label(&transmit.packet))
        }
        RdtKind::Fault(v) => verdict_text(lang, *v),
        RdtKind::Arrive { wire } => format!("→ {} B", wire.len()),
        RdtKind::Event(e) => match e {
            Event::TimerStart { seq, after } => format!("⏱ {seq}: {}", duration(*after)),
            Event::TimerStop { seq } => format!("⏱ {seq} ✓"),
            Event::Timeout { seq, .. } => {
                tr!(
                    lang,
                    "rdt-ladder-timeout",
                    seq = *seq,
                    after = duration(meta.timeout)
                )
            }
            Event::Acked { window, .. } => window_marker(window),
            Event::Nak { seq } => tr!(lang, "rdt-ladder-nak", seq = *seq),
            Event::Discard { seq, reason } => discard_text(lang, *seq, *reason),
            Event::Buffered { seq, window } => tr!(
                lang,
                "rdt-ladder-buffered",
                seq = *seq,
                window = window_marker(window)
            ),
            Event::ReceiveWindow { window } => {
                tr!(
                    lang,
                    "rdt-ladder-receive-window",
                    window = window_marker(window)
                )
            }
            Event::Deliver { message, .. } => {
                tr!(lang, "rdt-ladder-deliver", text = preview(message, 24))
            }
            Event::GaveUp { seq, .. } => tr!(lang, "rdt-ladder-gave-up", seq = *seq),
        },
        RdtKind::Done => tr!(lang, "rdt-ladder-done"),
    }
}

/// Data packets of the side that submitted messages, the other side's ACKs
/// (the next packet it expects), and the sender's window after each change.
fn series(steps: &[RdtStep]) -> Series {
    let sender = steps
        .iter()
        .find(|s| matches!(s.kind, RdtKind::Submit { .. }))
        .map_or(Host::Client, |s| s.host);
    let mut series = Series {
        sender,
        unit: SeqUnit::Packets,
        ..Series::default()
    };
    let mut unwrap: Option<Unwrap> = None;
    let mut size = 0u64;
    let window_at = |series: &mut Series, t: u64, w: &WindowView| {
        series.window.push(WindowPoint {
            t,
            cwnd: Some(u64::from(w.size)),
            ssthresh: None,
            flight: u64::from(w.in_flight()),
        });
    };
    for (index, step) in steps.iter().enumerate() {
        let t = step.t.micros();
        match &step.kind {
            RdtKind::Reply {
                agreed: Some(a), ..
            } => {
                unwrap.get_or_insert(Unwrap::new(0, u64::from(a.space.size())));
                size = u64::from(a.window);
            }
            RdtKind::Send { transmit, .. } => {
                let p = &transmit.packet;
                let space = transmit
                    .window
                    .map_or(1 << 16, |w| u64::from(w.space.size()));
                let u = unwrap.get_or_insert(Unwrap::new(0, space));
                let rel = u.rel(u64::from(p.seq));
                if step.host == sender && p.kind == Kind::Data {
                    series.data.push(SeqRange {
                        t,
                        seq: rel,
                        len: 1,
                        retransmission: transmit.retransmission,
                        step: index,
                    });
                    if let Some(w) = &transmit.window {
                        window_at(&mut series, t, w);
                    }
                } else if step.host != sender && p.kind == Kind::Ack {
                    series.acks.push(AckPoint {
                        t,
                        ack: rel + 1,
                        window_edge: rel + 1 + size,
                        step: index,
                    });
                }
            }
            RdtKind::Event(Event::Acked { window, .. }) if step.host == sender => {
                window_at(&mut series, t, window);
            }
            _ => {}
        }
    }
    series.window_source = if series.window.is_empty() {
        WindowSource::None
    } else {
        WindowSource::Model
    };
    series
}
