//! The sequence diagram (`--svg`): two lifelines, time flowing down, each
//! message an arrow sloping from its send time on the sender's lifeline to
//! its arrival on the other, so latency shows and segments in flight cross
//! (the textbook's simultaneous-open figure). Drawn to scale in time, except
//! that an idle gap too long to draw is shortened behind a zig-zag break, and
//! the picture says so.
//!
//! Hand-written SVG with presentation attributes only (no stylesheet, no
//! markers, no ids shared between elements), so librsvg and browsers draw it
//! alike, the player's CSS can restyle any part of it, and two copies fit in
//! one page. Every number is printed with one decimal, so the same picture
//! gives the same bytes.

use std::fmt::Write as _;

use super::model::{ArrowEnd, Micros, Picture};
use super::{Drawn, TimeAxis};
use crate::narrate::Lang;
use crate::tr;
use crate::trace::Host;

/// The drawing's width; everything is laid out for a projector at this size.
const WIDTH: f64 = 1400.0;
/// The client's and the server's lifelines.
const LIFELINE_X: [f64; 2] = [470.0, 1030.0];
/// The time ruler's line; its labels sit left of it.
const RULER_X: f64 = 104.0;
/// How far beside its lifeline a timer's bracket is drawn (outside the state boxes).
const TIMER_OFFSET: f64 = 178.0;
/// A typical flight time is drawn this tall, so latency reads at a glance.
const FLIGHT_PX: f64 = 110.0;
/// Two distinct moments are never drawn closer than this, so their arrows'
/// labels never overlap…
const MIN_ROW: f64 = 30.0;
/// …and a capture's, whose nearly horizontal arrows carry their labels
/// right above the previous one, a little further (its frames may be
/// microseconds apart).
const MIN_ROW_CAPTURED: f64 = 44.0;
/// A gap that would be drawn taller than this is shortened…
const BREAK_PX: f64 = 330.0;
/// …to this.
const GAP_PX: f64 = 72.0;
/// A run with nothing to measure latency by is drawn with its median gap this tall.
const ROW_PX: f64 = 48.0;

const FONT: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const MONO: &str = "DejaVu Sans Mono, Liberation Mono, Courier New, monospace";
const INK: &str = "#111111";
const GREY: &str = "#555555";
/// Client's and server's arrows: dark blue and dark purple, both far from white.
const SIDE_COLOUR: [&str; 2] = ["#0b4f9c", "#6a1b9a"];
const RETRANSMIT: &str = "#b34700";
const LOST: &str = "#c62828";
const TIMER: &str = "#1b6e20";
const STATE_FILL: &str = "#fff4c2";

/// The few words the diagram itself writes, in the picture's language (the
/// Fluent catalogues hold the narration; these are the drawing's own labels).
struct Words {
    time: String,
    compressed: String,
    lost: String,
    retransmission: String,
    fired: String,
    stopped: String,
    data: String,
    control: String,
    timer: String,
    state: String,
    frame: String,
    gap: String,
}

fn words(lang: Lang) -> Words {
    Words {
        time: tr!(lang, "diagram-time"),
        compressed: tr!(lang, "diagram-compressed"),
        lost: tr!(lang, "diagram-lost"),
        retransmission: tr!(lang, "diagram-retransmission"),
        fired: tr!(lang, "diagram-fired"),
        stopped: tr!(lang, "diagram-stopped"),
        data: tr!(lang, "diagram-data"),
        control: tr!(lang, "diagram-control"),
        timer: tr!(lang, "diagram-timer"),
        state: tr!(lang, "diagram-state"),
        frame: tr!(lang, "diagram-frame"),
        gap: tr!(lang, "diagram-gap"),
    }
}

