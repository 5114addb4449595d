//! Byte compatibility with the classic protocol, both ways: a minimal classic
//! Python client (exactly the design's frames) against synack's server, and
//! synack's client against a minimal classic Python server. Needs python3
//! (required under CI).

use synack_test_support::chat as chat_support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chat_support::*;
use synack::chat::frame::{Frame, Kind};

const T: Duration = Duration::from_secs(20);

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bench/chat")
        .join(name)
}

fn synack() -> Command {
    Command::new(env!("CARGO_BIN_EXE_synack"))
}

fn pseudo_random(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn classic_client_works_against_synack_server() {
    if !require_tool("python3") {
        return;
    }
    let root = temp_dir("classic-client");
    let served = root.join("srv");
    std::fs::create_dir_all(&served).unwrap();
    let big = pseudo_random(6 << 20, 1);
    std::fs::write(served.join("big.bin"), &big).unwrap();
    std::fs::write(served.join("vazio.txt"), b"").unwrap();
    let mut server = TestServer::start(&served);
    let mut peer = server.client();
    let mut child = Command::new("python3")
        .arg(script("classic_client.py"))
        .arg("127.0.0.1")
        .arg(server.addr.port().to_string())
        .arg("--downloads")
        .arg(root.join("dl"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    server.log.wait_for("connected", T);
    // Wait for both clients to be registered before broadcasting.
    let deadline = std::time::Instant::now() + T;
    while server.handle.client_count() < 2 {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(10));
    }
    server.type_line("bem-vindos");
    assert_eq!(peer.expect(Kind::CHAT), b"[SERVER]: bem-vindos");
    writeln!(stdin, "chat olá do cliente clássico").unwrap();
    let relayed = String::from_utf8(peer.expect(Kind::CHAT)).unwrap();
    assert!(relayed.ends_with("]: olá do cliente clássico"), "{relayed}");
    // Chat arriving in the middle of a download: the frames stay whole, and
    // a classic client takes them as they come.
    let chatter = {
        let mut peer = peer;
        std::thread::spawn(move || {
            for i in 0..50 {
                peer.send(&Frame::Chat(&format!("mensagem {i}")));
                std::thread::sleep(Duration::from_millis(2));
            }
            peer
        })
    };
    writeln!(stdin, "arquivo big.bin").unwrap();
    let _peer = chatter.join().unwrap();
    writeln!(stdin, "file vazio.txt").unwrap();
    writeln!(stdin, "arquivo ../../etc/passwd").unwrap();
    writeln!(stdin, "arquivo nada.txt").unwrap();
    writeln!(stdin, "sair").unwrap();
    drop(stdin);
    let out = wait_output(child);
    assert!(out.contains("[SERVER]: bem-vindos"), "{out}");
    assert!(
        out.contains(&format!(
            "OK big.bin {} {}",
            big.len(),
            synack::chat::hex(&sha256(&big))
        )),
        "{out}"
    );
    assert!(out.contains("OK vazio.txt 0 e3b0c442"), "{out}");
    assert!(out.contains("ERRO cannot send ../../etc/passwd"), "{out}");
    assert!(
        out.contains("ERRO cannot send nada.txt: no such file"),
        "{out}"
    );
    assert_eq!(std::fs::read(root.join("dl/big.bin")).unwrap(), big);
    server.log.wait_for("sent QUIT", T);
    server.quit();
}

fn wait_output(mut child: Child) -> String {
    let deadline = std::time::Instant::now() + T;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
            assert!(status.success(), "exit {status}: {out}");
            return out;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the classic client did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A classic Python server on a free port, killed when dropped.
struct ClassicServer {
    child: Child,
    port: u16,
}

impl ClassicServer {
    fn start(dir: &Path) -> ClassicServer {
        let mut child = Command::new("python3")
            .arg(script("classic_server.py"))
            .args(["--bind", "127.0.0.1:0", "--dir"])
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port = first
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"));
        ClassicServer { child, port }
    }
}

impl Drop for ClassicServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn synack_client_works_against_a_classic_server() {
    if !require_tool("python3") {
        return;
    }
    let root = temp_dir("classic-server");
    let served = root.join("srv");
    let dl = root.join("dl");
    std::fs::create_dir_all(&served).unwrap();
    std::fs::create_dir_all(&dl).unwrap();
    let data = pseudo_random(3 << 20, 2);
    std::fs::write(served.join("dados.bin"), &data).unwrap();
    let server = ClassicServer::start(&served);
    let port = server.port.to_string();

    // --say and --get: downloads verified, exit 0.
    let out = synack()
        .args([
            "--lang",
            "en",
            "chat",
            "client",
            "127.0.0.1",
            &port,
            "--downloads",
        ])
        .arg(&dl)
        .args(["--say", "oi", "--get", "dados.bin"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("dados.bin: 3145728 bytes, SHA-256 verified"),
        "{stdout}"
    );
    assert_eq!(std::fs::read(dl.join("dados.bin")).unwrap(), data);

    // A .part left over: synack asks to resume (RSUM), the classic server
    // ignores it and sends the whole file (no FOFS), synack starts over.
    std::fs::remove_file(dl.join("dados.bin")).unwrap();
    std::fs::write(dl.join("dados.bin.part"), &data[..1000]).unwrap();
    let out = synack()
        .args([
            "--lang",
            "en",
            "chat",
            "client",
            "127.0.0.1",
            &port,
            "--downloads",
        ])
        .arg(&dl)
        .args(["--get", "dados.bin", "--get", "nada"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "a missing file must fail the run");
    assert!(stdout.contains("resume from byte 1000"), "{stdout}");
    assert!(
        stdout.contains("dados.bin: 3145728 bytes, SHA-256 verified"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the server answered: arquivo nao encontrado: nada"),
        "{stdout}"
    );
    assert_eq!(std::fs::read(dl.join("dados.bin")).unwrap(), data);
    assert!(!dl.join("dados.bin.part").exists());

    // Interactive over a pipe: `list` gets no answer from a classic server,
    // and the session goes on; chat from another client shows up.
    let mut child = synack()
        .args([
            "--lang",
            "en",
            "chat",
            "client",
            "127.0.0.1",
            &port,
            "--downloads",
        ])
        .arg(&dl)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "list").unwrap();
    writeln!(stdin, "file dados.bin").unwrap();
    writeln!(stdin, "chat tchau").unwrap();
    writeln!(stdin, "quit").unwrap();
    drop(stdin);
    let out = wait_output(child);
    assert!(
        out.contains("dados.bin: 3145728 bytes, SHA-256 verified"),
        "{out}"
    );
}
