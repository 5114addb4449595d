//! The chat and file server: a reader and a writer thread per client, a
//! thread-safe client list, console lines broadcast to everyone.
//!
//! Life of a client:
//!
//! 1. The accept thread registers it (address, socket, outgoing [`Queue`]) and
//!    starts its reader thread, which starts its writer thread.
//! 2. The reader reads frames (each length checked before anything is
//!    allocated) and acts: `CHAT` is logged and relayed to the others, `FILE`
//!    is checked and queued for the writer, `LIST` and `RSUM` are answered,
//!    `QUIT` ends the client.
//! 3. The writer takes whatever is queued and writes it; a file is streamed
//!    from disk in batches of `FDAT` frames, with queued chat sent between
//!    batches (the frames stay whole, so every frame-reading client copes).
//! 4. On any end (QUIT, EOF, a bad frame, falling too far behind, the server
//!    stopping) the client leaves the list, its socket is shut down, and both
//!    threads finish.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, IoSlice, Read, Seek, SeekFrom, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::view::style::Style;

use super::bits::{BitsView, Direction};
use super::digest::{DigestCache, hash_prefix};
use super::frame::{
    self, CONTROL_LIMIT, DEFAULT_CHUNK, Entry, Frame, HEADER_LEN, Header, Kind, Limits,
};
use super::paths;
use super::queue::{Bound, PushError, Queue};
use super::reader::{FrameReader, ReadError};
use super::vectored::write_all_vectored;
use super::{ChatError, Log, printable};

/// Stack for each client thread: they hold little on the stack (buffers are on
/// the heap), and a thousand clients means two thousand threads.
const CLIENT_STACK: usize = 256 * 1024;

/// Payload bytes read from disk and written to the socket at once.
const BATCH: usize = 256 * 1024;

/// How long `quit` lets clients take what is queued before their sockets are
/// shut down.
const GRACE: Duration = Duration::from_secs(2);

/// What `synack chat server` needs.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// Address to listen on, `HOST:PORT`.
    pub bind: String,
    /// Folder whose files are served (created if missing).
    pub dir: PathBuf,
    pub lang: Lang,
    pub style: Style,
    /// Show every frame as bits, with this many payload bytes.
    pub bits: Option<usize>,
    /// `FDAT` payload size.
    pub chunk: usize,
    /// How far a client may fall behind before it is disconnected.
    pub queue: Bound,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            bind: "0.0.0.0:5555".into(),
            dir: PathBuf::from("server_files"),
            lang: Lang::En,
            style: Style::default(),
            bits: None,
            chunk: DEFAULT_CHUNK,
            queue: Bound::default(),
        }
    }
}

/// A download for the writer to send.
struct FileJob {
    file: File,
    name: String,
    size: u64,
    digest: [u8; 32],
    /// `Some(offset)` when the client asked to resume (`FOFS` is sent).
    resume: Option<u64>,
}

/// One item of a client's outgoing queue.
enum Out {
    /// A whole frame.
    Frame(Arc<[u8]>),
    /// Chat for everyone, encoded once and shared by every client's queue;
    /// each writer leaves out its own client's lines.
    Batch(Arc<Batch>),
    File(Box<FileJob>),
    /// Flush what came before, then close.
    Close,
}

/// Chat frames gathered by the broadcaster while it was busy: one queue item
/// per client for the lot, so a burst of chat from many clients wakes each
/// writer once and leaves in one write.
struct Batch {
    bytes: Vec<u8>,
    /// Who sent each frame (`None`: the console) and where it is in `bytes`.
    spans: Vec<(Option<u64>, std::ops::Range<usize>)>,
}

/// What the broadcaster thread is told.
enum Hub {
    Line { from: Option<u64>, frame: Vec<u8> },
    Stop,
}

/// Chat bytes the broadcaster gathers into one batch at most.
const HUB_BATCH: usize = 256 * 1024;

