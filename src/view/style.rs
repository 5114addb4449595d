//! Colour for projectors: one hue per host, a few for flags, and nothing at all
//! when colour is off, so `--color never` gives the same layout in plain text.
//!
//! Every role has an explicit colour per [`Theme`], from the 256-colour
//! palette's fixed part (indexes 16–255, whose RGB values are the same in every
//! terminal, unlike the 16 named colours that each terminal theme redefines):
//! a "yellow" that is bright on black is invisible on a white projector screen.
//! Each colour keeps a WCAG contrast of at least 4.5:1 against its theme's
//! background ([`Theme::background`]); a test measures every one.

use std::sync::Once;

use colored::{Color, ColoredString, Colorize};

use crate::trace::Host;

/// Whether to colour, and with which palette. The caller decides (terminal?
/// `NO_COLOR`? `--color`? `--theme`?); with `color` off the theme is unused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub theme: Theme,
}

/// A palette, named for the background it is made for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light colours for a dark terminal (the usual terminal default).
    #[default]
    Dark,
    /// Dark colours for a white background (most projectors and slides).
    Light,
    /// No colour at all, only bold and underline: for monochrome projectors,
    /// printouts and colour-blind readers. Client and server still differ by
    /// side and by the direction of their arrows.
    Mono,
}

/// An sRGB colour, `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// How one role looks in one theme: a foreground from the 256-colour palette
/// (`None`: the terminal's own foreground, made by the terminal for its own
/// background), and bold or underline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ink {
    pub fg: Option<u8>,
    pub bold: bool,
    pub underline: bool,
}

const fn ink(fg: u8, bold: bool) -> Ink {
    Ink {
        fg: Some(fg),
        bold,
        underline: false,
    }
}

/// Emphasis in the terminal's own foreground colour.
const fn plain(bold: bool, underline: bool) -> Ink {
    Ink {
        fg: None,
        bold,
        underline,
    }
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Dark, Theme::Light, Theme::Mono];

    /// The background the palette is measured against: `#1e1e1e`, a typical
    /// dark terminal (a colour that passes on it passes on pure black too),
    /// and `#ffffff`. `None` for `mono`, which sets no colour.
    pub fn background(self) -> Option<Rgb> {
        match self {
            Theme::Dark => Some(Rgb(0x1e, 0x1e, 0x1e)),
            Theme::Light => Some(Rgb(0xff, 0xff, 0xff)),
            Theme::Mono => None,
        }
    }

    /// The theme a terminal's `COLORFGBG` (`15;0`: white text on black,
    /// `0;15`: black on white; rxvt adds a middle field) asks for, reading
    /// the background the way vim does: 0–6 and 8 are dark, 7 and 9–15 light.
    /// `None` when it says nothing usable.
    pub fn from_colorfgbg(value: &str) -> Option<Theme> {
        let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
        match background {
            0..=6 | 8 => Some(Theme::Dark),
            7 | 9..=15 => Some(Theme::Light),
            _ => None,
        }
    }

    /// How `paint` looks in this theme.
    pub fn ink(self, paint: Paint) -> Ink {
        match self {
            // Bright and saturated: survives a washed-out projector.
            Theme::Dark => match paint {
                Paint::Client => ink(51, true),  // #00ffff cyan
                Paint::Server => ink(220, true), // #ffd700 gold
                Paint::Reset => ink(203, true),  // #ff5f5f red
                Paint::Syn => ink(83, true),     // #5fff5f green
                Paint::Fin => ink(213, true),    // #ff87ff pink
                Paint::Lost => ink(210, false),  // #ff8787 light red
                Paint::Dim => ink(246, false),   // #949494 grey
                Paint::Note => ink(147, false),  // #afafff lavender
                Paint::Bold => plain(true, false),
                Paint::Title => plain(true, true),
            },
            // Deep versions of the same hues: blue against amber for the hosts.
            Theme::Light => match paint {
                Paint::Client => ink(25, true), // #005faf blue
                Paint::Server => ink(94, true), // #875f00 amber brown
                Paint::Reset => ink(124, true), // #af0000 red
                Paint::Syn => ink(22, true),    // #005f00 green
                Paint::Fin => ink(90, true),    // #870087 magenta
                Paint::Lost => ink(160, false), // #d70000 red
                Paint::Dim => ink(241, false),  // #626262 grey
                Paint::Note => ink(54, false),  // #5f0087 indigo
                Paint::Bold => plain(true, false),
                Paint::Title => plain(true, true),
            },
            // What must stand out is bold; the rest reads by position.
            Theme::Mono => match paint {
                Paint::Reset | Paint::Lost | Paint::Bold => plain(true, false),
                Paint::Title => plain(true, true),
                Paint::Client
                | Paint::Server
                | Paint::Syn
                | Paint::Fin
                | Paint::Dim
                | Paint::Note => plain(false, false),
            },
        }
    }
}

