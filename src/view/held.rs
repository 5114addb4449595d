//! The capture writer every protocol's simulated runs share: each step that
//! puts bytes on the wire becomes a real frame at its virtual time from the
//! fixed capture epoch, so the same run gives the same file byte for byte.
//!
//! Frames are written as the sender put them on the wire, even those the link
//! then loses. In pcapng each frame carries its narration, and what the link
//! did to it, which the *next* step tells: so a narrated frame is held until
//! that step comes. Without narration (pcap) nothing waits and nothing is
//! copied, which keeps long runs fast. How a step becomes a frame and what its
//! comment says is each protocol's [`Framing`].

use std::io::{self, Write};
use std::time::Duration;

use crate::capture::{CaptureFormat, CaptureWriter, EPOCH};
use crate::flow::{Sink, TraceStep};
use crate::narrate::Lang;
use crate::view::Explain;
use crate::wire::WireError;

/// One protocol's part of a capture: which steps are frames, their bytes,
/// and the words in their comments.
pub trait Framing: Default {
    type Step: TraceStep;
    /// Narrates every step (pcapng comments), in order: it may follow the run.
    type Narrator: Explain<Self::Step>;

    /// The application the file's header names.
    const APPLICATION: &'static str;

    fn narrator(lang: Lang) -> Self::Narrator;

    /// Learns what the run is about (the hosts' addresses, say).
    fn begin(&mut self, _meta: &<Self::Step as TraceStep>::Meta) {}

    /// Sees every step; for one that puts bytes on the wire, returns them as
    /// a frame with IPv4 identification `ip_id`.
    fn frame(&mut self, step: &Self::Step, ip_id: u16) -> Result<Option<&[u8]>, WireError>;

    /// The comment of the frame `step` sent, around its narration.
    fn comment(&self, lang: Lang, step: &Self::Step, explanation: &[String]) -> String;

    /// For a step that says what the link did to the frame just sent, the
    /// words added to that frame's comment.
    fn fate(&self, lang: Lang, step: &Self::Step) -> Option<String>;
}

/// A sink writing a pcap or pcapng file of a simulated run.
pub struct HeldCapture<W: Write, F: Framing> {
    framing: F,
    narrator: Option<F::Narrator>,
    lang: Lang,
    /// IPv4 identification, counted per host as a real stack would.
    ip_id: [u16; 2],
    file: HeldFile<W>,
}

/// The file and the frame waiting to learn its fate; apart from the framing
/// so a frame the framing lends can be written while the file is borrowed.
struct HeldFile<W: Write> {
    writer: Option<CaptureWriter<W>>,
    /// The held frame's timestamp and comment; its bytes are in `bytes`.
    held: Option<(Duration, String)>,
    bytes: Vec<u8>,
    frames: u64,
}

impl<W: Write, F: Framing> HeldCapture<W, F> {
    /// A sink writing `format` to `out`; pcapng frames are narrated in `lang`.
    pub fn new(out: W, format: CaptureFormat, lang: Lang) -> io::Result<Self> {
        Ok(HeldCapture {
            framing: F::default(),
            narrator: (format == CaptureFormat::PcapNg).then(|| F::narrator(lang)),
            lang,
            ip_id: [0; 2],
            file: HeldFile {
                writer: Some(CaptureWriter::new(out, format, F::APPLICATION)?),
                held: None,
                bytes: Vec::new(),
                frames: 0,
            },
        })
    }

    /// Frames written so far.
    pub fn frames(&self) -> u64 {
        self.file.frames
    }

    /// Ends the file and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.file.write_held()?;
        match self.file.writer.take() {
            Some(w) => w.finish(),
            None => Err(finished()),
        }
    }
}

impl<W: Write> HeldFile<W> {
    fn write(&mut self, at: Duration, frame: &[u8], comment: Option<&str>) -> io::Result<()> {
        let writer = self.writer.as_mut().ok_or_else(finished)?;
        writer.write(at, frame, comment)?;
        self.frames += 1;
        Ok(())
    }

    fn write_held(&mut self) -> io::Result<()> {
        let Some((at, comment)) = self.held.take() else {
            return Ok(());
        };
        let comment = (!comment.is_empty()).then_some(comment.as_str());
        let writer = self.writer.as_mut().ok_or_else(finished)?;
        writer.write(at, &self.bytes, comment)?;
        self.frames += 1;
        Ok(())
    }
}

fn finished() -> io::Error {
    io::Error::other("capture already finished")
}

impl<W: Write, F: Framing> Sink<F::Step> for HeldCapture<W, F> {
    fn begin(&mut self, meta: &<F::Step as TraceStep>::Meta) -> io::Result<()> {
        self.framing.begin(meta);
        Ok(())
    }

    fn step(&mut self, step: &F::Step) -> io::Result<()> {
        let explanation = self.narrator.as_mut().map(|n| n.explain(step));
        let i = step.host().index();
        let id = self.ip_id[i];
        let frame = self
            .framing
            .frame(step, id)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        let Some(frame) = frame else {
            // The link's verdict, if any, comes right after the send: any
            // other step means the frame went through untouched.
            if let Some((_, comment)) = &mut self.file.held
                && let Some(fate) = self.framing.fate(self.lang, step)
            {
                comment.push(' ');
                comment.push_str(&fate);
            }
            return self.file.write_held();
        };
        self.ip_id[i] = id.wrapping_add(1);
        let at = EPOCH + Duration::from_micros(step.at().micros());
        self.file.write_held()?;
        match explanation {
            Some(explanation) => {
                // Held until the next step says whether the link loses it.
                self.file.bytes.clear();
                self.file.bytes.extend_from_slice(frame);
                let comment = self.framing.comment(self.lang, step, &explanation);
                self.file.held = Some((at, comment));
                Ok(())
            }
            None => self.file.write(at, frame, None),
        }
    }

    fn end(&mut self) -> io::Result<()> {
        self.file.write_held()
    }
}

/// A capture sink that finishes its file when the run ends, for a run whose
/// sinks are trait objects (nobody is left to call [`HeldCapture::finish`]).
pub struct Finishing<W: Write, F: Framing>(Option<HeldCapture<W, F>>);

impl<W: Write, F: Framing> Finishing<W, F> {
    pub fn new(inner: HeldCapture<W, F>) -> Self {
        Finishing(Some(inner))
    }
}

impl<W: Write, F: Framing> Sink<F::Step> for Finishing<W, F> {
    fn begin(&mut self, meta: &<F::Step as TraceStep>::Meta) -> io::Result<()> {
        self.0.as_mut().map_or(Ok(()), |s| s.begin(meta))
    }

    fn step(&mut self, step: &F::Step) -> io::Result<()> {
        self.0.as_mut().map_or(Ok(()), |s| s.step(step))
    }

    fn end(&mut self) -> io::Result<()> {
        match self.0.take() {
            Some(s) => s.finish().map(|_| ()),
            None => Ok(()),
        }
    }
}
