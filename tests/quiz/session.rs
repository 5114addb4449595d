//! Scripted sessions: answers one per line on standard input, graded at once
//! and explained, in both languages; variants per student; answers saved as
//! the session goes.

use synack_test_support as support;

use serde_json::Value;
use support::{stderr, stdout, synack};

/// The graded session as JSON, answering with `script`.
fn graded(args: &[&str], script: &str) -> Value {
    let mut all = vec!["quiz"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = synack(&all, script.as_bytes());
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// The right answers of a quiz, one per line, as the key gives them.
fn key(args: &[&str]) -> String {
    let session = graded(args, "");
    session["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| format!("{}\n", q["expected"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_right_answers_give_full_marks_on_every_lesson() {
    for lesson in [
        "handshake",
        "teardown",
        "lost-syn",
        "lost-syn-ack",
        "data-transfer",
        "bulk-transfer",
        "simultaneous-open",
        "rdt-go-back-n",
        "rdt-selective-repeat",
    ] {
        let answers = key(&[lesson]);
        let session = graded(&[lesson], &answers);
        let max = session["max"].as_u64().unwrap();
        assert!(max > 0, "{lesson} asks something");
        assert_eq!(
            session["score"].as_f64(),
            Some(max as f64),
            "{lesson}: {session}"
        );
    }
}

#[test]
fn a_scripted_session_in_english_grades_explains_and_asks_again() {
    // Right, partly (one flag of two), a typo asked again then wrong, the
    // rest unanswered when the script ends.
    let out = synack(
        &["quiz", "handshake", "--questions", "4", "--width", "80"],
        b"SYN-SENT\nSYN\nSYN-RECIEVED\nLISTEN\nSYN\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("handshake-en", stdout(&out));
}

#[test]
fn a_scripted_session_in_portuguese() {
    let out = synack(
        &["--lang", "pt", "quiz", "lost-syn", "--width", "80"],
        "SYN\n1\nSYN\nSYN-RECEIVED\n100\nESTABLISHED\nabc\n101\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("lost-syn-pt", stdout(&out));
}

#[test]
fn known_wrong_answers_get_their_feedback() {
    let session = graded(
        &["lost-syn"],
        "SYN,ACK\n3\nACK\nLISTEN\n100\nESTABLISHED\n101\n",
    );
    let grades: Vec<&str> = session["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["grade"].as_str().unwrap())
        .collect();
    // SYN,ACK for SYN: another segment; 3 s: the initial RTO is 1 s (RFC
    // 6298 §2.1); ACK for SYN: wrong; LISTEN: the server moved on; ack 100
    // forgets the SYN's sequence number: off by one.
    assert_eq!(
        grades,
        [
            "wrong", "wrong", "wrong", "wrong", "partly", "right", "right"
        ]
    );
    let rto = &session["questions"][1];
    assert_eq!(rto["expected"], "1 s");
    assert!(rto["explanation"].to_string().contains("RFC 6298"), "{rto}");
}

#[test]
fn each_student_gets_their_own_numbers_and_only_the_secret_makes_them() {
    let alice = key(&["lost-syn", "--student", "alice", "--secret", "class-7"]);
    let again = key(&["lost-syn", "--student", "Alice ", "--secret", "class-7"]);
    let bob = key(&["lost-syn", "--student", "bob", "--secret", "class-7"]);
    let other_secret = key(&["lost-syn", "--student", "alice", "--secret", "other"]);
    let plain = key(&["lost-syn"]);
    assert_eq!(alice, again, "the same student and secret: the same key");
    assert_ne!(alice, bob);
    assert_ne!(alice, other_secret);
    assert_ne!(alice, plain);
    // The secret may come from the environment instead.
    let mut cmd = std::process::Command::new(support::synack_bin());
    let out = cmd
        .args(["quiz", "lost-syn", "--student", "alice", "--json"])
        .env("SYNACK_QUIZ_SECRET", "class-7")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let session: Value = serde_json::from_slice(&out.stdout).unwrap();
    let from_env: String = session["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| format!("{}\n", q["expected"].as_str().unwrap()))
        .collect();
    assert_eq!(from_env, alice);
    let out = synack(&["quiz", "lost-syn", "--student", "alice"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("teacher's secret"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn answers_are_saved_after_every_one_and_a_short_script_loses_none() {
    let dir = std::env::temp_dir().join(format!("synack-quiz-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mine.answers.txt");
    let out = synack(
        &["quiz", "handshake", "--answers", file.to_str().unwrap()],
        b"SYN-SENT\nSYN\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("lesson = handshake"), "{saved}");
    assert!(saved.contains("\n1 = SYN-SENT\n"), "{saved}");
    assert!(saved.contains("\n2 = SYN\n"), "{saved}");
    assert!(
        saved.contains("\n3 = \n"),
        "unanswered stays blank: {saved}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn nothing_a_student_types_breaks_the_quiz() {
    let mut junk = Vec::new();
    junk.extend_from_slice(&[0xff, 0xfe, b'\n']);
    junk.extend(std::iter::repeat_n(b'9', 100_000));
    junk.extend_from_slice(b"\n\x00\x01\n-1\n99999999999999999999999\n\t\n");
    let out = synack(&["quiz", "handshake"], &junk);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Score: 0 of 8"), "{}", stdout(&out));
}

#[test]
fn list_shows_the_questions_without_their_answers() {
    let out = synack(&["quiz", "lost-syn", "--list"], b"");
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("7 questions in lost-syn:"), "{text}");
    assert!(!text.contains("SYN-RECEIVED"), "{text}");
}

#[test]
fn the_readmes_quiz_session_is_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = "$ printf 'SYN-SENT\\nSYN\\nSYN-RECIEVED\\nESTABLISHED\\n' | synack quiz handshake --questions 3\n";
    let start = readme
        .find(command)
        .expect("the README shows a quiz session")
        + command.len();
    let shown = &readme[start..start + readme[start..].find("\n```").unwrap()];
    let out = synack(
        &["quiz", "handshake", "--questions", "3"],
        b"SYN-SENT\nSYN\nSYN-RECIEVED\nESTABLISHED\n",
    );
    assert_eq!(
        shown,
        stdout(&out).trim_end(),
        "the README's quiz session differs"
    );
}

#[test]
fn a_lesson_may_let_each_student_lose_a_different_segment() {
    let dir = std::env::temp_dir().join(format!("synack-quiz-drop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(root.join("lessons/data-transfer.toml")).unwrap();
    if let Some(at) = text.find("[vary]") {
        text.truncate(at);
    }
    text.push_str("\n[[fault]]\naction = \"drop\"\nnth = 3\n\n[vary]\ndrop_nth = [2, 6]\n");
    let lesson = dir.join("lossy.toml");
    std::fs::write(&lesson, text).unwrap();
    let lesson = lesson.to_str().unwrap();
    // Which segment each student's run loses: the first `drop` in its JSON.
    let lost = |student: &str| -> usize {
        let out = synack(
            &[
                "quiz",
                lesson,
                "--student",
                student,
                "--secret",
                "s",
                "--questions",
                "100",
                "--json",
            ],
            b"",
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let session: Value = serde_json::from_str(&stdout(&out)).unwrap();
        session["questions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["kind"] == "flags" || q["kind"] == "rto-sends")
            .position(|q| q["kind"] == "rto-sends")
            .unwrap_or(usize::MAX)
    };
    let students = ["ana", "bia", "caio", "davi", "edu", "fabi"];
    let mut seen: Vec<usize> = students.iter().map(|s| lost(s)).collect();
    seen.sort_unstable();
    seen.dedup();
    assert!(
        seen.len() > 1,
        "every student lost the same segment: {seen:?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_rdt_lesson_varies_which_packet_each_student_loses() {
    let keys: Vec<String> = ["ana", "bia", "caio", "davi", "edu", "fabi"]
        .iter()
        .map(|s| key(&["rdt-go-back-n", "--student", s, "--secret", "k"]))
        .collect();
    let mut distinct = keys.clone();
    distinct.sort();
    distinct.dedup();
    assert!(
        distinct.len() > 1,
        "every student got the same quiz: {keys:?}"
    );
    assert_eq!(
        key(&["rdt-go-back-n", "--student", "ana", "--secret", "k"]),
        keys[0]
    );
}

#[test]
fn a_generated_quiz_asks_about_what_its_lesson_is_for() {
    let kinds = |lesson: &str| -> Vec<String> {
        graded(&[lesson], "")["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let fast = kinds("fast-recovery");
    assert!(
        fast.contains(&"cwnd".into()) && fast.contains(&"ssthresh".into()),
        "{fast:?}"
    );
    let timeout = kinds("congestion-timeout");
    assert!(
        timeout.contains(&"rto-when".into()) && timeout.contains(&"cwnd".into()),
        "{timeout:?}"
    );
    let teardown = kinds("teardown");
    assert!(
        teardown.contains(&"time-wait-length".into()),
        "{teardown:?}"
    );
}

#[test]
fn a_lesson_with_a_wrong_quiz_section_is_told_what_is_wrong() {
    let dir = std::env::temp_dir().join(format!("synack-quiz-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let lesson = std::fs::read_to_string(root.join("lessons/teardown.toml")).unwrap();
    let cases: [(&str, &str, &str); 4] = [
        (
            "[[question]]\nkind = \"flgs\"\n",
            "en",
            "unknown kind `flgs`; the kinds are state, flags",
        ),
        (
            "[[question]]\nkind = \"ack\"\nside = \"server\"\nnth = 40\n",
            "en",
            "the run has no ack moment number 40 (server)",
        ),
        (
            "[vary]\nisn = [9, 1]\n",
            "pt",
            "[vary] isn é [menor, maior]",
        ),
        ("[vary]\nttl = 3\n", "pt", "chave desconhecida `ttl`"),
    ];
    for (i, (section, lang, says)) in cases.iter().enumerate() {
        let file = dir.join(format!("bad-{i}.toml"));
        std::fs::write(&file, format!("{lesson}\n{section}")).unwrap();
        let out = synack(&["--lang", lang, "quiz", file.to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(1), "{section}");
        assert!(stderr(&out).contains(says), "{section}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "nothing asked: {}", stdout(&out));
    }
    std::fs::remove_dir_all(dir).unwrap();
}
