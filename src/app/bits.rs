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
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    #[error("not valid UTF-8 at byte {offset}")]
    NotUtf8 { offset: usize, byte: u8 },
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
            DecodeError::NotUtf8 { offset, byte } => tr!(
                lang,
                "bits-error-not-utf8",
                offset = *offset + 1,
                bits = crate::bits::byte_bits(*byte)
            ),
        }
    }
}

/// Prints `text` as bits.
pub fn encode(
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
