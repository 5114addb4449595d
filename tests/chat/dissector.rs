//! The Wireshark dissector (captures/synack-chat.lua) on the committed capture
//! of a chat session, through tshark: frames are shown by name, and the file's
//! bytes it cuts out of the stream hash to the digest the FHSH frame carries.
//! Also re-records a session with the capture script (tcpdump, root).

use synack_test_support::chat as chat_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chat_support::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tshark(args: &[&str], capture: &Path) -> String {
    let out = Command::new("tshark")
        .args(args)
        .arg("-r")
        .arg(capture)
        .output()
        .expect("tshark runs");
    assert!(
        out.status.success(),
        "tshark failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn script_arg() -> String {
    format!(
        "lua_script:{}",
        root().join("captures/synack-chat.lua").display()
    )
}

fn check_capture(capture: &Path) {
    let lua = script_arg();
    let plain = tshark(&[], capture);
    let shown = tshark(&["-X", &lua], capture);
    for name in [
        "CHAT", "FILE", "FDAT", "FROK", "FMTA", "FHSH", "FERR", "LIST", "QUIT",
    ] {
        assert!(shown.contains(name), "{name} not shown by name:\n{shown}");
        assert!(
            !plain.contains(name),
            "{name} shown even without the dissector"
        );
    }
    assert!(shown.contains("SYNACK-CHAT"), "{shown}");
    assert!(shown.contains("FILE \"notas.txt\""), "{shown}");
    assert!(shown.contains("FDAT 8192 bytes"), "{shown}");

    // The FDAT payloads the dissector cuts out hash to the FHSH digest.
    let fields = tshark(
        &[
            "-X",
            &lua,
            "-T",
            "fields",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=;",
            "-e",
            "synack-chat.sha256",
            "-e",
            "synack-chat.data",
        ],
        capture,
    );
    let unhex = |s: &str| -> Vec<u8> {
        let s: String = s.chars().filter(|c| c.is_ascii_hexdigit()).collect();
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    };
    let mut digest = None;
    let mut data = Vec::new();
    for line in fields.lines() {
        let mut cols = line.split('\t');
        let hash = cols.next().unwrap_or("");
        let chunks = cols.next().unwrap_or("");
        if !hash.is_empty() {
            digest = Some(unhex(hash));
        }
        for chunk in chunks.split(';').filter(|c| !c.is_empty()) {
            data.extend(unhex(chunk));
        }
    }
    assert_eq!(data.len(), 20_000, "FDAT bytes in the capture");
    assert_eq!(digest.as_deref(), Some(&sha256(&data)[..]));
}

#[test]
fn the_dissector_names_every_frame_of_the_committed_capture() {
    if !require_tool("tshark") {
        return;
    }
    check_capture(&root().join("captures/chat-session.pcapng"));
}

#[cfg(unix)]
#[test]
fn the_capture_script_records_a_session_the_dissector_reads() {
    if !require_tool("tcpdump") || !require_tool("tshark") || !require_tool("editcap") {
        return;
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        assert!(
            std::env::var_os("CI").is_none(),
            "capturing needs root under CI"
        );
        synack_test_support::tools::say_skip("capturing needs root");
        return;
    }
    if std::net::TcpListener::bind("127.0.0.1:5555").is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "port 5555 is busy under CI"
        );
        synack_test_support::tools::say_skip("port 5555 is busy");
        return;
    }
    let out: PathBuf = temp_dir("capture").join("session.pcapng");
    let status = Command::new("bash")
        .arg(root().join("bench/chat/capture.sh"))
        .arg(&out)
        .env("SYNACK", env!("CARGO_BIN_EXE_synack"))
        .status()
        .unwrap();
    assert!(status.success());
    check_capture(&out);
}
