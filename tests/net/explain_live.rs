//! The observer against the real Linux stack: sockets on loopback, captured
//! with tcpdump, explained by synack, and compared with what the kernel itself
//! reports in /proc/net/tcp. Needs root and tcpdump (CI has both).

use synack_test_support as support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::{stderr, stdout, synack, tools};

/// tcpdump writing `port`'s packets on loopback to a file, until stopped.
pub(crate) struct Tcpdump {
    child: Child,
    file: PathBuf,
}

impl Tcpdump {
    pub(crate) fn start(port: u16, name: &str) -> Option<Tcpdump> {
        if !tools::require("tcpdump") {
            return None;
        }
        let file =
            std::env::temp_dir().join(format!("synack-live-{name}-{}.pcap", std::process::id()));
        let mut child = Command::new("tcpdump")
            .args(["-i", "lo", "--immediate-mode", "-U", "-s", "0", "-w"])
            .arg(&file)
            .arg(format!("tcp port {port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tcpdump starts");
        // tcpdump says "listening on lo" once it captures.
        let mut err = child.stderr.take().unwrap();
        let mut seen = Vec::new();
        let mut byte = [0u8; 1];
        while !String::from_utf8_lossy(&seen).contains("listening on") {
            match err.read(&mut byte) {
                Ok(1) => seen.push(byte[0]),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    if std::env::var_os("CI").is_some() {
                        panic!(
                            "tcpdump could not capture: {}",
                            String::from_utf8_lossy(&seen)
                        );
                    }
                    tools::say_skip(&format!(
                        "tcpdump cannot capture here (root needed): {}",
                        String::from_utf8_lossy(&seen)
                    ));
                    return None;
                }
            }
        }
        // "listening on" comes a moment before the filter is attached.
        std::thread::sleep(Duration::from_millis(300));
        Some(Tcpdump { child, file })
    }

    pub(crate) fn stop(mut self) -> PathBuf {
        std::thread::sleep(Duration::from_millis(300));
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        self.file.clone()
    }
}

/// The kernel's state for the socket local → remote, as the kernel publishes
/// it in /proc/net/tcp (read by the same code `echo --explain` uses).
fn kernel_state(local: SocketAddr, remote: SocketAddr) -> Option<&'static str> {
    use synack::net::kernel_state::{KernelView, kernel_state};
    match kernel_state(local, Some(remote)) {
        KernelView::State(state) => Some(state.name()),
        _ => None,
    }
}

/// The final state of each host in the JSON trace, and the flags seen.
fn explained(file: &Path) -> (String, String, Vec<Vec<String>>) {
    let out = synack(
        &["explain", file.to_str().unwrap(), "--json", "--absolute"],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (mut client, mut server) = ("CLOSED".to_string(), "CLOSED".to_string());
    let mut flags = Vec::new();
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        match v["kind"].as_str() {
            Some("state") => {
                let to = v["to"].as_str().unwrap().to_string();
                if v["host"] == "client" {
                    client = to;
                } else {
                    server = to;
                }
            }
            Some("send") => flags.push(
                v["seg"]["flags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap().to_string())
                    .collect(),
            ),
            _ => {}
        }
    }
    (client, server, flags)
}

fn pair() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    (listener, addr)
}

#[test]
fn client_closes_first_and_ends_in_time_wait_like_the_kernel_says() {
    let (listener, server_addr) = pair();
    let Some(dump) = Tcpdump::start(server_addr.port(), "client-first") else {
        return;
    };
    let mut client = TcpStream::connect(server_addr).unwrap();
    let (mut accepted, client_addr) = listener.accept().unwrap();
    client.write_all(b"Hello, world").unwrap();
    let mut buf = [0u8; 64];
    let n = accepted.read(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"Hello, world");
    drop(client); // FIN from the client first
    assert_eq!(accepted.read(&mut buf).unwrap(), 0);
    drop(accepted);
    std::thread::sleep(Duration::from_millis(100));
    let kernel_client = kernel_state(client_addr, server_addr);
    let file = dump.stop();
    let (client_state, server_state, flags) = explained(&file);
    assert_eq!(
        kernel_client,
        Some("TIME-WAIT"),
        "the kernel's view of the client socket"
    );
    assert_eq!(client_state, "TIME-WAIT");
    assert_eq!(server_state, "CLOSED");
    assert_eq!(flags[0], ["SYN"]);
    assert_eq!(flags[1], ["SYN", "ACK"]);
    assert!(
        flags
            .iter()
            .filter(|f| f.contains(&"FIN".to_string()))
            .count()
            == 2,
        "{flags:?}"
    );
    let _ = std::fs::remove_file(file);
}

#[test]
fn server_closes_first_and_the_server_keeps_time_wait() {
    let (listener, server_addr) = pair();
    let Some(dump) = Tcpdump::start(server_addr.port(), "server-first") else {
        return;
    };
    let mut client = TcpStream::connect(server_addr).unwrap();
    let (accepted, client_addr) = listener.accept().unwrap();
    drop(accepted); // FIN from the server first
    let mut buf = [0u8; 8];
    assert_eq!(client.read(&mut buf).unwrap(), 0);
    drop(client);
    std::thread::sleep(Duration::from_millis(100));
    let kernel_server = kernel_state(server_addr, client_addr);
    let file = dump.stop();
    let (client_state, server_state, _) = explained(&file);
    assert_eq!(
        kernel_server,
        Some("TIME-WAIT"),
        "the kernel's view of the server socket"
    );
    assert_eq!(server_state, "TIME-WAIT");
    assert_eq!(client_state, "CLOSED");
    let _ = std::fs::remove_file(file);
}

#[test]
fn an_abortive_close_sends_rst_and_both_sides_close() {
    let (listener, server_addr) = pair();
    let Some(dump) = Tcpdump::start(server_addr.port(), "abort") else {
        return;
    };
    let client = TcpStream::connect(server_addr).unwrap();
    let (mut accepted, _) = listener.accept().unwrap();
    // SO_LINGER with a zero timeout: close() sends RST instead of FIN.
    socket2::SockRef::from(&client)
        .set_linger(Some(Duration::ZERO))
        .unwrap();
    drop(client);
    let mut buf = [0u8; 8];
    assert!(
        accepted.read(&mut buf).is_err(),
        "the server should see a reset"
    );
    let file = dump.stop();
    let (client_state, server_state, flags) = explained(&file);
    assert!(
        flags.last().unwrap().contains(&"RST".to_string()),
        "{flags:?}"
    );
    assert_eq!(client_state, "CLOSED");
    assert_eq!(server_state, "CLOSED");
    let _ = std::fs::remove_file(file);
}

#[test]
fn a_port_with_no_listener_refuses() {
    let (listener, addr) = pair();
    drop(listener);
    let Some(dump) = Tcpdump::start(addr.port(), "refused") else {
        return;
    };
    assert!(TcpStream::connect(addr).is_err());
    let file = dump.stop();
    let out = synack(&["explain", file.to_str().unwrap(), "--summary"], b"");
    assert!(stdout(&out).contains("refused (RST)"), "{}", stdout(&out));
    let _ = std::fs::remove_file(file);
}
