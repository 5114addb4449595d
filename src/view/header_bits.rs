//! `--bits`: each segment sent, as the bytes that go on the wire. The TCP header
//! is laid out in 32-bit rows like RFC 9293's Figure 1, each field's bits under
//! its name and its value beside; then the options byte by byte, the data as
//! 8-bit groups with each character under its byte, and the checksum worked out
//! the way a textbook exercise does it by hand.

use std::net::IpAddr;

use crate::bits::{bits_rows, to_bits};
use crate::narrate::{Lang, Localize};
use crate::tcp::Segment;
use crate::tr;
use crate::trace::{Step, StepKind};
use crate::wire::checksum::{self, ChecksumSteps};
use crate::wire::options::{
    KIND_EOL, KIND_MSS, KIND_NOP, KIND_SACK, KIND_SACK_PERMITTED, KIND_TIMESTAMPS, KIND_WSCALE,
};
use crate::wire::{PROTO_TCP, TCP_HEADER, tcp_header_bytes};

use super::Annotate;
use super::diagram::{Field, RULER, Worksheet, hex16, row};
use super::style::{Paint, Style, wrap};

/// The `--bits` annotator for ladder rows.
pub struct HeaderBits {
    lang: Lang,
    style: Style,
    width: usize,
}

impl HeaderBits {
    pub fn new(lang: Lang, style: Style, width: usize) -> Self {
        HeaderBits { lang, style, width }
    }
}

impl Annotate for HeaderBits {
    fn annotate(&mut self, step: &Step) -> Vec<String> {
        match &step.kind {
            StepKind::Send {
                transmit: tx,
                captured,
            } => segment_bits(
                &tx.segment,
                captured.as_deref(),
                self.lang,
                self.style,
                self.width,
            ),
            _ => Vec::new(),
        }
    }
}

/// Every line of the bits view for one segment: its header as a capture
/// holds it (`captured`: options in their order, the checksum as found), or
/// else as the encoder writes it, which is what goes on the wire.
pub fn segment_bits(
    seg: &Segment,
    captured: Option<&[u8]>,
    lang: Lang,
    style: Style,
    width: usize,
) -> Vec<String> {
    segment_bits_upto(seg, captured, lang, style, width, usize::MAX)
}

/// [`segment_bits`] with at most `most_data` bytes of data drawn as bits,
/// and a line saying how many more there are: what the HTML player keeps
/// for each of a capture's thousands of full-size segments, where every
/// byte in bits would make a page no browser opens. The checksum is still
/// worked out over every byte.
pub fn segment_bits_upto(
    seg: &Segment,
    captured: Option<&[u8]>,
    lang: Lang,
    style: Style,
    width: usize,
    most_data: usize,
) -> Vec<String> {
    let header = match captured {
        Some(h) if h.len() >= TCP_HEADER => h.to_vec(),
        _ => match tcp_header_bytes(seg) {
            Ok(h) => h,
            Err(e) => return vec![tr!(lang, "bits-cannot-encode", reason = e.localize(lang))],
        },
    };
    let mut out = Vec::new();
    let title = tr!(lang, "bits-header-title", len = header.len());
    out.push(style.paint(Paint::Bold, &title));
    let word =
        |i: usize| u32::from_be_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
    let half = |i: usize| u16::from_be_bytes([header[i], header[i + 1]]);
    let named = |id: &str, value: String, bits: usize, raw: u64| {
        Field::new(format!("{id}: {value}"), bits, raw)
    };

    out.extend(RULER.map(String::from));
    out.extend(row(&[
        named(
            &tr!(lang, "bits-field-src-port"),
            half(0).to_string(),
            16,
            u64::from(half(0)),
        ),
        named(
            &tr!(lang, "bits-field-dst-port"),
            half(2).to_string(),
            16,
            u64::from(half(2)),
        ),
    ]));
    out.extend(row(&[named(
        &tr!(lang, "bits-field-seq"),
        word(4).to_string(),
        32,
        u64::from(word(4)),
    )]));
    let ack_value = if seg.flags.ack() {
        word(8).to_string()
    } else {
        tr!(lang, "bits-ack-unused", value = word(8))
    };
    out.extend(row(&[named(
        &tr!(lang, "bits-field-ack"),
        ack_value,
        32,
        u64::from(word(8)),
    )]));
    let offset = header[12] >> 4;
    let flags = header[13];
    let mut fields = vec![
        Field::new(tr!(lang, "bits-field-offset"), 4, u64::from(offset)),
        Field::new(
            tr!(lang, "bits-field-reserved"),
            4,
            u64::from(header[12] & 0x0f),
        ),
    ];
    for (i, name) in ["C", "E", "U", "A", "P", "R", "S", "F"].iter().enumerate() {
        let bit = u64::from((flags >> (7 - i)) & 1);
        fields.push(Field::new((*name).to_string(), 1, bit));
    }
    fields.push(named(
        &tr!(lang, "bits-field-window"),
        half(14).to_string(),
        16,
        u64::from(half(14)),
    ));
    out.extend(row(&fields));
    let note = tr!(
        lang,
        "bits-offset-note",
        words = offset,
        bytes = usize::from(offset) * 4,
        flags = seg.flags.to_string()
    );
    out.extend(row(&[
        named(
            &tr!(lang, "bits-field-checksum"),
            hex16(half(16)),
            16,
            u64::from(half(16)),
        ),
        named(
            &tr!(lang, "bits-field-urgent"),
            half(18).to_string(),
            16,
            u64::from(half(18)),
        ),
    ]));
    for line in wrap(&note, width.saturating_sub(2)) {
        out.push(format!("  {line}"));
    }

    if header.len() > TCP_HEADER {
        out.push(tr!(
            lang,
            "bits-options-title",
            len = header.len() - TCP_HEADER
        ));
        out.extend(option_lines(&header[TCP_HEADER..], lang, width));
    }

    let payload = seg.wire_payload();
    if payload.is_empty() {
        out.push(tr!(lang, "bits-no-data"));
    } else {
        out.push(tr!(lang, "bits-data-title", len = payload.len()));
        let shown = payload.len().min(most_data);
        out.extend(bits_rows(&payload[..shown], width, 2));
        if shown < payload.len() {
            out.push(format!(
                "  {}",
                tr!(lang, "bits-data-more", more = payload.len() - shown)
            ));
        }
    }

    let mut zeroed = header.clone();
    zeroed[16] = 0;
    zeroed[17] = 0;
    let steps = checksum::steps(seg.src.ip(), seg.dst.ip(), PROTO_TCP, &zeroed, &payload);
    out.extend(checksum_lines(seg, &zeroed, &steps, lang, style, width));
    let found = half(16);
    if captured.is_some() && found != steps.checksum {
        let note = tr!(
            lang,
            "bits-checksum-differs",
            found = hex16(found),
            computed = hex16(steps.checksum)
        );
        out.extend(
            wrap(&note, width.saturating_sub(2))
                .into_iter()
                .map(|l| format!("  {l}")),
        );
    }
    out
}

