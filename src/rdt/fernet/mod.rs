//! The classic Fernet programs, as a lesson in what not to do.
//!
//! A class program "encrypts" its chat with Fernet (AES-128-CBC and
//! HMAC-SHA256), but its client makes a fresh key and sends it as the first
//! 44 bytes on the connection, in the clear, then one Fernet token per
//! message; the server answers each with a token of `Recebido: <msg>`.
//! Whoever captures the connection has the key, so the encryption hides
//! nothing. synack speaks that protocol ([`session`]) so a class can watch it
//! work, and `synack explain` reads such a capture back (see
//! `capture::fernet`) to show every message decrypted. The fix is `--secure`:
//! a Noise handshake, where no key ever crosses the wire.
//!
//! The stream has no framing: each side waits for the other's answer, so one
//! `recv()` is one token, except that the key and the first token may arrive
//! together (the key is always exactly [`KEY_LEN`] bytes, so it splits off),
//! and a token may, rarely, come in pieces. [`Tokens`] puts them back.

pub mod session;

use std::fmt;

use crate::narrate::{Lang, Localize};
use crate::tr;

/// Bytes of a Fernet key on the wire: 32 bytes in URL-safe base64.
pub const KEY_LEN: usize = 44;
/// The longest message synack sends: its token (and that of its answer,
/// `Recebido: ` longer) fits the 4096 bytes a classic program reads at once.
pub const MAX_MESSAGE: usize = 2900;
/// The longest token synack accepts from a peer, in bytes of base64: an
/// untrusted peer cannot make it buffer more.
pub const MAX_TOKEN: usize = 64 * 1024;
/// What the classic server puts before each message it answers.
pub const ANSWER_PREFIX: &str = "Recebido: ";
/// The message that ends a classic session.
pub const QUIT: &str = "sair";

/// Every token starts with the version byte 0x80 and a 64-bit timestamp whose
/// high bytes are zero for millennia: in base64, these six characters.
const TOKEN_START: &[u8] = b"gAAAAA";
/// Version (1), timestamp (8), IV (16), one AES block at least (16), HMAC (32).
const MIN_TOKEN_BYTES: usize = 73;

/// What goes wrong with the classic Fernet protocol, said so a user knows
/// what happened.
#[derive(Debug, thiserror::Error)]
pub enum FernetError {
    /// The peer closed with only part of the key sent.
    #[error("the client sent only {got} of the key's {KEY_LEN} bytes, then closed")]
    KeyCut { got: usize },
    /// The first 44 bytes are not a Fernet key.
    #[error("the first {KEY_LEN} bytes are not a Fernet key: {text}")]
    NotAKey { text: String },
    /// A token that does not decrypt under the session's key.
    #[error("a token of {len} bytes does not decrypt under this session's key")]
    BadToken { len: usize },
    /// The peer closed before answering (or in the middle of a token).
    #[error("the peer closed the connection before answering")]
    Vanished,
}

impl Localize for FernetError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            FernetError::KeyCut { got } => {
                tr!(lang, "rdt-fernet-error-key-cut", got = *got, len = KEY_LEN)
            }
            FernetError::NotAKey { text } => {
                tr!(
                    lang,
                    "rdt-fernet-error-not-a-key",
                    text = text,
                    len = KEY_LEN
                )
            }
            FernetError::BadToken { len } => tr!(lang, "rdt-fernet-error-bad-token", len = *len),
            FernetError::Vanished => tr!(lang, "rdt-fernet-error-vanished"),
        }
    }
}

/// A Fernet key, as it crossed the wire.
#[derive(Clone)]
pub struct Key {
    text: String,
    fernet: fernet::Fernet,
}

impl fmt::Debug for Key {
    /// The key is shown as it was sent: it is no secret once on the wire,
    /// and showing it is the lesson.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({})", self.text)
    }
}

impl Key {
    /// A fresh random key, as `Fernet.generate_key()` makes (`None` only if
    /// the crate ever made one it cannot read back).
    pub fn generate() -> Option<Key> {
        Key::parse(fernet::Fernet::generate_key().as_bytes())
    }

    /// A fixed key, for tests and examples that must not change.
    pub fn from_seed(seed: u8) -> Option<Key> {
        Key::parse(fernet_b64(&[seed; 32]).as_bytes())
    }

