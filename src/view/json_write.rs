//! The common steps of `--json` written straight into a byte buffer: a
//! capture's JSON runs to millions of lines, and building a map of values
//! for each line cost more than everything else `explain` does. The bytes
//! are exactly those of the general path in `json.rs` (the JSON snapshots pin
//! them; the output of every committed capture was compared byte for byte
//! with the general path's); rarer steps take that path.

use std::io::Write;
use std::net::SocketAddr;

use super::json::{fault_name, send_reason};
use crate::tcp::{Flags, Segment};
use crate::trace::{Fault, Note, Step, StepKind};

/// What repeats from line to line, written once: the `"src":…,"dst":…` of
/// the last few address pairs (a conversation's two directions) and the
/// flag lists. Formatting socket addresses afresh on every line cost more
/// than the rest of the line.
#[derive(Debug, Default)]
pub struct Repeats {
    pairs: Vec<(SocketAddr, SocketAddr, Vec<u8>)>,
    /// The pair replaced next when all places are taken.
    next: usize,
    /// `"flags":[…]` for each combination of bits, once it has been seen.
    flags: Vec<Option<Vec<u8>>>,
}

/// Address pairs remembered: a few conversations interleaved stay cached.
const PAIRS: usize = 8;

impl Repeats {
    /// `{"src":"…","dst":"…","seq":` for the pair.
    fn addresses(&mut self, src: SocketAddr, dst: SocketAddr) -> &[u8] {
        let found = self
            .pairs
            .iter()
            .position(|(s, d, _)| *s == src && *d == dst);
        let i = match found {
            Some(i) => i,
            None => {
                let mut text = Vec::with_capacity(64);
                // Addresses hold no character JSON escapes.
                let _ = write!(text, "{{\"src\":\"{src}\",\"dst\":\"{dst}\",\"seq\":");
                if self.pairs.len() < PAIRS {
                    self.pairs.push((src, dst, text));
                    self.pairs.len() - 1
                } else {
                    let i = self.next;
                    self.next = (self.next + 1) % PAIRS;
                    self.pairs[i] = (src, dst, text);
                    i
                }
            }
        };
        &self.pairs[i].2
    }

    /// `,"flags":[…],"win":` for the bits set.
    fn flags(&mut self, flags: Flags) -> &[u8] {
        if self.flags.is_empty() {
            self.flags.resize(256, None);
        }
        self.flags[usize::from(flags.0)].get_or_insert_with(|| {
            let mut text = b",\"flags\":[".to_vec();
            for (i, name) in flags.names().enumerate() {
                if i > 0 {
                    text.push(b',');
                }
                string(&mut text, name);
            }
            text.extend_from_slice(b"],\"win\":");
            text
        })
    }
}

/// Writes `step` as a JSON object (no newline) and returns true, or returns
/// false and writes nothing when the general path should write it.
pub fn write_step(buf: &mut Vec<u8>, step: &Step, with_conv: bool, repeats: &mut Repeats) -> bool {
    let rest: fn(&mut Vec<u8>, &Step, &mut Repeats) = match &step.kind {
        StepKind::Send { .. } => |buf, step, repeats| {
            if let StepKind::Send { transmit: tx, .. } = &step.kind {
                buf.extend_from_slice(b",\"seg\":");
                segment(buf, &tx.segment, repeats);
                buf.extend_from_slice(b",\"reason\":");
                name(buf, send_reason(tx.reason));
                buf.extend_from_slice(if tx.retransmission {
                    b",\"retransmission\":true"
                } else {
                    b",\"retransmission\":false"
                });
            }
        },
        StepKind::Deliver(_) => |buf, step, repeats| {
            if let StepKind::Deliver(seg) = &step.kind {
                buf.extend_from_slice(b",\"seg\":");
                segment(buf, seg, repeats);
            }
        },
        StepKind::Drop { fault, .. } | StepKind::Mangle { fault, .. }
            if !matches!(fault, Fault::Delay(_)) =>
        {
            |buf, step, repeats| {
                if let StepKind::Drop {
                    segment: seg,
                    fault,
                }
                | StepKind::Mangle {
                    segment: seg,
                    fault,
                } = &step.kind
                {
                    buf.extend_from_slice(b",\"seg\":");
                    segment(buf, seg, repeats);
                    buf.extend_from_slice(b",\"fault\":");
                    name(buf, fault_name(*fault));
                }
            }
        }
        StepKind::Note(Note::Truncated { .. }) => |buf, step, _| {
            if let StepKind::Note(Note::Truncated { captured, len }) = &step.kind {
                buf.extend_from_slice(b",\"note\":\"truncated\",\"captured\":");
                number(buf, u64::from(*captured));
                buf.extend_from_slice(b",\"len\":");
                number(buf, u64::from(*len));
            }
        },
        StepKind::Note(Note::Acks { .. }) => |buf, step, _| {
            if let StepKind::Note(Note::Acks { frame, rtt }) = &step.kind {
                buf.extend_from_slice(b",\"note\":\"acks\",\"acked_frame\":");
                number(buf, u64::from(*frame));
                buf.extend_from_slice(b",\"rtt_us\":");
                number(buf, rtt.as_micros() as u64);
            }
        },
        _ => return false,
    };
    buf.extend_from_slice(b"{\"t_us\":");
    number(buf, step.t.micros());
    buf.extend_from_slice(b",\"kind\":");
    name(buf, step.kind.name());
    buf.extend_from_slice(b",\"host\":");
    name(buf, step.host.name());
    if with_conv {
        buf.extend_from_slice(b",\"conv\":");
        number(buf, u64::from(step.conv));
    }
    if let Some(frame) = step.frame {
        buf.extend_from_slice(b",\"frame\":");
        number(buf, u64::from(frame));
    }
    rest(buf, step, repeats);
    buf.push(b'}');
    true
}

