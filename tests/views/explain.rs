//! `synack explain`: a lesson's own capture, explained, gives the lesson's
//! states; and the explanation of every committed capture is pinned.

use synack_test_support as support;

use std::path::{Path, PathBuf};

use support::{stderr, stdout, synack, unwrapped};
use synack::app::explain::{ExplainOptions, run};
use synack::app::output::{ViewMode, ViewOptions};
use synack::lesson::{BUILTIN, Lesson};
use synack::narrate::Lang;
use synack::tcp::{Cause, State};
use synack::trace::{Host, StepKind, Trace};

fn capture(name: &str, ext: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("captures")
        .join(format!("{name}.{ext}"))
}

/// Each host's states, in order, starting from CLOSED.
fn paths(trace: &Trace) -> [Vec<State>; 2] {
    let mut paths = [vec![State::Closed], vec![State::Closed]];
    for step in &trace.steps {
        if let StepKind::State { to, cause, .. } = step.kind {
            // A capture ends before TIME-WAIT runs out, and cannot see it.
            if cause != Cause::TimeWaitExpired.into() {
                paths[step.host.index()].push(to);
            }
        }
    }
    paths
}

fn explained(file: &Path) -> Trace {
    let opts = ExplainOptions {
        file: file.to_path_buf(),
        view: ViewOptions {
            mode: ViewMode::Json,
            ..ViewOptions::default()
        },
        absolute: true,
        ..ExplainOptions::default()
    };
    let mut out = Vec::new();
    let mut warn = Vec::new();
    run(&opts, &mut out, &mut warn, None).unwrap();
    assert!(warn.is_empty(), "{}", String::from_utf8_lossy(&warn));
    let mut trace = Trace::default();
    for line in String::from_utf8(out).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["conv"], 0, "{line}");
        if v["kind"] == "state" {
            let host = if v["host"] == "client" {
                Host::Client
            } else {
                Host::Server
            };
            let state = |k: &str| State::parse(v[k].as_str().unwrap()).unwrap();
            trace.steps.push(synack::trace::Step {
                t: synack::time::Instant::ZERO,
                host,
                conv: 0,
                frame: None,
                kind: StepKind::State {
                    from: state("from"),
                    to: state("to"),
                    cause: Cause::RecvSyn.into(),
                },
            });
        }
    }
    trace
}

#[test]
fn explaining_a_lessons_capture_gives_the_lessons_states() {
    for (name, _) in BUILTIN {
        let mut lesson_trace = Trace::default();
        let _ = Lesson::load(name, &[])
            .unwrap()
            .run(Lang::En, &mut lesson_trace)
            .unwrap();
        let expected = paths(&lesson_trace);
        for ext in ["pcap", "pcapng"] {
            let observed = paths(&explained(&capture(name, ext)));
            assert_eq!(
                observed, expected,
                "{name}.{ext}: observer states [client, server]"
            );
        }
    }
}

fn snapshot(name: &str, body: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), body));
}

#[test]
fn every_committed_capture_explained() {
    for (name, _) in BUILTIN {
        let file = format!("captures/{name}.pcapng");
        let out = synack(&["explain", &file], b"");
        assert!(out.status.success(), "{}", stderr(&out));
        snapshot(&format!("explain__{name}"), stdout(&out));
    }
    for (name, lang) in [
        ("lost-syn", "en"),
        ("abort", "pt"),
        ("simultaneous-open", "en"),
    ] {
        let file = format!("captures/{name}.pcap");
        let out = synack(&["--lang", lang, "explain", &file, "--explain"], b"");
        assert!(out.status.success(), "{}", stderr(&out));
        snapshot(&format!("explain_narrated_{lang}__{name}"), stdout(&out));
    }
    let out = synack(&["explain", "captures/data-transfer.pcap", "--bits"], b"");
    snapshot("explain_bits__data-transfer", stdout(&out));
    let out = synack(&["explain", "captures/half-close.pcap", "--summary"], b"");
    snapshot("explain_summary__half-close", stdout(&out));
    let out = synack(&["explain", "captures/teardown.pcap", "--json"], b"");
    snapshot("explain_json__teardown", stdout(&out));
}

