//! Helpers shared by the chat tests: a server on a free loopback port driven
//! through a pipe as its console, a raw frame client, a log that can be waited on.

use std::io::{BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use synack::chat::frame::{Frame, Kind, Limits, write_frame};
use synack::chat::reader::FrameReader;
use synack::chat::server::{Server, ServerHandle, ServerOptions};

/// A writer whose bytes can be read back while others write.
#[derive(Clone, Default)]
pub struct SharedBuf(pub Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SharedBuf {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Waits until the text contains `needle`; panics with the text if not.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let t = self.text();
            if t.contains(needle) {
                return t;
            }
            if Instant::now() > deadline {
                panic!("waited {timeout:?} for {needle:?}; got:\n{t}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// A fresh folder under the system's temporary directory.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("synack-chat-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub struct TestServer {
    pub handle: ServerHandle,
    pub addr: SocketAddr,
    pub log: SharedBuf,
    pub console: Option<std::io::PipeWriter>,
    pub thread: Option<JoinHandle<Result<(), synack::chat::ChatError>>>,
    pub dir: PathBuf,
}

impl TestServer {
    pub fn start(dir: &Path) -> TestServer {
        Self::start_with(ServerOptions {
            bind: "127.0.0.1:0".into(),
            dir: dir.to_path_buf(),
            ..ServerOptions::default()
        })
    }

    pub fn start_with(opts: ServerOptions) -> TestServer {
        let log = SharedBuf::default();
        let server = Server::bind(&opts, Box::new(log.clone())).unwrap();
        let addr = server.local_addr();
        let handle = server.handle();
        let (reader, writer) = std::io::pipe().unwrap();
        let thread = std::thread::spawn(move || server.run(Box::new(BufReader::new(reader))));
        TestServer {
            handle,
            addr,
            log,
            console: Some(writer),
            thread: Some(thread),
            dir: opts.dir,
        }
    }

    /// Types a line at the server's console.
    pub fn type_line(&mut self, line: &str) {
        let c = self.console.as_mut().unwrap();
        writeln!(c, "{line}").unwrap();
    }

    /// `quit` on the console; waits for `run` to return.
    pub fn quit(&mut self) {
        if let Some(mut c) = self.console.take() {
            let _ = writeln!(c, "quit");
        }
        if let Some(t) = self.thread.take() {
            t.join().unwrap().unwrap();
        }
    }

    pub fn client(&self) -> RawClient {
        RawClient::connect(self.addr)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.handle.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A client that speaks raw frames.
pub struct RawClient {
    pub stream: TcpStream,
    reader: FrameReader<TcpStream>,
}

impl RawClient {
    pub fn connect(addr: SocketAddr) -> RawClient {
        let stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let limits = Limits {
            control: 1 << 20,
            chunk: 1 << 20,
        };
        let reader = FrameReader::new(stream.try_clone().unwrap(), limits, 64 * 1024);
        RawClient { stream, reader }
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.stream.local_addr().unwrap()
    }

    pub fn send(&mut self, frame: &Frame<'_>) {
        write_frame(&mut self.stream, frame).unwrap();
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
    }

    /// The next frame, `None` when the server closed the connection.
    pub fn recv(&mut self) -> Option<(Kind, Vec<u8>)> {
        match self.reader.next_raw() {
            Ok(Some((h, p))) => Some((h.kind, p.to_vec())),
            Ok(None) => None,
            Err(synack::chat::reader::ReadError::Io(e))
                if e.kind() == std::io::ErrorKind::ConnectionReset =>
            {
                None
            }
            Err(e) => panic!("reading a frame: {e}"),
        }
    }

    /// Reads FDAT frames until the connection ends: the payload bytes
    /// received, and whether the end cut a frame short.
    pub fn fdat_until_end(&mut self) -> (usize, bool) {
        let mut got = 0;
        loop {
            match self.reader.next_raw() {
                Ok(Some((h, p))) => {
                    assert_eq!(h.kind, Kind::FDAT);
                    got += p.len();
                }
                Ok(None) => return (got, false),
                Err(synack::chat::reader::ReadError::Truncated { .. }) => return (got, true),
                Err(synack::chat::reader::ReadError::Io(e))
                    if e.kind() == std::io::ErrorKind::ConnectionReset =>
                {
                    return (got, true);
                }
                Err(e) => panic!("reading a frame: {e}"),
            }
        }
    }

    /// The next frame, which must be of `kind`.
    pub fn expect(&mut self, kind: Kind) -> Vec<u8> {
        match self.recv() {
            Some((k, p)) if k == kind => p,
            other => panic!(
                "expected {kind}, got {:?}",
                other.map(|(k, p)| (k, String::from_utf8_lossy(&p).into_owned()))
            ),
        }
    }

    /// Reads until the server closes the connection; true if it did in time.
    pub fn closed_within(&mut self, timeout: Duration) -> bool {
        self.stream.set_read_timeout(Some(timeout)).unwrap();
        loop {
            match self.reader.next_raw() {
                Ok(Some(_)) => continue,
                Ok(None) => return true,
                Err(synack::chat::reader::ReadError::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return false;
                }
                Err(_) => return true,
            }
        }
    }
}

/// Downloads through raw frames: (name, size, digest, data).
pub fn raw_download(c: &mut RawClient, name: &str) -> (String, u64, [u8; 32], Vec<u8>, usize) {
    c.send(&Frame::File(name));
    c.expect(Kind::FROK);
    let meta = c.expect(Kind::FMTA);
    let (fname, size) = match Frame::parse(Kind::FMTA, &meta).unwrap() {
        Frame::Fmta { name, size } => (name.to_string(), size),
        _ => unreachable!(),
    };
    let hash = c.expect(Kind::FHSH);
    let mut digest = [0u8; 32];
    digest.copy_from_slice(&hash);
    let mut data = Vec::new();
    let mut frames = 0;
    while (data.len() as u64) < size {
        data.extend(c.expect(Kind::FDAT));
        frames += 1;
    }
    (fname, size, digest, data, frames)
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

/// Whether an external tool is there: required in CI, skipped elsewhere.
pub use crate::tools::require as require_tool;

/// Threads and open descriptors of a process (Linux).
pub fn threads_and_fds(pid: u32) -> (usize, usize) {
    let count = |dir: String| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    (
        count(format!("/proc/{pid}/task")),
        count(format!("/proc/{pid}/fd")),
    )
}
