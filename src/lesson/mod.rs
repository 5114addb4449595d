//! Lessons as data: a TOML file names two hosts, a link, the calls each
//! application makes and the faults the link commits, and what should come of
//! it. A teacher writes a new scenario without touching Rust; `lessons/README.md`
//! documents the format.

mod builtin;
mod compile;
mod doc;
pub mod error;
pub mod expect;
pub mod expr;

use std::io::Read;
use std::path::Path;

pub use builtin::BUILTIN;
pub use compile::compile;
/// Also places the rdt lessons' errors, so both formats point at the same spot.
pub use doc::line_col;
pub use error::{LessonError, LessonErrorKind};
pub use expect::{Expectations, Observed};

use crate::narrate::Lang;
use crate::sim::link::LinkConfig;
use crate::sim::script::Action;
use crate::sim::{self, Outcome, SimError, SimSetup};
use crate::tcp::EndpointConfig;
use crate::time::Instant;
use crate::trace::{Sink, Tee, TraceMeta};

/// Text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Localized {
    pub en: String,
    pub pt: String,
}

/// A parameter the lesson declares, with the value this run uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamInfo {
    pub name: String,
    pub default: u64,
    pub value: u64,
    /// The largest value `--param` may give (`u64::MAX` when the lesson sets none).
    pub max: u64,
}

/// A lesson ready to run.
#[derive(Clone, Debug)]
pub struct Lesson {
    /// The short name (`handshake`), from the file name.
    pub name: String,
    /// Where it came from, for messages.
    pub file: String,
    pub title: Localized,
    pub summary: Localized,
    pub params: Vec<ParamInfo>,
    pub client: EndpointConfig,
    pub server: EndpointConfig,
    pub link: LinkConfig,
    pub script: Vec<Action>,
    pub seed: u64,
    pub end: Option<Instant>,
    pub expect: Expectations,
}

/// `pcap` or `pcapng` if `bytes` begin with that format's magic number (pcap
/// in either byte order, with micro- or nanosecond timestamps).
fn capture_format(bytes: &[u8]) -> Option<&'static str> {
    match bytes.get(..4)? {
        [0xd4, 0xc3, 0xb2, 0xa1] | [0xa1, 0xb2, 0xc3, 0xd4] => Some("pcap"),
        [0x4d, 0x3c, 0xb2, 0xa1] | [0xa1, 0xb2, 0x3c, 0x4d] => Some("pcap"),
        [0x0a, 0x0d, 0x0d, 0x0a] => Some("pcapng"),
        _ => None,
    }
}

/// Lesson files larger than this are refused before being read whole.
const MAX_LESSON_BYTES: u64 = 1 << 20;

impl Lesson {
    /// A built-in lesson by name, or else a lesson file by path.
    pub fn load(spec: &str, overrides: &[(String, String)]) -> Result<Lesson, LessonError> {
        if let Some((name, text)) = BUILTIN.iter().find(|(n, _)| *n == spec) {
            return compile(name, text, overrides);
        }
        let path = Path::new(spec);
        if !path.exists() {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            return Err(LessonError {
                file: spec.to_string(),
                line: None,
                kind: LessonErrorKind::NotFound {
                    name: spec.to_string(),
                    suggestion: doc::closest(spec, &names).map(str::to_string),
                },
            });
        }
        let unreadable = |source| LessonError {
            file: spec.to_string(),
            line: None,
            kind: LessonErrorKind::Unreadable { source },
        };
        // Read at most one byte past the limit, so a file that grows (or a
        // device that never ends) cannot make us allocate more.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_LESSON_BYTES + 1).read_to_end(&mut bytes))
            .map_err(unreadable)?;
        if bytes.len() as u64 > MAX_LESSON_BYTES {
            return Err(LessonError {
                file: spec.to_string(),
                line: None,
                kind: LessonErrorKind::TooBig {
                    limit: MAX_LESSON_BYTES,
                },
            });
        }
        let nowhere = |kind| LessonError {
            file: spec.to_string(),
            line: None,
            kind,
        };
        // A capture given where a lesson goes is the likeliest binary file:
        // say what it is and which command reads it.
        if let Some(format) = capture_format(&bytes) {
            return Err(nowhere(LessonErrorKind::LooksLikeCapture {
                file: spec.to_string(),
                format,
            }));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            nowhere(LessonErrorKind::NotText {
                offset: e.utf8_error().valid_up_to(),
            })
        })?;
        compile(spec, &text, overrides)
    }

    /// Every built-in lesson, compiled with its default parameters.
    pub fn builtin() -> Vec<Lesson> {
        BUILTIN
            .iter()
            .filter_map(|(name, text)| compile(name, text, &[]).ok())
            .collect()
    }

    /// The application bytes the script sends (an echo counts nothing: its
    /// size is what arrives): what a progress bar measures a run against.
    pub fn data_bytes(&self) -> u64 {
        use crate::sim::script::{AppData, ScriptCall};
        self.script
            .iter()
            .map(|action| match &action.call {
                ScriptCall::Send(AppData::Bytes(b)) => b.len() as u64,
                ScriptCall::Send(AppData::Pattern(n)) => *n,
                _ => 0,
            })
            .fold(0, u64::saturating_add)
    }

    /// What a view shows in its heading.
    pub fn meta(&self, lang: Lang) -> TraceMeta {
        TraceMeta {
            title: self.title.get(lang).to_string(),
            summary: self.summary.get(lang).to_string(),
            client: self.client.local,
            server: self.server.local,
            latency: Some(self.link.latency),
        }
    }

    pub fn setup(&self, lang: Lang) -> SimSetup {
        SimSetup {
            meta: self.meta(lang),
            client: self.client.clone(),
            server: self.server.clone(),
            link: self.link.clone(),
            script: self.script.clone(),
            seed: self.seed,
            end: self.end,
        }
    }

    /// Runs the lesson into `sink` and checks its `expect` lines. A call the
    /// script should not have made is an error at its line; broken promises are
    /// returned (the run itself succeeded).
    pub fn run(&self, lang: Lang, sink: &mut dyn Sink) -> Result<Checked, RunError> {
        let mut observed = Observed::for_expectations(&self.expect);
        let outcome = {
            let mut tee = Tee::new();
            tee.push(&mut observed);
            tee.push(sink);
            sim::run(self.setup(lang), &mut tee)
        };
        let outcome = outcome.map_err(|e| match e {
            SimError::Sink(io) => RunError::Output(io),
            SimError::Call {
                host,
                call,
                state,
                error,
                line,
            } => RunError::Lesson(LessonError {
                file: self.file.clone(),
                line: line.map(|l| (l, 1)),
                kind: LessonErrorKind::CallFailed {
                    host: host.to_string(),
                    call: call.to_string(),
                    state: state.name().to_string(),
                    error,
                },
            }),
        })?;
        let failures = expect::check(&self.file, &self.expect, &outcome, &observed);
        Ok(Checked { outcome, failures })
    }
}

/// A finished run and the `expect` lines it broke: a run whose result is
/// dropped has its broken promises go unreported.
#[derive(Debug)]
#[must_use]
pub struct Checked {
    pub outcome: Outcome,
    pub failures: Vec<LessonError>,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Lesson(#[from] LessonError),
    /// Writing the output failed (a closed pipe, a full disk).
    #[error(transparent)]
    Output(std::io::Error),
}
