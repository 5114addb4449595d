//! `synack explain FILE`: any capture narrated like a lesson. Conversations are
//! found in one pass; each shown conversation is then read again from the file,
//! so memory stays flat however long the capture is.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::capture::observer::{Ended, Observer, ObserverOptions, Opened, Summary};
use crate::capture::reader::{CaptureReader, Corruption, ReadError};
use crate::capture::{CaptureFormat, CaptureWriter};
use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::trace::{Discard, Sink, Trace, TraceMeta};
use crate::view::narration::Narrator;
use crate::view::style::{Paint, Style};
use crate::wire::{LinkType, Packet, WireError, decode_frame};

use super::AppError;
use super::output::{Console, ViewMode, ViewOptions, make_view};

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
}

/// What can go wrong reading a capture.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error("cannot open {file}: {source}")]
    Open {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error("{file}: {error}")]
    Read { file: String, error: ReadError },
    #[error("{file}: link type {linktype} is not supported")]
    LinkType { file: String, linktype: u32 },
    #[error("{file}: there is no conversation {wanted}")]
    NoSuchConversation {
        file: String,
        wanted: String,
        count: u32,
    },
}

impl Localize for ExplainError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            ExplainError::Open { file, source } => {
                tr!(
                    lang,
                    "explain-error-open",
                    file = file.as_str(),
                    reason = source.to_string()
                )
            }
            ExplainError::Read { file, error } => {
                let what = match error {
                    ReadError::Empty => tr!(lang, "explain-error-empty"),
                    ReadError::NotACapture { start } => {
                        tr!(lang, "explain-error-not-capture", start = start.as_str())
                    }
                    ReadError::Corrupt { offset, reason } => {
                        let reason = match reason {
                            Corruption::EndsMidRecord => tr!(lang, "explain-corrupt-ends"),
                            Corruption::Fraction(f) => {
                                tr!(lang, "explain-corrupt-fraction", fraction = *f)
                            }
                            Corruption::UnknownInterface(i) => {
                                tr!(lang, "explain-corrupt-interface", interface = *i)
                            }
                            Corruption::DataOutsideBlock => tr!(lang, "explain-corrupt-outside"),
                            Corruption::Format(detail) => {
                                tr!(lang, "explain-corrupt-format", detail = detail.as_str())
                            }
                        };
                        tr!(
                            lang,
                            "explain-error-corrupt",
                            offset = *offset,
                            reason = reason
                        )
                    }
                    ReadError::TooLarge { offset, len } => {
                        tr!(
                            lang,
                            "explain-error-too-large",
                            offset = *offset,
                            len = *len
                        )
                    }
                    ReadError::Io(e) => e.to_string(),
                };
                format!("{file}: {what}")
            }
            ExplainError::LinkType { file, linktype } => {
                tr!(
                    lang,
                    "explain-error-link-type",
                    file = file.as_str(),
                    linktype = *linktype
                )
            }
            ExplainError::NoSuchConversation {
                file,
                wanted,
                count,
            } => tr!(
                lang,
                "explain-error-no-conversation",
                file = file.as_str(),
                wanted = wanted.as_str(),
                count = *count
            ),
        }
    }
}

/// Counts of what a pass over the file met.
#[derive(Debug, Default)]
struct PassStats {
    frames: u64,
    bad: u64,
    first_bad: Option<(u64, WireError)>,
    other: u64,
    truncated_at: Option<u64>,
}

/// A frame as it was in the file, for writing it back out.
struct RawFrame<'a> {
    linktype: u32,
    timestamp: std::time::Duration,
    data: &'a [u8],
}

/// Reads every frame of `path` and hands each to `each`: decoded, or `None`
/// when it is not a packet synack can read (counted, and still a frame of
/// the capture, which a narrated copy keeps).
fn pass(
    path: &Path,
    observer: &mut Observer,
    mut each: impl FnMut(&mut Observer, Option<&Packet>, &RawFrame) -> Result<(), AppError>,
) -> Result<PassStats, AppError> {
    let file_name = path.display().to_string();
    let file = File::open(path).map_err(|e| ExplainError::Open {
        file: file_name.clone(),
        source: e,
    })?;
    let read_err = |error| ExplainError::Read {
        file: file_name.clone(),
        error,
    };
    let mut reader =
        CaptureReader::new(BufReader::with_capacity(1 << 16, file)).map_err(read_err)?;
    let mut stats = PassStats::default();
    let mut link_cache: Option<(u32, LinkType)> = None;
    while let Some(frame) = reader.next_frame().map_err(read_err)? {
        stats.frames += 1;
        let link = match link_cache {
            Some((lt, link)) if lt == frame.linktype => link,
            _ => {
                let link =
                    LinkType::from_linktype(frame.linktype).ok_or(ExplainError::LinkType {
                        file: file_name.clone(),
                        linktype: frame.linktype,
                    })?;
                link_cache = Some((frame.linktype, link));
                link
            }
        };
        observer.clock(frame.timestamp);
        let raw = RawFrame {
            linktype: frame.linktype,
            timestamp: frame.timestamp,
            data: frame.data,
        };
        match decode_frame(link, frame.data) {
            Ok(packet) => {
                if let Packet::Other(_) = packet {
                    stats.other += 1;
                }
                each(observer, Some(&packet), &raw)?;
            }
            Err(e) => {
                stats.bad += 1;
                if stats.first_bad.is_none() {
                    stats.first_bad = Some((frame.offset, e));
                }
                each(observer, None, &raw)?;
            }
        }
    }
    stats.truncated_at = reader.truncated_at();
    Ok(stats)
}

