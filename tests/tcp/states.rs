//! Every transition of the RFC 9293 state diagram (§3.3.2, Figure 5), state by
//! state, driven with segments as §3.10.7 "SEGMENT ARRIVES" describes them.
//! We are the endpoint with ISS 100; the peer's ISS is 300.

use synack_test_support::tcp;

use synack::tcp::{Cause, DiscardReason, Event, Flags, SendReason, State};
use tcp::*;

mod closed {
    use super::*;

    #[test]
    fn closed_listen_enters_listen() {
        let mut t = closed();
        // §3.10.1: "If passive, enter the LISTEN state and return."
        t.listen().unwrap();
        assert_eq!(t.state(), State::Listen);
        t.assert_nothing_sent();
        assert!(t.reported(&Event::StateChanged {
            from: State::Closed,
            to: State::Listen,
            cause: Cause::CallListen
        }));
    }

    #[test]
    fn closed_connect_sends_syn_and_enters_syn_sent() {
        let mut t = closed();
        t.connect().unwrap();
        // §3.10.1: "A SYN segment of the form <SEQ=ISS><CTL=SYN> is sent."
        t.assert_sent_for(seg(SYN).seq(100).mss(1460), SendReason::Open);
        assert_eq!(t.state(), State::SynSent);
        t.assert_nothing_sent();
    }

    #[test]
    fn closed_connect_without_mss_option_when_not_announced() {
        let mut t = Setup::default().config(|c| c.announce_mss = false).closed();
        t.connect().unwrap();
        t.assert_sent(seg(SYN).seq(100).no_options());
    }
}

mod listen {
    use super::*;

    #[test]
    fn listen_syn_sends_syn_ack_and_enters_syn_received() {
        let mut t = listen();
        // §3.10.7.2: "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ...
        // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>"
        t.recv(seg(SYN).seq(300));
        t.assert_sent_for(seg(SYN | ACK).seq(100).ack(301), SendReason::Open);
        assert_eq!(t.state(), State::SynReceived);
        t.assert_nothing_sent();
    }

    #[test]
    fn listen_segment_without_syn_is_dropped() {
        let mut t = listen();
        // §3.10.7.2 fourth: "This should not be reached. Drop the segment and return."
        t.recv(seg(FIN).seq(300));
        t.recv(seg(Flags::NONE).seq(300).data(b"hello"));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::Listen);
        assert!(t.reported(&Event::Discarded(DiscardReason::NotAConnectionRequest)));
    }

    #[test]
    fn listen_syn_ack_is_answered_with_rst() {
        let mut t = listen();
        // §3.10.7.2 second: "Any acknowledgment is bad if it arrives on a connection
        // still in the LISTEN state ... <SEQ=SEG.ACK><CTL=RST>"
        t.recv(seg(SYN | ACK).seq(300).ack(5555));
        t.assert_sent(seg(RST).seq(5555));
        assert_eq!(t.state(), State::Listen);
    }

    #[test]
    fn listen_close_enters_closed() {
        let mut t = listen();
        // §3.10.4: "Delete TCB, enter CLOSED state, and return."
        t.close().unwrap();
        assert_eq!(t.state(), State::Closed);
        t.assert_nothing_sent();
    }

    #[test]
    fn listen_connect_becomes_active_open() {
        let mut t = listen();
        // §3.10.1: "change the connection from passive to active, select an ISS.
        // Send a SYN segment ... Enter SYN-SENT state."
        t.connect().unwrap();
        t.assert_sent(seg(SYN).seq(100));
        assert_eq!(t.state(), State::SynSent);
    }

    #[test]
    fn listen_syn_fills_in_the_remote_socket() {
        let mut t = listen();
        assert_eq!(t.ep.remote(), None);
        // §3.10.7.2: "If the listen was not fully specified ... the unspecified
        // fields should be filled in now."
        t.recv(seg(SYN).seq(300));
        assert_eq!(t.ep.remote(), Some(remote_addr()));
    }
}

mod syn_sent {
    use super::*;

    #[test]
    fn syn_sent_syn_ack_enters_established_and_acks() {
        let mut t = syn_sent();
        // §3.10.7.3: "If SND.UNA > ISS (our SYN has been ACKed), change the connection
        // state to ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        t.assert_sent_for(seg(ACK).seq(101).ack(301), SendReason::Ack);
        assert_eq!(t.state(), State::Established);
        assert!(t.reported(&Event::StateChanged {
            from: State::SynSent,
            to: State::Established,
            cause: Cause::RecvSynAck
        }));
        // The SYN is acknowledged: no retransmission timer is left running.
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn syn_sent_syn_enters_syn_received_and_sends_syn_ack() {
        let mut t = syn_sent();
        // §3.10.7.3: "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
        // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>"
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        assert_eq!(t.state(), State::SynReceived);
    }

    #[test]
    fn syn_sent_ack_without_syn_is_dropped() {
        let mut t = syn_sent();
        // §3.10.7.3 fifth: "if neither of the SYN or RST bits is set, then drop the
        // segment and return."
        t.recv(seg(ACK).seq(300).ack(101));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::SynSent);
    }