/// Appends `"explain":[…]` to the object just written (before its `}`).
pub fn add_explanations(buf: &mut Vec<u8>, lines: &[String]) {
    if buf.last() == Some(&b'}') {
        buf.pop();
    }
    buf.extend_from_slice(b",\"explain\":[");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        string(buf, line);
    }
    buf.extend_from_slice(b"]}");
}

fn segment(buf: &mut Vec<u8>, seg: &Segment, repeats: &mut Repeats) {
    buf.extend_from_slice(repeats.addresses(seg.src, seg.dst));
    number(buf, u64::from(seg.seq.0));
    buf.extend_from_slice(b",\"ack\":");
    match seg.ack_number() {
        Some(a) => number(buf, u64::from(a.0)),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(repeats.flags(seg.flags));
    number(buf, u64::from(seg.window));
    buf.extend_from_slice(b",\"len\":");
    number(buf, seg.payload_len() as u64);
    let o = &seg.options;
    if !o.is_empty() {
        buf.extend_from_slice(b",\"options\":{");
        let mut first = true;
        let mut key = |buf: &mut Vec<u8>, k: &'static str| {
            if !std::mem::take(&mut first) {
                buf.push(b',');
            }
            name(buf, k);
            buf.push(b':');
        };
        if let Some(mss) = o.mss {
            key(buf, "mss");
            number(buf, u64::from(mss));
        }
        if let Some(ws) = o.window_scale {
            key(buf, "wscale");
            number(buf, u64::from(ws));
        }
        if o.sack_permitted {
            key(buf, "sack_permitted");
            buf.extend_from_slice(b"true");
        }
        if let Some(ts) = o.timestamps {
            key(buf, "ts_val");
            number(buf, u64::from(ts.value));
            key(buf, "ts_ecr");
            number(buf, u64::from(ts.echo_reply));
        }
        if !o.sack.is_empty() {
            key(buf, "sack");
            buf.push(b'[');
            for (i, b) in o.sack.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                buf.push(b'[');
                number(buf, u64::from(b.left.0));
                buf.push(b',');
                number(buf, u64::from(b.right.0));
                buf.push(b']');
            }
            buf.push(b']');
        }
        buf.push(b'}');
    }
    buf.push(b'}');
}

/// Digits two at a time (itoa, which serde_json uses too): a line holds a
/// dozen numbers and a capture millions of lines.
fn number(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// One of the format's own names (a kind, a host, a reason, a key): plain
/// ASCII that JSON never escapes, so it is copied without looking for
/// characters to escape, three times on every line.
fn name(buf: &mut Vec<u8>, s: &'static str) {
    debug_assert!(
        s.bytes()
            .all(|b| (b.is_ascii_graphic() && b != b'"' && b != b'\\') || b == b' '),
        "{s:?} needs escaping"
    );
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
}

/// A JSON string, escaped as serde_json escapes it.
fn string(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => &[],
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        if escaped.is_empty() {
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(b >> 4)]);
            buf.push(HEX[usize::from(b & 0xf)]);
        } else {
            buf.extend_from_slice(escaped);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "plain",
            "a\"b\\c",
            "line\nnext\r\t",
            "\u{1}\u{1f}\u{8}\u{c}",
            "olá ✓",
        ] {
            let mut buf = Vec::new();
            string(&mut buf, s);
            assert_eq!(buf, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_are_written_in_full() {
        for n in [0, 7, 10, 1_000_000, u64::MAX] {
            let mut buf = Vec::new();
            number(&mut buf, n);
            assert_eq!(buf, n.to_string().as_bytes());
        }
    }
}
