//! The classic text exchange of the course project the lab grew from: two of
//! its three versions, "Canal sem erros" and "Canal com erros". The classic
//! programs write text with `send()` and read it with one `recv(1024)`, with
//! no framing and no newline; since each side waits for the other's answer
//! before it writes again, one read is one message.
//!
//! ```text
//! client: MODO:Canal com erros;TAMANHO:50
//! server: Handshake OK - modo: Canal com erros, tamanho máximo: 50
//! client: Olá                    server: Servidor recebeu com sucesso: Olá
//! client: sair                   (both close)
//! ```
//!
//! With errors, the server simulates a bad channel *above* TCP: it answers
//! `ERRO_CORROMPIDO` instead of the confirmation, or does not answer, or
//! answers late; the client waits 2 s per try and tries 3 times. TCP itself
//! delivered every byte: the errors are the application's make-believe,
//! which is exactly what the narration points out.
//!
//! - [`trace`]: the steps of a classic session and their statistics;
//! - [`faults`]: the server's seeded decisions per message;
//! - [`server`] and [`client`]: the two sides on real sockets;
//! - [`narration`] and [`view`]: `--explain`, the log, `--bits`, `--json`.

pub mod client;
pub mod faults;
pub mod narration;
pub mod server;
pub mod trace;
pub mod view;

use std::time::Duration;

use super::handshake::{HandshakeError, MAX_LINE, MAX_SIZE, MIN_SIZE, OK};

/// The confirmation's fixed start: the classic server answers it and the
/// message it received.
pub const CONFIRMATION: &str = "Servidor recebeu com sucesso: ";
/// What the classic server answers instead when it simulates corruption.
pub const CORRUPTED: &str = "ERRO_CORROMPIDO";
/// The line that ends a session; the server does not answer it.
pub const QUIT: &str = "sair";
/// How long the classic client with errors waits for each answer.
pub const CLASSIC_TIMEOUT: Duration = Duration::from_secs(2);
/// How many times the classic client with errors sends one message.
pub const CLASSIC_TRIES: u32 = 3;
/// How long the classic server with errors holds each answer: from 0.2 to 1 s.
pub const CLASSIC_DELAY: DelayRange = DelayRange {
    min: Duration::from_millis(200),
    max: Duration::from_millis(1000),
};
/// The classic server's probability of each simulated fault.
pub const CLASSIC_RATE: f64 = 0.1;
/// The most bytes one read takes: the classic programs read 1024 at a time,
/// a message over TAMANHO is refused anyway, and a peer that floods gets an
/// error answer per read, never unbounded memory.
pub const MAX_READ: usize = 4096;

/// The two classic versions that share this exchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClassicMode {
    /// "Canal sem erros": every message confirmed at once.
    Clean,
    /// "Canal com erros": corruption, loss and delay, simulated by the server.
    Lossy,
}

impl ClassicMode {
    /// The name the classic programs send in `MODO:`.
    pub fn name(self) -> &'static str {
        match self {
            ClassicMode::Clean => "Canal sem erros",
            ClassicMode::Lossy => "Canal com erros",
        }
    }

    /// How the command line names it: `sem-erros`, `com-erros`.
    pub fn short(self) -> &'static str {
        match self {
            ClassicMode::Clean => "sem-erros",
            ClassicMode::Lossy => "com-erros",
        }
    }

    /// Any accepted spelling, in any case, with or without accents and the
    /// word "canal": `Canal sem erros`, `CANAL COM ERROS`, `sem-erros`,
    /// `canal_com_érros`. The English `clean` and `lossy` work too.
    pub fn parse(text: &str) -> Option<ClassicMode> {
        let words: Vec<String> = fold(text)
            .split([' ', '-', '_'])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let words = match words.as_slice() {
            ["canal", rest @ ..] => rest,
            rest => rest,
        };
        match words {
            ["sem", "erros" | "erro"] | ["clean"] => Some(ClassicMode::Clean),
            ["com", "erros" | "erro"] | ["lossy"] => Some(ClassicMode::Lossy),
            _ => None,
        }
    }
}

/// Lower case without the accents Portuguese puts on vowels and `ç`, so a
/// name typed on any keyboard matches.
fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' => 'a',
            'é' | 'ê' => 'e',
            'í' => 'i',
            'ó' | 'ô' | 'õ' => 'o',
            'ú' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

/// A classic handshake: the mode and the most bytes one message may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hello {
    pub mode: ClassicMode,
    pub max_size: usize,
}

impl Hello {
    /// The request line a classic client sends (no newline).
    pub fn request_line(&self) -> String {
        format!("MODO:{};TAMANHO:{}", self.mode.name(), self.max_size)
    }

    /// The classic server's answer: the client checks only that it starts
    /// with `Handshake OK`.
    pub fn reply_line(&self) -> String {
        format!(
            "{OK} - modo: {}, tamanho máximo: {}",
            self.mode.name(),
            self.max_size
        )
    }

