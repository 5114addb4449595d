//! `synack talk`: two synacks in a conversation, each side typing in turn
//! as two people would; the class's own Python programs and `nc`, both
//! ways; two network namespaces; every error a user can meet; and
//! snapshots of what a fixed conversation prints, which the README shows.
//! Python, `nc`, root and `ip` are required when `CI` is set; elsewhere a
//! test that lacks one says why it skips.

use synack_test_support::{self as support, tools};

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use synack_test_support::netns::{CLIENT_IP, SERVER_IP, TwoHosts, can_run as can_use_namespaces};

/// The longest any step of a conversation may take.
const T: Duration = Duration::from_secs(20);

/// One side of a conversation: a program whose standard input the test
/// types into, and whose output it waits on, killed if the test ends early.
struct Talker {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
    /// How much of the output `expect` has gone past.
    seen: usize,
}

fn collect(mut from: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let sink = Arc::new(Mutex::new(Vec::new()));
    let to = sink.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            to.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    sink
}

impl Talker {
    fn spawn(cmd: &mut Command) -> Talker {
        let mut child = cmd
            .env("PYTHONIOENCODING", "utf-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the program starts");
        let out = collect(child.stdout.take().unwrap());
        let err = collect(child.stderr.take().unwrap());
        Talker {
            stdin: child.stdin.take(),
            child,
            out,
            err,
            seen: 0,
        }
    }

    fn output(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }

    fn errors(&self) -> String {
        String::from_utf8_lossy(&self.err.lock().unwrap()).into_owned()
    }

    /// Waits until `text` is printed after what was expected before; the
    /// output up to the end of it.
    fn expect(&mut self, text: &str) -> String {
        let deadline = Instant::now() + T;
        loop {
            let out = self.output();
            if let Some(at) = out.get(self.seen..).and_then(|rest| rest.find(text)) {
                self.seen += at + text.len();
                return out[..self.seen].to_string();
            }
            assert!(
                Instant::now() < deadline,
                "never printed {text:?}; printed:\n{out}\nerrors:\n{}",
                self.errors()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn type_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("input still open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn type_line(&mut self, line: &str) {
        self.type_bytes(format!("{line}\n").as_bytes());
    }

    /// Waits for the program to end by itself: its exit status, output and
    /// errors. Its input stays open, as a terminal's would.
    fn finish(mut self) -> (ExitStatus, String, String) {
        let deadline = Instant::now() + T;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "did not end by itself; printed:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        // The collecting threads take the last bytes.
        std::thread::sleep(Duration::from_millis(50));
        (status, self.output(), self.errors())
    }

    /// Like `finish`, for a program that must end well.
    fn finish_ok(self) -> String {
        let (status, out, err) = self.finish();
        assert!(status.success(), "failed: {err}\nprinted:\n{out}");
        out
    }
}

impl Drop for Talker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn synack(lang: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_synack"));
    cmd.args(["--color", "never", "--lang", lang]);
    cmd
}

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python")
        .join(name)
}

/// The first `ADDR:PORT` a line names.
fn addr_in(text: &str) -> SocketAddr {
    text.split_whitespace()
        .find_map(|w| w.trim_end_matches([':', ',', '`', ')']).parse().ok())
        .unwrap_or_else(|| panic!("no address in {text:?}"))
}

/// `synack talk listen` on a free loopback port, once it waits.
fn listen(lang: &str, args: &[&str]) -> (Talker, u16) {
    let mut talker = Talker::spawn(
        synack(lang)
            .args(["talk", "listen", "--bind", "127.0.0.1:0"])
            .args(args),
    );
    let said = talker.expect("`synack talk connect ");
    let port = addr_in(said.lines().last().unwrap_or_default()).port();
    (talker, port)
}

fn connect(lang: &str, port: u16, args: &[&str]) -> Talker {
    Talker::spawn(
        synack(lang)
            .args(["talk", "connect", &format!("127.0.0.1:{port}")])
            .args(args),
    )
}

/// The bits view of `bytes`, as every side prints it.
fn bits_of(bytes: &[u8]) -> String {
    synack::bits::bits_rows(bytes, 80, 4).join("\n")
}

/// As the classic Python programs print bits: groups of 8 on one line.
fn python_bits(bytes: &[u8]) -> String {
    synack::bits::to_bits(bytes)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The ephemeral port the listening side reports its peer using: the first
/// number followed by a comma (`from port 41234,`, `pela porta 41234,`).
fn peer_port(listen_output: &str) -> u16 {
    listen_output
        .split_whitespace()
        .find_map(|w| w.strip_suffix(',').and_then(|n| n.parse().ok()))
        .unwrap_or_else(|| panic!("no peer port in {listen_output}"))
}

/// Ports as words, so output from different runs compares.
fn normalize(text: &str, port: u16, peer: u16) -> String {
    text.replace(&format!(":{port}"), ":PORT")
        .replace(&format!(":{peer}"), ":EPHEMERAL")
        .replace(&format!(" {peer}"), " EPHEMERAL")
}

// The README's session and the snapshots: the same conversation.

const CLIENT_TYPES: [&str; 2] = ["olá, servidor", "sair"];
const SERVER_TYPES: [&str; 1] = ["oi! tudo bem?"];

/// Two synacks, each typing after the other's line arrived, as two people
/// do: what the listening side and the connecting side printed, ports
/// normalized.
fn fixed_conversation(lang: &str) -> (String, String) {
    let (mut server, port) = listen(lang, &[]);
    let mut client = connect(lang, port, &[]);
    client.expect("`sair`");
    server.expect("`sair`");
    client.type_line(CLIENT_TYPES[0]);
    server.expect(&format!(": {}\n", CLIENT_TYPES[0]));
    server.type_line(SERVER_TYPES[0]);
    client.expect(&format!(": {}\n", SERVER_TYPES[0]));
    client.type_line(CLIENT_TYPES[1]);
    let client_out = client.finish_ok();
    let server_out = server.finish_ok();
    let peer = peer_port(&server_out);
    (
        normalize(&server_out, port, peer),
        normalize(&client_out, port, peer),
    )
}

fn snapshot(name: &str, body: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), body));
}

