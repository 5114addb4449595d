//! `synack explain FILE`: any capture narrated like a lesson. Conversations are
//! found in one pass; each shown conversation is then read again from the file,
//! so memory stays flat however long the capture is.

mod error;
mod frames;
mod fuzz;
mod narrated;
mod pass;
mod summary;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::capture::observer::{Observer, ObserverOptions, Opened, Summary};
use crate::tr;
use crate::trace::{Discard, Sink, TraceMeta};
use crate::view::style::Style;

use super::AppError;
use super::output::{Console, ViewMode, ViewOptions, make_view};
use super::pictures::PictureFiles;
pub use error::ExplainError;
use frames::FrameFilter;
pub use fuzz::exercise;
use narrated::write_narrated;
use pass::{observe, pass, warn_about};
use summary::print_summary;
pub use summary::summary_line;

/// Above this many conversations, `explain` lists them rather than drawing each.
const MAX_LADDERS: usize = 10;

#[derive(Clone, Debug, Default)]
pub struct ExplainOptions {
    pub file: PathBuf,
    pub view: ViewOptions,
    /// Only this conversation.
    pub conversation: Option<u32>,
    /// Only the conversation between these two sockets (either direction).
    pub between: Option<(SocketAddr, SocketAddr)>,
    pub summary: bool,
    /// Real sequence numbers rather than counted from each ISN.
    pub absolute: bool,
    /// Write the capture back with narration as packet comments.
    pub pcapng: Option<PathBuf>,
    /// Only the steps of these frames, first to last (both included); the
    /// conversations they belong to are chosen by them.
    pub frames: Option<(u32, u32)>,
}

/// `synack explain`.
pub fn run<'a>(
    opts: &ExplainOptions,
    out: &'a mut dyn Write,
    warn: &mut dyn Write,
    console: Option<Console<'a>>,
) -> Result<(), AppError> {
    let lang = opts.view.lang;
    let mut observer_opts = ObserverOptions {
        // The bits view draws the captured header, whose numbers are absolute.
        relative: !opts.absolute && !opts.view.bits,
        ..ObserverOptions::default()
    };
    // First pass: the conversations, for the summary and for choosing, and
    // the segments that hindsight shows were lost after the capture point.
    let mut observer = Observer::new(observer_opts.clone());
    let mut summaries = Vec::new();
    let stats = pass(&opts.file, &mut observer, |obs, packet, _| {
        observe(obs, packet, &mut Discard, &|_| false)?;
        summaries.extend(obs.take_finished());
        Ok(())
    })?;
    observer.finish(&mut Discard, &|_| false)?;
    summaries.extend(observer.take_finished());
    summaries.extend(observer.drain_open());
    summaries.sort_by_key(|s| s.index);
    observer_opts.losses = std::sync::Arc::new(observer.take_losses());
    warn_about(&stats, &opts.file, lang, warn)?;

    let chosen = choose(opts, &summaries)?;
    if opts.view.pictures.any() {
        draw(opts, &chosen, &observer_opts)?;
    }
    if let Some(path) = &opts.pcapng {
        write_narrated(opts, path, &chosen, observer_opts.clone())?;
    }
    if opts.summary || (chosen.len() > MAX_LADDERS && opts.view.mode == ViewMode::Ladder) {
        print_summary(&chosen, lang, opts.view.style, out)?;
        if !opts.summary {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                tr!(lang, "explain-too-many", count = chosen.len())
            )?;
        }
        return Ok(());
    }
    match opts.view.mode {
        ViewMode::Quiet => Ok(()),
        ViewMode::Json => {
            let mut json = crate::view::json::JsonLines::new(out)
                .with_conversations()
                .in_blocks();
            if opts.view.explain {
                json = json.with_explanations(lang);
            }
            let want = |i: u32| chosen.iter().any(|s| s.index == i);
            let mut observer = Observer::new(observer_opts.clone());
            let mut sink = FrameFilter::new(&mut json, opts.frames);
            pass(&opts.file, &mut observer, |obs, packet, _| {
                Ok(observe(obs, packet, &mut sink, &want)?)
            })?;
            observer.finish(&mut sink, &want)?;
            json.end()?;
            Ok(())
        }
        ViewMode::Ladder => ladders(opts, &chosen, &observer_opts, out, console),
    }
}