#[test]
fn bad_files_get_clear_errors() {
    let dir = std::env::temp_dir().join(format!("synack-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = dir.join("notes.txt");
    std::fs::write(&text, "these are my notes, not a capture").unwrap();
    let out = synack(&["explain", text.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a pcap or pcapng file (it starts with 74 68 65 73"),
        "{}",
        stderr(&out)
    );

    let empty = dir.join("empty.pcap");
    std::fs::write(&empty, b"").unwrap();
    let out = synack(&["explain", empty.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the file is empty"),
        "{}",
        stderr(&out)
    );

    let out = synack(
        &["explain", dir.join("missing.pcap").to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("there is no file"),
        "{}",
        stderr(&out)
    );

    // Cut in the middle of the last packet: explained up to there, with a warning.
    let whole = std::fs::read(capture("handshake", "pcap")).unwrap();
    let cut = dir.join("cut.pcap");
    std::fs::write(&cut, &whole[..whole.len() - 10]).unwrap();
    let out = synack(&["explain", cut.to_str().unwrap(), "--summary"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ends in the middle of a packet at byte 172"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("2 packets"), "{}", stdout(&out));

    // A record claiming 2 GiB: refused at once, not allocated.
    let mut huge = whole.clone();
    huge[24 + 8..24 + 12].copy_from_slice(&0x8000_0000u32.to_le_bytes());
    let bad = dir.join("huge.pcap");
    std::fs::write(&bad, &huge).unwrap();
    let out = synack(&["explain", bad.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the record at byte 24 says it is 2147483648 bytes long"),
        "{}",
        stderr(&out)
    );

    let out = synack(
        &["explain", "captures/handshake.pcap", "--conversation", "7"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("there is no conversation 7 (the capture has 1;"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn corrupt_records_and_bad_frames_are_worded_in_the_users_language() {
    let dir = std::env::temp_dir().join(format!("synack-explain-pt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let whole = std::fs::read(capture("handshake", "pcap")).unwrap();
    // The first record's fraction of a second: 2 000 000 µs.
    let mut frac = whole.clone();
    frac[24 + 4..24 + 8].copy_from_slice(&2_000_000u32.to_le_bytes());
    let bad = dir.join("frac.pcap");
    std::fs::write(&bad, &frac).unwrap();
    for (lang, expected) in [
        (
            "en",
            "is corrupt at byte 24: a timestamp's fraction of a second (2000000) is a second or more",
        ),
        (
            "pt",
            "está corrompido no byte 24: a fração de segundo de um horário (2000000) vale um segundo ou mais",
        ),
    ] {
        let out = synack(&["--lang", lang, "explain", bad.to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
    // The first frame's IP version nibble: 5. Skipped, with a warning.
    let mut version = whole.clone();
    version[24 + 16 + 14] = 0x55;
    let bad = dir.join("version.pcap");
    std::fs::write(&bad, &version).unwrap();
    for (lang, expected) in [
        (
            "en",
            "1 frame is not valid IP and was skipped (the first at byte 24: IP version 5 is neither 4 nor 6)",
        ),
        (
            "pt",
            "1 quadro não é IP válido e foi pulado (o primeiro no byte 24: a versão IP 5 não é 4 nem 6)",
        ),
    ] {
        let out = synack(
            &[
                "--lang",
                lang,
                "explain",
                bad.to_str().unwrap(),
                "--summary",
            ],
            b"",
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn pcapng_out_keeps_even_the_frames_it_cannot_read() {
    let dir = std::env::temp_dir().join(format!("synack-explain-keep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = std::fs::read(capture("handshake", "pcap")).unwrap();
    bytes[24 + 16 + 14] = 0x55; // the first frame's IP version: 5
    let input = dir.join("in.pcap");
    std::fs::write(&input, &bytes).unwrap();
    let output = dir.join("out.pcapng");
    let out = synack(
        &[
            "explain",
            input.to_str().unwrap(),
            "--pcapng",
            output.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let count = |path: &Path| {
        let data = std::fs::read(path).unwrap();
        let mut reader = synack::capture::reader::CaptureReader::new(&data[..]).unwrap();
        let mut frames = Vec::new();
        while let Some(f) = reader.next_frame().unwrap() {
            frames.push(f.data.to_vec());
        }
        frames
    };
    assert_eq!(count(&output), count(&input), "every frame, byte for byte");
    std::fs::remove_dir_all(dir).unwrap();
}

/// `--bits` on a capture draws the header the capture holds: here a SYN
/// whose options a Windows host would order (NOP, NOP, SACK-permitted before
/// the MSS would be rewritten by an encoder) and whose checksum was left for
/// the network card to fill in.
#[test]
fn bits_of_a_capture_show_the_captured_header() {
    let dir = std::env::temp_dir().join(format!("synack-explain-bits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = std::fs::read(capture("handshake", "pcap")).unwrap();
    let tcp = 24 + 16 + 14 + 20;
    // The SYN's option: MSS 1460 (02 04 05 b4) becomes NOP NOP SACK-permitted.
    bytes[tcp + 20..tcp + 24].copy_from_slice(&[1, 1, 4, 2]);
    // And its checksum: what an offloading host's own capture shows.
    bytes[tcp + 16..tcp + 18].copy_from_slice(&[0x12, 0x34]);
    let file = dir.join("offload.pcap");
    std::fs::write(&file, &bytes).unwrap();
    let out = synack(&["explain", file.to_str().unwrap(), "--bits"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Checksum: 0x1234"), "{text}");
    let nop = text.find("00000001  NOP").expect("the NOPs as captured");
    let sack = text
        .find("00000100 00000010  SACK permitted")
        .expect("then SACK-permitted");
    assert!(nop < sack, "{text}");
    assert!(
        !text[..sack].contains("MSS ="),
        "no option the capture lacks: {text}"
    );
    assert!(
        text.contains("The capture's checksum field holds 0x1234, not the 0x58b8"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn pcapng_out_keeps_the_frames_and_adds_narration() {
    let dir = std::env::temp_dir().join(format!("synack-explain-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("narrated.pcapng");
    let out = synack(
        &[
            "--lang",
            "pt",
            "explain",
            "captures/lost-syn.pcap",
            "--quiet",
            "--pcapng",
            out_file.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Read it back: same frames, every one with a Portuguese comment.
    let original = support::frames(&capture("lost-syn", "pcap"));
    let narrated = support::frames(&out_file);
    assert_eq!(original.len(), narrated.len());
    for ((a, _), (b, comment)) in original.iter().zip(&narrated) {
        assert_eq!(a, b);
        assert!(
            comment.as_deref().is_some_and(|c| c.contains("RFC")),
            "{comment:?}"
        );
    }
    assert!(narrated[0].1.as_deref().unwrap().contains("O cliente"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Rewrites one of our own pcap files as `tcpdump -s snap` would have written it.
fn with_snap_length(original: &[u8], snap: usize) -> Vec<u8> {
    let mut out = original[..24].to_vec();
    out[16..20].copy_from_slice(&(snap as u32).to_le_bytes());
    let mut at = 24;
    while at + 16 <= original.len() {
        let incl = u32::from_le_bytes(original[at + 8..at + 12].try_into().unwrap()) as usize;
        let frame = &original[at + 16..at + 16 + incl];
        let kept = incl.min(snap);
        out.extend_from_slice(&original[at..at + 8]);
        out.extend_from_slice(&(kept as u32).to_le_bytes());
        out.extend_from_slice(&(incl as u32).to_le_bytes());
        out.extend_from_slice(&frame[..kept]);
        at += 16 + incl;
    }
    out
}

#[test]
fn captures_cut_to_a_snap_length_are_explained_with_their_real_lengths() {
    let dir = std::env::temp_dir().join(format!("synack-snap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("snap60.pcap");
    std::fs::write(
        &file,
        with_snap_length(
            &std::fs::read(capture("data-transfer", "pcap")).unwrap(),
            60,
        ),
    )
    .unwrap();
    let out = synack(&["explain", file.to_str().unwrap(), "--summary"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("bytes 12 → / ← 12"),
        "{}",
        stdout(&out)
    );
    // Wide enough for the note to stay on one row beside its lifeline.
    let out = synack(&["explain", file.to_str().unwrap(), "--width", "120"], b"");
    let text = stdout(&out);
    assert!(text.contains("PSH,ACK seq=1 ack=1 len=12"), "{text}");
    assert!(text.contains("only 6 of 12 bytes captured"), "{text}");
    // The observer's states are those of the lesson, truncation or not.
    assert_eq!(
        paths(&explained(&file)),
        paths(&explained(&capture("data-transfer", "pcap")))
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The narration's why on real Linux traffic, in both languages: the
/// retransmission timer, SACK-based recovery, the third duplicate ACK and
/// its SACK blocks, a zero window's probes, keep-alives and reused ports,
/// and a class program that plays the handshake as text inside the data.
#[test]
fn real_captures_are_narrated_with_their_causes_in_both_languages() {
    let real = |name: &str| format!("tests/captures/real/{name}.pcap");
    let cases: [(&str, &[&str], &[&str]); 4] = [
        (
            "lossy-both-copies",
            &["--frame", "20-64"],
            &[
                "third duplicate ACK",
                "SACK blocks",
                "fast retransmission of bytes",
            ],
        ),
        (
            "zero-window-keep-alive-reused-port",
            &["--frame", "1-16"],
            &[
                "Wireshark calls this a keep-alive",
                "×1024",
                "Another zero-window probe",
            ],
        ),
        (
            "zero-window-keep-alive-reused-port",
            &["--conversation", "1", "--frame", "320-"],
            &[
                "A new SYN on the ports",
                "A keep-alive after",
                "Another keep-alive",
            ],
        ),
        (
            "played-handshake",
            &["--frame", "4-8"],
            &[
                "The data reads \"SYN:1234\"",
                "the flag bits of frames 1, 2 and 3",
                "More of the program's own words, \"SYN-ACK:5000:ACK:1235\"",
            ],
        ),
    ];
    for (i, (name, args, says)) in cases.iter().enumerate() {
        for lang in ["en", "pt"] {
            let file = real(name);
            let mut all = vec!["--lang", lang, "explain", &file, "--explain"];
            all.extend_from_slice(args);
            let out = synack(&all, b"");
            assert!(out.status.success(), "{}", stderr(&out));
            let text = stdout(&out);
            if lang == "en" {
                for s in *says {
                    assert!(text.contains(s), "{name} {args:?}: no {s:?}");
                }
            }
            snapshot(&format!("explain_real_{lang}__{name}_{i}"), text);
        }
    }
}

/// `--frame` keeps what came before in mind: the ACK arithmetic of a frame
/// deep in the capture is the same as in the whole ladder.
#[test]
fn frames_shown_alone_are_narrated_as_in_the_whole_capture() {
    let file = "tests/captures/real/lossy-both-copies.pcap";
    let whole = stdout(&synack(&["explain", file, "--explain"], b""));
    let part = stdout(&synack(
        &["explain", file, "--explain", "--frame", "140"],
        b"",
    ));
    let rows: Vec<&str> = part
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("No."))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(rows.len() > 3, "{part}");
    assert!(rows[0].trim_start().starts_with("140 "), "{part}");
    let joined = rows.join("\n");
    assert!(
        whole.contains(&joined),
        "frame 140 alone differs:\n{joined}"
    );
    let bad = synack(&["explain", file, "--frame", "9-3"], b"");
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("N-M"), "{}", stderr(&bad));
}

/// A pcap of `original`'s frames from the `first`-th on (counting from 1),
/// as a capture started late would hold them.
fn from_frame(original: &[u8], first: usize) -> Vec<u8> {
    let mut out = original[..24].to_vec();
    let (mut at, mut n) = (24, 1);
    while at + 16 <= original.len() {
        let incl = u32::from_le_bytes(original[at + 8..at + 12].try_into().unwrap()) as usize;
        if n >= first {
            out.extend_from_slice(&original[at..at + 16 + incl]);
        }
        at += 16 + incl;
        n += 1;
    }
    out
}

/// Words that play a handshake in a capture that missed the real one: the
/// narration cannot name its frames, and says it came before the capture.
#[test]
fn played_handshake_words_without_the_real_handshake_say_it_came_earlier() {
    let dir = std::env::temp_dir().join(format!("synack-played-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("late.pcap");
    let original = std::fs::read("tests/captures/real/played-handshake.pcap").unwrap();
    std::fs::write(&file, from_frame(&original, 4)).unwrap();
    for (lang, says) in [
        ("en", "before this capture began"),
        ("pt", "antes do início desta captura"),
    ] {
        let out = synack(
            &[
                "--lang",
                lang,
                "explain",
                file.to_str().unwrap(),
                "--explain",
            ],
            b"",
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let text = unwrapped(&stdout(&out));
        assert!(text.contains(says), "{lang}: {text}");
        assert!(text.contains("\"SYN:1234\""), "{lang}: {text}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}
