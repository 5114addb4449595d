//! The user calls of RFC 9293 §3.10.1-§3.10.5 (OPEN, SEND, CLOSE, ABORT) in
//! each of the eleven states, with the RFC's answer: a state change or one of
//! its errors ("connection does not exist", "connection already exists",
//! "connection closing").

use synack_test_support::tcp;

use synack::tcp::{CallError, State};
use tcp::*;

type Call = fn(&mut Tcb) -> Result<(), CallError>;

fn listen_call(t: &mut Tcb) -> Result<(), CallError> {
    t.listen()
}
fn connect_call(t: &mut Tcb) -> Result<(), CallError> {
    t.connect()
}
fn send_call(t: &mut Tcb) -> Result<(), CallError> {
    t.send(b"data").map(|n| assert_eq!(n, 4))
}
fn close_call(t: &mut Tcb) -> Result<(), CallError> {
    t.close()
}
fn abort_call(t: &mut Tcb) -> Result<(), CallError> {
    t.abort()
}

/// Makes `call` in `state`; on success checks the state it leads to, on error
/// that nothing changed and nothing was sent.
fn check(state: State, call: Call, expected: Result<State, CallError>) {
    let mut t = in_state(state);
    let result = call(&mut t);
    match expected {
        Ok(to) => {
            assert_eq!(result, Ok(()), "call in {state}");
            assert_eq!(t.state(), to, "call in {state}");
        }
        Err(e) => {
            assert_eq!(result, Err(e), "call in {state}");
            assert_eq!(t.state(), state, "a refused call leaves {state} alone");
            t.assert_nothing_sent();
        }
    }
}

