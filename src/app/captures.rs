//! `synack captures [--check]`: one .pcap and one .pcapng per lesson in a
//! folder (`captures/` in the repository), regenerated from the current code.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::capture::{CaptureFormat, CaptureSink};
use crate::lesson::{BUILTIN, Lesson};
use crate::narrate::Lang;
use crate::tr;
use crate::view::style::{Paint, Style};

use super::AppError;

/// The bytes of a lesson's capture in `format`, with English comments.
pub fn lesson_capture(name: &str, format: CaptureFormat) -> Result<Vec<u8>, AppError> {
    let lesson = Lesson::load(name, &[])?;
    let mut sink = CaptureSink::new(Vec::new(), format, Lang::En)?;
    lesson.run(Lang::En, &mut sink).map_err(|e| match e {
        crate::lesson::RunError::Lesson(e) => AppError::Lesson(e),
        crate::lesson::RunError::Output(e) => AppError::Output(e),
    })?;
    Ok(sink.finish()?)
}

/// Every capture file this version writes: `(file name, bytes)`.
pub fn all_captures() -> Result<Vec<(String, Vec<u8>)>, AppError> {
    let mut files = Vec::new();
    for (name, _) in BUILTIN {
        files.push((
            format!("{name}.pcap"),
            lesson_capture(name, CaptureFormat::Pcap)?,
        ));
        files.push((
            format!("{name}.pcapng"),
            lesson_capture(name, CaptureFormat::PcapNg)?,
        ));
    }
    Ok(files)
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
    let mut stale = 0;
    let files = all_captures()?;
    if !check {
        std::fs::create_dir_all(dir).map_err(|e| create_error(dir, e))?;
    }
    for (name, bytes) in &files {
        let path: PathBuf = dir.join(name);
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
            std::fs::write(&path, bytes).map_err(|e| create_error(&path, e))?;
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
        return Err(AppError::CapturesStale { count: stale });
    }
    Ok(())
}

fn create_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::CreateFile {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}
