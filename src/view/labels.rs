//! Short labels shared by the views: a segment's one-line summary, the text
//! beside a lifeline for each kind of step, durations and data previews.

use std::time::Duration;

use crate::narrate::Lang;
use crate::tcp::{ConnError, DiscardReason, Segment, Timer};
use crate::tr;
use crate::trace::{Call, CongestionCause, CongestionWindow, Fault, Host, Note, StepKind};

use super::layout::LABEL_ROWS;
use super::style::{Paint, wraps_within};

/// `("SYN,ACK", "seq=300 ack=101")`: the flags, then the numbers a student
/// follows (the ack only when the ACK bit makes it meaningful, the length only
/// when there is data, the window only when it is zero).
pub fn segment_label(seg: &Segment) -> (String, String) {
    let mut numbers = format!("seq={}", seg.seq);
    if let Some(ack) = seg.ack_number() {
        numbers.push_str(&format!(" ack={ack}"));
    }
    if seg.payload_len() > 0 {
        numbers.push_str(&format!(" len={}", seg.payload_len()));
    }
    if seg.window == 0 && !seg.flags.rst() {
        numbers.push_str(" win=0");
    }
    (seg.flags.to_string(), numbers)
}

/// `1 s`, `200 ms`, `1.5 s`, `60 s`, `250 µs`.
pub fn duration(d: Duration) -> String {
    let us = d.as_micros();
    if us == 0 {
        "0 s".into()
    } else if us.is_multiple_of(1_000_000) {
        format!("{} s", us / 1_000_000)
    } else if us >= 1_000_000 {
        let secs = format!("{:.3}", d.as_secs_f64());
        format!("{} s", secs.trim_end_matches('0').trim_end_matches('.'))
    } else if us.is_multiple_of(1000) {
        format!("{} ms", us / 1000)
    } else if us >= 10_000 {
        // A capture's odd milliseconds: tenths are as much as anyone reads.
        format!("{:.1} ms", us as f64 / 1000.0)
    } else {
        format!("{us} µs")
    }
}

/// `"Hello, world"`, with control characters escaped and long text cut.
pub fn preview(bytes: &[u8], max_chars: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut count = 0;
    for c in text.chars() {
        let piece = match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            c if c.is_control() => format!("\\x{:02x}", c as u32),
            c => c.to_string(),
        };
        count += piece.chars().count();
        if count > max_chars {
            out.push('…');
            break;
        }
        out.push_str(&piece);
    }
    format!("\"{out}\"")
}

/// A payload for people: quoted text when it reads as printable UTF-8,
/// otherwise said to be binary and shown as hex (`binary, 17 03 03 00 2a…`),
/// so a TLS record or an image is not printed as mojibake.
pub fn payload_text(lang: Lang, bytes: &[u8], max_chars: usize) -> String {
    if is_text(bytes, max_chars) {
        return preview(bytes, max_chars);
    }
    let shown = (max_chars / 3).max(4);
    let mut hex: Vec<String> = bytes
        .iter()
        .take(shown)
        .map(|b| format!("{b:02x}"))
        .collect();
    if bytes.len() > shown
        && let Some(last) = hex.last_mut()
    {
        last.push('…');
    }
    tr!(lang, "payload-binary", hex = hex.join(" "))
}

/// Whether the start of `bytes` is printable UTF-8 (tabs and line ends
/// allowed). Zeros at the end are a capture's padding, not the data's.
fn is_text(bytes: &[u8], max_chars: usize) -> bool {
    let sample = &bytes[..bytes.len().min(max_chars * 4)];
    let end = sample.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let sample = &sample[..end];
    let text = match std::str::from_utf8(sample) {
        Ok(t) => t,
        // A character cut by the sample's end is still text.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&sample[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => return false,
    };
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
}

/// Most characters of data quoted in a label beside a lifeline.
const PREVIEW_MOST: usize = 24;
/// Fewer than this and a preview says nothing: cut the label instead.
const PREVIEW_LEAST: usize = 4;

/// `label(n)` with the longest data preview, `n` from `most` down to a few
/// characters, that fits uncut in the rows a long label has in `room`
/// columns; the full one when none does (the ladder then cuts it). So the
/// byte count after the quote survives on a narrow ladder.
pub fn fit_preview(label: impl Fn(usize) -> String, most: usize, room: usize) -> String {
    (PREVIEW_LEAST.min(most)..=most)
        .rev()
        .map(&label)
        .find(|text| wraps_within(text, room, LABEL_ROWS))
        .unwrap_or_else(|| label(most))
}

