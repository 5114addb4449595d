//! `synack quiz grade --secret S ANSWERS…`: every answer file marked against
//! its student's variant, a CSV for Moodle's gradebook import and a
//! feedback file per student.
//!
//! Each file names its lesson, its student and how many questions it
//! answers; with the teacher's secret that is enough to draw the very quiz
//! the student saw again, so grading needs no key kept anywhere.
//!
//! A file that cannot be graded (unreadable, too big, not an answer file, a
//! lesson that does not exist, a second file from the same student) is
//! reported by name and skipped: every other file is still graded and
//! written, and the command then fails, so a script or a teacher sees that
//! something needs a look, and no one's grade is lost to someone else's
//! broken file.
//!
//! The CSV is what Moodle's "Import grades from CSV" reads: a header row,
//! one row per student, a column for the student's ID (mapped to "ID
//! number", or to username or e-mail, in the import's "Identify user by") and
//! one column of percentages per lesson (mapped to the grade item, out of 100).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::answers::{self, AnswerFile};
use super::session::marks;
use super::sheet::file_safe;
use super::{Quiz, QuizRequest, Student, prepare};
use crate::app::AppError;
use crate::app::output::create_error;
use crate::lesson::BUILTIN;
use crate::narrate::{Lang, Localize};
use crate::quiz::answer::Grade;
use crate::rdt::lesson::RDT_BUILTIN;
use crate::tr;

/// What to grade and where the results go.
#[derive(Clone, Debug)]
pub struct GradeOptions {
    pub secret: String,
    /// Answer files, or folders of them (`*.answers.txt`).
    pub answers: Vec<PathBuf>,
    /// The CSV; standard output when `None`.
    pub csv: Option<PathBuf>,
    /// Where each student's feedback file goes; none when `None`.
    pub feedback: Option<PathBuf>,
    pub lang: Lang,
}

/// The end of an answer file's name, as `--export` and sessions write it.
const SUFFIX: &str = ".answers.txt";

/// One question of one file, marked.
struct Mark {
    answer: Option<String>,
    /// Whether the answer was in a form that could be graded.
    readable: bool,
    grade: Grade,
}

/// One answer file, graded.
struct Marked {
    path: PathBuf,
    /// The ID in the file, or the file's name when it has none.
    student: String,
    quiz: Quiz,
    marks: Vec<Mark>,
}

impl Marked {
    fn score(&self) -> f64 {
        self.marks.iter().map(|m| m.grade.score()).sum()
    }

    /// The grade out of 100.
    fn percent(&self) -> f64 {
        if self.marks.is_empty() {
            0.0
        } else {
            self.score() * 100.0 / self.marks.len() as f64
        }
    }
}

