//! What a question expects, how a typed answer is read, and how it is graded.
//! Reading is forgiving about form (case, spaces, `SYN ACK` or `ACK,SYN`,
//! `0x1A2B` or `1a2b`, `200 ms` or `0.2`), strict about content; an answer
//! that cannot be read at all is not graded but asked again, with the form
//! expected.

use crate::narrate::Lang;
use crate::tcp::{Flags, State};
use crate::tr;
use crate::trace::Host;

/// The right answer to a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A connection state (RFC 9293's names).
    State(State),
    /// A segment's control bits.
    Flags(Flags),
    /// A whole number; `near` is a value worth half marks (an off-by-one
    /// that forgot SYN or FIN takes a sequence number), with why.
    Number { value: u64, near: Option<u64> },
    /// A duration, in microseconds; answers within 1 % are right.
    Seconds(u64),
    /// Which side.
    Side(Host),
    /// A 16-bit value written in hex (a checksum).
    Hex16(u16),
    /// One byte as eight bits.
    Bits8(u8),
    /// A list of sequence numbers (the rdt sender's window), in order.
    List(Vec<u16>),
}

/// How right an answer was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    Right,
    Partly,
    Wrong,
}

impl Grade {
    /// The share of the question's mark.
    pub fn score(self) -> f64 {
        match self {
            Grade::Right => 1.0,
            Grade::Partly => 0.5,
            Grade::Wrong => 0.0,
        }
    }

    /// `right`, `partly`, `wrong`: the JSON and answer-file spelling.
    pub fn name(self) -> &'static str {
        match self {
            Grade::Right => "right",
            Grade::Partly => "partly",
            Grade::Wrong => "wrong",
        }
    }
}

/// An answer that was read: the same shapes as [`Expected`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Given {
    State(State),
    Flags(Flags),
    Number(u64),
    Seconds(u64),
    Side(Host),
    Hex16(u16),
    Bits8(u8),
    List(Vec<u16>),
}

impl Expected {
    /// How to write an answer, for the prompt and for a malformed answer.
    pub fn form(&self, lang: Lang) -> String {
        match self {
            Expected::State(_) => tr!(lang, "quiz-form-state"),
            Expected::Flags(_) => tr!(lang, "quiz-form-flags"),
            Expected::Number { .. } => tr!(lang, "quiz-form-number"),
            Expected::Seconds(_) => tr!(lang, "quiz-form-seconds"),
            Expected::Side(_) => tr!(lang, "quiz-form-side"),
            Expected::Hex16(_) => tr!(lang, "quiz-form-hex"),
            Expected::Bits8(_) => tr!(lang, "quiz-form-bits"),
            Expected::List(_) => tr!(lang, "quiz-form-list"),
        }
    }

    /// The right answer, written the way an answer is typed.
    pub fn shown(&self) -> String {
        match self {
            Expected::State(s) => s.name().to_string(),
            Expected::Flags(f) => f.to_string(),
            Expected::Number { value, .. } => value.to_string(),
            Expected::Seconds(us) => seconds(*us),
            Expected::Side(h) => h.name().to_string(),
            Expected::Hex16(v) => format!("0x{v:04x}"),
            Expected::Bits8(b) => format!("{b:08b}"),
            Expected::List(l) => l.iter().map(u16::to_string).collect::<Vec<_>>().join(" "),
        }
    }

