//! Data transfer on an open connection: reassembly of out-of-order segments,
//! duplicate ACKs and fast retransmit (RFC 5681), windows and the MSS
//! (RFC 9293 §3.7.1, §3.8.6), and the options negotiated on the SYNs: window
//! scaling and timestamps (RFC 7323), SACK-permitted (RFC 2018).

use synack_test_support::tcp;

use synack::tcp::{DiscardReason, Event, SendReason, SeqNumber, State};
use tcp::*;

mod reassembly {
    use super::*;

    #[test]
    fn established_out_of_order_segments_wait_for_the_gap() {
        let mut t = established();
        // §3.10.7.4: "Segments with higher beginning sequence numbers SHOULD be held
        // for later processing (SHLD-31)."
        t.recv(seg(ACK).seq(304).ack(101).data(b"def"));
        assert!(t.received.is_empty());
        assert!(t.reported(&Event::OutOfOrder {
            seq: SeqNumber(304),
            len: 3
        }));
        // RFC 5681 §4.2: "A TCP receiver SHOULD send an immediate duplicate ACK when an
        // out-of-order segment arrives."
        t.assert_sent_for(seg(ACK).seq(101).ack(301), SendReason::DuplicateAck);
        t.recv(seg(ACK).seq(307).ack(101).data(b"ghi"));
        t.assert_sent_for(seg(ACK).seq(101).ack(301), SendReason::DuplicateAck);
        t.recv(seg(ACK).seq(301).ack(101).data(b"abc"));
        assert_eq!(t.received, b"abcdefghi");
        t.assert_sent(seg(ACK).seq(101).ack(310));
        t.assert_nothing_sent();
    }

    #[test]
    fn established_overlapping_segments_are_trimmed() {
        let mut t = established();
        t.recv(seg(ACK).seq(305).ack(101).data(b"efg"));
        t.recv(seg(ACK).seq(303).ack(101).data(b"cdef"));
        t.take_sent();
        t.recv(seg(ACK).seq(301).ack(101).data(b"ab"));
        assert_eq!(t.received, b"abcdefg");
        t.assert_sent(seg(ACK).seq(101).ack(308));
    }

    #[test]
    fn established_repeated_out_of_order_segment_is_kept_once() {
        let mut t = established();
        t.recv(seg(ACK).seq(302).ack(101).data(b"bc"));
        t.recv(seg(ACK).seq(302).ack(101).data(b"bc"));
        t.recv(seg(ACK).seq(301).ack(101).data(b"a"));
        assert_eq!(t.received, b"abc");
        let acks: Vec<u32> = t.take_sent().iter().map(|s| s.segment.ack.0).collect();
        assert_eq!(acks, [301, 301, 304]);
    }

    #[test]
    fn established_out_of_order_fin_is_kept_with_its_data() {
        let mut t = established();
        t.recv(seg(ACK | FIN).seq(303).ack(101).data(b"cd"));
        assert_eq!(t.state(), State::Established);
        t.recv(seg(ACK).seq(301).ack(101).data(b"ab"));
        assert_eq!(t.received, b"abcd");
        assert_eq!(t.state(), State::CloseWait);
        let last = t.take_sent().pop().unwrap();
        assert_eq!(last.segment.ack.0, 306, "data and FIN acknowledged");
    }

    #[test]
    fn established_pure_ack_ahead_of_rcv_nxt_is_not_out_of_order_data() {
        let mut t = established();
        t.send(b"req").unwrap();
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"req"));
        // The peer's data (301..311) was lost; its ACK of ours carries SEQ=311.
        t.recv(seg(ACK).seq(311).ack(104));
        // RFC 5681 §4.2 asks for a duplicate ACK on an out-of-order *segment of
        // data*; an ACK carries none, and answering it would make the peer see
        // false duplicate ACKs.
        t.assert_nothing_sent();
        assert!(
            !t.take_events()
                .iter()
                .any(|e| matches!(e, Event::OutOfOrder { .. }))
        );
        assert_eq!(
            t.timeout_in(),
            None,
            "our data is acknowledged all the same"
        );
    }

    #[test]
    fn established_data_beyond_the_window_is_trimmed() {
        let mut t = Setup::default()
            .config(|c| c.recv_buffer = 10)
            .established();
        t.reading = false;
        t.recv(seg(ACK).seq(301).ack(101).data(b"0123456789abcdef"));
        // Only the window's worth is taken; RCV.NXT + RCV.WND never moves back.
        assert_eq!(t.received, b"0123456789");
        t.assert_sent(seg(ACK).seq(101).ack(311).win(0));
    }
}

