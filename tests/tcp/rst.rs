//! Resets: the RST an endpoint sends (§3.10.7.1-§3.10.7.4, §3.10.5) and what an
//! arriving RST does in every state (§3.10.7 with RFC 5961 §3's exact-match
//! rule). We are ISS 100, the peer ISS 300.

use synack_test_support::tcp;

use synack::tcp::{ConnError, DiscardReason, Event, ResetReason, SendReason, State};
use tcp::*;

mod closed {
    use super::*;

    #[test]
    fn closed_rst_is_ignored() {
        let mut t = closed();
        // §3.10.7.1: "An incoming segment containing a RST is discarded."
        t.recv(seg(RST).seq(300));
        t.recv(seg(RST | ACK).seq(300).ack(101));
        t.assert_nothing_sent();
        assert!(t.reported(&Event::Discarded(DiscardReason::ResetIgnored)));
    }

    #[test]
    fn closed_syn_without_ack_gets_rst_ack_with_seq_zero() {
        let mut t = closed();
        // §3.10.7.1: "If the ACK bit is off, sequence number zero is used,
        // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>"
        t.recv(seg(SYN).seq(300));
        t.assert_sent_for(
            seg(RST | ACK).seq(0).ack(301),
            SendReason::Reset(ResetReason::NoConnection),
        );
        assert_eq!(t.state(), State::Closed);
    }

    #[test]
    fn closed_data_and_fin_without_ack_are_counted_in_the_rst_ack() {
        let mut t = closed();
        // SEG.LEN counts the data and the FIN.
        t.recv(seg(FIN).seq(300).data(b"abcd"));
        t.assert_sent(seg(RST | ACK).seq(0).ack(305));
    }

    #[test]
    fn closed_ack_gets_rst_with_seq_of_seg_ack() {
        let mut t = closed();
        // §3.10.7.1: "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>"
        t.recv(seg(ACK).seq(300).ack(4242).data(b"late"));
        t.assert_sent(seg(RST).seq(4242));
        t.recv(seg(SYN | ACK).seq(300).ack(77));
        t.assert_sent(seg(RST).seq(77));
        assert_eq!(t.state(), State::Closed);
    }

    #[test]
    fn closed_after_a_connection_ended_answers_with_rst() {
        let mut t = last_ack();
        t.recv(seg(ACK).seq(302).ack(102));
        assert_eq!(t.state(), State::Closed);
        // The TCB is deleted: the peer's next segment meets §3.10.7.1.
        t.recv(seg(ACK).seq(302).ack(102).data(b"?"));
        t.assert_sent(seg(RST).seq(102));
    }
}

mod listen {
    use super::*;

    #[test]
    fn listen_rst_is_ignored() {
        let mut t = listen();
        // §3.10.7.2: "An incoming RST should be ignored. Return."
        t.recv(seg(RST).seq(300));
        t.recv(seg(RST | ACK).seq(300).ack(100));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::Listen);
    }

    #[test]
    fn listen_ack_is_answered_with_rst() {
        let mut t = listen();
        // §3.10.7.2: "An acceptable reset segment should be formed for any arriving
        // ACK-bearing segment ... <SEQ=SEG.ACK><CTL=RST>"
        t.recv(seg(ACK).seq(300).ack(999));
        t.assert_sent_for(
            seg(RST).seq(999),
            SendReason::Reset(ResetReason::AckInListen),
        );
        assert_eq!(t.state(), State::Listen);
        // Still listening.
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
    }
}

mod syn_sent {
    use super::*;

    #[test]
    fn syn_sent_rst_with_acceptable_ack_is_refused() {
        let mut t = syn_sent();
        // §3.10.7.3: "If the ACK was acceptable, then signal to the user 'error:
        // connection reset', drop the segment, enter CLOSED state"
        t.recv(seg(RST | ACK).seq(0).ack(101));
        assert_eq!(t.state(), State::Closed);
        assert_eq!(t.errors(), [ConnError::Refused]);
        t.assert_nothing_sent();
        assert_eq!(
            t.timeout_in(),
            None,
            "no SYN retransmission after the reset"
        );
    }

    #[test]
    fn syn_sent_rst_without_ack_is_ignored() {
        let mut t = syn_sent();
        // §3.10.7.3: "Otherwise (no ACK), drop the segment and return."
        t.recv(seg(RST).seq(300));
        assert_eq!(t.state(), State::SynSent);
        t.assert_nothing_sent();
        assert!(t.errors().is_empty());
    }

