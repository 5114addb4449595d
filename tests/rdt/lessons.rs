//! The rdt lessons keep their promises, run the same every time and match the
//! folder; the `rdt` commands behave as their help says (lesson list and
//! check, sim, compare, errors).

use synack_test_support as support;

use support::{stderr, stdout, synack};
use synack::narrate::Lang;
use synack::rdt::lesson::{RDT_BUILTIN, RdtLesson};
use synack::rdt::proto::Event;
use synack::rdt::trace::{RdtKind, RdtStep};

#[test]
fn every_rdt_lesson_keeps_its_promises() {
    for (name, _) in RDT_BUILTIN {
        let lesson = RdtLesson::load(name).unwrap();
        assert!(!lesson.expect.is_empty(), "{name} promises nothing");
        let checked = lesson
            .run(Lang::En, &mut synack::rdt::trace::Discard)
            .unwrap();
        assert!(
            checked.failures.is_empty(),
            "{name}: {:?}",
            checked.failures
        );
    }
}

#[test]
fn rdt_lessons_folder_and_built_in_list_agree() {
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .filter(|n| n.starts_with("rdt-"))
        .collect();
    files.sort();
    let mut built_in: Vec<String> = RDT_BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    built_in.sort();
    assert_eq!(files, built_in);
}

#[test]
fn rdt_lessons_are_deterministic_and_cover_each_protocol() {
    let mut modes = Vec::new();
    for (name, _) in RDT_BUILTIN {
        let run = || {
            let mut steps: Vec<RdtStep> = Vec::new();
            let _ = RdtLesson::load(name)
                .unwrap()
                .run(Lang::Pt, &mut steps)
                .unwrap();
            steps
        };
        let steps = run();
        assert_eq!(steps, run(), "{name} differs between runs");
        let lesson = RdtLesson::load(name).unwrap();
        modes.push(lesson.proposal.mode);
        let faults = steps
            .iter()
            .filter(|s| matches!(s.kind, RdtKind::Fault(_)))
            .count();
        assert!(faults > 0, "{name} shows no fault");
    }
    modes.sort();
    modes.dedup();
    assert_eq!(modes.len(), 3, "a lesson for each protocol");
}

#[test]
fn stop_and_wait_lesson_naks_the_corrupt_packet_and_resends_at_once() {
    let mut steps: Vec<RdtStep> = Vec::new();
    let _ = RdtLesson::load("rdt-stop-and-wait")
        .unwrap()
        .run(Lang::En, &mut steps)
        .unwrap();
    let nak = steps
        .iter()
        .position(|s| matches!(s.kind, RdtKind::Event(Event::Nak { .. })))
        .expect("a NAK reaches the client");
    let resend = steps[nak..]
        .iter()
        .find(|s| matches!(&s.kind, RdtKind::Send { transmit, .. } if transmit.retransmission))
        .unwrap();
    assert_eq!(
        resend.t, steps[nak].t,
        "resent when the NAK arrives, not at a timeout"
    );
}

