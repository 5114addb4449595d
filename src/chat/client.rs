//! The chat and file client.
//!
//! A receiver thread reads every frame the server sends and acts on it: chat
//! is shown as it arrives, a listing is printed, and download frames feed the
//! download in progress (hashed while they arrive, written to `NAME.part`,
//! renamed only after the SHA-256 matches). The caller's thread sends
//! commands; [`Client::download`] waits for its download to end.
//!
//! The client speaks to classic servers too: it only sends `RSUM` (resume)
//! when a `.part` is there, and a server that ignores it simply sends the whole
//! file (no `FOFS`), which the client then takes from the start.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::view::style::{Paint, Style};

use super::bits::{BitsView, Direction};
use super::digest::hasher_over;
use super::frame::{CONTROL_LIMIT, DEFAULT_MAX_CHUNK, Frame, Header, Limits, MAX_MAX_CHUNK};
use super::paths::{self, NameError};
use super::reader::Borrower;
use super::reader::FrameReader;
use super::sink::Sink;
use super::{ChatError, hex, printable};

/// The longest chat line sent: room is left for the `[address]: ` the
/// server puts in front (an IPv6 address with its zone and port fits).
pub const MAX_CHAT_LINE: usize = CONTROL_LIMIT as usize - 128;

/// Buffer for reading from the server: many 8 KiB frames per read. During a
/// download the buffer itself goes on to the hash and the file, and spares
/// take its place (see [`Sink`]). Measured over a 1 GiB download: 1 MiB with
/// 8 spares beat 256 KiB and 512 KiB (too many hand-overs) and 2 MiB.
const READ_BUF: usize = 1024 * 1024;
/// How long to wait for the server to close after `QUIT`.
const QUIT_WAIT: Duration = Duration::from_secs(3);

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

/// Where the client's words go: a plain writer, or a terminal with a line
/// being edited and progress bars.
pub trait Screen: Send + Sync {
    /// One message (it may hold several lines), shown without breaking the
    /// line the user is typing.
    fn line(&self, text: &str);
    /// A progress display for a download of `total` bytes starting at `start`.
    fn progress(&self, name: &str, total: u64, start: u64) -> Box<dyn Progress>;
}

/// A download's progress display.
pub trait Progress: Send {
    fn advance(&mut self, bytes: u64);
    fn finish(&mut self);
}

/// No progress display (not a terminal).
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&mut self, _bytes: u64) {}
    fn finish(&mut self) {}
}

/// A screen that writes lines to a writer: for pipes, files and tests.
pub struct PlainScreen {
    out: Mutex<Box<dyn Write + Send>>,
}

impl PlainScreen {
    pub fn new(out: Box<dyn Write + Send>) -> Self {
        PlainScreen {
            out: Mutex::new(out),
        }
    }
}

impl Screen for PlainScreen {
    fn line(&self, text: &str) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }
    fn progress(&self, _name: &str, _total: u64, _start: u64) -> Box<dyn Progress> {
        Box::new(NoProgress)
    }
}

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
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
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
    #[error("{name}: {reason}")]
    Io { name: String, reason: String },
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
            DownloadError::Io { name, reason } => {
                tr!(lang, "chat-dl-io", name = name, reason = reason)
            }
            DownloadError::Closed => tr!(lang, "chat-dl-closed"),
        }
    }
}

type Done = mpsc::Sender<Result<Downloaded, DownloadError>>;

/// Bytes already on disk from an interrupted download.
struct Resume {
    offset: u64,
    hasher: Sha256,
}

/// A `FILE` sent and not yet answered.
struct Request {
    asked: String,
    resume: Option<Resume>,
    done: Done,
}

/// State the receiver thread and the caller share.
struct Shared {
    lang: Lang,
    style: Style,
    screen: Arc<dyn Screen>,
    bits: Option<BitsView>,
    peer: String,
    downloads: PathBuf,
    /// We sent QUIT: the server closing is expected.
    quitting: AtomicBool,
    ended: Mutex<bool>,
    ended_signal: Condvar,
}

