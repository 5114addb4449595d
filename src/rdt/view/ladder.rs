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
use crate::narrate::Lang;
use crate::rdt::proto::Event;
use crate::rdt::trace::{Host, RdtKind, RdtMeta, RdtStep, Sink, Stats};
use crate::tr;
use crate::view::labels::{duration, preview};
use crate::view::style::{Paint, Style, truncate, width, wrap};

const TIME_W: usize = 7;
const SIDE_W: usize = 14;
const MIN_WIDTH: usize = 80;
const MAX_LANE: usize = 72;
/// Notes under a row start here.
const NOTE_INDENT: usize = TIME_W + 1;
/// Every column but the lane: a space, a side, a space, a lifeline, the
/// other lifeline, a space, the other side.
const FIXED: usize = 1 + SIDE_W + 1 + 1 + 1 + 1 + SIDE_W;

#[derive(Clone, Copy, Debug)]
pub struct LadderOptions {
    pub width: usize,
    pub style: Style,
    pub lang: Lang,
}

pub struct Ladder<'a> {
    out: &'a mut dyn Write,
    opts: LadderOptions,
    lane: usize,
    annotators: Vec<Box<dyn Annotate + 'a>>,
    stats: Stats,
    timeout: std::time::Duration,
}

/// Text padded to `w` columns, on its left or its right (colour codes take none).
fn pad(text: &str, w: usize, left: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(text)));
    if left {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

impl<'a> Ladder<'a> {
    pub fn new(out: &'a mut dyn Write, opts: LadderOptions) -> Self {
        let lane = (opts.width.max(MIN_WIDTH) - (TIME_W + FIXED)).min(MAX_LANE);
        Ladder {
            out,
            opts,
            lane,
            annotators: Vec::new(),
            stats: Stats::default(),
            timeout: std::time::Duration::ZERO,
        }
    }

    /// Adds something that prints notes under rows (narration, bits).
    pub fn annotate_with(&mut self, annotator: Box<dyn Annotate + 'a>) {
        self.annotators.push(annotator);
    }

    fn paint(&self, paint: Paint, text: &str) -> String {
        self.opts.style.paint(paint, text)
    }

    fn lifeline(&self, host: Host) -> String {
        self.paint(Paint::host(host), "│")
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
            Some(s) => self.paint(Paint::Dim, &format!("{:>w$}", s.t, w = TIME_W)),
            None => " ".repeat(TIME_W),
        };
        let line = format!(
            "{t} {} {}{}{} {right}",
            pad(left, SIDE_W, true),
            self.lifeline(Host::Client),
            pad(lane, self.lane, false),
            self.lifeline(Host::Server),
        );
        writeln!(self.out, "{}", line.trim_end())
    }

    /// Text beside `step.host`'s lifeline: in its side column when it fits,
    /// otherwise inside the lane next to the lifeline.
    fn side(&mut self, step: &RdtStep, text: &str, paint: Paint) -> io::Result<()> {
        let fits = text.chars().count() <= SIDE_W;
        let shown = if fits {
            text.to_string()
        } else {
            truncate(text, self.lane - 2)
        };
        let painted = self.paint(paint, &shown);
        match (step.host, fits) {
            (Host::Client, true) => self.row(Some(step), &painted, "", ""),
            (Host::Server, true) => self.row(Some(step), "", "", &painted),
            (Host::Client, false) => self.row(Some(step), "", &format!(" {painted}"), ""),
            (Host::Server, false) => {
                let inner = pad(&painted, self.lane - 1, true);
                self.row(Some(step), "", &inner, "")
            }
        }
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
        let inner = self.lane - 1;
        let first = truncate(pieces.first().map_or("", String::as_str), inner - 6);
        let body = format!("{:─^inner$}", format!(" {first} "));
        let arrow = match step.host {
            Host::Client => format!("{body}►"),
            Host::Server => format!("◄{body}"),
        };
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
        let mark = truncate(text, self.lane - 2);
        let centred = format!("{:^w$}", mark, w = self.lane);
        let painted = self.paint(Paint::Lost, &centred);
        self.row(None, "", &painted, "")
    }

    fn notes(&mut self, step: &RdtStep) -> io::Result<()> {
        let mut lines = Vec::new();
        for a in &mut self.annotators {
            lines.extend(a.annotate(step));
        }
        for line in lines {
            writeln!(self.out, "{}{line}", " ".repeat(NOTE_INDENT))?;
        }
        Ok(())
    }

    fn draw(&mut self, step: &RdtStep) -> io::Result<()> {
        let lang = self.opts.lang;
        let host_paint = Paint::host(step.host);
        let chunk = self.lane - 10;
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
                let text = tr!(lang, "rdt-ladder-deliver", text = preview(message, 24));
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

    fn total_width(&self) -> usize {
        TIME_W + FIXED + self.lane
    }
}

impl Sink for Ladder<'_> {
    fn begin(&mut self, meta: &RdtMeta) -> io::Result<()> {
        let lang = self.opts.lang;
        self.timeout = meta.timeout;
        let total = self.total_width();
        writeln!(self.out, "{}", self.paint(Paint::Title, &meta.title))?;
        for line in wrap(&meta.summary, total) {
            writeln!(self.out, "{line}")?;
        }
        let mut who = tr!(
            lang,
            "ladder-hosts",
            client = meta.client.to_string(),
            server = meta.server.to_string()
        );
        if let Some(latency) = meta.latency {
            who = format!(
                "{who} · {}",
                tr!(lang, "ladder-link", latency = duration(latency))
            );
        }
        who = format!(
            "{who} · {}",
            tr!(
                lang,
                "rdt-ladder-timeout-is",
                after = duration(meta.timeout)
            )
        );
        for line in wrap(&who, total) {
            writeln!(self.out, "{}", self.paint(Paint::Dim, &line))?;
        }
        writeln!(self.out)?;
        let client = self.paint(Paint::Client, &tr!(lang, "host-client"));
        let server = self.paint(Paint::Server, &tr!(lang, "host-server"));
        let time = self.paint(Paint::Dim, &pad(&tr!(lang, "ladder-time"), TIME_W, true));
        let line = format!(
            "{time} {} {}{}{} {server}",
            pad(&client, SIDE_W, true),
            self.lifeline(Host::Client),
            " ".repeat(self.lane),
            self.lifeline(Host::Server),
        );
        writeln!(self.out, "{}", line.trim_end())
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
        writeln!(self.out)?;
        for line in wrap(&text, self.total_width()) {
            writeln!(self.out, "{}", self.paint(Paint::Dim, &line))?;
        }
        self.out.flush()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
