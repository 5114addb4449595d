//! `synack echo …` and `synack capture` end to end, on loopback: the binary
//! is run as a student runs it. Servers are started on free ports, stop by
//! themselves after their clients (`--clients N`) and are killed if a test fails.

use synack_test_support as support;

use support::server::Server;
use support::tools;

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, UdpSocket};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn synack() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_synack"));
    cmd.args(["--color", "never"]).env("LANG", "en_US.UTF-8");
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES");
    cmd
}

fn run(cmd: &mut Command) -> (Output, String, String) {
    let out = cmd.stdin(Stdio::null()).output().expect("synack runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

/// Live capture needs root (CAP_NET_RAW): required under CI, where tests run as root.
fn is_root() -> bool {
    tools::is_root("live capture")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("synack-echo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A `synack echo server` on a free port, killed when dropped.
fn start_server(args: &[&str]) -> Server {
    let mut cmd = synack();
    cmd.args(["echo", "server", "--bind", "127.0.0.1:0"])
        .args(args);
    Server::spawn(cmd)
}

fn ports_in(text: &str, marker: &str) -> Vec<u16> {
    text.lines()
        .filter_map(|l| l.split(marker).nth(1))
        .filter_map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .collect()
}

#[test]
fn tcp_demo_shows_bits_and_gives_each_client_its_own_port() {
    let (out, stdout, stderr) = run(synack().args(["echo", "demo", "--clients", "3"]));
    assert!(out.status.success(), "{stderr}");
    // "He" of "Hello from client 1", as bits with the characters under them.
    assert!(stdout.contains("    01001000 01100101"), "{stdout}");
    assert!(
        stdout.contains("[client 3] → sends 19 bytes to 127.0.0.1:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[server] ← received 19 bytes from 127.0.0.1:"),
        "{stdout}"
    );
    let mut server_saw = ports_in(&stdout, "new connection from 127.0.0.1, port ");
    let mut clients_used = ports_in(&stdout, "from local port ");
    server_saw.sort_unstable();
    clients_used.sort_unstable();
    server_saw.dedup();
    assert_eq!(server_saw.len(), 3, "{stdout}");
    assert_eq!(server_saw, clients_used, "{stdout}");
    assert!(stdout.contains("3 clients connected to the same server port"));
}

#[test]
fn udp_demo_answers_upper_cased() {
    let (out, stdout, stderr) =
        run(synack().args(["echo", "demo", "--proto", "udp", "--clients", "2"]));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("\"HELLO FROM CLIENT 2\""), "{stdout}");
    assert!(
        stdout.contains("No connections: one server socket"),
        "{stdout}"
    );
}

#[test]
fn demo_speaks_portuguese() {
    let (out, stdout, stderr) =
        run(synack().args(["--lang", "pt", "echo", "demo", "--clients", "1"]));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("[cliente 1] → envia 17 bytes"), "{stdout}");
    // "á" takes two bytes: its first is shown with the character, the second marked.
    assert!(stdout.contains("11000011 10100001"), "{stdout}");
    assert!(stdout.contains("[servidor] ← recebeu"), "{stdout}");
}

#[test]
fn the_demos_closing_advice_fits_the_protocol_and_the_number_of_clients() {
    for lang in ["en", "pt"] {
        let (out, stdout, stderr) = run(synack().args([
            "--lang",
            lang,
            "echo",
            "demo",
            "--proto",
            "udp",
            "--clients",
            "1",
            "--quiet",
        ]));
        assert!(out.status.success(), "{stderr}");
        let (udp_server, tcp_only, told_apart) = match lang {
            "en" => ("synack echo server --proto udp", "TCP state", "told apart"),
            _ => (
                "synack echo server --proto udp",
                "estado TCP",
                "distinguidos",
            ),
        };
        assert!(stdout.contains(udp_server), "{stdout}");
        assert!(!stdout.contains(tcp_only), "{stdout}");
        // One client is not "told apart" from anyone.
        assert!(!stdout.contains(told_apart), "{stdout}");
        let (out, stdout, stderr) =
            run(synack().args(["--lang", lang, "echo", "demo", "--clients", "1", "--quiet"]));
        assert!(out.status.success(), "{stderr}");
        let each = match lang {
            "en" => "each its own",
            _ => "a cada um",
        };
        assert!(!stdout.contains(each), "{stdout}");
        let one_port = match lang {
            "en" => "1 client connected to server port",
            _ => "1 cliente se conectou à porta",
        };
        assert!(stdout.contains(one_port), "{stdout}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn send_says_its_byte_count_in_words_not_as_a_manual_section() {
    for (lang, said) in [("en", "send() of 19 bytes"), ("pt", "send() de 17 bytes")] {
        let (out, stdout, stderr) = run(synack().args([
            "--lang",
            lang,
            "echo",
            "demo",
            "--clients",
            "1",
            "--quiet",
            "--explain",
        ]));
        assert!(out.status.success(), "{stderr}");
        assert!(stdout.contains(said), "{stdout}");
        assert!(!stdout.contains("send(1"), "{stdout}");
    }
    let (out, stdout, stderr) = run(synack().args([
        "echo",
        "demo",
        "--proto",
        "udp",
        "--clients",
        "1",
        "--quiet",
        "--explain",
    ]));
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("sendto() of 19 bytes to 127.0.0.1:"),
        "{stdout}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn explain_shows_the_kernels_own_tcp_states() {
    let (out, stdout, stderr) =
        run(synack().args(["echo", "demo", "--clients", "1", "--quiet", "--explain"]));
    assert!(out.status.success(), "{stderr}");
    for call in [
        "socket(",
        "bind(",
        "listen(",
        "accept()",
        "connect(",
        "send(",
        "recv()",
        "shutdown(SHUT_WR)",
        "close()",
    ] {
        assert!(stdout.contains(call), "{call} not narrated:\n{stdout}");
    }
    for state in [
        "kernel: LISTEN",
        "kernel: ESTABLISHED",
        "kernel: CLOSE-WAIT",
        "kernel: TIME-WAIT",
        "FIN-WAIT-",
    ] {
        assert!(stdout.contains(state), "{state} not shown:\n{stdout}");
    }
    // No per-message bits with --quiet.
    assert!(!stdout.contains("01001000"), "{stdout}");
}

#[test]
fn server_serves_a_client_reading_lines_from_standard_input() {
    let server = start_server(&["--clients", "1"]);
    let mut client = synack()
        .args(["echo", "client", "--connect", &server.addr.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = client.stdin.take().unwrap();
        stdin.write_all(b"one\r\ntwo\n\nthree").unwrap();
    }
    let out = client.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for word in ["one", "two", "three"] {
        assert!(
            stdout.contains(&format!(
                "received {} bytes from {}: \"{word}\"",
                word.len(),
                server.addr
            )),
            "{stdout}"
        );
    }
    let client_port = ports_in(&stdout, "from local port ");
    let server_out = server.finish();
    assert_eq!(
        ports_in(&server_out, "new connection from 127.0.0.1, port "),
        client_port
    );
    assert!(
        server_out.contains("is gone after 3 messages (11 bytes)"),
        "{server_out}"
    );
    assert!(server_out.contains("served 1 client"), "{server_out}");
}

#[test]
fn upper_makes_the_tcp_server_answer_like_the_udp_one() {
    let server = start_server(&["--clients", "1", "--upper", "--quiet"]);
    let (out, stdout, stderr) = run(synack().args([
        "echo",
        "client",
        "--connect",
        &server.addr.to_string(),
        "  mixed Case  ",
    ]));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("received 10 bytes from"), "{stdout}");
    assert!(stdout.contains("\"MIXED CASE\""), "{stdout}");
    server.finish();
}

#[test]
fn a_port_truly_in_use_is_refused_with_its_number() {
    let holder = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port();
    let (out, _, stderr) =
        run(synack().args(["echo", "server", "--bind", &format!("127.0.0.1:{port}")]));
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!("port {port} is in use"))
            && stderr.contains("pass --bind with another port"),
        "{stderr}"
    );
}

#[test]
fn a_udp_port_in_use_is_refused_too() {
    // UDP has no TIME-WAIT: SO_REUSEADDR there would let two servers share it.
    let holder = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port();
    let (out, _, stderr) = run(synack().args([
        "echo",
        "server",
        "--proto",
        "udp",
        "--bind",
        &format!("127.0.0.1:{port}"),
    ]));
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!("port {port} is in use")),
        "{stderr}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_udp_client_given_the_unspecified_address_takes_the_answer_from_loopback() {
    let server = UdpSocket::bind("0.0.0.0:0").unwrap();
    let port = server.local_addr().unwrap().port();
    let answer = std::thread::spawn(move || {
        let mut buf = [0u8; 64];
        let (n, from) = server.recv_from(&mut buf).unwrap();
        server
            .send_to(&buf[..n].to_ascii_uppercase(), from)
            .unwrap();
    });
    let (out, stdout, stderr) = run(synack().args([
        "echo",
        "client",
        "--proto",
        "udp",
        "--connect",
        &format!("0.0.0.0:{port}"),
        "hi",
    ]));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("\"HI\""), "{stdout}");
    answer.join().unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn a_port_left_in_time_wait_does_not_block_a_restart() {
    use socket2::{Domain, Socket, Type};
    // A server that closes first leaves its side in TIME-WAIT on its port.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let client = std::net::TcpStream::connect(addr).unwrap();
    let (accepted, _) = listener.accept().unwrap();
    drop(accepted);
    drop(listener);
    // The client's close completes the teardown; the server side is now in TIME-WAIT.
    std::thread::sleep(Duration::from_millis(50));
    drop(client);
    std::thread::sleep(Duration::from_millis(50));
    let plain = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    let blocked = plain.bind(&addr.into());
    assert!(
        blocked.is_err(),
        "without SO_REUSEADDR the port should be blocked by TIME-WAIT"
    );
    drop(plain);
    let mut child = synack()
        .args([
            "echo",
            "server",
            "--quiet",
            "--clients",
            "1",
            "--bind",
            &addr.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    assert!(
        first.contains(&format!("TCP echo server on {addr}")),
        "{first}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn connecting_where_nobody_listens_says_so() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (out, _, stderr) = run(synack().args([
        "echo",
        "client",
        "--connect",
        &format!("127.0.0.1:{port}"),
        "hi",
    ]));
    assert!(!out.status.success());
    assert!(
        stderr.contains("refused") && stderr.contains("synack echo server"),
        "{stderr}"
    );
}

#[test]
fn a_server_that_hangs_up_before_answering_is_reported() {
    // A "server" that accepts each connection and closes it at once.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hang_up = std::thread::spawn(move || {
        for _ in 0..2 {
            let (stream, _) = listener.accept().unwrap();
            drop(stream);
        }
    });
    for lang in ["en_US.UTF-8", "pt_BR.UTF-8"] {
        let (out, _, stderr) = run(synack().env("LANG", lang).args([
            "echo",
            "client",
            "--connect",
            &addr.to_string(),
            "hi",
        ]));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let expected = if lang.starts_with("pt") {
            "fechou a conexão antes de responder"
        } else {
            "closed the connection before answering"
        };
        assert!(stderr.contains(expected), "{stderr}");
    }
    hang_up.join().unwrap();
}