mod duplicate_acks {
    use super::*;

    /// Four 100-byte segments in flight (peer MSS 100, initial window 4 MSS).
    fn four_in_flight() -> Tcb {
        let mut t = Setup::default().peer_options(|s| s.mss(100)).established();
        t.send(&pattern(400)).unwrap();
        let seqs: Vec<u32> = t.take_sent().iter().map(|s| s.segment.seq.0).collect();
        assert_eq!(seqs, [101, 201, 301, 401]);
        t
    }

    #[test]
    fn established_third_duplicate_ack_triggers_fast_retransmit() {
        let mut t = four_in_flight();
        t.recv(seg(ACK).seq(301).ack(201));
        t.recv(seg(ACK).seq(301).ack(201));
        t.recv(seg(ACK).seq(301).ack(201));
        t.assert_nothing_sent();
        // RFC 5681 §3.2: "The TCP sender SHOULD use the 'fast retransmit' algorithm
        // ... after receiving 3 duplicate ACKs"
        t.recv(seg(ACK).seq(301).ack(201));
        let fr = t.assert_sent_for(
            seg(ACK).seq(201).ack(301).data(&pattern(400)[100..200]),
            SendReason::FastRetransmit,
        );
        assert!(fr.retransmission);
        let counts: Vec<u32> = t
            .take_events()
            .iter()
            .filter_map(|e| match e {
                Event::DuplicateAck { count } => Some(*count),
                _ => None,
            })
            .collect();
        assert_eq!(counts, [1, 2, 3]);
        // "set ssthresh to no more than ... max (FlightSize / 2, 2*SMSS)" = 150 -> 200,
        // then "cwnd = ssthresh + 3*SMSS".
        assert_eq!(t.ep.windows().1, 500);
        t.recv(seg(ACK).seq(301).ack(501));
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn established_fast_retransmit_happens_once_per_loss() {
        let mut t = four_in_flight();
        t.recv(seg(ACK).seq(301).ack(201));
        for _ in 0..3 {
            t.recv(seg(ACK).seq(301).ack(201));
        }
        t.assert_sent_for(
            seg(ACK).seq(201).ack(301).data(&pattern(400)[100..200]),
            SendReason::FastRetransmit,
        );
        // A fourth and fifth duplicate inflate the window but resend nothing.
        t.recv(seg(ACK).seq(301).ack(201));
        t.recv(seg(ACK).seq(301).ack(201));
        for s in t.take_sent() {
            assert_ne!(s.reason, SendReason::FastRetransmit);
        }
    }

    #[test]
    fn established_ack_with_a_new_window_is_not_a_duplicate() {
        let mut t = four_in_flight();
        t.recv(seg(ACK).seq(301).ack(201));
        // RFC 5681 §2: "(e) the advertised window in the incoming acknowledgment
        // equals the advertised window in the last incoming acknowledgment."
        for w in [60000, 60001, 60002, 60003] {
            t.recv(seg(ACK).seq(301).ack(201).win(w));
        }
        t.assert_nothing_sent();
    }

    #[test]
    fn established_ack_carrying_data_is_not_a_duplicate() {
        let mut t = four_in_flight();
        t.recv(seg(ACK).seq(301).ack(201));
        // "(b) the incoming acknowledgment carries no data"
        for (i, b) in [b"a", b"b", b"c", b"d"].iter().enumerate() {
            t.recv(seg(ACK).seq(301 + i as u32).ack(201).data(*b));
        }
        for s in t.take_sent() {
            assert_ne!(s.reason, SendReason::FastRetransmit);
        }
    }

    #[test]
    fn established_pure_ack_is_never_answered() {
        let mut t = established();
        for _ in 0..5 {
            t.recv(seg(ACK).seq(301).ack(101));
        }
        t.assert_nothing_sent();
    }
}

mod congestion {
    use super::*;