/// The text a ladder shows beside a lifeline for a step (calls, timers, data,
/// errors, notes), with its colour; `None` for steps shown another way. A
/// long label is laid out in `room` columns, so data previews shrink to fit.
pub fn side_text(lang: Lang, kind: &StepKind, room: usize) -> Option<(String, Option<Paint>)> {
    let text = match kind {
        StepKind::Call(call) => return Some((call_text(lang, call), Some(Paint::Bold))),
        StepKind::Timer { timer, after, .. } => match timer {
            Timer::Retransmission => tr!(lang, "ladder-timer-rto", after = duration(*after)),
            Timer::TimeWait => tr!(lang, "ladder-timer-time-wait", after = duration(*after)),
            Timer::Persist => tr!(lang, "ladder-timer-persist"),
        },
        StepKind::Data(bytes) => {
            let label = |n| {
                tr!(
                    lang,
                    "ladder-data",
                    text = payload_text(lang, bytes, n),
                    len = bytes.len()
                )
            };
            return Some((fit_preview(label, PREVIEW_MOST, room), None));
        }
        StepKind::Error(e) => {
            let text = match e {
                ConnError::Refused => tr!(lang, "ladder-error-refused"),
                ConnError::Reset => tr!(lang, "ladder-error-reset"),
                ConnError::TimedOut => tr!(lang, "ladder-error-timed-out"),
            };
            return Some((text, Some(Paint::Reset)));
        }
        StepKind::Discard(reason) => {
            let text = discard_text(lang, *reason);
            return Some((text, Some(Paint::Dim)));
        }
        StepKind::DuplicateAck { count } => {
            return Some((tr!(lang, "ladder-dupack", count = *count), Some(Paint::Dim)));
        }
        StepKind::OutOfOrder { seq, len } => {
            let text = tr!(lang, "ladder-out-of-order", seq = seq.0, len = *len);
            return Some((text, Some(Paint::Dim)));
        }
        StepKind::Mangle { fault, .. } => {
            let text = match fault {
                Fault::Duplicate => tr!(lang, "ladder-fault-duplicate"),
                Fault::Delay(d) => tr!(lang, "ladder-fault-delay", delay = duration(*d)),
                Fault::Reorder => tr!(lang, "ladder-fault-reorder"),
                Fault::Drop | Fault::RandomLoss => tr!(lang, "ladder-lost"),
            };
            return Some((text, Some(Paint::Lost)));
        }
        StepKind::Note(note) => return Some((note_text(lang, note), Some(Paint::Dim))),
        // The ladder picks the few a teacher points at: see `congestion_label`.
        StepKind::Congestion(_) => return None,
        StepKind::Datagram(d) => {
            let label = |n| {
                tr!(
                    lang,
                    "ladder-udp",
                    src = d.src.to_string(),
                    dst = d.dst.to_string(),
                    len = d.len,
                    text = payload_text(lang, &d.payload, n)
                )
            };
            return Some((fit_preview(label, 20, room), None));
        }
        StepKind::Send { .. }
        | StepKind::Deliver(_)
        | StepKind::Drop { .. }
        | StepKind::State { .. } => {
            return None;
        }
    };
    Some((text, Some(Paint::Note)))
}

/// `cwnd 8500 · ssthresh 5500`: the congestion state after a move, short
/// enough for beside a lifeline (`ssthresh ∞` before the first loss).
pub fn congestion_text(lang: Lang, w: &CongestionWindow) -> String {
    match w.ssthresh {
        Some(ssthresh) => tr!(
            lang,
            "ladder-congestion",
            cwnd = w.cwnd,
            ssthresh = ssthresh
        ),
        None => tr!(lang, "ladder-congestion-high", cwnd = w.cwnd),
    }
}

/// Whether a congestion move earns a row beside the lifeline, given the
/// host's previous move (`None` before its first). A long transfer grows
/// cwnd on every ACK, so routine growth gets no row; the moves a teacher
/// points at do: a loss (fast retransmit, timeout), the end of fast
/// recovery, and the first ACK that leaves slow start for congestion
/// avoidance.
pub fn congestion_label_due(w: &CongestionWindow, previous: Option<CongestionCause>) -> bool {
    match w.why {
        CongestionCause::FastRetransmit
        | CongestionCause::Timeout
        | CongestionCause::RecoveryEnd => true,
        CongestionCause::CongestionAvoidance => previous == Some(CongestionCause::SlowStart),
        CongestionCause::Initial | CongestionCause::SlowStart | CongestionCause::FastRecovery => {
            false
        }
    }
}

/// `client` or `server`, in the user's language: how every view names a host.
pub fn host_text(lang: Lang, host: Host) -> String {
    match host {
        Host::Client => tr!(lang, "host-client"),
        Host::Server => tr!(lang, "host-server"),
    }
}

pub fn call_text(lang: Lang, call: &Call) -> String {
    match call {
        Call::Listen => "listen()".into(),
        Call::Connect { .. } => "connect()".into(),
        Call::Send { len, preview: p } if *len as usize == p.len() && p.len() <= 24 => {
            format!("send({})", preview(p, 24))
        }
        Call::Send { len, .. } => tr!(lang, "ladder-send-bytes", len = *len),
        Call::Close => "close()".into(),
        Call::Abort => "abort()".into(),
        Call::PauseReading => tr!(lang, "ladder-pause-reading"),
        Call::ResumeReading => tr!(lang, "ladder-resume-reading"),
    }
}