    #[test]
    fn syn_sent_rst_bad_ack_is_ignored() {
        let mut t = syn_sent();
        // §3.10.7.3: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the
        // RST bit is set, if so drop the segment and return)"
        t.recv(seg(RST | ACK).seq(0).ack(100));
        t.recv(seg(RST | ACK).seq(0).ack(102));
        assert_eq!(t.state(), State::SynSent);
        t.assert_nothing_sent();
        assert!(t.errors().is_empty());
    }
}

mod syn_received {
    use super::*;

    #[test]
    fn syn_received_rst_returns_passive_open_to_listen() {
        let mut t = syn_received();
        // §3.10.7.4 second: "If this connection was initiated with a passive OPEN
        // (i.e., came from the LISTEN state), then return this connection to LISTEN
        // state and return. The user need not be informed."
        t.recv(seg(RST).seq(301));
        assert_eq!(t.state(), State::Listen);
        assert!(t.errors().is_empty());
        t.assert_nothing_sent();
        // "the retransmission queue should be flushed": no SYN,ACK comes back.
        assert_eq!(t.timeout_in(), None);
        t.recv(seg(SYN).seq(900));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(901));
    }

    #[test]
    fn syn_received_rst_closes_active_open_as_refused() {
        let mut t = syn_sent();
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        // "If this connection was initiated with an active OPEN (i.e., came from
        // SYN-SENT state), then the connection was refused; signal the user
        // 'connection refused'."
        t.recv(seg(RST).seq(301));
        assert_eq!(t.state(), State::Closed);
        assert_eq!(t.errors(), [ConnError::Refused]);
    }

    #[test]
    fn syn_received_rst_in_window_not_exact_gets_challenge_ack() {
        let mut t = syn_received();
        // RFC 5961 §3.2 (in §3.10.7.4 second): "If the RST bit is set and the sequence
        // number does not exactly match the next expected sequence value, yet is
        // within the current receive window, TCP endpoints MUST send an
        // acknowledgment (challenge ACK)"
        t.recv(seg(RST).seq(400));
        t.assert_sent_for(seg(ACK).seq(101).ack(301), SendReason::ChallengeAck);
        assert_eq!(t.state(), State::SynReceived);
    }

    #[test]
    fn syn_received_rst_outside_window_is_dropped_silently() {
        let mut t = syn_received();
        // "If the RST bit is set and the sequence number is outside the current
        // receive window, silently drop the segment."
        t.recv(seg(RST).seq(300));
        t.recv(seg(RST).seq(301 + 65535));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::SynReceived);
    }
}

/// The four states where "any outstanding RECEIVEs and SEND should receive
/// 'reset' responses ... Enter the CLOSED state".
mod synchronized_with_user {
    use super::*;

    fn rst_exact(state: State, rcv_nxt: u32) {
        let mut t = in_state(state);
        t.recv(seg(RST).seq(rcv_nxt));
        assert_eq!(t.state(), State::Closed, "RST in {state}");
        assert_eq!(t.errors(), [ConnError::Reset], "RST in {state}");
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None, "RST in {state}: no timer survives");
    }

    #[test]
    fn established_rst_closes_with_connection_reset() {
        rst_exact(State::Established, 301);
    }

    #[test]
    fn fin_wait_1_rst_closes_with_connection_reset() {
        rst_exact(State::FinWait1, 301);
    }

    #[test]
    fn fin_wait_2_rst_closes_with_connection_reset() {
        rst_exact(State::FinWait2, 301);
    }

    #[test]
    fn close_wait_rst_closes_with_connection_reset() {
        rst_exact(State::CloseWait, 302);
    }

    #[test]
    fn established_rst_ack_closes_too() {
        let mut t = established();
        t.recv(seg(RST | ACK).seq(301).ack(101));
        assert_eq!(t.state(), State::Closed);
        assert_eq!(t.errors(), [ConnError::Reset]);
    }

    #[test]
    fn established_rst_in_window_not_exact_gets_challenge_ack() {
        let mut t = established();
        // RFC 5961 §3.2: in window but not RCV.NXT -> challenge ACK, and "drop the
        // unacceptable segment and stop processing the incoming packet further".
        t.recv(seg(RST).seq(302));
        t.assert_sent_for(seg(ACK).seq(101).ack(301), SendReason::ChallengeAck);
        assert_eq!(t.state(), State::Established);
        assert!(t.reported(&Event::Discarded(DiscardReason::ResetNotExact)));
        // The peer that really reset answers the challenge with an exact RST.
        t.recv(seg(RST).seq(301));
        assert_eq!(t.state(), State::Closed);
    }

    #[test]
    fn established_rst_at_the_window_edge_gets_challenge_ack() {
        let mut t = established();
        t.recv(seg(RST).seq(301 + 65534));
        t.assert_sent_for(seg(ACK).seq(101).ack(301), SendReason::ChallengeAck);
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn established_rst_outside_window_is_dropped_silently() {
        let mut t = established();
        // "If the RST bit is set and the sequence number is outside the current
        // receive window, silently drop the segment."
        t.recv(seg(RST).seq(300));
        t.recv(seg(RST).seq(301 + 65535));
        t.recv(seg(RST).seq(301u32.wrapping_sub(70_000)));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::Established);
        assert!(t.errors().is_empty());
    }

    #[test]
    fn established_rst_after_data_must_match_the_new_rcv_nxt() {
        let mut t = established();
        t.recv(seg(ACK).seq(301).ack(101).data(b"12345"));
        t.assert_sent(seg(ACK).seq(101).ack(306));
        t.recv(seg(RST).seq(301));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::Established, "301 is below the window now");
        t.recv(seg(RST).seq(306));
        assert_eq!(t.state(), State::Closed);
    }

    #[test]
    fn established_rst_discards_queued_data() {
        let mut t = established();
        t.ep.send(t.now, b"never acknowledged").unwrap();
        t.take_sent();
        t.recv(seg(RST).seq(301));
        assert_eq!(t.state(), State::Closed);
        // "All segment queues should be flushed": nothing is retransmitted.
        t.advance(secs(120));
        t.assert_nothing_sent();
    }
}

