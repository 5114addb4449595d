//! `synack quiz`: predict, then see. A lesson runs as a ladder that stops
//! before the steps a student can predict, asks, grades the answer at once
//! and explains it with the same narration as `--explain`. Questions come
//! from the lesson's own `[[question]]` list or from its trace; with a
//! student ID and the teacher's secret, the numbers are that student's own.

pub mod answer;
pub mod generate;
pub mod question;
pub mod spec;
pub mod variant;
