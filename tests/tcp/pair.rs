//! End to end: two endpoints joined by a 10 ms link, driven in virtual time,
//! through the scenarios of RFC 9293 §3.5-§3.6 (Figures 6-13) and the losses a
//! real network adds. A is the client (ISS 100), B the server (ISS 300).

use synack_test_support::tcp;

use synack::tcp::{Cause, Event, SendReason, State};
use tcp::*;

use State::*;

fn flags_of(p: &Pair) -> Vec<String> {
    p.log
        .iter()
        .map(|s| {
            format!(
                "{:?} {}{}",
                s.from,
                s.tx.segment.flags,
                if s.dropped { " lost" } else { "" }
            )
        })
        .collect()
}

#[test]
fn three_way_handshake_figure_6() {
    let mut p = Pair::new();
    p.listen(Side::B);
    p.connect(Side::A);
    p.run_until_quiet(secs(5));
    // Figure 6: SYN seq=100; SYN,ACK seq=300 ack=101; ACK seq=101 ack=301.
    let ladder: Vec<(Side, String)> = p
        .log
        .iter()
        .map(|s| (s.from, show(&s.tx.segment)))
        .collect();
    assert_eq!(ladder.len(), 3);
    assert!(ladder[0].1.starts_with("SYN seq=100 "), "{ladder:?}");
    assert!(ladder[1].1.starts_with("SYN,ACK seq=300 ack=101 "));
    assert!(ladder[2].1.starts_with("ACK seq=101 ack=301 "));
    assert_eq!(p.path(Side::A), [Closed, SynSent, Established]);
    assert_eq!(p.path(Side::B), [Closed, Listen, SynReceived, Established]);
}

#[test]
fn simultaneous_open_figure_7() {
    let mut p = Pair::new();
    p.connect(Side::A);
    p.connect(Side::B);
    p.run_until_quiet(secs(5));
    // Four segments, SYN-SENT -> SYN-RECEIVED -> ESTABLISHED on both sides.
    assert_eq!(
        flags_of(&p),
        // (B hears first: A's SYN left first.)
        ["A SYN", "B SYN", "B SYN,ACK", "A SYN,ACK"],
        "{:#?}",
        p.ladder()
    );
    for side in [Side::A, Side::B] {
        assert_eq!(p.path(side), [Closed, SynSent, SynReceived, Established]);
    }
    p.send(Side::A, b"hi");
    p.send(Side::B, b"yo");
    p.run_until_quiet(secs(5));
    assert_eq!(p.received, [b"yo".to_vec(), b"hi".to_vec()]);
}

#[test]
fn normal_close_figure_12() {
    let mut p = established_pair(Pair::new());
    p.send(Side::A, b"request");
    p.run_for(ms(100));
    p.send(Side::B, b"response");
    p.run_for(ms(100));
    p.close(Side::A);
    p.run_for(ms(100));
    assert_eq!(p.state(Side::A), FinWait2);
    assert_eq!(p.state(Side::B), CloseWait);
    p.close(Side::B);
    p.run_for(ms(100));
    assert_eq!(p.state(Side::A), TimeWait);
    assert_eq!(p.state(Side::B), Closed);
    // The active closer waits 2 MSL (60 s) in TIME-WAIT.
    p.run_for(secs(59));
    assert_eq!(p.state(Side::A), TimeWait);
    p.run_until_quiet(secs(5));
    assert_eq!(p.state(Side::A), Closed);
    assert_eq!(
        p.path(Side::A),
        [
            Closed,
            SynSent,
            Established,
            FinWait1,
            FinWait2,
            TimeWait,
            Closed
        ]
    );
    assert_eq!(
        p.path(Side::B),
        [
            Closed,
            Listen,
            SynReceived,
            Established,
            CloseWait,
            LastAck,
            Closed
        ]
    );
    assert_eq!(p.received, [b"response".to_vec(), b"request".to_vec()]);
}

#[test]
fn simultaneous_close_figure_13() {
    let mut p = established_pair(Pair::new());
    p.close(Side::A);
    p.close(Side::B);
    p.run_until_quiet(secs(120));
    for side in [Side::A, Side::B] {
        let path = p.path(side);
        assert_eq!(
            path[path.len() - 4..],
            [FinWait1, Closing, TimeWait, Closed],
            "{side:?}"
        );
    }
}

