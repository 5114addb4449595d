//! The views of a classic session: the log (a line per step, with the time
//! since the session began, as the lab's real sessions show theirs), with
//! `--explain` and `--bits` notes under each line, or `--json` lines. Each
//! line of text is shown as the exact bytes that went on the wire: the
//! classic programs send no newline, so neither do the bits.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::narration::ClassicNarrator;
use super::trace::{ClassicKind, ClassicStep, Decision, Sink};
use crate::bits::bits_rows;
use crate::narrate::Lang;
use crate::net::console::Settings;
use crate::tr;
use crate::view::Annotate;
use crate::view::labels::preview;
use crate::view::narration::NarrationNotes;
use crate::view::style::{Paint, Style, wrap};

/// How a side's log is set up.
pub struct LogSetup {
    pub settings: Settings,
    pub bits: bool,
    pub json: bool,
    /// How each host's lines start (`[client]`, `[127.0.0.1:40000]`).
    pub tags: [String; 2],
    /// The narrator of this side (for `--explain`).
    pub narrator: ClassicNarrator,
}

/// The sink a side writes its steps to: JSON lines, or the log with its notes.
pub fn sink<'a>(setup: LogSetup, out: &'a mut dyn Write) -> Box<dyn Sink<ClassicStep> + 'a> {
    let s = setup.settings;
    if setup.json {
        let narrator = s.explain.then_some(setup.narrator);
        return Box::new(JsonLines::new(out).explained(narrator));
    }
    let mut log = ClassicLog::new(out, s.lang, s.style, s.quiet, setup.tags);
    let width = s.width.saturating_sub(10);
    if s.explain {
        log.notes.push(Box::new(NarrationNotes::with(
            setup.narrator,
            s.style,
            width,
        )));
    }
    if setup.bits {
        log.notes.push(Box::new(LineBits {
            lang: s.lang,
            width,
        }));
    }
    Box::new(log)
}

/// The log of one side.
pub struct ClassicLog<'a> {
    out: &'a mut dyn Write,
    lang: Lang,
    style: Style,
    quiet: bool,
    tags: [String; 2],
    notes: Vec<Box<dyn Annotate<ClassicStep> + 'a>>,
}

impl<'a> ClassicLog<'a> {
    pub fn new(
        out: &'a mut dyn Write,
        lang: Lang,
        style: Style,
        quiet: bool,
        tags: [String; 2],
    ) -> Self {
        ClassicLog {
            out,
            lang,
            style,
            quiet,
            tags: crate::rdt::view::log::painted_tags(style, tags),
            notes: Vec::new(),
        }
    }

    fn line(&self, step: &ClassicStep) -> Option<(String, Paint)> {
        let lang = self.lang;
        let quoted = |t: &str| preview(t.as_bytes(), 60);
        let line = match &step.kind {
            ClassicKind::Request { line } | ClassicKind::Reply { line, .. } => {
                (format!("⇄ {line}"), Paint::Bold)
            }
            ClassicKind::Message {
                index,
                attempt: 1,
                text,
                ..
            } => (
                tr!(
                    lang,
                    "classic-log-message",
                    index = *index,
                    text = quoted(text)
                ),
                Paint::host(step.host),
            ),
            ClassicKind::Message {
                index,
                attempt,
                text,
                ..
            } => (
                tr!(
                    lang,
                    "classic-log-retry",
                    index = *index,
                    attempt = *attempt,
                    text = quoted(text)
                ),
                Paint::host(step.host),
            ),
            ClassicKind::Confirmed { index, attempt } => (
                tr!(
                    lang,
                    "classic-log-confirmed",
                    index = *index,
                    attempt = *attempt
                ),
                Paint::Syn,
            ),
            ClassicKind::GaveUp { index, attempts } => (
                tr!(
                    lang,
                    "classic-log-gave-up",
                    index = *index,
                    tries = *attempts
                ),
                Paint::Reset,
            ),
            ClassicKind::Quit => (format!("→ {}", super::QUIT), Paint::host(step.host)),
            ClassicKind::Done => (tr!(lang, "classic-log-done"), Paint::Syn),
            _ if self.quiet => return None,
            ClassicKind::Fault(d) => {
                let text = match d {
                    Decision::Lose { .. } => tr!(lang, "classic-log-lose"),
                    Decision::Corrupt { .. } => tr!(lang, "classic-log-corrupt"),
                    Decision::Delay(t) => tr!(lang, "classic-log-delay", ms = t.as_millis() as u64),
                };
                (format!("  ✗ {text}"), Paint::Lost)
            }
            ClassicKind::Answer { text } => (format!("→ {}", quoted(text)), Paint::Dim),
            ClassicKind::TooLong { len, max } => (
                tr!(lang, "classic-log-too-long", len = *len, max = *max),
                Paint::Reset,
            ),
            ClassicKind::Timeout { attempt, after, .. } => (
                tr!(
                    lang,
                    "classic-log-timeout",
                    attempt = *attempt,
                    ms = after.as_millis() as u64
                ),
                Paint::Note,
            ),
            ClassicKind::Stale { text } => (
                tr!(lang, "classic-log-stale", text = quoted(text)),
                Paint::Dim,
            ),
        };
        Some(line)
    }
}