/// Grades every answer file.
pub fn grade(opts: &GradeOptions, out: &mut dyn Write) -> Result<(), AppError> {
    let lang = opts.lang;
    let mut problems = Vec::new();
    let files = collect(&opts.answers, lang, &mut problems);
    let mut graded: Vec<Marked> = Vec::new();
    for path in files {
        match mark(&path, opts) {
            Ok(m) => graded.push(m),
            Err(why) => problems.push(bad(lang, &path, &why)),
        }
    }
    // One file per student and lesson: a second is reported, not averaged in.
    let mut kept: Vec<Marked> = Vec::new();
    for m in graded {
        if let Some(first) = kept
            .iter()
            .find(|k| k.student == m.student && k.quiz.lesson == m.quiz.lesson)
        {
            let why = tr!(
                lang,
                "quiz-grade-duplicate",
                student = m.student.as_str(),
                lesson = m.quiz.lesson.as_str(),
                first = first.path.display().to_string()
            );
            problems.push(bad(lang, &m.path, &why));
        } else {
            kept.push(m);
        }
    }
    kept.sort_by(|a, b| {
        (a.student.as_str(), a.quiz.lesson.as_str()).cmp(&(b.student.as_str(), &b.quiz.lesson))
    });
    let notes = odd_counts(&kept, lang);
    if !kept.is_empty() {
        let table = csv(&kept, lang);
        match &opts.csv {
            Some(path) => std::fs::write(path, table).map_err(|e| create_error(path, e))?,
            None => out.write_all(table.as_bytes())?,
        }
        if let Some(dir) = &opts.feedback {
            write_feedback(&kept, dir, lang)?;
        }
    }
    // The summary goes where it cannot spoil the CSV: after it in its own
    // file's case, to standard error when the CSV is standard output.
    let mut summary = Vec::new();
    summary.push(match &opts.csv {
        Some(path) => tr!(
            lang,
            "quiz-graded-csv",
            count = kept.len(),
            file = path.display().to_string()
        ),
        None => tr!(lang, "quiz-graded", count = kept.len()),
    });
    if let (Some(dir), false) = (&opts.feedback, kept.is_empty()) {
        summary.push(tr!(
            lang,
            "quiz-graded-feedback",
            dir = dir.display().to_string()
        ));
    }
    summary.extend(notes);
    if opts.csv.is_some() {
        for line in &summary {
            writeln!(out, "{line}")?;
        }
    } else {
        let mut err = std::io::stderr();
        for line in &summary {
            let _ = writeln!(err, "{line}");
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let mut message = tr!(lang, "quiz-grade-failed", count = problems.len());
        for p in problems {
            message.push_str("\n  ");
            message.push_str(&p);
        }
        Err(AppError::Quiz(message))
    }
}

fn bad(lang: Lang, path: &Path, why: &str) -> String {
    tr!(
        lang,
        "quiz-grade-bad-file",
        file = path.display().to_string(),
        why = why
    )
}

/// The files to grade: each file named, and every `*.answers.txt` in each
/// folder named, by name. Nothing is read yet.
fn collect(paths: &[PathBuf], lang: Lang, problems: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(bad(lang, path, &e.to_string()));
                continue;
            }
        };
        let mut here: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(SUFFIX))
            })
            .collect();
        if here.is_empty() {
            problems.push(tr!(
                lang,
                "quiz-grade-no-files",
                dir = path.display().to_string()
            ));
        }
        here.sort();
        files.extend(here);
    }
    files
}

/// The file's text, refused unread past [`answers::MAX_BYTES`] (and read no
/// further than that, whatever the file claims its size is).
fn read_bounded(path: &Path, lang: Lang) -> Result<String, String> {
    let too_big = || tr!(lang, "quiz-grade-too-big", max = answers::MAX_BYTES);
    // The two a teacher meets (a file moved away, one not theirs to read)
    // in words, not the system's "(os error 2)".
    let unreadable = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => tr!(lang, "quiz-grade-gone"),
        std::io::ErrorKind::PermissionDenied => tr!(lang, "quiz-grade-permission"),
        _ => e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    if file.metadata().is_ok_and(|m| m.len() > answers::MAX_BYTES) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(answers::MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > answers::MAX_BYTES {
        return Err(too_big());
    }
    // An editor's odd encoding spoils only the characters it spoils.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The student's name for a file without one: its name, less `.answers.txt`.
fn stem_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.strip_suffix(SUFFIX)
        .map(str::to_string)
        .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or(name)
}

/// Where the lesson an answer file names is: a built-in's name as it is;
/// otherwise `NAME.toml` beside the answer file, or in the current folder.
/// The name is never taken as a path, so a file cannot point the grader at
/// any other file.
fn lesson_spec(name: &str, answer_file: &Path, lang: Lang) -> Result<String, String> {
    let builtin =
        BUILTIN.iter().any(|(n, _)| *n == name) || RDT_BUILTIN.iter().any(|(n, _)| *n == name);
    if builtin {
        return Ok(name.to_string());
    }
    if file_safe(name) != name {
        return Err(tr!(lang, "quiz-grade-no-lesson", name = name));
    }
    let beside = answer_file
        .parent()
        .unwrap_or(Path::new(""))
        .join(format!("{name}.toml"));
    let here = PathBuf::from(format!("{name}.toml"));
    [beside, here]
        .into_iter()
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
        .ok_or_else(|| tr!(lang, "quiz-grade-no-lesson-file", name = name))
}

fn mark(path: &Path, opts: &GradeOptions) -> Result<Marked, String> {
    let text = read_bounded(path, opts.lang)?;
    let file = AnswerFile::read(&text, opts.lang)?;
    let lesson = lesson_spec(&file.lesson, path, opts.lang)?;
    let quiz = prepare(&QuizRequest {
        lesson,
        student: file.student.as_ref().map(|id| Student {
            id: id.clone(),
            secret: opts.secret.clone(),
        }),
        most: file.questions,
        lang: opts.lang,
    })
    .map_err(|e| e.localize(opts.lang))?;
    if quiz.questions.is_empty() {
        return Err(tr!(
            opts.lang,
            "quiz-grade-no-questions",
            lesson = file.lesson.as_str()
        ));
    }
    let marks = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let answer = file
                .answers
                .get(&(i + 1))
                .filter(|a| !a.is_empty())
                .cloned();
            let given = answer.as_deref().and_then(|a| q.expected.read(a));
            Mark {
                readable: given.is_some(),
                grade: given.map_or(Grade::Wrong, |g| q.expected.grade(&g)),
                answer,
            }
        })
        .collect();
    Ok(Marked {
        path: path.to_path_buf(),
        student: file.student.clone().unwrap_or_else(|| stem_of(path)),
        quiz,
        marks,
    })
}

