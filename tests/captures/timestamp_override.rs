//! The one place synack and Wireshark disagree on purpose: a segment that
//! fills a hole within the initial RTT of newer data is "out of order" to
//! Wireshark, but when its TCP timestamp is later than the newer data's and
//! duplicate ACKs had asked for exactly it, the sender repeated it (RACK
//! recovery, RFC 8985, waits a fraction of the RTT before it resends).
//!
//! The capture is made here, frame by frame, as a receiver-side tcpdump
//! would hold it: the first data segment was lost before the capture point.
//! tshark (required in CI) confirms what Wireshark says of it.

use synack_test_support as support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use support::{stderr, stdout, synack, tools, unwrapped};
use synack::capture::{CaptureFormat, CaptureWriter, EPOCH};
use synack::tcp::{Flags, SackBlock, Segment, SeqNumber, Timestamps};
use synack::wire::FrameEncoder;

const CLIENT: &str = "192.0.2.2:40000";
const SERVER: &str = "192.0.2.1:8080";
const C_ISN: u32 = 1000;
const S_ISN: u32 = 5000;

struct Frame {
    ms: f64,
    from_client: bool,
    seq: u32,
    ack: u32,
    flags: Flags,
    len: usize,
    tsval: u32,
    tsecr: u32,
    sack: Option<(u32, u32)>,
}

#[allow(clippy::too_many_arguments)]
fn f(
    ms: f64,
    from_client: bool,
    seq: u32,
    ack: u32,
    flags: Flags,
    len: usize,
    tsval: u32,
    tsecr: u32,
) -> Frame {
    Frame {
        ms,
        from_client,
        seq,
        ack,
        flags,
        len,
        tsval,
        tsecr,
        sack: None,
    }
}

/// The receiver's view (windows of 10,000 bytes): the handshake (40 ms
/// initial RTT), the first 1000 bytes lost before the capture, the next two
/// segments, two ACKs asking for byte 1 with SACK blocks, and the lost bytes
/// again 24 ms later with `resent_tsval`.
fn frames(resent_tsval: u32) -> Vec<Frame> {
    let (c, s) = (true, false);
    let ack = Flags::ACK;
    let psh = Flags::ACK | Flags::PSH;
    let mut dup1 = f(100.1, s, S_ISN + 1, C_ISN + 1, ack, 0, 11, 100);
    dup1.sack = Some((C_ISN + 1001, C_ISN + 2001));
    let mut dup2 = f(101.1, s, S_ISN + 1, C_ISN + 1, ack, 0, 12, 101);
    dup2.sack = Some((C_ISN + 1001, C_ISN + 3001));
    vec![
        f(0.0, c, C_ISN, 0, Flags::SYN, 0, 1, 0),
        f(0.05, s, S_ISN, C_ISN + 1, Flags::SYN | ack, 0, 10, 1),
        f(40.0, c, C_ISN + 1, S_ISN + 1, ack, 0, 40, 10),
        f(100.0, c, C_ISN + 1001, S_ISN + 1, psh, 1000, 100, 10),
        dup1,
        f(101.0, c, C_ISN + 2001, S_ISN + 1, psh, 1000, 101, 10),
        dup2,
        f(125.0, c, C_ISN + 1, S_ISN + 1, psh, 1000, resent_tsval, 12),
    ]
}

fn write(name: &str, frames: &[Frame]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("synack-ts-{name}-{}.pcap", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    let mut w = CaptureWriter::new(file, CaptureFormat::Pcap, "synack tests").unwrap();
    let mut enc = FrameEncoder::new();
    for (i, fr) in frames.iter().enumerate() {
        let (src, dst) = if fr.from_client {
            (CLIENT, SERVER)
        } else {
            (SERVER, CLIENT)
        };
        let mut seg = Segment::new(
            src.parse().unwrap(),
            dst.parse().unwrap(),
            SeqNumber(fr.seq),
            fr.flags,
        );
        seg.ack = SeqNumber(fr.ack);
        seg.window = 10_000;
        if fr.flags.syn() {
            seg.options.mss = Some(1460);
            seg.options.sack_permitted = true;
        }
        seg.options.timestamps = Some(Timestamps {
            value: fr.tsval,
            echo_reply: fr.tsecr,
        });
        if let Some((left, right)) = fr.sack {
            seg.options.sack.push(SackBlock {
                left: SeqNumber(left),
                right: SeqNumber(right),
            });
        }
        seg.payload = vec![b'x'; fr.len].into();
        let at = EPOCH + Duration::from_micros((fr.ms * 1000.0).round() as u64);
        w.write(at, enc.tcp(&seg, i as u16).unwrap(), None).unwrap();
    }
    w.finish().unwrap();
    path
}

/// The JSON notes synack gives frame `frame`.
fn notes_of(file: &str, frame: u64) -> Vec<Value> {
    let out = synack(&["explain", file, "--json"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["frame"] == frame && v["note"].is_string())
        .collect()
}

/// tshark's `tcp.analysis` flags on frame `frame`, or `None` without tshark.
fn tshark_flags(file: &str, frame: u64) -> Option<String> {
    if !tools::require("tshark") {
        return None;
    }
    let out = Command::new("tshark")
        .args(["-r", file, "-Y", &format!("frame.number == {frame}")])
        .args(["-T", "fields", "-e", "_ws.expert.message"])
        .output()
        .expect("tshark runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_later_timestamp_and_duplicate_acks_make_wiresharks_out_of_order_a_retransmission() {
    let file = write("later", &frames(125));
    let file = file.to_str().unwrap();

    let notes = notes_of(file, 8);
    let resent = notes
        .iter()
        .find(|v| v["note"] == "retransmission")
        .unwrap_or_else(|| panic!("no retransmission on frame 8: {notes:?}"));
    assert_eq!(resent["wireshark"], "out-of-order");
    assert_eq!(
        resent["evidence"]["asked-for"],
        serde_json::json!({"dupacks": 2, "tsval": 125, "newer_tsval": 101})
    );
    assert!(!notes.iter().any(|v| v["note"] == "out-of-order"));

    if let Some(theirs) = tshark_flags(file, 8) {
        assert!(theirs.contains("out-of-order"), "tshark: {theirs}");
        assert!(!theirs.contains("retransmission"), "tshark: {theirs}");
    }

    for (lang, says) in [
        (
            "en",
            "its TSval 125 is later than the newer data's TSval 101",
        ),
        ("pt", "o TSval dele, 125, é posterior ao TSval 101"),
    ] {
        let out = synack(&["--lang", lang, "explain", file, "--explain"], b"");
        let text = unwrapped(&stdout(&out));
        assert!(text.contains(says), "{lang}: {text}");
    }
    let _ = std::fs::remove_file(file);
}

#[test]
fn without_a_later_timestamp_synack_agrees_it_is_out_of_order() {
    // The same segment with the timestamp of the data before it: it may
    // have been reordered by the network, and nothing settles it otherwise.
    let file = write("same", &frames(100));
    let file = file.to_str().unwrap();
    let notes = notes_of(file, 8);
    assert!(
        notes.iter().any(|v| v["note"] == "out-of-order"),
        "{notes:?}"
    );
    assert!(!notes.iter().any(|v| v["note"] == "retransmission"));
    if let Some(theirs) = tshark_flags(file, 8) {
        assert!(theirs.contains("out-of-order"), "tshark: {theirs}");
    }
    let _ = std::fs::remove_file(file);
}