macro_rules! calls {
    ($($(#[$doc:meta])* $name:ident: $state:ident, $call:ident => $expected:expr;)*) => {
        $(
            $(#[$doc])*
            #[test]
            fn $name() {
                check(State::$state, $call, $expected);
            }
        )*
    };
}

use CallError::{AlreadyOpen, Closing, NotConnected};

mod open_passive {
    use super::*;
    calls! {
        /// §3.10.1: "If passive, enter the LISTEN state and return."
        closed_listen_enters_listen: Closed, listen_call => Ok(State::Listen);
        /// §3.10.1, all other states: "Return 'error: connection already exists'."
        listen_listen_already_exists: Listen, listen_call => Err(AlreadyOpen);
        syn_sent_listen_already_exists: SynSent, listen_call => Err(AlreadyOpen);
        syn_received_listen_already_exists: SynReceived, listen_call => Err(AlreadyOpen);
        established_listen_already_exists: Established, listen_call => Err(AlreadyOpen);
        fin_wait_1_listen_already_exists: FinWait1, listen_call => Err(AlreadyOpen);
        fin_wait_2_listen_already_exists: FinWait2, listen_call => Err(AlreadyOpen);
        close_wait_listen_already_exists: CloseWait, listen_call => Err(AlreadyOpen);
        closing_listen_already_exists: Closing, listen_call => Err(AlreadyOpen);
        last_ack_listen_already_exists: LastAck, listen_call => Err(AlreadyOpen);
        time_wait_listen_already_exists: TimeWait, listen_call => Err(AlreadyOpen);
    }
}

mod open_active {
    use super::*;
    calls! {
        /// §3.10.1: "A SYN segment of the form <SEQ=ISS><CTL=SYN> is sent. Set
        /// SND.UNA to ISS, SND.NXT to ISS+1, enter SYN-SENT state, and return."
        closed_connect_enters_syn_sent: Closed, connect_call => Ok(State::SynSent);
        /// §3.10.1 LISTEN: "If the OPEN call is active and the remote socket is
        /// specified, then change the connection from passive to active"
        listen_connect_enters_syn_sent: Listen, connect_call => Ok(State::SynSent);
        /// "Return 'error: connection already exists'."
        syn_sent_connect_already_exists: SynSent, connect_call => Err(AlreadyOpen);
        syn_received_connect_already_exists: SynReceived, connect_call => Err(AlreadyOpen);
        established_connect_already_exists: Established, connect_call => Err(AlreadyOpen);
        fin_wait_1_connect_already_exists: FinWait1, connect_call => Err(AlreadyOpen);
        fin_wait_2_connect_already_exists: FinWait2, connect_call => Err(AlreadyOpen);
        close_wait_connect_already_exists: CloseWait, connect_call => Err(AlreadyOpen);
        closing_connect_already_exists: Closing, connect_call => Err(AlreadyOpen);
        last_ack_connect_already_exists: LastAck, connect_call => Err(AlreadyOpen);
        time_wait_connect_already_exists: TimeWait, connect_call => Err(AlreadyOpen);
    }
}

mod send {
    use super::*;
    calls! {
        /// §3.10.2 CLOSED: "Otherwise, return 'error: connection does not exist'."
        closed_send_does_not_exist: Closed, send_call => Err(NotConnected);
        /// §3.10.2 LISTEN: "If the remote socket was not specified, then return
        /// 'error: remote socket unspecified'." `send` names no remote, and the
        /// model has no such error: it answers "does not exist".
        listen_send_is_refused: Listen, send_call => Err(NotConnected);
        /// §3.10.2: "Queue the data for transmission after entering ESTABLISHED state."
        syn_sent_send_is_queued: SynSent, send_call => Ok(State::SynSent);
        syn_received_send_is_queued: SynReceived, send_call => Ok(State::SynReceived);
        /// §3.10.2: "Segmentize the buffer and send it"
        established_send_is_accepted: Established, send_call => Ok(State::Established);
        close_wait_send_is_accepted: CloseWait, send_call => Ok(State::CloseWait);
        /// §3.10.2: "Return 'error: connection closing' and do not service request."
        fin_wait_1_send_is_closing: FinWait1, send_call => Err(Closing);
        fin_wait_2_send_is_closing: FinWait2, send_call => Err(Closing);
        closing_send_is_closing: Closing, send_call => Err(Closing);
        last_ack_send_is_closing: LastAck, send_call => Err(Closing);
        time_wait_send_is_closing: TimeWait, send_call => Err(Closing);
    }
}

mod close {
    use super::*;
    calls! {
        /// §3.10.4 CLOSED: "return 'error: connection does not exist'."
        closed_close_does_not_exist: Closed, close_call => Err(NotConnected);
        /// "Any outstanding RECEIVEs are returned ... Delete TCB, enter CLOSED state"
        listen_close_enters_closed: Listen, close_call => Ok(State::Closed);
        /// "Delete the TCB and return 'error: closing' responses to any queued SENDs"
        syn_sent_close_enters_closed: SynSent, close_call => Ok(State::Closed);
        /// "form a FIN segment and send it, and enter FIN-WAIT-1 state"
        syn_received_close_enters_fin_wait_1: SynReceived, close_call => Ok(State::FinWait1);
        /// "In any case, enter FIN-WAIT-1 state."
        established_close_enters_fin_wait_1: Established, close_call => Ok(State::FinWait1);
        /// "Strictly speaking, this is an error and should receive an 'error:
        /// connection closing' response."
        fin_wait_1_close_is_closing: FinWait1, close_call => Err(Closing);
        fin_wait_2_close_is_closing: FinWait2, close_call => Err(Closing);
        /// "then send a FIN segment, enter LAST-ACK state."
        close_wait_close_enters_last_ack: CloseWait, close_call => Ok(State::LastAck);
        /// "Respond with 'error: connection closing'."
        closing_close_is_closing: Closing, close_call => Err(Closing);
        last_ack_close_is_closing: LastAck, close_call => Err(Closing);
        time_wait_close_is_closing: TimeWait, close_call => Err(Closing);
    }
}

mod abort {
    use super::*;
    calls! {
        /// §3.10.5 CLOSED: "return 'error: connection does not exist'."
        closed_abort_does_not_exist: Closed, abort_call => Err(NotConnected);
        /// "Delete TCB, enter CLOSED state, and return."
        listen_abort_enters_closed: Listen, abort_call => Ok(State::Closed);
        syn_sent_abort_enters_closed: SynSent, abort_call => Ok(State::Closed);
        /// "Send a reset segment ... Delete the TCB, enter CLOSED state"
        syn_received_abort_enters_closed: SynReceived, abort_call => Ok(State::Closed);
        established_abort_enters_closed: Established, abort_call => Ok(State::Closed);
        fin_wait_1_abort_enters_closed: FinWait1, abort_call => Ok(State::Closed);
        fin_wait_2_abort_enters_closed: FinWait2, abort_call => Ok(State::Closed);
        close_wait_abort_enters_closed: CloseWait, abort_call => Ok(State::Closed);
        /// "Respond with 'ok' and delete the TCB, enter CLOSED state"
        closing_abort_enters_closed: Closing, abort_call => Ok(State::Closed);
        last_ack_abort_enters_closed: LastAck, abort_call => Ok(State::Closed);
        time_wait_abort_enters_closed: TimeWait, abort_call => Ok(State::Closed);
    }
}

mod behaviour {
    use super::*;

    #[test]
    fn syn_sent_send_goes_out_after_the_handshake() {
        let mut t = syn_sent();
        t.send(b"early").unwrap();
        t.assert_nothing_sent();
        t.recv(seg(SYN | ACK).seq(300).ack(101));
        // "Data or controls that were queued for transmission MAY be included": the
        // ACK of the SYN rides on the data.
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"early"));
        t.assert_nothing_sent();
    }

    #[test]
    fn established_send_takes_only_what_fits_in_the_buffer() {
        let mut t = Setup::default()
            .config(|c| c.send_buffer = 10)
            .established();
        assert_eq!(t.ep.send(t.now, b"0123456789abcdef"), Ok(10));
        assert_eq!(t.ep.send_room(), 0);
        assert_eq!(t.ep.send(t.now, b"more"), Ok(0));
        t.assert_sent(seg(ACK | PSH).seq(101).ack(301).data(b"0123456789"));
        t.recv(seg(ACK).seq(301).ack(105));
        assert_eq!(t.ep.send_room(), 4, "acknowledged bytes free the buffer");
    }

    #[test]
    fn established_send_after_close_is_closing() {
        let mut t = established();
        t.close().unwrap();
        assert_eq!(t.send(b"late"), Err(Closing));
    }

    #[test]
    fn closed_endpoint_can_open_again_after_a_connection() {
        let mut t = last_ack();
        t.recv(seg(ACK).seq(302).ack(102));
        assert_eq!(t.state(), State::Closed);
        assert_eq!(t.listen(), Ok(()));
        t.recv(seg(SYN).seq(5000));
        t.assert_sent(seg(SYN | ACK).seq(100).ack(5001));
    }

    #[test]
    fn abort_is_not_reported_back_as_an_error() {
        let mut t = established();
        t.abort().unwrap();
        assert!(t.errors().is_empty(), "the application knows it aborted");
    }
}
