//! A quiz session: the lesson's ladder, stopped before each question's
//! step; the answer read (typed, or one line per question from a script),
//! read again until it is in a form that can be graded, graded at once and
//! explained with `--explain`'s narration; the ladder goes on. The answers
//! are saved after every one, so a session cut short loses nothing.

use std::cell::RefCell;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::rc::Rc;

use serde_json::json;

use crate::app::output::{ViewOptions, Views};
use crate::quiz::answer::Grade;
use crate::quiz::question::Question;
use crate::tr;
use crate::view::labels::host_text;
use crate::view::style::{Paint, wrap};

use super::answers::AnswerFile;
use super::{Quiz, Run};
use crate::app::AppError;

/// How a session runs.
#[derive(Clone, Debug)]
pub struct SessionOptions {
    /// Language, colours and width of the ladder and the words.
    pub view: ViewOptions,
    /// Write each answer read after its prompt (when they come from a
    /// script, so the transcript shows them).
    pub echo: bool,
    /// The answer file saved after every answer.
    pub save: Option<PathBuf>,
    /// Print only the graded session as JSON at the end.
    pub json: bool,
}

/// One question, graded.
#[derive(Clone, Debug, PartialEq)]
pub struct Graded {
    pub question: Question,
    /// What was typed, if anything was.
    pub answer: Option<String>,
    pub grade: Grade,
}

/// The marks of a whole quiz.
pub fn score(graded: &[Graded]) -> f64 {
    graded.iter().map(|g| g.grade.score()).sum()
}

/// Longest answer line kept; the rest of a longer line is read and dropped.
const MAX_LINE: usize = 1000;

/// A line of input, at most [`MAX_LINE`] bytes kept; `None` at the end.
fn read_line(input: &mut dyn BufRead) -> io::Result<Option<String>> {
    let mut kept = Vec::new();
    let mut any = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (line, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        let room = MAX_LINE.saturating_sub(kept.len());
        kept.extend_from_slice(&line[..line.len().min(room)]);
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(any.then(|| {
        String::from_utf8_lossy(&kept)
            .trim_end_matches('\r')
            .to_string()
    }))
}

/// A writer the ladder draws into while the quiz reads what it drew so far
/// (a session, to put questions between its rows; a sheet, to cut it at
/// each question).
#[derive(Clone, Default)]
pub(super) struct Shared(pub(super) Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn drain_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let bytes = std::mem::take(&mut *self.0.borrow_mut());
        out.write_all(&bytes)?;
        out.flush()
    }
}

