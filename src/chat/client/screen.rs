//! The client never prints: what it has to say goes to a [`Screen`], so a
//! terminal can keep the line being typed and the progress bars whole, and
//! pipes and tests get plain lines.

use std::io::Write;
use std::sync::Mutex;

/// Where the client's words go: a plain writer, or a terminal with a line
/// being edited and progress bars.
pub trait Screen: Send + Sync {
    /// One message (it may hold several lines), shown without breaking the
    /// line the user is typing.
    fn line(&self, text: &str);
    /// A progress display for a download of `total` bytes starting at `start`.
    fn progress(&self, name: &str, total: u64, start: u64) -> Box<dyn Progress>;
}

/// A download's progress display.
pub trait Progress: Send {
    fn advance(&mut self, bytes: u64);
    fn finish(&mut self);
}

/// No progress display (not a terminal).
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&mut self, _bytes: u64) {}
    fn finish(&mut self) {}
}

/// A screen that writes lines to a writer: for pipes, files and tests.
pub struct PlainScreen {
    out: Mutex<Box<dyn Write + Send>>,
}

impl PlainScreen {
    pub fn new(out: Box<dyn Write + Send>) -> Self {
        PlainScreen {
            out: Mutex::new(out),
        }
    }
}

impl Screen for PlainScreen {
    fn line(&self, text: &str) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }
    fn progress(&self, _name: &str, _total: u64, _start: u64) -> Box<dyn Progress> {
        Box::new(NoProgress)
    }
}
