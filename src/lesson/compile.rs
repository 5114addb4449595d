//! Turns a lesson file into what the simulator runs and what `expect` checks.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use toml::de::{DeTable, DeValue};

use super::doc::{Doc, Section, closest};
use super::error::{LessonError, LessonErrorKind as K};
use super::expect::{Expectation, Expectations};
use super::expr::is_param_name;
use super::{Lesson, Localized, ParamInfo};
use crate::chance::SplitMix64;
use crate::narrate::Lang;
use crate::sim::link::{FaultAction, FaultRule, LinkConfig, SegmentMatch};
use crate::sim::script::{Action, AppData, Condition, ScriptCall, Trigger};
use crate::tcp::{ConnError, EndpointConfig, Flags, SeqNumber, State};
use crate::time::Instant;
use crate::trace::{CongestionCause, Host};

/// `question` and `vary` belong to `synack quiz`, which reads them itself.
const TOP_KEYS: &[&str] = &[
    "lesson", "params", "client", "server", "link", "call", "fault", "expect", "question", "vary",
];
const HOST_KEYS: &[&str] = &[
    "addr",
    "isn",
    "mss",
    "announce_mss",
    "window",
    "wscale",
    "sack",
    "timestamps",
    "send_buffer",
    "retries",
    "congestion",
    "msl",
    "rto",
];
const LINK_KEYS: &[&str] = &["latency", "loss", "seed", "end"];
const CALL_KEYS: &[&str] = &[
    "client", "server", "at", "after", "when", "delay", "text", "bytes", "echo",
];
const CALL_NAMES: &[&str] = &[
    "listen",
    "connect",
    "send",
    "close",
    "abort",
    "pause-reading",
    "resume-reading",
];
const FAULT_KEYS: &[&str] = &[
    "action", "nth", "flags", "data", "any", "from", "after", "times", "delay",
];
const EXPECT_KEYS: &[&str] = &[
    "segments",
    "dropped",
    "retransmissions",
    "client_final",
    "server_final",
    "client_path",
    "server_path",
    "client_received",
    "server_received",
    "client_received_bytes",
    "server_received_bytes",
    "client_error",
    "server_error",
    "fast_retransmits",
    "timeouts",
    "client_cwnd",
    "server_cwnd",
    "client_min_cwnd",
    "server_min_cwnd",
    "client_ssthresh",
    "server_ssthresh",
    "client_congestion",
    "server_congestion",
];

/// The largest TCP payload an IPv4 packet can carry.
const MAX_MSS: u64 = 65495;

pub fn compile(
    file: &str,
    text: &str,
    overrides: &[(String, String)],
) -> Result<Lesson, LessonError> {
    let doc = Doc { file, text };
    let root = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        doc.error(span, K::Syntax(e.message().to_string()))
    })?;
    let top = Section {
        doc: &doc,
        name: "lesson file".into(),
        table: root.get_ref(),
        span: 0..0,
    };
    top.check_keys(TOP_KEYS)?;

    let name = std::path::Path::new(file)
        .file_stem()
        .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned());
    let header = top
        .table("lesson")?
        .ok_or_else(|| doc.error(0..0, K::MissingTable { table: "lesson" }))?;
    header.check_keys(&["title", "summary"])?;
    let title = localized(&header, "title")?.ok_or_else(|| header.missing("title"))?;
    let summary = localized(&header, "summary")?.unwrap_or_default();

    let (params, param_info) = read_params(&doc, &top, overrides)?;

    let link_section = top.table("link")?;
    let mut seed = 1;
    let mut link = LinkConfig::default();
    let mut end = None;
    if let Some(s) = &link_section {
        s.check_keys(LINK_KEYS)?;
        if let Some((d, _)) = s.duration("latency")? {
            link.latency = d;
        }
        link.loss = s.number_in("loss", 0.0, 1.0)?.unwrap_or(0.0);
        seed = s.uint("seed", &params)?.map_or(1, |(n, _)| n);
        end = s.duration("end")?.map(|(d, _)| Instant::ZERO + d);
    }
    let mut isn_rng = SplitMix64::new(seed);

    let client_section = top
        .table("client")?
        .ok_or_else(|| doc.error(0..0, K::MissingTable { table: "client" }))?;
    let server_section = top
        .table("server")?
        .ok_or_else(|| doc.error(0..0, K::MissingTable { table: "server" }))?;
    let client = read_host(&client_section, &params, &mut isn_rng)?;
    let server = read_host(&server_section, &params, &mut isn_rng)?;
    if client.local.is_ipv4() != server.local.is_ipv4() {
        return Err(doc.error(server_section.span_of("addr"), K::MixedFamilies));
    }
    if client.local == server.local {
        return Err(doc.error(server_section.span_of("addr"), K::SameAddress));
    }

    let script = top
        .tables("call")?
        .iter()
        .map(|s| read_call(s, &params))
        .collect::<Result<Vec<_>, _>>()?;
    link.faults = top
        .tables("fault")?
        .iter()
        .map(|s| read_fault(s, &params))
        .collect::<Result<Vec<_>, _>>()?;
    let expect = match top.table("expect")? {
        Some(s) => read_expect(&s, &params)?,
        None => Expectations::default(),
    };

    Ok(Lesson {
        name,
        file: file.to_string(),
        title,
        summary,
        params: param_info,
        client,
        server,
        link,
        script,
        seed,
        end,
        expect,
    })
}

