//! `synack rdt …`: the reliable-transfer lab. Simulated sessions and lessons
//! (ladder, narration, bits, JSON, capture files), the three protocols
//! compared, the committed captures, and real sessions over sockets.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;

use super::AppError;
use super::captures::{lesson_files, player_files, write_or_check};
use super::lesson::report_checks;
use super::output::{Console, ViewOptions};
use super::pictures::Retitle;

use crate::capture::CaptureFormat;
use crate::narrate::{Lang, Localize};
use crate::rdt::compare::{self, CompareSetup};
use crate::rdt::fault::{FaultConfig, Target};
use crate::rdt::handshake::Proposal;
use crate::rdt::lesson::{RDT_BUILTIN, RdtLesson};
use crate::rdt::proto::DEFAULT_RETRIES;
use crate::rdt::secure::Psk;
use crate::rdt::sim::{self, SimSetup};
use crate::rdt::trace::{RdtMeta, RdtStep, Sink};
use crate::rdt::view::capture::{RdtCapture, RdtFrames};
use crate::rdt::{RdtError, net};
use crate::tr;
use crate::view::labels::duration;
use crate::view::style::{Paint, Style};

/// Where the simulated hosts live (the same as the lessons').
pub const SIM_CLIENT: &str = "192.168.0.10:40000";
pub const SIM_SERVER: &str = "192.168.0.20:5000";

/// The messages `rdt sim` sends when given none.
pub const DEFAULT_MESSAGES: [&str; 3] = ["Hello", "reliable", "world"];

/// Capture files to write.
#[derive(Clone, Debug, Default)]
pub struct CaptureRequest {
    pub pcap: Option<PathBuf>,
    pub pcapng: Option<PathBuf>,
}

/// `synack rdt sim`.
#[derive(Clone, Debug)]
pub struct SimOptions {
    pub proposal: Proposal,
    pub timeout: Duration,
    pub latency: Duration,
    pub faults: FaultConfig,
    pub messages: Vec<String>,
    /// Secure mode's key (the simulator makes one from the seed if none).
    pub psk: Option<Psk>,
    pub view: ViewOptions,
    pub captures: CaptureRequest,
}

fn sim_addr(text: &str) -> SocketAddr {
    text.parse()
        .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
}

/// The line under a simulated run's title: the faults in words.
fn faults_summary(lang: Lang, f: &FaultConfig) -> String {
    faults_summary_with(lang, f, true)
}

/// The faults in words; `with_seed` false leaves the seed out (a comparison
/// over several seeds names them itself).
fn faults_summary_with(lang: Lang, f: &FaultConfig, with_seed: bool) -> String {
    if f.is_clean() {
        return tr!(lang, "rdt-sim-clean");
    }
    let pct = |p: f64| format!("{}", (p * 1000.0).round() / 10.0);
    let mut parts = Vec::new();
    if f.loss > 0.0 {
        parts.push(tr!(lang, "rdt-sim-loss", pct = pct(f.loss)));
    }
    if f.corrupt > 0.0 {
        parts.push(tr!(lang, "rdt-sim-corrupt", pct = pct(f.corrupt)));
    }
    if f.dup > 0.0 {
        parts.push(tr!(lang, "rdt-sim-dup", pct = pct(f.dup)));
    }
    if f.reorder > 0.0 {
        parts.push(tr!(lang, "rdt-sim-reorder", pct = pct(f.reorder)));
    }
    if !f.rules.is_empty() {
        let rules: Vec<String> = f
            .rules
            .iter()
            .map(|r| match r.target {
                Target::Nth(n) if r.bare => format!("{} {n}", r.action.option()),
                target => format!("{} {target}", r.action.option()),
            })
            .collect();
        parts.push(tr!(lang, "rdt-sim-scripted", rules = rules.join(", ")));
    }
    if with_seed && f.loss + f.corrupt + f.dup + f.reorder > 0.0 {
        parts.push(tr!(lang, "rdt-sim-seed", seed = f.seed));
    }
    let mut text = tr!(lang, "rdt-sim-faults", faults = parts.join(", "));
    // A bare number is read as a sequence number more often than as a count:
    // say which it is, and how to name the other.
    for rule in f.rules.iter().filter(|r| r.bare) {
        if let Target::Nth(n) = rule.target {
            let bare = tr!(
                lang,
                "rdt-sim-bare",
                option = rule.action.option(),
                n = n.to_string()
            );
            text = format!("{text} {bare}");
        }
    }
    text
}

