//! What each command does, in library terms: the CLI turns its arguments into
//! these option types and calls in here. Output goes to the writer it is given.

pub mod bits;
pub mod capture;
pub mod captures;
pub mod chat;
pub mod echo;
pub mod explain;
pub mod lesson;
pub mod output;
pub mod pictures;
pub mod progress;
pub mod quiz;
pub mod rdt;
pub mod rdt_classic;
pub mod rdt_fernet;
mod rdt_view;
pub mod stepping;
pub mod talk;

use crate::chat::ChatError;
use crate::lesson::LessonError;
use crate::narrate::{Lang, Localize};
use crate::net::NetError;
use crate::tr;

/// What went wrong, in words for the user; `main` prints it and exits non-zero.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Lesson(#[from] LessonError),
    #[error(transparent)]
    Decode(#[from] bits::DecodeError),
    #[error(transparent)]
    Explain(#[from] explain::ExplainError),
    #[error(transparent)]
    Chat(#[from] ChatError),
    /// Writing output failed (a closed pipe is not an error; see `is_benign`).
    #[error("{0}")]
    Output(#[from] std::io::Error),
    /// Text expected on standard input could not be taken.
    #[error("cannot read standard input: {0:?}")]
    Stdin(StdinProblem),
    /// Several lessons broke their promises.
    #[error("{failed} of {total} lessons failed their checks")]
    ChecksFailed { failed: usize, total: usize },
    /// A `--param` that is not `NAME=VALUE`.
    #[error("bad --param {0}")]
    BadParam(String),
    /// `captures --check` found files that this version would write differently.
    #[error("{count} capture files are out of date")]
    CapturesStale { count: usize },
    /// `explain` writes narrated pcapng, not pcap.
    #[error("explain writes --pcapng, not --pcap")]
    PcapNeedsPcapng,
    /// A file to write could not be created.
    #[error("cannot create {path}: {source}")]
    CreateFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Real sockets or live capture failed.
    #[error(transparent)]
    Net(#[from] NetError),
    /// The reliable-transfer lab failed.
    #[error(transparent)]
    Rdt(#[from] crate::rdt::RdtError),
    /// A conversation could not start, or did not end in order.
    #[error(transparent)]
    Talk(#[from] crate::talk::TalkError),
    /// A quiz could not be prepared, asked or graded: the words say why.
    #[error("{0}")]
    Quiz(String),
}

impl From<crate::lesson::RunError> for AppError {
    fn from(e: crate::lesson::RunError) -> AppError {
        match e {
            crate::lesson::RunError::Lesson(e) => AppError::Lesson(e),
            crate::lesson::RunError::Output(e) => AppError::Output(e),
        }
    }
}

/// Why text on standard input was refused.
#[derive(Debug)]
pub enum StdinProblem {
    /// More than this many bytes.
    TooLarge { limit: usize },
    /// Not UTF-8 from this byte offset on.
    NotUtf8 { offset: usize },
    /// Reading failed.
    Read(std::io::Error),
}

impl AppError {
    /// Not a failure worth a message: a reader that stopped early (`| head`),
    /// or `q` typed at a `--step` prompt.
    pub fn is_benign(&self) -> bool {
        matches!(self, AppError::Output(e)
            if e.kind() == std::io::ErrorKind::BrokenPipe || stepping::is_quit(e))
    }
}

impl AppError {
    /// The step a `--step` run was quit after, if this is that quit.
    pub fn quit_step(&self) -> Option<u64> {
        match self {
            AppError::Output(e) => stepping::quit_step(e),
            _ => None,
        }
    }
}

impl Localize for AppError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            AppError::Lesson(e) => e.localize(lang),
            AppError::Decode(e) => e.localize(lang),
            AppError::Explain(e) => e.localize(lang),
            AppError::Chat(e) => e.localize(lang),
            AppError::Output(e) => tr!(lang, "error-output", reason = e.to_string()),
            AppError::ChecksFailed { failed, total } => {
                tr!(
                    lang,
                    "error-checks-failed",
                    failed = *failed,
                    total = *total
                )
            }
            AppError::BadParam(text) => tr!(lang, "error-bad-param", text = text),
            AppError::Stdin(StdinProblem::TooLarge { limit }) => {
                tr!(lang, "error-stdin-too-large", limit = *limit)
            }
            AppError::Stdin(StdinProblem::NotUtf8 { offset }) => {
                tr!(lang, "error-stdin-not-utf8", offset = *offset)
            }
            AppError::Stdin(StdinProblem::Read(e)) => {
                tr!(lang, "error-stdin-read", reason = e.to_string())
            }
            AppError::PcapNeedsPcapng => tr!(lang, "error-pcap-needs-pcapng"),
            AppError::Quiz(message) => message.clone(),
            AppError::CapturesStale { count } => tr!(lang, "error-captures-stale", count = *count),
            AppError::CreateFile { path, source } => tr!(
                lang,
                "error-create-file",
                path = path,
                reason = source.to_string()
            ),
            AppError::Net(e) => e.localize(lang),
            AppError::Rdt(e) => e.localize(lang),
            AppError::Talk(e) => e.localize(lang),
        }
    }
}

/// Splits `NAME=VALUE` arguments of `--param`.
pub fn parse_params(items: &[String]) -> Result<Vec<(String, String)>, AppError> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => {
                Ok((name.trim().to_string(), value.trim().to_string()))
            }
            _ => Err(AppError::BadParam(item.clone())),
        })
        .collect()
}