impl Shared {
    fn has_ended(&self) -> bool {
        *self.ended.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A connection to a chat server.
pub struct Client {
    stream: Mutex<TcpStream>,
    shared: Arc<Shared>,
    requests: mpsc::Sender<Request>,
    receiver: Option<JoinHandle<()>>,
}

impl Client {
    /// Connects and starts the receiver thread; incoming chat goes to `screen`.
    pub fn connect(opts: &ClientOptions, screen: Arc<dyn Screen>) -> Result<Client, ChatError> {
        let target = format!("{}:{}", opts.host, opts.port);
        std::fs::create_dir_all(&opts.downloads).map_err(|e| ChatError::Folder {
            path: opts.downloads.display().to_string(),
            reason: e.to_string(),
        })?;
        let connect_err = |reason: String| ChatError::Connect {
            addr: target.clone(),
            reason,
        };
        let addrs: Vec<_> = (opts.host.as_str(), opts.port)
            .to_socket_addrs()
            .map_err(|e| connect_err(e.to_string()))?
            .collect();
        let mut last = None;
        let mut stream = None;
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, Duration::from_secs(10)) {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let stream = stream.ok_or_else(|| {
            connect_err(last.map_or_else(
                || tr!(opts.lang, "chat-error-no-address"),
                |e| e.to_string(),
            ))
        })?;
        let _ = stream.set_nodelay(true);
        let peer = stream
            .peer_addr()
            .map_or_else(|_| target.clone(), |a| a.to_string());
        let shared = Arc::new(Shared {
            lang: opts.lang,
            style: opts.style,
            screen,
            bits: opts.bits.map(|max_bytes| BitsView {
                max_bytes,
                lang: opts.lang,
                style: opts.style,
            }),
            peer,
            downloads: opts.downloads.clone(),
            quitting: AtomicBool::new(false),
            ended: Mutex::new(false),
            ended_signal: Condvar::new(),
        });
        let limits = Limits {
            control: CONTROL_LIMIT,
            chunk: opts.max_chunk.clamp(1, MAX_MAX_CHUNK),
        };
        let (tx, rx) = mpsc::channel();
        let read_half = stream.try_clone()?;
        let receiver = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("chat-receiver".into())
                .spawn(move || {
                    let reader = FrameReader::new(read_half, limits, READ_BUF);
                    receive_loop(&shared, reader, rx);
                    *shared.ended.lock().unwrap_or_else(|e| e.into_inner()) = true;
                    shared.ended_signal.notify_all();
                })?
        };
        Ok(Client {
            stream: Mutex::new(stream),
            shared,
            requests: tx,
            receiver: Some(receiver),
        })
    }

    /// The server's address.
    pub fn peer(&self) -> &str {
        &self.shared.peer
    }

    /// Whether the connection has ended (the server closed it, or it broke).
    pub fn is_closed(&self) -> bool {
        self.shared.has_ended()
    }

    fn send(&self, frame: &Frame<'_>) -> io::Result<()> {
        let bytes = frame.encode();
        if let Some(view) = &self.shared.bits
            && let Some(header) = Header::from_prefix(&bytes)
        {
            self.shared.screen.line(&view.render(
                Direction::Sent,
                &self.shared.peer,
                &header,
                &bytes[super::frame::HEADER_LEN..],
            ));
        }
        let mut s = self.stream.lock().unwrap_or_else(|e| e.into_inner());
        s.write_all(&bytes)
    }

    /// Sends a chat line. One too long to be relayed (the server puts the
    /// sender's address in front, and every receiver holds a control frame
    /// to 1 MiB) is refused here, so the server never answers it with an
    /// FERR that a download under way would take as its own.
    pub fn say(&self, text: &str) -> Result<(), ChatError> {
        if text.len() > MAX_CHAT_LINE {
            return Err(ChatError::LineTooLong {
                len: text.len(),
                max: MAX_CHAT_LINE,
            });
        }
        Ok(self.send(&Frame::Chat(text))?)
    }

    /// Asks for the file listing (printed when it arrives; a classic server
    /// does not answer).
    pub fn list(&self) -> Result<(), ChatError> {
        Ok(self.send(&Frame::ListRequest)?)
    }

    /// Downloads `name` into the downloads folder and waits for the end.
    /// Resumes from `NAME.part` when one is there and the server agrees.
    pub fn download(&self, name: &str) -> Result<Downloaded, DownloadError> {
        if self.is_closed() {
            return Err(DownloadError::Closed);
        }
        let lang = self.shared.lang;
        let resume = match paths::download_name(name) {
            Ok(base) => {
                let part = part_path(&self.shared.downloads, &base);
                match std::fs::metadata(&part) {
                    Ok(meta) if meta.is_file() && meta.len() > 0 => {
                        let mut file = File::open(&part).map_err(|e| DownloadError::Io {
                            name: base.clone(),
                            reason: e.to_string(),
                        })?;
                        let (hasher, n) =
                            hasher_over(&mut file, meta.len()).map_err(|e| DownloadError::Io {
                                name: base.clone(),
                                reason: e.to_string(),
                            })?;
                        Some(Resume { offset: n, hasher })
                    }
                    _ => None,
                }
            }
            Err(_) => None,
        };
        let (done_tx, done_rx) = mpsc::channel();
        let resume_frame = resume
            .as_ref()
            .map(|r| (r.offset, r.hasher.clone().finalize()));
        self.requests
            .send(Request {
                asked: name.to_string(),
                resume,
                done: done_tx,
            })
            .map_err(|_| DownloadError::Closed)?;
        let sent = match resume_frame {
            Some((offset, digest)) => {
                self.shared.screen.line(&tr!(
                    lang,
                    "chat-dl-resuming",
                    name = name,
                    offset = offset
                ));
                self.send(&Frame::Resume {
                    offset,
                    prefix_digest: digest.into(),
                    name,
                })
                .and_then(|()| self.send(&Frame::File(name)))
            }
            None => self.send(&Frame::File(name)),
        };
        if sent.is_err() {
            return Err(DownloadError::Closed);
        }
        done_rx.recv().unwrap_or(Err(DownloadError::Closed))
    }

    /// Says goodbye: sends `QUIT`, waits a little for the server to close the
    /// connection, then closes it from this side.
    pub fn quit(mut self) -> Result<(), ChatError> {
        self.shared.quitting.store(true, Ordering::SeqCst);
        let _ = self.send(&Frame::Quit);
        {
            let deadline = Instant::now() + QUIT_WAIT;
            let mut ended = self.shared.ended.lock().unwrap_or_else(|e| e.into_inner());
            while !*ended {
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                ended = self
                    .shared
                    .ended_signal
                    .wait_timeout(ended, deadline - now)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        }
        self.close();
        Ok(())
    }

    fn close(&mut self) {
        self.shared.quitting.store(true, Ordering::SeqCst);
        let _ = self
            .stream
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .shutdown(Shutdown::Both);
        if let Some(r) = self.receiver.take() {
            let _ = r.join();
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.close();
    }
}

/// `downloads/NAME.part`.
pub fn part_path(downloads: &Path, base: &str) -> PathBuf {
    downloads.join(format!("{base}.part"))
}

/// A download being received.
struct Active {
    req: Request,
    name: String,
    part: PathBuf,
    size: u64,
    expected: [u8; 32],
    /// `None` until the first FDAT or FOFS says where the data starts.
    /// Hashes and writes; `None` until the first FDAT or FOFS says where
    /// the data starts.
    file: Option<Sink>,
    got: u64,
    resumed_from: u64,
    progress: Option<Box<dyn Progress>>,
    started: Instant,
}

/// Where the receiver is in a download.
enum Stage {
    Idle,
    /// `FROK` came: `FMTA` next.
    Meta(Request),
    /// `FMTA` came: `FHSH` next.
    Hash {
        req: Request,
        announced: String,
        size: u64,
    },
    Data(Box<Active>),
    /// A refused download's data, read and dropped.
    Skip(u64),
}

impl Stage {
    /// The sink holding ranges of the reader's buffer, if a download is
    /// under way: the reader must exchange its buffer with it, not reuse it.
    fn borrower(&mut self) -> Option<&mut dyn Borrower> {
        match self {
            Stage::Data(a) => a.file.as_mut().map(|f| f as &mut dyn Borrower),
            _ => None,
        }
    }
}

fn receive_loop(
    shared: &Shared,
    mut reader: FrameReader<TcpStream>,
    requests: mpsc::Receiver<Request>,
) {
    let lang = shared.lang;
    let mut stage = Stage::Idle;
    let end_reason: Option<String> = loop {
        let (header, at) = match reader.next_frame(stage.borrower()) {
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
        let frame = match Frame::parse(header.kind, payload) {
            Ok(f) => f,
            Err(e) => {
                let what = e.localize(lang);
                stage = fail_stage(stage, buffer, |name| DownloadError::Protocol {
                    name,
                    what: what.clone(),
                });
                shared
                    .screen
                    .line(&tr!(lang, "chat-client-bad-frame", reason = what.as_str()));
                continue;
            }
        };
        stage = on_frame(shared, stage, frame, Held { buffer, at }, &requests);
    };
    // The connection is over: whatever was under way failed.
    let quitting = shared.quitting.load(Ordering::SeqCst);
    match stage {
        Stage::Data(active) => {
            let a = *active;
            let part = a.part.display().to_string();
            finish_file(a.file, reader.buffer());
            let _ = a.req.done.send(Err(DownloadError::Interrupted {
                name: a.name,
                got: a.got,
                size: a.size,
                part,
            }));
        }
        Stage::Meta(req) | Stage::Hash { req, .. } => {
            let _ = req.done.send(Err(DownloadError::Closed));
        }
        Stage::Idle | Stage::Skip(_) => {}
    }
    while let Ok(req) = requests.try_recv() {
        let _ = req.done.send(Err(DownloadError::Closed));
    }
    if !quitting {
        let text = match end_reason {
            Some(reason) => tr!(lang, "chat-client-connection-error", reason = reason),
            None => tr!(lang, "chat-client-server-closed"),
        };
        shared.screen.line(&shared.style.paint(Paint::Dim, &text));
    }
}

/// Writes out what arrived of a download that ends early (the `.part` file
/// is kept for resuming).
fn finish_file(file: Option<Sink>, buffer: &[u8]) {
    if let Some(f) = file {
        let _ = f.finish(buffer);
    }
}

/// Skipping `remaining` bytes of FDAT, or nothing to skip.
fn skip(remaining: u64) -> Stage {
    if remaining == 0 {
        Stage::Idle
    } else {
        Stage::Skip(remaining)
    }
}

/// Ends the download under way (if any) with the error `make(name)` builds;
/// the stage that follows skips the data the server will still send.
fn fail_stage(stage: Stage, buffer: &[u8], make: impl Fn(String) -> DownloadError) -> Stage {
    match stage {
        Stage::Meta(req) | Stage::Hash { req, .. } => {
            let _ = req.done.send(Err(make(req.asked.clone())));
            Stage::Idle
        }
        Stage::Data(active) => {
            let a = *active;
            let remaining = a.size - a.got;
            finish_file(a.file, buffer);
            if let Some(mut p) = a.progress {
                p.finish();
            }
            let _ = a.req.done.send(Err(make(a.name)));
            skip(remaining)
        }
        other => other,
    }
}

/// The reader's buffer, of which a download's sink may hold ranges, and
/// where the current frame's payload lies in it.
struct Held<'a> {
    buffer: &'a [u8],
    at: Range<usize>,
}

fn on_frame(
    shared: &Shared,
    stage: Stage,
    frame: Frame<'_>,
    held: Held<'_>,
    requests: &mpsc::Receiver<Request>,
) -> Stage {
    let lang = shared.lang;
    // Skipping a refused file's data ends at the first frame that is not
    // more of it: the server sent less than announced, or moved on.
    let stage = match (stage, &frame) {
        (Stage::Skip(_), f) if !matches!(f, Frame::Fdat(_)) => Stage::Idle,
        (stage, _) => stage,
    };
    match (stage, frame) {
        (stage, Frame::Chat(text)) => {
            shared.screen.line(&printable(text));
            stage
        }
        (stage, Frame::Listing { total, entries }) => {
            let mut lines = vec![tr!(lang, "chat-list-heading", count = total)];
            let width = entries.iter().map(|e| e.name.chars().count()).max();
            for e in &entries {
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
            shared.screen.line(&lines.join("\n"));
            stage
        }
        (Stage::Idle, Frame::Frok) => match requests.try_recv() {
            Ok(req) => Stage::Meta(req),
            Err(_) => {
                shared
                    .screen
                    .line(&tr!(lang, "chat-client-unexpected", kind = "FROK"));
                Stage::Idle
            }
        },
        (Stage::Idle, Frame::Ferr(text)) => {
            // An answer to a FILE (instead of FROK), or an error on its own.
            match requests.try_recv() {
                Ok(req) => {
                    let _ = req.done.send(Err(DownloadError::Refused {
                        name: req.asked,
                        reason: text.to_string(),
                    }));
                }
                Err(_) => shared.screen.line(&tr!(
                    lang,
                    "chat-client-server-error",
                    text = printable(text).as_ref()
                )),
            }
            Stage::Idle
        }
        (stage, Frame::Ferr(text)) => {
            // The server gave up on the file (it shrank or vanished while
            // being sent): nothing more of it will come.
            fail_stage(stage, held.buffer, |name| DownloadError::Refused {
                name,
                reason: text.to_string(),
            });
            Stage::Idle
        }
        (Stage::Meta(req), Frame::Fmta { name, size }) => Stage::Hash {
            req,
            announced: name.to_string(),
            size,
        },
        (
            Stage::Hash {
                req,
                announced,
                size,
            },
            Frame::Fhsh(expected),
        ) => {
            let name = match paths::download_name(&announced) {
                Ok(n) => n,
                Err(reason) => {
                    let _ = req
                        .done
                        .send(Err(DownloadError::UnsafeName { announced, reason }));
                    return skip(size);
                }
            };
            let part = part_path(&shared.downloads, &name);
            let active = Active {
                req,
                name,
                part,
                size,
                expected,
                file: None,
                got: 0,
                resumed_from: 0,
                progress: None,
                started: Instant::now(),
            };
            if size == 0 {
                return match start_data(shared, active, 0) {
                    Ok(a) => complete(shared, a, held.buffer),
                    Err(stage) => stage,
                };
            }
            Stage::Data(Box::new(active))
        }
        (Stage::Data(active), Frame::Offset(offset)) if active.file.is_none() => {
            match start_data(shared, *active, offset) {
                Ok(a) if a.got == a.size => complete(shared, a, held.buffer),
                Ok(a) => Stage::Data(Box::new(a)),
                Err(stage) => stage,
            }
        }
        (Stage::Data(active), Frame::Fdat(data)) => {
            let mut a = *active;
            if a.file.is_none() {
                a = match start_data(shared, a, 0) {
                    Ok(a) => a,
                    Err(stage) => return stage,
                };
            }
            let room = a.size - a.got;
            if data.len() as u64 > room {
                let what = tr!(lang, "chat-dl-too-much", extra = data.len() as u64 - room);
                return fail_stage(Stage::Data(Box::new(a)), held.buffer, |name| {
                    DownloadError::Protocol {
                        name,
                        what: what.clone(),
                    }
                });
            }
            if let Some(f) = a.file.as_mut() {
                f.lend(held.at);
            }
            a.got += data.len() as u64;
            if let Some(p) = a.progress.as_mut() {
                p.advance(data.len() as u64);
            }
            if a.got == a.size {
                complete(shared, a, held.buffer)
            } else {
                Stage::Data(Box::new(a))
            }
        }
        (Stage::Skip(left), Frame::Fdat(data)) => skip(left.saturating_sub(data.len() as u64)),
        (stage, other) => {
            // A frame out of place, or a type this version does not know:
            // ignored, as the protocol asks of every receiver.
            if !matches!(other, Frame::Unknown { .. }) {
                shared.screen.line(&tr!(
                    lang,
                    "chat-client-unexpected",
                    kind = other.kind().name()
                ));
            }
            stage
        }
    }
}

/// Opens `NAME.part` where the data starts: appending after the bytes already
/// there when the server resumes at exactly that offset, from scratch
/// otherwise.
fn start_data(shared: &Shared, mut a: Active, offset: u64) -> Result<Active, Stage> {
    let resume = a.req.resume.take();
    let lang = shared.lang;
    let (opened, hasher) = match (offset, resume) {
        (0, _) => (File::create(&a.part), Sha256::new()),
        (offset, Some(r))
            if r.offset == offset
                && offset <= a.size
                && paths::download_name(&a.req.asked).ok().as_deref() == Some(a.name.as_str()) =>
        {
            a.got = offset;
            a.resumed_from = offset;
            (OpenOptions::new().append(true).open(&a.part), r.hasher)
        }
        (offset, _) => {
            let what = tr!(lang, "chat-dl-bad-offset", offset = offset);
            let remaining = a.size.saturating_sub(offset);
            let _ = a
                .req
                .done
                .send(Err(DownloadError::Protocol { name: a.name, what }));
            return Err(skip(remaining));
        }
    };
    match opened.and_then(|f| Sink::new(f, hasher)) {
        Ok(f) => {
            a.file = Some(f);
            a.progress = Some(shared.screen.progress(&a.name, a.size, a.got));
            a.started = Instant::now();
            Ok(a)
        }
        Err(e) => {
            let remaining = a.size - a.got;
            let _ = a.req.done.send(Err(DownloadError::Io {
                name: a.name,
                reason: e.to_string(),
            }));
            Err(skip(remaining))
        }
    }
}

/// All bytes are in: check the digest, and only then give the file its name.
fn complete(shared: &Shared, a: Active, buffer: &[u8]) -> Stage {
    let Active {
        req,
        name,
        part,
        size,
        expected,
        file,
        resumed_from,
        progress,
        started,
        ..
    } = a;
    if let Some(mut p) = progress {
        p.finish();
    }
    let finished = match file {
        Some(f) => f.finish(buffer),
        None => Err(io::Error::other("no data")),
    };
    let actual = match finished {
        Ok(d) => d,
        Err(e) => {
            let _ = req.done.send(Err(DownloadError::Io {
                name,
                reason: e.to_string(),
            }));
            return Stage::Idle;
        }
    };
    if actual != expected {
        let _ = req.done.send(Err(DownloadError::Integrity {
            name,
            part: part.display().to_string(),
            expected: hex(&expected),
            actual: hex(&actual),
        }));
        return Stage::Idle;
    }
    let path = shared.downloads.join(&name);
    let result = std::fs::rename(&part, &path)
        .map(|()| Downloaded {
            name: name.clone(),
            path: path.clone(),
            size,
            digest: actual,
            resumed_from,
            elapsed: started.elapsed(),
        })
        .map_err(|e| DownloadError::Io {
            name,
            reason: e.to_string(),
        });
    let _ = req.done.send(result);
    Stage::Idle
}

/// Words for a finished download (with the rate, for a file of 1 MiB or more).
pub fn describe(d: &Downloaded, lang: Lang) -> String {
    let mut text = tr!(
        lang,
        "chat-dl-ok",
        name = d.name.as_str(),
        size = d.size,
        digest = hex(&d.digest),
        path = d.path.display().to_string()
    );
    let fresh = d.size - d.resumed_from;
    let secs = d.elapsed.as_secs_f64();
    if fresh >= 1 << 20 && secs > 0.0 {
        let rate = fresh as f64 / secs / (1024.0 * 1024.0);
        text.push(' ');
        text.push_str(&tr!(
            lang,
            "chat-dl-rate",
            rate = format!("{rate:.0}"),
            secs = format!("{secs:.2}")
        ));
    }
    text
}

/// Where interactive commands come from.
pub trait LineInput {
    /// The next line without its newline; `None` at the end of input.
    fn read_line(&mut self) -> Result<Option<String>, ChatError>;
}

/// Lines from any reader (a pipe, a file, a test).
pub struct Lines<R>(pub R);

impl<R: BufRead> LineInput for Lines<R> {
    fn read_line(&mut self) -> Result<Option<String>, ChatError> {
        let mut line = String::new();
        match self.0.read_line(&mut line)? {
            0 => Ok(None),
            _ => Ok(Some(line.trim_end_matches(['\r', '\n']).to_string())),
        }
    }
}

/// A command typed at the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Chat(String),
    File(String),
    List,
    Quit,
    Empty,
    Unknown(String),
}

impl Command {
    /// `chat <msg>`, `arquivo <name>` / `file <name>`, `list` / `listar`,
    /// `sair` / `quit`.
    pub fn parse(line: &str) -> Command {
        let line = line.trim();
        let (word, rest) = match line.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (line, ""),
        };
        match word.to_lowercase().as_str() {
            "" => Command::Empty,
            "chat" if !rest.is_empty() => Command::Chat(rest.to_string()),
            "arquivo" | "file" if !rest.is_empty() => Command::File(rest.to_string()),
            "list" | "listar" | "ls" => Command::List,
            "sair" | "quit" | "exit" => Command::Quit,
            _ => Command::Unknown(line.to_string()),
        }
    }
}

/// The interactive client: reads commands from `input` until `quit` or the
/// end of input, then says goodbye. Incoming chat shows on the screen as it
/// arrives.
pub fn interactive(client: Client, input: &mut dyn LineInput) -> Result<(), ChatError> {
    let shared = client.shared.clone();
    let lang = shared.lang;
    let screen = shared.screen.clone();
    screen.line(&tr!(lang, "chat-client-connected", addr = client.peer()));
    screen.line(
        &shared
            .style
            .paint(Paint::Dim, &tr!(lang, "chat-client-help")),
    );
    while let Some(line) = input.read_line()? {
        if client.is_closed() {
            break;
        }
        match Command::parse(&line) {
            Command::Empty => {}
            Command::Chat(text) => match client.say(&text) {
                Ok(()) => {}
                Err(e @ ChatError::LineTooLong { .. }) => screen.line(&e.localize(lang)),
                Err(_) => break,
            },
            Command::File(name) => match client.download(&name) {
                Ok(d) => screen.line(&describe(&d, lang)),
                Err(DownloadError::Closed) => break,
                Err(e) => screen.line(&shared.style.paint(Paint::Reset, &e.localize(lang))),
            },
            Command::List => {
                if client.list().is_err() {
                    break;
                }
            }
            Command::Quit => break,
            Command::Unknown(text) => screen.line(&tr!(
                lang,
                "chat-client-unknown-command",
                text = text.as_str()
            )),
        }
    }
    client.quit()
}

/// The non-interactive client: says each line, downloads each name, says
/// goodbye. Fails if any download failed.
pub fn script(client: Client, say: &[String], get: &[String]) -> Result<(), ChatError> {
    let shared = client.shared.clone();
    let lang = shared.lang;
    for text in say {
        client.say(text)?;
    }
    let mut failed = 0;
    for name in get {
        match client.download(name) {
            Ok(d) => shared.screen.line(&describe(&d, lang)),
            Err(e) => {
                failed += 1;
                shared
                    .screen
                    .line(&shared.style.paint(Paint::Reset, &e.localize(lang)));
            }
        }
    }
    client.quit()?;
    if failed > 0 {
        return Err(ChatError::DownloadsFailed {
            failed,
            total: get.len(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_and_new_commands_parse() {
        assert_eq!(
            Command::parse("chat olá a todos"),
            Command::Chat("olá a todos".into())
        );
        assert_eq!(
            Command::parse("arquivo notas.txt"),
            Command::File("notas.txt".into())
        );
        assert_eq!(
            Command::parse("file a b.txt"),
            Command::File("a b.txt".into())
        );
        assert_eq!(Command::parse("sair"), Command::Quit);
        assert_eq!(Command::parse("QUIT"), Command::Quit);
        assert_eq!(Command::parse("list"), Command::List);
        assert_eq!(Command::parse("   "), Command::Empty);
        assert_eq!(Command::parse("chat"), Command::Unknown("chat".into()));
        assert_eq!(Command::parse("hello"), Command::Unknown("hello".into()));
    }
}
