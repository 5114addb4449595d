//! The chat and file client.
//!
//! A receiver thread reads every frame the server sends and acts on it: chat
//! is shown as it arrives, a listing is printed, and download frames feed the
//! download in progress (hashed while they arrive, written to `NAME.part`,
//! renamed only after the SHA-256 matches). The caller's thread sends
//! commands; [`Client::download`] waits for its download to end.
//!
//! [`connection`] is the caller's side, `receiver` the receiver thread,
//! [`download`] the download itself (frames in, actions out, no I/O),
//! [`commands`] what the user types, and [`screen`] where the words go.

pub mod commands;
pub mod connection;
pub mod download;
mod receiver;
pub mod screen;

use std::path::PathBuf;

use crate::chat::frame::DEFAULT_MAX_CHUNK;
use crate::narrate::Lang;
use crate::view::style::Style;

pub use commands::{Command, LineInput, Lines, describe, interactive, script};
pub use connection::{Client, MAX_CHAT_LINE};
pub use download::{DownloadError, Downloaded, part_path};
pub use screen::{NoProgress, PlainScreen, Progress, Screen};

/// What `synack chat client` needs.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub host: String,
    pub port: u16,
    /// Folder downloads are saved in (created if missing).
    pub downloads: PathBuf,
    /// Largest `FDAT` payload accepted.
    pub max_chunk: u64,
    pub lang: Lang,
    pub style: Style,
    /// Show every frame as bits, with this many payload bytes.
    pub bits: Option<usize>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            host: "localhost".into(),
            port: 5555,
            downloads: PathBuf::from("client_downloads"),
            max_chunk: DEFAULT_MAX_CHUNK,
            lang: Lang::En,
            style: Style::default(),
            bits: None,
        }
    }
}
