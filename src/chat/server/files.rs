//! What the server serves: a requested file checked and opened, and the
//! listing of the folder.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::chat::digest::hash_prefix;
use crate::chat::frame::{self, CONTROL_LIMIT, Entry, Frame};
use crate::chat::paths;
use crate::narrate::Localize;
use crate::tr;

use super::clients::Shared;

/// A download for the writer to send.
pub(super) struct FileJob {
    pub(super) file: File,
    pub(super) name: String,
    pub(super) size: u64,
    pub(super) digest: [u8; 32],
    /// `Some(offset)` when the client asked to resume (`FOFS` is sent).
    pub(super) resume: Option<u64>,
}

/// Checks a requested name and opens the file; the error is the text of the
/// `FERR` to send.
pub(super) fn prepare_file(
    shared: &Shared,
    name: &str,
    resume: Option<(u64, [u8; 32])>,
) -> Result<FileJob, String> {
    let lang = shared.lang;
    let path = paths::resolve(&shared.root, name).map_err(|e| e.localize(lang))?;
    let io_err = |e: io::Error| tr!(lang, "chat-ferr-io", reason = e.to_string());
    let mut file = File::open(&path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    let (digest, _) = shared.digests.get(&path, &meta).map_err(io_err)?;
    let size = meta.len();
    let resume = match resume {
        Some((offset, prefix)) if offset <= size => {
            // Resume only if the client's bytes are the first bytes of this file.
            let (d, n) = hash_prefix(&mut file, offset).map_err(io_err)?;
            Some(if n == offset && d == prefix {
                offset
            } else {
                0
            })
        }
        Some(_) => Some(0),
        None => None,
    };
    let display_name = Path::new(&path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    Ok(FileJob {
        file,
        name: display_name,
        size,
        digest,
        resume,
    })
}

/// The `LIST` answer: regular files directly in the folder (those a `FILE`
/// would serve), by name, as many as fit in a control frame.
pub(super) fn list_folder(root: &Path) -> Frame<'static> {
    let mut entries: Vec<Entry> = Vec::new();
    if let Ok(dir) = std::fs::read_dir(root) {
        for item in dir.flatten() {
            let Ok(name) = item.file_name().into_string() else {
                continue;
            };
            if let Ok(path) = paths::resolve(root, &name)
                && let Ok(meta) = std::fs::metadata(&path)
            {
                entries.push(Entry {
                    name,
                    size: meta.len(),
                });
            }
        }
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let total = u32::try_from(entries.len()).unwrap_or(u32::MAX);
    let mut used = 4usize;
    let mut kept = Vec::new();
    for e in entries {
        let len = frame::entry_len(&e.name);
        if used + len > CONTROL_LIMIT as usize {
            break;
        }
        used += len;
        kept.push(e);
    }
    Frame::Listing {
        total,
        entries: kept,
    }
}
