//! A synack server run as a separate process on a free port, the way a
//! student starts one: its address read from what it prints, its output
//! kept, and the process killed if the test ends early.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    output: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `cmd` (a server bound to port 0) and waits for the first line
    /// that names an address, in any language.
    pub fn spawn(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("server starts");
        let stdout = child.stdout.take().unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                if let Some(addr) = line
                    .split_whitespace()
                    .find_map(|w| w.parse::<SocketAddr>().ok())
                {
                    let _ = tx.send(addr);
                }
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the server says where it listens");
        Server {
            child,
            addr,
            output,
        }
    }

    pub fn port(&self) -> String {
        self.addr.port().to_string()
    }

    /// Waits for the server to stop by itself (after its `--clients N`);
    /// its whole output.
    pub fn finish(mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "server failed: {}", self.stderr());
                break;
            }
            assert!(Instant::now() < deadline, "server did not stop by itself");
            std::thread::sleep(Duration::from_millis(20));
        }
        // Let the reader thread take the last lines.
        std::thread::sleep(Duration::from_millis(50));
        self.output.lock().unwrap().clone()
    }

    pub fn stderr(&mut self) -> String {
        let mut text = String::new();
        if let Some(e) = self.child.stderr.as_mut() {
            let _ = e.read_to_string(&mut text);
        }
        text
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