/// The broadcaster: takes every chat line waiting, and queues them for every
/// client as one batch. While it queues one batch the next one gathers.
fn hub_loop(shared: &Shared, rx: &mpsc::Receiver<Hub>) {
    loop {
        let mut batch = Batch {
            bytes: Vec::new(),
            spans: Vec::new(),
        };
        let mut stop = false;
        let mut add = |from: Option<u64>, frame: Vec<u8>| {
            let at = batch.bytes.len();
            batch.bytes.extend_from_slice(&frame);
            batch.spans.push((from, at..batch.bytes.len()));
        };
        match rx.recv() {
            Ok(Hub::Line { from, frame }) => add(from, frame),
            Ok(Hub::Stop) | Err(_) => return,
        }
        let mut gathered = 0;
        while gathered < HUB_BATCH {
            match rx.try_recv() {
                Ok(Hub::Line { from, frame }) => {
                    gathered += frame.len();
                    add(from, frame);
                }
                Ok(Hub::Stop) => {
                    stop = true;
                    break;
                }
                Err(_) => break,
            }
        }
        shared.deliver(&Arc::new(batch));
        if stop {
            return;
        }
    }
}

struct ClientEntry {
    addr: SocketAddr,
    stream: TcpStream,
    queue: Arc<Queue<Out>>,
}

struct Shared {
    root: PathBuf,
    lang: Lang,
    bits: Option<BitsView>,
    chunk: usize,
    bound: Bound,
    clients: Mutex<HashMap<u64, ClientEntry>>,
    /// Client threads still running, and a signal when one finishes.
    running: Mutex<usize>,
    finished: Condvar,
    stopping: AtomicBool,
    next_id: AtomicU64,
    digests: DigestCache,
    log: Log,
    local: SocketAddr,
    /// Tells the serving loop to stop (set while `run` runs).
    control: Mutex<Option<mpsc::Sender<Control>>>,
    /// Chat to broadcast, to the broadcaster thread.
    hub: mpsc::Sender<Hub>,
}

