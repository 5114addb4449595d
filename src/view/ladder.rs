//! The ladder diagram: two lifelines, arrows between them, each side's calls,
//! states, timers and data beside its own line, and the virtual time on the left.
//! Laid out for 80 columns (wider terminals get longer arrows).

use std::io::{self, Write};

use crate::tcp::{State, Transmit};
use crate::tr;
use crate::trace::{CongestionCause, Fault, Host, Note, Sink, Step, StepKind, TraceMeta};

use super::Annotate;
use super::labels;
pub use super::layout::LadderOptions;
use super::layout::{Frame, SIDE_W, arrow, centre, hosts_line, pad_right};
use super::style::{Paint, truncate};

/// Captures, where events are microseconds apart, get microseconds
/// (`0.000035`) instead of the lessons' milliseconds.
const FINE_TIME_W: usize = 9;
/// Captures also show each row's frame number, up to 99999 without shifting.
const FRAME_W: usize = 5;
const CAPTURE_TIME_W: usize = FRAME_W + 1 + FINE_TIME_W;

pub struct Ladder<'a> {
    out: &'a mut dyn Write,
    opts: LadderOptions,
    frame: Frame,
    annotators: Vec<Box<dyn Annotate + 'a>>,
    states: [State; 2],
    segments: u64,
    lost: u64,
    retransmissions: u64,
    truncated_shown: bool,
    /// Each host's last congestion move, to label only a change of phase.
    congestion: [Option<CongestionCause>; 2],
    /// The frame number last written in the margin.
    last_frame: Option<u32>,
    /// Dashes an arrow keeps around its label before the numbers go on a
    /// second row (fewer in a capture's narrower lane).
    min_dashes: usize,
    /// Set while a step the user chose not to see goes through.
    muted: bool,
    hole: io::Sink,
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
            truncated_shown: false,
            congestion: [None; 2],
            last_frame: None,
            min_dashes: 8,
            muted: false,
            hole: io::sink(),
        }
    }

    /// Adds something that prints notes under rows (narration, header bits).
    pub fn annotate_with(&mut self, annotator: Box<dyn Annotate + 'a>) {
        self.annotators.push(annotator);
    }

    /// The columns, copied, so rows can be written while `self` lends its writer.
    fn frame_copy(&self) -> Frame {
        self.frame
    }

    /// Where rows go: the output, or nowhere while a step is unseen.
    fn writer(&mut self) -> &mut dyn Write {
        if self.muted {
            &mut self.hole
        } else {
            &mut *self.out
        }
    }

    fn paint(&self, paint: Paint, text: &str) -> String {
        self.opts.style.paint(paint, text)
    }

    fn time(&mut self, step: &Step) -> String {
        if self.frame.time_w == CAPTURE_TIME_W {
            // The capture's frame number first, as Wireshark's "No." column.
            let us = step.t.micros();
            // Only on the first row of each frame, as a packet list shows it.
            let frame = match step.frame {
                Some(f) if self.last_frame.replace(f) != Some(f) => f.to_string(),
                _ => String::new(),
            };
            self.frame.time(&format!(
                "{frame:>FRAME_W$} {:>w$}",
                format!("{}.{:06}", us / 1_000_000, us % 1_000_000),
                w = FINE_TIME_W
            ))
        } else {
            self.frame.time(&step.t.to_string())
        }
    }

    /// A row with `text` beside `host`'s lifeline: in its side column when
    /// short, otherwise in its own half of the lane, on a second row if needed.
    fn side_row(&mut self, step: &Step, text: &str, paint: Option<Paint>) -> io::Result<()> {
        let time = self.time(step);
        if text.chars().count() <= SIDE_W {
            let t = match paint {
                Some(p) => self.paint(p, text),
                None => text.to_string(),
            };
            let (left, right) = match step.host {
                Host::Client => (t, String::new()),
                Host::Server => (String::new(), t),
            };
            return self
                .frame_copy()
                .row(self.writer(), &time, &left, "", &right);
        }
        let frame = self.frame_copy();
        for (i, lane) in frame.label_lanes(step.host, text, paint).iter().enumerate() {
            let time = if i == 0 {
                time.clone()
            } else {
                frame.no_time()
            };
            frame.row(self.writer(), &time, "", lane, "")?;
        }
        Ok(())
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
        let fits = label.chars().count() + self.min_dashes <= lane;
        let first = if fits {
            label
        } else if tx.retransmission {
            format!("↻ {head}")
        } else {
            head.clone()
        };
        let first = truncate(&first, lane.saturating_sub(self.min_dashes));
        let arrow = self.paint(paint, &arrow(&first, lane, step.host == Host::Client));
        let time = self.time(step);
        self.frame_copy()
            .row(self.writer(), &time, "", &arrow, "")?;
        if !fits {
            let rest = truncate(&numbers, lane - 2);
            let inner = self.paint(paint, &pad_right(&format!("  {rest}"), lane));
            let (frame, blank) = (self.frame, self.frame.no_time());
            frame.row(self.writer(), &blank, "", &inner, "")?;
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
        let (frame, blank) = (self.frame, self.frame.no_time());
        frame.row(self.writer(), &blank, "", &text, "")
    }

    fn notes(&mut self, step: &Step) -> io::Result<()> {
        let mut lines = Vec::new();
        for a in &mut self.annotators {
            lines.extend(a.annotate(step));
        }
        self.frame_copy().notes(self.writer(), &lines)
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
        self.frame_copy().footer(self.writer(), &text)
    }
}

impl Sink for Ladder<'_> {
    fn begin(&mut self, meta: &TraceMeta) -> io::Result<()> {
        if meta.latency.is_none() {
            // A capture: finer times, paid for by a slightly shorter lane.
            self.frame.widen_time(CAPTURE_TIME_W);
            self.frame.numbered = true;
            self.min_dashes = 5;
        }
        let hosts = hosts_line(self.opts.lang, meta.client, meta.server, meta.latency);
        let lang = self.opts.lang;
        self.frame_copy()
            .heading(self.writer(), lang, &meta.title, &meta.summary, &hosts)
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
            StepKind::Congestion(w) => {
                let previous = self.congestion[step.host.index()].replace(w.why);
                if labels::congestion_label_due(w, previous) {
                    let text = labels::congestion_text(lang, w);
                    self.side_row(step, &text, Some(Paint::Dim))?;
                }
            }
            // Said under the ACK's own row, not beside it.
            StepKind::Note(Note::Acks { .. }) => {}
            // Once is enough: every later segment is cut the same way.
            StepKind::Note(Note::Truncated { .. })
                if std::mem::replace(&mut self.truncated_shown, true) => {}
            other => {
                let room = self.frame.label_room();
                if let Some((text, paint)) = labels::side_text(lang, other, room) {
                    self.side_row(step, &text, paint)?;
                }
            }
        }
        self.notes(step)
    }

    fn unseen(&mut self, step: &Step) -> io::Result<()> {
        self.muted = true;
        let result = self.step(step);
        self.muted = false;
        result
    }

    fn end(&mut self) -> io::Result<()> {
        self.footer()?;
        self.out.flush()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
