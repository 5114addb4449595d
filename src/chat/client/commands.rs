//! What the user asks of the client: commands typed one by one
//! ([`interactive`]), or chat lines and downloads given up front ([`script`]).

use std::io::BufRead;

use crate::chat::{ChatError, hex};
use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::view::style::Paint;

use super::connection::Client;
use super::download::{DownloadError, Downloaded};

/// Words for a finished download (with the rate, for a file of 1 MiB or more).
pub fn describe(d: &Downloaded, lang: Lang) -> String {
    let mut text = tr!(
        lang,
        "chat-dl-ok",
        name = d.name.as_str(),
        size = d.size,
        digest = hex(&d.digest),
        path = d.path.display().to_string()
    );
    let fresh = d.size - d.resumed_from;
    let secs = d.elapsed.as_secs_f64();
    if fresh >= 1 << 20 && secs > 0.0 {
        let rate = fresh as f64 / secs / (1024.0 * 1024.0);
        text.push(' ');
        text.push_str(&tr!(
            lang,
            "chat-dl-rate",
            rate = format!("{rate:.0}"),
            secs = format!("{secs:.2}")
        ));
    }
    text
}

/// Where interactive commands come from.
pub trait LineInput {
    /// The next line without its newline; `None` at the end of input.
    fn read_line(&mut self) -> Result<Option<String>, ChatError>;
}

/// Lines from any reader (a pipe, a file, a test).
pub struct Lines<R>(pub R);

impl<R: BufRead> LineInput for Lines<R> {
    fn read_line(&mut self) -> Result<Option<String>, ChatError> {
        let mut line = String::new();
        match self.0.read_line(&mut line)? {
            0 => Ok(None),
            _ => Ok(Some(line.trim_end_matches(['\r', '\n']).to_string())),
        }
    }
}

/// A command typed at the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Chat(String),
    File(String),
    List,
    Quit,
    Empty,
    Unknown(String),
}

impl Command {
    /// `chat <msg>`, `arquivo <name>` / `file <name>`, `list` / `listar`,
    /// `sair` / `quit`.
    pub fn parse(line: &str) -> Command {
        let line = line.trim();
        let (word, rest) = match line.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (line, ""),
        };
        match word.to_lowercase().as_str() {
            "" => Command::Empty,
            "chat" if !rest.is_empty() => Command::Chat(rest.to_string()),
            "arquivo" | "file" if !rest.is_empty() => Command::File(rest.to_string()),
            "list" | "listar" | "ls" => Command::List,
            "sair" | "quit" | "exit" => Command::Quit,
            _ => Command::Unknown(line.to_string()),
        }
    }
}

/// The interactive client: reads commands from `input` until `quit` or the
/// end of input, then says goodbye. Incoming chat shows on the screen as it
/// arrives.
pub fn interactive(client: Client, input: &mut dyn LineInput) -> Result<(), ChatError> {
    let shared = client.shared.clone();
    let lang = shared.lang;
    let screen = shared.screen.clone();
    screen.line(&tr!(lang, "chat-client-connected", addr = client.peer()));
    screen.line(
        &shared
            .style
            .paint(Paint::Dim, &tr!(lang, "chat-client-help")),
    );
    while let Some(line) = input.read_line()? {
        if client.is_closed() {
            break;
        }
        match Command::parse(&line) {
            Command::Empty => {}
            Command::Chat(text) => match client.say(&text) {
                Ok(()) => {}
                Err(e @ ChatError::LineTooLong { .. }) => screen.line(&e.localize(lang)),
                Err(_) => break,
            },
            Command::File(name) => match client.download(&name) {
                Ok(d) => screen.line(&describe(&d, lang)),
                Err(DownloadError::Closed) => break,
                Err(e) => screen.line(&shared.style.paint(Paint::Reset, &e.localize(lang))),
            },
            Command::List => {
                if client.list().is_err() {
                    break;
                }
            }
            Command::Quit => break,
            Command::Unknown(text) => screen.line(&tr!(
                lang,
                "chat-client-unknown-command",
                text = text.as_str()
            )),
        }
    }
    client.quit()
}

/// The non-interactive client: says each line, downloads each name, says
/// goodbye. Fails if any download failed.
pub fn script(client: Client, say: &[String], get: &[String]) -> Result<(), ChatError> {
    let shared = client.shared.clone();
    let lang = shared.lang;
    for text in say {
        client.say(text)?;
    }
    let mut failed = 0;
    for name in get {
        match client.download(name) {
            Ok(d) => shared.screen.line(&describe(&d, lang)),
            Err(e) => {
                failed += 1;
                shared
                    .screen
                    .line(&shared.style.paint(Paint::Reset, &e.localize(lang)));
            }
        }
    }
    client.quit()?;
    if failed > 0 {
        return Err(ChatError::DownloadsFailed {
            failed,
            total: get.len(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_and_new_commands_parse() {
        assert_eq!(
            Command::parse("chat olá a todos"),
            Command::Chat("olá a todos".into())
        );
        assert_eq!(
            Command::parse("arquivo notas.txt"),
            Command::File("notas.txt".into())
        );
        assert_eq!(
            Command::parse("file a b.txt"),
            Command::File("a b.txt".into())
        );
        assert_eq!(Command::parse("sair"), Command::Quit);
        assert_eq!(Command::parse("QUIT"), Command::Quit);
        assert_eq!(Command::parse("list"), Command::List);
        assert_eq!(Command::parse("   "), Command::Empty);
        assert_eq!(Command::parse("chat"), Command::Unknown("chat".into()));
        assert_eq!(Command::parse("hello"), Command::Unknown("hello".into()));
    }
}