    /// `bytes` as a key: exactly 44 URL-safe base64 characters that decode to
    /// 32 bytes. Anything else is not a key.
    pub fn parse(bytes: &[u8]) -> Option<Key> {
        if bytes.len() != KEY_LEN || !bytes.iter().all(|b| is_b64(*b)) {
            return None;
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let fernet = fernet::Fernet::new(text)?;
        Some(Key {
            text: text.to_string(),
            fernet,
        })
    }

    /// The key as sent.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `message` as a token (fresh time and IV each call).
    pub fn encrypt(&self, message: &[u8]) -> String {
        self.fernet.encrypt(message)
    }

    /// The plaintext of `token`, with no time-to-live (the classic programs
    /// set none) and without asking the clock: a token is judged by its key
    /// alone, so a capture reads the same on every machine and every day.
    pub fn decrypt(&self, token: &[u8]) -> Result<Vec<u8>, FernetError> {
        let bad = || FernetError::BadToken { len: token.len() };
        let text = std::str::from_utf8(token).map_err(|_| bad())?;
        // The crate refuses tokens more than a minute past `now`; the
        // latest possible `now` turns that off without overflowing.
        self.fernet
            .decrypt_at_time(text, None, u64::MAX - 60)
            .map_err(|_| bad())
    }
}

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=')
}

/// URL-safe base64 with padding, as Fernet writes keys.
fn fernet_b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// URL-safe base64 back to bytes (padding optional); `None` for anything else.
fn fernet_unb64(text: &[u8]) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let end = text.iter().rposition(|&c| c != b'=').map_or(0, |p| p + 1);
    let (body, pad) = text.split_at(end);
    if pad.len() > 2 || body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    for chunk in body.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

/// What a token is made of, for `--explain` and `--bits`: Fernet's fields,
/// readable by anyone (only the ciphertext needs the key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anatomy {
    /// Seconds since 1970 when the token was made.
    pub timestamp: u64,
    /// The AES-CBC initialisation vector.
    pub iv: [u8; 16],
    /// Bytes of AES ciphertext (a multiple of 16).
    pub ciphertext: usize,
}

impl Anatomy {
    /// The fields of `token`, when it is shaped like a Fernet token.
    pub fn of(token: &[u8]) -> Option<Anatomy> {
        let raw = shaped(token)?;
        let mut ts = [0u8; 8];
        ts.copy_from_slice(raw.get(1..9)?);
        let mut iv = [0u8; 16];
        iv.copy_from_slice(raw.get(9..25)?);
        Some(Anatomy {
            timestamp: u64::from_be_bytes(ts),
            iv,
            ciphertext: raw.len() - 57,
        })
    }
}

/// The raw bytes of `token` when it has a token's shape: base64 of version
/// 0x80, a timestamp, an IV, whole AES blocks and an HMAC.
fn shaped(token: &[u8]) -> Option<Vec<u8>> {
    if token.len() > MAX_TOKEN {
        return None;
    }
    let raw = fernet_unb64(token)?;
    (raw.len() >= MIN_TOKEN_BYTES && (raw.len() - 57) % 16 == 0 && raw.first() == Some(&0x80))
        .then_some(raw)
}

/// Tokens put back together from what `recv()` returns: tokens have no
/// delimiter, but each starts with [`TOKEN_START`] and has a token's shape.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    pending: Vec<u8>,
}

impl Tokens {
    /// Takes what one read returned. What is held stays bounded: past
    /// [`MAX_TOKEN`] bytes with no token in them, [`Tokens::next`] gives them
    /// up as one (bad) token.
    pub fn push(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
    }

    /// Bytes held that make no whole token yet.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// The next token, whole or not a token at all (the key decides); `None`
    /// while what is held may still become a token.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Vec<u8>> {
        let end = self.peek()?;
        Some(self.pending.drain(..end).collect())
    }

    /// Where the next token ends, if it is in.
    fn peek(&self) -> Option<usize> {
        let p = &self.pending;
        if p.is_empty() {
            return None;
        }
        let next_start = find(&p[1..], TOKEN_START).map(|i| i + 1);
        let end = next_start.unwrap_or(p.len()).min(MAX_TOKEN);
        let candidate = &p[..end];
        let whole = shaped(candidate).is_some();
        // Not base64 at all: no more bytes will make it a token.
        let hopeless = !candidate.iter().all(|b| is_b64(*b))
            || !candidate.starts_with(&TOKEN_START[..candidate.len().min(TOKEN_START.len())]);
        (whole || hopeless || next_start.is_some() || end == MAX_TOKEN).then_some(end)
    }
}

