//! Echo load benchmark: round trips per second of 16-byte messages with 1 and
//! 8 concurrent clients, TCP and UDP, against `synack echo server --quiet`,
//! Python's `socketserver` echo servers and `socat … PIPE`, in the same run.
//!
//! ```text
//! cargo build --release --bin synack
//! cargo bench --bench echo_load -- [--seconds 2] [--runs 3] [--clients 1,8]
//!                                  [--only synack,python,socat] [--synack PATH]
//! ```
//!
//! Each measurement runs for a fixed time (after a short warm-up) and the
//! median of the runs is reported. Servers are started here on free loopback
//! ports and killed at the end, whatever happens. A server whose program is
//! missing (python3, socat) is reported and skipped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

const MESSAGE: &[u8; 16] = b"0123456789abcdef";
const WARM_UP: Duration = Duration::from_millis(300);
const START_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Proto {
    Tcp,
    Udp,
}

struct Options {
    seconds: f64,
    runs: usize,
    clients: Vec<usize>,
    only: Vec<String>,
    synack: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut opts = Options {
        seconds: 2.0,
        runs: 3,
        clients: vec![1, 8],
        only: vec!["synack".into(), "python".into(), "socat".into()],
        synack: root.join("target/release/synack"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--seconds" => {
                opts.seconds = value("--seconds")?
                    .parse()
                    .ok()
                    .filter(|s: &f64| *s > 0.0 && *s <= 60.0)
                    .ok_or("--seconds: between 0 and 60")?
            }
            "--runs" => {
                opts.runs = value("--runs")?
                    .parse()
                    .ok()
                    .filter(|r| (1..=20).contains(r))
                    .ok_or("--runs: 1 to 20")?
            }
            "--clients" => {
                opts.clients = value("--clients")?
                    .split(',')
                    .map(|c| c.trim().parse().ok().filter(|n| (1..=64).contains(n)))
                    .collect::<Option<Vec<usize>>>()
                    .ok_or("--clients: numbers from 1 to 64, comma separated")?
            }
            "--only" => {
                opts.only = value("--only")?
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .collect()
            }
            "--synack" => opts.synack = PathBuf::from(value("--synack")?),
            // What `cargo bench` passes to every bench target.
            "--bench" => {}
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(opts)
}

/// A server process, killed when dropped.
struct Server {
    name: String,
    proto: Proto,
    addr: SocketAddr,
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `cmd`, reads its first stdout line with `port_of`, and drains the
/// rest of its output on a thread so it never blocks on a full pipe.
fn spawn_reporting(
    name: &str,
    proto: Proto,
    mut cmd: Command,
    port_of: fn(&str) -> Option<u16>,
) -> Result<Server, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(port) = port_of(&line) {
                let _ = tx.send(port);
            }
            line.clear();
        }
    });
    let port = match rx.recv_timeout(START_TIMEOUT) {
        Ok(port) => port,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{name} did not say its port"));
        }
    };
    Ok(Server {
        name: name.to_string(),
        proto,
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        child,
    })
}

fn synack_port(line: &str) -> Option<u16> {
    // "[server] TCP echo server on 127.0.0.1:PORT"
    line.contains(" echo server on ")
        .then(|| line.trim().rsplit(':').next()?.parse().ok())
        .flatten()
}

fn bare_port(line: &str) -> Option<u16> {
    line.trim().parse().ok()
}

fn start_synack(path: &Path, proto: Proto) -> Result<Server, String> {
    if !path.exists() {
        return Err(format!(
            "{} not found: build it first with `cargo build --release --bin synack`",
            path.display()
        ));
    }
    let mut cmd = Command::new(path);
    cmd.args([
        "echo", "server", "--quiet", "--color", "never", "--lang", "en",
    ]);
    cmd.args(["--proto", if proto == Proto::Tcp { "tcp" } else { "udp" }]);
    cmd.args(["--bind", "127.0.0.1:0"]);
    let name = format!("synack {}", if proto == Proto::Tcp { "TCP" } else { "UDP" });
    spawn_reporting(&name, proto, cmd, synack_port)
}