/// Feeds a decoded packet to the observer.
fn observe(
    observer: &mut Observer,
    packet: Option<&Packet>,
    sink: &mut dyn Sink,
    want: &dyn Fn(u32) -> bool,
) -> io::Result<()> {
    match packet {
        Some(Packet::Tcp(t)) => observer.tcp(t, sink, want),
        Some(Packet::Udp(u)) => observer.udp(u, sink, want),
        Some(Packet::Other(_)) | None => Ok(()),
    }
}

/// `synack explain`.
pub fn run<'a>(
    opts: &ExplainOptions,
    out: &'a mut dyn Write,
    warn: &mut dyn Write,
    console: Option<Console<'a>>,
) -> Result<(), AppError> {
    let lang = opts.view.lang;
    let observer_opts = ObserverOptions {
        // The bits view draws the captured header, whose numbers are absolute.
        relative: !opts.absolute && !opts.view.bits,
    };
    // First pass: the conversations, for the summary and for choosing.
    let mut observer = Observer::new(observer_opts);
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
    warn_about(&stats, &opts.file, lang, warn)?;

    let chosen = choose(opts, &summaries)?;
    if let Some(path) = &opts.pcapng {
        write_narrated(opts, path, &chosen, observer_opts)?;
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
            let mut json = crate::view::json::JsonLines::new(out).with_conversations();
            if opts.view.explain {
                json = json.with_explanations(lang);
            }
            let want = |i: u32| chosen.iter().any(|s| s.index == i);
            let mut observer = Observer::new(observer_opts);
            pass(&opts.file, &mut observer, |obs, packet, _| {
                Ok(observe(obs, packet, &mut json, &want)?)
            })?;
            observer.finish(&mut json, &want)?;
            json.end()?;
            Ok(())
        }
        ViewMode::Ladder => ladders(opts, &chosen, observer_opts, out, console),
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
    Ok(all.to_vec())
}

fn warn_about(stats: &PassStats, file: &Path, lang: Lang, warn: &mut dyn Write) -> io::Result<()> {
    let file = file.display().to_string();
    if let Some(offset) = stats.truncated_at {
        let message = tr!(
            lang,
            "explain-warn-truncated",
            file = file.as_str(),
            offset = offset
        );
        writeln!(warn, "{}", tr!(lang, "warning", message = message))?;
    }
    if let Some((offset, e)) = &stats.first_bad {
        let message = tr!(
            lang,
            "explain-warn-bad-frames",
            count = stats.bad,
            offset = *offset,
            reason = e.localize(lang)
        );
        writeln!(warn, "{}", tr!(lang, "warning", message = message))?;
    }
    Ok(())
}

fn print_summary(
    chosen: &[Summary],
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for s in chosen {
        writeln!(out, "{}", summary_line(s, lang, style))?;
    }
    if chosen.is_empty() {
        writeln!(out, "{}", tr!(lang, "explain-no-conversations"))?;
    }
    Ok(())
}

/// One conversation on one line: who, how much, how it opened and ended, final states.
pub fn summary_line(s: &Summary, lang: Lang, style: Style) -> String {
    let proto = if s.udp { "UDP" } else { "TCP" };
    let who = format!("#{} {proto} {} ⇄ {}", s.index, s.client, s.server);
    let opened = match s.opened {
        Opened::Handshake => tr!(lang, "explain-opened-handshake"),
        Opened::Simultaneous => tr!(lang, "explain-opened-simultaneous"),
        Opened::Refused => tr!(lang, "explain-opened-refused"),
        Opened::Unanswered => tr!(lang, "explain-opened-unanswered"),
        Opened::MidStream => tr!(lang, "explain-opened-mid-stream"),
        Opened::Datagrams => tr!(lang, "explain-opened-datagrams"),
    };
    let ended = match s.ended {
        Ended::Fin => tr!(lang, "explain-ended-fin"),
        Ended::HalfClosed => tr!(lang, "explain-ended-half-closed"),
        Ended::Rst => tr!(lang, "explain-ended-rst"),
        Ended::StillOpen => tr!(lang, "explain-ended-open"),
    };
    let numbers = tr!(
        lang,
        "explain-summary-numbers",
        packets = s.packets,
        sent = s.bytes[0],
        received = s.bytes[1]
    );
    if s.udp {
        format!("{}  {numbers} · {opened}", style.paint(Paint::Bold, &who))
    } else {
        let states = tr!(
            lang,
            "explain-summary-states",
            client = s.states[0].name(),
            server = s.states[1].name()
        );
        format!(
            "{}  {numbers} · {opened} · {ended} · {states}",
            style.paint(Paint::Bold, &who)
        )
    }
}

