//! `--gift FILE` and `--moodle-xml FILE`: a quiz's questions as a Moodle
//! question bank, for a teacher who would rather have Moodle ask them.
//!
//! Each question carries the ladder up to its moment (as the session and the
//! sheet show it), so it stands on its own in a Moodle quiz. Numbers are
//! numerical questions (a duration within 1 %, as the session grades it; an
//! off-by-one that forgot SYN or FIN at half marks), flags, hex, bits and
//! windows are short answers with every spelling the session accepts that a
//! short answer can list, and states and sides are multiple choice. The
//! explanation is the general feedback, shown after the answer.

use std::fmt::Write as _;

use super::Quiz;
use super::sheet::{escape_html, ladders};
use crate::quiz::answer::Expected;
use crate::quiz::question::Question;
use crate::tcp::State;
use crate::trace::Host;
use crate::view::labels::host_text;

/// How Moodle is to grade one question.
enum Answers {
    /// `(fraction in %, value, tolerance)`.
    Numerical(Vec<(u8, String, String)>),
    /// Every accepted spelling, each full marks.
    Short(Vec<String>),
    /// The right choice and the wrong ones.
    Choice { right: String, wrong: Vec<String> },
}

/// A question as both formats need it.
struct Item {
    name: String,
    /// HTML: the ladder, the prompt, the hint.
    text: String,
    answers: Answers,
    /// HTML: the explanation.
    feedback: String,
}

fn items(quiz: &Quiz) -> Vec<Item> {
    // The run is already drawn once; a ladder that cannot be drawn leaves
    // the question without its picture rather than without the question.
    let ladders = ladders(quiz).unwrap_or_default();
    quiz.questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut text = String::new();
            if let Some(ladder) = ladders.get(i) {
                let _ = write!(text, "<pre>{}</pre>", escape_html(ladder));
            }
            let _ = write!(text, "<p>{}</p>", escape_html(&q.prompt));
            if let Some(hint) = &q.hint {
                let _ = write!(text, "<p><em>{}</em></p>", escape_html(hint));
            }
            let feedback = q
                .explanation
                .iter()
                .map(|s| format!("<p>{}</p>", escape_html(s)))
                .collect::<String>();
            Item {
                name: format!("{} Q{} ({})", quiz.lesson, i + 1, q.kind.name()),
                text,
                answers: answers(quiz, q),
                feedback,
            }
        })
        .collect()
}

/// A decimal without trailing zeros: `1`, `0.2`, `0.001`.
fn decimal(value: f64) -> String {
    let s = format!("{value:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn answers(quiz: &Quiz, q: &Question) -> Answers {
    match &q.expected {
        Expected::Number { value, near } => {
            let mut list = vec![(100, value.to_string(), "0".to_string())];
            if let Some(near) = near {
                list.push((50, near.to_string(), "0".to_string()));
            }
            Answers::Numerical(list)
        }
        Expected::Seconds(us) => {
            // The session's own tolerance: 1 %, and never under a millisecond.
            let tolerance = (us / 100).max(1_000);
            Answers::Numerical(vec![(
                100,
                decimal(*us as f64 / 1e6),
                decimal(tolerance as f64 / 1e6),
            )])
        }
        Expected::Flags(flags) => {
            let names: Vec<&str> = flags.names().collect();
            Answers::Short(
                permutations(&names)
                    .into_iter()
                    .map(|p| p.join(","))
                    .collect(),
            )
        }
        Expected::Hex16(v) => Answers::Short(vec![format!("0x{v:04x}"), format!("{v:04x}")]),
        Expected::Bits8(b) => Answers::Short(vec![format!("{b:08b}")]),
        Expected::List(l) => {
            let parts: Vec<String> = l.iter().map(u16::to_string).collect();
            Answers::Short(vec![parts.join(" "), parts.join(","), parts.join(", ")])
        }
        Expected::State(s) => Answers::Choice {
            right: s.name().to_string(),
            wrong: distractors(*s)
                .into_iter()
                .map(|d| d.name().to_string())
                .collect(),
        },
        Expected::Side(h) => {
            let other = match h {
                Host::Client => Host::Server,
                Host::Server => Host::Client,
            };
            Answers::Choice {
                right: host_text(quiz.lang, *h),
                wrong: vec![host_text(quiz.lang, other)],
            }
        }
    }
}

/// Every order of a few flag names (a segment carries at most a handful).
fn permutations(names: &[&str]) -> Vec<Vec<String>> {
    if names.len() <= 1 || names.len() > 4 {
        return vec![names.iter().map(|n| n.to_string()).collect()];
    }
    let mut out = Vec::new();
    for (i, first) in names.iter().enumerate() {
        let rest: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, n)| *n)
            .collect();
        for mut tail in permutations(&rest) {
            tail.insert(0, first.to_string());
            out.push(tail);
        }
    }
    out
}

/// Three wrong states: the right one's neighbours in RFC 9293's list, the
/// states a student mixes it up with, always the same three.
fn distractors(right: State) -> Vec<State> {
    let at = State::ALL.iter().position(|s| *s == right).unwrap_or(0);
    let mut others: Vec<(usize, usize)> = (0..State::ALL.len())
        .filter(|&i| i != at)
        .map(|i| (i.abs_diff(at), i))
        .collect();
    others.sort_unstable();
    let mut picked: Vec<usize> = others.into_iter().take(3).map(|(_, i)| i).collect();
    picked.sort_unstable();
    picked.into_iter().map(|i| State::ALL[i]).collect()
}

