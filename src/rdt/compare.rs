//! The textbook exercise in one command: the three protocols over the same
//! channel (same seeds, same fault rates, same scripted faults), the same
//! messages, one table.
//!
//! One seed is one draw of the channel's luck: with 10 % loss, which packets
//! a protocol loses decides much of its time, so a single run can rank
//! Go-Back-N above Selective Repeat or the other way round. The comparison is
//! therefore repeated over several seeds, and the table shows each figure's
//! mean with its smallest and largest value, and the sentences under it are
//! chosen from those numbers (never a fixed story the numbers may contradict).

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

/// Most runs `--runs` accepts: enough for a tight interval, few enough that
/// a typo cannot keep the machine busy for an hour.
pub const MAX_RUNS: u32 = 1000;

/// The runs when none are asked for: enough that the ranking of the default
/// channel no longer changes from one `--seed` to the next.
pub const DEFAULT_RUNS: u32 = 20;

/// What all the runs share.
#[derive(Clone, Debug)]
pub struct CompareSetup {
    /// The channel; its `seed` is the first run's (see [`seed_of`]).
    pub faults: FaultConfig,
    /// How many messages, and how long each is.
    pub messages: usize,
    pub message_len: usize,
    pub max_size: usize,
    /// Go-Back-N's and Selective Repeat's window (stop-and-wait has 1).
    pub window: u16,
    pub timeout: Duration,
    pub latency: Duration,
    /// How many seeds each protocol runs over (1 to [`MAX_RUNS`]).
    pub runs: u32,
}

/// One protocol's numbers, one `Stats` per run, in seed order.
#[derive(Clone, Debug)]
pub struct Row {
    pub mode: Mode,
    pub runs: Vec<Stats>,
}

/// The seed of run `i` (from 0): the first seed plus `i`, wrapping. Plain
/// consecutive seeds, so any single run can be replayed on its own with
/// `rdt compare --runs 1 --seed` and that seed.
#[must_use]
pub fn seed_of(first: u64, i: u32) -> u64 {
    first.wrapping_add(u64::from(i))
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

/// Runs the three protocols, each over `setup.runs` seeds (at least one).
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
        let mut runs = Vec::new();
        for i in 0..setup.runs.max(1) {
            let sim_setup = SimSetup {
                meta: RdtMeta {
                    title: String::new(),
                    summary: String::new(),
                    client,
                    server,
                    latency: Some(setup.latency),
                    timeout: setup.timeout,
                },
                proposal: proposal.clone(),
                latency: setup.latency,
                faults: FaultConfig {
                    seed: seed_of(setup.faults.seed, i),
                    ..setup.faults.clone()
                },
                messages: messages.clone(),
                keys: None,
                max_retries: DEFAULT_RETRIES,
                end: None,
                lang: Lang::En,
            };
            runs.push(sim::run(sim_setup, &mut Discard)?);
        }
        rows.push(Row { mode, runs });
    }
    Ok(rows)
}

/// The mean, smallest and largest of some numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    pub count: usize,
}

impl Spread {
    /// `None` when there are no numbers.
    #[must_use]
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Spread> {
        let mut count = 0;
        let (mut sum, mut min, mut max) = (0.0, f64::INFINITY, f64::NEG_INFINITY);
        for v in values {
            count += 1;
            sum += v;
            min = min.min(v);
            max = max.max(v);
        }
        (count > 0).then(|| Spread {
            mean: sum / count as f64,
            min,
            max,
            count,
        })
    }
}

/// Seconds until the last message was acknowledged, for a run that finished.
fn seconds(s: &Stats) -> Option<f64> {
    s.completed.map(|t| t.micros() as f64 / 1e6)
}

impl Row {
    /// One figure over every run.
    fn spread(&self, figure: impl Fn(&Stats) -> u64) -> Option<Spread> {
        Spread::of(self.runs.iter().map(|s| figure(s) as f64))
    }

    /// Time to deliver everything, over the runs that finished.
    #[must_use]
    pub fn time(&self) -> Option<Spread> {
        Spread::of(self.runs.iter().filter_map(seconds))
    }

