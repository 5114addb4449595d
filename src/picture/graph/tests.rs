//! The graphs read back: the SVG parsed as XML, its elements found by the
//! class each series' ink gives them, and their coordinates held against the
//! frames the series were drawn in.

use super::*;
use crate::picture::model::{AckPoint, SackBlock, SeqRange, WindowPoint};

const MSS: u64 = 1460;
const RTT: Micros = 100_000;

/// A Reno-ish run drawn by hand: slow start from 2 segments, the tenth
/// segment lost, three duplicate ACKs with SACK, a fast retransmit, recovery
/// and congestion avoidance after it.
fn reno() -> Picture {
    let mut s = Series {
        unit: SeqUnit::Bytes,
        window_source: WindowSource::Model,
        ..Series::default()
    };
    let mut step = 0;
    let mut next_step = || {
        step += 1;
        step
    };
    let seg = |s: &mut Series, t: Micros, n: u64, retransmission: bool, step: usize| {
        s.data.push(SeqRange {
            t,
            seq: n * MSS,
            len: MSS as u32,
            retransmission,
            step,
        });
    };
    let ack = |s: &mut Series, t: Micros, n: u64, step: usize| {
        s.acks.push(AckPoint {
            t,
            ack: n * MSS,
            window_edge: n * MSS + 65_535,
            step,
        });
    };
    let win = |s: &mut Series, t: Micros, cwnd: u64, ssthresh: Option<u64>, flight: u64| {
        s.window.push(WindowPoint {
            t,
            cwnd: Some(cwnd),
            ssthresh,
            flight,
        });
    };
    // Slow start: 2, then 4 segments; every ACK adds an MSS.
    let mut cwnd = 2 * MSS;
    win(&mut s, 0, cwnd, None, 0);
    let mut sent = 0u64;
    let mut acked = 0u64;
    for (round, count) in [(0u64, 2u64), (1, 4)] {
        let t0 = round * (RTT + 10_000);
        for i in 0..count {
            seg(&mut s, t0 + i * 1_000, sent, false, next_step());
            sent += 1;
            win(&mut s, t0 + i * 1_000, cwnd, None, (sent - acked) * MSS);
        }
        for i in 0..count {
            acked += 1;
            cwnd += MSS;
            ack(&mut s, t0 + RTT + i * 1_000 + 500, acked, next_step());
            win(
                &mut s,
                t0 + RTT + i * 1_000 + 500,
                cwnd,
                None,
                (sent - acked) * MSS,
            );
        }
    }
    // Third round: 8 segments, the fourth lost.
    let t0 = 2 * (RTT + 10_000);
    let lost = sent + 3;
    for i in 0..8 {
        seg(&mut s, t0 + i * 1_000, sent, false, next_step());
        sent += 1;
        win(&mut s, t0 + i * 1_000, cwnd, None, (sent - acked) * MSS);
    }
    let mut t = t0 + RTT + 500;
    for _ in 0..3 {
        acked += 1;
        cwnd += MSS;
        ack(&mut s, t, acked, next_step());
        win(&mut s, t, cwnd, None, (sent - acked) * MSS);
        t += 1_000;
    }
    // Four duplicate ACKs, each with a growing SACK block.
    for k in 1..=4u64 {
        ack(&mut s, t, acked, next_step());
        s.sacks.push(SackBlock {
            t,
            left: (lost + 1) * MSS,
            right: (lost + 1 + k) * MSS,
        });
        if k == 3 {
            // Fast retransmit: ssthresh = flight / 2, cwnd = ssthresh + 3 MSS.
            let ssthresh = (sent - acked) * MSS / 2;
            cwnd = ssthresh + 3 * MSS;
            seg(&mut s, t + 200, lost, true, next_step());
            win(&mut s, t + 200, cwnd, Some(ssthresh), (sent - acked) * MSS);
        }
        t += 1_000;
    }
    // The retransmission's ACK covers everything: recovery ends.
    let ssthresh = s.window.last().unwrap().ssthresh.unwrap();
    acked = sent;
    cwnd = ssthresh;
    t = t0 + 2 * RTT + 4_000;
    ack(&mut s, t, acked, next_step());
    win(&mut s, t, cwnd, Some(ssthresh), 0);
    // Congestion avoidance: a round of cwnd / MSS segments, one MSS more after.
    for round in 0..3u64 {
        let t0 = t + round * (RTT + 20_000);
        let count = cwnd / MSS;
        for i in 0..count {
            seg(&mut s, t0 + i * 1_000, sent, false, next_step());
            sent += 1;
            win(
                &mut s,
                t0 + i * 1_000,
                cwnd,
                Some(ssthresh),
                (sent - acked) * MSS,
            );
        }
        for i in 0..count {
            acked += 1;
            cwnd += MSS * MSS / cwnd;
            ack(&mut s, t0 + RTT - 1_000 + i * 1_000, acked, next_step());
            win(
                &mut s,
                t0 + RTT - 1_000 + i * 1_000,
                cwnd,
                Some(ssthresh),
                (sent - acked) * MSS,
            );
        }
    }
    assert!(s.window.is_sorted_by_key(|w| w.t) && s.acks.is_sorted_by_key(|a| a.t));
    Picture {
        title: "Reno: slow start, a loss, fast retransmit".into(),
        series: s,
        ..Picture::default()
    }
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("the SVG is not XML: {e}"))
}

