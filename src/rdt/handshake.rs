//! The text handshake that opens every session (port 5000 by default): the
//! client proposes a mode and a maximum packet size in one line, the server
//! agrees or refuses in one line.
//!
//! ```text
//! client: MODO:Go-Back-N;TAMANHO:50
//! server: Handshake OK MODO:Go-Back-N;TAMANHO:50;JANELA:4;SEQ:3
//! ```
//!
//! Fields are `KEY:VALUE` separated by `;`, keys case-insensitive (the English
//! `MODE`, `SIZE`, `WINDOW`, `BITS`, `SECURE` work too). `MODO` and `TAMANHO`
//! are required; `JANELA` (the window), `SEQ` (sequence-number bits) and
//! `SEGURO:1` (secure mode) are optional and default as the server's answer
//! shows. Unknown fields are ignored. Classic clients send the line without a
//! newline and wait: [`is_complete`] tells the server when a line is whole.

use super::mode::Mode;
use super::seq::SeqSpace;
use crate::narrate::{Lang, Localize};
use crate::tr;

/// The default port of the lab.
pub const DEFAULT_PORT: u16 = 5000;
/// The smallest and largest data size per packet a server accepts.
pub const MIN_SIZE: usize = 1;
pub const MAX_SIZE: usize = 1024;
/// The largest window.
pub const MAX_WINDOW: u16 = 64;
/// A handshake line longer than this is refused before more is read.
pub const MAX_LINE: usize = 256;
/// How every positive answer starts.
pub const OK: &str = "Handshake OK";
/// How every refusal starts.
pub const REFUSED: &str = "Handshake ERRO:";

/// What the client asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub mode: Mode,
    pub max_size: usize,
    pub window: Option<u16>,
    pub seq_bits: Option<u8>,
    pub secure: bool,
}

/// What both sides agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub mode: Mode,
    /// Most data bytes in one packet.
    pub max_size: usize,
    pub window: u16,
    pub space: SeqSpace,
    pub secure: bool,
}

/// Why a handshake line was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HandshakeError {
    #[error("no MODO field (send MODO:<mode>;TAMANHO:<size>)")]
    NoMode,
    #[error("no TAMANHO field (send MODO:<mode>;TAMANHO:<size>)")]
    NoSize,
    #[error("`{0}` is not KEY:VALUE")]
    Garbled(String),
    #[error(
        "unknown mode `{0}` (use Stop-and-Wait, Go-Back-N or Selective-Repeat, or the classic Canal sem erros or Canal com erros)"
    )]
    UnknownMode(String),
    #[error("{field} must be a whole number, not `{value}`")]
    BadNumber { field: &'static str, value: String },
    #[error("size {size} is out of range ({MIN_SIZE} to {MAX_SIZE} bytes)")]
    SizeOutOfRange { size: String },
    #[error("window {window} is out of range (1 to {MAX_WINDOW})")]
    WindowOutOfRange { window: String },
    #[error("{bits} sequence-number bits is out of range (1 to 16)")]
    BitsOutOfRange { bits: String },
    #[error(
        "{mode} with {bits}-bit sequence numbers allows a window of at most {max}, not {window}"
    )]
    WindowTooLarge {
        mode: Mode,
        window: u16,
        bits: u8,
        max: u32,
    },
    #[error("this server runs in secure mode: connect with --secure")]
    SecureRequired,
    #[error("this server has no key for secure mode")]
    SecureUnavailable,
    #[error("the line is longer than {MAX_LINE} bytes")]
    TooLong,
}

