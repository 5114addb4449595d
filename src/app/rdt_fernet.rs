//! `synack rdt server|client --classic-fernet`: the classic Fernet programs on
//! real sockets, said on the console, the frames optionally captured with
//! `--capture FILE` (then explained, key and messages included).

use std::io::Write;
use std::net::SocketAddr;
use std::sync::mpsc::Receiver;

use crate::net::console::Settings;
use crate::rdt::fernet::session::{self, ClientOptions, Server, ServerOptions};

use super::AppError;
use super::capture::{SessionCapture, finish_session_capture, start_session_capture};
use super::echo::{check_capture, with_console};
use super::rdt::app_error;

/// `synack rdt server --classic-fernet`.
#[derive(Clone, Debug)]
pub struct FernetServer {
    pub bind: SocketAddr,
    pub session: ServerOptions,
    pub settings: Settings,
    pub capture: Option<SessionCapture>,
}

/// `synack rdt client --classic-fernet`.
#[derive(Clone, Debug)]
pub struct FernetClient {
    pub session: ClientOptions,
    pub settings: Settings,
    pub capture: Option<SessionCapture>,
}

/// Serves classic Fernet clients until stopped or the sessions asked for are over.
pub fn server(
    opts: &FernetServer,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    let lang = opts.settings.lang;
    check_capture(opts.capture.as_ref())?;
    // Bound before capturing, so a port in use is the first thing said.
    let server = Server::bind(opts.bind).map_err(app_error)?;
    let local = server.local_addr().map_err(app_error)?;
    let capture =
        start_session_capture(opts.capture.as_ref(), local.ip(), local.port(), lang, warn)?;
    let session = opts.session.clone();
    let served = with_console(opts.settings, out, move |console| {
        server.serve(&session, console)
    });
    finish_session_capture(capture, lang, out, warn)?;
    served.map(|_| ())
}

/// Talks to a classic Fernet server with the messages `messages` brings.
pub fn client(
    opts: &FernetClient,
    messages: Receiver<Vec<u8>>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    let lang = opts.settings.lang;
    check_capture(opts.capture.as_ref())?;
    let server = opts.session.server;
    let capture = start_session_capture(
        opts.capture.as_ref(),
        server.ip(),
        server.port(),
        lang,
        warn,
    )?;
    let session = opts.session.clone();
    let talked = with_console(opts.settings, out, move |console| {
        session::connect(&session, messages, console)
    });
    finish_session_capture(capture, lang, out, warn)?;
    talked
}
