//! Bytes as 8-bit strings and back: `"Hi"` is `01001000 01101001`. One place for
//! it, so every view (messages, frames, headers) shows bits the same way.

use std::fmt::Write as _;

/// One byte as eight characters of `0` and `1`, most significant bit first.
pub fn byte_bits(b: u8) -> String {
    format!("{b:08b}")
}

/// Bytes as 8-bit groups separated by spaces.
pub fn to_bits(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 9);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{b:08b}");
    }
    out
}

/// A value as exactly `width` bits (for header fields that are not whole bytes).
pub fn field_bits(value: u64, width: usize) -> String {
    let mut s = String::with_capacity(width);
    for i in (0..width).rev() {
        s.push(if i < 64 && (value >> i) & 1 == 1 {
            '1'
        } else {
            '0'
        });
    }
    s
}

/// Why text could not be read back as bits.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BitsError {
    /// A character other than 0, 1 or spacing, at this (0-based, in characters) position.
    #[error("`{found}` at position {position} is not a bit")]
    NotABit { found: char, position: usize },
    /// The bits do not make whole bytes.
    #[error("{count} bits is not a whole number of bytes")]
    NotWholeBytes { count: usize },
    /// A group between spaces that is not 8 bits long.
    #[error("group {index} has {len} bits, not 8")]
    BadGroup { index: usize, len: usize },
    /// Nothing to decode.
    #[error("no bits given")]
    Empty,
}

/// Parses `01001000 01101001` (spaces, tabs, newlines, `_`, `,` and `|` separate
/// groups; groups must be 8 bits; without separators the count must be a
/// multiple of 8).
pub fn parse_bits(text: &str) -> Result<Vec<u8>, BitsError> {
    let mut groups: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut separated = false;
    for (position, c) in text.chars().enumerate() {
        match c {
            '0' | '1' => current.push(c),
            c if c.is_whitespace() || matches!(c, '_' | ',' | '|') => {
                separated = true;
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
            }
            found => return Err(BitsError::NotABit { found, position }),
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    if groups.is_empty() {
        return Err(BitsError::Empty);
    }
    if separated
        && groups.len() > 1
        && let Some((index, g)) = groups.iter().enumerate().find(|(_, g)| g.len() != 8)
    {
        return Err(BitsError::BadGroup {
            index: index + 1,
            len: g.len(),
        });
    }
    let all = groups.concat();
    if !all.len().is_multiple_of(8) {
        return Err(BitsError::NotWholeBytes { count: all.len() });
    }
    Ok(all
        .as_bytes()
        .chunks(8)
        .map(|chunk| chunk.iter().fold(0u8, |acc, &b| (acc << 1) | (b - b'0')))
        .collect())
}

/// How a byte is labelled under its bits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ByteLabel {
    /// A printable ASCII character.
    Char(char),
    /// The first byte of a multi-byte UTF-8 character (shown with the character).
    LeadOf(char),
    /// A continuation byte of the character before it.
    Continuation,
    /// A control or invalid byte, shown by name (`\n`, `NUL`, `0xff`).
    Named(String),
}

/// Labels for each byte: which character it is or belongs to.
pub fn label_bytes(bytes: &[u8]) -> Vec<ByteLabel> {
    let mut labels = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = utf8_len(b);
        let decoded = bytes
            .get(i..i + len)
            .and_then(|s| std::str::from_utf8(s).ok())
            .and_then(|s| s.chars().next());
        match decoded {
            Some(c) if len == 1 && !c.is_control() && c != ' ' => labels.push(ByteLabel::Char(c)),
            Some(c) if len > 1 => {
                labels.push(ByteLabel::LeadOf(c));
                labels.extend(std::iter::repeat_n(ByteLabel::Continuation, len - 1));
                i += len;
                continue;
            }
            _ => labels.push(ByteLabel::Named(control_name(b))),
        }
        i += 1;
    }
    labels
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 1,
    }
}

fn control_name(b: u8) -> String {
    match b {
        0 => "NUL".into(),
        b'\n' => "\\n".into(),
        b'\r' => "\\r".into(),
        b'\t' => "\\t".into(),
        b' ' => "␠".into(),
        0x7f => "DEL".into(),
        b if b < 0x20 => format!("^{}", (b + 0x40) as char),
        b => format!("{b:#04x}"),
    }
}

/// Renders bytes as rows of 8-bit groups with each byte's character under it,
/// as many bytes per row as fit in `width` columns (`indent` spaces first).
/// Multi-byte characters are shown under their first byte and marked `┘` under
/// the bytes that continue them.
pub fn bits_rows(bytes: &[u8], width: usize, indent: usize) -> Vec<String> {
    let per_row = ((width.saturating_sub(indent) + 1) / 9).max(1);
    let labels = label_bytes(bytes);
    let mut rows = Vec::new();
    for (chunk, chunk_labels) in bytes.chunks(per_row).zip(labels.chunks(per_row)) {
        let pad = " ".repeat(indent);
        rows.push(format!("{pad}{}", to_bits(chunk)));
        let mut under = String::new();
        for (i, label) in chunk_labels.iter().enumerate() {
            if i > 0 {
                under.push(' ');
            }
            let text = match label {
                ByteLabel::Char(c) | ByteLabel::LeadOf(c) => c.to_string(),
                ByteLabel::Continuation => "┘".to_string(),
                ByteLabel::Named(n) => n.clone(),
            };
            let text: String = text.chars().take(8).collect();
            let cols = display_width(&text);
            under.push_str(&text);
            under.push_str(&" ".repeat(8usize.saturating_sub(cols)));
        }
        rows.push(format!("{pad}{}", under.trim_end()));
    }
    rows
}

/// Columns a short label takes on a terminal: wide (CJK, emoji) characters take two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115f | 0x2e80..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff |
        0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6 | 0x1f300..=0x1f64f |
        0x1f900..=0x1f9ff | 0x20000..=0x3fffd)
}

/// Bytes as lower-case hexadecimal digits, two per byte (a digest, a packet
/// in JSON).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hi_is_two_bytes() {
        assert_eq!(to_bits(b"Hi"), "01001000 01101001");
        assert_eq!(parse_bits("01001000 01101001"), Ok(b"Hi".to_vec()));
        assert_eq!(parse_bits("0100100001101001"), Ok(b"Hi".to_vec()));
    }

    #[test]
    fn field_bits_pad_to_width() {
        assert_eq!(field_bits(5, 4), "0101");
        assert_eq!(field_bits(0x12, 6), "010010");
    }

    #[test]
    fn parse_errors_say_what_is_wrong() {
        assert_eq!(
            parse_bits("0100100x"),
            Err(BitsError::NotABit {
                found: 'x',
                position: 7
            })
        );
        assert_eq!(
            parse_bits("0101"),
            Err(BitsError::NotWholeBytes { count: 4 })
        );
        assert_eq!(
            parse_bits("01001000 0110"),
            Err(BitsError::BadGroup { index: 2, len: 4 })
        );
        assert_eq!(parse_bits("  "), Err(BitsError::Empty));
    }

    #[test]
    fn multibyte_characters_are_marked() {
        let labels = label_bytes("ã!".as_bytes());
        assert_eq!(
            labels,
            [
                ByteLabel::LeadOf('ã'),
                ByteLabel::Continuation,
                ByteLabel::Char('!')
            ]
        );
        let rows = bits_rows("ã".as_bytes(), 80, 2);
        assert_eq!(rows, ["  11000011 10100011", "  ã        ┘"]);
    }
}
