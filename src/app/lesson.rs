//! `synack lesson list|run|check`, and the shortcuts `handshake` and `teardown`.

use std::io::Write;
use std::path::PathBuf;

use crate::lesson::{Lesson, LessonError};
use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::view::pcap::TcpFrames;
use crate::view::style::{Paint, Style};

use super::AppError;
use super::output::{Console, ViewOptions, into_views};
use super::progress::Progress;
use crate::trace::Tee;

/// `synack lesson list`: every built-in lesson with its one-line summary.
pub fn list(lang: Lang, style: Style, out: &mut dyn Write) -> Result<(), AppError> {
    let lessons = Lesson::builtin();
    let entries: Vec<(&str, &str, &str)> = lessons
        .iter()
        .map(|l| (l.name.as_str(), l.title.get(lang), l.summary.get(lang)))
        .collect();
    let heading = tr!(lang, "lesson-list-heading");
    let footer = tr!(lang, "lesson-list-footer");
    write_list(&heading, &entries, &footer, style, out)
}

/// A list of lessons: each name with its title, and its summary wrapped under
/// it to fit 80 columns. Shared by `lesson list` and `rdt lesson list`.
pub fn write_list(
    heading: &str,
    entries: &[(&str, &str, &str)],
    footer: &str,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    use crate::view::style::wrap;
    // The projector's width: every line of the list fits in it.
    const WIDTH: usize = 80;
    let width = entries
        .iter()
        .map(|(name, _, _)| name.len())
        .max()
        .unwrap_or(0);
    writeln!(out, "{}", style.paint(Paint::Title, heading))?;
    let indent = width + 4;
    let text_width = WIDTH.saturating_sub(indent).max(20);
    for (name, title, summary) in entries {
        let name = format!("{name:<width$}");
        for (i, line) in wrap(title, text_width).iter().enumerate() {
            if i == 0 {
                writeln!(out, "  {}  {line}", style.paint(Paint::Bold, &name))?;
            } else {
                writeln!(out, "{}{line}", " ".repeat(indent))?;
            }
        }
        for line in wrap(summary, text_width) {
            writeln!(
                out,
                "{}{}",
                " ".repeat(indent),
                style.paint(Paint::Dim, &line)
            )?;
        }
    }
    writeln!(out)?;
    for line in wrap(footer, WIDTH) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// What `lesson run` needs.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// A built-in name or a path.
    pub lesson: String,
    pub params: Vec<(String, String)>,
    pub view: ViewOptions,
    /// Capture files to write, as the sender saw the frames.
    pub pcap: Option<PathBuf>,
    pub pcapng: Option<PathBuf>,
    /// Show a progress bar on standard error if the run lasts (the command
    /// line asks for it when standard error is a terminal).
    pub progress: bool,
}

/// `synack lesson run NAME|FILE`: runs the lesson into the chosen view. Broken
/// `expect` lines are reported after the run on `warn` (standard error).
/// `console` is where `--step` reads its lines and shows its prompt.
pub fn run<'a>(
    opts: &RunOptions,
    out: &'a mut dyn Write,
    warn: &mut dyn Write,
    console: Option<Console<'a>>,
) -> Result<(), AppError> {
    let lesson = Lesson::load(&opts.lesson, &opts.params)?;
    let lang = opts.view.lang;
    let result = into_views::<TcpFrames, _>(
        &opts.view,
        opts.pcap.as_deref(),
        opts.pcapng.as_deref(),
        out,
        console,
        Box::new(|other| Some(lesson.meta(other))),
        |sink| {
            if !opts.progress {
                return lesson.run(lang, sink).map_err(AppError::from);
            }
            let mut progress = Progress::on_stderr(lesson.data_bytes(), lang);
            let mut tee = Tee::new();
            tee.push(sink);
            tee.push(&mut progress);
            lesson.run(lang, &mut tee).map_err(AppError::from)
        },
    );
    let checked = match result {
        Err(AppError::Output(e)) if super::stepping::quit_step(&e).is_some() => {
            let step = super::stepping::quit_step(&e).unwrap_or(0);
            // The run is deterministic: running it again unseen counts the
            // steps the user would have been shown.
            let mut count = ShownSteps(0);
            // Its expectations are not checked: the user stopped before the end.
            let _unchecked = lesson.run(lang, &mut count)?;
            writeln!(
                warn,
                "{}",
                tr!(lang, "step-stopped", step = step, total = count.0)
            )?;
            return Ok(());
        }
        other => other?,
    };
    for failure in &checked.failures {
        writeln!(
            warn,
            "{}",
            tr!(lang, "warning", message = failure.localize(lang))
        )?;
    }
    Ok(())
}

/// Counts the steps `--step` pauses after.
struct ShownSteps(u64);

impl crate::trace::Sink for ShownSteps {
    fn step(&mut self, step: &crate::trace::Step) -> std::io::Result<()> {
        if super::output::Views::shows(step) {
            self.0 += 1;
        }
        Ok(())
    }
}

/// `synack lesson check [FILE...]`: runs lessons silently and verifies their
/// `expect` lines; with no argument, every built-in lesson.
pub fn check(
    specs: &[String],
    params: &[(String, String)],
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    report_checks(specs, crate::lesson::BUILTIN, style, out, |spec| {
        let problems = check_one(spec, params, lang);
        problems.iter().map(|p| p.localize(lang)).collect()
    })
}

/// Checks each lesson of `specs` (every one of `builtin` if none) with
/// `problems`, and says ✓ or ✗ for each, with its problems under a ✗; fails
/// if any has one. `lesson check` and `rdt lesson check` report alike.
pub fn report_checks(
    specs: &[String],
    builtin: &[(&str, &str)],
    style: Style,
    out: &mut dyn Write,
    mut problems: impl FnMut(&str) -> Vec<String>,
) -> Result<(), AppError> {
    let specs: Vec<String> = if specs.is_empty() {
        builtin.iter().map(|(n, _)| n.to_string()).collect()
    } else {
        specs.to_vec()
    };
    let mut failed = 0;
    for spec in &specs {
        let problems = problems(spec);
        if problems.is_empty() {
            writeln!(out, "{} {spec}", style.paint(Paint::Syn, "✓"))?;
        } else {
            failed += 1;
            writeln!(out, "{} {spec}", style.paint(Paint::Reset, "✗"))?;
            for p in problems {
                writeln!(out, "    {p}")?;
            }
        }
    }
    if failed > 0 {
        return Err(AppError::ChecksFailed {
            failed,
            total: specs.len(),
        });
    }
    Ok(())
}

fn check_one(spec: &str, params: &[(String, String)], lang: Lang) -> Vec<LessonError> {
    let lesson = match Lesson::load(spec, params) {
        Ok(l) => l,
        Err(e) => return vec![e],
    };
    match lesson.run(lang, &mut crate::trace::Discard) {
        Ok(checked) => checked.failures,
        Err(crate::lesson::RunError::Lesson(e)) => vec![e],
        Err(crate::lesson::RunError::Output(e)) => vec![LessonError {
            file: spec.to_string(),
            line: None,
            kind: crate::lesson::LessonErrorKind::Unreadable { source: e },
        }],
    }
}