/// "CLOSING STATE, LAST-ACK STATE, TIME-WAIT STATE: If the RST bit is set, then
/// enter the CLOSED state, delete the TCB, and return." No user signal.
mod closing_states {
    use super::*;

    fn rst_exact(state: State, rcv_nxt: u32) {
        let mut t = in_state(state);
        t.recv(seg(RST).seq(rcv_nxt));
        assert_eq!(t.state(), State::Closed, "RST in {state}");
        assert!(t.errors().is_empty(), "RST in {state}");
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn closing_rst_enters_closed() {
        rst_exact(State::Closing, 302);
    }

    #[test]
    fn last_ack_rst_enters_closed() {
        rst_exact(State::LastAck, 302);
    }

    #[test]
    fn time_wait_rst_enters_closed() {
        // Deliberate: RFC 9293's text, not RFC 1337's "ignore RST in TIME-WAIT".
        rst_exact(State::TimeWait, 302);
    }

    #[test]
    fn time_wait_rst_in_window_not_exact_gets_challenge_ack() {
        let mut t = time_wait();
        t.recv(seg(RST).seq(310));
        t.assert_sent_for(seg(ACK).seq(102).ack(302), SendReason::ChallengeAck);
        assert_eq!(t.state(), State::TimeWait);
    }
}

mod syn_in_synchronized_states {
    use super::*;

    /// RFC 5961 §4 (§3.10.7.4 fourth): "if the SYN bit is set, irrespective of the
    /// sequence number, TCP endpoints MUST send a 'challenge ACK'".
    #[test]
    fn synchronized_syn_gets_challenge_ack_in_every_state() {
        let cases = [
            (State::Established, 101u32, 301u32),
            (State::FinWait1, 102, 301),
            (State::FinWait2, 102, 301),
            (State::CloseWait, 101, 302),
            (State::Closing, 102, 302),
            (State::LastAck, 102, 302),
            (State::TimeWait, 102, 302),
        ];
        for (state, snd_nxt, rcv_nxt) in cases {
            for syn_seq in [rcv_nxt, rcv_nxt + 1000, rcv_nxt.wrapping_sub(1)] {
                let mut t = in_state(state);
                t.recv(seg(SYN).seq(syn_seq));
                let ack = t.pop_sent();
                assert_eq!(ack.segment.flags, ACK, "SYN seq={syn_seq} in {state}");
                assert_eq!(ack.segment.seq.0, snd_nxt, "SYN in {state}");
                assert_eq!(ack.segment.ack.0, rcv_nxt, "SYN in {state}");
                t.assert_nothing_sent();
                assert_eq!(t.state(), state, "a SYN does not reset {state}");
                assert!(t.errors().is_empty());
            }
        }
    }

    #[test]
    fn established_syn_ack_in_window_gets_challenge_ack_not_reset() {
        let mut t = established();
        t.recv(seg(SYN | ACK).seq(500).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(301));
        assert_eq!(t.state(), State::Established);
    }
}

mod abort {
    use super::*;

