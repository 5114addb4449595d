//! The rdt ladder: client (the sender) on the left, server (the receiver) on
//! the right, one arrow per packet with what the channel did to it under it,
//! the sender's window drawn beside each data packet and after each ACK, and
//! every discard, buffer, timeout and delivery beside its own side. Laid out
//! for 80 columns; wider terminals get longer arrows.

use std::io::{self, Write};

use super::Annotate;
use super::labels::{
    discard_text, packet_label, split_line, submit_text, verdict_text, window_marker,
};
use crate::rdt::proto::Event;
use crate::rdt::trace::{Host, RdtKind, RdtMeta, RdtStep, Sink, Stats};
use crate::tr;
use crate::view::labels::{duration, fit_preview, preview};
pub use crate::view::layout::LadderOptions;
use crate::view::layout::{Frame, SIDE_W, arrow, centre, hosts_line};
use crate::view::style::{Paint, truncate};

pub struct Ladder<'a> {
    out: &'a mut dyn Write,
    opts: LadderOptions,
    frame: Frame,
    annotators: Vec<Box<dyn Annotate<RdtStep> + 'a>>,
    stats: Stats,
    timeout: std::time::Duration,
}

impl<'a> Ladder<'a> {
    pub fn new(out: &'a mut dyn Write, opts: LadderOptions) -> Self {
        Ladder {
            out,
            frame: Frame::new(opts.width, opts.style),
            opts,
            annotators: Vec::new(),
            stats: Stats::default(),
            timeout: std::time::Duration::ZERO,
        }
    }

    /// Adds something that prints notes under rows (narration, bits).
    pub fn annotate_with(&mut self, annotator: Box<dyn Annotate<RdtStep> + 'a>) {
        self.annotators.push(annotator);
    }

    fn paint(&self, paint: Paint, text: &str) -> String {
        self.opts.style.paint(paint, text)
    }

    /// One row: time (or blanks), the client's side, the lane, the server's side.
    fn row(
        &mut self,
        time: Option<&RdtStep>,
        left: &str,
        lane: &str,
        right: &str,
    ) -> io::Result<()> {
        let t = match time {
            Some(s) => self.frame.time(&s.t.to_string()),
            None => self.frame.no_time(),
        };
        self.frame.row(self.out, &t, left, lane, right)
    }

    /// Text beside `step.host`'s lifeline: in its side column when it fits,
    /// otherwise in its own half of the lane, on a second row if needed.
    fn side(&mut self, step: &RdtStep, text: &str, paint: Paint) -> io::Result<()> {
        if text.chars().count() <= SIDE_W {
            let painted = self.paint(paint, text);
            return match step.host {
                Host::Client => self.row(Some(step), &painted, "", ""),
                Host::Server => self.row(Some(step), "", "", &painted),
            };
        }
        let lanes = self.frame.label_lanes(step.host, text, Some(paint));
        for (i, lane) in lanes.iter().enumerate() {
            let time = if i == 0 { Some(step) } else { None };
            self.row(time, "", lane, "")?;
        }
        Ok(())
    }

    /// `──── LABEL ────►` (or `◄────`) filling the lane; continuation pieces
    /// of a long label go on rows of their own underneath.
    fn arrow(
        &mut self,
        step: &RdtStep,
        pieces: &[String],
        left: &str,
        paint: Paint,
    ) -> io::Result<()> {
        let inner = self.frame.lane - 1;
        let first = truncate(pieces.first().map_or("", String::as_str), inner - 6);
        let arrow = arrow(&first, self.frame.lane, step.host == Host::Client);
        let arrow = self.paint(paint, &arrow);
        self.row(Some(step), left, &arrow, "")?;
        for piece in pieces.iter().skip(1) {
            let text = self.paint(paint, &truncate(piece, inner - 4));
            self.row(None, "", &format!("    {text}"), "")?;
        }
        Ok(())
    }

    /// The row under an arrow: what the channel did to it.
    fn fault_row(&mut self, text: &str) -> io::Result<()> {
        let lane = self.frame.lane;
        let centred = centre(&truncate(text, lane - 2), lane);
        let painted = self.paint(Paint::Lost, &centred);
        self.row(None, "", &painted, "")
    }

    fn notes(&mut self, step: &RdtStep) -> io::Result<()> {
        let mut lines = Vec::new();
        for a in &mut self.annotators {
            lines.extend(a.annotate(step));
        }
        self.frame.notes(self.out, &lines)
    }