/// Says so when reordering is on and the sequence space is too small for it.
fn warn_reordering(
    proposal: &Proposal,
    faults: &FaultConfig,
    lang: Lang,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    let reordering = faults.reorders();
    let window = proposal.window.unwrap_or(proposal.mode.default_window());
    let safe = proposal.mode.safe_bits(window, true);
    if let Some(bits) = proposal.seq_bits
        && reordering
        && bits < safe
    {
        writeln!(
            warn,
            "{}",
            tr!(
                lang,
                "warning",
                message = tr!(lang, "rdt-warn-reorder-bits", bits = bits, safe = safe)
            )
        )?;
    }
    Ok(())
}

/// `synack rdt sim`: both sides in the simulator, into the chosen view.
pub fn sim<'a>(
    opts: &SimOptions,
    out: &'a mut dyn Write,
    warn: &mut dyn Write,
    console: Option<Console<'a>>,
) -> Result<(), AppError> {
    let lang = opts.view.lang;
    let reordering = opts.faults.reorders();
    opts.proposal
        .agree(opts.proposal.secure, reordering)
        .map_err(RdtError::from)?;
    warn_reordering(&opts.proposal, &opts.faults, lang, warn)?;
    let messages: Vec<String> = if opts.messages.is_empty() {
        DEFAULT_MESSAGES.iter().map(|m| m.to_string()).collect()
    } else {
        opts.messages.clone()
    };
    let key = opts
        .psk
        .clone()
        .unwrap_or_else(|| Psk::from_seed(opts.faults.seed));
    let setup = SimSetup {
        meta: RdtMeta {
            title: tr!(lang, "rdt-sim-title", mode = opts.proposal.mode.name()),
            summary: faults_summary(lang, &opts.faults),
            client: sim_addr(SIM_CLIENT),
            server: sim_addr(SIM_SERVER),
            latency: Some(opts.latency),
            timeout: opts.timeout,
        },
        proposal: opts.proposal.clone(),
        latency: opts.latency,
        faults: opts.faults.clone(),
        messages: messages
            .into_iter()
            .map(|m| (Duration::ZERO, Bytes::from(m)))
            .collect(),
        keys: Some((key.clone(), key)),
        max_retries: DEFAULT_RETRIES,
        end: None,
        lang,
    };
    let retitle = {
        let meta = setup.meta.clone();
        let (mode, faults) = (opts.proposal.mode, &opts.faults);
        Box::new(move |other| {
            Some(RdtMeta {
                title: tr!(other, "rdt-sim-title", mode = mode.name()),
                summary: faults_summary(other, faults),
                ..meta.clone()
            })
        })
    };
    let stats = into_views(&opts.view, &opts.captures, out, console, retitle, |sink| {
        sim::run(setup, sink).map_err(AppError::Output)
    })?;
    // A rule that hit nothing named a packet the run never sent (`data:9`
    // with three messages): the ladder has no fault to show, so say it.
    for rule in opts.faults.rules.iter() {
        if !stats.rules_hit.contains(rule) {
            let message = tr!(lang, "rdt-warn-rule-missed", rule = rule.spelled());
            writeln!(warn, "{}", tr!(lang, "warning", message = message))?;
        }
    }
    Ok(())
}

/// The library's error as the app's: output and lesson errors keep their own
/// variants (a closed pipe is not a failure; lesson errors read the same).
#[must_use]
pub fn app_error(e: RdtError) -> AppError {
    match e {
        RdtError::Output(io) => AppError::Output(io),
        RdtError::Lesson(l) => AppError::Lesson(l),
        other => AppError::Rdt(other),
    }
}

/// Runs `run` into the view and the capture files `captures` asks for.
fn into_views<'a, T>(
    view: &ViewOptions,
    captures: &CaptureRequest,
    out: &'a mut dyn Write,
    console: Option<Console<'a>>,
    retitle: Retitle<'_, RdtMeta>,
    run: impl FnOnce(&mut dyn Sink<RdtStep>) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let (pcap, pcapng) = (captures.pcap.as_deref(), captures.pcapng.as_deref());
    super::output::into_views::<RdtFrames, _>(view, pcap, pcapng, out, console, retitle, run)
}

/// `synack rdt lesson list`.
pub fn lesson_list(lang: Lang, style: Style, out: &mut dyn Write) -> Result<(), AppError> {
    let lessons = RdtLesson::builtin();
    let entries: Vec<(&str, &str, &str)> = lessons
        .iter()
        .map(|l| (l.name.as_str(), l.title.get(lang), l.summary.get(lang)))
        .collect();
    let heading = tr!(lang, "rdt-lesson-list-heading");
    let footer = tr!(lang, "rdt-lesson-list-footer");
    super::lesson::write_list(&heading, &entries, &footer, style, out)
}

