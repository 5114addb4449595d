//! TCP is a stream of bytes: one `recv()` may hold part of a line, exactly
//! one, or several, whatever `send()` calls the other side made. This puts
//! the lines back together from what each `recv()` returned, and says how
//! each `recv()` was cut, so the view can show it. Sans-IO: it is given
//! bytes and told when the peer went quiet or closed; it never reads.

/// Longest line kept whole: a peer that never sends an end of line cannot
/// make the receiver hold more than this.
pub const MAX_LINE: usize = 64 * 1024;

/// Why a line ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    /// `\n` (or `\r\n`), which is not part of the line.
    Newline,
    /// [`MAX_LINE`] bytes without an end of line: cut there.
    TooLong,
    /// No more bytes came for a while: the peer sends messages without an
    /// end of line (as the classic class programs do).
    Quiet,
    /// The peer closed the connection before ending the line.
    Closed,
}

/// One line, without its line ending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub bytes: Vec<u8>,
    pub end: LineEnd,
}

/// How one `recv()` was cut, and the lines it finished.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Arrival {
    /// The lines this `recv()` finished, in order.
    pub lines: Vec<Line>,
    /// The first of them began in an earlier `recv()`.
    pub continued: bool,
    /// Bytes of an unfinished line held after this `recv()`.
    pub pending: usize,
}

/// Lines put back together from a byte stream.
#[derive(Clone, Debug, Default)]
pub struct LineAssembler {
    partial: Vec<u8>,
    /// Some line ended with `\n`: the peer ends its lines.
    seen_newline: bool,
    /// Some line was taken because the peer went quiet.
    seen_quiet: bool,
}

impl LineAssembler {
    pub fn new() -> LineAssembler {
        LineAssembler::default()
    }

    /// The bytes one `recv()` returned.
    pub fn push(&mut self, bytes: &[u8]) -> Arrival {
        let mut arrival = Arrival {
            continued: !self.partial.is_empty(),
            ..Arrival::default()
        };
        for &b in bytes {
            if b == b'\n' {
                let mut line = std::mem::take(&mut self.partial);
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.seen_newline = true;
                arrival.lines.push(Line {
                    bytes: line,
                    end: LineEnd::Newline,
                });
            } else {
                self.partial.push(b);
                if self.partial.len() == MAX_LINE {
                    arrival.lines.push(Line {
                        bytes: std::mem::take(&mut self.partial),
                        end: LineEnd::TooLong,
                    });
                }
            }
        }
        if arrival.lines.is_empty() {
            arrival.continued = false;
        }
        arrival.pending = self.partial.len();
        arrival
    }

    /// The peer sent nothing more for a while: the unfinished line, if any,
    /// as it is.
    pub fn quiet(&mut self) -> Option<Line> {
        let line = self.take(LineEnd::Quiet);
        if line.is_some() {
            self.seen_quiet = true;
        }
        line
    }

    /// The peer closed: the unfinished line, if any.
    pub fn closed(&mut self) -> Option<Line> {
        self.take(LineEnd::Closed)
    }

    fn take(&mut self, end: LineEnd) -> Option<Line> {
        (!self.partial.is_empty()).then(|| Line {
            bytes: std::mem::take(&mut self.partial),
            end,
        })
    }

    /// Bytes of an unfinished line held now.
    pub fn pending(&self) -> usize {
        self.partial.len()
    }

    /// The peer ends its lines with `\n`: an unfinished line when it closes
    /// was cut off, not its way of speaking.
    pub fn peer_ends_lines(&self) -> bool {
        self.seen_newline
    }

    /// The peer sends bare messages, with no end of line, so an unfinished
    /// line is no news.
    pub fn peer_sends_bare_messages(&self) -> bool {
        self.seen_quiet && !self.seen_newline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            bytes: text.as_bytes().to_vec(),
            end: LineEnd::Newline,
        }
    }

    #[test]
    fn one_recv_one_line() {
        let mut a = LineAssembler::new();
        let got = a.push("olá\n".as_bytes());
        assert_eq!(got.lines, [line("olá")]);
        assert!(!got.continued);
        assert_eq!(got.pending, 0);
    }

    #[test]
    fn one_recv_several_lines() {
        let mut a = LineAssembler::new();
        let got = a.push(b"a\nb\r\nc\n");
        assert_eq!(got.lines, [line("a"), line("b"), line("c")]);
        assert_eq!(got.pending, 0);
    }

    #[test]
    fn a_line_split_across_recvs_is_put_back_together() {
        let mut a = LineAssembler::new();
        let first = a.push(b"hel");
        assert!(first.lines.is_empty());
        assert!(!first.continued);
        assert_eq!(first.pending, 3);
        let second = a.push(b"lo\nwor");
        assert_eq!(second.lines, [line("hello")]);
        assert!(second.continued);
        assert_eq!(second.pending, 3);
        let third = a.push(b"ld\n");
        assert!(third.continued);
        assert_eq!(third.lines, [line("world")]);
    }

    #[test]
    fn a_multibyte_character_split_across_recvs_comes_back_whole() {
        let bytes = "ação\n".as_bytes();
        let mut a = LineAssembler::new();
        assert!(a.push(&bytes[..2]).lines.is_empty());
        assert_eq!(a.push(&bytes[2..]).lines, [line("ação")]);
    }

    #[test]
    fn a_quiet_peer_gets_its_bare_message_shown() {
        let mut a = LineAssembler::new();
        assert_eq!(a.quiet(), None);
        a.push("olá".as_bytes());
        assert!(!a.peer_sends_bare_messages());
        let got = a.quiet().unwrap();
        assert_eq!(got.bytes, "olá".as_bytes());
        assert_eq!(got.end, LineEnd::Quiet);
        assert!(a.peer_sends_bare_messages());
        assert!(!a.peer_ends_lines());
        assert_eq!(a.pending(), 0);
    }

    #[test]
    fn closing_mid_line_hands_over_the_unfinished_line() {
        let mut a = LineAssembler::new();
        a.push(b"done\nhalf a li");
        assert!(a.peer_ends_lines());
        let got = a.closed().unwrap();
        assert_eq!(got.bytes, b"half a li");
        assert_eq!(got.end, LineEnd::Closed);
        assert_eq!(a.closed(), None);
    }

    #[test]
    fn an_endless_line_is_cut_instead_of_filling_memory() {
        let mut a = LineAssembler::new();
        let got = a.push(&vec![b'x'; MAX_LINE + 5]);
        assert_eq!(got.lines.len(), 1);
        assert_eq!(got.lines[0].end, LineEnd::TooLong);
        assert_eq!(got.lines[0].bytes.len(), MAX_LINE);
        assert_eq!(got.pending, 5);
    }

    #[test]
    fn an_empty_line_is_a_line() {
        let mut a = LineAssembler::new();
        assert_eq!(a.push(b"\n").lines, [line("")]);
    }

    #[test]
    fn bytes_that_are_not_utf8_pass_through_unchanged() {
        let mut a = LineAssembler::new();
        let got = a.push(&[0x63, 0x61, 0xff, b'\n']);
        assert_eq!(got.lines[0].bytes, [0x63, 0x61, 0xff]);
    }
}
