//! A download as the protocol has it, with no socket, file or clock inside:
//! frames go in ([`Downloads::handle_frame`]), [`Action`]s come out
//! ([`Downloads::poll_action`]), and the code that owns the socket and the
//! files carries them out and answers those that need it (`handle_opened`,
//! `handle_digest`, `handle_renamed`). The whole of the client's side of
//! `FILE` → `FROK`, `FMTA`, `FHSH`, [`FOFS`], `FDAT`×N can so be tested frame
//! by frame, and every path that ends a download is in one place.
//!
//! [`FOFS`]: crate::chat::frame::Kind::FOFS

use std::collections::VecDeque;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::chat::frame::{Frame, Kind};
use crate::chat::hex;
use crate::chat::paths::{self, NameError};
use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::view::style::printable;

/// A download that ended well.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloaded {
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
    pub digest: [u8; 32],
    /// Bytes that were already there from an earlier, interrupted download.
    pub resumed_from: u64,
    pub elapsed: Duration,
}

/// Why a download failed. In every case nothing is left under the final name
/// that was not verified.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("the server refused {name}: {reason}")]
    Refused { name: String, reason: String },
    #[error("{name}: SHA-256 mismatch (expected {expected}, got {actual}); kept as {part}")]
    Integrity {
        name: String,
        part: String,
        expected: String,
        actual: String,
    },
    #[error("{name}: the connection ended after {got} of {size} bytes; partial file {part}")]
    Interrupted {
        name: String,
        got: u64,
        size: u64,
        part: String,
    },
    #[error("the server named the file {announced:?}, which is refused: {reason}")]
    UnsafeName {
        announced: String,
        reason: NameError,
    },
    #[error("{name}: the server broke the protocol: {what}")]
    Protocol { name: String, what: String },
    #[error("{name}: {source}")]
    Io {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error("the connection is closed")]
    Closed,
}

impl Localize for DownloadError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            DownloadError::Refused { name, reason } => {
                tr!(
                    lang,
                    "chat-dl-refused",
                    name = printable(name).as_ref(),
                    reason = printable(reason).as_ref()
                )
            }
            DownloadError::Integrity {
                name,
                part,
                expected,
                actual,
            } => tr!(
                lang,
                "chat-dl-integrity",
                name = name,
                part = part,
                expected = expected,
                actual = actual
            ),
            DownloadError::Interrupted {
                name,
                got,
                size,
                part,
            } => tr!(
                lang,
                "chat-dl-interrupted",
                name = name,
                got = *got,
                size = *size,
                part = part
            ),
            DownloadError::UnsafeName { announced, reason } => tr!(
                lang,
                "chat-dl-unsafe-name",
                announced = printable(announced).as_ref(),
                reason = reason.localize(lang)
            ),
            DownloadError::Protocol { name, what } => {
                tr!(lang, "chat-dl-protocol", name = name, what = what)
            }
            DownloadError::Io { name, source } => {
                tr!(lang, "chat-dl-io", name = name, reason = source.to_string())
            }
            DownloadError::Closed => tr!(lang, "chat-dl-closed"),
        }
    }
}

// By hand: an `io::Error` has no equality of its own. Two file errors are
// the same when they are of the same kind and say the same of the same file,
// which is what the machine's tests compare its actions by.
impl PartialEq for DownloadError {
    fn eq(&self, other: &DownloadError) -> bool {
        use DownloadError as E;
        match (self, other) {
            (E::Refused { name, reason }, E::Refused { name: n, reason: r }) => {
                (name, reason) == (n, r)
            }
            (
                E::Integrity {
                    name,
                    part,
                    expected,
                    actual,
                },
                E::Integrity {
                    name: n,
                    part: p,
                    expected: e,
                    actual: a,
                },
            ) => (name, part, expected, actual) == (n, p, e, a),
            (
                E::Interrupted {
                    name,
                    got,
                    size,
                    part,
                },
                E::Interrupted {
                    name: n,
                    got: g,
                    size: s,
                    part: p,
                },
            ) => (name, got, size, part) == (n, g, s, p),
            (
                E::UnsafeName { announced, reason },
                E::UnsafeName {
                    announced: a,
                    reason: r,
                },
            ) => (announced, reason) == (a, r),
            (E::Protocol { name, what }, E::Protocol { name: n, what: w }) => {
                (name, what) == (n, w)
            }
            (E::Io { name, source }, E::Io { name: n, source: s }) => {
                name == n && source.kind() == s.kind() && source.to_string() == s.to_string()
            }
            (E::Closed, E::Closed) => true,
            _ => false,
        }
    }
}

