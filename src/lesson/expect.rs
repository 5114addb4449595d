//! `[expect]`: what a lesson promises about its own run, so every lesson is also
//! a test (`synack lesson check`).

use std::io;

use crate::sim::Outcome;
use crate::tcp::{ConnError, SendReason, State, Timer};
use crate::trace::{CongestionCause, Sink, Step, StepKind};

use super::error::{LessonError, LessonErrorKind};

/// One promised value and the line that promised it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation<T> {
    pub value: T,
    pub line: usize,
}

/// Everything a lesson can promise; per-host arrays are `[client, server]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    pub segments: Option<Expectation<u64>>,
    pub dropped: Option<Expectation<u64>>,
    pub retransmissions: Option<Expectation<u64>>,
    pub final_state: [Option<Expectation<State>>; 2],
    /// Every state the host went through, starting with CLOSED.
    pub path: [Option<Expectation<Vec<State>>>; 2],
    /// All the data the host's application received, as text.
    pub received: [Option<Expectation<String>>; 2],
    pub received_bytes: [Option<Expectation<u64>>; 2],
    pub error: [Option<Expectation<ConnError>>; 2],
    /// Segments resent after three duplicate ACKs (RFC 5681 §3.2), both hosts.
    pub fast_retransmits: Option<Expectation<u64>>,
    /// Retransmission timer expirations (RFC 6298 §5.4), both hosts.
    pub timeouts: Option<Expectation<u64>>,
    /// The congestion window the host ends with.
    pub cwnd: [Option<Expectation<u64>>; 2],
    /// The smallest congestion window the host had (one SMSS after a timeout).
    pub min_cwnd: [Option<Expectation<u64>>; 2],
    /// The slow start threshold the host ends with (set by a loss).
    pub ssthresh: [Option<Expectation<u64>>; 2],
    /// The host's congestion phases in order: each cause once per run of it.
    pub congestion: [Option<Expectation<Vec<CongestionCause>>>; 2],
}

impl Expectations {
    pub fn is_empty(&self) -> bool {
        *self == Expectations::default()
    }
}

/// Collects what expectations need from the steps, and only that: a bulk
/// transfer's bytes are kept only if a lesson asks to compare them.
#[derive(Debug, Default)]
pub struct Observed {
    keep_data: [bool; 2],
    pub paths: [Vec<State>; 2],
    pub data: [Vec<u8>; 2],
    pub errors: [Vec<ConnError>; 2],
    pub fast_retransmits: u64,
    pub timeouts: u64,
    /// Each host's last reported cwnd, smallest cwnd and last ssthresh.
    pub cwnd: [Option<u32>; 2],
    pub min_cwnd: [Option<u32>; 2],
    pub ssthresh: [Option<u32>; 2],
    /// Each host's congestion causes, a run of the same one kept once.
    pub congestion: [Vec<CongestionCause>; 2],
}

impl Observed {
    pub fn for_expectations(expect: &Expectations) -> Self {
        Observed {
            keep_data: [expect.received[0].is_some(), expect.received[1].is_some()],
            paths: [vec![State::Closed], vec![State::Closed]],
            ..Observed::default()
        }
    }
}

