//! The graphs (`--graph`): the time-sequence graph (Stevens's, as tcptrace
//! and Wireshark draw it) and, below it on the same time axis, the sender's
//! window. One SVG for the projector: large type, Okabe–Ito colours that stay
//! apart for colour-blind eyes, and a line style for every series so a grey
//! printout still tells them apart.
//!
//! plotters lays out the frame, the grid and the tick labels; the series are
//! drawn in the backend's pixels through the same mapping ([`Frame`]) that
//! [`Drawn::axis`] hands the player, so the cursor, the bars and the ticks
//! agree. plotters' SVG backend cannot dash a line or name an element, so each
//! series is drawn in an ink of its own (an exact colour no grid line or label
//! uses) and [`finish`] gives that colour its dash pattern and a `class`
//! (`data`, `retx`, `ack`, `rwnd`, `sack`, `cwnd`, `ssthresh`, `flight`): a
//! stylesheet or a test can find every segment by it.
//!
//! More segments than the plot has pixel columns would only pile bars onto
//! one another: then the segments that fall in one column (and agree on being
//! a retransmission) are drawn as one bar over the sequence numbers they cover
//! (ranges merged when they touch within a pixel), the step lines keep only
//! the first, lowest, highest and last point of each column, and a note under
//! the legend says so. Below that threshold every segment, ACK and window
//! point is drawn as given.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model::{Micros, Picture, SeqUnit, Series, WindowSource};
use super::{Drawn, TimeAxis};
use crate::narrate::Lang;
use crate::tr;

#[cfg(test)]
mod tests;

/// The drawing's width: a projector's 16:10.
const WIDTH: u32 = 1600;
/// The title band.
const TITLE_H: u32 = 70;
/// The time-sequence panel, legend included.
const SEQ_H: u32 = 560;
/// The window panel, legend included.
const WINDOW_H: u32 = 420;
/// Room left of the plot for the tick labels and the rotated axis name; the
/// same in both panels, so their plots share one x.
const Y_LABELS_W: u32 = 170;
/// Room below each plot for the time ticks (and the axis name under the last).
const X_LABELS_H: u32 = 56;
const X_DESC_H: u32 = 84;
const RIGHT_MARGIN: u32 = 48;
/// One legend row.
const ROW_H: u32 = 42;

const FONT: &str = "sans-serif";
/// plotters' SVG backend writes `font-size` as the given size / 1.24; these
/// are given so the drawing shows 40, 26, 24 and 22 px.
const TITLE_SIZE: f64 = 50.0;
const LEGEND_SIZE: f64 = 32.0;
const TICK_SIZE: f64 = 30.0;
const NOTE_SIZE: f64 = 28.0;

const TEXT: RGBColor = RGBColor(0, 0, 0);
const AXIS: RGBColor = RGBColor(0x33, 0x33, 0x33);
const GRID_BOLD: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
const GRID_LIGHT: RGBColor = RGBColor(0xEC, 0xEC, 0xEC);

/// A series' look. Each has an exact colour of its own, so [`finish`] can find
/// its elements; its legend sample uses a colour one bit away (invisible), so
/// it gets the dash but not the class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ink {
    Data,
    Retx,
    Ack,
    Rwnd,
    Sack,
    Cwnd,
    Ssthresh,
    Flight,
}

impl Ink {
    pub(crate) const ALL: [Ink; 8] = [
        Ink::Data,
        Ink::Retx,
        Ink::Ack,
        Ink::Rwnd,
        Ink::Sack,
        Ink::Cwnd,
        Ink::Ssthresh,
        Ink::Flight,
    ];

    /// Okabe–Ito: blue, vermillion, bluish green, reddish purple and near
    /// black, all dark enough to read on white (no yellow, no sky blue). The
    /// window panel's blue, vermillion and green differ from the sequence
    /// panel's by one unit of blue, which no eye sees.
    fn rgb(self) -> (u8, u8, u8) {
        match self {
            Ink::Data => (0x00, 0x72, 0xB2),
            Ink::Retx => (0xD5, 0x5E, 0x00),
            Ink::Ack => (0x10, 0x10, 0x10),
            Ink::Rwnd => (0x00, 0x9E, 0x73),
            Ink::Sack => (0xCC, 0x79, 0xA7),
            Ink::Cwnd => (0x00, 0x72, 0xB3),
            Ink::Ssthresh => (0xD5, 0x5E, 0x01),
            Ink::Flight => (0x00, 0x9E, 0x74),
        }
    }

