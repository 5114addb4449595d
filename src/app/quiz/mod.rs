//! `synack quiz`: a lesson as questions. This module prepares a quiz (the
//! lesson, the student's variant, the run, the questions); [`session`] asks
//! them at the terminal or from a script, [`sheet`] writes homework and
//! [`grade`] marks answer files.

pub mod answers;
pub mod bank;
pub mod grade;
pub mod session;
pub mod sheet;

use crate::flow::Collected;
use crate::lesson::{BUILTIN, Lesson};
use crate::narrate::Lang;
use crate::quiz::generate::{choose, rdt_candidates, tcp_candidates};
use crate::quiz::question::Question;
use crate::quiz::spec::{self, QuestionSpec, QuizSpec};
use crate::quiz::variant;
use crate::rdt::lesson::{RDT_BUILTIN, RdtLesson};
use crate::rdt::trace::RdtStep;
use crate::tr;
use crate::trace::Step;

use super::AppError;
use super::rdt::app_error;

/// How many questions a quiz asks when the lesson lists none and no
/// `--questions` says otherwise: enough to cover a lesson, short enough for
/// the end of a class.
pub const DEFAULT_QUESTIONS: usize = 8;

/// Who the quiz is for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Student {
    /// The ID as given (kept for the gradebook).
    pub id: String,
    /// The teacher's secret the variant is drawn from.
    pub secret: String,
}

/// What to prepare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizRequest {
    /// A built-in lesson's name, or a lesson file.
    pub lesson: String,
    pub student: Option<Student>,
    /// At most this many questions.
    pub most: Option<usize>,
    pub lang: Lang,
}

/// The run a quiz replays.
#[derive(Clone, Debug)]
pub enum Run {
    Tcp(Collected<Step>),
    Rdt(Collected<RdtStep>),
}

/// A quiz, ready to ask.
#[derive(Clone, Debug)]
pub struct Quiz {
    /// The lesson's name (a file's stem).
    pub lesson: String,
    pub title: String,
    pub student: Option<String>,
    pub run: Run,
    pub questions: Vec<Question>,
    pub lang: Lang,
}

/// The lesson's text and whether it is an rdt lesson.
fn lesson_text(spec: &str) -> Result<(String, bool), AppError> {
    if let Some((_, text)) = BUILTIN.iter().find(|(n, _)| *n == spec) {
        return Ok((text.to_string(), false));
    }
    if let Some((_, text)) = RDT_BUILTIN.iter().find(|(n, _)| *n == spec) {
        return Ok((text.to_string(), true));
    }
    // A file: the TCP loader reports a missing or unreadable one in full.
    let lesson = Lesson::load(spec, &[]);
    let text = std::fs::read_to_string(spec).unwrap_or_default();
    let rdt = text.lines().any(|l| l.trim() == "[rdt]");
    if !rdt {
        lesson?;
    }
    Ok((text, rdt))
}

/// The lesson's name: a built-in's, or a file's stem.
fn lesson_name(spec: &str) -> String {
    std::path::Path::new(spec)
        .file_stem()
        .map_or_else(|| spec.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Prepares the quiz `request` asks for.
pub fn prepare(request: &QuizRequest) -> Result<Quiz, AppError> {
    let lang = request.lang;
    let (text, rdt) = lesson_text(&request.lesson)?;
    let quiz_spec = spec::read(&text, lang)
        .map_err(|message| AppError::Quiz(format!("{}: {message}", request.lesson)))?;
    let name = lesson_name(&request.lesson);
    let (title, run, candidates) = if rdt {
        let mut lesson = RdtLesson::load(&request.lesson).map_err(app_error)?;
        if let Some(student) = &request.student {
            let seed = variant::seed(&student.secret, &name, &student.id);
            variant::apply_rdt(&mut lesson, &quiz_spec.vary, seed);
        }
        let mut run = Collected::default();
        let _ = lesson.run(lang, &mut run).map_err(app_error)?;
        let candidates = rdt_candidates(&run.steps, lang);
        (lesson.meta(lang).title, Run::Rdt(run), candidates)
    } else {
        let mut lesson = Lesson::load(&request.lesson, &[])?;
        if let Some(student) = &request.student {
            let seed = variant::seed(&student.secret, &name, &student.id);
            variant::apply(&mut lesson, &quiz_spec.vary, seed);
        }
        let mut run = Collected::default();
        // A variant's promises are the lesson's, not the quiz's concern.
        let _ = lesson.run(lang, &mut run)?;
        let candidates = tcp_candidates(&run.steps, lang);
        (lesson.meta(lang).title, Run::Tcp(run), candidates)
    };
    let mut questions = declared(&quiz_spec, &candidates, lang, &request.lesson)?
        .unwrap_or_else(|| choose(candidates, request.most.unwrap_or(DEFAULT_QUESTIONS)));
    if let Some(most) = request.most {
        questions.truncate(most);
    }
    Ok(Quiz {
        lesson: name,
        title,
        student: request.student.as_ref().map(|s| s.id.clone()),
        run,
        questions,
        lang,
    })
}

/// The lesson's own questions, each the `nth` moment of its kind (and side)
/// among the candidates; `None` when it lists none.
fn declared(
    spec: &QuizSpec,
    candidates: &[Question],
    lang: Lang,
    file: &str,
) -> Result<Option<Vec<Question>>, AppError> {
    if spec.questions.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for (i, q) in spec.questions.iter().enumerate() {
        let found = find(q, candidates).ok_or_else(|| {
            let side = q.side.map_or(String::new(), |h| {
                format!(" ({})", crate::view::labels::host_text(lang, h))
            });
            AppError::Quiz(tr!(
                lang,
                "quiz-spec-no-moment",
                file = file,
                n = i + 1,
                kind = q.kind.name(),
                side = side,
                nth = q.nth
            ))
        })?;
        let mut question = found.clone();
        let words = match lang {
            Lang::En => &q.text[0],
            Lang::Pt => &q.text[1],
        };
        if let Some(words) = words {
            question.prompt = words.clone();
        }
        out.push(question);
    }
    out.sort_by_key(|q| q.step);
    Ok(Some(out))
}

fn find<'a>(q: &QuestionSpec, candidates: &'a [Question]) -> Option<&'a Question> {
    candidates
        .iter()
        .filter(|c| c.kind == q.kind && q.side.is_none_or(|s| s == c.side))
        .nth(q.nth - 1)
}
