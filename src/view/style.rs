//! Colour for projectors: one hue per host, a few for flags, and nothing at all
//! when colour is off, so `--color never` gives the same layout in plain text.

use crate::trace::Host;

/// Whether to colour. The caller decides (terminal? `NO_COLOR`? `--color`?).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

/// A colour role, so views say what a thing is and the palette says how it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    Client,
    Server,
    Reset,
    Syn,
    Fin,
    Lost,
    Dim,
    Bold,
    Title,
    Note,
}

impl Paint {
    pub fn host(host: Host) -> Paint {
        match host {
            Host::Client => Paint::Client,
            Host::Server => Paint::Server,
        }
    }

    /// ANSI SGR codes: bright, high-contrast colours that survive a washed-out projector.
    fn code(self) -> &'static str {
        match self {
            Paint::Client => "1;36",
            Paint::Server => "1;33",
            Paint::Reset => "1;31",
            Paint::Syn => "1;32",
            Paint::Fin => "1;35",
            Paint::Lost => "31",
            Paint::Dim => "2",
            Paint::Bold => "1",
            Paint::Title => "1;4",
            Paint::Note => "3",
        }
    }
}

impl Style {
    /// `text` in `paint`, or `text` unchanged when colour is off.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{}m{}\x1b[0m", paint.code(), text)
        } else {
            text.to_string()
        }
    }
}

/// How many terminal columns `text` takes (escape codes take none; every char one).
pub fn width(text: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in text.chars() {
        if in_escape {
            in_escape = c != 'm';
        } else if c == '\x1b' {
            in_escape = true;
        } else {
            n += 1;
        }
    }
    n
}

/// Cuts plain `text` to `max` columns, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Word-wraps plain `text` to lines of at most `max` columns.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_off_is_plain_text() {
        let style = Style { color: false };
        assert_eq!(style.paint(Paint::Client, "SYN"), "SYN");
        let style = Style { color: true };
        assert_eq!(width(&style.paint(Paint::Client, "SYN")), 3);
    }

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(truncate("Hello, world", 6), "Hello…");
    }
}
