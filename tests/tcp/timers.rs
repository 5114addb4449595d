//! Timers: retransmission (RFC 6298 with RFC 9293 §3.8.1 and §3.10.8), its
//! exponential backoff and the abort after `max_retries`, Karn's rule, the 3 s
//! rule after a retransmitted SYN, TIME-WAIT (2×MSL) and the persist timer with
//! its zero-window probes (§3.8.6.1).

use synack_test_support::tcp;

use std::time::Duration;

use synack::tcp::{ConnError, Event, SendReason, State, Timer};
use tcp::*;

/// Fires the retransmission timer until the connection gives up; returns the
/// waits between firings and the segments each firing sent.
fn run_to_abort(t: &mut Tcb) -> (Vec<Duration>, Vec<Vec<synack::tcp::Transmit>>) {
    let mut waits = Vec::new();
    let mut sent = Vec::new();
    while t.state() != State::Closed {
        assert!(waits.len() < 100, "never gave up");
        waits.push(t.fire_timer());
        sent.push(t.take_sent());
    }
    (waits, sent)
}

mod backoff {
    use super::*;

    #[test]
    fn syn_sent_retransmits_syn_at_1_2_4_8_16_s_then_times_out() {
        let mut t = syn_sent();
        let (waits, sent) = run_to_abort(&mut t);
        // RFC 6298 §2.1 "set RTO <- 1 second"; §5.5 "set RTO <- RTO * 2"; abort after
        // the fifth retransmission (max_retries = 5) times out as well.
        assert_eq!(waits, [1, 2, 4, 8, 16, 32].map(secs));
        for (i, s) in sent[..5].iter().enumerate() {
            assert_eq!(s.len(), 1, "retransmission {}", i + 1);
            assert!(s[0].retransmission);
            assert!(seg(SYN).seq(100).check(&s[0].segment).is_ok());
        }
        // §3.8.3: the connection is given up with no RST (the peer never answered).
        assert!(sent[5].is_empty(), "no RST on giving up: {:?}", sent[5]);
        assert_eq!(t.errors(), [ConnError::TimedOut]);
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn backoff_is_capped_at_60_s() {
        let mut t = Setup::default().config(|c| c.max_retries = 9).syn_sent();
        let (waits, _) = run_to_abort(&mut t);
        // RFC 6298 §2.5: "A maximum value MAY be placed on RTO provided it is at
        // least 60 seconds."
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60, 60].map(secs));
        assert_eq!(t.errors(), [ConnError::TimedOut]);
    }

    #[test]
    fn timer_fired_events_count_attempts() {
        let mut t = syn_sent();
        t.fire_timer();
        t.fire_timer();
        let fired: Vec<_> = t
            .take_events()
            .into_iter()
            .filter(|e| matches!(e, Event::TimerFired { .. }))
            .collect();
        assert_eq!(
            fired,
            [
                Event::TimerFired {
                    timer: Timer::Retransmission,
                    after: secs(1),
                    attempt: 1
                },
                Event::TimerFired {
                    timer: Timer::Retransmission,
                    after: secs(2),
                    attempt: 2
                },
            ]
        );
        assert_eq!(t.ep.retries(), 2);
    }

    #[test]
    fn syn_received_retransmits_syn_ack_then_times_out_without_rst() {
        let mut t = syn_received();
        let (waits, sent) = run_to_abort(&mut t);
        assert_eq!(waits, [1, 2, 4, 8, 16, 32].map(secs));
        for s in &sent[..5] {
            assert!(
                seg(SYN | ACK)
                    .seq(100)
                    .ack(301)
                    .check(&s[0].segment)
                    .is_ok()
            );
        }
        assert!(sent[5].is_empty());
        assert_eq!(t.errors(), [ConnError::TimedOut]);
    }

    #[test]
    fn established_data_retransmission_backs_off_then_times_out_without_rst() {
        let mut t = established();
        t.send(b"hello").unwrap();
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"hello"));
        let (waits, sent) = run_to_abort(&mut t);
        assert_eq!(waits, [1, 2, 4, 8, 16, 32].map(secs));
        for s in &sent[..5] {
            assert_eq!(s.len(), 1);
            assert!(s[0].retransmission);
            assert!(
                seg(ACK | PSH)
                    .seq(101)
                    .ack(301)
                    .data(b"hello")
                    .check(&s[0].segment)
                    .is_ok()
            );
        }
        assert!(sent[5].is_empty(), "no RST when giving up");
        assert_eq!(t.errors(), [ConnError::TimedOut]);
    }

    #[test]
    fn fin_wait_1_and_last_ack_give_up_on_an_unacknowledged_fin() {
        for state in [State::FinWait1, State::LastAck, State::Closing] {
            let mut t = in_state(state);
            let (waits, sent) = run_to_abort(&mut t);
            assert_eq!(waits.len(), 6, "{state}");
            assert!(sent[0][0].segment.flags.fin(), "{state} resends its FIN");
            assert_eq!(t.errors(), [ConnError::TimedOut], "{state}");
        }
    }

    #[test]
    fn an_ack_of_new_data_resets_the_retry_count() {
        let mut t = established();
        t.send(b"one").unwrap();
        t.take_sent();
        t.fire_timer();
        t.fire_timer();
        t.fire_timer();
        assert_eq!(t.ep.retries(), 3);
        t.recv(seg(ACK).seq(301).ack(104));
        assert_eq!(t.ep.retries(), 0);
        assert_eq!(t.timeout_in(), None, "RFC 6298 §5.2: all acked, timer off");
        // A new segment gets all five retransmissions again.
        t.send(b"two").unwrap();
        t.take_sent();
        let (waits, _) = run_to_abort(&mut t);
        assert_eq!(waits.len(), 6);
    }

    #[test]
    fn duplicate_ack_count_starts_again_after_a_timeout() {
        let mut t = Setup::default().peer_options(|s| s.mss(100)).established();
        t.send(&pattern(400)).unwrap();
        t.take_sent();
        for _ in 0..5 {
            t.recv(seg(ACK).seq(301).ack(101));
        }
        t.take_sent();
        t.fire_timer();
        t.take_sent();
        t.take_events();
        t.recv(seg(ACK).seq(301).ack(101).win(65535));
        // After the timeout the sender counts duplicates afresh (its congestion
        // state did: RFC 5681 §3.1 after a loss by timeout), and says so.
        let counts: Vec<u32> = t
            .take_events()
            .iter()
            .filter_map(|e| match e {
                Event::DuplicateAck { count } => Some(*count),
                _ => None,
            })
            .collect();
        assert!(counts.iter().all(|c| *c <= 1), "{counts:?}");
    }

    #[test]
    fn custom_max_retries_is_honoured() {
        let mut t = Setup::default().config(|c| c.max_retries = 2).syn_sent();
        let (waits, _) = run_to_abort(&mut t);
        assert_eq!(waits, [1, 2, 4].map(secs));
    }
}

