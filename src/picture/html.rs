//! The one-file HTML player (`--html`): the sequence diagram, the graphs
//! and every step's words and bits, in both languages, stepped with the
//! arrow keys. One file with nothing to fetch (no script, font or image from
//! anywhere), so it opens from a USB stick in a classroom without a network,
//! and the same run always writes the same bytes.
//!
//! The page's stable contract, which the browser tests rely on:
//! `#step-index` (the current step, counting from 1), `#step-count`,
//! `#label`, `#narration`, `#bits`, the buttons `#home #prev #play #next
//! #end #lang` and the `#speed` choice, `.arrow.current` on the current
//! step's arrow (`{lang}-sq-a{N}`, N its index in the picture's arrows), and
//! `html[lang]` naming the language shown.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::model::Picture;
use super::svg::esc;
use super::{Drawn, TimeAxis, graph, svg};
use crate::narrate::Lang;
use crate::tr;

const CSS: &str = include_str!("player.css");
const JS: &str = include_str!("player.js");

/// The player's own words (buttons, headings), in each language.
struct Ui {
    step: String,
    of: String,
    back: String,
    next: String,
    play: String,
    pause: String,
    speed: String,
    first: String,
    last: String,
    language: String,
    narration: String,
    bits: String,
    graphs: String,
    all_steps: String,
    keys: String,
    no_graph: String,
}

fn ui(lang: Lang) -> Ui {
    Ui {
        step: tr!(lang, "player-step"),
        of: tr!(lang, "player-of"),
        back: tr!(lang, "player-back"),
        next: tr!(lang, "player-next"),
        play: tr!(lang, "player-play"),
        pause: tr!(lang, "player-pause"),
        speed: tr!(lang, "player-speed"),
        first: tr!(lang, "player-first"),
        last: tr!(lang, "player-last"),
        language: tr!(lang, "player-language"),
        narration: tr!(lang, "player-narration"),
        bits: tr!(lang, "player-bits"),
        graphs: tr!(lang, "player-graphs"),
        all_steps: tr!(lang, "player-all-steps"),
        keys: tr!(lang, "player-keys"),
        no_graph: tr!(lang, "player-no-graph"),
    }
}

/// The same words in both languages, each in a span the page's CSS shows
/// only when its language is on.
fn both(pick: fn(&Ui) -> &str) -> String {
    Lang::ALL
        .iter()
        .map(|&l| {
            format!(
                r#"<span data-lang="{}">{}</span>"#,
                l.code(),
                esc(pick(&ui(l)))
            )
        })
        .collect()
}