/// One ladder per conversation, each read from the file in its own pass.
fn ladders(
    opts: &ExplainOptions,
    chosen: &[Summary],
    observer_opts: ObserverOptions,
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
        let meta = TraceMeta {
            title: tr!(
                lang,
                "explain-conversation-title",
                index = conv.index,
                file = opts.file.display().to_string()
            ),
            summary: summary_line(conv, lang, Style::default()),
            client: conv.client,
            server: conv.server,
            latency: None,
        };
        let mut view = make_view(
            &opts.view,
            &mut *out,
            console.as_mut().map(|c| c.reborrow()),
        );
        view.begin(&meta)?;
        let index = conv.index;
        let mut observer = Observer::new(observer_opts);
        pass(&opts.file, &mut observer, |obs, packet, _| {
            Ok(observe(obs, packet, view.as_mut(), &|c| c == index)?)
        })?;
        observer.finish(view.as_mut(), &|c| c == index)?;
        view.end()?;
    }
    Ok(())
}

/// `--pcapng OUT`: the capture's own frames, each with its narration as comment.
fn write_narrated(
    opts: &ExplainOptions,
    path: &Path,
    chosen: &[Summary],
    observer_opts: ObserverOptions,
) -> Result<(), AppError> {
    let lang = opts.view.lang;
    let create = |e: io::Error| AppError::CreateFile {
        path: path.display().to_string(),
        source: e,
    };
    let file = File::create(path).map_err(create)?;
    // Created at the first frame, whose link type the file then declares.
    let mut out = Some(BufWriter::new(file));
    let mut writer: Option<CaptureWriter<BufWriter<File>>> = None;
    let mut narrators: BTreeMap<u32, Narrator> = BTreeMap::new();
    let want = |i: u32| chosen.iter().any(|s| s.index == i);
    let mut observer = Observer::new(observer_opts);
    let result = pass(&opts.file, &mut observer, |obs, packet, frame| {
        let mut steps = Trace::default();
        observe(obs, packet, &mut steps, &want)?;
        let mut comment = Vec::new();
        for step in &steps.steps {
            let narrator = narrators
                .entry(step.conv)
                .or_insert_with(|| Narrator::new(lang));
            comment.extend(narrator.explain(step));
        }
        let comment = (!comment.is_empty()).then(|| comment.join(" "));
        let w = match (&mut writer, out.take()) {
            (Some(w), _) => w,
            (None, Some(o)) => writer.insert(CaptureWriter::for_link(
                o,
                CaptureFormat::PcapNg,
                "synack explain",
                frame.linktype,
            )?),
            (None, None) => return Ok(()),
        };
        // The capture's own bytes go back out, on an interface of their link type.
        if let Some(interface) = w.interface_for(frame.linktype)? {
            w.write_on(interface, frame.timestamp, frame.data, comment.as_deref())?;
        }
        Ok(())
    });
    let finished = result.and_then(|_| {
        let w = match (writer, out) {
            (Some(w), _) => w,
            // An empty capture gives an empty (but valid) pcapng.
            (None, Some(o)) => CaptureWriter::new(o, CaptureFormat::PcapNg, "synack explain")?,
            (None, None) => return Ok(()),
        };
        w.finish()?;
        Ok(())
    });
    if finished.is_err() {
        let _ = std::fs::remove_file(path);
    }
    finished
}

/// Runs every stage of `synack explain` over arbitrary bytes: reading, frame
/// parsing, the observer and the narration in both languages. For fuzzing;
/// whatever the bytes, this returns (never panics) and reads a bounded amount.
pub fn exercise(data: &[u8]) {
    use crate::narrate::Lang;
    use crate::trace::Sink;
    use crate::view::narration::Narrator;

    struct Narrate([Narrator; 2]);
    impl Sink for Narrate {
        fn step(&mut self, step: &crate::trace::Step) -> std::io::Result<()> {
            for n in &mut self.0 {
                let _ = n.explain(step);
            }
            Ok(())
        }
    }

    let Ok(mut reader) = crate::capture::reader::CaptureReader::new(data) else {
        return;
    };
    let mut observer =
        crate::capture::observer::Observer::new(crate::capture::observer::ObserverOptions {
            relative: true,
        });
    let mut sink = Narrate([Narrator::new(Lang::En), Narrator::new(Lang::Pt)]);
    let want = |_: u32| true;
    while let Ok(Some(frame)) = reader.next_frame() {
        observer.clock(frame.timestamp);
        let Some(link) = crate::wire::LinkType::from_linktype(frame.linktype) else {
            return;
        };
        let _ = match crate::wire::decode_frame(link, frame.data) {
            Ok(crate::wire::Packet::Tcp(t)) => observer.tcp(&t, &mut sink, &want),
            Ok(crate::wire::Packet::Udp(u)) => observer.udp(&u, &mut sink, &want),
            _ => Ok(()),
        };
    }
    let _ = observer.finish(&mut sink, &want);
}
