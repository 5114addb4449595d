//! The course project's classic text exchange on real sockets: the classic
//! Python clients (scripted after their behaviour) against `synack rdt
//! server`, and `synack rdt client --classic` against a scripted classic
//! server. Timers are shortened (0.3 s instead of 2 s) and delays kept to
//! milliseconds, so the whole file runs in a few seconds.

use synack_test_support as support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Output, Stdio};

use support::server::Server;
use support::tools;

use crate::net::{start_server, synack};

fn script(name: &str) -> String {
    format!("{}/tests/python/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The classic client: its output lines (`OK …`, `TIMEOUT n`, `CORROMPIDO n`).
fn classic_client(server: &Server, kind: &str, messages: &[&str]) -> Vec<String> {
    let out = Command::new("python3")
        .arg(script("rdt_classic_session.py"))
        .args(["127.0.0.1", &server.port(), kind, "0.3"])
        .args(messages)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.lines().map(str::to_string).collect()
}

fn confirmations(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("OK Servidor recebeu com sucesso: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn classic_clients_of_both_kinds_are_served_until_sair() {
    if !tools::require("python3") {
        return;
    }
    let server = start_server(&[
        "--clients",
        "2",
        "--loss",
        "0.25",
        "--corrupt",
        "0.25",
        "--delay",
        "5-20",
        "--seed",
        "11",
        "--explain",
    ]);
    let clean = classic_client(&server, "sem-erros", &["Olá", "mundo"]);
    assert_eq!(
        clean[0],
        "HANDSHAKE Handshake OK - modo: Canal sem erros, tamanho máximo: 50"
    );
    assert_eq!(confirmations(&clean), ["Olá", "mundo"]);
    let messages = ["um", "dois", "três", "quatro"];
    let lossy = classic_client(&server, "com-erros", &messages);
    assert_eq!(confirmations(&lossy), messages, "{lossy:?}");
    assert!(
        lossy.iter().any(|l| l.starts_with("TIMEOUT"))
            && lossy.iter().any(|l| l.starts_with("CORROMPIDO")),
        "seed 11 makes both faults happen: {lossy:?}"
    );
    assert_eq!(lossy.last().map(String::as_str), Some("SAIR"));
    let out = server.finish();
    assert!(
        out.contains("(Canal sem erros): 2 messages, 0 retries"),
        "{out}"
    );
    assert!(out.contains("(Canal com erros): 4 messages"), "{out}");
    assert!(
        out.contains("✗ no answer this time (simulated loss)"),
        "{out}"
    );
    assert!(out.contains("↻ \"um\" (message 1, try 2)"), "{out}");
    assert!(out.contains("The server recognises the retry"), "{out}");
    assert!(out.contains("TCP itself lost and damaged nothing"), "{out}");
    assert!(out.contains("apply only to Canal com erros"), "{out}");
}

/// A scripted classic server on a free port: `script` says what it does
/// to each answer in the mode with errors.
fn classic_server(script_words: &str, delay: &str) -> (Child, String) {
    let mut child = Command::new("python3")
        .arg(script("rdt_classic_server.py"))
        .args([script_words, delay])
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let port = line.trim().trim_start_matches("PORT ").to_string();
    std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut reader, &mut rest);
        print!("{rest}");
    });
    (child, format!("127.0.0.1:{port}"))
}

