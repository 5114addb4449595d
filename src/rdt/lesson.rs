//! Reliable-transfer lessons: TOML files (`lessons/rdt-*.toml`, documented in
//! `lessons/RDT.md`) that set the mode, the channel's faults and the
//! messages, and promise what comes of it. They run in the simulator, so the
//! same file gives the same run every time; `[expect]` makes each one a test.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use serde::Deserialize;
use toml::Spanned;

use super::RdtError;
use super::fault::{FaultAction, FaultConfig, FaultRule, Target};
use super::handshake::Proposal;
use super::mode::Mode;
use super::proto::{DEFAULT_RETRIES, Event};
use super::secure::Psk;
use super::sim::{self, SimSetup};
use super::trace::{Host, RdtKind, RdtMeta, RdtStep, Sink, Stats, Tee};
use crate::lesson::{LessonError, LessonErrorKind, Localized, line_col};
use crate::narrate::Lang;
use crate::time::Instant;

/// `(name, TOML text)` of the lessons built into the binary.
pub const RDT_BUILTIN: &[(&str, &str)] = &[
    (
        "rdt-stop-and-wait",
        include_str!("../../lessons/rdt-stop-and-wait.toml"),
    ),
    (
        "rdt-go-back-n",
        include_str!("../../lessons/rdt-go-back-n.toml"),
    ),
    (
        "rdt-selective-repeat",
        include_str!("../../lessons/rdt-selective-repeat.toml"),
    ),
    ("rdt-secure", include_str!("../../lessons/rdt-secure.toml")),
];

/// Files larger than this are refused unread.
const MAX_LESSON_BYTES: u64 = 1 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    lesson: LessonSection,
    client: HostSection,
    server: HostSection,
    rdt: RdtSection,
    #[serde(default)]
    link: LinkSection,
    #[serde(default)]
    message: Vec<MessageSection>,
    #[serde(default)]
    fault: Vec<FaultSection>,
    #[serde(default)]
    expect: Expect,
    /// `synack quiz` reads these itself.
    #[serde(default, rename = "question")]
    _questions: Vec<toml::Value>,
    #[serde(default, rename = "vary")]
    _vary: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    Both(String),
    Each { en: String, pt: String },
}

