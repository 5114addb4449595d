//! Every lesson is also a test: its `[expect]` lines hold. And the commands
//! that run lessons behave as the README says.

use synack_test_support as support;

use support::{stderr, stdout, synack};
use synack::lesson::{BUILTIN, Lesson};
use synack::narrate::Lang;
use synack::trace::{Discard, StepKind, Trace};

#[test]
fn every_built_in_lesson_keeps_its_promises() {
    for (name, _) in BUILTIN {
        let lesson = Lesson::load(name, &[]).unwrap();
        assert!(!lesson.expect.is_empty(), "{name} promises nothing");
        let checked = lesson.run(Lang::En, &mut Discard).unwrap();
        assert!(
            checked.failures.is_empty(),
            "{name}: {:?}",
            checked.failures
        );
    }
}

#[test]
fn lessons_folder_and_built_in_list_agree() {
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .filter(|n| !n.starts_with("rdt-"))
        .collect();
    files.sort();
    let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    built_in.sort();
    assert_eq!(files, built_in);
}

#[test]
fn runs_are_deterministic() {
    for (name, _) in BUILTIN {
        let run = || {
            let mut trace = Trace::default();
            let _ = Lesson::load(name, &[])
                .unwrap()
                .run(Lang::En, &mut trace)
                .unwrap();
            trace.steps
        };
        assert_eq!(run(), run(), "{name} differs between runs");
    }
}

#[test]
fn lost_syn_is_resent_with_the_same_sequence_number_after_one_second() {
    let mut trace = Trace::default();
    let _ = Lesson::load("lost-syn", &[])
        .unwrap()
        .run(Lang::En, &mut trace)
        .unwrap();
    let syns: Vec<_> = trace
        .steps
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::Send { transmit: tx, .. }
                if tx.segment.flags.syn() && !tx.segment.flags.ack() =>
            {
                Some((s.t, tx.segment.seq))
            }
            _ => None,
        })
        .collect();
    assert_eq!(syns.len(), 2);
    assert_eq!(syns[0].1, syns[1].1);
    assert_eq!(syns[1].0.micros() - syns[0].0.micros(), 1_000_000);
}

#[test]
fn handshake_command_prints_the_three_segments() {
    let out = synack(&["handshake"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for label in [
        "SYN seq=100",
        "SYN,ACK seq=300 ack=101",
        "ACK seq=101 ack=301",
    ] {
        assert!(text.contains(label), "missing {label} in\n{text}");
    }
}

#[test]
fn lesson_check_passes_for_all_and_fails_with_the_reason() {
    let out = synack(&["lesson", "check"], b"");
    assert!(out.status.success(), "{}", stdout(&out));
    let dir = std::env::temp_dir().join(format!("synack-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.toml");
    std::fs::write(
        &file,
        "[lesson]\ntitle = \"x\"\n[client]\naddr = \"10.0.0.1:1\"\n[server]\naddr = \"10.0.0.2:2\"\n[[call]]\nclient = \"connect\"\n[expect]\nclient_final = \"ESTABLISHED\"\n",
    )
    .unwrap();
    let out = synack(&["lesson", "check", file.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("expected client_final = ESTABLISHED, but the run gave CLOSED"),
        "{}",
        stdout(&out)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn lesson_list_shows_every_lesson_in_both_languages() {
    for (lang, word) in [
        ("en", "The three-way handshake"),
        ("pt", "O handshake de três vias"),
    ] {
        let out = synack(&["--lang", lang, "lesson", "list"], b"");
        let text = stdout(&out);
        assert!(text.contains(word), "{text}");
        for (name, _) in BUILTIN {
            assert!(text.contains(name), "{name} missing");
        }
    }
}

#[test]
fn errors_follow_the_locale_environment() {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_synack"));
    let out = cmd
        .args(["lesson", "run", "no-such-lesson"])
        .env("LANG", "pt_BR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("synack: erro: no-such-lesson: não há lição"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn step_mode_reads_a_line_per_step_and_q_quits() {
    let full = stdout(&synack(&["handshake"], b""));
    // Scripted input: two steps, then quit.
    let out = synack(&["handshake", "--step"], b"\n\nq\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let partial = stdout(&out);
    assert!(partial.len() < full.len());
    assert!(
        partial.contains("LISTEN") && !partial.contains("SYN-RECEIVED"),
        "{partial}"
    );
    // End of input: run on to the end.
    let out = synack(&["handshake", "--step"], b"\n");
    assert_eq!(stdout(&out), full);
}

#[test]
fn json_and_quiet_are_exclusive_and_bad_flags_explain_themselves() {
    let out = synack(&["handshake", "--json", "--quiet"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = synack(
        &["lesson", "run", "bulk-transfer", "--param", "segments"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("must look like NAME=VALUE"),
        "{}",
        stderr(&out)
    );
    let out = synack(&["handshake", "--width", "20"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn command_line_mistakes_are_explained_in_the_users_language() {
    let out = synack(&["handshak"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`handshak` is not a command; did you mean `handshake`?"),
        "{}",
        stderr(&out)
    );
    let out = synack(&["--lang", "pt", "handshake", "--explian"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`--explian` não é uma opção aqui; você quis dizer `--explain`?"),
        "{}",
        stderr(&out)
    );
    let out = synack(&["bits", "--decode"], b"");
    assert!(
        stderr(&out).contains("--decode <BITS> needs a value"),
        "{}",
        stderr(&out)
    );
    // Help stays help, and succeeds.
    let out = synack(&["--help"], b"");
    assert!(out.status.success() && stdout(&out).contains("synack handshake"));
}

#[test]
fn bad_numbers_and_choices_are_explained_in_the_users_language() {
    for (args, expected) in [
        (
            &["--lang", "pt", "handshake", "--delay", "abc"][..],
            "--delay <MS>: `abc` não é um número inteiro de 0 a 60000",
        ),
        (
            &["handshake", "--delay", "-5"][..],
            "--delay <MS>: `-5` is not a whole number from 0 to 60000",
        ),
        (
            &["handshake", "--width", "20"][..],
            "--width <COLUMNS>: `20` is not a whole number from 80 to 400",
        ),
        (
            &["--lang", "xx", "handshake"][..],
            "--lang <LANG>: `xx` is not a language synack speaks: use en or pt",
        ),
        (
            &["handshake", "--color", "maybe"][..],
            "`maybe` is not a valid value for --color <COLOR> (possible values: auto, always, never)",
        ),
        (
            &["--lang", "pt", "rdt", "compare", "--window", "x"][..],
            "--window <W>: `x` não é um número inteiro de 0 a 65535",
        ),
    ] {
        let out = synack(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_an_error_not_a_crash() {
    use std::os::unix::ffi::OsStrExt;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["echo", "client"])
        .arg(std::ffi::OsStr::from_bytes(b"\xff"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("an argument is not valid UTF-8 text"),
        "{}",
        stderr(&out)
    );
}