/// `title = "..."` for both languages, or `title.en` / `title.pt`.
fn localized(section: &Section, key: &str) -> Result<Option<Localized>, LessonError> {
    if !section.is_table(key) {
        // One text for both languages (or a value of the wrong type, which
        // `text` names as such).
        return Ok(section.text(key)?.map(|(text, _)| Localized {
            en: text.clone(),
            pt: text,
        }));
    }
    let Some(table) = section.table(key)? else {
        return Ok(None);
    };
    table.check_keys(&["en", "pt"])?;
    let en = table.text("en")?.map(|(t, _)| t);
    let pt = table.text("pt")?.map(|(t, _)| t);
    match (en, pt) {
        (Some(en), Some(pt)) => Ok(Some(Localized { en, pt })),
        (Some(one), None) | (None, Some(one)) => Ok(Some(Localized {
            en: one.clone(),
            pt: one,
        })),
        (None, None) => Err(table.missing("en")),
    }
}

fn read_params(
    doc: &Doc,
    top: &Section,
    overrides: &[(String, String)],
) -> Result<(BTreeMap<String, u64>, Vec<ParamInfo>), LessonError> {
    let mut params = BTreeMap::new();
    let mut info = Vec::new();
    if let Some(section) = top.table("params")? {
        for (key, value) in section.entries() {
            let name = key.get_ref().to_string();
            if !is_param_name(&name) {
                return Err(doc.error(key.span(), K::BadParamName { name }));
            }
            let (default, max) = match value.get_ref() {
                DeValue::Integer(_) => (
                    section.uint(&name, &BTreeMap::new())?.map_or(0, |(n, _)| n),
                    u64::MAX,
                ),
                // `name = { default = 20, max = 10_000_000 }`: a limit that
                // `--param` cannot pass, so a run stays one a machine can finish.
                DeValue::Table(_) => {
                    let spec = section.table(&name)?.ok_or_else(|| {
                        doc.error(key.span(), K::BadParamName { name: name.clone() })
                    })?;
                    spec.check_keys(&["default", "max"])?;
                    let none = BTreeMap::new();
                    let default = spec
                        .uint("default", &none)?
                        .ok_or_else(|| spec.missing("default"))?
                        .0;
                    let max = spec.uint("max", &none)?.map_or(u64::MAX, |(n, _)| n);
                    if default > max {
                        return Err(doc.error(
                            spec.span_of("default"),
                            K::OutOfRange {
                                key: name,
                                value: default.to_string(),
                                min: "0".to_string(),
                                max: max.to_string(),
                            },
                        ));
                    }
                    (default, max)
                }
                _ => {
                    return Err(doc.error(
                        key.span(),
                        K::WrongType {
                            key: name,
                            expected: "whole-number",
                        },
                    ));
                }
            };
            params.insert(name.clone(), default);
            info.push(ParamInfo {
                name,
                default,
                value: default,
                max,
            });
        }
    }
    for (name, text) in overrides {
        let Some(slot) = params.get_mut(name) else {
            let known = info
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(doc.error_nowhere(K::UnknownParam {
                name: name.clone(),
                known,
            }));
        };
        let max = info
            .iter()
            .find(|p| &p.name == name)
            .map_or(u64::MAX, |p| p.max);
        let value = param_value(text, max).map_err(|kind| {
            doc.error_nowhere(match kind {
                ParamProblem::NotANumber => K::BadParamValue {
                    text: format!("{name}={text}"),
                },
                ParamProblem::Negative => K::NegativeParam {
                    text: format!("{name}={text}"),
                },
                ParamProblem::TooLarge => K::ParamTooLarge {
                    text: format!("{name}={text}"),
                    max,
                },
            })
        })?;
        *slot = value;
        if let Some(p) = info.iter_mut().find(|p| &p.name == name) {
            p.value = value;
        }
    }
    Ok((params, info))
}