/// The RGB value of a 256-colour palette index, as xterm defines it: the
/// 6×6×6 cube from 16 and the grey ramp from 232. The 16 named colours
/// (0–15) have no fixed value, which is why no palette uses them: `None`.
pub fn xterm_rgb(index: u8) -> Option<Rgb> {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        0..=15 => None,
        16..=231 => {
            let i = usize::from(index - 16);
            Some(Rgb(LEVELS[i / 36], LEVELS[i / 6 % 6], LEVELS[i % 6]))
        }
        232..=255 => {
            let g = 8 + 10 * (index - 232);
            Some(Rgb(g, g, g))
        }
    }
}

impl Rgb {
    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio with `other`, 1 to 21 (AA asks 4.5 for text).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// A colour role, so views say what a thing is and the palette says how it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// The client: its lifeline, arrows and states.
    Client,
    /// The server: its lifeline, arrows and states.
    Server,
    /// RST, errors, NAKs, a wrong key.
    Reset,
    /// Things going right: a delivery, a check passed, bytes sent.
    Syn,
    /// The other direction's accent: bytes received, the Noise handshake.
    Fin,
    /// A packet lost or mangled on the link.
    Lost,
    /// Secondary text: times, hosts, footers, windows, discards.
    Dim,
    /// Calls and headings of tables.
    Bold,
    /// A view's title.
    Title,
    /// Narration, timers and notes.
    Note,
}

impl Paint {
    pub const ALL: [Paint; 10] = [
        Paint::Client,
        Paint::Server,
        Paint::Reset,
        Paint::Syn,
        Paint::Fin,
        Paint::Lost,
        Paint::Dim,
        Paint::Bold,
        Paint::Title,
        Paint::Note,
    ];

    pub fn host(host: Host) -> Paint {
        match host {
            Host::Client => Paint::Client,
            Host::Server => Paint::Server,
        }
    }
}

impl Ink {
    fn apply(self, text: &str) -> ColoredString {
        let mut out = ColoredString::from(text);
        if let Some(fg) = self.fg {
            out = out.color(Color::AnsiColor(fg));
        }
        if self.bold {
            out = out.bold();
        }
        if self.underline {
            out = out.underline();
        }
        out
    }
}

impl Style {
    /// `text` in `paint`, or `text` unchanged when colour is off.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if self.color && !text.is_empty() {
            take_over_colour_decision();
            self.theme.ink(paint).apply(text).to_string()
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

/// Cuts plain `text` to `max` columns, ending with `…` when cut. Exactly one
/// `…`: one the text already had just before the cut is not doubled (`"abc…"`
/// cut must not read `"abc……`), and a space before it is dropped.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    let mut out = kept.trim_end_matches(['…', ' ']).to_string();
    out.push('…');
    out
}

