//! Where echo sessions say things. A server answers clients on many threads at
//! once, so nothing writes to the output directly: every thread sends whole
//! blocks of text down a channel and the caller's thread writes them, one block
//! at a time, to the writer it was given ([`drain`]). A quiet session sends
//! nothing per message, so the hot path never formats or locks.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use crate::bits::bits_rows;
use crate::narrate::Lang;
use crate::tr;
use crate::view::style::{Paint, Style, truncate};

/// Bytes of a message shown as bits; the rest is counted, not drawn.
const MAX_BITS_SHOWN: usize = 64;
/// Characters of a message quoted in its header line.
const MAX_TEXT_SHOWN: usize = 60;
/// Blocks waiting to be written at most. When the output is slower than the
/// peers (a paused terminal, a pipe nobody reads), the threads that speak
/// wait, so their sockets stop reading and TCP slows the peers down instead
/// of the blocks piling up in memory. Setup says far fewer than this before
/// anything drains.
const QUEUED_BLOCKS: usize = 1024;

/// How a session talks.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub lang: Lang,
    pub style: Style,
    /// Columns for the bits rows (at least 20).
    pub width: usize,
    /// No bits view of each message.
    pub quiet: bool,
    /// Narrate every socket call, with the kernel's TCP state.
    pub explain: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::En,
            style: Style::default(),
            width: 80,
            quiet: false,
            explain: false,
        }
    }
}

/// Who is speaking: the server, the client, or client number N of a demo.
#[derive(Clone, Debug)]
pub struct Who {
    pub label: String,
    pub paint: Paint,
}

impl Who {
    pub fn server(lang: Lang) -> Who {
        Who {
            label: tr!(lang, "echo-who-server"),
            paint: Paint::Server,
        }
    }

    pub fn client(lang: Lang) -> Who {
        Who {
            label: tr!(lang, "echo-who-client"),
            paint: Paint::Client,
        }
    }

    pub fn client_n(lang: Lang, n: usize) -> Who {
        Who {
            label: tr!(lang, "echo-who-client-n", n = n),
            paint: Paint::Client,
        }
    }
}

/// Which way a message goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Sending,
    Received,
}

/// A cheap, cloneable handle for saying things from any thread.
#[derive(Clone, Debug)]
pub struct Console {
    tx: SyncSender<String>,
    pub settings: Settings,
}