/// Why the text of a `--param` is not a value the parameter can take.
#[derive(Debug, PartialEq, Eq)]
enum ParamProblem {
    NotANumber,
    Negative,
    TooLarge,
}

/// The value of `--param NAME=TEXT`: a whole number from 0 to `max`, `_`
/// allowed between digits. A number that is only too big (or below zero) is
/// told apart from text that is no number at all, so the message can say
/// which.
fn param_value(text: &str, max: u64) -> Result<u64, ParamProblem> {
    let digits = text.trim().replace('_', "");
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, digits.strip_prefix('+').unwrap_or(&digits)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParamProblem::NotANumber);
    }
    if negative && digits.bytes().any(|b| b != b'0') {
        return Err(ParamProblem::Negative);
    }
    match digits.parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        // Only digits, so the parse fails only when it overflows.
        _ => Err(ParamProblem::TooLarge),
    }
}

fn read_host(
    s: &Section,
    params: &BTreeMap<String, u64>,
    isn_rng: &mut SplitMix64,
) -> Result<EndpointConfig, LessonError> {
    s.check_keys(HOST_KEYS)?;
    let (addr_text, span) = s.require_text("addr")?;
    let local: SocketAddr = addr_text.trim().parse().map_err(|_| {
        s.doc.error(
            span,
            K::BadAddress {
                value: addr_text.clone(),
            },
        )
    })?;
    // Drawn even when given, so one host's ISN does not change the other's.
    let random_isn = isn_rng.next_u32();
    let isn = s
        .uint_in("isn", params, 0, u64::from(u32::MAX))?
        .map_or(random_isn, |n| n as u32);
    let mut c = EndpointConfig::new(local, SeqNumber(isn));
    if let Some(mss) = s.uint_in("mss", params, 1, MAX_MSS)? {
        c.mss = mss as u16;
    }
    if let Some(b) = s.boolean("announce_mss")? {
        c.announce_mss = b;
    }
    if let Some(w) = s.uint_in("window", params, 0, 1 << 30)? {
        c.recv_buffer = w as u32;
    }
    c.window_scale = s.uint_in("wscale", params, 0, 14)?.map(|n| n as u8);
    c.sack_permitted = s.boolean("sack")?.unwrap_or(false);
    c.timestamps = s.boolean("timestamps")?.unwrap_or(false);
    if let Some(b) = s.uint_in("send_buffer", params, 1, 1 << 28)? {
        c.send_buffer = b as u32;
    }
    if let Some(r) = s.uint_in("retries", params, 0, 100)? {
        c.max_retries = r as u32;
    }
    if let Some(b) = s.boolean("congestion")? {
        c.congestion_control = b;
    }
    if let Some((d, _)) = s.duration("msl")? {
        c.msl = d;
    }
    if let Some((d, _)) = s.duration("rto")? {
        // A lesson's timer is the one it asks for: it also becomes the floor
        // (RFC 6298's 1 s minimum would hide a short one) and, when longer
        // than the usual 60 s ceiling, the ceiling, so backoff never shrinks.
        c.rto.initial = d.max(Duration::from_micros(1));
        c.rto.min = c.rto.min.min(c.rto.initial);
        c.rto.max = c.rto.max.max(c.rto.initial);
    }
    Ok(c)
}

fn read_call(s: &Section, params: &BTreeMap<String, u64>) -> Result<Action, LessonError> {
    s.check_keys(CALL_KEYS)?;
    let line = Some(s.doc.line(&s.span));
    let (host, call_name, call_span) = match (s.text("client")?, s.text("server")?) {
        (Some((c, span)), None) => (Host::Client, c, span),
        (None, Some((c, span))) => (Host::Server, c, span),
        _ => return Err(s.doc.error(s.span.clone(), K::CallNeedsOneHost)),
    };
    let name = call_name.trim().to_ascii_lowercase().replace('_', "-");
    let has_data = s.has("text") || s.has("bytes") || s.has("echo");
    if has_data && name != "send" {
        return Err(s.doc.error(call_span, K::DataOnlyForSend { call: name }));
    }
    let call = match name.as_str() {
        "listen" => ScriptCall::Listen,
        "connect" => ScriptCall::Connect,
        "close" => ScriptCall::Close,
        "abort" => ScriptCall::Abort,
        "pause-reading" => ScriptCall::PauseReading,
        "resume-reading" => ScriptCall::ResumeReading,
        "send" => ScriptCall::Send(read_send_data(s, params)?),
        _ => {
            return Err(s.doc.error(
                call_span,
                K::UnknownCall {
                    value: call_name.clone(),
                    suggestion: closest(&name, CALL_NAMES).map(str::to_string),
                },
            ));
        }
    };
    let trigger = read_trigger(s, host)?;
    Ok(Action {
        host,
        trigger,
        call,
        line,
    })
}