fn start_python(proto: Proto) -> Result<Server, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/echo/echo_servers.py");
    let mut cmd = Command::new("python3");
    cmd.arg(script)
        .arg(if proto == Proto::Tcp { "tcp" } else { "udp" });
    let name = if proto == Proto::Tcp {
        "Python ThreadingTCPServer"
    } else {
        "Python UDPServer"
    };
    spawn_reporting(name, proto, cmd, bare_port)
}

fn start_socat() -> Result<Server, String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let child = Command::new("socat")
        .arg(format!("TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork"))
        .arg("PIPE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start socat: {e}"))?;
    let server = Server {
        name: "socat TCP-LISTEN,fork PIPE".into(),
        proto: Proto::Tcp,
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        child,
    };
    let deadline = Instant::now() + START_TIMEOUT;
    while TcpStream::connect(server.addr).is_err() {
        if Instant::now() > deadline {
            return Err("socat did not start listening".into());
        }
        thread::sleep(Duration::from_millis(20));
    }
    Ok(server)
}

/// One measurement: `clients` threads doing round trips for `seconds`.
fn measure(server: &Server, clients: usize, seconds: f64) -> Result<(f64, u64), String> {
    let counting = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let total = Arc::new(AtomicU64::new(0));
    let lost = Arc::new(AtomicU64::new(0));
    let ready = Arc::new(Barrier::new(clients + 1));
    let mut workers = Vec::new();
    for _ in 0..clients {
        let (counting, stop, total, lost, ready) = (
            counting.clone(),
            stop.clone(),
            total.clone(),
            lost.clone(),
            ready.clone(),
        );
        let (addr, proto) = (server.addr, server.proto);
        workers.push(thread::spawn(move || -> Result<(), String> {
            let mut round_trip: Box<dyn FnMut() -> Result<bool, String>> = match proto {
                Proto::Tcp => {
                    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string());
                    if let Ok(s) = &s {
                        let _ = s.set_nodelay(true);
                        let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                    }
                    let mut buf = [0u8; 16];
                    Box::new(move || {
                        let s = s.as_mut().map_err(|e| e.clone())?;
                        s.write_all(MESSAGE).map_err(|e| e.to_string())?;
                        s.read_exact(&mut buf).map_err(|e| e.to_string())?;
                        Ok(true)
                    })
                }
                Proto::Udp => {
                    let s = UdpSocket::bind("127.0.0.1:0")
                        .and_then(|s| s.connect(addr).map(|()| s))
                        .map_err(|e| e.to_string());
                    if let Ok(s) = &s {
                        let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
                    }
                    let mut buf = [0u8; 64];
                    Box::new(move || {
                        let s = s.as_ref().map_err(|e| e.clone())?;
                        s.send(MESSAGE).map_err(|e| e.to_string())?;
                        match s.recv(&mut buf) {
                            Ok(16) => Ok(true),
                            Ok(n) => Err(format!("answer of {n} bytes")),
                            // A datagram lost (or its answer): counted, not fatal.
                            Err(e)
                                if matches!(
                                    e.kind(),
                                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                                ) =>
                            {
                                Ok(false)
                            }
                            Err(e) => Err(e.to_string()),
                        }
                    })
                }
            };
            ready.wait();
            let mut mine = 0u64;
            let mut failure = None;
            while !stop.load(Ordering::Relaxed) {
                match round_trip() {
                    Ok(true) if counting.load(Ordering::Relaxed) => mine += 1,
                    Ok(true) => {}
                    Ok(false) => {
                        lost.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
            total.fetch_add(mine, Ordering::Relaxed);
            failure.map_or(Ok(()), Err)
        }));
    }
    ready.wait();
    thread::sleep(WARM_UP);
    counting.store(true, Ordering::SeqCst);
    let start = Instant::now();
    thread::sleep(Duration::from_secs_f64(seconds));
    counting.store(false, Ordering::SeqCst);
    let elapsed = start.elapsed().as_secs_f64();
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.join()
            .map_err(|_| "a client thread panicked".to_string())??;
    }
    Ok((
        total.load(Ordering::SeqCst) as f64 / elapsed,
        lost.load(Ordering::SeqCst),
    ))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Starts one server to measure.
type Starter = Box<dyn Fn() -> Result<Server, String>>;

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("echo_load: {e}");
            std::process::exit(2);
        }
    };
    let wants = |what: &str| opts.only.iter().any(|o| o == what);
    let mut servers = Vec::new();
    let mut starters: Vec<(&str, Starter)> = Vec::new();
    if wants("synack") {
        let path = opts.synack.clone();
        starters.push(("synack", Box::new(move || start_synack(&path, Proto::Tcp))));
    }
    if wants("python") {
        starters.push(("python", Box::new(|| start_python(Proto::Tcp))));
    }
    if wants("socat") {
        starters.push(("socat", Box::new(start_socat)));
    }
    if wants("synack") {
        let path = opts.synack.clone();
        starters.push(("synack", Box::new(move || start_synack(&path, Proto::Udp))));
    }
    if wants("python") {
        starters.push(("python", Box::new(|| start_python(Proto::Udp))));
    }
    for (what, start) in &starters {
        match start() {
            Ok(s) => servers.push(s),
            Err(e) => eprintln!("echo_load: skipping {what}: {e}"),
        }
    }
    println!(
        "16-byte round trips per second, median of {} runs of {} s each (after {} ms warm-up)\n",
        opts.runs,
        opts.seconds,
        WARM_UP.as_millis()
    );
    println!(
        "{:<28} {:>5} {:>8} {:>14} {:>14} {:>10}",
        "server", "proto", "clients", "median rt/s", "min–max", "UDP lost"
    );
    let mut results: Vec<(String, Proto, usize, f64)> = Vec::new();
    for server in &servers {
        for &clients in &opts.clients {
            let mut rates = Vec::new();
            let mut lost = 0;
            for _ in 0..opts.runs {
                match measure(server, clients, opts.seconds) {
                    Ok((rate, l)) => {
                        rates.push(rate);
                        lost += l;
                    }
                    Err(e) => {
                        eprintln!("echo_load: {} with {clients} clients: {e}", server.name);
                        break;
                    }
                }
            }
            if rates.is_empty() {
                continue;
            }
            let (lo, hi) = rates
                .iter()
                .fold((f64::MAX, 0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
            let med = median(&mut rates);
            println!(
                "{:<28} {:>5} {:>8} {:>14.0} {:>14} {:>10}",
                server.name,
                if server.proto == Proto::Tcp {
                    "TCP"
                } else {
                    "UDP"
                },
                clients,
                med,
                format!("{:.0}–{:.0}", lo, hi),
                if server.proto == Proto::Udp {
                    lost.to_string()
                } else {
                    "-".into()
                }
            );
            results.push((server.name.clone(), server.proto, clients, med));
        }
    }
    let find = |prefix: &str, proto: Proto, clients: usize| {
        results
            .iter()
            .find(|(n, p, c, _)| n.starts_with(prefix) && *p == proto && *c == clients)
            .map(|r| r.3)
    };
    println!();
    // The goals are stated for 8 concurrent clients.
    let goal = |clients: usize, text: &str| {
        if clients == 8 {
            format!("  (goal ≥ {text})")
        } else {
            String::new()
        }
    };
    for &clients in &opts.clients {
        let synack_tcp = find("synack", Proto::Tcp, clients);
        let synack_udp = find("synack", Proto::Udp, clients);
        if let (Some(s), Some(p)) = (synack_tcp, find("Python", Proto::Tcp, clients)) {
            println!(
                "clients={clients}: synack TCP / Python TCP = {:.2}×{}",
                s / p,
                goal(clients, "2.5×")
            );
        }
        if let (Some(s), Some(p)) = (synack_tcp, find("socat", Proto::Tcp, clients)) {
            println!(
                "clients={clients}: synack TCP / socat      = {:.2}×{}",
                s / p,
                goal(clients, "1.3×")
            );
        }
        if let (Some(s), Some(p)) = (synack_udp, find("Python", Proto::Udp, clients)) {
            println!(
                "clients={clients}: synack UDP / Python UDP = {:.2}×{}",
                s / p,
                goal(clients, "1.4×")
            );
        }
    }
    drop(servers);
}