#[test]
fn addresses_that_cannot_be_used_are_explained() {
    for (lang, args, expected) in [
        (
            "en_US.UTF-8",
            &["client", "--connect", "localhost"][..],
            "`localhost` has no port: use HOST:PORT",
        ),
        (
            "pt_BR.UTF-8",
            &["client", "--connect", "localhost"][..],
            "`localhost` não tem porta: use HOST:PORTA",
        ),
        (
            "en_US.UTF-8",
            &["server", "--bind", "127.0.0.1"][..],
            "`127.0.0.1` has no port",
        ),
        (
            "en_US.UTF-8",
            &["client", "--connect", "127.0.0.1:9", ""][..],
            "the message is empty: there is nothing to send",
        ),
        (
            "en_US.UTF-8",
            &["server", "--bind", "192.0.2.1:40000"][..],
            "that address is not on this machine (try 127.0.0.1 or 0.0.0.0)",
        ),
    ] {
        let (out, _, stderr) = run(synack().env("LANG", lang).arg("echo").args(args));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn a_udp_datagram_without_answer_is_reported() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    let (out, _, stderr) = run(synack().args([
        "echo",
        "client",
        "--proto",
        "udp",
        "--timeout",
        "1",
        "--connect",
        &addr.to_string(),
        "hello?",
    ]));
    assert!(!out.status.success());
    assert!(
        stderr.contains("no answer from") && stderr.contains("UDP does not retransmit"),
        "{stderr}"
    );
    let mut buf = [0u8; 16];
    let (n, _) = silent.recv_from(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"hello?");
}

#[test]
fn a_capture_file_must_be_pcap_or_pcapng() {
    let (out, _, stderr) = run(synack().args(["echo", "demo", "--capture", "frames.txt"]));
    assert!(!out.status.success());
    assert!(stderr.contains("must end in .pcap or .pcapng"), "{stderr}");
}

/// Frames as tshark reads them: one line of fields per frame.
fn tshark_fields(path: &std::path::Path, fields: &[&str]) -> Vec<String> {
    let mut cmd = Command::new("tshark");
    cmd.arg("-r").arg(path).args(["-T", "fields"]);
    for f in fields {
        cmd.args(["-e", f]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn echo_capture_writes_the_real_frames_once_each() {
    if !is_root() || !tools::require("tshark") {
        return;
    }
    let dir = temp_dir("capture");
    for name in ["demo.pcapng", "demo.pcap"] {
        let path = dir.join(name);
        let (out, stdout, stderr) = run(synack()
            .args(["echo", "demo", "--clients", "2", "--quiet", "--capture"])
            .arg(&path));
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains("capturing port"), "{stderr}");
        let frames = tshark_fields(
            &path,
            &[
                "tcp.srcport",
                "tcp.dstport",
                "tcp.flags.str",
                "tcp.seq_raw",
                "tcp.ack_raw",
                "tcp.window_size_value",
            ],
        );
        assert!(
            stdout.contains(&format!(
                "{} frames written to {}",
                frames.len(),
                path.display()
            )),
            "{stdout}"
        );
        assert!(stdout.contains("synack explain"), "{stdout}");
        // Two handshakes, two messages each way, two teardowns: at least 2×(3+2+3) frames.
        assert!(frames.len() >= 16, "{frames:#?}");
        let syns = frames.iter().filter(|f| f.contains("··········S·")).count();
        assert_eq!(syns, 2, "one SYN per client: {frames:#?}");
        // Loopback hands every packet to a capture twice; each must be written once.
        let mut unique = frames.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), frames.len(), "duplicated frames: {frames:#?}");
        // Real capture times: increasing, and today's, not a simulator's clock.
        let times: Vec<f64> = tshark_fields(&path, &["frame.time_epoch"])
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        assert!((now - times[0]).abs() < 120.0, "{times:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_permission_the_capture_says_how_and_the_session_runs() {
    if !tools::require("setpriv") {
        return;
    }
    let dir = temp_dir("noperm");
    let path = dir.join("x.pcapng");
    // Drop CAP_NET_RAW from the capability bounding set: even root cannot capture then.
    let (out, stdout, stderr) = run(Command::new("setpriv")
        .args(["--bounding-set", "-net_raw", "--inh-caps", "-net_raw", "--"])
        .arg(env!("CARGO_BIN_EXE_synack"))
        .args([
            "--color",
            "never",
            "--lang",
            "en",
            "echo",
            "demo",
            "--clients",
            "1",
            "--capture",
        ])
        .arg(&path));
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("needs permission") && stderr.contains("setcap cap_net_raw+ep"),
        "{stderr}"
    );
    assert!(stderr.contains("The session runs without it"), "{stderr}");
    assert!(
        stdout.contains("1 client connected to server port"),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn capture_command_stops_after_count_frames() {
    if !is_root() || !tools::require("tshark") {
        return;
    }
    let dir = temp_dir("count");
    let path = dir.join("three.pcap");
    let server = start_server(&["--clients", "1", "--quiet"]);
    let port = server.addr.port().to_string();
    let mut capture = synack()
        .args([
            "capture",
            "--iface",
            "lo",
            "--port",
            &port,
            "--count",
            "3",
            "--seconds",
            "20",
            "--out",
        ])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The capture says it started once its socket is open.
    let mut started = String::new();
    BufReader::new(capture.stderr.as_mut().unwrap())
        .read_line(&mut started)
        .unwrap();
    assert!(
        started.contains("capturing on lo (TCP and UDP port"),
        "{started}"
    );
    let (out, _, stderr) = run(synack().args([
        "echo",
        "client",
        "--quiet",
        "--connect",
        &server.addr.to_string(),
        "hi",
    ]));
    assert!(out.status.success(), "{stderr}");
    let done = capture.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(stdout.contains("3 frames written to"), "{stdout}");
    let flags = tshark_fields(&path, &["tcp.flags.str"]);
    assert_eq!(flags.len(), 3);
    assert!(
        flags[0].contains('S') && !flags[0].contains('A'),
        "first is the SYN: {flags:?}"
    );
    server.finish();
    std::fs::remove_dir_all(&dir).unwrap();
}
