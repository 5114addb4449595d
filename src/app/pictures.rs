//! `--svg`, `--graph` and `--html`: a sink that keeps the run, then draws
//! its pictures into the files asked for when the run ends. Pictures need
//! the whole run (the time axis spans it), so this is one of the few sinks
//! that holds steps; a bound on their number keeps a million-segment run
//! from filling memory and a file no browser could open.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::flow::{Collected, Sink};
use crate::narrate::Lang;
use crate::picture::build::Pictured;
use crate::picture::model::Picture;
use crate::picture::{graph, html, svg};
use crate::tr;

use super::AppError;
use super::output::create_error;

/// The most steps a picture draws: a few thousand segments, more than any
/// lesson needs, and still a page a browser opens at once.
pub const MAX_STEPS: usize = 50_000;

/// The picture files a command was asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PicturePaths {
    /// `--svg FILE`: the sequence diagram.
    pub svg: Option<PathBuf>,
    /// `--graph FILE`: the time-sequence and window graphs.
    pub graph: Option<PathBuf>,
    /// `--html FILE`: the player.
    pub html: Option<PathBuf>,
}

impl PicturePaths {
    /// Whether any picture was asked for.
    pub fn any(&self) -> bool {
        self.svg.is_some() || self.graph.is_some() || self.html.is_some()
    }

    fn each(&self) -> impl Iterator<Item = &Path> {
        [&self.svg, &self.graph, &self.html]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
    }

    /// Creates (empties) each file now, so a bad path fails before the run
    /// rather than after it; the error names the file.
    pub fn create(&self) -> Result<(), AppError> {
        for path in self.each() {
            if let Err(e) = std::fs::File::create(path) {
                self.remove();
                return Err(create_error(path, e));
            }
        }
        Ok(())
    }

    /// Removes the files again: the run failed, so they would be empty or stale.
    pub fn remove(&self) {
        for path in self.each() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// What the other language's picture is titled: the source's meta in
/// that language (a lesson has both), or `None` to keep the run's own.
pub type Retitle<'a, M> = Box<dyn Fn(Lang) -> Option<M> + 'a>;

/// Keeps the run, and draws it into the files when it ends.
pub struct PictureFiles<'a, S: Pictured> {
    paths: PicturePaths,
    lang: Lang,
    retitle: Retitle<'a, S::Meta>,
    run: Collected<S>,
}

impl<'a, S: Pictured + Clone> PictureFiles<'a, S> {
    pub fn new(paths: PicturePaths, lang: Lang, retitle: Retitle<'a, S::Meta>) -> Self {
        PictureFiles {
            paths,
            lang,
            retitle,
            run: Collected::default(),
        }
    }

    fn keep(&mut self, step: &S) -> io::Result<()> {
        if self.run.steps.len() >= MAX_STEPS {
            return Err(io::Error::other(tr!(
                self.lang,
                "pictures-too-long",
                most = MAX_STEPS
            )));
        }
        self.run.steps.push(step.clone());
        Ok(())
    }

    /// The run drawn in `lang`.
    fn picture(&self, lang: Lang) -> Option<Picture> {
        let own = self.run.meta.as_ref()?;
        let meta = if lang == self.lang {
            own.clone()
        } else {
            (self.retitle)(lang).unwrap_or_else(|| own.clone())
        };
        Some(S::picture(&meta, &self.run.steps, lang))
    }

    fn write_all(&self) -> io::Result<()> {
        let Some(picture) = self.picture(self.lang) else {
            return Ok(());
        };
        if let Some(path) = &self.paths.svg {
            write(path, &svg::sequence(&picture).svg)?;
        }
        if let Some(path) = &self.paths.graph {
            let drawn = graph::graphs(&picture).map_err(io::Error::other)?;
            write(path, &drawn.svg)?;
        }
        if let Some(path) = &self.paths.html {
            let Some(translated) = self.picture(other(self.lang)) else {
                return Ok(());
            };
            write(path, &player_of(picture, translated))?;
        }
        Ok(())
    }
}

/// The other language: the player carries both.
fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Pt,
        Lang::Pt => Lang::En,
    }
}

/// The player page of a run drawn in two languages, opening in the first's.
fn player_of(first: Picture, second: Picture) -> String {
    let opening = first.lang;
    let both = match opening {
        Lang::En => [first, second],
        Lang::Pt => [second, first],
    };
    html::player(&both, opening)
}

/// The player page of a whole run, titled in each language by `meta`,
/// opening in English: what `synack captures` keeps beside each lesson's
/// captures.
pub fn player_page<S: Pictured>(meta: impl Fn(Lang) -> S::Meta, steps: &[S]) -> String {
    let en = S::picture(&meta(Lang::En), steps, Lang::En);
    let pt = S::picture(&meta(Lang::Pt), steps, Lang::Pt);
    player_of(en, pt)
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    let mut file = std::fs::File::create(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    file.write_all(text.as_bytes())?;
    file.flush()
}

impl<S: Pictured + Clone> Sink<S> for PictureFiles<'_, S> {
    fn begin(&mut self, meta: &S::Meta) -> io::Result<()> {
        self.run.meta = Some(meta.clone());
        Ok(())
    }

    fn step(&mut self, step: &S) -> io::Result<()> {
        self.keep(step)
    }

    /// A picture draws the whole conversation, whatever part of it the
    /// terminal shows.
    fn unseen(&mut self, step: &S) -> io::Result<()> {
        self.keep(step)
    }

    fn end(&mut self) -> io::Result<()> {
        self.write_all()
    }
}