#[test]
fn lost_syn_is_retransmitted_after_one_second() {
    let mut p = Pair::new();
    p.drop_when(|_, n| n == 1);
    p.listen(Side::B);
    p.connect(Side::A);
    p.run_until_quiet(secs(10));
    assert_eq!(p.state(Side::A), Established);
    assert_eq!(p.state(Side::B), Established);
    assert_eq!(p.log[1].at.micros(), 1_000_000, "{:#?}", p.ladder());
    assert!(p.log[1].tx.retransmission);
    // RFC 6298 §5.7: the data RTO starts at 3 s after a retransmitted SYN.
    assert_eq!(p.ep(Side::A).rto(), secs(3));
}

#[test]
fn lost_syn_ack_the_repeated_syn_brings_it_again() {
    let mut p = Pair::new();
    p.drop_when(|s, _| s.tx.segment.flags == SYN | ACK && !s.tx.retransmission);
    p.listen(Side::B);
    p.connect(Side::A);
    p.run_until_quiet(secs(10));
    assert_eq!(
        flags_of(&p),
        ["A SYN", "B SYN,ACK lost", "A SYN", "B SYN,ACK", "A ACK"],
        "{:#?}",
        p.ladder()
    );
    assert_eq!(p.state(Side::A), Established);
    assert_eq!(p.state(Side::B), Established);
    // The server's own timer does not also resend the SYN,ACK.
    assert_eq!(p.log.len(), 5);
}

#[test]
fn lost_handshake_ack_is_repaired_by_the_first_data() {
    let mut p = Pair::new();
    p.drop_when(|_, n| n == 3);
    p.listen(Side::B);
    p.connect(Side::A);
    p.run_for(ms(30));
    assert_eq!(p.state(Side::A), Established);
    assert_eq!(p.state(Side::B), SynReceived);
    // The data segment carries ACK=301, which completes B's handshake.
    p.send(Side::A, b"GET /");
    p.run_until_quiet(secs(10));
    assert_eq!(p.state(Side::B), Established);
    assert_eq!(p.received[1], b"GET /");
    assert!(
        !p.log
            .iter()
            .any(|s| s.from == Side::B && s.tx.retransmission),
        "B needed no retransmission: {:#?}",
        p.ladder()
    );
}

#[test]
fn lost_fin_is_retransmitted() {
    let mut p = established_pair(Pair::new());
    p.drop_when(|s, _| s.tx.segment.flags.fin() && !s.tx.retransmission);
    p.close(Side::A);
    p.run_for(secs(3));
    assert_eq!(p.state(Side::B), CloseWait);
    assert_eq!(p.state(Side::A), FinWait2);
    p.close(Side::B);
    p.run_until_quiet(secs(120));
    assert_eq!(p.state(Side::A), Closed);
    assert_eq!(p.state(Side::B), Closed);
}

#[test]
fn lost_last_ack_time_wait_acknowledges_the_fin_again() {
    let mut p = established_pair(Pair::new());
    p.close(Side::A);
    p.run_for(ms(100));
    // A's ACK of B's FIN is lost; B resends its FIN, and A, in TIME-WAIT,
    // acknowledges it again and restarts its 2 MSL.
    let acks_of_fin = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = acks_of_fin.clone();
    p.drop_when(move |s, _| {
        let ack_of_fin =
            s.from == Side::A && s.tx.segment.flags == ACK && s.tx.segment.ack.0 == 302;
        if ack_of_fin {
            seen.set(seen.get() + 1);
        }
        ack_of_fin && seen.get() == 1
    });
    p.close(Side::B);
    p.run_until(secs(120), |p| p.state(Side::B) == Closed);
    assert_eq!(acks_of_fin.get(), 2, "{:#?}", p.ladder());
    let fin_resent = p
        .log
        .iter()
        .find(|s| s.from == Side::B && s.tx.segment.flags.fin() && s.tx.retransmission)
        .expect("B retransmits its FIN");
    let time_wait_ends = fin_resent.at + ms(10) + secs(60);
    assert_eq!(p.state(Side::A), TimeWait);
    p.run_until_quiet(secs(120));
    assert_eq!(p.state(Side::A), Closed);
    let closed_at = p.events[0]
        .iter()
        .find(|(_, e)| {
            matches!(
                e,
                Event::StateChanged {
                    cause: Cause::TimeWaitExpired,
                    ..
                }
            )
        })
        .map(|(t, _)| *t)
        .unwrap();
    assert_eq!(
        closed_at, time_wait_ends,
        "2 MSL counted from the second FIN"
    );
}

