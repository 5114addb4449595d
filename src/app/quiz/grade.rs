//! `synack quiz grade --secret S ANSWERS…`: every answer file marked against
//! its student's variant, a CSV for Moodle's gradebook import and a
//! feedback file per student. (Being written.)

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app::AppError;
use crate::narrate::Lang;

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

/// Grades every answer file.
pub fn grade(opts: &GradeOptions, out: &mut dyn Write) -> Result<(), AppError> {
    let _ = (opts, out, Path::new(""));
    Err(AppError::Quiz("quiz grade is not written yet".into()))
}
