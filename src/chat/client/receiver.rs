//! The receiver thread: reads every frame the server sends, shows chat and
//! listings, feeds the [`Downloads`] machine, and carries out what it asks
//! with the real files (see [`crate::chat::sink`] for how the data reaches
//! the file and the hash without a copy).

use std::fs::{File, OpenOptions};
use std::io;
use std::net::TcpStream;
use std::ops::Range;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::chat::bits::Direction;
use crate::chat::frame::{Entry, Frame};
use crate::chat::reader::{Borrower, FrameReader};
use crate::chat::sink::Sink;
use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::view::style::Paint;
use crate::view::style::printable;

use super::connection::Shared;
use super::download::{Action, DownloadError, Downloaded, Downloads, Prefix};
use super::screen::Progress;

/// Where a download's result goes: the caller waiting in `Client::download`.
pub(super) type Done = mpsc::Sender<Result<Downloaded, DownloadError>>;

/// A `FILE` the caller sent, and the `.part` bytes it offered to resume from.
pub(super) struct Request {
    pub(super) asked: String,
    pub(super) resume: Option<Prefix>,
    pub(super) done: Done,
}

pub(super) fn receive_loop(
    shared: &Shared,
    mut reader: FrameReader<TcpStream>,
    requests: mpsc::Receiver<Request>,
) {
    let lang = shared.lang;
    let mut downloads = Downloads::new(shared.downloads.clone(), lang);
    let mut disk = Disk {
        shared,
        file: None,
        progress: None,
        started: Instant::now(),
    };
    let end_reason: Option<String> = loop {
        let (header, at) = match reader.next_frame(disk.borrower()) {
            Ok(Some(f)) => f,
            Ok(None) => break None,
            Err(e) => break Some(e.localize(lang)),
        };
        let buffer = reader.buffer();
        let payload = &buffer[at.clone()];
        if let Some(view) = &shared.bits {
            shared
                .screen
                .line(&view.render(Direction::Received, &shared.peer, &header, payload));
        }
        take_requests(&requests, &mut downloads);
        match Frame::parse(header.kind, payload) {
            Ok(frame) => {
                show(shared, &frame);
                downloads.handle_frame(&frame);
                disk.carry_out(&mut downloads, buffer, &at);
            }
            Err(e) => {
                let what = e.localize(lang);
                downloads.handle_unreadable(&what);
                disk.carry_out(&mut downloads, buffer, &at);
                shared
                    .screen
                    .line(&tr!(lang, "chat-client-bad-frame", reason = what.as_str()));
            }
        }
    };
    // The connection is over: whatever was under way failed.
    let quitting = shared.quitting.load(Ordering::SeqCst);
    take_requests(&requests, &mut downloads);
    downloads.handle_end();
    disk.carry_out(&mut downloads, reader.buffer(), &(0..0));
    drop(disk);
    if !quitting {
        let text = match end_reason {
            Some(reason) => tr!(lang, "chat-client-connection-error", reason = reason),
            None => tr!(lang, "chat-client-server-closed"),
        };
        shared.screen.line(&shared.style.paint(Paint::Dim, &text));
    }
}

/// Hands the downloads every `FILE` the caller has sent so far, in order.
fn take_requests(requests: &mpsc::Receiver<Request>, downloads: &mut Downloads<Done>) {
    while let Ok(req) = requests.try_recv() {
        downloads.ask(req.done, req.asked, req.resume);
    }
}

/// Chat and listings, shown as they come.
fn show(shared: &Shared, frame: &Frame<'_>) {
    match frame {
        Frame::Chat(text) => shared.screen.line(&printable(text)),
        Frame::Listing { total, entries } => {
            shared.screen.line(&listing(shared.lang, *total, entries));
        }
        _ => {}
    }
}

fn listing(lang: Lang, total: u32, entries: &[Entry]) -> String {
    let mut lines = vec![tr!(lang, "chat-list-heading", count = total)];
    let width = entries.iter().map(|e| e.name.chars().count()).max();
    for e in entries {
        lines.push(format!(
            "  {:<w$}  {}",
            printable(&e.name),
            tr!(lang, "chat-list-size", size = e.size),
            w = width.unwrap_or(0)
        ));
    }
    let more = u64::from(total).saturating_sub(entries.len() as u64);
    if more > 0 {
        lines.push(tr!(lang, "chat-list-more", count = more));
    }
    lines.join("\n")
}

/// The files, progress display and clock the download machine asks for.
struct Disk<'a> {
    shared: &'a Shared,
    /// Hashes and writes the part file; holds ranges of the reader's buffer.
    file: Option<Sink>,
    progress: Option<Box<dyn Progress>>,
    /// When the part file was opened.
    started: Instant,
}

impl Disk<'_> {
    /// The sink, while it may hold ranges of the reader's buffer: the reader
    /// must then exchange its buffer with it, not reuse it.
    fn borrower(&mut self) -> Option<&mut dyn Borrower> {
        self.file.as_mut().map(|f| f as &mut dyn Borrower)
    }

    /// Does what `downloads` asks, answering as it goes. `buffer` is the
    /// reader's, and the frame just handled lies at `at` in it.
    fn carry_out(&mut self, downloads: &mut Downloads<Done>, buffer: &[u8], at: &Range<usize>) {
        let lang = self.shared.lang;
        while let Some(action) = downloads.poll_action() {
            match action {
                Action::Open {
                    part,
                    name,
                    size,
                    prefix,
                } => {
                    let from = prefix.as_ref().map_or(0, |p| p.len);
                    let (opened, hasher) = match prefix {
                        None => (File::create(&part), Sha256::new()),
                        Some(p) => (OpenOptions::new().append(true).open(&part), p.hasher),
                    };
                    let opened = opened.and_then(|f| Sink::new(f, hasher)).map(|sink| {
                        self.file = Some(sink);
                        self.progress = Some(self.shared.screen.progress(&name, size, from));
                        self.started = Instant::now();
                    });
                    downloads.handle_opened(opened);
                }
                Action::Write(range) => {
                    if let Some(f) = self.file.as_mut() {
                        f.lend(at.clone());
                    }
                    if let Some(p) = self.progress.as_mut() {
                        p.advance(range.end - range.start);
                    }
                }
                Action::EndProgress => {
                    if let Some(mut p) = self.progress.take() {
                        p.finish();
                    }
                }
                Action::Close => {
                    let digest = match self.file.take() {
                        Some(f) => f.finish(buffer),
                        None => Err(io::Error::other("no data")),
                    };
                    downloads.handle_digest(digest);
                }
                Action::Abandon => {
                    if let Some(f) = self.file.take() {
                        let _ = f.finish(buffer);
                    }
                }
                Action::Rename { from, to } => {
                    let renamed = std::fs::rename(&from, &to);
                    downloads.handle_renamed(renamed, self.started.elapsed());
                }
                Action::Done { ticket, result } => {
                    let _ = ticket.send(result);
                }
                Action::Unexpected(kind) => self.shared.screen.line(&tr!(
                    lang,
                    "chat-client-unexpected",
                    kind = kind.name()
                )),
                Action::ServerError(text) => self.shared.screen.line(&tr!(
                    lang,
                    "chat-client-server-error",
                    text = printable(&text).as_ref()
                )),
            }
        }
    }
}