    fn draw(&mut self, step: &RdtStep) -> io::Result<()> {
        let lang = self.opts.lang;
        let host_paint = Paint::host(step.host);
        let chunk = self.frame.lane - 10;
        match &step.kind {
            RdtKind::Request { line } => {
                self.arrow(step, &split_line(line, chunk), "", host_paint)?;
            }
            RdtKind::Reply { line, agreed } => {
                let paint = if agreed.is_some() {
                    host_paint
                } else {
                    Paint::Reset
                };
                self.arrow(step, &split_line(line, chunk), "", paint)?;
            }
            RdtKind::Noise { message, bytes } => {
                let tokens = if *message == 1 { "psk, e" } else { "e, ee" };
                let label = format!("Noise {tokens} ({} B)", bytes.len());
                self.arrow(step, &[label], "", Paint::Fin)?;
            }
            RdtKind::Secure { ok: true } => {
                self.side(step, &tr!(lang, "rdt-ladder-secure"), Paint::Syn)?
            }
            RdtKind::Secure { ok: false } => {
                self.side(step, &tr!(lang, "rdt-ladder-wrong-key"), Paint::Reset)?
            }
            RdtKind::Submit { message, .. } => {
                self.side(step, &submit_text(lang, message), Paint::Bold)?;
            }
            RdtKind::Send { transmit, .. } => {
                let mut label = packet_label(&transmit.packet);
                if transmit.retransmission {
                    label = format!("↻ {label}");
                }
                let marker = transmit
                    .window
                    .map(|w| window_marker(&w))
                    .filter(|m| m.chars().count() <= SIDE_W)
                    .unwrap_or_default();
                let marker = self.paint(Paint::Dim, &marker);
                let paint = match transmit.packet.kind {
                    crate::rdt::packet::Kind::Nak => Paint::Reset,
                    _ => host_paint,
                };
                self.arrow(step, &[label], &marker, paint)?;
            }
            RdtKind::Fault(v) => {
                let text = verdict_text(lang, *v);
                let mark = match v {
                    crate::rdt::fault::Verdict::Lost { .. } => "✗",
                    crate::rdt::fault::Verdict::Corrupted { .. } => "⚡",
                    crate::rdt::fault::Verdict::Duplicated { .. } => "×2",
                    _ => "⇄",
                };
                self.fault_row(&format!("{mark} {text}"))?;
            }
            RdtKind::Arrive { .. } => {}
            RdtKind::Event(e) => self.event(step, e)?,
            RdtKind::Done => self.side(step, &tr!(lang, "rdt-ladder-done"), Paint::Syn)?,
        }
        Ok(())
    }

    fn event(&mut self, step: &RdtStep, e: &Event) -> io::Result<()> {
        let lang = self.opts.lang;
        match e {
            Event::TimerStart { .. } | Event::TimerStop { .. } => {}
            Event::Nak { seq } => {
                self.side(step, &tr!(lang, "rdt-ladder-nak", seq = *seq), Paint::Reset)?;
            }
            Event::Timeout { seq, .. } => {
                let text = tr!(
                    lang,
                    "rdt-ladder-timeout",
                    seq = *seq,
                    after = duration(self.timeout)
                );
                self.side(step, &text, Paint::Note)?;
            }
            Event::Acked { window, .. } => {
                self.side(step, &window_marker(window), Paint::Dim)?;
            }
            Event::Discard { seq, reason } => {
                self.side(step, &discard_text(lang, *seq, *reason), Paint::Dim)?;
            }
            Event::Buffered { seq, window } => {
                let text = tr!(
                    lang,
                    "rdt-ladder-buffered",
                    seq = *seq,
                    window = window_marker(window)
                );
                self.side(step, &text, Paint::Dim)?;
            }
            Event::ReceiveWindow { window } => {
                let text = tr!(
                    lang,
                    "rdt-ladder-receive-window",
                    window = window_marker(window)
                );
                self.side(step, &text, Paint::Dim)?;
            }
            Event::Deliver { message, .. } => {
                let label = |n| tr!(lang, "rdt-ladder-deliver", text = preview(message, n));
                let text = fit_preview(label, 24, self.frame.label_room());
                self.side(step, &text, Paint::Syn)?;
            }
            Event::GaveUp { seq, .. } => {
                self.side(
                    step,
                    &tr!(lang, "rdt-ladder-gave-up", seq = *seq),
                    Paint::Reset,
                )?;
            }
        }
        Ok(())
    }
}

impl Sink<RdtStep> for Ladder<'_> {
    fn begin(&mut self, meta: &RdtMeta) -> io::Result<()> {
        let lang = self.opts.lang;
        self.timeout = meta.timeout;
        let hosts = format!(
            "{} · {}",
            hosts_line(lang, meta.client, meta.server, meta.latency),
            tr!(
                lang,
                "rdt-ladder-timeout-is",
                after = duration(meta.timeout)
            )
        );
        self.frame
            .heading(self.out, lang, &meta.title, &meta.summary, &hosts)
    }

    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        self.stats.count(step);
        self.draw(step)?;
        self.notes(step)
    }

    fn end(&mut self) -> io::Result<()> {
        let lang = self.opts.lang;
        let s = &self.stats;
        let mut text = tr!(
            lang,
            "rdt-ladder-footer",
            delivered = s.delivered,
            submitted = s.submitted,
            packets = s.total_packets(),
            retransmissions = s.retransmissions,
            lost = s.lost,
            corrupted = s.corrupted
        );
        let finish = match s.completed {
            Some(t) => tr!(lang, "rdt-ladder-footer-done", t = t.to_string()),
            None if s.refused => tr!(lang, "rdt-ladder-footer-refused"),
            None if s.secure_failed => tr!(lang, "rdt-ladder-footer-wrong-key"),
            None => tr!(lang, "rdt-ladder-footer-unfinished"),
        };
        text = format!("{text} · {finish}");
        self.frame.footer(self.out, &text)?;
        self.out.flush()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
