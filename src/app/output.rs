//! Choosing and wiring the views a command prints: the ladder (with narration
//! and bits under its rows), JSON, or nothing; and pacing them. Also the
//! capture files a run writes beside its view (`--pcap`, `--pcapng`).

use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::capture::CaptureFormat;
use crate::flow::TraceStep;
use crate::narrate::Lang;
use crate::trace::{CongestionCause, Discard, Sink, Step, StepKind, Tee};
use crate::view::header_bits::HeaderBits;
use crate::view::held::{Finishing, Framing, HeldCapture};
use crate::view::json::JsonLines;
use crate::view::ladder::{Ladder, LadderOptions};
use crate::view::narration::{NarrationNotes, Narrator};
use crate::view::style::Style;

use super::AppError;
use super::pictures::{PictureFiles, PicturePaths, Retitle};
use super::stepping::{Pace, Pacer, Stepper};
use crate::picture::build::Pictured;

/// Which view goes to standard output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewMode {
    #[default]
    Ladder,
    Json,
    /// Nothing on standard output (only files, if any).
    Quiet,
}

/// How to show a trace.
#[derive(Clone, Debug)]
pub struct ViewOptions {
    pub lang: Lang,
    pub style: Style,
    pub width: usize,
    pub mode: ViewMode,
    /// Narrate every step (`--explain`).
    pub explain: bool,
    /// Show every segment's bits (`--bits`).
    pub bits: bool,
    /// Pause after each step (`--step`, `--delay`).
    pub pace: Option<Pace>,
    /// Pictures to draw when the run ends (`--svg`, `--graph`, `--html`).
    pub pictures: PicturePaths,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            lang: Lang::En,
            style: Style::default(),
            width: 80,
            mode: ViewMode::Ladder,
            explain: false,
            bits: false,
            pace: None,
            pictures: PicturePaths::default(),
        }
    }
}

impl ViewOptions {
    /// The ladder's options (TCP's and the rdt lab's ladders take the same).
    pub fn ladder(&self) -> LadderOptions {
        LadderOptions {
            width: self.width,
            style: self.style,
            lang: self.lang,
        }
    }

    /// How wide notes under a ladder's rows may be.
    pub fn note_width(&self) -> usize {
        self.width.saturating_sub(10)
    }

    /// What paces the view, if `--step` or `--delay` asks for it, a console
    /// is there to read from, and the view shows anything to pause over.
    #[must_use]
    pub fn pacer<'a>(&self, console: Option<Console<'a>>) -> Option<Pacer<'a>> {
        match (self.pace, console) {
            (Some(pace), Some(console)) if self.mode != ViewMode::Quiet => {
                Some(Pacer::new(pace, console, self.lang))
            }
            _ => None,
        }
    }
}

/// Where a paced view reads its "next" lines and shows its prompt.
pub struct Console<'a> {
    pub input: &'a mut dyn BufRead,
    pub prompt: &'a mut dyn Write,
}

impl Console<'_> {
    /// The same console for a shorter while (one of several views in turn).
    pub fn reborrow(&mut self) -> Console<'_> {
        Console {
            input: &mut *self.input,
            prompt: &mut *self.prompt,
        }
    }
}

/// One protocol's views, as [`make_view`] assembles them from the options.
pub trait Views: TraceStep + Sized + 'static {
    /// The ladder, with the notes `--explain` and `--bits` ask for under its rows.
    fn ladder<'a>(opts: &ViewOptions, out: &'a mut dyn Write) -> Box<dyn Sink<Self> + 'a>;

    /// JSON lines, narrated with `--explain`.
    fn json<'a>(opts: &ViewOptions, out: &'a mut dyn Write) -> Box<dyn Sink<Self> + 'a>;

    /// Whether the ladder draws something for the step: `--step` pauses
    /// only after those.
    fn shows(&self) -> bool;
}

/// Builds the view `opts` ask for, writing to `out`: TCP's or the rdt lab's,
/// as the step type says.
#[must_use]
pub fn make_view<'a, S: Views>(
    opts: &ViewOptions,
    out: &'a mut dyn Write,
    console: Option<Console<'a>>,
) -> Box<dyn Sink<S> + 'a> {
    let view = match opts.mode {
        ViewMode::Ladder => S::ladder(opts, out),
        ViewMode::Json => S::json(opts, out),
        ViewMode::Quiet => Box::new(Discard),
    };
    match opts.pacer(console) {
        Some(pacer) => Box::new(Stepper::new(view, pacer, S::shows)),
        None => view,
    }
}

