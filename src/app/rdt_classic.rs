//! `synack rdt client --classic …`, and `--capture FILE` of the lab's real
//! sessions (classic or not): the session's real frames, captured live and
//! explained afterwards, as echo and talk sessions do.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::mpsc::Receiver;

use super::AppError;
use super::capture::{SessionCapture, finish_session_capture, start_session_capture};
use super::rdt::app_error;
use crate::net::console::Settings;
use crate::rdt::classic::client::{self, ClassicClientOptions};
use crate::rdt::classic::narration::ClassicNarrator;
use crate::rdt::classic::trace::{ClassicStats, Host, Tee};
use crate::rdt::classic::view::{self, LogSetup};
use crate::tr;
use crate::view::labels::host_text;

/// How a classic client shows its session.
#[derive(Clone, Copy, Debug)]
pub struct ClassicView {
    pub settings: Settings,
    pub bits: bool,
    pub json: bool,
}

/// `synack rdt client --classic`: the session, then a summary line (none
/// with `--json`, whose lines say it all).
pub fn client(
    opts: &ClassicClientOptions,
    shown: ClassicView,
    messages: Receiver<Vec<u8>>,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let lang = shown.settings.lang;
    let mut stats = ClassicStats::default();
    let result = {
        let setup = LogSetup {
            settings: shown.settings,
            bits: shown.bits,
            json: shown.json,
            tags: [
                format!("[{}]", host_text(lang, Host::Client)),
                format!("[{}]", host_text(lang, Host::Server)),
            ],
            narrator: ClassicNarrator::new(lang, Host::Client).timer(opts.timeout, opts.tries),
        };
        let mut log = view::sink(setup, out);
        let mut sink = Tee::of(vec![&mut *log, &mut stats]);
        client::session(opts, messages, &mut sink)
    };
    if !shown.json {
        writeln!(
            out,
            "{}",
            tr!(
                lang,
                "classic-client-summary",
                confirmed = stats.confirmed,
                messages = stats.messages,
                retries = stats.retries,
                timeouts = stats.timeouts,
                corrupted = stats.corrupted_answers,
                stale = stats.stale
            )
        )?;
    }
    result.map_err(app_error)
}

/// Runs `session` (given `out` and `warn`) with the frames to or from `addr` captured into the file
/// `capture` asks for, if any, and explained when it ends. Without
/// permission the session runs anyway and a line on `warn` says why.
pub fn with_capture<T>(
    capture: Option<&SessionCapture>,
    addr: SocketAddr,
    settings: Settings,
    out: &mut dyn Write,
    warn: &mut dyn Write,
    session: impl FnOnce(&mut dyn Write, &mut dyn Write) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let lang = settings.lang;
    if let Some(c) = capture {
        c.check()?;
        if addr.port() == 0 {
            return Err(AppError::Rdt(crate::rdt::RdtError::CaptureNeedsPort));
        }
    }
    let live = start_session_capture(capture, addr.ip(), addr.port(), lang, warn)?;
    let result = session(out, warn);
    finish_session_capture(live, lang, out, warn)?;
    result
}