/// `downloads/NAME.part`.
pub fn part_path(downloads: &Path, base: &str) -> PathBuf {
    downloads.join(format!("{base}.part"))
}

/// The bytes already in a `.part` file from an interrupted download: how
/// many, and their hash so far, which the rest of the file goes on from.
#[derive(Clone, Debug)]
pub struct Prefix {
    pub len: u64,
    pub hasher: Sha256,
}

impl PartialEq for Prefix {
    fn eq(&self, other: &Prefix) -> bool {
        self.len == other.len && self.hasher.clone().finalize() == other.hasher.clone().finalize()
    }
}

/// What the download asks of the code around it, in the order given.
#[derive(Debug, PartialEq)]
pub enum Action<T> {
    /// Open the part file for the data: created empty, or with `prefix`,
    /// appended to after the bytes already there. A progress display of
    /// `size` bytes starts with it. Answer with [`Downloads::handle_opened`].
    Open {
        part: PathBuf,
        name: String,
        size: u64,
        prefix: Option<Prefix>,
    },
    /// The payload of the `FDAT` just handled is bytes `range` of the file:
    /// write it, and advance the progress display by its length.
    Write(Range<u64>),
    /// Take the progress display down.
    EndProgress,
    /// Every byte is in: close the part file and answer with the digest of
    /// all of it ([`Downloads::handle_digest`]).
    Close,
    /// Close the part file with what arrived; it stays, for resuming.
    Abandon,
    /// The digest matched: give the part file its name. Answer with
    /// [`Downloads::handle_renamed`].
    Rename { from: PathBuf, to: PathBuf },
    /// The download asked for with `ticket` is over.
    Done {
        ticket: T,
        result: Result<Downloaded, DownloadError>,
    },
    /// A frame the client did not expect here, ignored.
    Unexpected(Kind),
    /// An `FERR` that answers no request.
    ServerError(String),
}

/// A `FILE` sent and not answered yet.
struct Request<T> {
    ticket: T,
    asked: String,
    resume: Option<Prefix>,
}

/// The file being received, from its `FHSH` on.
struct Active<T> {
    ticket: T,
    asked: String,
    /// Spent when the data starts.
    resume: Option<Prefix>,
    name: String,
    part: PathBuf,
    size: u64,
    expected: [u8; 32],
    got: u64,
    resumed_from: u64,
}

/// Where the download is. `Opening`, `Verifying` and `Renaming` wait for the
/// answer to an action, which comes before the next frame.
enum Stage<T> {
    Idle,
    /// `FROK` came: `FMTA` next.
    Meta(Request<T>),
    /// `FMTA` came: `FHSH` next.
    Hash {
        req: Request<T>,
        announced: String,
        size: u64,
    },
    /// `FHSH` came: an `FOFS` or the first `FDAT` says where the data starts.
    Ready(Box<Active<T>>),
    /// The part file is opening; `first` is the length of the `FDAT` that
    /// opened it, written once it is open.
    Opening {
        active: Box<Active<T>>,
        first: Option<u64>,
    },
    /// The part file is open: `FDAT`s until the size is reached.
    Data(Box<Active<T>>),
    /// All bytes are in: the digest of the part file is coming.
    Verifying(Box<Active<T>>),
    /// The digest matched: the part file is taking its name.
    Renaming {
        active: Box<Active<T>>,
        digest: [u8; 32],
    },
    /// A refused download's data, read and dropped.
    Skip(u64),
}

/// The client's downloads: the requests in the order they were sent, and the
/// one being received. `T` is what the caller needs to hand each result on.
pub struct Downloads<T> {
    folder: PathBuf,
    lang: Lang,
    asked: VecDeque<Request<T>>,
    stage: Stage<T>,
    actions: VecDeque<Action<T>>,
}

