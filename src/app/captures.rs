//! `synack captures [--check]`: one .pcap and one .pcapng per lesson in a
//! folder (`captures/` in the repository), regenerated from the current code.
//! The writing and checking is shared with `synack rdt captures`, which keeps
//! the rdt lessons' captures in the same folder: only the files differ.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::capture::CaptureFormat;
use crate::lesson::{BUILTIN, Lesson};
use crate::narrate::Lang;
use crate::tr;
use crate::view::pcap::CaptureSink;
use crate::view::style::{Paint, Style};

use super::AppError;
use super::output::create_error;

/// The bytes of a lesson's capture in `format`, with English comments.
pub fn lesson_capture(name: &str, format: CaptureFormat) -> Result<Vec<u8>, AppError> {
    let lesson = Lesson::load(name, &[])?;
    let mut sink = CaptureSink::new(Vec::new(), format, Lang::En)?;
    // A capture is the run's frames; its promises are `lesson check`'s.
    let _ = lesson.run(Lang::En, &mut sink)?;
    Ok(sink.finish()?)
}

/// A lesson's player page (`--html`), opening in English with Portuguese a
/// click away.
pub fn lesson_player(name: &str) -> Result<Vec<u8>, AppError> {
    let lesson = Lesson::load(name, &[])?;
    let mut run = crate::flow::Collected::default();
    let _ = lesson.run(Lang::En, &mut run)?;
    Ok(super::pictures::player_page(|lang| lesson.meta(lang), &run.steps).into_bytes())
}

/// Every capture file this version writes: `(file name, bytes)`, the
/// player pages included.
pub fn all_captures() -> Result<Vec<(String, Vec<u8>)>, AppError> {
    let names = || BUILTIN.iter().map(|(name, _)| *name);
    lesson_files(names(), lesson_capture)
        .chain(player_files(names(), lesson_player))
        .collect()
}

/// `NAME.html` for each lesson name, made by `page` only when the iterator reaches it.
pub fn player_files<'a>(
    names: impl IntoIterator<Item = &'a str> + 'a,
    page: impl Fn(&str) -> Result<Vec<u8>, AppError> + 'a,
) -> impl Iterator<Item = Result<(String, Vec<u8>), AppError>> + 'a {
    names
        .into_iter()
        .map(move |name| Ok((format!("{name}.html"), page(name)?)))
}

/// `NAME.pcap` and `NAME.pcapng` for each lesson name, as `(file name, bytes)`,
/// each made by `capture` only when the iterator reaches it.
pub fn lesson_files<'a>(
    names: impl IntoIterator<Item = &'a str> + 'a,
    capture: impl Fn(&str, CaptureFormat) -> Result<Vec<u8>, AppError> + 'a,
) -> impl Iterator<Item = Result<(String, Vec<u8>), AppError>> + 'a {
    names.into_iter().flat_map(move |name| {
        [CaptureFormat::Pcap, CaptureFormat::PcapNg]
            .map(|format| {
                let bytes = capture(name, format)?;
                Ok((format!("{name}.{}", format.extension()), bytes))
            })
            .into_iter()
    })
}

/// Writes the captures into `dir` (only files that changed), or with `check`,
/// only compares and fails if any differs or is missing.
pub fn run(
    dir: &Path,
    check: bool,
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let files = all_captures()?.into_iter().map(Ok);
    write_or_check(dir, check, files, lang, style, out, |count| {
        AppError::CapturesStale { count }
    })
}

/// Writes each `(file name, bytes)` into `dir` where the file there differs
/// (creating `dir`), or with `check`, writes nothing and only compares; says
/// one line per file on `out`. Fails with `stale` of how many files differ
/// or are missing (never when writing): each caller has its own error.
pub fn write_or_check(
    dir: &Path,
    check: bool,
    files: impl IntoIterator<Item = Result<(String, Vec<u8>), AppError>>,
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
    stale_error: impl FnOnce(usize) -> AppError,
) -> Result<(), AppError> {
    let mut stale = 0;
    if !check {
        std::fs::create_dir_all(dir).map_err(|e| create_error(dir, e))?;
    }
    for file in files {
        let (name, bytes) = file?;
        let path: PathBuf = dir.join(&name);
        let current = std::fs::read(&path).ok();
        let same = current.as_deref() == Some(bytes.as_slice());
        let line = if same {
            format!(
                "{} {}",
                style.paint(Paint::Syn, "✓"),
                tr!(lang, "captures-same", file = name.as_str())
            )
        } else if check {
            stale += 1;
            let what = if current.is_none() {
                tr!(lang, "captures-missing", file = name.as_str())
            } else {
                tr!(lang, "captures-differs", file = name.as_str())
            };
            format!("{} {what}", style.paint(Paint::Reset, "✗"))
        } else {
            std::fs::write(&path, &bytes).map_err(|e| create_error(&path, e))?;
            format!(
                "{} {}",
                style.paint(Paint::Bold, "+"),
                tr!(
                    lang,
                    "captures-wrote",
                    file = name.as_str(),
                    bytes = bytes.len()
                )
            )
        };
        writeln!(out, "{line}")?;
    }
    if stale > 0 {
        return Err(stale_error(stale));
    }
    Ok(())
}
