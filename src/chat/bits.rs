//! `--bits`: each frame's header and the start of its payload as 8-bit
//! strings, four bytes to a row (like the RFC diagrams), labelled by field.
//!
//! ```text
//! → sent CHAT to 127.0.0.1:5555 (12-byte header + 2-byte payload)
//!   length   00000000 00000000 00000000 00000000
//!            00000000 00000000 00000000 00000010  = 2
//!   type     01000011 01001000 01000001 01010100  = CHAT
//!            C        H        A        T
//!   payload  01001000 01101001
//!            H        i
//! ```

use crate::bits::{bits_rows, to_bits};
use crate::narrate::Lang;
use crate::tr;
use crate::view::style::{Paint, Style};

use super::frame::Header;

/// Which way a frame went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Sent,
    Received,
}

/// How frames are shown as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BitsView {
    /// Payload bytes shown at most (`--bits-bytes`).
    pub max_bytes: usize,
    pub lang: Lang,
    pub style: Style,
}

/// Bytes per row: one 32-bit word, as in the RFC diagrams.
const PER_ROW: usize = 4;
const ROW_WIDTH: usize = PER_ROW * 9 - 1;

impl BitsView {
    /// Renders one frame as text lines (no trailing newline on the last).
    pub fn render(&self, dir: Direction, peer: &str, header: &Header, payload: &[u8]) -> String {
        let lang = self.lang;
        let labels = [
            tr!(lang, "chat-bits-length"),
            tr!(lang, "chat-bits-type"),
            tr!(lang, "chat-bits-payload"),
        ];
        let indent = 2 + labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 2;
        let label = |text: &str| {
            let pad = indent - 2 - text.chars().count();
            format!(
                "  {}{}",
                self.style.paint(Paint::Bold, text),
                " ".repeat(pad)
            )
        };
        let kind = header.kind.name();
        let title = match dir {
            Direction::Sent => tr!(
                lang,
                "chat-bits-sent",
                kind = kind.as_str(),
                peer = peer,
                len = header.len
            ),
            Direction::Received => tr!(
                lang,
                "chat-bits-received",
                kind = kind.as_str(),
                peer = peer,
                len = header.len
            ),
        };
        let paint = match dir {
            Direction::Sent => Paint::Client,
            Direction::Received => Paint::Server,
        };
        let mut lines = vec![self.style.paint(paint, &title)];
        let pad = " ".repeat(indent);

        let len_bytes = header.len.to_be_bytes();
        lines.push(format!("{}{}", label(&labels[0]), to_bits(&len_bytes[..4])));
        lines.push(format!(
            "{pad}{}  {}",
            to_bits(&len_bytes[4..]),
            self.style.paint(Paint::Dim, &format!("= {}", header.len))
        ));

        let type_rows = bits_rows(&header.kind.0, indent + ROW_WIDTH, 0);
        lines.push(format!(
            "{}{}  {}",
            label(&labels[1]),
            type_rows[0],
            self.style.paint(Paint::Dim, &format!("= {kind}"))
        ));
        for row in &type_rows[1..] {
            lines.push(format!("{pad}{row}"));
        }

        let shown = &payload[..payload.len().min(self.max_bytes)];
        if shown.is_empty() {
            lines.push(format!(
                "{}{}",
                label(&labels[2]),
                self.style.paint(Paint::Dim, &tr!(lang, "chat-bits-empty"))
            ));
        } else {
            let rows = bits_rows(shown, ROW_WIDTH, 0);
            for (i, row) in rows.iter().enumerate() {
                if i == 0 {
                    lines.push(format!("{}{row}", label(&labels[2])));
                } else {
                    lines.push(format!("{pad}{row}"));
                }
            }
        }
        let more = header.len.saturating_sub(shown.len() as u64);
        if more > 0 {
            lines.push(format!(
                "{pad}{}",
                self.style
                    .paint(Paint::Dim, &tr!(lang, "chat-bits-more", count = more))
            ));
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::frame::Kind;

    #[test]
    fn chat_hi_as_bits() {
        let view = BitsView {
            max_bytes: 32,
            lang: Lang::En,
            style: Style::default(),
        };
        let header = Header {
            len: 2,
            kind: Kind::CHAT,
        };
        let text = view.render(Direction::Sent, "127.0.0.1:5555", &header, b"Hi");
        let expected = "\
→ sent CHAT to 127.0.0.1:5555 (12-byte header + 2-byte payload)
  length   00000000 00000000 00000000 00000000
           00000000 00000000 00000000 00000010  = 2
  type     01000011 01001000 01000001 01010100  = CHAT
           C        H        A        T
  payload  01001000 01101001
           H        i";
        assert_eq!(text, expected);
    }

    #[test]
    fn long_payload_is_cut_with_a_count() {
        let view = BitsView {
            max_bytes: 4,
            lang: Lang::En,
            style: Style::default(),
        };
        let header = Header {
            len: 8192,
            kind: Kind::FDAT,
        };
        let text = view.render(Direction::Received, "x", &header, &[0u8; 8192]);
        assert!(text.ends_with("… 8188 more bytes"), "{text}");
        assert_eq!(text.lines().filter(|l| l.contains("00000000")).count(), 3);
    }
}