impl<T> Downloads<T> {
    /// Downloads into `folder`; the protocol errors it finds are worded in `lang`.
    pub fn new(folder: PathBuf, lang: Lang) -> Self {
        Downloads {
            folder,
            lang,
            asked: VecDeque::new(),
            stage: Stage::Idle,
            actions: VecDeque::new(),
        }
    }

    /// A `FILE` for `asked` went out (after an `RSUM` for `resume`, if any):
    /// the next `FROK` or `FERR` that answers nothing earlier answers it.
    pub fn ask(&mut self, ticket: T, asked: String, resume: Option<Prefix>) {
        self.asked.push_back(Request {
            ticket,
            asked,
            resume,
        });
    }

    /// The next thing to do, in order.
    #[must_use]
    pub fn poll_action(&mut self) -> Option<Action<T>> {
        self.actions.pop_front()
    }

    /// Any frame from the server, download or not: chat and listings end the
    /// skipping of a refused file's data and leave the rest alone.
    pub fn handle_frame(&mut self, frame: &Frame<'_>) {
        let stage = std::mem::replace(&mut self.stage, Stage::Idle);
        debug_assert!(!stage.awaits_answer(), "a frame came before an answer");
        // Skipping a refused file's data ends at the first frame that is not
        // more of it: the server sent less than announced, or moved on.
        let stage = match (stage, frame) {
            (Stage::Skip(_), f) if !matches!(f, Frame::Fdat(_)) => Stage::Idle,
            (stage, _) => stage,
        };
        self.stage = match (stage, frame) {
            (stage, Frame::Chat(_) | Frame::Listing { .. }) => stage,
            (Stage::Idle, Frame::Frok) => match self.asked.pop_front() {
                Some(req) => Stage::Meta(req),
                None => {
                    self.actions.push_back(Action::Unexpected(Kind::FROK));
                    Stage::Idle
                }
            },
            (Stage::Idle, Frame::Ferr(text)) => {
                // An answer to a FILE (instead of FROK), or an error on its own.
                match self.asked.pop_front() {
                    Some(req) => self.done(
                        req.ticket,
                        Err(DownloadError::Refused {
                            name: req.asked,
                            reason: text.to_string(),
                        }),
                    ),
                    None => self
                        .actions
                        .push_back(Action::ServerError(text.to_string())),
                }
                Stage::Idle
            }
            (stage, Frame::Ferr(text)) if !stage.awaits_answer() => {
                // The server gave up on the file (it shrank or vanished while
                // being sent): nothing more of it will come.
                let _ = self.fail(stage, |name| DownloadError::Refused {
                    name,
                    reason: text.to_string(),
                });
                Stage::Idle
            }
            (Stage::Meta(req), Frame::Fmta { name, size }) => Stage::Hash {
                req,
                announced: name.to_string(),
                size: *size,
            },
            (
                Stage::Hash {
                    req,
                    announced,
                    size,
                },
                Frame::Fhsh(expected),
            ) => self.announced(req, announced, size, *expected),
            (Stage::Ready(active), Frame::Offset(offset)) => self.start(*active, *offset, None),
            (Stage::Ready(active), Frame::Fdat(data)) => {
                self.start(*active, 0, Some(data.len() as u64))
            }
            (Stage::Data(active), Frame::Fdat(data)) => self.data(*active, data.len() as u64),
            (Stage::Skip(left), Frame::Fdat(data)) => skip(left.saturating_sub(data.len() as u64)),
            (stage, other) => {
                // A frame out of place, or a type this version does not know:
                // ignored, as the protocol asks of every receiver.
                if !matches!(other, Frame::Unknown { .. }) {
                    self.actions.push_back(Action::Unexpected(other.kind()));
                }
                stage
            }
        };
    }

    /// A frame that did not parse (`what` says why): the download under way,
    /// if any, fails, and the data still to come of it is skipped.
    pub fn handle_unreadable(&mut self, what: &str) {
        let stage = std::mem::replace(&mut self.stage, Stage::Idle);
        self.stage = self.fail(stage, |name| DownloadError::Protocol {
            name,
            what: what.to_string(),
        });
    }