/// Plain `text` word-wrapped to at most `rows` lines of `max` columns: a
/// word longer than a line, or what does not fit in the last line, is cut
/// with one `…`. Two lines are balanced (`duplicate` / `ACK #1`, not
/// `duplicate ACK` / `#1`), and a leading mark such as `↻` or `✗` stays with
/// the word after it. Always at least one line (maybe empty).
pub fn wrap_cut(text: &str, max: usize, rows: usize) -> Vec<String> {
    let (max, rows) = (max.max(1), rows.max(1));
    let words = label_words(text);
    let len = |ws: &[String]| {
        ws.iter()
            .map(|w| w.chars().count() + 1)
            .sum::<usize>()
            .saturating_sub(1)
    };
    if rows >= 2 && len(&words) > max {
        let best = (1..words.len())
            .map(|at| (at, len(&words[..at]).max(len(&words[at..]))))
            .filter(|&(_, longest)| longest <= max)
            .min_by_key(|&(_, longest)| longest);
        if let Some((at, _)) = best {
            return vec![words[..at].join(" "), words[at..].join(" ")];
        }
    }
    let mut lines = greedy(&words, max);
    if lines.len() > rows {
        let rest = lines.split_off(rows - 1).join(" ");
        lines.push(rest);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines.iter().map(|l| truncate(l, max)).collect()
}

/// Whether `text` word-wraps into `rows` lines of `max` columns uncut.
pub fn wraps_within(text: &str, max: usize, rows: usize) -> bool {
    let lines = greedy(&label_words(text), max);
    lines.len() <= rows && lines.iter().all(|l| l.chars().count() <= max)
}

/// The words of a label, a leading one-character mark (`↻`, `✗`, `▸`) glued
/// to the word after it.
fn label_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if words.len() > 1
        && words[0].chars().count() == 1
        && !words[0].chars().all(char::is_alphanumeric)
    {
        let first = words.remove(0);
        words[0] = format!("{first} {}", words[0]);
    }
    words
}