#[test]
fn lesson_check_passes_and_a_broken_file_fails_at_its_line() {
    let out = synack(&["rdt", "lesson", "check"], b"");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let dir = std::env::temp_dir().join(format!("synack-rdt-lesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.toml");
    std::fs::write(
        &broken,
        "[lesson]\ntitle = \"x\"\nsummary = \"y\"\n[client]\naddr = \"10.0.0.1:1\"\n[server]\naddr = \"10.0.0.2:2\"\n[rdt]\nmode = \"gbn\"\nmax_size = 4\n[link]\nloss = 1.5\n",
    )
    .unwrap();
    let out = synack(&["rdt", "lesson", "check", broken.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("broken.toml:12:8: `loss` = 1.5 is out of range"),
        "{}",
        stdout(&out)
    );
    let promise = dir.join("promise.toml");
    std::fs::write(
        &promise,
        "[lesson]\ntitle = \"x\"\nsummary = \"y\"\n[client]\naddr = \"10.0.0.1:1\"\n[server]\naddr = \"10.0.0.2:2\"\n[rdt]\nmode = \"sr\"\nmax_size = 4\n[[message]]\ntext = \"hi\"\n[expect]\npackets = 3\n",
    )
    .unwrap();
    let out = synack(&["rdt", "lesson", "check", promise.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("expected packets = 3, but the run gave 2"),
        "{}",
        stdout(&out)
    );
    let typo = dir.join("typo.toml");
    std::fs::write(&typo, "[lesson]\ntitle = \"x\"\nsummary = \"y\"\n[client]\naddr = \"10.0.0.1:1\"\n[server]\naddr = \"10.0.0.2:2\"\n[rdt]\nmode = \"gbn\"\nmax_sise = 4\n").unwrap();
    let out = synack(&["rdt", "lesson", "run", typo.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("typo.toml:10:1:") && stderr(&out).contains("max_sise"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn unknown_lessons_suggest_the_rdt_name() {
    let out = synack(&["rdt", "lesson", "run", "go-back-n"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `rdt-go-back-n`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn sim_draws_the_window_and_the_scripted_loss() {
    let out = synack(
        &[
            "rdt", "sim", "--mode", "gbn", "--drop", "2", "one", "two", "three",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "MODO:Go-Back-N;TAMANHO:50",
        "[0│1 2 3]",
        "✗ lost (--drop 2 = nth:2)",
        "--drop 2 counts packets on the link",
        "⏱ timeout, 1 again",
        "↻ DATA 1 \"two\" END",
        "✓ delivers \"three\"",
        "3 of 3 messages delivered",
    ] {
        assert!(text.contains(want), "missing {want} in\n{text}");
    }
}

#[test]
fn sim_refuses_an_impossible_window_and_bad_probabilities() {
    let out = synack(
        &[
            "rdt",
            "sim",
            "--mode",
            "sr",
            "--window",
            "5",
            "--seq-bits",
            "3",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("allows a window of at most 4, not 5"),
        "{}",
        stderr(&out)
    );
    let out = synack(&["rdt", "sim", "--mode", "gbn", "--loss", "2"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = synack(&["rdt", "sim", "--mode", "tcp"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a mode"), "{}", stderr(&out));
}

#[test]
fn sim_warns_when_reordering_meets_a_small_sequence_space() {
    let out = synack(
        &[
            "rdt",
            "sim",
            "--mode",
            "gbn",
            "--window",
            "3",
            "--seq-bits",
            "2",
            "--reorder",
            "0.2",
            "--quiet",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("too few to be safe"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn step_mode_pauses_on_rdt_steps_and_q_quits() {
    let full = stdout(&synack(&["rdt", "lesson", "run", "rdt-go-back-n"], b""));
    let out = synack(
        &["rdt", "lesson", "run", "rdt-go-back-n", "--step"],
        b"\n\n\nq\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let partial = stdout(&out);
    assert!(partial.len() < full.len());
    assert!(
        partial.contains("Handshake OK") && !partial.contains("⏱"),
        "{partial}"
    );
    let out = synack(&["rdt", "lesson", "run", "rdt-go-back-n", "--step"], b"");
    assert_eq!(stdout(&out), full);
}

#[test]
fn compare_prints_one_row_per_protocol_with_real_numbers() {
    let out = synack(
        &["rdt", "compare", "--loss", "0.1", "--messages", "30"],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // The table: from the header to the first blank line.
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip_while(|l| !l.starts_with("protocol "))
        .take_while(|l| !l.is_empty())
        .filter(|l| {
            ["Stop-and-Wait ", "Go-Back-N ", "Selective-Repeat "]
                .iter()
                .any(|m| l.starts_with(m))
        })
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    let number = |row: &Vec<&str>, i: usize| row[i].parse::<f64>().unwrap();
    let (saw, gbn, sr) = (&rows[0], &rows[1], &rows[2]);
    // Go-Back-N resends whole windows; Selective Repeat only what was lost.
    assert!(number(gbn, 2) > number(sr, 2), "{text}");
    // Stop-and-wait is the slowest: its time is in the last column.
    let time = |row: &Vec<&str>| row[row.len() - 2].parse::<f64>().unwrap();
    assert!(time(saw) > time(gbn) && time(saw) > time(sr), "{text}");
    let pt = stdout(&synack(
        &["--lang", "pt", "rdt", "compare", "--messages", "5"],
        b"",
    ));
    assert!(
        pt.contains("protocolo") && pt.contains("vazão útil"),
        "{pt}"
    );
}

#[test]
fn a_wrong_key_lesson_fails_the_secure_handshake_and_moves_no_data() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/lessons/rdt-secure.toml"
    ))
    .unwrap()
    .replace("secure = true", "secure = true\nwrong_key = true");
    let text = text.split("[expect]").next().unwrap().to_string()
        + "[expect]\nsecure_failed = true\ndelivered = []\npackets = 0\n";
    let lesson = RdtLesson::parse("wrong", "wrong.toml", &text).unwrap();
    let mut steps: Vec<RdtStep> = Vec::new();
    let checked = lesson.run(Lang::En, &mut steps).unwrap();
    assert!(checked.failures.is_empty(), "{:?}", checked.failures);
    assert!(
        steps
            .iter()
            .any(|s| s.kind == RdtKind::Secure { ok: false })
    );
}

#[test]
fn the_documented_example_runs_and_keeps_its_promise() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/RDT.md")).unwrap();
    let example = doc
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("RDT.md has a TOML example");
    let lesson = RdtLesson::parse("example", "RDT.md", example).unwrap();
    let checked = lesson
        .run(Lang::En, &mut synack::rdt::trace::Discard)
        .unwrap();
    assert!(checked.failures.is_empty(), "{:?}", checked.failures);
}

#[test]
fn sizes_windows_and_probabilities_out_of_range_are_refused_everywhere() {
    for (args, code, expected) in [
        (
            &["rdt", "sim", "--mode", "gbn", "--window", "0"][..],
            1,
            "window 0 is out of range",
        ),
        (
            &["rdt", "compare", "--window", "0"][..],
            1,
            "window 0 is out of range",
        ),
        (
            &["rdt", "sim", "--mode", "saw", "--max-size", "0"][..],
            1,
            "size 0 is out of range",
        ),
        (
            &["rdt", "sim", "--mode", "saw", "--max-size", "100000"][..],
            1,
            "size 100000 is out of range",
        ),
        (
            &["rdt", "sim", "--mode", "saw", "--loss=-1"][..],
            2,
            "is not a probability",
        ),
        (
            &["rdt", "compare", "--corrupt", "1.5"][..],
            2,
            "is not a probability",
        ),
    ] {
        let out = synack(args, b"");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