    #[test]
    fn syn_sent_ack_at_or_below_iss_is_answered_with_rst() {
        let mut t = syn_sent();
        // §3.10.7.3: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset ...
        // <SEQ=SEG.ACK><CTL=RST>"
        t.recv(seg(SYN | ACK).seq(300).ack(100));
        t.assert_sent(seg(RST).seq(100));
        t.recv(seg(ACK).seq(300).ack(50));
        t.assert_sent(seg(RST).seq(50));
        assert_eq!(t.state(), State::SynSent);
    }

    #[test]
    fn syn_sent_ack_beyond_snd_nxt_is_answered_with_rst() {
        let mut t = syn_sent();
        // §3.10.7.3: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset"
        t.recv(seg(SYN | ACK).seq(300).ack(102));
        t.assert_sent_for(
            seg(RST).seq(102),
            SendReason::Reset(synack::tcp::ResetReason::UnacceptableAck),
        );
        assert_eq!(t.state(), State::SynSent);
        // The real SYN,ACK still completes the handshake.
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(301));
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn syn_sent_close_enters_closed() {
        let mut t = syn_sent();
        // §3.10.4: "Delete the TCB and return 'error: closing' responses"
        t.close().unwrap();
        assert_eq!(t.state(), State::Closed);
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None, "no SYN is retransmitted after close");
    }

    #[test]
    fn syn_sent_syn_ack_window_is_not_scaled() {
        let mut t = Setup::default()
            .config(|c| c.window_scale = Some(2))
            .peer_options(|s| s.wscale(3))
            .syn_sent();
        // RFC 7323 §2.2: "The window field in a segment where the SYN bit is set
        // (i.e., a <SYN> or <SYN,ACK>) MUST NOT be scaled."
        t.recv(seg(SYN | ACK).seq(300).ack(101).win(1000).wscale(3));
        assert_eq!(t.ep.windows().0, 1000);
    }

    #[test]
    fn syn_sent_syn_ack_with_data_delivers_it() {
        let mut t = syn_sent();
        // §3.10.7.3: "If there are other controls or text in the segment, then
        // continue processing at the sixth step under Section 3.10.7.4"
        t.recv(seg(SYN | ACK).seq(300).ack(101).data(b"early"));
        assert_eq!(t.state(), State::Established);
        assert_eq!(t.received, b"early");
        let acks = t.take_sent();
        let last = acks.last().expect("the SYN,ACK is acknowledged");
        assert_eq!(last.segment.ack.0, 306, "the ACK covers the data");
    }

    #[test]
    fn syn_sent_syn_ack_with_fin_enters_close_wait() {
        let mut t = syn_sent();
        // §3.10.7.3 then §3.10.7.4 eighth: "ESTABLISHED STATE: Enter the
        // CLOSE-WAIT state."
        t.recv(seg(SYN | ACK | FIN).seq(300).ack(101));
        assert_eq!(t.state(), State::CloseWait);
        let acks = t.take_sent();
        assert_eq!(acks.last().unwrap().segment.ack.0, 302);
    }
}

mod syn_received {
    use super::*;

