//! Choosing and wiring the views a command prints: the ladder (with narration
//! and bits under its rows), JSON, or nothing; and pacing them.

use std::io::{BufRead, Write};
use std::time::Duration;

use crate::narrate::Lang;
use crate::trace::{Discard, Sink};
use crate::view::header_bits::HeaderBits;
use crate::view::json::JsonLines;
use crate::view::ladder::{Ladder, LadderOptions};
use crate::view::narration::NarrationNotes;
use crate::view::style::Style;

use super::stepping::{Pace, Stepper};

/// Which view goes to standard output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewMode {
    #[default]
    Ladder,
    Json,
    /// Nothing on standard output (only files, if any).
    Quiet,
}

/// How to show a trace.
#[derive(Clone, Debug)]
pub struct ViewOptions {
    pub lang: Lang,
    pub style: Style,
    pub width: usize,
    pub mode: ViewMode,
    /// Narrate every step (`--explain`).
    pub explain: bool,
    /// Show every segment's bits (`--bits`).
    pub bits: bool,
    /// Pause after each step (`--step`, `--delay`).
    pub pace: Option<Pace>,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            lang: Lang::En,
            style: Style::default(),
            width: 80,
            mode: ViewMode::Ladder,
            explain: false,
            bits: false,
            pace: None,
        }
    }
}

/// Where a paced view reads its "next" lines and shows its prompt.
pub struct Console<'a> {
    pub input: &'a mut dyn BufRead,
    pub prompt: &'a mut dyn Write,
}

impl Console<'_> {
    /// The same console for a shorter while (one of several views in turn).
    pub fn reborrow(&mut self) -> Console<'_> {
        Console {
            input: &mut *self.input,
            prompt: &mut *self.prompt,
        }
    }
}

/// Builds the view `opts` ask for, writing to `out`.
pub fn make_view<'a>(
    opts: &ViewOptions,
    out: &'a mut dyn Write,
    console: Option<Console<'a>>,
) -> Box<dyn Sink + 'a> {
    let view: Box<dyn Sink + 'a> = match opts.mode {
        ViewMode::Ladder => {
            let mut ladder = Ladder::new(
                out,
                LadderOptions {
                    width: opts.width,
                    style: opts.style,
                    lang: opts.lang,
                },
            );
            let note_width = opts.width.saturating_sub(10);
            if opts.explain {
                ladder.annotate_with(Box::new(NarrationNotes::new(
                    opts.lang, opts.style, note_width,
                )));
            }
            if opts.bits {
                ladder.annotate_with(Box::new(HeaderBits::new(opts.lang, opts.style, note_width)));
            }
            Box::new(ladder)
        }
        ViewMode::Json => {
            let json = JsonLines::new(out);
            Box::new(if opts.explain {
                json.with_explanations(opts.lang)
            } else {
                json
            })
        }
        ViewMode::Quiet => Box::new(Discard),
    };
    match (opts.pace, console) {
        (Some(pace), Some(console)) if opts.mode != ViewMode::Quiet => Box::new(Stepper::new(
            view,
            pace,
            console.input,
            console.prompt,
            opts.lang,
        )),
        _ => view,
    }
}

/// `--delay MS` as a pace.
pub fn delay(ms: u64) -> Pace {
    Pace::Delay(Duration::from_millis(ms))
}
