//! The client on a terminal: a line editor whose line is redrawn below each
//! incoming message (rustyline's external printer), and a progress bar with
//! bytes, rate and ETA for downloads (indicatif). Used only when standard
//! input and output are terminals; otherwise the client uses plain lines.

use std::io::Write;
use std::sync::{Arc, Mutex};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rustyline::error::ReadlineError;
use rustyline::{DefaultEditor, ExternalPrinter};

use super::ChatError;
use super::client::{LineInput, Progress, Screen};

/// Progress is drawn in steps of this many bytes, so a stream of 8 KiB chunks
/// does not redraw for each.
const STEP: u64 = 1 << 20;

struct State {
    bar: Option<ProgressBar>,
    printer: Option<Box<dyn ExternalPrinter + Send>>,
    out: Box<dyn Write + Send>,
}

/// A terminal screen: messages go above the bar while one runs, through the
/// line editor while it edits, and straight to `out` otherwise.
pub struct TermScreen {
    state: Arc<Mutex<State>>,
    /// Whether to draw progress bars (standard output is a terminal).
    bars: bool,
}

impl TermScreen {
    pub fn new(out: Box<dyn Write + Send>, bars: bool) -> Self {
        TermScreen {
            state: Arc::new(Mutex::new(State {
                bar: None,
                printer: None,
                out,
            })),
            bars,
        }
    }

    /// Routes messages through the line editor's printer from now on.
    pub fn attach_printer(&self, printer: Box<dyn ExternalPrinter + Send>) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).printer = Some(printer);
    }
}

impl Screen for TermScreen {
    fn line(&self, text: &str) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bar) = s.bar.as_ref().filter(|b| !b.is_finished()) {
            bar.println(text);
            return;
        }
        if let Some(p) = s.printer.as_mut()
            && p.print(format!("{text}\n")).is_ok()
        {
            return;
        }
        let _ = writeln!(s.out, "{text}");
        let _ = s.out.flush();
    }

    fn progress(&self, name: &str, total: u64, start: u64) -> Box<dyn Progress> {
        if !self.bars {
            return Box::new(super::client::NoProgress);
        }
        let style = ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stdout())
            .with_style(style)
            .with_message(name.to_string())
            .with_position(start);
        bar.reset_eta();
        self.state.lock().unwrap_or_else(|e| e.into_inner()).bar = Some(bar.clone());
        Box::new(Bar {
            bar,
            pending: 0,
            state: self.state.clone(),
        })
    }
}

struct Bar {
    bar: ProgressBar,
    pending: u64,
    state: Arc<Mutex<State>>,
}

impl Progress for Bar {
    fn advance(&mut self, bytes: u64) {
        self.pending += bytes;
        if self.pending >= STEP {
            self.bar.inc(self.pending);
            self.pending = 0;
        }
    }

    fn finish(&mut self) {
        self.bar.inc(self.pending);
        self.pending = 0;
        self.bar.finish_and_clear();
        self.state.lock().unwrap_or_else(|e| e.into_inner()).bar = None;
    }
}

/// Commands typed in a line editor, with history for the session.
pub struct EditorInput {
    editor: DefaultEditor,
    prompt: String,
}

impl EditorInput {
    /// Starts the editor and hands its printer to `screen`.
    pub fn new(screen: &TermScreen, prompt: &str) -> Result<Self, ChatError> {
        let mut editor = DefaultEditor::new().map_err(|e| ChatError::Terminal(e.to_string()))?;
        let printer = editor
            .create_external_printer()
            .map_err(|e| ChatError::Terminal(e.to_string()))?;
        screen.attach_printer(Box::new(printer));
        Ok(EditorInput {
            editor,
            prompt: prompt.to_string(),
        })
    }
}

impl LineInput for EditorInput {
    fn read_line(&mut self) -> Result<Option<String>, ChatError> {
        match self.editor.readline(&self.prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = self.editor.add_history_entry(line.as_str());
                }
                Ok(Some(line))
            }
            Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(None),
            Err(e) => Err(ChatError::Terminal(e.to_string())),
        }
    }
}