    #[test]
    fn syn_received_ack_enters_established() {
        let mut t = syn_received();
        // §3.10.7.4 fifth: "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED"
        t.recv(seg(ACK).seq(301).ack(101));
        assert_eq!(t.state(), State::Established);
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None, "the SYN,ACK is acknowledged");
    }

    #[test]
    fn syn_received_ack_sets_the_send_window() {
        let mut t = syn_received();
        // §3.10.7.4: "SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK"
        t.recv(seg(ACK).seq(301).ack(101).win(1234));
        assert_eq!(t.ep.windows().0, 1234);
    }

    #[test]
    fn syn_received_bad_ack_is_answered_with_rst() {
        let mut t = syn_received();
        // §3.10.7.4 fifth: "If the segment acknowledgment is not acceptable, form a
        // reset segment <SEQ=SEG.ACK><CTL=RST>"
        t.recv(seg(ACK).seq(301).ack(500));
        t.assert_sent(seg(RST).seq(500));
        t.recv(seg(ACK).seq(301).ack(100));
        t.assert_sent(seg(RST).seq(100));
        assert_eq!(t.state(), State::SynReceived);
    }

    #[test]
    fn syn_received_ack_with_data_delivers_it() {
        let mut t = syn_received();
        t.recv(seg(ACK | PSH).seq(301).ack(101).data(b"GET /"));
        assert_eq!(t.state(), State::Established);
        assert_eq!(t.received, b"GET /");
        t.assert_sent(seg(ACK).seq(101).ack(306));
    }

    #[test]
    fn syn_received_ack_with_fin_enters_close_wait() {
        let mut t = syn_received();
        // §3.10.7.4 eighth: "SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the
        // CLOSE-WAIT state."
        t.recv(seg(ACK | FIN).seq(301).ack(101));
        assert_eq!(t.state(), State::CloseWait);
        t.assert_sent(seg(ACK).seq(101).ack(302));
    }

    #[test]
    fn syn_received_segment_without_ack_is_dropped() {
        let mut t = syn_received();
        // §3.10.7.4 fifth: "if the ACK bit is off, drop the segment and return"
        t.recv(seg(PSH).seq(301).data(b"x"));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::SynReceived);
        assert!(t.received.is_empty());
    }

    #[test]
    fn syn_received_repeated_syn_resends_syn_ack() {
        let mut t = syn_received();
        // Deliberate (what Linux does): the peer's SYN again means our SYN,ACK was
        // lost, so it is sent again at once rather than a bare ACK.
        t.recv(seg(SYN).seq(300));
        let again = t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        assert!(again.retransmission);
        assert_eq!(t.state(), State::SynReceived);
    }

    #[test]
    fn syn_received_new_syn_returns_passive_open_to_listen() {
        let mut t = syn_received();
        // §3.10.7.4 fourth: "If the connection was initiated with a passive OPEN,
        // then return this connection to the LISTEN state and return."
        t.recv(seg(SYN).seq(350));
        assert_eq!(t.state(), State::Listen);
        t.assert_nothing_sent();
        // And it listens: a fresh SYN is accepted.
        t.recv(seg(SYN).seq(7000));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(7001));
    }

    #[test]
    fn syn_received_out_of_window_segment_gets_ack() {
        let mut t = syn_received();
        // §3.10.7.4 first: "If an incoming segment is not acceptable, an
        // acknowledgment should be sent in reply"
        t.recv(seg(ACK).seq(301 + 70_000).ack(101));
        let ack = t.pop_sent();
        assert_eq!(ack.segment.flags, ACK);
        assert_eq!(ack.segment.ack.0, 301);
        assert_eq!(t.state(), State::SynReceived);
    }

    #[test]
    fn syn_received_close_sends_fin_and_enters_fin_wait_1() {
        let mut t = syn_received();
        // §3.10.4: "If no SENDs have been issued and there is no pending data to
        // send, then form a FIN segment and send it, and enter FIN-WAIT-1 state"
        t.close().unwrap();
        assert_eq!(t.state(), State::FinWait1);
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        // The handshake still completes, and the FIN's ACK leads on.
        t.recv(seg(ACK).seq(301).ack(102));
        assert_eq!(t.state(), State::FinWait2);
    }

    #[test]
    fn syn_received_close_before_the_syn_ack_left_still_sends_it_first() {
        let mut t = listen();
        t.ep.handle_segment(t.now, &seg(SYN).seq(300).build(remote_addr(), local_addr()));
        // The application closes before the SYN,ACK was polled out.
        t.ep.close(t.now).unwrap();
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
    }

    #[test]
    fn syn_received_close_then_timeout_retransmits_the_syn_ack() {
        let mut t = syn_received();
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        // Both were lost. §3.10.8: "send the segment at the front of the
        // retransmission queue again" — that is the SYN,ACK, not a FIN at ISS.
        t.fire_timer();
        let first = t.pop_sent();
        assert_eq!(first.segment.flags, SYN | ACK, "{}", show(&first.segment));
        assert_eq!(first.segment.seq.0, 100);
        assert!(first.retransmission);
    }

    #[test]
    fn syn_received_close_then_repeated_syn_resends_the_syn_ack() {
        let mut t = syn_received();
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        // The peer never got our SYN,ACK and sends its SYN again.
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        t.recv(seg(ACK).seq(301).ack(102));
        assert_eq!(t.state(), State::FinWait2);
    }

    #[test]
    fn syn_received_simultaneous_syn_ack_enters_established() {
        let mut t = syn_sent();
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        // RFC 9293 Figure 7, line 6: "ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK>"
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        assert_eq!(t.state(), State::Established);
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn syn_received_simultaneous_open_plain_ack_enters_established() {
        let mut t = syn_sent();
        t.recv(seg(SYN).seq(300));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(301));
        t.recv(seg(ACK).seq(301).ack(101));
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn syn_received_send_is_queued_until_established() {
        let mut t = syn_received();
        // §3.10.2: "Queue the data for transmission after entering ESTABLISHED state."
        assert_eq!(t.send(b"hi").unwrap(), 2);
        t.assert_nothing_sent();
        t.recv(seg(ACK).seq(301).ack(101));
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"hi"));
    }
}

mod established {
    use super::*;

