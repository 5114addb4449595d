//! A progress bar for long runs: a lesson of millions of segments with
//! `--quiet` (or into a pcap) would otherwise print nothing for minutes and
//! look hung. The bar is a sink beside the views; it appears only once a run
//! has lasted [`SHOW_AFTER`], on standard error, and only when the command
//! line asked for it (standard error is a terminal): a pipe or a log never
//! gets its redrawing junk, and a short run never flickers.

use std::io;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::flow::Sink;
use crate::narrate::Lang;
use crate::tr;
use crate::trace::{Step, StepKind};

/// Runs shorter than this show no bar.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Steps between two looks at the clock: a step costs tens of nanoseconds,
/// reading the clock on each would be a noticeable share.
const STEPS_PER_TICK: u64 = 4096;

/// Counts the application bytes delivered against the bytes the lesson's
/// script sends, and shows the share as a bar.
pub struct Progress {
    lang: Lang,
    /// Bytes the script sends (0: unknown, a spinner then counts steps).
    total: u64,
    delivered: u64,
    steps: u64,
    start: Instant,
    show_after: Duration,
    /// Where the bar is drawn once shown (taken then).
    target: Option<ProgressDrawTarget>,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for a run that sends `total` bytes, drawn on standard error
    /// after [`SHOW_AFTER`].
    pub fn on_stderr(total: u64, lang: Lang) -> Progress {
        Progress::new(total, lang, ProgressDrawTarget::stderr(), SHOW_AFTER)
    }

    /// A bar drawn on `target` once the run has lasted `show_after`.
    pub fn new(
        total: u64,
        lang: Lang,
        target: ProgressDrawTarget,
        show_after: Duration,
    ) -> Progress {
        Progress {
            lang,
            total,
            delivered: 0,
            steps: 0,
            start: Instant::now(),
            show_after,
            target: Some(target),
            bar: None,
        }
    }

    /// Whether the bar has appeared.
    pub fn shown(&self) -> bool {
        self.bar.is_some()
    }

    /// The bytes delivered so far, as the bar shows them.
    pub fn position(&self) -> Option<u64> {
        self.bar.as_ref().map(ProgressBar::position)
    }

    fn tick(&mut self) {
        if self.bar.is_none() && self.start.elapsed() >= self.show_after {
            let target = self
                .target
                .take()
                .unwrap_or_else(ProgressDrawTarget::hidden);
            self.bar = Some(self.make_bar(target));
        }
        let Some(bar) = &self.bar else { return };
        let secs = self.start.elapsed().as_secs();
        if self.total > 0 {
            let done = self.delivered.min(self.total);
            bar.set_position(done);
            bar.set_message(tr!(
                self.lang,
                "progress-bytes",
                done = done,
                total = self.total,
                secs = secs
            ));
        } else {
            bar.set_position(self.steps);
            bar.set_message(tr!(
                self.lang,
                "progress-steps",
                steps = self.steps,
                secs = secs
            ));
        }
    }

    fn make_bar(&self, target: ProgressDrawTarget) -> ProgressBar {
        if self.total > 0 {
            let bar = ProgressBar::with_draw_target(Some(self.total), target);
            // The template holds no words: they come in the message, translated.
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {percent:>3}% {msg}") {
                bar.set_style(style);
            }
            bar
        } else {
            let bar = ProgressBar::with_draw_target(None, target);
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
                bar.set_style(style);
            }
            bar
        }
    }
}

impl Sink for Progress {
    fn step(&mut self, step: &Step) -> io::Result<()> {
        self.steps += 1;
        if let StepKind::Data(bytes) = &step.kind {
            self.delivered += bytes.len() as u64;
        }
        if self.steps.is_multiple_of(STEPS_PER_TICK) {
            self.tick();
        }
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        Ok(())
    }
}

impl Drop for Progress {
    /// A run that failed half-way leaves no bar behind its error message.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Instant as SimInstant;
    use crate::trace::Host;
    use bytes::Bytes;

    fn data(len: usize) -> Step {
        Step {
            t: SimInstant::ZERO,
            host: Host::Server,
            conv: 0,
            frame: None,
            kind: StepKind::Data(Bytes::from(vec![b'x'; len])),
        }
    }

    #[test]
    fn a_short_run_shows_no_bar() {
        let mut p = Progress::new(1000, Lang::En, ProgressDrawTarget::hidden(), SHOW_AFTER);
        for _ in 0..STEPS_PER_TICK {
            p.step(&data(1)).unwrap();
        }
        assert!(!p.shown());
    }

    #[test]
    fn a_long_run_shows_the_bytes_delivered_of_the_total() {
        let mut p = Progress::new(
            10 * STEPS_PER_TICK,
            Lang::En,
            ProgressDrawTarget::hidden(),
            Duration::ZERO,
        );
        for _ in 0..STEPS_PER_TICK {
            p.step(&data(2)).unwrap();
        }
        assert!(p.shown());
        assert_eq!(p.position(), Some(2 * STEPS_PER_TICK));
        p.end().unwrap();
    }
}
