//! The classic Fernet programs: a Python client and server written after
//! their behaviour (Python's `cryptography`), against synack's
//! `rdt server|client --classic-fernet`, on loopback. The exchange must
//! decrypt both ways and end with `sair`; a capture of it, made with tcpdump
//! where the tests may capture, must be explained with the key and every
//! message decrypted, in both languages.

use synack_test_support as support;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use serde_json::Value;
use support::{stderr, stdout, synack, synack_bin, tools};

use crate::explain_live::Tcpdump;

fn script() -> String {
    format!("{}/tests/python/fernet_pair.py", env!("CARGO_MANIFEST_DIR"))
}

/// Whether python3 with `cryptography` is here: required in CI (Debian's
/// python3-cryptography), a skip with its reason elsewhere.
fn python_fernet() -> bool {
    if !tools::require("python3") {
        return false;
    }
    let found = Command::new("python3")
        .args(["-c", "import cryptography.fernet"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3's cryptography module is required in CI (python3-cryptography)"
        );
        tools::say_skip("python3 has no cryptography module (CI installs python3-cryptography)");
    }
    found
}

#[test]
fn a_python_client_talks_to_the_synack_server_and_its_capture_is_read_back() {
    if !python_fernet() {
        return;
    }
    let mut server = Command::new(synack_bin())
        .args(["rdt", "server", "--classic-fernet", "--bind", "127.0.0.1:0"])
        .args(["--clients", "1", "--idle", "20"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("synack starts");
    let mut out = BufReader::new(server.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the server said {first:?}"));
    // Captured where the tests may capture (root and tcpdump); the exchange
    // itself is checked everywhere.
    let dump = if tools::running_as_root() || std::env::var_os("CI").is_some() {
        Tcpdump::start(port, "classic-fernet")
    } else {
        tools::say_skip("not root, so the Fernet session is not captured");
        None
    };
    let client = Command::new("python3")
        .args([script().as_str(), "client", "127.0.0.1", &port.to_string()])
        .args(["Hello", "Olá, mundo"])
        .output()
        .expect("python3 starts");
    assert!(client.status.success(), "{}", stderr(&client));
    assert_eq!(
        stdout(&client).lines().collect::<Vec<_>>(),
        ["Recebido: Hello", "Recebido: Olá, mundo"],
        "the Python client decrypts synack's answers"
    );
    let status = server.wait().unwrap();
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "{rest}");
    for said in [
        "the first 44 bytes are a Fernet key, sent in the clear",
        "This key just crossed the network in the clear",
        "decrypted: \"Hello\"",
        "decrypted: \"Olá, mundo\"",
        "encrypted from: \"Recebido: Olá, mundo\"",
        "the client sent `sair`: the session ends",
    ] {
        assert!(rest.contains(said), "no {said:?} in\n{rest}");
    }

    let Some(dump) = dump else {
        return;
    };
    let file = dump.stop();
    let file = file.to_str().unwrap();
    let json = stdout(&synack(&["explain", file, "--json"], b""));
    let notes: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["kind"] == "note")
        .collect();
    let key = notes
        .iter()
        .find(|v| v["note"] == "fernet-key")
        .unwrap_or_else(|| panic!("no key found in\n{json}"));
    assert_eq!(key["key"].as_str().unwrap().len(), 44);
    let texts: Vec<&str> = notes
        .iter()
        .filter(|v| v["note"] == "fernet-token")
        .filter_map(|v| v["text"].as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Hello",
            "Recebido: Hello",
            "Olá, mundo",
            "Recebido: Olá, mundo",
            "sair"
        ],
        "{json}"
    );
    for (lang, sentences) in [
        (
            "en",
            [
                "are a Fernet key, sent in the clear",
                "synack rdt server --secure and synack rdt client --secure",
                "it decrypts to \"Olá, mundo\"",
            ],
        ),
        (
            "pt",
            [
                "são uma chave Fernet, enviada às claras",
                "synack rdt server --secure e synack rdt client --secure",
                "ele se decifra em \"Olá, mundo\"",
            ],
        ),
    ] {
        let out = synack(&["--lang", lang, "explain", file, "--explain"], b"");
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out)
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        for s in sentences {
            assert!(text.contains(s), "{lang}: no {s:?} in\n{text}");
        }
    }
    let _ = std::fs::remove_file(file);
}

