//! The connection to a chat server, as the caller's thread sees it: it sends
//! commands and waits for downloads to end, while the receiver thread
//! (`receiver`) takes in everything the server sends.
//!
//! The client speaks to classic servers too: it only sends `RSUM` (resume)
//! when a `.part` is there, and a server that ignores it simply sends the whole
//! file (no `FOFS`), which the client then takes from the start.

use std::fs::File;
use std::io::{self, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use sha2::Digest;

use crate::chat::bits::{BitsView, Direction};
use crate::chat::digest::hasher_over;
use crate::chat::frame::{self, CONTROL_LIMIT, Frame, Header, Limits, MAX_MAX_CHUNK};
use crate::chat::paths;
use crate::chat::reader::FrameReader;
use crate::chat::{AddrError, ChatError};
use crate::narrate::Lang;
use crate::tr;
use crate::view::style::Style;

use super::ClientOptions;
use super::download::{DownloadError, Downloaded, Prefix, part_path};
use super::receiver::{Request, receive_loop};
use super::screen::Screen;

/// The longest chat line sent: room is left for the `[address]: ` the
/// server puts in front (an IPv6 address with its zone and port fits).
pub const MAX_CHAT_LINE: usize = CONTROL_LIMIT as usize - 128;

/// Buffer for reading from the server: many 8 KiB frames per read. During a
/// download the buffer itself goes on to the hash and the file, and spares
/// take its place (see [`Sink`](crate::chat::sink::Sink)). Measured over a
/// 1 GiB download: 1 MiB with 8 spares beat 256 KiB and 512 KiB (too many
/// hand-overs) and 2 MiB.
const READ_BUF: usize = 1024 * 1024;
/// How long to wait for the server to close after `QUIT`.
const QUIT_WAIT: Duration = Duration::from_secs(3);

/// State the receiver thread and the caller share.
pub(super) struct Shared {
    pub(super) lang: Lang,
    pub(super) style: Style,
    pub(super) screen: Arc<dyn Screen>,
    pub(super) bits: Option<BitsView>,
    pub(super) peer: String,
    pub(super) downloads: PathBuf,
    /// We sent QUIT: the server closing is expected.
    pub(super) quitting: AtomicBool,
    pub(super) ended: Mutex<bool>,
    pub(super) ended_signal: Condvar,
}

impl Shared {
    fn has_ended(&self) -> bool {
        *self.ended.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A connection to a chat server.
pub struct Client {
    stream: Mutex<TcpStream>,
    pub(super) shared: Arc<Shared>,
    requests: mpsc::Sender<Request>,
    receiver: Option<JoinHandle<()>>,
}

impl Client {
    /// Connects and starts the receiver thread; incoming chat goes to `screen`.
    pub fn connect(opts: &ClientOptions, screen: Arc<dyn Screen>) -> Result<Client, ChatError> {
        let target = format!("{}:{}", opts.host, opts.port);
        std::fs::create_dir_all(&opts.downloads).map_err(|source| ChatError::Folder {
            path: opts.downloads.display().to_string(),
            source,
        })?;
        let connect_err = |source: AddrError| ChatError::Connect {
            addr: target.clone(),
            source,
        };
        let addrs: Vec<_> = (opts.host.as_str(), opts.port)
            .to_socket_addrs()
            .map_err(|e| connect_err(e.into()))?
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
        let stream =
            stream.ok_or_else(|| connect_err(last.map_or(AddrError::NoAddress, AddrError::Io)))?;
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
                &bytes[frame::HEADER_LEN..],
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
                        let io_error = |source| DownloadError::Io {
                            name: base.clone(),
                            source,
                        };
                        let mut file = File::open(&part).map_err(io_error)?;
                        let (hasher, n) = hasher_over(&mut file, meta.len()).map_err(io_error)?;
                        Some(Prefix { len: n, hasher })
                    }
                    _ => None,
                }
            }
            Err(_) => None,
        };
        let (done_tx, done_rx) = mpsc::channel();
        let resume_frame = resume
            .as_ref()
            .map(|r| (r.len, r.hasher.clone().finalize()));
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
