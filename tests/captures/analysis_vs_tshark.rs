//! Frame by frame, synack's TCP analysis notes equal tshark's
//! `tcp.analysis.*` flags: on the lessons' own captures and on real Linux
//! traffic between two network namespaces joined by a veth pair (TSO, GSO
//! and GRO off), captured with tcpdump at the receiver:
//! - `lossy-both-copies`: 3 % random loss by an nftables rule on the
//!   receiver's input hook, after the capture point, so both copies are seen;
//! - `lossy-receiver-view`: 3 % loss on the sender's egress hook, before the
//!   capture point, so a lost copy never reaches the file;
//! - `zero-window-keep-alive-reused-port`: a receiver with a 4 KB buffer that
//!   stops reading for 3 s (zero window, window full), then a second
//!   connection from the same client port (reused ports) kept idle with
//!   SO_KEEPALIVE and a 1 s TCP_KEEPIDLE (keep-alives and their ACKs).
//!
//! The documented disagreements, each compared as Wireshark's verdict here
//! and counted, each with its own test: where timestamps prove that a
//! segment Wireshark calls out-of-order was sent after newer data, synack
//! calls it a retransmission (`"wireshark": "out-of-order"` in its JSON,
//! `timestamp_override.rs`); where one byte below the next sequence number
//! has not been acknowledged by the peer, it is that byte sent again, not
//! Wireshark's keep-alive (`"wireshark": "keep-alive"`, the analysis's unit
//! tests).

use synack_test_support as support;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;
use support::{stdout, synack, tools};

/// Wireshark's flag fields, without the `tcp.analysis.` prefix.
const FLAGS: [&str; 15] = [
    "retransmission",
    "fast_retransmission",
    "spurious_retransmission",
    "out_of_order",
    "lost_segment",
    "ack_lost_segment",
    "duplicate_ack",
    "zero_window",
    "zero_window_probe",
    "zero_window_probe_ack",
    "window_update",
    "window_full",
    "keep_alive",
    "keep_alive_ack",
    "reused_ports",
];

/// The tshark flags a synack note stands for (Wireshark marks a fast or
/// spurious retransmission as a retransmission too).
fn flags_of(note: &str) -> &'static [&'static str] {
    match note {
        "retransmission" => &["retransmission"],
        "fast-retransmission" => &["fast_retransmission", "retransmission"],
        "spurious-retransmission" => &["spurious_retransmission", "retransmission"],
        "out-of-order" => &["out_of_order"],
        "not-captured" => &["lost_segment"],
        "acked-unseen" => &["ack_lost_segment"],
        "duplicate-ack" => &["duplicate_ack"],
        "zero-window" => &["zero_window"],
        "zero-window-probe" => &["zero_window_probe"],
        "zero-window-probe-ack" => &["zero_window_probe_ack"],
        "window-update" => &["window_update"],
        "window-full" => &["window_full"],
        "keep-alive" => &["keep_alive"],
        "keep-alive-ack" => &["keep_alive_ack"],
        "reused-ports" => &["reused_ports"],
        _ => &[],
    }
}

type PerFrame = BTreeMap<u64, BTreeSet<&'static str>>;

/// synack's verdict per frame, and how many times it overrode Wireshark's.
fn synack_flags(file: &str) -> (PerFrame, usize) {
    let json = stdout(&synack(&["explain", file, "--json"], b""));
    let mut per = PerFrame::new();
    let mut overrides = 0;
    for line in json.lines() {
        let v: Value = serde_json::from_str(line).expect("JSON lines");
        let (Some(note), Some(frame)) = (v["note"].as_str(), v["frame"].as_u64()) else {
            continue;
        };
        let flags: &[&'static str] = if v["wireshark"] == "out-of-order" {
            overrides += 1;
            &["out_of_order"]
        } else if v["wireshark"] == "keep-alive" {
            overrides += 1;
            &["keep_alive"]
        } else {
            flags_of(note)
        };
        if !flags.is_empty() {
            per.entry(frame).or_default().extend(flags);
        }
    }
    (per, overrides)
}

