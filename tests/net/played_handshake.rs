//! A class program that "plays" TCP's handshake as text (`SYN:1234`,
//! `SYN-ACK:…:ACK:…`, `ACK:…`, `FIN:…`) over a connection that is already
//! open: the pair runs on loopback, tcpdump captures it, and `explain` must
//! say, in both languages, that these words are application data and where
//! TCP's real SYN, SYN,ACK and ACK were. Needs root, tcpdump and python3.

use synack_test_support as support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;
use support::{stderr, stdout, synack, tools, unwrapped};

use crate::explain_live::Tcpdump;

fn script() -> String {
    format!(
        "{}/tests/python/played_handshake.py",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs the server and the client once, captured; returns the capture.
fn capture_the_pair() -> Option<std::path::PathBuf> {
    if !tools::require("python3") {
        return None;
    }
    let mut server = Command::new("python3")
        .args([script().as_str(), "server", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("listening ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the server said {line:?}"));
    let Some(dump) = Tcpdump::start(port, "played-handshake") else {
        let _ = server.kill();
        let _ = server.wait();
        return None;
    };
    let client = Command::new("python3")
        .args([script().as_str(), "client", "127.0.0.1", &port.to_string()])
        .output()
        .expect("python3 starts");
    assert!(client.status.success(), "{}", stderr(&client));
    assert_eq!(stdout(&client).trim(), "ACK:1241", "the played teardown");
    assert!(server.wait().unwrap().success());
    Some(dump.stop())
}

#[test]
fn a_handshake_played_in_the_data_is_told_apart_from_tcps_own() {
    let Some(file) = capture_the_pair() else {
        return;
    };
    let file = file.to_str().unwrap();

    let json = stdout(&synack(&["explain", file, "--json"], b""));
    let words: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["note"] == "control-words")
        .collect();
    let texts: Vec<&str> = words.iter().filter_map(|v| v["text"].as_str()).collect();
    assert_eq!(
        texts,
        [
            "SYN:1234",
            "SYN-ACK:5000:ACK:1235",
            "ACK:5001",
            "FIN:1240",
            "ACK:1241"
        ],
        "{json}"
    );
    for w in &words {
        assert_eq!(w["handshake"], serde_json::json!([1, 2, 3]), "{w}");
    }
    // The greeting and the message are not control words.
    assert!(!json.contains("\"text\":\"Hello\""));

    let says = [
        (
            "en",
            [
                "The data reads \"SYN:1234\": words like TCP's own SYN, ACK and FIN",
                "inside a PSH,ACK segment whose real TCP sequence number is 1",
                "TCP's real handshake was the flag bits of frames 1, 2 and 3",
                "More of the program's own words, \"FIN:1240\"",
            ],
        ),
        (
            "pt",
            [
                "Os dados dizem \"SYN:1234\": palavras como o SYN, o ACK e o FIN do próprio TCP",
                "dentro de um segmento PSH,ACK cujo número de sequência TCP real é 1",
                "estava nos bits de flag dos quadros 1, 2 e 3",
                "Mais palavras do próprio programa, \"FIN:1240\"",
            ],
        ),
    ];
    for (lang, sentences) in says {
        let out = synack(&["--lang", lang, "explain", file, "--explain"], b"");
        assert!(out.status.success(), "{}", stderr(&out));
        // The narration wraps lines: compare with the breaks undone.
        let text = unwrapped(&stdout(&out));
        for s in sentences {
            assert!(text.contains(s), "{lang}: no {s:?} in\n{text}");
        }
    }
    let _ = std::fs::remove_file(file);
}