    fn first_flight(mut t: Tcb) -> usize {
        t.send(&pattern(10_000)).unwrap();
        t.take_sent().len()
    }

    #[test]
    fn established_initial_window_follows_the_smss() {
        // RFC 5681 §3.1: "If SMSS > 1095 bytes and SMSS <= 2190 bytes: IW = 3 * SMSS";
        // "If SMSS <= 1095 bytes: IW = 4 * SMSS".
        let t = Setup::default().peer_options(|s| s.mss(1460)).established();
        assert_eq!(first_flight(t), 3);
        let t = Setup::default().peer_options(|s| s.mss(1000)).established();
        assert_eq!(first_flight(t), 4);
    }

    #[test]
    fn syn_sent_lost_syn_means_an_initial_window_of_one_segment() {
        let mut t = Setup::default().peer_options(|s| s.mss(1000)).syn_sent();
        t.fire_timer();
        t.assert_sent(seg(SYN).seq(100).mss(1460));
        t.recv(seg(SYN | ACK).seq(300).ack(101).mss(1000));
        t.assert_sent(seg(ACK).seq(101).ack(301));
        // RFC 5681 §3.1: "If the SYN or SYN/ACK is lost, the initial window used by a
        // sender after a correctly transmitted SYN MUST be one segment consisting of
        // at most SMSS bytes."
        assert_eq!(first_flight(t), 1);
    }

    #[test]
    fn syn_received_lost_syn_ack_means_an_initial_window_of_one_segment() {
        let mut t = Setup::default()
            .peer_options(|s| s.mss(1000))
            .syn_received();
        t.fire_timer();
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        t.recv(seg(ACK).seq(301).ack(101));
        assert_eq!(first_flight(t), 1);
    }
}

mod old_acks {
    use super::*;

    #[test]
    fn established_ack_older_than_max_snd_wnd_is_discarded_with_an_ack() {
        let mut t = established();
        // RFC 5961 §5, adopted by RFC 9293 §3.10.7.4 fifth: "TCP stacks that implement
        // RFC 5961 MUST add an input check that the ACK value is acceptable only if it
        // is in the range of ((SND.UNA - MAX.SND.WND) =< SEG.ACK =< SND.NXT). All
        // incoming segments whose ACK value doesn't satisfy the above condition MUST
        // be discarded and an ACK sent back."
        t.recv(
            seg(ACK)
                .seq(301)
                .ack(101u32.wrapping_sub(70_000))
                .data(b"inject"),
        );
        assert!(t.received.is_empty(), "blind data injection accepted");
        t.assert_sent(seg(ACK).seq(101).ack(301));
    }

    #[test]
    fn established_old_ack_within_max_snd_wnd_is_accepted() {
        let mut t = established();
        t.recv(seg(ACK).seq(301).ack(101u32.wrapping_sub(1000)).data(b"ok"));
        assert_eq!(t.received, b"ok");
        t.assert_sent(seg(ACK).seq(101).ack(303));
    }
}

mod windows {
    use super::*;

    #[test]
    fn established_sender_stays_within_the_peer_window() {
        let mut t = Setup::default().peer_options(|s| s.mss(100)).established();
        t.recv(seg(ACK).seq(301).ack(101).win(250));
        t.send(&pattern(400)).unwrap();
        let sent: Vec<(u32, usize)> = t
            .take_sent()
            .iter()
            .map(|s| (s.segment.seq.0, s.segment.payload.len()))
            .collect();
        // Two full segments fit; the 50 bytes left in the window wait, as the
        // sender's silly window avoidance says (§3.8.6.2.1: less than a full segment
        // and less than half the largest window seen, with data in flight).
        assert_eq!(sent, [(101, 100), (201, 100)]);
        // The first is acknowledged: the right edge moves to 201 + 250 = 451.
        t.recv(seg(ACK).seq(301).ack(201).win(250));
        let sent: Vec<(u32, usize)> = t
            .take_sent()
            .iter()
            .map(|s| (s.segment.seq.0, s.segment.payload.len()))
            .collect();
        assert_eq!(sent, [(301, 100)]);
        // Everything acknowledged, window 100: the last 100 bytes exactly fit.
        t.recv(seg(ACK).seq(301).ack(401).win(100));
        t.assert_sent(seg(ACK | PSH).seq(401).ack(301).data(&pattern(400)[300..]));
    }

