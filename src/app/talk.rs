//! `synack talk listen|connect`: a conversation on real sockets, every line
//! shown as bits on both sides, each socket call narrated with `--explain`,
//! and the frames optionally captured with `--capture FILE`.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::time::Duration;

use crate::net::NetError;
use crate::net::console::{Console, Settings, drain};
use crate::net::live_capture::LiveCapture;
use crate::talk::{self, Connection, Listener, Summary, TalkError, Timing, Typist};

use super::AppError;
use super::capture::{SessionCapture, finish_session_capture, start_session_capture};
use super::echo::{check_capture, read_message, with_console};

/// The lines one side types: standard input, or a script.
pub type Input = Box<dyn BufRead + Send>;

/// `synack talk listen`.
#[derive(Clone, Debug)]
pub struct ListenOptions {
    pub bind: SocketAddr,
    pub settings: Settings,
    pub capture: Option<SessionCapture>,
    pub timing: Timing,
}

/// `synack talk connect`.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    pub peer: SocketAddr,
    /// For the handshake.
    pub timeout: Duration,
    pub settings: Settings,
    pub capture: Option<SessionCapture>,
    pub timing: Timing,
}

/// `synack talk listen`: waits for one peer, then talks until either ends.
pub fn listen(
    opts: &ListenOptions,
    input: Input,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<Summary, AppError> {
    let lang = opts.settings.lang;
    check_capture(opts.capture.as_ref())?;
    // Bound before capturing, so a port in use is the first thing said;
    // captured from before it says where it waits, so a peer that waits for
    // that line has every frame captured.
    let (console, said) = Console::new(opts.settings);
    let bound = Listener::bind(opts.bind, &console);
    drop(console);
    let capture = match &bound {
        Ok(listener) => {
            let local = listener.local_addr();
            start_session_capture(opts.capture.as_ref(), local.ip(), local.port(), lang, warn)?
        }
        Err(_) => None,
    };
    drain(said, out)?;
    let listener = bound?;
    let session = Session {
        settings: opts.settings,
        capture,
        timing: opts.timing,
    };
    session.run(input, out, warn, move |console| listener.accept(console))
}

/// `synack talk connect`: connects, then talks until either side ends.
pub fn connect(
    opts: &ConnectOptions,
    input: Input,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<Summary, AppError> {
    check_capture(opts.capture.as_ref())?;
    let (peer, timeout) = (opts.peer, opts.timeout);
    let lang = opts.settings.lang;
    let capture = start_session_capture(opts.capture.as_ref(), peer.ip(), peer.port(), lang, warn)?;
    let session = Session {
        settings: opts.settings,
        capture,
        timing: opts.timing,
    };
    session.run(input, out, warn, move |console| {
        Connection::connect(peer, timeout, console)
    })
}

/// What both sides do once their socket is ready to open.
struct Session {
    settings: Settings,
    capture: Option<LiveCapture>,
    timing: Timing,
}

impl Session {
    /// Opens the connection, talks on it with the lines of `input`, then
    /// reports the capture.
    fn run(
        self,
        input: Input,
        out: &mut dyn Write,
        warn: &mut dyn Write,
        open: impl FnOnce(&Console) -> Result<Connection, TalkError> + Send,
    ) -> Result<Summary, AppError> {
        let timing = self.timing;
        let talked = with_console(self.settings, out, move |console| {
            let connection = open(console)?;
            let (typist, inbox) = talk::inbox();
            std::thread::Builder::new()
                .name("talk-input".into())
                .spawn(move || type_lines(input, typist))
                .map_err(|e| NetError::io("thread", e))?;
            connection.talk(inbox, console, timing)
        });
        finish_session_capture(self.capture, self.settings.lang, out, warn)?;
        talked
    }
}

/// Hands each line of `input` to the conversation until either ends. Its
/// thread is never joined: a read from a terminal cannot be interrupted, and
/// when the peer ends the conversation the program ends without it.
fn type_lines(mut input: Input, typist: Typist) {
    loop {
        match read_message(&mut input) {
            Ok(Some(line)) => {
                if !typist.line(line) {
                    return;
                }
            }
            Ok(None) => return typist.end(),
            Err(e) => return typist.failed(e),
        }
    }
}