impl Text {
    fn localized(self) -> Localized {
        match self {
            Text::Both(t) => Localized {
                en: t.clone(),
                pt: t,
            },
            Text::Each { en, pt } => Localized { en, pt },
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonSection {
    title: Text,
    summary: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostSection {
    addr: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RdtSection {
    mode: Spanned<String>,
    max_size: Spanned<u64>,
    window: Option<Spanned<u64>>,
    seq_bits: Option<Spanned<u64>>,
    #[serde(default = "default_timeout")]
    timeout_ms: Spanned<u64>,
    #[serde(default)]
    secure: bool,
    /// The server holds a different key: the secure handshake fails.
    #[serde(default)]
    wrong_key: bool,
}

fn default_timeout() -> Spanned<u64> {
    Spanned::new(0..0, 100)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkSection {
    #[serde(default = "default_latency")]
    latency_ms: u64,
    loss: Option<Spanned<f64>>,
    corrupt: Option<Spanned<f64>>,
    dup: Option<Spanned<f64>>,
    reorder: Option<Spanned<f64>>,
    #[serde(default = "default_seed")]
    seed: u64,
    end_ms: Option<u64>,
}

fn default_latency() -> u64 {
    10
}

fn default_seed() -> u64 {
    1
}

impl Default for LinkSection {
    fn default() -> Self {
        LinkSection {
            latency_ms: default_latency(),
            loss: None,
            corrupt: None,
            dup: None,
            reorder: None,
            seed: default_seed(),
            end_ms: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageSection {
    text: String,
    #[serde(default)]
    at_ms: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultSection {
    action: Spanned<String>,
    nth: Spanned<u64>,
    from: Option<Spanned<String>>,
}

/// What a lesson promises.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The messages the server delivers, in order.
    pub delivered: Option<Vec<String>>,
    pub packets: Option<u64>,
    pub retransmissions: Option<u64>,
    pub timeouts: Option<u64>,
    pub lost: Option<u64>,
    pub corrupted: Option<u64>,
    pub duplicates_discarded: Option<u64>,
    pub corrupt_discarded: Option<u64>,
    pub tampered: Option<u64>,
    pub naks: Option<u64>,
    /// When the last message is acknowledged, in milliseconds.
    pub completed_ms: Option<u64>,
    /// The secure handshake fails.
    pub secure_failed: Option<bool>,
}

impl Expect {
    pub fn is_empty(&self) -> bool {
        *self == Expect::default()
    }
}

/// A lesson ready to run.
#[derive(Clone, Debug)]
pub struct RdtLesson {
    pub name: String,
    pub file: String,
    pub title: Localized,
    pub summary: Localized,
    pub client: SocketAddr,
    pub server: SocketAddr,
    pub proposal: Proposal,
    pub timeout: Duration,
    pub latency: Duration,
    pub faults: FaultConfig,
    pub messages: Vec<(Duration, Bytes)>,
    pub wrong_key: bool,
    pub end: Option<Instant>,
    pub expect: Expect,
}

/// A finished run and the promises it broke: a run whose result is dropped
/// has its broken promises go unreported.
#[derive(Debug)]
#[must_use]
pub struct Checked {
    pub stats: Stats,
    pub failures: Vec<LessonError>,
}

fn at(file: &str, text: &str, offset: usize, kind: LessonErrorKind) -> LessonError {
    LessonError {
        file: file.to_string(),
        line: Some(line_col(text, offset)),
        kind,
    }
}

impl RdtLesson {
    /// A built-in lesson by name, or a lesson file by path.
    pub fn load(spec: &str) -> Result<RdtLesson, RdtError> {
        if let Some((name, text)) = RDT_BUILTIN.iter().find(|(n, _)| *n == spec) {
            return RdtLesson::parse(name, name, text);
        }
        let path = Path::new(spec);
        if !path.exists() {
            let prefixed = format!("rdt-{spec}");
            let suggestion = RDT_BUILTIN
                .iter()
                .map(|(n, _)| *n)
                .find(|n| *n == prefixed || n.contains(spec))
                .map(str::to_string);
            return Err(RdtError::LessonNotFound {
                name: spec.to_string(),
                suggestion,
            });
        }
        let unreadable = |source| {
            RdtError::Lesson(LessonError {
                file: spec.to_string(),
                line: None,
                kind: LessonErrorKind::Unreadable { source },
            })
        };
        if std::fs::metadata(path).map_err(unreadable)?.len() > MAX_LESSON_BYTES {
            return Err(RdtError::Lesson(LessonError {
                file: spec.to_string(),
                line: None,
                kind: LessonErrorKind::TooBig {
                    limit: MAX_LESSON_BYTES,
                },
            }));
        }
        let text = std::fs::read_to_string(path).map_err(unreadable)?;
        let name = path
            .file_stem()
            .map_or(spec.to_string(), |s| s.to_string_lossy().into_owned());
        RdtLesson::parse(&name, spec, &text)
    }

    /// Every built-in lesson.
    pub fn builtin() -> Vec<RdtLesson> {
        RDT_BUILTIN
            .iter()
            .filter_map(|(n, t)| RdtLesson::parse(n, n, t).ok())
            .collect()
    }

    /// Parses and checks a lesson's text.
    pub fn parse(name: &str, file: &str, text: &str) -> Result<RdtLesson, RdtError> {
        let doc: File = toml::from_str(text).map_err(|e| {
            let kind = LessonErrorKind::Syntax(e.message().to_string());
            match e.span() {
                Some(span) => at(file, text, span.start, kind),
                None => LessonError {
                    file: file.to_string(),
                    line: None,
                    kind,
                },
            }
        })?;
        let err = |offset: usize, kind| RdtError::Lesson(at(file, text, offset, kind));
        let addr = |a: &Spanned<String>| {
            a.get_ref().parse::<SocketAddr>().map_err(|_| {
                err(
                    a.span().start,
                    LessonErrorKind::BadAddress {
                        value: a.get_ref().clone(),
                    },
                )
            })
        };
        let (client, server) = (addr(&doc.client.addr)?, addr(&doc.server.addr)?);
        if client.is_ipv4() != server.is_ipv4() {
            return Err(err(
                doc.server.addr.span().start,
                LessonErrorKind::MixedFamilies,
            ));
        }
        if client == server {
            return Err(err(
                doc.server.addr.span().start,
                LessonErrorKind::SameAddress,
            ));
        }
        let r = &doc.rdt;
        let mode = Mode::parse(r.mode.get_ref()).ok_or_else(|| RdtError::LessonMode {
            file: file.to_string(),
            line: line_col(text, r.mode.span().start).0,
            value: r.mode.get_ref().clone(),
        })?;
        let ranged = |v: &Spanned<u64>, key: &str, min: u64, max: u64| {
            if (min..=max).contains(v.get_ref()) {
                Ok(*v.get_ref())
            } else {
                Err(err(
                    v.span().start,
                    LessonErrorKind::OutOfRange {
                        key: key.to_string(),
                        value: v.get_ref().to_string(),
                        min: min.to_string(),
                        max: max.to_string(),
                    },
                ))
            }
        };
        let max_size = ranged(
            &r.max_size,
            "max_size",
            super::handshake::MIN_SIZE as u64,
            super::handshake::MAX_SIZE as u64,
        )? as usize;
        let window = match &r.window {
            Some(w) => {
                Some(ranged(w, "window", 1, u64::from(super::handshake::MAX_WINDOW))? as u16)
            }
            None => None,
        };
        let seq_bits = match &r.seq_bits {
            Some(b) => Some(ranged(b, "seq_bits", 1, 16)? as u8),
            None => None,
        };
        let timeout = ranged(&r.timeout_ms, "timeout_ms", 1, 60_000)?;
        let probability = |p: &Option<Spanned<f64>>, key: &str| match p {
            None => Ok(0.0),
            Some(v) if (0.0..=1.0).contains(v.get_ref()) => Ok(*v.get_ref()),
            Some(v) => Err(err(
                v.span().start,
                LessonErrorKind::OutOfRange {
                    key: key.to_string(),
                    value: v.get_ref().to_string(),
                    min: "0".into(),
                    max: "1".into(),
                },
            )),
        };
        let l = &doc.link;
        let mut rules = Vec::new();
        for f in &doc.fault {
            let action = FaultAction::parse(f.action.get_ref()).ok_or_else(|| {
                err(
                    f.action.span().start,
                    LessonErrorKind::UnknownFault {
                        value: f.action.get_ref().clone(),
                    },
                )
            })?;
            let from = match &f.from {
                Some(h) => Some(Host::parse(h.get_ref()).ok_or_else(|| {
                    err(
                        h.span().start,
                        LessonErrorKind::UnknownHost {
                            value: h.get_ref().clone(),
                        },
                    )
                })?),
                None => None,
            };
            let nth = ranged(&f.nth, "nth", 1, u64::MAX)?;
            let target = match from {
                Some(host) => Target::NthFrom(host, nth),
                None => Target::Nth(nth),
            };
            rules.push(FaultRule {
                action,
                target,
                bare: false,
            });
        }
        let faults = FaultConfig {
            loss: probability(&l.loss, "loss")?,
            corrupt: probability(&l.corrupt, "corrupt")?,
            dup: probability(&l.dup, "dup")?,
            reorder: probability(&l.reorder, "reorder")?,
            rules,
            seed: l.seed,
        };
        let proposal = Proposal {
            mode,
            max_size,
            window,
            seq_bits,
            secure: r.secure,
        };
        let reordering = faults.reorders();
        proposal
            .agree(proposal.secure, reordering)
            .map_err(|e| RdtError::LessonHandshake {
                file: file.to_string(),
                error: e,
            })?;
        Ok(RdtLesson {
            name: name.to_string(),
            file: file.to_string(),
            title: doc.lesson.title.localized(),
            summary: doc.lesson.summary.localized(),
            client,
            server,
            proposal,
            timeout: Duration::from_millis(timeout),
            latency: Duration::from_millis(l.latency_ms.min(60_000)),
            faults,
            messages: doc
                .message
                .into_iter()
                .map(|m| (Duration::from_millis(m.at_ms), Bytes::from(m.text)))
                .collect(),
            wrong_key: r.wrong_key,
            end: l.end_ms.map(Instant::from_millis),
            expect: doc.expect,
        })
    }

    pub fn meta(&self, lang: Lang) -> RdtMeta {
        RdtMeta {
            title: self.title.get(lang).to_string(),
            summary: self.summary.get(lang).to_string(),
            client: self.client,
            server: self.server,
            latency: Some(self.latency),
            timeout: self.timeout,
        }
    }

    pub fn setup(&self, lang: Lang) -> SimSetup {
        let key = Psk::from_seed(self.faults.seed);
        let server_key = if self.wrong_key {
            Psk::from_seed(!self.faults.seed)
        } else {
            key.clone()
        };
        SimSetup {
            meta: self.meta(lang),
            proposal: self.proposal.clone(),
            latency: self.latency,
            faults: self.faults.clone(),
            messages: self.messages.clone(),
            keys: Some((key, server_key)),
            max_retries: DEFAULT_RETRIES,
            end: self.end,
            lang,
        }
    }

    /// Runs the lesson into `sink` and checks its promises.
    pub fn run(&self, lang: Lang, sink: &mut dyn Sink<RdtStep>) -> Result<Checked, RdtError> {
        let mut delivered = Delivered::default();
        let stats = {
            let mut fanout = Tee::of(vec![&mut delivered, sink]);
            sim::run(self.setup(lang), &mut fanout)?
        };
        let failures = self.check(&stats, &delivered.0);
        Ok(Checked { stats, failures })
    }

    #[must_use]
    fn check(&self, stats: &Stats, delivered: &[String]) -> Vec<LessonError> {
        let e = &self.expect;
        let mut failures = Vec::new();
        let mut compare = |what: &str, expected: Option<String>, actual: String| {
            if let Some(expected) = expected
                && expected != actual
            {
                failures.push(LessonError {
                    file: self.file.clone(),
                    line: None,
                    kind: LessonErrorKind::ExpectFailed {
                        what: what.to_string(),
                        expected,
                        actual,
                    },
                });
            }
        };
        let list = |items: &[String]| format!("{items:?}");
        compare(
            "delivered",
            e.delivered.as_deref().map(list),
            list(delivered),
        );
        let n = |v: Option<u64>| v.map(|v| v.to_string());
        let counts = [
            ("packets", e.packets, stats.total_packets()),
            ("retransmissions", e.retransmissions, stats.retransmissions),
            ("timeouts", e.timeouts, stats.timeouts),
            ("lost", e.lost, stats.lost),
            ("corrupted", e.corrupted, stats.corrupted),
            (
                "duplicates_discarded",
                e.duplicates_discarded,
                stats.duplicates_discarded,
            ),
            (
                "corrupt_discarded",
                e.corrupt_discarded,
                stats.corrupt_discarded,
            ),
            ("tampered", e.tampered, stats.tampered),
            ("naks", e.naks, stats.naks),
        ];
        for (what, expected, actual) in counts {
            compare(what, n(expected), actual.to_string());
        }
        compare(
            "completed_ms",
            n(e.completed_ms),
            stats
                .completed
                .map_or_else(|| "-".to_string(), |t| (t.micros() / 1000).to_string()),
        );
        compare(
            "secure_failed",
            e.secure_failed.map(|b| b.to_string()),
            stats.secure_failed.to_string(),
        );
        failures
    }
}

/// Keeps the delivered messages as text, for `expect.delivered`.
#[derive(Default)]
struct Delivered(Vec<String>);

impl Sink<RdtStep> for Delivered {
    fn step(&mut self, step: &RdtStep) -> std::io::Result<()> {
        if let RdtKind::Event(Event::Deliver { message, .. }) = &step.kind {
            self.0.push(String::from_utf8_lossy(message).into_owned());
        }
        Ok(())
    }
}
