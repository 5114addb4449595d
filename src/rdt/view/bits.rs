//! `--bits` for the reliable-transfer lab: each handshake line as the bits of
//! its text, and each packet as the bytes that go on the wire: the 8-byte
//! header in 32-bit rows (like RFC 9293's TCP figure), the data as 8-bit
//! groups with each character under its byte, the checksum worked out by
//! hand, and in secure mode the plaintext bits beside the ciphertext bits.

use crate::bits::{bits_rows, to_bits};
use crate::narrate::Lang;
use crate::rdt::packet::{HEADER_LEN, Packet};
use crate::rdt::secure::{NONCE_LEN, TAG_LEN};
use crate::rdt::trace::{RdtKind, RdtStep};
use crate::tr;
use crate::wire::checksum::{fold, sum_words};

use super::Annotate;
use crate::view::diagram::{Field, RULER, Worksheet, hex16, row};
use crate::view::style::{Paint, Style, truncate, wrap};

/// The `--bits` notes.
pub struct BitsNotes {
    lang: Lang,
    style: Style,
    width: usize,
}

impl BitsNotes {
    pub fn new(lang: Lang, style: Style, width: usize) -> Self {
        BitsNotes { lang, style, width }
    }
}

impl Annotate<RdtStep> for BitsNotes {
    fn annotate(&mut self, step: &RdtStep) -> Vec<String> {
        let (lang, width) = (self.lang, self.width);
        match &step.kind {
            RdtKind::Request { line } | RdtKind::Reply { line, .. } => {
                let mut out = wrap(&tr!(lang, "rdt-bits-line", len = line.len() + 1), width);
                let mut bytes = line.as_bytes().to_vec();
                bytes.push(b'\n');
                out.extend(bits_rows(&bytes, width, 2));
                out
            }
            RdtKind::Noise { bytes, .. } => {
                // Key material is not text: bits only, no characters under them.
                let mut out = wrap(&tr!(lang, "rdt-bits-noise", len = bytes.len()), width);
                let per_row = ((width.saturating_sub(2) + 1) / 9).max(1);
                out.extend(bytes.chunks(per_row).map(|c| format!("  {}", to_bits(c))));
                out
            }
            RdtKind::Send { transmit, wire } => {
                let mut out = packet_bits(&transmit.packet, lang, self.style, width);
                let plain = transmit.packet.to_bytes();
                if wire[..] != plain[..] {
                    out.extend(sealed_bits(&plain, wire, lang, self.style, width));
                }
                out
            }
            _ => Vec::new(),
        }
    }
}

/// Every line of the bits view for one packet.
pub fn packet_bits(p: &Packet, lang: Lang, style: Style, width: usize) -> Vec<String> {
    let bytes = p.to_bytes();
    let h = &bytes[..HEADER_LEN];
    let half = |i: usize| u16::from_be_bytes([h[i], h[i + 1]]);
    let mut out: Vec<String> = wrap(&tr!(lang, "rdt-bits-title", len = HEADER_LEN), width)
        .iter()
        .map(|l| style.paint(Paint::Bold, l))
        .collect();
    out.extend(RULER.map(String::from));
    let kind = format!("{} ({})", h[0] as char, p.kind.name());
    let flags = if p.end {
        "END".to_string()
    } else {
        "-".to_string()
    };
    out.extend(row(&[
        Field::new(
            format!("{}: {kind}", tr!(lang, "rdt-bits-type")),
            8,
            u64::from(h[0]),
        ),
        Field::new(
            format!("{}: {flags}", tr!(lang, "rdt-bits-flags")),
            8,
            u64::from(h[1]),
        ),
        Field::new(
            format!("{}: {}", tr!(lang, "bits-field-seq"), p.seq),
            16,
            u64::from(half(2)),
        ),
    ]));
    out.extend(row(&[
        Field::new(
            format!("{}: {}", tr!(lang, "rdt-bits-length"), half(4)),
            16,
            u64::from(half(4)),
        ),
        Field::new(
            format!("{}: 0x{:04x}", tr!(lang, "bits-field-checksum"), half(6)),
            16,
            u64::from(half(6)),
        ),
    ]));
    if p.payload.is_empty() {
        out.extend(wrap(&tr!(lang, "bits-no-data"), width));
    } else {
        out.extend(wrap(
            &tr!(lang, "bits-data-title", len = p.payload.len()),
            width,
        ));
        out.extend(bits_rows(&p.payload, width, 2));
    }
    out.extend(checksum_lines(h, &p.payload, lang, style, width));
    out
}

