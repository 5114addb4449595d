//! Real sessions on loopback: each mode recovers from faults applied on both
//! sides; secure mode with the right key, a wrong key and a flipped bit; the
//! classic Python client that sends its handshake with no newline; input from
//! standard input ending at `sair`. Servers run on free ports, stop by
//! themselves after their clients (`--clients N`) and are killed if a test fails.

use synack_test_support as support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use support::server::Server;
use support::tools;

/// synack with colour off, English, and no key from the environment.
pub(crate) fn synack() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_synack"));
    cmd.args(["--color", "never"]).env("LANG", "en_US.UTF-8");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SYNACK_PSK");
    cmd
}

/// A `synack rdt server` on a free port, killed when dropped.
pub(crate) fn start_server(args: &[&str]) -> Server {
    let mut cmd = synack();
    cmd.args(["rdt", "server", "--bind", "127.0.0.1:0"])
        .args(args);
    Server::spawn(cmd)
}

fn client(server: &Server, args: &[&str], stdin: &[u8]) -> (Output, String, String) {
    let connect = format!("127.0.0.1:{}", server.port());
    let mut child = synack()
        .args(["rdt", "client", "--connect", &connect])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("client starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    (out, o, e)
}

/// The messages the server says it delivered, in order.
fn delivered(server_output: &str) -> Vec<String> {
    server_output
        .lines()
        .filter_map(|l| l.split(" delivered (").nth(1))
        .filter_map(|rest| rest.split_once("): "))
        .map(|(_, text)| text.trim_matches('"').to_string())
        .collect()
}

const FAULTS: [&str; 8] = [
    "--loss",
    "0.2",
    "--corrupt",
    "0.1",
    "--dup",
    "0.1",
    "--seed",
    "5",
];

#[test]
fn every_mode_recovers_over_loopback_with_faults_on_both_sides() {
    let messages = [
        "first message",
        "the second one",
        "3",
        "and a fourth, longer than a packet",
    ];
    for mode in ["saw", "gbn", "sr"] {
        let server = start_server(&[&FAULTS[..], &["--clients", "1"]].concat());
        let mut args = vec![
            "--mode",
            mode,
            "--max-size",
            "6",
            "--timeout",
            "25",
            "--reorder",
            "0.1",
        ];
        args.extend_from_slice(&FAULTS);
        args.extend_from_slice(&messages);
        let (out, stdout, stderr) = client(&server, &args, b"");
        assert!(out.status.success(), "{mode}: {stderr}\n{stdout}");
        assert!(stdout.contains("✓ all acknowledged"), "{mode}: {stdout}");
        assert!(
            stdout.contains("✗ lost") && stdout.contains("↻ DATA"),
            "{mode}: no fault met\n{stdout}"
        );
        let server_out = server.finish();
        assert_eq!(delivered(&server_out), messages, "{mode}: {server_out}");
        assert!(
            server_out.contains("✗ lost") || server_out.contains("✗ bit"),
            "{mode}: the server's ACKs met no fault\n{server_out}"
        );
    }
}

fn key_file(name: &str, byte: u8) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("synack-rdt-{name}-{}.key", std::process::id()));
    std::fs::write(&path, [byte; 32]).unwrap();
    path
}

#[test]
fn secure_mode_with_the_right_key_rejects_a_flipped_bit_and_delivers() {
    let key = key_file("right", 7);
    let k = key.to_str().unwrap();
    let server = start_server(&["--secure", "--psk-file", k, "--clients", "2"]);
    let (out, stdout, stderr) = client(
        &server,
        &[
            "--mode",
            "gbn",
            "--secure",
            "--psk-file",
            k,
            "--flip",
            "2",
            "--timeout",
            "25",
            "--bits",
            "secret one",
            "secret two",
        ],
        b"",
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("✓ secure") && stdout.contains("ciphertext"),
        "{stdout}"
    );
    // The same key as 64 hex digits in the environment.
    let hex: String = std::iter::repeat_n("07", 32).collect();
    let connect = format!("127.0.0.1:{}", server.port());
    let out = synack()
        .args([
            "rdt",
            "client",
            "--connect",
            &connect,
            "--mode",
            "sr",
            "--secure",
            "hex key",
        ])
        .env("SYNACK_PSK", hex)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server_out = server.finish();
    assert_eq!(
        delivered(&server_out),
        ["secret one", "secret two", "hex key"],
        "{server_out}"
    );
    assert!(server_out.contains("✗ tampered: rejected"), "{server_out}");
    assert!(server_out.contains("1 tampered"), "{server_out}");
    std::fs::remove_file(key).unwrap();
}