    #[test]
    fn established_window_shrinks_as_data_waits_unread() {
        let mut t = Setup::default()
            .config(|c| c.recv_buffer = 1000)
            .established();
        t.reading = false;
        t.recv(seg(ACK).seq(301).ack(101).data(&pattern(300)));
        t.assert_sent(seg(ACK).seq(101).ack(601).win(700));
        t.recv(seg(ACK).seq(601).ack(101).data(&pattern(700)));
        t.assert_sent(seg(ACK).seq(101).ack(1301).win(0));
    }

    #[test]
    fn established_zero_window_accepts_only_empty_segments_at_rcv_nxt() {
        let mut t = Setup::default()
            .config(|c| c.recv_buffer = 100)
            .established();
        t.reading = false;
        t.recv(seg(ACK).seq(301).ack(101).data(&pattern(100)));
        t.assert_sent(seg(ACK).seq(101).ack(401).win(0));
        t.send(b"ours").unwrap();
        t.assert_sent(seg(ACK | PSH).seq(101).ack(401).data(b"ours").win(0));
        // §3.10.7.4 Table 6, length 0 and window 0: "SEG.SEQ = RCV.NXT". Anything
        // else is not acceptable: answered with an ACK, its ACK field unused.
        t.recv(seg(ACK).seq(402).ack(105));
        t.assert_sent_for(seg(ACK).seq(105).ack(401).win(0), SendReason::DuplicateAck);
        assert_eq!(
            t.timeout_in(),
            Some(secs(1)),
            "\"ours\" still unacknowledged"
        );
        t.recv(seg(ACK).seq(401).ack(105));
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn established_zero_window_still_takes_the_ack_of_a_probe() {
        let mut t = Setup::default()
            .config(|c| c.recv_buffer = 100)
            .established();
        t.reading = false;
        t.send(b"ours").unwrap();
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"ours"));
        t.recv(seg(ACK).seq(301).ack(101).data(&pattern(100)));
        t.assert_sent(seg(ACK).seq(105).ack(401).win(0));
        // The peer's window probe also acknowledges our data. §3.10.7.4: "If the
        // RCV.WND is zero, no segments will be acceptable, but special allowance
        // should be made to accept valid ACKs".
        t.recv(seg(ACK).seq(401).ack(105).data(b"p"));
        t.assert_sent(seg(ACK).seq(105).ack(401).win(0));
        assert_eq!(t.received.len(), 100, "the probe's byte is not taken");
        assert_eq!(
            t.timeout_in(),
            None,
            "our data was acknowledged by the probe"
        );
    }
    #[test]
    fn established_zero_window_probe_acking_unsent_data_is_one_discard() {
        let mut t = Setup::default()
            .config(|c| c.recv_buffer = 100)
            .established();
        t.reading = false;
        t.recv(seg(ACK).seq(301).ack(101).data(&pattern(100)));
        t.assert_sent(seg(ACK).seq(101).ack(401).win(0));
        t.take_events();
        // A probe whose ACK field acknowledges bytes never sent: §3.10.7.4 "If the
        // ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK,
        // drop the segment, and return." One segment, one discard.
        t.recv(seg(ACK).seq(401).ack(999).data(b"p"));
        t.assert_sent_for(seg(ACK).seq(101).ack(401).win(0), SendReason::DuplicateAck);
        let discards: Vec<Event> = t
            .take_events()
            .into_iter()
            .filter(|e| matches!(e, Event::Discarded(_)))
            .collect();
        assert_eq!(discards, [Event::Discarded(DiscardReason::AckOfUnsentData)]);
    }

