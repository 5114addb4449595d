//! `synack quiz NAME --student ID --export DIR`: the student's homework. A
//! sheet in Markdown (for the course page or an editor) and in HTML (one
//! self-contained file that prints well), each question under the ladder as
//! the session would show it at that moment; and the blank answer file the
//! student fills in and hands back for `quiz grade`.
//!
//! A sheet carries no key: no expected value, no explanation, nothing drawn
//! past a question's step. The same student and secret give the same bytes,
//! so a teacher can export again without the students noticing a change.

use std::path::{Path, PathBuf};

use super::answers::AnswerFile;
use super::session::Shared;
use super::{Quiz, Run};
use crate::app::AppError;
use crate::app::output::{ViewOptions, Views, create_error};
use crate::quiz::question::Question;
use crate::tr;
use crate::view::style::Style;

/// An ID (or a lesson's name) as part of a file name: letters, digits, `-`,
/// `_` and `.` kept, everything else `_`, so no ID can name a path outside
/// the folder or a file the shell would trip over.
pub fn file_safe(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    // `.` and `..` alone would still name a folder.
    if safe.chars().all(|c| c == '.') {
        safe.replace('.', "_")
    } else {
        safe
    }
}

/// The stem every file of a student's quiz shares: `LESSON-ID`.
pub fn stem(quiz: &Quiz) -> String {
    match &quiz.student {
        Some(id) => format!("{}-{}", file_safe(&quiz.lesson), file_safe(id)),
        None => file_safe(&quiz.lesson),
    }
}