/// The player page for a run drawn in both languages: `[english, portuguese]`,
/// opening in `first`'s language.
pub fn player(pictures: &[Picture; 2], first: Lang) -> String {
    let shown = match first {
        Lang::En => &pictures[0],
        Lang::Pt => &pictures[1],
    };
    let sequences: Vec<Drawn> = pictures.iter().map(svg::sequence).collect();
    let graphs: Vec<Result<Drawn, String>> = pictures.iter().map(graph::graphs).collect();
    let count = pictures[0].steps.len();

    let mut page = String::new();
    let _ = write!(
        page,
        r#"<!DOCTYPE html>
<html lang="{code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="synack">
<title>{title}</title>
<style>
{CSS}</style>
</head>
<body>
<header id="top">
"#,
        code = first.code(),
        title = esc(&shown.title)
    );
    for p in pictures {
        let _ = writeln!(
            page,
            "<div data-lang=\"{}\"><h1>{}</h1><p class=\"summary\">{}</p></div>",
            p.lang.code(),
            esc(&p.title),
            esc(&p.summary)
        );
    }
    page.push_str("</header>\n");

    // The controls.
    let _ = write!(
        page,
        r#"<nav id="controls">
<button id="home" type="button" title="{first_t}">|◀</button>
<button id="prev" type="button">◀ {back}</button>
<button id="play" type="button"><span class="when-stopped">▶ {play}</span><span class="when-playing">⏸ {pause}</span></button>
<button id="next" type="button">{next} ▶</button>
<button id="end" type="button" title="{last_t}">▶|</button>
<label class="speed">{speed} <select id="speed"><option value="0.5">0.5×</option><option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option></select></label>
<span id="counter">{step} <b id="step-index">1</b> {of} <b id="step-count">{count}</b></span>
<button id="lang" type="button" title="{language}"><span data-code="en">EN</span> | <span data-code="pt">PT</span></button>
<p class="keys">{keys}</p>
</nav>
"#,
        first_t = esc(&ui(first).first),
        last_t = esc(&ui(first).last),
        back = both(|u| &u.back),
        play = both(|u| &u.play),
        pause = both(|u| &u.pause),
        next = both(|u| &u.next),
        speed = both(|u| &u.speed),
        step = both(|u| &u.step),
        of = both(|u| &u.of),
        language = esc(&ui(first).language),
        keys = both(|u| &u.keys),
    );

    // The diagram and the current step's words.
    page.push_str("<main>\n<section id=\"diagram\">\n");
    for (p, drawn) in pictures.iter().zip(&sequences) {
        let code = p.lang.code();
        let _ = writeln!(
            page,
            "<div class=\"seq\" data-lang=\"{code}\">{}</div>",
            prefixed(&drawn.svg, code)
        );
    }
    let first_step = shown.steps.first();
    let _ = write!(
        page,
        r#"</section>
<aside id="panel">
<h2 id="label">{label}</h2>
<h3>{narration_h}</h3>
<div id="narration">{narration}</div>
<h3 class="bits-heading">{bits_h}</h3>
<pre id="bits">{bits}</pre>
</aside>
</main>
<section id="graphs">
<h2>{graphs_h}</h2>
"#,
        label = esc(first_step.map_or("", |s| s.label.as_str())),
        narration_h = both(|u| &u.narration),
        narration = first_step.map_or(String::new(), |s| paragraphs(&s.narration)),
        bits_h = both(|u| &u.bits),
        bits = esc(&first_step.map_or(String::new(), |s| s.bits.join("\n"))),
        graphs_h = both(|u| &u.graphs),
    );
    for (p, g) in pictures.iter().zip(&graphs) {
        let code = p.lang.code();
        match g {
            Ok(drawn) => {
                let _ = writeln!(
                    page,
                    "<div class=\"graph\" data-lang=\"{code}\">{}</div>",
                    drawn.svg.trim_end()
                );
            }
            Err(why) => {
                let _ = writeln!(
                    page,
                    "<p class=\"no-graph\" data-lang=\"{code}\">{}: {}</p>",
                    esc(&ui(p.lang).no_graph),
                    esc(why)
                );
            }
        }
    }
    page.push_str("</section>\n");

    // Every step at once, for print.
    let _ = writeln!(
        page,
        "<section id=\"all-steps\">\n<h2>{}</h2>",
        both(|u| &u.all_steps)
    );
    for p in pictures {
        let _ = write!(page, "<ol data-lang=\"{}\">", p.lang.code());
        for s in &p.steps {
            let _ = write!(
                page,
                "<li><b>{}</b>{}</li>",
                esc(&s.label),
                paragraphs(&s.narration)
            );
        }
        page.push_str("</ol>\n");
    }
    page.push_str("</section>\n");

    // The data the script steps through, then the script.
    let mut langs = serde_json::Map::new();
    for ((p, seq), g) in pictures.iter().zip(&sequences).zip(&graphs) {
        langs.insert(
            p.lang.code().into(),
            json!({
                "title": p.title,
                "steps": p.steps.iter().map(|s| json!({
                    "t": s.t,
                    "side": s.side.name(),
                    "label": s.label,
                    "narration": s.narration,
                    "bits": s.bits,
                    "arrow": s.arrow,
                })).collect::<Vec<Value>>(),
                "seq": knots(&seq.axis),
                "graph": g.as_ref().map_or(Value::Null, |d| knots(&d.axis)),
            }),
        );
    }
    let data = json!({ "first": first.code(), "count": count, "langs": langs });
    let _ = write!(
        page,
        "<script type=\"application/json\" id=\"player-data\">{}</script>\n<script>\n{JS}</script>\n</body>\n</html>\n",
        script_safe(&data.to_string())
    );
    page
}

/// The sequence diagram's ids, made unique to its language's copy.
fn prefixed(svg: &str, code: &str) -> String {
    svg.trim_end()
        .replace(" id=\"sq-", &format!(" id=\"{code}-sq-"))
}

/// Lines of narration as paragraphs.
fn paragraphs(lines: &[String]) -> String {
    lines.iter().map(|l| format!("<p>{}</p>", esc(l))).collect()
}

/// An axis's knots as `[[t, coordinate], …]`, coordinates with one decimal
/// so the page's bytes never depend on float printing.
fn knots(axis: &TimeAxis) -> Value {
    Value::Array(
        axis.knots
            .iter()
            .map(|&(t, c)| json!([t, (c * 10.0).round() / 10.0]))
            .collect(),
    )
}

/// JSON made safe inside `<script>`: no `<`, `>` or `&` to end the element
/// or start markup, and no U+2028/U+2029, which old script parsers take for
/// line ends. These characters only ever occur inside JSON strings, where
/// the escapes mean the same.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_data_cannot_close_its_element() {
        let text = "</script><b>&\u{2028}\u{2029}";
        let safe = script_safe(&json!({ "a": text }).to_string());
        assert!(!safe.contains(['<', '>', '&', '\u{2028}', '\u{2029}']));
        let back: Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back["a"], text);
    }

    #[test]
    fn each_language_copy_has_its_own_ids() {
        assert_eq!(
            prefixed(r#"<g id="sq-a1" data-step="2"></g>"#, "pt"),
            r#"<g id="pt-sq-a1" data-step="2"></g>"#
        );
    }
}