    /// Whether `line` asks for a classic mode: `None` when its `MODO` is not
    /// one (the lab's own handshake then reads it), else the request or why
    /// it is refused (no size, a size out of range).
    pub fn detect(line: &str) -> Option<Result<Hello, HandshakeError>> {
        if line.len() > MAX_LINE {
            return None;
        }
        let mut mode = None;
        let mut size = None;
        for field in line.trim().split(';') {
            let Some((key, value)) = field.split_once(':') else {
                continue;
            };
            match key.trim().to_uppercase().as_str() {
                "MODO" | "MODE" => mode = ClassicMode::parse(value),
                "TAMANHO" | "SIZE" => size = Some(value.trim().to_string()),
                _ => {}
            }
        }
        let mode = mode?;
        let Some(size) = size else {
            return Some(Err(HandshakeError::NoSize));
        };
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Err(HandshakeError::BadNumber {
                field: "TAMANHO",
                value: size.chars().take(20).collect(),
            }));
        }
        let n = size.parse::<usize>().unwrap_or(usize::MAX);
        if !(MIN_SIZE..=MAX_SIZE).contains(&n) {
            return Some(Err(HandshakeError::SizeOutOfRange { size }));
        }
        Some(Ok(Hello { mode, max_size: n }))
    }
}

/// How long the server holds an answer: a time drawn between `min` and
/// `max` for each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DelayRange {
    pub min: Duration,
    pub max: Duration,
}

impl DelayRange {
    /// `MS` (always that long) or `MIN-MAX` in milliseconds.
    pub fn parse(text: &str) -> Option<DelayRange> {
        let ms = |t: &str| t.trim().parse::<u64>().ok().filter(|n| *n <= 60_000);
        let (min, max) = match text.split_once('-') {
            Some((a, b)) => (ms(a)?, ms(b)?),
            None => (ms(text)?, ms(text)?),
        };
        (min <= max).then_some(DelayRange {
            min: Duration::from_millis(min),
            max: Duration::from_millis(max),
        })
    }
}

/// Whether `text` is the line that ends a session (`sair`, any case, with
/// blanks around it).
pub fn is_quit(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case(QUIT)
}

/// The confirmation the server sends for `message`.
pub fn confirmation(message: &str) -> String {
    format!("{CONFIRMATION}{message}")
}

/// Splits what one read brought into the answers it holds. The classic
/// exchange has no framing: a late answer and the next one can arrive in
/// one read, and the only way to tell them apart is where an answer starts
/// (a confirmation or `ERRO_CORROMPIDO`).
pub fn split_answers(text: &str) -> Vec<String> {
    let mut starts: Vec<usize> = [CONFIRMATION, CORRUPTED]
        .iter()
        .flat_map(|m| text.match_indices(m).map(|(i, _)| i))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut out = Vec::new();
    for (i, &at) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let piece = text[at..end].trim_end_matches(['\n', '\r']);
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_modes_parse_in_any_case_and_accents() {
        for text in [
            "Canal sem erros",
            "canal sem erros",
            "CANAL SEM ERROS",
            "sem-erros",
            "Canal_sem_érros",
        ] {
            assert_eq!(ClassicMode::parse(text), Some(ClassicMode::Clean), "{text}");
        }
        for text in ["Canal com erros", "COM ERROS", "com-erros", "lossy"] {
            assert_eq!(ClassicMode::parse(text), Some(ClassicMode::Lossy), "{text}");
        }
        assert_eq!(ClassicMode::parse("Go-Back-N"), None);
        assert_eq!(ClassicMode::parse("canal"), None);
        assert_eq!(ClassicMode::parse(""), None);
    }

    #[test]
    fn the_classic_handshake_is_detected_and_answered() {
        let hello = Hello::detect("MODO:Canal sem erros;TAMANHO:50")
            .unwrap()
            .unwrap();
        assert_eq!(
            hello,
            Hello {
                mode: ClassicMode::Clean,
                max_size: 50
            }
        );
        assert_eq!(
            hello.reply_line(),
            "Handshake OK - modo: Canal sem erros, tamanho máximo: 50"
        );
        assert_eq!(
            Hello::detect(&hello.request_line()),
            Some(Ok(hello)),
            "round trip"
        );
        assert_eq!(Hello::detect("MODO:Go-Back-N;TAMANHO:50"), None);
        assert_eq!(
            Hello::detect("modo: canal com érros"),
            Some(Err(HandshakeError::NoSize))
        );
        assert_eq!(
            Hello::detect("MODO:Canal com erros;TAMANHO:0"),
            Some(Err(HandshakeError::SizeOutOfRange { size: "0".into() }))
        );
        assert!(matches!(
            Hello::detect("MODO:Canal com erros;TAMANHO:-3"),
            Some(Err(HandshakeError::BadNumber { .. }))
        ));
        assert_eq!(Hello::detect(&"x".repeat(MAX_LINE + 1)), None);
    }

    #[test]
    fn answers_that_share_a_read_are_told_apart() {
        assert_eq!(
            split_answers("Servidor recebeu com sucesso: aERRO_CORROMPIDO"),
            ["Servidor recebeu com sucesso: a", "ERRO_CORROMPIDO"]
        );
        assert_eq!(
            split_answers("ERRO_CORROMPIDOServidor recebeu com sucesso: b\n"),
            ["ERRO_CORROMPIDO", "Servidor recebeu com sucesso: b"]
        );
        assert_eq!(split_answers("something else"), ["something else"]);
        assert!(split_answers("").is_empty());
    }

    #[test]
    fn delays_parse_as_one_time_or_a_range() {
        assert_eq!(DelayRange::parse("200-1000"), Some(CLASSIC_DELAY));
        assert_eq!(
            DelayRange::parse("5"),
            Some(DelayRange {
                min: Duration::from_millis(5),
                max: Duration::from_millis(5)
            })
        );
        assert_eq!(DelayRange::parse("9-3"), None);
        assert_eq!(DelayRange::parse("x"), None);
        assert_eq!(DelayRange::parse("1-999999"), None);
    }
}