/// The block of terminal under `$ synack ARGS` in the README, without the
/// lines typed there (the terminal shows them; a pipe does not).
fn readme_block(readme: &str, args: &str, typed: &[&str]) -> String {
    let start = readme
        .find(&format!("\n$ synack {args}\n"))
        .unwrap_or_else(|| panic!("the README no longer shows `synack {args}`"));
    let body = &readme[start + args.len() + 11..];
    let end = body.find("\n```").expect("the block ends");
    body[..end]
        .lines()
        .filter(|l| !typed.contains(l))
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

#[test]
fn two_synacks_talk_with_every_line_as_bits_on_both_sides() {
    let (server, client) = fixed_conversation("en");
    // What each typed goes out with its `\n` and arrives byte for byte.
    assert!(
        server.contains(&bits_of("olá, servidor\n".as_bytes())),
        "{server}"
    );
    assert!(client.contains(&bits_of("oi! tudo bem?\n".as_bytes())));
    assert!(server.contains("127.0.0.1 connected from port EPHEMERAL, "));
    assert!(client.contains("from local port EPHEMERAL "));
    snapshot(
        "talk__conversation-en",
        format!("--- talk listen\n{server}--- talk connect\n{client}"),
    );
    // The README's real session, from two terminals, says the same.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let shown_listen = readme_block(&readme, "talk listen", &SERVER_TYPES);
    let shown_connect = readme_block(&readme, "talk connect", &CLIENT_TYPES);
    let readme_peer = peer_port(&shown_listen);
    assert_eq!(
        normalize(&shown_listen, 5000, readme_peer),
        server,
        "the README's `synack talk listen` differs from a real run"
    );
    assert_eq!(
        normalize(&shown_connect, 5000, readme_peer),
        client,
        "the README's `synack talk connect` differs from a real run"
    );
}

#[test]
fn a_conversation_in_portuguese() {
    let (server, client) = fixed_conversation("pt");
    assert!(server.contains("127.0.0.1 conectou pela porta EPHEMERAL, "));
    snapshot(
        "talk__conversation-pt",
        format!("--- talk listen\n{server}--- talk connect\n{client}"),
    );
}

// The class's own programs, both ways.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ender {
    Synack,
    Python,
}