    #[test]
    fn established_send_transmits_data_with_ack() {
        let mut t = established();
        // §3.10.2: "Segmentize the buffer and send it with a piggybacked
        // acknowledgment (acknowledgment value = RCV.NXT)."
        t.send(b"Hello").unwrap();
        t.assert_sent_for(
            seg(ACK | PSH).seq(101).ack(301).data(b"Hello"),
            SendReason::Data,
        );
        t.recv(seg(ACK).seq(301).ack(106));
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None);
    }

    #[test]
    fn established_data_is_delivered_and_acked() {
        let mut t = established();
        // §3.10.7.4 seventh: "Send an acknowledgment of the form:
        // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>"
        t.recv(seg(ACK | PSH).seq(301).ack(101).data(b"Hi"));
        assert_eq!(t.received, b"Hi");
        t.assert_sent_for(seg(ACK).seq(101).ack(303), SendReason::Ack);
    }

    #[test]
    fn established_close_sends_fin_and_enters_fin_wait_1() {
        let mut t = established();
        // §3.10.4: "form a FIN segment and send it. In any case, enter FIN-WAIT-1"
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        assert_eq!(t.state(), State::FinWait1);
    }

    #[test]
    fn established_close_sends_queued_data_before_the_fin() {
        let mut t = established();
        // Both calls before anything is polled out.
        t.ep.send(t.now, b"bye").unwrap();
        t.ep.close(t.now).unwrap();
        // §3.10.4: "Queue this until all preceding SENDs have been segmentized,
        // then form a FIN segment and send it." (Here in the same segment.)
        t.assert_sent(seg(ACK | PSH | FIN).seq(101).ack(301).data(b"bye"));
    }

    #[test]
    fn established_fin_enters_close_wait_and_acks() {
        let mut t = established();
        // §3.10.7.4 eighth: "advance RCV.NXT over the FIN, and send an
        // acknowledgment for the FIN ... Enter the CLOSE-WAIT state."
        t.recv(seg(FIN | ACK).seq(301).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(302));
        assert_eq!(t.state(), State::CloseWait);
        assert!(t.reported(&Event::StateChanged {
            from: State::Established,
            to: State::CloseWait,
            cause: Cause::RecvFin
        }));
    }

    #[test]
    fn established_fin_with_data_delivers_then_enters_close_wait() {
        let mut t = established();
        t.recv(seg(FIN | ACK | PSH).seq(301).ack(101).data(b"last"));
        assert_eq!(t.received, b"last");
        t.assert_sent(seg(ACK).seq(101).ack(306));
        assert_eq!(t.state(), State::CloseWait);
    }

    #[test]
    fn established_fin_after_a_gap_waits_for_the_gap() {
        let mut t = established();
        // §3.10.7.4: "Segments with higher beginning sequence numbers SHOULD be held
        // for later processing"
        t.recv(seg(FIN | ACK).seq(304).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(301));
        assert_eq!(t.state(), State::Established);
        t.recv(seg(ACK).seq(301).ack(101).data(b"abc"));
        assert_eq!(t.received, b"abc");
        t.assert_sent(seg(ACK).seq(101).ack(305));
        assert_eq!(t.state(), State::CloseWait);
    }

    #[test]
    fn established_ack_of_unsent_data_gets_ack_and_is_dropped() {
        let mut t = established();
        // §3.10.7.4 fifth: "If the ACK acks something not yet sent (SEG.ACK >
        // SND.NXT), then send an ACK, drop the segment, and return."
        t.recv(seg(ACK).seq(301).ack(200).data(b"zz"));
        t.assert_sent(seg(ACK).seq(101).ack(301));
        assert!(t.received.is_empty(), "the segment's text is dropped too");
    }

    #[test]
    fn established_old_duplicate_segment_gets_ack() {
        let mut t = established();
        t.recv(seg(ACK).seq(301).ack(101).data(b"abc"));
        t.assert_sent(seg(ACK).seq(101).ack(304));
        // The same segment again: entirely below RCV.NXT, so not acceptable.
        t.recv(seg(ACK).seq(301).ack(101).data(b"abc"));
        t.assert_sent_for(seg(ACK).seq(101).ack(304), SendReason::DuplicateAck);
        assert_eq!(t.received, b"abc", "nothing is delivered twice");
    }

    #[test]
    fn established_segment_straddling_rcv_nxt_delivers_only_new_bytes() {
        let mut t = established();
        t.recv(seg(ACK).seq(301).ack(101).data(b"abc"));
        t.assert_sent(seg(ACK).seq(101).ack(304));
        // §3.10.7.4: "If a segment's contents straddle the boundary between old and
        // new, only the new parts are processed."
        t.recv(seg(ACK).seq(302).ack(101).data(b"bcdef"));
        assert_eq!(t.received, b"abcdef");
        t.assert_sent(seg(ACK).seq(101).ack(307));
    }

    #[test]
    fn established_segment_without_ack_is_dropped() {
        let mut t = established();
        // §3.10.7.4 fifth: "if the ACK bit is off, drop the segment and return"
        t.recv(seg(PSH).seq(301).data(b"x"));
        t.assert_nothing_sent();
        assert!(t.received.is_empty());
    }

    #[test]
    fn established_duplicate_ack_is_ignored() {
        let mut t = established();
        // §3.10.7.4: "If the ACK is a duplicate (SEG.ACK =< SND.UNA), it can be ignored."
        t.recv(seg(ACK).seq(301).ack(101));
        t.assert_nothing_sent();
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn established_window_update_from_newer_segment_is_taken() {
        let mut t = established();
        // §3.10.7.4: "If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =<
        // SEG.ACK)), set SND.WND <- SEG.WND"
        t.recv(seg(ACK).seq(301).ack(101).win(4000));
        assert_eq!(t.ep.windows().0, 4000);
        t.recv(seg(ACK).seq(301).ack(101).data(b"x").win(3000));
        assert_eq!(t.ep.windows().0, 3000);
    }

    #[test]
    fn established_window_from_older_segment_is_ignored() {
        let mut t = established();
        t.recv(seg(ACK).seq(301).ack(101).data(b"abcd").win(5000));
        t.assert_sent(seg(ACK).seq(101).ack(305));
        t.recv(seg(ACK).seq(305).ack(101).win(100));
        assert_eq!(t.ep.windows().0, 100);
        // An acceptable segment older than the one that set the window (SEG.SEQ <
        // SND.WL1): "The check here prevents using old segments to update the window."
        t.recv(seg(ACK).seq(303).ack(101).data(b"cdef").win(9999));
        assert_eq!(t.received, b"abcdef");
        assert_eq!(t.ep.windows().0, 100);
    }

    #[test]
    fn established_syn_gets_challenge_ack() {
        let mut t = established();
        // §3.10.7.4 fourth (RFC 5961 §4): "if the SYN bit is set, irrespective of the
        // sequence number, TCP endpoints MUST send a 'challenge ACK'"
        t.recv(seg(SYN).seq(301));
        t.assert_sent_for(seg(ACK).seq(101).ack(301), SendReason::ChallengeAck);
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn established_retransmitted_syn_ack_gets_the_lost_ack_again() {
        let mut t = established();
        // Our ACK of the SYN,ACK was lost and the peer resends its SYN,ACK: it lies
        // below RCV.NXT, so "an acknowledgment should be sent in reply", which
        // completes the peer's handshake.
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(301));
        assert_eq!(t.state(), State::Established);
    }

    #[test]
    fn established_has_no_timer_when_idle() {
        let mut t = established();
        assert_eq!(t.timeout_in(), None);
        t.advance(secs(3600));
        assert_eq!(t.state(), State::Established);
        t.assert_nothing_sent();
    }
}

