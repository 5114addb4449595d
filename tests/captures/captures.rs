//! The committed captures: up to date with the code, and read by tshark with no
//! malformed packet, no bad checksum, the lesson's flags packet for packet, and
//! the narration in every pcapng comment.

use synack_test_support as support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{stderr, stdout, synack, tools};
use synack::capture::CaptureFormat;
use synack::lesson::{BUILTIN, Lesson};
use synack::narrate::Lang;
use synack::trace::{StepKind, Trace};
use synack::view::pcap::CaptureSink;

fn captures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("captures")
}

#[test]
fn committed_captures_match_the_code() {
    let out = synack(
        &[
            "captures",
            "--check",
            "--dir",
            captures_dir().to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn captures_check_fails_on_a_stale_file() {
    let dir = std::env::temp_dir().join(format!("synack-captures-{}", std::process::id()));
    let out = synack(&["captures", "--dir", dir.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.join("handshake.pcap"), b"not a capture").unwrap();
    let out = synack(
        &["captures", "--check", "--dir", dir.to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("handshake.pcap differs"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("run `synack captures`"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The flags of every segment the lesson put on the wire, in order.
fn lesson_flags(name: &str) -> Vec<u8> {
    let mut trace = Trace::default();
    let _ = Lesson::load(name, &[])
        .unwrap()
        .run(Lang::En, &mut trace)
        .unwrap();
    trace
        .steps
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::Send { transmit: tx, .. } => Some(tx.segment.flags.0),
            _ => None,
        })
        .collect()
}

/// tshark's fields for every packet of `file`, tab-separated.
fn tshark_fields(file: &Path, fields: &[&str]) -> Vec<Vec<String>> {
    let mut cmd = Command::new("tshark");
    cmd.arg("-r").arg(file).args([
        "-o",
        "tcp.check_checksum:TRUE",
        "-o",
        "ip.check_checksum:TRUE",
        "-T",
        "fields",
    ]);
    for f in fields {
        cmd.args(["-e", f]);
    }
    let out = cmd.output().expect("tshark runs");
    assert!(
        out.status.success(),
        "tshark failed on {}: {}",
        file.display(),
        stderr(&out)
    );
    stdout(&out)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn tshark_reads_every_capture_cleanly_and_sees_the_lessons_flags() {
    if !tools::require("tshark") {
        return;
    }
    for (name, _) in BUILTIN {
        let expected = lesson_flags(name);
        for ext in ["pcap", "pcapng"] {
            let file = captures_dir().join(format!("{name}.{ext}"));
            let rows = tshark_fields(
                &file,
                &[
                    "tcp.flags",
                    "tcp.checksum.status",
                    "ip.checksum.status",
                    "_ws.malformed",
                    "frame.comment",
                ],
            );
            assert_eq!(
                rows.len(),
                expected.len(),
                "{}: packet count",
                file.display()
            );
            for (i, (row, flags)) in rows.iter().zip(&expected).enumerate() {
                let seen = u8::from_str_radix(row[0].trim_start_matches("0x0"), 16).unwrap_or(0xff);
                assert_eq!(seen, *flags, "{} packet {}: flags", file.display(), i + 1);
                // Checksum status 1 is "Good" (0 bad, 2 unverified).
                assert_eq!(
                    row[1],
                    "1",
                    "{} packet {}: TCP checksum",
                    file.display(),
                    i + 1
                );
                assert_eq!(
                    row[2],
                    "1",
                    "{} packet {}: IP checksum",
                    file.display(),
                    i + 1
                );
                assert!(
                    row[3].is_empty(),
                    "{} packet {} is malformed",
                    file.display(),
                    i + 1
                );
                if ext == "pcapng" {
                    assert!(
                        row.get(4).is_some_and(|c| c.len() > 20),
                        "{} packet {}: no comment",
                        file.display(),
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn lost_segments_are_in_the_capture_and_say_so() {
    if !tools::require("tshark") {
        return;
    }
    let rows = tshark_fields(
        &captures_dir().join("lost-syn.pcapng"),
        &["tcp.flags", "frame.comment"],
    );
    assert!(rows[0][1].contains("LOST"), "{:?}", rows[0]);
    assert!(!rows[1][1].contains("LOST"), "{:?}", rows[1]);
}

#[test]
fn writing_twice_gives_identical_bytes() {
    for format in [CaptureFormat::Pcap, CaptureFormat::PcapNg] {
        let write = || {
            let mut sink = CaptureSink::new(Vec::new(), format, Lang::Pt).unwrap();
            let _ = Lesson::load("lost-syn-ack", &[])
                .unwrap()
                .run(Lang::Pt, &mut sink)
                .unwrap();
            sink.finish().unwrap()
        };
        assert_eq!(write(), write());
    }
}

#[test]
fn lesson_run_writes_both_files_and_a_bad_path_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("synack-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pcap = dir.join("h.pcap");
    let pcapng = dir.join("h.pcapng");
    let out = synack(
        &[
            "handshake",
            "--quiet",
            "--pcap",
            pcap.to_str().unwrap(),
            "--pcapng",
            pcapng.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert_eq!(
        std::fs::read(&pcap).unwrap(),
        std::fs::read(captures_dir().join("handshake.pcap")).unwrap()
    );
    let out = synack(&["handshake", "--pcap", "/nonexistent-dir/x.pcap"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot create /nonexistent-dir/x.pcap"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(dir).unwrap();
}