/// Splits one payload into the tokens it holds (usually one).
pub fn split_tokens(payload: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = payload;
    while !rest.is_empty() {
        let end = rest
            .get(1..)
            .and_then(|r| find(r, TOKEN_START))
            .map_or(rest.len(), |i| i + 1);
        let (part, tail) = rest.split_at(end);
        parts.push(part);
        rest = tail;
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Text from the wire made safe to print: escaped, at most `max` characters.
pub fn printable(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i >= max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_44_url_safe_characters_of_32_bytes() {
        let key = Key::generate().unwrap();
        assert_eq!(key.text().len(), KEY_LEN);
        assert!(Key::parse(key.text().as_bytes()).is_some());
        assert!(Key::parse(&key.text().as_bytes()[..43]).is_none());
        assert!(Key::parse(&[b'A'; 44]).is_none(), "33 bytes, not 32");
        assert!(Key::parse("+".repeat(43).as_bytes()).is_none());
        assert!(Key::parse(b"").is_none());
        let fixed = Key::from_seed(7).unwrap();
        assert_eq!(fixed.text(), "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=");
    }

    #[test]
    fn a_token_decrypts_under_its_key_only() {
        let key = Key::from_seed(1).unwrap();
        let token = key.encrypt(b"Hello");
        assert_eq!(key.decrypt(token.as_bytes()).unwrap(), b"Hello");
        assert!(
            Key::from_seed(2)
                .unwrap()
                .decrypt(token.as_bytes())
                .is_err()
        );
        assert!(key.decrypt(b"gAAAAAnope").is_err());
        assert!(key.decrypt(&[0xff, 0xfe]).is_err());
        let anatomy = Anatomy::of(token.as_bytes()).unwrap();
        assert_eq!(anatomy.ciphertext, 16);
    }

    #[test]
    fn tokens_are_cut_apart_and_put_back_together() {
        let key = Key::from_seed(3).unwrap();
        let (a, b) = (key.encrypt(b"one"), key.encrypt(b"two"));
        let both = format!("{a}{b}");
        assert_eq!(split_tokens(both.as_bytes()), [a.as_bytes(), b.as_bytes()]);

        let mut tokens = Tokens::default();
        tokens.push(&a.as_bytes()[..30]);
        assert_eq!(tokens.next(), None, "half a token waits");
        tokens.push(&a.as_bytes()[30..]);
        tokens.push(b.as_bytes());
        assert_eq!(tokens.next().unwrap(), a.as_bytes());
        assert_eq!(tokens.next().unwrap(), b.as_bytes());
        assert_eq!(tokens.next(), None);

        tokens.push(b"hello\n");
        assert_eq!(
            tokens.next().unwrap(),
            b"hello\n",
            "not a token: said at once"
        );
    }

    #[test]
    fn a_peer_cannot_make_the_buffer_grow_without_end() {
        let mut tokens = Tokens::default();
        let mut chunk = b"gAAAAA".to_vec();
        chunk.resize(4096, b'A');
        for _ in 0..100 {
            tokens.push(&chunk[..]);
            while tokens.next().is_some() {}
            assert!(tokens.pending() <= MAX_TOKEN, "{}", tokens.pending());
        }
    }

    #[test]
    fn garbage_never_panics() {
        for bytes in [&b""[..], b"=", b"====", b"gAAAAA", b"\x80\x00", b"a=b=c"] {
            let _ = Anatomy::of(bytes);
            let _ = split_tokens(bytes);
            let _ = Key::from_seed(0).unwrap().decrypt(bytes);
        }
        assert_eq!(printable(b"a\nb", 10), "a\\nb");
        assert_eq!(printable(b"abcdef", 3), "abc…");
    }
}
