//! Sequence numbers across the 2^32 wrap. RFC 9293 §3.4: "all arithmetic dealing
//! with sequence numbers must be performed modulo 2^32"; §3.10: "'=<' means less
//! than or equal to (modulo 2^32)". Each test puts an ISN just below 2^32 so the
//! SYN, the data, the FIN or the ACK in question crosses zero.

use synack_test_support::tcp;

use synack::tcp::{ConnError, EndpointConfig, SendReason, SeqNumber, State};
use tcp::*;

/// 2^32-1, the last sequence number before the wrap.
const TOP: u32 = u32::MAX;

mod handshake {
    use super::*;

    #[test]
    fn syn_sent_iss_at_the_top_acked_with_zero() {
        let mut t = Setup::default().iss(TOP).syn_sent();
        // Our SYN takes 2^32-1; its ACK is 0.
        t.recv(seg(SYN | ACK).seq(300).ack(0));
        t.assert_sent(seg(ACK).seq(0).ack(301));
        assert_eq!(t.state(), State::Established);
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn syn_sent_ack_equal_to_iss_at_the_top_is_reset() {
        let mut t = Setup::default().iss(TOP).syn_sent();
        // §3.10.7.3: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset"; with
        // SND.NXT = 0 after the wrap, both 2^32-1 and 1 are unacceptable.
        t.recv(seg(SYN | ACK).seq(300).ack(TOP));
        t.assert_sent(seg(RST).seq(TOP));
        t.recv(seg(SYN | ACK).seq(300).ack(1));
        t.assert_sent(seg(RST).seq(1));
        assert_eq!(t.state(), State::SynSent);
    }

    #[test]
    fn syn_sent_rst_acking_the_syn_across_the_wrap_is_refused() {
        let mut t = Setup::default().iss(TOP).syn_sent();
        t.recv(seg(RST | ACK).seq(0).ack(0));
        assert_eq!(t.state(), State::Closed);
        assert_eq!(t.errors(), [ConnError::Refused]);
    }

    #[test]
    fn listen_peer_iss_at_the_top_is_acked_with_zero() {
        let mut t = Setup::default().peer_iss(TOP).listen();
        t.recv(seg(SYN).seq(TOP));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(0));
        t.recv(seg(ACK).seq(0).ack(101));
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn syn_received_iss_at_the_top_is_completed_by_ack_zero() {
        let mut t = Setup::default().iss(TOP).syn_received();
        t.recv(seg(ACK).seq(301).ack(0));
        assert_eq!(t.state(), State::Established);
        // And an ACK "above" SND.NXT across the wrap is not acceptable.
        let mut t = Setup::default().iss(TOP).syn_received();
        t.recv(seg(ACK).seq(301).ack(1));
        t.assert_sent(seg(RST).seq(1));
        assert_eq!(t.state(), State::SynReceived);
    }
}

mod data {
    use super::*;

    #[test]
    fn established_send_across_the_wrap_is_acknowledged() {
        let mut t = Setup::default().iss(TOP - 3).established();
        assert_eq!(t.snd(0), TOP - 2);
        t.send(b"abcdef").unwrap();
        t.assert_sent(seg(ACK | PSH).seq(TOP - 2).ack(301).data(b"abcdef"));
        // A partial ACK at the wrap point, then the rest.
        t.recv(seg(ACK).seq(301).ack(0));
        assert_eq!(
            t.timeout_in(),
            Some(secs(1)),
            "3 bytes still unacknowledged"
        );
        t.recv(seg(ACK).seq(301).ack(3));
        assert_eq!(t.timeout_in(), None);
        assert_eq!(t.ep.send_room(), 65536);
    }

    #[test]
    fn established_receive_across_the_wrap_is_acknowledged() {
        let mut t = Setup::default().peer_iss(TOP - 3).established();
        assert_eq!(t.rcv(0), TOP - 2);
        t.recv(seg(ACK).seq(TOP - 2).ack(101).data(b"abcdef"));
        assert_eq!(t.received, b"abcdef");
        t.assert_sent(seg(ACK).seq(101).ack(3));
        // The same bytes again, now entirely "below" RCV.NXT = 3: a duplicate.
        t.recv(seg(ACK).seq(TOP - 2).ack(101).data(b"abcdef"));
        t.assert_sent_for(seg(ACK).seq(101).ack(3), SendReason::DuplicateAck);
        assert_eq!(t.received, b"abcdef");
    }

    #[test]
    fn established_out_of_order_across_the_wrap_is_reassembled() {
        let mut t = Setup::default().peer_iss(TOP - 3).established();
        // RCV.NXT = TOP-2: "abc" takes TOP-2..=TOP, "def" 0..=2 after the wrap.
        assert_eq!(t.rcv(2), TOP);
        assert_eq!(t.rcv(3), 0);
        t.recv(seg(ACK).seq(0).ack(101).data(b"def"));
        t.assert_sent(seg(ACK).seq(101).ack(TOP - 2));
        assert!(t.received.is_empty());
        t.recv(seg(ACK).seq(TOP - 2).ack(101).data(b"abc"));
        assert_eq!(t.received, b"abcdef");
        t.assert_sent(seg(ACK).seq(101).ack(3));
    }

