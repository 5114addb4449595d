//! What can go wrong reading a capture, in the user's language.

use crate::capture::reader::{Corruption, ReadError};
use crate::narrate::{Lang, Localize};
use crate::tr;
use std::io;

/// What can go wrong reading a capture.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error("cannot open {file}: {source}")]
    Open {
        file: String,
        #[source]
        source: io::Error,
    },
    /// The path names a folder: the capture is a file inside it.
    #[error("{file} is a folder, not a capture file")]
    Folder { file: String },
    #[error("{file}: {error}")]
    Read { file: String, error: ReadError },
    #[error("{file}: link type {linktype} is not supported")]
    LinkType { file: String, linktype: u32 },
    #[error("{file}: there is no conversation {wanted}")]
    NoSuchConversation {
        file: String,
        wanted: String,
        count: u32,
    },
    /// Pictures draw one conversation, and the options chose `count`.
    #[error("{file}: pictures draw one conversation, and {count} were chosen")]
    PictureNeedsOne { file: String, count: u32 },
    #[error("{file}: no conversation has frames {from}-{to}")]
    NoSuchFrames {
        file: String,
        from: u32,
        to: u32,
        /// The capture's last frame that belongs to a conversation.
        last: u32,
    },
}

impl Localize for ExplainError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            // The two a student meets most (a typo, a folder) in words,
            // not the system's "(os error 2)".
            ExplainError::Open { file, source } => match source.kind() {
                io::ErrorKind::NotFound => {
                    tr!(lang, "explain-error-not-found", file = file.as_str())
                }
                io::ErrorKind::PermissionDenied => {
                    tr!(lang, "explain-error-permission", file = file.as_str())
                }
                _ => tr!(
                    lang,
                    "explain-error-open",
                    file = file.as_str(),
                    reason = source.to_string()
                ),
            },
            ExplainError::Folder { file } => {
                tr!(lang, "explain-error-folder", file = file.as_str())
            }
            ExplainError::Read { file, error } => {
                let what = match error {
                    ReadError::Empty => tr!(lang, "explain-error-empty"),
                    ReadError::NotACapture { start } => {
                        tr!(lang, "explain-error-not-capture", start = start.as_str())
                    }
                    ReadError::Corrupt { offset, reason } => {
                        let reason = match reason {
                            Corruption::EndsMidRecord => tr!(lang, "explain-corrupt-ends"),
                            Corruption::Fraction(f) => {
                                tr!(lang, "explain-corrupt-fraction", fraction = *f)
                            }
                            Corruption::UnknownInterface(i) => {
                                tr!(lang, "explain-corrupt-interface", interface = *i)
                            }
                            Corruption::DataOutsideBlock => tr!(lang, "explain-corrupt-outside"),
                            Corruption::Format(detail) => {
                                tr!(lang, "explain-corrupt-format", detail = detail.as_str())
                            }
                        };
                        tr!(
                            lang,
                            "explain-error-corrupt",
                            offset = *offset,
                            reason = reason
                        )
                    }
                    ReadError::TooLarge { offset, len } => {
                        tr!(
                            lang,
                            "explain-error-too-large",
                            offset = *offset,
                            len = *len
                        )
                    }
                    ReadError::Io(e) => e.to_string(),
                };
                format!("{file}: {what}")
            }
            ExplainError::LinkType { file, linktype } => {
                tr!(
                    lang,
                    "explain-error-link-type",
                    file = file.as_str(),
                    linktype = *linktype
                )
            }
            ExplainError::NoSuchConversation {
                file,
                wanted,
                count,
            } => tr!(
                lang,
                "explain-error-no-conversation",
                file = file.as_str(),
                wanted = wanted.as_str(),
                count = *count
            ),
            ExplainError::PictureNeedsOne { file, count } => tr!(
                lang,
                "explain-error-picture-needs-one",
                file = file.as_str(),
                count = *count
            ),
            ExplainError::NoSuchFrames {
                file,
                from,
                to,
                last,
            } => tr!(
                lang,
                "explain-error-no-frames",
                file = file.as_str(),
                from = *from,
                to = if *to == u32::MAX {
                    String::new()
                } else {
                    to.to_string()
                },
                last = *last
            ),
        }
    }
}
