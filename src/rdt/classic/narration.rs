//! `--explain` for classic sessions: what each line is, and on the server's
//! side what the client must be doing (its timer, its next try), since the
//! server cannot see the client's timer but its own faults decide it. The
//! narration says, once per session, why these errors differ from the
//! lab's: TCP never loses or damages the lines, the server makes them up.

use std::time::Duration;

use super::trace::{Again, ClassicKind, ClassicStep, Decision, Host};
use super::{CLASSIC_TIMEOUT, CLASSIC_TRIES, CORRUPTED, ClassicMode};
use crate::narrate::Lang;
use crate::tr;
use crate::view::Explain;
use crate::view::labels::preview;

/// Seconds as the narration says them: `2`, `0.35`.
fn secs(d: Duration) -> String {
    let s = (d.as_secs_f64() * 100.0).round() / 100.0;
    format!("{s}")
}

/// Explains classic steps, remembering what the last message met.
pub struct ClassicNarrator {
    lang: Lang,
    /// Whose log this is: the server explains the client's timer, the
    /// client its own.
    side: Host,
    mode: Option<ClassicMode>,
    timeout: Duration,
    tries: u32,
    /// The try the last message is on.
    attempt: u32,
    /// The last message was not answered with a confirmation (yet).
    unanswered: bool,
    /// Whether the difference from TCP's own recovery has been told.
    told_tcp: bool,
}

impl ClassicNarrator {
    /// A narrator for `side`'s log; the client's timer and tries are the
    /// classic ones unless the client says otherwise ([`Self::timer`]).
    pub fn new(lang: Lang, side: Host) -> Self {
        ClassicNarrator {
            lang,
            side,
            mode: None,
            timeout: CLASSIC_TIMEOUT,
            tries: CLASSIC_TRIES,
            attempt: 0,
            unanswered: false,
            told_tcp: false,
        }
    }

    /// The client's timer and tries, when they are not the classic ones.
    pub fn timer(mut self, timeout: Duration, tries: u32) -> Self {
        self.timeout = timeout;
        self.tries = tries;
        self
    }

    fn once_tcp(&mut self, out: &mut Vec<String>) {
        if !self.told_tcp {
            self.told_tcp = true;
            out.push(tr!(self.lang, "classic-x-above-tcp"));
        }
    }