    /// Reads `text` as an answer to this question; `None` when it is not
    /// in the form expected (the caller says [`Expected::form`] and asks again).
    pub fn read(&self, text: &str) -> Option<Given> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        Some(match self {
            Expected::State(_) => Given::State(read_state(text)?),
            Expected::Flags(_) => Given::Flags(read_flags(text)?),
            Expected::Number { .. } => Given::Number(read_number(text)?),
            Expected::Seconds(_) => Given::Seconds(read_seconds(text)?),
            Expected::Side(_) => Given::Side(read_side(text)?),
            Expected::Hex16(_) => Given::Hex16(read_hex16(text)?),
            Expected::Bits8(_) => Given::Bits8(read_bits8(text)?),
            Expected::List(_) => Given::List(read_list(text)?),
        })
    }

    /// How right `given` is.
    pub fn grade(&self, given: &Given) -> Grade {
        let exact = |ok: bool| if ok { Grade::Right } else { Grade::Wrong };
        match (self, given) {
            (Expected::State(e), Given::State(g)) => exact(e == g),
            (Expected::Flags(e), Given::Flags(g)) => {
                if e == g {
                    Grade::Right
                } else if g.0 != 0 && e.0 & g.0 == g.0 {
                    // Some of the flags and nothing else: half marks. One
                    // too many (SYN,ACK for a SYN) is another segment: wrong.
                    Grade::Partly
                } else {
                    Grade::Wrong
                }
            }
            (Expected::Number { value, near }, Given::Number(g)) => {
                if g == value {
                    Grade::Right
                } else if Some(*g) == *near {
                    Grade::Partly
                } else {
                    Grade::Wrong
                }
            }
            (Expected::Seconds(e), Given::Seconds(g)) => {
                let tolerance = (e / 100).max(1_000);
                exact(e.abs_diff(*g) <= tolerance)
            }
            (Expected::Side(e), Given::Side(g)) => exact(e == g),
            (Expected::Hex16(e), Given::Hex16(g)) => exact(e == g),
            (Expected::Bits8(e), Given::Bits8(g)) => {
                let wrong_bits = (e ^ g).count_ones();
                match wrong_bits {
                    0 => Grade::Right,
                    1 => Grade::Partly,
                    _ => Grade::Wrong,
                }
            }
            (Expected::List(e), Given::List(g)) => {
                if e == g {
                    Grade::Right
                } else if !g.is_empty() && g.iter().all(|s| e.contains(s)) {
                    Grade::Partly
                } else {
                    Grade::Wrong
                }
            }
            _ => Grade::Wrong,
        }
    }
}

/// `1 s`, `0.2 s`, `1.5 s`: how a duration answer is shown.
pub fn seconds(us: u64) -> String {
    let s = format!("{:.6}", us as f64 / 1e6);
    format!("{} s", s.trim_end_matches('0').trim_end_matches('.'))
}

fn read_state(text: &str) -> Option<State> {
    let spelled = text
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    State::parse(&spelled).or_else(|| {
        // FIN-WAIT1, FINWAIT-1, SYN-RCVD: common spellings of the same names.
        let squashed: String = spelled.chars().filter(|c| *c != '-').collect();
        State::ALL.into_iter().find(|s| {
            let name: String = s.name().chars().filter(|c| *c != '-').collect();
            name.eq_ignore_ascii_case(&squashed)
                || (squashed.eq_ignore_ascii_case("SYNRCVD") && *s == State::SynReceived)
        })
    })
}

fn read_flags(text: &str) -> Option<Flags> {
    let mut flags = Flags(0);
    let mut any = false;
    for part in text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '+' | '|' | '/' | ';'))
        .filter(|p| !p.is_empty())
    {
        flags = Flags(flags.0 | Flags::parse(part)?.0);
        any = true;
    }
    any.then_some(flags)
}

fn read_number(text: &str) -> Option<u64> {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    digits.parse().ok()
}

fn read_seconds(text: &str) -> Option<u64> {
    let t = text.to_ascii_lowercase().replace(',', ".");
    let (number, scale) = if let Some(ms) = t.strip_suffix("ms") {
        (ms, 1e3)
    } else if let Some(us) = t.strip_suffix("µs").or_else(|| t.strip_suffix("us")) {
        (us, 1.0)
    } else if let Some(s) = t.strip_suffix('s') {
        (s, 1e6)
    } else {
        (t.as_str(), 1e6)
    };
    let value: f64 = number.trim().parse().ok()?;
    (value.is_finite() && (0.0..1e7).contains(&value)).then(|| (value * scale).round() as u64)
}

fn read_side(text: &str) -> Option<Host> {
    match text.to_lowercase().as_str() {
        "client" | "cliente" | "c" => Some(Host::Client),
        "server" | "servidor" | "s" => Some(Host::Server),
        _ => None,
    }
}

fn read_hex16(text: &str) -> Option<u16> {
    let t = text.trim();
    let t = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    u16::from_str_radix(&digits, 16).ok()
}