/// The classic Python Fernet server on a free port: the process, its
/// output (one decrypted message a line) and the port.
fn python_server() -> (
    std::process::Child,
    BufReader<std::process::ChildStdout>,
    String,
) {
    let mut server = Command::new("python3")
        .args([script().as_str(), "server", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    let mut out = BufReader::new(server.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let port = line.trim().strip_prefix("listening ").unwrap().to_string();
    (server, out, port)
}

#[test]
fn the_synack_client_talks_to_a_python_server() {
    if !python_fernet() {
        return;
    }
    let (mut server, mut out, port) = python_server();
    let client = synack(
        &[
            "rdt",
            "client",
            "--classic-fernet",
            "--connect",
            &format!("127.0.0.1:{port}"),
            "--explain",
            "Hello",
            "Olá",
        ],
        b"",
    );
    assert!(client.status.success(), "{}", stderr(&client));
    let said = stdout(&client);
    for s in [
        "sends the Fernet key, in the clear",
        "decrypted: \"Recebido: Hello\"",
        "decrypted: \"Recebido: Olá\"",
        "Fernet token: version 0x80",
        "`sair` sent",
    ] {
        assert!(said.contains(s), "no {s:?} in\n{said}");
    }
    assert!(
        server.wait().unwrap().success(),
        "the Python server ends on sair"
    );
    let mut heard = String::new();
    out.read_to_string(&mut heard).unwrap();
    assert_eq!(
        heard.lines().collect::<Vec<_>>(),
        ["Hello", "Olá"],
        "the Python server decrypts synack's tokens"
    );
}

/// Half a key, a token under another key, and a server that vanishes: each
/// said in words, none a crash.
#[test]
fn bad_input_is_said_clearly() {
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};
    use synack::rdt::fernet::Key;

    let mut server = Command::new(synack_bin())
        .args(["rdt", "server", "--classic-fernet", "--bind", "127.0.0.1:0"])
        .args(["--clients", "2", "--quiet"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("synack starts");
    let mut out = BufReader::new(server.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let addr = first
        .split("on ")
        .nth(1)
        .and_then(|rest| rest.split(": ").next())
        .unwrap()
        .to_string();
    let key = Key::from_seed(5).unwrap();
    let mut half = TcpStream::connect(&addr).unwrap();
    half.write_all(&key.text().as_bytes()[..20]).unwrap();
    drop(half);
    let mut wrong = TcpStream::connect(&addr).unwrap();
    wrong.write_all(key.text().as_bytes()).unwrap();
    let other = Key::from_seed(6).unwrap().encrypt(b"hi");
    wrong.write_all(other.as_bytes()).unwrap();
    let mut ignored = Vec::new();
    let _ = wrong.read_to_end(&mut ignored);
    assert!(server.wait().unwrap().success());
    let mut said = String::new();
    out.read_to_string(&mut said).unwrap();
    assert!(
        said.contains("sent only 20 of the key's 44 bytes"),
        "{said}"
    );
    assert!(
        said.contains("does not decrypt under this session's key"),
        "{said}"
    );

    // A server that takes the key and the first token, then closes.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let vanishing = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        // The key (44 bytes) and the token of "Hello" (100), then gone.
        let mut buf = [0u8; 144];
        let _ = s.read_exact(&mut buf);
    });
    let client = synack(
        &[
            "rdt",
            "client",
            "--classic-fernet",
            "--connect",
            &format!("127.0.0.1:{port}"),
            "Hello",
        ],
        b"",
    );
    vanishing.join().unwrap();
    assert!(!client.status.success());
    assert!(
        stderr(&client).contains("closed the connection before answering"),
        "{}",
        stderr(&client)
    );
}

/// `--json`: the session as one object a line, language-independent, the
/// key marked as sent in the clear and each token with its plaintext.
#[test]
fn the_synack_client_speaks_json_to_a_python_server() {
    if !python_fernet() {
        return;
    }
    let (mut server, _out, port) = python_server();
    let client = synack(
        &[
            "--lang",
            "pt",
            "rdt",
            "client",
            "--classic-fernet",
            "--json",
            "--connect",
            &format!("127.0.0.1:{port}"),
            "Olá",
        ],
        b"",
    );
    assert!(client.status.success(), "{}", stderr(&client));
    assert!(server.wait().unwrap().success());
    let steps: Vec<Value> = stdout(&client)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let key = steps.iter().find(|v| v["kind"] == "key").expect("the key");
    assert_eq!(key["side"], "client");
    assert_eq!(key["in_the_clear"], true);
    assert_eq!(key["key"].as_str().map(str::len), Some(44));
    let tokens: Vec<(&str, &str)> = steps
        .iter()
        .filter(|v| v["kind"] == "token" && v["decrypted"] == true)
        .map(|v| {
            (
                v["direction"].as_str().unwrap(),
                v["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tokens,
        [
            ("sent", "Olá"),
            ("received", "Recebido: Olá"),
            ("sent", "sair")
        ]
    );
}