#[test]
fn secure_mode_with_a_wrong_key_fails_clearly_on_both_sides() {
    let (right, wrong) = (key_file("server", 1), key_file("client", 2));
    let server = start_server(&[
        "--secure",
        "--psk-file",
        right.to_str().unwrap(),
        "--clients",
        "2",
    ]);
    let (out, _, stderr) = client(
        &server,
        &[
            "--mode",
            "sr",
            "--secure",
            "--psk-file",
            wrong.to_str().unwrap(),
            "never delivered",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("do not hold the same pre-shared key"),
        "{stderr}"
    );
    // Without --secure, the server refuses at the handshake.
    let (out, _, stderr) = client(&server, &["--mode", "sr", "plain"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("refused the handshake: this server runs in secure mode"),
        "{stderr}"
    );
    let server_out = server.finish();
    assert!(server_out.contains("✗ wrong key"), "{server_out}");
    assert!(delivered(&server_out).is_empty(), "{server_out}");
    std::fs::remove_file(right).unwrap();
    std::fs::remove_file(wrong).unwrap();
}

#[test]
fn the_classic_python_client_gets_its_answer_without_a_newline() {
    if !tools::require("python3") {
        return;
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python/rdt_classic_client.py"
    );
    let server = start_server(&["--clients", "4", "--lang", "pt"]);
    let ask = |line: &str| {
        let out = Command::new("python3")
            .args([script, "127.0.0.1", &server.port(), line])
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(
        ask("MODO:Go-Back-N;TAMANHO:50"),
        "Handshake OK MODO:Go-Back-N;TAMANHO:50;JANELA:4;SEQ:3"
    );
    assert_eq!(
        ask("modo:Repetição Seletiva;tamanho:8;janela:2\n"),
        "Handshake OK MODO:Selective-Repeat;TAMANHO:8;JANELA:2;SEQ:2"
    );
    let refused = ask("MODO:TCP;TAMANHO:50");
    assert!(
        refused.starts_with("Handshake ERRO: modo desconhecido `TCP`"),
        "{refused}"
    );
    let refused = ask("MODO:saw;TAMANHO:5000");
    assert!(
        refused.starts_with("Handshake ERRO: o tamanho 5000 está fora do intervalo"),
        "{refused}"
    );
    server.finish();
}

#[test]
fn stdin_lines_are_messages_until_sair() {
    let server = start_server(&["--clients", "1", "--quiet"]);
    let (out, stdout, stderr) = client(
        &server,
        &["--mode", "saw", "--quiet"],
        b"one\ntwo\nsair\nthree\n",
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("2 messages acknowledged"), "{stdout}");
    let server_out = server.finish();
    assert_eq!(delivered(&server_out), ["one", "two"], "{server_out}");
    assert!(
        !server_out.contains("→ ACK"),
        "--quiet shows no packets: {server_out}"
    );
}

#[test]
fn a_client_without_a_server_says_what_to_do() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let out = synack()
        .args([
            "rdt",
            "client",
            "--connect",
            &addr.to_string(),
            "--mode",
            "gbn",
            "hi",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Start `synack rdt server` first"), "{err}");
}

/// A "server" that agrees to the handshake and then resets the connection:
/// the client must say the peer is gone, and fail.
#[test]
fn a_server_that_vanishes_mid_session_is_reported() {
    use std::net::TcpListener;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let vanish = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let mut writer = stream.try_clone().unwrap();
        writer
            .write_all(b"Handshake OK MODO:Stop-and-Wait;TAMANHO:50;JANELA:1;SEQ:1\n")
            .unwrap();
        // Linger 0: close with a reset at once, as a crashed peer's kernel
        // would, so the client's first data packet meets a dead socket.
        socket2::SockRef::from(&stream)
            .set_linger(Some(Duration::ZERO))
            .unwrap();
    });
    let out = synack()
        .args(["rdt", "client", "--connect", &addr.to_string()])
        .args(["--mode", "saw", "one", "two", "three", "four"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    vanish.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the other side closed the connection"),
        "{err}"
    );
}

#[test]
fn key_files_that_cannot_be_keys_are_explained() {
    let dir = std::env::temp_dir().join(format!("synack-rdt-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.key");
    std::fs::write(&empty, b"").unwrap();
    let missing = dir.join("missing.key");
    for (lang, file, expected) in [
        ("en_US.UTF-8", &missing, "cannot read the key file"),
        (
            "pt_BR.UTF-8",
            &missing,
            "não consigo ler o arquivo de chave",
        ),
        ("en_US.UTF-8", &empty, "this is 0 characters"),
        ("pt_BR.UTF-8", &empty, "esta tem 0 caracteres"),
    ] {
        let out = synack()
            .env("LANG", lang)
            .args(["rdt", "client", "--connect", "127.0.0.1:9", "--mode", "saw"])
            .args(["--secure", "--psk-file", file.to_str().unwrap(), "hi"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{lang} {file:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{lang} {file:?}: {err}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}
