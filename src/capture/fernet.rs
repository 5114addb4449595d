//! Payloads of the classic Fernet programs, read back from a capture.
//!
//! Their client sends a fresh Fernet key as the connection's first 44 bytes,
//! in the clear, then one token per message (see `rdt::fernet`). Whoever
//! holds the capture holds the key, so explain can show what every token
//! says: the lesson is that this "encryption" hides nothing.
//!
//! The rule is strict so that nothing else is caught: the conversation's
//! first payload must begin with 44 URL-safe base64 characters that decode
//! to 32 bytes. Any other first payload turns the watch off for good, so a
//! bulk transfer pays one comparison per segment.

use crate::rdt::fernet::{KEY_LEN, Key, MAX_TOKEN, Tokens, printable};
use crate::trace::Note;

/// Characters of a decrypted message kept in a note.
pub const MAX_TEXT: usize = 200;

/// What one conversation has shown so far.
#[derive(Clone, Debug, Default)]
pub struct FernetWatch {
    state: State,
}

#[derive(Clone, Debug, Default)]
enum State {
    /// No payload yet; or the first bytes of one, too few to judge.
    #[default]
    Unseen,
    /// The start of a key, cut by segmentation: `(side, bytes)`.
    Partial(usize, Vec<u8>),
    /// A key in the clear, seen in `frame`; each side's bytes not yet a token.
    Keyed {
        key: Box<Key>,
        frame: u32,
        tokens: [Tokens; 2],
    },
    /// Not the classic Fernet programs.
    Off,
}

impl FernetWatch {
    /// Watches one payload sent by `side` in `frame`, in order, first copies
    /// only; returns what it shows.
    pub fn watch(&mut self, side: usize, payload: &[u8], frame: u32) -> Vec<Note> {
        match &mut self.state {
            State::Off => Vec::new(),
            State::Unseen => self.first(side, payload.to_vec(), frame),
            State::Partial(s, head) if *s == side => {
                let mut bytes = std::mem::take(head);
                bytes.extend_from_slice(payload);
                self.first(side, bytes, frame)
            }
            State::Partial(..) => {
                self.state = State::Off;
                Vec::new()
            }
            State::Keyed { key, frame, tokens } => {
                let Some(pending) = tokens.get_mut(side) else {
                    return Vec::new();
                };
                pending.push(payload);
                let mut notes = Vec::new();
                while let Some(token) = pending.next() {
                    notes.push(token_note(key, *frame, &token));
                }
                notes
            }
        }
    }

    /// The conversation's first payload bytes (from `side`): a key, or not.
    fn first(&mut self, side: usize, bytes: Vec<u8>, frame: u32) -> Vec<Note> {
        if bytes.len() < KEY_LEN {
            let could_be = bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='));
            self.state = if could_be {
                State::Partial(side, bytes)
            } else {
                State::Off
            };
            return Vec::new();
        }
        let Some(key) = Key::parse(&bytes[..KEY_LEN]) else {
            self.state = State::Off;
            return Vec::new();
        };
        let mut notes = vec![Note::FernetKey {
            key: key.text().to_string(),
        }];
        let mut tokens: [Tokens; 2] = Default::default();
        let rest = &bytes[KEY_LEN..];
        if let Some(pending) = tokens.get_mut(side) {
            pending.push(&rest[..rest.len().min(MAX_TOKEN + 1)]);
            while let Some(token) = pending.next() {
                notes.push(token_note(&key, frame, &token));
            }
        }
        self.state = State::Keyed {
            key: Box::new(key),
            frame,
            tokens,
        };
        notes
    }
}

/// A token under the key of `frame`: its text, or that it does not decrypt.
fn token_note(key: &Key, frame: u32, token: &[u8]) -> Note {
    let len = u32::try_from(token.len()).unwrap_or(u32::MAX);
    let text = key.decrypt(token).ok().map(|p| printable(&p, MAX_TEXT));
    Note::FernetToken {
        key_frame: frame,
        len,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::from_seed(9).unwrap()
    }

    #[test]
    fn the_key_first_then_tokens_both_ways() {
        let k = key();
        let mut w = FernetWatch::default();
        let notes = w.watch(0, k.text().as_bytes(), 4);
        assert_eq!(
            notes,
            [Note::FernetKey {
                key: k.text().into()
            }]
        );
        let token = k.encrypt(b"Hello");
        let notes = w.watch(0, token.as_bytes(), 6);
        assert!(
            matches!(&notes[..], [Note::FernetToken { key_frame: 4, text: Some(t), .. }] if t == "Hello"),
            "{notes:?}"
        );
        let answer = k.encrypt(b"Recebido: Hello");
        let notes = w.watch(1, answer.as_bytes(), 8);
        assert!(
            matches!(&notes[..], [Note::FernetToken { text: Some(t), .. }] if t == "Recebido: Hello")
        );
        let other = Key::from_seed(1).unwrap().encrypt(b"x");
        let notes = w.watch(1, other.as_bytes(), 9);
        assert!(matches!(&notes[..], [Note::FernetToken { text: None, .. }]));
    }

    #[test]
    fn a_key_and_its_first_token_in_one_segment_or_the_key_cut_in_two() {
        let k = key();
        let token = k.encrypt(b"one");
        let mut w = FernetWatch::default();
        let both = format!("{}{token}", k.text());
        assert_eq!(w.watch(0, both.as_bytes(), 4).len(), 2);

        let mut w = FernetWatch::default();
        assert!(w.watch(0, &k.text().as_bytes()[..20], 4).is_empty());
        assert_eq!(w.watch(0, &k.text().as_bytes()[20..], 5).len(), 1);
    }

    #[test]
    fn other_conversations_are_left_alone() {
        for first in [
            &b"GET / HTTP/1.1\r\n\r\n"[..],
            b"SYN:1234",
            &[0u8; 44],
            b"MODO:Go-Back-N;TAMANHO:50\n",
        ] {
            let mut w = FernetWatch::default();
            assert!(w.watch(0, first, 4).is_empty());
            assert!(w.watch(0, key().text().as_bytes(), 5).is_empty());
        }
    }
}
