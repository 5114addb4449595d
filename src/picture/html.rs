//! The one-file HTML player (`--html`). (Being written.)

use super::model::Picture;

/// The player page for a run drawn in both languages: `[english, portuguese]`,
/// opening in `first`'s language.
pub fn player(pictures: &[Picture; 2], first: crate::narrate::Lang) -> String {
    let _ = (pictures, first);
    String::from("<!doctype html><html><body></body></html>")
}