/// A student whose file answers a different number of questions than most
/// files of the same lesson was given a different quiz (or edited the
/// count): graded as written, but pointed out.
fn odd_counts(graded: &[Marked], lang: Lang) -> Vec<String> {
    let mut counts: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    for m in graded {
        *counts
            .entry(&m.quiz.lesson)
            .or_default()
            .entry(m.marks.len())
            .or_default() += 1;
    }
    let mut notes = Vec::new();
    for m in graded {
        let Some(usual) = counts.get(m.quiz.lesson.as_str()).and_then(|c| {
            c.iter()
                .max_by_key(|(n, files)| (**files, std::cmp::Reverse(**n)))
                .map(|(n, _)| *n)
        }) else {
            continue;
        };
        if m.marks.len() != usual {
            notes.push(tr!(
                lang,
                "quiz-grade-count-differs",
                student = m.student.as_str(),
                lesson = m.quiz.lesson.as_str(),
                count = m.marks.len(),
                usual = usual
            ));
        }
    }
    notes
}

/// A CSV field, always quoted, quotes doubled (RFC 4180); line breaks
/// become spaces so one student is always one line.
fn field(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{}\"", flat.replace('"', "\"\""))
}

/// The gradebook CSV: `"ID number"`, then one column per lesson graded;
/// a row per student, by ID; grades out of 100 with two decimals and a dot,
/// a blank cell where a student handed nothing in for a lesson.
fn csv(graded: &[Marked], lang: Lang) -> String {
    let lessons: Vec<&str> = {
        let mut l: Vec<&str> = graded.iter().map(|m| m.quiz.lesson.as_str()).collect();
        l.sort_unstable();
        l.dedup();
        l
    };
    let mut rows: BTreeMap<&str, BTreeMap<&str, f64>> = BTreeMap::new();
    for m in graded {
        rows.entry(&m.student)
            .or_default()
            .insert(&m.quiz.lesson, m.percent());
    }
    let mut out = field("ID number");
    for lesson in &lessons {
        out.push(',');
        out.push_str(&field(&tr!(lang, "quiz-csv-column", lesson = *lesson)));
    }
    out.push('\n');
    for (student, grades) in rows {
        out.push_str(&field(student));
        for lesson in &lessons {
            out.push(',');
            if let Some(p) = grades.get(lesson) {
                out.push_str(&format!("{p:.2}"));
            }
        }
        out.push('\n');
    }
    out
}

