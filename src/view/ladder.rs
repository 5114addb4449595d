//! The ladder diagram: two lifelines, arrows between them, each side's calls,
//! states, timers and data beside its own line, and the virtual time on the left.
//! Laid out for 80 columns (wider terminals get longer arrows).

use std::io::{self, Write};

use crate::tcp::{State, Transmit};
use crate::tr;
use crate::trace::{Fault, Host, Sink, Step, StepKind, TraceMeta};

use super::Annotate;
use super::labels;
pub use super::layout::LadderOptions;
use super::layout::{Frame, SIDE_W, arrow, centre, hosts_line, pad_left, pad_right};
use super::style::{Paint, truncate};

/// Captures, where events are microseconds apart, get microseconds
/// (`0.000035`) instead of the lessons' milliseconds.
const FINE_TIME_W: usize = 9;

pub struct Ladder<'a> {
    out: &'a mut dyn Write,
    opts: LadderOptions,
    frame: Frame,
    annotators: Vec<Box<dyn Annotate + 'a>>,
    states: [State; 2],
    segments: u64,
    lost: u64,
    retransmissions: u64,
}

impl<'a> Ladder<'a> {
    pub fn new(out: &'a mut dyn Write, opts: LadderOptions) -> Self {
        Ladder {
            out,
            frame: Frame::new(opts.width, opts.style),
            opts,
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

    fn time(&self, step: &Step) -> String {
        if self.frame.time_w == FINE_TIME_W {
            let us = step.t.micros();
            self.frame
                .time(&format!("{}.{:06}", us / 1_000_000, us % 1_000_000))
        } else {
            self.frame.time(&step.t.to_string())
        }
    }

    /// A row with `text` beside `host`'s lifeline: in its side column when short,
    /// otherwise inside the lane next to the lifeline.
    fn side_row(&mut self, step: &Step, text: &str, paint: Option<Paint>) -> io::Result<()> {
        let time = self.time(step);
        let lane = self.frame.lane;
        let painted = |s: &Self, t: &str| match paint {
            Some(p) => s.paint(p, t),
            None => t.to_string(),
        };
        let (left_side, middle, right_side) = if text.chars().count() <= SIDE_W {
            let t = painted(self, text);
            match step.host {
                Host::Client => (t, String::new(), String::new()),
                Host::Server => (String::new(), String::new(), t),
            }
        } else {
            let t = painted(self, &truncate(text, lane - 2));
            let inner = match step.host {
                Host::Client => format!(" {t}"),
                Host::Server => format!("{} ", pad_left(&t, lane - 1)),
            };
            (String::new(), inner, String::new())
        };
        self.frame
            .row(self.out, &time, &left_side, &middle, &right_side)
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
        let lane = self.frame.lane;
        let fits = label.chars().count() + 8 <= lane;
        let first = if fits {
            label
        } else if tx.retransmission {
            format!("↻ {head}")
        } else {
            head.clone()
        };
        let first = truncate(&first, lane.saturating_sub(8));
        let arrow = self.paint(paint, &arrow(&first, lane, step.host == Host::Client));
        let time = self.time(step);
        self.frame.row(self.out, &time, "", &arrow, "")?;
        if !fits {
            let rest = truncate(&numbers, lane - 2);
            let inner = self.paint(paint, &pad_right(&format!("  {rest}"), lane));
            self.frame
                .row(self.out, &self.frame.no_time(), "", &inner, "")?;
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
        let lane = self.frame.lane;
        let text = centre(&truncate(&format!("✗ {note}"), lane), lane);
        let text = self.paint(Paint::Lost, &text);
        self.frame
            .row(self.out, &self.frame.no_time(), "", &text, "")
    }

    fn notes(&mut self, step: &Step) -> io::Result<()> {
        let mut lines = Vec::new();
        for a in &mut self.annotators {
            lines.extend(a.annotate(step));
        }
        self.frame.notes(self.out, &lines)
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
        self.frame.footer(self.out, &text)
    }
}

impl Sink for Ladder<'_> {
    fn begin(&mut self, meta: &TraceMeta) -> io::Result<()> {
        if meta.latency.is_none() {
            // A capture: finer times, paid for by a slightly shorter lane.
            self.frame.widen_time(FINE_TIME_W);
        }
        let hosts = hosts_line(self.opts.lang, meta.client, meta.server, meta.latency);
        self.frame
            .heading(self.out, self.opts.lang, &meta.title, &meta.summary, &hosts)
    }

    fn step(&mut self, step: &Step) -> io::Result<()> {
        let lang = self.opts.lang;
        match &step.kind {
            StepKind::Send { transmit: tx, .. } => {
                self.segments += 1;
                if tx.retransmission {
                    self.retransmissions += 1;
                }
                self.arrow_row(step, tx)?;
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
