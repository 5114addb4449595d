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
