//! The textbook exercise in one command: the three protocols over the same
//! channel (same seed, same fault rates, same scripted faults), the same
//! messages, one table.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;

use super::RdtError;
use super::fault::FaultConfig;
use super::handshake::Proposal;
use super::mode::Mode;
use super::proto::DEFAULT_RETRIES;
use super::sim::{self, SimSetup};
use super::trace::{Discard, RdtMeta, Stats};
use crate::narrate::Lang;
use crate::tr;
use crate::view::style::{Paint, Style};

/// What all three runs share.
#[derive(Clone, Debug)]
pub struct CompareSetup {
    pub faults: FaultConfig,
    /// How many messages, and how long each is.
    pub messages: usize,
    pub message_len: usize,
    pub max_size: usize,
    /// Go-Back-N's and Selective Repeat's window (stop-and-wait has 1).
    pub window: u16,
    pub timeout: Duration,
    pub latency: Duration,
}

/// One protocol's numbers.
#[derive(Clone, Debug)]
pub struct Row {
    pub mode: Mode,
    pub stats: Stats,
}

/// Message `i` of `len` bytes of readable text.
fn message(i: usize, len: usize) -> Bytes {
    let head = format!("message {i}: ");
    let text: String = head
        .chars()
        .chain("abcdefghijklmnopqrstuvwxyz".chars().cycle())
        .take(len)
        .collect();
    Bytes::from(text)
}

/// Runs the three protocols.
pub fn run(setup: &CompareSetup) -> Result<Vec<Row>, RdtError> {
    let reordering = setup.faults.reorders();
    let messages: Vec<(Duration, Bytes)> = (1..=setup.messages)
        .map(|i| (Duration::ZERO, message(i, setup.message_len)))
        .collect();
    let addr = |text: &str| text.parse::<SocketAddr>().ok();
    let (Some(client), Some(server)) = (addr("192.168.0.10:40000"), addr("192.168.0.20:5000"))
    else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for mode in Mode::ALL {
        let window = if mode == Mode::StopAndWait {
            1
        } else {
            setup.window
        };
        let proposal = Proposal {
            mode,
            max_size: setup.max_size,
            window: Some(window),
            seq_bits: Some(mode.safe_bits(window, reordering)),
            secure: false,
        };
        proposal.agree(false, reordering)?;
        let sim_setup = SimSetup {
            meta: RdtMeta {
                title: String::new(),
                summary: String::new(),
                client,
                server,
                latency: Some(setup.latency),
                timeout: setup.timeout,
            },
            proposal,
            latency: setup.latency,
            faults: setup.faults.clone(),
            messages: messages.clone(),
            keys: None,
            max_retries: DEFAULT_RETRIES,
            end: None,
            lang: Lang::En,
        };
        let stats = sim::run(sim_setup, &mut Discard)?;
        rows.push(Row { mode, stats });
    }
    Ok(rows)
}

/// `12.3 kB/s`, `950 B/s`.
fn rate(bytes_per_s: Option<f64>) -> String {
    match bytes_per_s {
        Some(r) if r >= 10_000.0 => format!("{:.1} kB/s", r / 1000.0),
        Some(r) => format!("{r:.0} B/s"),
        None => "-".to_string(),
    }
}

/// The table, with a legend under it.
pub fn write_table(rows: &[Row], lang: Lang, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let headers = [
        tr!(lang, "rdt-compare-protocol"),
        tr!(lang, "rdt-compare-packets"),
        tr!(lang, "rdt-compare-retransmissions"),
        tr!(lang, "rdt-compare-duplicates"),
        tr!(lang, "rdt-compare-goodput"),
        tr!(lang, "rdt-compare-time"),
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            let s = &r.stats;
            let time = match s.completed {
                Some(t) => format!("{t} s"),
                None if s.gave_up => tr!(lang, "rdt-compare-gave-up"),
                None => tr!(lang, "rdt-compare-unfinished"),
            };
            [
                r.mode.name().to_string(),
                s.total_packets().to_string(),
                s.retransmissions.to_string(),
                s.duplicates_discarded.to_string(),
                rate(s.goodput()),
                time,
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            cells
                .iter()
                .map(|row| row[c].chars().count())
                .chain([headers[c].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: &[String]| {
        row.iter()
            .enumerate()
            .map(|(c, text)| {
                if c == 0 {
                    format!("{text:<w$}", w = widths[c])
                } else {
                    format!("{text:>w$}", w = widths[c])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", style.paint(Paint::Bold, &line(&headers)))?;
    for row in &cells {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out)?;
    for l in crate::view::style::wrap(&tr!(lang, "rdt-compare-legend"), 80) {
        writeln!(out, "{}", style.paint(Paint::Dim, &l))?;
    }
    Ok(())
}