pub fn discard_text(lang: Lang, reason: DiscardReason) -> String {
    match reason {
        DiscardReason::ResetIgnored => tr!(lang, "discard-reset-ignored"),
        DiscardReason::OutsideWindow => tr!(lang, "discard-outside-window"),
        DiscardReason::ResetNotExact => tr!(lang, "discard-reset-not-exact"),
        DiscardReason::UnexpectedSyn => tr!(lang, "discard-unexpected-syn"),
        DiscardReason::NotAConnectionRequest => tr!(lang, "discard-not-a-connection-request"),
        DiscardReason::NoAck => tr!(lang, "discard-no-ack"),
        DiscardReason::AckOfUnsentData => tr!(lang, "discard-ack-of-unsent-data"),
        DiscardReason::Duplicate => tr!(lang, "discard-duplicate"),
        DiscardReason::RepeatedSyn => tr!(lang, "discard-repeated-syn"),
    }
}

/// A capture observation, short enough for beside a lifeline.
pub fn note_text(lang: Lang, note: &Note) -> String {
    match note {
        Note::MidStream => tr!(lang, "note-mid-stream"),
        Note::Retransmission(_) => tr!(lang, "note-retransmission"),
        Note::FastRetransmission(_) => tr!(lang, "note-fast-retransmission"),
        Note::SpuriousRetransmission(_) => tr!(lang, "note-spurious-retransmission"),
        Note::DuplicateAck { count, .. } => tr!(lang, "note-dup-ack", count = *count),
        Note::AckedUnseen { unseen } => tr!(lang, "note-acked-unseen", unseen = *unseen),
        Note::ZeroWindowProbe { attempt, .. } => {
            tr!(lang, "note-zero-window-probe", attempt = *attempt)
        }
        Note::ZeroWindowProbeAck => tr!(lang, "note-zero-window-probe-ack"),
        Note::WindowFull { window } => tr!(lang, "note-window-full", window = *window),
        Note::KeepAlive { .. } => tr!(lang, "note-keep-alive"),
        Note::KeepAliveAck => tr!(lang, "note-keep-alive-ack"),
        Note::ReusedPorts => tr!(lang, "note-reused-ports"),
        Note::InitialRtt { rtt } => tr!(lang, "note-initial-rtt", rtt = duration(*rtt)),
        Note::Acks { frame, .. } => tr!(lang, "note-acks", frame = *frame),
        Note::WindowScale { shifts: Some(_) } => tr!(lang, "note-window-scale"),
        Note::WindowScale { shifts: None } => tr!(lang, "note-window-scale-off"),
        Note::LostAfterCapture(_) => tr!(lang, "note-lost-after-capture"),
        Note::ControlWords { .. } => tr!(lang, "note-control-words"),
        Note::FernetKey { .. } => tr!(lang, "note-fernet-key"),
        Note::FernetToken { text: Some(t), .. } => {
            // Beside a lifeline: the start of the message is enough.
            let text = crate::view::style::truncate(t, 24);
            tr!(lang, "note-fernet-token", text = text)
        }
        Note::FernetToken { text: None, .. } => tr!(lang, "note-fernet-bad"),
        Note::NotCaptured { missing } => tr!(lang, "note-not-captured", missing = *missing),
        Note::OutOfOrder { len } => tr!(lang, "note-out-of-order", len = *len),
        Note::ZeroWindow => tr!(lang, "note-zero-window"),
        Note::WindowUpdate { window } => tr!(lang, "note-window-update", window = *window),
        Note::Truncated { captured, len } => {
            tr!(lang, "note-truncated", captured = *captured, len = *len)
        }
        Note::Relative { isn } => tr!(lang, "note-relative", isn = isn.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(Duration::from_secs(1)), "1 s");
        assert_eq!(duration(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(duration(Duration::from_millis(10)), "10 ms");
        assert_eq!(duration(Duration::from_micros(250)), "250 µs");
    }

    #[test]
    fn binary_payloads_are_shown_as_hex_and_text_as_text() {
        let en = Lang::En;
        assert_eq!(
            payload_text(en, b"GET / HTTP/1.1\r\n", 40),
            "\"GET / HTTP/1.1\\r\\n\""
        );
        assert_eq!(
            payload_text(en, &[0x17, 0x03, 0x03, 0x00, 0x2a, 0x99], 12),
            "binary, 17 03 03 00…"
        );
        // A capture's zero padding after text, and a character cut short.
        assert!(payload_text(en, b"xxxx\0\0\0", 40).starts_with('"'));
        assert!(payload_text(en, "olá".as_bytes().split_last().unwrap().1, 40).starts_with('"'));
        assert!(payload_text(en, &[0xff, 0xfe, 0x41], 40).starts_with("binary"));
    }

    #[test]
    fn previews_escape_and_cut() {
        assert_eq!(preview(b"a\nb", 10), "\"a\\nb\"");
        assert_eq!(preview(b"Hello, world", 5), "\"Hello…\"");
    }
}
