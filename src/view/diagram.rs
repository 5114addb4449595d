//! What both `--bits` views draw the same way, the TCP header's and the rdt
//! packet's: the RFC-style 32-bit row diagram (RFC 9293's Figure 1, each bit
//! two columns wide, each field's label centred over its bits), and the
//! checksum worked out by hand as a textbook exercise does it. Kept in one
//! place so a student sees one layout for both protocols.

use crate::bits::field_bits;
use crate::narrate::Lang;
use crate::tr;

use super::style::{Paint, Style, wrap};

/// Each bit is two columns wide: a tick, then the bit.
pub const BORDER: &str = "+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+";

/// The bit numbers over the first row, then its top border.
pub const RULER: [&str; 3] = [
    " 0                   1                   2                   3",
    " 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1",
    BORDER,
];

/// One field of a 32-bit row: its label, width in bits and value.
pub struct Field {
    pub label: String,
    pub bits: usize,
    pub value: u64,
}

impl Field {
    pub fn new(label: String, bits: usize, value: u64) -> Field {
        Field { label, bits, value }
    }
}

/// `|  Label: value  |` over `|0 1 1 0 ...|`, then the border, as in the RFC.
pub fn row(fields: &[Field]) -> [String; 3] {
    let mut labels = String::from("|");
    let mut bits = String::from("|");
    for f in fields {
        let span = 2 * f.bits - 1;
        let label: String = f.label.chars().take(span).collect();
        labels.push_str(&format!("{label:^span$}|"));
        let spaced: Vec<String> = field_bits(f.value, f.bits)
            .chars()
            .map(String::from)
            .collect();
        bits.push_str(&spaced.join(" "));
        bits.push('|');
    }
    [labels, bits, BORDER.into()]
}

/// `0x1a2b`.
pub fn hex16(v: u16) -> String {
    format!("0x{v:04x}")
}

/// Bytes as 16-bit words in hex (`4869 2100`); an odd last byte is padded
/// with zero, as the checksum pads it.
pub fn hex_words(bytes: &[u8]) -> Vec<String> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => format!("{a:02x}{b:02x}"),
            [a] => format!("{a:02x}00"),
            _ => String::new(),
        })
        .collect()
}

/// The lines of a checksum worked out by hand, wrapped to a width.
pub struct Worksheet {
    pub lines: Vec<String>,
    width: usize,
}

impl Worksheet {
    pub fn new(width: usize) -> Worksheet {
        Worksheet {
            lines: Vec::new(),
            width,
        }
    }

    /// The heading, in bold.
    pub fn title(&mut self, text: &str, style: Style) {
        for line in wrap(text, self.width) {
            self.lines.push(style.paint(Paint::Bold, &line));
        }
    }

    /// A sentence, wrapped and indented.
    pub fn prose(&mut self, indent: usize, text: &str) {
        for line in wrap(text, self.width.saturating_sub(indent)) {
            self.lines.push(format!("{}{line}", " ".repeat(indent)));
        }
    }

    /// Words in hex, eight to a line.
    pub fn words(&mut self, bytes: &[u8]) {
        for chunk in hex_words(bytes).chunks(8) {
            self.lines.push(format!("    {}", chunk.join(" ")));
        }
    }

    /// The data's words and their sum (or that there is no data).
    pub fn data_words(&mut self, lang: Lang, len: usize, sum: u16) {
        if len == 0 {
            self.prose(2, &tr!(lang, "bits-data-words-none"));
        } else {
            let words = len.div_ceil(2);
            self.prose(
                2,
                &tr!(lang, "bits-data-words", words = words, sum = hex16(sum)),
            );
        }
    }

    /// The last steps: the folded sum in bits, every bit flipped, and the
    /// checksum that results (in bold).
    pub fn complement(&mut self, lang: Lang, style: Style, folded: u16, checksum: u16) {
        self.lines.push(format!(
            "    {} = {}",
            field_bits(u64::from(folded), 16),
            hex16(folded)
        ));
        self.prose(2, &tr!(lang, "bits-complement"));
        self.lines.push(format!(
            "    {} = {}",
            field_bits(u64::from(checksum), 16),
            style.paint(Paint::Bold, &hex16(checksum))
        ));
    }
}