fn read_send_data(s: &Section, params: &BTreeMap<String, u64>) -> Result<AppData, LessonError> {
    let text = s.text("text")?;
    let bytes = s.uint("bytes", params)?;
    let echo = s.boolean("echo")?.unwrap_or(false);
    match (text, bytes, echo) {
        (Some((t, _)), None, false) => Ok(AppData::Bytes(Bytes::from(t.into_bytes()))),
        (None, Some((n, _)), false) => Ok(AppData::Pattern(n)),
        (None, None, true) => Ok(AppData::Echo),
        _ => Err(s.doc.error(s.span.clone(), K::SendNeedsData)),
    }
}

fn read_trigger(s: &Section, host: Host) -> Result<Trigger, LessonError> {
    let at = s.duration("at")?;
    let after = s.duration("after")?;
    let when = s.text("when")?;
    let delay = s.duration("delay")?;
    if [at.is_some(), after.is_some(), when.is_some()]
        .iter()
        .filter(|b| **b)
        .count()
        > 1
    {
        return Err(s.doc.error(s.span.clone(), K::ConflictingTriggers));
    }
    if delay.is_some() && when.is_none() {
        return Err(s.doc.error(s.span_of("delay"), K::DelayNeedsWhen));
    }
    Ok(match (at, after, when) {
        (Some((d, _)), _, _) => Trigger::At(Instant::ZERO + d),
        (_, Some((d, _)), _) => Trigger::After(d),
        (_, _, Some((text, span))) => Trigger::When {
            condition: parse_condition(&text, host).ok_or_else(|| {
                s.doc.error(
                    span,
                    K::BadCondition {
                        value: text.clone(),
                    },
                )
            })?,
            delay: delay.map_or(Duration::ZERO, |(d, _)| d),
        },
        _ => Trigger::After(Duration::ZERO),
    })
}

/// `ESTABLISHED`, `server ESTABLISHED`, `server:CLOSE-WAIT`, `data`, `client data`.
fn parse_condition(text: &str, own: Host) -> Option<Condition> {
    let words: Vec<&str> = text.split([' ', ':']).filter(|w| !w.is_empty()).collect();
    let (host, what) = match words.as_slice() {
        [what] => (own, *what),
        [h, what] => (Host::parse(h)?, *what),
        _ => return None,
    };
    if what.eq_ignore_ascii_case("data") {
        return Some(Condition::Data { host });
    }
    Some(Condition::State {
        host,
        state: State::parse(what)?,
    })
}

fn read_fault(s: &Section, params: &BTreeMap<String, u64>) -> Result<FaultRule, LessonError> {
    s.check_keys(FAULT_KEYS)?;
    let line = Some(s.doc.line(&s.span));
    let (action_text, action_span) = s.require_text("action")?;
    let delay = s.duration("delay")?;
    let action = match action_text.trim().to_ascii_lowercase().as_str() {
        "drop" => FaultAction::Drop,
        "duplicate" => FaultAction::Duplicate,
        "reorder" => FaultAction::Reorder,
        "delay" => {
            let (d, _) = delay
                .clone()
                .ok_or_else(|| s.doc.error(s.span.clone(), K::FaultDelay))?;
            FaultAction::Delay(d)
        }
        _ => {
            return Err(s.doc.error(
                action_span,
                K::UnknownFault {
                    value: action_text.clone(),
                },
            ));
        }
    };
    if delay.is_some() && !matches!(action, FaultAction::Delay(_)) {
        return Err(s.doc.error(s.span_of("delay"), K::FaultDelay));
    }
    let nth = s.uint_in("nth", params, 1, u64::MAX)?;
    let flags = match s.text("flags")? {
        Some((text, span)) => Some(Flags::parse(&text).ok_or_else(|| {
            s.doc.error(
                span,
                K::BadFlags {
                    value: text.clone(),
                },
            )
        })?),
        None => None,
    };
    let data = s.boolean("data")?.unwrap_or(false);
    let any = s.boolean("any")?.unwrap_or(false);
    let what = match (nth, flags, data, any) {
        (Some(n), None, false, false) => SegmentMatch::Nth(n),
        (None, Some(f), false, false) => SegmentMatch::Flags(f),
        (None, None, true, false) => SegmentMatch::Data,
        (None, None, false, true) => SegmentMatch::Any,
        _ => return Err(s.doc.error(s.span.clone(), K::FaultNeedsTarget)),
    };
    let from = match s.text("from")? {
        Some((text, span)) => Some(Host::parse(&text).ok_or_else(|| {
            s.doc.error(
                span,
                K::UnknownHost {
                    value: text.clone(),
                },
            )
        })?),
        None => None,
    };
    let after_us = s
        .duration("after")?
        .map_or(0, |(d, _)| d.as_micros() as u64);
    let times = s
        .uint_in("times", params, 1, u64::from(u32::MAX))?
        .unwrap_or(1) as u32;
    Ok(FaultRule {
        action,
        what,
        from,
        after_us,
        times,
        line,
    })
}

