//! `--gift FILE` and `--moodle-xml FILE`: a quiz's questions as a Moodle
//! question bank. (Being written.)

use super::Quiz;

/// The questions in Moodle's GIFT format.
pub fn gift(quiz: &Quiz) -> String {
    let _ = quiz;
    String::new()
}

/// The questions as Moodle XML.
pub fn moodle_xml(quiz: &Quiz) -> String {
    let _ = quiz;
    String::new()
}
