//! Short words the rdt views share: a packet's label, a window drawn as its
//! sequence numbers, what the channel did, why a packet was thrown away.

use crate::narrate::Lang;
use crate::rdt::fault::Verdict;
use crate::rdt::packet::{Kind, Packet};
use crate::rdt::proto::{DiscardReason, WindowView};
use crate::tr;
use crate::view::labels::preview;

/// Characters of a packet's data quoted on its arrow.
const PREVIEW: usize = 12;

/// `DATA 2 "Hello" END`, `ACK 2`, `NAK 0`.
pub fn packet_label(p: &Packet) -> String {
    match p.kind {
        Kind::Data => {
            let end = if p.end { " END" } else { "" };
            format!("DATA {} {}{end}", p.seq, preview(&p.payload, PREVIEW))
        }
        Kind::Ack | Kind::Nak => format!("{} {}", p.kind.name(), p.seq),
    }
}

/// A window as the textbook draws it: `[2 3│4 5]`, the sequence numbers in
/// the window between brackets, a bar where the sent ones end, and `•` after
/// each one acknowledged early (Selective Repeat sender) or buffered (receiver).
pub fn window_marker(w: &WindowView) -> String {
    let mut out = String::from("[");
    for i in 0..u32::from(w.size) {
        let seq = w.space.add(w.base, i);
        if w.next == Some(seq) && w.in_flight() == i {
            out.push('│');
        } else if i > 0 {
            out.push(' ');
        }
        out.push_str(&seq.to_string());
        if i < 64 && w.marks >> i & 1 == 1 {
            out.push('•');
        }
    }
    if w.next.is_some() && w.in_flight() == u32::from(w.size) {
        out.push('│');
    }
    out.push(']');
    out
}

/// What the channel did, for the row under an arrow.
/// A scripted fault names its rule (`lost (--drop data:1)`), so the reader
/// sees which packet the rule meant and which it hit.
pub fn verdict_text(lang: Lang, v: Verdict) -> String {
    let text = match v {
        Verdict::Lost { rule: Some(_) } | Verdict::Pass => tr!(lang, "ladder-lost"),
        Verdict::Lost { rule: None } => tr!(lang, "ladder-lost-random"),
        Verdict::Corrupted { bit, .. } => tr!(lang, "rdt-ladder-corrupted", bit = bit),
        Verdict::Duplicated { .. } => tr!(lang, "ladder-fault-duplicate"),
        Verdict::Reordered { .. } => tr!(lang, "ladder-fault-reorder"),
    };
    match v.rule() {
        Some(rule) => format!("{text} ({})", rule.spelled()),
        None => text,
    }
}

/// Why a packet was thrown away, in a few words.
pub fn discard_text(lang: Lang, seq: Option<u16>, reason: DiscardReason) -> String {
    let seq = seq.map_or_else(|| "?".to_string(), |s| s.to_string());
    match reason {
        DiscardReason::Corrupt { .. } => tr!(lang, "rdt-discard-corrupt"),
        DiscardReason::Malformed => tr!(lang, "rdt-discard-malformed"),
        DiscardReason::Tampered => tr!(lang, "rdt-discard-tampered"),
        DiscardReason::Duplicate => tr!(lang, "rdt-discard-duplicate", seq = seq),
        DiscardReason::OutOfOrder { .. } => tr!(lang, "rdt-discard-out-of-order", seq = seq),
        DiscardReason::OutsideWindow => tr!(lang, "rdt-discard-outside-window", seq = seq),
        DiscardReason::DuplicateAck => tr!(lang, "rdt-discard-duplicate-ack", seq = seq),
        DiscardReason::StaleNak => tr!(lang, "rdt-discard-stale-nak", seq = seq),
        DiscardReason::Unexpected => tr!(lang, "rdt-discard-unexpected"),
    }
}

/// `send("Hello")`, or `send(42 bytes)` for long ones.
pub fn submit_text(lang: Lang, message: &[u8]) -> String {
    if message.len() <= 20 {
        format!("send({})", preview(message, 20))
    } else {
        tr!(lang, "ladder-send-bytes", len = message.len())
    }
}

/// Splits a handshake line into pieces of at most `max` characters, after
/// a `;` or a space.
pub fn split_line(line: &str, max: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for field in line.split_inclusive([';', ' ']) {
        match pieces.last_mut() {
            Some(last) if last.chars().count() + field.chars().count() <= max => {
                last.push_str(field)
            }
            _ => pieces.push(field.to_string()),
        }
    }
    pieces.iter().map(|p| p.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdt::seq::SeqSpace;
    use bytes::Bytes;

    fn view(base: u16, next: Option<u16>, marks: u64) -> WindowView {
        WindowView {
            base,
            next,
            size: 4,
            space: SeqSpace::new(3).unwrap(),
            marks,
        }
    }

    #[test]
    fn windows_are_drawn_like_the_textbook() {
        assert_eq!(window_marker(&view(2, Some(4), 0)), "[2 3│4 5]");
        assert_eq!(window_marker(&view(6, Some(6), 0)), "[│6 7 0 1]");
        assert_eq!(window_marker(&view(6, Some(2), 0b10)), "[6 7• 0 1│]");
        assert_eq!(window_marker(&view(3, None, 0b100)), "[3 4 5• 6]");
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(
            packet_label(&Packet::data(2, Bytes::from_static(b"Hello"), true)),
            "DATA 2 \"Hello\" END"
        );
        assert_eq!(packet_label(&Packet::ack(7)), "ACK 7");
        assert_eq!(
            split_line("MODO:Go-Back-N;TAMANHO:50;JANELA:4", 20),
            ["MODO:Go-Back-N;", "TAMANHO:50;JANELA:4"]
        );
    }
}
