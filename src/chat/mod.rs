//! The chat and file protocol: frames, a multithreaded server and its client.
//!
//! The wire format is in [`frame`] (see the project's design notes, "Chat and
//! file frames"): `[length u64 BE][type 4 ASCII][payload]`. The server runs a
//! reader and a writer thread per client; every frame a client is sent goes
//! through that client's bounded [`queue`], so a slow client only ever holds
//! itself up. Downloads are verified with SHA-256 on the client, written to
//! `NAME.part` and renamed only when the digest matches.
//!
//! Nothing here prints: the server logs to the writer it is given, the client
//! talks through a [`client::Screen`], and both read their input from readers.

pub mod bits;
pub mod client;
pub mod digest;
pub mod frame;
pub mod paths;
pub mod queue;
pub mod reader;
pub mod server;
pub mod sink;
pub mod term;
pub mod vectored;

use std::io::Write;
use std::sync::Mutex;

use crate::narrate::{Lang, Localize};
use crate::tr;

pub use crate::bits::hex;
pub use client::{Client, ClientOptions};

pub use server::{Server, ServerHandle, ServerOptions};

/// What went wrong in a chat command, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum ChatError {
    /// The listening address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: AddrError,
    },
    /// The address resolved, but no socket could listen there.
    #[error(transparent)]
    Listen(crate::net::NetError),
    /// The server could not be reached.
    #[error("cannot connect to {addr}: {source}")]
    Connect {
        addr: String,
        #[source]
        source: AddrError,
    },
    /// A folder to serve from or download into is not usable.
    #[error("cannot use the folder {path}: {source}")]
    Folder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Reading input or writing to the connection failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Some downloads of `--get` failed.
    #[error("{failed} of {total} downloads failed")]
    DownloadsFailed { failed: usize, total: usize },
    /// The line editor could not start.
    #[error("the line editor failed: {0}")]
    Terminal(String),
    /// A chat line too long to be relayed; not sent.
    #[error("a chat line of {len} bytes is too long (at most {max})")]
    LineTooLong { len: usize, max: usize },
}

/// Why an address to listen on or to reach was of no use.
#[derive(Debug, thiserror::Error)]
pub enum AddrError {
    /// The system said why.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The name resolves to no address at all.
    #[error("the name resolves to no address")]
    NoAddress,
}

impl Localize for AddrError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            AddrError::Io(e) => e.to_string(),
            AddrError::NoAddress => tr!(lang, "chat-error-no-address"),
        }
    }
}

impl Localize for ChatError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            ChatError::Bind { addr, source } => tr!(
                lang,
                "chat-error-bind",
                addr = addr,
                reason = source.localize(lang)
            ),
            ChatError::Listen(e) => e.localize(lang),
            ChatError::Connect { addr, source } => tr!(
                lang,
                "chat-error-connect",
                addr = addr,
                reason = source.localize(lang)
            ),
            ChatError::Folder { path, source } => tr!(
                lang,
                "chat-error-folder",
                path = path,
                reason = source.to_string()
            ),
            ChatError::Io(e) => tr!(lang, "chat-error-io", reason = e.to_string()),
            ChatError::DownloadsFailed { failed, total } => tr!(
                lang,
                "chat-error-downloads-failed",
                failed = *failed,
                total = *total
            ),
            ChatError::Terminal(reason) => {
                tr!(lang, "chat-error-terminal", reason = reason.as_str())
            }
            ChatError::LineTooLong { len, max } => {
                tr!(lang, "chat-error-line-too-long", len = *len, max = *max)
            }
        }
    }
}

impl Localize for paths::NameError {
    fn localize(&self, lang: Lang) -> String {
        use paths::NameError as E;
        match self {
            E::Empty => tr!(lang, "chat-name-empty"),
            E::Control => tr!(lang, "chat-name-control"),
            E::Absolute => tr!(lang, "chat-name-absolute"),
            E::Dots => tr!(lang, "chat-name-dots"),
            E::NotFound => tr!(lang, "chat-name-not-found"),
            E::Outside => tr!(lang, "chat-name-outside"),
            E::NotAFile => tr!(lang, "chat-name-not-a-file"),
        }
    }
}

impl Localize for frame::FrameError {
    fn localize(&self, lang: Lang) -> String {
        use frame::FrameError as E;
        match self {
            E::TooLong { kind, len, limit } => tr!(
                lang,
                "chat-frame-too-long",
                kind = kind.name(),
                len = len.to_string(),
                limit = *limit
            ),
            E::NotUtf8 { kind, at } => {
                tr!(lang, "chat-frame-not-utf8", kind = kind.name(), at = *at)
            }
            E::Malformed { kind, len, .. } => {
                tr!(lang, "chat-frame-malformed", kind = kind.name(), len = *len)
            }
        }
    }
}

impl Localize for reader::ReadError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            reader::ReadError::Io(e) => tr!(lang, "chat-error-io", reason = e.to_string()),
            reader::ReadError::Truncated { got, want } => {
                tr!(lang, "chat-frame-truncated", got = *got, want = *want)
            }
            reader::ReadError::Frame(e) => e.localize(lang),
        }
    }
}

/// A line-oriented log shared by threads: each line is written and flushed
/// whole, so lines from different clients never interleave.
pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
}

impl Log {
    pub fn new(out: Box<dyn Write + Send>) -> Self {
        Log {
            out: Mutex::new(out),
        }
    }

    /// Writes `text` and a newline. A log that cannot be written is not a
    /// reason to stop serving, so errors are dropped.
    pub fn line(&self, text: &str) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }
}

/// Raises the soft limit on open files to the hard limit, so a server can hold
/// a thousand clients. Returns the new soft limit (`None` where unsupported).
pub fn raise_open_files_limit() -> Option<u64> {
    // `rlim_t` is not u64 on every system.
    #[cfg(unix)]
    #[allow(clippy::unnecessary_cast)]
    {
        // SAFETY: getrlimit/setrlimit only read and write the struct we pass.
        unsafe {
            let mut lim = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
                return None;
            }
            if lim.rlim_cur < lim.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: lim.rlim_max,
                    rlim_max: lim.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    return Some(raised.rlim_cur as u64);
                }
            }
            Some(lim.rlim_cur as u64)
        }
    }
    #[cfg(not(unix))]
    {
        None
    }
}