/// The sequence diagram of `picture`, and where each time lies on its y axis.
pub fn sequence(picture: &Picture) -> Drawn {
    let w = words(picture.lang);
    let mut out = String::new();

    // The header: title, summary, and the compression note when needed.
    let mut y = 40.0;
    let mut header = String::new();
    let _ = write!(
        header,
        r#"<text x="24" y="{}" font-size="28" font-weight="bold" fill="{INK}">{}</text>"#,
        f(y),
        esc(&picture.title)
    );
    y += 8.0;
    for line in wrap(&picture.summary, 120) {
        y += 24.0;
        let _ = write!(
            header,
            r#"<text x="24" y="{}" font-size="18" fill="{INK}">{}</text>"#,
            f(y),
            esc(&line)
        );
    }
    let times = event_times(picture);
    let scale = pixels_per_micro(picture, &times);
    let will_break = times
        .windows(2)
        .any(|p| (p[1] - p[0]) as f64 * scale > BREAK_PX);
    if will_break {
        y += 26.0;
        let _ = write!(
            header,
            r##"<text x="24" y="{}" font-size="17" font-style="italic" fill="#8a4b00" class="compressed-note">{}</text>"##,
            f(y),
            esc(&w.compressed)
        );
    }

    // The lifelines' heads.
    let head_top = y + 22.0;
    let head_h = 62.0;
    let mut heads = String::new();
    for (i, side) in picture.sides.iter().enumerate() {
        let x = LIFELINE_X[i];
        let _ = write!(
            heads,
            r##"<g class="lifeline-head" data-side="{}"><rect x="{}" y="{}" width="300" height="{}" rx="8" fill="#ffffff" stroke="{}" stroke-width="3"/><text x="{}" y="{}" font-size="22" font-weight="bold" text-anchor="middle" fill="{INK}">{}</text><text x="{}" y="{}" font-size="17" text-anchor="middle" font-family="{MONO}" fill="{INK}">{}</text></g>"##,
            Host::BOTH[i].name(),
            f(x - 150.0),
            f(head_top),
            f(head_h),
            SIDE_COLOUR[i],
            f(x),
            f(head_top + 26.0),
            esc(&side.role),
            f(x),
            f(head_top + 50.0),
            esc(&side.addr),
        );
    }
    let _ = write!(
        heads,
        r#"<text x="{}" y="{}" font-size="16" text-anchor="middle" fill="{GREY}">{} ↓</text>"#,
        f(RULER_X - 30.0),
        f(head_top + head_h - 4.0),
        esc(&w.time)
    );

    // Time → y.
    let top = head_top + head_h + 40.0;
    let min_row = if picture.captured {
        MIN_ROW_CAPTURED
    } else {
        MIN_ROW
    };
    let stacks = Stacks::of(picture);
    let (axis, breaks) = layout(&times, scale, top, min_row, &stacks);
    let bottom = axis.knots.last().map_or(top, |k| k.1) + 50.0;

    let mut body = String::new();
    ruler(
        &mut body,
        picture.lang,
        &axis,
        &breaks,
        &times,
        scale,
        top,
        bottom,
    );
    lifelines(&mut body, &breaks, top - 18.0, bottom);
    timers(&mut body, picture, &axis, &w);
    arrows(&mut body, picture, &axis, &stacks, &w);
    states(&mut body, picture, &axis);

    let legend_y = bottom + 36.0;
    let mut legend = String::new();
    legend_row(&mut legend, legend_y, &w);
    let height = legend_y + 30.0;

    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="sequence" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}" xml:lang="{lang}">"#,
        w = f(WIDTH),
        h = f(height),
        lang = picture.lang.code()
    );
    let _ = write!(
        out,
        "<title>{}</title><desc>{}</desc>",
        esc(&picture.title),
        esc(&picture.summary)
    );
    let _ = write!(
        out,
        r##"<rect class="background" x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        f(WIDTH),
        f(height)
    );
    out.push_str(&header);
    out.push_str(&heads);
    out.push_str(&body);
    out.push_str(&legend);
    out.push_str("</svg>\n");
    Drawn { svg: out, axis }
}