/// The conversations the options select.
fn choose(opts: &ExplainOptions, all: &[Summary]) -> Result<Vec<Summary>, AppError> {
    let file = opts.file.display().to_string();
    if let Some(n) = opts.conversation {
        return match all.iter().find(|s| s.index == n) {
            Some(s) => Ok(vec![s.clone()]),
            None => Err(ExplainError::NoSuchConversation {
                file,
                wanted: n.to_string(),
                count: all.len() as u32,
            }
            .into()),
        };
    }
    if let Some((a, b)) = opts.between {
        let found: Vec<Summary> = all
            .iter()
            .filter(|s| (s.client == a && s.server == b) || (s.client == b && s.server == a))
            .cloned()
            .collect();
        if found.is_empty() {
            return Err(ExplainError::NoSuchConversation {
                file,
                wanted: format!("{a} ⇄ {b}"),
                count: all.len() as u32,
            }
            .into());
        }
        return Ok(found);
    }
    let Some((from, to)) = opts.frames else {
        return Ok(all.to_vec());
    };
    let found: Vec<Summary> = all
        .iter()
        .filter(|s| s.frames.0 <= to && s.frames.1 >= from)
        .cloned()
        .collect();
    if found.is_empty() {
        return Err(ExplainError::NoSuchFrames {
            file,
            from,
            to,
            last: all.iter().map(|s| s.frames.1).max().unwrap_or(0),
        }
        .into());
    }
    Ok(found)
}

/// `--svg`, `--graph`, `--html`: the one chosen conversation, read again
/// from the file into the pictures, titled in each language.
fn draw(
    opts: &ExplainOptions,
    chosen: &[Summary],
    observer_opts: &ObserverOptions,
) -> Result<(), AppError> {
    let [conv] = chosen else {
        return Err(ExplainError::PictureNeedsOne {
            file: opts.file.display().to_string(),
            count: chosen.len() as u32,
        }
        .into());
    };
    let meta = |lang| conversation_meta(opts, conv, lang);
    let paths = &opts.view.pictures;
    paths.create()?;
    let mut pictures =
        PictureFiles::new(paths.clone(), opts.view.lang, Box::new(|l| Some(meta(l))));
    let index = conv.index;
    let drawn = (|| -> Result<(), AppError> {
        pictures.begin(&meta(opts.view.lang))?;
        let mut observer = Observer::new(observer_opts.clone());
        pass(&opts.file, &mut observer, |obs, packet, _| {
            Ok(observe(obs, packet, &mut pictures, &|c| c == index)?)
        })?;
        observer.finish(&mut pictures, &|c| c == index)?;
        pictures.end()?;
        Ok(())
    })();
    drawn.inspect_err(|_| paths.remove())
}

/// What a conversation's ladder and pictures are titled.
fn conversation_meta(
    opts: &ExplainOptions,
    conv: &Summary,
    lang: crate::narrate::Lang,
) -> TraceMeta {
    TraceMeta {
        title: tr!(
            lang,
            "explain-conversation-title",
            index = conv.index,
            file = opts.file.display().to_string()
        ),
        summary: with_guessed_roles(conv, summary_line(conv, lang, Style::default()), lang),
        client: conv.client,
        server: conv.server,
        latency: None,
    }
}

/// Without a handshake, which side is the server is a guess: say so.
fn with_guessed_roles(conv: &Summary, summary: String, lang: crate::narrate::Lang) -> String {
    if conv.opened != Opened::MidStream {
        return summary;
    }
    let guess = tr!(
        lang,
        "explain-roles-guessed",
        server = conv.server.to_string()
    );
    format!("{summary} · {guess}")
}

/// One ladder per conversation, each read from the file in its own pass.
fn ladders(
    opts: &ExplainOptions,
    chosen: &[Summary],
    observer_opts: &ObserverOptions,
    out: &mut dyn Write,
    mut console: Option<Console<'_>>,
) -> Result<(), AppError> {
    let lang = opts.view.lang;
    if chosen.is_empty() {
        writeln!(out, "{}", tr!(lang, "explain-no-conversations"))?;
        return Ok(());
    }
    for (i, conv) in chosen.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let meta = conversation_meta(opts, conv, lang);
        let mut view = make_view(
            &opts.view,
            &mut *out,
            console.as_mut().map(|c| c.reborrow()),
        );
        view.begin(&meta)?;
        let index = conv.index;
        let mut observer = Observer::new(observer_opts.clone());
        let mut sink = FrameFilter::new(view.as_mut(), opts.frames);
        pass(&opts.file, &mut observer, |obs, packet, _| {
            Ok(observe(obs, packet, &mut sink, &|c| c == index)?)
        })?;
        observer.finish(&mut sink, &|c| c == index)?;
        view.end()?;
    }
    Ok(())
}