    fn color(self) -> RGBColor {
        let (r, g, b) = self.rgb();
        RGBColor(r, g, b)
    }

    fn key_color(self) -> RGBColor {
        let (r, g, b) = self.rgb();
        RGBColor(r, g, b ^ 2)
    }

    pub(crate) fn class(self) -> &'static str {
        match self {
            Ink::Data => "data",
            Ink::Retx => "retx",
            Ink::Ack => "ack",
            Ink::Rwnd => "rwnd",
            Ink::Sack => "sack",
            Ink::Cwnd => "cwnd",
            Ink::Ssthresh => "ssthresh",
            Ink::Flight => "flight",
        }
    }

    fn width(self) -> u32 {
        match self {
            Ink::Data => 2,
            Ink::Retx => 4,
            Ink::Ack => 3,
            Ink::Rwnd => 3,
            Ink::Sack => 7,
            Ink::Cwnd => 5,
            Ink::Ssthresh => 4,
            Ink::Flight => 3,
        }
    }

    /// Dashes, so a grey printout tells the lines apart.
    fn dash(self) -> Option<&'static str> {
        match self {
            Ink::Rwnd => Some("14 8"),
            Ink::Ssthresh => Some("18 9"),
            Ink::Flight => Some("5 5"),
            _ => None,
        }
    }

    fn style(self) -> ShapeStyle {
        self.color().stroke_width(self.width())
    }

    fn key_style(self) -> ShapeStyle {
        self.key_color().stroke_width(self.width())
    }

    fn hex(color: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
    }
}

/// The few words the graphs need, in the picture's language.
struct Words {
    seq_panel: String,
    data: String,
    retx: String,
    ack: String,
    rwnd: String,
    sack: String,
    seq_axis: String,
    time_s: String,
    time_ms: String,
    window_panel: String,
    flight_panel: String,
    model: String,
    captured: String,
    cwnd: String,
    ssthresh: String,
    ssthresh_unset: String,
    flight: String,
    window_axis: String,
    inferred: String,
    nothing_sent: String,
    thinned: String,
    rwnd_above: String,
}

fn words(lang: Lang, unit: SeqUnit) -> Words {
    let packets = unit == SeqUnit::Packets;
    Words {
        seq_panel: tr!(lang, "graph-seq-panel"),
        data: if packets {
            tr!(lang, "graph-data-packets")
        } else {
            tr!(lang, "graph-data")
        },
        retx: tr!(lang, "graph-retx"),
        ack: tr!(lang, "graph-ack"),
        rwnd: tr!(lang, "graph-rwnd"),
        sack: tr!(lang, "graph-sack"),
        seq_axis: if packets {
            tr!(lang, "graph-seq-axis-packets")
        } else {
            tr!(lang, "graph-seq-axis")
        },
        time_s: tr!(lang, "graph-time-s"),
        time_ms: tr!(lang, "graph-time-ms"),
        window_panel: if packets {
            tr!(lang, "graph-window-panel-packets")
        } else {
            tr!(lang, "graph-window-panel")
        },
        flight_panel: tr!(lang, "graph-flight-panel"),
        model: tr!(lang, "graph-model"),
        captured: tr!(lang, "graph-captured"),
        cwnd: if packets {
            tr!(lang, "graph-cwnd-packets")
        } else {
            tr!(lang, "graph-cwnd")
        },
        ssthresh: tr!(lang, "graph-ssthresh"),
        ssthresh_unset: tr!(lang, "graph-ssthresh-unset"),
        flight: if packets {
            tr!(lang, "graph-flight-packets")
        } else {
            tr!(lang, "graph-flight")
        },
        window_axis: if packets {
            tr!(lang, "graph-window-axis-packets")
        } else {
            tr!(lang, "graph-window-axis")
        },
        inferred: tr!(lang, "graph-inferred"),
        nothing_sent: tr!(lang, "graph-nothing-sent"),
        thinned: tr!(lang, "graph-thinned"),
        rwnd_above: tr!(lang, "graph-rwnd-above"),
    }
}

/// A linear map from one range onto another, in `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scale {
    pub(crate) from: (f64, f64),
    pub(crate) to: (f64, f64),
}

impl Scale {
    pub(crate) fn map(&self, v: f64) -> f64 {
        let (a, b) = self.from;
        if b == a {
            return (self.to.0 + self.to.1) / 2.0;
        }
        self.to.0 + (v - a) / (b - a) * (self.to.1 - self.to.0)
    }

    /// The pixel `v` falls on.
    pub(crate) fn px(&self, v: f64) -> i32 {
        self.map(v).round() as i32
    }
}

