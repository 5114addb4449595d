//! `synack chat server` and `synack chat client`: the chat and file server and
//! its client, wired to the console, the terminal or plain pipes.

use std::io::{BufRead, Write};
use std::sync::Arc;

use crate::chat::client::{self, ClientOptions, Lines, PlainScreen, Screen};
use crate::chat::server::{Server, ServerOptions};
use crate::chat::term::{EditorInput, TermScreen};
use crate::chat::{self as chatlib, ChatError};

use super::AppError;

/// Where the client's commands come from.
pub enum ClientInput {
    /// A terminal: a line editor that keeps the typed line intact while chat arrives.
    Terminal,
    /// Plain lines (a pipe, a file, a test).
    Lines(Box<dyn BufRead + Send>),
}

/// What `synack chat client` needs beyond the connection options.
pub struct ClientRun {
    pub options: ClientOptions,
    /// `--say`: chat lines to send, non-interactively.
    pub say: Vec<String>,
    /// `--get`: files to download and verify, non-interactively.
    pub get: Vec<String>,
    /// Draw progress bars (standard output is a terminal).
    pub bars: bool,
}

/// Runs the server until `quit` on the console; logs go to `log`.
pub fn server(
    opts: &ServerOptions,
    console: Box<dyn BufRead + Send>,
    log: Box<dyn Write + Send>,
) -> Result<(), AppError> {
    // A thousand clients need more descriptors than some systems give by default.
    chatlib::raise_open_files_limit();
    let server = Server::bind(opts, log)?;
    server.run(console)?;
    Ok(())
}

/// Runs the client: with `--say`/`--get`, non-interactively (failing if a
/// download fails verification); otherwise reading commands from `input`.
pub fn client(
    run: ClientRun,
    input: ClientInput,
    out: Box<dyn Write + Send>,
) -> Result<(), AppError> {
    let scripted = !run.say.is_empty() || !run.get.is_empty();
    let plain = |out: Box<dyn Write + Send>| -> Arc<dyn Screen> {
        if run.bars {
            Arc::new(TermScreen::new(out, true))
        } else {
            Arc::new(PlainScreen::new(out))
        }
    };
    let result: Result<(), ChatError> = match input {
        _ if scripted => {
            let c = client::Client::connect(&run.options, plain(out))?;
            client::script(c, &run.say, &run.get)
        }
        ClientInput::Lines(reader) => {
            let c = client::Client::connect(&run.options, plain(out))?;
            client::interactive(c, &mut Lines(reader))
        }
        ClientInput::Terminal => {
            let screen = Arc::new(TermScreen::new(out, run.bars));
            let mut editor = EditorInput::new(&screen, "> ")?;
            let c = client::Client::connect(&run.options, screen)?;
            client::interactive(c, &mut editor)
        }
    };
    result.map_err(AppError::from)
}