/// Runs `quiz`, reading answers from `input`; returns every question graded.
pub fn run(
    quiz: &Quiz,
    opts: &SessionOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Vec<Graded>, AppError> {
    let graded = match &quiz.run {
        Run::Tcp(run) => play(quiz, run.meta.as_ref(), &run.steps, opts, input, out)?,
        Run::Rdt(run) => play(quiz, run.meta.as_ref(), &run.steps, opts, input, out)?,
    };
    if opts.json {
        writeln!(out, "{}", to_json(quiz, &graded))?;
    } else {
        let (got, max) = (score(&graded), graded.len());
        let percent = if max == 0 {
            100.0
        } else {
            got * 100.0 / max as f64
        };
        let line = tr!(
            quiz.lang,
            "quiz-score",
            score = marks(got),
            max = max,
            percent = format!("{percent:.0}")
        );
        writeln!(out)?;
        writeln!(out, "{}", opts.view.style.paint(Paint::Bold, &line))?;
        if let Some(path) = &opts.save {
            let saved = tr!(quiz.lang, "quiz-saved", file = path.display().to_string());
            writeln!(out, "{}", opts.view.style.paint(Paint::Dim, &saved))?;
        }
    }
    Ok(graded)
}

/// `6.5`, `7`: marks as a teacher writes them.
pub fn marks(score: f64) -> String {
    let text = format!("{score:.1}");
    text.trim_end_matches(".0").to_string()
}

fn play<S: Views>(
    quiz: &Quiz,
    meta: Option<&S::Meta>,
    steps: &[S],
    opts: &SessionOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Vec<Graded>, AppError> {
    let lang = quiz.lang;
    let style = opts.view.style;
    let shared = Shared::default();
    let mut ladder_out = shared.clone();
    let mut sink = io::sink();
    let ladder_writer: &mut dyn Write = if opts.json {
        &mut sink
    } else {
        &mut ladder_out
    };
    let mut ladder = S::ladder(&opts.view, ladder_writer);
    let mut file = AnswerFile {
        lesson: quiz.lesson.clone(),
        student: quiz.student.clone(),
        questions: Some(quiz.questions.len()),
        ..AnswerFile::default()
    };
    let mut graded = Vec::new();
    let mut ended = false;
    let say = |out: &mut dyn Write, paint: Paint, indent: &str, text: &str| -> io::Result<()> {
        for line in wrap(text, opts.view.width.saturating_sub(indent.len()).max(30)) {
            writeln!(out, "{indent}{}", style.paint(paint, &line))?;
        }
        Ok(())
    };
    if !opts.json {
        let heading = match &quiz.student {
            Some(s) => tr!(
                lang,
                "quiz-heading-student",
                title = quiz.title.as_str(),
                student = s.as_str()
            ),
            None => tr!(lang, "quiz-heading", title = quiz.title.as_str()),
        };
        writeln!(out, "{}", style.paint(Paint::Bold, &heading))?;
        say(
            out,
            Paint::Dim,
            "",
            &tr!(lang, "quiz-intro", count = quiz.questions.len()),
        )?;
        writeln!(out)?;
    }
    if let Some(meta) = meta {
        ladder.begin(meta)?;
    }
    let mut next = 0;
    for (i, step) in steps.iter().enumerate() {
        while let Some(q) = quiz.questions.get(next).filter(|q| q.step == i) {
            next += 1;
            shared.drain_to(out)?;
            let n = graded.len() + 1;
            let answer = if ended {
                None
            } else {
                ask(quiz, q, n, opts, input, out, &say)?
            };
            ended |= answer.is_none();
            let grade = answer
                .as_deref()
                .and_then(|a| q.expected.read(a))
                .map_or(Grade::Wrong, |g| q.expected.grade(&g));
            if !opts.json {
                tell(quiz, q, answer.is_some(), grade, out, &say)?;
            }
            if let Some(a) = &answer {
                file.answers.insert(n, a.clone());
            }
            graded.push(Graded {
                question: q.clone(),
                answer,
                grade,
            });
            if let Some(path) = &opts.save {
                save(path, &file.write(&quiz.questions))?;
            }
        }
        ladder.step(step)?;
    }
    ladder.end()?;
    drop(ladder);
    shared.drain_to(out)?;
    Ok(graded)
}

/// Writes the answer file whole, through a temporary beside it, so an
/// interrupted write never leaves half a file.
fn save(path: &std::path::Path, text: &str) -> Result<(), AppError> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| super::super::output::create_error(path, e))
}

type Say<'s> = dyn Fn(&mut dyn Write, Paint, &str, &str) -> io::Result<()> + 's;