/// Where one panel's plot lies: time (µs) to x and value to y, both in the
/// drawing's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Frame {
    pub(crate) x: Scale,
    pub(crate) y: Scale,
}

impl Frame {
    fn at(&self, t: Micros, v: f64) -> (i32, i32) {
        (self.x.px(t as f64), self.y.px(v))
    }

    fn width(&self) -> usize {
        (self.x.to.1 - self.x.to.0).abs() as usize + 1
    }
}

/// A drawing and the frames its series were drawn in (for the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Rendered {
    pub(crate) drawn: Drawn,
    pub(crate) seq: Frame,
    pub(crate) window: Option<Frame>,
}

/// The graphs of `picture`, one SVG.
pub fn graphs(picture: &Picture) -> Result<Drawn, String> {
    render(picture).map(|r| r.drawn)
}

/// The time span on the axis: from 0 to the series' last moment (the run's
/// last step only when the series are empty). A TIME-WAIT that ends a minute
/// after the last ACK would otherwise squeeze the transfer into a sliver at
/// the left; the player's cursor for such late steps stays at the right edge.
struct Span {
    end: Micros,
    /// Ticks in milliseconds for runs shorter than two seconds.
    ms: bool,
}

impl Span {
    fn of(picture: &Picture) -> Span {
        let s = &picture.series;
        let end = [
            s.data.iter().map(|d| d.t).max(),
            s.acks.iter().map(|a| a.t).max(),
            s.sacks.iter().map(|b| b.t).max(),
            s.window.iter().map(|w| w.t).max(),
        ]
        .into_iter()
        .flatten()
        .max()
        .or_else(|| picture.steps.iter().map(|m| m.t).max())
        .unwrap_or(0);
        // A little room right of the last moment, so its bar clears the
        // plot's edge; a run that all happened at t=0 still gets a
        // millisecond to stand in.
        let end = (end + end / 32).max(1_000);
        Span {
            end,
            ms: end < 2_000_000,
        }
    }

    /// The axis' value of `t`, in the unit of its ticks.
    fn value(&self, t: Micros) -> f64 {
        t as f64 / if self.ms { 1e3 } else { 1e6 }
    }
}

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing the graphs: {e}")
}

pub(crate) fn render(picture: &Picture) -> Result<Rendered, String> {
    let series = &picture.series;
    let words = words(picture.lang, series.unit);
    let span = Span::of(picture);
    let with_window = series.window_source != WindowSource::None && !series.window.is_empty();
    let height = TITLE_H + SEQ_H + if with_window { WINDOW_H } else { 0 };

    let mut buf = String::new();
    let (seq, window) = {
        let root = SVGBackend::with_string(&mut buf, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        root.draw_text(
            &picture.title,
            &text_style(TITLE_SIZE, TEXT, true).pos(Pos::new(HPos::Left, VPos::Center)),
            (24, (TITLE_H / 2) as i32),
        )
        .map_err(err)?;
        let (_, rest) = root.split_vertically(TITLE_H);
        let (seq_area, window_area) = rest.split_vertically(SEQ_H);
        let seq = seq_panel(&root, &seq_area, series, &words, &span, !with_window)?;
        let window = if with_window {
            Some(window_panel(&root, &window_area, series, &words, &span)?)
        } else {
            None
        };
        root.present().map_err(err)?;
        (seq, window)
    };
    if let Some(w) = window
        && w.x != seq.x
    {
        return Err(format!(
            "the graphs' panels disagree on the time axis: {:?} against {:?}",
            seq.x, w.x
        ));
    }
    let axis = TimeAxis {
        knots: vec![(0, seq.x.to.0), (span.end, seq.x.to.1)],
    };
    Ok(Rendered {
        drawn: Drawn {
            svg: finish(buf, &picture.title),
            axis,
        },
        seq,
        window,
    })
}

fn text_style(size: f64, color: RGBColor, bold: bool) -> TextStyle<'static> {
    let font = if bold {
        FontDesc::new(FontFamily::Name(FONT), size, FontStyle::Bold)
    } else {
        FontDesc::new(FontFamily::Name(FONT), size, FontStyle::Normal)
    };
    TextStyle {
        font,
        color: color.to_backend_color(),
        pos: Pos::default(),
    }
}

/// What a legend sample looks like.
#[derive(Clone, Copy)]
enum Sample {
    /// A short vertical I-beam, as the data are drawn.
    Beam,
    /// A short thick vertical bar.
    Bar,
    /// A stretch of line.
    Line,
}

