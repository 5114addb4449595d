//! `synack bits TEXT` and `synack bits --decode BITS`: text as the UTF-8 bytes
//! that carry it, each as 8 bits with its character underneath, and back.

use std::io::{Read, Write};

use super::{AppError, StdinProblem};

use crate::bits::{BitsError, ByteLabel, bits_rows, label_bytes, parse_bits, to_bits};
use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::view::style::{Paint, Style};

/// Why `--decode` could not turn bits into text.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error(transparent)]
    Bits(#[from] BitsError),
    /// The bytes are not UTF-8 from `offset` (0-based) on, for the reason
    /// `problem` names: a byte that begins a character is not "invalid", its
    /// continuation is, so the message must say which.
    #[error("not valid UTF-8 at byte {offset}")]
    NotUtf8 {
        offset: usize,
        byte: u8,
        problem: Utf8Problem,
    },
    /// `synack bits ''`: no text, so no bits to show.
    #[error("the text is empty")]
    EmptyText,
}

/// What is wrong where UTF-8 stops being valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf8Problem {
    /// A lead byte of a `len`-byte character, but the bytes end after `have`
    /// of them: its continuation bytes are missing.
    CutShort { len: usize, have: usize },
    /// A lead byte of a `len`-byte character, followed by byte `next` (0-based
    /// offset) which does not continue it (continuation bytes are 10xxxxxx).
    NotContinued { len: usize, next: usize, bits: u8 },
    /// 10xxxxxx with no lead byte before it.
    StrayContinuation,
    /// A byte UTF-8 never uses (C0, C1, F5 to FF), or a lead byte whose
    /// continuation would make a forbidden character (overlong, surrogate,
    /// beyond U+10FFFF).
    NeverValid,
}

impl Utf8Problem {
    /// Why `bytes` stop being UTF-8 at `offset`, given the standard
    /// library's verdict (`error_len`: `None` when the input ends too soon).
    pub fn at(bytes: &[u8], offset: usize, error_len: Option<usize>) -> Utf8Problem {
        let Some(&lead) = bytes.get(offset) else {
            return Utf8Problem::NeverValid;
        };
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            0x80..=0xBF => return Utf8Problem::StrayContinuation,
            _ => return Utf8Problem::NeverValid,
        };
        match error_len {
            None => Utf8Problem::CutShort {
                len,
                have: bytes.len() - offset,
            },
            Some(bad) => {
                let next = offset + bad;
                match bytes.get(next) {
                    // The byte after the valid prefix does not continue it.
                    Some(&b) if bad < len && b & 0xC0 != 0x80 => {
                        Utf8Problem::NotContinued { len, next, bits: b }
                    }
                    _ => Utf8Problem::NeverValid,
                }
            }
        }
    }
}

impl Localize for DecodeError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            DecodeError::Bits(BitsError::NotABit { found, position }) => {
                tr!(
                    lang,
                    "bits-error-not-a-bit",
                    found = found.to_string(),
                    position = *position + 1
                )
            }
            DecodeError::Bits(BitsError::NotWholeBytes { count }) => {
                tr!(
                    lang,
                    "bits-error-not-whole-bytes",
                    count = *count,
                    bytes = *count / 8,
                    extra = *count % 8
                )
            }
            DecodeError::Bits(BitsError::BadGroup { index, len }) => {
                tr!(lang, "bits-error-bad-group", index = *index, len = *len)
            }
            DecodeError::Bits(BitsError::Empty) => tr!(lang, "bits-error-empty"),
            DecodeError::NotUtf8 {
                offset,
                byte,
                problem,
            } => {
                let (offset, bits) = (*offset + 1, crate::bits::byte_bits(*byte));
                match *problem {
                    Utf8Problem::CutShort { len, have } => tr!(
                        lang,
                        "bits-error-utf8-cut-short",
                        offset = offset,
                        bits = bits,
                        len = len,
                        missing = len - have
                    ),
                    Utf8Problem::NotContinued {
                        len,
                        next,
                        bits: next_bits,
                    } => tr!(
                        lang,
                        "bits-error-utf8-not-continued",
                        offset = offset,
                        bits = bits,
                        len = len,
                        next = next + 1,
                        next_bits = crate::bits::byte_bits(next_bits)
                    ),
                    Utf8Problem::StrayContinuation => tr!(
                        lang,
                        "bits-error-utf8-stray-continuation",
                        offset = offset,
                        bits = bits
                    ),
                    Utf8Problem::NeverValid => {
                        tr!(lang, "bits-error-not-utf8", offset = offset, bits = bits)
                    }
                }
            }
            DecodeError::EmptyText => tr!(lang, "bits-error-empty-text"),
        }
    }
}