impl Views for Step {
    fn ladder<'a>(opts: &ViewOptions, out: &'a mut dyn Write) -> Box<dyn Sink + 'a> {
        let mut ladder = Ladder::new(out, opts.ladder());
        let note_width = opts.note_width();
        if opts.explain {
            ladder.annotate_with(Box::new(NarrationNotes::new(
                opts.lang, opts.style, note_width,
            )));
        }
        if opts.bits {
            ladder.annotate_with(Box::new(HeaderBits::new(opts.lang, opts.style, note_width)));
        }
        Box::new(ladder)
    }

    fn json<'a>(opts: &ViewOptions, out: &'a mut dyn Write) -> Box<dyn Sink + 'a> {
        let narrator = opts.explain.then(|| Narrator::new(opts.lang));
        Box::new(JsonLines::new(out).explained(narrator))
    }

    /// Deliveries draw nothing of their own on the ladder, nor does the
    /// routine growth of cwnd (only its turning points have a label).
    fn shows(&self) -> bool {
        match &self.kind {
            StepKind::Deliver(_) => false,
            StepKind::Congestion(w) => matches!(
                w.why,
                CongestionCause::FastRetransmit
                    | CongestionCause::Timeout
                    | CongestionCause::RecoveryEnd
            ),
            _ => true,
        }
    }
}

/// Runs `run` into the view `opts` asks for and into the capture files
/// `pcap` and `pcapng` beside it, framed as protocol `F` frames its steps:
/// how a simulated run of any protocol reaches its outputs. The files are
/// removed again if the run fails.
#[allow(clippy::too_many_arguments)]
pub fn into_views<'a, F, T>(
    opts: &ViewOptions,
    pcap: Option<&Path>,
    pcapng: Option<&Path>,
    out: &'a mut dyn Write,
    console: Option<Console<'a>>,
    retitle: Retitle<'_, <F::Step as TraceStep>::Meta>,
    run: impl FnOnce(&mut dyn Sink<F::Step>) -> Result<T, AppError>,
) -> Result<T, AppError>
where
    F: Framing,
    F::Step: Views + Pictured + Clone,
{
    let lang = opts.lang;
    let mut files = CaptureFiles::create(
        &[(pcap, CaptureFormat::Pcap), (pcapng, CaptureFormat::PcapNg)],
        |file, format| {
            let out = BufWriter::with_capacity(1 << 20, file);
            HeldCapture::<_, F>::new(out, format, lang).map(Finishing::new)
        },
    )?;
    let drawing = opts.pictures.any();
    if drawing && let Err(e) = opts.pictures.create() {
        files.remove();
        return Err(e);
    }
    let mut pictures = drawing.then(|| PictureFiles::new(opts.pictures.clone(), lang, retitle));
    let result = {
        let mut view = make_view(opts, out, console);
        let mut tee = Tee::new();
        tee.push(view.as_mut());
        for sink in &mut files.sinks {
            tee.push(sink);
        }
        if let Some(p) = pictures.as_mut() {
            tee.push(p);
        }
        run(&mut tee)
    };
    result.inspect_err(|_| {
        files.remove();
        opts.pictures.remove();
    })
}

/// `--delay MS` as a pace.
pub fn delay(ms: u64) -> Pace {
    Pace::Delay(Duration::from_millis(ms))
}

/// The capture files a run writes; removed again if the run fails, so no
/// half-written file is left behind. `S` is the sink that writes each file:
/// lessons and rdt runs have their own, over the same files and the same
/// clean-up.
pub struct CaptureFiles<S> {
    pub sinks: Vec<S>,
    paths: Vec<PathBuf>,
}

impl<S> CaptureFiles<S> {
    /// Creates each file asked for (a path with its format; `None` is skipped)
    /// and turns it into a sink with `open`. If one cannot be created, those
    /// already made are removed and the error names the file.
    pub fn create(
        requests: &[(Option<&Path>, CaptureFormat)],
        mut open: impl FnMut(File, CaptureFormat) -> io::Result<S>,
    ) -> Result<Self, AppError> {
        let mut files = CaptureFiles {
            sinks: Vec::new(),
            paths: Vec::new(),
        };
        for (path, format) in requests {
            let Some(path) = path else { continue };
            match File::create(path).and_then(|file| open(file, *format)) {
                Ok(sink) => {
                    files.sinks.push(sink);
                    files.paths.push(path.to_path_buf());
                }
                Err(e) => {
                    files.remove();
                    return Err(create_error(path, e));
                }
            }
        }
        Ok(files)
    }

    /// Drops the sinks and deletes their files (the run failed).
    pub fn remove(&mut self) {
        self.sinks.clear();
        for path in self.paths.drain(..) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A file or folder that could not be created or written, as the app's error.
#[must_use]
pub fn create_error(path: &Path, source: io::Error) -> AppError {
    AppError::CreateFile {
        path: path.display().to_string(),
        source,
    }
}