mod fin_wait_1 {
    use super::*;

    #[test]
    fn fin_wait_1_ack_of_fin_enters_fin_wait_2() {
        let mut t = fin_wait_1();
        // §3.10.7.4 fifth: "if the FIN segment is now acknowledged, then enter
        // FIN-WAIT-2 and continue processing in that state."
        t.recv(seg(ACK).seq(301).ack(102));
        assert_eq!(t.state(), State::FinWait2);
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None, "nothing left to retransmit");
    }

    #[test]
    fn fin_wait_1_ack_of_data_only_stays() {
        let mut t = established();
        t.ep.send(t.now, b"data").unwrap();
        t.ep.close(t.now).unwrap();
        t.assert_sent(seg(ACK | PSH | FIN).seq(101).ack(301).data(b"data"));
        t.recv(seg(ACK).seq(301).ack(105));
        assert_eq!(
            t.state(),
            State::FinWait1,
            "the FIN (seq 105) is not acked yet"
        );
        t.recv(seg(ACK).seq(301).ack(106));
        assert_eq!(t.state(), State::FinWait2);
    }

    #[test]
    fn fin_wait_1_fin_enters_closing() {
        let mut t = fin_wait_1();
        // §3.10.7.4 eighth: "If our FIN has been ACKed (perhaps in this segment), then
        // enter TIME-WAIT ... otherwise, enter the CLOSING state."
        t.recv(seg(FIN | ACK).seq(301).ack(101));
        t.assert_sent(seg(ACK).seq(102).ack(302));
        assert_eq!(t.state(), State::Closing);
    }

    #[test]
    fn fin_wait_1_fin_that_acks_our_fin_enters_time_wait() {
        let mut t = fin_wait_1();
        // Deliberate, and §3.10.7.4 eighth: "If our FIN has been ACKed (perhaps in
        // this segment), then enter TIME-WAIT, start the time-wait timer"
        t.recv(seg(FIN | ACK).seq(301).ack(102));
        t.assert_sent(seg(ACK).seq(102).ack(302));
        assert_eq!(t.state(), State::TimeWait);
        assert_eq!(
            t.states_entered(),
            [State::TimeWait],
            "straight to TIME-WAIT, not through FIN-WAIT-2"
        );
        assert_eq!(t.timeout_in(), Some(secs(60)));
    }

    #[test]
    fn fin_wait_1_fin_after_a_gap_only_acks_our_fin() {
        let mut t = fin_wait_1();
        t.recv(seg(FIN | ACK).seq(305).ack(102));
        assert_eq!(t.state(), State::FinWait2, "our FIN is acked; theirs waits");
        t.assert_sent(seg(ACK).seq(102).ack(301));
        t.recv(seg(ACK).seq(301).ack(102).data(b"wxyz"));
        assert_eq!(t.state(), State::TimeWait);
        assert_eq!(t.received, b"wxyz");
        t.assert_sent(seg(ACK).seq(102).ack(306));
    }

    #[test]
    fn fin_wait_1_data_is_still_received() {
        let mut t = fin_wait_1();
        // §3.10.7.4 seventh: ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 process the text.
        t.recv(seg(ACK | PSH).seq(301).ack(101).data(b"more"));
        assert_eq!(t.received, b"more");
        t.assert_sent(seg(ACK).seq(102).ack(305));
        assert_eq!(t.state(), State::FinWait1);
    }

    #[test]
    fn fin_wait_1_fin_is_retransmitted_on_timeout() {
        let mut t = fin_wait_1();
        assert_eq!(t.fire_timer(), secs(1));
        let again = t.assert_sent(seg(FIN | ACK).seq(101).ack(301));
        assert!(again.retransmission);
        assert_eq!(t.state(), State::FinWait1);
    }
}