/// Prints `text` as bits. Empty text is refused: a heading promising bits
/// over nothing would look like a failure to print them.
pub fn encode(
    text: &str,
    lang: Lang,
    style: Style,
    width: usize,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    if text.is_empty() {
        return Err(DecodeError::EmptyText.into());
    }
    write_bits(text, lang, style, width, out)?;
    Ok(())
}

fn write_bits(
    text: &str,
    lang: Lang,
    style: Style,
    width: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let chars = text.chars().count();
    let summary = tr!(
        lang,
        "bits-summary",
        text = format!("{text:?}"),
        bytes = bytes.len(),
        chars = chars
    );
    for line in crate::view::style::wrap(&summary, width) {
        writeln!(out, "{}", style.paint(Paint::Bold, &line))?;
    }
    writeln!(out)?;
    for line in bits_rows(bytes, width, 2) {
        writeln!(out, "{line}")?;
    }
    let labels = label_bytes(bytes);
    let mut seen = Vec::new();
    let mut legend = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        if let ByteLabel::LeadOf(c) = label {
            let len = c.len_utf8();
            if !seen.contains(c) {
                seen.push(*c);
                legend.push(tr!(
                    lang,
                    "bits-multibyte",
                    char = c.to_string(),
                    code = format!("U+{:04X}", *c as u32),
                    len = len,
                    bits = to_bits(&bytes[i..i + len])
                ));
            }
        }
    }
    if !legend.is_empty() {
        writeln!(out)?;
        for line in legend {
            writeln!(out, "  {line}")?;
        }
        writeln!(
            out,
            "  {}",
            style.paint(Paint::Dim, &tr!(lang, "bits-continuation-note"))
        )?;
    }
    Ok(())
}

/// Turns bits back into text and prints it, with the bytes shown again.
pub fn decode(
    bits: &str,
    lang: Lang,
    style: Style,
    width: usize,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let bytes = parse_bits(bits).map_err(DecodeError::from)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let offset = e.valid_up_to();
        DecodeError::NotUtf8 {
            offset,
            byte: bytes[offset],
            problem: Utf8Problem::at(&bytes, offset, e.error_len()),
        }
    })?;
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(out, "{text}")?;
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            style.paint(
                Paint::Dim,
                &tr!(
                    lang,
                    "bits-decoded",
                    bytes = bytes.len(),
                    chars = text.chars().count()
                )
            )
        )?;
        for line in bits_rows(&bytes, width, 2) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    };
    write(out)?;
    Ok(())
}

/// Most bytes `synack bits` takes from standard input.
pub const MAX_STDIN: usize = 1 << 20;

/// The text `synack bits` shows when given none on the command line: all of
/// standard input, refused rather than cut if it is too long or not UTF-8.
pub fn read_text(input: &mut dyn Read) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_STDIN as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::Stdin(StdinProblem::Read(e)))?;
    if bytes.len() > MAX_STDIN {
        return Err(AppError::Stdin(StdinProblem::TooLarge { limit: MAX_STDIN }));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        AppError::Stdin(StdinProblem::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
    })?;
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(bytes: &[u8]) -> Utf8Problem {
        let e = std::str::from_utf8(bytes).unwrap_err();
        Utf8Problem::at(bytes, e.valid_up_to(), e.error_len())
    }

    #[test]
    fn a_lead_byte_is_told_apart_from_a_byte_utf8_never_uses() {
        assert_eq!(problem(&[0xC3]), Utf8Problem::CutShort { len: 2, have: 1 });
        assert_eq!(
            problem(&[b'a', 0xF0, 0x9F]),
            Utf8Problem::CutShort { len: 4, have: 2 }
        );
        assert_eq!(
            problem(&[0xC3, 0x28]),
            Utf8Problem::NotContinued {
                len: 2,
                next: 1,
                bits: 0x28
            }
        );
        assert_eq!(problem(&[0xA1]), Utf8Problem::StrayContinuation);
        assert_eq!(problem(&[0xFF]), Utf8Problem::NeverValid);
        // Overlong and surrogate forms begin like characters but never are.
        assert_eq!(problem(&[0xE0, 0x80, 0x80]), Utf8Problem::NeverValid);
        assert_eq!(problem(&[0xED, 0xA0, 0x80]), Utf8Problem::NeverValid);
    }
}
