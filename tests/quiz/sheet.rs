//! `--export DIR`: a student's homework sheet and blank answer file. Each
//! student gets their own numbers, the same student the same bytes, and no
//! sheet gives its key away.

use std::path::{Path, PathBuf};
use std::process::Output;

use synack_test_support::{stderr, stdout, synack};

/// A fresh folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("synack-quiz-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `data-transfer` with its initial sequence numbers varied per student, as
/// a teacher's own lesson file would: `DIR/varied.toml`.
pub fn varied_lesson(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(root.join("lessons/data-transfer.toml")).unwrap();
    // The built-in lesson's own limits give way to this file's.
    if let Some(at) = text.find("[vary]") {
        text.truncate(at);
    }
    text.push_str("\n[vary]\nisn = [1000, 90000]\n");
    let path = dir.join("varied.toml");
    std::fs::write(&path, text).unwrap();
    path
}

pub fn ok(o: &Output) -> &Output {
    assert!(o.status.success(), "synack failed: {}", stderr(o));
    o
}

/// The quiz's questions with their right answers, from `--json` with no answers.
pub fn key(lesson: &Path, student: Option<&str>, secret: &str) -> Vec<serde_json::Value> {
    // A student's session saves its answers; not in the current folder.
    let save = lesson
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!("key-{}.txt", student.unwrap_or("")));
    let save = save.to_str().unwrap();
    let lesson = lesson.to_str().unwrap();
    let mut args = vec!["quiz", lesson, "--json", "--answers", save];
    if let Some(s) = student {
        args.extend(["--student", s, "--secret", secret]);
    }
    let o = synack(&args, b"");
    let json: serde_json::Value = serde_json::from_str(&stdout(ok(&o))).unwrap();
    json["questions"].as_array().unwrap().clone()
}

pub fn export(lesson: &Path, student: &str, secret: &str, dir: &Path) {
    ok(&synack(
        &[
            "quiz",
            lesson.to_str().unwrap(),
            "--student",
            student,
            "--secret",
            secret,
            "--export",
            dir.to_str().unwrap(),
        ],
        b"",
    ));
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn each_student_gets_their_own_numbers() {
    let dir = scratch("sheet-two");
    let lesson = varied_lesson(&dir);
    export(&lesson, "alice", "s3cret", &dir.join("out"));
    export(&lesson, "bob", "s3cret", &dir.join("out"));
    let alice = read(dir.join("out/varied-alice.md"));
    let bob = read(dir.join("out/varied-bob.md"));
    assert_ne!(alice, bob);
    assert!(alice.contains("alice") && bob.contains("bob"));
    let numbers = |who| {
        key(&lesson, Some(who), "s3cret")
            .iter()
            .filter(|q| q["kind"] == "ack")
            .map(|q| q["expected"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_ne!(numbers("alice"), numbers("bob"));
    // The ISN each ladder draws is the student's own.
    let isn = |who| numbers(who)[0].parse::<u64>().unwrap() - 1;
    assert!(alice.contains(&format!("seq={}", isn("alice"))), "{alice}");
    assert!(bob.contains(&format!("seq={}", isn("bob"))));
}

#[test]
fn the_same_student_and_secret_give_the_same_bytes() {
    let dir = scratch("sheet-same");
    let lesson = varied_lesson(&dir);
    export(&lesson, "alice", "s3cret", &dir.join("a"));
    export(&lesson, "alice", "s3cret", &dir.join("b"));
    export(&lesson, "alice", "other", &dir.join("c"));
    for name in [
        "varied-alice.md",
        "varied-alice.html",
        "varied-alice.answers.txt",
    ] {
        let a = std::fs::read(dir.join("a").join(name)).unwrap();
        assert_eq!(
            a,
            std::fs::read(dir.join("b").join(name)).unwrap(),
            "{name}"
        );
    }
    assert_ne!(
        read(dir.join("a/varied-alice.md")),
        read(dir.join("c/varied-alice.md")),
        "another secret, other numbers"
    );
}

/// The text of a sheet's section after its ladder: where a key would show.
fn after_ladders<'a>(text: &'a str, section: &str, ladder_end: &str) -> Vec<&'a str> {
    text.split(section)
        .skip(1)
        .map(|s| s.rsplit_once(ladder_end).map_or(s, |(_, after)| after))
        .collect()
}

#[test]
fn a_sheet_gives_no_answer_away() {
    let dir = scratch("sheet-key");
    let lesson = varied_lesson(&dir);
    export(&lesson, "alice", "s3cret", &dir);
    let key = key(&lesson, Some("alice"), "s3cret");
    let md = read(dir.join("varied-alice.md"));
    let html = read(dir.join("varied-alice.html"));
    let blank = read(dir.join("varied-alice.answers.txt"));
    let md_asked = after_ladders(&md, "\n## ", "\n```\n");
    let html_asked = after_ladders(&html, "<section>", "</pre>");
    assert_eq!(md_asked.len(), key.len());
    assert_eq!(html_asked.len(), key.len());
    let mut checked = 0;
    for (i, q) in key.iter().enumerate() {
        let expected = q["expected"].as_str().unwrap();
        let prompt = q["prompt"].as_str().unwrap();
        assert!(md_asked[i].contains(prompt), "question {} asked", i + 1);
        // The forms name flags and two states as examples of how to write
        // them; every other answer must not be written where it is asked.
        let in_form = q["kind"] == "flags" || ["SYN-SENT", "ESTABLISHED"].contains(&expected);
        if !in_form {
            assert!(
                !md_asked[i].contains(expected),
                "{expected} in {}",
                md_asked[i]
            );
            assert!(!html_asked[i].contains(expected), "{expected} in the HTML");
            checked += 1;
        }
        for sentence in q["explanation"].as_array().unwrap() {
            let sentence = sentence.as_str().unwrap();
            assert!(
                !md.contains(sentence) && !blank.contains(sentence),
                "{sentence}"
            );
        }
    }
    assert!(checked >= 2, "only {checked} answers checked");
    // The blank answer file names the quiz and has a line per question.
    assert!(blank.contains("lesson = varied\n") && blank.contains("student = alice\n"));
    for n in 1..=key.len() {
        assert!(blank.contains(&format!("\n{n} = \n")), "line {n}");
    }
}

#[test]
fn the_html_is_one_escaped_printable_file() {
    let dir = scratch("sheet-html");
    export(Path::new("handshake"), "<b>&x", "s", &dir);
    let html = read(dir.join("handshake-_b__x.html"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("@media print"));
    assert!(!html.contains("<script") && !html.contains("src="));
    assert!(html.contains("&lt;b&gt;&amp;x") && !html.contains("<b>&x"));
    assert!(html.contains("<pre>") && html.trim_end().ends_with("</html>"));
    let md = read(dir.join("handshake-_b__x.md"));
    assert!(md.contains("\\<b\\>&x"), "the ID is not markup in Markdown");
}