#[test]
fn lost_data_segment_is_fast_retransmitted_not_timed_out() {
    let mut p = established_pair(Pair::new());
    // Lose the second data segment of a 10-segment burst.
    let mut data_seen = 0;
    p.drop_when(move |s, _| {
        if s.from == Side::A && !s.tx.segment.payload.is_empty() && !s.tx.retransmission {
            data_seen += 1;
            return data_seen == 2;
        }
        false
    });
    let data = pattern(14_600);
    p.send(Side::A, &data);
    p.run_until_quiet(secs(30));
    assert_eq!(p.received[1], data);
    let rexmits: Vec<SendReason> = p
        .log
        .iter()
        .filter(|s| s.tx.retransmission)
        .map(|s| s.tx.reason)
        .collect();
    assert_eq!(rexmits, [SendReason::FastRetransmit], "{:#?}", p.ladder());
}

#[test]
fn random_loss_both_ways_still_delivers_everything_in_order() {
    for seed in 1..=4u64 {
        let mut p = established_pair(Pair::new());
        let mut state = seed;
        p.drop_when(move |_, _| {
            // xorshift: 10 % loss, reproducible per seed.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % 10 == 0
        });
        let a = pattern(50_000);
        let b: Vec<u8> = pattern(30_000).iter().map(|x| x ^ 0x5a).collect();
        p.send(Side::A, &a);
        p.send(Side::B, &b);
        p.close(Side::A);
        p.close(Side::B);
        p.run_until_quiet(secs(3600));
        assert_eq!(p.received[1], a, "seed {seed}");
        assert_eq!(p.received[0], b, "seed {seed}");
        assert_eq!(p.state(Side::A), Closed, "seed {seed}");
        assert_eq!(p.state(Side::B), Closed, "seed {seed}");
    }
}

#[test]
fn paused_reader_closes_the_window_and_the_sender_probes() {
    let (a, b) = pair_addrs();
    let mut p = Pair::with(
        synack::tcp::EndpointConfig::new(a, synack::tcp::SeqNumber(100)),
        synack::tcp::EndpointConfig {
            recv_buffer: 8000,
            ..synack::tcp::EndpointConfig::new(b, synack::tcp::SeqNumber(300))
        },
    );
    p = established_pair(p);
    p.reading[1] = false;
    let data = pattern(40_000);
    p.send(Side::A, &data);
    p.run_for(secs(120));
    assert_eq!(p.received[1].len(), 8000, "the window filled and closed");
    let probes = p
        .log
        .iter()
        .filter(|s| s.tx.reason == SendReason::WindowProbe)
        .count();
    assert!(probes >= 3, "{probes} probes: {:#?}", p.ladder());
    assert_eq!(p.state(Side::A), Established, "probing never gives up");
    p.resume_reading(Side::B);
    p.run_until_quiet(secs(300));
    assert_eq!(p.received[1], data);
}

#[test]
fn unreachable_peer_times_out_after_63_seconds() {
    let mut p = Pair::new();
    p.drop_when(|_, _| true);
    p.connect(Side::A);
    p.run_until_quiet(secs(600));
    assert_eq!(p.state(Side::A), Closed);
    assert_eq!(p.errors(Side::A), [synack::tcp::ConnError::TimedOut]);
    let times: Vec<u64> = p.log.iter().map(|s| s.at.micros() / 1_000_000).collect();
    assert_eq!(times, [0, 1, 3, 7, 15, 31]);
    let gave_up = p.events[0]
        .iter()
        .find(|(_, e)| matches!(e, Event::Error(_)))
        .map(|(t, _)| t.micros())
        .unwrap();
    assert_eq!(gave_up, 63_000_000);
}
