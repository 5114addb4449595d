//! The rdt views: sinks that turn rdt steps into something to read. The
//! ladder (simulated runs), the log (one side of a real session), narration
//! and bits as notes under either, JSON lines, and pcap/pcapng files.

pub mod bits;
pub mod capture;
pub mod json;
pub mod labels;
pub mod ladder;
pub mod log;
pub mod narration;
mod pace;

use std::io::Write;

use crate::app::output::{Console, ViewMode, ViewOptions};
use crate::narrate::Lang;
use crate::view::narration::NarrationNotes;
use crate::view::style::Style;

use super::trace::{Quiet, RdtStep, Sink};

/// Adds lines under a row (narration, bits): the views' own trait, over rdt steps.
pub use crate::view::Annotate;

/// The notes asked for: narration (`--explain`), then bits (`--bits`).
pub fn annotators<'a>(
    lang: Lang,
    style: Style,
    explain: bool,
    bits: bool,
    note_width: usize,
) -> Vec<Box<dyn Annotate<RdtStep> + 'a>> {
    let mut notes: Vec<Box<dyn Annotate<RdtStep> + 'a>> = Vec::new();
    if explain {
        notes.push(Box::new(NarrationNotes::with(
            narration::Narrator::new(lang),
            style,
            note_width,
        )));
    }
    if bits {
        notes.push(Box::new(bits::BitsNotes::new(lang, style, note_width)));
    }
    notes
}

/// The view `opts` ask for on a simulated run (ladder, JSON or nothing),
/// paced by `console` when `--step` or `--delay` is on.
pub fn make_view<'a>(
    opts: &ViewOptions,
    out: &'a mut dyn Write,
    console: Option<Console<'a>>,
) -> Box<dyn Sink + 'a> {
    let view: Box<dyn Sink + 'a> = match opts.mode {
        ViewMode::Ladder => {
            let mut ladder = ladder::Ladder::new(out, opts.ladder());
            let width = opts.note_width();
            for a in annotators(opts.lang, opts.style, opts.explain, opts.bits, width) {
                ladder.annotate_with(a);
            }
            Box::new(ladder)
        }
        ViewMode::Json => {
            let narrator = opts.explain.then(|| narration::Narrator::new(opts.lang));
            Box::new(json::JsonLines::new(out).explained(narrator))
        }
        ViewMode::Quiet => Box::new(Quiet),
    };
    match opts.pacer(console) {
        Some(pacer) => Box::new(pace::Paced::new(view, pacer)),
        None => view,
    }
}