mod rto {
    use super::*;

    #[test]
    fn syn_ack_gives_the_first_rtt_sample() {
        let mut t = syn_sent();
        t.advance(ms(500));
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        // RFC 6298 §2.2: "SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + max (G, K*RTTVAR)"
        // = 0.5 + 4 × 0.25 = 1.5 s.
        assert_eq!(t.ep.rto(), ms(1500));
        t.send(b"x").unwrap();
        t.take_sent();
        assert_eq!(t.timeout_in(), Some(ms(1500)));
    }

    #[test]
    fn rto_is_at_least_one_second() {
        let mut t = syn_sent();
        t.advance(ms(10));
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        // RFC 6298 §2.4: "if it is less than 1 second, then the RTO SHOULD be rounded
        // up to 1 second."
        assert_eq!(t.ep.rto(), secs(1));
    }

    #[test]
    fn retransmitted_syn_means_three_seconds_once_established() {
        let mut t = syn_sent();
        t.fire_timer();
        t.assert_sent(seg(SYN).seq(100));
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        // RFC 6298 §5.7: "If the timer expires awaiting the ACK of a SYN segment ...
        // the RTO MUST be re-initialized to 3 seconds when data transmission begins"
        assert_eq!(t.ep.rto(), secs(3));
        t.send(b"data").unwrap();
        t.take_sent();
        assert_eq!(t.fire_timer(), secs(3));
    }