impl Sink for Observed {
    fn step(&mut self, step: &Step) -> io::Result<()> {
        let i = step.host.index();
        match &step.kind {
            StepKind::State { to, .. } => self.paths[i].push(*to),
            StepKind::Data(bytes) if self.keep_data[i] => self.data[i].extend_from_slice(bytes),
            StepKind::Error(e) => self.errors[i].push(*e),
            StepKind::Send { transmit: tx, .. } if tx.reason == SendReason::FastRetransmit => {
                self.fast_retransmits += 1;
            }
            StepKind::Timer {
                timer: Timer::Retransmission,
                ..
            } => self.timeouts += 1,
            StepKind::Congestion(w) => {
                self.cwnd[i] = Some(w.cwnd);
                self.min_cwnd[i] = Some(self.min_cwnd[i].map_or(w.cwnd, |m| m.min(w.cwnd)));
                self.ssthresh[i] = w.ssthresh;
                // A phase is kept once however many ACKs it lasts, so the
                // list stays short on a long run.
                if self.congestion[i].last() != Some(&w.why) {
                    self.congestion[i].push(w.why);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn state_list(states: &[State]) -> String {
    states
        .iter()
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(" → ")
}

fn cause_list(causes: &[CongestionCause]) -> String {
    causes
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// A number the run may not have (no congestion step): `-` then.
fn maybe(n: Option<u32>) -> String {
    n.map_or_else(|| "-".to_string(), |n| n.to_string())
}

fn error_name(e: Option<&ConnError>) -> String {
    e.map_or("-", |e| e.name()).to_string()
}

/// Compares promises with the run; one error per broken promise, in file order.
#[must_use]
pub fn check(
    file: &str,
    expect: &Expectations,
    outcome: &Outcome,
    observed: &Observed,
) -> Vec<LessonError> {
    let mut failures: Vec<(usize, String, String, String)> = Vec::new();
    let mut compare = |line: usize, what: &str, expected: String, actual: String| {
        if expected != actual {
            failures.push((line, what.to_string(), expected, actual));
        }
    };
    let counts = [
        (&expect.segments, "segments", outcome.segments),
        (&expect.dropped, "dropped", outcome.dropped),
        (
            &expect.retransmissions,
            "retransmissions",
            outcome.retransmissions,
        ),
        (
            &expect.fast_retransmits,
            "fast_retransmits",
            observed.fast_retransmits,
        ),
        (&expect.timeouts, "timeouts", observed.timeouts),
    ];
    for (e, what, actual) in counts {
        if let Some(e) = e {
            compare(e.line, what, e.value.to_string(), actual.to_string());
        }
    }
    for (i, host) in ["client", "server"].iter().enumerate() {
        if let Some(e) = &expect.final_state[i] {
            let what = format!("{host}_final");
            compare(
                e.line,
                &what,
                e.value.name().into(),
                outcome.final_states[i].name().into(),
            );
        }
        if let Some(e) = &expect.path[i] {
            let what = format!("{host}_path");
            compare(
                e.line,
                &what,
                state_list(&e.value),
                state_list(&observed.paths[i]),
            );
        }
        if let Some(e) = &expect.received[i] {
            let what = format!("{host}_received");
            let actual = String::from_utf8_lossy(&observed.data[i]).into_owned();
            compare(
                e.line,
                &what,
                format!("{:?}", e.value),
                format!("{actual:?}"),
            );
        }
        if let Some(e) = &expect.received_bytes[i] {
            let what = format!("{host}_received_bytes");
            compare(
                e.line,
                &what,
                e.value.to_string(),
                outcome.received[i].to_string(),
            );
        }
        let numbers = [
            (&expect.cwnd[i], "cwnd", observed.cwnd[i]),
            (&expect.min_cwnd[i], "min_cwnd", observed.min_cwnd[i]),
            (&expect.ssthresh[i], "ssthresh", observed.ssthresh[i]),
        ];
        for (e, what, actual) in numbers {
            if let Some(e) = e {
                compare(
                    e.line,
                    &format!("{host}_{what}"),
                    e.value.to_string(),
                    maybe(actual),
                );
            }
        }
        if let Some(e) = &expect.congestion[i] {
            compare(
                e.line,
                &format!("{host}_congestion"),
                cause_list(&e.value),
                cause_list(&observed.congestion[i]),
            );
        }
        if let Some(e) = &expect.error[i] {
            let what = format!("{host}_error");
            compare(
                e.line,
                &what,
                error_name(Some(&e.value)),
                error_name(observed.errors[i].first()),
            );
        }
    }
    failures.sort_by_key(|f| f.0);
    failures
        .into_iter()
        .map(|(line, what, expected, actual)| LessonError {
            file: file.to_string(),
            line: Some((line, 1)),
            kind: LessonErrorKind::ExpectFailed {
                what,
                expected,
                actual,
            },
        })
        .collect()
}