impl Localize for HandshakeError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            HandshakeError::NoMode => tr!(lang, "rdt-hs-no-mode"),
            HandshakeError::NoSize => tr!(lang, "rdt-hs-no-size"),
            HandshakeError::Garbled(t) => tr!(lang, "rdt-hs-garbled", text = t),
            HandshakeError::UnknownMode(m) => tr!(lang, "rdt-hs-unknown-mode", mode = m),
            HandshakeError::BadNumber { field, value } => {
                tr!(lang, "rdt-hs-bad-number", field = *field, value = value)
            }
            HandshakeError::SizeOutOfRange { size } => tr!(
                lang,
                "rdt-hs-size-range",
                size = size,
                min = MIN_SIZE,
                max = MAX_SIZE
            ),
            HandshakeError::WindowOutOfRange { window } => tr!(
                lang,
                "rdt-hs-window-range",
                window = window,
                max = MAX_WINDOW
            ),
            HandshakeError::BitsOutOfRange { bits } => {
                tr!(lang, "rdt-hs-bits-range", bits = bits)
            }
            HandshakeError::WindowTooLarge {
                mode,
                window,
                bits,
                max,
            } => tr!(
                lang,
                "rdt-hs-window-too-large",
                mode = mode.name(),
                window = *window,
                bits = *bits,
                max = *max
            ),
            HandshakeError::SecureRequired => tr!(lang, "rdt-hs-secure-required"),
            HandshakeError::SecureUnavailable => tr!(lang, "rdt-hs-secure-unavailable"),
            HandshakeError::TooLong => tr!(lang, "rdt-hs-too-long", max = MAX_LINE),
        }
    }
}

/// The fields of a line, keys upper-cased, in order.
fn fields(line: &str) -> Result<Vec<(String, String)>, HandshakeError> {
    line.trim()
        .split(';')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| match f.split_once(':') {
            Some((k, v)) => Ok((k.trim().to_uppercase(), v.trim().to_string())),
            None => Err(HandshakeError::Garbled(f.chars().take(40).collect())),
        })
        .collect()
}

fn key_is(key: &str, names: &[&str]) -> bool {
    names.contains(&key)
}

const MODE_KEYS: &[&str] = &["MODO", "MODE"];
const SIZE_KEYS: &[&str] = &["TAMANHO", "SIZE"];
const WINDOW_KEYS: &[&str] = &["JANELA", "WINDOW"];
const BITS_KEYS: &[&str] = &["SEQ", "BITS"];
const SECURE_KEYS: &[&str] = &["SEGURO", "SECURE"];

fn number(field: &'static str, value: &str) -> Result<u64, HandshakeError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HandshakeError::BadNumber {
            field,
            value: value.chars().take(20).collect(),
        });
    }
    // All digits: too many of them is simply out of range.
    Ok(value.parse::<u64>().unwrap_or(u64::MAX))
}

impl Proposal {
    /// Parses the client's line.
    pub fn parse(line: &str) -> Result<Proposal, HandshakeError> {
        if line.len() > MAX_LINE {
            return Err(HandshakeError::TooLong);
        }
        let mut mode = None;
        let mut size = None;
        let mut window = None;
        let mut bits = None;
        let mut secure = false;
        for (key, value) in fields(line)? {
            if key_is(&key, MODE_KEYS) {
                mode = Some(Mode::parse(&value).ok_or_else(|| {
                    HandshakeError::UnknownMode(value.chars().take(40).collect())
                })?);
            } else if key_is(&key, SIZE_KEYS) {
                let n = number("TAMANHO", &value)?;
                if !(MIN_SIZE as u64..=MAX_SIZE as u64).contains(&n) {
                    return Err(HandshakeError::SizeOutOfRange { size: value });
                }
                size = Some(n as usize);
            } else if key_is(&key, WINDOW_KEYS) {
                let n = number("JANELA", &value)?;
                if !(1..=u64::from(MAX_WINDOW)).contains(&n) {
                    return Err(HandshakeError::WindowOutOfRange { window: value });
                }
                window = Some(n as u16);
            } else if key_is(&key, BITS_KEYS) {
                let n = number("SEQ", &value)?;
                if !(1..=u64::from(SeqSpace::MAX_BITS)).contains(&n) {
                    return Err(HandshakeError::BitsOutOfRange { bits: value });
                }
                bits = Some(n as u8);
            } else if key_is(&key, SECURE_KEYS) {
                secure = matches!(
                    value.to_lowercase().as_str(),
                    "1" | "sim" | "yes" | "true" | "noise"
                );
            }
        }
        Ok(Proposal {
            mode: mode.ok_or(HandshakeError::NoMode)?,
            max_size: size.ok_or(HandshakeError::NoSize)?,
            window,
            seq_bits: bits,
            secure,
        })
    }