    #[test]
    fn retransmitted_syn_ack_means_three_seconds_once_established() {
        let mut t = syn_received();
        t.fire_timer();
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        t.recv(seg(ACK).seq(301).ack(101));
        assert_eq!(t.ep.rto(), secs(3));
    }

    #[test]
    fn karn_retransmitted_segment_gives_no_rtt_sample() {
        let mut t = syn_sent();
        t.advance(ms(500));
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        t.take_sent();
        assert_eq!(t.ep.rto(), ms(1500));
        t.send(b"a").unwrap();
        t.take_sent();
        assert_eq!(t.fire_timer(), ms(1500));
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"a"));
        assert_eq!(t.ep.rto(), secs(3), "backed off");
        t.advance(ms(100));
        // Karn (RFC 6298 §3): "RTT samples MUST NOT be made using segments that were
        // retransmitted": the ambiguous ACK leaves the backed-off RTO alone.
        t.recv(seg(ACK).seq(301).ack(102));
        assert_eq!(t.ep.rto(), secs(3));
        // A fresh segment is timed: R = 0.5 s gives SRTT 0.5, RTTVAR 3/4 × 0.25, RTO
        // 0.5 + 4 × 0.1875 = 1.25 s.
        t.send(b"b").unwrap();
        t.take_sent();
        assert_eq!(t.timeout_in(), Some(secs(3)));
        t.advance(ms(500));
        t.recv(seg(ACK).seq(301).ack(103));
        assert_eq!(t.ep.rto(), ms(1250));
    }

    #[test]
    fn partial_ack_restarts_the_timer() {
        let mut t = Setup::default().peer_options(|s| s.mss(10)).established();
        t.send(&[b'x'; 20]).unwrap();
        assert_eq!(t.take_sent().len(), 2);
        t.advance(ms(600));
        t.recv(seg(ACK).seq(301).ack(111));
        // RFC 6298 §5.3: "When an ACK is received that acknowledges new data, restart
        // the retransmission timer so that it will expire after RTO seconds"
        assert_eq!(t.timeout_in(), Some(secs(1)));
        t.recv(seg(ACK).seq(301).ack(121));
        // §5.2: "When all outstanding data has been acknowledged, turn off the
        // retransmission timer."
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn timeout_goes_back_to_snd_una_one_segment_at_a_time() {
        let mut t = Setup::default().peer_options(|s| s.mss(10)).established();
        t.send(&pattern(30)).unwrap();
        assert_eq!(t.take_sent().len(), 3);
        t.fire_timer();
        // Deliberate go-back-N with cwnd = 1 MSS (RFC 5681 §3.1 "LW"): only the
        // first segment is resent.
        let first = t.take_sent();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].segment.seq.0, 101);
        assert_eq!(first[0].segment.payload.len(), 10);
        assert!(first[0].retransmission);
        assert_eq!(t.ep.windows().1, 10);
        t.recv(seg(ACK).seq(301).ack(111));
        // Slow start: cwnd 2 MSS, the other two follow.
        let rest = t.take_sent();
        let seqs: Vec<u32> = rest.iter().map(|s| s.segment.seq.0).collect();
        assert_eq!(seqs, [111, 121]);
        assert!(rest.iter().all(|s| s.retransmission));
    }
}

mod time_wait {
    use super::*;

    #[test]
    fn time_wait_timer_is_two_msl() {
        let mut t = time_wait();
        assert_eq!(t.timeout_in(), Some(secs(60)));
        assert_eq!(t.fire_timer(), secs(60));
        assert_eq!(t.state(), State::Closed);
        assert!(t.reported(&Event::TimerFired {
            timer: Timer::TimeWait,
            after: secs(60),
            attempt: 0
        }));
    }

