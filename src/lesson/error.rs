//! What can be wrong with a lesson, always with the line it is on.

use crate::narrate::{Lang, Localize};
use crate::tr;

use super::expr::ExprError;

/// A lesson problem at a place in its file.
#[derive(Debug)]
pub struct LessonError {
    /// The file name (or the built-in lesson's name).
    pub file: String,
    /// 1-based line and column, when the problem has a place.
    pub line: Option<(usize, usize)>,
    pub kind: LessonErrorKind,
}

#[derive(Debug)]
pub enum LessonErrorKind {
    /// The TOML parser's own message (it comes from the parser, in English).
    Syntax(String),
    UnknownKey {
        key: String,
        section: String,
        suggestion: Option<String>,
    },
    MissingKey {
        key: String,
        section: String,
    },
    /// A table every lesson has (`[lesson]`, `[client]`, `[server]`) is
    /// missing: the message shows the smallest one, to copy.
    MissingTable {
        table: &'static str,
    },
    /// The file starts like a pcap or pcapng capture: the user wanted
    /// `synack explain`. `format` is pcap or pcapng.
    LooksLikeCapture {
        file: String,
        format: &'static str,
    },
    /// The file is not UTF-8 text from this byte (0-based) on.
    NotText {
        offset: usize,
    },
    /// `expected` names a kind of value: text, whole-number, boolean, duration, table, list, number.
    WrongType {
        key: String,
        expected: &'static str,
    },
    BadAddress {
        value: String,
    },
    MixedFamilies,
    SameAddress,
    BadDuration {
        key: String,
        value: String,
    },
    BadExpression {
        key: String,
        value: String,
        problem: ExprError,
    },
    OutOfRange {
        key: String,
        value: String,
        min: String,
        max: String,
    },
    UnknownHost {
        value: String,
    },
    UnknownCall {
        value: String,
        suggestion: Option<String>,
    },
    UnknownState {
        value: String,
    },
    BadCondition {
        value: String,
    },
    BadFlags {
        value: String,
    },
    UnknownFault {
        value: String,
    },
    UnknownError {
        value: String,
    },
    /// Not one of the congestion causes `--json` names (`slow-start`, …).
    UnknownCongestionCause {
        value: String,
    },
    /// A `[[call]]` must name exactly one of `client` or `server`.
    CallNeedsOneHost,
    /// More than one of `at`, `after`, `when`.
    ConflictingTriggers,
    /// `delay` without `when`.
    DelayNeedsWhen,
    /// `send` with none (or more than one) of `text`, `bytes`, `echo`.
    SendNeedsData,
    /// `text`, `bytes` or `echo` on a call that is not `send`.
    DataOnlyForSend {
        call: String,
    },
    /// A fault needs exactly one of `nth`, `flags`, `data`, `any`.
    FaultNeedsTarget,
    /// `delay` is required for, and only for, the `delay` action.
    FaultDelay,
    /// `--param NAME=VALUE` for a parameter the lesson does not declare.
    UnknownParam {
        name: String,
        known: String,
    },
    BadParamValue {
        text: String,
    },
    /// `--param NAME=-5`: parameters count things, from 0 up.
    NegativeParam {
        text: String,
    },
    /// `--param NAME=VALUE` above the parameter's limit (its `max`, or the
    /// largest whole number synack holds).
    ParamTooLarge {
        text: String,
        max: u64,
    },
    /// A `[params]` key that an expression could not name.
    BadParamName {
        name: String,
    },
    /// The script made a call its state does not allow.
    CallFailed {
        host: String,
        call: String,
        state: String,
        error: crate::tcp::CallError,
    },
    /// An `expect` line did not hold.
    ExpectFailed {
        what: String,
        expected: String,
        actual: String,
    },
    /// Neither a built-in lesson nor a file.
    NotFound {
        name: String,
        suggestion: Option<String>,
    },
    /// The file exists but could not be read.
    Unreadable {
        source: std::io::Error,
    },
    /// Larger than any lesson could reasonably be.
    TooBig {
        limit: u64,
    },
}

