//! `quiz grade`: a folder of answer files into a CSV Moodle's gradebook
//! imports, and feedback for each student; broken files named, not fatal to
//! the others.

use std::path::Path;

use synack_test_support::{stderr, stdout, synack};

use crate::sheet::{export, key, ok, scratch, varied_lesson};

const SECRET: &str = "s3cret";

/// Fills a blank answer file's `N = ` lines with `answers`.
fn fill(blank: &str, answers: &[String]) -> String {
    let mut out = String::new();
    for line in blank.lines() {
        let filled = line
            .strip_suffix(" = ")
            .or_else(|| line.strip_suffix(" ="))
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| answers.get(n - 1))
            .map(|a| format!("{line} {a}").replace("=  ", "= "));
        out.push_str(filled.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

fn expected(key: &[serde_json::Value]) -> Vec<String> {
    key.iter()
        .map(|q| q["expected"].as_str().unwrap().to_string())
        .collect()
}

/// alice answers everything right (her blank sheet filled from the key),
/// bob hands in his blank file, carol answers in a scripted session with
/// one off-by-one, and a file with no student line is named by its file.
fn class(dir: &Path) -> std::path::PathBuf {
    let lesson = varied_lesson(dir);
    let hand_in = dir.join("hand-in");
    for who in ["alice", "bob"] {
        export(&lesson, who, SECRET, &hand_in);
    }
    let alice = hand_in.join("varied-alice.answers.txt");
    let right = expected(&key(&lesson, Some("alice"), SECRET));
    let blank = std::fs::read_to_string(&alice).unwrap();
    std::fs::write(&alice, fill(&blank, &right)).unwrap();
    for ext in ["md", "html"] {
        std::fs::remove_file(hand_in.join(format!("varied-alice.{ext}"))).unwrap();
    }
    // carol: every answer right but the ack, which forgets the SYN's one.
    let carol_key = key(&lesson, Some("carol"), SECRET);
    let script: String = carol_key
        .iter()
        .map(|q| {
            let e = q["expected"].as_str().unwrap();
            if q["kind"] == "ack" {
                format!("{}\n", e.parse::<u64>().unwrap() - 1)
            } else {
                format!("{e}\n")
            }
        })
        .collect();
    let carol = hand_in.join("varied-carol.answers.txt");
    ok(&synack(
        &[
            "quiz",
            lesson.to_str().unwrap(),
            "--student",
            "carol",
            "--secret",
            SECRET,
            "--answers",
            carol.to_str().unwrap(),
        ],
        script.as_bytes(),
    ));
    // No student: the lesson's own numbers, and the file's name as the ID.
    let own = expected(&key(&lesson, None, SECRET));
    let mut nobody = String::from("lesson = varied\nquestions = 8\n");
    for (i, a) in own.iter().enumerate() {
        nobody.push_str(&format!("{} = {a}\n", i + 1));
    }
    std::fs::write(hand_in.join("zed.answers.txt"), nobody).unwrap();
    // The lesson file goes beside the answers, where the grader looks.
    std::fs::copy(&lesson, hand_in.join("varied.toml")).unwrap();
    hand_in
}

#[test]
fn a_folder_of_answer_files_becomes_a_gradebook_csv() {
    let dir = scratch("grade-class");
    let hand_in = class(&dir);
    let csv = dir.join("grades.csv");
    let feedback = dir.join("feedback");
    let o = synack(
        &[
            "quiz",
            "grade",
            "--secret",
            SECRET,
            hand_in.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--feedback",
            feedback.to_str().unwrap(),
        ],
        b"",
    );
    ok(&o);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "\"ID number\",\"varied (synack quiz)\"\n\
         \"alice\",100.00\n\
         \"bob\",0.00\n\
         \"carol\",93.75\n\
         \"zed\",100.00\n"
    );
    let out = stdout(&o);
    assert!(out.contains("graded 4 answer files"), "{out}");
    assert!(out.contains("grades.csv"), "{out}");
    let carol = std::fs::read_to_string(feedback.join("carol.feedback.md")).unwrap();
    assert!(carol.contains("◐ Partly right"), "{carol}");
    assert!(carol.contains("RFC 9293 §3.4"), "the explanation is there");
    let bob = std::fs::read_to_string(feedback.join("bob.feedback.md")).unwrap();
    assert_eq!(bob.matches("No answer: the answer is").count(), 8);
    assert!(feedback.join("zed.feedback.md").is_file());
    // The same files grade the same, to standard output when no --csv.
    let again = synack(
        &[
            "quiz",
            "grade",
            "--secret",
            SECRET,
            hand_in.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(stdout(ok(&again)), std::fs::read_to_string(&csv).unwrap());
}

#[test]
fn the_wrong_secret_grades_against_other_numbers() {
    let dir = scratch("grade-secret");
    let hand_in = class(&dir);
    let alice = hand_in.join("varied-alice.answers.txt");
    let o = synack(
        &[
            "quiz",
            "grade",
            "--secret",
            "guess",
            alice.to_str().unwrap(),
        ],
        b"",
    );
    let csv = stdout(ok(&o));
    assert!(
        csv.contains("\"alice\",") && !csv.contains("\"alice\",100.00"),
        "{csv}"
    );
}

#[test]
fn broken_files_are_named_and_the_others_still_graded() {
    let dir = scratch("grade-broken");
    let hand_in = class(&dir);
    std::fs::write(
        hand_in.join("junk.answers.txt"),
        "this is not an answer file\n",
    )
    .unwrap();
    std::fs::write(
        hand_in.join("gone.answers.txt"),
        "lesson = no-such-lesson\n1 = 3\n",
    )
    .unwrap();
    std::fs::write(hand_in.join("path.answers.txt"), "lesson = ../../varied\n").unwrap();
    std::fs::write(hand_in.join("huge.answers.txt"), "# x\n".repeat(100_000)).unwrap();
    std::fs::write(hand_in.join("binary.answers.txt"), [0xff, 0xfe, 0, 1, 2]).unwrap();
    // A second file from alice is not averaged in.
    std::fs::copy(
        hand_in.join("varied-alice.answers.txt"),
        hand_in.join("varied-alice2.answers.txt"),
    )
    .unwrap();
    let csv = dir.join("grades.csv");
    let o = synack(
        &[
            "quiz",
            "grade",
            "--secret",
            SECRET,
            hand_in.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
        b"",
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    for name in [
        "junk.answers.txt",
        "gone.answers.txt",
        "path.answers.txt",
        "huge.answers.txt",
        "binary.answers.txt",
        "varied-alice2.answers.txt",
    ] {
        assert!(err.contains(name), "{name} not named in {err}");
    }
    assert!(
        err.contains("no-such-lesson") && err.contains("262144"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let table = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(table.lines().count(), 5, "{table}");
    assert!(table.contains("\"alice\",100.00"));
    let missing = synack(
        &[
            "quiz",
            "grade",
            "--secret",
            SECRET,
            "no/such/file.answers.txt",
        ],
        b"",
    );
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("no/such/file.answers.txt"));
}
