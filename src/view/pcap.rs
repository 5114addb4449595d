//! A trace sink that writes every segment put on the wire as a real frame, at
//! its virtual time. Lost segments are written too, as they left the sender, and
//! in pcapng their comment says so; every pcapng packet carries its narration.

use std::io::{self, Write};
use std::time::Duration;

use crate::narrate::Lang;
use crate::tcp::State;
use crate::tr;
use crate::trace::{Sink, Step, StepKind, TraceMeta};
use crate::view::labels::host_text;
use crate::view::narration::Narrator;
use crate::wire::FrameEncoder;

use crate::capture::{CaptureFormat, CaptureWriter, EPOCH};

/// A frame waiting to learn whether it is lost (the drop step follows the send).
struct Pending {
    timestamp: Duration,
    comment: String,
}

pub struct CaptureSink<W: Write> {
    writer: Option<CaptureWriter<W>>,
    encoder: FrameEncoder,
    /// The frame being held (pcapng only), its bytes in `held`.
    pending: Option<Pending>,
    held: Vec<u8>,
    /// IPv4 identification, counted per host as a real stack would.
    ip_id: [u16; 2],
    narrator: Option<Narrator>,
    lang: Lang,
    states: [State; 2],
    frames: u64,
}

impl<W: Write> CaptureSink<W> {
    /// A sink writing `format` to `out`; pcapng packets are narrated in `lang`.
    pub fn new(out: W, format: CaptureFormat, lang: Lang) -> io::Result<Self> {
        let narrator = (format == CaptureFormat::PcapNg).then(|| Narrator::new(lang));
        Ok(CaptureSink {
            writer: Some(CaptureWriter::new(out, format, "synack")?),
            encoder: FrameEncoder::new(),
            pending: None,
            held: Vec::new(),
            ip_id: [0; 2],
            narrator,
            lang,
            states: [State::Closed; 2],
            frames: 0,
        })
    }

    /// Frames written so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Ends the file and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_pending()?;
        match self.writer.take() {
            Some(w) => w.finish(),
            None => Err(io::Error::other("capture already finished")),
        }
    }

    fn writer(&mut self) -> io::Result<&mut CaptureWriter<W>> {
        self.writer
            .as_mut()
            .ok_or_else(|| io::Error::other("capture already finished"))
    }

    fn write_pending(&mut self) -> io::Result<()> {
        if let Some(p) = self.pending.take() {
            let held = std::mem::take(&mut self.held);
            self.writer()?.write(p.timestamp, &held, Some(&p.comment))?;
            self.held = held;
            self.frames += 1;
        }
        Ok(())
    }
}

impl<W: Write> Sink for CaptureSink<W> {
    fn step(&mut self, step: &Step) -> io::Result<()> {
        let explanation = match &mut self.narrator {
            Some(n) => n.explain(step),
            None => Vec::new(),
        };
        if let StepKind::State { to, .. } = step.kind {
            self.states[step.host.index()] = to;
        }
        match &step.kind {
            StepKind::Send { transmit: tx, .. } => {
                self.write_pending()?;
                let i = step.host.index();
                let id = self.ip_id[i];
                self.ip_id[i] = id.wrapping_add(1);
                let frame = self
                    .encoder
                    .tcp(&tx.segment, id)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
                let timestamp = EPOCH + Duration::from_micros(step.t.micros());
                if self.narrator.is_some() {
                    // Held until the next step says whether the link loses it.
                    self.held.clear();
                    self.held.extend_from_slice(frame);
                    let lang = self.lang;
                    let who = host_text(lang, step.host);
                    let state = self.states[i].name();
                    let comment = tr!(
                        lang,
                        "capture-comment",
                        who = who,
                        state = state,
                        text = explanation.join(" ")
                    );
                    self.pending = Some(Pending { timestamp, comment });
                } else if let Some(w) = self.writer.as_mut() {
                    w.write(timestamp, frame, None)?;
                    self.frames += 1;
                }
            }
            StepKind::Drop { .. } => {
                if let Some(p) = &mut self.pending {
                    p.comment.push(' ');
                    p.comment.push_str(&tr!(self.lang, "capture-comment-lost"));
                }
                self.write_pending()?;
            }
            _ => self.write_pending()?,
        }
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        self.write_pending()
    }
}

/// The sink as a boxed trait object that finishes its file when the run ends.
pub struct FinishingSink<W: Write> {
    inner: Option<CaptureSink<W>>,
}

impl<W: Write> FinishingSink<W> {
    pub fn new(inner: CaptureSink<W>) -> Self {
        FinishingSink { inner: Some(inner) }
    }
}

impl<W: Write> Sink for FinishingSink<W> {
    fn step(&mut self, step: &Step) -> io::Result<()> {
        match &mut self.inner {
            Some(s) => s.step(step),
            None => Ok(()),
        }
    }

    fn begin(&mut self, meta: &TraceMeta) -> io::Result<()> {
        match &mut self.inner {
            Some(s) => s.begin(meta),
            None => Ok(()),
        }
    }

    fn end(&mut self) -> io::Result<()> {
        match self.inner.take() {
            Some(s) => s.finish().map(|_| ()),
            None => Ok(()),
        }
    }
}