/// Every time something is drawn at, sorted, once each.
fn event_times(picture: &Picture) -> Vec<Micros> {
    let mut times: Vec<Micros> = Vec::new();
    for a in &picture.arrows {
        times.push(a.sent);
        times.push(a.end.at());
    }
    times.extend(picture.states.iter().map(|s| s.t));
    for t in &picture.timers {
        times.push(t.from);
        times.push(t.to);
    }
    times.extend(picture.steps.iter().map(|s| s.t));
    times.sort_unstable();
    times.dedup();
    times
}

/// The drawing's scale: a typical (median) flight time is [`FLIGHT_PX`] tall;
/// a run whose messages arrive as they leave (a capture) is scaled by its
/// median gap between moments instead.
fn pixels_per_micro(picture: &Picture, times: &[Micros]) -> f64 {
    let mut flights: Vec<Micros> = picture
        .arrows
        .iter()
        .filter_map(|a| match a.end {
            ArrowEnd::Arrived(t) if t > a.sent && !picture.captured => Some(t - a.sent),
            _ => None,
        })
        .collect();
    if let Some(m) = median(&mut flights) {
        return FLIGHT_PX / m as f64;
    }
    let mut gaps: Vec<Micros> = times
        .windows(2)
        .map(|p| p[1] - p[0])
        .filter(|&g| g > 0)
        .collect();
    median(&mut gaps).map_or(0.0, |m| ROW_PX / m as f64)
}

