//! The pictures of a run where people see them: every SVG well-formed and
//! drawn by librsvg into something that is not blank, and the HTML player
//! driven in a real (headless) browser.
//!
//! `SYNACK_UPDATE_SCREENSHOTS=1 cargo test --test pictures` also writes the
//! README's images, `docs/player.png` and `docs/graph.png`.

mod hand;
mod lessons;
mod player;
mod render;
mod svg;