impl Localize for LessonError {
    fn localize(&self, lang: Lang) -> String {
        let message = self.kind.localize(lang);
        match self.line {
            Some((line, column)) => tr!(
                lang,
                "lesson-error-at",
                file = self.file.as_str(),
                line = line,
                column = column,
                message = message
            ),
            None => tr!(
                lang,
                "lesson-error",
                file = self.file.as_str(),
                message = message
            ),
        }
    }
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for LessonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            LessonErrorKind::Unreadable { source } => Some(source),
            _ => None,
        }
    }
}

fn value_kind(lang: Lang, expected: &str) -> String {
    match expected {
        "text" => tr!(lang, "lesson-kind-text"),
        "whole-number" => tr!(lang, "lesson-kind-whole-number"),
        "boolean" => tr!(lang, "lesson-kind-boolean"),
        "duration" => tr!(lang, "lesson-kind-duration"),
        "table" => tr!(lang, "lesson-kind-table"),
        "list" => tr!(lang, "lesson-kind-list"),
        _ => tr!(lang, "lesson-kind-number"),
    }
}

fn expr_problem(lang: Lang, problem: &ExprError) -> String {
    match problem {
        ExprError::UnknownParam(name) => tr!(lang, "lesson-expr-unknown-param", name = name),
        ExprError::Syntax(near) => tr!(lang, "lesson-expr-syntax", near = near),
        ExprError::UnexpectedEnd => tr!(lang, "lesson-expr-unexpected-end"),
        ExprError::Unclosed => tr!(lang, "lesson-expr-unclosed"),
        ExprError::Overflow => tr!(lang, "lesson-expr-overflow"),
        ExprError::DivisionByZero => tr!(lang, "lesson-expr-division-by-zero"),
    }
}