    /// Goodput, over the runs that finished.
    #[must_use]
    pub fn goodput(&self) -> Option<Spread> {
        Spread::of(self.runs.iter().filter_map(Stats::goodput))
    }

    /// Runs that did not finish: the sender gave up, or the day ran out.
    #[must_use]
    pub fn unfinished(&self) -> usize {
        self.runs.iter().filter(|s| s.completed.is_none()).count()
    }
}

/// How two protocols' times compare, run by run on the same seeds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paired {
    /// Runs where both finished.
    pub runs: usize,
    /// Runs where the first was faster, and where the second was.
    pub first_wins: usize,
    pub second_wins: usize,
    /// The mean of (second − first), in seconds: positive when the first is
    /// faster on average.
    pub gap: f64,
    /// Half the width of the gap's 95 % interval (Student's t); `None` with
    /// fewer than two runs, where there is no spread to judge by.
    pub half_width: Option<f64>,
}

impl Paired {
    /// Runs of the same seed are compared with each other: the channel's luck
    /// is then shared, and only the protocols differ.
    #[must_use]
    pub fn of(first: &Row, second: &Row) -> Paired {
        let diffs: Vec<f64> = first
            .runs
            .iter()
            .zip(&second.runs)
            .filter_map(|(a, b)| Some(seconds(b)? - seconds(a)?))
            .collect();
        let n = diffs.len();
        let gap = if n == 0 {
            0.0
        } else {
            diffs.iter().sum::<f64>() / n as f64
        };
        let half_width = (n >= 2).then(|| {
            let var = diffs.iter().map(|d| (d - gap).powi(2)).sum::<f64>() / (n - 1) as f64;
            t95(n - 1) * (var / n as f64).sqrt()
        });
        Paired {
            runs: n,
            first_wins: diffs.iter().filter(|d| **d > 0.0).count(),
            second_wins: diffs.iter().filter(|d| **d < 0.0).count(),
            gap,
            half_width,
        }
    }

    /// Whether the first is faster beyond doubt: the 95 % interval of the gap
    /// lies above zero. (A gap of a few microseconds is rounding, not a win.)
    #[must_use]
    pub fn first_clearly_faster(&self) -> bool {
        self.half_width
            .is_some_and(|h| self.gap > 0.0005 && self.gap - h > 0.0)
    }
}

/// Student's t for a two-sided 95 % interval with `df` degrees of freedom;
/// between the table's rows the smaller `df`'s (wider) value is used.
fn t95(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df - 1],
        31..=40 => 2.042,
        41..=60 => 2.021,
        61..=120 => 2.000,
        _ => 1.980,
    }
}

/// `12.3 kB/s`, `950 B/s`.
fn rate(bytes_per_s: Option<f64>) -> String {
    match bytes_per_s {
        Some(r) if r >= 10_000.0 => format!("{:.1} kB/s", r / 1000.0),
        Some(r) => format!("{r:.0} B/s"),
        None => "-".to_string(),
    }
}

/// `826–1235`: a range under its mean, in the mean's unit (the cell above
/// names it), so the column stays narrow enough for 80 columns.
fn rate_range(s: &Spread) -> String {
    if s.mean >= 10_000.0 {
        format!("{:.1}–{:.1}", s.min / 1000.0, s.max / 1000.0)
    } else {
        format!("{:.0}–{:.0}", s.min, s.max)
    }
}

/// `2.420 s`.
fn secs(t: f64) -> String {
    format!("{t:.3} s")
}

/// A count's mean (`12.4`) and range (`6–14`).
fn count_cells(s: Option<Spread>) -> (String, String) {
    match s {
        Some(s) => (
            format!("{:.1}", s.mean),
            format!("{:.0}–{:.0}", s.min, s.max),
        ),
        None => ("-".into(), String::new()),
    }
}