fn median(values: &mut [Micros]) -> Option<Micros> {
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

/// How far apart arrows leaving (or landing) at the same instant are drawn.
const STACK_PX: f64 = 28.0;

/// Arrows that leave one side at the same instant (a window of segments the
/// simulator sends at once) or land on one side at once: each after the
/// first is drawn a row lower, as the textbooks draw back-to-back segments,
/// so none hides another.
struct Stacks {
    /// Per arrow: its row among those leaving with it, and among those landing with it.
    rows: Vec<(usize, usize)>,
    /// Per instant: the most rows below the first that any side needs there.
    extra: std::collections::BTreeMap<Micros, usize>,
}

impl Stacks {
    fn of(picture: &Picture) -> Stacks {
        use std::collections::BTreeMap;
        let mut leaving: BTreeMap<(usize, Micros), usize> = BTreeMap::new();
        let mut landing: BTreeMap<(usize, Micros), usize> = BTreeMap::new();
        let mut extra: BTreeMap<Micros, usize> = BTreeMap::new();
        let mut rows = Vec::with_capacity(picture.arrows.len());
        for a in &picture.arrows {
            let out = leaving.entry((a.from.index(), a.sent)).or_insert(0);
            let inn = landing
                .entry((a.from.peer().index(), a.end.at()))
                .or_insert(0);
            rows.push((*out, *inn));
            let e = extra.entry(a.sent).or_insert(0);
            *e = (*e).max(*out);
            let e = extra.entry(a.end.at()).or_insert(0);
            *e = (*e).max(*inn);
            *out += 1;
            *inn += 1;
        }
        Stacks { rows, extra }
    }

    fn extra_rows(&self, t: Micros) -> usize {
        self.extra.get(&t).copied().unwrap_or(0)
    }

    /// How far below its instants' rows arrow `i` starts and ends.
    fn offsets(&self, i: usize) -> (f64, f64) {
        self.rows.get(i).map_or((0.0, 0.0), |&(o, n)| {
            (o as f64 * STACK_PX, n as f64 * STACK_PX)
        })
    }
}

/// A shortened idle gap: from `t0` (drawn at `y0`) to `t1` (at `y1`).
struct Break {
    t0: Micros,
    t1: Micros,
    y0: f64,
    y1: f64,
}

/// The time axis: one knot per moment, to scale, never closer than
/// [`MIN_ROW`], with long idle gaps shortened.
fn layout(
    times: &[Micros],
    scale: f64,
    top: f64,
    min_row: f64,
    stacks: &Stacks,
) -> (TimeAxis, Vec<Break>) {
    let mut knots = Vec::with_capacity(times.len());
    let mut breaks = Vec::new();
    let mut y = top;
    if let Some(&first) = times.first() {
        knots.push((first, y));
    }
    for p in times.windows(2) {
        // Room for the arrows stacked at the earlier moment.
        y += stacks.extra_rows(p[0]) as f64 * STACK_PX;
        let drawn = (p[1] - p[0]) as f64 * scale;
        let next = if drawn > BREAK_PX {
            breaks.push(Break {
                t0: p[0],
                t1: p[1],
                y0: y,
                y1: y + GAP_PX,
            });
            y + GAP_PX
        } else {
            y + drawn.max(min_row)
        };
        y = next;
        knots.push((p[1], y));
    }
    (TimeAxis { knots }, breaks)
}

/// The ruler: a line broken where time is shortened, ticks at round times
/// in each unbroken stretch, and each break's length.
#[allow(clippy::too_many_arguments)]
fn ruler(
    out: &mut String,
    lang: Lang,
    axis: &TimeAxis,
    breaks: &[Break],
    times: &[Micros],
    scale: f64,
    top: f64,
    bottom: f64,
) {
    out.push_str(r#"<g class="ruler">"#);
    let (Some(&first), Some(&last)) = (times.first(), times.last()) else {
        out.push_str("</g>");
        return;
    };
    // The unbroken stretches, in time and in y.
    let mut stretches = Vec::new();
    let (mut t, mut y) = (first, top - 18.0);
    for b in breaks {
        stretches.push((t, b.t0, y, b.y0));
        (t, y) = (b.t1, b.y1);
    }
    stretches.push((t, last, y, bottom));
    for &(_, _, y0, y1) in &stretches {
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{GREY}" stroke-width="2"/>"#,
            f(y0),
            f(y1),
            x = f(RULER_X)
        );
    }
    for b in breaks {
        zigzag(out, RULER_X, b.y0, b.y1, GREY);
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="15" font-style="italic" text-anchor="end" fill="{GREY}"><title>{} {}</title>+{}</text>"#,
            f(RULER_X - 12.0),
            f((b.y0 + b.y1) / 2.0 + 5.0),
            esc(&words(lang).gap),
            esc(&time_text(b.t1 - b.t0, lang)),
            esc(&time_text(round3(b.t1 - b.t0), lang))
        );
    }
    // Round ticks: the smallest 1-2-5 step at least 70 px apart.
    let step = nice_step(if scale > 0.0 { 70.0 / scale } else { 0.0 });
    let mut last_y = f64::NEG_INFINITY;
    for &(t0, t1, _, _) in &stretches {
        let mut ticks = vec![t0];
        if step > 0 {
            let mut k = t0.div_ceil(step) * step;
            while k <= t1 {
                ticks.push(k);
                k += step;
            }
        }
        ticks.dedup();
        for tick in ticks {
            let ty = axis.at(tick);
            if ty - last_y < 24.0 {
                continue;
            }
            last_y = ty;
            let _ = write!(
                out,
                r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{GREY}" stroke-width="2"/><text x="{}" y="{}" font-size="15" text-anchor="end" fill="{INK}">{}</text>"#,
                f(RULER_X - 6.0),
                f(RULER_X + 6.0),
                f(RULER_X - 10.0),
                f(ty + 5.0),
                esc(&time_text(tick, lang)),
                y = f(ty)
            );
        }
    }
    out.push_str("</g>");
}

/// The smallest step of the form 1, 2 or 5 × 10ⁿ µs that is at least `min` µs.
fn nice_step(min: f64) -> Micros {
    if min <= 0.0 || !min.is_finite() {
        return 0;
    }
    let mut base: Micros = 1;
    loop {
        for m in [1, 2, 5] {
            let step = base * m;
            if step as f64 >= min {
                return step;
            }
        }
        base = base.saturating_mul(10);
        if base == Micros::MAX {
            return 0;
        }
    }
}

/// `t` rounded to three significant digits: a gap's length at a glance.
fn round3(t: Micros) -> Micros {
    let mut unit = 1;
    while t / unit >= 1_000 {
        unit *= 10;
    }
    (t + unit / 2) / unit * unit
}