/// The options, one per line: their bytes in bits and what they say.
fn option_lines(bytes: &[u8], lang: Lang, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let kind = bytes[i];
        let len = match kind {
            KIND_EOL | KIND_NOP => 1,
            _ => usize::from(*bytes.get(i + 1).unwrap_or(&2)).max(2),
        };
        let end = (i + len).min(bytes.len());
        let body = &bytes[i..end];
        let value = |at: usize, n: usize| -> u64 {
            body.get(at..at + n).map_or(0, |b| {
                b.iter().fold(0u64, |acc, x| (acc << 8) | u64::from(*x))
            })
        };
        let meaning = match kind {
            KIND_EOL => tr!(lang, "bits-opt-eol"),
            KIND_NOP => tr!(lang, "bits-opt-nop"),
            KIND_MSS => tr!(lang, "bits-opt-mss", value = value(2, 2)),
            KIND_WSCALE => tr!(
                lang,
                "bits-opt-wscale",
                shift = value(2, 1),
                factor = 1u64 << value(2, 1).min(14)
            ),
            KIND_SACK_PERMITTED => tr!(lang, "bits-opt-sack-permitted"),
            KIND_TIMESTAMPS => tr!(
                lang,
                "bits-opt-timestamps",
                value = value(2, 4),
                echo = value(6, 4)
            ),
            KIND_SACK => tr!(
                lang,
                "bits-opt-sack",
                blocks = body.len().saturating_sub(2) / 8
            ),
            other => tr!(lang, "bits-opt-unknown", kind = other),
        };
        let bits = to_bits(body);
        if bits.len() + meaning.chars().count() + 4 <= width {
            lines.push(format!("  {bits}  {meaning}"));
        } else {
            lines.push(format!("  {bits}"));
            for line in wrap(&meaning, width.saturating_sub(6)) {
                lines.push(format!("      {line}"));
            }
        }
        i = end.max(i + 1);
    }
    lines
}

/// The checksum by hand: pseudo-header, 16-bit sums, carries folded, complement.
fn checksum_lines(
    seg: &Segment,
    header: &[u8],
    steps: &ChecksumSteps,
    lang: Lang,
    style: Style,
    width: usize,
) -> Vec<String> {
    let mut sheet = Worksheet::new(width);
    sheet.title(&tr!(lang, "bits-checksum-title"), style);
    let (src, dst) = (seg.src.ip(), seg.dst.ip());
    let tcp_len = header.len() + seg.payload_len();
    let pseudo_text = match (src, dst) {
        (IpAddr::V4(_), IpAddr::V4(_)) => tr!(
            lang,
            "bits-pseudo-v4",
            src = src.to_string(),
            dst = dst.to_string(),
            len = tcp_len
        ),
        _ => tr!(
            lang,
            "bits-pseudo-v6",
            src = src.to_string(),
            dst = dst.to_string(),
            len = tcp_len
        ),
    };
    sheet.prose(2, &pseudo_text);
    sheet.words(&steps.pseudo_header);
    sheet.prose(4, &tr!(lang, "bits-sum-is", sum = hex16(steps.pseudo_sum)));
    sheet.prose(2, &tr!(lang, "bits-header-words"));
    sheet.words(header);
    sheet.prose(4, &tr!(lang, "bits-sum-is", sum = hex16(steps.header_sum)));
    sheet.data_words(lang, seg.payload_len(), steps.data_sum);
    let (a, b, c) = (
        hex16(steps.pseudo_sum),
        hex16(steps.header_sum),
        hex16(steps.data_sum),
    );
    let total = if steps.total > 0xffff {
        tr!(
            lang,
            "bits-total-carry",
            a = a,
            b = b,
            c = c,
            total = format!("0x{:x}", steps.total),
            low = hex16((steps.total & 0xffff) as u16),
            carry = steps.total >> 16,
            folded = hex16(steps.folded)
        )
    } else {
        tr!(
            lang,
            "bits-total",
            a = a,
            b = b,
            c = c,
            total = hex16(steps.folded)
        )
    };
    sheet.prose(2, &total);
    sheet.complement(lang, style, steps.folded, steps.checksum);
    sheet.lines
}