/// Asks question `n` until an answer in the expected form comes; `None`
/// when the input ends first.
fn ask(
    quiz: &Quiz,
    q: &Question,
    n: usize,
    opts: &SessionOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    say: &Say,
) -> Result<Option<String>, AppError> {
    let lang = quiz.lang;
    let style = opts.view.style;
    let form = q.expected.form(lang);
    if !opts.json {
        writeln!(out)?;
        let heading = tr!(
            lang,
            "quiz-question",
            n = n,
            total = quiz.questions.len(),
            kind = q.kind.name()
        );
        writeln!(
            out,
            "{}",
            style.paint(Paint::Bold, &format!("❓ {heading}"))
        )?;
        say(out, Paint::Bold, "   ", &q.prompt)?;
        if let Some(hint) = &q.hint {
            say(
                out,
                Paint::Dim,
                "   ",
                &tr!(lang, "quiz-hint", hint = hint.as_str()),
            )?;
        }
    }
    loop {
        if !opts.json {
            write!(
                out,
                "   {} ",
                tr!(lang, "quiz-answer-prompt", form = form.as_str())
            )?;
            out.flush()?;
        }
        let Some(line) = read_line(input)? else {
            if !opts.json {
                writeln!(out)?;
            }
            return Ok(None);
        };
        if opts.echo && !opts.json {
            writeln!(out, "{line}")?;
        }
        if q.expected.read(&line).is_some() {
            return Ok(Some(line.trim().to_string()));
        }
        if !opts.json {
            say(
                out,
                Paint::Note,
                "   ",
                &format!(
                    "↺ {}",
                    tr!(lang, "quiz-not-an-answer", form = form.as_str())
                ),
            )?;
        }
    }
}

/// The verdict and why.
fn tell(
    quiz: &Quiz,
    q: &Question,
    answered: bool,
    grade: Grade,
    out: &mut dyn Write,
    say: &Say,
) -> io::Result<()> {
    let lang = quiz.lang;
    let answer = q.expected.shown();
    let (mark, paint, text) = match (answered, grade) {
        (false, _) => (
            "✗",
            Paint::Reset,
            tr!(lang, "quiz-no-answer", answer = answer.as_str()),
        ),
        (_, Grade::Right) => (
            "✓",
            Paint::Syn,
            tr!(lang, "quiz-right", answer = answer.as_str()),
        ),
        (_, Grade::Partly) => (
            "◐",
            Paint::Note,
            match &q.partly {
                Some(why) => tr!(
                    lang,
                    "quiz-partly",
                    answer = answer.as_str(),
                    why = why.as_str()
                ),
                None => tr!(lang, "quiz-partly-plain", answer = answer.as_str()),
            },
        ),
        (_, Grade::Wrong) => (
            "✗",
            Paint::Reset,
            tr!(lang, "quiz-wrong", answer = answer.as_str()),
        ),
    };
    say(out, paint, "   ", &format!("{mark} {text}"))?;
    for sentence in &q.explanation {
        say(out, Paint::Dim, "     ", sentence)?;
    }
    writeln!(out)
}

/// The graded session as one JSON object.
pub fn to_json(quiz: &Quiz, graded: &[Graded]) -> serde_json::Value {
    let questions: Vec<serde_json::Value> = graded
        .iter()
        .enumerate()
        .map(|(i, g)| {
            json!({
                "number": i + 1,
                "kind": g.question.kind.name(),
                "side": g.question.side.name(),
                "step": g.question.step,
                "prompt": g.question.prompt,
                "answer": g.answer,
                "expected": g.question.expected.shown(),
                "grade": g.grade.name(),
                "score": g.grade.score(),
                "explanation": g.question.explanation,
            })
        })
        .collect();
    json!({
        "lesson": quiz.lesson,
        "student": quiz.student,
        "lang": quiz.lang.code(),
        "score": score(graded),
        "max": graded.len(),
        "questions": questions,
    })
}

/// `synack quiz NAME --list`: every question, where it is asked and of whom.
pub fn list(quiz: &Quiz, out: &mut dyn Write) -> io::Result<()> {
    let lang = quiz.lang;
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "quiz-list-heading",
            count = quiz.questions.len(),
            lesson = quiz.lesson.as_str()
        )
    )?;
    for (i, q) in quiz.questions.iter().enumerate() {
        writeln!(
            out,
            "  {}",
            tr!(
                lang,
                "quiz-list-line",
                n = i + 1,
                step = q.step + 1,
                side = host_text(lang, q.side),
                kind = q.kind.name(),
                prompt = q.prompt.as_str()
            )
        )?;
    }
    Ok(())
}
