//! Every view of every lesson (ladder, narration, bits, JSON), the `bits` and `lesson` commands, the catalogue and the README's examples.

mod bits;
mod catalogue;
mod explain;
mod first_hour;
mod label_layout;
mod lesson_errors;
mod lesson_views;
mod lessons;
mod readme;
mod themes;