    /// The line the client sends (without its newline): the optional fields
    /// only when asked for.
    pub fn to_line(&self) -> String {
        let mut line = format!("MODO:{};TAMANHO:{}", self.mode.name(), self.max_size);
        if let Some(w) = self.window {
            line.push_str(&format!(";JANELA:{w}"));
        }
        if let Some(b) = self.seq_bits {
            line.push_str(&format!(";SEQ:{b}"));
        }
        if self.secure {
            line.push_str(";SEGURO:1");
        }
        line
    }

    /// What the server agrees to, filling in defaults. `server_secure`:
    /// whether this server runs in secure mode (it then requires it);
    /// `reordering`: whether its channel reorders (more sequence numbers then).
    pub fn agree(
        &self,
        server_secure: bool,
        reordering: bool,
    ) -> Result<Agreement, HandshakeError> {
        match (self.secure, server_secure) {
            (false, true) => return Err(HandshakeError::SecureRequired),
            (true, false) => return Err(HandshakeError::SecureUnavailable),
            _ => {}
        }
        // The same limits `parse` applies to a line, for proposals built
        // directly (the simulator, `rdt compare`).
        if !(MIN_SIZE..=MAX_SIZE).contains(&self.max_size) {
            return Err(HandshakeError::SizeOutOfRange {
                size: self.max_size.to_string(),
            });
        }
        if self.window.is_some_and(|w| !(1..=MAX_WINDOW).contains(&w)) {
            return Err(HandshakeError::WindowOutOfRange {
                window: self.window.unwrap_or_default().to_string(),
            });
        }
        let window = self.window.unwrap_or(self.mode.default_window());
        let bits = self
            .seq_bits
            .unwrap_or_else(|| self.mode.safe_bits(window, reordering));
        let space = SeqSpace::new(bits).ok_or(HandshakeError::BitsOutOfRange {
            bits: bits.to_string(),
        })?;
        let max = self.mode.max_window(space).min(u32::from(MAX_WINDOW));
        if u32::from(window) > max {
            return Err(HandshakeError::WindowTooLarge {
                mode: self.mode,
                window,
                bits,
                max,
            });
        }
        Ok(Agreement {
            mode: self.mode,
            max_size: self.max_size,
            window,
            space,
            secure: self.secure,
        })
    }
}

impl Agreement {
    /// The server's answer (without its newline): everything agreed, spelled out.
    pub fn reply_line(&self) -> String {
        let mut line = format!(
            "{OK} MODO:{};TAMANHO:{};JANELA:{};SEQ:{}",
            self.mode.name(),
            self.max_size,
            self.window,
            self.space.bits()
        );
        if self.secure {
            line.push_str(";SEGURO:1");
        }
        line
    }
}

/// The server's answer, as the client reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Agreed(Agreement),
    /// `Handshake ERRO: reason`.
    Refused(String),
    /// Anything else.
    Unexpected(String),
}

/// Reads the server's answer line.
pub fn parse_reply(line: &str) -> Reply {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix(REFUSED) {
        return Reply::Refused(rest.trim().to_string());
    }
    let Some(rest) = line.strip_prefix(OK) else {
        return Reply::Unexpected(line.chars().take(80).collect());
    };
    match Proposal::parse(rest.trim_start_matches([':', ' '])) {
        Ok(p) => match p.agree(p.secure, false) {
            Ok(a) => Reply::Agreed(a),
            Err(_) => Reply::Unexpected(line.chars().take(80).collect()),
        },
        Err(_) => Reply::Unexpected(line.chars().take(80).collect()),
    }
}

