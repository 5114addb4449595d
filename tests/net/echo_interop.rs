//! synack against the classic tools, both ways: a Python socket client and a
//! Python `socketserver.UDPServer`, `nc` and `socat`. Each tool is required
//! when `CI` is set; elsewhere a missing one skips its test with a reason.

use synack_test_support as support;

use support::tools;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn synack() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_synack"));
    cmd.args(["--color", "never", "--lang", "en"]);
    cmd
}

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python")
        .join(name)
}

/// A child process killed when dropped, so no test leaves a server behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Running {
    /// Waits (bounded) for the process to exit by itself; true when it did, successfully.
    fn exits_ok(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

/// `synack echo server` on a free port, stopping after `clients` clients.
fn synack_server(proto: &str, clients: u32) -> (Running, SocketAddr) {
    let mut child = synack()
        .args([
            "echo",
            "server",
            "--quiet",
            "--proto",
            proto,
            "--bind",
            "127.0.0.1:0",
        ])
        .args(["--clients", &clients.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let addr = line
        .split(" echo server on ")
        .nth(1)
        .and_then(|a| a.trim().parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    (Running(child), addr)
}

fn free_tcp_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn classic_python_client_against_synack_tcp_server() {
    if !tools::require("python3") {
        return;
    }
    let (mut server, addr) = synack_server("tcp", 1);
    let out = Command::new("python3")
        .arg(script("classic_tcp_client.py"))
        .args(["127.0.0.1", &addr.port().to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Received b'Hello, world'\n"
    );
    assert!(server.exits_ok());
}

#[test]
fn synack_udp_client_against_python_udpserver() {
    if !tools::require("python3") {
        return;
    }
    let mut child = Command::new("python3")
        .arg(script("udp_upper_server.py"))
        .arg("1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut port = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut port)
        .unwrap();
    let mut server = Running(child);
    let out = synack()
        .args([
            "echo",
            "client",
            "--proto",
            "udp",
            "--connect",
            &format!("127.0.0.1:{}", port.trim()),
        ])
        .arg("  hello from synack \n")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("received 17 bytes from 127.0.0.1:"),
        "{stdout}"
    );
    assert!(stdout.contains("\"HELLO FROM SYNACK\""), "{stdout}");
    assert!(server.exits_ok());
}

#[test]
fn nc_against_synack_tcp_server() {
    if !tools::require("nc") {
        return;
    }
    let (mut server, addr) = synack_server("tcp", 1);
    // -N: shut down the sending side at end of input, then read until the server closes.
    let mut nc = Command::new("nc")
        .args(["-N", "-w", "5", "127.0.0.1", &addr.port().to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    nc.stdin
        .take()
        .unwrap()
        .write_all(b"hello over nc\n")
        .unwrap();
    let out = nc.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello over nc\n");
    assert!(server.exits_ok());
}

#[test]
fn nc_against_synack_udp_server() {
    if !tools::require("nc") {
        return;
    }
    let (mut server, addr) = synack_server("udp", 1);
    let mut nc = Command::new("nc")
        .args(["-u", "-w", "1", "127.0.0.1", &addr.port().to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    nc.stdin.take().unwrap().write_all(b"hi udp\n").unwrap();
    let out = nc.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "HI UDP");
    assert!(server.exits_ok());
}

#[test]
fn socat_client_against_synack_tcp_server() {
    if !tools::require("socat") {
        return;
    }
    let (mut server, addr) = synack_server("tcp", 1);
    let mut socat = Command::new("socat")
        .args(["-t", "5", "-", &format!("TCP:{addr}")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    socat
        .stdin
        .take()
        .unwrap()
        .write_all(b"line one\nline two\n")
        .unwrap();
    let out = socat.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "line one\nline two\n");
    assert!(server.exits_ok());
}

#[test]
fn synack_client_against_socat_echo_server() {
    if !tools::require("socat") {
        return;
    }
    let port = free_tcp_port();
    let _socat = Running(
        Command::new("socat")
            .arg(format!("TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork"))
            .arg("PIPE")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "socat did not start listening");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = synack()
        .args([
            "echo",
            "client",
            "--connect",
            &format!("127.0.0.1:{port}"),
            "Hello,",
            "socat",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!(
            "received 12 bytes from 127.0.0.1:{port}: \"Hello, socat\""
        )),
        "{stdout}"
    );
}