/// Writes `quiz`'s sheet and blank answer file into `dir`; returns the files written.
pub fn export(quiz: &Quiz, dir: &Path) -> Result<Vec<PathBuf>, AppError> {
    std::fs::create_dir_all(dir).map_err(|e| create_error(dir, e))?;
    let stem = stem(quiz);
    let answers_name = format!("{stem}.answers.txt");
    let ladders = ladders(quiz)?;
    let blank = AnswerFile {
        lesson: quiz.lesson.clone(),
        student: quiz.student.clone(),
        questions: Some(quiz.questions.len()),
        ..AnswerFile::default()
    };
    let files = [
        (
            format!("{stem}.md"),
            markdown(quiz, &ladders, &answers_name),
        ),
        (format!("{stem}.html"), html(quiz, &ladders, &answers_name)),
        (answers_name.clone(), blank.write(&quiz.questions)),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| create_error(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// For each question, the ladder drawn up to (not including) its step,
/// without colour, 80 columns: what a session shows when it stops to ask.
/// The ladder is never ended, so no closing summary gives a state away.
pub fn ladders(quiz: &Quiz) -> Result<Vec<String>, AppError> {
    match &quiz.run {
        Run::Tcp(run) => ladders_of(quiz, run.meta.as_ref(), &run.steps),
        Run::Rdt(run) => ladders_of(quiz, run.meta.as_ref(), &run.steps),
    }
}

fn ladders_of<S: Views>(
    quiz: &Quiz,
    meta: Option<&S::Meta>,
    steps: &[S],
) -> Result<Vec<String>, AppError> {
    let view = ViewOptions {
        lang: quiz.lang,
        style: Style {
            color: false,
            ..Style::default()
        },
        width: 80,
        ..ViewOptions::default()
    };
    let shared = Shared::default();
    let mut writer = shared.clone();
    let mut ladder = S::ladder(&view, &mut writer);
    if let Some(meta) = meta {
        ladder.begin(meta)?;
    }
    let so_far = || String::from_utf8_lossy(&shared.0.borrow()).into_owned();
    let mut out = Vec::with_capacity(quiz.questions.len());
    let mut next = quiz.questions.iter().peekable();
    for (i, step) in steps.iter().enumerate() {
        while next.next_if(|q| q.step == i).is_some() {
            out.push(so_far());
        }
        ladder.step(step)?;
    }
    // A question past the last step (none is made so) sees the whole run.
    while next.next().is_some() {
        out.push(so_far());
    }
    drop(ladder);
    Ok(out)
}

/// What the sheet says of one question, in the quiz's language.
struct Asked {
    heading: String,
    prompt: String,
    hint: Option<String>,
    form: String,
    line: String,
}

fn asked(quiz: &Quiz, n: usize, q: &Question) -> Asked {
    let lang = quiz.lang;
    Asked {
        heading: tr!(
            lang,
            "quiz-question",
            n = n,
            total = quiz.questions.len(),
            kind = q.kind.name()
        ),
        prompt: q.prompt.clone(),
        hint: q
            .hint
            .as_ref()
            .map(|h| tr!(lang, "quiz-hint", hint = h.as_str())),
        form: tr!(lang, "quiz-sheet-form", form = q.expected.form(lang)),
        line: format!("{n} = "),
    }
}

fn heading(quiz: &Quiz) -> (String, Option<String>) {
    let lang = quiz.lang;
    (
        tr!(lang, "quiz-sheet-title", title = quiz.title.as_str()),
        quiz.student
            .as_ref()
            .map(|s| tr!(lang, "quiz-sheet-student", student = s.as_str())),
    )
}

fn instructions(quiz: &Quiz, answers: &str) -> String {
    tr!(
        quiz.lang,
        "quiz-sheet-instructions",
        count = quiz.questions.len(),
        file = answers
    )
}

/// Markdown's inline specials in prose, escaped; backticks are kept, as the
/// hints use them for commands.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

fn markdown(quiz: &Quiz, ladders: &[String], answers: &str) -> String {
    let (title, student) = heading(quiz);
    let mut out = format!("# {}\n\n", md(&title));
    if let Some(s) = student {
        out.push_str(&format!("**{}**\n\n", md(&s)));
    }
    out.push_str(&format!("{}\n", md(&instructions(quiz, answers))));
    for (i, q) in quiz.questions.iter().enumerate() {
        let a = asked(quiz, i + 1, q);
        let ladder = ladders.get(i).map_or("", String::as_str);
        let fence = fence(ladder);
        out.push_str(&format!("\n## {}\n\n", md(&a.heading)));
        out.push_str(&format!("{fence}text\n{}", ladder));
        if !ladder.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{fence}\n\n{}\n\n", md(&a.prompt)));
        if let Some(hint) = &a.hint {
            out.push_str(&format!("*{}*\n\n", md(hint)));
        }
        out.push_str(&format!("{}\n\n", md(&a.form)));
        out.push_str(&format!("`{}`\n", a.line));
    }
    out
}

/// Text for HTML: markup escaped, as the pictures escape it.
pub fn escape_html(text: &str) -> String {
    crate::picture::svg::esc(text)
}

/// Large type on screen, the ladder small enough to fit a printed page's
/// width at 80 columns, each question kept together when it fits a page.
const CSS: &str = "\
body { font: 18px/1.5 system-ui, -apple-system, \"Segoe UI\", sans-serif; color: #111; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-top: 2px solid #444; padding-top: .75rem; break-after: avoid; }
.student { font-size: 1.2rem; font-weight: bold; }
pre { font: 14px/1.25 \"DejaVu Sans Mono\", Menlo, Consolas, monospace; background: #f6f6f6; border: 1px solid #999; padding: .5rem; overflow-x: auto; }
.ask { break-inside: avoid; }
.prompt { font-size: 1.15rem; font-weight: bold; }
.hint { font-style: italic; }
.write { font: 1.1rem monospace; border-bottom: 1px solid #111; padding-bottom: 1.5rem; }
@media print {
  body { font-size: 12pt; max-width: none; margin: 0; padding: 0; }
  pre { font-size: 8pt; background: none; overflow: visible; white-space: pre; }
  h2 { margin-top: 1.5rem; }
}
";

fn html(quiz: &Quiz, ladders: &[String], answers: &str) -> String {
    let (title, student) = heading(quiz);
    let lang = match quiz.lang {
        crate::narrate::Lang::En => "en",
        crate::narrate::Lang::Pt => "pt-BR",
    };
    let e = escape_html;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        e(&title),
        e(&title)
    );
    if let Some(s) = student {
        out.push_str(&format!("<p class=\"student\">{}</p>\n", e(&s)));
    }
    out.push_str(&format!(
        "<p>{}</p>\n</header>\n",
        e(&instructions(quiz, answers))
    ));
    for (i, q) in quiz.questions.iter().enumerate() {
        let a = asked(quiz, i + 1, q);
        let ladder = ladders.get(i).map_or("", String::as_str);
        out.push_str(&format!(
            "<section>\n<h2>{}</h2>\n<pre>{}</pre>\n<div class=\"ask\">\n<p class=\"prompt\">{}</p>\n",
            e(&a.heading),
            e(ladder),
            e(&a.prompt)
        ));
        if let Some(hint) = &a.hint {
            out.push_str(&format!("<p class=\"hint\">{}</p>\n", e(hint)));
        }
        out.push_str(&format!(
            "<p class=\"form\">{}</p>\n<p class=\"write\">{}</p>\n</div>\n</section>\n",
            e(&a.form),
            e(&a.line)
        ));
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_safe_file_names() {
        assert_eq!(file_safe("alice"), "alice");
        assert_eq!(file_safe("../etc/passwd"), ".._etc_passwd");
        assert_eq!(file_safe(".."), "__");
        assert_eq!(file_safe("a b/c"), "a_b_c");
        assert_eq!(file_safe("joão.silva"), "joão.silva");
    }

    #[test]
    fn text_is_escaped_for_html_and_fenced_for_markdown() {
        assert_eq!(
            escape_html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(fence("no ticks"), "```");
        assert_eq!(fence("a ```` b"), "`````");
        assert_eq!(md("*a_b*"), "\\*a\\_b\\*");
    }
}