/// `synack rdt lesson run NAME|FILE`: broken promises are reported on `warn`.
pub fn lesson_run<'a>(
    lesson: &str,
    view: &ViewOptions,
    captures: &CaptureRequest,
    out: &'a mut dyn Write,
    warn: &mut dyn Write,
    console: Option<Console<'a>>,
) -> Result<(), AppError> {
    let lang = view.lang;
    let lesson = RdtLesson::load(lesson).map_err(app_error)?;
    let retitle = Box::new(|other| Some(lesson.meta(other)));
    let checked = into_views(view, captures, out, console, retitle, |sink| {
        lesson.run(lang, sink).map_err(app_error)
    })?;
    for f in &checked.failures {
        writeln!(warn, "{}", tr!(lang, "warning", message = f.localize(lang)))?;
    }
    Ok(())
}

/// `synack rdt lesson check [NAME|FILE...]`: every built-in lesson if none.
pub fn lesson_check(
    specs: &[String],
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    report_checks(
        specs,
        RDT_BUILTIN,
        style,
        out,
        |spec| match RdtLesson::load(spec)
            .and_then(|l| l.run(lang, &mut crate::rdt::trace::Discard))
        {
            Ok(checked) => checked.failures.iter().map(|f| f.localize(lang)).collect(),
            Err(e) => vec![e.localize(lang)],
        },
    )
}

/// `synack rdt compare`.
#[derive(Clone, Debug)]
pub struct CompareOptions {
    pub setup: CompareSetup,
    pub lang: Lang,
    pub style: Style,
}

/// `synack rdt compare`: the three protocols under the same faults, over
/// `runs` seeds, one table and what it shows.
pub fn compare(opts: &CompareOptions, out: &mut dyn Write) -> Result<(), AppError> {
    let lang = opts.lang;
    let rows = compare::run(&opts.setup).map_err(app_error)?;
    let s = &opts.setup;
    writeln!(
        out,
        "{}",
        opts.style
            .paint(Paint::Title, &tr!(lang, "rdt-compare-title"))
    )?;
    let heading = tr!(
        lang,
        "rdt-compare-setup",
        messages = s.messages,
        len = s.message_len,
        size = s.max_size,
        window = s.window,
        latency = duration(s.latency),
        timeout = duration(s.timeout)
    );
    let mut setup_text = format!(
        "{heading} {}",
        faults_summary_with(lang, &s.faults, s.runs <= 1)
    );
    if s.runs > 1 {
        let runs = tr!(
            lang,
            "rdt-compare-runs",
            runs = s.runs,
            first = s.faults.seed.to_string(),
            last = compare::seed_of(s.faults.seed, s.runs - 1).to_string()
        );
        setup_text = format!("{setup_text} {runs}");
    }
    for line in crate::view::style::wrap(&setup_text, 80) {
        writeln!(out, "{}", opts.style.paint(Paint::Dim, &line))?;
    }
    writeln!(out)?;
    compare::write_table(&rows, s, lang, opts.style, out)?;
    Ok(())
}

/// `synack rdt captures [--check]`: one .pcap and one .pcapng per rdt lesson
/// in `dir`, or with `check`, only compare and fail if any differs.
pub fn captures(
    dir: &Path,
    check: bool,
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let names = || RDT_BUILTIN.iter().map(|(name, _)| *name);
    let files = lesson_files(names(), lesson_capture).chain(player_files(names(), lesson_player));
    write_or_check(dir, check, files, lang, style, out, |count| {
        AppError::Rdt(RdtError::CapturesStale { count })
    })
}

/// The bytes of an rdt lesson's capture, narrated in English.
pub fn lesson_capture(name: &str, format: CaptureFormat) -> Result<Vec<u8>, AppError> {
    let lesson = RdtLesson::load(name).map_err(app_error)?;
    let mut capture = RdtCapture::new(Vec::new(), format, Lang::En)?;
    // A capture is the run's frames; its promises are `rdt lesson check`'s.
    let _ = lesson.run(Lang::En, &mut capture).map_err(app_error)?;
    Ok(capture.finish()?)
}

/// An rdt lesson's player page, opening in English.
pub fn lesson_player(name: &str) -> Result<Vec<u8>, AppError> {
    let lesson = RdtLesson::load(name).map_err(app_error)?;
    let mut run = crate::flow::Collected::default();
    let _ = lesson.run(Lang::En, &mut run).map_err(app_error)?;
    Ok(super::pictures::player_page(|lang| lesson.meta(lang), &run.steps).into_bytes())
}

/// `synack rdt server`.
pub fn server(opts: &net::ServerOptions, out: &mut dyn Write) -> Result<(), AppError> {
    net::serve(opts, out).map_err(app_error)
}

/// `synack rdt client`: `messages` brings each message (the caller reads
/// them from the arguments or standard input); it ends when they end.
pub fn client(
    opts: &net::ClientOptions,
    messages: std::sync::mpsc::Receiver<Vec<u8>>,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    warn_reordering(&opts.proposal, &opts.faults, opts.settings.lang, warn)?;
    net::connect(opts, messages, out).map_err(app_error)
}
