//! Colour for projectors: one hue per host, a few for flags, and nothing at all
//! when colour is off, so `--color never` gives the same layout in plain text.

use std::sync::Once;

use colored::{ColoredString, Colorize};

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

    /// Bright, high-contrast colours that survive a washed-out projector.
    fn apply(self, text: &str) -> ColoredString {
        match self {
            Paint::Client => text.cyan().bold(),
            Paint::Server => text.yellow().bold(),
            Paint::Reset => text.red().bold(),
            Paint::Syn => text.green().bold(),
            Paint::Fin => text.magenta().bold(),
            Paint::Lost => text.red(),
            Paint::Dim => text.dimmed(),
            Paint::Bold => text.bold(),
            Paint::Title => text.bold().underline(),
            Paint::Note => text.italic(),
        }
    }
}

impl Style {
    /// `text` in `paint`, or `text` unchanged when colour is off.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if self.color && !text.is_empty() {
            take_over_colour_decision();
            paint.apply(text).to_string()
        } else {
            text.to_string()
        }
    }
}

/// `Style::color` is decided once from `--color`, the terminal and `NO_COLOR`,
/// so `colored` must not decide again from the environment (it would drop
/// colour from `--color always` into a pipe). On Windows this is also what
/// turns on ANSI escapes in an old console.
fn take_over_colour_decision() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        colored::control::set_override(true);
        #[cfg(windows)]
        let _ = colored::control::set_virtual_terminal(true);
    });
}

/// Text from the network made safe to show on a terminal: control characters
/// (escape sequences could move the cursor or recolour the screen) and the
/// bidirectional overrides (which can make text read backwards) are shown
/// escaped, `\u{1b}`. What is relayed is not changed; only what is shown.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
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
    fn colour_on_is_the_projector_palette() {
        let style = Style { color: true };
        assert_eq!(style.paint(Paint::Client, "SYN"), "\x1b[1;36mSYN\x1b[0m");
        assert_eq!(style.paint(Paint::Title, "T"), "\x1b[1;4mT\x1b[0m");
        assert_eq!(style.paint(Paint::Lost, "x"), "\x1b[31mx\x1b[0m");
        assert_eq!(style.paint(Paint::Dim, ""), "");
    }

    #[test]
    fn escapes_and_overrides_are_shown_not_obeyed() {
        assert_eq!(printable("olá"), "olá");
        assert_eq!(printable("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
    }

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(truncate("Hello, world", 6), "Hello…");
    }
}
