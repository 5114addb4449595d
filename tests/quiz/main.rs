//! `synack quiz`: scripted sessions graded in both languages, student
//! variants, homework sheets, grading into a Moodle CSV, and question banks.

mod bank;
mod grade;
mod session;
mod sheet;
