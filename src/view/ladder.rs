//! The ladder diagram: two lifelines, arrows between them, each side's calls,
//! states, timers and data beside its own line, and the virtual time on the left.
//! Laid out for 80 columns (wider terminals get longer arrows).

use std::io::{self, Write};

use crate::narrate::Lang;
use crate::tcp::{SendReason, State, Transmit};
use crate::tr;
use crate::trace::{Fault, Host, Sink, Step, StepKind, TraceMeta};

use super::Annotate;
use super::labels;
use super::style::{Paint, Style, truncate, width, wrap};

/// Columns: time, the client's side column, its lifeline, the lane for arrows,
/// the server's lifeline, the server's side column.
/// Seconds with milliseconds (`60.020`) for lessons; captures, where events
/// are microseconds apart, get microseconds (`0.000035`).
const TIME_W: usize = 7;
const FINE_TIME_W: usize = 9;
const SIDE_W: usize = 14;
const MIN_WIDTH: usize = 80;
const MAX_LANE: usize = 72;
/// Narration and other notes under a row start here.
const NOTE_INDENT: usize = TIME_W + 1;
/// Every column but the lane.
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
    time_w: usize,
    annotators: Vec<Box<dyn Annotate + 'a>>,
    states: [State; 2],
    segments: u64,
    lost: u64,
    retransmissions: u64,
}

impl<'a> Ladder<'a> {
    pub fn new(out: &'a mut dyn Write, opts: LadderOptions) -> Self {
        let lane = (opts.width.max(MIN_WIDTH) - (TIME_W + FIXED)).min(MAX_LANE);
        Ladder {
            out,
            opts,
            lane,
            time_w: TIME_W,
            annotators: Vec::new(),
            states: [State::Closed; 2],
            segments: 0,
            lost: 0,
            retransmissions: 0,
        }
    }

    /// Adds something that prints notes under rows (narration, header bits).
    pub fn annotate_with(&mut self, annotator: Box<dyn Annotate + 'a>) {
        self.annotators.push(annotator);
    }

    fn paint(&self, paint: Paint, text: &str) -> String {
        self.opts.style.paint(paint, text)
    }

    fn line(&self, host: Host) -> String {
        self.paint(Paint::host(host), "│")
    }

    fn time(&self, step: &Step) -> String {
        let t = if self.time_w == FINE_TIME_W {
            let us = step.t.micros();
            format!(
                "{:>w$}",
                format!("{}.{:06}", us / 1_000_000, us % 1_000_000),
                w = self.time_w
            )
        } else {
            format!("{:>w$}", step.t, w = self.time_w)
        };
        self.paint(Paint::Dim, &t)
    }

    /// A row with `text` beside `host`'s lifeline: in its side column when short,
    /// otherwise inside the lane next to the lifeline.
    fn side_row(&mut self, step: &Step, text: &str, paint: Option<Paint>) -> io::Result<()> {
        let time = self.time(step);
        let plain_len = text.chars().count();
        let lane = self.lane;
        let painted = |s: &Self, t: &str| match paint {
            Some(p) => s.paint(p, t),
            None => t.to_string(),
        };
        let (left_side, middle, right_side) = if plain_len <= SIDE_W {
            let t = painted(self, text);
            match step.host {
                Host::Client => (pad_left(&t, SIDE_W), " ".repeat(lane), String::new()),
                Host::Server => (" ".repeat(SIDE_W), " ".repeat(lane), t),
            }
        } else {
            let t = painted(self, &truncate(text, lane - 2));
            let inner = match step.host {
                Host::Client => format!(" {}", pad_right(&t, lane - 1)),
                Host::Server => format!("{} ", pad_left(&t, lane - 1)),
            };
            (" ".repeat(SIDE_W), inner, String::new())
        };
        let row = format!(
            "{time} {left_side} {}{middle}{} {right_side}",
            self.line(Host::Client),
            self.line(Host::Server)
        );
        writeln!(self.out, "{}", row.trim_end())
    }

    /// A row with an arrow from `step.host` to the other side.
    fn arrow_row(&mut self, step: &Step, tx: &Transmit) -> io::Result<()> {
        let seg = &tx.segment;
        let (head, numbers) = labels::segment_label(seg);
        let mut label = format!("{head} {numbers}");
        if tx.retransmission {
            label = format!("↻ {label}");
        }
        let paint = if seg.flags.rst() {
            Paint::Reset
        } else {
            Paint::host(step.host)
        };
        let fits = label.chars().count() + 8 <= self.lane;
        let first = if fits {
            label
        } else if tx.retransmission {
            format!("↻ {head}")
        } else {
            head.clone()
        };
        let arrow = draw_arrow(&first, self.lane, step.host == Host::Client);
        let row = format!(
            "{} {} {}{}{}",
            self.time(step),
            " ".repeat(SIDE_W),
            self.line(Host::Client),
            self.paint(paint, &arrow),
            self.line(Host::Server)
        );
        writeln!(self.out, "{}", row.trim_end())?;
        if !fits {
            let rest = truncate(&numbers, self.lane - 2);
            let inner = pad_right(&format!("  {rest}"), self.lane);
            let row = format!(
                "{} {} {}{}{}",
                " ".repeat(self.time_w),
                " ".repeat(SIDE_W),
                self.line(Host::Client),
                self.paint(paint, &inner),
                self.line(Host::Server)
            );
            writeln!(self.out, "{}", row.trim_end())?;
        }
        Ok(())
    }

