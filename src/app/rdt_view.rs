//! The rdt lab's views, as `app::output::make_view` assembles them from a
//! command's options (ladder, JSON or nothing; paced by `--step`/`--delay`).
//! Here, not in `rdt::view`, because it reads the command's options.

use std::io::Write;

use super::output::{ViewOptions, Views};
use crate::rdt::proto::Event;
use crate::rdt::trace::{RdtKind, RdtStep, Sink};
use crate::rdt::view::{annotators, json, ladder, narration};

impl Views for RdtStep {
    fn ladder<'a>(opts: &ViewOptions, out: &'a mut dyn Write) -> Box<dyn Sink<RdtStep> + 'a> {
        let mut ladder = ladder::Ladder::new(out, opts.ladder());
        let width = opts.note_width();
        for a in annotators(opts.lang, opts.style, opts.explain, opts.bits, width) {
            ladder.annotate_with(a);
        }
        Box::new(ladder)
    }

    fn json<'a>(opts: &ViewOptions, out: &'a mut dyn Write) -> Box<dyn Sink<RdtStep> + 'a> {
        let narrator = opts.explain.then(|| narration::Narrator::new(opts.lang));
        Box::new(json::JsonLines::new(out).explained(narrator))
    }

    /// Arrivals and timer bookkeeping draw nothing on the ladder.
    fn shows(&self) -> bool {
        !matches!(
            self.kind,
            RdtKind::Arrive { .. }
                | RdtKind::Event(Event::TimerStart { .. } | Event::TimerStop { .. })
        )
    }
}
