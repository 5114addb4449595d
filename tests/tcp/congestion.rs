//! The congestion steps the endpoint reports (RFC 5681): one whenever cwnd
//! or ssthresh moves, carrying the model's own numbers, in the order the RFC
//! applies its rules; and the two congestion lessons tell their story.

use synack_test_support::tcp;

use synack::lesson::Lesson;
use synack::narrate::Lang;
use synack::tcp::{EndpointConfig, Event};
use synack::trace::{CongestionCause, CongestionWindow, Host, StepKind, Trace};
use tcp::*;

const SMSS: u32 = 1000;

/// The congestion events among `events`.
fn windows(events: &[Event]) -> Vec<CongestionWindow> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Congestion(w) => Some(*w),
            _ => None,
        })
        .collect()
}

/// Feeds `ack` to the endpoint and checks what it reported against its
/// model: a step exactly when cwnd or ssthresh moved, with the model's values.
fn ack_and_check(t: &mut Tcb, ack: u32) -> Option<CongestionWindow> {
    let before = t.ep.congestion_window();
    t.recv(seg(ACK).seq(301).ack(ack));
    let reported = windows(&t.take_events());
    let after = t.ep.congestion_window();
    assert!(
        reported.len() <= 1,
        "one ACK, one move at most: {reported:?}"
    );
    match reported.first() {
        Some(w) => {
            assert_eq!(
                (w.cwnd, w.ssthresh),
                after,
                "ack {ack}: the model's numbers"
            );
            Some(*w)
        }
        None => {
            assert_eq!(before, after, "ack {ack}: the window moved unreported");
            None
        }
    }
}

#[test]
fn established_reports_the_initial_window_once_with_no_ssthresh() {
    let mut t = Setup::default().peer_options(|s| s.mss(1000)).syn_sent();
    t.recv(seg(SYN | ACK).seq(300).ack(101).mss(1000));
    let reported = windows(&t.take_events());
    assert_eq!(
        reported,
        [CongestionWindow {
            cwnd: 4 * SMSS,
            ssthresh: None,
            flight: 0,
            why: CongestionCause::Initial,
        }]
    );
}

#[test]
fn established_without_congestion_control_reports_nothing() {
    let mut t = Setup::default()
        .config(|c: &mut EndpointConfig| c.congestion_control = false)
        .peer_options(|s| s.mss(1000))
        .established();
    t.send(&pattern(8000)).unwrap();
    let sent = t.take_sent().len() as u32;
    for i in 1..=sent {
        t.recv(seg(ACK).seq(301).ack(101 + i * SMSS));
    }
    assert!(windows(&t.take_events()).is_empty());
}

#[test]
fn established_every_move_carries_the_models_values_in_rfc_order() {
    let mut t = Setup::default().peer_options(|s| s.mss(1000)).established();
    t.send(&pattern(40_000)).unwrap();
    let mut causes = Vec::new();
    let mut note = |w: Option<CongestionWindow>| {
        if let Some(w) = w
            && causes.last() != Some(&w.why)
        {
            causes.push(w.why);
        }
    };
    // Slow start: the first four segments acknowledged one by one.
    let mut acked = 101;
    for _ in 0..4 {
        acked += SMSS;
        let w = ack_and_check(&mut t, acked).expect("slow start grows cwnd");
        assert_eq!(w.why, CongestionCause::SlowStart);
        note(Some(w));
    }
    assert_eq!(t.ep.congestion_window(), (8 * SMSS, None));
    t.take_sent();
    // The segment at `acked` is lost: duplicates of its ACK follow.
    for n in 1..=5 {
        let w = ack_and_check(&mut t, acked);
        match n {
            1 | 2 => assert_eq!(w, None, "the first two duplicates move nothing"),
            3 => {
                let w = w.expect("the third duplicate");
                assert_eq!(w.why, CongestionCause::FastRetransmit);
                // §3.2: ssthresh = max(FlightSize/2, 2·SMSS), cwnd = ssthresh + 3·SMSS.
                let ssthresh = (w.flight / 2).max(2 * SMSS);
                assert_eq!(w.ssthresh, Some(ssthresh));
                assert_eq!(w.cwnd, ssthresh + 3 * SMSS);
                note(Some(w));
            }
            _ => {
                let w = w.expect("a further duplicate inflates cwnd");
                assert_eq!(w.why, CongestionCause::FastRecovery);
                note(Some(w));
            }
        }
    }
    // The repair is acknowledged: recovery ends, cwnd = ssthresh.
    acked += SMSS;
    let w = ack_and_check(&mut t, acked).expect("recovery ends");
    assert_eq!(w.why, CongestionCause::RecoveryEnd);
    assert_eq!(Some(w.cwnd), w.ssthresh);
    note(Some(w));
    acked += SMSS;
    let w = ack_and_check(&mut t, acked).expect("congestion avoidance");
    assert_eq!(w.why, CongestionCause::CongestionAvoidance);
    note(Some(w));
    // Then the timer: cwnd falls to one segment (the loss window).
    t.take_sent();
    t.fire_timer();
    let w = windows(&t.take_events());
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].why, CongestionCause::Timeout);
    assert_eq!(w[0].cwnd, SMSS);
    assert_eq!(w[0].ssthresh, Some((w[0].flight / 2).max(2 * SMSS)));
    assert_eq!((w[0].cwnd, w[0].ssthresh), t.ep.congestion_window());
    note(Some(w[0]));
    // The same segment times out again: ssthresh is held (§3.1) and cwnd is
    // already one segment, so nothing moves and nothing is reported.
    let held = t.ep.congestion_window();
    t.fire_timer();
    assert!(windows(&t.take_events()).is_empty());
    assert_eq!(t.ep.congestion_window(), held);
    use CongestionCause::*;
    assert_eq!(
        causes,
        [
            SlowStart,
            FastRetransmit,
            FastRecovery,
            RecoveryEnd,
            CongestionAvoidance,
            Timeout
        ]
    );
}

