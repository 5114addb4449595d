//! `--svg`, `--graph` and `--html` as files: written where asked, for every
//! source, the same bytes every run, and clear errors that leave nothing
//! half-written behind.

use synack_test_support as support;

use std::path::{Path, PathBuf};

use support::{stderr, stdout, synack};

/// A fresh folder for one test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("synack-pictures-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(dir: &Path, file: &str) -> String {
    dir.join(file).to_str().unwrap().to_string()
}

fn real(file: &str) -> String {
    format!("{}/tests/captures/real/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs synack with `args` plus all three pictures into `dir`; returns the files' bytes.
fn draw(dir: &Path, args: &[&str]) -> [Vec<u8>; 3] {
    let (svg, graph, html) = (
        path(dir, "a.svg"),
        path(dir, "a-graph.svg"),
        path(dir, "a.html"),
    );
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--quiet", "--svg", &svg, "--graph", &graph, "--html", &html]);
    let out = synack(&all, b"");
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    [svg, graph, html].map(|p| std::fs::read(p).unwrap())
}

#[test]
fn every_source_draws_all_three_the_same_every_run() {
    let dir = folder("sources");
    let explain = real("played-handshake.pcap");
    for args in [
        &["handshake"][..],
        &["teardown"],
        &["lesson", "run", "lost-syn"],
        &[
            "lesson",
            "run",
            "bulk-transfer",
            "--param",
            "segments=30",
            "--lang",
            "pt",
        ],
        &["rdt", "sim", "--mode", "gbn", "--drop", "data:1"],
        &["rdt", "lesson", "run", "rdt-selective-repeat"],
        &["explain", &explain, "--conversation", "0"],
    ] {
        let first = draw(&dir, args);
        let again = draw(&dir, args);
        assert_eq!(first, again, "{args:?} draws the same bytes every run");
        for (bytes, what) in first.iter().zip(["svg", "graph", "html"]) {
            let text = String::from_utf8(bytes.clone()).unwrap();
            let opening = if what == "html" {
                "<!doctype html>"
            } else {
                "<svg"
            };
            assert!(
                text.to_ascii_lowercase().contains(opening),
                "{args:?} {what}: {}",
                &text[..text.len().min(200)]
            );
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_picture_in_a_missing_folder_is_refused_before_the_run() {
    let dir = folder("missing");
    let svg = path(&dir, "no/such/folder/a.svg");
    let pcap = path(&dir, "a.pcap");
    let out = synack(&["handshake", "--pcap", &pcap, "--svg", &svg], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot create"), "{}", stderr(&out));
    assert!(stderr(&out).contains("a.svg"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "nothing ran: {}", stdout(&out));
    assert!(
        !Path::new(&pcap).exists(),
        "the capture file is removed too"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_run_too_long_to_draw_says_so_and_leaves_no_file() {
    let dir = folder("long");
    let svg = path(&dir, "a.svg");
    let out = synack(
        &[
            "lesson",
            "run",
            "bulk-transfer",
            "--param",
            "segments=40000",
            "--quiet",
            "--svg",
            &svg,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("at most 50000 steps"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&svg).exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn explain_draws_one_conversation_and_says_how_to_choose() {
    let dir = folder("explain");
    let svg = path(&dir, "a.svg");
    // Two conversations on the same ports, one after the other.
    let capture = real("zero-window-keep-alive-reused-port.pcap");
    let out = synack(&["explain", &capture, "--svg", &svg], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("2 were chosen"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--conversation N"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&svg).exists());
    let out = synack(
        &[
            "explain",
            &capture,
            "--conversation",
            "1",
            "--quiet",
            "--svg",
            &svg,
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    let other = path(&dir, "b.svg");
    let out = synack(
        &[
            "--lang",
            "pt",
            "explain",
            &capture,
            "--conversation",
            "7",
            "--svg",
            &other,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("não existe a conversa 7"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&other).exists());
    std::fs::remove_dir_all(dir).unwrap();
}