mod fin_wait_2 {
    use super::*;

    #[test]
    fn fin_wait_2_fin_enters_time_wait() {
        let mut t = fin_wait_2();
        // §3.10.7.4 eighth: "FIN-WAIT-2 STATE: Enter the TIME-WAIT state. Start the
        // time-wait timer, turn off the other timers."
        t.recv(seg(FIN | ACK).seq(301).ack(102));
        t.assert_sent(seg(ACK).seq(102).ack(302));
        assert_eq!(t.state(), State::TimeWait);
        assert_eq!(t.timeout_in(), Some(secs(60)));
    }

    #[test]
    fn fin_wait_2_data_is_still_delivered() {
        let mut t = fin_wait_2();
        // A half-closed connection (§3.6.1): we said FIN, the peer still talks.
        t.recv(seg(ACK | PSH).seq(301).ack(102).data(b"still here"));
        assert_eq!(t.received, b"still here");
        t.assert_sent(seg(ACK).seq(102).ack(311));
        assert_eq!(t.state(), State::FinWait2);
        t.recv(seg(FIN | ACK).seq(311).ack(102));
        t.assert_sent(seg(ACK).seq(102).ack(312));
        assert_eq!(t.state(), State::TimeWait);
    }

    #[test]
    fn fin_wait_2_waits_without_timers() {
        let mut t = fin_wait_2();
        // RFC 9293 has no FIN-WAIT-2 timeout (Linux's tcp_fin_timeout is its own):
        // the peer may keep its half open as long as it likes.
        assert_eq!(t.timeout_in(), None);
        t.advance(secs(3600));
        assert_eq!(t.state(), State::FinWait2);
        t.assert_nothing_sent();
    }
}

mod close_wait {
    use super::*;

    #[test]
    fn close_wait_close_sends_fin_and_enters_last_ack() {
        let mut t = close_wait();
        // §3.10.4: "then send a FIN segment, enter LAST-ACK state."
        t.close().unwrap();
        t.assert_sent(seg(FIN | ACK).seq(101).ack(302));
        assert_eq!(t.state(), State::LastAck);
    }

    #[test]
    fn close_wait_send_still_transmits() {
        let mut t = close_wait();
        // §3.10.2: "ESTABLISHED STATE, CLOSE-WAIT STATE: Segmentize the buffer and send it"
        t.send(b"reply").unwrap();
        t.assert_sent(seg(ACK | PSH).seq(101).ack(302).data(b"reply"));
        t.recv(seg(ACK).seq(302).ack(106));
        assert_eq!(t.state(), State::CloseWait);
    }

    #[test]
    fn close_wait_retransmitted_fin_gets_ack() {
        let mut t = close_wait();
        // The peer missed our ACK and sends its FIN again: below RCV.NXT, so "an
        // acknowledgment should be sent in reply".
        t.recv(seg(FIN | ACK).seq(301).ack(101));
        t.assert_sent(seg(ACK).seq(101).ack(302));
        assert_eq!(t.state(), State::CloseWait);
    }