    #[test]
    fn fin_wait_1_zero_window_probe_acking_our_fin_leads_to_fin_wait_2() {
        let mut t = Setup::default()
            .config(|c| c.recv_buffer = 100)
            .established();
        t.reading = false;
        t.recv(seg(ACK).seq(301).ack(101).data(&pattern(100)));
        t.assert_sent(seg(ACK).seq(101).ack(401).win(0));
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(101).ack(401).win(0));
        t.recv(seg(ACK).seq(401).ack(102).data(b"p"));
        assert_eq!(t.state(), State::FinWait2);
        t.assert_sent(seg(ACK).seq(102).ack(401).win(0));
    }
}

mod mss {
    use super::*;

    fn segment_sizes(mut t: Tcb, n: usize) -> Vec<usize> {
        t.send(&pattern(n)).unwrap();
        t.take_sent()
            .iter()
            .map(|s| s.segment.payload.len())
            .collect()
    }

    #[test]
    fn established_segments_follow_the_peer_mss() {
        let t = Setup::default().peer_options(|s| s.mss(1000)).established();
        assert_eq!(segment_sizes(t, 2500), [1000, 1000, 500]);
    }

    #[test]
    fn established_peer_without_mss_option_gets_536_over_ipv4() {
        // §3.7.1: "If an MSS Option is not received at connection setup, TCP
        // implementations MUST assume a default send MSS of 536 (576 - 40) for IPv4"
        let t = Setup::default()
            .peer_options(|s| s.no_options())
            .established();
        assert_eq!(segment_sizes(t, 2000), [536, 536, 536, 392]);
    }

    #[test]
    fn established_peer_without_mss_option_gets_1220_over_ipv6() {
        // "or 1220 (1280 - 60) for IPv6 (MUST-15)."
        let mut setup = Setup::default();
        setup.config.local = "[2001:db8::1]:49152".parse().unwrap();
        setup.remote = "[2001:db8::2]:80".parse().unwrap();
        let t = setup.established();
        assert_eq!(segment_sizes(t, 3000), [1220, 1220, 560]);
    }

    #[test]
    fn passive_open_peer_without_mss_option_gets_536() {
        let mut t = syn_received();
        t.recv(seg(ACK).seq(301).ack(101));
        assert_eq!(segment_sizes(t, 600), [536, 64]);
    }

    #[test]
    fn syn_and_syn_ack_announce_our_mss() {
        let mut t = Setup::default().config(|c| c.mss = 1200).closed();
        t.connect().unwrap();
        t.assert_sent(seg(SYN).seq(100).mss(1200));
        let mut t = Setup::default().config(|c| c.mss = 1200).listen();
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301).mss(1200));
    }

    #[test]
    fn timestamps_take_twelve_bytes_from_each_segment() {
        // §3.7.1: Eff.snd.MSS subtracts the TCP options carried on every segment.
        let t = Setup::default()
            .config(|c| c.timestamps = true)
            .peer_options(|s| s.mss(1000).ts(7, 0))
            .established();
        assert_eq!(segment_sizes(t, 2000), [988, 988, 24]);
    }
}

mod window_scale {
    use super::*;

    fn passive(ours: Option<u8>, theirs: Option<u8>) -> Tcb {
        let mut t = Setup::default()
            .config(|c| {
                c.window_scale = ours;
                c.recv_buffer = 200_000;
            })
            .listen();
        let mut syn = seg(SYN).seq(300).win(1000);
        if let Some(s) = theirs {
            syn = syn.wscale(s);
        }
        t.recv(syn);
        t
    }

    #[test]
    fn listen_both_offer_window_scale_then_windows_are_scaled() {
        let mut t = passive(Some(2), Some(3));
        // RFC 7323 §2.2: the SYN,ACK carries our shift; its own window is not scaled.
        let syn_ack = t.pop_sent();
        assert_eq!(syn_ack.segment.options.window_scale, Some(2));
        assert_eq!(syn_ack.segment.window, 65535);
        // The peer's windows are shifted by its count from now on.
        t.recv(seg(ACK).seq(301).ack(101).win(100));
        assert_eq!(t.ep.windows().0, 800);
        // Ours are sent shifted right by our count: 200000 >> 2.
        t.recv(seg(ACK).seq(301).ack(101).data(b"x").win(100));
        t.assert_sent(seg(ACK).seq(101).ack(302).win(50_000));
    }

