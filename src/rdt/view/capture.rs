//! The rdt lab's part of a capture of a simulated session: every handshake
//! line, Noise message and packet is the UDP frame it would be between the
//! two hosts (IPv4 or IPv6, correct checksums), and each pcapng comment says
//! who sent it, the narration, and what the channel did to it afterwards.
//! The writing itself is the project's shared [`held`](crate::view::held).

use std::borrow::Cow;

use super::narration::Narrator;
use crate::narrate::Lang;
use crate::rdt::fault::Verdict;
use crate::rdt::trace::{RdtKind, RdtMeta, RdtStep};
use crate::tr;
use crate::view::held::{Finishing, Framing, HeldCapture};
use crate::view::labels::host_text;
use crate::wire::{FrameEncoder, WireError};

/// A sink writing a session's frames as a pcap or pcapng file.
pub type RdtCapture<W> = HeldCapture<W, RdtFrames>;

/// The capture sink that finishes its file when the run ends.
pub type FinishingCapture<W> = Finishing<W, RdtFrames>;

/// How rdt steps become frames: UDP between the hosts the meta names.
#[derive(Default)]
pub struct RdtFrames {
    encoder: FrameEncoder,
    meta: Option<RdtMeta>,
}

impl Framing for RdtFrames {
    type Step = RdtStep;
    type Narrator = Narrator;
    const APPLICATION: &'static str = "synack rdt";

    fn narrator(lang: Lang) -> Narrator {
        Narrator::new(lang)
    }

    fn begin(&mut self, meta: &RdtMeta) {
        self.meta = Some(meta.clone());
    }

    fn frame(&mut self, step: &RdtStep, ip_id: u16) -> Result<Option<&[u8]>, WireError> {
        let payload: Cow<[u8]> = match &step.kind {
            RdtKind::Request { line } | RdtKind::Reply { line, .. } => {
                Cow::Owned(format!("{line}\n").into_bytes())
            }
            RdtKind::Noise { bytes, .. } => Cow::Borrowed(&bytes[..]),
            RdtKind::Send { wire, .. } => Cow::Borrowed(&wire[..]),
            _ => return Ok(None),
        };
        let Some(meta) = &self.meta else {
            return Ok(None);
        };
        let (src, dst) = (meta.addr(step.host), meta.addr(step.host.peer()));
        self.encoder.udp(src, dst, &payload, ip_id).map(Some)
    }

    fn comment(&self, lang: Lang, step: &RdtStep, explanation: &[String]) -> String {
        tr!(
            lang,
            "rdt-capture-comment",
            who = host_text(lang, step.host),
            text = explanation.join(" ")
        )
    }

    fn fate(&self, lang: Lang, step: &RdtStep) -> Option<String> {
        let RdtKind::Fault(verdict) = &step.kind else {
            return None;
        };
        Some(match verdict {
            Verdict::Lost { .. } | Verdict::Pass => tr!(lang, "rdt-capture-lost"),
            Verdict::Corrupted { bit, .. } => tr!(lang, "rdt-capture-corrupted", bit = *bit),
            Verdict::Duplicated { .. } => tr!(lang, "rdt-capture-duplicated"),
            Verdict::Reordered { .. } => tr!(lang, "rdt-capture-reordered"),
        })
    }
}