/// One row above a plot: the panel's name and its keys, or a note.
enum Row {
    Keys(Vec<(Option<(Ink, Sample)>, String)>),
    Note(String, RGBColor),
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Lays the keys out in rows no wider than the drawing, then the notes.
fn legend_rows(
    area: &Area,
    title: &str,
    keys: Vec<(Ink, Sample, String)>,
    notes: Vec<(String, RGBColor)>,
) -> Result<Vec<Row>, String> {
    let limit = (WIDTH - RIGHT_MARGIN) as i32;
    let mut rows = vec![];
    let mut row = vec![(None, title.to_string())];
    let mut x = Y_LABELS_W as i32 + key_width(area, None, title)?;
    for (ink, sample, text) in keys {
        let w = key_width(area, Some(sample), &text)?;
        if x + w > limit && !row.is_empty() {
            rows.push(Row::Keys(std::mem::take(&mut row)));
            x = Y_LABELS_W as i32;
        }
        x += w;
        row.push((Some((ink, sample)), text));
    }
    rows.push(Row::Keys(row));
    rows.extend(notes.into_iter().map(|(n, c)| Row::Note(n, c)));
    Ok(rows)
}

const SAMPLE_W: i32 = 48;
const KEY_GAP: i32 = 34;

fn key_width(area: &Area, sample: Option<Sample>, text: &str) -> Result<i32, String> {
    let w = text_width(area, text, sample.is_none())?;
    Ok(w + KEY_GAP + if sample.is_some() { SAMPLE_W + 10 } else { 0 })
}

/// A legend text's width, as plotters estimates it without a font (about
/// right for a sans-serif's regular weight; bold is a tenth wider).
fn text_width(area: &Area, text: &str, bold: bool) -> Result<i32, String> {
    let style = text_style(LEGEND_SIZE, TEXT, bold);
    let (w, _) = area.estimate_text_size(text, &style).map_err(err)?;
    Ok(if bold { w as i32 * 11 / 10 } else { w as i32 })
}

/// Draws the rows from the top of `area`; returns the height they took.
fn draw_legend(root: &Area, area: &Area, rows: &[Row]) -> Result<u32, String> {
    let top = area.get_pixel_range().1.start;
    let mut y = top + ROW_H as i32 / 2 + 6;
    for row in rows {
        let mut x = Y_LABELS_W as i32;
        match row {
            Row::Keys(keys) => {
                for (sample, text) in keys {
                    if let Some((ink, sample)) = sample {
                        let style = ink.key_style();
                        let points = match sample {
                            Sample::Beam => beam(x + SAMPLE_W / 2, y + 14, y - 14, 6),
                            Sample::Bar => {
                                vec![(x + SAMPLE_W / 2, y + 14), (x + SAMPLE_W / 2, y - 14)]
                            }
                            Sample::Line => vec![(x, y), (x + SAMPLE_W, y)],
                        };
                        root.draw(&PathElement::new(points, style)).map_err(err)?;
                        x += SAMPLE_W + 10;
                    }
                    let style = text_style(LEGEND_SIZE, TEXT, sample.is_none())
                        .pos(Pos::new(HPos::Left, VPos::Center));
                    root.draw_text(text, &style, (x, y)).map_err(err)?;
                    x += text_width(area, text, sample.is_none())? + KEY_GAP;
                }
            }
            Row::Note(text, color) => {
                let style =
                    text_style(NOTE_SIZE, *color, false).pos(Pos::new(HPos::Left, VPos::Center));
                root.draw_text(text, &style, (x, y)).map_err(err)?;
            }
        }
        y += ROW_H as i32;
    }
    Ok(rows.len() as u32 * ROW_H + 10)
}

/// An I-beam: a vertical bar from `y0` to `y1` at `x`, with serifs `s` wide
/// each side (none when `s` is 0), as one path.
fn beam(x: i32, y0: i32, y1: i32, s: i32) -> Vec<(i32, i32)> {
    if s == 0 {
        return vec![(x, y0), (x, y1)];
    }
    vec![
        (x - s, y0),
        (x + s, y0),
        (x, y0),
        (x, y1),
        (x - s, y1),
        (x + s, y1),
    ]
}

/// Builds a panel's plot under its legend: the frame, grid and tick labels;
/// returns where the plot lies.
#[allow(clippy::too_many_arguments)]
fn plot_frame(
    area: &Area,
    legend_h: u32,
    span: &Span,
    words: &Words,
    x_desc: bool,
    y: (f64, f64),
    y_desc: &str,
    y_label: &dyn Fn(&f64) -> String,
) -> Result<Frame, String> {
    let x_end = span.value(span.end);
    let mut chart = ChartBuilder::on(area)
        .margin_top(legend_h)
        .margin_right(RIGHT_MARGIN)
        .x_label_area_size(if x_desc { X_DESC_H } else { X_LABELS_H })
        .y_label_area_size(Y_LABELS_W)
        .build_cartesian_2d(0f64..x_end, y.0..y.1)
        .map_err(err)?;
    let x_label = |v: &f64| decimal(*v, 3);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(12)
        .y_labels(y_ticks(y))
        .max_light_lines(1)
        .x_label_formatter(&x_label)
        .y_label_formatter(y_label)
        .y_desc(y_desc)
        .label_style(text_style(TICK_SIZE, TEXT, false))
        .axis_desc_style(text_style(LEGEND_SIZE, TEXT, false))
        .axis_style(AXIS.stroke_width(2))
        .bold_line_style(GRID_BOLD.stroke_width(1))
        .light_line_style(GRID_LIGHT.stroke_width(1));
    if x_desc {
        mesh.x_desc(if span.ms {
            &words.time_ms
        } else {
            &words.time_s
        });
    }
    mesh.draw().map_err(err)?;
    let (left, bottom) = chart.backend_coord(&(0.0, y.0));
    let (right, top) = chart.backend_coord(&(x_end, y.1));
    Ok(Frame {
        x: Scale {
            from: (0.0, span.end as f64),
            to: (left as f64, right as f64),
        },
        y: Scale {
            from: y,
            to: (bottom as f64, top as f64),
        },
    })
}

/// How many ticks the value axis may have: at most 8, and no more than the
/// whole units in its range, so a count never gets a tick at ½ a byte.
fn y_ticks(y: (f64, f64)) -> usize {
    ((y.1 - y.0).floor() as usize + 1).clamp(2, 8)
}

/// `v` with at most `places` decimals, trailing zeros dropped.
fn decimal(v: f64, places: usize) -> String {
    let s = format!("{v:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// A sequence number (or a count) for a tick: grouped by thousands below a
/// million, then with k, M, G, T and as many decimals as the ticks' `step`
/// needs to stay apart.
fn count_label(v: f64, step: f64, top: f64) -> String {
    const SI: [(f64, &str); 4] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];
    if top.abs() < 1e6 && v.fract() != 0.0 {
        // A fraction of a byte or a packet: no such thing to label.
        return String::new();
    }
    let places = |scale: f64| {
        if step <= 0.0 || !step.is_finite() {
            return 0;
        }
        (-(step / scale).log10()).ceil().clamp(0.0, 9.0) as usize
    };
    if top.abs() >= 1e6 {
        for (scale, suffix) in SI {
            if top.abs() >= scale {
                return format!("{} {suffix}", decimal(v / scale, places(scale)));
            }
        }
    }
    let s = decimal(v, places(1.0));
    if v.abs() >= 10_000.0 && !s.contains('.') {
        group(&s)
    } else {
        s
    }
}

/// `12345` → `12 345` (a narrow no-break space: neither English's comma nor
/// Portuguese's dot, and readable in both).
fn group(digits: &str) -> String {
    let (sign, digits) = digits.strip_prefix('-').map_or(("", digits), |d| ("-", d));
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// A value range padded a little each side (and never empty).
fn padded(lo: f64, hi: f64, floor_zero: bool) -> (f64, f64) {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, lo + 1.0)
    };
    let pad = (hi - lo) * 0.04;
    let lo = if floor_zero {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    (lo, hi + pad)
}

fn seq_panel(
    root: &Area,
    area: &Area,
    s: &Series,
    words: &Words,
    span: &Span,
    x_desc: bool,
) -> Result<Frame, String> {
    let retx = s.data.iter().any(|d| d.retransmission);
    let mut keys = vec![];
    if s.data.iter().any(|d| !d.retransmission) {
        keys.push((Ink::Data, Sample::Beam, words.data.to_string()));
    }
    if retx {
        keys.push((Ink::Retx, Sample::Beam, words.retx.to_string()));
    }
    if !s.acks.is_empty() {
        keys.push((Ink::Ack, Sample::Line, words.ack.to_string()));
        if s.unit == SeqUnit::Bytes {
            keys.push((Ink::Rwnd, Sample::Line, words.rwnd.to_string()));
        }
    }
    if !s.sacks.is_empty() {
        keys.push((Ink::Sack, Sample::Bar, words.sack.to_string()));
    }
    // The values' range: every sequence number drawn. The window edge sits
    // a whole window (64 KiB, often) above the ACKs: when that would squash
    // the data into a line at the bottom, the plot keeps to the data and
    // ACKs, the edge runs along its top, and a note says how high it goes.
    let (lo, core_hi) = s
        .data
        .iter()
        .flat_map(|d| [d.seq, d.seq.saturating_add(d.len.into())])
        .chain(s.acks.iter().map(|a| a.ack))
        .chain(s.sacks.iter().flat_map(|b| [b.left, b.right]))
        .fold((u64::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let edges = s.unit == SeqUnit::Bytes && !s.acks.is_empty();
    let edge_hi = s.acks.iter().map(|a| a.window_edge).max().unwrap_or(0);
    let edge_lo = s.acks.iter().map(|a| a.window_edge).min().unwrap_or(0);
    let (lo, core_hi) = if lo > core_hi {
        (edge_lo.min(edge_hi), edge_lo.min(edge_hi))
    } else {
        (lo, core_hi)
    };
    let full_hi = if edges { core_hi.max(edge_hi) } else { core_hi };
    let lo = if edges { lo.min(edge_lo) } else { lo };
    let core_span = core_hi.saturating_sub(lo) as f64;
    let clipped = edges && full_hi.saturating_sub(lo) as f64 > 3.0 * core_span.max(1.0);
    let y = if clipped {
        let y = padded(lo as f64, core_hi as f64, true);
        (y.0, y.1 + (y.1 - y.0) * 0.25)
    } else {
        padded(lo as f64, full_hi as f64, true)
    };

    let plot_w = (WIDTH - Y_LABELS_W - RIGHT_MARGIN) as usize;
    let thinned = s.data.len() > plot_w;
    let mut notes = vec![];
    if clipped {
        let n = group(&edge_hi.to_string());
        notes.push((format!("{} {n}", words.rwnd_above), Ink::Rwnd.color()));
    }
    if thinned {
        let n = group(&s.data.len().to_string());
        notes.push((format!("{n} {}", words.thinned), AXIS));
    }
    let rows = legend_rows(area, &words.seq_panel, keys, notes)?;
    let legend_h = draw_legend(root, area, &rows)?;

    let step = (y.1 - y.0) / y_ticks(y) as f64;
    let y_label = move |v: &f64| count_label(*v, step, y.1);
    let frame = plot_frame(
        area,
        legend_h,
        span,
        words,
        x_desc,
        y,
        &words.seq_axis,
        &y_label,
    )?;

    if s.data.is_empty() {
        let style = text_style(LEGEND_SIZE, AXIS, false).pos(Pos::new(HPos::Center, VPos::Center));
        let mid = (
            frame.x.px((span.end / 2) as f64),
            frame.y.px((y.0 + y.1) / 2.0),
        );
        root.draw_text(&words.nothing_sent, &style, mid)
            .map_err(err)?;
    }

    // The window edge under the ACKs, the ACKs under the data.
    let mut acks: Vec<_> = s.acks.iter().collect();
    acks.sort_by_key(|a| a.t);
    if s.unit == SeqUnit::Bytes && !acks.is_empty() {
        let points: Vec<_> = acks
            .iter()
            .map(|a| (a.t, Some((a.window_edge as f64).min(y.1))))
            .collect();
        draw_steps(root, &frame, &points, span.end, Ink::Rwnd)?;
    }
    if !acks.is_empty() {
        let points: Vec<_> = acks.iter().map(|a| (a.t, Some(a.ack as f64))).collect();
        draw_steps(root, &frame, &points, span.end, Ink::Ack)?;
    }

    // SACK blocks just right of their ACK's step.
    for (x, y0, y1) in bars(
        &frame,
        s.sacks.iter().map(|b| (b.t, b.left, b.right)),
        s.sacks.len() > plot_w,
    ) {
        root.draw(&PathElement::new(
            vec![(x + 6, y0), (x + 6, y1)],
            Ink::Sack.style(),
        ))
        .map_err(err)?;
    }

    for (ink, retx) in [(Ink::Data, false), (Ink::Retx, true)] {
        let segs = s
            .data
            .iter()
            .filter(|d| d.retransmission == retx)
            .map(|d| (d.t, d.seq, d.seq.saturating_add(d.len.into())));
        let serif = match (thinned, retx) {
            (true, _) => 0,
            (false, false) => 5,
            (false, true) => 8,
        };
        for (x, y0, y1) in bars(&frame, segs, thinned) {
            root.draw(&PathElement::new(beam(x, y0, y1, serif), ink.style()))
                .map_err(err)?;
        }
    }
    Ok(frame)
}

/// Vertical bars `(x, y_low, y_high)` in pixels for ranges `(t, lo, hi)`;
/// when `thin`, those in one pixel column that touch within a pixel are
/// merged (see the module's doc).
fn bars(
    frame: &Frame,
    ranges: impl Iterator<Item = (Micros, u64, u64)>,
    thin: bool,
) -> Vec<(i32, i32, i32)> {
    if !thin {
        return ranges
            .map(|(t, lo, hi)| {
                let (x, y0) = frame.at(t, lo as f64);
                (x, y0, frame.y.px(hi as f64))
            })
            .collect();
    }
    let mut columns: std::collections::BTreeMap<i32, Vec<(f64, f64)>> = Default::default();
    for (t, lo, hi) in ranges {
        columns
            .entry(frame.x.px(t as f64))
            .or_default()
            .push((lo as f64, hi as f64));
    }
    let per_px = (frame.y.from.1 - frame.y.from.0) / (frame.y.to.0 - frame.y.to.1).abs().max(1.0);
    let mut out = vec![];
    for (x, mut spans) in columns {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut cur = spans[0];
        for &(lo, hi) in &spans[1..] {
            if lo <= cur.1 + per_px {
                cur.1 = cur.1.max(hi);
            } else {
                out.push((x, frame.y.px(cur.0), frame.y.px(cur.1)));
                cur = (lo, hi);
            }
        }
        out.push((x, frame.y.px(cur.0), frame.y.px(cur.1)));
    }
    out
}

/// The vertices of a step line through `(t, value)` points (in time order),
/// held to `end`; a `None` value breaks the line. One path per unbroken run.
pub(crate) fn step_paths(
    frame: &Frame,
    points: &[(Micros, Option<f64>)],
    end: Micros,
) -> Vec<Vec<(i32, i32)>> {
    let mut paths = vec![];
    let mut path: Vec<(i32, i32)> = vec![];
    for (i, &(t, v)) in points.iter().enumerate() {
        let Some(v) = v else {
            if !path.is_empty() {
                paths.push(std::mem::take(&mut path));
            }
            continue;
        };
        let (x, y) = frame.at(t, v);
        if let Some(&(_, prev_y)) = path.last() {
            path.push((x, prev_y));
        }
        path.push((x, y));
        let next = points.get(i + 1).map_or(end, |p| p.0);
        if points.get(i + 1).is_none_or(|p| p.1.is_none()) {
            path.push((frame.x.px(next as f64), y));
        }
    }
    if !path.is_empty() {
        paths.push(path);
    }
    let limit = 2 * frame.width();
    paths
        .into_iter()
        .map(|p| if p.len() > limit { thin_path(p) } else { p })
        .collect()
}

/// Keeps, of each run of vertices in one pixel column, the first, lowest,
/// highest and last: what a path that many pixels wide can show.
fn thin_path(path: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(path.len().min(8192));
    let mut i = 0;
    while i < path.len() {
        let x = path[i].0;
        let mut j = i;
        let (mut lo, mut hi) = (path[i].1, path[i].1);
        while j < path.len() && path[j].0 == x {
            lo = lo.min(path[j].1);
            hi = hi.max(path[j].1);
            j += 1;
        }
        let (first, last) = (path[i].1, path[j - 1].1);
        for y in [first, lo, hi, last] {
            if out.last() != Some(&(x, y)) {
                out.push((x, y));
            }
        }
        i = j;
    }
    out
}

fn draw_steps(
    root: &Area,
    frame: &Frame,
    points: &[(Micros, Option<f64>)],
    end: Micros,
    ink: Ink,
) -> Result<(), String> {
    for path in step_paths(frame, points, end) {
        root.draw(&PathElement::new(path, ink.style()))
            .map_err(err)?;
    }
    Ok(())
}

fn window_panel(
    root: &Area,
    area: &Area,
    s: &Series,
    words: &Words,
    span: &Span,
) -> Result<Frame, String> {
    let mut window: Vec<_> = s.window.iter().collect();
    window.sort_by_key(|w| w.t);
    let model = s.window_source == WindowSource::Model;
    let cwnd = model && window.iter().any(|w| w.cwnd.is_some());
    let ssthresh_known = model && window.iter().any(|w| w.ssthresh.is_some());
    let ssthresh_unset =
        model && s.unit == SeqUnit::Bytes && window.iter().any(|w| w.ssthresh.is_none());

    let mut keys = vec![];
    if cwnd {
        keys.push((Ink::Cwnd, Sample::Line, words.cwnd.to_string()));
    }
    if ssthresh_known {
        keys.push((Ink::Ssthresh, Sample::Line, words.ssthresh.to_string()));
    }
    keys.push((Ink::Flight, Sample::Line, words.flight.to_string()));
    let title = if model {
        format!("{} ({})", words.window_panel, words.model)
    } else {
        format!("{} ({})", words.flight_panel, words.captured)
    };
    let mut notes = vec![];
    if !model {
        notes.push((words.inferred.to_string(), TEXT));
    }
    let rows = legend_rows(area, &title, keys, notes)?;
    let legend_h = draw_legend(root, area, &rows)?;

    let top = window
        .iter()
        .flat_map(|w| {
            let model = if model {
                [w.cwnd, w.ssthresh]
            } else {
                [None, None]
            };
            model.into_iter().flatten().chain([w.flight])
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let y = (0.0, top as f64 * 1.08);
    let step = y.1 / y_ticks(y) as f64;
    let y_label = move |v: &f64| count_label(*v, step, y.1);
    let frame = plot_frame(
        area,
        legend_h,
        span,
        words,
        true,
        y,
        &words.window_axis,
        &y_label,
    )?;

    let series =
        |f: &dyn Fn(&&super::model::WindowPoint) -> Option<f64>| -> Vec<(Micros, Option<f64>)> {
            window.iter().map(|w| (w.t, f(w))).collect()
        };
    if ssthresh_known {
        draw_steps(
            root,
            &frame,
            &series(&|w| w.ssthresh.map(|v| v as f64)),
            span.end,
            Ink::Ssthresh,
        )?;
    }
    if cwnd {
        draw_steps(
            root,
            &frame,
            &series(&|w| w.cwnd.map(|v| v as f64)),
            span.end,
            Ink::Cwnd,
        )?;
    }
    // In flight over the window: where the window is full, its dots run
    // along the window's line instead of hiding under it.
    draw_steps(
        root,
        &frame,
        &series(&|w| Some(w.flight as f64)),
        span.end,
        Ink::Flight,
    )?;
    if ssthresh_unset {
        // Where ssthresh is unset it is infinite: say so at the top of the
        // plot where that stretch starts, on white so no line runs through it.
        let style = text_style(NOTE_SIZE, Ink::Ssthresh.color(), false)
            .pos(Pos::new(HPos::Left, VPos::Top));
        let (w, h) = root
            .estimate_text_size(&words.ssthresh_unset, &style)
            .map_err(err)?;
        let (w, h) = (w as i32, h as i32);
        let y = frame.y.to.1 as i32 + 6;
        let mut shown_at = None;
        for (i, p) in window.iter().enumerate() {
            let starts = p.ssthresh.is_none() && (i == 0 || window[i - 1].ssthresh.is_some());
            let x = (frame.x.px(p.t as f64) + 8).min(frame.x.to.1 as i32 - w - 8);
            if starts && shown_at.is_none_or(|at| x > at + w + 16) {
                root.draw(&Rectangle::new(
                    [(x - 4, y - 2), (x + w + 4, y + h + 4)],
                    WHITE.filled(),
                ))
                .map_err(err)?;
                root.draw_text(&words.ssthresh_unset, &style, (x, y))
                    .map_err(err)?;
                shown_at = Some(x);
            }
        }
    }
    Ok(frame)
}

/// The SVG as plotters wrote it, with a `<title>` for screen readers and each
/// ink's class and dashes (see [`Ink`]).
fn finish(svg: String, title: &str) -> String {
    let mut svg = svg;
    for ink in Ink::ALL {
        let stroke = format!("stroke=\"{}\"", Ink::hex(ink.color()));
        let dash = ink
            .dash()
            .map(|d| format!(" stroke-dasharray=\"{d}\""))
            .unwrap_or_default();
        svg = svg.replace(
            &stroke,
            &format!(
                "{stroke} class=\"{}\" stroke-linejoin=\"round\"{dash}",
                ink.class()
            ),
        );
        if !dash.is_empty() {
            let key = format!("stroke=\"{}\"", Ink::hex(ink.key_color()));
            svg = svg.replace(&key, &format!("{key}{dash}"));
        }
    }
    let escaped = super::svg::esc(title);
    match svg.find(">\n") {
        Some(i) => {
            svg.insert_str(i + 2, &format!("<title>{escaped}</title>\n"));
            svg
        }
        None => svg,
    }
}
