//! What a conversation looks like: each line sent and each `recv()` as
//! 8-bit groups with the characters under them (the echo view, which is the
//! `synack bits` view), how TCP cut the stream, and each line put back
//! together as text. Every function returns one block, said in one piece so
//! the other thread's blocks never come in the middle of it.

use std::net::SocketAddr;
use std::time::Duration;

use crate::net::console::{Console, Direction, Who};
use crate::tr;
use crate::view::style::{self, Paint};

use super::stream::{Arrival, Line, LineEnd, MAX_LINE};

/// Bytes shown in hexadecimal under a line that is not UTF-8.
const MAX_HEX_SHOWN: usize = 64;

/// What is said after one `recv()`: its bytes as bits, how the stream was
/// cut there, and the lines it finished as text. `bare` is true once the
/// peer is known to send messages without an end of line, when an
/// unfinished line is no news.
pub fn arrival(
    console: &Console,
    who: &Who,
    peer: SocketAddr,
    bytes: &[u8],
    arrival: &Arrival,
    bare: bool,
) -> String {
    let lang = console.lang();
    let mut block = String::new();
    if console.shows_messages() {
        block.push_str(&console.format_message(who, Direction::Received, peer, bytes));
        let mut notes = Vec::new();
        if arrival.continued {
            notes.push(tr!(lang, "talk-recv-continued"));
        }
        if arrival.lines.len() > 1 {
            notes.push(tr!(lang, "talk-recv-several", lines = arrival.lines.len()));
        }
        if arrival.pending > 0 && !bare {
            notes.push(tr!(lang, "talk-recv-partial", bytes = arrival.pending));
        }
        for note in notes {
            push_note(console, &mut block, &note);
        }
    }
    for line in &arrival.lines {
        block.push_str(&received_line(console, who, peer, line, None));
    }
    block
}

/// A received line as text, with a note when it is not UTF-8 and when it
/// did not end with an end of line. `quiet_for` is said with the first line
/// taken because the peer went quiet.
pub fn received_line(
    console: &Console,
    who: &Who,
    peer: SocketAddr,
    line: &Line,
    quiet_for: Option<Duration>,
) -> String {
    let lang = console.lang();
    let text = tr!(
        lang,
        "talk-line",
        peer = peer.to_string(),
        text = printable(&line.bytes)
    );
    let mut block = format!("{} {text}\n", console.tag(who));
    if let Some(note) = not_utf8_note(console, &line.bytes) {
        push_note(console, &mut block, &note);
    }
    let end = match line.end {
        LineEnd::Newline | LineEnd::Closed => None,
        LineEnd::TooLong => Some(tr!(lang, "talk-line-too-long", max = MAX_LINE)),
        LineEnd::Quiet => {
            quiet_for.map(|d| tr!(lang, "talk-line-quiet", ms = d.as_millis() as u64))
        }
    };
    if let Some(note) = end {
        push_note(console, &mut block, &note);
    }
    block
}

/// A line about to be sent: what goes on the wire (the line and its `\n`)
/// as bits, and a note when the line is not UTF-8. Nothing when quiet.
pub fn sending(console: &Console, who: &Who, peer: SocketAddr, wire: &[u8]) -> String {
    if !console.shows_messages() {
        return String::new();
    }
    let mut block = console.format_message(who, Direction::Sending, peer, wire);
    if let Some(note) = not_utf8_note(console, wire) {
        push_note(console, &mut block, &note);
    }
    block
}

fn push_note(console: &Console, block: &mut String, note: &str) {
    block.push_str("    ");
    block.push_str(&console.style().paint(Paint::Note, note));
    block.push('\n');
}

/// Says where bytes stop being UTF-8, with the bytes in hexadecimal.
fn not_utf8_note(console: &Console, bytes: &[u8]) -> Option<String> {
    let error = std::str::from_utf8(bytes).err()?;
    let at = error.valid_up_to();
    let shown = &bytes[..bytes.len().min(MAX_HEX_SHOWN)];
    let mut hex = shown
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ");
    if bytes.len() > shown.len() {
        hex.push_str(" …");
    }
    Some(tr!(
        console.lang(),
        "talk-not-utf8",
        offset = at + 1,
        byte = format!("0x{:02x}", bytes[at]),
        hex = hex
    ))
}

/// A line's text for the terminal: invalid UTF-8 as U+FFFD, then made
/// safe the way chat lines are, so nothing the peer sends can move the
/// cursor, change the terminal's colours or reverse the text.
fn printable(bytes: &[u8]) -> String {
    style::printable(&String::from_utf8_lossy(bytes)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narrate::Lang;
    use crate::net::console::Settings;
    use crate::talk::stream::LineAssembler;

    fn console(settings: Settings) -> Console {
        Console::new(settings).0
    }

    fn peer() -> SocketAddr {
        "127.0.0.1:5000".parse().unwrap()
    }

    #[test]
    fn one_recv_with_two_lines_says_so_and_shows_both() {
        let c = console(Settings::default());
        let got = LineAssembler::new().push(b"oi\ntudo?\n");
        assert_eq!(
            arrival(
                &c,
                &Who::client(Lang::En),
                peer(),
                b"oi\ntudo?\n",
                &got,
                false
            ),
            "[client] ← received 9 bytes from 127.0.0.1:5000: \"oi\\ntudo?\\n\"\n\
             \x20   01101111 01101001 00001010 01110100 01110101 01100100 01101111 00111111\n\
             \x20   o        i        \\n       t        u        d        o        ?\n\
             \x20   00001010\n\
             \x20   \\n\n\
             \x20   this recv() held 2 lines: TCP is a stream of bytes, and one recv() takes whatever has arrived, with no regard for where the other side's send() calls began or ended\n\
             [client] 127.0.0.1:5000 says: oi\n\
             [client] 127.0.0.1:5000 says: tudo?\n"
        );
    }

    #[test]
    fn quiet_shows_only_the_text() {
        let c = console(Settings {
            quiet: true,
            ..Settings::default()
        });
        let who = Who::server(Lang::En);
        let mut a = LineAssembler::new();
        let got = a.push(b"hel");
        assert_eq!(arrival(&c, &who, peer(), b"hel", &got, false), "");
        let got = a.push(b"lo\n");
        assert_eq!(
            arrival(&c, &who, peer(), b"lo\n", &got, false),
            "[server] 127.0.0.1:5000 says: hello\n"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_shown_in_hex_too() {
        let c = console(Settings::default());
        let line = Line {
            bytes: vec![b'c', b'a', 0xff, 0xfe],
            end: LineEnd::Newline,
        };
        assert_eq!(
            received_line(&c, &Who::server(Lang::En), peer(), &line, None),
            "[server] 127.0.0.1:5000 says: ca\u{fffd}\u{fffd}\n    not valid UTF-8 from byte 3 (0xff), so not all of it is text: in hexadecimal, 63 61 ff fe\n"
        );
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(printable(b"a\x1b[31mb\tc"), "a\\u{1b}[31mb\\u{9}c");
        assert_eq!(printable("olá".as_bytes()), "olá");
    }
}