/// The checksum as a student works it out: sum the header's words (checksum
/// field zero) and the data's, fold the carries, flip every bit.
fn checksum_lines(
    header: &[u8],
    data: &[u8],
    lang: Lang,
    style: Style,
    width: usize,
) -> Vec<String> {
    let mut zeroed = header.to_vec();
    zeroed[6] = 0;
    zeroed[7] = 0;
    let header_sum = fold(sum_words(&zeroed));
    let data_sum = fold(sum_words(data));
    let total = u32::from(header_sum) + u32::from(data_sum);
    let folded = fold(u64::from(total));
    let checksum = !folded;
    let mut sheet = Worksheet::new(width);
    sheet.title(&tr!(lang, "rdt-bits-checksum-title"), style);
    sheet.prose(2, &tr!(lang, "rdt-bits-header-words"));
    sheet.words(&zeroed);
    sheet.prose(4, &tr!(lang, "bits-sum-is", sum = hex16(header_sum)));
    sheet.data_words(lang, data.len(), data_sum);
    let (a, b) = (hex16(header_sum), hex16(data_sum));
    let sum = if total > 0xffff {
        tr!(
            lang,
            "rdt-bits-total-carry",
            a = a,
            b = b,
            total = format!("0x{total:x}"),
            low = hex16((total & 0xffff) as u16),
            folded = hex16(folded)
        )
    } else {
        tr!(lang, "rdt-bits-total", a = a, b = b, total = hex16(folded))
    };
    sheet.prose(2, &sum);
    sheet.complement(lang, style, folded, checksum);
    sheet.lines
}

/// Secure mode: the nonce, then the packet's plaintext bits beside the
/// ciphertext bits, byte for byte (ChaCha20 encrypts each byte in place),
/// then the tag.
fn sealed_bits(plain: &[u8], wire: &[u8], lang: Lang, style: Style, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    if wire.len() < NONCE_LEN + TAG_LEN {
        return out;
    }
    let nonce = u64::from_be_bytes(wire[..NONCE_LEN].try_into().unwrap_or([0; 8]));
    let cipher = &wire[NONCE_LEN..wire.len() - TAG_LEN];
    let tag = &wire[wire.len() - TAG_LEN..];
    for line in wrap(
        &tr!(lang, "rdt-bits-sealed", nonce = nonce, len = wire.len()),
        width,
    ) {
        out.push(style.paint(Paint::Bold, &line));
    }
    // Bytes per side: each takes 9 columns; 2 + side + 5 + side must fit.
    let per_row = ((width.saturating_sub(7) / 2 + 1) / 9).clamp(1, 4);
    let side = per_row * 9 - 1;
    out.push(format!(
        "  {:<side$}     {}",
        truncate(&tr!(lang, "rdt-bits-plaintext"), side),
        tr!(lang, "rdt-bits-ciphertext")
    ));
    for (p, c) in plain.chunks(per_row).zip(cipher.chunks(per_row)) {
        out.push(format!("  {:<side$}  →  {}", to_bits(p), to_bits(c)));
    }
    for line in wrap(
        &tr!(lang, "rdt-bits-tag", tag = crate::bits::hex(tag)),
        width.saturating_sub(2),
    ) {
        out.push(format!("  {line}"));
    }
    out
}