fn with_class<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .collect()
}

fn points(node: &roxmltree::Node) -> Vec<(i32, i32)> {
    node.attribute("points")
        .expect("a polyline")
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn near(a: i32, b: f64) -> bool {
    (a as f64 - b).abs() <= 1.0
}

#[test]
fn every_segment_is_one_beam_where_the_axis_puts_its_time_and_sequence() {
    let picture = reno();
    let r = render(&picture).unwrap();
    let doc = parse(&r.drawn.svg);
    let data = with_class(&doc, "data");
    let retx = with_class(&doc, "retx");
    let s = &picture.series;
    let originals: Vec<_> = s.data.iter().filter(|d| !d.retransmission).collect();
    let again: Vec<_> = s.data.iter().filter(|d| d.retransmission).collect();
    assert_eq!(data.len(), originals.len());
    assert_eq!(retx.len(), again.len());
    for (node, d) in data.iter().zip(&originals).chain(retx.iter().zip(&again)) {
        let p = points(node);
        let xs: Vec<_> = p.iter().map(|q| q.0).collect();
        let ys: Vec<_> = p.iter().map(|q| q.1).collect();
        // The beam's stem stands at the segment's time, as the player's axis says.
        let stem = p[2].0;
        assert!(
            near(stem, r.drawn.axis.at(d.t)),
            "{stem} vs {}",
            r.drawn.axis.at(d.t)
        );
        assert!(xs.iter().all(|&x| (x - stem).abs() <= 8));
        let (top, bottom) = (*ys.iter().min().unwrap(), *ys.iter().max().unwrap());
        assert!(near(bottom, r.seq.y.map(d.seq as f64)));
        assert!(near(top, r.seq.y.map((d.seq + d.len as u64) as f64)));
    }
    // The ACK line passes through every ACK, and the window edge above it.
    let ack = with_class(&doc, "ack");
    assert_eq!(ack.len(), 1);
    let ack = points(&ack[0]);
    for a in &s.acks {
        let x = r.drawn.axis.at(a.t);
        let y = r.seq.y.map(a.ack as f64);
        assert!(
            ack.iter().any(|&(px, py)| near(px, x) && near(py, y)),
            "ACK {a:?}"
        );
    }
    assert_eq!(with_class(&doc, "rwnd").len(), 1);
    assert_eq!(with_class(&doc, "sack").len(), s.sacks.len());
}

/// The window panel's step line: each point held until the next one's time,
/// then the last held to the end of the run.
fn expected_steps(
    frame: &Frame,
    axis: &TimeAxis,
    values: &[(Micros, u64)],
    end: Micros,
) -> Vec<(f64, f64)> {
    let mut out = vec![];
    for (i, &(t, v)) in values.iter().enumerate() {
        let y = frame.y.map(v as f64);
        if let Some(&(_, prev)) = out.last() {
            out.push((axis.at(t), prev));
        }
        out.push((axis.at(t), y));
        if i + 1 == values.len() {
            out.push((axis.at(end), y));
        }
    }
    out
}

#[test]
fn the_window_panel_draws_the_window_points_given() {
    let picture = reno();
    let r = render(&picture).unwrap();
    let doc = parse(&r.drawn.svg);
    let frame = r.window.expect("a window panel");
    let w = &picture.series.window;
    let end = Span::of(&picture).end;
    let check = |class: &str, values: Vec<(Micros, u64)>| {
        let lines = with_class(&doc, class);
        assert_eq!(lines.len(), 1, "{class}");
        let got = points(&lines[0]);
        let want = expected_steps(&frame, &r.drawn.axis, &values, end);
        assert_eq!(got.len(), want.len(), "{class}: {got:?} {want:?}");
        for (g, e) in got.iter().zip(&want) {
            assert!(
                near(g.0, e.0) && near(g.1, e.1),
                "{class}: {g:?} vs {e:?} in {got:?} {want:?}"
            );
        }
    };
    check("cwnd", w.iter().map(|p| (p.t, p.cwnd.unwrap())).collect());
    check("flight", w.iter().map(|p| (p.t, p.flight)).collect());
    check(
        "ssthresh",
        w.iter().filter_map(|p| Some((p.t, p.ssthresh?))).collect(),
    );
    // Before the loss ssthresh was unset: the panel says it is infinite.
    assert!(r.drawn.svg.contains("ssthresh = ∞"));
    // Both panels' plots share one x.
    assert_eq!(frame.x, r.seq.x);
}

#[test]
fn the_same_picture_draws_the_same_bytes() {
    let picture = reno();
    assert_eq!(graphs(&picture).unwrap(), graphs(&picture).unwrap());
}

#[test]
fn inks_are_distinct_colours() {
    let mut all: Vec<_> = Ink::ALL
        .iter()
        .flat_map(|i| [Ink::hex(i.color()), Ink::hex(i.key_color())])
        .collect();
    all.extend([AXIS, GRID_BOLD, GRID_LIGHT, TEXT, WHITE].map(Ink::hex));
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n);
}