impl Console {
    /// A console and the receiving end to [`drain`].
    pub fn new(settings: Settings) -> (Console, Receiver<String>) {
        let (tx, rx) = sync_channel(QUEUED_BLOCKS);
        (Console { tx, settings }, rx)
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn style(&self) -> Style {
        self.settings.style
    }

    /// Whether each message is shown as bits.
    pub fn shows_messages(&self) -> bool {
        !self.settings.quiet
    }

    /// Whether socket calls are narrated.
    pub fn explains(&self) -> bool {
        self.settings.explain
    }

    /// Says one block of text (lines end with `\n`). Nobody listening is not an error.
    pub fn say(&self, mut text: String) {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let _ = self.tx.send(text);
    }

    /// `who` speaking one line: `server  text`.
    pub fn line(&self, who: &Who, text: &str) {
        self.say(format!("{} {text}", self.tag(who)));
    }

    /// The speaker's name, coloured.
    pub fn tag(&self, who: &Who) -> String {
        self.style().paint(who.paint, &format!("[{}]", who.label))
    }

    /// A message as 8-bit strings with its characters under them, its text,
    /// length and peer (nothing when quiet).
    pub fn message(&self, who: &Who, direction: Direction, peer: SocketAddr, bytes: &[u8]) {
        if !self.shows_messages() {
            return;
        }
        self.say(self.format_message(who, direction, peer, bytes));
    }

    /// The block [`Console::message`] says, for a caller that says more with it
    /// in one piece (so no other thread's block comes in between).
    pub(crate) fn format_message(
        &self,
        who: &Who,
        direction: Direction,
        peer: SocketAddr,
        bytes: &[u8],
    ) -> String {
        let lang = self.lang();
        let text = quote(bytes);
        let peer = peer.to_string();
        let len = bytes.len();
        let head = match direction {
            Direction::Sending => {
                tr!(
                    lang,
                    "echo-message-sending",
                    peer = peer,
                    len = len,
                    text = text
                )
            }
            Direction::Received => {
                tr!(
                    lang,
                    "echo-message-received",
                    peer = peer,
                    len = len,
                    text = text
                )
            }
        };
        let arrow = match direction {
            Direction::Sending => self.style().paint(Paint::Syn, "→"),
            Direction::Received => self.style().paint(Paint::Fin, "←"),
        };
        let mut block = format!("{} {arrow} {head}\n", self.tag(who));
        let shown = &bytes[..len.min(MAX_BITS_SHOWN)];
        for row in bits_rows(shown, self.settings.width.max(20), 4) {
            block.push_str(&self.style().paint(Paint::Dim, &row));
            block.push('\n');
        }
        if len > MAX_BITS_SHOWN {
            let more = len - MAX_BITS_SHOWN;
            block.push_str(&format!(
                "    {}\n",
                tr!(lang, "echo-message-more-bytes", more = more)
            ));
        }
        block
    }
}

/// A message's text for a header line: quoted, escaped, cut when long.
pub fn quote(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let escaped = format!("{:?}", text.as_ref());
    let inner = &escaped[1..escaped.len() - 1];
    format!("\"{}\"", truncate(inner, MAX_TEXT_SHOWN))
}

/// Writes every block said on the console to `out` until every handle is gone.
/// A failing writer (a closed pipe) stops the writing but not the draining, so
/// the threads that speak never block; the first error is returned at the end.
pub fn drain(rx: Receiver<String>, out: &mut dyn Write) -> io::Result<()> {
    let mut failed: Option<io::Error> = None;
    for text in rx {
        if failed.is_some() {
            continue;
        }
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            failed = Some(e);
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_shown_as_bits_with_text_length_and_peer() {
        let (console, rx) = Console::new(Settings::default());
        let peer: SocketAddr = "127.0.0.1:54321".parse().unwrap();
        console.message(&Who::client(Lang::En), Direction::Sending, peer, b"Hi");
        drop(console);
        let mut out = Vec::new();
        drain(rx, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "[client] → sends 2 bytes to 127.0.0.1:54321: \"Hi\"\n    01001000 01101001\n    H        i\n"
        );
    }

    #[test]
    fn quiet_console_says_nothing_per_message() {
        let settings = Settings {
            quiet: true,
            ..Settings::default()
        };
        let (console, rx) = Console::new(settings);
        let peer: SocketAddr = "127.0.0.1:1".parse().unwrap();
        console.message(&Who::server(Lang::En), Direction::Received, peer, b"x");
        drop(console);
        assert_eq!(rx.iter().count(), 0);
    }

    #[test]
    fn long_messages_are_cut_and_counted() {
        let (console, rx) = Console::new(Settings {
            lang: Lang::Pt,
            ..Settings::default()
        });
        let peer: SocketAddr = "127.0.0.1:1".parse().unwrap();
        console.message(
            &Who::server(Lang::Pt),
            Direction::Received,
            peer,
            &[b'a'; 100],
        );
        drop(console);
        let text: String = rx.iter().collect();
        assert!(text.contains("mais 36 bytes"), "{text}");
        assert!(text.contains("100 bytes"), "{text}");
    }

    #[test]
    fn quoting_escapes_control_bytes() {
        assert_eq!(quote(b"a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn a_slow_output_holds_the_speakers_back_instead_of_queueing_without_end() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (console, rx) = Console::new(Settings::default());
        let said = std::sync::Arc::new(AtomicUsize::new(0));
        let counter = said.clone();
        let speaker = std::thread::spawn(move || {
            for i in 0..QUEUED_BLOCKS * 3 {
                console.say(format!("block {i}\n"));
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert_eq!(
            said.load(Ordering::SeqCst),
            QUEUED_BLOCKS,
            "nobody drains yet"
        );
        let mut out = Vec::new();
        drain(rx, &mut out).unwrap();
        speaker.join().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap().lines().count(),
            QUEUED_BLOCKS * 3
        );
    }
}