    #[test]
    fn established_window_straddling_the_wrap_accepts_and_refuses_correctly() {
        let mut t = Setup::default().peer_iss(TOP - 101).established();
        // RCV.NXT = TOP-100, RCV.WND = 65535: the window ends at 65433 past zero.
        let rcv_nxt = t.rcv(0);
        assert_eq!(rcv_nxt, TOP - 100);
        t.recv(seg(ACK).seq(1000).ack(101).data(b"ahead"));
        t.assert_sent_for(seg(ACK).seq(101).ack(rcv_nxt), SendReason::DuplicateAck);
        assert!(t.reported(&synack::tcp::Event::OutOfOrder {
            seq: SeqNumber(1000),
            len: 5
        }));
        // The last byte of the window is acceptable, the next one is not.
        t.recv(seg(ACK).seq(65433).ack(101).data(b"y"));
        t.assert_sent(seg(ACK).seq(101).ack(rcv_nxt));
        assert!(t.reported(&synack::tcp::Event::OutOfOrder {
            seq: SeqNumber(65433),
            len: 1
        }));
        t.recv(seg(ACK).seq(65434).ack(101).data(b"x"));
        t.assert_sent(seg(ACK).seq(101).ack(rcv_nxt));
        assert!(!t.reported(&synack::tcp::Event::OutOfOrder {
            seq: SeqNumber(65434),
            len: 1
        }));
        // Below the left edge: an old duplicate.
        t.recv(seg(ACK).seq(TOP - 200).ack(101).data(b"old"));
        t.assert_sent(seg(ACK).seq(101).ack(rcv_nxt));
        assert!(t.received.is_empty());
    }

    #[test]
    fn established_ack_of_unsent_data_across_the_wrap_is_refused() {
        let mut t = Setup::default().iss(TOP - 1).established();
        t.send(b"abc").unwrap();
        t.take_sent();
        // "abc" took 2^32-1, 0 and 1: SND.NXT = 2; 10 acknowledges data never sent.
        assert_eq!(t.snd(3), 2);
        t.recv(seg(ACK).seq(301).ack(10).data(b"x"));
        t.assert_sent(seg(ACK).seq(2).ack(301));
        assert!(t.received.is_empty());
        assert_eq!(t.timeout_in(), Some(secs(1)));
    }

    #[test]
    fn established_old_ack_check_works_across_the_wrap() {
        let mut t = Setup::default().iss(10).established();
        // SND.UNA = 11; 11 - 70000 wraps below zero and is beyond MAX.SND.WND.
        t.recv(
            seg(ACK)
                .seq(301)
                .ack(11u32.wrapping_sub(70_000))
                .data(b"evil"),
        );
        assert!(t.received.is_empty());
        // 11 - 1000 also wraps, but within MAX.SND.WND: a harmless old ACK.
        t.recv(
            seg(ACK)
                .seq(301)
                .ack(11u32.wrapping_sub(1000))
                .data(b"fine"),
        );
        assert_eq!(t.received, b"fine");
    }

    #[test]
    fn established_fast_retransmit_across_the_wrap() {
        let mut t = Setup::default()
            .iss(TOP - 150)
            .peer_options(|s| s.mss(100))
            .established();
        t.send(&pattern(400)).unwrap();
        let seqs: Vec<u32> = t.take_sent().iter().map(|s| s.segment.seq.0).collect();
        assert_eq!(seqs, [TOP - 149, TOP - 49, 50, 150]);
        // The second segment (crossing zero) is lost.
        t.recv(seg(ACK).seq(301).ack(TOP - 49));
        for _ in 0..3 {
            t.recv(seg(ACK).seq(301).ack(TOP - 49));
        }
        t.assert_sent_for(
            seg(ACK)
                .seq(TOP - 49)
                .ack(301)
                .data(&pattern(400)[100..200]),
            SendReason::FastRetransmit,
        );
        t.recv(seg(ACK).seq(301).ack(250));
        assert_eq!(t.timeout_in(), None);
    }
}

mod fin {
    use super::*;

    #[test]
    fn fin_wait_1_our_fin_at_the_top_is_acked_with_zero() {
        let mut t = Setup::default().iss(TOP - 1).fin_wait_1();
        // snd(0) = 2^32-1 carries the FIN (see the builder); its ACK is 0.
        assert_eq!(t.snd(0), TOP);
        t.recv(seg(ACK).seq(301).ack(0));
        assert_eq!(t.state(), State::FinWait2);
        t.recv(seg(FIN | ACK).seq(301).ack(0));
        t.assert_sent(seg(ACK).seq(0).ack(302));
        assert_eq!(t.state(), State::TimeWait);
    }