fn lesson_trace(name: &str) -> Trace {
    let mut trace = Trace::default();
    let checked = Lesson::load(name, &[])
        .unwrap()
        .run(Lang::En, &mut trace)
        .unwrap();
    assert!(checked.failures.is_empty(), "{name} keeps its [expect]");
    trace
}

fn client_windows(trace: &Trace) -> Vec<CongestionWindow> {
    trace
        .steps
        .iter()
        .filter(|s| s.host == Host::Client)
        .filter_map(|s| match &s.kind {
            StepKind::Congestion(w) => Some(*w),
            _ => None,
        })
        .collect()
}

#[test]
fn fast_recovery_lesson_applies_rfc_5681_in_order_with_its_numbers() {
    let windows = client_windows(&lesson_trace("fast-recovery"));
    let mut phases: Vec<CongestionCause> = Vec::new();
    for w in &windows {
        if phases.last() != Some(&w.why) {
            phases.push(w.why);
        }
    }
    use CongestionCause::*;
    assert_eq!(
        phases,
        [
            Initial,
            SlowStart,
            FastRetransmit,
            FastRecovery,
            RecoveryEnd,
            CongestionAvoidance
        ]
    );
    let at = |why| windows.iter().find(|w| w.why == why).copied().unwrap();
    assert_eq!(at(Initial).cwnd, 4 * SMSS, "IW = 4·SMSS for SMSS ≤ 1095");
    let fr = at(FastRetransmit);
    assert_eq!(fr.flight, 11_000);
    assert_eq!(fr.ssthresh, Some(5500), "max(11000/2, 2·1000)");
    assert_eq!(fr.cwnd, 8500, "5500 + 3·1000");
    assert_eq!(
        at(FastRecovery).cwnd,
        9500,
        "one SMSS per further duplicate"
    );
    assert_eq!(at(RecoveryEnd).cwnd, 5500, "deflated to ssthresh");
    assert_eq!(at(CongestionAvoidance).cwnd, 5500 + 1000 * 1000 / 5500);
    // Each slow start step adds at most one SMSS; each avoidance step less.
    for pair in windows.windows(2) {
        let grew = pair[1].cwnd.saturating_sub(pair[0].cwnd);
        match pair[1].why {
            SlowStart => assert!(grew <= SMSS),
            CongestionAvoidance => assert!(grew <= SMSS * SMSS / pair[0].cwnd.max(1) + 1),
            _ => {}
        }
    }
}

#[test]
fn timeout_lesson_drops_cwnd_to_one_segment_and_slow_starts_to_ssthresh() {
    let windows = client_windows(&lesson_trace("congestion-timeout"));
    let timeout = windows
        .iter()
        .position(|w| w.why == CongestionCause::Timeout)
        .expect("a timeout");
    let w = windows[timeout];
    assert_eq!(w.cwnd, SMSS, "the loss window is one segment");
    assert_eq!(w.flight, 6000, "the six segments of the window's end");
    assert_eq!(w.ssthresh, Some(3000), "max(6000/2, 2·1000)");
    let after: Vec<(CongestionCause, u32)> = windows[timeout + 1..]
        .iter()
        .map(|w| (w.why, w.cwnd))
        .collect();
    use CongestionCause::*;
    assert_eq!(
        after[..3],
        [
            (SlowStart, 2000),
            (SlowStart, 3000),
            (CongestionAvoidance, 3333)
        ]
    );
    assert_eq!(
        windows.iter().filter(|w| w.why == FastRetransmit).count(),
        0,
        "too few segments follow the loss for three duplicate ACKs"
    );
}