#[test]
fn synack_connect_talks_to_the_classic_python_server() {
    if !tools::require("python3") {
        return;
    }
    for ender in [Ender::Synack, Ender::Python] {
        let mut python = Talker::spawn(
            Command::new("python3")
                .arg(script("talk_server.py"))
                .args(["127.0.0.1", "0"]),
        );
        let port = addr_in(&python.expect("\n")).port();
        let mut me = connect("en", port, &[]);
        me.expect("`sair`");
        me.type_line("olá");
        // The server got exactly the bytes typed, and their end of line.
        python.expect(&format!(
            "Bits recebidos: {}\n",
            python_bits("olá\n".as_bytes())
        ));
        python.expect("Cliente: olá\n");
        if ender == Ender::Python {
            python.type_line("sair");
            me.expect("says: sair\n");
        } else {
            let answer = "oi, synack: ação ✓";
            python.type_line(answer);
            // It sends without an end of line, as the classic programs do:
            // the bytes as they came, then the text once they stop.
            let received = me.expect(&format!("says: {answer}\n"));
            assert!(
                received.contains(&format!(
                    "← received {} bytes from 127.0.0.1:{port}: \"{answer}\"\n{}",
                    answer.len(),
                    bits_of(answer.as_bytes())
                )),
                "{received}"
            );
            me.expect("the other side sends its messages without one");
            me.type_line("sair");
            python.expect("Cliente: sair\n");
        }
        python.expect("Fim da conversa");
        let out = me.finish_ok();
        assert!(
            out.contains("closed its side"),
            "{ender:?} ended it, and synack says the conversation is over: {out}"
        );
        python.finish_ok();
    }
}

#[test]
fn the_classic_python_client_talks_to_synack_listen() {
    if !tools::require("python3") {
        return;
    }
    for ender in [Ender::Synack, Ender::Python] {
        let (mut me, port) = listen("en", &[]);
        let mut python = Talker::spawn(
            Command::new("python3")
                .arg(script("talk_client.py"))
                .args(["127.0.0.1", &port.to_string()]),
        );
        python.expect("Conectado");
        me.expect("`sair`");
        python.type_line("olá");
        let received = me.expect("says: olá\n");
        assert!(
            received.contains(&format!(
                "received 4 bytes from 127.0.0.1:{}: \"olá\"\n{}",
                peer_port(&received),
                bits_of("olá".as_bytes())
            )),
            "{received}"
        );
        if ender == Ender::Synack {
            me.type_line("sair");
            python.expect(&format!("Bits recebidos: {}\n", python_bits(b"sair\n")));
            python.expect("Servidor: sair\n");
        } else {
            me.type_line("tudo bem? ação");
            python.expect(&format!(
                "Bits recebidos: {}\n",
                python_bits("tudo bem? ação\n".as_bytes())
            ));
            python.expect("Servidor: tudo bem? ação\n");
            python.type_line("sair");
            me.expect("says: sair\n");
        }
        python.expect("Fim da conversa");
        me.finish_ok();
        python.finish_ok();
    }
}

// nc, both ways.

#[test]
fn synack_connect_against_nc_listening() {
    if !tools::require("nc") {
        return;
    }
    let port = free_port();
    let mut nc = Talker::spawn(Command::new("nc").args(["-l", "127.0.0.1", &port.to_string()]));
    // nc takes a moment to listen: try until it does.
    let deadline = Instant::now() + T;
    let mut me = loop {
        let mut me = connect("en", port, &[]);
        let said = me.expect("\n");
        if said.contains("connected to") {
            break me;
        }
        assert!(Instant::now() < deadline, "nc never listened");
        std::thread::sleep(Duration::from_millis(50));
    };
    me.expect("`sair`");
    me.type_line("olá, nc");
    nc.expect("olá, nc\n");
    // Three lines in one write, so in one segment and one recv().
    nc.type_bytes(b"um\ndois\ntres\n");
    let got = me.expect("says: tres\n");
    assert!(got.contains("this recv() held 3 lines"), "{got}");
    // Half a line, then the rest: one line put back together.
    nc.type_bytes(b"hel");
    me.expect("ended in the middle of a line: 3 bytes wait for the rest");
    std::thread::sleep(Duration::from_millis(50));
    nc.type_bytes(b"lo\n");
    let got = me.expect("says: hello\n");
    assert!(got.contains("finishes a line begun in an earlier recv()"));
    me.type_line("quit");
    nc.expect("quit\n");
    // nc ends when our FIN comes, closing its side too.
    let out = me.finish_ok();
    assert!(out.contains("closed its side too"), "{out}");
    nc.finish_ok();
}