fn read_expect(s: &Section, params: &BTreeMap<String, u64>) -> Result<Expectations, LessonError> {
    s.check_keys(EXPECT_KEYS)?;
    let line = |key: &str| s.doc.line(&s.span_of(key));
    let count = |key: &str| -> Result<Option<Expectation<u64>>, LessonError> {
        Ok(s.uint(key, params)?.map(|(n, _)| Expectation {
            value: n,
            line: line(key),
        }))
    };
    let state = |key: &str| -> Result<Option<Expectation<State>>, LessonError> {
        match s.text(key)? {
            None => Ok(None),
            Some((text, span)) => {
                let st = State::parse(&text).ok_or_else(|| {
                    s.doc.error(
                        span,
                        K::UnknownState {
                            value: text.clone(),
                        },
                    )
                })?;
                Ok(Some(Expectation {
                    value: st,
                    line: line(key),
                }))
            }
        }
    };
    let path = |key: &str| -> Result<Option<Expectation<Vec<State>>>, LessonError> {
        match s.text_list(key)? {
            None => Ok(None),
            Some((items, span)) => {
                let states = items
                    .iter()
                    .map(|t| {
                        State::parse(t).ok_or_else(|| {
                            s.doc
                                .error(span.clone(), K::UnknownState { value: t.clone() })
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Some(Expectation {
                    value: states,
                    line: line(key),
                }))
            }
        }
    };
    let text = |key: &str| -> Result<Option<Expectation<String>>, LessonError> {
        Ok(s.text(key)?.map(|(t, _)| Expectation {
            value: t,
            line: line(key),
        }))
    };
    let error = |key: &str| -> Result<Option<Expectation<ConnError>>, LessonError> {
        match s.text(key)? {
            None => Ok(None),
            Some((t, span)) => {
                let Some(e) = ConnError::parse(&t) else {
                    return Err(s.doc.error(span, K::UnknownError { value: t.clone() }));
                };
                Ok(Some(Expectation {
                    value: e,
                    line: line(key),
                }))
            }
        }
    };
    let causes = |key: &str| -> Result<Option<Expectation<Vec<CongestionCause>>>, LessonError> {
        match s.text_list(key)? {
            None => Ok(None),
            Some((items, span)) => {
                let causes = items
                    .iter()
                    .map(|t| {
                        congestion_cause(t).ok_or_else(|| {
                            s.doc
                                .error(span.clone(), K::UnknownCongestionCause { value: t.clone() })
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Some(Expectation {
                    value: causes,
                    line: line(key),
                }))
            }
        }
    };
    Ok(Expectations {
        fast_retransmits: count("fast_retransmits")?,
        timeouts: count("timeouts")?,
        cwnd: [count("client_cwnd")?, count("server_cwnd")?],
        min_cwnd: [count("client_min_cwnd")?, count("server_min_cwnd")?],
        ssthresh: [count("client_ssthresh")?, count("server_ssthresh")?],
        congestion: [causes("client_congestion")?, causes("server_congestion")?],
        segments: count("segments")?,
        dropped: count("dropped")?,
        retransmissions: count("retransmissions")?,
        final_state: [state("client_final")?, state("server_final")?],
        path: [path("client_path")?, path("server_path")?],
        received: [text("client_received")?, text("server_received")?],
        received_bytes: [
            count("client_received_bytes")?,
            count("server_received_bytes")?,
        ],
        error: [error("client_error")?, error("server_error")?],
    })
}

/// A congestion cause by the name `--json` gives it (any case).
fn congestion_cause(text: &str) -> Option<CongestionCause> {
    const ALL: [CongestionCause; 7] = [
        CongestionCause::Initial,
        CongestionCause::SlowStart,
        CongestionCause::CongestionAvoidance,
        CongestionCause::FastRetransmit,
        CongestionCause::FastRecovery,
        CongestionCause::RecoveryEnd,
        CongestionCause::Timeout,
    ];
    let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
    ALL.into_iter().find(|c| c.name() == wanted)
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Pt => &self.pt,
        }
    }
}