    #[test]
    fn established_peer_fin_at_the_top_is_acked_with_zero() {
        let mut t = Setup::default().peer_iss(TOP - 1).established();
        t.recv(seg(FIN | ACK).seq(TOP).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(0));
        assert_eq!(t.state(), State::CloseWait);
        // Its retransmission lies below RCV.NXT = 0 and is acknowledged again.
        t.recv(seg(FIN | ACK).seq(TOP).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(0));
    }

    #[test]
    fn established_data_and_fin_crossing_zero() {
        let mut t = Setup::default().peer_iss(TOP - 3).established();
        // Three bytes below zero, two above, then the FIN at 2.
        t.recv(seg(ACK | FIN).seq(TOP - 2).ack(101).data(b"hello"));
        assert_eq!(t.received, b"hello");
        t.assert_sent(seg(ACK).seq(101).ack(3));
        assert_eq!(t.state(), State::CloseWait);
    }

    #[test]
    fn time_wait_retransmitted_fin_across_the_wrap_restarts_the_timer() {
        let mut t = Setup::default().peer_iss(TOP - 1).iss(TOP - 1).time_wait();
        t.advance(secs(30));
        t.recv(seg(FIN | ACK).seq(TOP).ack(0));
        t.assert_sent(seg(ACK).seq(0).ack(0));
        assert_eq!(t.timeout_in(), Some(secs(60)));
    }

    #[test]
    fn last_ack_fin_at_the_top_then_closed() {
        let mut t = Setup::default().iss(TOP - 1).peer_iss(TOP).last_ack();
        t.recv(seg(ACK).seq(1).ack(0));
        assert_eq!(t.state(), State::Closed);
    }
}

mod rst {
    use super::*;

    #[test]
    fn established_rst_exactly_at_rcv_nxt_zero_resets() {
        let mut t = Setup::default().peer_iss(TOP).established();
        assert_eq!(t.rcv(0), 0);
        t.recv(seg(RST).seq(0));
        assert_eq!(t.state(), State::Closed);
        assert_eq!(t.errors(), [ConnError::Reset]);
    }

    #[test]
    fn established_rst_in_window_across_the_wrap_gets_challenge_ack() {
        let mut t = Setup::default().peer_iss(TOP - 11).established();
        // RCV.NXT = TOP-10; 5 is in the window, past zero.
        assert_eq!(t.rcv(0), TOP - 10);
        t.recv(seg(RST).seq(5));
        t.assert_sent_for(seg(ACK).seq(101).ack(TOP - 10), SendReason::ChallengeAck);
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn established_rst_just_below_rcv_nxt_across_the_wrap_is_dropped() {
        let mut t = Setup::default().peer_iss(TOP).established();
        // RCV.NXT = 0; 2^32-1 is just below it.
        t.recv(seg(RST).seq(TOP));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::Established);
    }
}

mod pair {
    use super::*;

    #[test]
    fn bulk_transfer_both_ways_across_the_wrap_with_losses() {
        let (a, b) = pair_addrs();
        let mut p = Pair::with(
            EndpointConfig::new(a, SeqNumber(TOP - 5000)),
            EndpointConfig::new(b, SeqNumber(TOP - 20)),
        );
        p = established_pair(p);
        let to_b = pattern(100_000);
        let to_a: Vec<u8> = pattern(60_000).into_iter().rev().collect();
        p.send(Side::A, &to_b);
        p.send(Side::B, &to_a);
        p.close(Side::A);
        p.close(Side::B);
        p.drop_when(|_, n| n % 13 == 5);
        p.run_until_quiet(secs(900));
        assert_eq!(p.received[1], to_b);
        assert_eq!(p.received[0], to_a);
        assert_eq!(p.state(Side::A), State::Closed);
        assert_eq!(p.state(Side::B), State::Closed);
        assert!(p.errors(Side::A).is_empty() && p.errors(Side::B).is_empty());
        // Both directions really crossed zero.
        let wrapped = |side: Side| {
            p.log
                .iter()
                .filter(|s| s.from == side && !s.tx.segment.payload.is_empty())
                .any(|s| s.tx.segment.seq.0 < 1_000_000)
        };
        assert!(wrapped(Side::A) && wrapped(Side::B));
    }

    #[test]
    fn fresh_endpoints_with_top_isns_shake_hands() {
        let (a, b) = pair_addrs();
        let mut p = Pair::with(
            EndpointConfig::new(a, SeqNumber(TOP)),
            EndpointConfig::new(b, SeqNumber(TOP)),
        );
        p = established_pair(p);
        p.send(Side::A, b"ping");
        p.run_for(ms(100));
        assert_eq!(p.received[1], b"ping");
        // A's SYN took 2^32-1, so its first data byte is 0.
        let ping = p
            .log
            .iter()
            .find(|s| !s.tx.segment.payload.is_empty())
            .unwrap();
        assert_eq!(ping.tx.segment.seq.0, 0);
        assert_eq!(ping.tx.segment.ack.0, 0);
    }
}
