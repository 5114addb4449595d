//! The chat and file server: a reader and a writer thread per client, a
//! thread-safe client list, console lines broadcast to everyone.
//!
//! Life of a client:
//!
//! 1. The accept thread registers it (address, socket, outgoing
//!    [`Queue`](crate::chat::queue::Queue)) and
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
//!
//! Each step has its file: `accept`, `reader` (with `files`, what it serves),
//! `writer`, `hub` (the broadcaster), `console`; `clients` is what they share.

mod accept;
mod clients;
mod console;
mod files;
mod hub;
mod reader;
mod writer;

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use crate::chat::bits::BitsView;
use crate::chat::digest::DigestCache;
use crate::chat::frame::{CONTROL_LIMIT, DEFAULT_CHUNK, Frame};
use crate::chat::queue::Bound;
use crate::chat::{AddrError, ChatError, Log};
use crate::narrate::Lang;
use crate::tr;
use crate::view::style::Style;

use accept::{accept_loop, listen, wake};
use clients::Shared;
use console::{Control, read_console};
use hub::{Hub, hub_loop};
use writer::Out;

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

/// A bound server, ready to [`run`](Server::run).
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
    hub: mpsc::Receiver<Hub>,
}

impl Server {
    /// Binds the address and prepares the folder (creating it if missing).
    pub fn bind(opts: &ServerOptions, log: Box<dyn Write + Send>) -> Result<Server, ChatError> {
        let folder_error = |source: io::Error| ChatError::Folder {
            path: opts.dir.display().to_string(),
            source,
        };
        let bind_error = |e: io::Error| ChatError::Bind {
            addr: opts.bind.clone(),
            source: e.into(),
        };
        std::fs::create_dir_all(&opts.dir).map_err(folder_error)?;
        let root = opts.dir.canonicalize().map_err(folder_error)?;
        let addrs: Vec<SocketAddr> = opts.bind.to_socket_addrs().map_err(bind_error)?.collect();
        if addrs.is_empty() {
            return Err(ChatError::Bind {
                addr: opts.bind.clone(),
                source: AddrError::NoAddress,
            });
        }
        // The same words as every other server's (echo, talk, rdt): the port
        // in use, by number, and what to do.
        let listener = listen(&addrs)
            .map_err(|(addr, e)| ChatError::Listen(crate::net::socket::bind_error(addr, e)))?;
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