/// Whether `buffer`, with no newline yet, already holds a whole classic
/// request: a `MODO` field and a `TAMANHO` field of digits, the last field
/// not cut short. The server then waits a moment for more and takes it.
pub fn is_complete(buffer: &str) -> bool {
    let text = buffer.trim();
    if text.ends_with(';') || text.ends_with(':') {
        return false;
    }
    let Ok(fields) = fields(text) else {
        return false;
    };
    let has_mode = fields
        .iter()
        .any(|(k, v)| key_is(k, MODE_KEYS) && !v.is_empty());
    let has_size = fields.iter().any(|(k, v)| {
        key_is(k, SIZE_KEYS) && !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
    });
    has_mode && has_size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classic_line_is_agreed_with_defaults() {
        let p = Proposal::parse("MODO:Go-Back-N;TAMANHO:50").unwrap();
        let a = p.agree(false, false).unwrap();
        assert_eq!(
            a.reply_line(),
            "Handshake OK MODO:Go-Back-N;TAMANHO:50;JANELA:4;SEQ:3"
        );
        assert_eq!(parse_reply(&a.reply_line()), Reply::Agreed(a));
        let a = Proposal::parse("modo: repetição seletiva ; tamanho: 8; janela:2")
            .unwrap()
            .agree(false, false)
            .unwrap();
        assert_eq!(
            (a.mode, a.window, a.space.bits()),
            (Mode::SelectiveRepeat, 2, 2)
        );
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(
            Proposal::parse("MODO:TCP;TAMANHO:50"),
            Err(HandshakeError::UnknownMode("TCP".into()))
        );
        assert_eq!(
            Proposal::parse("MODO:gbn;TAMANHO:0"),
            Err(HandshakeError::SizeOutOfRange { size: "0".into() })
        );
        assert_eq!(
            Proposal::parse("MODO:gbn;TAMANHO:99999999999999999999999"),
            Err(HandshakeError::SizeOutOfRange {
                size: "99999999999999999999999".into()
            })
        );
        assert_eq!(Proposal::parse("TAMANHO:5"), Err(HandshakeError::NoMode));
        assert!(matches!(
            Proposal::parse("MODO:sr;TAMANHO:5;JANELA:5;SEQ:3")
                .unwrap()
                .agree(false, false),
            Err(HandshakeError::WindowTooLarge { max: 4, .. })
        ));
        assert_eq!(
            Proposal::parse("MODO:sr;TAMANHO:5")
                .unwrap()
                .agree(true, false),
            Err(HandshakeError::SecureRequired)
        );
        assert_eq!(
            parse_reply("Handshake ERRO: modo desconhecido"),
            Reply::Refused("modo desconhecido".into())
        );
    }

    #[test]
    fn completeness_without_a_newline() {
        assert!(is_complete("MODO:Go-Back-N;TAMANHO:50"));
        assert!(is_complete("TAMANHO:50;MODO:saw"));
        assert!(!is_complete("MODO:Go-Back-N;TAMANHO:"));
        assert!(!is_complete("MODO:Go-Back-N;TAMANHO:50;"));
        assert!(!is_complete("MODO:Go-Back-N"));
    }

    #[test]
    fn proposals_round_trip() {
        let p = Proposal {
            mode: Mode::StopAndWait,
            max_size: 10,
            window: None,
            seq_bits: Some(2),
            secure: true,
        };
        assert_eq!(p.to_line(), "MODO:Stop-and-Wait;TAMANHO:10;SEQ:2;SEGURO:1");
        assert_eq!(Proposal::parse(&p.to_line()), Ok(p));
    }
}