impl Sink<ClassicStep> for ClassicLog<'_> {
    fn step(&mut self, step: &ClassicStep) -> io::Result<()> {
        let mut notes = Vec::new();
        for n in &mut self.notes {
            notes.extend(n.annotate(step));
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

/// `--bits`: every line that goes on the wire, as its bytes.
struct LineBits {
    lang: Lang,
    width: usize,
}

impl Annotate<ClassicStep> for LineBits {
    fn annotate(&mut self, step: &ClassicStep) -> Vec<String> {
        let text = match &step.kind {
            ClassicKind::Request { line } | ClassicKind::Reply { line, .. } => line,
            ClassicKind::Message { text, .. } | ClassicKind::Answer { text } => text,
            ClassicKind::Quit => super::QUIT,
            _ => return Vec::new(),
        };
        let mut out = wrap(
            &tr!(self.lang, "classic-bits-line", len = text.len()),
            self.width,
        );
        out.extend(bits_rows(text.as_bytes(), self.width, 2));
        out
    }
}

/// `--json` of classic sessions: one object per step.
pub type JsonLines<'a> = crate::view::json::JsonLines<'a, ClassicNarrator>;

impl Sink<ClassicStep> for JsonLines<'_> {
    fn step(&mut self, step: &ClassicStep) -> io::Result<()> {
        self.write_step(step, step_json(step))?;
        self.flush()
    }

    fn end(&mut self) -> io::Result<()> {
        self.flush()
    }
}

/// One step as a JSON object: `t_us`, `kind`, `host`, and the step's fields.
pub fn step_json(step: &ClassicStep) -> Value {
    let mut o = Map::new();
    o.insert("t_us".into(), json!(step.t.micros()));
    o.insert("kind".into(), json!(step.kind.name()));
    o.insert("host".into(), json!(step.host.name()));
    match &step.kind {
        ClassicKind::Request { line } => {
            o.insert("line".into(), json!(line));
        }
        ClassicKind::Reply { line, agreed } => {
            o.insert("line".into(), json!(line));
            o.insert(
                "agreed".into(),
                agreed.map_or(
                    Value::Null,
                    |h| json!({"mode": h.mode.name(), "max_size": h.max_size}),
                ),
            );
        }
        ClassicKind::Message {
            index,
            attempt,
            again,
            text,
        } => {
            o.insert("index".into(), json!(index));
            o.insert("attempt".into(), json!(attempt));
            o.insert("again".into(), json!(again.map(|a| a.name())));
            o.insert("text".into(), json!(text));
        }
        ClassicKind::Fault(d) => {
            o.insert("fault".into(), json!(d.name()));
            match d {
                Decision::Lose { rule } | Decision::Corrupt { rule } => {
                    o.insert("scripted".into(), json!(rule));
                }
                Decision::Delay(t) => {
                    o.insert("delay_us".into(), json!(t.as_micros() as u64));
                }
            }
        }
        ClassicKind::Answer { text } | ClassicKind::Stale { text } => {
            o.insert("text".into(), json!(text));
        }
        ClassicKind::TooLong { len, max } => {
            o.insert("len".into(), json!(len));
            o.insert("max".into(), json!(max));
        }
        ClassicKind::Timeout {
            index,
            attempt,
            after,
        } => {
            o.insert("index".into(), json!(index));
            o.insert("attempt".into(), json!(attempt));
            o.insert("after_us".into(), json!(after.as_micros() as u64));
        }
        ClassicKind::Confirmed { index, attempt } => {
            o.insert("index".into(), json!(index));
            o.insert("attempt".into(), json!(attempt));
        }
        ClassicKind::GaveUp { index, attempts } => {
            o.insert("index".into(), json!(index));
            o.insert("attempts".into(), json!(attempts));
        }
        ClassicKind::Quit | ClassicKind::Done => {}
    }
    Value::Object(o)
}