fn read_bits8(text: &str) -> Option<u8> {
    let bits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if bits.len() != 8 || !bits.chars().all(|c| c == '0' || c == '1') {
        return None;
    }
    u8::from_str_radix(&bits, 2).ok()
}

fn read_list(text: &str) -> Option<Vec<u16>> {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { ' ' })
        .collect();
    if text.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let list: Option<Vec<u16>> = cleaned.split_whitespace().map(|n| n.parse().ok()).collect();
    list.filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(e: &Expected, text: &str) -> Option<Grade> {
        e.read(text).map(|g| e.grade(&g))
    }

    #[test]
    fn answers_are_read_forgivingly_in_form_and_strictly_in_content() {
        let state = Expected::State(State::SynSent);
        for ok in ["SYN-SENT", "syn sent", "SYN_SENT", " synsent "] {
            assert_eq!(grade(&state, ok), Some(Grade::Right), "{ok}");
        }
        assert_eq!(grade(&state, "ESTABLISHED"), Some(Grade::Wrong));
        assert_eq!(grade(&state, "SYN-SNET"), None, "a typo is asked again");
        let flags = Expected::Flags(Flags(Flags::SYN.0 | Flags::ACK.0));
        for ok in ["SYN,ACK", "ack syn", "SYN+ACK", "syn/ack"] {
            assert_eq!(grade(&flags, ok), Some(Grade::Right), "{ok}");
        }
        assert_eq!(grade(&flags, "SYN"), Some(Grade::Partly));
        assert_eq!(grade(&flags, "FIN"), Some(Grade::Wrong));
        assert_eq!(grade(&flags, "SYN,AKC"), None);
        let n = Expected::Number {
            value: 101,
            near: Some(100),
        };
        assert_eq!(grade(&n, "101"), Some(Grade::Right));
        assert_eq!(grade(&n, "100"), Some(Grade::Partly));
        assert_eq!(grade(&n, "abc"), None);
        assert_eq!(grade(&n, "-5"), None);
        let t = Expected::Seconds(1_000_000);
        for ok in ["1", "1 s", "1000 ms", "1,0", "1.0s"] {
            assert_eq!(grade(&t, ok), Some(Grade::Right), "{ok}");
        }
        assert_eq!(grade(&t, "2"), Some(Grade::Wrong));
        assert_eq!(grade(&t, "NaN"), None);
        assert_eq!(
            grade(&Expected::Side(Host::Client), "cliente"),
            Some(Grade::Right)
        );
        assert_eq!(
            grade(&Expected::Hex16(0x1a2b), "0x1A2B"),
            Some(Grade::Right)
        );
        assert_eq!(grade(&Expected::Hex16(0x1a2b), "1a2c"), Some(Grade::Wrong));
        assert_eq!(grade(&Expected::Hex16(0x1a2b), "0x12345"), None);
        assert_eq!(
            grade(&Expected::Bits8(0x48), "0100 1000"),
            Some(Grade::Right)
        );
        assert_eq!(
            grade(&Expected::Bits8(0x48), "01001001"),
            Some(Grade::Partly)
        );
        assert_eq!(grade(&Expected::Bits8(0x48), "0100100"), None);
        let w = Expected::List(vec![2, 3, 4, 5]);
        assert_eq!(grade(&w, "[2 3 4 5]"), Some(Grade::Right));
        assert_eq!(grade(&w, "2,3"), Some(Grade::Partly));
        assert_eq!(grade(&w, "two"), None);
    }

    #[test]
    fn the_right_answer_reads_back_as_right() {
        for e in [
            Expected::State(State::TimeWait),
            Expected::Flags(Flags(Flags::FIN.0 | Flags::ACK.0)),
            Expected::Number {
                value: 7,
                near: None,
            },
            Expected::Seconds(240_000_000),
            Expected::Seconds(200_000),
            Expected::Side(Host::Server),
            Expected::Hex16(0x00ff),
            Expected::Bits8(0b1100_0011),
            Expected::List(vec![0, 1]),
        ] {
            assert_eq!(grade(&e, &e.shown()), Some(Grade::Right), "{e:?}");
        }
    }
}