#[test]
fn nc_against_synack_listening() {
    if !tools::require("nc") {
        return;
    }
    let (mut me, port) = listen("en", &[]);
    // -N: at the end of its input nc sends FIN, as Ctrl-D does for synack.
    let mut nc = Talker::spawn(Command::new("nc").args(["-N", "127.0.0.1", &port.to_string()]));
    me.expect("`sair`");
    nc.type_line("olá, synack");
    me.expect("says: olá, synack\n");
    me.type_line("oi, nc");
    nc.expect("oi, nc\n");
    drop(nc.stdin.take());
    let out = me.finish_ok();
    assert!(out.contains("closed its side (its FIN"), "{out}");
    let (_, printed, _) = nc.finish();
    assert_eq!(printed, "oi, nc\n", "nc got exactly the bytes sent");
}

// Bytes as they are, and ends that are not in order.

/// `synack talk listen` and a bare socket the test speaks through.
fn listen_with_raw_peer(lang: &str, args: &[&str]) -> (Talker, TcpStream) {
    let (mut me, port) = listen(lang, args);
    let peer = TcpStream::connect(("127.0.0.1", port)).unwrap();
    peer.set_read_timeout(Some(T)).unwrap();
    me.expect("`sair`");
    (me, peer)
}

#[test]
fn bytes_that_are_not_utf8_are_shown_as_bits_and_hex_both_ways() {
    let (mut me, mut peer) = listen_with_raw_peer("en", &[]);
    peer.write_all(&[b'c', b'a', 0xff, 0xfe, b'\n']).unwrap();
    let got = me.expect("in hexadecimal, 63 61 ff fe\n");
    assert!(
        got.contains("    01100011 01100001 11111111 11111110 00001010\n    c        a        0xff     0xfe     \\n\n"),
        "{got}"
    );
    me.type_bytes(b"\xc3(\n");
    let mut buf = [0u8; 3];
    peer.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"\xc3(\n", "sent as typed, byte for byte");
    me.expect("not valid UTF-8 from byte 1 (0xc3)");
    drop(peer);
    me.finish_ok();
}

#[test]
fn quiet_shows_the_lines_without_bits() {
    let (mut me, mut peer) = listen_with_raw_peer("en", &["--quiet"]);
    peer.write_all("olá\n".as_bytes()).unwrap();
    me.expect("says: olá\n");
    me.type_line("oi");
    let mut buf = [0u8; 3];
    peer.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"oi\n");
    drop(peer);
    let out = me.finish_ok();
    assert!(!out.contains("01101111"), "no bits: {out}");
}

#[test]
fn a_peer_that_vanishes_mid_line_is_reported_in_both_languages() {
    for (lang, expected) in [
        (
            "en",
            "closed the connection in the middle of a line: its last 9 bytes came without an end of line",
        ),
        (
            "pt",
            "fechou a conexão no meio de uma linha: os últimos 9 bytes vieram sem fim de linha",
        ),
    ] {
        let (mut me, mut peer) = listen_with_raw_peer(lang, &[]);
        peer.write_all(b"first line\nhalf a li").unwrap();
        me.expect("half a li");
        drop(peer);
        let (status, out, err) = me.finish();
        assert_eq!(status.code(), Some(1), "{out}{err}");
        assert!(err.contains(expected), "{lang}: {err}");
        assert!(
            out.contains(": half a li\n"),
            "the unfinished line is shown: {out}"
        );
    }
}

#[test]
fn a_reset_connection_is_reported() {
    let (mut me, peer) = listen_with_raw_peer("en", &[]);
    // Data the peer never reads makes its close a reset (RST).
    me.type_line("you will not read this");
    std::thread::sleep(Duration::from_millis(200));
    drop(peer);
    let (status, out, err) = me.finish();
    assert_eq!(status.code(), Some(1), "{out}{err}");
    assert!(err.contains("was reset (RST)"), "{err}");
}

