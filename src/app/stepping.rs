//! `--step` and `--delay`: a [`Pacer`] that waits, for Enter (or a line of
//! scripted input) or for a fixed time, and a [`Stepper`], the sink in front
//! of a view (TCP's or the rdt lab's) that calls it after every visible step.

use std::io::{self, BufRead, Write};
use std::time::Duration;

use crate::flow::{Sink, TraceStep};
use crate::narrate::Lang;
use crate::tr;
use crate::trace::Step;

use super::output::Console;

/// How to advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// After each step, wait for a line on the input; `q` quits. A prompt is
    /// shown (and erased) only when the input is a terminal.
    Step { interactive: bool },
    /// Wait this long after each step.
    Delay(Duration),
}

/// The error a stepper returns when the user typed `q`: the run stops early,
/// which is not a failure.
pub fn is_quit(e: &io::Error) -> bool {
    quit_step(e).is_some()
}

/// The step the user typed `q` after (counted from 1), if `e` is that quit:
/// whoever ran the steps says where the run stopped, so a quit is not
/// mistaken for the end.
pub fn quit_step(e: &io::Error) -> Option<u64> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Quit>())
        .map(|quit| quit.step)
}

/// What a `q` at the prompt travels as, inside an `io::Error`, up through
/// the sinks to whoever ran the steps.
#[derive(Debug)]
struct Quit {
    /// The visible steps shown when `q` was typed.
    step: u64,
}

impl std::fmt::Display for Quit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "quit by the user after step {}", self.step)
    }
}

impl std::error::Error for Quit {}

/// Waits between steps as `--step` or `--delay` asks.
pub struct Pacer<'a> {
    pace: Pace,
    input: &'a mut dyn BufRead,
    prompt: &'a mut dyn Write,
    lang: Lang,
    /// Input ran out: run on to the end without waiting.
    free_running: bool,
    /// Waits so far: the number of the step just shown.
    shown: u64,
}

impl<'a> Pacer<'a> {
    /// A pacer reading its lines from `console` and prompting there.
    pub fn new(pace: Pace, console: Console<'a>, lang: Lang) -> Self {
        Pacer {
            pace,
            input: console.input,
            prompt: console.prompt,
            lang,
            free_running: false,
            shown: 0,
        }
    }

    /// Waits once: for a line (`q` quits with [`is_quit`]) or for the delay.
    /// Call it after a visible step, once the view has flushed it.
    pub fn wait(&mut self) -> io::Result<()> {
        self.shown += 1;
        match self.pace {
            Pace::Delay(d) => std::thread::sleep(d),
            Pace::Step { interactive } => {
                if self.free_running {
                    return Ok(());
                }
                if interactive {
                    write!(self.prompt, "{}", tr!(self.lang, "step-prompt"))?;
                    self.prompt.flush()?;
                }
                let mut line = String::new();
                let n = self.input.read_line(&mut line)?;
                if interactive {
                    // Erase the prompt and the newline the terminal echoed.
                    write!(self.prompt, "\x1b[1A\r\x1b[2K")?;
                    self.prompt.flush()?;
                }
                if n == 0 {
                    self.free_running = true;
                } else if line.trim().eq_ignore_ascii_case("q") {
                    return Err(io::Error::new(
                        io::ErrorKind::Interrupted,
                        Quit { step: self.shown },
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A view, paced: the pacer waits after every step the view shows
/// something for. Generic over the step type; each protocol says which of its
/// steps show (`shows`), the waiting is the same.
pub struct Stepper<'a, S: TraceStep = Step> {
    inner: Box<dyn Sink<S> + 'a>,
    pacer: Pacer<'a>,
    shows: fn(&S) -> bool,
}

impl<'a, S: TraceStep> Stepper<'a, S> {
    pub fn new(inner: Box<dyn Sink<S> + 'a>, pacer: Pacer<'a>, shows: fn(&S) -> bool) -> Self {
        Stepper {
            inner,
            pacer,
            shows,
        }
    }
}

impl<S: TraceStep> Sink<S> for Stepper<'_, S> {
    fn begin(&mut self, meta: &S::Meta) -> io::Result<()> {
        self.inner.begin(meta)
    }

    fn step(&mut self, step: &S) -> io::Result<()> {
        self.inner.step(step)?;
        if !(self.shows)(step) {
            return Ok(());
        }
        self.inner.flush_view()?;
        self.pacer.wait()
    }

    fn end(&mut self) -> io::Result<()> {
        self.inner.end()
    }
}