    #[test]
    fn time_wait_turns_off_the_retransmission_timer() {
        let mut t = established();
        t.ep.send(t.now, b"unacked").unwrap();
        t.ep.close(t.now).unwrap();
        t.take_sent();
        // The peer's FIN acknowledges everything: §3.10.7.4 eighth "enter TIME-WAIT,
        // start the time-wait timer, turn off the other timers".
        t.recv(seg(FIN | ACK).seq(301).ack(109));
        assert_eq!(t.state(), State::TimeWait);
        assert_eq!(t.timeout_in(), Some(secs(60)));
        t.advance(secs(60));
        assert_eq!(t.state(), State::Closed);
        t.assert_sent(seg(ACK).seq(109).ack(302));
        t.assert_nothing_sent();
    }
}

mod persist {
    use super::*;

    /// ESTABLISHED with "abc" queued behind a zero window.
    fn zero_window() -> Tcb {
        let mut t = established();
        t.recv(seg(ACK).seq(301).ack(101).win(0));
        t.send(b"abc").unwrap();
        t.assert_nothing_sent();
        t
    }

    #[test]
    fn established_zero_window_sends_a_probe_after_rto() {
        let mut t = zero_window();
        // §3.8.6.1: "The transmitting host SHOULD send the first zero-window probe
        // when a zero window has existed for the retransmission timeout period"
        assert_eq!(t.fire_timer(), secs(1));
        t.assert_sent_for(
            seg(ACK).seq(101).ack(301).data(b"a"),
            SendReason::WindowProbe,
        );
        t.assert_nothing_sent();
    }