#[test]
fn errors_say_what_happened_and_what_to_do_in_both_languages() {
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let in_use = held.local_addr().unwrap().to_string();
    let nobody = format!("127.0.0.1:{}", free_port());
    let cases: [(&str, &[&str], &str); 6] = [
        (
            "en",
            &["listen", "--bind", &in_use],
            "is in use (127.0.0.1:",
        ),
        ("pt", &["listen", "--bind", &in_use], "está em uso"),
        (
            "en",
            &["connect", &nobody],
            "refused: nothing listens there. Start `synack talk listen`",
        ),
        (
            "pt",
            &["connect", &nobody],
            "recusada: ninguém escuta ali. Inicie `synack talk listen`",
        ),
        ("en", &["connect", "no-such-host.invalid"], "cannot resolve"),
        (
            "pt",
            &["listen", "--bind", "192.0.2.77"],
            "não é desta máquina",
        ),
    ];
    for (lang, args, expected) in cases {
        let out = synack(lang)
            .arg("talk")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(expected), "{lang} {args:?}: {err}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn explain_narrates_the_socket_calls_with_the_kernels_states() {
    let (mut server, port) = listen("en", &["--explain"]);
    let mut client = connect("en", port, &["--explain", "--quiet"]);
    client.expect("`sair`");
    server.expect("`sair`");
    client.type_line("Hi");
    server.expect("says: Hi\n");
    drop(client.stdin.take());
    let client_out = client.finish_ok();
    let server_out = server.finish_ok();
    for expected in [
        "listen(128)",
        "kernel: LISTEN",
        "accept()",
        "recv() = 3",
        "recv() = 0",
        "kernel: CLOSE-WAIT",
        "close()",
    ] {
        assert!(server_out.contains(expected), "{expected}: {server_out}");
    }
    for expected in [
        "connect(127.0.0.1:",
        "kernel: ESTABLISHED",
        "send() of 3 bytes",
        "end of input",
        "shutdown(SHUT_WR)",
        "kernel: FIN-WAIT",
    ] {
        assert!(client_out.contains(expected), "{expected}: {client_out}");
    }
    assert!(!client_out.contains("0100"), "--quiet: no bits");
}

#[test]
fn capture_records_the_conversations_frames() {
    if !tools::is_root("live capture") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("synack-talk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("talk.pcapng");
    let (mut server, port) = listen("en", &["--quiet", "--capture", path.to_str().unwrap()]);
    let mut client = connect("en", port, &["--quiet"]);
    client.expect("`sair`");
    client.type_line("olá");
    server.expect("says: olá\n");
    client.type_line("sair");
    client.finish_ok();
    let (status, out, err) = server.finish();
    assert!(status.success(), "{err}");
    assert!(
        err.contains(&format!("capturing port {port} on lo into")),
        "{err}"
    );
    assert!(out.contains("frames written to"), "{out}");
    let frames = support::frames(&path);
    let carries = |bytes: &[u8]| {
        frames
            .iter()
            .any(|(f, _)| f.windows(bytes.len()).any(|w| w == bytes))
    };
    assert!(carries("olá\n".as_bytes()), "the line is on the wire");
    assert!(carries(b"sair\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

// Two machines.

#[test]
fn two_machines_talk_and_each_says_which_port_the_other_uses() {
    if !can_use_namespaces() {
        return;
    }
    let hosts = TwoHosts::new("t");
    let mut server = Talker::spawn(hosts.synack(&hosts.server).args([
        "talk",
        "listen",
        "--bind",
        "0.0.0.0:5000",
    ]));
    server.expect("waiting on 0.0.0.0:5000 (every address of this machine)");
    let mut client = Talker::spawn(
        hosts
            .synack(&hosts.client)
            .args(["talk", "connect", SERVER_IP]),
    );
    let connected = client.expect("(ephemeral: chosen by the kernel)");
    let accepted = server.expect("an ephemeral port its kernel picked");
    let port = peer_port(&accepted);
    assert!(
        accepted.contains(&format!("{CLIENT_IP} connected from port {port},")),
        "{accepted}"
    );
    assert!(
        connected.contains(&format!(
            "connected to {SERVER_IP}:5000 from local port {port} "
        )),
        "{connected}"
    );
    client.expect("`sair`");
    client.type_line("across the wire: olá");
    server.expect(&format!("{CLIENT_IP}:{port} says: across the wire: olá\n"));
    server.type_line("loud and clear");
    client.expect(&format!("{SERVER_IP}:5000 says: loud and clear\n"));
    client.type_line("quit");
    client.finish_ok();
    server.finish_ok();

    // From the client machine: nothing on that port, no route to that
    // network, nobody at that address on the link.
    for (peer, expected) in [
        (
            format!("{SERVER_IP}:5001"),
            format!("connection to {SERVER_IP}:5001 refused"),
        ),
        (
            "198.51.100.1".to_string(),
            "198.51.100.1:5000 cannot be reached from here".to_string(),
        ),
        (
            "192.0.2.3".to_string(),
            "192.0.2.3:5000 cannot be reached from here".to_string(),
        ),
    ] {
        let out = hosts
            .synack(&hosts.client)
            .args(["talk", "connect", "--timeout", "10", &peer])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{peer}: {err}");
        assert!(err.contains(&expected), "{peer}: {err}");
    }
}
