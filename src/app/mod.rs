//! What each command does, in library terms: the CLI turns its arguments into
//! these option types and calls in here. Output goes to the writer it is given.

pub mod chat;
pub mod lesson;
pub mod output;

use crate::chat::ChatError;
use crate::lesson::LessonError;
use crate::narrate::{Lang, Localize};
use crate::tr;

/// What went wrong, in words for the user; `main` prints it and exits non-zero.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Lesson(#[from] LessonError),
    #[error(transparent)]
    Chat(#[from] ChatError),
    /// Writing output failed (a closed pipe is not an error; see `is_broken_pipe`).
    #[error("{0}")]
    Output(#[from] std::io::Error),
    /// Several lessons broke their promises.
    #[error("{failed} of {total} lessons failed their checks")]
    ChecksFailed { failed: usize, total: usize },
    /// A `--param` that is not `NAME=VALUE`.
    #[error("bad --param {0}")]
    BadParam(String),
    /// A file to write could not be created.
    #[error("cannot create {path}: {reason}")]
    CreateFile { path: String, reason: String },
}

impl AppError {
    /// A reader that stopped early (`| head`) is not a failure worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, AppError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl Localize for AppError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            AppError::Lesson(e) => e.localize(lang),
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
            AppError::CreateFile { path, reason } => {
                tr!(lang, "error-create-file", path = path, reason = reason)
            }
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
