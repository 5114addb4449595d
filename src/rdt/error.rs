//! What can go wrong in the reliable-transfer lab, in words that say what to do.

use crate::lesson::LessonError;
use crate::narrate::{Lang, Localize};
use crate::net::NetError;
use crate::tr;

use super::fernet::FernetError;
use super::handshake::HandshakeError;
use super::secure::SecureError;

#[derive(Debug, thiserror::Error)]
pub enum RdtError {
    /// The options make no valid proposal (checked before connecting).
    #[error(transparent)]
    Options(#[from] HandshakeError),
    /// The server answered `Handshake ERRO: …`.
    #[error("the server refused the handshake: {reason}")]
    Refused { reason: String },
    /// The server answered something that is not a handshake reply.
    #[error("the server's answer is not a handshake reply: {line}")]
    UnexpectedReply { line: String },
    #[error(transparent)]
    Secure(#[from] SecureError),
    #[error(transparent)]
    Net(#[from] NetError),
    /// Nobody listens where the client connects.
    #[error("connection to {addr} refused: is `synack rdt server` running there?")]
    NoServer { addr: std::net::SocketAddr },
    #[error(transparent)]
    Lesson(#[from] LessonError),
    /// Neither a built-in rdt lesson nor a file.
    #[error("there is no rdt lesson or file called `{name}`")]
    LessonNotFound {
        name: String,
        suggestion: Option<String>,
    },
    /// A lesson names a mode that does not exist.
    #[error("{file}:{line}: unknown mode `{value}`")]
    LessonMode {
        file: String,
        line: usize,
        value: String,
    },
    /// A lesson's settings make no valid handshake (a window too large, say).
    #[error("{file}: {error}")]
    LessonHandshake { file: String, error: HandshakeError },
    /// A message longer than the lab sends.
    #[error("a message of {len} bytes is too long (at most {max})")]
    MessageTooLong { len: usize, max: usize },
    /// The sender gave up on a packet.
    #[error("a packet went unacknowledged {attempts} times: giving up")]
    GaveUp { attempts: u32 },
    /// The peer closed the connection in the middle of the session.
    #[error("the peer closed the connection before the session ended")]
    Closed,
    /// The peer sent a frame this side cannot read.
    #[error("the peer broke the framing: a frame of {len} bytes (at most {max})")]
    Framing { len: usize, max: usize },
    /// The peer said nothing for too long.
    #[error("no word from the peer for {secs} s")]
    Silent { secs: u64 },
    /// `rdt captures --check` found files this version writes differently.
    #[error("{count} rdt capture files are out of date")]
    CapturesStale { count: usize },
    /// A probability outside 0..1 or a fault target that is not `[HOST:]N`.
    #[error("bad value `{value}` for --{option}")]
    BadOption { option: &'static str, value: String },
    /// A fault on a real socket that names packets this side never sends.
    #[error("`{value}` cannot be used with --{option} on the {}: it never sends {kind} packets", side.name())]
    NeverHits {
        option: &'static str,
        value: String,
        side: crate::trace::Host,
        kind: &'static str,
    },
    /// The classic Fernet protocol went wrong (`--classic-fernet`).
    #[error(transparent)]
    Fernet(#[from] FernetError),
    /// The client stopped in the middle of its handshake line: it closed
    /// the connection, or went silent.
    #[error("the client sent half a handshake line (`{text}`) and then {}", if *closed { "closed the connection" } else { "nothing more" })]
    HalfHandshake { text: String, closed: bool },
    /// `--capture` on a server whose port is chosen by the system.
    #[error("--capture needs a known port: pass --bind with a port other than 0")]
    CaptureNeedsPort,
    /// What only the classic text exchange can meet.
    #[error(transparent)]
    Classic(#[from] super::classic::client::ClassicError),
    #[error("{0}")]
    Output(#[from] std::io::Error),
}

impl Localize for RdtError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            RdtError::Options(e) => e.localize(lang),
            RdtError::Refused { reason } => tr!(lang, "rdt-error-refused", reason = reason),
            RdtError::UnexpectedReply { line } => {
                tr!(lang, "rdt-error-unexpected-reply", line = line)
            }
            RdtError::Secure(e) => e.localize(lang),
            RdtError::Net(e) => e.localize(lang),
            RdtError::NoServer { addr } => {
                tr!(lang, "rdt-error-no-server", addr = addr.to_string())
            }
            RdtError::Lesson(e) => e.localize(lang),
            RdtError::LessonNotFound {
                name,
                suggestion: Some(s),
            } => tr!(
                lang,
                "rdt-error-lesson-not-found-suggest",
                name = name,
                suggestion = s
            ),
            RdtError::LessonNotFound {
                name,
                suggestion: None,
            } => tr!(lang, "rdt-error-lesson-not-found", name = name),
            RdtError::LessonMode { file, line, value } => tr!(
                lang,
                "rdt-error-lesson-mode",
                file = file,
                line = *line,
                value = value
            ),
            RdtError::LessonHandshake { file, error } => tr!(
                lang,
                "rdt-error-lesson-handshake",
                file = file,
                reason = error.localize(lang)
            ),
            RdtError::MessageTooLong { len, max } => {
                tr!(lang, "rdt-error-message-too-long", len = *len, max = *max)
            }
            RdtError::GaveUp { attempts } => tr!(lang, "rdt-error-gave-up", attempts = *attempts),
            RdtError::Closed => tr!(lang, "rdt-error-closed"),
            RdtError::Framing { len, max } => {
                tr!(lang, "rdt-error-framing", len = *len, max = *max)
            }
            RdtError::Silent { secs } => tr!(lang, "rdt-error-silent", secs = *secs),
            RdtError::CapturesStale { count } => {
                tr!(lang, "rdt-error-captures-stale", count = *count)
            }
            RdtError::BadOption { option, value } => {
                tr!(
                    lang,
                    "rdt-error-bad-option",
                    option = *option,
                    value = value
                )
            }
            RdtError::NeverHits {
                option,
                value,
                side,
                kind,
            } => tr!(
                lang,
                "rdt-error-never-hits",
                option = *option,
                value = value,
                side = crate::view::labels::host_text(lang, *side),
                kind = *kind
            ),
            RdtError::Fernet(e) => e.localize(lang),
            RdtError::HalfHandshake { text, closed: true } => {
                tr!(lang, "classic-error-half-handshake-closed", text = text)
            }
            RdtError::HalfHandshake {
                text,
                closed: false,
            } => tr!(lang, "classic-error-half-handshake-silent", text = text),
            RdtError::CaptureNeedsPort => tr!(lang, "classic-error-capture-port"),
            RdtError::Classic(e) => e.localize(lang),
            RdtError::Output(e) => tr!(lang, "error-output", reason = e.to_string()),
        }
    }
}
