//! The ladder's frame, shared by the TCP ladder and the rdt ladder: the time
//! on the left, the client's side column, its lifeline, the lane for arrows,
//! the server's lifeline and side column; the heading above, notes under rows
//! and the footer. Both ladders lay out the same frame for 80 columns (wider
//! terminals get longer arrows); each keeps its own logic for what it draws.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::time::Duration;

use crate::narrate::Lang;
use crate::tr;
use crate::trace::Host;

use super::labels::{duration, host_text};
use super::style::{Paint, Style, width, wrap, wrap_cut};

/// Seconds with milliseconds (`60.020`).
pub const TIME_W: usize = 7;
/// Each side's column, beside its lifeline.
pub const SIDE_W: usize = 14;
const MIN_WIDTH: usize = 80;
/// Rows a label too long for its side column may take inside the lane.
pub const LABEL_ROWS: usize = 3;
const MAX_LANE: usize = 72;
/// Narration and other notes under a row start here.
const NOTE_INDENT: usize = TIME_W + 1;
/// Every column but the time and the lane: a space, a side, a space, a
/// lifeline, the other lifeline, a space, the other side.
const FIXED: usize = 1 + SIDE_W + 1 + 1 + 1 + 1 + SIDE_W;

#[derive(Clone, Copy, Debug)]
pub struct LadderOptions {
    pub width: usize,
    pub style: Style,
    pub lang: Lang,
}

/// The columns of one ladder, and the rows, heading and footer drawn in them.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub style: Style,
    /// Columns between the lifelines.
    pub lane: usize,
    /// Columns of the time on the left.
    pub time_w: usize,
    /// The time column starts with a capture's frame number (`No.`).
    pub numbered: bool,
}

impl Frame {
    /// The frame for a terminal `width` columns wide (at least 80).
    pub fn new(width: usize, style: Style) -> Frame {
        Frame {
            style,
            lane: (width.max(MIN_WIDTH) - (TIME_W + FIXED)).min(MAX_LANE),
            time_w: TIME_W,
            numbered: false,
        }
    }

    /// A wider time column, paid for by a shorter lane.
    pub fn widen_time(&mut self, time_w: usize) {
        self.lane -= time_w - self.time_w;
        self.time_w = time_w;
    }

    pub fn total_width(&self) -> usize {
        self.time_w + FIXED + self.lane
    }

    pub fn paint(&self, paint: Paint, text: &str) -> String {
        self.style.paint(paint, text)
    }

    /// `text` right-aligned in the time column, dim.
    pub fn time(&self, text: &str) -> String {
        self.paint(Paint::Dim, &pad_left(text, self.time_w))
    }

    /// The time column of a row that continues the one above.
    pub fn no_time(&self) -> String {
        " ".repeat(self.time_w)
    }

    fn lifeline(&self, host: Host) -> String {
        self.paint(Paint::host(host), "│")
    }

    /// Columns a label too long for its side column may take in the lane:
    /// its own half, less the space beside the lifeline. Keeping to the half
    /// is what shows whose label it is on a projected ladder.
    pub fn label_room(&self) -> usize {
        (self.lane / 2).saturating_sub(1)
    }

    /// The lane of each row of `host`'s long label: word-wrapped into
    /// [`LABEL_ROWS`] rows of [`label_room`](Self::label_room) (cut with one
    /// `…` if it needs more), the client's starting at its lifeline, the
    /// server's ending at its own, so neither crosses the middle.
    pub fn label_lanes(&self, host: Host, text: &str, paint: Option<Paint>) -> Vec<String> {
        wrap_cut(text, self.label_room(), LABEL_ROWS)
            .iter()
            .map(|line| {
                let line = match paint {
                    Some(p) => self.paint(p, line),
                    None => line.clone(),
                };
                match host {
                    Host::Client => format!(" {line}"),
                    Host::Server => format!("{} ", pad_left(&line, self.lane - 1)),
                }
            })
            .collect()
    }

    /// One row: the time, the client's side (right-aligned against its
    /// lifeline), the lane, the server's side. Any text may carry colour.
    pub fn row(
        &self,
        out: &mut dyn Write,
        time: &str,
        left: &str,
        lane: &str,
        right: &str,
    ) -> io::Result<()> {
        let line = format!(
            "{time} {} {}{}{} {right}",
            pad_left(left, SIDE_W),
            self.lifeline(Host::Client),
            pad_right(lane, self.lane),
            self.lifeline(Host::Server),
        );
        writeln!(out, "{}", line.trim_end())
    }

    /// The title, the summary, the hosts line (dim), a blank line and the
    /// column heads.
    pub fn heading(
        &self,
        out: &mut dyn Write,
        lang: Lang,
        title: &str,
        summary: &str,
        hosts: &str,
    ) -> io::Result<()> {
        let total = self.total_width();
        writeln!(out, "{}", self.paint(Paint::Title, title))?;
        for line in wrap(summary, total) {
            writeln!(out, "{line}")?;
        }
        for line in wrap(hosts, total) {
            writeln!(out, "{}", self.paint(Paint::Dim, &line))?;
        }
        writeln!(out)?;
        let client = self.paint(Paint::Client, &host_text(lang, Host::Client));
        let server = self.paint(Paint::Server, &host_text(lang, Host::Server));
        let head = tr!(lang, "ladder-time");
        let time = if self.numbered {
            // `No.` over the frame numbers, the time over the times.
            let w = self.time_w.saturating_sub(6);
            self.time(&format!("{:>5} {head:>w$}", tr!(lang, "ladder-frame")))
        } else {
            self.time(&head)
        };
        self.row(out, &time, &client, "", &server)
    }

    /// Lines under a row (narration, bits), indented past the time.
    pub fn notes(&self, out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
        for line in lines {
            writeln!(out, "{}{line}", " ".repeat(NOTE_INDENT))?;
        }
        Ok(())
    }

    /// A blank line, then `text` wrapped to the ladder's width, dim.
    pub fn footer(&self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        writeln!(out)?;
        for line in wrap(text, self.total_width()) {
            writeln!(out, "{}", self.paint(Paint::Dim, &line))?;
        }
        Ok(())
    }
}

/// `client 192.168.0.10:49152 ⇄ server 192.168.0.20:80 · link 10 ms each way`
/// (the link only for a simulated one).
pub fn hosts_line(
    lang: Lang,
    client: SocketAddr,
    server: SocketAddr,
    latency: Option<Duration>,
) -> String {
    let who = tr!(
        lang,
        "ladder-hosts",
        client = client.to_string(),
        server = server.to_string()
    );
    match latency {
        Some(d) => format!(
            "{who} · {}",
            tr!(lang, "ladder-link", latency = duration(d))
        ),
        None => who,
    }
}

/// `─── LABEL ───►` (or `◄─── LABEL ───`), exactly `lane` columns; the
/// caller cuts the label to fit.
pub fn arrow(label: &str, lane: usize, rightwards: bool) -> String {
    let inner = lane - 1;
    let body = format!("{:─^inner$}", format!(" {label} "));
    if rightwards {
        format!("{body}►")
    } else {
        format!("◄{body}")
    }
}

/// Plain `text` centred in `w` columns (it must fit).
pub fn centre(text: &str, w: usize) -> String {
    format!("{text:^w$}")
}

pub fn pad_left(text: &str, w: usize) -> String {
    format!("{}{text}", " ".repeat(w.saturating_sub(width(text))))
}

pub fn pad_right(text: &str, w: usize) -> String {
    format!("{text}{}", " ".repeat(w.saturating_sub(width(text))))
}