    #[test]
    fn synchronized_abort_sends_rst_at_snd_nxt() {
        // §3.10.5: "SYN-RECEIVED ... CLOSE-WAIT STATE: Send a reset segment:
        // <SEQ=SND.NXT><CTL=RST>"
        let cases = [
            (State::SynReceived, 101),
            (State::Established, 101),
            (State::FinWait1, 102),
            (State::FinWait2, 102),
            (State::CloseWait, 101),
        ];
        for (state, snd_nxt) in cases {
            let mut t = in_state(state);
            t.abort().unwrap();
            t.assert_sent_for(seg(RST).seq(snd_nxt), SendReason::Reset(ResetReason::Abort));
            t.assert_nothing_sent();
            assert_eq!(t.state(), State::Closed, "abort in {state}");
            assert_eq!(t.timeout_in(), None, "abort in {state} flushes all queues");
        }
    }

    #[test]
    fn abort_with_unsent_data_sends_only_the_rst() {
        let mut t = established();
        // "all segments queued for transmission (except for the RST formed above) or
        // retransmission should be flushed"
        t.ep.send(t.now, b"queued").unwrap();
        t.abort().unwrap();
        t.assert_sent(seg(RST).seq(101));
        t.assert_nothing_sent();
    }

    #[test]
    fn unsynchronized_and_closing_abort_sends_nothing() {
        // §3.10.5: LISTEN, SYN-SENT: "Delete the TCB, enter CLOSED state";
        // CLOSING, LAST-ACK, TIME-WAIT: "Respond with 'ok' and delete the TCB".
        for state in [
            State::Listen,
            State::SynSent,
            State::Closing,
            State::LastAck,
            State::TimeWait,
        ] {
            let mut t = in_state(state);
            t.abort().unwrap();
            t.assert_nothing_sent();
            assert_eq!(t.state(), State::Closed, "abort in {state}");
            assert_eq!(t.timeout_in(), None);
        }
    }
}

mod strangers {
    use super::*;

    #[test]
    fn established_segment_from_another_socket_gets_rst() {
        let mut t = established();
        let stranger: std::net::SocketAddr = "10.9.9.9:1234".parse().unwrap();
        let s = seg(ACK)
            .seq(301)
            .ack(101)
            .data(b"hi")
            .build(stranger, local_addr());
        t.recv_segment(&s);
        // Not this connection: answered as in CLOSED (§3.10.7.1).
        let rst = t.take_sent();
        assert_eq!(rst.len(), 1);
        assert_eq!(rst[0].segment.flags, RST);
        assert_eq!(rst[0].segment.seq.0, 101);
        assert_eq!(rst[0].segment.dst, stranger);
        assert_eq!(t.state(), State::Established);
        assert!(t.received.is_empty());
    }

    #[test]
    fn established_rst_from_another_socket_is_ignored() {
        let mut t = established();
        let stranger: std::net::SocketAddr = "10.9.9.9:1234".parse().unwrap();
        t.recv_segment(&seg(RST).seq(301).build(stranger, local_addr()));
        assert_eq!(t.state(), State::Established);
        t.assert_nothing_sent();
    }
}

/// End to end: what the reset does to the other side.
mod pair {
    use super::*;

    #[test]
    fn connect_to_a_closed_port_is_refused() {
        let mut p = Pair::new();
        p.connect(Side::A);
        p.run_until_quiet(secs(10));
        assert_eq!(p.state(Side::A), State::Closed);
        assert_eq!(p.errors(Side::A), [ConnError::Refused]);
        assert_eq!(
            p.path(Side::A),
            [State::Closed, State::SynSent, State::Closed]
        );
        let flags: Vec<_> = p.log.iter().map(|s| s.tx.segment.flags).collect();
        assert_eq!(flags, [SYN, RST | ACK], "{:#?}", p.ladder());
    }

    #[test]
    fn abort_resets_the_peer() {
        let mut p = established_pair(Pair::new());
        p.send(Side::A, b"Hi");
        p.run_for(ms(50));
        p.abort(Side::A);
        p.run_until_quiet(secs(10));
        assert_eq!(p.state(Side::A), State::Closed);
        assert_eq!(p.state(Side::B), State::Closed);
        assert_eq!(p.errors(Side::B), [ConnError::Reset]);
        assert!(p.errors(Side::A).is_empty());
    }

    #[test]
    fn half_open_connection_is_reset_when_the_survivor_sends() {
        // §3.5.1: one side crashed and forgot the connection.
        let mut p = established_pair(Pair::new());
        let (_, b) = pair_addrs();
        p.eps[1] = synack::tcp::Endpoint::new(synack::tcp::EndpointConfig::new(
            b,
            synack::tcp::SeqNumber(9999),
        ));
        p.send(Side::A, b"anyone there?");
        p.run_until_quiet(secs(10));
        assert_eq!(p.state(Side::A), State::Closed);
        assert_eq!(p.errors(Side::A), [ConnError::Reset]);
    }
}