/// tshark's flags per frame, and the duplicate-ACK numbers it gives.
fn tshark_flags(file: &str) -> (PerFrame, BTreeMap<u64, u64>) {
    // One run: the flagged frames' dissection as PDML, read line by line.
    let mut per = PerFrame::new();
    let out = Command::new("tshark")
        .args(["-r", file, "-Y", "tcp.analysis.flags", "-T", "pdml"])
        .output()
        .expect("tshark runs");
    assert!(out.status.success(), "tshark failed on {file}");
    let mut frame = 0u64;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if line.contains("name=\"frame.number\"") {
            frame = attribute(line, "show").parse().unwrap_or(0);
        } else if let Some(flag) = FLAGS
            .iter()
            .find(|f| line.contains(&format!("name=\"tcp.analysis.{f}\"")))
        {
            per.entry(frame).or_default().insert(flag);
        }
    }
    let out = Command::new("tshark")
        .args([
            "-r",
            file,
            "-Y",
            "tcp.analysis.duplicate_ack",
            "-T",
            "fields",
            "-e",
            "frame.number",
            "-e",
            "tcp.analysis.duplicate_ack_num",
        ])
        .output()
        .expect("tshark runs");
    let mut dup = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut it = line.split_whitespace();
        if let (Some(f), Some(n)) = (it.next(), it.next()) {
            dup.insert(f.parse().unwrap(), n.parse().unwrap());
        }
    }
    (per, dup)
}

/// The value of `name="…"` in a PDML line.
fn attribute<'a>(line: &'a str, name: &str) -> &'a str {
    let key = format!("{name}=\"");
    line.split_once(&key)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("", |(value, _)| value)
}

/// synack's duplicate-ACK numbers per frame.
fn synack_dup_numbers(file: &str) -> BTreeMap<u64, u64> {
    let json = stdout(&synack(&["explain", file, "--json"], b""));
    json.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["note"] == "duplicate-ack")
        .map(|v| (v["frame"].as_u64().unwrap(), v["count"].as_u64().unwrap()))
        .collect()
}

/// Compares one capture; returns tshark's count of each flag, so a test can
/// check the capture shows what it is for.
pub(crate) fn agree(file: &str) -> BTreeMap<&'static str, usize> {
    let (ours, _) = synack_flags(file);
    let (theirs, dup) = tshark_flags(file);
    let frames: BTreeSet<u64> = ours.keys().chain(theirs.keys()).copied().collect();
    let none = BTreeSet::new();
    let differ: Vec<String> = frames
        .iter()
        .filter(|f| ours.get(f).unwrap_or(&none) != theirs.get(f).unwrap_or(&none))
        .take(30)
        .map(|f| {
            format!(
                "frame {f}: synack {:?} tshark {:?}",
                ours.get(f).unwrap_or(&none),
                theirs.get(f).unwrap_or(&none)
            )
        })
        .collect();
    assert!(differ.is_empty(), "{file}:\n{}", differ.join("\n"));
    assert_eq!(
        synack_dup_numbers(file),
        dup,
        "{file}: duplicate ACK numbers"
    );
    let mut counts = BTreeMap::new();
    for flags in theirs.values() {
        for f in flags {
            *counts.entry(*f).or_default() += 1;
        }
    }
    counts
}

pub(crate) fn real(name: &str) -> String {
    format!(
        "{}/tests/captures/real/{name}.pcap",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn the_lessons_own_captures_are_analysed_as_tshark_does() {
    if !tools::require("tshark") {
        return;
    }
    let dir = format!("{}/captures", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pcap") {
            agree(path.to_str().unwrap());
        }
    }
}

#[test]
fn real_loss_after_the_capture_point_is_analysed_as_tshark_does() {
    if !tools::require("tshark") {
        return;
    }
    let counts = agree(&real("lossy-both-copies"));
    for flag in ["retransmission", "fast_retransmission", "duplicate_ack"] {
        assert!(counts.get(flag).is_some_and(|&n| n > 0), "{counts:?}");
    }
}

#[test]
fn real_loss_before_the_capture_point_is_analysed_as_tshark_does() {
    if !tools::require("tshark") {
        return;
    }
    let counts = agree(&real("lossy-receiver-view"));
    for flag in ["lost_segment", "out_of_order"] {
        assert!(counts.get(flag).is_some_and(|&n| n > 0), "{counts:?}");
    }
}

#[test]
fn real_zero_window_keep_alives_and_reused_ports_are_analysed_as_tshark_does() {
    if !tools::require("tshark") {
        return;
    }
    let counts = agree(&real("zero-window-keep-alive-reused-port"));
    for flag in [
        "zero_window",
        "window_full",
        "keep_alive",
        "keep_alive_ack",
        "reused_ports",
    ] {
        assert!(counts.get(flag).is_some_and(|&n| n > 0), "{counts:?}");
    }
}
