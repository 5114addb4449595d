//! A thousand clients at once against the server binary: each sends one chat
//! line, every client must receive every other client's line, and once they
//! have all gone the server has exactly the threads and descriptors it had
//! before. Prints the broadcast latency (p50, p99, max). Linux only (counts
//! come from /proc).

use synack_test_support::chat as chat_support;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use chat_support::*;
use synack::chat::frame::{Frame, Kind, Limits, write_frame};
use synack::chat::reader::FrameReader;

const CLIENTS: usize = 1000;

/// Kills the server if the test fails half-way.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn count_lines(log: &Mutex<Vec<String>>, needle: &str) -> usize {
    log.lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains(needle))
        .count()
}

fn wait_until(what: &str, timeout: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_thousand_clients_each_get_every_broadcast_and_nothing_leaks() {
    // Both ends of a thousand connections live on this machine.
    synack::chat::raise_open_files_limit();
    let dir = temp_dir("scale");
    let mut server = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args([
            "--lang",
            "en",
            "chat",
            "server",
            "--bind",
            "127.0.0.1:0",
            "--dir",
        ])
        .arg(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = server.id();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let mut server = KillOnDrop(server);
    let first = lines.next().unwrap().unwrap();
    let addr: SocketAddr = first
        .split(" on ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    let log = Arc::new(Mutex::new(Vec::new()));
    let log_thread = {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                log.lock().unwrap().push(line);
            }
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    let before = threads_and_fds(pid);

    let base = Instant::now();
    let start = Arc::new(Barrier::new(CLIENTS + 1));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(CLIENTS * (CLIENTS - 1))));
    let complete = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    for i in 0..CLIENTS {
        let start = start.clone();
        let latencies = latencies.clone();
        let complete = complete.clone();
        let t = std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(move || {
                let mut stream = TcpStream::connect(addr).expect("connect");
                stream
                    .set_read_timeout(Some(Duration::from_secs(60)))
                    .unwrap();
                let mut reader =
                    FrameReader::new(stream.try_clone().unwrap(), Limits::default(), 16 * 1024);
                start.wait();
                let sent = base.elapsed().as_micros() as u64;
                write_frame(&mut stream, &Frame::Chat(&format!("{i} {sent}"))).unwrap();
                let mut mine = Vec::with_capacity(CLIENTS - 1);
                while mine.len() < CLIENTS - 1 {
                    let (h, p) = reader
                        .next_raw()
                        .expect("read")
                        .expect("server closed early");
                    assert_eq!(h.kind, Kind::CHAT);
                    let now = base.elapsed().as_micros() as u64;
                    let text = std::str::from_utf8(p).unwrap();
                    let body = text.rsplit("]: ").next().unwrap();
                    let stamp: u64 = body.split(' ').nth(1).unwrap().parse().unwrap();
                    mine.push(now.saturating_sub(stamp));
                }
                latencies.lock().unwrap().extend(mine);
                complete.fetch_add(1, Ordering::SeqCst);
                write_frame(&mut stream, &Frame::Quit).unwrap();
                // The server closes after QUIT.
                assert!(matches!(reader.next_raw(), Ok(None) | Err(_)));
            })
            .unwrap();
        clients.push(t);
    }
    wait_until("every client to connect", Duration::from_secs(30), || {
        let n = count_lines(&log, "connected");
        if n < CLIENTS {
            eprintln!("{n} connected");
        }
        n >= CLIENTS
    });
    let during = threads_and_fds(pid);
    let t0 = Instant::now();
    start.wait();
    for t in clients {
        t.join().unwrap();
    }
    let elapsed = t0.elapsed();
    assert_eq!(complete.load(Ordering::SeqCst), CLIENTS);
    wait_until("every client to leave", Duration::from_secs(30), || {
        count_lines(&log, "sent QUIT") >= CLIENTS
    });
    let mut after = threads_and_fds(pid);
    let deadline = Instant::now() + Duration::from_secs(10);
    while after != before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        after = threads_and_fds(pid);
    }

    let mut l = latencies.lock().unwrap();
    l.sort_unstable();
    let pct = |p: f64| l[((l.len() as f64 * p) as usize).min(l.len() - 1)] as f64 / 1000.0;
    println!(
        "{CLIENTS} clients, {} deliveries in {:.2} s: latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        l.len(),
        elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "server threads/fds: before {before:?}, with {CLIENTS} clients {during:?}, after {after:?}"
    );
    assert_eq!(l.len(), CLIENTS * (CLIENTS - 1));
    assert!(
        during.1 >= before.1 + CLIENTS,
        "clients were not all connected at once"
    );
    assert_eq!(after, before, "threads or descriptors leaked");

    writeln!(server.0.stdin.as_mut().unwrap(), "quit").unwrap();
    let status = server.0.wait().unwrap();
    assert!(status.success());
    log_thread.join().unwrap();
}
