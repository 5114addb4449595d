//! `synack quiz NAME --student ID --export DIR`: the student's homework
//! sheet (Markdown and HTML, the ladder up to each question) and a blank
//! answer file. (Being written.)

use std::path::Path;

use super::Quiz;
use crate::app::AppError;

/// Writes `quiz`'s sheet and blank answer file into `dir`; returns the files written.
pub fn export(quiz: &Quiz, dir: &Path) -> Result<Vec<std::path::PathBuf>, AppError> {
    let _ = (quiz, dir);
    Err(AppError::Quiz("--export is not written yet".into()))
}