/// A time for people: `0`, `250 µs`, `12.5 ms`, `1.25 s` (a decimal comma in Portuguese).
pub(crate) fn time_text(t: Micros, lang: Lang) -> String {
    let comma = if lang == Lang::Pt { "," } else { "." };
    let decimal = |whole: Micros, frac: Micros, digits: usize| {
        let frac = format!("{frac:0digits$}");
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}{comma}{frac}")
        }
    };
    if t == 0 {
        "0".into()
    } else if t < 1_000 {
        format!("{t} µs")
    } else if t < 1_000_000 {
        format!("{} ms", decimal(t / 1_000, t % 1_000, 3))
    } else {
        format!("{} s", decimal(t / 1_000_000, t % 1_000_000, 6))
    }
}

/// The two lifelines, broken like the ruler.
fn lifelines(out: &mut String, breaks: &[Break], top: f64, bottom: f64) {
    out.push_str(r#"<g class="lifelines">"#);
    for (i, &x) in LIFELINE_X.iter().enumerate() {
        let mut y = top;
        for b in breaks {
            line(out, x, y, x, b.y0, SIDE_COLOUR[i], 3.0);
            zigzag(out, x, b.y0, b.y1, SIDE_COLOUR[i]);
            y = b.y1;
        }
        line(out, x, y, x, bottom, SIDE_COLOUR[i], 3.0);
    }
    out.push_str("</g>");
}

fn line(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64, colour: &str, width: f64) {
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{}"/>"#,
        f(x1),
        f(y1),
        f(x2),
        f(y2),
        f(width)
    );
}

/// The break mark: a zig-zag from `y0` to `y1` down a vertical line at `x`.
fn zigzag(out: &mut String, x: f64, y0: f64, y1: f64, colour: &str) {
    let h = (y1 - y0) / 6.0;
    let _ = write!(
        out,
        r#"<path class="break" d="M{x} {} L{} {} L{} {} L{} {} L{} {} L{x} {}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-dasharray="none"/>"#,
        f(y0),
        f(x - 9.0),
        f(y0 + 1.5 * h),
        f(x + 9.0),
        f(y0 + 2.5 * h),
        f(x - 9.0),
        f(y0 + 3.5 * h),
        f(x + 9.0),
        f(y0 + 4.5 * h),
        f(y1),
        x = f(x)
    );
}

