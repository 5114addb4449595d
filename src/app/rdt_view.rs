//! The rdt view a simulated run asks for (ladder, JSON or nothing), and
//! `--step`/`--delay` for it: the project's [`Pacer`] called after every
//! step the view draws something for. Here, not in `rdt::view`, because it
//! assembles views from the command's options, as `app::output` does for TCP.

use std::io::{self, Write};

use super::output::{Console, ViewMode, ViewOptions};
use super::stepping::Pacer;
use crate::rdt::proto::Event;
use crate::rdt::trace::{Quiet, RdtKind, RdtMeta, RdtStep, Sink};
use crate::rdt::view::{annotators, json, ladder, narration};

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
        Some(pacer) => Box::new(Paced::new(view, pacer)),
        None => view,
    }
}

struct Paced<'a> {
    view: Box<dyn Sink + 'a>,
    pacer: Pacer<'a>,
}

impl<'a> Paced<'a> {
    fn new(view: Box<dyn Sink + 'a>, pacer: Pacer<'a>) -> Self {
        Paced { view, pacer }
    }
}

/// Steps the ladder draws nothing for: no pause after them.
fn is_silent(kind: &RdtKind) -> bool {
    matches!(
        kind,
        RdtKind::Arrive { .. } | RdtKind::Event(Event::TimerStart { .. } | Event::TimerStop { .. })
    )
}

impl Sink for Paced<'_> {
    fn begin(&mut self, meta: &RdtMeta) -> io::Result<()> {
        self.view.begin(meta)
    }

    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        self.view.step(step)?;
        if is_silent(&step.kind) {
            return Ok(());
        }
        self.view.flush_view()?;
        self.pacer.wait()
    }

    fn end(&mut self) -> io::Result<()> {
        self.view.end()
    }
}
