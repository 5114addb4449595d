//! `--gift` and `--moodle-xml`: the questions as a Moodle question bank.
//! The GIFT file is read back by a small GIFT reader here, the XML checked
//! well-formed by xmllint.

use std::path::Path;

use synack_test_support::{synack, tools};

use crate::sheet::{key, ok, scratch, varied_lesson};

/// One GIFT question as read back: its title, its text, and its answers
/// (`=right`, `~wrong`, or the numerical `#…`), unescaped.
#[derive(Debug)]
struct GiftQuestion {
    title: String,
    text: String,
    answers: Vec<String>,
    feedback: String,
}

/// Splits `s` at the first unescaped `pat`; the part before is unescaped.
fn until(s: &str, pat: &str) -> Option<(String, String)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            let (_, next) = chars.next()?;
            out.push(if next == 'n' { '\n' } else { next });
        } else if s[i..].starts_with(pat) {
            return Some((out, s[i + pat.len()..].to_string()));
        } else {
            out.push(c);
        }
    }
    None
}

/// Text with GIFT's backslash escapes undone.
fn unescape(s: &str) -> String {
    until(&format!("{s}\u{0}"), "\u{0}")
        .map(|(t, _)| t)
        .unwrap_or_default()
}

/// Where the last unescaped `{` of a line is: the answers open there.
fn answers_open(line: &str) -> usize {
    let bytes = line.as_bytes();
    let (mut open, mut i) = (None, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => open = Some(i),
            _ => {}
        }
        i += 1;
    }
    open.expect("an unescaped {")
}

/// A reader for the GIFT synack writes: one question per line,
/// `::title::text{answers ####feedback}`, comments and `$CATEGORY` skipped.
fn read_gift(text: &str) -> Vec<GiftQuestion> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with("//") || line.starts_with("$CATEGORY:") {
            continue;
        }
        let open = answers_open(line);
        let head = line[..open]
            .strip_prefix("::")
            .expect("a question starts with ::");
        let body = line[open + 1..]
            .strip_suffix('}')
            .expect("a question ends with }");
        let (title, text) = until(head, "::").expect("the title ends with ::");
        let (answers, feedback) = body.split_once("####").unwrap_or((body, ""));
        out.push(GiftQuestion {
            title,
            text: unescape(&text),
            answers: split_answers(answers),
            feedback: unescape(feedback),
        });
    }
    out
}

/// `=a =b ~c` or `#=1:0 =%50%2:0`: each answer, unescaped, with its sign.
fn split_answers(raw: &str) -> Vec<String> {
    let mut answers: Vec<String> = Vec::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(last), Some(next)) = (answers.last_mut(), chars.next()) {
                    last.push(next);
                }
            }
            '=' | '~' | '#' => answers.push(c.to_string()),
            c => {
                if let Some(last) = answers.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    answers
        .into_iter()
        .map(|a| a.trim().to_string())
        .filter(|a| a != "#")
        .collect()
}

fn bank(lesson: &Path, dir: &Path) -> (String, String) {
    let gift = dir.join("bank.gift");
    let xml = dir.join("bank.xml");
    ok(&synack(
        &[
            "quiz",
            lesson.to_str().unwrap(),
            "--student",
            "alice",
            "--secret",
            "s3cret",
            "--gift",
            gift.to_str().unwrap(),
            "--moodle-xml",
            xml.to_str().unwrap(),
        ],
        b"",
    ));
    (
        std::fs::read_to_string(gift).unwrap(),
        std::fs::read_to_string(xml).unwrap(),
    )
}

#[test]
fn the_gift_file_reads_back_as_the_quiz() {
    let dir = scratch("bank-gift");
    let lesson = varied_lesson(&dir);
    let (gift, _) = bank(&lesson, &dir);
    let key = key(&lesson, Some("alice"), "s3cret");
    let questions = read_gift(&gift);
    assert_eq!(questions.len(), key.len(), "{gift}");
    let mut kinds = std::collections::BTreeSet::new();
    for (q, k) in questions.iter().zip(&key) {
        let kind = k["kind"].as_str().unwrap();
        let expected = k["expected"].as_str().unwrap();
        assert!(q.title.ends_with(&format!("({kind})")), "{}", q.title);
        assert!(
            q.text.contains(&escape(k["prompt"].as_str().unwrap())),
            "{}",
            q.text
        );
        assert!(
            q.text.starts_with("[html]<pre>"),
            "the ladder comes with it"
        );
        assert!(!q.feedback.is_empty(), "the explanation is the feedback");
        let right: Vec<&str> = q
            .answers
            .iter()
            .filter_map(|a| a.strip_prefix('='))
            .collect();
        match kind {
            "state" => {
                assert_eq!(right, [expected]);
                let wrong = q.answers.iter().filter(|a| a.starts_with('~')).count();
                assert_eq!(wrong, 3, "{:?}", q.answers);
                kinds.insert("multichoice");
            }
            "flags" | "bits" => {
                assert!(right.contains(&expected), "{:?}", q.answers);
                kinds.insert("shortanswer");
            }
            "checksum" => {
                // Both spellings of the hex value are accepted.
                let bare = expected.trim_start_matches("0x");
                assert!(
                    right.contains(&expected) && right.contains(&bare),
                    "{:?}",
                    q.answers
                );
                kinds.insert("shortanswer");
            }
            "ack" | "seq" => {
                assert_eq!(right[0], format!("{expected}:0"), "{:?}", q.answers);
                let near = expected.parse::<u64>().unwrap() - 1;
                assert!(
                    right.contains(&format!("%50%{near}:0").as_str()),
                    "{:?}",
                    q.answers
                );
                kinds.insert("numerical");
            }
            other => panic!("unexpected kind {other}"),
        }
    }
    assert_eq!(kinds.len(), 3, "{kinds:?}");
}

/// The prompt as the HTML question text writes it.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_reader_undoes_gift_escapes() {
    let q = read_gift("::a\\:b::x \\= y\\{z\\}{=SYN,ACK =ACK,SYN ####why\\: this}\n");
    assert_eq!(q[0].title, "a:b");
    assert_eq!(q[0].text, "x = y{z}");
    assert_eq!(q[0].answers, ["=SYN,ACK", "=ACK,SYN"]);
    assert_eq!(q[0].feedback, "why: this");
}

#[test]
fn the_moodle_xml_is_well_formed_with_every_question_type() {
    let dir = scratch("bank-xml");
    let lesson = varied_lesson(&dir);
    let (_, xml) = bank(&lesson, &dir);
    for kind in ["numerical", "shortanswer", "multichoice"] {
        assert!(
            xml.contains(&format!("<question type=\"{kind}\">")),
            "{kind}"
        );
    }
    assert!(xml.contains("<single>true</single>"));
    assert!(xml.contains("<tolerance>0</tolerance>"));
    assert_eq!(xml.matches("<questiontext format=\"html\">").count(), 8);
    if !tools::require("xmllint") {
        return;
    }
    // Every kind of question synack asks, from TCP and rdt lessons.
    let mut files = vec![dir.join("bank.xml")];
    for lesson in [
        "lost-syn",
        "teardown",
        "bulk-transfer",
        "rdt-go-back-n",
        "rdt-stop-and-wait",
    ] {
        let path = dir.join(format!("{lesson}.xml"));
        ok(&synack(
            &[
                "quiz",
                lesson,
                "--questions",
                "20",
                "--moodle-xml",
                path.to_str().unwrap(),
            ],
            b"",
        ));
        files.push(path);
    }
    for file in files {
        let o = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}