    #[test]
    fn close_wait_text_is_ignored() {
        let mut t = close_wait();
        // §3.10.7.4 seventh: "This should not occur since a FIN has been received
        // from the remote side. Ignore the segment text."
        t.recv(seg(ACK).seq(302).ack(101).data(b"ghost"));
        assert!(t.received.is_empty());
        assert_eq!(t.state(), State::CloseWait);
    }
}

mod closing {
    use super::*;

    #[test]
    fn closing_ack_of_fin_enters_time_wait() {
        let mut t = closing();
        // §3.10.7.4 fifth: "if the ACK acknowledges our FIN, then enter the
        // TIME-WAIT state"
        t.recv(seg(ACK).seq(302).ack(102));
        assert_eq!(t.state(), State::TimeWait);
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), Some(secs(60)));
    }

    #[test]
    fn closing_ack_short_of_our_fin_is_ignored() {
        let mut t = closing();
        // "otherwise, ignore the segment."
        t.recv(seg(ACK).seq(302).ack(101));
        assert_eq!(t.state(), State::Closing);
        t.assert_nothing_sent();
    }

    #[test]
    fn closing_retransmitted_fin_gets_ack() {
        let mut t = closing();
        t.recv(seg(FIN | ACK).seq(301).ack(101));
        t.assert_sent(seg(ACK).seq(102).ack(302));
        assert_eq!(t.state(), State::Closing);
    }

    #[test]
    fn closing_fin_is_retransmitted_on_timeout() {
        let mut t = closing();
        t.fire_timer();
        let again = t.assert_sent(seg(FIN | ACK).seq(101).ack(302));
        assert!(again.retransmission);
        assert_eq!(t.state(), State::Closing);
    }
}

mod last_ack {
    use super::*;

    #[test]
    fn last_ack_ack_of_fin_enters_closed() {
        let mut t = last_ack();
        // §3.10.7.4 fifth: "If our FIN is now acknowledged, delete the TCB, enter the
        // CLOSED state, and return."
        t.recv(seg(ACK).seq(302).ack(102));
        assert_eq!(t.state(), State::Closed);
        t.assert_nothing_sent();
        assert_eq!(t.timeout_in(), None);
        assert!(t.errors().is_empty());
    }

    #[test]
    fn last_ack_ack_short_of_our_fin_stays() {
        let mut t = last_ack();
        t.recv(seg(ACK).seq(302).ack(101));
        assert_eq!(t.state(), State::LastAck);
    }

    #[test]
    fn last_ack_retransmitted_fin_gets_ack() {
        let mut t = last_ack();
        // The peer did not get our ACK of its FIN and sends it again.
        t.recv(seg(FIN | ACK).seq(301).ack(101));
        t.assert_sent(seg(ACK).seq(102).ack(302));
        assert_eq!(t.state(), State::LastAck);
    }

    #[test]
    fn last_ack_fin_is_retransmitted_on_timeout() {
        let mut t = last_ack();
        t.fire_timer();
        let again = t.assert_sent(seg(FIN | ACK).seq(101).ack(302));
        assert!(again.retransmission);
        t.recv(seg(ACK).seq(302).ack(102));
        assert_eq!(t.state(), State::Closed);
    }
}

mod time_wait {
    use super::*;

    #[test]
    fn time_wait_expires_after_2msl_into_closed() {
        let mut t = time_wait();
        // §3.10.8: "If the time-wait timeout expires on a connection, delete the TCB,
        // enter the CLOSED state, and return." (MSL 30 s here: 2 MSL = 60 s.)
        t.advance(secs(60) - ms(1));
        assert_eq!(t.state(), State::TimeWait);
        t.advance(ms(1));
        assert_eq!(t.state(), State::Closed);
        assert!(t.reported(&Event::StateChanged {
            from: State::TimeWait,
            to: State::Closed,
            cause: Cause::TimeWaitExpired
        }));
        t.assert_nothing_sent();
    }

    #[test]
    fn time_wait_lasts_twice_the_configured_msl() {
        let mut t = Setup::default().config(|c| c.msl = secs(2)).time_wait();
        assert_eq!(t.fire_timer(), secs(4));
        assert_eq!(t.state(), State::Closed);
    }

    #[test]
    fn time_wait_retransmitted_fin_is_acked_and_restarts_the_timer() {
        let mut t = time_wait();
        t.advance(secs(40));
        // §3.10.7.4 eighth: "TIME-WAIT STATE: Remain in the TIME-WAIT state. Restart
        // the 2 MSL time-wait timeout."
        t.recv(seg(FIN | ACK).seq(301).ack(102));
        t.assert_sent(seg(ACK).seq(102).ack(302));
        assert_eq!(t.state(), State::TimeWait);
        assert_eq!(t.timeout_in(), Some(secs(60)));
        t.advance(secs(59));
        assert_eq!(t.state(), State::TimeWait);
        t.advance(secs(1));
        assert_eq!(t.state(), State::Closed);
    }