    #[test]
    fn listen_only_we_offer_window_scale_then_no_scaling() {
        let mut t = passive(Some(2), None);
        // RFC 7323 §2.3: a SYN,ACK may carry the option only if the SYN did.
        let syn_ack = t.pop_sent();
        assert_eq!(syn_ack.segment.options.window_scale, None);
        t.recv(seg(ACK).seq(301).ack(101).win(100));
        assert_eq!(t.ep.windows().0, 100);
        t.recv(seg(ACK).seq(301).ack(101).data(b"x").win(100));
        t.assert_sent(seg(ACK).seq(101).ack(302).win(65535));
    }

    #[test]
    fn listen_only_peer_offers_window_scale_then_no_scaling() {
        let mut t = passive(None, Some(3));
        let syn_ack = t.pop_sent();
        assert_eq!(syn_ack.segment.options.window_scale, None);
        t.recv(seg(ACK).seq(301).ack(101).win(100));
        assert_eq!(t.ep.windows().0, 100, "scaling needs both sides' option");
    }

    #[test]
    fn syn_sent_offers_window_scale_and_peer_declines() {
        let mut t = Setup::default()
            .config(|c| {
                c.window_scale = Some(4);
                c.recv_buffer = 200_000;
            })
            .closed();
        t.connect().unwrap();
        let syn = t.pop_sent();
        assert_eq!(syn.segment.options.window_scale, Some(4));
        t.recv(seg(SYN | ACK).seq(300).ack(101).win(1000));
        t.assert_sent(seg(ACK).seq(101).ack(301).win(65535));
        t.recv(seg(ACK).seq(301).ack(101).win(100));
        assert_eq!(t.ep.windows().0, 100);
    }

    #[test]
    fn syn_received_simultaneous_syn_ack_window_is_not_scaled() {
        let mut t = Setup::default()
            .config(|c| c.window_scale = Some(2))
            .syn_sent();
        t.recv(seg(SYN).seq(300).win(1000).wscale(3));
        let syn_ack = t.pop_sent();
        assert_eq!(syn_ack.segment.options.window_scale, Some(2));
        // RFC 7323 §2.2: "The window field in a segment where the SYN bit is set
        // (i.e., a <SYN> or <SYN,ACK>) MUST NOT be scaled."
        t.recv(seg(SYN | ACK).seq(300).ack(101).win(1000).wscale(3));
        assert_eq!(t.state(), State::Established);
        assert_eq!(t.ep.windows().0, 1000);
        // The first segment without SYN is scaled.
        t.recv(seg(ACK).seq(301).ack(101).win(1000));
        assert_eq!(t.ep.windows().0, 8000);
    }

    #[test]
    fn syn_sent_peer_shift_above_14_is_taken_as_14() {
        let mut t = Setup::default()
            .config(|c| c.window_scale = Some(1))
            .syn_sent();
        t.recv(seg(SYN | ACK).seq(300).ack(101).wscale(15));
        t.take_sent();
        // RFC 7323 §2.3: "If a Window Scale option is received with a shift.cnt value
        // larger than 14, the TCP SHOULD log the error but MUST use 14 instead"
        t.recv(seg(ACK).seq(301).ack(101).win(1));
        assert_eq!(t.ep.windows().0, 1 << 14);
    }
}

mod timestamps {
    use super::*;