    pub fn explain(&mut self, step: &ClassicStep) -> Vec<String> {
        let lang = self.lang;
        let timeout = secs(self.timeout);
        let tries = self.tries;
        match &step.kind {
            ClassicKind::Request { line } => {
                let mode = super::Hello::detect(line)
                    .and_then(Result::ok)
                    .map_or_else(|| line.clone(), |h| h.mode.name().to_string());
                vec![tr!(lang, "classic-x-request", mode = mode)]
            }
            ClassicKind::Reply {
                agreed: Some(h), ..
            } => {
                self.mode = Some(h.mode);
                match h.mode {
                    ClassicMode::Clean => {
                        vec![tr!(lang, "classic-x-reply-clean", size = h.max_size)]
                    }
                    ClassicMode::Lossy => vec![tr!(
                        lang,
                        "classic-x-reply-lossy",
                        size = h.max_size,
                        timeout = timeout,
                        tries = tries
                    )],
                }
            }
            ClassicKind::Reply { agreed: None, .. } => vec![tr!(lang, "classic-x-refused")],
            ClassicKind::Message {
                index,
                attempt,
                again,
                text,
            } => {
                let mut out = Vec::new();
                if *attempt == 1 && self.unanswered && self.side == Host::Server {
                    out.push(tr!(lang, "classic-x-gave-up-seen", tries = tries));
                }
                self.attempt = *attempt;
                self.unanswered = true;
                out.push(match again {
                    None if *index == 1 => tr!(lang, "classic-x-message-first", len = text.len()),
                    None => tr!(lang, "classic-x-message", index = *index, len = text.len()),
                    Some(Again::NoAnswer) => tr!(
                        lang,
                        "classic-x-retry-no-answer",
                        attempt = *attempt,
                        tries = tries,
                        timeout = timeout
                    ),
                    Some(Again::Corrupted) => tr!(
                        lang,
                        "classic-x-retry-corrupted",
                        attempt = *attempt,
                        tries = tries
                    ),
                    Some(Again::Answered) => tr!(
                        lang,
                        "classic-x-retry-answered",
                        attempt = *attempt,
                        tries = tries,
                        timeout = timeout
                    ),
                });
                if again.is_some() && self.side == Host::Server {
                    out.push(tr!(lang, "classic-x-retry-seen"));
                }
                out
            }
            ClassicKind::Fault(d) => {
                let next = self.attempt + 1;
                let last = self.attempt >= tries;
                let mut out = vec![match d {
                    Decision::Lose { .. } if last => {
                        tr!(lang, "classic-x-lose-last", timeout = timeout)
                    }
                    Decision::Lose { .. } => tr!(
                        lang,
                        "classic-x-lose",
                        timeout = timeout,
                        next = next,
                        tries = tries
                    ),
                    Decision::Corrupt { .. } if last => tr!(lang, "classic-x-corrupt-last"),
                    Decision::Corrupt { .. } => {
                        tr!(lang, "classic-x-corrupt", next = next, tries = tries)
                    }
                    Decision::Delay(t) if *t >= self.timeout => tr!(
                        lang,
                        "classic-x-delay-late",
                        delay = secs(*t),
                        timeout = timeout
                    ),
                    Decision::Delay(t) => tr!(lang, "classic-x-delay", delay = secs(*t)),
                }];
                match d {
                    Decision::Lose { rule: true } | Decision::Corrupt { rule: true } => {
                        out.push(tr!(lang, "classic-x-scripted"))
                    }
                    Decision::Lose { rule: false } | Decision::Corrupt { rule: false } => {
                        out.push(tr!(lang, "classic-x-random"))
                    }
                    Decision::Delay(_) => {}
                }
                self.once_tcp(&mut out);
                out
            }
            ClassicKind::Answer { text } if text == CORRUPTED && self.side == Host::Client => {
                let mut out = vec![tr!(lang, "classic-x-answer-corrupted")];
                self.once_tcp(&mut out);
                out
            }
            ClassicKind::Answer { text } if text.starts_with(super::CONFIRMATION) => {
                self.unanswered = false;
                if self.side == Host::Server {
                    vec![tr!(lang, "classic-x-answer")]
                } else {
                    Vec::new()
                }
            }
            ClassicKind::Answer { .. } => Vec::new(),
            ClassicKind::TooLong { len, max }
                if step.host == Host::Client && self.side == Host::Client =>
            {
                vec![tr!(
                    lang,
                    "classic-x-too-long-client",
                    len = *len,
                    max = *max
                )]
            }
            ClassicKind::TooLong { len, max } => {
                vec![tr!(lang, "classic-x-too-long", len = *len, max = *max)]
            }
            ClassicKind::Timeout { attempt, after, .. } => {
                let mut out = vec![tr!(
                    lang,
                    "classic-x-timeout",
                    attempt = *attempt,
                    timeout = secs(*after)
                )];
                self.once_tcp(&mut out);
                out
            }
            ClassicKind::Stale { text } => vec![tr!(
                lang,
                "classic-x-stale",
                text = preview(text.as_bytes(), 40)
            )],
            ClassicKind::Confirmed { index, attempt } => {
                self.unanswered = false;
                vec![tr!(
                    lang,
                    "classic-x-confirmed",
                    index = *index,
                    attempt = *attempt
                )]
            }
            ClassicKind::GaveUp { index, attempts } => {
                self.unanswered = false;
                vec![tr!(
                    lang,
                    "classic-x-gave-up",
                    index = *index,
                    tries = *attempts
                )]
            }
            ClassicKind::Quit => vec![tr!(lang, "classic-x-quit")],
            ClassicKind::Done => Vec::new(),
        }
    }
}

impl Explain<ClassicStep> for ClassicNarrator {
    fn explain(&mut self, step: &ClassicStep) -> Vec<String> {
        ClassicNarrator::explain(self, step)
    }
}
