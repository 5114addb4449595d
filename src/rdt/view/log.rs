//! The log of one side of a real session: a line per packet sent, per fault
//! the fault layer commits, per discard, timeout and delivery, with the time
//! since the session began; narration and bits go underneath. `quiet` keeps
//! only the handshake, the deliveries and the end.

use std::io::{self, Write};

use super::Annotate;
use super::labels::{discard_text, packet_label, submit_text, verdict_text, window_marker};
use crate::narrate::Lang;
use crate::rdt::proto::Event;
use crate::rdt::trace::{RdtKind, RdtStep, Sink};
use crate::tr;
use crate::view::labels::preview;
use crate::view::style::{Paint, Style};

/// The client's and the server's line tags (`[client]`, `[server]`), each in
/// its side's colour: every rdt log, the lab's and the classic one, starts
/// its lines with them.
pub(crate) fn painted_tags(style: Style, tags: [String; 2]) -> [String; 2] {
    let [client, server] = tags;
    [
        style.paint(Paint::Client, &client),
        style.paint(Paint::Server, &server),
    ]
}

pub struct Log<'a> {
    out: &'a mut dyn Write,
    lang: Lang,
    style: Style,
    quiet: bool,
    /// How each host's lines start (`[client]`, `[server]`), coloured.
    tags: [String; 2],
    annotators: Vec<Box<dyn Annotate<RdtStep> + 'a>>,
}

impl<'a> Log<'a> {
    /// A log whose lines start with `tags[0]` for the client's steps and
    /// `tags[1]` for the server's (plain text; coloured here).
    pub fn new(
        out: &'a mut dyn Write,
        lang: Lang,
        style: Style,
        quiet: bool,
        tags: [String; 2],
    ) -> Self {
        Log {
            out,
            lang,
            style,
            quiet,
            tags: painted_tags(style, tags),
            annotators: Vec::new(),
        }
    }

    pub fn annotate_with(&mut self, annotator: Box<dyn Annotate<RdtStep> + 'a>) {
        self.annotators.push(annotator);
    }

    /// The line for a step, with its colour, or `None` for steps not shown.
    fn line(&self, step: &RdtStep) -> Option<(String, Paint)> {
        let lang = self.lang;
        let arrow = |label: String| Some((format!("→ {label}"), Paint::host(step.host)));
        match &step.kind {
            RdtKind::Request { line } | RdtKind::Reply { line, .. } => {
                Some((format!("⇄ {line}"), Paint::Bold))
            }
            RdtKind::Noise { message, bytes } => arrow(tr!(
                lang,
                "rdt-log-noise",
                message = *message,
                len = bytes.len()
            )),
            RdtKind::Secure { ok: true } => Some((tr!(lang, "rdt-ladder-secure"), Paint::Syn)),
            RdtKind::Secure { ok: false } => {
                Some((tr!(lang, "rdt-ladder-wrong-key"), Paint::Reset))
            }
            RdtKind::Event(Event::Deliver { index, message }) => Some((
                tr!(
                    lang,
                    "rdt-log-deliver",
                    index = *index,
                    len = message.len(),
                    text = preview(message, 60)
                ),
                Paint::Syn,
            )),
            RdtKind::Event(Event::GaveUp { seq, .. }) => {
                Some((tr!(lang, "rdt-ladder-gave-up", seq = *seq), Paint::Reset))
            }
            RdtKind::Done => Some((tr!(lang, "rdt-ladder-done"), Paint::Syn)),
            _ if self.quiet => None,
            RdtKind::Submit { message, .. } => Some((submit_text(lang, message), Paint::Bold)),
            RdtKind::Send { transmit, .. } => {
                let mut label = packet_label(&transmit.packet);
                if transmit.retransmission {
                    label = format!("↻ {label}");
                }
                if let Some(w) = transmit.window.filter(|w| w.size > 1) {
                    label = format!("{label}  {}", window_marker(&w));
                }
                arrow(label)
            }
            RdtKind::Fault(v) => Some((format!("  ✗ {}", verdict_text(lang, *v)), Paint::Lost)),
            RdtKind::Arrive { .. } => None,
            RdtKind::Event(e) => match e {
                Event::Timeout { seq, .. } => {
                    Some((tr!(lang, "rdt-log-timeout", seq = *seq), Paint::Note))
                }
                Event::Acked { seq, window, .. } => {
                    let marker = if window.size > 1 {
                        format!("  {}", window_marker(window))
                    } else {
                        String::new()
                    };
                    Some((format!("← ACK {seq}{marker}"), Paint::Dim))
                }
                Event::Nak { seq } => Some((format!("← NAK {seq}"), Paint::Reset)),
                Event::Discard { seq, reason } => Some((
                    format!("← {}", discard_text(lang, *seq, *reason)),
                    Paint::Dim,
                )),
                Event::Buffered { seq, window } => Some((
                    tr!(
                        lang,
                        "rdt-ladder-buffered",
                        seq = *seq,
                        window = window_marker(window)
                    ),
                    Paint::Dim,
                )),
                Event::ReceiveWindow { window } => Some((
                    tr!(
                        lang,
                        "rdt-ladder-receive-window",
                        window = window_marker(window)
                    ),
                    Paint::Dim,
                )),
                Event::TimerStart { .. } | Event::TimerStop { .. } => None,
                Event::Deliver { .. } | Event::GaveUp { .. } => None,
            },
        }
    }
}

impl Sink<RdtStep> for Log<'_> {
    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        let mut notes = Vec::new();
        for a in &mut self.annotators {
            notes.extend(a.annotate(step));
        }
        if let Some((text, paint)) = self.line(step) {
            let t = self.style.paint(Paint::Dim, &format!("{:>8}", step.t));
            let tag = &self.tags[step.host.index()];
            writeln!(self.out, "{t} {tag} {}", self.style.paint(paint, &text))?;
        }
        for note in notes {
            writeln!(self.out, "{}{note}", " ".repeat(10))?;
        }
        self.out.flush()
    }

    fn end(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