    #[test]
    fn listen_both_offer_timestamps_then_every_segment_carries_them() {
        let mut t = Setup::default().config(|c| c.timestamps = true).listen();
        t.advance(ms(5));
        t.recv(seg(SYN).seq(300).ts(1000, 0));
        // RFC 7323 §3.2: the SYN,ACK echoes the SYN's TSval.
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301).mss(1460).ts(5, 1000));
        t.advance(ms(10));
        t.recv(seg(ACK).seq(301).ack(101).ts(1010, 5));
        t.recv(seg(ACK).seq(301).ack(101).data(b"x").ts(1020, 5));
        t.assert_sent(seg(ACK).seq(101).ack(302).ts(15, 1020));
        t.send(b"y").unwrap();
        t.assert_sent(seg(ACK | PSH).seq(101).ack(302).data(b"y").ts(15, 1020));
    }

    #[test]
    fn established_an_older_tsval_never_moves_ts_recent_back() {
        let mut t = Setup::default().config(|c| c.timestamps = true).listen();
        t.advance(ms(5));
        t.recv(seg(SYN).seq(300).ts(1000, 0));
        t.take_sent();
        t.recv(seg(ACK).seq(301).ack(101).ts(1010, 5));
        t.recv(seg(ACK).seq(301).ack(101).data(b"x").ts(1020, 5));
        t.assert_sent(seg(ACK).seq(101).ack(302).ts(5, 1020));
        // A late segment with an older TSval that still carries a new byte
        // (it overlaps what came): taken, but the echo stays at the newest
        // (RFC 7323 §4.3: "If SEG.TSval >= TS.Recent").
        t.recv(seg(ACK).seq(301).ack(101).data(b"xy").ts(1015, 5));
        t.assert_sent(seg(ACK).seq(101).ack(303).ts(5, 1020));
    }

    #[test]
    fn listen_only_peer_offers_timestamps_then_none_are_sent() {
        let mut t = listen();
        t.recv(seg(SYN).seq(300).ts(1000, 0));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301).mss(1460));
        t.recv(seg(ACK).seq(301).ack(101).data(b"x").ts(1010, 0));
        t.assert_sent(seg(ACK).seq(101).ack(302).no_options());
    }

    #[test]
    fn syn_sent_offers_timestamps_and_peer_declines() {
        let mut t = Setup::default().config(|c| c.timestamps = true).closed();
        t.advance(ms(7));
        t.connect().unwrap();
        t.assert_sent(seg(SYN).seq(100).mss(1460).ts(7, 0));
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(301).no_options());
    }

    #[test]
    fn syn_sent_both_offer_timestamps_then_the_ack_echoes() {
        let mut t = Setup::default().config(|c| c.timestamps = true).closed();
        t.connect().unwrap();
        t.take_sent();
        t.advance(ms(20));
        t.recv(seg(SYN | ACK).seq(300).ack(101).ts(555, 0));
        t.assert_sent(seg(ACK).seq(101).ack(301).ts(20, 555));
    }

    #[test]
    fn syn_received_ack_carries_timestamps_once_negotiated() {
        let mut t = Setup::default().config(|c| c.timestamps = true).listen();
        t.recv(seg(SYN).seq(300).ts(1000, 0));
        t.take_sent();
        // RFC 7323 §3.2: "Once TSopt has been successfully negotiated ... the TSopt
        // MUST be sent in every non-<RST> segment for the duration of the connection"
        // — the ACK of an unacceptable segment in SYN-RECEIVED too.
        t.recv(seg(ACK).seq(301 + 70_000).ack(101).ts(1001, 0));
        let ack = t.pop_sent();
        assert_eq!(ack.segment.flags, ACK);
        assert!(ack.segment.options.timestamps.is_some(), "{ack:?}");
    }
}

mod sack {
    use super::*;

    #[test]
    fn listen_sack_permitted_only_when_both_offer() {
        let mut t = Setup::default()
            .config(|c| c.sack_permitted = true)
            .listen();
        t.recv(seg(SYN).seq(300).sack_ok());
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301).mss(1460).sack_ok());
        let mut t = Setup::default()
            .config(|c| c.sack_permitted = true)
            .listen();
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301).mss(1460));
        let mut t = listen();
        t.recv(seg(SYN).seq(300).sack_ok());
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301).mss(1460));
    }

    #[test]
    fn syn_sent_offers_sack_permitted_when_configured() {
        let mut t = Setup::default()
            .config(|c| c.sack_permitted = true)
            .closed();
        t.connect().unwrap();
        t.assert_sent(seg(SYN).seq(100).mss(1460).sack_ok());
    }

    #[test]
    fn established_no_sack_blocks_are_generated() {
        let mut t = Setup::default()
            .config(|c| c.sack_permitted = true)
            .peer_options(|s| s.sack_ok())
            .established();
        t.recv(seg(ACK).seq(310).ack(101).data(b"later"));
        // Deliberate: SACK is negotiated but no blocks are sent.
        let dup = t.pop_sent();
        assert!(dup.segment.options.sack.is_empty());
    }
}