/// Greedy word wrap of `words` (kept whole, even if longer than `max`).
fn greedy(words: &[String], max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words {
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

/// Word-wraps plain `text` to lines of at most `max` columns.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    greedy(&words, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(theme: Theme) -> Style {
        Style { color: true, theme }
    }

    #[test]
    fn colour_off_is_plain_text() {
        for theme in Theme::ALL {
            let style = Style {
                color: false,
                theme,
            };
            for paint in Paint::ALL {
                assert_eq!(style.paint(paint, "SYN"), "SYN");
                assert_eq!(width(&on(theme).paint(paint, "SYN")), 3);
            }
        }
    }

    #[test]
    fn colour_on_is_the_projector_palette() {
        assert_eq!(
            on(Theme::Dark).paint(Paint::Client, "SYN"),
            "\x1b[1;38;5;51mSYN\x1b[0m"
        );
        assert_eq!(
            on(Theme::Dark).paint(Paint::Title, "T"),
            "\x1b[1;4mT\x1b[0m"
        );
        assert_eq!(
            on(Theme::Dark).paint(Paint::Lost, "x"),
            "\x1b[38;5;210mx\x1b[0m"
        );
        assert_eq!(
            on(Theme::Light).paint(Paint::Server, "x"),
            "\x1b[1;38;5;94mx\x1b[0m"
        );
        assert_eq!(
            on(Theme::Light).paint(Paint::Dim, "0.010"),
            "\x1b[38;5;241m0.010\x1b[0m"
        );
        assert_eq!(on(Theme::Dark).paint(Paint::Dim, ""), "");
    }

    #[test]
    fn mono_is_bold_or_plain_and_never_a_colour() {
        let mono = on(Theme::Mono);
        assert_eq!(mono.paint(Paint::Reset, "RST"), "\x1b[1mRST\x1b[0m");
        assert_eq!(mono.paint(Paint::Client, "SYN"), "SYN");
        for paint in Paint::ALL {
            assert_eq!(Theme::Mono.ink(paint).fg, None, "{paint:?}");
            assert!(!mono.paint(paint, "x").contains("38;"), "{paint:?}");
        }
    }

    /// WCAG AA for normal text, for every role of every coloured theme; the
    /// dark palette also against pure black. Roles without a colour of their
    /// own use the terminal's foreground, which the terminal matches to its
    /// own background.
    #[test]
    fn every_colour_keeps_wcag_aa_contrast_against_its_background() {
        let black = Rgb(0, 0, 0);
        for theme in [Theme::Dark, Theme::Light] {
            let background = theme.background().expect("a coloured theme");
            for paint in Paint::ALL {
                let Some(index) = theme.ink(paint).fg else {
                    continue;
                };
                let fg = xterm_rgb(index).expect("a fixed palette colour, not one of the 16");
                let ratio = fg.contrast(background);
                assert!(ratio >= 4.5, "{theme:?} {paint:?}: {ratio:.2}:1");
                if theme == Theme::Dark {
                    assert!(fg.contrast(black) >= ratio, "{paint:?} on black");
                }
            }
        }
    }

    /// Client and server must never look alike: different colours in each
    /// coloured theme.
    #[test]
    fn hosts_differ_in_every_coloured_theme() {
        for theme in [Theme::Dark, Theme::Light] {
            assert_ne!(theme.ink(Paint::Client), theme.ink(Paint::Server));
        }
    }

    #[test]
    fn contrast_is_measured_as_wcag_says() {
        let (white, black) = (Rgb(255, 255, 255), Rgb(0, 0, 0));
        assert!((white.contrast(black) - 21.0).abs() < 1e-9);
        assert!((black.contrast(black) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known smallest AA grey, 4.54:1.
        assert!((Rgb(0x76, 0x76, 0x76).contrast(white) - 4.54).abs() < 0.01);
        assert_eq!(xterm_rgb(16), Some(black));
        assert_eq!(xterm_rgb(231), Some(white));
        assert_eq!(xterm_rgb(94), Some(Rgb(0x87, 0x5f, 0x00)));
        assert_eq!(xterm_rgb(243), Some(Rgb(0x76, 0x76, 0x76)));
        assert_eq!(xterm_rgb(9), None);
    }

    #[test]
    fn colorfgbg_names_the_background() {
        assert_eq!(Theme::from_colorfgbg("15;0"), Some(Theme::Dark));
        assert_eq!(Theme::from_colorfgbg("0;15"), Some(Theme::Light));
        assert_eq!(Theme::from_colorfgbg("0;default;15"), Some(Theme::Light));
        assert_eq!(Theme::from_colorfgbg("7;8"), Some(Theme::Dark));
        assert_eq!(Theme::from_colorfgbg("0;7"), Some(Theme::Light));
        for unknown in ["", "15;default", "0;200", "garbage", ";;", "0;-1"] {
            assert_eq!(Theme::from_colorfgbg(unknown), None, "{unknown:?}");
        }
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

    #[test]
    fn a_cut_has_exactly_one_ellipsis() {
        assert_eq!(truncate("\"abcdef…\" (9 bytes)", 9), "\"abcdef…");
        assert_eq!(truncate("\"abcdef…\" (9 bytes)", 10), "\"abcdef…\"…");
        assert_eq!(truncate("ab cd", 4), "ab…");
        assert_eq!(truncate("abc", 0), "…");
    }

    #[test]
    fn long_labels_wrap_into_few_rows_and_are_cut_once() {
        let label = "▸ app reads \"Hello, world\" (12 bytes)";
        assert_eq!(
            wrap_cut(label, 19, 2),
            ["▸ app reads \"Hello,", "world\" (12 bytes)"]
        );
        assert!(wraps_within(label, 19, 2));
        assert!(!wraps_within(label, 19, 1));
        assert_eq!(wrap_cut(label, 19, 1), ["▸ app reads \"Hello…"]);
        assert_eq!(wrap_cut("a-very-long-word x", 6, 2), ["a-ver…", "x"]);
        assert_eq!(wrap_cut("duplicate ACK #1", 15, 2), ["duplicate", "ACK #1"]);
        assert_eq!(wrap_cut("↻ retransmission", 15, 2), ["↻ retransmissi…"]);
        assert_eq!(
            wrap_cut("↻ fast retransmission", 15, 2),
            ["↻ fast", "retransmission"]
        );
        assert_eq!(wrap_cut("", 6, 2), [""]);
        assert_eq!(wrap_cut("one two three", 0, 0), ["…"]);
    }
}
