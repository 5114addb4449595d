//! The answer file: what a student hands in, and what a session saves after
//! every answer. Plain text a student can fill in with any editor: a header
//! saying which quiz it answers, then `N = answer` lines, each under its
//! question as a comment.
//!
//! ```text
//! # synack quiz answers · write each answer after its "="
//! lesson = lost-syn
//! student = alice
//! questions = 8
//!
//! # 1. (state) The client is about to change state. Which state does it move to?
//! 1 = SYN-SENT
//! ```

use std::collections::BTreeMap;

use crate::narrate::Lang;
use crate::quiz::question::Question;
use crate::tr;

/// An answer file, read or to be written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerFile {
    pub lesson: String,
    pub student: Option<String>,
    /// How many questions the quiz had: the same count regenerates the same quiz.
    pub questions: Option<usize>,
    /// Answers by question number (from 1), as typed.
    pub answers: BTreeMap<usize, String>,
}

/// Answer files larger than this are refused unread: no homework is longer.
pub const MAX_BYTES: u64 = 256 * 1024;

impl AnswerFile {
    /// The file's text, each question's prompt as a comment above its line.
    pub fn write(&self, questions: &[Question]) -> String {
        let mut out = String::from("# synack quiz answers · write each answer after its \"=\"\n");
        out.push_str(&format!("lesson = {}\n", self.lesson));
        if let Some(s) = &self.student {
            out.push_str(&format!("student = {s}\n"));
        }
        out.push_str(&format!("questions = {}\n", questions.len()));
        for (i, q) in questions.iter().enumerate() {
            let n = i + 1;
            out.push('\n');
            out.push_str(&format!(
                "# {n}. ({}) {}\n",
                q.kind.name(),
                one_line(&q.prompt)
            ));
            let answer = self.answers.get(&n).map_or("", String::as_str);
            out.push_str(&format!("{n} = {}\n", one_line(answer)));
        }
        out
    }

    /// Reads an answer file; the error names the line.
    pub fn read(text: &str, lang: Lang) -> Result<AnswerFile, String> {
        let mut file = AnswerFile::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(tr!(lang, "quiz-answers-not-a-line", n = i + 1, line = line));
            };
            let (key, value) = (key.trim(), value.trim().to_string());
            match key {
                "lesson" => file.lesson = value,
                "student" => file.student = Some(value).filter(|v| !v.is_empty()),
                "questions" => {
                    file.questions = Some(
                        value
                            .parse()
                            .map_err(|_| tr!(lang, "quiz-answers-questions", n = i + 1))?,
                    )
                }
                n => {
                    let n: usize = n
                        .parse()
                        .ok()
                        .filter(|n| (1..=1000).contains(n))
                        .ok_or_else(|| tr!(lang, "quiz-answers-unknown-key", n = i + 1, key = n))?;
                    file.answers.insert(n, value);
                }
            }
        }
        if file.lesson.is_empty() {
            return Err(tr!(lang, "quiz-answers-no-lesson"));
        }
        Ok(file)
    }
}

/// Text on one line: an answer or prompt never breaks the file's lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_file_reads_back_what_was_written() {
        let mut file = AnswerFile {
            lesson: "lost-syn".into(),
            student: Some("alice".into()),
            questions: None,
            answers: BTreeMap::new(),
        };
        file.answers.insert(2, "SYN,ACK".into());
        let question = crate::quiz::question::Question {
            kind: crate::quiz::question::Kind::Flags,
            side: crate::trace::Host::Server,
            step: 3,
            prompt: "Which flags?\nThink.".into(),
            hint: None,
            expected: crate::quiz::answer::Expected::Flags(crate::tcp::Flags::SYN),
            explanation: Vec::new(),
            partly: None,
        };
        let text = file.write(&[question.clone(), question]);
        assert!(
            text.contains("# 2. (flags) Which flags? Think.\n2 = SYN,ACK\n"),
            "{text}"
        );
        let back = AnswerFile::read(&text, Lang::En).unwrap();
        assert_eq!(back.lesson, "lost-syn");
        assert_eq!(back.answers.get(&2).map(String::as_str), Some("SYN,ACK"));
        assert!(
            AnswerFile::read("student = x\n", Lang::En)
                .unwrap_err()
                .contains("lesson")
        );
        assert!(
            AnswerFile::read("lesson = a\nfoo\n", Lang::En)
                .unwrap_err()
                .contains("line 2")
        );
    }
}
