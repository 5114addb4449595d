//! The committed rdt captures: up to date with the code, byte-identical run to
//! run, and read by tshark as UDP frames with good checksums, one per packet
//! (handshake lines and Noise messages included), each narrated in pcapng.

use synack_test_support as support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{frames, stderr, stdout, synack, tools};
use synack::app::rdt::lesson_capture;
use synack::capture::CaptureFormat;
use synack::narrate::Lang;
use synack::rdt::lesson::{RDT_BUILTIN, RdtLesson};
use synack::rdt::trace::{RdtKind, RdtStep};

fn captures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("captures")
}

#[test]
fn committed_rdt_captures_match_the_code() {
    let out = synack(
        &[
            "rdt",
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
fn rdt_captures_check_fails_on_a_stale_file() {
    let dir = std::env::temp_dir().join(format!("synack-rdt-captures-{}", std::process::id()));
    let out = synack(&["rdt", "captures", "--dir", dir.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.join("rdt-secure.pcap"), b"stale").unwrap();
    let out = synack(
        &["rdt", "captures", "--check", "--dir", dir.to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("rdt-secure.pcap differs"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("synack rdt captures"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn writing_twice_gives_identical_bytes() {
    for format in [CaptureFormat::Pcap, CaptureFormat::PcapNg] {
        assert_eq!(
            lesson_capture("rdt-secure", format).unwrap(),
            lesson_capture("rdt-secure", format).unwrap()
        );
    }
}

/// What the lesson put on the wire: (UDP payload, was it lost?).
fn wire(name: &str) -> Vec<(Vec<u8>, bool)> {
    let mut steps: Vec<RdtStep> = Vec::new();
    let _ = RdtLesson::load(name)
        .unwrap()
        .run(Lang::En, &mut steps)
        .unwrap();
    let mut out: Vec<(Vec<u8>, bool)> = Vec::new();
    for s in &steps {
        match &s.kind {
            RdtKind::Request { line } | RdtKind::Reply { line, .. } => {
                out.push((format!("{line}\n").into_bytes(), false))
            }
            RdtKind::Noise { bytes, .. } => out.push((bytes.to_vec(), false)),
            RdtKind::Send { wire, .. } => out.push((wire.to_vec(), false)),
            RdtKind::Fault(synack::rdt::fault::Verdict::Lost { .. }) => {
                if let Some(last) = out.last_mut() {
                    last.1 = true;
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_frame_carries_what_the_sender_sent() {
    for (name, _) in RDT_BUILTIN {
        let expected = wire(name);
        for ext in ["pcap", "pcapng"] {
            let file = captures_dir().join(format!("{name}.{ext}"));
            let got = frames(&file);
            assert_eq!(got.len(), expected.len(), "{}", file.display());
            for (i, ((frame, comment), (payload, lost))) in got.iter().zip(&expected).enumerate() {
                // Ethernet (14) + IPv4 (20) + UDP (8), then the payload.
                assert_eq!(
                    &frame[42..],
                    &payload[..],
                    "{} frame {}",
                    file.display(),
                    i + 1
                );
                if ext == "pcapng" {
                    let c = comment.as_deref().unwrap_or("");
                    assert!(
                        c.len() > 20,
                        "{} frame {}: no narration",
                        file.display(),
                        i + 1
                    );
                    assert_eq!(
                        c.contains("LOST"),
                        *lost,
                        "{} frame {}: {c}",
                        file.display(),
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn tshark_reads_every_rdt_capture_as_clean_udp() {
    if !tools::require("tshark") {
        return;
    }
    for (name, _) in RDT_BUILTIN {
        for ext in ["pcap", "pcapng"] {
            let file = captures_dir().join(format!("{name}.{ext}"));
            let out = Command::new("tshark")
                .arg("-r")
                .arg(&file)
                .args([
                    "-o",
                    "udp.check_checksum:TRUE",
                    "-o",
                    "ip.check_checksum:TRUE",
                    "-T",
                    "fields",
                    "-e",
                    "udp.checksum.status",
                    "-e",
                    "ip.checksum.status",
                    "-e",
                    "_ws.malformed",
                ])
                .output()
                .expect("tshark runs");
            assert!(out.status.success(), "{}", stderr(&out));
            let rows = stdout(&out);
            assert!(!rows.is_empty());
            for (i, row) in rows.lines().enumerate() {
                // Status 1 is "Good".
                assert_eq!(row, "1\t1\t", "{} packet {}", file.display(), i + 1);
            }
        }
    }
}

#[test]
fn sim_writes_both_files_and_a_bad_path_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("synack-rdt-sim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (pcap, pcapng) = (dir.join("s.pcap"), dir.join("s.pcapng"));
    let args = |extra: &[&str]| {
        let mut a = vec!["rdt", "sim", "--mode", "sr", "--loss", "0.2", "--quiet"];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        synack(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"")
    };
    let out = run(&[
        "--pcap",
        pcap.to_str().unwrap(),
        "--pcapng",
        pcapng.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let first = std::fs::read(&pcapng).unwrap();
    assert!(frames(&pcap).len() > 5);
    let out = run(&["--pcapng", pcapng.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(&pcapng).unwrap(),
        first,
        "byte-identical run to run"
    );
    let out = run(&["--pcap", "/nonexistent-dir/x.pcap"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot create /nonexistent-dir/x.pcap"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(dir).unwrap();
}