/// The table's cells: one row per protocol for a single run (the numbers of
/// that run), two for several (the means, then the smallest–largest).
fn cells(rows: &[Row], lang: Lang) -> Vec<([String; 6], bool)> {
    let mut out = Vec::new();
    for r in rows {
        if let [s] = r.runs.as_slice() {
            let time = match s.completed {
                Some(t) => format!("{t} s"),
                None if s.gave_up => tr!(lang, "rdt-compare-gave-up"),
                None => tr!(lang, "rdt-compare-unfinished"),
            };
            out.push((
                [
                    r.mode.name().to_string(),
                    s.total_packets().to_string(),
                    s.retransmissions.to_string(),
                    s.duplicates_discarded.to_string(),
                    rate(s.goodput()),
                    time,
                ],
                false,
            ));
            continue;
        }
        let packets = count_cells(r.spread(Stats::total_packets));
        let retrans = count_cells(r.spread(|s| s.retransmissions));
        let dups = count_cells(r.spread(|s| s.duplicates_discarded));
        let goodput = r.goodput();
        let (time, time_range) = match r.time() {
            Some(t) => (secs(t.mean), format!("{:.3}–{:.3}", t.min, t.max)),
            None if r.runs.iter().any(|s| s.gave_up) => {
                (tr!(lang, "rdt-compare-gave-up"), String::new())
            }
            None => (tr!(lang, "rdt-compare-unfinished"), String::new()),
        };
        out.push((
            [
                r.mode.name().to_string(),
                packets.0,
                retrans.0,
                dups.0,
                rate(goodput.map(|g| g.mean)),
                time,
            ],
            false,
        ));
        out.push((
            [
                format!("  {}", tr!(lang, "rdt-compare-range")),
                packets.1,
                retrans.1,
                dups.1,
                goodput.as_ref().map(rate_range).unwrap_or_default(),
                time_range,
            ],
            true,
        ));
    }
    out
}

