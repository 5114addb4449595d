//! `--frame N`, `N-M`, `N-`: only some frames of a capture are shown. The
//! view still sees every step before them in silence, so its narration
//! keeps the arithmetic and the states it learned on the way.

use std::io;

use crate::trace::{Sink, Step, TraceMeta};

/// Passes on the steps of frames in a range, and the steps with no frame
/// (the end of the capture) when the range runs to the end.
pub struct FrameFilter<'a> {
    inner: &'a mut dyn Sink,
    range: Option<(u32, u32)>,
}

impl<'a> FrameFilter<'a> {
    pub fn new(inner: &'a mut dyn Sink, range: Option<(u32, u32)>) -> Self {
        FrameFilter { inner, range }
    }

    fn shows(&self, step: &Step) -> bool {
        match (self.range, step.frame) {
            (None, _) => true,
            (Some((from, to)), Some(f)) => (from..=to).contains(&f),
            (Some((_, to)), None) => to == u32::MAX,
        }
    }
}

impl Sink for FrameFilter<'_> {
    fn begin(&mut self, meta: &TraceMeta) -> io::Result<()> {
        self.inner.begin(meta)
    }

    fn step(&mut self, step: &Step) -> io::Result<()> {
        if self.shows(step) {
            self.inner.step(step)
        } else {
            self.inner.unseen(step)
        }
    }

    fn end(&mut self) -> io::Result<()> {
        self.inner.end()
    }

    fn flush_view(&mut self) -> io::Result<()> {
        self.inner.flush_view()
    }
}