/// Text for GIFT: its specials `~ = # { } :` and the backslash escaped, line
/// breaks as `\n`, so a question is always one line.
fn gift_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The category questions are filed under: the lesson, and the student
/// when it is a student's variant.
fn category(quiz: &Quiz) -> String {
    match &quiz.student {
        Some(s) => format!("synack/{}/{}", quiz.lesson, s.replace('/', "_")),
        None => format!("synack/{}", quiz.lesson),
    }
}

/// The questions in Moodle's GIFT format.
pub fn gift(quiz: &Quiz) -> String {
    let mut out = format!(
        "// synack quiz: {}\n$CATEGORY: {}\n",
        quiz.title.replace('\n', " "),
        gift_escape(&category(quiz))
    );
    for item in items(quiz) {
        let body = match &item.answers {
            Answers::Numerical(list) => {
                let parts: Vec<String> = list
                    .iter()
                    .map(|(f, v, t)| {
                        if *f == 100 {
                            format!("={v}:{t}")
                        } else {
                            format!("=%{f}%{v}:{t}")
                        }
                    })
                    .collect();
                format!("#{}", parts.join(" "))
            }
            Answers::Short(list) => list
                .iter()
                .map(|a| format!("={}", gift_escape(a)))
                .collect::<Vec<_>>()
                .join(" "),
            Answers::Choice { right, wrong } => {
                let mut parts = vec![format!("={}", gift_escape(right))];
                parts.extend(wrong.iter().map(|w| format!("~{}", gift_escape(w))));
                parts.join(" ")
            }
        };
        let feedback = if item.feedback.is_empty() {
            String::new()
        } else {
            format!(" ####{}", gift_escape(&item.feedback))
        };
        let _ = writeln!(
            out,
            "\n::{}::[html]{}{{{body}{feedback}}}",
            gift_escape(&item.name),
            gift_escape(&item.text)
        );
    }
    out
}

/// Text as XML character data: markup and the characters XML 1.0 does not
/// allow dropped or escaped.
fn xml_text(text: &str) -> String {
    escape_html(text)
}

/// Only the characters XML 1.0 allows.
fn xml_chars(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || c >= ' ')
        .filter(|&c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// A CDATA section holding `text`; a `]]>` inside is split across two
/// sections, the only way CDATA can carry it.
fn cdata(text: &str) -> String {
    format!(
        "<![CDATA[{}]]>",
        xml_chars(text).replace("]]>", "]]]]><![CDATA[>")
    )
}

/// The questions as Moodle XML.
pub fn moodle_xml(quiz: &Quiz) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let _ = write!(
        out,
        "  <question type=\"category\">\n    <category><text>{}</text></category>\n  </question>\n",
        xml_text(&format!("$course$/{}", category(quiz)))
    );
    for item in items(quiz) {
        let kind = match item.answers {
            Answers::Numerical(_) => "numerical",
            Answers::Short(_) => "shortanswer",
            Answers::Choice { .. } => "multichoice",
        };
        let _ = write!(
            out,
            "  <question type=\"{kind}\">\n    <name><text>{}</text></name>\n    \
             <questiontext format=\"html\"><text>{}</text></questiontext>\n    \
             <generalfeedback format=\"html\"><text>{}</text></generalfeedback>\n    \
             <defaultgrade>1</defaultgrade>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n",
            xml_text(&item.name),
            cdata(&item.text),
            cdata(&item.feedback)
        );
        match &item.answers {
            Answers::Numerical(list) => {
                for (f, v, t) in list {
                    let _ = writeln!(
                        out,
                        "    <answer fraction=\"{f}\" format=\"moodle_auto_format\"><text>{}</text><tolerance>{}</tolerance><feedback format=\"html\"><text></text></feedback></answer>",
                        xml_text(v),
                        xml_text(t)
                    );
                }
            }
            Answers::Short(list) => {
                out.push_str("    <usecase>0</usecase>\n");
                for a in list {
                    let _ = writeln!(
                        out,
                        "    <answer fraction=\"100\" format=\"moodle_auto_format\"><text>{}</text><feedback format=\"html\"><text></text></feedback></answer>",
                        xml_text(a)
                    );
                }
            }
            Answers::Choice { right, wrong } => {
                out.push_str(
                    "    <single>true</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n",
                );
                let all = std::iter::once((100, right)).chain(wrong.iter().map(|w| (0, w)));
                for (f, a) in all {
                    let _ = writeln!(
                        out,
                        "    <answer fraction=\"{f}\" format=\"html\"><text>{}</text><feedback format=\"html\"><text></text></feedback></answer>",
                        xml_text(a)
                    );
                }
            }
        }
        out.push_str("  </question>\n");
    }
    out.push_str("</quiz>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gift_specials_are_escaped() {
        assert_eq!(
            gift_escape("a=b:c{d}~e#f\\g"),
            "a\\=b\\:c\\{d\\}\\~e\\#f\\\\g"
        );
        assert_eq!(gift_escape("1\n2"), "1\\n2");
    }

    #[test]
    fn cdata_never_ends_early() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(xml_chars("a\u{1}b\tc"), "ab\tc");
    }

    #[test]
    fn distractors_are_three_neighbours() {
        let d = distractors(State::SynSent);
        assert_eq!(d, vec![State::Closed, State::Listen, State::SynReceived]);
        assert_eq!(distractors(State::TimeWait).len(), 3);
        assert!(!distractors(State::Closed).contains(&State::Closed));
    }

    #[test]
    fn flags_are_accepted_in_any_order() {
        let p = permutations(&["FIN", "PSH", "ACK"]);
        assert_eq!(p.len(), 6);
        assert!(p.contains(&vec!["ACK".into(), "FIN".into(), "PSH".into()]));
        assert_eq!(decimal(0.2), "0.2");
        assert_eq!(decimal(240.0), "240");
    }
}