    #[test]
    fn time_wait_retransmitted_data_and_fin_is_acked() {
        let mut t = fin_wait_2();
        t.recv(seg(FIN | ACK).seq(301).ack(102).data(b"bye"));
        t.assert_sent(seg(ACK).seq(102).ack(305));
        assert_eq!(t.state(), State::TimeWait);
        t.advance(secs(10));
        t.recv(seg(FIN | ACK).seq(301).ack(102).data(b"bye"));
        t.assert_sent(seg(ACK).seq(102).ack(305));
        assert_eq!(t.timeout_in(), Some(secs(60)));
        assert_eq!(t.received, b"bye");
    }

    #[test]
    fn time_wait_syn_gets_challenge_ack() {
        let mut t = time_wait();
        // §3.10.7.4 fourth: TIME-WAIT is a synchronized state; RFC 5961 §4.
        t.recv(seg(SYN).seq(302));
        t.assert_sent(seg(ACK).seq(102).ack(302));
        assert_eq!(t.state(), State::TimeWait);
    }

    #[test]
    fn time_wait_then_closed_answers_with_rst() {
        let mut t = time_wait();
        t.advance(secs(60));
        assert_eq!(t.state(), State::Closed);
        // §3.10.7.1: the TCB is gone, so the peer's late segment meets a RST.
        t.recv(seg(ACK).seq(302).ack(102));
        t.assert_sent(seg(RST).seq(102));
    }
}

/// The RFC's state diagram, arrow by arrow, as one table: each row reaches a
/// state, does one thing, and checks the state it lands in.
#[test]
fn every_arrow_of_the_state_diagram_is_taken() {
    type Step = fn(&mut Tcb);
    let arrows: [(&str, State, Step, State); 16] = [
        (
            "passive OPEN",
            State::Closed,
            |t| t.listen().unwrap(),
            State::Listen,
        ),
        (
            "active OPEN",
            State::Closed,
            |t| t.connect().unwrap(),
            State::SynSent,
        ),
        (
            "rcv SYN",
            State::Listen,
            |t| t.recv(seg(SYN).seq(300)),
            State::SynReceived,
        ),
        (
            "SEND",
            State::Listen,
            |t| t.connect().unwrap(),
            State::SynSent,
        ),
        (
            "CLOSE",
            State::Listen,
            |t| t.close().unwrap(),
            State::Closed,
        ),
        (
            "rcv SYN (simultaneous)",
            State::SynSent,
            |t| t.recv(seg(SYN).seq(300)),
            State::SynReceived,
        ),
        (
            "rcv SYN,ACK",
            State::SynSent,
            |t| t.recv(seg(SYN | ACK).seq(300).ack(101)),
            State::Established,
        ),
        (
            "CLOSE",
            State::SynSent,
            |t| t.close().unwrap(),
            State::Closed,
        ),
        (
            "rcv ACK of SYN",
            State::SynReceived,
            |t| t.recv(seg(ACK).seq(301).ack(101)),
            State::Established,
        ),
        (
            "CLOSE",
            State::SynReceived,
            |t| t.close().unwrap(),
            State::FinWait1,
        ),
        (
            "CLOSE",
            State::Established,
            |t| t.close().unwrap(),
            State::FinWait1,
        ),
        (
            "rcv FIN",
            State::Established,
            |t| t.recv(seg(FIN | ACK).seq(301).ack(101)),
            State::CloseWait,
        ),
        (
            "rcv ACK of FIN",
            State::FinWait1,
            |t| t.recv(seg(ACK).seq(301).ack(102)),
            State::FinWait2,
        ),
        (
            "rcv FIN",
            State::FinWait1,
            |t| t.recv(seg(FIN | ACK).seq(301).ack(101)),
            State::Closing,
        ),
        (
            "rcv FIN",
            State::FinWait2,
            |t| t.recv(seg(FIN | ACK).seq(301).ack(102)),
            State::TimeWait,
        ),
        (
            "CLOSE",
            State::CloseWait,
            |t| t.close().unwrap(),
            State::LastAck,
        ),
    ];
    for (what, from, step, to) in arrows {
        let mut t = in_state(from);
        step(&mut t);
        assert_eq!(t.state(), to, "{from} --{what}--> {to}");
    }
    // The last three arrows.
    let mut t = closing();
    t.recv(seg(ACK).seq(302).ack(102));
    assert_eq!(
        t.state(),
        State::TimeWait,
        "CLOSING --rcv ACK of FIN--> TIME-WAIT"
    );
    let mut t = last_ack();
    t.recv(seg(ACK).seq(302).ack(102));
    assert_eq!(
        t.state(),
        State::Closed,
        "LAST-ACK --rcv ACK of FIN--> CLOSED"
    );
    let mut t = time_wait();
    t.advance(secs(60));
    assert_eq!(
        t.state(),
        State::Closed,
        "TIME-WAIT --timeout=2MSL--> CLOSED"
    );
}
