//! `--step` and `--delay`: a sink in front of a view that waits after every
//! visible step, for Enter (or a line of scripted input) or for a fixed time.

use std::io::{self, BufRead, Write};
use std::time::Duration;

use crate::narrate::Lang;
use crate::tr;
use crate::trace::{Sink, Step, StepKind, TraceMeta};

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
    e.kind() == io::ErrorKind::Interrupted && e.to_string() == QUIT
}

const QUIT: &str = "quit by the user";

pub struct Stepper<'a> {
    inner: Box<dyn Sink + 'a>,
    pace: Pace,
    input: &'a mut dyn BufRead,
    prompt: &'a mut dyn Write,
    lang: Lang,
    /// Input ran out: run on to the end without waiting.
    free_running: bool,
}

impl<'a> Stepper<'a> {
    pub fn new(
        inner: Box<dyn Sink + 'a>,
        pace: Pace,
        input: &'a mut dyn BufRead,
        prompt: &'a mut dyn Write,
        lang: Lang,
    ) -> Self {
        Stepper {
            inner,
            pace,
            input,
            prompt,
            lang,
            free_running: false,
        }
    }

    fn wait(&mut self) -> io::Result<()> {
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
                    return Err(io::Error::new(io::ErrorKind::Interrupted, QUIT));
                }
            }
        }
        Ok(())
    }
}

impl Sink for Stepper<'_> {
    fn begin(&mut self, meta: &TraceMeta) -> io::Result<()> {
        self.inner.begin(meta)
    }

    fn step(&mut self, step: &Step) -> io::Result<()> {
        self.inner.step(step)?;
        // Deliveries draw nothing of their own on the ladder: no pause for them.
        if matches!(step.kind, StepKind::Deliver(_)) {
            return Ok(());
        }
        self.inner.flush_view()?;
        self.wait()
    }

    fn end(&mut self) -> io::Result<()> {
        self.inner.end()
    }
}
