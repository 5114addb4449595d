//! The sequence diagram and the graphs as SVG: well-formed, drawn by
//! librsvg, the same bytes every time, and every arrow and state box
//! findable by the player.

use synack::picture::model::Picture;
use synack::picture::{graph, svg};

use synack::narrate::Lang;

use crate::render::{check_svg, scratch, svg_tools};
use crate::{hand, lessons};

/// Whether a graph SVG draws anything at all (the graph view may still be
/// an empty placeholder).
fn draws_something(svg: &str) -> bool {
    svg.trim_end().trim_end_matches("</svg>").contains('<') && svg.matches('<').count() > 2
}

#[test]
fn every_lesson_draws_well_formed_pictures_that_are_not_blank() {
    if !svg_tools() {
        return;
    }
    let dir = scratch("lessons");
    for lesson in lessons::all() {
        for lang in Lang::ALL {
            let base = dir.join(format!("{lesson}-{}", lang.code()));
            let seq = base.with_extension("seq.svg");
            let graph = base.with_extension("graph.svg");
            lessons::draw(&lesson, lang, &[("--svg", &seq), ("--graph", &graph)]);
            let seq_text = std::fs::read_to_string(&seq).expect("the diagram was written");
            check_svg(&seq_text, &seq, &seq.with_extension("png"), 200);
            let graph_text = std::fs::read_to_string(&graph).expect("the graph was written");
            assert!(
                draws_something(&graph_text),
                "{lesson}: the graph draws nothing"
            );
            check_svg(&graph_text, &graph, &graph.with_extension("png"), 200);
        }
    }
    if std::env::var_os("SYNACK_UPDATE_SCREENSHOTS").is_some_and(|v| v == "1") {
        readme_graph(&dir);
    }
}

/// The README's graph: the congestion lesson's, drawn by librsvg.
fn readme_graph(dir: &std::path::Path) {
    let graph = dir.join("readme-graph.svg");
    lessons::draw(lessons::SHOWCASE, Lang::En, &[("--graph", &graph)]);
    let text = std::fs::read_to_string(&graph).expect("the graph was written");
    assert!(draws_something(&text), "the README's graph draws nothing");
    let png = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/graph.png");
    check_svg(&text, &graph, &png, 1200);
}

#[test]
fn lesson_diagrams_keep_their_shape() {
    let dir = scratch("snapshots");
    for lesson in [
        "handshake",
        "lost-syn",
        "simultaneous-open",
        "rdt-go-back-n",
    ] {
        let path = dir.join(format!("{lesson}.svg"));
        lessons::draw(lesson, Lang::En, &[("--svg", &path)]);
        let svg = std::fs::read_to_string(&path).expect("the diagram was written");
        insta::assert_snapshot!(format!("sequence-{lesson}"), svg);
    }
}

#[test]
fn hand_made_sequence_diagrams_are_well_formed_and_not_blank() {
    if !svg_tools() {
        return;
    }
    let dir = scratch("hand-sequence");
    for (name, pictures) in hand::all() {
        for p in &pictures {
            let drawn = svg::sequence(p);
            let base = format!("{name}-{}", p.lang.code());
            check_svg(
                &drawn.svg,
                &dir.join(format!("{base}.svg")),
                &dir.join(format!("{base}.png")),
                300,
            );
        }
    }
}

#[test]
fn hand_made_graphs_are_well_formed() {
    if !svg_tools() {
        return;
    }
    let dir = scratch("hand-graph");
    for (name, pictures) in hand::all() {
        for p in &pictures {
            if let Ok(drawn) = graph::graphs(p) {
                let path = dir.join(format!("{name}-{}.svg", p.lang.code()));
                std::fs::write(&path, &drawn.svg).expect("SVG written");
                let lint = std::process::Command::new("xmllint")
                    .arg("--noout")
                    .arg(&path)
                    .output()
                    .expect("xmllint runs");
                assert!(
                    lint.status.success(),
                    "{} is not well-formed",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_same_picture_draws_the_same_bytes() {
    for (_, [en, pt]) in hand::all() {
        assert_eq!(svg::sequence(&en), svg::sequence(&en.clone()));
        assert_eq!(svg::sequence(&pt).svg, svg::sequence(&pt).svg);
    }
}

/// Counts `needle` in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn every_arrow_and_state_box_names_its_step() {
    for (name, pictures) in hand::all() {
        let p: &Picture = &pictures[0];
        let drawn = svg::sequence(p).svg;
        for (i, a) in p.arrows.iter().enumerate() {
            let tag = format!(r#"id="sq-a{i}" data-step="{}""#, a.step);
            assert_eq!(
                count(&drawn, &tag),
                1,
                "{name}: arrow {i} is not drawn once as {tag}"
            );
        }
        for (i, s) in p.states.iter().enumerate() {
            let tag = format!(r#"id="sq-s{i}" data-step="{}""#, s.step);
            assert_eq!(
                count(&drawn, &tag),
                1,
                "{name}: state {i} is not drawn once as {tag}"
            );
        }
        assert!(count(&drawn, "<title>") >= 1 + p.arrows.len() + p.states.len() + p.timers.len());
    }
}

#[test]
fn the_axis_runs_down_the_page_through_every_moment() {
    for (name, [p, _]) in hand::all() {
        let axis = svg::sequence(&p).axis;
        assert!(
            axis.knots
                .windows(2)
                .all(|k| k[0].0 < k[1].0 && k[0].1 < k[1].1),
            "{name}: knots must increase in time and in y: {:?}",
            axis.knots
        );
        for step in &p.steps {
            assert!(
                axis.knots.iter().any(|k| k.0 == step.t),
                "{name}: no knot at {}",
                step.t
            );
        }
    }
}

#[test]
fn a_long_idle_gap_is_shortened_and_the_picture_says_so_in_its_language() {
    let [en, pt] = [
        hand::lost_syn(Lang::En),
        hand::lost_syn(synack::narrate::Lang::Pt),
    ];
    let (en, pt) = (svg::sequence(&en).svg, svg::sequence(&pt).svg);
    assert!(en.contains("Time axis compressed"), "{en}");
    assert!(pt.contains("Eixo do tempo comprimido"), "{pt}");
    assert!(en.contains(r#"class="break""#));
    let handshake = svg::sequence(&hand::handshake(Lang::En)).svg;
    assert!(
        !handshake.contains("compressed"),
        "nothing to compress in a handshake"
    );
}

#[test]
fn lost_and_resent_arrows_are_marked() {
    let drawn = svg::sequence(&hand::lost_syn(Lang::En)).svg;
    assert_eq!(count(&drawn, r#"class="arrow lost""#), 1);
    assert_eq!(count(&drawn, r#"class="arrow retransmission""#), 1);
    assert!(drawn.contains("↻ SYN seq=0"));
    assert!(drawn.contains(r#"class="cross""#));
}

#[test]
fn frame_numbers_sit_beside_captured_arrows() {
    let drawn = svg::sequence(&hand::captured(Lang::En)).svg;
    for n in 1..=6 {
        assert!(drawn.contains(&format!(">#{n}</tspan>")), "no #{n}");
    }
}

#[test]
fn markup_in_labels_is_escaped() {
    let drawn = svg::sequence(&hand::handshake(Lang::En)).svg;
    assert!(drawn.contains("DATA 5 &lt;Hi &amp; &quot;bye&quot;&gt;"));
}