/// The table, its legend, and what the numbers say.
pub fn write_table(
    rows: &[Row],
    setup: &CompareSetup,
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let headers = [
        tr!(lang, "rdt-compare-protocol"),
        tr!(lang, "rdt-compare-packets"),
        tr!(lang, "rdt-compare-retransmissions"),
        tr!(lang, "rdt-compare-duplicates"),
        tr!(lang, "rdt-compare-goodput"),
        tr!(lang, "rdt-compare-time"),
    ];
    let cells = cells(rows, lang);
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            cells
                .iter()
                .map(|(row, _)| row[c].chars().count())
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
    for (row, range) in &cells {
        let text = line(row);
        let text = text.trim_end();
        if *range {
            writeln!(out, "{}", style.paint(Paint::Dim, text))?;
        } else {
            writeln!(out, "{text}")?;
        }
    }
    writeln!(out)?;
    let mut legend = tr!(lang, "rdt-compare-legend");
    if setup.runs > 1 {
        legend = format!("{legend} {}", tr!(lang, "rdt-compare-legend-runs"));
    }
    for l in crate::view::style::wrap(&legend, 80) {
        writeln!(out, "{}", style.paint(Paint::Dim, &l))?;
    }
    for paragraph in conclusion(rows, setup, lang) {
        writeln!(out)?;
        for l in crate::view::style::wrap(&paragraph, 80) {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}

/// What the measured numbers say, in paragraphs: the runs that did not
/// finish, the ranking by mean time, then for each step of the ranking
/// whether it is beyond the runs' spread, and why, only where the numbers
/// support the reason given.
#[must_use]
pub fn conclusion(rows: &[Row], setup: &CompareSetup, lang: Lang) -> Vec<String> {
    let mut said: Vec<Vec<String>> = Vec::new();
    let mut notes = Vec::new();
    let runs = setup.runs.max(1) as usize;
    let random =
        setup.faults.loss + setup.faults.corrupt + setup.faults.dup + setup.faults.reorder > 0.0;
    for r in rows {
        let unfinished = r.unfinished();
        if unfinished == runs {
            notes.push(tr!(lang, "rdt-compare-none-finished", mode = r.mode.name()));
        } else if unfinished > 0 {
            notes.push(tr!(
                lang,
                "rdt-compare-some-unfinished",
                mode = r.mode.name(),
                count = unfinished,
                runs = runs
            ));
        }
    }
    said.push(notes);
    // The ranking: fastest mean first; equal means keep the table's order.
    let mut ranked: Vec<(&Row, Spread)> =
        rows.iter().filter_map(|r| Some((r, r.time()?))).collect();
    ranked.sort_by(|a, b| a.1.mean.total_cmp(&b.1.mean));
    if ranked.len() < 2 {
        return paragraphs(said);
    }
    let order = ranked
        .iter()
        .map(|(r, t)| format!("{} {}", r.mode.name(), secs(t.mean)))
        .collect::<Vec<_>>()
        .join(" < ");
    let mut ranking = vec![if runs == 1 {
        tr!(lang, "rdt-compare-ranking-one", order = order)
    } else {
        tr!(lang, "rdt-compare-ranking", order = order, runs = runs)
    }];
    if runs == 1 {
        ranking.push(tr!(lang, "rdt-compare-one-run", runs = DEFAULT_RUNS));
    } else if !random {
        ranking.push(tr!(lang, "rdt-compare-no-luck"));
    }
    said.push(ranking);
    for pair in ranked.windows(2) {
        let (fast, slow) = (pair[0].0, pair[1].0);
        let p = Paired::of(fast, slow);
        if p.runs == 0 {
            continue;
        }
        let (fast_name, slow_name) = (fast.mode.name(), slow.mode.name());
        if p.first_clearly_faster() {
            let half = p.half_width.unwrap_or(0.0);
            let mut step = vec![tr!(
                lang,
                "rdt-compare-clear",
                fast = fast_name,
                slow = slow_name,
                wins = p.first_wins,
                runs = p.runs,
                gap = secs(p.gap),
                low = secs(p.gap - half),
                high = secs(p.gap + half)
            )];
            step.extend(why(fast, slow, setup, lang));
            said.push(step);
        } else if p.first_wins == 0 && p.second_wins == 0 {
            said.push(vec![tr!(
                lang,
                "rdt-compare-same",
                fast = fast_name,
                slow = slow_name
            )]);
        } else if let Some(half) = p.half_width {
            said.push(vec![tr!(
                lang,
                "rdt-compare-close",
                fast = fast_name,
                slow = slow_name,
                wins = p.first_wins,
                losses = p.second_wins,
                runs = p.runs,
                gap = secs(p.gap),
                low = secs(p.gap - half),
                high = secs(p.gap + half)
            )]);
        }
    }
    paragraphs(said)
}

/// Sentences joined into paragraphs; empty ones left out.
fn paragraphs(said: Vec<Vec<String>>) -> Vec<String> {
    said.into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect()
}

/// Why `fast` beat `slow`, when the lab knows a reason the numbers bear out;
/// nothing rather than a story the table contradicts.
fn why(fast: &Row, slow: &Row, setup: &CompareSetup, lang: Lang) -> Option<String> {
    let retrans = |r: &Row| r.spread(|s| s.retransmissions).map_or(0.0, |s| s.mean);
    let lossy = setup.faults.loss > 0.0 || setup.faults.corrupt > 0.0;
    match (fast.mode, slow.mode) {
        (Mode::GoBackN, Mode::SelectiveRepeat) if lossy => {
            let (gbn, sr) = (retrans(fast), retrans(slow));
            let mut text = tr!(lang, "rdt-compare-why-gbn");
            if gbn > sr {
                let more = tr!(
                    lang,
                    "rdt-compare-why-gbn-more",
                    gbn = format!("{gbn:.1}"),
                    sr = format!("{sr:.1}")
                );
                text = format!("{text} {more}");
            }
            Some(text)
        }
        (Mode::SelectiveRepeat, Mode::GoBackN) if retrans(slow) > retrans(fast) => Some(tr!(
            lang,
            "rdt-compare-why-sr",
            gbn = format!("{:.1}", retrans(slow)),
            sr = format!("{:.1}", retrans(fast))
        )),
        (_, Mode::StopAndWait) if setup.window > 1 => {
            Some(tr!(lang, "rdt-compare-why-saw", window = setup.window))
        }
        _ => None,
    }
}