    /// The answer to [`Action::Open`].
    pub fn handle_opened(&mut self, opened: io::Result<()>) {
        let Stage::Opening { active, first } = std::mem::replace(&mut self.stage, Stage::Idle)
        else {
            debug_assert!(false, "an answer to an Open not asked for");
            return;
        };
        self.stage = match (opened, first) {
            (Err(e), _) => {
                let remaining = active.size - active.got;
                self.done(
                    active.ticket,
                    Err(DownloadError::Io {
                        name: active.name,
                        source: e,
                    }),
                );
                skip(remaining)
            }
            (Ok(()), Some(len)) => self.data(*active, len),
            (Ok(()), None) if active.got == active.size => self.complete(active),
            (Ok(()), None) => Stage::Data(active),
        };
    }

    /// The answer to [`Action::Close`]: the digest of everything in the part
    /// file. Only a match gets the file its name.
    pub fn handle_digest(&mut self, digest: io::Result<[u8; 32]>) {
        let Stage::Verifying(active) = std::mem::replace(&mut self.stage, Stage::Idle) else {
            debug_assert!(false, "a digest not asked for");
            return;
        };
        match digest {
            Err(e) => self.done(
                active.ticket,
                Err(DownloadError::Io {
                    name: active.name,
                    source: e,
                }),
            ),
            Ok(actual) if actual != active.expected => self.done(
                active.ticket,
                Err(DownloadError::Integrity {
                    name: active.name,
                    part: active.part.display().to_string(),
                    expected: hex(&active.expected),
                    actual: hex(&actual),
                }),
            ),
            Ok(digest) => {
                self.actions.push_back(Action::Rename {
                    from: active.part.clone(),
                    to: self.folder.join(&active.name),
                });
                self.stage = Stage::Renaming { active, digest };
            }
        }
    }

    /// The answer to [`Action::Rename`], and how long the data took since the
    /// part file was opened.
    pub fn handle_renamed(&mut self, renamed: io::Result<()>, elapsed: Duration) {
        let Stage::Renaming { active, digest } = std::mem::replace(&mut self.stage, Stage::Idle)
        else {
            debug_assert!(false, "an answer to a Rename not asked for");
            return;
        };
        let a = *active;
        let path = self.folder.join(&a.name);
        let result = match renamed {
            Ok(()) => Ok(Downloaded {
                name: a.name,
                path,
                size: a.size,
                digest,
                resumed_from: a.resumed_from,
                elapsed,
            }),
            Err(e) => Err(DownloadError::Io {
                name: a.name,
                source: e,
            }),
        };
        self.done(a.ticket, result);
    }

    /// The connection is over: whatever was under way or asked for failed.
    pub fn handle_end(&mut self) {
        match std::mem::replace(&mut self.stage, Stage::Idle) {
            Stage::Data(active) => {
                self.actions.push_back(Action::Abandon);
                self.interrupted(*active);
            }
            Stage::Ready(active)
            | Stage::Opening { active, .. }
            | Stage::Verifying(active)
            | Stage::Renaming { active, .. } => self.interrupted(*active),
            Stage::Meta(req) | Stage::Hash { req, .. } => {
                self.done(req.ticket, Err(DownloadError::Closed));
            }
            Stage::Idle | Stage::Skip(_) => {}
        }
        while let Some(req) = self.asked.pop_front() {
            self.done(req.ticket, Err(DownloadError::Closed));
        }
    }

    fn done(&mut self, ticket: T, result: Result<Downloaded, DownloadError>) {
        self.actions.push_back(Action::Done { ticket, result });
    }

    fn interrupted(&mut self, a: Active<T>) {
        let part = a.part.display().to_string();
        self.done(
            a.ticket,
            Err(DownloadError::Interrupted {
                name: a.name,
                got: a.got,
                size: a.size,
                part,
            }),
        );
    }

