//! pcap and pcapng files of a simulated session: every handshake line, Noise
//! message and packet as the UDP frame it would be between the two hosts
//! (IPv4 or IPv6, correct checksums), at its virtual time from the fixed
//! capture epoch, so the same run gives the same file byte for byte. Frames are
//! written as the sender put them on the wire; in pcapng each carries its
//! narration, and what the channel did to it afterwards.

use std::io::{self, Write};
use std::time::Duration;

use super::narration::Narrator;
use crate::capture::{CaptureFormat, CaptureWriter, EPOCH};
use crate::narrate::Lang;
use crate::rdt::fault::Verdict;
use crate::rdt::trace::{RdtKind, RdtMeta, RdtStep, Sink};
use crate::tr;
use crate::view::labels::host_text;
use crate::wire::FrameEncoder;

pub struct RdtCapture<W: Write> {
    writer: Option<CaptureWriter<W>>,
    encoder: FrameEncoder,
    meta: Option<RdtMeta>,
    narrator: Option<Narrator>,
    lang: Lang,
    /// The frame waiting for its fate (pcapng): bytes, timestamp, comment.
    held: Option<(Vec<u8>, Duration, String)>,
    ip_id: [u16; 2],
    frames: u64,
}

impl<W: Write> RdtCapture<W> {
    pub fn new(out: W, format: CaptureFormat, lang: Lang) -> io::Result<Self> {
        Ok(RdtCapture {
            writer: Some(CaptureWriter::new(out, format, "synack rdt")?),
            encoder: FrameEncoder::new(),
            meta: None,
            narrator: (format == CaptureFormat::PcapNg).then(|| Narrator::new(lang)),
            lang,
            held: None,
            ip_id: [0; 2],
            frames: 0,
        })
    }

    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Ends the file and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_held()?;
        match self.writer.take() {
            Some(w) => w.finish(),
            None => Err(io::Error::other("capture already finished")),
        }
    }

    fn write_held(&mut self) -> io::Result<()> {
        if let Some((frame, at, comment)) = self.held.take()
            && let Some(w) = self.writer.as_mut()
        {
            let comment = (!comment.is_empty()).then_some(comment.as_str());
            w.write(at, &frame, comment)?;
            self.frames += 1;
        }
        Ok(())
    }

    fn frame(&mut self, step: &RdtStep, payload: &[u8], comment: String) -> io::Result<()> {
        let Some(meta) = &self.meta else {
            return Ok(());
        };
        let (src, dst) = (meta.addr(step.host), meta.addr(step.host.peer()));
        let i = step.host.index();
        let id = self.ip_id[i];
        self.ip_id[i] = id.wrapping_add(1);
        let frame = self
            .encoder
            .udp(src, dst, payload, id)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?
            .to_vec();
        let at = EPOCH + Duration::from_micros(step.t.micros());
        self.held = Some((frame, at, comment));
        Ok(())
    }
}

impl<W: Write> Sink for RdtCapture<W> {
    fn begin(&mut self, meta: &RdtMeta) -> io::Result<()> {
        self.meta = Some(meta.clone());
        Ok(())
    }

    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        let explanation = match &mut self.narrator {
            Some(n) => n.explain(step),
            None => Vec::new(),
        };
        let lang = self.lang;
        let comment = || {
            tr!(
                lang,
                "rdt-capture-comment",
                who = host_text(lang, step.host),
                text = explanation.join(" ")
            )
        };
        let narrated = self.narrator.is_some();
        let note = |c: &dyn Fn() -> String| if narrated { c() } else { String::new() };
        match &step.kind {
            RdtKind::Request { line } | RdtKind::Reply { line, .. } => {
                self.write_held()?;
                let text = note(&comment);
                self.frame(step, format!("{line}\n").as_bytes(), text)?;
            }
            RdtKind::Noise { bytes, .. } => {
                self.write_held()?;
                let text = note(&comment);
                self.frame(step, bytes, text)?;
            }
            RdtKind::Send { wire, .. } => {
                self.write_held()?;
                let text = note(&comment);
                self.frame(step, wire, text)?;
            }
            RdtKind::Fault(v) => {
                if let Some((_, _, c)) = &mut self.held
                    && narrated
                {
                    let fate = match v {
                        Verdict::Lost { .. } | Verdict::Pass => tr!(lang, "rdt-capture-lost"),
                        Verdict::Corrupted { bit, .. } => {
                            tr!(lang, "rdt-capture-corrupted", bit = *bit)
                        }
                        Verdict::Duplicated { .. } => tr!(lang, "rdt-capture-duplicated"),
                        Verdict::Reordered { .. } => tr!(lang, "rdt-capture-reordered"),
                    };
                    c.push(' ');
                    c.push_str(&fate);
                }
                self.write_held()?;
            }
            // The channel's verdict, if any, comes right after the send:
            // any other step means the frame went through untouched.
            _ => self.write_held()?,
        }
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        self.write_held()
    }
}

/// A capture sink that finishes its file when the run ends.
pub struct FinishingCapture<W: Write>(Option<RdtCapture<W>>);

impl<W: Write> FinishingCapture<W> {
    pub fn new(inner: RdtCapture<W>) -> Self {
        FinishingCapture(Some(inner))
    }
}

impl<W: Write> Sink for FinishingCapture<W> {
    fn begin(&mut self, meta: &RdtMeta) -> io::Result<()> {
        self.0.as_mut().map_or(Ok(()), |s| s.begin(meta))
    }
    fn step(&mut self, step: &RdtStep) -> io::Result<()> {
        self.0.as_mut().map_or(Ok(()), |s| s.step(step))
    }
    fn end(&mut self) -> io::Result<()> {
        match self.0.take() {
            Some(s) => s.finish().map(|_| ()),
            None => Ok(()),
        }
    }
}