    /// The segment that was just drawn is lost: redraw it cut short with ✗.
    fn lost_row(&mut self, fault: Fault) -> io::Result<()> {
        let lang = self.opts.lang;
        let note = match fault {
            Fault::RandomLoss => tr!(lang, "ladder-lost-random"),
            _ => tr!(lang, "ladder-lost"),
        };
        let text = draw_lost(&note, self.lane);
        let row = format!(
            "{} {} {}{}{}",
            " ".repeat(self.time_w),
            " ".repeat(SIDE_W),
            self.line(Host::Client),
            self.paint(Paint::Lost, &text),
            self.line(Host::Server)
        );
        writeln!(self.out, "{}", row.trim_end())
    }

    fn notes(&mut self, step: &Step) -> io::Result<()> {
        let mut lines = Vec::new();
        for a in &mut self.annotators {
            lines.extend(a.annotate(step));
        }
        for line in lines {
            writeln!(self.out, "{}{}", " ".repeat(NOTE_INDENT), line)?;
        }
        Ok(())
    }

    fn footer(&mut self) -> io::Result<()> {
        let lang = self.opts.lang;
        let text = tr!(
            lang,
            "ladder-footer",
            client_state = self.states[0].name(),
            server_state = self.states[1].name(),
            segments = self.segments,
            lost = self.lost,
            retransmissions = self.retransmissions
        );
        writeln!(self.out)?;
        for line in wrap(&text, self.total_width()) {
            writeln!(self.out, "{}", self.paint(Paint::Dim, &line))?;
        }
        Ok(())
    }

    fn total_width(&self) -> usize {
        self.time_w + FIXED + self.lane
    }
}

impl Sink for Ladder<'_> {
    fn begin(&mut self, meta: &TraceMeta) -> io::Result<()> {
        let lang = self.opts.lang;
        if meta.latency.is_none() {
            // A capture: finer times, paid for by a slightly shorter lane.
            self.time_w = FINE_TIME_W;
            self.lane -= FINE_TIME_W - TIME_W;
        }
        let total = self.total_width();
        writeln!(self.out, "{}", self.paint(Paint::Title, &meta.title))?;
        for line in wrap(&meta.summary, total) {
            writeln!(self.out, "{line}")?;
        }
        let who = tr!(
            lang,
            "ladder-hosts",
            client = meta.client.to_string(),
            server = meta.server.to_string()
        );
        let who = match meta.latency {
            Some(d) => format!(
                "{who} · {}",
                tr!(lang, "ladder-link", latency = labels::duration(d))
            ),
            None => who,
        };
        for line in wrap(&who, total) {
            writeln!(self.out, "{}", self.paint(Paint::Dim, &line))?;
        }
        writeln!(self.out)?;
        let client = self.paint(Paint::Client, &tr!(lang, "host-client"));
        let server = self.paint(Paint::Server, &tr!(lang, "host-server"));
        let time = self.paint(
            Paint::Dim,
            &pad_left(&tr!(lang, "ladder-time"), self.time_w),
        );
        let row = format!(
            "{time} {} {}{}{} {}",
            pad_left(&client, SIDE_W),
            self.line(Host::Client),
            " ".repeat(self.lane),
            self.line(Host::Server),
            server
        );
        writeln!(self.out, "{}", row.trim_end())
    }

    fn step(&mut self, step: &Step) -> io::Result<()> {
        let lang = self.opts.lang;
        match &step.kind {
            StepKind::Send(tx) => {
                self.segments += 1;
                if tx.retransmission {
                    self.retransmissions += 1;
                }
                self.arrow_row(step, tx)?;
                if let SendReason::Reset(_) = tx.reason {
                    // The arrow says it all; the reason is in the narration.
                }
            }
            StepKind::Drop { fault, .. } => {
                self.lost += 1;
                self.lost_row(*fault)?;
            }
            StepKind::Deliver(_) => {}
            StepKind::State { to, .. } => {
                self.states[step.host.index()] = *to;
                let paint = Paint::host(step.host);
                self.side_row(step, to.name(), Some(paint))?;
            }
            other => {
                if let Some((text, paint)) = labels::side_text(lang, other) {
                    self.side_row(step, &text, paint)?;
                }
            }
        }
        self.notes(step)
    }

    fn end(&mut self) -> io::Result<()> {
        self.footer()?;
        self.out.flush()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `─── LABEL ───►` (or `◄─── LABEL ───`), exactly `lane` columns.
fn draw_arrow(label: &str, lane: usize, rightwards: bool) -> String {
    let label = truncate(label, lane.saturating_sub(8));
    let inner = lane - 1;
    let label_len = label.chars().count() + 2;
    let before = (inner - label_len) / 2;
    let after = inner - label_len - before;
    let body = format!("{} {label} {}", "─".repeat(before), "─".repeat(after));
    if rightwards {
        format!("{body}►")
    } else {
        format!("◄{body}")
    }
}

/// The line under a lost segment's arrow: `✗ lost` halfway along.
fn draw_lost(note: &str, lane: usize) -> String {
    let mark = format!("✗ {note}");
    let len = mark.chars().count().min(lane);
    let start = (lane - len) / 2;
    format!(
        "{}{}{}",
        " ".repeat(start),
        truncate(&mark, lane),
        " ".repeat(lane - start - len)
    )
}

fn pad_left(text: &str, w: usize) -> String {
    format!("{}{text}", " ".repeat(w.saturating_sub(width(text))))
}

fn pad_right(text: &str, w: usize) -> String {
    format!("{text}{}", " ".repeat(w.saturating_sub(width(text))))
}
