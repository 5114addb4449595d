//! TCP's part of a capture of a simulated run: every segment put on the wire
//! is a TCP frame, and each pcapng comment says who sent it, in which state,
//! the narration, and whether the link lost it. The writing itself (held
//! frames, timestamps, finishing the file) is the shared [`held`](super::held).

use crate::narrate::Lang;
use crate::tcp::State;
use crate::tr;
use crate::trace::{Step, StepKind};
use crate::view::held::{Finishing, Framing, HeldCapture};
use crate::view::labels::host_text;
use crate::view::narration::Narrator;
use crate::wire::{FrameEncoder, WireError};

/// A sink writing a lesson's segments as a pcap or pcapng file.
pub type CaptureSink<W> = HeldCapture<W, TcpFrames>;

/// The capture sink that finishes its file when the run ends.
pub type FinishingSink<W> = Finishing<W, TcpFrames>;

/// How TCP steps become frames.
#[derive(Default)]
pub struct TcpFrames {
    encoder: FrameEncoder,
    /// Each host's state, for the comments.
    states: [State; 2],
}

impl Framing for TcpFrames {
    type Step = Step;
    type Narrator = Narrator;
    const APPLICATION: &'static str = "synack";

    fn narrator(lang: Lang) -> Narrator {
        Narrator::new(lang)
    }

    fn frame(&mut self, step: &Step, ip_id: u16) -> Result<Option<&[u8]>, WireError> {
        match &step.kind {
            StepKind::State { to, .. } => {
                self.states[step.host.index()] = *to;
                Ok(None)
            }
            StepKind::Send { transmit: tx, .. } => self.encoder.tcp(&tx.segment, ip_id).map(Some),
            _ => Ok(None),
        }
    }

    fn comment(&self, lang: Lang, step: &Step, explanation: &[String]) -> String {
        tr!(
            lang,
            "capture-comment",
            who = host_text(lang, step.host),
            state = self.states[step.host.index()].name(),
            text = explanation.join(" ")
        )
    }

    fn fate(&self, lang: Lang, step: &Step) -> Option<String> {
        matches!(step.kind, StepKind::Drop { .. }).then(|| tr!(lang, "capture-comment-lost"))
    }
}