mod half_close {
    use super::*;

    #[test]
    fn close_wait_keeps_sending_until_our_close() {
        let mut t = close_wait();
        for chunk in [b"one".as_slice(), b"two", b"three"] {
            t.send(chunk).unwrap();
            let s = t.pop_sent();
            assert_eq!(&s.segment.payload[..], chunk);
        }
        t.recv(seg(ACK).seq(302).ack(112));
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(112).ack(302));
        t.recv(seg(ACK).seq(302).ack(113));
        assert_eq!(t.state(), State::Closed);
    }

    #[test]
    fn fin_wait_2_discards_nothing_the_peer_still_sends() {
        let mut t = fin_wait_2();
        let data = pattern(5000);
        let mut seq = 301;
        for chunk in data.chunks(1000) {
            t.recv(seg(ACK).seq(seq).ack(102).data(chunk));
            seq += chunk.len() as u32;
        }
        assert_eq!(t.received, data);
        assert!(!t.reported(&Event::Discarded(DiscardReason::OutsideWindow)));
    }
}

mod pair {
    use super::*;

    #[test]
    fn bulk_transfer_with_losses_arrives_intact() {
        let mut p = established_pair(Pair::new());
        let data = pattern(200_000);
        p.send(Side::A, &data);
        p.close(Side::A);
        // Lose every 17th segment, whichever direction.
        p.drop_when(|_, n| n % 17 == 0);
        assert!(
            p.run_until(secs(600), |p| p.state(Side::B) == State::CloseWait),
            "{:?}",
            p.ladder().iter().rev().take(20).collect::<Vec<_>>()
        );
        assert_eq!(p.received[1], data);
        p.close(Side::B);
        p.run_until_quiet(secs(600));
        assert_eq!(p.state(Side::A), State::Closed);
        assert_eq!(p.state(Side::B), State::Closed);
        assert!(
            p.log
                .iter()
                .any(|s| s.tx.reason == SendReason::FastRetransmit)
        );
    }

    #[test]
    fn half_close_lets_the_other_side_finish_sending() {
        let mut p = established_pair(Pair::new());
        p.close(Side::A);
        p.run_for(ms(100));
        assert_eq!(p.state(Side::A), State::FinWait2);
        assert_eq!(p.state(Side::B), State::CloseWait);
        let reply = pattern(20_000);
        p.send(Side::B, &reply);
        p.close(Side::B);
        p.run_until_quiet(secs(300));
        assert_eq!(p.received[0], reply);
        assert_eq!(
            p.path(Side::A),
            [
                State::Closed,
                State::SynSent,
                State::Established,
                State::FinWait1,
                State::FinWait2,
                State::TimeWait,
                State::Closed
            ]
        );
    }

    #[test]
    fn both_directions_at_once_with_a_reader_that_pauses() {
        let mut p = Pair::with(
            synack::tcp::EndpointConfig {
                recv_buffer: 4000,
                ..synack::tcp::EndpointConfig::new(pair_addrs().0, SeqNumber(100))
            },
            synack::tcp::EndpointConfig::new(pair_addrs().1, SeqNumber(300)),
        );
        p = established_pair(p);
        p.reading[0] = false;
        let a_data = pattern(30_000);
        let b_data = pattern(30_000);
        p.send(Side::A, &a_data);
        p.send(Side::B, &b_data);
        // A reads nothing for a while: its window closes on B; A's own data must
        // still get through and be acknowledged.
        p.run_for(secs(200));
        assert_eq!(p.received[1], a_data, "A's data reached B");
        assert_eq!(p.state(Side::A), State::Established);
        assert_eq!(p.state(Side::B), State::Established);
        p.resume_reading(Side::A);
        p.run_for(secs(200));
        assert_eq!(p.received[0], b_data);
        assert!(p.errors(Side::A).is_empty() && p.errors(Side::B).is_empty());
    }
}