    #[test]
    fn established_zero_window_probes_back_off_exponentially_to_60_s() {
        let mut t = zero_window();
        let mut waits = Vec::new();
        for _ in 0..9 {
            waits.push(t.fire_timer());
            let probe = t.pop_sent();
            assert_eq!(probe.reason, SendReason::WindowProbe);
            assert_eq!(probe.segment.seq.0, 101);
            t.recv(seg(ACK).seq(301).ack(101).win(0));
            t.assert_nothing_sent();
        }
        // §3.8.6.1: "and SHOULD increase exponentially the interval between
        // successive probes"
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60].map(secs));
    }

    #[test]
    fn persist_timer_events_report_the_real_interval() {
        let mut t = zero_window();
        let mut waits = Vec::new();
        for _ in 0..4 {
            waits.push(t.fire_timer());
            t.take_sent();
            t.recv(seg(ACK).seq(301).ack(101).win(0));
        }
        let reported: Vec<_> = t
            .take_events()
            .into_iter()
            .filter_map(|e| match e {
                Event::TimerFired {
                    timer: Timer::Persist,
                    after,
                    ..
                } => Some(after),
                _ => None,
            })
            .collect();
        assert_eq!(reported, waits, "the narration says how long the timer ran");
    }

    #[test]
    fn fin_wait_1_fin_behind_a_zero_window_is_probed_not_abandoned() {
        let mut t = established();
        t.recv(seg(ACK).seq(301).ack(101).win(0));
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        // The peer's window stays closed: its ACKs refuse the FIN (SEG.LEN 1, RCV.WND
        // 0) but show it is alive, so the FIN is probed for as long as that lasts.
        for _ in 0..20 {
            t.fire_timer();
            let sent = t.take_sent();
            assert!(
                sent.iter().all(|s| s.segment.flags == FIN | ACK),
                "{sent:?}"
            );
            t.recv(seg(ACK).seq(301).ack(101).win(0));
        }
        assert_eq!(t.state(), State::FinWait1);
        assert!(t.errors().is_empty());
        t.recv(seg(ACK).seq(301).ack(101).win(1000));
        t.fire_timer();
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        t.recv(seg(ACK).seq(301).ack(102).win(1000));
        assert_eq!(t.state(), State::FinWait2);
    }

    #[test]
    fn established_zero_window_never_times_out_while_probes_are_answered() {
        let mut t = zero_window();
        for _ in 0..30 {
            t.fire_timer();
            t.take_sent();
            t.recv(seg(ACK).seq(301).ack(101).win(0));
        }
        // §3.8.6.1: "the sending TCP peer MUST allow the connection to stay open".
        assert_eq!(t.state(), State::Established);
        assert!(t.errors().is_empty());
    }

    #[test]
    fn established_zero_window_probe_answers_are_not_duplicate_acks() {
        let mut t = zero_window();
        for _ in 0..4 {
            t.fire_timer();
            t.assert_sent_for(
                seg(ACK).seq(101).ack(301).data(b"a"),
                SendReason::WindowProbe,
            );
            t.recv(seg(ACK).seq(301).ack(101).win(0));
            // RFC 5681 §3.2: fast retransmit is for loss; a zero window is not loss.
            t.assert_nothing_sent();
        }
        assert!(
            !t.take_events()
                .iter()
                .any(|e| matches!(e, Event::DuplicateAck { .. })),
            "answers to window probes counted as duplicate ACKs"
        );
    }

    #[test]
    fn established_window_opening_ends_probing_and_sends_the_rest() {
        let mut t = zero_window();
        t.fire_timer();
        t.assert_sent(seg(ACK).seq(101).ack(301).data(b"a"));
        // The peer took the probe byte and opened its window.
        t.recv(seg(ACK).seq(301).ack(102).win(1000));
        t.assert_sent(seg(ACK | PSH).seq(102).ack(301).data(b"bc"));
        t.recv(seg(ACK).seq(301).ack(104).win(1000));
        assert_eq!(t.timeout_in(), None, "no persist timer, nothing in flight");
    }

    #[test]
    fn established_window_opening_after_a_refused_probe_still_delivers_it() {
        let mut t = zero_window();
        t.fire_timer();
        t.assert_sent(seg(ACK).seq(101).ack(301).data(b"a"));
        // The peer refused the probe byte, then its window opened.
        t.recv(seg(ACK).seq(301).ack(101).win(1000));
        // The rest follows the probe; the probe byte is now under the
        // retransmission timer (it was sent, so it is in flight).
        t.assert_sent(seg(ACK | PSH).seq(102).ack(301).data(b"bc"));
        assert_eq!(t.fire_timer(), secs(1));
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"abc"));
        t.recv(seg(ACK).seq(301).ack(104).win(1000));
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn established_shrunk_window_with_data_in_flight_is_not_abandoned() {
        let mut t = established();
        t.send(&pattern(100)).unwrap();
        t.take_sent();
        // The peer takes half and closes its window (shrinking it, which §3.8.6 calls
        // "strongly discouraged" but a sender must survive).
        t.recv(seg(ACK).seq(301).ack(151).win(0));
        // One RTO later the closed window is probed with the first unacked byte.
        assert_eq!(t.fire_timer(), secs(1));
        let probe = t.assert_sent_for(
            seg(ACK).seq(151).ack(301).data(&pattern(100)[50..51]),
            SendReason::WindowProbe,
        );
        assert!(probe.retransmission);
        t.recv(seg(ACK).seq(301).ack(151).win(0));
        for _ in 0..20 {
            t.fire_timer();
            t.take_sent();
            t.recv(seg(ACK).seq(301).ack(151).win(0));
        }
        // As long as the peer answers, "the sending TCP peer MUST allow the
        // connection to stay open" (§3.8.6.1).
        assert_eq!(t.state(), State::Established);
        assert!(t.errors().is_empty());
        t.recv(seg(ACK).seq(301).ack(151).win(1000));
        let sent = t.take_sent();
        assert!(!sent.is_empty());
        t.recv(seg(ACK).seq(301).ack(201).win(1000));
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn receiver_zero_window_then_window_update_when_the_application_reads() {
        let mut t = Setup::default()
            .config(|c| {
                c.recv_buffer = 1000;
                c.mss = 500;
            })
            .established();
        t.reading = false;
        t.recv(seg(ACK).seq(301).ack(101).data(&pattern(1000)));
        // The buffer is full: the ACK advertises a zero window.
        t.assert_sent(seg(ACK).seq(101).ack(1301).win(0));
        // A probe is acceptable only at RCV.NXT and gets the window again.
        t.recv(seg(ACK).seq(1301).ack(101).data(b"p"));
        t.assert_sent(seg(ACK).seq(101).ack(1301).win(0));
        // §3.8.6.2.2: the application reads; once the window can grow by an MSS the
        // receiver says so.
        t.consume(400);
        t.assert_nothing_sent();
        t.consume(600);
        t.assert_sent_for(
            seg(ACK).seq(101).ack(1301).win(1000),
            SendReason::WindowUpdate,
        );
    }
}
