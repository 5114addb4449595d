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

use crate::narrate::Lang;
use crate::view::narration::NarrationNotes;
use crate::view::style::Style;

use super::trace::RdtStep;

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
