//! The pictures' numbers held against the trace they were built from.

use crate::flow::Collected;
use crate::lesson::Lesson;
use crate::narrate::Lang;
use crate::picture::model::{ArrowEnd, Picture, SeqUnit, WindowSource};
use crate::rdt::lesson::RdtLesson;
use crate::rdt::trace::{RdtKind, RdtStep};
use crate::trace::{Host, Step, StepKind};

use super::Pictured;

fn tcp(name: &str, params: &[(&str, &str)]) -> (Collected<Step>, Picture) {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let lesson = Lesson::load(name, &params).unwrap();
    let mut run = Collected::default();
    let checked = lesson.run(Lang::En, &mut run).unwrap();
    assert!(checked.failures.is_empty(), "{:?}", checked.failures);
    let picture = Step::picture(run.meta.as_ref().unwrap(), &run.steps, Lang::En);
    (run, picture)
}

#[test]
fn every_segment_is_one_arrow_and_the_lost_syn_stops_part_way() {
    let (run, p) = tcp("lost-syn", &[]);
    let sends = run
        .steps
        .iter()
        .filter(|s| matches!(s.kind, StepKind::Send { .. }))
        .count();
    assert_eq!(p.arrows.len(), sends);
    assert_eq!(p.steps.len(), run.steps.len());
    let first = &p.arrows[0];
    assert_eq!(first.label, "SYN seq=100");
    // Lost 5 ms into the 10 ms link.
    assert_eq!(first.end, ArrowEnd::Lost(first.sent + 5_000));
    let resent = &p.arrows[1];
    assert!(resent.retransmission && resent.label.starts_with("↻ SYN"));
    assert_eq!(resent.end, ArrowEnd::Arrived(resent.sent + 10_000));
    assert!(
        p.timers
            .iter()
            .any(|t| t.side == Host::Client && t.fired && t.to - t.from == 1_000_000),
        "the 1 s RTO: {:?}",
        p.timers
    );
    let client_states: Vec<&str> = p
        .states
        .iter()
        .filter(|s| s.side == Host::Client)
        .map(|s| s.state.as_str())
        .collect();
    assert_eq!(client_states, ["SYN-SENT", "ESTABLISHED"]);
    for (i, a) in p.arrows.iter().enumerate() {
        assert_eq!(
            p.steps[a.step].arrow,
            Some(i),
            "the send step points at its arrow"
        );
    }
}

#[test]
fn the_time_sequence_points_are_the_segments_seq_and_len() {
    let (run, p) = tcp("bulk-transfer", &[("segments", "40")]);
    let s = &p.series;
    assert_eq!((s.sender, s.unit), (Host::Client, SeqUnit::Bytes));
    let isn = run
        .steps
        .iter()
        .find_map(|st| match &st.kind {
            StepKind::Send { transmit, .. } if st.host == Host::Client => {
                Some(transmit.segment.seq.0)
            }
            _ => None,
        })
        .unwrap();
    let expected: Vec<(u64, u64, u32)> = run
        .steps
        .iter()
        .filter(|st| st.host == Host::Client)
        .filter_map(|st| match &st.kind {
            StepKind::Send { transmit, .. } if transmit.segment.payload_len() > 0 => Some((
                st.t.micros(),
                u64::from(transmit.segment.seq.0.wrapping_sub(isn)),
                transmit.segment.payload_len() as u32,
            )),
            _ => None,
        })
        .collect();
    let drawn: Vec<(u64, u64, u32)> = s.data.iter().map(|d| (d.t, d.seq, d.len)).collect();
    assert_eq!(drawn, expected);
    assert!(!s.acks.is_empty());
    for pair in s.acks.windows(2) {
        assert!(pair[0].ack <= pair[1].ack, "ACKs never go back");
    }
    for a in &s.acks {
        assert!(a.window_edge >= a.ack);
    }
}

#[test]
fn the_window_panel_holds_the_models_own_congestion_numbers() {
    let (run, p) = tcp("bulk-transfer", &[("segments", "40")]);
    let model: Vec<(u64, Option<u64>, u64)> = run
        .steps
        .iter()
        .filter(|st| st.host == p.series.sender)
        .filter_map(|st| match &st.kind {
            StepKind::Congestion(w) => {
                Some((st.t.micros(), Some(u64::from(w.cwnd)), u64::from(w.flight)))
            }
            _ => None,
        })
        .collect();
    let drawn: Vec<(u64, Option<u64>, u64)> = p
        .series
        .window
        .iter()
        .map(|w| (w.t, w.cwnd, w.flight))
        .collect();
    if model.is_empty() {
        // A trace without congestion steps: the flight inferred from packets.
        assert_eq!(p.series.window_source, WindowSource::Inferred);
        assert!(drawn.iter().all(|(_, cwnd, _)| cwnd.is_none()));
    } else {
        assert_eq!(p.series.window_source, WindowSource::Model);
        assert_eq!(drawn, model);
    }
}

#[test]
fn an_rdt_run_draws_packets_losses_timers_and_the_window() {
    let lesson = RdtLesson::load("rdt-go-back-n").unwrap();
    let mut run: Collected<RdtStep> = Collected::default();
    let checked = lesson.run(Lang::Pt, &mut run).unwrap();
    assert!(checked.failures.is_empty(), "{:?}", checked.failures);
    let p = RdtStep::picture(run.meta.as_ref().unwrap(), &run.steps, Lang::Pt);
    assert_eq!(p.sides[0].role, "cliente");
    let sends = run
        .steps
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                RdtKind::Send { .. } | RdtKind::Request { .. } | RdtKind::Reply { .. }
            )
        })
        .count();
    assert!(p.arrows.len() >= sends);
    let lost = p
        .arrows
        .iter()
        .filter(|a| matches!(a.end, ArrowEnd::Lost(_)))
        .count();
    let faults = run
        .steps
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                RdtKind::Fault(crate::rdt::fault::Verdict::Lost { .. })
            )
        })
        .count();
    assert_eq!(lost, faults);
    assert_eq!(p.series.unit, SeqUnit::Packets);
    assert_eq!(p.series.window_source, WindowSource::Model);
    assert!(p.series.window.iter().all(|w| w.flight <= w.cwnd.unwrap()));
    assert!(p.series.data.iter().any(|d| d.retransmission));
}

#[test]
fn the_same_run_gives_the_same_picture() {
    let (_, a) = tcp("lost-syn-ack", &[]);
    let (_, b) = tcp("lost-syn-ack", &[]);
    assert_eq!(a, b);
}

#[test]
fn the_player_keeps_the_start_of_long_data_and_the_bits_of_the_first_segments() {
    let (_, p) = tcp("bulk-transfer", &[("segments", "1200")]);
    let sends: Vec<&crate::picture::model::Moment> =
        p.arrows.iter().map(|a| &p.steps[a.step]).collect();
    let full = sends
        .iter()
        .find(|m| m.label.contains("len=1460"))
        .expect("a full-size segment");
    assert!(
        full.bits.iter().any(|l| l.contains("and 1428 more bytes")),
        "{:?}",
        full.bits
    );
    assert!(
        full.bits.iter().any(|l| l.contains("one's complement")),
        "the checksum is still worked out: {:?}",
        full.bits
    );
    assert!(sends[999].bits.len() > 10);
    assert_eq!(sends[1000].bits.len(), 1);
    assert!(
        sends[1000].bits[0].contains("first 1000 segments"),
        "{:?}",
        sends[1000].bits
    );
}
