//! `--step` and `--delay` for rdt views, through the project's own
//! [`Stepper`]: each rdt step is parked in a shared slot and the stepper is
//! shown a stand-in TCP step; the stepper's inner sink takes the parked step
//! and hands it to the rdt view, then the stepper waits as it always does.

use std::cell::RefCell;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::rc::Rc;

use crate::app::output::Console;
use crate::app::stepping::{Pace, Stepper};
use crate::narrate::Lang;
use crate::rdt::proto::Event;
use crate::rdt::trace::{RdtKind, RdtMeta, RdtStep, Sink};
use crate::tcp::{Flags, Segment, SeqNumber};
use crate::trace::{self, Note, StepKind, TraceMeta};

enum Parked {
    Meta(RdtMeta),
    Step(RdtStep),
}

type Slot = Rc<RefCell<Option<Parked>>>;

/// What the stepper drives: the rdt view, fed from the slot.
struct Bridge<'a> {
    view: Box<dyn Sink + 'a>,
    slot: Slot,
}

impl trace::Sink for Bridge<'_> {
    fn begin(&mut self, _meta: &TraceMeta) -> io::Result<()> {
        match self.slot.borrow_mut().take() {
            Some(Parked::Meta(meta)) => self.view.begin(&meta),
            _ => Ok(()),
        }
    }

    fn step(&mut self, _step: &trace::Step) -> io::Result<()> {
        match self.slot.borrow_mut().take() {
            Some(Parked::Step(step)) => self.view.step(&step),
            _ => Ok(()),
        }
    }

    fn end(&mut self) -> io::Result<()> {
        self.view.end()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.view.flush_view()
    }
}

pub struct Paced<'a> {
    stepper: Stepper<'a>,
    slot: Slot,
    nowhere: SocketAddr,
}

impl<'a> Paced<'a> {
    pub fn new(view: Box<dyn Sink + 'a>, pace: Pace, console: Console<'a>, lang: Lang) -> Self {
        let slot: Slot = Rc::new(RefCell::new(None));
        let bridge = Bridge {
            view,
            slot: slot.clone(),
        };
        Paced {
            stepper: Stepper::new(Box::new(bridge), pace, console.input, console.prompt, lang),
            slot,
            nowhere: SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)),
        }
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
        *self.slot.borrow_mut() = Some(Parked::Meta(meta.clone()));
        let stand_in = TraceMeta {
            title: meta.title.clone(),
            summary: meta.summary.clone(),
            client: meta.client,
            server: meta.server,
            latency: meta.latency,
        };
        trace::Sink::begin(&mut self.stepper, &stand_in)
    }

    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        *self.slot.borrow_mut() = Some(Parked::Step(step.clone()));
        // The stepper pauses after every step but a delivery: silent steps
        // pass as one.
        let kind = if is_silent(&step.kind) {
            StepKind::Deliver(Segment::new(
                self.nowhere,
                self.nowhere,
                SeqNumber(0),
                Flags::NONE,
            ))
        } else {
            StepKind::Note(Note::MidStream)
        };
        trace::Sink::step(
            &mut self.stepper,
            &trace::Step {
                t: step.t,
                host: step.host,
                conv: 0,
                kind,
            },
        )
    }

    fn end(&mut self) -> io::Result<()> {
        trace::Sink::end(&mut self.stepper)
    }
}
