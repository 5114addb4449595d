//! Choosing and wiring the views a command prints: the ladder, JSON, nothing.

use std::io::Write;

use crate::narrate::Lang;
use crate::trace::{Discard, Sink};
use crate::view::json::JsonLines;
use crate::view::ladder::{Ladder, LadderOptions};
use crate::view::style::Style;

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
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            lang: Lang::En,
            style: Style::default(),
            width: 80,
            mode: ViewMode::Ladder,
        }
    }
}

/// Builds the view `opts` ask for, writing to `out`.
pub fn make_view<'a>(opts: &ViewOptions, out: &'a mut dyn Write) -> Box<dyn Sink + 'a> {
    match opts.mode {
        ViewMode::Ladder => Box::new(Ladder::new(
            out,
            LadderOptions {
                width: opts.width,
                style: opts.style,
                lang: opts.lang,
            },
        )),
        ViewMode::Json => Box::new(JsonLines::new(out)),
        ViewMode::Quiet => Box::new(Discard),
    }
}