/// One `ID.feedback.md` per student: every lesson they handed in, each
/// question with their answer, the verdict, the right answer and why.
fn write_feedback(graded: &[Marked], dir: &Path, lang: Lang) -> Result<(), AppError> {
    std::fs::create_dir_all(dir).map_err(|e| create_error(dir, e))?;
    let mut by_student: BTreeMap<&str, String> = BTreeMap::new();
    for m in graded {
        let text = by_student.entry(&m.student).or_default();
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&feedback(m, lang));
    }
    for (student, text) in by_student {
        let path = dir.join(format!("{}.feedback.md", file_safe(student)));
        std::fs::write(&path, text).map_err(|e| create_error(&path, e))?;
    }
    Ok(())
}

fn feedback(m: &Marked, lang: Lang) -> String {
    let quiz = &m.quiz;
    let total = m.marks.len();
    let mut out = format!(
        "# {}\n\n**{}**\n",
        tr!(
            lang,
            "quiz-feedback-heading",
            title = quiz.title.as_str(),
            student = m.student.as_str()
        ),
        tr!(
            lang,
            "quiz-score",
            score = marks(m.score()),
            max = total,
            percent = format!("{:.0}", m.percent())
        )
    );
    for (i, (q, mark)) in quiz.questions.iter().zip(&m.marks).enumerate() {
        out.push_str(&format!(
            "\n## {}\n\n{}\n\n",
            tr!(
                lang,
                "quiz-question",
                n = i + 1,
                total = total,
                kind = q.kind.name()
            ),
            q.prompt
        ));
        let right = q.expected.shown();
        if let Some(a) = &mark.answer {
            let mut line = tr!(lang, "quiz-feedback-your-answer", answer = a.as_str());
            if !mark.readable {
                line.push(' ');
                line.push_str(&tr!(
                    lang,
                    "quiz-feedback-unreadable",
                    form = q.expected.form(lang)
                ));
            }
            out.push_str(&format!("{line}\n\n"));
        }
        let (sign, verdict) = match (&mark.answer, mark.grade) {
            (None, _) => ("✗", tr!(lang, "quiz-no-answer", answer = right.as_str())),
            (_, Grade::Right) => ("✓", tr!(lang, "quiz-right", answer = right.as_str())),
            (_, Grade::Partly) => (
                "◐",
                match &q.partly {
                    Some(why) => tr!(
                        lang,
                        "quiz-partly",
                        answer = right.as_str(),
                        why = why.as_str()
                    ),
                    None => tr!(lang, "quiz-partly-plain", answer = right.as_str()),
                },
            ),
            (_, Grade::Wrong) => ("✗", tr!(lang, "quiz-wrong", answer = right.as_str())),
        };
        out.push_str(&format!("{sign} {verdict}\n"));
        for sentence in &q.explanation {
            out.push_str(&format!("\n> {sentence}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_flat() {
        assert_eq!(field("alice"), "\"alice\"");
        assert_eq!(field("a\"b"), "\"a\"\"b\"");
        assert_eq!(field("a\nb"), "\"a b\"");
    }

    #[test]
    fn a_file_without_an_id_is_named_by_its_file() {
        assert_eq!(
            stem_of(Path::new("x/lost-syn-bob.answers.txt")),
            "lost-syn-bob"
        );
        assert_eq!(stem_of(Path::new("x/carol.txt")), "carol");
    }

    #[test]
    fn a_lesson_name_is_never_a_path() {
        let here = Path::new("answers.answers.txt");
        assert_eq!(lesson_spec("lost-syn", here, Lang::En).unwrap(), "lost-syn");
        assert!(lesson_spec("../../etc/passwd", here, Lang::En).is_err());
        assert!(lesson_spec("no-such-lesson", here, Lang::En).is_err());
    }
}