    /// `FHSH` came: the announced name is made safe, or the file refused.
    fn announced(
        &mut self,
        req: Request<T>,
        announced: String,
        size: u64,
        expected: [u8; 32],
    ) -> Stage<T> {
        let name = match paths::download_name(&announced) {
            Ok(n) => n,
            Err(reason) => {
                self.done(
                    req.ticket,
                    Err(DownloadError::UnsafeName { announced, reason }),
                );
                return skip(size);
            }
        };
        let active = Active {
            ticket: req.ticket,
            asked: req.asked,
            resume: req.resume,
            part: part_path(&self.folder, &name),
            name,
            size,
            expected,
            got: 0,
            resumed_from: 0,
        };
        if size == 0 {
            return self.start(active, 0, None);
        }
        Stage::Ready(Box::new(active))
    }

    /// The data starts at `offset`: after the bytes already in the part file
    /// when the server resumes at exactly their end, from scratch at 0.
    fn start(&mut self, mut a: Active<T>, offset: u64, first: Option<u64>) -> Stage<T> {
        let prefix = match (offset, a.resume.take()) {
            (0, _) => None,
            (offset, Some(prefix))
                if prefix.len == offset
                    && offset <= a.size
                    && paths::download_name(&a.asked).ok().as_deref() == Some(a.name.as_str()) =>
            {
                a.got = offset;
                a.resumed_from = offset;
                Some(prefix)
            }
            (offset, _) => {
                let what = tr!(self.lang, "chat-dl-bad-offset", offset = offset);
                let remaining = a.size.saturating_sub(offset);
                self.done(
                    a.ticket,
                    Err(DownloadError::Protocol { name: a.name, what }),
                );
                return skip(remaining);
            }
        };
        self.actions.push_back(Action::Open {
            part: a.part.clone(),
            name: a.name.clone(),
            size: a.size,
            prefix,
        });
        Stage::Opening {
            active: Box::new(a),
            first,
        }
    }

    /// An `FDAT` of `len` bytes for the open part file.
    fn data(&mut self, mut a: Active<T>, len: u64) -> Stage<T> {
        let room = a.size - a.got;
        if len > room {
            let what = tr!(self.lang, "chat-dl-too-much", extra = len - room);
            return self.fail(Stage::Data(Box::new(a)), |name| DownloadError::Protocol {
                name,
                what: what.clone(),
            });
        }
        self.actions.push_back(Action::Write(a.got..a.got + len));
        a.got += len;
        if a.got == a.size {
            self.complete(Box::new(a))
        } else {
            Stage::Data(Box::new(a))
        }
    }

    /// All bytes are in: the digest is checked before the file gets its name.
    fn complete(&mut self, active: Box<Active<T>>) -> Stage<T> {
        self.actions.push_back(Action::EndProgress);
        self.actions.push_back(Action::Close);
        Stage::Verifying(active)
    }

    /// Ends the download under way (if any) with the error `make(name)`
    /// builds; the stage that follows skips the data the server will still send.
    fn fail(&mut self, stage: Stage<T>, make: impl Fn(String) -> DownloadError) -> Stage<T> {
        match stage {
            Stage::Meta(req) | Stage::Hash { req, .. } => {
                self.done(req.ticket, Err(make(req.asked)));
                Stage::Idle
            }
            Stage::Ready(a) => {
                let remaining = a.size - a.got;
                self.done(a.ticket, Err(make(a.name)));
                skip(remaining)
            }
            Stage::Data(a) => {
                let remaining = a.size - a.got;
                self.actions.push_back(Action::Abandon);
                self.actions.push_back(Action::EndProgress);
                self.done(a.ticket, Err(make(a.name)));
                skip(remaining)
            }
            other => other,
        }
    }
}

impl<T> Stage<T> {
    fn awaits_answer(&self) -> bool {
        matches!(
            self,
            Stage::Opening { .. } | Stage::Verifying(_) | Stage::Renaming { .. }
        )
    }
}

/// Skipping `remaining` bytes of FDAT, or nothing to skip.
fn skip<T>(remaining: u64) -> Stage<T> {
    if remaining == 0 {
        Stage::Idle
    } else {
        Stage::Skip(remaining)
    }
}

#[cfg(test)]
mod tests;