impl LessonErrorKind {
    pub fn localize(&self, lang: Lang) -> String {
        use LessonErrorKind as K;
        match self {
            K::Syntax(msg) => tr!(lang, "lesson-syntax", message = msg.trim()),
            K::UnknownKey {
                key,
                section,
                suggestion: Some(s),
            } => tr!(
                lang,
                "lesson-unknown-key-suggest",
                key = key,
                section = section,
                suggestion = s
            ),
            K::UnknownKey {
                key,
                section,
                suggestion: None,
            } => {
                tr!(lang, "lesson-unknown-key", key = key, section = section)
            }
            K::MissingKey { key, section } => {
                tr!(lang, "lesson-missing-key", key = key, section = section)
            }
            K::MissingTable { table } => match *table {
                "lesson" => tr!(lang, "lesson-missing-table-lesson"),
                host => tr!(
                    lang,
                    "lesson-missing-table-host",
                    table = host,
                    example = if host == "client" {
                        "192.168.0.10:49152"
                    } else {
                        "192.168.0.20:80"
                    }
                ),
            },
            K::LooksLikeCapture { file, format } => tr!(
                lang,
                "lesson-looks-like-capture",
                file = file.as_str(),
                format = *format
            ),
            K::NotText { offset } => tr!(lang, "lesson-not-text", offset = *offset + 1),
            K::WrongType { key, expected } => {
                tr!(
                    lang,
                    "lesson-wrong-type",
                    key = key,
                    expected = value_kind(lang, expected)
                )
            }
            K::BadAddress { value } => tr!(lang, "lesson-bad-address", value = value),
            K::MixedFamilies => tr!(lang, "lesson-mixed-families"),
            K::SameAddress => tr!(lang, "lesson-same-address"),
            K::BadDuration { key, value } => {
                tr!(lang, "lesson-bad-duration", key = key, value = value)
            }
            K::BadExpression {
                key,
                value,
                problem,
            } => tr!(
                lang,
                "lesson-bad-expression",
                key = key,
                value = value,
                problem = expr_problem(lang, problem)
            ),
            K::OutOfRange {
                key,
                value,
                min,
                max,
            } => tr!(
                lang,
                "lesson-out-of-range",
                key = key,
                value = value,
                min = min,
                max = max
            ),
            K::UnknownHost { value } => tr!(lang, "lesson-unknown-host", value = value),
            K::UnknownCall {
                value,
                suggestion: Some(s),
            } => {
                tr!(
                    lang,
                    "lesson-unknown-call-suggest",
                    value = value,
                    suggestion = s
                )
            }
            K::UnknownCall {
                value,
                suggestion: None,
            } => {
                tr!(lang, "lesson-unknown-call", value = value)
            }
            K::UnknownState { value } => tr!(lang, "lesson-unknown-state", value = value),
            K::BadCondition { value } => tr!(lang, "lesson-bad-condition", value = value),
            K::BadFlags { value } => tr!(lang, "lesson-bad-flags", value = value),
            K::UnknownFault { value } => tr!(lang, "lesson-unknown-fault", value = value),
            K::UnknownError { value } => tr!(lang, "lesson-unknown-error", value = value),
            K::UnknownCongestionCause { value } => {
                tr!(lang, "lesson-unknown-congestion-cause", value = value)
            }
            K::CallNeedsOneHost => tr!(lang, "lesson-call-needs-one-host"),
            K::ConflictingTriggers => tr!(lang, "lesson-conflicting-triggers"),
            K::DelayNeedsWhen => tr!(lang, "lesson-delay-needs-when"),
            K::SendNeedsData => tr!(lang, "lesson-send-needs-data"),
            K::DataOnlyForSend { call } => tr!(lang, "lesson-data-only-for-send", call = call),
            K::FaultNeedsTarget => tr!(lang, "lesson-fault-needs-target"),
            K::FaultDelay => tr!(lang, "lesson-fault-delay"),
            K::UnknownParam { name, known } if known.is_empty() => {
                tr!(lang, "lesson-unknown-param-none", name = name)
            }
            K::UnknownParam { name, known } => {
                tr!(lang, "lesson-unknown-param", name = name, known = known)
            }
            K::BadParamValue { text } => tr!(lang, "lesson-bad-param-value", text = text),
            K::NegativeParam { text } => tr!(lang, "lesson-negative-param", text = text),
            K::ParamTooLarge { text, max } => tr!(
                lang,
                "lesson-param-too-large",
                text = text,
                // As digits: a float would print 18446744073709551615 rounded.
                max = max.to_string()
            ),
            K::BadParamName { name } => tr!(lang, "lesson-bad-param-name", name = name),
            K::CallFailed {
                host,
                call,
                state,
                error,
            } => {
                let reason = match error {
                    crate::tcp::CallError::NotConnected => tr!(lang, "call-error-not-connected"),
                    crate::tcp::CallError::AlreadyOpen => tr!(lang, "call-error-already-open"),
                    crate::tcp::CallError::Closing => tr!(lang, "call-error-closing"),
                };
                let host = match host.as_str() {
                    "client" => tr!(lang, "host-client"),
                    _ => tr!(lang, "host-server"),
                };
                tr!(
                    lang,
                    "lesson-call-failed",
                    host = host,
                    call = call,
                    state = state,
                    reason = reason
                )
            }
            K::NotFound {
                name,
                suggestion: Some(s),
            } => {
                tr!(
                    lang,
                    "lesson-not-found-suggest",
                    name = name,
                    suggestion = s
                )
            }
            K::NotFound {
                name,
                suggestion: None,
            } => tr!(lang, "lesson-not-found", name = name),
            K::Unreadable { source } => {
                tr!(lang, "lesson-unreadable", reason = source.to_string())
            }
            K::TooBig { limit } => tr!(lang, "lesson-too-big", limit = *limit),
            K::ExpectFailed {
                what,
                expected,
                actual,
            } => tr!(
                lang,
                "lesson-expect-failed",
                what = what,
                expected = expected,
                actual = actual
            ),
        }
    }
}