/// Every arrow, in a group the player can find by id (`sq-aN`, N its index
/// in [`Picture::arrows`]) or by the step that sent it (`data-step`).
fn arrows(out: &mut String, picture: &Picture, axis: &TimeAxis, stacks: &Stacks, w: &Words) {
    let mut flights: Vec<Micros> = picture
        .arrows
        .iter()
        .filter_map(|a| match a.end {
            ArrowEnd::Arrived(t) if t > a.sent => Some(t - a.sent),
            _ => None,
        })
        .collect();
    let flight = median(&mut flights);
    out.push_str(r#"<g class="arrows">"#);
    for (i, a) in picture.arrows.iter().enumerate() {
        let from = a.from.index();
        let x1 = LIFELINE_X[from];
        let x_far = LIFELINE_X[a.from.peer().index()];
        let (below_start, below_end) = stacks.offsets(i);
        let y1 = axis.at(a.sent) + below_start;
        let lost = matches!(a.end, ArrowEnd::Lost(_));
        // A lost arrow stops where it was lost: as far across as the time it
        // had flown, against a typical flight.
        let reach = if lost {
            match flight {
                Some(fl) if fl > 0 => {
                    ((a.end.at() - a.sent.min(a.end.at())) as f64 / fl as f64).clamp(0.3, 0.7)
                }
                _ => 0.5,
            }
        } else {
            1.0
        };
        let x2 = x1 + (x_far - x1) * reach;
        // Never quite horizontal: a capture's arrows arrive as they leave,
        // and a small drop still shows which way they went.
        let y2 = (axis.at(a.end.at()) + below_end).max(y1 + 10.0);
        let colour = if a.retransmission {
            RETRANSMIT
        } else {
            SIDE_COLOUR[from]
        };
        let width = if a.data { 5.0 } else { 3.0 };
        let mut class = String::from("arrow");
        for (on, name) in [
            (a.data, " data"),
            (a.retransmission, " retransmission"),
            (lost, " lost"),
        ] {
            if on {
                class.push_str(name);
            }
        }
        let mut title = String::new();
        if let Some(n) = a.frame {
            let _ = write!(title, "{} {n}: ", w.frame);
        }
        title.push_str(&a.label);
        if a.retransmission {
            let _ = write!(title, " ({})", w.retransmission);
        }
        if lost {
            let _ = write!(title, " ({})", w.lost);
        }
        let _ = write!(
            out,
            r#"<g class="{class}" id="sq-a{i}" data-step="{}" data-arrow="{i}"><title>{}</title>"#,
            a.step,
            esc(&title)
        );
        // A wide invisible halo: the player lights it up, and it makes the
        // arrow easy to click.
        let _ = write!(
            out,
            r##"<line class="halo" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ffd400" stroke-opacity="0" stroke-width="16" stroke-linecap="round" pointer-events="stroke"/>"##,
            f(x1),
            f(y1),
            f(x2),
            f(y2)
        );
        let dash = if a.retransmission {
            r#" stroke-dasharray="12 7""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<line class="shaft" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{}"{dash}/>"#,
            f(x1),
            f(y1),
            f(x2),
            f(y2),
            f(width)
        );
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        if lost {
            let s = 11.0;
            let _ = write!(
                out,
                r#"<path class="cross" d="M{} {} L{} {} M{} {} L{} {}" stroke="{LOST}" stroke-width="5" stroke-linecap="round"/>"#,
                f(x2 - s),
                f(y2 - s),
                f(x2 + s),
                f(y2 + s),
                f(x2 - s),
                f(y2 + s),
                f(x2 + s),
                f(y2 - s)
            );
        } else {
            let (bx, by) = (x2 - 18.0 * ux, y2 - 18.0 * uy);
            let _ = write!(
                out,
                r#"<path class="head" d="M{} {} L{} {} L{} {} Z" fill="{colour}"/>"#,
                f(x2),
                f(y2),
                f(bx - 8.0 * uy),
                f(by + 8.0 * ux),
                f(bx + 8.0 * uy),
                f(by - 8.0 * ux)
            );
        }
        // The label rides along the arrow from its sender's end, so two
        // arrows crossing mid-link keep theirs on opposite halves.
        let (lx, ly) = (x1 + 60.0 * ux, y1 + 60.0 * uy);
        let anchor = if dx >= 0.0 { "start" } else { "end" };
        let mut angle = dy.atan2(dx).to_degrees();
        if angle > 90.0 {
            angle -= 180.0;
        } else if angle < -90.0 {
            angle += 180.0;
        }
        let _ = write!(
            out,
            r##"<text class="label" transform="translate({} {}) rotate({})" y="-9" font-size="18" text-anchor="{anchor}" fill="{colour}" stroke="#ffffff" stroke-width="5" stroke-linejoin="round" paint-order="stroke">"##,
            f(lx),
            f(ly),
            f(angle)
        );
        if let Some(n) = a.frame {
            let _ = write!(
                out,
                r#"<tspan class="frame" fill="{GREY}" font-size="15">#{n}</tspan> "#
            );
        }
        if a.retransmission && !a.label.starts_with('↻') {
            out.push_str("↻ ");
        }
        let _ = write!(out, "{}</text></g>", esc(&a.label));
    }
    out.push_str("</g>");
}

/// Each side's state where it changes, in a box against its lifeline on
/// the outer side (so no arrowhead hides under it).
fn states(out: &mut String, picture: &Picture, axis: &TimeAxis) {
    out.push_str(r#"<g class="states">"#);
    let mut last_y = [f64::NEG_INFINITY; 2];
    for (i, s) in picture.states.iter().enumerate() {
        let side = s.side.index();
        let x = LIFELINE_X[side];
        let y = axis.at(s.t).max(last_y[side] + 32.0);
        last_y[side] = y;
        let width = text_width(&s.state, 17.0) + 20.0;
        let left = if side == 0 {
            x - 12.0 - width
        } else {
            x + 12.0
        };
        let role = &picture.sides[side].role;
        let _ = write!(
            out,
            r#"<g class="state" id="sq-s{i}" data-step="{}" data-side="{}"><title>{}: {}</title><line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{INK}" stroke-width="2"/><rect x="{}" y="{}" width="{}" height="28" rx="5" fill="{STATE_FILL}" stroke="{INK}" stroke-width="1.5"/><text x="{}" y="{}" font-size="17" font-weight="bold" text-anchor="middle" fill="{INK}">{}</text></g>"#,
            s.step,
            s.side.name(),
            esc(role),
            esc(&s.state),
            f(x),
            f(if side == 0 { x - 12.0 } else { x + 12.0 }),
            f(left),
            f(y - 14.0),
            f(width),
            f(left + width / 2.0),
            f(y + 6.0),
            esc(&s.state),
            y = f(y)
        );
    }
    out.push_str("</g>");
}

/// Timers as brackets beside their lifeline, outside the state boxes, each
/// in the first lane free of the others.
fn timers(out: &mut String, picture: &Picture, axis: &TimeAxis, w: &Words) {
    out.push_str(r#"<g class="timers">"#);
    let mut lanes: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for t in &picture.timers {
        let side = t.side.index();
        let (y0, y1) = (
            axis.at(t.from),
            axis.at(t.to.max(t.from)).max(axis.at(t.from) + 12.0),
        );
        let lane = match lanes[side].iter().position(|&end| end + 6.0 < y0) {
            Some(l) => {
                lanes[side][l] = y1;
                l
            }
            None => {
                lanes[side].push(y1);
                lanes[side].len() - 1
            }
        };
        // Outward from the lifeline: left for the client, right for the server.
        let out_dir = if side == 0 { -1.0 } else { 1.0 };
        let bx = LIFELINE_X[side] + out_dir * (TIMER_OFFSET + 14.0 * lane as f64);
        let tip = bx - out_dir * 9.0;
        let dash = if t.fired {
            ""
        } else {
            r#" stroke-dasharray="6 4""#
        };
        let _ = write!(
            out,
            r#"<g class="timer" data-side="{}"><title>{} — {}</title><path d="M{} {} L{bx} {} L{bx} {} L{} {}" fill="none" stroke="{TIMER}" stroke-width="3"{dash}/>"#,
            t.side.name(),
            esc(&t.label),
            if t.fired { &w.fired } else { &w.stopped },
            f(tip),
            f(y0),
            f(y0),
            f(y1),
            f(tip),
            f(y1),
            bx = f(bx)
        );
        if t.fired {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="5" fill="{TIMER}"/>"#,
                f(tip),
                f(y1)
            );
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="16" text-anchor="{}" fill="{TIMER}">{}</text></g>"#,
            f(bx + out_dir * 8.0),
            f(y0 + 16.0),
            if side == 0 { "end" } else { "start" },
            esc(&t.label)
        );
    }
    out.push_str("</g>");
}

/// What each mark means, in one row under the diagram.
fn legend_row(out: &mut String, y: f64, w: &Words) {
    out.push_str(r#"<g class="legend" font-size="16">"#);
    let shaft = |x: f64, colour: &str, width: f64, dash: &str| {
        format!(
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="{}"{dash}/>"#,
            f(x),
            f(x + 42.0),
            f(width),
            y = f(y)
        )
    };
    let cross = |x: f64| {
        format!(
            r#"{}<path d="M{} {} L{} {} M{} {} L{} {}" stroke="{LOST}" stroke-width="5" stroke-linecap="round"/>"#,
            shaft(x, SIDE_COLOUR[0], 3.0, ""),
            f(x + 26.0),
            f(y - 8.0),
            f(x + 42.0),
            f(y + 8.0),
            f(x + 26.0),
            f(y + 8.0),
            f(x + 42.0),
            f(y - 8.0)
        )
    };
    let bracket = |x: f64| {
        format!(
            r#"<path d="M{} {} L{} {} L{} {} L{} {}" fill="none" stroke="{TIMER}" stroke-width="3"/>"#,
            f(x + 30.0),
            f(y - 10.0),
            f(x + 21.0),
            f(y - 10.0),
            f(x + 21.0),
            f(y + 10.0),
            f(x + 30.0),
            f(y + 10.0)
        )
    };
    let state = |x: f64| {
        format!(
            r#"<rect x="{}" y="{}" width="42" height="22" rx="5" fill="{STATE_FILL}" stroke="{INK}" stroke-width="1.5"/>"#,
            f(x),
            f(y - 11.0)
        )
    };
    let retransmission = format!("↻ {}", w.retransmission);
    let items: [(String, &str); 6] = [
        (String::new(), &w.data),
        (String::new(), &w.control),
        (String::new(), &retransmission),
        (String::new(), &w.lost),
        (String::new(), &w.timer),
        (String::new(), &w.state),
    ];
    let mut x = 24.0;
    for (i, (_, text)) in items.iter().enumerate() {
        let mark = match i {
            0 => shaft(x, SIDE_COLOUR[0], 5.0, ""),
            1 => shaft(x, SIDE_COLOUR[0], 3.0, ""),
            2 => shaft(x, RETRANSMIT, 3.0, r#" stroke-dasharray="12 7""#),
            3 => cross(x),
            4 => bracket(x),
            _ => state(x),
        };
        out.push_str(&mark);
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" fill="{INK}">{}</text>"#,
            f(x + 52.0),
            f(y + 5.0),
            esc(text)
        );
        x += 52.0 + text_width(text, 16.0) + 30.0;
    }
    out.push_str("</g>");
}

/// About how wide `text` is at `size` px in a sans-serif font (a little
/// generous, so boxes never clip their words).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.64
}

/// Splits `text` into lines of at most `width` characters, at spaces: the
/// terminal views' own word wrap.
fn wrap(text: &str, width: usize) -> Vec<String> {
    crate::view::style::wrap(text, width)
}

/// A coordinate with one decimal: the same picture always prints the same bytes.
fn f(x: f64) -> String {
    let s = format!("{x:.1}");
    if s == "-0.0" { "0.0".into() } else { s }
}

/// Text made safe for XML (and HTML): markup escaped, and the control
/// characters XML 1.0 forbids dropped.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_like_a_person_writes_them() {
        assert_eq!(time_text(0, Lang::En), "0");
        assert_eq!(time_text(250, Lang::En), "250 µs");
        assert_eq!(time_text(12_500, Lang::En), "12.5 ms");
        assert_eq!(time_text(12_500, Lang::Pt), "12,5 ms");
        assert_eq!(time_text(1_250_000, Lang::En), "1.25 s");
        assert_eq!(time_text(3_000_000, Lang::Pt), "3 s");
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(round3(3_959_910), 3_960_000);
        assert_eq!(round3(39_740), 39_700);
        assert_eq!(round3(995), 995);
        assert_eq!(nice_step(0.0), 0);
        assert_eq!(nice_step(3.0), 5);
        assert_eq!(nice_step(11.0), 20);
        assert_eq!(nice_step(70_000.0), 100_000);
    }

    #[test]
    fn long_idle_gaps_are_shortened_and_short_ones_kept_apart() {
        let none = Stacks {
            rows: Vec::new(),
            extra: Default::default(),
        };
        let (axis, breaks) = layout(&[0, 10, 1_000_000], 1.0, 100.0, MIN_ROW, &none);
        assert_eq!(axis.knots[0], (0, 100.0));
        assert_eq!(axis.knots[1], (10, 100.0 + MIN_ROW));
        assert_eq!(axis.knots[2], (1_000_000, 100.0 + MIN_ROW + GAP_PX));
        assert_eq!(breaks.len(), 1);
    }

    #[test]
    fn escaping_covers_markup_and_drops_forbidden_controls() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
