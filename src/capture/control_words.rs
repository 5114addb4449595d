//! Payloads that read like TCP's own control words.
//!
//! A classic class program "plays" the handshake over a connection that is
//! already open, sending the text `SYN:1234`, then `SYN-ACK:5678:ACK:1235`,
//! `ACK:5679` and `FIN:…`. Students then read those words as TCP's, and the
//! numbers in them as TCP's sequence numbers. Spotting them lets the
//! narration say where the real SYN, SYN,ACK and ACK were.
//!
//! The rule is strict so that prose is not caught: the first line starts
//! with a control word (SYN, SYN-ACK, ACK, FIN, FIN-ACK, RST, in any case,
//! with `-`, `_`, `+` or `/` between two words, or none), a `:` or `=`, and a
//! number; the line is short and printable.

/// The longest line taken as control words; longer text is prose.
const MAX_LINE: usize = 80;

/// The payload's first line, when it reads like TCP control words.
pub fn control_words(payload: &[u8]) -> Option<String> {
    // Most payloads are turned away by their first byte: a bulk transfer
    // pays one comparison per segment.
    let first = payload.iter().find(|b| !b.is_ascii_whitespace())?;
    if !matches!(first.to_ascii_uppercase(), b'S' | b'A' | b'F' | b'R') {
        return None;
    }
    let head = &payload[..payload.len().min(MAX_LINE + 2)];
    let end = head
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(head.len());
    if end > MAX_LINE {
        return None;
    }
    let line = std::str::from_utf8(&head[..end]).ok()?.trim();
    if line.chars().any(char::is_control) {
        return None;
    }
    starts_with_word_and_number(line).then(|| line.to_string())
}

/// `WORD[:=]DIGITS…` with WORD one of TCP's control words.
fn starts_with_word_and_number(line: &str) -> bool {
    let Some(split) = line.find([':', '=']) else {
        return false;
    };
    let (word, rest) = line.split_at(split);
    let rest = rest[1..].trim_start();
    is_control_word(word.trim()) && rest.starts_with(|c: char| c.is_ascii_digit())
}

fn is_control_word(word: &str) -> bool {
    let flat: String = word
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '+' | '/' | ' '))
        .collect::<String>()
        .to_ascii_uppercase();
    matches!(
        flat.as_str(),
        "SYN" | "SYNACK" | "ACK" | "FIN" | "FINACK" | "RST" | "RSTACK"
    )
}

#[cfg(test)]
mod tests {
    use super::control_words;

    #[test]
    fn the_played_handshake_is_recognised() {
        for text in [
            "SYN:1234",
            "SYN-ACK:5678:ACK:1235",
            "ACK:5679",
            "FIN:1240\n",
            "syn_ack = 7",
            "FIN/ACK: 12",
            "RST:0",
        ] {
            assert!(control_words(text.as_bytes()).is_some(), "{text}");
        }
        assert_eq!(
            control_words(b"SYN-ACK:5678:ACK:1235\nmore").as_deref(),
            Some("SYN-ACK:5678:ACK:1235")
        );
    }

    #[test]
    fn prose_numbers_and_binary_are_not_control_words() {
        for text in [
            &b"ACK: we got it"[..],
            b"SYNC:12",
            b"Hello, SYN:12",
            b"ACKNOWLEDGED:1",
            b"SYN",
            b"SYN:",
            b"",
            b"\x16\x03\x01SYN:1",
            b"SYN:1\x07",
            b"\xff\xfe",
        ] {
            assert!(control_words(text).is_none(), "{text:?}");
        }
        let long = format!("ACK:{}", "1".repeat(100));
        assert!(control_words(long.as_bytes()).is_none());
    }
}