/// Draws `picture` to PNG with rsvg-convert when it is installed, for a look
/// (and to know a real renderer takes the SVG); skips with a word otherwise.
fn look(picture: &Picture, name: &str) {
    let svg = graphs(picture).unwrap().svg;
    let dir = std::env::temp_dir().join(format!("synack-graph-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (svg_path, png_path) = (
        dir.join(format!("{name}.svg")),
        dir.join(format!("{name}.png")),
    );
    std::fs::write(&svg_path, svg).unwrap();
    match std::process::Command::new("rsvg-convert")
        .arg("-o")
        .arg(&png_path)
        .arg(&svg_path)
        .status()
    {
        Ok(status) => {
            assert!(
                status.success(),
                "rsvg-convert failed on {}",
                svg_path.display()
            );
            assert!(std::fs::metadata(&png_path).unwrap().len() > 1_000);
            eprintln!("drawn: {}", png_path.display());
        }
        Err(e) => eprintln!("skipped: rsvg-convert is not available ({e})"),
    }
}

#[test]
fn a_real_renderer_draws_it() {
    look(&reno(), "reno");
}

fn segments(n: u64, spacing: Micros, start: u64) -> Series {
    Series {
        unit: SeqUnit::Bytes,
        data: (0..n)
            .map(|i| SeqRange {
                t: i * spacing,
                seq: start.saturating_add(i * MSS),
                len: MSS as u32,
                retransmission: i % 97 == 13,
                step: i as usize,
            })
            .collect(),
        acks: (0..n)
            .map(|i| AckPoint {
                t: i * spacing + spacing / 2,
                ack: start.saturating_add((i + 1) * MSS),
                window_edge: start.saturating_add((i + 1) * MSS + 65_535),
                step: i as usize,
            })
            .collect(),
        window: (0..n)
            .map(|i| WindowPoint {
                t: i * spacing,
                cwnd: Some(10 * MSS + i % 50 * MSS),
                ssthresh: (i > n / 2).then_some(20 * MSS),
                flight: i % 10 * MSS,
            })
            .collect(),
        window_source: WindowSource::Model,
        ..Series::default()
    }
}

#[test]
fn odd_runs_draw_without_panicking() {
    let mut cases = vec![
        ("empty", Series::default()),
        ("one segment", segments(1, 1_000, 0)),
        ("all at t=0", segments(20, 0, 0)),
        ("near 2^32", segments(30, 1_000, (1 << 32) - 10 * MSS)),
        ("beyond 2^53", segments(30, 1_000, 1 << 60)),
        ("at the top of u64", segments(5, 1_000, u64::MAX - 2 * MSS)),
        ("long run", segments(10, 3_600_000_000, 0)),
    ];
    let mut empty_model = Series {
        window_source: WindowSource::Model,
        ..Series::default()
    };
    empty_model.window.push(WindowPoint {
        t: 0,
        cwnd: None,
        ssthresh: None,
        flight: 0,
    });
    cases.push(("a window with nothing known", empty_model));
    for (name, series) in cases {
        for lang in [Lang::En, Lang::Pt] {
            let picture = Picture {
                title: format!("{name} <&>"),
                lang,
                series: series.clone(),
                ..Picture::default()
            };
            let drawn = graphs(&picture).unwrap_or_else(|e| panic!("{name}: {e}"));
            let doc = parse(&drawn.svg);
            let n = series.data.len();
            let beams = with_class(&doc, "data").len() + with_class(&doc, "retx").len();
            assert_eq!(beams, n, "{name}");
            assert!(drawn.axis.knots.len() == 2 && drawn.axis.knots[0].1 < drawn.axis.knots[1].1);
        }
    }
}

#[test]
fn nothing_to_window_leaves_the_window_panel_out() {
    let picture = Picture {
        series: Series {
            window_source: WindowSource::None,
            ..segments(5, 1_000, 0)
        },
        ..Picture::default()
    };
    let r = render(&picture).unwrap();
    assert!(r.window.is_none());
    let doc = parse(&r.drawn.svg);
    assert!(with_class(&doc, "cwnd").is_empty() && with_class(&doc, "flight").is_empty());
    assert!(r.drawn.svg.contains("time (ms)"));
}

#[test]
fn a_capture_shows_only_the_flight_and_says_why() {
    let mut series = segments(40, 2_000, 0);
    series.window_source = WindowSource::Inferred;
    for w in &mut series.window {
        (w.cwnd, w.ssthresh) = (None, None);
    }
    for (lang, words) in [
        (Lang::En, "cwnd never crosses the wire"),
        (Lang::Pt, "A cwnd nunca passa pela rede"),
    ] {
        let picture = Picture {
            lang,
            series: series.clone(),
            ..Picture::default()
        };
        let drawn = graphs(&picture).unwrap();
        let doc = parse(&drawn.svg);
        assert_eq!(with_class(&doc, "flight").len(), 1);
        assert!(with_class(&doc, "cwnd").is_empty() && with_class(&doc, "ssthresh").is_empty());
        assert!(drawn.svg.contains(words), "{lang:?}");
        assert!(!drawn.svg.contains("∞"));
    }
}

#[test]
fn the_rdt_lab_counts_packets() {
    let series = Series {
        unit: SeqUnit::Packets,
        data: (0..12)
            .map(|i| SeqRange {
                t: i * 10_000,
                seq: i % 8,
                len: 1,
                retransmission: i >= 8,
                step: i as usize,
            })
            .collect(),
        window: (0..12)
            .map(|i| WindowPoint {
                t: i * 10_000,
                cwnd: Some(4),
                ssthresh: None,
                flight: (i % 4) + 1,
            })
            .collect(),
        window_source: WindowSource::Model,
        ..Series::default()
    };
    let picture = Picture {
        lang: Lang::Pt,
        series,
        ..Picture::default()
    };
    let drawn = graphs(&picture).unwrap();
    let doc = parse(&drawn.svg);
    assert_eq!(with_class(&doc, "data").len(), 8);
    assert_eq!(with_class(&doc, "retx").len(), 4);
    assert_eq!(with_class(&doc, "cwnd").len(), 1);
    for words in [
        "janela N",
        "pacotes em voo",
        "número de sequência (pacotes)",
    ] {
        assert!(drawn.svg.contains(words), "{words}");
    }
    // rdt has no ssthresh: nothing says it is infinite.
    assert!(!drawn.svg.contains("∞"));
    look(&picture, "rdt");
}

#[test]
fn a_hundred_thousand_segments_are_thinned_to_the_pixels() {
    let picture = Picture {
        title: "100 000 segments".into(),
        series: segments(100_000, 120, 0),
        ..Picture::default()
    };
    let start = std::time::Instant::now();
    let r = render(&picture).unwrap();
    let took = start.elapsed();
    let doc = parse(&r.drawn.svg);
    let beams = with_class(&doc, "data").len() + with_class(&doc, "retx").len();
    let columns = r.seq.width();
    assert!(beams <= 2 * columns, "{beams} beams for {columns} columns");
    for class in ["ack", "rwnd", "cwnd", "flight"] {
        for line in with_class(&doc, class) {
            assert!(points(&line).len() <= 4 * columns + 4, "{class}");
        }
    }
    assert!(r.drawn.svg.contains("100\u{202F}000 segments;"));
    eprintln!(
        "100k segments: {} bytes of SVG, {beams} beams, drawn in {took:?}",
        r.drawn.svg.len()
    );
    assert!(r.drawn.svg.len() < 2_000_000);
    look(&picture, "100k");
}

#[test]
fn a_window_edge_far_above_a_few_bytes_runs_along_the_top() {
    let series = Series {
        data: vec![SeqRange {
            t: 20_000,
            seq: 1,
            len: 12,
            retransmission: false,
            step: 3,
        }],
        acks: [(10_000, 1), (30_000, 13)]
            .map(|(t, ack)| AckPoint {
                t,
                ack,
                window_edge: ack + 65_535,
                step: 0,
            })
            .to_vec(),
        ..Series::default()
    };
    let picture = Picture {
        series,
        ..Picture::default()
    };
    let r = render(&picture).unwrap();
    let doc = parse(&r.drawn.svg);
    // The 12 bytes stand tall, not squashed under a 64 KiB window.
    let beam = points(&with_class(&doc, "data")[0]);
    let (top, bottom) = (
        beam.iter().map(|p| p.1).min().unwrap(),
        beam.iter().map(|p| p.1).max().unwrap(),
    );
    assert!(bottom - top > 200, "{beam:?}");
    let edge = points(&with_class(&doc, "rwnd")[0]);
    assert!(edge.iter().all(|p| near(p.1, r.seq.y.to.1)), "{edge:?}");
    assert!(r.drawn.svg.contains("up to 65\u{202F}548"));
}