impl Shared {
    fn clients(&self) -> MutexGuard<'_, HashMap<u64, ClientEntry>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn show_bits(&self, dir: Direction, addr: &SocketAddr, header: &Header, payload: &[u8]) {
        if let Some(view) = &self.bits {
            self.log
                .line(&view.render(dir, &addr.to_string(), header, payload));
        }
    }

    /// Hands a chat frame to the broadcaster, for every client but `from`.
    fn broadcast(&self, frame: Vec<u8>, from: Option<u64>) {
        let _ = self.hub.send(Hub::Line { from, frame });
    }

    /// Queues a batch of chat frames for every client; those too far behind
    /// are disconnected.
    fn deliver(&self, batch: &Arc<Batch>) {
        let mut slow = Vec::new();
        {
            let clients = self.clients();
            for (id, c) in clients.iter() {
                if batch.spans.iter().all(|(from, _)| *from == Some(*id)) {
                    continue;
                }
                if let Err(PushError::Full { frames, bytes: b }) =
                    c.queue.push(Out::Batch(batch.clone()), batch.bytes.len())
                {
                    slow.push((*id, frames, b));
                }
            }
        }
        for (id, frames, queued) in slow {
            if let Some(c) = self.remove(id) {
                self.log.line(&tr!(
                    self.lang,
                    "chat-log-too-slow",
                    addr = c.addr.to_string(),
                    frames = frames,
                    bytes = queued
                ));
            }
        }
    }

    /// Takes a client off the list and shuts its socket, which wakes both of
    /// its threads.
    fn remove(&self, id: u64) -> Option<ClientEntry> {
        let entry = self.clients().remove(&id);
        if let Some(c) = &entry {
            c.queue.close();
            let _ = c.stream.shutdown(Shutdown::Both);
        }
        entry
    }

    fn thread_started(&self) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) += 1;
    }

    fn thread_finished(&self) {
        let mut n = self.running.lock().unwrap_or_else(|e| e.into_inner());
        *n = n.saturating_sub(1);
        self.finished.notify_all();
    }

    /// Waits until no client thread runs, or `timeout` passes; true if none runs.
    fn wait_threads(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut n = self.running.lock().unwrap_or_else(|e| e.into_inner());
        while *n > 0 {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            n = self
                .finished
                .wait_timeout(n, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }
}

/// A way to stop a running server from another thread, and to look at it.
#[derive(Clone)]
pub struct ServerHandle {
    shared: Arc<Shared>,
}

impl ServerHandle {
    /// Asks the server to stop; [`Server::run`] returns once every client is closed.
    pub fn stop(&self) {
        if !self.shared.stopping.swap(true, Ordering::SeqCst) {
            wake(self.shared.local);
        }
        let control = self
            .shared
            .control
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(tx) = control.as_ref() {
            let _ = tx.send(Control::Stop);
        }
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.shared.local
    }

    /// Clients connected now.
    pub fn client_count(&self) -> usize {
        self.shared.clients().len()
    }

    /// Client threads still running (a client's reader, which outlives its
    /// writer): zero once every client has gone and been cleaned up.
    pub fn client_threads(&self) -> usize {
        *self
            .shared
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}

/// Connects to the listener so a blocked `accept` returns and sees the stop flag.
fn wake(local: SocketAddr) {
    let mut addr = local;
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
}

/// Connections the kernel may hold before they are accepted: a classroom
/// connecting at once should not have its handshakes dropped and retried.
const BACKLOG: i32 = 1024;

/// Binds the first address that works, with a large accept backlog.
fn listen(addrs: &[SocketAddr]) -> io::Result<TcpListener> {
    // Replaced by the first real failure; `bind` checks `addrs` is not empty.
    let mut last = io::Error::from(io::ErrorKind::AddrNotAvailable);
    for addr in addrs {
        let attempt = (|| {
            let socket = socket2::Socket::new(
                socket2::Domain::for_address(*addr),
                socket2::Type::STREAM,
                Some(socket2::Protocol::TCP),
            )?;
            // As std does on Unix: a restarted server can bind at once.
            #[cfg(unix)]
            socket.set_reuse_address(true)?;
            socket.bind(&(*addr).into())?;
            socket.listen(BACKLOG)?;
            Ok::<TcpListener, io::Error>(socket.into())
        })();
        match attempt {
            Ok(l) => return Ok(l),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A bound server, ready to [`run`](Server::run).
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
    hub: mpsc::Receiver<Hub>,
}

impl Server {
    /// Binds the address and prepares the folder (creating it if missing).
    pub fn bind(opts: &ServerOptions, log: Box<dyn Write + Send>) -> Result<Server, ChatError> {
        let folder_error = |e: io::Error| ChatError::Folder {
            path: opts.dir.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&opts.dir).map_err(folder_error)?;
        let root = opts.dir.canonicalize().map_err(folder_error)?;
        let addrs: Vec<SocketAddr> = opts
            .bind
            .to_socket_addrs()
            .map_err(|e| ChatError::Bind {
                addr: opts.bind.clone(),
                reason: e.to_string(),
            })?
            .collect();
        if addrs.is_empty() {
            return Err(ChatError::Bind {
                addr: opts.bind.clone(),
                reason: tr!(opts.lang, "chat-error-no-address"),
            });
        }
        let listener = listen(&addrs).map_err(|e| ChatError::Bind {
            addr: opts.bind.clone(),
            reason: e.to_string(),
        })?;
        let local = listener.local_addr()?;
        let bits = opts.bits.map(|max_bytes| BitsView {
            max_bytes,
            lang: opts.lang,
            style: opts.style,
        });
        let (hub_tx, hub_rx) = mpsc::channel();
        let shared = Arc::new(Shared {
            root,
            lang: opts.lang,
            bits,
            chunk: opts.chunk.clamp(1, CONTROL_LIMIT as usize),
            bound: opts.queue,
            clients: Mutex::new(HashMap::new()),
            running: Mutex::new(0),
            finished: Condvar::new(),
            stopping: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
            digests: DigestCache::new(),
            log: Log::new(log),
            local,
            control: Mutex::new(None),
            hub: hub_tx,
        });
        Ok(Server {
            listener,
            shared,
            hub: hub_rx,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.shared.local
    }

    pub fn handle(&self) -> ServerHandle {
        ServerHandle {
            shared: self.shared.clone(),
        }
    }

    /// Serves until `quit` is read from `console` or [`ServerHandle::stop`] is
    /// called. Every other console line goes to every client as
    /// `CHAT "[SERVER]: line"`. At the end of the console input the server
    /// keeps serving until stopped. The console is read on a thread of its
    /// own, so a stop does not wait for the next console line.
    pub fn run(self, console: Box<dyn BufRead + Send>) -> Result<(), ChatError> {
        let shared = self.shared.clone();
        shared.log.line(&tr!(
            shared.lang,
            "chat-log-listening",
            addr = shared.local.to_string(),
            dir = shared.root.display().to_string()
        ));
        let handle = self.handle();
        let listener = self.listener;
        let hub_rx = self.hub;
        let hub = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("chat-broadcast".into())
                .spawn(move || hub_loop(&shared, &hub_rx))?
        };
        let acceptor = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("chat-accept".into())
                .spawn(move || accept_loop(listener, shared))?
        };
        let (tx, rx) = mpsc::channel();
        *shared.control.lock().unwrap_or_else(|e| e.into_inner()) = Some(tx.clone());
        if shared.stopping.load(Ordering::SeqCst) {
            let _ = tx.send(Control::Stop);
        }
        thread::Builder::new()
            .name("chat-console".into())
            .spawn(move || read_console(console, &tx))?;
        let mut failure = None;
        while let Ok(event) = rx.recv() {
            match event {
                Control::Line(text) if text.trim() == "quit" => break,
                Control::Line(text) if text.is_empty() => {}
                Control::Line(text) => {
                    let said = format!("[SERVER]: {text}");
                    if said.len() as u64 > CONTROL_LIMIT {
                        shared
                            .log
                            .line(&tr!(shared.lang, "chat-log-console-too-long"));
                        continue;
                    }
                    shared.broadcast(Frame::Chat(&said).encode(), None);
                }
                // The console closed: serve until stopped.
                Control::End => {}
                Control::Failed(e) => {
                    failure = Some(e);
                    break;
                }
                Control::Stop => break,
            }
        }
        handle.stop();
        let _ = acceptor.join();
        let _ = shared.hub.send(Hub::Stop);
        let _ = hub.join();
        close_all(&shared);
        match failure {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }
}

/// What the console thread and `stop` tell the serving loop.
enum Control {
    Line(String),
    End,
    Failed(io::Error),
    Stop,
}

fn read_console(mut console: Box<dyn BufRead + Send>, tx: &mpsc::Sender<Control>) {
    let mut line = String::new();
    loop {
        line.clear();
        let event = match console.read_line(&mut line) {
            Ok(0) => Control::End,
            Ok(_) => Control::Line(line.trim_end_matches(['\r', '\n']).to_string()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => Control::Failed(e),
        };
        let last = !matches!(event, Control::Line(_));
        if tx.send(event).is_err() || last {
            return;
        }
    }
}

fn close_all(shared: &Arc<Shared>) {
    let ids: Vec<u64> = {
        let clients = shared.clients();
        for c in clients.values() {
            // Flush what is queued, then close; a stalled client is cut below.
            let _ = c.queue.push(Out::Close, 0);
            c.queue.close();
        }
        clients.keys().copied().collect()
    };
    shared
        .log
        .line(&tr!(shared.lang, "chat-log-stopping", count = ids.len()));
    if !shared.wait_threads(GRACE) {
        for id in ids {
            shared.remove(id);
        }
        shared.wait_threads(Duration::from_secs(30));
    }
    shared.log.line(&tr!(shared.lang, "chat-log-stopped"));
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let accepted = listener.accept();
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let (stream, addr) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                shared.log.line(&tr!(
                    shared.lang,
                    "chat-log-accept-failed",
                    reason = e.to_string()
                ));
                // Out of file descriptors, most likely: let others finish.
                thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        let (reader_stream, writer_stream) = match (stream.try_clone(), stream.try_clone()) {
            (Ok(r), Ok(w)) => (r, w),
            _ => continue,
        };
        let queue = Arc::new(Queue::new(shared.bound));
        shared.clients().insert(
            id,
            ClientEntry {
                addr,
                stream,
                queue: queue.clone(),
            },
        );
        shared.log.line(&tr!(
            shared.lang,
            "chat-log-connected",
            addr = addr.to_string()
        ));
        shared.thread_started();
        let s = shared.clone();
        let spawned = thread::Builder::new()
            .name(format!("chat-client-{id}"))
            .stack_size(CLIENT_STACK)
            .spawn(move || {
                client_thread(&s, id, addr, reader_stream, writer_stream, queue);
                s.thread_finished();
            });
        if let Err(e) = spawned {
            shared.thread_finished();
            shared.remove(id);
            shared.log.line(&tr!(
                shared.lang,
                "chat-log-accept-failed",
                reason = e.to_string()
            ));
        }
    }
}

/// Why a client's reader stopped.
enum End {
    Eof,
    Quit,
    Bad(String),
    Gone,
}

fn client_thread(
    shared: &Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    reader_stream: TcpStream,
    writer_stream: TcpStream,
    queue: Arc<Queue<Out>>,
) {
    let writer = {
        let shared = shared.clone();
        let queue = queue.clone();
        thread::Builder::new()
            .name(format!("chat-writer-{id}"))
            .stack_size(CLIENT_STACK)
            .spawn(move || writer_loop(&shared, id, addr, writer_stream, &queue))
    };
    let writer = match writer {
        Ok(w) => w,
        Err(e) => {
            shared.remove(id);
            shared.log.line(&tr!(
                shared.lang,
                "chat-log-accept-failed",
                reason = e.to_string()
            ));
            return;
        }
    };
    let end = reader_loop(shared, id, addr, reader_stream, &queue);
    let lang = shared.lang;
    let a = addr.to_string();
    match &end {
        End::Eof => shared
            .log
            .line(&tr!(lang, "chat-log-disconnected", addr = a.as_str())),
        End::Quit => shared
            .log
            .line(&tr!(lang, "chat-log-quit", addr = a.as_str())),
        End::Bad(reason) => shared.log.line(&tr!(
            lang,
            "chat-log-bad-frame",
            addr = a.as_str(),
            reason = reason.as_str()
        )),
        End::Gone => {}
    }
    let quit = matches!(end, End::Quit);
    if quit {
        // Let the writer send what was queued (a QUIT after a FILE still gets
        // the file), then it shuts the socket down.
        let _ = queue.push_wait(Out::Close, 0);
        queue.close();
    } else {
        shared.remove(id);
    }
    let _ = writer.join();
    if quit {
        // Off the list only now: while its writer still sends, stopping the
        // server must be able to find this client and cut it.
        shared.clients().remove(&id);
    }
}

fn reader_loop(
    shared: &Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    stream: TcpStream,
    queue: &Queue<Out>,
) -> End {
    let lang = shared.lang;
    // Clients send only control frames; an FDAT from one is held to the same limit.
    let limits = Limits {
        control: CONTROL_LIMIT,
        chunk: CONTROL_LIMIT,
    };
    let mut reader = FrameReader::new(stream, limits, 4096);
    let mut resume: Option<(String, u64, [u8; 32])> = None;
    let reply = |frame: &Frame<'_>| -> bool {
        let bytes: Arc<[u8]> = frame.encode().into();
        let len = bytes.len();
        queue.push_wait(Out::Frame(bytes), len).is_ok()
    };
    loop {
        if shared.stopping.load(Ordering::SeqCst) {
            return End::Gone;
        }
        let (header, payload) = match reader.next_raw() {
            Ok(Some(f)) => f,
            Ok(None) => return End::Eof,
            Err(ReadError::Io(_)) if queue.is_closed() => return End::Gone,
            Err(ReadError::Io(e))
                if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted
                ) =>
            {
                return End::Eof;
            }
            Err(e) => return End::Bad(e.localize(lang)),
        };
        shared.show_bits(Direction::Received, &addr, &header, payload);
        let frame = match Frame::parse(header.kind, payload) {
            Ok(f) => f,
            Err(e) => {
                // Bad text or layout in one frame: say so and go on; the
                // framing itself is intact.
                let text = e.localize(lang);
                shared.log.line(&tr!(
                    lang,
                    "chat-log-refused-frame",
                    addr = addr.to_string(),
                    reason = text.as_str()
                ));
                if !reply(&Frame::Ferr(&text)) {
                    return End::Gone;
                }
                continue;
            }
        };
        match frame {
            Frame::Chat(text) => {
                let line = format!("[{addr}]: {text}");
                // Relayed with the address in front, it must still fit the
                // limit every receiver holds control frames to.
                if line.len() as u64 > CONTROL_LIMIT {
                    let text = tr!(lang, "chat-ferr-too-long", limit = CONTROL_LIMIT);
                    if !reply(&Frame::Ferr(&text)) {
                        return End::Gone;
                    }
                    continue;
                }
                shared.log.line(&printable(&line));
                shared.broadcast(Frame::Chat(&line).encode(), Some(id));
            }
            Frame::Quit => return End::Quit,
            Frame::File(name) => {
                let resume_at = match resume.take() {
                    Some((n, offset, digest)) if n == name => Some((offset, digest)),
                    _ => None,
                };
                match prepare_file(shared, name, resume_at) {
                    Ok(job) => {
                        if queue.push_wait(Out::File(Box::new(job)), 0).is_err() {
                            return End::Gone;
                        }
                    }
                    Err(reason) => {
                        shared.log.line(&tr!(
                            lang,
                            "chat-log-file-refused",
                            addr = addr.to_string(),
                            name = printable(name).as_ref(),
                            reason = reason.as_str()
                        ));
                        let text = tr!(lang, "chat-ferr-file", name = name, reason = reason);
                        if !reply(&Frame::Ferr(&text)) {
                            return End::Gone;
                        }
                    }
                }
            }
            Frame::ListRequest => {
                let listing = list_folder(&shared.root);
                if !reply(&listing) {
                    return End::Gone;
                }
            }
            Frame::Resume {
                offset,
                prefix_digest,
                name,
            } => resume = Some((name.to_string(), offset, prefix_digest)),
            other => {
                // Server-to-client types, or types from a newer client:
                // ignored, as the protocol asks of every receiver.
                shared.log.line(&tr!(
                    lang,
                    "chat-log-ignored",
                    addr = addr.to_string(),
                    kind = other.kind().name()
                ));
            }
        }
    }
}

/// Checks a requested name and opens the file; the error is the text of the
/// `FERR` to send.
fn prepare_file(
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
fn list_folder(root: &Path) -> Frame<'static> {
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

fn writer_loop(
    shared: &Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    stream: TcpStream,
    queue: &Queue<Out>,
) {
    let mut w = ClientWriter {
        shared,
        id,
        addr,
        stream,
        batch: Vec::new(),
    };
    let mut taken = Vec::new();
    let mut items: VecDeque<Out> = VecDeque::new();
    'outer: loop {
        if items.is_empty() {
            taken.clear();
            if !queue.take_all(&mut taken) {
                break;
            }
            items.extend(taken.drain(..));
        }
        // In order: frames gather into one write; a file or a close first
        // sends what gathered before it.
        while let Some(item) = items.pop_front() {
            match item {
                Out::Frame(bytes) => w.batch_frame(&bytes),
                Out::Batch(b) => w.batch_chat(&b),
                Out::File(job) => {
                    if w.flush_batch().is_err() {
                        break 'outer;
                    }
                    match w.send_file(*job, queue, &mut items) {
                        Ok(true) => {}
                        Ok(false) | Err(_) => break 'outer,
                    }
                }
                Out::Close => break 'outer,
            }
        }
        if w.flush_batch().is_err() {
            break;
        }
    }
    let _ = w.flush_batch();
    queue.close();
    let _ = w.stream.shutdown(Shutdown::Both);
}

struct ClientWriter<'a> {
    shared: &'a Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    stream: TcpStream,
    /// Frames gathered for one write.
    batch: Vec<u8>,
}

impl ClientWriter<'_> {
    fn batch_frame(&mut self, bytes: &[u8]) {
        if self.shared.bits.is_some()
            && let Some(header) = Header::from_prefix(bytes)
        {
            self.shared
                .show_bits(Direction::Sent, &self.addr, &header, &bytes[HEADER_LEN..]);
        }
        self.batch.extend_from_slice(bytes);
    }

    /// Frames queued while a file goes out: chat is sent between batches,
    /// anything else waits for the file's end.
    fn between_batches(&mut self, queue: &Queue<Out>, later: &mut VecDeque<Out>) -> io::Result<()> {
        let mut items = Vec::new();
        queue.try_take_all(&mut items);
        for item in items {
            match item {
                Out::Frame(bytes) => self.batch_frame(&bytes),
                Out::Batch(b) => self.batch_chat(&b),
                // Another file, or the end after QUIT: after this file.
                other => later.push_back(other),
            }
        }
        self.flush_batch()
    }

    /// The frames of a broadcast batch, but this client's own lines.
    fn batch_chat(&mut self, batch: &Batch) {
        for (from, range) in &batch.spans {
            if *from != Some(self.id) {
                self.batch_frame(&batch.bytes[range.clone()]);
            }
        }
    }

    fn flush_batch(&mut self) -> io::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let r = self.stream.write_all(&self.batch);
        self.batch.clear();
        if self.batch.capacity() > BATCH * 2 {
            self.batch.shrink_to(BATCH);
        }
        r
    }

    /// Streams one file. Between batches of `FDAT`, frames queued meanwhile
    /// (chat) are sent, files are set aside for later, and a close ends it.
    /// Returns `Ok(false)` when the client is to be closed.
    fn send_file(
        &mut self,
        mut job: FileJob,
        queue: &Queue<Out>,
        later: &mut VecDeque<Out>,
    ) -> io::Result<bool> {
        let lang = self.shared.lang;
        self.batch_frame(&Frame::Frok.encode());
        self.batch_frame(
            &Frame::Fmta {
                name: &job.name,
                size: job.size,
            }
            .encode(),
        );
        self.batch_frame(&Frame::Fhsh(job.digest).encode());
        let start = job.resume.unwrap_or(0);
        if let Some(offset) = job.resume {
            self.batch_frame(&Frame::Offset(offset).encode());
        }
        self.flush_batch()?;
        job.file.seek(SeekFrom::Start(start))?;
        let chunk = self.shared.chunk;
        let mut remaining = job.size - start;
        // One read of about BATCH bytes from the file, then one gathered
        // write of header, chunk, header, chunk...: no copy of the data
        // besides the read itself.
        let per_batch = (BATCH / chunk).max(1);
        let mut data = vec![0u8; per_batch * chunk];
        let mut headers: Vec<[u8; HEADER_LEN]> = Vec::with_capacity(per_batch);
        while remaining > 0 {
            if self.shared.stopping.load(Ordering::SeqCst) {
                return Ok(false);
            }
            let want = usize::try_from(remaining.min(data.len() as u64)).unwrap_or(data.len());
            if let Err(e) = job.file.read_exact(&mut data[..want]) {
                // The file shrank or vanished under us: say so after FROK,
                // as the protocol allows, and go on with this client.
                let text = tr!(lang, "chat-ferr-io", reason = e.to_string());
                self.batch_frame(&Frame::Ferr(&text).encode());
                self.flush_batch()?;
                return Ok(true);
            }
            headers.clear();
            let mut slices = Vec::with_capacity(2 * per_batch);
            for piece in data[..want].chunks(chunk) {
                headers.push(
                    Header {
                        len: piece.len() as u64,
                        kind: Kind::FDAT,
                    }
                    .encode(),
                );
            }
            for (h, piece) in headers.iter().zip(data[..want].chunks(chunk)) {
                if self.shared.bits.is_some() {
                    self.shared
                        .show_bits(Direction::Sent, &self.addr, &Header::parse(h), piece);
                }
                slices.push(IoSlice::new(h));
                slices.push(IoSlice::new(piece));
            }
            write_all_vectored(&mut self.stream, &mut slices)?;
            remaining -= want as u64;
            self.between_batches(queue, later)?;
        }
        self.shared.log.line(&tr!(
            lang,
            "chat-log-file-sent",
            addr = self.addr.to_string(),
            name = job.name.as_str(),
            size = job.size - start
        ));
        Ok(true)
    }
}