fn synack_classic(addr: &str, kind: &str, extra: &[&str], messages: &[&str]) -> Output {
    synack()
        .args(["rdt", "client", "--connect", addr, "--classic", kind])
        .args(["--timeout", "300"])
        .args(extra)
        .args(messages)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn synacks_classic_client_retries_and_sets_late_answers_aside() {
    if !tools::require("python3") {
        return;
    }
    let (mut server, addr) = classic_server("", "0");
    let out = synack_classic(&addr, "sem-erros", &[], &["Olá", "mundo"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("✓ message 2 confirmed (try 1)"), "{stdout}");
    assert!(stdout.contains("2 of 2 messages confirmed"), "{stdout}");
    assert!(server.wait().unwrap().success());

    let (mut server, addr) = classic_server("lose,corrupt,ok,late,ok", "0.5");
    let out = synack_classic(&addr, "com-erros", &["--explain"], &["um", "dois", "três"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    for expected in [
        "⏱ no answer within 300 ms (try 1)",
        "↻ \"um\" (message 1, try 2)",
        "→ \"ERRO_CORROMPIDO\"",
        "✓ message 1 confirmed (try 3)",
        "✓ message 2 confirmed (try 2)",
        "← a late answer, set aside: \"Servidor recebeu com sucesso: dois\"",
        "✓ message 3 confirmed (try 1)",
        "3 of 3 messages confirmed · 3 retries · 2 timeouts · 1 ERRO_CORROMPIDO",
        "TCP itself lost and damaged nothing",
    ] {
        assert!(stdout.contains(expected), "{expected}\n{stdout}");
    }
    assert!(server.wait().unwrap().success());
}

#[test]
fn a_classic_message_never_confirmed_fails_the_client_clearly() {
    if !tools::require("python3") {
        return;
    }
    let (mut server, addr) = classic_server("lose,lose,lose", "0");
    let out = synack_classic(&addr, "com-erros", &["--lang", "pt"], &["um", "dois"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("desistiu"), "{stdout}");
    assert!(stdout.contains("1 de 2 mensagens confirmadas"), "{stdout}");
    assert!(
        stderr.contains("1 mensagem ficou sem confirmação"),
        "{stderr}"
    );
    assert!(server.wait().unwrap().success());
}

#[test]
fn a_classic_server_that_vanishes_is_reported() {
    if !tools::require("python3") {
        return;
    }
    let (mut server, addr) = classic_server("ok,vanish", "0");
    let out = synack_classic(&addr, "com-erros", &[], &["um", "dois", "três"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("closed the connection"), "{stderr}");
    assert!(server.wait().unwrap().success());
}

#[test]
fn synack_speaks_classic_to_itself_as_json() {
    let server = start_server(&["--clients", "1", "--drop", "2", "--flip", "3"]);
    let addr = format!("127.0.0.1:{}", server.port());
    let out = synack_classic(&addr, "com-erros", &["--json", "--bits"], &["a", "b"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let steps: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let kinds: Vec<&str> = steps.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "request",
            "reply",
            "message",
            "answer",
            "confirmed",
            "message",
            "timeout",
            "message",
            "answer",
            "message",
            "answer",
            "confirmed",
            "quit",
            "done"
        ]
    );
    assert_eq!(steps[7]["attempt"], 2);
    assert_eq!(steps[9]["again"], "corrupted");
    let server_out = server.finish();
    assert!(
        server_out.contains("2 messages, 2 retries, 1 answer withheld, 1 ERRO_CORROMPIDO"),
        "{server_out}"
    );
}

#[test]
fn half_a_classic_handshake_is_named() {
    let server = start_server(&["--clients", "1"]);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.write_all(b"MODO:Canal sem").unwrap();
    drop(stream);
    let out = server.finish();
    assert!(
        out.contains(
            "the client sent half a handshake line (`MODO:Canal sem`) and closed the connection"
        ),
        "{out}"
    );
}

/// `--capture`: the real frames of a classic session, written as it runs
/// and explained after it: the handshake line and each confirmation are
/// data inside TCP segments. Needs root (CI has it).
#[test]
fn a_classic_session_is_captured_and_explained() {
    if !tools::require("python3") || !tools::is_root("live capture") {
        return;
    }
    let (mut server, addr) = classic_server("", "0");
    let file = std::env::temp_dir().join(format!("synack-classic-{}.pcapng", std::process::id()));
    let file_arg = file.to_str().unwrap();
    let out = synack_classic(&addr, "sem-erros", &["--capture", file_arg], &["Olá"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(server.wait().unwrap().success());
    let explained = synack()
        .args(["explain", file_arg, "--explain"])
        .output()
        .expect("synack runs");
    // The narration wraps lines: look with the breaks undone.
    let text = support::unwrapped(&String::from_utf8_lossy(&explained.stdout));
    assert!(explained.status.success(), "{text}");
    // (Not the FINs: a closing peer may send its own after the capture's
    // grace period on a busy machine.)
    for s in [
        "SYN",
        "len=31",
        "\"MODO:Canal sem erros;TAMANHO:50\"",
        "34 bytes \"Servidor recebeu com sucesso:",
    ] {
        assert!(text.contains(s), "no {s:?} in\n{text}");
    }
    let _ = std::fs::remove_file(&file);
}
