//! `--step` and `--delay` for rdt views: the project's [`Pacer`] called after
//! every step the view draws something for.

use std::io;

use crate::app::stepping::Pacer;
use crate::rdt::proto::Event;
use crate::rdt::trace::{RdtKind, RdtMeta, RdtStep, Sink};

pub struct Paced<'a> {
    view: Box<dyn Sink + 'a>,
    pacer: Pacer<'a>,
}

impl<'a> Paced<'a> {
    pub fn new(view: Box<dyn Sink + 'a>, pacer: Pacer<'a>) -> Self {
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
